package project

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Milestones, indicators and links: each change is checked against the project in the
// address (a part of another project is not found) and written to the history with it.

// change runs fn for coordinators in a transaction on an existing project, then marks the
// project changed.
func (t *Tracker) change(ctx context.Context, v *web.Viewer, projectID int64, fn func(tx *db.Tx, now any) error) error {
	if err := requireCoordinator(v); err != nil {
		return err
	}
	return t.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := projectByID(ctx, tx, projectID); err != nil {
			return err
		}
		now := t.now()
		if err := fn(tx, now); err != nil {
			return err
		}
		t.changed(tx)
		return touchProject(ctx, tx, projectID, now)
	})
}

// AddMilestone puts a step on the project's timeline.
func (t *Tracker) AddMilestone(ctx context.Context, v *web.Viewer, projectID int64, m Milestone) (int64, error) {
	m.Title = m.Title.Trimmed()
	errs := fail.Fields{}
	if m.Title.Empty() {
		errs["milestone_title"] = "project.tracker.error.title"
	}
	checkDay(errs, "due_on", m.DueOn, true)
	checkDay(errs, "done_on", m.DoneOn, false)
	if len(errs) > 0 {
		return 0, errs
	}
	var id int64
	err := t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		err := tx.WriteRow(ctx, `INSERT INTO project_milestones (project_id, title, due_on, done_on) VALUES (?, ?, ?, ?) RETURNING id`,
			projectID, m.Title, m.DueOn, m.DoneOn).Scan(&id)
		if err != nil {
			return err
		}
		return writeHistory(ctx, tx, projectID, v.ID, "milestone:"+strconv.FormatInt(id, 10), "", m.Title.In(i18n.Default)+" "+m.DueOn, now)
	})
	return id, err
}

