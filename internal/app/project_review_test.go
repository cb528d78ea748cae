package app

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/xuri/excelize/v2"
)

// reviewSite: İZAZDER (Leyla, a member) proposed a youth festival to a joint call; Aysel
// is a reviewer from another association, Murat a reviewer from the municipality, Elvin
// a reviewer nobody assigns.
type reviewSite struct {
	a                                          *App
	proposal                                   int64
	criteria                                   []int64
	coord, aysel, murat, elvin, leyla          *client
	ayselUser, muratUser, elvinUser, leylaUser *identity.User
}

func newReviewSite(t *testing.T, d *db.DB) *reviewSite {
	t.Helper()
	ctx := context.Background()
	s := &reviewSite{a: newTestAppOn(t, d)}
	if err := s.a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatal(err)
	}
	p, err := s.a.Partnership.Default(ctx)
	if err != nil {
		t.Fatal(err)
	}
	user(t, s.a, "koordinator@example.org", identity.RoleCoordinator)
	s.ayselUser = user(t, s.a, "aysel@example.org", identity.RoleReviewer)
	s.muratUser = user(t, s.a, "murat@example.org", identity.RoleReviewer)
	s.elvinUser = user(t, s.a, "elvin@example.org", identity.RoleReviewer)
	s.leylaUser = user(t, s.a, "leyla@example.org")
	izazder := s.org(t, "İzmir Azerbaycan Derneği (demo)", "association", s.leylaUser)
	s.org(t, "Ege Kültür Derneği (demo)", "association", s.ayselUser)
	s.org(t, "İzmir Büyükşehir Belediyesi (demo)", "municipality", s.muratUser)
	s.proposal, s.criteria = s.submit(t, p.ID, izazder)
	s.coord, s.aysel, s.murat, s.elvin, s.leyla = newClient(t, s.a), newClient(t, s.a), newClient(t, s.a), newClient(t, s.a), newClient(t, s.a)
	s.coord.login("koordinator@example.org")
	s.aysel.login("aysel@example.org")
	s.murat.login("murat@example.org")
	s.elvin.login("elvin@example.org")
	s.leyla.login("leyla@example.org")
	return s
}

func (s *reviewSite) org(t *testing.T, name, kind string, u *identity.User) int64 {
	t.Helper()
	ctx := context.Background()
	o, err := s.a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: name, Kind: kind, City: "İzmir", Country: "TR"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.a.Identity.AddMemberByID(ctx, o.ID, u.ID, "member"); err != nil {
		t.Fatal(err)
	}
	return o.ID
}

// submit writes a joint call with two criteria and Leyla's submitted proposal to it, as rows.
func (s *reviewSite) submit(t *testing.T, partnership, org int64) (int64, []int64) {
	t.Helper()
	ctx, now := context.Background(), time.Now().UTC()
	var call, id int64
	err := s.a.DB.WriteRow(ctx, `INSERT INTO project_calls (partnership_id, slug, title, description, themes, opens_at, closes_at, joint_approval, published, created_at, updated_at)
		VALUES (?, 'genclik-2026', ?, '{}', 'youth', ?, ?, 1, 1, ?, ?) RETURNING id`, partnership, i18n.Text{TR: "Gençlik Çağrısı"}, now, now.Add(720*time.Hour), now, now).Scan(&call)
	if err != nil {
		t.Fatal(err)
	}
	var criteria []int64
	for i, w := range []int{60, 40} {
		var c int64
		if err := s.a.DB.WriteRow(ctx, `INSERT INTO project_call_criteria (call_id, position, name, weight) VALUES (?, ?, ?, ?) RETURNING id`,
			call, i, i18n.Text{TR: fmt.Sprintf("Ölçüt %d", i+1)}, w).Scan(&c); err != nil {
			t.Fatal(err)
		}
		criteria = append(criteria, c)
	}
	err = s.a.DB.WriteRow(ctx, `INSERT INTO proposals (partnership_id, call_id, organisation_id, status, title, summary, themes, target_groups, partners, created_by, submitted_at, created_at, updated_at)
		VALUES (?, ?, ?, 'submitted', ?, ?, 'youth', 'youth', '[]', ?, ?, ?, ?) RETURNING id`, partnership, call, org,
		i18n.Text{TR: "Kordon Gençlik Festivali", AZ: "Kordon Gənclik Festivalı"}, i18n.Text{TR: "Üç gün."}, s.leylaUser.ID, now, now, now).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.a.DB.Exec(ctx, `INSERT INTO proposal_budget_lines (proposal_id, position, label, currency, amount_minor, requested_minor, cofunding_minor)
		VALUES (?, 0, 'Sahne', 'TRY', 12345600, 10000000, 2345600)`, id); err != nil {
		t.Fatal(err)
	}
	return id, criteria
}

