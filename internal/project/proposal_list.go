package project

import (
	"context"
	"slices"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/text"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Lists of proposals: the public one, the proposer's own, and the coordinators' export.

// ProposalFilter narrows the public list.
type ProposalFilter struct {
	CallID int64          // 0: any call and the intake
	Theme  string         // "": any
	Status ProposalStatus // "": any public status
	Query  string         // folded text search in every language of the title and summary
}

// ListedProposal is a proposal in a list, with its official answer once published.
type ListedProposal struct {
	Proposal
	Answer *PublicAnswer `json:"answer,omitempty"`
}

// publicProposalCond is what the public sees: submitted and decided proposals, not drafts nor
// versions since replaced.
const publicProposalCond = `status NOT IN ('draft', 'superseded')`

// PublicProposals lists the proposals everyone may read that match f, the latest first.
func (s *Service) PublicProposals(ctx context.Context, f ProposalFilter) ([]ListedProposal, error) {
	list, err := s.publicProposals(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.withAnswers(ctx, list)
}

// PublicProposalPage is one page of PublicProposals (limit rows from offset) and how many
// match in all. Answers are read for the page's rows only.
func (s *Service) PublicProposalPage(ctx context.Context, f ProposalFilter, limit, offset int) ([]ListedProposal, int, error) {
	list, err := s.publicProposals(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total := len(list)
	page, err := s.withAnswers(ctx, list[min(offset, total):min(offset+limit, total)])
	return page, total, err
}

// publicProposals is the public proposals matching f. Themes and text are matched here
// rather than in SQL: both live in JSON and in three languages, and the list is small.
func (s *Service) publicProposals(ctx context.Context, f ProposalFilter) ([]Proposal, error) {
	cond, args := publicProposalCond, []any{}
	if f.CallID != 0 {
		cond, args = cond+` AND call_id = ?`, append(args, f.CallID)
	}
	if f.Status != "" {
		cond, args = cond+` AND status = ?`, append(args, f.Status)
	}
	list, err := listProposals(ctx, s.db, cond, args...)
	if err != nil {
		return nil, err
	}
	q := text.Fold(f.Query)
	return slices.DeleteFunc(list, func(p Proposal) bool {
		return f.Theme != "" && !slices.Contains(p.Themes, f.Theme) || q != "" && !strings.Contains(proposalHaystack(&p), q)
	}), nil
}

// proposalHaystack is the folded text a search looks through.
func proposalHaystack(p *Proposal) string {
	var b strings.Builder
	for _, l := range i18n.Supported {
		b.WriteString(p.Title.Get(l) + " " + p.Summary.Get(l) + " ")
	}
	return text.Fold(b.String())
}

// MyProposals lists every proposal of the organisations v is a member of, drafts and
// replaced versions included, with published answers.
func (s *Service) MyProposals(ctx context.Context, v *web.Viewer) ([]ListedProposal, error) {
	orgs, err := s.proposerOrgs(ctx, v)
	if err != nil || len(orgs) == 0 {
		return nil, err
	}
	in, args := db.InList(orgs)
	list, err := listProposals(ctx, s.db, `organisation_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	return s.withAnswers(ctx, list)
}

// AllProposals lists every proposal but drafts, for coordinators' exports.
func (s *Service) AllProposals(ctx context.Context, v *web.Viewer) ([]ListedProposal, error) {
	if err := requireCoordinator(v); err != nil {
		return nil, err
	}
	list, err := listProposals(ctx, s.db, `status <> 'draft'`)
	if err != nil {
		return nil, err
	}
	return s.withAnswers(ctx, list)
}

// PublicAnswerOf returns the published official answer to proposal id, nil before.
func (s *Service) PublicAnswerOf(ctx context.Context, id int64) (*PublicAnswer, error) {
	m, err := publicAnswers(ctx, s.db, []int64{id})
	if a, ok := m[id]; ok {
		return &a, err
	}
	return nil, err
}

func (s *Service) withAnswers(ctx context.Context, list []Proposal) ([]ListedProposal, error) {
	ids := make([]int64, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	answers, err := publicAnswers(ctx, s.db, ids)
	out := make([]ListedProposal, len(list))
	for i, p := range list {
		out[i].Proposal = p
		if a, ok := answers[p.ID]; ok {
			out[i].Answer = &a
		}
	}
	return out, err
}
