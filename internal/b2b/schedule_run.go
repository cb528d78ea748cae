package b2b

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/b2b/schedule"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// "Schedule all": organisers run the scheduler over the programme's accepted meetings. The
// scheduler may take seconds, so it runs outside any transaction; the result is written in
// one transaction holding the programme's lock, and only if the problem it solved is still
// the problem the database poses (no meeting accepted, cancelled, moved by hand or locked,
// no availability or set-up changed meanwhile). Otherwise the organiser runs it again.

// runTimeLimit bounds the scheduler's search: organisers wait for the page.
const runTimeLimit = 2 * time.Second

// Run is one run of "schedule all".
type Run struct {
	ID          int64
	ProgrammeID int64
	StartedBy   int64
	Meetings    int // meetings the run considered
	Placed      int
	Locked      int // of them kept where the organiser locked them
	UpperBound  int // no schedule can place more
	ElapsedMS   int64
	CreatedAt   time.Time
	Changed     int // meetings whose place the run changed; not stored
}

// Unplaced is why a meeting could not be placed, in the scheduler's terms (schedule.Reason)
// with profile ids for its participants; b2b_meetings.unplaced holds it as JSON.
type Unplaced struct {
	Code     string  `json:"code"` // schedule.NoCommonSlot, AtCap, Full or Open
	Slots    []int   `json:"slots,omitempty"`
	Profiles []int64 `json:"profiles,omitempty"`
}

// Reason decodes why the meeting is unplaced; ok false when no reason is known.
func (m Meeting) Reason() (u Unplaced, ok bool) {
	if m.Scheduled() || m.Unplaced == "" {
		return Unplaced{}, false
	}
	return u, json.Unmarshal([]byte(m.Unplaced), &u) == nil && u.Code != ""
}

func encodeReason(r schedule.Reason) string {
	u := Unplaced{Code: r.Code, Slots: r.Slots}
	for _, p := range r.Participants {
		u.Profiles = append(u.Profiles, parseID(p))
	}
	b, _ := json.Marshal(u) // a struct of ints and a string
	return string(b)
}

// ScheduleAll runs the scheduler over the event's programme and stores the schedule. On a
// published programme the people whose meetings moved are mailed.
func (s *Service) ScheduleAll(ctx context.Context, v *web.Viewer, eventID int64) (*Run, error) {
	p, err := s.organisedProgramme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	pl, err := s.solve(ctx, p, v.ID)
	if err != nil {
		return nil, err
	}
	if err := s.commit(ctx, eventID, pl); err != nil {
		return nil, err
	}
	return pl.run, nil
}

// plan is a solved run waiting to be written: the schedule, and the problem it solves.
type plan struct {
	sc          *schedule.Schedule
	fingerprint string
	run         *Run
}

// solve reads the programme's problem and runs the scheduler, outside any transaction.
func (s *Service) solve(ctx context.Context, p *Programme, by int64) (*plan, error) {
	g, err := loadGrid(ctx, s.db, p)
	if err != nil {
		return nil, err
	}
	in := g.instance(true)
	in.TimeLimitMS = int(runTimeLimit / time.Millisecond)
	sc, err := schedule.Solve(in)
	if err != nil {
		// keepLocks lets only fitting locks through, so the instance is valid by construction.
		return nil, fmt.Errorf("b2b: the scheduler refused programme %d: %w", p.ID, err)
	}
	run := &Run{ProgrammeID: p.ID, StartedBy: by, Meetings: len(in.Meetings), Placed: len(sc.Scheduled),
		Locked: len(g.kept), UpperBound: sc.UpperBound, ElapsedMS: sc.Stats.ElapsedMS, CreatedAt: s.now()}
	return &plan{sc: sc, fingerprint: g.fingerprint(), run: run}, nil
}

// commit writes a solved run under the programme's lock, unless the problem changed since.
func (s *Service) commit(ctx context.Context, eventID int64, pl *plan) error {
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		g, err := s.lockedGrid(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if g.fingerprint() != pl.fingerprint {
			return fail.Fields{"schedule": "b2b.schedule.error.changed"}
		}
		return s.applyRun(ctx, tx, g, pl.sc, pl.run)
	})
}

// organisedProgramme is the programme of an event v organises.
func (s *Service) organisedProgramme(ctx context.Context, v *web.Viewer, eventID int64) (*Programme, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	if _, err := s.events.Event(ctx, v, eventID); err != nil {
		return nil, err
	}
	return programmeByEvent(ctx, s.db, eventID)
}

// lockedGrid takes the programme's lock and reads its grid inside tx.
func (s *Service) lockedGrid(ctx context.Context, tx *db.Tx, eventID int64) (*grid, error) {
	if _, err := lockProgramme(ctx, tx, eventID); err != nil {
		return nil, err
	}
	p, err := programmeByEvent(ctx, tx, eventID)
	if err != nil {
		return nil, err
	}
	return loadGrid(ctx, tx, p)
}

// applyRun writes the schedule sc onto the meetings of g and records the run.
func (s *Service) applyRun(ctx context.Context, tx *db.Tx, g *grid, sc *schedule.Schedule, run *Run) error {
	placed := map[int64]schedule.Placement{}
	for _, pl := range sc.Scheduled {
		placed[parseID(pl.Meeting)] = pl
	}
	reasons := map[int64]string{}
	for _, r := range sc.Reasons {
		reasons[parseID(r.Meeting)] = encodeReason(r)
	}
	for _, m := range g.meetings {
		if !g.schedulable(m) {
			continue
		}
		next := m
		next.Slot, next.Table, next.Unplaced, next.Locked = -1, 0, reasons[m.ID], g.kept[m.ID]
		if pl, ok := placed[m.ID]; ok {
			next.Slot, next.Table = pl.Slot, pl.Table
		}
		moved, err := s.placeMeeting(ctx, tx, g.p, m, next)
		if err != nil {
			return err
		}
		if moved {
			run.Changed++
		}
	}
	return insertRun(ctx, tx, run)
}

// Runs lists the programme's runs, newest first (organisers).
func (s *Service) Runs(ctx context.Context, v *web.Viewer, eventID int64) ([]Run, error) {
	p, err := s.organisedProgramme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	return listRuns(ctx, s.db, p.ID)
}

// refreshReasons explains every unplaced meeting of g as the grid now stands, after a move
// by hand: the last run's reasons may no longer hold. A grid the scheduler would not accept
// as valid (a participant marked a slot unavailable after a meeting was put there) keeps
// the reasons it had.
func (s *Service) refreshReasons(ctx context.Context, tx *db.Tx, g *grid) error {
	reasons, err := schedule.Explain(g.instance(false), g.current())
	if err != nil {
		return nil
	}
	byMeeting := map[int64]string{}
	for _, r := range reasons {
		byMeeting[parseID(r.Meeting)] = encodeReason(r)
	}
	for _, m := range g.meetings {
		if !g.schedulable(m) || m.Scheduled() || m.Unplaced == byMeeting[m.ID] {
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE b2b_meetings SET unplaced = ? WHERE id = ?`, byMeeting[m.ID], m.ID); err != nil {
			return err
		}
	}
	return nil
}
