package project

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

func TestDraftSubmitAndNoEditAfter(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		// A draft keeps what was typed, incomplete as it is.
		half := ProposalInput{OrganisationID: f.association, CallID: f.call.ID, Summary: i18n.Text{AZ: "Yarımçıq"},
			Budget: []ProposalBudgetLine{{Label: "Səhnə", Currency: "AZN", Amount: 1000_00, Requested: 10_00}}}
		p, err := f.svc.CreateDraft(ctx, f.member, half)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Submit(ctx, f.member, p.ID); err == nil {
			t.Fatal("an incomplete draft was submitted")
		} else {
			pcFieldErr(t, err, "title", "project.proposal.error.title")
			pcFieldErr(t, err, "budget_0", "project.proposal.error.budget_sum")
			pcFieldErr(t, err, "answer_"+strconv.FormatInt(f.call.Questions[0].ID, 10), "form.required")
		}
		got, err := f.svc.Proposal(ctx, f.member, p.ID)
		if err != nil || got.Summary.AZ != "Yarımçıq" || got.Budget[0].Requested != 10_00 || got.Status != Draft {
			t.Fatalf("draft after a refused submit: %+v, %v", got, err)
		}
		// Nobody else sees a draft, nor changes it.
		for _, v := range []*web.Viewer{nil, f.outsider, f.coordinator} {
			if _, err := f.svc.Proposal(ctx, v, p.ID); !errors.Is(err, fail.NotFound) {
				t.Fatalf("%v read a draft: %v", v, err)
			}
		}
		if _, err := f.svc.SaveDraft(ctx, f.outsider, p.ID, f.complete()); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider saved a draft: %v", err)
		}
		if _, err := f.svc.Submit(ctx, f.outsider, p.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider submitted a draft: %v", err)
		}
		if _, err := f.svc.Submit(ctx, nil, p.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("an anonymous visitor submitted a draft: %v", err)
		}
		if p, err = f.svc.SaveDraft(ctx, f.member, p.ID, f.complete()); err != nil {
			t.Fatal(err)
		}
		if p, err = f.svc.Submit(ctx, f.member, p.ID); err != nil || p.Status != Submitted || !p.SubmittedAt.Equal(pcNow) {
			t.Fatalf("submit: %+v, %v", p, err)
		}
		// Submitted: everyone reads it, no one edits it.
		if got, err := f.svc.Proposal(ctx, nil, p.ID); err != nil || got.Title.TR != "Gençlik Festivali" || len(got.Indicators) != 1 {
			t.Fatalf("public read: %+v, %v", got, err)
		}
		if _, err := f.svc.SaveDraft(ctx, f.member, p.ID, f.complete()); !errors.Is(err, ErrNotEditable) {
			t.Fatalf("edit after submit: %v", err)
		}
		if _, err := f.svc.Submit(ctx, f.member, p.ID); !errors.Is(err, ErrNotEditable) {
			t.Fatalf("second submit: %v", err)
		}
		if _, err := f.svc.SaveDraft(ctx, f.outsider, p.ID, f.complete()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("an outsider edited a submitted proposal: %v", err)
		}
	})
}

func TestNonMemberCannotProposeForAnOrganisation(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		_, err := f.svc.CreateDraft(ctx, f.outsider, f.complete()) // the association's, by the company's man
		pcFieldErr(t, err, "organisation_id", "project.proposal.error.not_member")
		if _, err := f.svc.CreateDraft(ctx, nil, f.complete()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous draft: %v", err)
		}
		// A member who moves a draft to another organisation is refused too.
		p, err := f.svc.CreateDraft(ctx, f.member, f.complete())
		if err != nil {
			t.Fatal(err)
		}
		in := f.complete()
		in.OrganisationID = f.company
		_, err = f.svc.SaveDraft(ctx, f.member, p.ID, in)
		pcFieldErr(t, err, "organisation_id", "project.proposal.error.not_member")
	})
}

