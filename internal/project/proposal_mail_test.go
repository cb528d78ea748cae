package project

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
)

// The receipt goes over real SMTP to the proposal's author in their language (the
// association's member reads Azerbaijani), once however often the job is planned.
func TestSubmittedProposalIsMailedToItsAuthor(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newPCFixture(t, d)
		sink, out, queue, cat := startMail(t, d)
		f.svc.UseMail(queue, out, cat, "https://kopru.example.org/")
		p := f.submitted(t)
		if err := d.InTx(ctx, func(tx *db.Tx) error { return f.svc.queueProposalMail(ctx, tx, p.ID) }); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			if ran, err := queue.RunOnce(ctx); err != nil || !ran {
				break
			}
		}
		if _, err := out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		got := sink.To(fmt.Sprintf("user%d@project.test", f.member.ID))
		if len(got) != 1 {
			t.Fatalf("%d receipts; want 1", len(got))
		}
		m := got[0]
		if m.Lang != "az" || m.Subject != "Təklifiniz alındı: Gənclik Festivalı" ||
			!strings.Contains(m.Text, fmt.Sprintf("https://kopru.example.org/az/proposals/%d", p.ID)) ||
			!strings.Contains(m.Text, "Dernek Üyesi") {
			t.Fatalf("receipt %+v", m)
		}
		// The job run again (a worker lost its lease after writing the mail) mails no second time.
		if err := f.svc.sendProposalMail(ctx, []byte(fmt.Sprintf(`{"proposal":%d}`, p.ID))); err != nil {
			t.Fatal(err)
		}
		if _, err := out.DeliverDue(ctx); err != nil {
			t.Fatal(err)
		}
		if n := len(sink.All()); n != 1 {
			t.Fatalf("%d mails in all", n)
		}
	})
}
