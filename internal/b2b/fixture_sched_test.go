package b2b

import (
	"fmt"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// sched is a forum with a small batch programme and validated companies, each with one
// member. Accepted requests and their meetings are written with SQL, as the requests
// concern would leave them (meeting planned, no slot), so scheduling is tested on its own.
type sched struct {
	*fixture
	people map[int64]*web.Viewer // profile → its member
}

// smallSetup is one session of slots 20-minute slots from 10:00 Bakü, tables tables, and a
// cap of cap meetings per participant (0: none).
func smallSetup(slots, tables, cap int) ProgrammeInput {
	in := setup()
	in.Sessions = []Session{{StartsAt: forumDay.Add(time.Hour), SlotMinutes: 20, Slots: slots, MaxMeetings: cap}}
	in.Tables = NumberedTables(tables, []string{"Liman Masası"})
	return in
}

func newSched(t *testing.T, d *db.DB, in ProgrammeInput) *sched {
	t.Helper()
	f := &sched{fixture: newFixture(t, d), people: map[int64]*web.Viewer{}}
	if _, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, in); err != nil {
		t.Fatal(err)
	}
	return f
}

// company adds a validated participant named name and returns its profile id.
func (f *sched) company(t *testing.T, name string) int64 {
	t.Helper()
	v := f.user(t, fmt.Sprintf("u%d@example.org", len(f.people)+1), "Temsilci "+name)
	org := f.org(t, name, "İzmir", "TR", v)
	p, err := f.svc.Join(ctx, v, f.forum, ProfileInput{OrganisationID: org, Attendees: []int64{v.ID}, Type: "seller",
		Sectors: []string{"10"}, City: "İzmir", Country: "TR", Languages: []string{"tr"},
		Description: i18n.Text{TR: "Zeytinyağı ve kuru meyve ihracatı."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Validate(ctx, f.coordinator, p.ID); err != nil {
		t.Fatal(err)
	}
	f.people[p.ID] = v
	return p.ID
}

func (f *sched) programme(t *testing.T) *Programme {
	t.Helper()
	_, p, err := f.svc.Programme(ctx, f.coordinator, f.forum)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// meet writes an accepted request from a to b and its planned, unscheduled meeting.
func (f *sched) meet(t *testing.T, a, b int64, prio Priority) int64 {
	t.Helper()
	p := f.programme(t)
	var req, id int64
	err := f.d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at, answered_at)
		VALUES (?, ?, ?, 'Görüşelim', ?, ?, '', ?, ?) RETURNING id`, p.ID, a, b, prio, RequestAccepted, t0, t0).Scan(&req)
	if err != nil {
		t.Fatal(err)
	}
	err = f.d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?) RETURNING id`, p.ID, req, MeetingPlanned, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// unavailable marks slots in which profile cannot meet.
func (f *sched) unavailable(t *testing.T, profile int64, slots ...int) {
	t.Helper()
	for _, s := range slots {
		if _, err := f.d.Exec(ctx, `INSERT INTO b2b_unavailable (profile_id, slot) VALUES (?, ?)`, profile, s); err != nil {
			t.Fatal(err)
		}
	}
}

func (f *sched) meeting(t *testing.T, id int64) Meeting {
	t.Helper()
	m, err := meetingByID(ctx, f.d, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *sched) all(t *testing.T) []Meeting {
	t.Helper()
	_, ms, err := f.svc.Meetings(ctx, f.coordinator, f.forum)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// checkValid fails unless the stored schedule is one a forum can hold: nobody twice in a
// slot, no table twice in a slot, tables and slots that exist, nobody in a slot they
// marked unavailable, and no one over the session cap.
func (f *sched) checkValid(t *testing.T) {
	t.Helper()
	p := f.programme(t)
	o, err := loadOccupancy(ctx, f.d, p)
	if err != nil {
		t.Fatal(err)
	}
	busy, tables := map[[2]int64]int64{}, map[[2]int]int64{}
	perSession := map[[2]int64]int{}
	for _, m := range f.all(t) {
		if !m.Scheduled() {
			continue
		}
		if m.Slot >= p.SlotCount() || m.Table < 1 || m.Table > len(p.Tables) {
			t.Fatalf("meeting %d at slot %d table %d, outside the grid", m.ID, m.Slot, m.Table)
		}
		if other, ok := tables[[2]int{m.Slot, m.Table}]; ok {
			t.Fatalf("meetings %d and %d share table %d in slot %d", other, m.ID, m.Table, m.Slot)
		}
		tables[[2]int{m.Slot, m.Table}] = m.ID
		for _, pid := range m.Profiles {
			if other, ok := busy[[2]int64{pid, int64(m.Slot)}]; ok {
				t.Fatalf("profile %d meets twice in slot %d (%d, %d)", pid, m.Slot, other, m.ID)
			}
			busy[[2]int64{pid, int64(m.Slot)}] = m.ID
			if o.unavailable[pid][m.Slot] {
				t.Fatalf("profile %d meets in slot %d, which it marked unavailable", pid, m.Slot)
			}
			s := p.SessionOf(m.Slot)
			key := [2]int64{pid, int64(s)}
			if perSession[key]++; p.Sessions[s].MaxMeetings > 0 && perSession[key] > p.Sessions[s].MaxMeetings {
				t.Fatalf("profile %d has more than %d meetings in session %d", pid, p.Sessions[s].MaxMeetings, s)
			}
		}
	}
}
