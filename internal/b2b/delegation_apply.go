package b2b

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Applications: a member of an organisation applies for it; coordinators approve (the
// travellers become members) or reject with a reason; the applicant is mailed either way.

// DecisionMailJob is the job kind of the mail telling an applicant the decision.
const DecisionMailJob = "b2b.delegation.decision"

type decisionPayload struct {
	Application int64 `json:"application"`
}

// Apply files an application for one of v's organisations.
func (s *Delegations) Apply(ctx context.Context, v *web.Viewer, delegationID int64, in ApplicationInput) (*Application, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	d, err := s.Get(ctx, v, delegationID)
	if err != nil {
		return nil, err
	}
	if !d.Open(s.now()) {
		return nil, fail.Fields{"delegation": "b2b.delegation.error.closed"}
	}
	if ok, err := s.memberOfOrg(ctx, v, in.OrganisationID); err != nil || !ok {
		return nil, orFieldError(err, "organisation_id", "b2b.delegation.error.not_org_member")
	}
	people, err := s.dir.Members(ctx, in.OrganisationID)
	if err != nil {
		return nil, err
	}
	if errs := in.validate(people); len(errs) > 0 {
		return nil, errs
	}
	if !i18n.IsSupported(in.Locale) {
		in.Locale = v.Locale
	}
	now := s.now()
	a := &Application{DelegationID: d.ID, ApplicationInput: in, ApplicantID: v.ID, Email: v.Email,
		Status: ApplicationPending, CreatedAt: now, UpdatedAt: now}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := applicationByOrg(ctx, tx, d.ID, in.OrganisationID); err == nil {
			return fail.Fields{"organisation_id": "b2b.delegation.error.already_applied"}
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		return insertApplication(ctx, tx, a)
	})
	if db.IsUniqueViolation(err) { // a colleague's application committed first
		err = fail.Fields{"organisation_id": "b2b.delegation.error.already_applied"}
	}
	if err != nil {
		return nil, err
	}
	return a, s.nameApplications(ctx, []*Application{a})
}

// memberOfOrg reports whether v belongs to the organisation.
func (s *Delegations) memberOfOrg(ctx context.Context, v *web.Viewer, orgID int64) (bool, error) {
	orgs, err := s.dir.MemberOf(ctx, v)
	return slices.ContainsFunc(orgs, func(o Organisation) bool { return o.ID == orgID }), err
}

// orFieldError turns "no" into a localized field error: the form says what is wrong instead
// of a bare 403, since a person in several organisations may simply have picked another.
func orFieldError(err error, field, key string) error {
	if err != nil {
		return err
	}
	return fail.Fields{field: key}
}

// MyApplications returns the applications of v's organisations to the delegation, with the
// organisations v could still apply for.
func (s *Delegations) MyApplications(ctx context.Context, v *web.Viewer, delegationID int64) ([]Application, []Organisation, error) {
	if v == nil {
		return nil, nil, fail.Unauthorized
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, nil, err
	}
	var apps []Application
	var open []Organisation
	for _, o := range orgs {
		a, err := applicationByOrg(ctx, s.db, delegationID, o.ID)
		switch {
		case errors.Is(err, ErrNotFound):
			open = append(open, o)
		case err != nil:
			return nil, nil, err
		default:
			a.Organisation = o
			apps = append(apps, *a)
		}
	}
	return apps, open, nil
}

// Travellers lists the people of one of v's organisations, to choose who travels.
func (s *Delegations) Travellers(ctx context.Context, v *web.Viewer, orgID int64) ([]Person, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	if ok, err := s.memberOfOrg(ctx, v, orgID); err != nil || !ok {
		return nil, orForbidden(err)
	}
	return s.dir.Members(ctx, orgID)
}

// Applications lists a delegation's applications (coordinators).
func (s *Delegations) Applications(ctx context.Context, v *web.Viewer, delegationID int64) ([]Application, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	if _, err := delegationByID(ctx, s.db, delegationID); err != nil {
		return nil, err
	}
	list, err := listApplications(ctx, s.db, delegationID)
	if err != nil {
		return nil, err
	}
	ptrs := make([]*Application, len(list))
	for i := range list {
		ptrs[i] = &list[i]
	}
	return list, s.nameApplications(ctx, ptrs)
}

func (s *Delegations) nameApplications(ctx context.Context, list []*Application) error {
	ids := make([]int64, len(list))
	for i, a := range list {
		ids[i] = a.OrganisationID
	}
	orgs, err := s.dir.Organisations(ctx, ids)
	if err != nil {
		return err
	}
	for _, a := range list {
		a.Organisation = orgs[a.OrganisationID]
	}
	return nil
}

// Approve accepts an application: its travellers become members (role member) unless they
// are members already, and the applicant is mailed.
func (s *Delegations) Approve(ctx context.Context, v *web.Viewer, id int64) (*Application, error) {
	return s.decide(ctx, v, id, ApplicationApproved, "")
}

// Reject turns an application down with a reason the applicant is mailed.
func (s *Delegations) Reject(ctx context.Context, v *web.Viewer, id int64, reason string) (*Application, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case reason == "":
		return nil, fail.Fields{"reason": "b2b.error.reason_required"}
	case utf8.RuneCountInString(reason) > maxReason:
		return nil, fail.Fields{"reason": "form.too_long"}
	}
	return s.decide(ctx, v, id, ApplicationRejected, reason)
}

func (s *Delegations) decide(ctx context.Context, v *web.Viewer, id int64, status ApplicationStatus, reason string) (*Application, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	var a *Application
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		var err error
		if a, err = applicationByID(ctx, tx, id); err != nil {
			return err
		}
		a.Status, a.Reason, a.UpdatedAt = status, reason, s.now()
		if ok, err := decideApplication(ctx, tx, a); err != nil || !ok {
			return orFieldError(err, "decision", "b2b.delegation.error.decided")
		}
		if status == ApplicationApproved {
			if err := s.enrol(ctx, tx, a); err != nil {
				return err
			}
		}
		return s.planDecisionMail(ctx, tx, a)
	})
	if err != nil {
		return nil, err
	}
	return a, s.nameApplications(ctx, []*Application{a})
}

// enrol makes an approved application's travellers members.
func (s *Delegations) enrol(ctx context.Context, q db.Querier, a *Application) error {
	for _, t := range a.Travellers {
		if _, err := memberByUser(ctx, q, a.DelegationID, t.UserID); err == nil {
			continue // already in, perhaps added by a coordinator with another role
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		m := &Member{DelegationID: a.DelegationID, UserID: t.UserID, OrganisationID: a.OrganisationID, Name: t.Name,
			PassportName: t.PassportName, Nationality: t.Nationality, Role: "member", CreatedAt: a.UpdatedAt}
		if err := insertMember(ctx, q, m); err != nil {
			return err
		}
	}
	return nil
}

// planDecisionMail enqueues the decision mail in the deciding transaction: one commit, and
// the coordinator's click does not wait for the mail.
func (s *Delegations) planDecisionMail(ctx context.Context, q db.Querier, a *Application) error {
	if s.jobs == nil || a.Email == "" {
		return nil
	}
	_, err := s.jobs.Enqueue(ctx, q, DecisionMailJob, decisionPayload{Application: a.ID},
		jobs.DedupeKey(fmt.Sprintf("%s:%d", DecisionMailJob, a.ID)))
	return err
}
