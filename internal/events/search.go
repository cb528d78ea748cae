package events

import (
	"context"
	"strconv"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

// Indexer is what events need from the site-wide search index.
type Indexer interface {
	Put(ctx context.Context, q db.Querier, docs ...search.Document) error
	Delete(ctx context.Context, q db.Querier, kind, ref string) error
}

// searchKind is the kind of events' documents in the search index.
const searchKind = "event"

// UseIndex makes event writes update the search index in the same transaction.
func (s *Service) UseIndex(ix Indexer) { s.index = ix }

// searchable reports whether anyone may find e in site search: published and public.
// Drafts, cancelled, unlisted and invitation-only events stay out of the index.
func searchable(e *Event) bool { return e.Status == Published && e.Visibility == Public }

// eventDocs is one search document per language the event has a title in; none for an event
// that is not searchable.
func eventDocs(e *Event) []search.Document {
	if !searchable(e) || e.Slug == "" {
		return nil
	}
	var docs []search.Document
	for _, lang := range i18n.Supported {
		title := strings.TrimSpace(e.Title.Get(lang))
		if title == "" {
			continue
		}
		docs = append(docs, search.Document{
			Kind: searchKind, Ref: strconv.FormatInt(e.ID, 10), Lang: lang,
			Title: title, Body: strings.TrimSpace(e.Description.Get(lang)),
			URL:  "/" + lang + "/events/" + e.Slug,
			Date: e.StartsAt,
		})
	}
	return docs
}

// indexEvent replaces an event's documents (removing them when it is no longer searchable);
// without an index it does nothing. q is the transaction that saves the event.
func (s *Service) indexEvent(ctx context.Context, q db.Querier, e *Event) error {
	if s.index == nil {
		return nil
	}
	if err := s.index.Delete(ctx, q, searchKind, strconv.FormatInt(e.ID, 10)); err != nil {
		return err
	}
	return s.index.Put(ctx, q, eventDocs(e)...)
}

// Sessions are documents of the same kind, so they are found under "Events"; each has its
// own ref, "<event id>#session-N", and leads to its place on the event page.
func sessionRef(eventID int64, i int) string { return strconv.FormatInt(eventID, 10) + "#" + Anchor(i) }

// sessionDocs is one search document per session and language it has a title in; none for
// an event that is not searchable.
func sessionDocs(e *Event) []search.Document {
	if !searchable(e) || e.Slug == "" {
		return nil
	}
	var docs []search.Document
	for i, ses := range e.Sessions {
		for _, lang := range i18n.Supported {
			title := strings.TrimSpace(ses.Title.Get(lang))
			if title == "" {
				continue
			}
			body := strings.Join(append([]string{ses.Description.Get(lang), ses.Room}, ses.Speakers...), "\n")
			docs = append(docs, search.Document{
				Kind: searchKind, Ref: sessionRef(e.ID, i), Lang: lang,
				Title: title, Body: strings.TrimSpace(body),
				URL:  "/" + lang + "/events/" + e.Slug + "#" + Anchor(i),
				Date: ses.StartsAt,
			})
		}
	}
	return docs
}

// indexSessions replaces the documents of e's sessions; before is how many sessions the event
// had, whose documents go first. q is the transaction that saves the event.
func (s *Service) indexSessions(ctx context.Context, q db.Querier, e *Event, before int) error {
	if s.index == nil {
		return nil
	}
	for i := range before {
		if err := s.index.Delete(ctx, q, searchKind, sessionRef(e.ID, i)); err != nil {
			return err
		}
	}
	return s.index.Put(ctx, q, sessionDocs(e)...)
}

// SearchSource lists every searchable event for `kopru reindex`.
func (s *Service) SearchSource() search.Source { return eventSource{s.db} }

type eventSource struct{ db *db.DB }

func (eventSource) Kind() string { return searchKind }

func (src eventSource) Count(ctx context.Context) (int, error) {
	var n int
	err := src.db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE status = ? AND visibility = ?`, Published, Public).Scan(&n)
	if err != nil {
		return 0, err
	}
	var sessions int
	err = src.db.QueryRow(ctx, `SELECT COUNT(*) FROM event_sessions s JOIN events e ON e.id = s.event_id
		WHERE e.status = ? AND e.visibility = ?`, Published, Public).Scan(&sessions)
	return n + sessions, err
}

func (src eventSource) Each(ctx context.Context, fn func(search.Document) error) error {
	rows, err := src.db.Query(ctx, `SELECT `+eventColumns+` FROM events WHERE status = ? AND visibility = ? ORDER BY id`, Published, Public)
	if err != nil {
		return err
	}
	var all []*Event
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return err
		}
		all = append(all, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, e := range all {
		if e.Sessions, err = loadSessions(ctx, src.db, e.ID); err != nil {
			return err
		}
		for _, d := range append(eventDocs(e), sessionDocs(e)...) {
			if err := fn(d); err != nil {
				return err
			}
		}
	}
	return nil
}
