package b2b

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// loadStatsInput reads what a programme's figures are counted from. A forum has hundreds
// of participants and a few thousand requests, so counting in Go keeps one set of rules for
// the totals and every breakdown.
func loadStatsInput(ctx context.Context, q db.Querier, programmeID int64) (*statsInput, error) {
	in := &statsInput{}
	var err error
	if in.profiles, err = listProfiles(ctx, q, programmeID, ""); err != nil {
		return nil, err
	}
	if in.requests, err = statsRequests(ctx, q, programmeID); err != nil {
		return nil, err
	}
	if in.meetings, err = queryMeetings(ctx, q, `m.programme_id = ? ORDER BY m.id`, programmeID); err != nil {
		return nil, err
	}
	in.answers, err = programmeSurveys(ctx, q, programmeID)
	return in, err
}

func statsRequests(ctx context.Context, q db.Querier, programmeID int64) ([]statsRequest, error) {
	rows, err := q.Query(ctx, `SELECT from_profile_id, to_profile_id, status FROM b2b_requests WHERE programme_id = ? ORDER BY id`, programmeID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []statsRequest
	for rows.Next() {
		var r statsRequest
		var st string
		if err := rows.Scan(&r.Profiles[0], &r.Profiles[1], &st); err != nil {
			return nil, err
		}
		r.Status = RequestStatus(st)
		out = append(out, r)
	}
	return out, rows.Err()
}
