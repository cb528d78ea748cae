package b2b

import (
	"context"
	"fmt"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	outbox "github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/ui"
)

// mailedForum is surveyForum with mail on: jobs and an outbox delivering to a real SMTP
// server. The Bakü company's representative reads Azerbaijani, the İzmir one Turkish.
type mailedForum struct {
	*surveyForum
	jobs *jobs.Queue
	out  *outbox.Outbox
	smtp *mailtest.Sink
}

func newMailedForum(t *testing.T, d *db.DB) *mailedForum {
	t.Helper()
	f := &mailedForum{surveyForum: newSurveyForum(t, d), smtp: mailtest.Start(t)}
	sender, err := outbox.NewSMTPSender(f.smtp.URL, "Köprü <noreply@localhost>")
	if err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	f.out, f.jobs = outbox.NewOutbox(d, sender, quiet), jobs.New(d, quiet)
	cat, err := i18n.Load(ui.FS, "locales")
	if err != nil {
		t.Fatal(err)
	}
	f.svc.UseMail(f.jobs, f.out, cat, "https://kopru.example.org")
	f.dir.locales = map[int64]string{f.bakuRep.ID: "az", f.member.ID: "tr"}
	return f
}

// surveyJobs counts the planned survey rounds.
func (f *mailedForum) surveyJobs(t *testing.T) int {
	t.Helper()
	var n int
	if err := f.d.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = ?`, SurveyJob).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// runRound makes round's planned job due now (instead of waiting for the forum's end, or six
// months), runs every due job and delivers the outbox over SMTP.
func (f *mailedForum) runRound(t *testing.T, round int) {
	t.Helper()
	_, err := f.d.Exec(ctx, `UPDATE jobs SET run_at = ? WHERE kind = ? AND status = 'queued' AND payload LIKE ?`,
		time.Now().Add(-time.Minute), SurveyJob, fmt.Sprintf(`%%"round":%d%%`, round))
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		ran, err := f.jobs.RunOnce(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !ran {
			break
		}
	}
	if _, err := f.out.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestSurveyMailsAfterTheForumAndSixMonthsLater(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMailedForum(t, d)
		// Saving the programme twice plans each round once.
		for range 2 {
			f.forumProgramme(t)
		}
		if n := f.surveyJobs(t); n != 2 {
			t.Fatalf("%d survey jobs planned; want one per round", n)
		}
		ev, _ := f.svc.events.Event(ctx, nil, f.forum)

		f.at(forumEnd.Add(time.Minute))
		f.runRound(t, 1)
		tr := f.smtp.To(mailTo(f.member.ID))
		az := f.smtp.To(mailTo(f.bakuRep.ID))
		if len(tr) != 1 || len(az) != 1 {
			t.Fatalf("round 1 mails: %d to İzmir, %d to Bakü; want one each", len(tr), len(az))
		}
		if tr[0].Lang != "tr" || tr[0].Subject != "İzmir–Bakü İş Forumu: görüşmeleriniz nasıl geçti?" ||
			!strings.Contains(tr[0].Text, "https://kopru.example.org/tr/b2b/"+ev.Slug+"/surveys") ||
			!strings.Contains(tr[0].Text, "Yanıtınızı bekleyen görüşme sayısı: 3") {
			t.Fatalf("Turkish mail %+v", tr[0])
		}
		if az[0].Lang != "az" || !strings.HasSuffix(az[0].Subject, "görüşləriniz necə keçdi?") ||
			!strings.Contains(az[0].Text, "https://kopru.example.org/az/b2b/"+ev.Slug+"/surveys") ||
			!strings.Contains(az[0].Text, "10.12.2027") { // round 1 is open until six months after 10.06.2027
			t.Fatalf("Azerbaijani mail %+v", az[0])
		}

		// Saving after the forum plans no second round-1 mail; running the queue sends nothing.
		f.forumProgramme(t)
		f.runRound(t, 1)
		if n := len(f.smtp.To(mailTo(f.member.ID))); n != 1 {
			t.Fatalf("%d round-1 mails after a save past the forum", n)
		}

		// Six months later: the Bakü side has answered every meeting already, so only İzmir
		// is asked.
		f.at(forumEnd.AddDate(0, 6, 0).Add(time.Minute))
		for _, m := range []int64{f.held, f.planned, f.later} {
			if _, err := f.svc.AnswerSurvey(ctx, f.bakuRep, m, answer(2, 4, OutcomeOffer, 5000)); err != nil {
				t.Fatal(err)
			}
		}
		f.runRound(t, 2)
		tr = f.smtp.To(mailTo(f.member.ID))
		if len(tr) != 2 || tr[1].Subject != "İzmir–Bakü İş Forumu, altı ay sonra: görüşmeleriniz neyle sonuçlandı?" {
			t.Fatalf("round 2 to İzmir: %+v", tr)
		}
		if n := len(f.smtp.To(mailTo(f.bakuRep.ID))); n != 1 {
			t.Fatalf("Bakü got %d mails; its answers were all in", n)
		}
	})
}

func TestSurveyJobFollowsAMovedEnd(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMailedForum(t, d)
		f.forumProgramme(t)
		// The job planned for the old end runs, but the forum now ends a day later: it plans
		// the round for the new end and mails nobody yet.
		stale, _ := f.svc.events.Event(ctx, nil, f.forum)
		stale.EndsAt = forumEnd.Add(-24 * time.Hour)
		if err := d.InTx(ctx, func(tx *db.Tx) error { return f.svc.planSurvey(ctx, tx, stale, RoundAfterForum) }); err != nil {
			t.Fatal(err)
		}
		f.at(stale.EndsAt.Add(time.Minute))
		_, err := d.Exec(ctx, `UPDATE jobs SET run_at = ? WHERE kind = ? AND payload LIKE ?`, time.Now().Add(-time.Minute), SurveyJob,
			`%`+stale.EndsAt.UTC().Format("2006-01-02")+`%`)
		if err != nil {
			t.Fatal(err)
		}
		if ran, err := f.jobs.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("stale job: %v, %v", ran, err)
		}
		if _, err := f.out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(f.smtp.To(mailTo(f.member.ID))); n != 0 {
			t.Fatalf("%d mails before the forum ended", n)
		}
		if n := f.surveyJobs(t); n != 3 { // the stale one (done), and rounds 1 and 2 for the real end
			t.Fatalf("%d survey jobs", n)
		}
	})
}

func mailTo(userID int64) string { return fmt.Sprintf("user%d@b2b.test", userID) }