func (s *reviewSite) path(suffix string) string {
	return fmt.Sprintf("/api/v1/proposals/%d%s", s.proposal, suffix)
}

func TestReviewThroughTheAPI(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newReviewSite(t, d)
		// Assignment: the side follows the organisation; a member is no reviewer.
		s.coord.api("POST", s.path("/reviewers"), fmt.Sprintf(`{"user_id":%d}`, s.ayselUser.ID), "").must(t, http.StatusCreated, `"side":"association"`)
		s.coord.api("POST", s.path("/reviewers"), fmt.Sprintf(`{"user_id":%d}`, s.muratUser.ID), "").must(t, http.StatusCreated, `"side":"municipality"`)
		s.coord.api("POST", s.path("/reviewers"), fmt.Sprintf(`{"user_id":%d,"side":"association"}`, s.leylaUser.ID), "").must(t, http.StatusUnprocessableEntity, `"user_id"`)
		s.aysel.api("POST", s.path("/reviewers"), fmt.Sprintf(`{"user_id":%d,"side":"association"}`, s.elvinUser.ID), "").must(t, http.StatusForbidden)

		// The queue: the reviewer's own, nothing for a reviewer without assignments, 403 for a member.
		s.aysel.api("GET", "/api/v1/reviews", "", "").must(t, http.StatusOK, fmt.Sprintf(`"proposal_id":%d`, s.proposal), `"answer_state":""`)
		if r := s.elvin.api("GET", "/api/v1/reviews", "", ""); r.Status != http.StatusOK || strings.TrimSpace(r.Body) != "[]" {
			t.Fatalf("unassigned reviewer's queue: %d %s", r.Status, r.Body)
		}
		s.leyla.api("GET", "/api/v1/reviews", "", "").must(t, http.StatusForbidden)

		scores := fmt.Sprintf(`{"scores":[{"criterion_id":%d,"score":8},{"criterion_id":%d,"score":6}]}`, s.criteria[0], s.criteria[1])
		s.aysel.api("PUT", s.path("/scores"), scores, "").must(t, http.StatusOK, `"my_score":8`)
		s.aysel.api("PUT", s.path("/scores"), fmt.Sprintf(`{"scores":[{"criterion_id":%d,"score":12}]}`, s.criteria[0]), "").must(t, http.StatusUnprocessableEntity)
		s.aysel.api("POST", s.path("/notes"), `{"body":"Sahne maliyeti yüksek görünüyor."}`, "").must(t, http.StatusCreated, "Sahne maliyeti")

		// The proposer and an unassigned reviewer see nothing and change nothing.
		for _, c := range []*client{s.leyla, s.elvin} {
			r := c.api("GET", s.path("/review"), "", "")
			r.must(t, http.StatusNotFound)
			if strings.Contains(r.Body, "Sahne maliyeti") || strings.Contains(r.Body, "my_score") {
				t.Fatalf("review leaked: %s", r.Body)
			}
			c.api("PUT", s.path("/scores"), scores, "").must(t, http.StatusNotFound)
			c.api("POST", s.path("/notes"), `{"body":"merhaba"}`, "").must(t, http.StatusNotFound)
			c.api("POST", s.path("/decisions"), `{"side":"association","decision":"accepted"}`, "").must(t, http.StatusNotFound)
			page := c.get(fmt.Sprintf("/tr/admin/proposals/%d/review", s.proposal))
			if page.Status != http.StatusNotFound || strings.Contains(page.Body, "Sahne maliyeti") {
				t.Fatalf("review page for an outsider: %d", page.Status)
			}
		}
		s.leyla.get("/tr/admin/proposals").must(t, http.StatusForbidden)

		// Joint decisions: own side once.
		s.aysel.api("POST", s.path("/decisions"), `{"side":"municipality","decision":"accepted"}`, "").must(t, http.StatusForbidden)
		s.aysel.api("POST", s.path("/decisions"), `{"side":"association","decision":"accepted"}`, "").must(t, http.StatusCreated, `"settled":""`)
		s.aysel.api("POST", s.path("/decisions"), `{"side":"association","decision":"accepted"}`, "").must(t, http.StatusConflict)
		s.coord.api("POST", "/api/v1/answers/publish", fmt.Sprintf(`{"proposal_ids":[%d]}`, s.proposal), "").must(t, http.StatusUnprocessableEntity, `"proposal_id"`)
		s.murat.api("POST", s.path("/decisions"), `{"side":"municipality","decision":"accepted"}`, "").must(t, http.StatusCreated, `"settled":"accepted"`)

		// The answer: refused without text, then published; the project exists.
		s.coord.api("PUT", s.path("/answer"), `{"outcome":"accepted","answer":{"tr":""}}`, "").must(t, http.StatusOK)
		s.coord.api("POST", "/api/v1/answers/publish", fmt.Sprintf(`{"proposal_ids":[%d]}`, s.proposal), "").must(t, http.StatusUnprocessableEntity, `"answer"`)
		s.aysel.api("PUT", s.path("/answer"), `{"outcome":"accepted","answer":{"tr":"Kabul."}}`, "").must(t, http.StatusForbidden)
		s.coord.api("PUT", s.path("/answer"), `{"outcome":"accepted","answer":{"tr":"Festival kabul edildi.","az":"Festival qəbul edildi."}}`, "").must(t, http.StatusOK)
		s.coord.api("GET", "/api/v1/reviews?answer=prepared", "", "").must(t, http.StatusOK, `"answer_state":"prepared"`, `"settled":"accepted"`, `"weighted_average":7.2`)
		r := s.coord.api("POST", "/api/v1/answers/publish", fmt.Sprintf(`{"proposal_ids":[%d]}`, s.proposal), "")
		r.must(t, http.StatusOK, `"outcome":"accepted"`)
		pid, err := s.a.Projects.ProjectOfProposal(context.Background(), s.proposal)
		if err != nil || !strings.Contains(r.Body, fmt.Sprintf(`"project_id":%d`, pid)) {
			t.Fatalf("project %d %v: %s", pid, err, r.Body)
		}
		var mails int
		if err := d.QueryRow(context.Background(), `SELECT COUNT(*) FROM jobs WHERE kind = 'project.answer_mail'`).Scan(&mails); err != nil || mails != 1 {
			t.Fatalf("answer mail jobs: %d %v", mails, err)
		}
	})
}