func TestSubmitOnlyWhileTheCallIsOpen(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		p, err := f.svc.CreateDraft(ctx, f.member, f.complete())
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Time{f.call.OpensAt.Add(-time.Second), f.call.ClosesAt} {
			f.now = at
			if _, err := f.svc.Submit(ctx, f.member, p.ID); !errors.Is(err, ErrCallClosed) {
				t.Fatalf("submitted at %v: %v", at, err)
			}
		}
		f.now = f.call.ClosesAt.Add(-time.Second)
		if _, err := f.svc.Submit(ctx, f.member, p.ID); err != nil {
			t.Fatalf("last second: %v", err)
		}
		// The standing intake is always open.
		in := f.complete()
		in.CallID, in.Answers = 0, nil
		f.now = pcNow.AddDate(1, 0, 0)
		q, err := f.svc.CreateDraft(ctx, f.member, in)
		if err == nil {
			_, err = f.svc.Submit(ctx, f.member, q.ID)
		}
		if err != nil {
			t.Fatalf("intake: %v", err)
		}
	})
}

func TestNewVersionReplacesTheOldOneInReview(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		v1 := f.submitted(t)
		if _, err := f.svc.NewVersion(ctx, f.outsider, v1.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("an outsider versioned: %v", err)
		}
		// The reviewer asked for more: the proposer's work carries over to the new draft.
		if _, err := d.Exec(ctx, `UPDATE proposals SET status = 'needs_info' WHERE id = ?`, v1.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Exec(ctx, `INSERT INTO proposal_reviewers (proposal_id, user_id, side, assigned_at) VALUES (?, ?, 'municipality', ?)`,
			v1.ID, f.coordinator.ID, pcNow); err != nil {
			t.Fatal(err)
		}
		v2, err := f.svc.NewVersion(ctx, f.member, v1.ID)
		if err != nil {
			t.Fatal(err)
		}
		again, err := f.svc.NewVersion(ctx, f.member, v1.ID)
		if err != nil || again.ID != v2.ID {
			t.Fatalf("second new version: %v, %v; want the same draft", again, err)
		}
		if v2.Status != Draft || v2.Version != 2 || v2.PreviousID != v1.ID || v2.Budget[0].Amount != 150000_00 ||
			v2.Answers[f.call.Questions[1].ID] != "İkisi de" || v2.Partners[0].City != "Bakı" {
			t.Fatalf("new version %+v", v2)
		}
		in := v2.ProposalInput
		in.Summary.EN = "Now with an English summary."
		if _, err := f.svc.SaveDraft(ctx, f.member, v2.ID, in); err != nil {
			t.Fatal(err)
		}
		f.now = f.call.ClosesAt.Add(time.Hour) // the answer to "needs more information" may come after the call closed
		if _, err := f.svc.Submit(ctx, f.member, v2.ID); err != nil {
			t.Fatal(err)
		}
		old, _ := f.svc.Proposal(ctx, nil, v1.ID)
		if old.Status != Superseded {
			t.Fatalf("old version is %s", old.Status)
		}
		var reviewers int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM proposal_reviewers WHERE proposal_id = ?`, v2.ID).Scan(&reviewers); err != nil || reviewers != 1 {
			t.Fatalf("reviewers of the new version: %d, %v", reviewers, err)
		}
		list, err := f.svc.PublicProposals(ctx, ProposalFilter{})
		if err != nil || len(list) != 1 || list[0].ID != v2.ID {
			t.Fatalf("public list %+v, %v", list, err)
		}
		if _, err := f.svc.NewVersion(ctx, f.member, v1.ID); !errors.Is(err, ErrNotVersionable) {
			t.Fatalf("version of a superseded proposal: %v", err)
		}
	})
}

func TestBudgetLinesRefuseNegativeAmounts(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		in := f.complete()
		in.Budget = append(in.Budget, ProposalBudgetLine{Label: "Ulaşım", Currency: "EUR", Amount: -5_00, Requested: -5_00},
			ProposalBudgetLine{Label: "Konaklama", Currency: "GBP", Amount: 1})
		_, err := f.svc.CreateDraft(ctx, f.member, in)
		pcFieldErr(t, err, "budget_1", "project.proposal.error.negative")
		pcFieldErr(t, err, "budget_2", "project.proposal.error.currency")
	})
}

func TestParseAmount(t *testing.T) {
	for in, want := range map[string]int64{"1250": 1250_00, "1.250,50": 1250_50, "1,250.5": 1250_50, "1 250": 1250_00,
		"0,05": 5, ",5": 50, "12.345": 12345_00, "7,": 7_00, "1.250.000,00": 1250000_00, "1250,000.5": -1, "-5": -1, "abc": -1, "1,2,3,4": -1, "": -1, "12e3": -1} {
		got, ok := ParseAmount(in)
		if want < 0 && ok || want >= 0 && (!ok || got != want) {
			t.Errorf("ParseAmount(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestAttachmentsArePDFsOfAtMostTenMegabytes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		p, err := f.svc.CreateDraft(ctx, f.member, f.complete())
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.AddAttachment(ctx, f.member, p.ID, "butce.pdf", []byte("<html>not a pdf</html>"))
		pcFieldErr(t, err, "attachment", "project.proposal.error.not_pdf")
		big := append([]byte("%PDF-1.7\n"), make([]byte, MaxAttachment)...)
		_, err = f.svc.AddAttachment(ctx, f.member, p.ID, "buyuk.pdf", big)
		pcFieldErr(t, err, "attachment", "project.proposal.error.too_large")
		if _, err := f.svc.AddAttachment(ctx, f.outsider, p.ID, "x.pdf", []byte("%PDF-1.4 x")); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider attached to a draft: %v", err)
		}
		a, err := f.svc.AddAttachment(ctx, f.member, p.ID, `C:\Belgeler\Bütçe planı`, []byte("%PDF-1.4 plan"))
		if err != nil || a.Name != "Bütçe planı.pdf" {
			t.Fatalf("attachment %+v, %v", a, err)
		}
		if _, err := f.svc.Submit(ctx, f.member, p.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddAttachment(ctx, f.member, p.ID, "late.pdf", []byte("%PDF-1.4 late")); !errors.Is(err, ErrNotEditable) {
			t.Fatalf("attached after submit: %v", err)
		}
		got, _ := f.svc.Proposal(ctx, nil, p.ID)
		if len(got.Attachments) != 1 {
			t.Fatalf("attachments %+v", got.Attachments)
		}
	})
}

func TestPublicListFiltersAndMyProposals(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		festival := f.submitted(t)
		in := f.complete()
		in.Title, in.Themes = i18n.Text{AZ: "İzmir–Bakı ticarət körpüsü"}, []string{"trade"}
		trade, err := f.svc.CreateDraft(ctx, f.member, in)
		if err == nil {
			_, err = f.svc.Submit(ctx, f.member, trade.ID)
		}
		if err != nil {
			t.Fatal(err)
		}
		draft, err := f.svc.CreateDraft(ctx, f.member, ProposalInput{OrganisationID: f.association})
		if err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int64{"IZMIR–BAKI": trade.ID, "genclik": festival.ID, "GENÇLİK": festival.ID} {
			list, err := f.svc.PublicProposals(ctx, ProposalFilter{Query: q})
			if err != nil || len(list) != 1 || list[0].ID != want {
				t.Fatalf("search %q: %+v, %v", q, list, err)
			}
		}
		if list, _ := f.svc.PublicProposals(ctx, ProposalFilter{Theme: "trade"}); len(list) != 1 || list[0].ID != trade.ID {
			t.Fatalf("theme filter %+v", list)
		}
		if list, _ := f.svc.PublicProposals(ctx, ProposalFilter{CallID: f.call.ID, Status: Submitted}); len(list) != 2 {
			t.Fatalf("call filter %+v", list)
		}
		// The official answer shows once published, not while prepared.
		if _, err := d.Exec(ctx, `INSERT INTO proposal_responses (proposal_id, outcome, answer, prepared_at) VALUES (?, 'accepted', ?, ?)`,
			festival.ID, i18n.Text{TR: "Kabul edildi."}, pcNow); err != nil {
			t.Fatal(err)
		}
		mine, err := f.svc.MyProposals(ctx, f.member)
		if err != nil || len(mine) != 3 || mine[0].ID != draft.ID {
			t.Fatalf("my proposals %+v, %v", mine, err)
		}
		for _, p := range mine {
			if p.Answer != nil {
				t.Fatalf("unpublished answer shown: %+v", p)
			}
		}
		if _, err := d.Exec(ctx, `UPDATE proposal_responses SET published_at = ? WHERE proposal_id = ?`, pcNow, festival.ID); err != nil {
			t.Fatal(err)
		}
		a, err := f.svc.PublicAnswerOf(ctx, festival.ID)
		if err != nil || a == nil || a.Answer.TR != "Kabul edildi." {
			t.Fatalf("published answer %+v, %v", a, err)
		}
		if others, _ := f.svc.MyProposals(ctx, f.outsider); len(others) != 0 {
			t.Fatalf("the company sees the association's proposals: %+v", others)
		}
	})
}

// Saving through the form keeps what only the API sets: a partner's link to an organisation
// and an indicator's name in every language.
func TestFormRoundTripKeepsEverything(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		in := f.complete()
		in.Partners[0].OrganisationID = f.company
		in.Indicators[0].Name = i18n.Text{TR: "Katılımcı", AZ: "İştirakçı", EN: "Participants"}
		in.Indicators[0].Target = 1250.5
		p, err := f.svc.CreateDraft(ctx, f.member, in)
		if err != nil {
			t.Fatal(err)
		}
		// A linked partner is named as the platform names it; the city typed is kept.
		if want := (ProposalPartner{OrganisationID: f.company, Name: "Örnek Zeytinyağı A.Ş.", City: "Bakı"}); p.Partners[0] != want {
			t.Fatalf("linked partner %+v, want %+v", p.Partners[0], want)
		}
		for _, lang := range i18n.Supported {
			form := web.NewForm(proposalValues(p, lang))
			back := proposalFromForm(form, p.CallID)
			if !form.Valid() {
				t.Fatalf("%s: %v", lang, form.Errors)
			}
			if back.Partners[0] != p.Partners[0] || back.Indicators[0] != in.Indicators[0] || back.Budget[0] != in.Budget[0] ||
				back.Answers[f.call.Questions[1].ID] != "İkisi de" || back.Title != in.Title {
				t.Fatalf("%s: form round trip %+v\nwant %+v", lang, back, in)
			}
		}
	})
}

// A new version shares its files with the old one; removing one from the draft leaves the
// submitted version's copy readable.
func TestRemovingAnAttachmentFromANewVersion(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		ctx, f := context.Background(), newPCFixture(t, d)
		p, err := f.svc.CreateDraft(ctx, f.member, f.complete())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.AddAttachment(ctx, f.member, p.ID, "plan.pdf", []byte("%PDF-1.4 plan")); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Submit(ctx, f.member, p.ID); err != nil {
			t.Fatal(err)
		}
		v2, err := f.svc.NewVersion(ctx, f.member, p.ID)
		if err != nil || len(v2.Attachments) != 1 {
			t.Fatalf("new version %+v, %v", v2, err)
		}
		a := v2.Attachments[0]
		if err := f.svc.RemoveAttachment(ctx, f.outsider, v2.ID, a.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("an outsider removed a file: %v", err)
		}
		old, _ := f.svc.Proposal(ctx, nil, p.ID)
		if err := f.svc.RemoveAttachment(ctx, f.member, p.ID, old.Attachments[0].ID); !errors.Is(err, ErrNotEditable) {
			t.Fatalf("a file removed from a submitted proposal: %v", err)
		}
		if err := f.svc.RemoveAttachment(ctx, f.member, v2.ID, a.ID); err != nil {
			t.Fatal(err)
		}
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		if err := f.svc.ServeAttachment(rec, req, nil, p.ID, old.Attachments[0].ID); err != nil || rec.Body.String() != "%PDF-1.4 plan" {
			t.Fatalf("the submitted version's file: %v, %q", err, rec.Body.String())
		}
	})
}
