package events

import (
	"context"
	"database/sql"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// Organisation roles in event_organisations.
const (
	roleOrganiser = "organiser"
	rolePartner   = "partner"
)

// loadProgramme fills e's sessions (in agenda order), cover and organisations.
func loadProgramme(ctx context.Context, q db.Querier, e *Event) error {
	var cover sql.NullInt64
	if err := q.QueryRow(ctx, `SELECT cover_id FROM events WHERE id = ?`, e.ID).Scan(&cover); err != nil {
		return err
	}
	e.CoverID = cover.Int64
	sessions, err := loadSessions(ctx, q, e.ID)
	if err != nil {
		return err
	}
	e.Sessions = sessions
	rows, err := q.Query(ctx, `SELECT organisation_id, role FROM event_organisations WHERE event_id = ? ORDER BY position`, e.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	e.Organisers, e.Partners = nil, nil
	for rows.Next() {
		var (
			id   int64
			role string
		)
		if err := rows.Scan(&id, &role); err != nil {
			return err
		}
		if role == roleOrganiser {
			e.Organisers = append(e.Organisers, id)
		} else {
			e.Partners = append(e.Partners, id)
		}
	}
	return rows.Err()
}

func loadSessions(ctx context.Context, q db.Querier, eventID int64) ([]Session, error) {
	rows, err := q.Query(ctx, `SELECT id, starts_at, ends_at, title, description, room, speakers, language
		FROM event_sessions WHERE event_id = ? ORDER BY position, id`, eventID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Session
	for rows.Next() {
		var (
			s        Session
			speakers string
			lang     string
		)
		if err := rows.Scan(&s.ID, &s.StartsAt, &s.EndsAt, &s.Title, &s.Description, &s.Room, &speakers, &lang); err != nil {
			return nil, err
		}
		s.StartsAt, s.EndsAt, s.Language = s.StartsAt.UTC(), s.EndsAt.UTC(), SessionLanguage(lang)
		if speakers != "" {
			s.Speakers = strings.Split(speakers, "\n")
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// saveProgramme writes e's programme over whatever the event had: the agenda and the
// organisations are replaced as a whole, which keeps their order simply the order given.
func saveProgramme(ctx context.Context, tx *db.Tx, e *Event) error {
	if _, err := tx.Exec(ctx, `UPDATE events SET cover_id = ? WHERE id = ?`, nullID(e.CoverID), e.ID); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM event_sessions WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	for i := range e.Sessions {
		s := &e.Sessions[i]
		err := tx.WriteRow(ctx, `INSERT INTO event_sessions (event_id, position, starts_at, ends_at, title, description, room, speakers, language)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			e.ID, i, s.StartsAt, s.EndsAt, s.Title, s.Description, s.Room, strings.Join(s.Speakers, "\n"), string(s.Language)).Scan(&s.ID)
		if err != nil {
			return err
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM event_organisations WHERE event_id = ?`, e.ID); err != nil {
		return err
	}
	position := 0
	for _, list := range []struct {
		role string
		ids  []int64
	}{{roleOrganiser, e.Organisers}, {rolePartner, e.Partners}} {
		for _, id := range list.ids {
			if _, err := tx.Exec(ctx, `INSERT INTO event_organisations (event_id, organisation_id, role, position) VALUES (?, ?, ?, ?)`,
				e.ID, id, list.role, position); err != nil {
				return err
			}
			position++
		}
	}
	return nil
}

// coverIDs returns the cover picture of each of the events that has one.
func coverIDs(ctx context.Context, q db.Querier, eventIDs []int64) (map[int64]int64, error) {
	in, args := db.InList(eventIDs)
	rows, err := q.Query(ctx, `SELECT id, cover_id FROM events WHERE cover_id IS NOT NULL AND id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]int64{}
	for rows.Next() {
		var id, cover int64
		if err := rows.Scan(&id, &cover); err != nil {
			return nil, err
		}
		out[id] = cover
	}
	return out, rows.Err()
}

func countSessions(ctx context.Context, q db.Querier, eventID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM event_sessions WHERE event_id = ?`, eventID).Scan(&n)
	return n, err
}
