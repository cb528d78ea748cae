package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/project"
)

// projectsTimeout bounds one person's browser in the proposal journey: five browsers share
// two cores with the server, and the coordinator's visits many pages.
const projectsTimeout = 2 * time.Minute

// projectPerson is someone of the journey: an account in one language, perhaps a member of
// one organisation.
type projectPerson struct {
	user     *identity.User
	org      *identity.Organisation
	lang     string
	email    string
	password string
}

// TestProjectProposalIsReviewedJointlyAnsweredAndTracked walks issue 6's journey in the
// browser: a member of a Bakü association (account in Azerbaijani) submits a proposal with a
// budget and indicators through the form of an open call; the coordinator assigns an
// association reviewer and a municipality reviewer on the queue page; each scores and
// approves for their side on the review page; the coordinator prepares the official answer
// in three languages and publishes it; the public reads it on the proposal page in other
// languages than the proposer's; the project born of it shows on the public tracker; the
// coordinator posts a progress update setting 30 %, and the tracker and the project page
// show it. The proposer's receipt and answer mails arrive in Azerbaijani.
func TestProjectProposalIsReviewedJointlyAnsweredAndTracked(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		msg := func(lang, key string, args ...any) string {
			t.Helper()
			if !a.Catalog.Has(lang, key) {
				t.Fatalf("message %s is missing in %s", key, lang)
			}
			return a.Catalog.T(lang, key, args...)
		}

		// --- What is not the journey: the people, their organisations and the open call.
		coord := projectPersonOf(t, srv, "tr", nil, "Proje Koordinatörü", "proje.koordinator@example.org", []string{identity.RoleCoordinator})
		proposer := projectPersonOf(t, srv, "az",
			&identity.Organisation{Name: "Bakı Gənclər Təşəbbüsləri İctimai Birliyi", Kind: "association", City: "Bakı", Country: "AZ"},
			"Günay Məmmədova", "gunay@genc-tesebbus.example.org", nil)
		assocReviewer := projectPersonOf(t, srv, "az",
			&identity.Organisation{Name: "Xəzər Mədəniyyət Birliyi", Kind: "association", City: "Bakı", Country: "AZ"},
			"Rəşad Hüseynov", "resad@xezer-medeniyyet.example.org", []string{identity.RoleReviewer})
		cityReviewer := projectPersonOf(t, srv, "tr",
			&identity.Organisation{Name: "İzmir Büyükşehir Belediyesi", Kind: "municipality", City: "İzmir", Country: "TR"},
			"Şule Öztürk", "sule.ozturk@izmir-bel.example.org", []string{identity.RoleReviewer})
		call := projectCall(t, srv, coord)

		// --- The proposer writes the proposal in the call's form and submits it.
		bP := newBrowserWithin(t, chrome, srv.URL, projectsTimeout)
		signIn(t, bP, "az", proposer.email, proposer.password)
		propose := fmt.Sprintf("/az/calls/%s/propose", call.Slug)
		if resp := bP.open(propose); resp.Status != http.StatusOK {
			t.Fatalf("the proposal form: status %d; page says %q", resp.Status, bP.text("main"))
		}
		if got := bP.htmlLang(); got != "az" {
			t.Errorf("the proposal form is in %q, want az", got)
		}
		// A member of one organisation proposes for it without choosing.
		if got := bP.value("#f-organisation_id"); got != strconv.FormatInt(proposer.org.ID, 10) {
			t.Errorf("the form proposes for organisation %s, want %d", got, proposer.org.ID)
		}
		title := i18n.Text{
			AZ: "Xəzər–Ege gənclər mədəniyyət mübadiləsi",
			TR: "Hazar–Ege gençlik kültür değişimi",
		}
		summary := i18n.Text{
			AZ: "Bakı və İzmirdən 40 gənc bir-birinin şəhərində musiqi və teatr emalatxanalarında iştirak edir.",
			TR: "Bakü ve İzmir'den 40 genç birbirinin şehrinde müzik ve tiyatro atölyelerine katılıyor.",
		}
		bP.typeInto("#f-title_az", title.AZ)
		bP.typeInto("#f-title_tr", title.TR)
		bP.typeInto("#f-summary_az", summary.AZ)
		bP.typeInto("#f-summary_tr", summary.TR)
		bP.tick(`input[name="themes"][value="youth"]`)
		bP.tick(`input[name="themes"][value="culture"]`)
		bP.tick(`input[name="target_groups"][value="youth"]`)
		bP.typeInto("#f-pn0", "İzmir Gençlik ve Sanat Derneği")
		bP.typeInto("#f-pc0", "İzmir")
		year := time.Now().Year() + 1
		bP.typeInto("#f-at0", "İzmirdə emalatxana həftəsi")
		// Date inputs take their value as the browser stores it, whatever the locale shows.
		bP.choose("#f-as0", fmt.Sprintf("%d-05-04", year))
		bP.choose("#f-ae0", fmt.Sprintf("%d-05-10", year))
		// Amounts typed the way Azerbaijani writes them: dots group, a comma marks decimals.
		bP.typeInto("#f-bl0", "Yol və yaşayış")
		bP.choose("#f-bc0", "AZN")
		bP.typeInto("#f-ba0", "12.500,50")
		bP.typeInto("#f-br0", "10.000")
		bP.typeInto("#f-bf0", "2.500,50")
		bP.typeInto("#f-bl1", "Emalatxana materialları")
		bP.choose("#f-bc1", "AZN")
		bP.typeInto("#f-ba1", "4.000")
		bP.typeInto("#f-br1", "3.000")
		bP.typeInto("#f-bf1", "1.000")
		bP.typeInto("#f-i0-az", "İştirakçılar")
		bP.typeInto("#f-i0-tr", "Katılımcılar")
		bP.typeInto("#f-i0-en", "Participants")
		bP.typeInto("#f-iu0", "nəfər")
		bP.typeInto("#f-it0", "40")
		bP.typeInto("#f-i1-az", "Tamaşalar")
		bP.typeInto("#f-i1-en", "Performances")
		bP.typeInto("#f-it1", "4")
		const answerText = "Gənclər hər iki şəhərdə ailələrin yanında qalacaq."
		bP.typeInto(fmt.Sprintf("#f-answer_%d", call.Questions[0].ID), answerText)
		if resp := bP.click(`button[name="action"][value="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("submitting: status %d; page says %q", resp.Status, bP.text("main"))
		}
		idText, ok := strings.CutPrefix(bP.path(), "/az/proposals/")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || err != nil {
			t.Fatalf("submitting led to %s, want the proposal's page; page says %q", bP.path(), bP.text("main"))
		}
		if got := bP.text(".flash"); got != msg("az", "project.proposal.submitted") {
			t.Errorf("after submitting the page says %q, want %q", got, msg("az", "project.proposal.submitted"))
		}

		// What the form sent is what the proposal holds.
		p, err := a.Projects.Proposal(ctx, identity.Viewer(proposer.user), id)
		if err != nil {
			t.Fatalf("the submitted proposal: %v", err)
		}
		if p.Status != project.Submitted || p.CallID != call.ID || p.OrganisationID != proposer.org.ID || p.Title.AZ != title.AZ || p.Title.TR != title.TR {
			t.Errorf("stored proposal: status %s, call %d, organisation %d, title %+v", p.Status, p.CallID, p.OrganisationID, p.Title)
		}
		wantBudget := []project.ProposalBudgetLine{
			{Label: "Yol və yaşayış", Currency: "AZN", Amount: 1250050, Requested: 1000000, Cofunding: 250050},
			{Label: "Emalatxana materialları", Currency: "AZN", Amount: 400000, Requested: 300000, Cofunding: 100000},
		}
		if fmt.Sprint(p.Budget) != fmt.Sprint(wantBudget) {
			t.Errorf("stored budget %+v, want %+v", p.Budget, wantBudget)
		}
		if len(p.Indicators) != 2 || p.Indicators[0].Name.AZ != "İştirakçılar" || p.Indicators[0].Target != 40 || p.Indicators[0].Unit != "nəfər" ||
			p.Indicators[1].Name.EN != "Performances" || p.Indicators[1].Target != 4 {
			t.Errorf("stored indicators %+v", p.Indicators)
		}
		if len(p.Activities) != 1 || p.Activities[0].StartsOn != fmt.Sprintf("%d-05-04", year) || len(p.Partners) != 1 || p.Answers[call.Questions[0].ID] != answerText {
			t.Errorf("stored activities %+v, partners %+v, answers %v", p.Activities, p.Partners, p.Answers)
		}
		receipt := latestMail(t, a.Outbox, proposer.email, msg("az", "project.proposal.mail.subject", title.AZ))
		if receipt.Locale != "az" || !strings.Contains(receipt.Text, fmt.Sprintf("%s/az/proposals/%d", srv.URL, id)) {
			t.Errorf("the receipt is in %q and reads:\n%s\nwant Azerbaijani, linking the proposal", receipt.Locale, receipt.Text)
		}

		// --- The coordinator assigns one reviewer per side from the queue, in bulk form.
		bC := newBrowserWithin(t, chrome, srv.URL, projectsTimeout)
		signIn(t, bC, "tr", coord.email, coord.password)
		queue := "/tr/admin/proposals"
		for _, r := range []*projectPerson{assocReviewer, cityReviewer} {
			bC.open(queue)
			bC.tick(fmt.Sprintf("#sel-%d", id))
			bC.choose("#b-user", strconv.FormatInt(r.user.ID, 10))
			// The side is left to the reviewer's organisation: an association's member
			// reviews for the association, the municipality's staff for the municipality.
			bC.choose("#b-side", "")
			if resp := bC.click(fmt.Sprintf(`form[action=%q] fieldset button[type="submit"]`, queue+"/assign")); resp.Status != http.StatusOK {
				t.Fatalf("assigning %s: status %d; page says %q", r.user.Name, resp.Status, bC.text("main"))
			}
			if got := bC.text(".flash"); got != msg("tr", "project.review.assigned") {
				t.Fatalf("assigning %s: the page says %q", r.user.Name, got)
			}
		}
		row := fmt.Sprintf(`tr:has(#sel-%d)`, id)
		reviewers := bC.text(row + " td:nth-of-type(3)")
		for _, want := range []string{
			assocReviewer.user.Name + " (" + msg("tr", "project.review.side.association") + ")",
			cityReviewer.user.Name + " (" + msg("tr", "project.review.side.municipality") + ")",
		} {
			if !strings.Contains(reviewers, want) {
				t.Errorf("the queue lists the reviewers %q, want %q among them", reviewers, want)
			}
		}

		// --- Each reviewer scores and approves for their side, in their own language.
		reviewPath := func(l string) string { return fmt.Sprintf("/%s/admin/proposals/%d/review", l, id) }
		for i, side := range []struct {
			r      *projectPerson
			side   project.Side
			scores []string
		}{{assocReviewer, project.Association, []string{"8", "7"}}, {cityReviewer, project.Municipality, []string{"9", "6"}}} {
			r, l := side.r, side.r.lang
			b := newBrowserWithin(t, chrome, srv.URL, projectsTimeout)
			signIn(t, b, l, r.email, r.password)
			b.open(reviewPath(l))
			// The budget reaches the reviewer summed, written in the reviewer's language.
			total := i18n.FormatNumber(l, 16500.50, 2) + " AZN"
			if got := b.text("tfoot"); !strings.Contains(got, total) {
				t.Errorf("%s's review page totals the budget %q, want %s", r.user.Name, got, total)
			}
			for j, c := range call.Criteria {
				b.typeInto(fmt.Sprintf("#s-%d", c.ID), side.scores[j])
			}
			if resp := b.click(`form[action$="/scores"] button[type="submit"]`); resp.Status != http.StatusOK {
				t.Fatalf("%s scoring: status %d; page says %q", r.user.Name, resp.Status, b.text("main"))
			}
			if got := b.text(".flash"); got != msg(l, "project.review.scores_saved") {
				t.Errorf("%s scoring: the page says %q", r.user.Name, got)
			}
			// The side is a hidden field: counted, since it is never visible to read.
			if n := b.count(fmt.Sprintf(`form[action$="/decision"] input[name="side"][value=%q]`, side.side)); n != 1 {
				t.Fatalf("%s is not offered to decide for the %s: %q", r.user.Name, side.side, b.text("main"))
			}
			b.choose("#d-decision", string(project.OutcomeAccepted))
			if resp := b.click(`form[action$="/decision"] button[type="submit"]`); resp.Status != http.StatusOK {
				t.Fatalf("%s deciding: status %d; page says %q", r.user.Name, resp.Status, b.text("main"))
			}
			if got := b.text(".flash"); got != msg(l, "project.review.decided") {
				t.Errorf("%s deciding: the page says %q", r.user.Name, got)
			}
			if n := b.count(`form[action$="/decision"]`); n != 0 {
				t.Errorf("%s is still offered to decide after deciding", r.user.Name)
			}
			// Joint approval: one side's approval settles nothing; the second's does.
			want := msg(l, "project.review.not_settled")
			if i == 1 {
				want = msg(l, "project.review.settled", msg(l, "project.review.outcome.accepted"))
			}
			if got := b.text(`ul + p > strong`); got != want {
				t.Errorf("after %s's approval the page says %q, want %q", r.user.Name, got, want)
			}
		}

		// --- The coordinator prepares the official answer in three languages, then publishes.
		answer := i18n.Text{
			TR: "Öneri kabul edildi: değişim programı bu yıl başlıyor.",
			AZ: "Təklif qəbul edildi: mübadilə proqramı bu il başlayır.",
			EN: "The proposal is accepted: the exchange programme starts this year.",
		}
		bC.open(reviewPath("tr"))
		if got := bC.value("#r-outcome"); got != string(project.OutcomeAccepted) {
			t.Errorf("the answer form proposes the outcome %q, want the one both sides settled, accepted", got)
		}
		bC.typeInto("#r-tr", answer.TR)
		bC.typeInto("#r-az", answer.AZ)
		bC.typeInto("#r-en", answer.EN)
		if resp := bC.click(`form[action$="/answer"] button[type="submit"]:not([name])`); resp.Status != http.StatusOK {
			t.Fatalf("preparing the answer: status %d; page says %q", resp.Status, bC.text("main"))
		}
		if got := bC.text(".flash"); got != msg("tr", "project.answer.prepared") {
			t.Errorf("after preparing the page says %q", got)
		}
		// Prepared is not public yet.
		bV := newBrowserWithin(t, chrome, srv.URL, projectsTimeout)
		bV.open(fmt.Sprintf("/en/proposals/%d", id))
		if n := bV.count("#answer-h"); n != 0 {
			t.Errorf("a prepared answer is public before it is published: %q", bV.text("#answer-h"))
		}
		if got := bC.value("#r-az"); got != answer.AZ {
			t.Errorf("the prepared answer comes back as %q", got)
		}
		if resp := bC.click(`form[action$="/answer"] button[name="publish"]`); resp.Status != http.StatusOK {
			t.Fatalf("publishing the answer: status %d; page says %q", resp.Status, bC.text("main"))
		}
		if got := bC.text(".flash"); got != msg("tr", "project.review.published_n", 1) {
			t.Errorf("after publishing the page says %q", got)
		}

		// --- The official answer is public, in each reader's language.
		for _, l := range []string{"en", "tr"} {
			bV.open(fmt.Sprintf("/%s/proposals/%d", l, id))
			want := msg(l, "project.proposal.official_answer") + ": " + msg(l, "project.proposal.outcome.accepted")
			if got := bV.text("#answer-h"); got != want {
				t.Errorf("the public %s proposal page heads the answer %q, want %q", l, got, want)
			}
			if got := bV.text(`section[aria-labelledby="answer-h"] p[lang]`); got != answer.Get(l) {
				t.Errorf("the public %s proposal page answers %q, want %q", l, got, answer.Get(l))
			}
		}
		bP.open(fmt.Sprintf("/az/proposals/%d", id))
		if got := bP.text(`section[aria-labelledby="answer-h"] p[lang]`); got != answer.AZ {
			t.Errorf("the proposer reads the answer %q, want %q", got, answer.AZ)
		}
		letter := latestMail(t, a.Outbox, proposer.email, msg("az", "project.answer.mail.subject", title.AZ))
		if letter.Locale != "az" || !strings.Contains(letter.Text, answer.AZ) ||
			!strings.Contains(letter.Text, msg("az", "project.answer.mail.outcome", msg("az", "project.review.outcome.accepted"))) {
			t.Errorf("the answer mail is in %q and reads:\n%s\nwant Azerbaijani with the outcome and the answer", letter.Locale, letter.Text)
		}

		// --- The accepted proposal is a project on the public tracker, not started yet.
		pid, err := a.Projects.ProjectOfProposal(ctx, id)
		if err != nil {
			t.Fatalf("the project of the accepted proposal: %v", err)
		}
		proj, err := a.Tracker.Project(ctx, pid)
		if err != nil {
			t.Fatalf("project %d: %v", pid, err)
		}
		card := fmt.Sprintf(`li.card:has(a[href="/en/projects/%s"])`, proj.Slug)
		bV.open("/en/projects")
		if n := bV.count(card); n != 1 {
			t.Fatalf("the tracker shows %d cards of the project %s: %q", n, proj.Slug, bV.text("main"))
		}
		if got := bV.attr(card+" progress", "value"); got != "0" {
			t.Errorf("the new project's card shows progress %s, want 0", got)
		}

		// --- The coordinator posts a progress update that sets 30 %.
		update := i18n.Text{
			TR: "İzmir'deki atölye haftası tamamlandı; 40 genç katıldı.",
			AZ: "İzmirdəki emalatxana həftəsi başa çatdı; 40 gənc iştirak etdi.",
			EN: "The workshop week in İzmir is done; 40 young people took part.",
		}
		edit := fmt.Sprintf("/tr/admin/projects/%d", pid)
		bC.open(edit)
		bC.choose("#f-posted_on", time.Now().Format(time.DateOnly))
		bC.typeInto("#f-body_tr", update.TR)
		bC.typeInto("#f-body_az", update.AZ)
		bC.typeInto("#f-body_en", update.EN)
		bC.typeInto("#f-update_progress", "30")
		if resp := bC.click(`form[action$="/updates"] button[type="submit"]`); resp.Status != http.StatusOK {
			t.Fatalf("posting the update: status %d; page says %q", resp.Status, bC.text("main"))
		}
		if bC.path() != edit {
			t.Fatalf("posting the update led to %s, want %s; page says %q", bC.path(), edit, bC.text("main"))
		}
		if got := bC.text(".flash"); got != msg("tr", "project.tracker.saved") {
			t.Errorf("after posting the update the page says %q", got)
		}

		// --- The public tracker and the project page show the new progress.
		bV.open("/en/projects")
		if got := bV.attr(card+" progress", "value"); got != "30" {
			t.Errorf("after the update the card shows progress %s, want 30", got)
		}
		if got := bV.text(card); !strings.Contains(got, msg("en", "project.tracker.progress_of", 30)) {
			t.Errorf("after the update the card reads %q, want %q in it", got, msg("en", "project.tracker.progress_of", 30))
		}
		// The only project makes the overall progress on top.
		if got := bV.attr(`section[aria-labelledby="tracker-summary"] progress`, "value"); got != "30" {
			t.Errorf("the tracker's summary shows progress %s, want 30", got)
		}
		bV.click(card + " h2 a")
		if want := "/en/projects/" + proj.Slug; bV.path() != want {
			t.Fatalf("the card led to %s, want %s", bV.path(), want)
		}
		if got := bV.attr("dl.facts progress", "value"); got != "30" {
			t.Errorf("the project page shows progress %s, want 30", got)
		}
		if got := bV.text(`section[aria-labelledby="h-updates"] article p`); got != update.EN {
			t.Errorf("the project page's update reads %q, want %q", got, update.EN)
		}
		bP.open("/az/projects/" + proj.Slug)
		if got := bP.text(`section[aria-labelledby="h-updates"] article p`); got != update.AZ {
			t.Errorf("the proposer reads the update %q, want %q", got, update.AZ)
		}
		bV.screenshot("project_tracked")
	})
}

