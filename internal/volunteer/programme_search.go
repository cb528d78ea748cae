package volunteer

import (
	"context"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// programmeSearchKind is the kind of programmes' documents in the site search ("Programmes").
const programmeSearchKind = "programme"

// programmeDocs is one document per language the programme has a title in; the body holds
// the description and the role names, so "tercüman" finds the festival's programme. Drafts
// have none.
func programmeDocs(p *Programme) []search.Document {
	if !p.Published {
		return nil
	}
	var docs []search.Document
	for _, lang := range i18n.Supported {
		title := strings.TrimSpace(p.Title.Get(lang))
		if title == "" {
			continue
		}
		body := []string{p.Description.In(lang)}
		for _, r := range p.Roles {
			body = append(body, r.Name.In(lang))
		}
		docs = append(docs, search.Document{Kind: programmeSearchKind, Ref: strconv.FormatInt(p.ID, 10), Lang: lang, Title: title,
			Body: strings.TrimSpace(strings.Join(body, "\n")), URL: "/" + lang + "/volunteer/" + p.Slug, Date: p.StartsAt})
	}
	return docs
}

// indexProgramme replaces a programme's documents in the transaction q that saves it.
func (s *Service) indexProgramme(ctx context.Context, q db.Querier, p *Programme) error {
	if s.prog.index == nil {
		return nil
	}
	if err := s.prog.index.Delete(ctx, q, programmeSearchKind, strconv.FormatInt(p.ID, 10)); err != nil {
		return err
	}
	return s.prog.index.Put(ctx, q, programmeDocs(p)...)
}

// SearchSource lists every published programme for `kopru reindex`.
func (s *Service) SearchSource() search.Source { return programmeSource{s.db} }

type programmeSource struct{ db *db.DB }

func (programmeSource) Kind() string { return programmeSearchKind }

func (src programmeSource) Count(ctx context.Context) (int, error) {
	var n int
	err := src.db.QueryRow(ctx, `SELECT COUNT(*) FROM volunteer_programmes WHERE published = 1`).Scan(&n)
	return n, err
}

func (src programmeSource) Each(ctx context.Context, fn func(search.Document) error) error {
	list, err := db.Collect(ctx, src.db, scanProgramme, `SELECT `+programmeColumns+` FROM volunteer_programmes WHERE published = 1 ORDER BY id`)
	if err != nil {
		return err
	}
	if list, err = withParts(ctx, src.db, list); err != nil {
		return err
	}
	for _, p := range list {
		for _, d := range programmeDocs(p) {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
