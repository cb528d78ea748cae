package b2b

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// meetings is the profiles fixture with everyone joined and validated: the İzmir exporter
// (Leyla, Orhan) and the Bakü carrier (Rəşad) in the forum, Selin's firm in the other forum,
// and Kamran, who belongs to no participant.
type meetings struct {
	*profiles
	exporter, carrier, elsewhere *Profile
	kamran                       *web.Viewer
}

func newMeetings(t *testing.T, d *db.DB) *meetings {
	t.Helper()
	f := &meetings{profiles: newProfiles(t, d)}
	f.kamran = f.user(t, "kamran@example.org", "Kamran Əliyev")
	f.exporter = f.join(t, f.member, f.forum, f.input(f.izmir, f.member, f.orhan))
	in := f.input(f.baku, f.rashad)
	in.City, in.Country, in.Languages = "Bakı", "AZ", []string{"az", "ru", "tr"}
	in.Description = i18n.Text{AZ: "Xəzər limanından Türkiyəyə konteyner daşımaları."}
	f.carrier = f.join(t, f.rashad, f.forum, in)
	f.elsewhere = f.join(t, f.selin, f.otherForum, f.input(f.other, f.selin))
	for _, p := range []*Profile{f.exporter, f.carrier, f.elsewhere} {
		f.validate(t, p.ID)
	}
	return f
}

func (f *meetings) validate(t *testing.T, id int64) {
	t.Helper()
	if err := f.svc.Validate(ctx, f.coordinator, id); err != nil {
		t.Fatal(err)
	}
}

// company adds a validated participant with one member to the forum.
func (f *meetings) company(t *testing.T, name string) (*Profile, *web.Viewer) {
	t.Helper()
	v := f.user(t, asciiOnly(name)+"@example.org", name)
	org := f.org(t, name, "Bakı", "AZ", v)
	p := f.join(t, v, f.forum, f.input(org, v))
	f.validate(t, p.ID)
	return p, v
}

func asciiOnly(s string) string {
	out := []rune{}
	for _, r := range s {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			out = append(out, r)
		}
	}
	return string(out)
}

func (f *meetings) send(t *testing.T, v *web.Viewer, to *Profile) *RequestView {
	t.Helper()
	rv, err := f.svc.SendRequest(ctx, v, f.forum, RequestInput{ToProfileID: to.ID, Message: "Zeytinyağı lojistiği üzerine görüşelim.", Priority: PriorityHigh})
	if err != nil {
		t.Fatal(err)
	}
	return rv
}

func TestRequestAcceptCancel(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		rv := f.send(t, f.member, f.carrier)
		if rv.Status != RequestPending || rv.FromProfileID != f.exporter.ID || rv.To.Name != "Xəzər Logistika (demo)" || rv.Priority != PriorityHigh {
			t.Fatalf("sent: %+v", rv)
		}
		// Pending requests are visible to both sides, and to no one else.
		for _, v := range []*web.Viewer{f.orhan, f.rashad} {
			list, err := f.svc.Requests(ctx, v, f.forum)
			if err != nil || len(list) != 1 || list[0].ID != rv.ID {
				t.Fatalf("%s sees %v, %v", v.Name, list, err)
			}
		}
		if list, _ := f.svc.Requests(ctx, f.orhan, f.forum); !list[0].Outgoing || list[0].Incoming {
			t.Fatalf("the sender's colleague sees it as %+v", list[0])
		}
		if _, err := f.svc.Requests(ctx, f.kamran, f.forum); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a stranger lists requests: %v", err)
		}
		if all, err := f.svc.Requests(ctx, f.coordinator, f.forum); err != nil || len(all) != 1 {
			t.Fatalf("organiser sees %v, %v", all, err)
		}

		acc, err := f.svc.AcceptRequest(ctx, f.rashad, rv.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Batch mode: the meeting waits for the organisers' run.
		if acc.Status != RequestAccepted || acc.AnsweredBy != f.rashad.ID || acc.Meeting == nil || acc.Meeting.Scheduled() || acc.Meeting.Status != MeetingPlanned {
			t.Fatalf("accepted: %+v meeting %+v", acc.Request, acc.Meeting)
		}
		// An accepted request still joins the pair: no new request either way.
		_, err = f.svc.SendRequest(ctx, f.rashad, f.forum, RequestInput{ToProfileID: f.exporter.ID, Message: "Bir daha görüşək, zəhmət olmasa."})
		fieldErr(t, err, "to", "b2b.req.error.duplicate")

		// Cancelling needs a reason, is for the two sides only and frees the pair.
		_, err = f.svc.CancelMeeting(ctx, f.orhan, rv.ID, " ")
		fieldErr(t, err, "reason", "b2b.req.error.reason_required")
		if _, err := f.svc.CancelMeeting(ctx, f.kamran, rv.ID, "Başka işim var."); !errors.Is(err, fail.NotFound) {
			t.Fatalf("a stranger cancels: %v", err)
		}
		_, err = f.svc.CancelMeeting(ctx, f.coordinator, rv.ID, "Organizatör iptali.")
		fieldErr(t, err, "request", "b2b.req.error.not_party")
		c, err := f.svc.CancelMeeting(ctx, f.orhan, rv.ID, "Uçuşumuz değişti.")
		if err != nil || c.Status != RequestCancelled || c.Reason != "Uçuşumuz değişti." || c.Meeting.Status != MeetingCancelled {
			t.Fatalf("cancelled: %+v %v", c, err)
		}
		_, err = f.svc.CancelMeeting(ctx, f.rashad, rv.ID, "İkinci kez.")
		fieldErr(t, err, "request", "b2b.req.error.not_accepted")
		f.send(t, f.rashad, f.exporter) // the pair may meet again
	})
}

