package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// b2bSite is the demo site with a programme on the Bakü forum and two companies: Leyla works
// for an İzmir food exporter, Rəşad for a Bakü logistics firm.
type b2bSite struct {
	a                  *App
	forum              int64
	izmirOrg, bakuOrg  int64
	leyla, rashad, org *client // org: the coordinator
	users              map[string]*identity.User
}

func newB2BSite(t *testing.T, d *db.DB) *b2bSite {
	t.Helper()
	ctx := context.Background()
	s := &b2bSite{a: eventsSite(t, d)}
	s.forum, _ = b2bForum(t, s.a)
	coord := user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	leyla, rashad := user(t, s.a, "leyla@example.org"), user(t, s.a, "rashad@example.org")
	s.users = map[string]*identity.User{"leyla@example.org": leyla, "rashad@example.org": rashad, "koordinator@example.org": coord}
	for _, o := range []struct {
		name, city, country string
		member              *identity.User
		dst                 *int64
	}{{"Ege Gıda İhracat (demo)", "İzmir", "TR", leyla, &s.izmirOrg}, {"Xəzər Logistika (demo)", "Bakı", "AZ", rashad, &s.bakuOrg}} {
		org, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: o.name, Kind: "company", City: o.city, Country: o.country})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.a.Identity.AddMemberByID(ctx, org.ID, o.member.ID, "member"); err != nil {
			t.Fatal(err)
		}
		*o.dst = org.ID
	}
	baku := time.FixedZone("Bakü", 4*3600)
	_, err := s.a.B2B.SaveProgramme(ctx, identity.Viewer(coord), s.forum, b2b.ProgrammeInput{Mode: b2b.Batch,
		OpensAt: time.Date(2026, 11, 1, 9, 0, 0, 0, baku), ClosesAt: time.Date(2026, 12, 2, 18, 0, 0, 0, baku),
		Sessions: []b2b.Session{{StartsAt: time.Date(2026, 12, 3, 13, 30, 0, 0, baku), SlotMinutes: 20, Slots: 10}},
		Tables:   b2b.NumberedTables(10, nil)})
	if err != nil {
		t.Fatal(err)
	}
	s.leyla, s.rashad, s.org = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.leyla.login("leyla@example.org")
	s.rashad.login("rashad@example.org")
	s.org.login("koordinator@example.org")
	return s
}

func (s *b2bSite) joinForm(org int64, userEmail string) url.Values {
	u := s.users[userEmail]
	return url.Values{"organisation_id": {fmt.Sprint(org)}, "type": {"seller"}, "city": {"İzmir"}, "country": {"tr"},
		"attendees": {fmt.Sprint(u.ID)}, "languages": {"tr", "en"}, "sectors": {"10"},
		"description_tr": {"Kuru meyve ve baharat ihracatı; Hazar kıyısında dağıtıcı arıyoruz."}, "description_az": {""}, "description_en": {""}}
}

const forumB2B = "/%s/b2b/baku-izmir-is-forumu"

