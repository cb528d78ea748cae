package b2b

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
)

func TestSaveProgrammeRoundTrip(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, _, err := f.svc.Programme(ctx, nil, f.forum); !errors.Is(err, fail.NotFound) {
			t.Fatalf("before set-up: %v", err)
		}
		p, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, setup())
		if err != nil {
			t.Fatal(err)
		}
		ev, got, err := f.svc.Programme(ctx, nil, f.forum)
		if err != nil || ev.ID != f.forum {
			t.Fatal(ev, err)
		}
		if got.ID != p.ID || got.Mode != Batch || got.MaxOpenRequests != 15 || !got.ClosesAt.Equal(forumDay.Add(-24*time.Hour)) {
			t.Fatalf("programme = %+v", got)
		}
		if len(got.Sessions) != 1 || got.Sessions[0].Slots != 12 || len(got.Sessions[0].Breaks) != 1 || got.Sessions[0].MaxMeetings != 8 {
			t.Fatalf("sessions = %+v", got.Sessions)
		}
		if len(got.Tables) != 10 || got.Tables[1].Name != "Azərbaycan İxrac və İnvestisiyaların Təşviqi Agentliyi" || got.Tables[9].Number != 10 {
			t.Fatalf("tables = %+v", got.Tables)
		}

		// Saving again keeps a listed session's ID, adds a new one and drops fewer tables.
		in := setup()
		in.Mode = Instant
		in.Sessions[0].ID = got.Sessions[0].ID
		in.Sessions = append(in.Sessions, Session{StartsAt: forumDay.Add(6 * time.Hour), SlotMinutes: 30, Slots: 4})
		in.Tables = NumberedTables(3, nil)
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		_, got2, err := f.svc.Programme(ctx, nil, f.forum)
		if err != nil {
			t.Fatal(err)
		}
		if got2.ID != p.ID || got2.Mode != Instant || len(got2.Sessions) != 2 || got2.Sessions[0].ID != got.Sessions[0].ID || len(got2.Tables) != 3 {
			t.Fatalf("after update: %+v", got2)
		}
		// Dropping the first session deletes it.
		in.Sessions = in.Sessions[1:]
		in.Sessions[0].ID = got2.Sessions[1].ID
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		_, got3, _ := f.svc.Programme(ctx, nil, f.forum)
		if len(got3.Sessions) != 1 || got3.Sessions[0].ID != got2.Sessions[1].ID {
			t.Fatalf("after removal: %+v", got3.Sessions)
		}
	})
}

func TestOnlyOrganisersSetUpProgrammes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		if _, err := f.svc.SaveProgramme(ctx, nil, f.forum, setup()); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous: %v", err)
		}
		if _, err := f.svc.SaveProgramme(ctx, f.member, f.forum, setup()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member: %v", err)
		}
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, 9999, setup()); !errors.Is(err, fail.NotFound) {
			t.Fatalf("unknown event: %v", err)
		}
		_, err := f.svc.SaveProgramme(ctx, f.coordinator, f.festival, setup())
		fieldErr(t, err, "event", "b2b.error.not_forum")
		if _, _, err := f.svc.Programme(ctx, nil, f.festival); !errors.Is(err, fail.NotFound) {
			t.Fatalf("nothing was stored for the festival: %v", err)
		}
	})
}

