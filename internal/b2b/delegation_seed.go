package b2b

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// The demo delegation: İzmir companies travel to Bakü in December of the 40th year, after the
// business forum, with a public itinerary. Institutions are named, never private persons.

const demoDelegationSlug = "izmir-baku-ticaret-heyeti-2026"

var demoDelegation = DelegationInput{
	Slug: demoDelegationSlug, Direction: IzmirToBaku, Status: DelegationAnnounced,
	StartsOn: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC), EndsOn: time.Date(2026, 12, 17, 0, 0, 0, 0, time.UTC),
	Title: i18n.Text{
		TR: "İzmir–Bakü Ticaret Heyeti: Gıda, Lojistik ve Limanlar",
		AZ: "İzmir–Bakı Ticarət Nümayəndə Heyəti: Qida, Logistika və Limanlar",
		EN: "İzmir–Baku Trade Delegation: Food, Logistics and Ports",
	},
	Purpose: i18n.Text{
		TR: "Kardeşliğin 40. yılında İzmirli gıda üreticileri ve lojistik firmaları Bakü'deki alıcılar, limanlar ve kamu kurumlarıyla tanışıyor.\n\nZeytinyağı, kuru meyve ve tekstil ihracatçıları ile liman ve taşımacılık firmaları başvurabilir.",
		AZ: "Qardaşlığın 40-cı ilində İzmirli qida istehsalçıları və logistika şirkətləri Bakıdakı alıcılar, limanlar və dövlət qurumları ilə tanış olur.\n\nZeytun yağı, quru meyvə və toxuculuq ixracatçıları, həmçinin liman və daşıma şirkətləri müraciət edə bilər.",
		EN: "In the 40th year of the sisterhood, food producers and logistics firms from İzmir meet buyers, ports and public bodies in Baku.\n\nExporters of olive oil, dried fruit and textiles, and port and transport firms, may apply.",
	},
	Host:     "Bakı Şəhəri İcra Hakimiyyəti",
	Sectors:  []string{"10", "13", "52"},
	Deadline: time.Date(2026, 12, 4, 18, 0, 0, 0, i18n.MustLocation("Asia/Baku")),
}

// demoItinerary is the public programme, in Bakü time.
func demoItinerary() []ItemInput {
	baku := i18n.MustLocation("Asia/Baku")
	at := func(day, h, m int) time.Time { return time.Date(2026, 12, day, h, m, 0, 0, baku) }
	return []ItemInput{
		{Kind: "visit", StartsAt: at(14, 15, 0), EndsAt: at(14, 16, 30), Place: "Bakı Şəhəri İcra Hakimiyyəti",
			Title: i18n.Text{TR: "Bakü Şehri İcra Hakimiyeti'ne nezaket ziyareti", AZ: "Bakı Şəhəri İcra Hakimiyyətinə nəzakət səfəri", EN: "Courtesy visit to the Baku City Executive Power"}},
		{Kind: "visit", StartsAt: at(15, 10, 0), EndsAt: at(15, 13, 0), Place: "Bakı Beynəlxalq Dəniz Ticarət Limanı, Ələt",
			Title:       i18n.Text{TR: "Bakü Uluslararası Deniz Ticaret Limanı gezisi", AZ: "Bakı Beynəlxalq Dəniz Ticarət Limanına səfər", EN: "Tour of the Port of Baku at Ələt"},
			Description: i18n.Text{TR: "İzmir limanlarıyla bağlantılı konteyner ve feribot hatları.", AZ: "İzmir limanları ilə əlaqəli konteyner və bərə xətləri.", EN: "Container and ferry links with İzmir's ports."}},
		{Kind: "b2b_session", StartsAt: at(16, 10, 0), EndsAt: at(16, 13, 0), Place: "Bakı Ekspo Mərkəzi",
			Title: i18n.Text{TR: "Bakülü alıcılarla B2B görüşmeleri", AZ: "Bakılı alıcılarla B2B görüşləri", EN: "B2B meetings with buyers in Baku"}},
		{Kind: "meeting", StartsAt: at(17, 11, 0), EndsAt: at(17, 12, 30), Place: "Bakı",
			Title: i18n.Text{TR: "Azerbaycan İhracat ve Yatırım Teşvik Ajansı ile toplantı", AZ: "Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi ilə görüş", EN: "Meeting with the Azerbaijan Export and Investment Promotion Agency"}},
	}
}

// SeedDemoDelegation adds the demo delegation and its itinerary once; loading the demo
// again changes nothing.
func (s *Delegations) SeedDemoDelegation(ctx context.Context) error {
	if _, err := delegationBySlug(ctx, s.db, demoDelegationSlug); !errors.Is(err, ErrNotFound) {
		return err // there already (nil), or the database failed
	}
	in := demoDelegation
	if errs := in.validate(); len(errs) > 0 {
		return errs
	}
	now := s.now()
	d := &Delegation{DelegationInput: in, CreatedAt: now, UpdatedAt: now}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		if err := insertDelegation(ctx, tx, d, 0); err != nil {
			return err
		}
		for _, item := range demoItinerary() {
			if errs := item.validate(d, nil); len(errs) > 0 {
				return errs
			}
			if err := saveItem(ctx, tx, &Item{DelegationID: d.ID, ItemInput: item}); err != nil {
				return err
			}
		}
		return nil
	})
}
