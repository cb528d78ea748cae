package b2b

import (
	"errors"
	"testing"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestAgendaShowsPlacesOnlyOncePublished(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		late := f.meeting(t, f.pIzmir, f.pBaku, 7, 2)
		early := f.meeting(t, f.pGence, f.pIzmir, 1, 5)
		waiting := f.meeting(t, f.pIzmir, f.pGence, -1, 0)
		gone := f.meeting(t, f.pBaku, f.pGence, 3, 1)
		f.setStatus(t, gone, MeetingCancelled)

		// Before publishing, the preliminary schedule is the organisers' alone.
		a, err := f.svc.Agenda(ctx, f.orhan, f.forum, 0)
		if err != nil {
			t.Fatal(err)
		}
		if a.Visible || len(a.Meetings) != 0 || len(a.Waiting) != 3 || a.Profile.ID != f.pIzmir {
			t.Fatalf("unpublished agenda: visible %v, %d placed, %d waiting", a.Visible, len(a.Meetings), len(a.Waiting))
		}

		f.publish(t)
		a, err = f.svc.Agenda(ctx, f.member, f.forum, f.izmir)
		if err != nil {
			t.Fatal(err)
		}
		if !a.Visible || len(a.Meetings) != 2 || len(a.Waiting) != 1 || a.Waiting[0].Meeting.ID != waiting {
			t.Fatalf("published agenda: %d placed, %d waiting", len(a.Meetings), len(a.Waiting))
		}
		first, second := a.Meetings[0], a.Meetings[1]
		if first.Meeting.ID != early || first.Other.Name != "Gəncə Kimya Sənayesi (demo)" || first.Table.Number != 5 ||
			!first.Slot.StartsAt.Equal(slotStart(1)) || first.Slot.Number != 2 {
			t.Errorf("first meeting = %+v", first)
		}
		if second.Meeting.ID != late || second.Table.Name != "Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi" ||
			!second.Slot.StartsAt.Equal(slotStart(7)) || len(second.People) != 1 || second.People[0].Name != "Rəşad Quliyev" {
			t.Errorf("second meeting = %+v", second)
		}
		// The cancelled meeting is in nobody's agenda.
		b, err := f.svc.Agenda(ctx, f.rashad, f.forum, 0)
		if err != nil || len(b.Meetings) != 1 || b.Meetings[0].Meeting.ID != late || b.Meetings[0].Other.Name != "Ege Zeytinyağı Üreticileri (demo)" {
			t.Fatalf("Rəşad's agenda: %+v, %v", b, err)
		}

		// The next meeting is the first one that has not ended.
		if n := a.Next(slotStart(1).Add(10 * 60e9)); n == nil || n.Meeting.ID != early {
			t.Errorf("next during the first meeting: %+v", n)
		}
		if n := a.Next(slotStart(2)); n == nil || n.Meeting.ID != late {
			t.Errorf("next after the first meeting: %+v", n)
		}
		if n := a.Next(slotStart(9)); n != nil {
			t.Errorf("next after the last meeting: %+v", n)
		}
	})
}

func TestAgendaInInstantModeNeedsNoPublishing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		in := setup()
		in.Mode = Instant
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		f.meeting(t, f.pIzmir, f.pBaku, 0, 1)
		a, err := f.svc.Agenda(ctx, f.rashad, f.forum, 0)
		if err != nil || !a.Visible || len(a.Meetings) != 1 || a.Meetings[0].Table.Number != 1 {
			t.Fatalf("instant agenda: %+v, %v", a, err)
		}
	})
}

func TestAgendaWrongUser(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newAgendas(t, d)
		f.meeting(t, f.pIzmir, f.pBaku, 0, 1)
		f.publish(t)
		if _, err := f.svc.Agenda(ctx, nil, f.forum, 0); !errors.Is(err, fail.Unauthorized) {
			t.Errorf("anonymous: %v", err)
		}
		// Selin's firm is not in this forum; she cannot read another firm's agenda either.
		if _, err := f.svc.Agenda(ctx, f.selin, f.forum, 0); !errors.Is(err, fail.NotFound) {
			t.Errorf("outsider: %v", err)
		}
		if _, err := f.svc.Agenda(ctx, f.selin, f.forum, f.izmir); !errors.Is(err, fail.NotFound) {
			t.Errorf("outsider naming a firm: %v", err)
		}
		if _, err := f.svc.Agenda(ctx, f.rashad, f.forum, f.izmir); !errors.Is(err, fail.NotFound) {
			t.Errorf("the other side naming a firm: %v", err)
		}
		// Organisers may read any participant's agenda.
		a, err := f.svc.Agenda(ctx, f.coordinator, f.forum, f.baku)
		if err != nil || a.Profile.ID != f.pBaku || len(a.Meetings) != 1 {
			t.Errorf("organiser: %+v, %v", a, err)
		}
		if _, err := f.svc.Agenda(ctx, f.member, f.festival, 0); !errors.Is(err, fail.NotFound) {
			t.Errorf("event without a programme: %v", err)
		}
	})
}
