package project

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Follow makes a signed-in person follow a project (or stop, with on false): followers are
// mailed about each new progress update.
func (t *Tracker) Follow(ctx context.Context, v *web.Viewer, projectID int64, on bool) error {
	if v == nil {
		return fail.Unauthorized
	}
	if _, err := projectByID(ctx, t.db, projectID); err != nil {
		return err
	}
	return t.db.InTx(ctx, func(tx *db.Tx) error {
		if !on {
			_, err := tx.Exec(ctx, `DELETE FROM project_followers WHERE project_id = ? AND user_id = ?`, projectID, v.ID)
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO project_followers (project_id, user_id, created_at) VALUES (?, ?, ?)
			ON CONFLICT DO NOTHING`, projectID, v.ID, t.now())
		return err
	})
}

func (t *Tracker) followState(ctx context.Context, v *web.Viewer, d *Detail) error {
	err := t.db.QueryRow(ctx, `SELECT COUNT(*) FROM project_followers WHERE project_id = ?`, d.ID).Scan(&d.Followers)
	if err != nil || v == nil {
		return err
	}
	var n int
	err = t.db.QueryRow(ctx, `SELECT COUNT(*) FROM project_followers WHERE project_id = ? AND user_id = ?`, d.ID, v.ID).Scan(&n)
	d.Following = n > 0
	return err
}