func TestProgrammeValidation(t *testing.T) {
	ev := EventInfo{ID: 1, Kind: BusinessForum, Zone: "Asia/Baku", StartsAt: forumDay, EndsAt: forumDay.Add(9 * time.Hour)}
	for _, tc := range []struct {
		name, field, key string
		change           func(in *ProgrammeInput)
	}{
		{"mode", "mode", "form.choice", func(in *ProgrammeInput) { in.Mode = "lottery" }},
		{"open limit", "max_open_requests", "b2b.error.open_limit", func(in *ProgrammeInput) { in.MaxOpenRequests = -1 }},
		{"no session", "sessions", "b2b.error.no_session", func(in *ProgrammeInput) { in.Sessions = nil }},
		{"short slot", "session_slot_minutes_0", "b2b.error.slot_minutes", func(in *ProgrammeInput) { in.Sessions[0].SlotMinutes = 2 }},
		{"no slots", "session_slots_0", "b2b.error.slots", func(in *ProgrammeInput) { in.Sessions[0].Slots = 0 }},
		{"cap above slots", "session_cap_0", "b2b.error.cap", func(in *ProgrammeInput) { in.Sessions[0].MaxMeetings = 13 }},
		{"break after the last slot", "session_breaks_0", "b2b.error.breaks", func(in *ProgrammeInput) { in.Sessions[0].Breaks[0].AfterSlot = 12 }},
		{"two breaks after one slot", "session_breaks_0", "b2b.error.breaks", func(in *ProgrammeInput) {
			in.Sessions[0].Breaks = append(in.Sessions[0].Breaks, Break{AfterSlot: 6, Minutes: 5})
		}},
		{"no start", "session_start_0", "form.required", func(in *ProgrammeInput) { in.Sessions[0].StartsAt = time.Time{} }},
		{"before the event", "session_start_0", "b2b.error.outside_event", func(in *ProgrammeInput) { in.Sessions[0].StartsAt = forumDay.Add(-time.Hour) }},
		{"past the event's end", "session_start_0", "b2b.error.outside_event", func(in *ProgrammeInput) { in.Sessions[0].Slots = 30 }},
		{"overlap", "sessions", "b2b.error.sessions_overlap", func(in *ProgrammeInput) {
			in.Sessions = append(in.Sessions, Session{StartsAt: forumDay.Add(2 * time.Hour), SlotMinutes: 20, Slots: 2})
		}},
		{"window order", "closes_at", "b2b.error.window_order", func(in *ProgrammeInput) { in.ClosesAt = in.OpensAt }},
		{"window past start", "closes_at", "b2b.error.window_after_start", func(in *ProgrammeInput) { in.ClosesAt = forumDay.Add(2 * time.Hour) }},
		{"no opening", "opens_at", "form.required", func(in *ProgrammeInput) { in.OpensAt = time.Time{} }},
		{"no tables", "table_count", "b2b.error.table_count", func(in *ProgrammeInput) { in.Tables = nil }},
		{"long table name", "table_names", "form.too_long", func(in *ProgrammeInput) { in.Tables[0].Name = strings.Repeat("ğ", 81) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := setup()
			tc.change(&in)
			errs := in.validate(ev)
			if errs[tc.field] != tc.key {
				t.Fatalf("errors = %v, want %s: %s", errs, tc.field, tc.key)
			}
		})
	}
	in := setup()
	if errs := in.validate(ev); len(errs) != 0 {
		t.Fatalf("valid set-up refused: %v", errs)
	}
}

func TestSlotTimes(t *testing.T) {
	s := Session{StartsAt: forumDay.Add(time.Hour), SlotMinutes: 20, Slots: 4, Breaks: []Break{{AfterSlot: 2, Minutes: 30}}}
	got := s.SlotTimes()
	want := []string{"10:00-10:20", "10:20-10:40", "11:10-11:30", "11:30-11:50"} // in Bakü, after a half-hour break
	if len(got) != len(want) {
		t.Fatalf("slots = %v", got)
	}
	for i, sl := range got {
		if w := sl.StartsAt.In(baku).Format("15:04") + "-" + sl.EndsAt.In(baku).Format("15:04"); w != want[i] || sl.Number != i+1 {
			t.Errorf("slot %d = %s, want %s", sl.Number, w, want[i])
		}
	}
	if !s.EndsAt().Equal(got[3].EndsAt) {
		t.Errorf("EndsAt = %v", s.EndsAt())
	}
}

func TestSeedDemoKeepsAnOrganisersProgramme(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := setup()
		in.Tables = NumberedTables(3, nil)
		if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
			t.Fatal(err)
		}
		if err := f.svc.SeedDemo(ctx, f.forum); err != nil {
			t.Fatal(err)
		}
		if _, p, _ := f.svc.Programme(ctx, nil, f.forum); len(p.Tables) != 3 {
			t.Fatalf("the demo replaced the organiser's set-up: %d tables", len(p.Tables))
		}
		// A festival never gets one, demo or not.
		fieldErr(t, f.svc.SeedDemo(ctx, f.festival), "event", "b2b.error.not_forum")
	})
}
