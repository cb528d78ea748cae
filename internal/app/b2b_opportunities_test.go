package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// validatedB2BSite is newB2BSite with both companies joined and approved.
func validatedB2BSite(t *testing.T, d *db.DB) *b2bSite {
	t.Helper()
	s := newB2BSite(t, d)
	join := fmt.Sprintf(forumB2B, "tr") + "/join"
	s.leyla.post(join, s.joinForm(s.izmirOrg, "leyla@example.org")).must(t, http.StatusSeeOther)
	rf := s.joinForm(s.bakuOrg, "rashad@example.org")
	rf.Set("country", "AZ")
	s.rashad.post(join, rf).must(t, http.StatusSeeOther)
	coord := identity.Viewer(s.users["koordinator@example.org"])
	ps, err := s.a.B2B.Participants(context.Background(), coord, s.forum, b2b.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if err := s.a.B2B.Validate(context.Background(), coord, p.ID); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestB2BOpportunityPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := validatedB2BSite(t, d)
		list := fmt.Sprintf(forumB2B, "tr") + "/opportunities"
		if r := s.org.get(list); r.Status != http.StatusOK {
			t.Fatalf("organisers browse the marketplace: %d", r.Status)
		}
		stranger := newClient(t, s.a)
		user(t, s.a, "yabanci@example.org")
		stranger.login("yabanci@example.org")
		if r := stranger.get(list); r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Header.Get("Location"), "/join") {
			t.Fatalf("a non-participant browses: %d %q", r.Status, r.Header.Get("Location"))
		}
		s.leyla.get(list+"/new").must(t, http.StatusOK, "Ege Gıda İhracat (demo)", "Sektör ara")
		form := url.Values{"organisation_id": {fmt.Sprint(s.izmirOrg)}, "kind": {"offer"}, "category": {"distribution"},
			"title_tr": {"Hazar kıyısında kuru meyve dağıtıcısı"}, "title_az": {""}, "title_en": {""},
			"description_tr": {"Kuru incir ve kayısı için Bakü'de dağıtım ortağı arıyoruz."}, "description_az": {""}, "description_en": {""},
			"countries": {"az, ge"}}
		// No sector yet, and a bad country: errors in every language, input kept.
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("countries", "Azerbaycan")
		for lang, msg := range map[string]string{"tr": "En az bir sektör seçin.", "az": "Ən azı bir sahə seçin.", "en": "Choose at least one sector."} {
			s.leyla.post(fmt.Sprintf(forumB2B, lang)+"/opportunities", bad).must(t, http.StatusUnprocessableEntity, msg,
				`value="Azerbaycan"`, "Kuru incir ve kayısı")
		}
		// The sector search finds "gıda" without JavaScript.
		bad.Set("action", "sectors")
		bad.Set("sector_q", "GIDA")
		s.leyla.post(list, bad).must(t, http.StatusOK, "10 Gıda ürünlerinin imalatı", "Kuru incir ve kayısı")
		// Rəşad cannot post for Leyla's company.
		form.Set("sectors", "10")
		s.rashad.post(list, form).must(t, http.StatusForbidden)
		s.leyla.post(list, form).must(t, http.StatusSeeOther)
		s.rashad.get(list).must(t, http.StatusOK, "Hazar kıyısında kuru meyve dağıtıcısı", "Teklif · Dağıtım", "AZ, GE")
		s.rashad.get(fmt.Sprintf(forumB2B, "en")+"/opportunities?kind=offer&sector=10&country=AZ&q=KAYISI").must(t, http.StatusOK, "Hazar kıyısında")
		if r := s.rashad.get(list + "?kind=request"); strings.Contains(r.Body, "Hazar kıyısında") {
			t.Fatal("kind filter ignored")
		}
		if r := s.rashad.get(list); strings.Contains(r.Body, "/delete") {
			t.Fatal("delete offered on another company's opportunity")
		}
		os, err := s.a.B2B.Opportunities(context.Background(), identity.Viewer(s.users["leyla@example.org"]), s.forum, b2b.OpportunityFilter{})
		if err != nil || len(os) != 1 {
			t.Fatal(os, err)
		}
		one := fmt.Sprintf("%s/%d", list, os[0].ID)
		s.rashad.get(one).must(t, http.StatusForbidden)
		s.rashad.post(one, form).must(t, http.StatusForbidden)
		s.rashad.post(one+"/delete", nil).must(t, http.StatusForbidden)
		s.leyla.get(one).must(t, http.StatusOK, `value="Hazar kıyısında kuru meyve dağıtıcısı"`, `value="AZ, GE"`)
		form.Set("title_en", "Dried fruit distributor on the Caspian")
		s.leyla.post(one, form).must(t, http.StatusSeeOther)
		s.rashad.get(fmt.Sprintf(forumB2B, "en")+"/opportunities").must(t, http.StatusOK, "Dried fruit distributor on the Caspian", "Offer · Distribution")
		s.leyla.post(one+"/delete", nil).must(t, http.StatusSeeOther)
		s.leyla.get(list).must(t, http.StatusOK, "Fırsat silindi.", "Bu seçime uyan fırsat yok.")
	})
}

func TestB2BOpportunitiesAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := validatedB2BSite(t, d)
		path := fmt.Sprintf("/api/v1/events/%d/b2b/opportunities", s.forum)
		body := fmt.Sprintf(`{"organisation_id":%d,"kind":"request","category":"supplier","title":{"tr":"","az":"Soyuq zəncir anbarı axtarırıq","en":""},
			"description":{"tr":"","az":"İzmir limanı yaxınlığında soyuducu anbar.","en":""},"sectors":["52"],"countries":["tr"]}`, s.bakuOrg)
		newClient(t, s.a).api("GET", path, "", "").must(t, http.StatusUnauthorized)
		s.leyla.api("POST", path, body, "").must(t, http.StatusForbidden)
		s.rashad.api("POST", path, strings.Replace(body, `"52"`, `"C"`, 1), "").must(t, http.StatusUnprocessableEntity, `"sectors"`)
		r := s.rashad.api("POST", path, body, "")
		r.must(t, http.StatusCreated, `"countries":["TR"]`, `"name":"Xəzər Logistika (demo)"`)
		loc := r.Header.Get("Location")
		s.leyla.api("GET", path+"?q=soyuducu&country=TR", "", "").must(t, http.StatusOK, "Soyuq zəncir anbarı axtarırıq")
		s.leyla.api("GET", loc, "", "").must(t, http.StatusOK, `"kind":"request"`)
		s.leyla.api("PUT", loc, body, "").must(t, http.StatusForbidden)
		s.leyla.api("DELETE", loc, "", "").must(t, http.StatusForbidden)
		s.rashad.api("PUT", loc, strings.Replace(body, `"supplier"`, `"partnership"`, 1), "").must(t, http.StatusOK, `"category":"partnership"`)
		s.rashad.api("DELETE", loc, "", "").must(t, http.StatusNoContent)
		s.rashad.api("GET", loc, "", "").must(t, http.StatusNotFound)
	})
}