// projectPersonOf makes an account in lang with roles, a member of o when o is given.
func projectPersonOf(t *testing.T, srv *server, lang string, o *identity.Organisation, name, email string, roles []string) *projectPerson {
	t.Helper()
	a, ctx := srv.App, context.Background()
	password := "köprü üzerinden " + strings.SplitN(email, "@", 2)[0]
	u, err := a.Identity.CreateUser(ctx, email, name, password, lang, roles)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	person := &projectPerson{user: u, lang: lang, email: email, password: password}
	if o != nil {
		if person.org, err = a.Identity.SeedOrganisation(ctx, *o); err != nil {
			t.Fatalf("create %s: %v", o.Name, err)
		}
		if err := a.Identity.AddMemberByID(ctx, person.org.ID, u.ID, "member"); err != nil {
			t.Fatalf("make %s a member of %s: %v", name, o.Name, err)
		}
	}
	return person
}

// projectCall opens a published call for youth and culture, with joint approval, one
// required question and two weighted criteria, as coord; it returns the call as stored, its
// questions and criteria with their ids.
func projectCall(t *testing.T, srv *server, coord *projectPerson) *project.Call {
	t.Helper()
	a, ctx := srv.App, context.Background()
	if err := a.Partnership.SeedDemo(ctx); err != nil {
		t.Fatalf("seed the partnership: %v", err)
	}
	v := identity.Viewer(coord.user)
	c, err := a.Projects.CreateCall(ctx, v, project.CallInput{
		Title:       i18n.Text{TR: "Gençlik ve Kültür Çağrısı", AZ: "Gənclik və Mədəniyyət Çağırışı", EN: "Youth and Culture Call"},
		Description: i18n.Text{TR: "İki şehrin gençlerini buluşturan projeler.", AZ: "İki şəhərin gənclərini birləşdirən layihələr."},
		Themes:      []string{"youth", "culture"},
		OpensAt:     time.Now().Add(-time.Hour), ClosesAt: time.Now().AddDate(0, 1, 0),
		JointApproval: true, Published: true,
		Questions: []project.CallQuestion{{Label: i18n.Text{TR: "Katılımcılar nerede kalacak?", AZ: "İştirakçılar harada qalacaq?"},
			Kind: project.QuestionText, Required: true}},
		Criteria: []project.CallCriterion{
			{Name: i18n.Text{TR: "Etki", AZ: "Təsir", EN: "Impact"}, Weight: 60},
			{Name: i18n.Text{TR: "Uygulanabilirlik", AZ: "İcra oluna bilmə", EN: "Feasibility"}, Weight: 40},
		},
	})
	if err != nil {
		t.Fatalf("open the call: %v", err)
	}
	if c, err = a.Projects.Call(ctx, v, c.ID); err != nil {
		t.Fatalf("read the call back: %v", err)
	}
	if len(c.Questions) != 1 || c.Questions[0].ID == 0 || len(c.Criteria) != 2 || c.Criteria[0].ID == 0 {
		t.Fatalf("the call holds questions %+v and criteria %+v", c.Questions, c.Criteria)
	}
	return c
}

