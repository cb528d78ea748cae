package student

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// TriageRow is a request as the triage list shows it to every coordinator: no description,
// no thread, no student, and no subject when the request is sensitive.
type TriageRow struct {
	ID         int64
	Category   string
	Subject    string // "" for sensitive requests
	Sensitive  bool
	Status     string
	Priority   string
	AssigneeID int64
	Assignee   string
	FollowUpOn string
	CreatedAt  time.Time
	AgeDays    int  // whole days since it was opened
	Mine       bool // assigned to the viewer: they may open it
}

// TriageFilter narrows the triage list; empty fields match everything. Assignee is a user
// id, "none" for unassigned requests or "me".
type TriageFilter struct {
	Status, Category, Assignee string
}

// Triage lists requests for coordinators and admins, open ones first by age.
func (s *Service) Triage(ctx context.Context, v *web.Viewer, f TriageFilter) ([]TriageRow, error) {
	if !isCoordinator(v) {
		return nil, refuse(v)
	}
	cond, args := []string{"1 = 1"}, []any{}
	if slices.Contains(Statuses, f.Status) {
		cond, args = append(cond, "status = ?"), append(args, f.Status)
	} else if f.Status == "" {
		cond = append(cond, "status <> 'closed'")
	}
	if slices.Contains(Categories, f.Category) {
		cond, args = append(cond, "category = ?"), append(args, f.Category)
	}
	switch f.Assignee {
	case "":
	case "none":
		cond = append(cond, "assignee_id IS NULL")
	case "me":
		cond, args = append(cond, "assignee_id = ?"), append(args, v.ID)
	default:
		if id, err := parseID(f.Assignee); err == nil {
			cond, args = append(cond, "assignee_id = ?"), append(args, id)
		}
	}
	list, err := requestsWhere(ctx, s.db, strings.Join(cond, " AND ")+` ORDER BY created_at, id LIMIT 500`, args...)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(list))
	for _, r := range list {
		ids = append(ids, r.AssigneeID)
	}
	names := s.names(ctx, ids)
	rows := make([]TriageRow, len(list))
	for i, r := range list {
		rows[i] = TriageRow{ID: r.ID, Category: r.Category, Sensitive: r.Sensitive, Status: r.Status, Priority: r.Priority,
			AssigneeID: r.AssigneeID, Assignee: names[r.AssigneeID], FollowUpOn: r.FollowUpOn, CreatedAt: r.CreatedAt,
			AgeDays: int(s.now().Sub(r.CreatedAt).Hours() / 24), Mine: isStaffOf(v, r)}
		if !r.Sensitive {
			rows[i].Subject = r.Subject
		}
	}
	return rows, nil
}

func parseID(s string) (int64, error) {
	var id int64
	for _, c := range s {
		if c < '0' || c > '9' || id > 1<<50 {
			return 0, fail.NotFound
		}
		id = id*10 + int64(c-'0')
	}
	if id == 0 {
		return 0, fail.NotFound
	}
	return id, nil
}

// Assign gives request id to assigneeID. Any coordinator may take an unassigned request for
// themselves ("assign to me"); only admins assign others, reassign or clear (0). Two
// coordinators taking the same request at once: the second finds it assigned and is refused.
func (s *Service) Assign(ctx context.Context, v *web.Viewer, id, assigneeID int64) error {
	if !isCoordinator(v) {
		return refuse(v)
	}
	if !isAdmin(v) && assigneeID != v.ID {
		return ErrForbidden
	}
	if assigneeID != 0 && assigneeID != v.ID {
		if err := s.checkStaff(ctx, assigneeID); err != nil {
			return err
		}
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := requestByID(ctx, tx, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if !isAdmin(v) && r.AssigneeID != 0 {
			return fail.Conflict
		}
		return s.assign(ctx, tx, v, r, assigneeID)
	})
}

func (s *Service) assign(ctx context.Context, tx *db.Tx, v *web.Viewer, r *Request, assigneeID int64) error {
	if r.AssigneeID == assigneeID {
		return nil
	}
	r.AssigneeID, r.UpdatedAt = assigneeID, s.now()
	if r.Status == "new" && assigneeID != 0 {
		r.Status = "open"
	}
	if err := saveRequest(ctx, tx, r); err != nil {
		return err
	}
	if err := audit(ctx, tx, r.ID, v.ID, actAssigned, itoa(assigneeID)); err != nil {
		return err
	}
	if assigneeID == 0 || assigneeID == v.ID {
		return nil // nobody to tell: the one taking it knows
	}
	return s.notify(ctx, tx, assigneeID, "assigned", r)
}