// SetMilestoneDone records the day a milestone was reached ("" reopens it).
func (t *Tracker) SetMilestoneDone(ctx context.Context, v *web.Viewer, projectID, milestoneID int64, doneOn string) error {
	errs := fail.Fields{}
	checkDay(errs, "done_on", doneOn, false)
	if len(errs) > 0 {
		return errs
	}
	return t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		var old string
		err := tx.QueryRow(ctx, `SELECT done_on FROM project_milestones WHERE id = ? AND project_id = ?`, milestoneID, projectID).Scan(&old)
		if err != nil {
			return notFound(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE project_milestones SET done_on = ? WHERE id = ?`, doneOn, milestoneID); err != nil {
			return err
		}
		return writeHistory(ctx, tx, projectID, v.ID, "milestone:"+strconv.FormatInt(milestoneID, 10)+":done", old, doneOn, now)
	})
}

// AddIndicator adds an expected result with its target.
func (t *Tracker) AddIndicator(ctx context.Context, v *web.Viewer, projectID int64, i Indicator) (int64, error) {
	i.Name, i.Unit = i.Name.Trimmed(), strings.TrimSpace(i.Unit)
	errs := fail.Fields{}
	if i.Name.Empty() {
		errs["indicator_name"] = "project.tracker.error.title"
	}
	if i.Target < 0 || i.Actual < 0 {
		errs["target"] = "project.tracker.error.number"
	}
	if len(errs) > 0 {
		return 0, errs
	}
	var id int64
	err := t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		err := tx.WriteRow(ctx, `INSERT INTO project_indicators (project_id, position, name, unit, target, actual)
			VALUES (?, (SELECT COUNT(*) FROM project_indicators WHERE project_id = ?), ?, ?, ?, ?) RETURNING id`,
			projectID, projectID, i.Name, i.Unit, i.Target, i.Actual).Scan(&id)
		if err != nil {
			return err
		}
		return writeHistory(ctx, tx, projectID, v.ID, "indicator:"+strconv.FormatInt(id, 10), "", i.Name.In(i18n.Default)+" "+num(i.Target), now)
	})
	return id, err
}

// SetIndicatorActual records what an indicator has reached. An indicator of another project
// is not found: the project in the address must own it.
func (t *Tracker) SetIndicatorActual(ctx context.Context, v *web.Viewer, projectID, indicatorID int64, actual float64) error {
	if actual < 0 {
		return fail.Fields{"actual": "project.tracker.error.number"}
	}
	return t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		var old float64
		err := tx.QueryRow(ctx, `SELECT actual FROM project_indicators WHERE id = ? AND project_id = ?`, indicatorID, projectID).Scan(&old)
		if err != nil {
			return notFound(err)
		}
		if _, err := tx.Exec(ctx, `UPDATE project_indicators SET actual = ? WHERE id = ? AND project_id = ?`, actual, indicatorID, projectID); err != nil {
			return err
		}
		return writeHistory(ctx, tx, projectID, v.ID, "indicator:"+strconv.FormatInt(indicatorID, 10), num(old), num(actual), now)
	})
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// AddLink links an event, a business forum or a news article; the target must exist.
func (t *Tracker) AddLink(ctx context.Context, v *web.Viewer, projectID int64, kind string, refID int64) error {
	if !slices.Contains(LinkKinds, kind) {
		return fail.Fields{"kind": "project.tracker.error.link_kind"}
	}
	if t.links == nil {
		return fail.Fields{"ref_id": "project.tracker.error.link_target"}
	}
	found, err := t.links.LinkTargets(ctx, kind, []int64{refID})
	if err != nil {
		return err
	}
	if _, ok := found[refID]; !ok {
		return fail.Fields{"ref_id": "project.tracker.error.link_target"}
	}
	return t.insertLink(ctx, v, projectID, kind, refID)
}

// LinkCreated links an object another module has just created from this project's page
// (an event or a volunteer programme, still a draft): unlike AddLink it does not ask the
// object to be public yet. The project's page shows the link once the object is published.
func (t *Tracker) LinkCreated(ctx context.Context, v *web.Viewer, projectID int64, kind string, refID int64) error {
	if !slices.Contains(LinkKinds, kind) {
		return fail.Fields{"kind": "project.tracker.error.link_kind"}
	}
	return t.insertLink(ctx, v, projectID, kind, refID)
}

func (t *Tracker) insertLink(ctx context.Context, v *web.Viewer, projectID int64, kind string, refID int64) error {
	return t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		res, err := tx.Exec(ctx, `INSERT INTO project_links (project_id, kind, ref_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`, projectID, kind, refID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return writeHistory(ctx, tx, projectID, v.ID, "link:"+kind, "", strconv.FormatInt(refID, 10), now)
	})
}

// RemoveLink unlinks an object.
func (t *Tracker) RemoveLink(ctx context.Context, v *web.Viewer, projectID int64, kind string, refID int64) error {
	return t.change(ctx, v, projectID, func(tx *db.Tx, now any) error {
		res, err := tx.Exec(ctx, `DELETE FROM project_links WHERE project_id = ? AND kind = ? AND ref_id = ?`, projectID, kind, refID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return writeHistory(ctx, tx, projectID, v.ID, "link:"+kind, strconv.FormatInt(refID, 10), "", now)
	})
}

// projectLinks resolves the links for the page; a target deleted since is left out.
func (t *Tracker) projectLinks(ctx context.Context, projectID int64) ([]Link, error) {
	refs, err := loadLinkRefs(ctx, t.db, projectID)
	if err != nil || t.links == nil {
		return nil, err
	}
	var out []Link
	for _, kind := range LinkKinds {
		if len(refs[kind]) == 0 {
			continue
		}
		found, err := t.links.LinkTargets(ctx, kind, refs[kind])
		if err != nil {
			return nil, err
		}
		for _, id := range refs[kind] {
			if lt, ok := found[id]; ok {
				out = append(out, Link{Kind: kind, RefID: id, Title: lt.Title, Path: lt.Path})
			}
		}
	}
	return out, nil
}

// ProjectsOfEvent lists the projects an event or forum is linked to, for the event's page.
func (t *Tracker) ProjectsOfEvent(ctx context.Context, eventID int64) ([]Project, error) {
	rows, err := db.Collect(ctx, t.db, scanProject, `SELECT `+projectColumns+` FROM projects
		WHERE id IN (SELECT project_id FROM project_links WHERE kind IN ('event', 'b2b') AND ref_id = ?) ORDER BY id`, eventID)
	out := make([]Project, len(rows))
	for i, p := range rows {
		out[i] = *p
	}
	return out, err
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
