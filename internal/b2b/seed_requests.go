package b2b

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// SeedDemoRequests gives the demo forum's requests pages something to show: the
// association joins as a third participant (with an offer), the exporter's request to the carrier is
// accepted (its meeting waits for the organisers' scheduling run) and the association's
// request to the exporter waits for an answer. The demo companies must have joined
// (SeedDemoParticipants). Nothing is added when the programme has requests already.
func (s *Service) SeedDemoRequests(ctx context.Context, eventID int64, exporter, carrier, association DemoCompany) error {
	programmeID, err := programmeIDByEvent(ctx, s.db, eventID)
	if err != nil {
		return err
	}
	if list, err := requestsOfProgramme(ctx, s.db, programmeID); err != nil || len(list) > 0 {
		return err
	}
	if err := s.seedParticipant(ctx, programmeID, association, demoAssociation, demoAssociationOpps); err != nil {
		return err
	}
	var ids [3]int64
	for i, c := range []DemoCompany{exporter, carrier, association} {
		p, err := profileByOrganisation(ctx, s.db, programmeID, c.OrganisationID)
		if err != nil {
			return errors.Join(errors.New("b2b: demo requests need the demo participants"), err)
		}
		ids[i] = p.ID
	}
	now := s.now()
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		accepted := Request{ProgrammeID: programmeID, FromProfileID: ids[0], ToProfileID: ids[1], Priority: PriorityHigh,
			Message: demoRequestMessage, Status: RequestPending, CreatedBy: exporter.UserID, CreatedAt: now}
		if err := insertRequest(ctx, tx, &accepted); err != nil {
			return err
		}
		accepted.Status, accepted.AnsweredBy, accepted.AnsweredAt = RequestAccepted, carrier.UserID, now
		if err := answerRequest(ctx, tx, &accepted); err != nil {
			return err
		}
		m := &Meeting{ProgrammeID: programmeID, RequestID: accepted.ID, Slot: -1, Status: MeetingPlanned, CreatedAt: now, UpdatedAt: now}
		if err := insertMeeting(ctx, tx, m); err != nil {
			return err
		}
		pending := Request{ProgrammeID: programmeID, FromProfileID: ids[2], ToProfileID: ids[0], Priority: PriorityNormal,
			Message: demoPendingMessage, Status: RequestPending, CreatedBy: association.UserID, CreatedAt: now}
		return insertRequest(ctx, tx, &pending)
	})
}

var (
	demoAssociation = ProfileInput{Type: "association", Sectors: []string{"94"}, City: "İzmir", Country: "TR",
		Languages: []string{"tr", "az"}, Description: i18n.Text{
			TR: "İzmir'deki Azerbaycan toplumunu temsil eden dernek; Bakü ile ticari temaslarda köprü olmak istiyor (demo).",
			AZ: "İzmirdəki Azərbaycan icmasını təmsil edən dərnək; Bakı ilə ticarət əlaqələrində körpü olmaq istəyir (demo).",
			EN: "The association of the Azerbaijani community in İzmir, keen to bridge business contacts with Baku (demo).",
		}}
	// The association's offer answers the carrier's request, so the two, who have no
	// request between them, find each other among the recommendations.
	demoAssociationOpps = []OpportunityInput{{Kind: "offer", Category: "partnership", Sectors: []string{"94"}, Countries: []string{"AZ"},
		Title: i18n.Text{TR: "İzmir'de depo ve soğuk hava deposu firmalarıyla tanışma", AZ: "İzmirdə anbar və soyuducu anbar şirkətləri ilə tanışlıq",
			EN: "Introductions to warehouse and cold-storage firms in İzmir"},
		Description: i18n.Text{TR: "Bakülü firmaları İzmir limanı çevresindeki depo, soğuk zincir ve lojistik ortaklarıyla tanıştırıyoruz.",
			AZ: "Bakı şirkətlərini İzmir limanı ətrafındakı anbar, soyuq zəncir və logistika tərəfdaşları ilə tanış edirik.",
			EN: "We introduce firms from Baku to warehouse, cold-chain and logistics partners around the port of İzmir."}}}
	demoRequestMessage = "Bakü'ye düzenli zeytinyağı sevkiyatı için soğuk zincir taşımacılığını konuşmak isteriz."
	demoPendingMessage = "Derneğimizin Bakü'deki iş insanlarıyla kurduğu bağlantıları ihracat planınız için paylaşmak isteriz."
)