func TestRequestRulesAreLocalizedErrors(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		send := func(v *web.Viewer, to int64) error {
			_, err := f.svc.SendRequest(ctx, v, f.forum, RequestInput{ToProfileID: to, Message: "Tanışmak isteriz, uygun musunuz?"})
			return err
		}
		fieldErr(t, send(f.member, f.exporter.ID), "to", "b2b.req.error.self")
		fieldErr(t, send(f.member, f.elsewhere.ID), "to", "b2b.req.error.other_programme")
		fieldErr(t, send(f.member, 99999), "to", "b2b.req.error.unknown_profile")
		_, err := f.svc.SendRequest(ctx, f.member, f.forum, RequestInput{ToProfileID: f.carrier.ID, Message: "Merhaba"})
		fieldErr(t, err, "message", "b2b.req.error.message_short")
		_, err = f.svc.SendRequest(ctx, f.member, f.forum, RequestInput{ToProfileID: f.carrier.ID, Message: "Merhaba, görüşelim mi?", Priority: 7})
		fieldErr(t, err, "priority", "form.choice")
		if err := send(f.kamran, f.carrier.ID); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("a non-participant sends: %v", err)
		}
		if err := send(nil, f.carrier.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous sends: %v", err)
		}

		// An unvalidated profile can neither receive nor send.
		late, lateUser := f.company(t, "Gəncə Tekstil")
		if err := f.svc.Reject(ctx, f.coordinator, late.ID, "Eksik bilgi."); err != nil {
			t.Fatal(err)
		}
		fieldErr(t, send(f.member, late.ID), "to", "b2b.req.error.not_validated")
		fieldErr(t, send(lateUser, f.carrier.ID), "request", "b2b.req.error.sender_not_validated")

		// A duplicate in either direction.
		rv := f.send(t, f.member, f.carrier)
		fieldErr(t, send(f.orhan, f.carrier.ID), "to", "b2b.req.error.duplicate")
		fieldErr(t, send(f.rashad, f.exporter.ID), "to", "b2b.req.error.duplicate")

		// Only the addressed organisation answers; the sender's side gets told, strangers find nothing.
		_, err = f.svc.AcceptRequest(ctx, f.orhan, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.not_addressed")
		_, err = f.svc.DeclineRequest(ctx, f.member, rv.ID, "")
		fieldErr(t, err, "request", "b2b.req.error.not_addressed")
		for _, v := range []*web.Viewer{f.kamran, f.selin} {
			if _, err := f.svc.AcceptRequest(ctx, v, rv.ID); !errors.Is(err, fail.NotFound) {
				t.Fatalf("%s accepts: %v", v.Name, err)
			}
		}
		_, err = f.svc.AcceptRequest(ctx, f.coordinator, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.not_addressed")
		// Only the sender's side withdraws.
		_, err = f.svc.WithdrawRequest(ctx, f.rashad, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.not_sender")

		dec, err := f.svc.DeclineRequest(ctx, f.rashad, rv.ID, "  Bu dönem kapasitemiz dolu.  ")
		if err != nil || dec.Status != RequestDeclined || dec.Reason != "Bu dönem kapasitemiz dolu." || dec.Meeting != nil {
			t.Fatalf("declined: %+v %v", dec, err)
		}
		// Answered once: no second answer, no withdrawal.
		_, err = f.svc.AcceptRequest(ctx, f.rashad, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.answered")
		_, err = f.svc.WithdrawRequest(ctx, f.member, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.answered")
	})
}

func TestRequestBookingWindow(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		rv := f.send(t, f.member, f.carrier)
		f.svc.now = func() time.Time { return t0.Add(-time.Minute) }
		_, err := f.svc.SendRequest(ctx, f.rashad, f.forum, RequestInput{ToProfileID: f.exporter.ID, Message: "Erken bir talep gönderiyoruz."})
		fieldErr(t, err, "request", "b2b.req.error.not_open")
		f.svc.now = func() time.Time { return forumDay.Add(-24 * time.Hour) } // the closing instant
		_, err = f.svc.AcceptRequest(ctx, f.rashad, rv.ID)
		fieldErr(t, err, "request", "b2b.req.error.closed")
		// Withdrawing is still possible after the window.
		if w, err := f.svc.WithdrawRequest(ctx, f.orhan, rv.ID); err != nil || w.Status != RequestWithdrawn {
			t.Fatalf("withdraw after the window: %+v %v", w, err)
		}
	})
}

func TestOpenRequestLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		in := setup()
		in.MaxOpenRequests = 2
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		a, _ := f.company(t, "Abşeron Aqro")
		b, _ := f.company(t, "Bakı Maşın")
		f.send(t, f.member, f.carrier)
		first := f.send(t, f.member, a)
		_, err := f.svc.SendRequest(ctx, f.member, f.forum, RequestInput{ToProfileID: b.ID, Message: "Üçüncü bir görüşme isteği."})
		fieldErr(t, err, "request", "b2b.req.error.limit")
		// An answer makes room: open means still waiting.
		if _, err := f.svc.WithdrawRequest(ctx, f.member, first.ID); err != nil {
			t.Fatal(err)
		}
		f.send(t, f.member, b)
	})
}

func TestConcurrentSendsNeitherDuplicateNorExceedTheLimit(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newMeetings(t, d)
		in := setup()
		in.MaxOpenRequests = 3
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		var targets []*Profile
		for _, n := range []string{"Sumqayıt Kimya", "Şəki İpək", "Lənkəran Çay", "Quba Alma", "Naxçıvan Duz"} {
			p, _ := f.company(t, n)
			targets = append(targets, p)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 2*len(targets)+8)
		for _, to := range targets { // Leyla and Orhan, same company, each to everyone at once
			for _, v := range []*web.Viewer{f.member, f.orhan} {
				wg.Go(func() {
					_, err := f.svc.SendRequest(ctx, v, f.forum, RequestInput{ToProfileID: to.ID, Message: "Aynı anda gönderilen talep."})
					errs <- err
				})
			}
		}
		for range 4 { // Both directions between the exporter and the carrier at once.
			wg.Go(func() {
				_, err := f.svc.SendRequest(ctx, f.rashad, f.forum, RequestInput{ToProfileID: f.exporter.ID, Message: "Karşılıklı talep deneniyor."})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			var fields fail.Fields
			if err != nil && !errors.As(err, &fields) {
				t.Fatalf("unexpected error: %v", err)
			}
		}
		if n, err := openSent(ctx, d, f.exporter.ID); err != nil || n != 3 {
			t.Fatalf("exporter has %d open requests, limit 3 (%v)", n, err)
		}
		var pairs int
		if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_requests WHERE from_profile_id = ? AND to_profile_id = ?`, f.carrier.ID, f.exporter.ID).Scan(&pairs); err != nil || pairs != 1 {
			t.Fatalf("%d requests from the carrier to the exporter, want 1 (%v)", pairs, err)
		}
		for _, to := range targets { // Leyla and Orhan raced: one request per pair at most
			var n int
			if err := d.QueryRow(ctx, `SELECT COUNT(*) FROM b2b_requests WHERE to_profile_id = ?`, to.ID).Scan(&n); err != nil || n > 1 {
				t.Fatalf("%d requests to %d (%v)", n, to.ID, err)
			}
		}
	})
}
