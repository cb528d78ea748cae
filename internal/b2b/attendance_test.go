package b2b

import (
	"errors"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestMarkAttendance(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		id := f.meeting(t, f.pIzmir, f.pBaku, 7, 2)
		f.publish(t)

		// Sixteen minutes before the start is too early, fifteen is not.
		f.at(slotStart(7).Add(-16 * time.Minute))
		_, err := f.svc.MarkAttendance(ctx, f.rashad, id, MeetingHeld)
		fieldErr(t, err, "status", "b2b.attendance.error.too_early")
		f.at(slotStart(7).Add(-15 * time.Minute))
		m, err := f.svc.MarkAttendance(ctx, f.rashad, id, MeetingHeld)
		if err != nil || m.Status != MeetingHeld {
			t.Fatalf("mark held: %+v, %v", m, err)
		}
		// The other side corrects it; the meeting keeps its place.
		if _, err := f.svc.MarkAttendance(ctx, f.orhan, id, MeetingNoShow); err != nil {
			t.Fatal(err)
		}
		a, err := f.svc.Agenda(ctx, f.member, f.forum, 0)
		if err != nil || len(a.Meetings) != 1 || a.Meetings[0].Meeting.Status != MeetingNoShow ||
			a.Meetings[0].Meeting.Slot != 7 || a.Meetings[0].Table.Number != 2 {
			t.Fatalf("after marking: %+v, %v", a, err)
		}
		// An organiser may mark it too, and undo a mark.
		if m, err := f.svc.MarkAttendance(ctx, f.coordinator, id, MeetingPlanned); err != nil || m.Status != MeetingPlanned {
			t.Fatalf("organiser: %+v, %v", m, err)
		}
		_, err = f.svc.MarkAttendance(ctx, f.rashad, id, "cancelled")
		fieldErr(t, err, "status", "form.choice")
	})
}

func TestMarkAttendanceWrongUserAndState(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		id := f.meeting(t, f.pIzmir, f.pBaku, 0, 1)
		unplaced := f.meeting(t, f.pGence, f.pBaku, -1, 0)
		gone := f.meeting(t, f.pGence, f.pIzmir, 2, 3)
		f.setStatus(t, gone, MeetingCancelled)
		f.at(slotStart(11))

		if _, err := f.svc.MarkAttendance(ctx, nil, id, MeetingHeld); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous: %v", err)
		}
		// Aysel takes part in the forum but not in this meeting; Selin not at all.
		if _, err := f.svc.MarkAttendance(ctx, f.aysel, id, MeetingHeld); !errors.Is(err, fail.NotFound) {
			t.Errorf("another participant: %v", err)
		}
		if _, err := f.svc.MarkAttendance(ctx, f.selin, id, MeetingHeld); !errors.Is(err, fail.NotFound) {
			t.Errorf("outsider: %v", err)
		}
		if _, err := f.svc.MarkAttendance(ctx, f.rashad, 99999, MeetingHeld); !errors.Is(err, fail.NotFound) {
			t.Errorf("unknown meeting: %v", err)
		}
		// Before publishing, participants do not know where the meeting is.
		_, err := f.svc.MarkAttendance(ctx, f.rashad, id, MeetingHeld)
		fieldErr(t, err, "status", "b2b.attendance.error.unscheduled")
		f.publish(t)
		_, err = f.svc.MarkAttendance(ctx, f.rashad, unplaced, MeetingHeld)
		fieldErr(t, err, "status", "b2b.attendance.error.unscheduled")
		_, err = f.svc.MarkAttendance(ctx, f.aysel, gone, MeetingNoShow)
		fieldErr(t, err, "status", "b2b.attendance.error.cancelled")

		// Nothing was written by the refusals.
		ms, err := queryMeetings(ctx, d, `m.id = ?`, id)
		if err != nil || ms[0].Status != MeetingPlanned {
			t.Fatalf("after refusals: %+v, %v", ms, err)
		}
	})
}
