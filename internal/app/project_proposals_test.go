package app

import (
	"bytes"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/project"
)

// pcSite: a coordinator, an association with one member (Aysel) and a company with
// another (Murad), on the demo partnership.
type pcSite struct {
	a                   *App
	coord, aysel, murad *client
	association         int64
}

func newPCSite(t *testing.T, d *db.DB) *pcSite {
	t.Helper()
	ctx := context.Background()
	s := &pcSite{a: newTestAppOn(t, d)}
	if err := s.a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	aysel, murad := user(t, s.a, "aysel@example.org"), user(t, s.a, "murad@example.org")
	for i, m := range []*identity.User{aysel, murad} {
		org, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: []string{"İzmir Azerbaycan Derneği (test)", "Xəzər Logistika (test)"}[i],
			Kind: []string{"association", "company"}[i], City: "İzmir", Country: "TR"})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.a.Identity.AddMemberByID(ctx, org.ID, m.ID, "member"); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			s.association = org.ID
		}
	}
	s.coord, s.aysel, s.murad = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.coord.login("koordinator@example.org")
	s.aysel.login("aysel@example.org")
	s.murad.login("murad@example.org")
	return s
}

// openCall creates a published call through the editor, open from yesterday for closesIn.
func (s *pcSite) openCall(t *testing.T, slug string, closesIn time.Duration) {
	t.Helper()
	now := time.Now().In(time.FixedZone("İzmir", 3*3600))
	form := url.Values{"title_tr": {"Gençlik çağrısı " + slug}, "slug": {slug}, "themes": {"youth"}, "published": {"1"}, "joint_approval": {"1"},
		"opens_at": {now.Add(-24 * time.Hour).Format("2006-01-02T15:04")}, "closes_at": {now.Add(closesIn).Format("2006-01-02T15:04")},
		"q_id": {"", ""}, "q_tr": {"Kaç gönüllü?", ""}, "q_az": {"", ""}, "q_en": {"", ""}, "q_kind": {"number", "text"}, "q_choices": {"", ""}, "q_required": {"1", "0"},
		"c_id": {""}, "c_tr": {"Etki"}, "c_az": {""}, "c_en": {""}, "c_weight": {"60"}}
	s.coord.post("/tr/admin/calls", form).must(t, http.StatusSeeOther)
}

// proposalForm is a complete proposal as the form sends it, amounts typed the Turkish way.
func (s *pcSite) proposalForm(action string) url.Values {
	return url.Values{"organisation_id": {fmt.Sprint(s.association)}, "title_tr": {"İzmir–Bakü Gençlik Festivali"}, "summary_tr": {"Üç günlük festival."},
		"themes": {"youth"}, "target_groups": {"students"},
		"partner_name": {"Bakı Gənclər Mərkəzi", ""}, "partner_city": {"Bakı", ""},
		"activity_title": {"Festival"}, "activity_starts": {"2027-05-19"}, "activity_ends": {"2027-05-21"},
		"budget_label": {"Sahne", ""}, "budget_currency": {"TRY", "TRY"}, "budget_amount": {"1.250,50", ""}, "budget_requested": {"1.000", ""}, "budget_cofunding": {"250,50", ""},
		"indicator_tr": {"Katılımcı"}, "indicator_az": {"İştirakçı"}, "indicator_en": {""}, "indicator_unit": {"kişi"}, "indicator_target": {"500"},
		"action": {action}}
}

var pcIDIn = regexp.MustCompile(`/proposals/(\d+)`)

func pcIDOf(t *testing.T, r response) string {
	t.Helper()
	m := pcIDIn.FindStringSubmatch(r.Header.Get("Location"))
	if m == nil {
		t.Fatalf("no proposal in Location %q", r.Header.Get("Location"))
	}
	return m[1]
}

