package b2b

import (
	"database/sql"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// forumEnd is when the fixture's forum ends (the event runs 9 hours from forumDay).
var forumEnd = forumDay.Add(9 * time.Hour)

// forum sets up the fixture's forum with setup() and returns the programme.
func (f *fixture) forumProgramme(t *testing.T) *Programme {
	t.Helper()
	p, err := f.svc.SaveProgramme(ctx, f.coordinator, f.forum, setup())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// company makes an organisation with a validated profile in the forum's programme.
func (f *fixture) company(t *testing.T, name, country string, sectors []string, members ...*web.Viewer) *Profile {
	t.Helper()
	org := f.org(t, name, "Bakı", country, members...)
	p, err := f.svc.Join(ctx, members[0], f.forum, ProfileInput{OrganisationID: org, Attendees: []int64{members[0].ID},
		Type: "seller", Sectors: sectors, City: "Bakı", Country: country, Languages: []string{"az", "tr"},
		Description: i18n.Text{TR: name + " tanıtımı"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Validate(ctx, f.coordinator, p.ID); err != nil {
		t.Fatal(err)
	}
	return p
}

// request stores a meeting request with the given status, as the requests code would.
func (f *fixture) request(t *testing.T, programmeID int64, from, to *Profile, st RequestStatus) int64 {
	t.Helper()
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO b2b_requests (programme_id, from_profile_id, to_profile_id, message, priority, status, reason, created_at)
		VALUES (?, ?, ?, 'Görüşelim', 1, ?, '', ?) RETURNING id`, programmeID, from.ID, to.ID, st, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// meeting stores an accepted request between from and to and its meeting in slot (from 0;
// -1: unscheduled) at table, with status st.
func (f *fixture) meeting(t *testing.T, programmeID int64, from, to *Profile, slot, table int, st MeetingStatus) int64 {
	t.Helper()
	req := f.request(t, programmeID, from, to, RequestAccepted)
	if st == MeetingCancelled {
		if _, err := f.d.Exec(ctx, `UPDATE b2b_requests SET status = ? WHERE id = ?`, RequestCancelled, req); err != nil {
			t.Fatal(err)
		}
	}
	var s, tb sql.NullInt64
	if slot >= 0 {
		s, tb = sql.NullInt64{Int64: int64(slot), Valid: true}, sql.NullInt64{Int64: int64(table), Valid: true}
	}
	var id int64
	err := f.d.WriteRow(ctx, `INSERT INTO b2b_meetings (programme_id, request_id, slot, table_no, status, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, programmeID, req, s, tb, st, t0, t0).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// at sets the service's clock.
func (f *fixture) at(t time.Time) { f.svc.now = func() time.Time { return t } }

// answer is a valid round-1 answer.
func answer(round, rating int, o Outcome, value int64) SurveyInput {
	in := SurveyInput{Round: round, Rating: rating, Outcome: o, Comment: "  Verimli bir görüşme oldu.  "}
	if value >= 0 {
		in.ValueEUR = &value
	}
	return in
}