func TestB2BJoinAndReview(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newB2BSite(t, d)
		join := fmt.Sprintf(forumB2B, "tr") + "/join"
		// Not a participant yet: the list sends the visitor to join.
		if r := s.leyla.get(fmt.Sprintf(forumB2B, "tr") + "/participants"); r.Status != http.StatusSeeOther || r.Header.Get("Location") != join {
			t.Fatalf("participants before joining: %d %q", r.Status, r.Header.Get("Location"))
		}
		s.leyla.get(join).must(t, http.StatusOK, "Ege Gıda İhracat (demo)", "Test leyla@example.org", "Sektör ara")

		// The sector search adds boxes to tick and keeps what was typed.
		form := s.joinForm(s.izmirOrg, "leyla@example.org")
		form.Del("sectors")
		form.Set("action", "sectors")
		form.Set("sector_q", "tekstil")
		s.leyla.post(join, form).must(t, http.StatusOK, `value="13"`, "13 Tekstil ürünlerinin imalatı", "Hazar kıyısında")
		form.Set("sector_q", "zeytin")
		s.leyla.post(join, form).must(t, http.StatusOK, "Bu aramaya uyan sektör bulunamadı.")

		// Mistakes come back with the input, in each language.
		form.Del("action")
		form.Set("country", "Türkiye")
		for lang, msg := range map[string]string{"tr": "En az bir sektör seçin.", "az": "Ən azı bir sahə seçin.", "en": "Choose at least one sector."} {
			s.leyla.post(fmt.Sprintf(forumB2B, lang)+"/join", form).must(t, http.StatusUnprocessableEntity, msg, `value="Türkiye"`, "Hazar kıyısında")
		}
		// Joining for somebody else's organisation is refused.
		s.rashad.post(join, s.joinForm(s.izmirOrg, "rashad@example.org")).must(t, http.StatusForbidden)

		r := s.leyla.post(join, s.joinForm(s.izmirOrg, "leyla@example.org"))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("join: %d\n%.2000s", r.Status, r.Body)
		}
		s.leyla.get(fmt.Sprintf(forumB2B, "tr")+"/profile").must(t, http.StatusOK, "Onay bekliyor", "Profiliniz alındı", "10 Gıda ürünlerinin imalatı")
		s.leyla.get(fmt.Sprintf(forumB2B, "az")+"/profile").must(t, http.StatusOK, "Təsdiq gözləyir", "10 Qida məhsullarının istehsalı")
		// Joined already: the join page (where a forum's page leads) passes on to the profile.
		if r := s.leyla.get(join); r.Status != http.StatusSeeOther || r.Header.Get("Location") != fmt.Sprintf(forumB2B, "tr")+fmt.Sprintf("/profile?org=%d", s.izmirOrg) {
			t.Fatalf("join when joined: %d → %q", r.Status, r.Header.Get("Location"))
		}

		rf := s.joinForm(s.bakuOrg, "rashad@example.org")
		rf.Set("type", "buyer")
		rf.Set("country", "AZ")
		rf.Set("description_tr", "")
		rf.Set("description_az", "Xəzər limanından konteyner daşımaları.")
		s.rashad.post(join, rf).must(t, http.StatusSeeOther)

		// Before validation nobody else sees Leyla's company.
		list := fmt.Sprintf(forumB2B, "en") + "/participants"
		if r := s.rashad.get(list); r.Status != http.StatusOK || strings.Contains(r.Body, "Ege Gıda") {
			t.Fatalf("pending profile listed: %d", r.Status)
		}
		// Another company's member cannot reach Leyla's profile form: the page sends them to join.
		if r := s.rashad.post(fmt.Sprintf(forumB2B, "tr")+fmt.Sprintf("/profile?org=%d", s.izmirOrg), s.joinForm(s.izmirOrg, "rashad@example.org")); r.Status != http.StatusSeeOther {
			t.Fatalf("stranger's edit: %d", r.Status)
		}

		review := fmt.Sprintf("/tr/admin/events/%d/b2b/profiles", s.forum)
		s.leyla.get(review).must(t, http.StatusForbidden)
		s.org.get(review).must(t, http.StatusOK, "Ege Gıda İhracat (demo)", "Xəzər Logistika (demo)", "Onay bekliyor")
		ps, err := s.a.B2B.Participants(context.Background(), identity.Viewer(s.users["koordinator@example.org"]), s.forum, b2b.Filter{})
		if err != nil || len(ps) != 2 {
			t.Fatal(ps, err)
		}
		for _, p := range ps {
			s.leyla.post(fmt.Sprintf("%s/%d", review, p.ID), url.Values{"decision": {"validate"}}).must(t, http.StatusForbidden)
			s.org.post(fmt.Sprintf("%s/%d", review, p.ID), url.Values{"decision": {"validate"}}).must(t, http.StatusSeeOther)
		}
		s.rashad.get(list).must(t, http.StatusOK, "Ege Gıda İhracat (demo)", "Xəzər Logistika (demo)", "10 Manufacture of food products")
		if r := s.rashad.get(list + "?type=buyer"); strings.Contains(r.Body, "Ege Gıda") {
			t.Fatal("type filter ignored")
		}
		if r := s.rashad.get(list + "?q=HAZAR+KIYISI"); !strings.Contains(r.Body, "Ege Gıda") || strings.Contains(r.Body, "<h2>Xəzər") {
			t.Fatalf("folded search: %.3000s", r.Body)
		}
		s.rashad.get(fmt.Sprintf(forumB2B, "az")+"/participants?country=tr&language=en&sector=10").must(t, http.StatusOK, "Ege Gıda İhracat (demo)")

		// A rejection needs a reason, which the company then reads.
		leylaProfile := ps[0].ID
		if ps[0].OrganisationID != s.izmirOrg {
			leylaProfile = ps[1].ID
		}
		s.org.post(fmt.Sprintf("%s/%d", review, leylaProfile), url.Values{"decision": {"reject"}, "reason": {""}}).must(t, http.StatusSeeOther)
		s.org.get(review).must(t, http.StatusOK, "Reddetmek için bir gerekçe yazın.")
		s.org.post(fmt.Sprintf("%s/%d", review, leylaProfile), url.Values{"decision": {"reject"}, "reason": {"Tanıtım çok kısa."}}).must(t, http.StatusSeeOther)
		s.leyla.get(fmt.Sprintf(forumB2B, "tr")+"/profile").must(t, http.StatusOK, "Reddedildi", "Tanıtım çok kısa.")

		// Organisers give a participant a fixed table; a second claim on it is refused.
		s.org.post(fmt.Sprintf("%s/%d", review, leylaProfile), url.Values{"decision": {"table"}, "fixed_table": {"4"}}).must(t, http.StatusSeeOther)
		other := ps[0].ID + ps[1].ID - leylaProfile
		s.org.post(fmt.Sprintf("%s/%d", review, other), url.Values{"decision": {"table"}, "fixed_table": {"4"}}).must(t, http.StatusSeeOther)
		s.org.get(review).must(t, http.StatusOK, "Bu masa başka bir katılımcıya ayrıldı.", `value="4"`)
		s.leyla.post(fmt.Sprintf("%s/%d", review, other), url.Values{"decision": {"table"}, "fixed_table": {"5"}}).must(t, http.StatusForbidden)
	})
}

