package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

func TestProposalPartnersPickedFromPlatform(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		baku, err := s.a.Identity.SeedOrganisation(context.Background(), identity.Organisation{Name: "Bakı Gənclər Mərkəzi (test)", Kind: "association", City: "Bakı", Country: "AZ"})
		if err != nil {
			t.Fatal(err)
		}
		// The form offers the platform's organisations of both cities, and free text.
		s.aysel.get("/tr/proposals/new").must(t, http.StatusOK, "Platformdaki ortak", "Bakı Gənclər Mərkəzi (test) · Bakı",
			"Xəzər Logistika (test) · İzmir", "Listede yok", `name="partner_name"`)

		form := url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {"Ortaklı öneri"}, "action": {"save"},
			"partner_org": {fmt.Sprint(baku.ID), "", ""}, "partner_name": {"", "Ege Üniversitesi Kulübü", ""}, "partner_city": {"", "İzmir", ""}}

		// An organisation the platform does not know, or a value that is no id: refused on its row, typed text kept.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = append([]string{}, v...)
		}
		bad["partner_org"][0] = "999999"
		s.aysel.post("/tr/proposals/new", bad).must(t, http.StatusUnprocessableEntity, "Bu kuruluş bulunamadı", `value="Ege Üniversitesi Kulübü"`)
		bad["partner_org"][0] = "Bakı"
		s.aysel.post("/tr/proposals/new", bad).must(t, http.StatusUnprocessableEntity, "Bu kuruluş bulunamadı")
		bad["partner_org"][0] = "999999"
		s.aysel.post("/tr/proposals/new/autosave", bad).must(t, http.StatusUnprocessableEntity, `"partner_0"`)

		// A pick is stored with its organisation and named as the platform names it; free text beside it.
		r := s.aysel.post("/tr/proposals/new", form)
		r.must(t, http.StatusSeeOther)
		id := pcIDOf(t, r)
		s.aysel.get("/tr/proposals/"+id+"/edit").must(t, http.StatusOK, fmt.Sprintf(`<option value="%d" selected>`, baku.ID),
			`value="Bakı Gənclər Mərkəzi (test)"`, `value="Ege Üniversitesi Kulübü"`)
		s.aysel.api("GET", "/api/v1/proposals/"+id, "", "").must(t, http.StatusOK,
			fmt.Sprintf(`{"organisation_id":%d,"name":"Bakı Gənclər Mərkəzi (test)","city":"Bakı"}`, baku.ID), `{"name":"Ege Üniversitesi Kulübü","city":"İzmir"}`)

		// Through the API too: an id alone brings the name; an unknown id is refused on its row.
		body := fmt.Sprintf(`{"organisation_id":%d,"partners":[{"organisation_id":%d}]}`, s.association, baku.ID)
		s.aysel.api("POST", "/api/v1/proposals", body, "").must(t, http.StatusCreated, `"name":"Bakı Gənclər Mərkəzi (test)"`)
		body = fmt.Sprintf(`{"organisation_id":%d,"partners":[{"name":"Ege"},{"organisation_id":999999}]}`, s.association)
		s.aysel.api("POST", "/api/v1/proposals", body, "").must(t, http.StatusUnprocessableEntity, `"partner_1"`)
	})
}
