package b2b

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// SeedDemo gives the demo business forum (3 December 2026 in Bakü) a programme: one
// afternoon session of ten 20-minute meetings from 13:30 with a 10-minute break after the
// fifth, ten numbered tables, batch scheduling and requests open through November. Loading
// it twice changes nothing.
func (s *Service) SeedDemo(ctx context.Context, eventID int64) error {
	ev, err := s.events.Event(ctx, nil, eventID)
	if err != nil {
		return err
	}
	if _, err := programmeByEvent(ctx, s.db, eventID); !errors.Is(err, ErrNotFound) {
		return err // set up already (nil), or the database failed
	}
	loc := ev.Location()
	in := ProgrammeInput{
		Mode:            Batch,
		OpensAt:         time.Date(2026, 11, 1, 9, 0, 0, 0, loc),
		ClosesAt:        time.Date(2026, 12, 2, 18, 0, 0, 0, loc),
		MaxOpenRequests: 15,
		Sessions: []Session{{StartsAt: time.Date(2026, 12, 3, 13, 30, 0, 0, loc), SlotMinutes: 20, Slots: 10,
			MaxMeetings: 8, Breaks: []Break{{AfterSlot: 5, Minutes: 10}}}},
		Tables: NumberedTables(10, nil),
	}
	_, err = s.save(ctx, ev, in)
	return err
}

// DemoCompany is a demo organisation with the account that represents it at the forum.
type DemoCompany struct {
	OrganisationID int64
	UserID         int64
}

// SeedDemoParticipants adds the two demo companies to the demo forum's programme as
// validated participants, each with an offer or request, so the participant list and the
// marketplace show something. exporter is the İzmir food exporter, carrier the Bakü logistics
// firm (both made up). A company that has joined already is left as it is.
func (s *Service) SeedDemoParticipants(ctx context.Context, eventID int64, exporter, carrier DemoCompany) error {
	programmeID, err := programmeIDByEvent(ctx, s.db, eventID)
	if err != nil {
		return err
	}
	for _, demo := range []struct {
		company DemoCompany
		profile ProfileInput
		opps    []OpportunityInput
	}{{exporter, demoExporter, demoExporterOpps}, {carrier, demoCarrier, demoCarrierOpps}} {
		if err := s.seedParticipant(ctx, programmeID, demo.company, demo.profile, demo.opps); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) seedParticipant(ctx context.Context, programmeID int64, c DemoCompany, in ProfileInput, opps []OpportunityInput) error {
	if _, err := profileByOrganisation(ctx, s.db, programmeID, c.OrganisationID); !errors.Is(err, ErrNotFound) {
		return err
	}
	in.OrganisationID, in.Attendees = c.OrganisationID, []int64{c.UserID}
	if errs := in.validate([]Person{{UserID: c.UserID}}); len(errs) > 0 {
		return errs
	}
	now := s.now()
	p := &Profile{ProgrammeID: programmeID, ProfileInput: in, Status: Validated, CreatedAt: now, UpdatedAt: now}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := insertProfile(ctx, tx, p, c.UserID); err != nil {
			return err
		}
		for _, o := range opps {
			o.OrganisationID = c.OrganisationID
			if errs := o.validate(); len(errs) > 0 {
				return errs
			}
			opp := &Opportunity{ProgrammeID: programmeID, ProfileID: p.ID, OpportunityInput: o, CreatedAt: now, UpdatedAt: now}
			if err := insertOpportunity(ctx, tx, opp, c.UserID); err != nil {
				return err
			}
		}
		return nil
	})
}

var (
	demoExporter = ProfileInput{Type: "seller", Sectors: []string{"10", "46"}, City: "İzmir", Country: "TR",
		Languages: []string{"tr", "en"}, Description: i18n.Text{
			TR: "Ege'de zeytinyağı ve sofralık zeytin üreten, ihracata yeni açılan orta ölçekli bir işletme (demo).",
			AZ: "Egey bölgəsində zeytun yağı və süfrə zeytunu istehsal edən, ixraca yeni başlayan orta müəssisə (demo).",
			EN: "A mid-sized Aegean producer of olive oil and table olives, new to exporting (demo).",
		}}
	demoExporterOpps = []OpportunityInput{{Kind: "offer", Category: "distribution", Sectors: []string{"10"}, Countries: []string{"AZ", "GE"},
		Title: i18n.Text{TR: "Zeytinyağı için Azerbaycan'da dağıtım ortağı", AZ: "Zeytun yağı üçün Azərbaycanda distribusiya tərəfdaşı",
			EN: "Distribution partner for olive oil in Azerbaijan"},
		Description: i18n.Text{TR: "Soğuk sıkım zeytinyağımızı Bakü'deki market zincirlerine ulaştıracak bir dağıtıcı arıyoruz.",
			AZ: "Soyuq sıxılmış zeytun yağımızı Bakıdakı market şəbəkələrinə çatdıracaq distribyutor axtarırıq.",
			EN: "We are looking for a distributor to bring our cold-pressed olive oil to supermarket chains in Baku."}}}
	demoCarrier = ProfileInput{Type: "seller", Sectors: []string{"49", "52"}, City: "Bakı", Country: "AZ",
		Languages: []string{"az", "ru", "en"}, Description: i18n.Text{
			TR: "Hazar limanları ile Türkiye arasında kara ve demir yolu taşımacılığı yapan bir lojistik firması (demo).",
			AZ: "Xəzər limanları ilə Türkiyə arasında avtomobil və dəmir yolu daşımaları aparan logistika şirkəti (demo).",
			EN: "A logistics firm running road and rail freight between the Caspian ports and Türkiye (demo).",
		}}
	demoCarrierOpps = []OpportunityInput{{Kind: "request", Category: "partnership", Sectors: []string{"52"}, Countries: []string{"TR"},
		Title: i18n.Text{TR: "İzmir'de antrepo ve soğuk hava deposu ortağı", AZ: "İzmirdə anbar və soyuducu anbar tərəfdaşı",
			EN: "Warehouse and cold-storage partner in İzmir"},
		Description: i18n.Text{TR: "İzmir limanına yakın, gıda ürünleri için soğuk zincir depolama sunabilecek bir ortak arıyoruz.",
			AZ: "İzmir limanına yaxın, qida məhsulları üçün soyuq zəncir anbarı təklif edə biləcək tərəfdaş axtarırıq.",
			EN: "We are looking for a partner near the port of İzmir offering cold-chain storage for food products."}}}
)
