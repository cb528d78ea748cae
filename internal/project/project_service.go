package project

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// CreateProject puts a project on the tracker without a proposal: projects agreed outside
// the calls (a protocol, a council decision) are accounted for like the others.
func (t *Tracker) CreateProject(ctx context.Context, v *web.Viewer, in ProjectInput) (*Project, error) {
	if err := t.checkProject(ctx, v, &in); err != nil {
		return nil, err
	}
	var p *Project
	err := t.db.InTx(ctx, func(tx *db.Tx) error {
		now := t.now()
		id, err := insertProject(ctx, tx, 0, &in, 0, yearOf(in.StartsOn), now)
		if err != nil {
			return slugTaken(err)
		}
		if err := writeHistory(ctx, tx, id, v.ID, "created", "", in.Slug, now); err != nil {
			return err
		}
		p, err = t.written(ctx, tx, id)
		return err
	})
	return p, err
}

// UpdateProject saves a coordinator's edit and writes one history line per changed field,
// in the same transaction.
func (t *Tracker) UpdateProject(ctx context.Context, v *web.Viewer, id int64, in ProjectInput) (*Project, error) {
	if err := t.checkProject(ctx, v, &in); err != nil {
		return nil, err
	}
	var p *Project
	err := t.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := scanProject(tx.QueryRow(ctx, `SELECT `+projectColumns+` FROM projects WHERE id = ?`+tx.ForUpdate(), id))
		if err != nil {
			return err
		}
		now := t.now()
		err = updateProject(ctx, tx, id, &in, yearOf(in.StartsOn), now)
		if err != nil {
			return slugTaken(err)
		}
		for _, c := range diffProject(&old.ProjectInput, &in) {
			if err := writeHistory(ctx, tx, id, v.ID, c.Field, c.Old, c.New, now); err != nil {
				return err
			}
		}
		p, err = t.written(ctx, tx, id)
		return err
	})
	return p, err
}

// checkProject is what creating and editing a project ask first: that v coordinates, then
// in (normalized) valid and its lead organisation existing.
func (t *Tracker) checkProject(ctx context.Context, v *web.Viewer, in *ProjectInput) error {
	if err := requireCoordinator(v); err != nil {
		return err
	}
	in.normalize()
	err := in.validate()
	if err != nil || in.OrganisationID == 0 {
		return err
	}
	_, ok, err := t.organisation(ctx, in.OrganisationID)
	if err != nil {
		return err
	}
	if !ok {
		return fail.Fields{"organisation_id": "project.tracker.error.organisation"}
	}
	return nil
}

// slugTaken reports a unique violation on writing a project as its slug being taken.
func slugTaken(err error) error {
	if db.IsUniqueViolation(err) {
		return fail.Fields{"slug": "project.tracker.error.slug_taken"}
	}
	return err
}

// written reads project id back after a write in tx, tells the site of the change and
// indexes it.
func (t *Tracker) written(ctx context.Context, tx *db.Tx, id int64) (*Project, error) {
	p, err := projectByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	t.changed(tx)
	return p, t.indexProject(ctx, tx, p)
}

// diffProject lists what a coordinator changed, as the history shows it.
func diffProject(a, b *ProjectInput) []Change {
	var out []Change
	add := func(field, old, new string) {
		if old != new {
			out = append(out, Change{Field: field, Old: old, New: new})
		}
	}
	add("slug", a.Slug, b.Slug)
	for _, l := range []string{"tr", "az", "en"} {
		add("title_"+l, a.Title.Get(l), b.Title.Get(l))
		add("summary_"+l, a.Summary.Get(l), b.Summary.Get(l))
	}
	add("themes", strings.Join(a.Themes, " "), strings.Join(b.Themes, " "))
	add("organisation", strconv.FormatInt(a.OrganisationID, 10), strconv.FormatInt(b.OrganisationID, 10))
	add("status", string(a.Status), string(b.Status))
	add("progress", strconv.Itoa(a.Progress), strconv.Itoa(b.Progress))
	add("starts_on", a.StartsOn, b.StartsOn)
	add("ends_on", a.EndsOn, b.EndsOn)
	add("currency", a.Currency, b.Currency)
	add("planned", MoneyInput(a.PlannedMinor), MoneyInput(b.PlannedMinor))
	add("spent", MoneyInput(a.SpentMinor), MoneyInput(b.SpentMinor))
	return out
}

func yearOf(day string) int {
	y, _ := strconv.Atoi(day[:min(4, len(day))])
	return y
}

// Project returns a project by id; every project on the tracker is public.
func (t *Tracker) Project(ctx context.Context, id int64) (*Project, error) {
	return projectByID(ctx, t.db, id)
}

// ProjectBySlug returns a project by its address.
func (t *Tracker) ProjectBySlug(ctx context.Context, slug string) (*Project, error) {
	return projectBySlug(ctx, t.db, slug)
}

// Detail is everything a project's page shows.
type Detail struct {
	*Project
	Organisation *Organisation
	Milestones   []Milestone
	Indicators   []Indicator
	Updates      []Update
	Links        []Link
	History      []Change
	Followers    int
	Following    bool // the viewer follows it
}

// detailUpdates and detailHistory bound the page: a long-running project keeps a readable page.
const detailUpdates, detailHistory = 50, 100

// ProjectDetail gathers a project's page with a fixed number of queries.
func (t *Tracker) ProjectDetail(ctx context.Context, v *web.Viewer, p *Project) (*Detail, error) {
	d := &Detail{Project: p}
	var err error
	if d.Milestones, err = loadMilestones(ctx, t.db, p.ID); err != nil {
		return nil, err
	}
	if d.Indicators, err = loadIndicators(ctx, t.db, p.ID); err != nil {
		return nil, err
	}
	if d.Updates, err = loadUpdates(ctx, t.db, p.ID, detailUpdates); err != nil {
		return nil, err
	}
	if err := t.attachPictures(ctx, d.Updates); err != nil {
		return nil, err
	}
	if d.History, err = loadHistory(ctx, t.db, p.ID, detailHistory); err != nil {
		return nil, err
	}
	if d.Links, err = t.projectLinks(ctx, p.ID); err != nil {
		return nil, err
	}
	if p.OrganisationID != 0 {
		o, ok, err := t.organisation(ctx, p.OrganisationID)
		if err != nil {
			return nil, err
		}
		if ok {
			d.Organisation = &o
		}
	}
	return d, t.followState(ctx, v, d)
}

func (t *Tracker) attachPictures(ctx context.Context, updates []Update) error {
	if t.pictures == nil {
		return nil
	}
	var ids []int64
	for _, u := range updates {
		ids = append(ids, u.MediaIDs...)
	}
	if len(ids) == 0 {
		return nil
	}
	pics, err := t.pictures.Pictures(ctx, ids)
	if err != nil {
		return fmt.Errorf("project: pictures: %w", err)
	}
	for i := range updates {
		for _, id := range updates[i].MediaIDs {
			if p, ok := pics[id]; ok {
				updates[i].Pictures = append(updates[i].Pictures, p)
			}
		}
	}
	return nil
}