// checkStaff refuses an assignee who is not a coordinator or admin.
func (s *Service) checkStaff(ctx context.Context, id int64) error {
	staff, err := s.dir.Staff(ctx)
	if err != nil {
		return err
	}
	for _, c := range staff {
		if c.UserID == id {
			return nil
		}
	}
	return fail.Fields{"assignee_id": "student.error.assignee"}
}

// Update changes the triage fields of request id; v must be its assignee or an admin, and
// only an admin changes the assignee this way. A follow-up date plans a reminder to the
// assignee for that morning.
func (s *Service) Update(ctx context.Context, v *web.Viewer, id int64, t Triage) (*Request, error) {
	if errs := t.validate(); len(errs) > 0 {
		return nil, errs
	}
	if t.AssigneeID != nil && *t.AssigneeID != 0 {
		if err := s.checkStaff(ctx, *t.AssigneeID); err != nil {
			return nil, err
		}
	}
	var r *Request
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if r, err = s.handled(ctx, tx, v, id, tx.ForUpdate()); err != nil {
			return err
		}
		if r.Closed() || r.Status == "deletion_requested" {
			return fail.Fields{"status": "student.error.not_active"}
		}
		return s.update(ctx, tx, v, r, t)
	})
	return r, err
}

func (s *Service) update(ctx context.Context, tx *db.Tx, v *web.Viewer, r *Request, t Triage) error {
	if t.AssigneeID != nil && *t.AssigneeID != r.AssigneeID {
		if !isAdmin(v) {
			return fail.Fields{"assignee_id": "student.error.assign_admin"}
		}
		if err := s.assign(ctx, tx, v, r, *t.AssigneeID); err != nil {
			return err
		}
	}
	oldStatus, oldFollow := r.Status, r.FollowUpOn
	if t.Priority != nil {
		r.Priority = *t.Priority
	}
	if t.Status != nil {
		r.Status = *t.Status
	}
	if t.FollowUpOn != nil {
		r.FollowUpOn = *t.FollowUpOn
	}
	if t.Sensitive != nil {
		r.Sensitive = *t.Sensitive || sensitiveCategory(r.Category)
	}
	r.UpdatedAt = s.now()
	if err := saveRequest(ctx, tx, r); err != nil {
		return err
	}
	if err := audit(ctx, tx, r.ID, v.ID, actTriaged, ""); err != nil {
		return err
	}
	if r.FollowUpOn != "" && r.FollowUpOn != oldFollow {
		if err := s.planFollowUp(ctx, tx, r); err != nil {
			return err
		}
	}
	if r.Status != oldStatus {
		return s.notify(ctx, tx, r.StudentID, "status", r)
	}
	return nil
}

// Close ends request id with an outcome and an optional note (staff only; the note is for
// the reports and the team, not sent to the student).
func (s *Service) Close(ctx context.Context, v *web.Viewer, id int64, outcome, note string) error {
	note = strings.TrimSpace(note)
	errs := fail.Fields{}
	if !slices.Contains(Outcomes, outcome) {
		errs["outcome"] = "form.choice"
	}
	if len([]rune(note)) > maxNote {
		errs["outcome_note"] = "form.too_long"
	}
	if len(errs) > 0 {
		return errs
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := s.handled(ctx, tx, v, id, tx.ForUpdate())
		if err != nil {
			return err
		}
		if r.Closed() || r.Status == "deletion_requested" {
			return fail.Fields{"outcome": "student.error.not_active"}
		}
		now := s.now()
		r.Status, r.Outcome, r.OutcomeNote, r.ClosedAt, r.UpdatedAt, r.FollowUpOn = "closed", outcome, note, now, now, ""
		if err := saveRequest(ctx, tx, r); err != nil {
			return err
		}
		if err := audit(ctx, tx, r.ID, v.ID, actClosed, outcome); err != nil {
			return err
		}
		return s.notify(ctx, tx, r.StudentID, "status", r)
	})
}
