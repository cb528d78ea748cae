package b2b

import (
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

func offer(org int64) OpportunityInput {
	return OpportunityInput{OrganisationID: org, Kind: "offer", Category: "distribution",
		Title:       i18n.Text{TR: "Hazar bölgesinde zeytinyağı dağıtıcısı arıyoruz"},
		Description: i18n.Text{TR: "Soğuk sıkım sızma zeytinyağı için Bakü'de dağıtım ortağı."},
		Sectors:     []string{"10"}, Countries: []string{"az", "GE"}}
}

func TestOpportunities(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newProfiles(t, d)
		p := f.join(t, f.member, f.forum, f.input(f.izmir, f.member))
		// A pending participant cannot post yet.
		_, err := f.svc.CreateOpportunity(ctx, f.member, f.forum, offer(f.izmir))
		fieldErr(t, err, "organisation_id", "b2b.error.not_validated")
		if err := f.svc.Validate(ctx, f.coordinator, p.ID); err != nil {
			t.Fatal(err)
		}
		// Posting for another company is refused.
		if _, err := f.svc.CreateOpportunity(ctx, f.rashad, f.forum, offer(f.izmir)); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("posts for a stranger's company: %v", err)
		}
		o, err := f.svc.CreateOpportunity(ctx, f.orhan, f.forum, offer(f.izmir))
		if err != nil {
			t.Fatal(err)
		}
		if o.Organisation.Name != "Ege Zeytinyağı Üreticileri (demo)" || o.Countries[0] != "AZ" {
			t.Fatalf("posted: %+v", o)
		}
		in := f.input(f.baku, f.rashad)
		q := f.join(t, f.rashad, f.forum, in)
		if err := f.svc.Validate(ctx, f.coordinator, q.ID); err != nil {
			t.Fatal(err)
		}
		req := OpportunityInput{OrganisationID: f.baku, Kind: "request", Category: "supplier",
			Title: i18n.Text{AZ: "Qablaşdırma materialı təchizatçısı axtarırıq"}, Description: i18n.Text{EN: "Cardboard boxes and pallets."},
			Sectors: []string{"17", "52"}}
		r, err := f.svc.CreateOpportunity(ctx, f.rashad, f.forum, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			f    OpportunityFilter
			want []int64
		}{
			{OpportunityFilter{}, []int64{r.ID, o.ID}},
			{OpportunityFilter{Kind: "request"}, []int64{r.ID}},
			{OpportunityFilter{Category: "distribution"}, []int64{o.ID}},
			{OpportunityFilter{Sector: "52"}, []int64{r.ID}},
			{OpportunityFilter{Country: "ge"}, []int64{r.ID, o.ID}}, // open to any country, or targeting Georgia
			{OpportunityFilter{Country: "DE"}, []int64{r.ID}},
			{OpportunityFilter{Query: "QABLASDIRMA"}, []int64{r.ID}},
			{OpportunityFilter{Query: "zeytinyagi baku"}, []int64{o.ID}},
		} {
			list, err := f.svc.Opportunities(ctx, f.rashad, f.forum, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, x := range list {
				ids = append(ids, x.ID)
			}
			if !sameIDs(ids, tc.want) {
				t.Errorf("filter %+v = %v, want %v", tc.f, ids, tc.want)
			}
		}
		// Edit and delete own only.
		changed := offer(f.baku) // the organisation cannot be changed by editing
		changed.Title = i18n.Text{EN: "Distributor wanted around the Caspian"}
		if _, err := f.svc.UpdateOpportunity(ctx, f.rashad, o.ID, changed); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another company edits: %v", err)
		}
		if err := f.svc.DeleteOpportunity(ctx, f.rashad, o.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another company deletes: %v", err)
		}
		got, err := f.svc.UpdateOpportunity(ctx, f.member, o.ID, changed)
		if err != nil || got.OrganisationID != f.izmir || got.Title.EN != "Distributor wanted around the Caspian" {
			t.Fatalf("edit: %+v %v", got, err)
		}
		// A participant of another programme sees nothing.
		f.join(t, f.selin, f.otherForum, f.input(f.other, f.selin))
		if _, err := f.svc.Opportunities(ctx, f.selin, f.forum, OpportunityFilter{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("another programme lists: %v", err)
		}
		if _, err := f.svc.Opportunity(ctx, f.selin, o.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("another programme reads: %v", err)
		}
		if err := f.svc.DeleteOpportunity(ctx, f.orhan, o.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Opportunity(ctx, f.orhan, o.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("after delete: %v", err)
		}
	})
}

func TestOpportunityValidation(t *testing.T) {
	for _, tc := range []struct {
		name, field, key string
		change           func(in *OpportunityInput)
	}{
		{"kind", "kind", "form.choice", func(in *OpportunityInput) { in.Kind = "gift" }},
		{"category", "category", "form.choice", func(in *OpportunityInput) { in.Category = "charity" }},
		{"title", "title", "b2b.error.title_required", func(in *OpportunityInput) { in.Title = i18n.Text{AZ: "  "} }},
		{"title on two lines", "title_tr", "form.too_long", func(in *OpportunityInput) { in.Title.TR = "Bir\nİki" }},
		{"description", "description", "b2b.error.description_required", func(in *OpportunityInput) { in.Description = i18n.Text{} }},
		{"sector", "sectors", "b2b.error.sector_unknown", func(in *OpportunityInput) { in.Sectors = []string{"99", "A"} }},
		{"country", "countries", "b2b.error.countries", func(in *OpportunityInput) { in.Countries = []string{"Azerbaycan"} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := offer(1)
			tc.change(&in)
			if errs := in.validate(); errs[tc.field] != tc.key {
				t.Fatalf("errors = %v, want %s: %s", errs, tc.field, tc.key)
			}
		})
	}
}
