// Package project carries the partnership's project proposals from submission through the
// joint review by the association and the municipality to the public accountability tracker
// of the projects accepted proposals become. Organisations, people and other modules' objects
// are reached through the small interfaces declared here, which the app wires.
package project

import (
	"context"
	"fmt"
	"net/http"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

var (
	ErrNotFound  = fmt.Errorf("project: %w", fail.NotFound)
	ErrForbidden = fmt.Errorf("project: %w", fail.Forbidden)
)

// Themes a call, a proposal or a project is about, in the order forms offer them.
var Themes = []string{"culture", "education", "youth", "trade", "tourism", "environment", "institutional", "other"}

// TargetGroups a proposal addresses.
var TargetGroups = []string{"youth", "students", "businesses", "artists", "residents", "public_bodies", "diaspora", "other"}

// Currencies budgets are written in.
var Currencies = []string{"TRY", "AZN", "EUR", "USD"}

// Side is one partner of the joint review.
type Side string

const (
	Association  Side = "association"
	Municipality Side = "municipality"
)

// Sides lists both partners; a jointly approved proposal needs each one's approval.
var Sides = []Side{Association, Municipality}

// ProposalStatus is where a proposal stands.
type ProposalStatus string

const (
	Draft               ProposalStatus = "draft"
	Submitted           ProposalStatus = "submitted"
	NeedsInfo           ProposalStatus = "needs_info"
	Accepted            ProposalStatus = "accepted"
	AcceptedWithChanges ProposalStatus = "accepted_with_changes"
	Rejected            ProposalStatus = "rejected"
	Superseded          ProposalStatus = "superseded" // a newer version replaced it
)

// Outcome is a decision on a proposal: a side's, and the official answer's.
type Outcome string

const (
	OutcomeAccepted            Outcome = "accepted"
	OutcomeAcceptedWithChanges Outcome = "accepted_with_changes"
	OutcomeRejected            Outcome = "rejected"
	OutcomeNeedsInfo           Outcome = "needs_info"
)

// Outcomes lists the decisions in the order forms offer them.
var Outcomes = []Outcome{OutcomeAccepted, OutcomeAcceptedWithChanges, OutcomeNeedsInfo, OutcomeRejected}

// ProjectStatus is where a project on the tracker stands.
type ProjectStatus string

const (
	NotStarted ProjectStatus = "not_started"
	InProgress ProjectStatus = "in_progress"
	Completed  ProjectStatus = "completed"
	Cancelled  ProjectStatus = "cancelled"
)

// ProjectStatuses lists them in the order the tracker shows them.
var ProjectStatuses = []ProjectStatus{NotStarted, InProgress, Completed, Cancelled}

// Organisation is an identity organisation as projects show it.
type Organisation struct {
	ID      int64
	Name    string
	Kind    string // association, municipality, company, …
	City    string
	Country string
}

// Contact is a person the module writes to.
type Contact struct {
	UserID int64
	Name   string
	Email  string
	Locale string
}

// Directory is what projects need from identity.
type Directory interface {
	// MemberOf lists the organisations v is a member of.
	MemberOf(ctx context.Context, v *web.Viewer) ([]Organisation, error)
	// Organisations returns those of ids that exist.
	Organisations(ctx context.Context, ids []int64) (map[int64]Organisation, error)
	// Contacts returns the enabled users among ids, to write to them.
	Contacts(ctx context.Context, ids []int64) (map[int64]Contact, error)
}

// organisation is organisation id as the directory knows it; ok is false when it knows
// none.
func (s *Service) organisation(ctx context.Context, id int64) (o Organisation, ok bool, err error) {
	orgs, err := s.dir.Organisations(ctx, []int64{id})
	if err != nil {
		return Organisation{}, false, err
	}
	o, ok = orgs[id]
	return o, ok, nil
}

// contact is the person userID as the directory knows them; ok is false for an account
// that is deleted or disabled, which gets no mail.
func (s *Service) contact(ctx context.Context, userID int64) (c Contact, ok bool, err error) {
	people, err := s.dir.Contacts(ctx, []int64{userID})
	if err != nil {
		return Contact{}, false, err
	}
	c, ok = people[userID]
	return c, ok, nil
}

// Mailer queues a mail for delivery (the platform's outbox).
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Files stores attachments and serves them (the media storage).
type Files interface {
	Put(ctx context.Context, key string, data []byte, contentType string) error
	Delete(ctx context.Context, key string) error
	ServeFile(w http.ResponseWriter, r *http.Request, key, downloadName string)
}

// Indexer is the site search, written in the transaction that changes a project.
type Indexer interface {
	Put(ctx context.Context, q db.Querier, docs ...search.Document) error
	Delete(ctx context.Context, q db.Querier, kind, ref string) error
}

// CanCoordinate reports whether v runs calls, assigns reviewers and keeps the tracker:
// admins and coordinators.
func CanCoordinate(v *web.Viewer) bool { return v != nil && (v.Has("admin") || v.Has("coordinator")) }

func requireCoordinator(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !CanCoordinate(v) {
		return ErrForbidden
	}
	return nil
}
