package partnership

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

// The SQL below is portable: ? placeholders are rebound for PostgreSQL, dates are
// YYYY-MM-DD text and booleans are 0/1 integers on both engines.

const partnershipColumns = `id, slug, city_a, country_a, zone_a, city_b, country_b, zone_b,
	protocol_date, protocol_precision, summary, is_default, created_at, updated_at`

type scanner interface{ Scan(dest ...any) error }

func scanPartnership(s scanner) (*Partnership, error) {
	var (
		p          Partnership
		date, prec string
		isDefault  int
	)
	err := s.Scan(&p.ID, &p.Slug, &p.A.Name, &p.A.Country, &p.A.Zone, &p.B.Name, &p.B.Country, &p.B.Zone,
		&date, &prec, &p.Summary, &isDefault, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if p.ProtocolDate, err = ParseDate(date); err != nil {
		return nil, fmt.Errorf("partnership %d: protocol date: %w", p.ID, err)
	}
	p.ProtocolPrecision = Precision(prec)
	p.IsDefault = isDefault != 0
	for _, c := range []*City{&p.A, &p.B} {
		if c.Location, err = loadZone(c.Zone); err != nil {
			return nil, fmt.Errorf("partnership %d: %w", p.ID, err)
		}
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

// defaultPartnership returns the one marked default, or else the oldest, so an installation
// whose operator never picked one still has a home page.
func defaultPartnership(ctx context.Context, q db.Querier) (*Partnership, error) {
	return scanPartnership(q.QueryRow(ctx,
		`SELECT `+partnershipColumns+` FROM partnerships ORDER BY is_default DESC, id LIMIT 1`))
}

func partnershipBySlug(ctx context.Context, q db.Querier, slug string) (*Partnership, error) {
	return scanPartnership(q.QueryRow(ctx, `SELECT `+partnershipColumns+` FROM partnerships WHERE slug = ?`, slug))
}

func listPartnerships(ctx context.Context, q db.Querier) ([]Partnership, error) {
	rows, err := q.Query(ctx, `SELECT `+partnershipColumns+` FROM partnerships ORDER BY is_default DESC, slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Partnership
	for rows.Next() {
		p, err := scanPartnership(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *p)
	}
	return out, rows.Err()
}

// insertPartnershipIfAbsent inserts p unless its slug is taken, reporting whether it did.
// ON CONFLICT keeps two concurrent seeders from both inserting (or one failing).
func insertPartnershipIfAbsent(ctx context.Context, q db.Querier, p *Partnership) (bool, error) {
	now := db.Now()
	err := q.WriteRow(ctx, `INSERT INTO partnerships (slug, city_a, country_a, zone_a, city_b, country_b, zone_b,
		protocol_date, protocol_precision, summary, is_default, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (slug) DO NOTHING RETURNING id`,
		p.Slug, p.A.Name, p.A.Country, p.A.Zone, p.B.Name, p.B.Country, p.B.Zone,
		p.ProtocolDate.Format(time.DateOnly), string(p.ProtocolPrecision), p.Summary, boolInt(p.IsDefault), now, now,
	).Scan(&p.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	p.CreatedAt, p.UpdatedAt = now, now
	return true, nil
}

const milestoneColumns = `id, partnership_id, date, date_precision, kind, planned, title, body, created_at`

func scanMilestone(s scanner) (*Milestone, error) {
	var (
		m          Milestone
		date, prec string
		kind       string
		planned    int
	)
	err := s.Scan(&m.ID, &m.PartnershipID, &date, &prec, &kind, &planned, &m.Title, &m.Body, &m.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	if m.Date, err = ParseDate(date); err != nil {
		return nil, fmt.Errorf("milestone %d: date: %w", m.ID, err)
	}
	m.Precision, m.Kind, m.Planned = Precision(prec), Kind(kind), planned != 0
	m.CreatedAt = m.CreatedAt.UTC()
	return &m, nil
}

// milestonesOf lists a timeline in reading order: what happened, oldest first, then what is
// planned. Planned items come last whatever their nominal date, since they have not happened.
func milestonesOf(ctx context.Context, q db.Querier, partnershipID int64) ([]Milestone, error) {
	rows, err := q.Query(ctx, `SELECT `+milestoneColumns+` FROM milestones
		WHERE partnership_id = ? ORDER BY planned, date, id`, partnershipID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Milestone
	for rows.Next() {
		m, err := scanMilestone(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *m)
	}
	return out, rows.Err()
}

func milestoneByID(ctx context.Context, q db.Querier, id int64) (*Milestone, error) {
	return scanMilestone(q.QueryRow(ctx, `SELECT `+milestoneColumns+` FROM milestones WHERE id = ?`, id))
}

func insertMilestone(ctx context.Context, q db.Querier, m *Milestone) error {
	m.CreatedAt = db.Now()
	return q.WriteRow(ctx, `INSERT INTO milestones (partnership_id, date, date_precision, kind, planned, title, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		m.PartnershipID, m.Date.Format(time.DateOnly), string(m.Precision), string(m.Kind), boolInt(m.Planned),
		m.Title, m.Body, m.CreatedAt,
	).Scan(&m.ID)
}

// updateMilestone changes everything but the owning partnership: moving a milestone between
// partnerships is not an edit anyone makes on purpose.
func updateMilestone(ctx context.Context, q db.Querier, m *Milestone) error {
	res, err := q.Exec(ctx, `UPDATE milestones SET date = ?, date_precision = ?, kind = ?, planned = ?, title = ?, body = ?
		WHERE id = ?`,
		m.Date.Format(time.DateOnly), string(m.Precision), string(m.Kind), boolInt(m.Planned), m.Title, m.Body, m.ID)
	return affected(res, err)
}

func deleteMilestone(ctx context.Context, q db.Querier, id int64) error {
	return affected(q.Exec(ctx, `DELETE FROM milestones WHERE id = ?`, id))
}

func partnershipExists(ctx context.Context, q db.Querier, id int64) error {
	var one int
	err := q.QueryRow(ctx, `SELECT 1 FROM partnerships WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
