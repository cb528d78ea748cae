package b2b

import (
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// agendas is the profiles forum with three validated participants and meetings written
// straight into the tables (requests and scheduling belong to other files): the İzmir
// olive-oil exporter (Leyla, Orhan), the Bakü logistics firm (Rəşad) and a Gəncə chemicals
// firm (Aysel). Selin's firm is in another forum.
type agendas struct {
	*profiles
	aysel                 *web.Viewer
	gence                 int64 // organisation
	pIzmir, pBaku, pGence int64 // profiles
	programme             int64
}

func newAgendas(t *testing.T, d *db.DB) *agendas {
	t.Helper()
	f := &agendas{profiles: newProfiles(t, d)}
	f.aysel = f.user(t, "aysel@example.org", "Aysel Məmmədova")
	f.gence = f.org(t, "Gəncə Kimya Sənayesi (demo)", "Gəncə", "AZ", f.aysel)
	f.pIzmir = f.join(t, f.member, f.forum, f.input(f.izmir, f.member, f.orhan)).ID
	f.pBaku = f.join(t, f.rashad, f.forum, f.input(f.baku, f.rashad)).ID
	f.pGence = f.join(t, f.aysel, f.forum, f.input(f.gence, f.aysel)).ID
	for _, id := range []int64{f.pIzmir, f.pBaku, f.pGence} {
		if err := f.svc.Validate(ctx, f.coordinator, id); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if f.programme, err = programmeIDByEvent(ctx, d, f.forum); err != nil {
		t.Fatal(err)
	}
	return f
}

// meeting writes an accepted request from → to and its meeting at slot and table; slot -1
// leaves it unscheduled.
func (f *agendas) meeting(t *testing.T, from, to int64, slot, table int) int64 {
	t.Helper()
	var req, id int64
	err := f.d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at, answered_at)
		VALUES (?, ?, ?, 'Görüşmək istərdik.', 1, 'accepted', '', ?, ?) RETURNING id`, f.programme, from, to, t0, t0).Scan(&req)
	if err != nil {
		t.Fatal(err)
	}
	var s, tb any
	if slot >= 0 {
		s, tb = slot, table
	}
	err = f.d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, slot, table_no, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, 'planned', ?, ?) RETURNING id`, f.programme, req, s, tb, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// publish marks the programme's schedule published.
func (f *agendas) publish(t *testing.T) {
	t.Helper()
	if _, err := f.d.Exec(ctx, `UPDATE b2b_programmes SET published_at = ? WHERE id = ?`, t0, f.programme); err != nil {
		t.Fatal(err)
	}
}

// setStatus writes a meeting's status directly (a cancellation comes from another file).
func (f *agendas) setStatus(t *testing.T, id int64, st MeetingStatus) {
	t.Helper()
	if _, err := f.d.Exec(ctx, `UPDATE b2b_meetings SET status = ? WHERE id = ?`, st, id); err != nil {
		t.Fatal(err)
	}
}

// at sets the service's clock.
func (f *agendas) at(when time.Time) { f.svc.now = func() time.Time { return when } }

// slotStart is when slot n of setup() starts: 10:00 Bakı, 20-minute slots, a 15-minute
// break after the sixth.
func slotStart(n int) time.Time {
	t := forumDay.Add(time.Hour + time.Duration(n)*20*time.Minute)
	if n >= 6 {
		t = t.Add(15 * time.Minute)
	}
	return t
}
