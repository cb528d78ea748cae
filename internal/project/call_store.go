package project

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// SQL of calls, their questions and criteria. Themes are space-separated codes, texts JSON
// through i18n.Text, a question's choices a JSON list.

const callColumns = `id, slug, title, description, themes, opens_at, closes_at, joint_approval, published, created_at, updated_at`

func scanCall(s db.Scanner) (*Call, error) {
	var c Call
	var themes string
	var joint, published int
	err := s.Scan(&c.ID, &c.Slug, &c.Title, &c.Description, &themes, &c.OpensAt, &c.ClosesAt, &joint, &published,
		&c.CreatedAt, &c.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	c.Themes, c.JointApproval, c.Published = strings.Fields(themes), joint == 1, published == 1
	c.OpensAt, c.ClosesAt, c.CreatedAt, c.UpdatedAt = c.OpensAt.UTC(), c.ClosesAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return &c, nil
}

func callValue(s db.Scanner) (Call, error) {
	c, err := scanCall(s)
	if err != nil {
		return Call{}, err
	}
	return *c, nil
}

// callWhere reads one call with its questions and criteria.
func callWhere(ctx context.Context, q db.Querier, cond string, arg any) (*Call, error) {
	c, err := scanCall(q.QueryRow(ctx, `SELECT `+callColumns+` FROM project_calls WHERE `+cond, arg))
	if err != nil {
		return nil, err
	}
	if c.Questions, err = callQuestions(ctx, q, c.ID); err != nil {
		return nil, err
	}
	c.Criteria, err = callCriteria(ctx, q, c.ID)
	return c, err
}

func callByID(ctx context.Context, q db.Querier, id int64) (*Call, error) {
	return callWhere(ctx, q, `id = ?`, id)
}

func callBySlug(ctx context.Context, q db.Querier, slug string) (*Call, error) {
	return callWhere(ctx, q, `slug = ?`, slug)
}

// listCalls returns calls by opening, the latest first; drafts only when withDrafts.
// Questions and criteria are not read: lists do not show them.
func listCalls(ctx context.Context, q db.Querier, withDrafts bool) ([]Call, error) {
	return db.Collect(ctx, q, callValue, `SELECT `+callColumns+` FROM project_calls
		WHERE ? = 1 OR published = 1 ORDER BY opens_at DESC, id DESC`, sqlFlag(withDrafts))
}

func callQuestions(ctx context.Context, q db.Querier, callID int64) ([]CallQuestion, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (CallQuestion, error) {
		var qu CallQuestion
		var kind, choices string
		var required int
		err := s.Scan(&qu.ID, &qu.Label, &kind, &choices, &required)
		qu.Kind, qu.Required = QuestionKind(kind), required == 1
		if err == nil {
			err = json.Unmarshal([]byte(choices), &qu.Choices)
		}
		return qu, err
	}, `SELECT id, label, kind, choices, required FROM project_call_questions WHERE call_id = ? ORDER BY position`, callID)
}

func callCriteria(ctx context.Context, q db.Querier, callID int64) ([]CallCriterion, error) {
	return db.Collect(ctx, q, func(s db.Scanner) (CallCriterion, error) {
		var c CallCriterion
		err := s.Scan(&c.ID, &c.Name, &c.Weight)
		return c, err
	}, `SELECT id, name, weight FROM project_call_criteria WHERE call_id = ? ORDER BY position, id`, callID)
}

// callPartnership is the partnership new calls and proposals belong to: the default one.
// Read here rather than through the partnership module because it is one id on a table
// every module's rows refer to.
func callPartnership(ctx context.Context, q db.Querier) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM partnerships ORDER BY is_default DESC, id LIMIT 1`).Scan(&id)
	return id, err
}

func insertCall(ctx context.Context, q db.Querier, c *Call, partnershipID, userID int64) error {
	return q.WriteRow(ctx, `INSERT INTO project_calls (partnership_id, slug, title, description, themes, opens_at, closes_at,
		joint_approval, published, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		partnershipID, c.Slug, c.Title, c.Description, strings.Join(c.Themes, " "), c.OpensAt, c.ClosesAt,
		sqlFlag(c.JointApproval), sqlFlag(c.Published), nullID(userID), c.CreatedAt, c.UpdatedAt).Scan(&c.ID)
}