func TestProposalFormKeepsBadInputAndSubmits(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		s.openCall(t, "genclik-2027", 30*24*time.Hour)
		s.murad.get("/tr/calls").must(t, http.StatusOK, "Gençlik çağrısı genclik-2027")
		s.coord.get("/tr/proposals/new").must(t, http.StatusOK, "Öneri göndermek için bir kuruluşun üyesi olmalısınız")
		s.murad.get("/tr/calls/yok/propose").must(t, http.StatusNotFound)
		s.aysel.get("/tr/calls/genclik-2027/propose").must(t, http.StatusOK, "İzmir Azerbaycan Derneği (test)", "Kaç gönüllü?")

		// Non-numeric and negative amounts: a localized error on the row, nothing typed lost.
		bad := s.proposalForm("save")
		bad["budget_amount"] = []string{"on bin", ""}
		s.aysel.post("/tr/calls/genclik-2027/propose", bad).must(t, http.StatusUnprocessableEntity,
			"Bu bir sayı değil", `value="on bin"`, `value="İzmir–Bakü Gençlik Festivali"`, `value="Bakı Gənclər Mərkəzi"`)
		bad["budget_amount"] = []string{"-5", ""}
		s.aysel.post("/az/calls/genclik-2027/propose", bad).must(t, http.StatusUnprocessableEntity, "Məbləğ mənfi ola bilməz", `value="-5"`)

		// Murad is no member of the association: refused on the field.
		s.murad.post("/tr/calls/genclik-2027/propose", s.proposalForm("save")).must(t, http.StatusUnprocessableEntity,
			"Yalnızca üyesi olduğunuz bir kuruluş adına öneri verebilirsiniz")

		// A draft is saved without the submit checks; submitting asks for the required answer.
		r := s.aysel.post("/tr/calls/genclik-2027/propose", s.proposalForm("save"))
		r.must(t, http.StatusSeeOther)
		id := pcIDOf(t, r)
		s.murad.get("/tr/proposals/"+id).must(t, http.StatusNotFound)
		s.murad.get("/tr/proposals/"+id+"/edit").must(t, http.StatusNotFound)
		s.aysel.get("/tr/proposals/"+id+"/edit").must(t, http.StatusOK, `value="1.250,50"`, `value="İştirakçı"`)
		s.aysel.post("/tr/proposals/"+id+"/edit", s.proposalForm("submit")).must(t, http.StatusUnprocessableEntity,
			"Taslak kaydedildi ama gönderilmedi", "Bu alan zorunludur")
		withAnswer := s.proposalForm("submit")
		for k, v := range pcAnswer(t, s, id) {
			withAnswer[k] = v
		}
		s.aysel.post("/tr/proposals/"+id+"/edit", withAnswer).must(t, http.StatusSeeOther)
		s.murad.get("/tr/proposals/"+id).must(t, http.StatusOK, "İzmir–Bakü Gençlik Festivali", "1.250,50", "Gönderildi")

		// Submitted: the form is gone, the API refuses a change, a new version keeps the work.
		s.aysel.post("/tr/proposals/"+id+"/edit", s.proposalForm("save")).must(t, http.StatusSeeOther)
		s.aysel.get("/tr/proposals/"+id).must(t, http.StatusOK, "Gönderilen bir öneri değiştirilemez; yeni bir sürüm oluşturun", "Yeni sürüm oluştur")
		s.aysel.api("PUT", "/api/v1/proposals/"+id, fmt.Sprintf(`{"organisation_id":%d}`, s.association), "").must(t, http.StatusConflict,
			"Gönderilen bir öneri değiştirilemez")
		r = s.aysel.post("/tr/proposals/"+id+"/versions", url.Values{})
		r.must(t, http.StatusSeeOther)
		s.aysel.get(r.Header.Get("Location")).must(t, http.StatusOK, "sürüm 2", `value="1.250,50"`, `value="Bakı Gənclər Mərkəzi"`)
		s.murad.post("/tr/proposals/"+id+"/versions", url.Values{}).must(t, http.StatusForbidden)

		s.aysel.get("/tr/my/proposals").must(t, http.StatusOK, "İzmir–Bakü Gençlik Festivali", "sürüm 2", "Taslak")
		s.murad.get("/tr/proposals?q=GENCLIK").must(t, http.StatusOK, "/tr/proposals/"+id, "1 öneri")
		s.murad.get("/tr/proposals?theme=trade").must(t, http.StatusOK, "0 öneri")
	})
}

// pcAnswer fills the call's required question of proposal id.
func pcAnswer(t *testing.T, s *pcSite, id string) url.Values {
	t.Helper()
	r := s.aysel.get("/tr/proposals/" + id + "/edit")
	m := regexp.MustCompile(`name="(answer_\d+)"`).FindStringSubmatch(r.Body)
	if m == nil {
		t.Fatalf("no question on the form:\n%.2000s", r.Body)
	}
	return url.Values{m[1]: {"40"}}
}

func TestProposalToAClosedCallIsRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		s.openCall(t, "kapanan", time.Minute)
		r := s.aysel.post("/tr/calls/kapanan/propose", s.proposalForm("save"))
		r.must(t, http.StatusSeeOther)
		id := pcIDOf(t, r)
		if _, err := d.Exec(context.Background(), `UPDATE project_calls SET closes_at = ? WHERE slug = 'kapanan'`, time.Now().Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		form := s.proposalForm("submit")
		for k, v := range pcAnswer(t, s, id) {
			form[k] = v
		}
		s.aysel.post("/tr/proposals/"+id+"/edit", form).must(t, http.StatusConflict, "Bu çağrı şu anda başvuru almıyor; taslağınız saklandı")
		s.aysel.api("POST", "/api/v1/proposals/"+id+"/submit", "", "").must(t, http.StatusConflict, "Bu çağrı şu anda başvuru almıyor")
		s.aysel.get("/tr/my/proposals").must(t, http.StatusOK, "Taslak")
	})
}

