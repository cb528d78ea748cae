package project

import (
	"context"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// UpdateInput is a progress update as a coordinator posts it.
type UpdateInput struct {
	PostedOn string    `json:"posted_on"`
	Body     i18n.Text `json:"body"`
	Progress *int      `json:"progress"` // the project's new progress; nil: unchanged
	MediaIDs []int64   `json:"media_ids"`
}

func (in *UpdateInput) validate() fail.Fields {
	in.Body = in.Body.Trimmed()
	errs := fail.Fields{}
	checkDay(errs, "posted_on", in.PostedOn, true)
	if in.Body.Empty() {
		errs["body"] = "project.tracker.error.body"
	}
	if in.Progress != nil && (*in.Progress < 0 || *in.Progress > 100) {
		errs["progress"] = "project.tracker.error.progress"
	}
	return errs
}

// PostUpdate adds a dated progress update, moves the project's progress when the update
// says so, and plans a mail to each follower, all in one transaction.
func (t *Tracker) PostUpdate(ctx context.Context, v *web.Viewer, projectID int64, in UpdateInput) (int64, error) {
	if err := requireCoordinator(v); err != nil {
		return 0, err
	}
	if errs := in.validate(); len(errs) > 0 {
		return 0, errs
	}
	if err := t.checkPictures(ctx, in.MediaIDs); err != nil {
		return 0, err
	}
	var id int64
	err := t.db.InTx(ctx, func(tx *db.Tx) (err error) {
		id, err = t.postUpdate(ctx, tx, v.ID, projectID, in)
		return err
	})
	return id, err
}

// postUpdate is PostUpdate inside the caller's transaction (the CSV import posts many).
func (t *Tracker) postUpdate(ctx context.Context, tx *db.Tx, userID, projectID int64, in UpdateInput) (int64, error) {
	p, err := projectByID(ctx, tx, projectID)
	if err != nil {
		return 0, err
	}
	now := t.now()
	var progress any
	if in.Progress != nil {
		progress = *in.Progress
	}
	var id int64
	err = tx.WriteRow(ctx, `INSERT INTO project_updates (project_id, body, progress, media_ids, author_id, posted_on, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`, projectID, in.Body, progress, joinIDs(in.MediaIDs), nullID(userID), in.PostedOn, now).Scan(&id)
	if err != nil {
		return 0, err
	}
	if err := writeHistory(ctx, tx, projectID, userID, "update:"+strconv.FormatInt(id, 10), "", in.PostedOn, now); err != nil {
		return 0, err
	}
	if in.Progress != nil && *in.Progress != p.Progress {
		if _, err := tx.Exec(ctx, `UPDATE projects SET progress = ? WHERE id = ?`, *in.Progress, projectID); err != nil {
			return 0, err
		}
		if err := writeHistory(ctx, tx, projectID, userID, "progress", strconv.Itoa(p.Progress), strconv.Itoa(*in.Progress), now); err != nil {
			return 0, err
		}
	}
	if err := touchProject(ctx, tx, projectID, now); err != nil {
		return 0, err
	}
	t.changed(tx)
	return id, t.planUpdateMails(ctx, tx, projectID, id)
}

// checkPictures refuses ids that are not images of the media library.
func (t *Tracker) checkPictures(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	if t.pictures == nil {
		return fail.Fields{"media_ids": "project.tracker.error.media"}
	}
	found, err := t.pictures.Pictures(ctx, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if _, ok := found[id]; !ok {
			return fail.Fields{"media_ids": "project.tracker.error.media"}
		}
	}
	return nil
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}
