package app

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/project"
)

// Identity as the project review sees it when coordinators assign reviewers
// (project.ReviewerDirectory). The project service has checked that its caller coordinates;
// identity's user list is for admins, so these lookups ask on the platform's behalf.
var platformLookup = &web.Viewer{Roles: []string{identity.RoleAdmin}}

// maxReviewers bounds the people offered in an assignment list.
const maxReviewers = 1000

func (d projectDirectory) Reviewer(ctx context.Context, id int64) (project.Reviewer, error) {
	u, err := d.ids.User(ctx, platformLookup, id)
	if errors.Is(err, fail.NotFound) {
		return project.Reviewer{}, project.ErrNotFound
	}
	if err != nil {
		return project.Reviewer{}, err
	}
	orgs, err := d.MemberOf(ctx, &web.Viewer{ID: id})
	return project.Reviewer{UserID: u.ID, Name: u.Name, Roles: u.Roles, Organisations: orgs}, err
}

func (d projectDirectory) Reviewers(ctx context.Context) ([]project.Reviewer, error) {
	users, _, err := d.ids.Users(ctx, platformLookup, "", maxReviewers, 0)
	if err != nil {
		return nil, err
	}
	var out []project.Reviewer
	for _, u := range users {
		r := project.Reviewer{UserID: u.ID, Name: u.Name, Roles: u.Roles}
		if u.DisabledAt == nil && r.CanReview() {
			out = append(out, r)
		}
	}
	text.SortFunc("tr", out, func(r project.Reviewer) string { return r.Name })
	return out, nil
}
