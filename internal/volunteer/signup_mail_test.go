package volunteer

import (
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/mail/mailtest"
)

// Confirmation, promotion, a coordinator's move and the day-before reminder reach each
// volunteer over SMTP in the volunteer's own language; a place given up before its mails
// run gets none.
func TestSignupMailsInTheVolunteersLanguage(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSignupFixture(t, d)
		sink, deliver := f.startSignupMail(t)
		sh := f.shift(t, 20, 10, 4, 1)
		later := f.shift(t, 25, 10, 4, 2)
		az, en, tr := f.adult(t, "az"), f.adult(t, "en"), f.adult(t, "tr")

		sAz, err := f.svc.SignUp(sctx, az, sh.ID)
		must(t, err)
		_, err = f.svc.SignUp(sctx, en, sh.ID) // waiting: no mail yet
		must(t, err)
		deliver()
		got := sink.To(az.Email)
		if len(got) != 2 {
			t.Fatalf("az volunteer got %d mails, want confirmation and reminder: %+v", len(got), got)
		}
		confirm, reminder := byPrefix(got, "Yeriniz təsdiqləndi"), byPrefix(got, "Sabah görüşürük")
		if confirm == nil || reminder == nil {
			t.Fatalf("az mails: %q, %q", got[0].Subject, got[1].Subject)
		}
		// Bakü programme: Bakı's time first, İzmir's beside it (10:00 UTC).
		if !strings.Contains(confirm.Text, "14:00 Bakı · 13:00 İzmir") || confirm.Lang != "az" || !strings.Contains(confirm.Text, "Qapı görevlisi") {
			t.Fatalf("az confirmation:\n%s", confirm.Text)
		}
		if len(sink.To(en.Email)) != 0 {
			t.Fatal("a waiting volunteer was mailed a place")
		}

		// The az volunteer is moved by a coordinator: the en one is promoted on the first
		// shift, the az one told of the move.
		_, err = f.svc.Move(sctx, f.coord, sAz.ID, later.ID)
		must(t, err)
		deliver()
		promoted := sink.To(en.Email)
		if byPrefix(promoted, "A place opened for you") == nil || byPrefix(promoted, "See you tomorrow") == nil {
			t.Fatalf("promoted volunteer's mails: %+v", promoted)
		}
		if m := byPrefix(sink.To(az.Email), "Növbəniz dəyişdi"); m == nil {
			t.Fatal("no move mail in Azerbaijani")
		}

		// Signed up and cancelled before the jobs ran: nothing is sent.
		sTr, err := f.svc.SignUp(sctx, tr, later.ID)
		must(t, err)
		must(t, f.svc.Cancel(sctx, tr, sTr.ID))
		deliver()
		if n := len(sink.To(tr.Email)); n != 0 {
			t.Fatalf("cancelled volunteer got %d mails", n)
		}
		// Running the queue again sends nothing twice.
		before := len(sink.All())
		deliver()
		if after := len(sink.All()); after != before {
			t.Fatalf("%d mails more on a second run", after-before)
		}
	})
}

func byPrefix(ms []mailtest.Message, prefix string) *mailtest.Message {
	for i := range ms {
		if strings.HasPrefix(ms[i].Subject, prefix) {
			return &ms[i]
		}
	}
	return nil
}