func TestB2BProfilesAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newB2BSite(t, d)
		path := fmt.Sprintf("/api/v1/events/%d/b2b/profiles", s.forum)
		body := func(org int64, user, city string) string {
			return fmt.Sprintf(`{"organisation_id":%d,"attendees":[%d],"type":"buyer","sectors":["46","52"],"city":%q,"country":"az",
				"languages":["az","ru"],"description":{"tr":"","az":"Konteyner daşımaları və anbar xidmətləri.","en":""}}`, org, s.users[user].ID, city)
		}
		anon := newClient(t, s.a)
		anon.api("POST", path, body(s.bakuOrg, "rashad@example.org", "Bakı"), "").must(t, http.StatusUnauthorized)
		anon.api("GET", path, "", "").must(t, http.StatusUnauthorized)
		s.leyla.api("POST", path, body(s.bakuOrg, "rashad@example.org", "Bakı"), "").must(t, http.StatusForbidden)
		s.rashad.api("POST", path, strings.Replace(body(s.bakuOrg, "rashad@example.org", "Bakı"), `"46","52"`, `"4"`, 1), "").
			must(t, http.StatusUnprocessableEntity, `"sectors"`)
		r := s.rashad.api("POST", path, body(s.bakuOrg, "rashad@example.org", "Bakı"), "")
		r.must(t, http.StatusCreated, `"status":"pending"`, `"name":"Xəzər Logistika (demo)"`, `"sectors":["46","52"]`, `"country":"AZ"`)
		s.rashad.api("POST", path, body(s.bakuOrg, "rashad@example.org", "Bakı"), "").must(t, http.StatusUnprocessableEntity, `"organisation_id"`)
		loc := r.Header.Get("Location")

		// Leyla is no participant yet: she sees neither the list nor the pending profile.
		s.leyla.api("GET", path, "", "").must(t, http.StatusForbidden)
		s.leyla.api("GET", loc, "", "").must(t, http.StatusNotFound)
		s.leyla.api("PUT", loc, body(s.bakuOrg, "rashad@example.org", "Gəncə"), "").must(t, http.StatusForbidden)
		s.rashad.api("PUT", loc, body(s.bakuOrg, "rashad@example.org", "Sumqayıt"), "").must(t, http.StatusOK, `"city":"Sumqayıt"`)
		s.org.api("GET", path+"?status=pending", "", "").must(t, http.StatusOK, `"Sumqayıt"`)
		s.rashad.api("GET", path, "", "").must(t, http.StatusOK)
		if r := s.rashad.api("GET", path, "", ""); r.Body != "[]\n" && r.Body != "[]" {
			t.Fatalf("a pending participant lists unvalidated profiles: %s", r.Body)
		}
	})
}
