package project

// Followers hear of each progress update by mail. Posting the update plans one job in the
// same transaction; the job writes to every follower in that follower's language (never the
// coordinator's), in one transaction, so the mails go out together or the job runs again.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
)

// followMailJob is the job kind of the mails to a project's followers.
const followMailJob = "project.update_mail"

type updateMail struct {
	Project int64 `json:"project"`
	Update  int64 `json:"update"`
}

func (t *Tracker) planUpdateMails(ctx context.Context, q db.Querier, projectID, updateID int64) error {
	if t.jobs == nil || t.out == nil {
		return nil
	}
	_, err := t.jobs.Enqueue(ctx, q, followMailJob, updateMail{Project: projectID, Update: updateID})
	return err
}

func (t *Tracker) sendUpdateMail(ctx context.Context, raw json.RawMessage) error {
	var m updateMail
	if err := json.Unmarshal(raw, &m); err != nil {
		return jobs.Permanent(fmt.Errorf("project: update mail payload %s: %v", raw, err))
	}
	p, err := projectByID(ctx, t.db, m.Project)
	if errors.Is(err, ErrNotFound) {
		return nil // the project is gone: nothing to tell
	}
	if err != nil {
		return err
	}
	var u Update
	err = t.db.QueryRow(ctx, `SELECT posted_on, body FROM project_updates WHERE id = ? AND project_id = ?`, m.Update, m.Project).Scan(&u.PostedOn, &u.Body)
	if err != nil {
		return notFoundIsDone(err)
	}
	ids, err := db.Int64s(ctx, t.db, `SELECT user_id FROM project_followers WHERE project_id = ? ORDER BY user_id`, m.Project)
	if err != nil {
		return err
	}
	contacts, err := t.dir.Contacts(ctx, ids)
	if err != nil {
		return err
	}
	return t.db.InTx(ctx, func(tx *db.Tx) error {
		for _, id := range ids {
			if c, ok := contacts[id]; ok {
				if err := t.writeUpdateMail(ctx, tx, p, &u, c); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

func (t *Tracker) writeUpdateMail(ctx context.Context, tx *db.Tx, p *Project, u *Update, c Contact) error {
	w := t.writerTo(c)
	title := p.Title.In(w.lang)
	_, err := t.out.Enqueue(ctx, tx, w.message(w.t("project.tracker.mail.subject", title),
		w.t("project.tracker.mail.greeting", c.Name), "",
		w.t("project.tracker.mail.intro", title, i18n.FormatDate(w.lang, mustDay(u.PostedOn), nil)), "",
		u.Body.In(w.lang), "",
		w.t("project.tracker.mail.progress", p.Progress), "",
		w.t("project.tracker.mail.link", w.link("/projects/"+p.Slug)),
		w.t("project.tracker.mail.unfollow"), "",
		w.t("mail.signature")))
	return err
}

func notFoundIsDone(err error) error {
	if errors.Is(notFound(err), ErrNotFound) {
		return nil // the update is gone
	}
	return err
}