func TestProposalAttachmentsArePDFOnly(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		r := s.aysel.post("/tr/proposals/new", s.proposalForm("save"))
		r.must(t, http.StatusSeeOther)
		id := pcIDOf(t, r)
		upload := func(c *client, name string, data []byte) response {
			var body bytes.Buffer
			w := multipart.NewWriter(&body)
			part, _ := w.CreateFormFile("attachment", name)
			_, _ = part.Write(data)
			_ = w.Close()
			req := c.newRequest(http.MethodPost, "/tr/proposals/"+id+"/attachments", &body)
			req.Header.Set("Content-Type", w.FormDataContentType())
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			return c.do(req)
		}
		upload(s.aysel, "plan.pdf", []byte("GIF89a not a pdf")).must(t, http.StatusSeeOther)
		s.aysel.get("/tr/proposals/"+id+"/edit").must(t, http.StatusOK, "Yalnızca PDF dosyaları kabul edilir")
		upload(s.aysel, "büyük.pdf", append([]byte("%PDF-1.7"), make([]byte, project.MaxAttachment)...)).must(t, http.StatusSeeOther)
		s.aysel.get("/tr/proposals/"+id+"/edit").must(t, http.StatusOK, "Dosya 10 MB")
		upload(s.murad, "plan.pdf", []byte("%PDF-1.4 murad")).must(t, http.StatusNotFound)
		upload(s.aysel, "Bütçe planı.pdf", []byte("%PDF-1.4 plan")).must(t, http.StatusSeeOther)
		r = s.aysel.get("/tr/proposals/" + id + "/edit")
		r.must(t, http.StatusOK, "Bütçe planı.pdf")
		link := regexp.MustCompile(`/tr/proposals/\d+/attachments/\d+`).FindString(r.Body)
		s.aysel.get(link).must(t, http.StatusOK, "%PDF-1.4 plan")
		s.murad.get(link).must(t, http.StatusNotFound) // a draft's file is the proposer's only
	})
}

func TestProposalAPIAndExports(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		body := fmt.Sprintf(`{"organisation_id":%d,"title":{"tr":"","az":"Ticarət körpüsü","en":""},"summary":{"tr":"Liman ziyaretleri","az":"","en":""},
			"themes":["trade"],"budget":[{"label":"Yol","currency":"AZN","amount_minor":100000,"requested_minor":60000,"cofunding_minor":40000}]}`, s.association)
		s.murad.api("POST", "/api/v1/proposals", body, "").must(t, http.StatusUnprocessableEntity, "organisation_id")
		s.aysel.api("POST", "/api/v1/proposals", strings.Replace(body, "60000", "-60000", 1), "").must(t, http.StatusUnprocessableEntity, "budget_0")
		r := s.aysel.api("POST", "/api/v1/proposals", body, "")
		r.must(t, http.StatusCreated, `"status":"draft"`)
		id := strings.TrimPrefix(r.Header.Get("Location"), "/api/v1/proposals/")
		s.murad.api("GET", "/api/v1/proposals/"+id, "", "").must(t, http.StatusNotFound)
		s.aysel.api("POST", "/api/v1/proposals/"+id+"/submit", "", "").must(t, http.StatusOK, `"status":"submitted"`, `"totals":[{"currency":"AZN","amount_minor":100000`)
		s.murad.api("GET", "/api/v1/proposals?q=ticaret", "", "").must(t, http.StatusOK, `"id":`+id)
		r = s.aysel.api("POST", "/api/v1/proposals/"+id+"/versions", "", "")
		r.must(t, http.StatusCreated, `"version":2`, `"previous_id":`+id)

		s.murad.get("/tr/admin/proposals.csv").must(t, http.StatusForbidden)
		csv := s.coord.get("/tr/admin/proposals.csv")
		csv.must(t, http.StatusOK, "Ticarət körpüsü;", ";1.000,00;600,00;400,00")
		if !strings.HasPrefix(csv.Body, "\uFEFF") || strings.Count(csv.Body, "\r\n") != 2 { // the header and one submitted proposal
			t.Fatalf("csv:\n%s", csv.Body)
		}
		x := s.coord.get("/tr/admin/proposals.xlsx")
		x.must(t, http.StatusOK)
		if !strings.HasPrefix(x.Body, "PK") {
			t.Fatal("the xlsx export is no workbook")
		}
		s.coord.get("/tr/admin/proposals.json").must(t, http.StatusOK, `"title":{"tr":"","az":"Ticarət körpüsü"`)

		// Calls: coordinators only, and a weight out of range is a field error.
		call := `{"title":{"tr":"Çevre çağrısı","az":"","en":""},"opens_at":"2026-01-01T00:00:00Z","closes_at":"2027-01-01T00:00:00Z","published":true,"criteria":[{"name":{"tr":"Etki","az":"","en":""},"weight":101}]}`
		s.aysel.api("POST", "/api/v1/calls", call, "").must(t, http.StatusForbidden)
		s.coord.api("POST", "/api/v1/calls", call, "").must(t, http.StatusUnprocessableEntity, "criterion_0_weight")
		s.coord.api("POST", "/api/v1/calls", strings.Replace(call, "101", "100", 1), "").must(t, http.StatusCreated, `"slug":"cevre-cagrisi"`)
		s.murad.api("GET", "/api/v1/calls", "", "").must(t, http.StatusOK, `"slug":"cevre-cagrisi"`)
	})
}

