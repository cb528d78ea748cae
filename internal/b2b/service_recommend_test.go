package b2b

import (
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

func TestRecommendationsLeaveOutThoseAlreadyAsked(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		_, err := f.svc.CreateOpportunity(ctx, f.rashad, f.forum, OpportunityInput{OrganisationID: f.baku, Kind: "request",
			Category: "supplier", Sectors: []string{"10"}, Title: i18n.Text{TR: "Zeytinyağı tedarikçisi arıyoruz"},
			Description: i18n.Text{TR: "Bakü marketleri için soğuk sıkım zeytinyağı."}})
		if err != nil {
			t.Fatal(err)
		}
		list, err := f.svc.Recommendations(ctx, f.member, f.forum, 0, RecommendationCount)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].Profile.ID != f.carrier.ID || list[0].Profile.Organisation.Name != "Xəzər Logistika (demo)" ||
			len(list[0].Suggestion.Why) == 0 {
			t.Fatalf("suggestions: %+v", list)
		}
		// Another forum's participants are never suggested; a stranger gets none.
		if _, err := f.svc.Recommendations(ctx, f.kamran, f.forum, 0, RecommendationCount); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a stranger's suggestions: %v", err)
		}
		rv := f.send(t, f.member, f.carrier)
		if _, err := f.svc.DeclineRequest(ctx, f.rashad, rv.ID, ""); err != nil {
			t.Fatal(err)
		}
		// Even declined: the carrier has decided, so it is not suggested again, either way.
		for _, v := range []struct {
			name string
			list func() ([]Recommendation, error)
		}{
			{"exporter", func() ([]Recommendation, error) { return f.svc.Recommendations(ctx, f.orhan, f.forum, 0, 20) }},
			{"carrier", func() ([]Recommendation, error) { return f.svc.Recommendations(ctx, f.rashad, f.forum, 0, 20) }},
		} {
			if got, err := v.list(); err != nil || len(got) != 0 {
				t.Fatalf("%s still gets %+v (%v)", v.name, got, err)
			}
		}
	})
}