func updateCall(ctx context.Context, q db.Querier, c *Call) error {
	_, err := q.Exec(ctx, `UPDATE project_calls SET slug = ?, title = ?, description = ?, themes = ?, opens_at = ?, closes_at = ?,
		joint_approval = ?, published = ?, updated_at = ? WHERE id = ?`,
		c.Slug, c.Title, c.Description, strings.Join(c.Themes, " "), c.OpensAt, c.ClosesAt,
		sqlFlag(c.JointApproval), sqlFlag(c.Published), c.UpdatedAt, c.ID)
	return err
}

// saveQuestions makes the call's questions those of c. A question keeps its id (and the
// answers given to it) when it is saved again; questions no longer listed are deleted
// with their answers.
func saveQuestions(ctx context.Context, q db.Querier, c *Call) error {
	keep := []int64{}
	for i := range c.Questions {
		qu := &c.Questions[i]
		choices, _ := json.Marshal(qu.Choices)
		if qu.ID != 0 {
			res, err := q.Exec(ctx, `UPDATE project_call_questions SET position = ?, label = ?, kind = ?, choices = ?, required = ?
				WHERE id = ? AND call_id = ?`, i, qu.Label, qu.Kind, string(choices), sqlFlag(qu.Required), qu.ID, c.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				keep = append(keep, qu.ID)
				continue
			}
		}
		err := q.WriteRow(ctx, `INSERT INTO project_call_questions (call_id, position, label, kind, choices, required)
			VALUES (?, ?, ?, ?, ?, ?) RETURNING id`, c.ID, i, qu.Label, qu.Kind, string(choices), sqlFlag(qu.Required)).Scan(&qu.ID)
		if err != nil {
			return err
		}
		keep = append(keep, qu.ID)
	}
	return deleteRowsExcept(ctx, q, "project_call_questions", c.ID, keep)
}

// saveCriteria is saveQuestions for criteria: ids (and the scores given) survive a save.
func saveCriteria(ctx context.Context, q db.Querier, c *Call) error {
	keep := []int64{}
	for i := range c.Criteria {
		cr := &c.Criteria[i]
		if cr.ID != 0 {
			res, err := q.Exec(ctx, `UPDATE project_call_criteria SET position = ?, name = ?, weight = ? WHERE id = ? AND call_id = ?`,
				i, cr.Name, cr.Weight, cr.ID, c.ID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				keep = append(keep, cr.ID)
				continue
			}
		}
		err := q.WriteRow(ctx, `INSERT INTO project_call_criteria (call_id, position, name, weight) VALUES (?, ?, ?, ?) RETURNING id`,
			c.ID, i, cr.Name, cr.Weight).Scan(&cr.ID)
		if err != nil {
			return err
		}
		keep = append(keep, cr.ID)
	}
	return deleteRowsExcept(ctx, q, "project_call_criteria", c.ID, keep)
}

// deleteRowsExcept deletes the call's rows of table (questions or criteria) not in keep.
func deleteRowsExcept(ctx context.Context, q db.Querier, table string, callID int64, keep []int64) error {
	if len(keep) == 0 {
		_, err := q.Exec(ctx, `DELETE FROM `+table+` WHERE call_id = ?`, callID)
		return err
	}
	in, args := db.InList(keep)
	_, err := q.Exec(ctx, `DELETE FROM `+table+` WHERE call_id = ? AND id NOT IN (`+in+`)`, append([]any{callID}, args...)...)
	return err
}

func sqlFlag(b bool) int {
	if b {
		return 1
	}
	return 0
}