func TestDemoHasAnOpenCallWithTwoProposals(t *testing.T) {
	a := newTestApp(t)
	for range 2 { // loading the demo twice changes nothing
		if err := a.LoadDemo(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	c := newClient(t, a)
	r := c.get("/tr/calls/" + project.DemoCallSlug)
	r.must(t, http.StatusOK, "40. yıl ortak projeleri", "Öneri gönder", "Kaç gönüllü yer alacak?", "Bütçenin gerçekçiliği",
		"İzmir–Bakü Gençlik Festivali", "Azerbaycanlı öğrenciler için akademik köprü")
	c.get("/az/proposals").must(t, http.StatusOK, "2 təklif", "İzmir–Bakı Gənclik Festivalı")
	c.get("/en/calls").must(t, http.StatusOK, "Joint projects for the 40th year", "Open for proposals")
}

func TestCallEditorKeepsBadInputAndHidesDrafts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newPCSite(t, d)
		s.aysel.get("/tr/admin/calls").must(t, http.StatusForbidden)
		s.aysel.post("/tr/admin/calls", url.Values{"title_tr": {"x"}}).must(t, http.StatusForbidden)
		form := url.Values{"title_tr": {"Kültür çağrısı"}, "title_az": {"Mədəniyyət çağırışı"}, "themes": {"culture"},
			"opens_at": {"2027-01-10T09:00"}, "closes_at": {"2027-01-05T09:00"},
			"q_id": {""}, "q_tr": {"Hangi şehir?"}, "q_az": {""}, "q_en": {""}, "q_kind": {"choice"}, "q_choices": {"İzmir"}, "q_required": {"0"},
			"c_id": {""}, "c_tr": {"Özgünlük"}, "c_az": {""}, "c_en": {""}, "c_weight": {"çok"}}
		s.coord.post("/az/admin/calls", form).must(t, http.StatusUnprocessableEntity,
			"Çəki 1 ilə 100 arasında tam ədəd olmalıdır", `value="çok"`, `value="Mədəniyyət çağırışı"`, `value="Hangi şehir?"`)
		form.Set("c_weight", "50")
		s.coord.post("/tr/admin/calls", form).must(t, http.StatusUnprocessableEntity,
			"Kapanış açılıştan sonra olmalı", "Seçenekli bir soru en az iki seçenek ister")
		form.Set("closes_at", "2027-02-01T18:00")
		form.Set("q_choices", "İzmir; Bakü")
		r := s.coord.post("/tr/admin/calls", form)
		r.must(t, http.StatusSeeOther)
		// Typed in İzmir time, stored in UTC: 18:00 İzmir is 15:00 UTC.
		s.coord.get(r.Header.Get("Location")).must(t, http.StatusOK, `value="2027-02-01T18:00"`, `value="İzmir; Bakü"`)
		var closes time.Time
		if err := d.QueryRow(context.Background(), `SELECT closes_at FROM project_calls WHERE slug = 'kultur-cagrisi'`).Scan(&closes); err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2027, 2, 1, 15, 0, 0, 0, time.UTC); !closes.Equal(want) {
			t.Fatalf("closes_at %v, want %v", closes, want)
		}
		// Not published: only coordinators see it.
		s.murad.get("/tr/calls/kultur-cagrisi").must(t, http.StatusNotFound)
		s.coord.get("/tr/calls/kultur-cagrisi").must(t, http.StatusOK, "henüz yayımlanmadı", "Çağrıyı düzenle")
		s.coord.get("/tr/admin/calls").must(t, http.StatusOK, "Kültür çağrısı", "Taslak")
	})
}
