package b2b

import (
	"errors"
	"log/slog"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/ui"
)

func TestPublishAndWhoSeesWhichMeetings(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 2, 0))
		a, b, c := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika"), f.company(t, "Körfez Tekstil")
		ab, bc := f.meet(t, a, b, PriorityNormal), f.meet(t, b, c, PriorityNormal)
		if _, err := f.svc.ScheduleAll(ctx, f.coordinator, f.forum); err != nil {
			t.Fatal(err)
		}
		stranger := f.user(t, "yabanci@example.org", "Yabancı")

		// Before publication a participant sees its meetings but not where they are.
		_, mine, err := f.svc.Meetings(ctx, f.people[a], f.forum)
		if err != nil || len(mine) != 1 || mine[0].ID != ab || mine[0].Scheduled() {
			t.Fatalf("Ege before publication: %+v %v", mine, err)
		}
		if _, theirs, err := f.svc.Meetings(ctx, stranger, f.forum); err != nil || len(theirs) != 0 {
			t.Fatalf("a stranger lists %+v %v", theirs, err)
		}
		if _, _, err := f.svc.Meeting(ctx, stranger, ab); !errors.Is(err, fail.NotFound) {
			t.Fatalf("a stranger reads a meeting: %v", err)
		}
		if _, _, err := f.svc.Meeting(ctx, f.people[a], bc); !errors.Is(err, fail.NotFound) {
			t.Fatalf("Ege reads Xəzər–Körfez: %v", err)
		}
		if _, _, err := f.svc.Meeting(ctx, nil, ab); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous reads a meeting: %v", err)
		}
		if _, all, _ := f.svc.Meetings(ctx, f.coordinator, f.forum); len(all) != 2 || !all[0].Scheduled() {
			t.Fatalf("organiser sees %+v", all)
		}

		if _, err := f.svc.Publish(ctx, f.people[a], f.forum); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("participant publishes: %v", err)
		}
		p, err := f.svc.Publish(ctx, f.coordinator, f.forum)
		if err != nil || !p.PublishedAt.Equal(t0) {
			t.Fatalf("publish: %+v %v", p, err)
		}
		_, err = f.svc.Publish(ctx, f.coordinator, f.forum)
		fieldErr(t, err, "publish", "b2b.schedule.error.already_published")

		// Now Xəzər sees both of its meetings with their places, and no organiser notes.
		_, mine, err = f.svc.Meetings(ctx, f.people[b], f.forum)
		if err != nil || len(mine) != 2 || !mine[0].Scheduled() || !mine[1].Scheduled() || mine[0].Unplaced != "" {
			t.Fatalf("Xəzər after publication: %+v %v", mine, err)
		}
		_, m, err := f.svc.Meeting(ctx, f.people[c], bc)
		if err != nil || !m.Scheduled() || m.ID != bc {
			t.Fatalf("Körfez reads its meeting: %+v %v", m, err)
		}
	})
}

func TestChangeRefKeepsTheOldPlace(t *testing.T) {
	for _, m := range []Meeting{{ID: 1, Slot: -1}, {ID: 7, Slot: 0, Table: 1}, {ID: 123456789, Slot: 1999, Table: 1000}} {
		id, slot, table := decodeChangeRef(changeRef(m))
		if id != m.ID || slot != m.Slot || table != m.Table {
			t.Fatalf("%+v came back as %d %d %d", m, id, slot, table)
		}
	}
}

// changeMails counts the planned "meeting changed" mails.
func changeMails(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM jobs WHERE kind = ? AND payload LIKE ?`, MailJob, `%"`+MailChanged+`"%`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A preliminary schedule changes silently; in instant mode participants already see their
// places, so a move is mailed to both sides at once.
func TestChangesAreMailedOnlyOncePlacesAreVisible(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newSched(t, d, smallSetup(3, 2, 0))
		cat, err := i18n.Load(ui.FS, "locales")
		if err != nil {
			t.Fatal(err)
		}
		f.svc.UseMail(jobs.New(d, slog.New(slog.DiscardHandler)), mail.NewOutbox(d, nil, slog.New(slog.DiscardHandler)), cat, "https://kopru.example.org")
		a, b := f.company(t, "Ege Zeytin"), f.company(t, "Xəzər Logistika")
		m := f.meet(t, a, b, PriorityNormal)
		if _, err := f.svc.MoveMeeting(ctx, f.coordinator, m, 0, 1); err != nil {
			t.Fatal(err)
		}
		if n := changeMails(t, d); n != 0 {
			t.Fatalf("%d change mails for a preliminary schedule", n)
		}
		in := smallSetup(3, 2, 0)
		in.Mode = Instant
		in.Sessions[0].ID = f.programme(t).Sessions[0].ID
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.MoveMeeting(ctx, f.coordinator, m, 1, 2); err != nil {
			t.Fatal(err)
		}
		if n := changeMails(t, d); n != 2 {
			t.Fatalf("%d change mails in instant mode, want one per side", n)
		}
		// Locking where it stands is no change of place.
		if _, err := f.svc.SetLocked(ctx, f.coordinator, m, false); err != nil {
			t.Fatal(err)
		}
		if n := changeMails(t, d); n != 2 {
			t.Fatalf("%d change mails after an unlock", n)
		}
	})
}