func TestReviewPages(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		s := newReviewSite(t, d)
		review := fmt.Sprintf("/tr/admin/proposals/%d/review", s.proposal)
		// Bulk assignment from the queue.
		for _, u := range []*identity.User{s.ayselUser, s.muratUser} {
			s.coord.post("/tr/admin/proposals/assign", url.Values{"proposal_ids": {fmt.Sprint(s.proposal)}, "user_id": {fmt.Sprint(u.ID)}}).must(t, http.StatusSeeOther)
		}
		s.coord.get("/tr/admin/proposals").must(t, http.StatusOK, "Kordon Gençlik Festivali", "Test aysel@example.org (Dernek)", "Test murat@example.org (Belediye)")
		s.aysel.post(fmt.Sprintf("/tr/admin/proposals/%d/scores", s.proposal), url.Values{
			fmt.Sprintf("score_%d", s.criteria[0]): {"7"}, fmt.Sprintf("score_%d", s.criteria[1]): {"9"}}).must(t, http.StatusSeeOther)
		s.aysel.post(fmt.Sprintf("/tr/admin/proposals/%d/notes", s.proposal), url.Values{"body": {"Ulaşım kalemi eksik."}}).must(t, http.StatusSeeOther)
		s.aysel.get(review).must(t, http.StatusOK, "Ulaşım kalemi eksik.", "123.456,00 TRY", "Tüm değerlendiricilerin ağırlıklı ortalaması: 7,80", `name="score_`)
		s.murat.post(fmt.Sprintf("/tr/admin/proposals/%d/decision", s.proposal), url.Values{"side": {"municipality"}, "decision": {"needs_info"}}).must(t, http.StatusSeeOther)
		page := s.coord.get(review)
		page.must(t, http.StatusOK, "Sonuç: Ek bilgi gerekli", "Resmî yanıt", "Belediye — Ek bilgi gerekli, Test murat@example.org")
		if strings.Contains(page.Body, "%!") || strings.Contains(page.Body, "project.") {
			t.Fatalf("a broken format or an untranslated key on the review page:\n%s", page.Body)
		}
		// Deciding twice from the page says why it did not work.
		s.murat.post(fmt.Sprintf("/tr/admin/proposals/%d/decision", s.proposal), url.Values{"side": {"municipality"}, "decision": {"accepted"}}).must(t, http.StatusSeeOther)
		s.murat.get(review).must(t, http.StatusOK, "Tarafınız bu öneri hakkında zaten karar verdi.")
		// A reviewer's page has no answer form; the reviewers see the queue of their own.
		if page := s.aysel.get(review); strings.Contains(page.Body, `name="answer_tr"`) {
			t.Fatal("a reviewer is offered the answer form")
		}
		s.elvin.get("/tr/admin/proposals").must(t, http.StatusOK, "Eşleşen öneri yok.")

		// The export: one row per reviewer, the weighted total with a Turkish decimal comma.
		csv := s.coord.get("/tr/admin/reviews.csv")
		csv.must(t, http.StatusOK, "Test aysel@example.org;Dernek;7;9;7,80", "Test murat@example.org;Belediye;;;;Ek bilgi gerekli")
		xlsx := s.coord.get("/en/admin/reviews.xlsx")
		xlsx.must(t, http.StatusOK)
		book, err := excelize.OpenReader(strings.NewReader(xlsx.Body))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := book.GetRows("Reviews")
		if err != nil || len(rows) != 3 || rows[0][5] != "Ölçüt 1 (weight 60)" || rows[1][3] != "Test aysel@example.org" || rows[1][7] != "7.8" {
			t.Fatalf("workbook: %q %v", rows, err)
		}
		s.aysel.get("/tr/admin/reviews.csv").must(t, http.StatusForbidden)
		// And as JSON for scripts: codes, not words; null until a reviewer scores.
		s.coord.get("/tr/admin/reviews.json").must(t, http.StatusOK, `"side":"association"`, `"weighted":7.8`,
			`"side":"municipality"`, `"weighted":null`, `"decision":"needs_info"`)
		s.aysel.get("/tr/admin/reviews.json").must(t, http.StatusForbidden)

		// Templates, and a published answer from the review page.
		s.coord.post("/tr/admin/answer-templates", url.Values{"name": {"Ek bilgi"}, "outcome": {"needs_info"}, "answer_tr": {"Lütfen ulaşım bütçesini ekleyin."}}).must(t, http.StatusSeeOther)
		s.coord.get("/tr/admin/answer-templates").must(t, http.StatusOK, "Lütfen ulaşım bütçesini ekleyin.")
		s.coord.post(fmt.Sprintf("/tr/admin/proposals/%d/answer", s.proposal), url.Values{"outcome": {"needs_info"}, "answer_tr": {"Lütfen ulaşım bütçesini ekleyin."}, "publish": {"1"}}).must(t, http.StatusSeeOther)
		s.coord.get(review).must(t, http.StatusOK, "Bilgi bekleniyor", "Yayımlanma:")
		for _, path := range []string{"/az/admin/proposals?status=needs_info", "/en/admin/answer-templates", strings.Replace(review, "/tr/", "/az/", 1)} {
			page := s.coord.get(path)
			if page.Status != http.StatusOK || strings.Contains(page.Body, "%!") || strings.Contains(page.Body, "project.") {
				t.Fatalf("%s: %d\n%s", path, page.Status, page.Body)
			}
		}
	})
}
