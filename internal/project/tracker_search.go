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

// searchKind is the kind of projects' documents in the site search ("Projects").
const searchKind = "project"

// projectDocs is one document per language the project has a title in.
func projectDocs(p *Project) []search.Document {
	var docs []search.Document
	for _, lang := range i18n.Supported {
		title := strings.TrimSpace(p.Title.Get(lang))
		if title == "" {
			continue
		}
		docs = append(docs, search.Document{Kind: searchKind, Ref: strconv.FormatInt(p.ID, 10), Lang: lang,
			Title: title, Body: strings.TrimSpace(p.Summary.Get(lang)), URL: "/" + lang + "/projects/" + p.Slug,
			Date: mustDay(p.StartsOn)})
	}
	return docs
}

// indexProject replaces a project's documents in the transaction q that saves it.
func (s *Service) indexProject(ctx context.Context, q db.Querier, p *Project) error {
	if s.index == nil {
		return nil
	}
	if err := s.index.Delete(ctx, q, searchKind, strconv.FormatInt(p.ID, 10)); err != nil {
		return err
	}
	return s.index.Put(ctx, q, projectDocs(p)...)
}

// syncProject brings what the tracker derives from a project up to date in the transaction
// q that wrote it: the folded text its filter searches and its site search documents. Code
// that writes a projects row outside the Tracker (a project born of an accepted proposal)
// calls it in the same transaction, so the project is found like any other.
func (s *Service) syncProject(ctx context.Context, q db.Querier, id int64) error {
	p, err := projectByID(ctx, q, id)
	if err != nil {
		return err
	}
	if _, err := q.Exec(ctx, `UPDATE projects SET folded = ? WHERE id = ?`, folded(&p.ProjectInput), id); err != nil {
		return err
	}
	return s.indexProject(ctx, q, p)
}

func mustDay(s string) time.Time {
	d, _ := time.Parse(day, s)
	return d
}

// SearchSource lists every project for `kopru reindex`.
func (t *Tracker) SearchSource() search.Source { return projectSource{t.db} }

type projectSource struct{ db *db.DB }

func (projectSource) Kind() string { return searchKind }

func (src projectSource) Count(ctx context.Context) (int, error) {
	var n int
	err := src.db.QueryRow(ctx, `SELECT COUNT(*) FROM projects`).Scan(&n)
	return n, err
}

func (src projectSource) Each(ctx context.Context, fn func(search.Document) error) error {
	list, err := db.Collect(ctx, src.db, scanProject, `SELECT `+projectColumns+` FROM projects ORDER BY id`)
	if err != nil {
		return err
	}
	for _, p := range list {
		for _, d := range projectDocs(p) {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
