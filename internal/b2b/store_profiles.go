package b2b

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/db"
)

const profileColumns = `id, programme_id, organisation_id, type, sectors, city, country, languages, description,
	status, reason, fixed_table, created_at, updated_at`

func scanProfile(s db.Scanner) (*Profile, error) {
	var p Profile
	var typ, sectors, langs, status string
	err := s.Scan(&p.ID, &p.ProgrammeID, &p.OrganisationID, &typ, &sectors, &p.City, &p.Country, &langs, &p.Description,
		&status, &p.Reason, &p.FixedTable, &p.CreatedAt, &p.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	p.Type, p.Status = ParticipationType(typ), ProfileStatus(status)
	p.Sectors, p.Languages = strings.Fields(sectors), strings.Fields(langs)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}

func profileByID(ctx context.Context, q db.Querier, id int64) (*Profile, error) {
	p, err := scanProfile(q.QueryRow(ctx, `SELECT `+profileColumns+` FROM b2b_profiles WHERE id = ?`, id))
	if err != nil {
		return nil, err
	}
	p.Attendees, err = profileAttendees(ctx, q, p.ID)
	return p, err
}

func profileByOrganisation(ctx context.Context, q db.Querier, programmeID, orgID int64) (*Profile, error) {
	p, err := scanProfile(q.QueryRow(ctx, `SELECT `+profileColumns+` FROM b2b_profiles WHERE programme_id = ? AND organisation_id = ?`,
		programmeID, orgID))
	if err != nil {
		return nil, err
	}
	p.Attendees, err = profileAttendees(ctx, q, p.ID)
	return p, err
}

// listProfiles returns the programme's profiles in order of joining, with their attendees;
// status "" means every status.
func listProfiles(ctx context.Context, q db.Querier, programmeID int64, status ProfileStatus) ([]Profile, error) {
	out, err := db.Collect(ctx, q, byValue(scanProfile), `SELECT `+profileColumns+` FROM b2b_profiles
		WHERE programme_id = ? AND (? = '' OR status = ?) ORDER BY id`, programmeID, string(status), string(status))
	for i := range out {
		if err == nil {
			out[i].Attendees, err = profileAttendees(ctx, q, out[i].ID)
		}
	}
	return out, err
}

func profileAttendees(ctx context.Context, q db.Querier, profileID int64) ([]int64, error) {
	return db.Int64s(ctx, q, `SELECT user_id FROM b2b_profile_people WHERE profile_id = ? ORDER BY user_id`, profileID)
}

func insertProfile(ctx context.Context, q db.Querier, p *Profile, userID int64) error {
	err := q.WriteRow(ctx, `INSERT INTO b2b_profiles (programme_id, organisation_id, type, sectors, city, country, languages,
		description, status, reason, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		p.ProgrammeID, p.OrganisationID, p.Type, strings.Join(p.Sectors, " "), p.City, p.Country, strings.Join(p.Languages, " "),
		p.Description, p.Status, p.Reason, userID, p.CreatedAt, p.UpdatedAt).Scan(&p.ID)
	if err != nil {
		return err
	}
	return saveAttendees(ctx, q, p)
}

func updateProfile(ctx context.Context, q db.Querier, p *Profile) error {
	_, err := q.Exec(ctx, `UPDATE b2b_profiles SET type = ?, sectors = ?, city = ?, country = ?, languages = ?, description = ?,
		status = ?, reason = ?, updated_at = ? WHERE id = ?`,
		p.Type, strings.Join(p.Sectors, " "), p.City, p.Country, strings.Join(p.Languages, " "), p.Description,
		p.Status, p.Reason, p.UpdatedAt, p.ID)
	if err != nil {
		return err
	}
	return saveAttendees(ctx, q, p)
}

func saveAttendees(ctx context.Context, q db.Querier, p *Profile) error {
	if _, err := q.Exec(ctx, `DELETE FROM b2b_profile_people WHERE profile_id = ?`, p.ID); err != nil {
		return err
	}
	for _, id := range p.Attendees {
		if _, err := q.Exec(ctx, `INSERT INTO b2b_profile_people (profile_id, user_id) VALUES (?, ?)`, p.ID, id); err != nil {
			return err
		}
	}
	return nil
}

func setProfileStatus(ctx context.Context, q db.Querier, p *Profile) error {
	_, err := q.Exec(ctx, `UPDATE b2b_profiles SET status = ?, reason = ?, updated_at = ? WHERE id = ?`, p.Status, p.Reason, p.UpdatedAt, p.ID)
	return err
}

func programmeIDByEvent(ctx context.Context, q db.Querier, eventID int64) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM b2b_programmes WHERE event_id = ?`, eventID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return id, err
}

func setFixedTable(ctx context.Context, q db.Querier, p *Profile) error {
	_, err := q.Exec(ctx, `UPDATE b2b_profiles SET fixed_table = ?, updated_at = ? WHERE id = ?`, p.FixedTable, p.UpdatedAt, p.ID)
	return err
}

// highestFixedTable is the largest table number a participant of the programme keeps; 0: none.
func highestFixedTable(ctx context.Context, q db.Querier, programmeID int64) (int, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COALESCE(MAX(fixed_table), 0) FROM b2b_profiles WHERE programme_id = ?`, programmeID).Scan(&n)
	return n, err
}
