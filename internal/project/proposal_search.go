package project

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// Proposals in the site search: what the public list shows (publicProposalCond: submitted
// and decided, not drafts nor replaced versions) is found by the site search too. A
// proposal's documents are rewritten in the transaction that changes its status, so the
// search never shows a draft nor misses a decision.

// proposalSearchKind is the kind of proposals' documents ("Proposals").
const proposalSearchKind = "proposal"

// proposalPublic reports whether the public may read p.
func proposalPublic(p *Proposal) bool { return p.Status != Draft && p.Status != Superseded }

// proposalDocs is one document per language p has a title in; none while p is not public.
func proposalDocs(p *Proposal) []search.Document {
	if !proposalPublic(p) {
		return nil
	}
	date := p.UpdatedAt
	if p.SubmittedAt != nil {
		date = *p.SubmittedAt
	}
	var docs []search.Document
	for _, lang := range i18n.Supported {
		title := strings.TrimSpace(p.Title.Get(lang))
		if title == "" {
			continue
		}
		docs = append(docs, search.Document{Kind: proposalSearchKind, Ref: strconv.FormatInt(p.ID, 10), Lang: lang,
			Title: title, Body: strings.TrimSpace(p.Summary.Get(lang)), URL: "/" + lang + "/proposals/" + strconv.FormatInt(p.ID, 10),
			Date: date.UTC().Truncate(time.Second)})
	}
	return docs
}

// indexProposals rewrites the documents of proposals ids in the transaction q that changed
// their status: a public one is (re)indexed, any other removed.
func (s *Service) indexProposals(ctx context.Context, q db.Querier, ids ...int64) error {
	if s.index == nil {
		return nil
	}
	for _, id := range ids {
		if id == 0 {
			continue
		}
		p, err := scanProposal(q.QueryRow(ctx, `SELECT `+proposalColumns+` FROM proposals WHERE id = ?`, id))
		if err != nil {
			return err
		}
		if err := s.index.Delete(ctx, q, proposalSearchKind, strconv.FormatInt(id, 10)); err != nil {
			return err
		}
		if err := s.index.Put(ctx, q, proposalDocs(p)...); err != nil {
			return err
		}
	}
	return nil
}

// ProposalSearchSource lists every public proposal for `kopru reindex`.
func (s *Service) ProposalSearchSource() search.Source { return proposalSource{s.db} }

type proposalSource struct{ db *db.DB }

func (proposalSource) Kind() string { return proposalSearchKind }

func (src proposalSource) Count(ctx context.Context) (int, error) {
	var n int
	err := src.db.QueryRow(ctx, `SELECT COUNT(*) FROM proposals WHERE `+publicProposalCond).Scan(&n)
	return n, err
}

func (src proposalSource) Each(ctx context.Context, fn func(search.Document) error) error {
	list, err := db.Collect(ctx, src.db, proposalValue, `SELECT `+proposalColumns+` FROM proposals WHERE `+publicProposalCond+` ORDER BY id`)
	if err != nil {
		return err
	}
	for i := range list {
		for _, d := range proposalDocs(&list[i]) {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
