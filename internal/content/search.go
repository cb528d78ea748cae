package content

import (
	"context"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/search"
)

// documents are what the search index holds for a public entry: one per language that has
// its own title. Fallback text is left out, so a search in one language does not find the
// same words again under another language's label.
func documents(e *Entry) []search.Document {
	var docs []search.Document
	for _, l := range Langs {
		title := e.Title.Get(l)
		if title == "" {
			continue
		}
		body := strings.TrimSpace(e.Lead.Get(l) + "\n" + e.BodyText.Get(l))
		d := search.Document{Kind: string(e.Kind), Ref: strconv.FormatInt(e.ID, 10), Lang: l, Title: title, Body: body, URL: "/" + l + e.Path()}
		if e.PublishedAt != nil {
			d.Date = *e.PublishedAt
		}
		docs = append(docs, d)
	}
	return docs
}

// SearchSources lists content's documents for a full reindex: news and pages.
func (s *Service) SearchSources() []search.Source {
	return []search.Source{source{s, News}, source{s, Page}}
}

type source struct {
	s    *Service
	kind Kind
}

func (src source) Kind() string { return string(src.kind) }

// Count is the number of documents Each yields: one per published entry and language with
// a title. Titles are written by encoding/json, so an empty language reads exactly "tr":"".
func (src source) Count(ctx context.Context) (int, error) {
	var n int
	err := src.s.db.QueryRow(ctx, `SELECT COALESCE(SUM(
		CASE WHEN title LIKE '%"tr":""%' THEN 0 ELSE 1 END +
		CASE WHEN title LIKE '%"az":""%' THEN 0 ELSE 1 END +
		CASE WHEN title LIKE '%"en":""%' THEN 0 ELSE 1 END), 0)
		FROM content_entries WHERE kind = ? AND status = 'published'`, src.kind).Scan(&n)
	return n, err
}

// Each walks the published entries in ID order, a batch at a time, so no query stays open
// while fn writes to the index.
func (src source) Each(ctx context.Context, fn func(search.Document) error) error {
	const batch = 500
	var after int64
	for {
		rows, err := src.s.db.Query(ctx, `SELECT `+entryColumns+` FROM content_entries
			WHERE kind = ? AND status = 'published' AND id > ? ORDER BY id LIMIT ?`, src.kind, after, batch)
		if err != nil {
			return err
		}
		var es []*Entry
		for rows.Next() {
			e, err := scanEntry(rows)
			if err != nil {
				rows.Close()
				return err
			}
			es = append(es, e)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, e := range es {
			for _, d := range documents(e) {
				if err := fn(d); err != nil {
					return err
				}
			}
			after = e.ID
		}
		if len(es) < batch {
			return nil
		}
	}
}
