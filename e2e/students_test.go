package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/identity"
)

// TestStudentAsksForHelpAndSeesTheReplyButNotTheNote walks issue 8's support journey in the
// browser: a student with an Azerbaijani account goes from the main menu to the students'
// page and asks for help with accommodation; a coordinator takes the request, writes an
// internal note and a public reply; the student sees the reply but not the note, and the
// mail she gets names nothing of the matter. Then she downloads her data, asks for the
// request to be deleted, an admin confirms, and the audit log keeps that it happened
// without the content.
func TestStudentAsksForHelpAndSeesTheReplyButNotTheNote(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		msg := func(lang, key string, args ...any) string { return a.Catalog.T(lang, key, args...) }
		const (
			studentEmail = "telebe.yataqxana@example.org"
			studentPw    = "yataqxana axtarıram 2026"
			coordEmail   = "ogrenci.destek@example.org"
			coordPw      = "öğrenci desteği koordinasyon"
			adminEmail   = "yonetici.destek@example.org"
			adminPw      = "yönetici onayı kırk yıl"
			subject      = "Yataqxanada yer tapa bilmirəm"
			description  = "Semestr başlayır, Bornovada kirayə otaq axtarıram."
			note         = "Yurt müdürlüğüyle görüşüldü; öğrencinin burs durumu kontrol edilecek."
			reply        = "Merhaba, Bornova'daki öğrenci yurdunda boş yer var; başvuru formunu ekte bulabilirsiniz."
		)
		if _, err := a.Identity.CreateUser(ctx, studentEmail, "Demo Tələbə (Bakı)", studentPw, "az", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Identity.CreateUser(ctx, coordEmail, "Öğrenci Destek Koordinatörü", coordPw, "tr", []string{identity.RoleCoordinator}); err != nil {
			t.Fatal(err)
		}
		if _, err := a.Identity.CreateUser(ctx, adminEmail, "Dernek Yöneticisi", adminPw, "tr", []string{identity.RoleAdmin}); err != nil {
			t.Fatal(err)
		}

		// --- The student asks for help with accommodation.
		st := newBrowser(t, chrome, srv.URL)
		signIn(t, st, "az", studentEmail, studentPw)
		// From the main menu to the students' page, and from there to the request form.
		st.open("/az/")
		st.click(`.main-nav a[href="/az/mentoring"]`)
		if got := st.text("main"); !strings.Contains(got, msg("az", "student.start.support_title")) {
			t.Fatalf("the students' page does not offer support: %q", got)
		}
		st.click(`main a[href="/az/support/new"]`)
		if st.path() != "/az/support/new" {
			t.Fatalf("asking for help led to %s", st.path())
		}
		st.choose("#f-category", "accommodation")
		st.typeInto("#f-subject", subject)
		st.typeInto("#f-description", description)
		st.tick(`input[name="consent"]`)
		if resp := st.click(`form[action="/az/support"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("opening the request: status %d: %q", resp.Status, st.text("main"))
		}
		id, err := strconv.ParseInt(strings.TrimPrefix(st.path(), "/az/support/"), 10, 64)
		if err != nil {
			t.Fatalf("opening the request led to %s, not the request's page", st.path())
		}
		if got := st.text("main"); !strings.Contains(got, subject) || !strings.Contains(got, msg("az", "student.category.accommodation")) {
			t.Fatalf("the new request's page does not show its subject and category: %q", got)
		}

		// --- The coordinator takes it, writes an internal note, then replies in public.
		co := newBrowser(t, chrome, srv.URL)
		signIn(t, co, "tr", coordEmail, coordPw)
		co.open("/tr/admin/support")
		if !strings.Contains(co.text("main"), subject) {
			t.Fatalf("the triage list does not show the new request: %q", co.text("main"))
		}
		admin := fmt.Sprintf("/tr/admin/support/%d", id)
		if resp := co.click(fmt.Sprintf(`form[action="%s/assign"] button[type="submit"]`, admin)); resp.Status != http.StatusOK {
			t.Fatalf("taking the request: status %d: %q", resp.Status, co.text("main"))
		}
		if co.path() != admin {
			t.Fatalf("taking the request led to %s, not %s", co.path(), admin)
		}
		co.typeInto("#f-body", note)
		co.tick(`input[name="internal"]`)
		if resp := co.click(fmt.Sprintf(`form[action="%s/messages"] button[type="submit"]`, admin)); resp.Status != http.StatusOK {
			t.Fatalf("writing the note: status %d: %q", resp.Status, co.text("main"))
		}
		co.typeInto("#f-body", reply)
		if resp := co.click(fmt.Sprintf(`form[action="%s/messages"] button[type="submit"]`, admin)); resp.Status != http.StatusOK {
			t.Fatalf("replying: status %d: %q", resp.Status, co.text("main"))
		}
		thread := co.text("main")
		if !strings.Contains(thread, note) || !strings.Contains(thread, reply) || !strings.Contains(thread, msg("tr", "student.note.badge")) {
			t.Fatalf("the coordinator's page does not show the note (marked internal) and the reply: %q", thread)
		}

		// --- The student sees the reply, and the note is nowhere in the page.
		st.open(fmt.Sprintf("/az/support/%d", id))
		if got := st.text("main"); !strings.Contains(got, reply) {
			t.Fatalf("the student does not see the reply: %q", got)
		}
		if html := studentsPageHTML(st); strings.Contains(html, note) || strings.Contains(html, "yurt müdürlüğü") {
			t.Fatalf("the student's page holds the internal note:\n%s", html)
		}
		letter := latestMail(t, a.Outbox, studentEmail, msg("az", "student.mail.reply.subject", id))
		for _, secret := range []string{subject, description, reply, note, "Bornova"} {
			if strings.Contains(letter.Text+letter.HTML+letter.Subject, secret) {
				t.Fatalf("the mail to the student names %q:\n%s", secret, letter.Text)
			}
		}
		if !strings.Contains(letter.Text, fmt.Sprintf("/az/support/%d", id)) {
			t.Fatalf("the mail does not link the request: %q", letter.Text)
		}

		// --- She downloads her data: the request and the reply, never the note.
		export := st.fetchText("/az/support/export.json")
		if !strings.Contains(export, subject) || !strings.Contains(export, reply) || strings.Contains(export, note) {
			t.Fatalf("the data download is not the student's copy without notes:\n%s", export)
		}

		// --- She asks for deletion; an admin confirms; the audit log keeps that it happened.
		if resp := st.click(fmt.Sprintf(`form[action="/az/support/%d/delete"] button[type="submit"]`, id)); resp.Status != http.StatusOK {
			t.Fatalf("asking for deletion: status %d: %q", resp.Status, st.text("main"))
		}
		if got := st.text("main"); !strings.Contains(got, msg("az", "student.deletion.pending")) {
			t.Fatalf("the request does not say deletion is pending: %q", got)
		}
		ad := newBrowser(t, chrome, srv.URL)
		signIn(t, ad, "tr", adminEmail, adminPw)
		ad.open(admin)
		if resp := ad.click(fmt.Sprintf(`form[action="%s/delete"] button[type="submit"]`, admin)); resp.Status != http.StatusOK {
			t.Fatalf("confirming the deletion: status %d: %q", resp.Status, ad.text("main"))
		}
		if got := ad.text("main"); strings.Contains(got, subject) {
			t.Fatalf("the triage list still shows the deleted request: %q", got)
		}
		ad.expectStatus(admin, http.StatusNotFound)
		if resp := ad.open(admin); resp.Status != http.StatusNotFound {
			t.Fatalf("the deleted request's page: status %d, want 404", resp.Status)
		}
		ad.open("/tr/admin/support/audit")
		log := ad.text("main")
		for _, want := range []string{fmt.Sprintf("#%d", id), msg("tr", "student.audit.deletion_requested"), msg("tr", "student.audit.deleted")} {
			if !strings.Contains(log, want) {
				t.Fatalf("the audit log does not keep %q: %q", want, log)
			}
		}
		if strings.Contains(studentsPageHTML(ad), subject) {
			t.Fatal("the audit log holds the deleted request's subject")
		}
		st.expectStatus(fmt.Sprintf("/az/support/%d", id), http.StatusNotFound)
		if resp := st.open(fmt.Sprintf("/az/support/%d", id)); resp.Status != http.StatusNotFound {
			t.Fatalf("the student's deleted request: status %d, want 404", resp.Status)
		}
	})
}

// studentsPageHTML returns the current document's markup, for asserting what a page must
// not contain anywhere, visible or not.
func studentsPageHTML(b *browser) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string]("document.documentElement.outerHTML"))
	b.must(err, "read the page's HTML")
	return s
}