// TestProposalDraftSavesItselfWhileTyping: a member types a title into a new proposal and
// stops; the form says it saved the draft, the address becomes the draft's, and a reload
// shows what was typed. Pressing "Save draft" afterwards saves the same draft, not a second.
func TestProposalDraftSavesItselfWhileTyping(t *testing.T) {
	chrome := chromium(t)
	engines(t, func(t *testing.T, databaseURL string) {
		srv := startServer(t, databaseURL)
		a, ctx := srv.App, context.Background()
		if err := a.Partnership.SeedDemo(ctx); err != nil {
			t.Fatalf("seed the partnership: %v", err)
		}
		proposer := projectPersonOf(t, srv, "tr",
			&identity.Organisation{Name: "Karşıyaka Gençlik ve Müzik Derneği", Kind: "association", City: "İzmir", Country: "TR"},
			"Öneri Yazarı", "oneri.yazari@karsiyaka-muzik.example.org", nil)
		partner, err := a.Identity.SeedOrganisation(ctx, identity.Organisation{Name: "Bakı Caz Klubu", Kind: "association", City: "Bakı", Country: "AZ"})
		if err != nil {
			t.Fatalf("create the partner: %v", err)
		}
		b := newBrowserWithin(t, chrome, srv.URL, projectsTimeout)
		signIn(t, b, "tr", proposer.email, proposer.password)
		if resp := b.open("/tr/proposals/new"); resp.Status != http.StatusOK {
			t.Fatalf("the proposal form: status %d; page says %q", resp.Status, b.text("main"))
		}
		const title = "Kordon'da Bakü müziği akşamları"
		b.typeInto("#f-title_tr", title)
		saved := strings.TrimSpace(a.Catalog.T("tr", "project.proposal.autosave.saved", ""))
		_, err = chromedp.Run(b.ctx, chromedp.Poll[bool](
			fmt.Sprintf(`document.getElementById("autosave-status").textContent.startsWith(%q)`, saved),
			chromedp.WithPollingInterval(100*time.Millisecond)))
		b.must(err, "wait for the status %q", saved)
		b.screenshot("proposal_autosaved")

		// The address is the draft's now, and a reload shows the title.
		editPath := b.path()
		idText, ok := strings.CutPrefix(editPath, "/tr/proposals/")
		idText, ok2 := strings.CutSuffix(idText, "/edit")
		id, err := strconv.ParseInt(idText, 10, 64)
		if !ok || !ok2 || err != nil {
			t.Fatalf("after the autosave the address is %s, want the draft's edit page", editPath)
		}
		b.open(editPath)
		if got := b.value("#f-title_tr"); got != title {
			t.Errorf("after a reload the title is %q, want %q", got, title)
		}

		// The button saves the same draft, with a partner picked from the platform's organisations.
		const summary = "Her ay bir akşam, iki şehrin müzisyenleri birlikte çalıyor."
		b.typeInto("#f-summary_tr", summary)
		b.choose("#f-po0", strconv.FormatInt(partner.ID, 10))
		if resp := b.click(`button[name="action"][value="save"]`); resp.Status != http.StatusOK {
			t.Fatalf("saving the draft: status %d; page says %q", resp.Status, b.text("main"))
		}
		mine, err := a.Projects.MyProposals(ctx, identity.Viewer(proposer.user))
		if err != nil {
			t.Fatal(err)
		}
		if len(mine) != 1 || mine[0].ID != id || mine[0].Title.TR != title || mine[0].Summary.TR != summary || mine[0].Status != project.Draft {
			t.Fatalf("the proposer's proposals after typing and saving: %+v", mine)
		}
		if ps := mine[0].Partners; len(ps) != 1 || ps[0].OrganisationID != partner.ID || ps[0].Name != partner.Name || ps[0].City != "Bakı" {
			t.Errorf("the partner picked in the form is stored as %+v, want %s of Bakı", ps, partner.Name)
		}
	})
}
