package partnership

import (
	"context"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// Indexer is what the partnership needs from the site-wide search index.
type Indexer interface {
	Put(ctx context.Context, q db.Querier, docs ...search.Document) error
	Delete(ctx context.Context, q db.Querier, kind, ref string) error
}

// searchKind is the kind of the timeline's documents in the search index.
const searchKind = "milestone"

// UseIndex makes milestone writes update the search index in the same transaction.
func (s *Service) UseIndex(ix Indexer) { s.index = ix }

// milestoneDocs is one search document per language the milestone has a title in.
func milestoneDocs(m *Milestone) []search.Document {
	var docs []search.Document
	for _, lang := range []string{"tr", "az", "en"} {
		title := strings.TrimSpace(m.Title.Get(lang))
		if title == "" {
			continue
		}
		docs = append(docs, search.Document{
			Kind: searchKind, Ref: strconv.FormatInt(m.ID, 10), Lang: lang,
			Title: title, Body: m.Body.Get(lang),
			URL: "/" + lang + "/timeline#m-" + strconv.FormatInt(m.ID, 10),
		})
		// A year-only date would show as 1 January: leave it out rather than invent a day.
		if m.Precision == PrecisionDay {
			docs[len(docs)-1].Date = m.Date
		}
	}
	return docs
}

// indexMilestone replaces a milestone's documents; without an index it does nothing.
func (s *Service) indexMilestone(ctx context.Context, q db.Querier, m *Milestone) error {
	if s.index == nil {
		return nil
	}
	if err := s.index.Delete(ctx, q, searchKind, strconv.FormatInt(m.ID, 10)); err != nil {
		return err
	}
	return s.index.Put(ctx, q, milestoneDocs(m)...)
}

// SearchSource lists every milestone for `kopru reindex`.
func (s *Service) SearchSource() search.Source { return milestoneSource{s.db} }

type milestoneSource struct{ db *db.DB }

func (milestoneSource) Kind() string { return searchKind }

func (m milestoneSource) Count(ctx context.Context) (int, error) {
	var n int
	err := m.db.QueryRow(ctx, `SELECT COUNT(*) FROM milestones`).Scan(&n)
	return n, err
}

func (m milestoneSource) Each(ctx context.Context, fn func(search.Document) error) error {
	rows, err := m.db.Query(ctx, `SELECT `+milestoneColumns+` FROM milestones ORDER BY id`)
	if err != nil {
		return err
	}
	var all []*Milestone
	for rows.Next() {
		ms, err := scanMilestone(rows)
		if err != nil {
			rows.Close()
			return err
		}
		all = append(all, ms)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, ms := range all {
		for _, d := range milestoneDocs(ms) {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
