package volunteer

import (
	"context"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The rules of programmes, roles and shifts: coordinators (and admins) write them, everyone
// reads what is published.

// EventRef is an event a programme belongs to, as its page names and links it.
type EventRef struct {
	ID     int64
	Title  i18n.Text
	Slug   string
	Public bool // a visitor can open it
}

// Events finds the event a programme is linked to; (nil, nil) when there is none.
type Events interface {
	VolunteerEvent(ctx context.Context, id int64) (*EventRef, error)
}

// ProjectRef is a project on the public tracker that links to a programme.
type ProjectRef struct {
	Title i18n.Text
	Slug  string
}

// Projects lists the projects linking to a programme, and links a programme created from
// a project's page back to that project.
type Projects interface {
	ProjectsOfProgramme(ctx context.Context, programmeID int64) ([]ProjectRef, error)
	// ProjectTitle is project id's title; an error wrapping fail.NotFound when there is none.
	ProjectTitle(ctx context.Context, id int64) (i18n.Text, error)
	// LinkProgramme links programme to project on v's behalf.
	LinkProgramme(ctx context.Context, v *web.Viewer, projectID, programmeID int64) error
}

// Choice is an event or an organisation the editor offers by name.
type Choice struct {
	ID   int64
	Name i18n.Text
}

// Choices lists what a programme may link to, for the editor's lists; without them the
// editor asks for numbers.
type Choices interface {
	EventChoices(ctx context.Context) ([]Choice, error)        // events not yet over, drafts too
	OrganisationChoices(ctx context.Context) ([]Choice, error) // every organisation
}

// progLinks is what programmes reach outside the module; every part is optional.
type progLinks struct {
	index    *search.Index
	events   Events
	projects Projects
	choices  Choices
	onChange func()
}

// UseChoices lets the editor offer events and organisations by name.
func (s *Service) UseChoices(c Choices) { s.prog.choices = c }

// UseSearch puts published programmes into the site search, in the transaction that saves them.
func (s *Service) UseSearch(ix *search.Index) { s.prog.index = ix }

// UseEvents lets programmes link to events (checked on save, shown on the page).
func (s *Service) UseEvents(e Events) { s.prog.events = e }

// UseProjects shows on a programme's page the projects that link to it.
func (s *Service) UseProjects(p Projects) { s.prog.projects = p }

// OnChange calls f after every committed change to a programme, so cached pages that show
// programmes (an event's page) are refreshed.
func (s *Service) OnChange(f func()) { s.prog.onChange = f }

func (s *Service) progChanged(tx *db.Tx) {
	if s.prog.onChange != nil {
		tx.AfterCommit(s.prog.onChange)
	}
}

func progCoordinatorOnly(v *web.Viewer) error {
	if v == nil {
		return fail.Unauthorized
	}
	if !canCoordinate(v) {
		return ErrForbidden
	}
	return nil
}

// CreateProgramme adds a programme; its slug comes from the title (Turkish first).
func (s *Service) CreateProgramme(ctx context.Context, v *web.Viewer, in ProgrammeInput) (*Programme, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	in.normalize()
	if err := s.checkProgramme(ctx, &in, nil); err != nil {
		return nil, err
	}
	var id int64
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		slug, err := uniqueSlug(ctx, tx, in.Title.In("tr"))
		if err != nil {
			return err
		}
		if id, err = insertProgramme(ctx, tx, &in, slug, v.ID, s.now()); err != nil {
			return err
		}
		return s.progSynced(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	return programmeByID(ctx, s.db, id)
}

// CreateProgrammeFor is CreateProgramme for a programme made from a project's page
// (projectID > 0): the project must exist, and the new programme is linked to it, so the
// project's page and the programme's name each other.
func (s *Service) CreateProgrammeFor(ctx context.Context, v *web.Viewer, in ProgrammeInput, projectID int64) (*Programme, error) {
	if projectID > 0 {
		if s.prog.projects == nil {
			return nil, ErrNotFound
		}
		if _, err := s.prog.projects.ProjectTitle(ctx, projectID); err != nil {
			return nil, err
		}
	}
	p, err := s.CreateProgramme(ctx, v, in)
	if err != nil || projectID == 0 {
		return p, err
	}
	if err := s.prog.projects.LinkProgramme(ctx, v, projectID, p.ID); err != nil {
		return p, fmt.Errorf("volunteer: programme %d made but not linked to project %d: %w", p.ID, projectID, err)
	}
	return p, nil
}

// UpdateProgramme replaces a programme's own fields; its roles and shifts stay. New dates
// must still hold every shift.
func (s *Service) UpdateProgramme(ctx context.Context, v *web.Viewer, id int64, in ProgrammeInput) (*Programme, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	in.normalize()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := programmeByID(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.checkProgramme(ctx, &in, old); err != nil {
			return err
		}
		if err := updateProgramme(ctx, tx, id, &in, s.now()); err != nil {
			return err
		}
		return s.progSynced(ctx, tx, id)
	})
	if err != nil {
		return nil, err
	}
	return programmeByID(ctx, s.db, id)
}

// SetPublished publishes a programme or takes it back to a draft.
func (s *Service) SetPublished(ctx context.Context, v *web.Viewer, id int64, published bool) error {
	if err := progCoordinatorOnly(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE volunteer_programmes SET published = ?, updated_at = ? WHERE id = ?`, progBool(published), s.now(), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.progSynced(ctx, tx, id)
	})
}

// checkProgramme runs the input's own checks, then those that need other modules and, for
// an existing programme old, its shifts.
func (s *Service) checkProgramme(ctx context.Context, in *ProgrammeInput, old *Programme) error {
	errs := in.validate()
	if in.EventID > 0 && errs["event_id"] == "" {
		if s.prog.events == nil {
			errs["event_id"] = "volunteer.programmes.error.event"
		} else if e, err := s.prog.events.VolunteerEvent(ctx, in.EventID); err != nil {
			return err
		} else if e == nil {
			errs["event_id"] = "volunteer.programmes.error.event"
		}
	}
	if len(in.Issuers) > 0 {
		names, err := s.dir.OrganisationNames(ctx, in.Issuers)
		if err != nil {
			return err
		}
		for _, id := range in.Issuers {
			if _, ok := names[id]; !ok {
				errs["issuers"] = "volunteer.programmes.error.issuers"
			}
		}
	}
	if old != nil && errs["starts_on"] == "" && errs["ends_on"] == "" && errs["city"] == "" {
		from, to, _ := in.span()
		for _, sh := range old.Shifts {
			if sh.StartsAt.Before(from) || sh.EndsAt.After(to) {
				errs["starts_on"] = "volunteer.programmes.error.shifts_outside"
				break
			}
		}
	}
	return progFields(errs)
}

// SaveRole adds a role to a programme (roleID 0) or changes one of its roles.
func (s *Service) SaveRole(ctx context.Context, v *web.Viewer, programmeID, roleID int64, in RoleInput) (int64, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return 0, err
	}
	in.normalize()
	if err := progFields(in.validate()); err != nil {
		return 0, err
	}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := programmeByID(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		if roleID == 0 {
			roleID, err = insertRole(ctx, tx, p.ID, &in)
		} else if p.RoleByID(roleID) == nil {
			err = ErrNotFound
		} else {
			err = updateRole(ctx, tx, roleID, &in)
		}
		if err != nil {
			return err
		}
		return s.progTouched(ctx, tx, p.ID)
	})
	return roleID, err
}

// DeleteRole removes a role and its shifts, unless someone is confirmed on one of them.
func (s *Service) DeleteRole(ctx context.Context, v *web.Viewer, programmeID, roleID int64) error {
	if err := progCoordinatorOnly(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		// Lock the role's shifts so no sign-up lands between the count and the delete.
		if _, err := tx.Exec(ctx, `UPDATE volunteer_shifts SET confirmed = confirmed WHERE role_id = ?`, roleID); err != nil {
			return err
		}
		n, err := confirmedOnRole(ctx, tx, roleID)
		if err != nil {
			return err
		}
		if n > 0 {
			return ErrHasSignups
		}
		res, err := tx.Exec(ctx, `DELETE FROM volunteer_roles WHERE id = ? AND programme_id = ?`, roleID, programmeID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.progTouched(ctx, tx, programmeID)
	})
}

// AddShift adds a shift to one of a programme's roles.
func (s *Service) AddShift(ctx context.Context, v *web.Viewer, programmeID int64, in ShiftInput) (*Shift, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	in.normalize()
	var id int64
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := programmeByID(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		if err := progFields(in.validate(p)); err != nil {
			return err
		}
		if id, err = insertShift(ctx, tx, p.ID, &in, s.now()); err != nil {
			return err
		}
		return s.progTouched(ctx, tx, p.ID)
	})
	if err != nil {
		return nil, err
	}
	return shiftByID(ctx, s.db, id)
}

// UpdateShift changes a shift. Its places never drop below the people confirmed on it: the
// shift's row is locked, so a sign-up cannot slip in between the check and the write.
func (s *Service) UpdateShift(ctx context.Context, v *web.Viewer, shiftID int64, in ShiftInput) (*Shift, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	in.normalize()
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, err := lockShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		p, err := programmeByID(ctx, tx, sh.ProgrammeID)
		if err != nil {
			return err
		}
		errs := in.validate(p)
		if in.Places < sh.Confirmed && errs["shift_places"] == "" {
			errs["shift_places"] = "volunteer.programmes.error.below_confirmed"
		}
		if err := progFields(errs); err != nil {
			return err
		}
		if err := updateShift(ctx, tx, shiftID, &in); err != nil {
			return err
		}
		// More places go to the waiting list first, in its order, as a cancellation would.
		if in.Places > sh.Places {
			if sh, err = lockShift(ctx, tx, shiftID); err != nil {
				return err
			}
			if err := s.promote(ctx, tx, sh); err != nil {
				return err
			}
		}
		return s.progTouched(ctx, tx, p.ID)
	})
	if err != nil {
		return nil, err
	}
	return shiftByID(ctx, s.db, shiftID)
}

// DeleteShift removes a shift nobody is confirmed on.
func (s *Service) DeleteShift(ctx context.Context, v *web.Viewer, shiftID int64) error {
	if err := progCoordinatorOnly(v); err != nil {
		return err
	}
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		sh, err := lockShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		if sh.Confirmed > 0 {
			return ErrHasSignups
		}
		if _, err := tx.Exec(ctx, `DELETE FROM volunteer_shifts WHERE id = ?`, shiftID); err != nil {
			return err
		}
		return s.progTouched(ctx, tx, sh.ProgrammeID)
	})
}

// AdminProgrammes lists every programme, drafts too, with its counts.
func (s *Service) AdminProgrammes(ctx context.Context, v *web.Viewer) ([]ProgrammeRow, error) {
	if err := progCoordinatorOnly(v); err != nil {
		return nil, err
	}
	return adminRows(ctx, s.db)
}

// ProgrammesOfEvent lists the published programmes linked to an event.
func (s *Service) ProgrammesOfEvent(ctx context.Context, eventID int64) ([]*Programme, error) {
	return db.Collect(ctx, s.db, scanProgramme, `SELECT `+programmeColumns+` FROM volunteer_programmes
		WHERE event_id = ? AND published = 1 ORDER BY starts_at, id`, eventID)
}

// ProgrammeLinks are the other modules' objects a programme's page names.
type ProgrammeLinks struct {
	Event    *EventRef // nil: none a visitor can open
	Projects []ProjectRef
}

// LinksOf finds the event and the projects of a programme.
func (s *Service) LinksOf(ctx context.Context, p *Programme) (ProgrammeLinks, error) {
	var out ProgrammeLinks
	if p.EventID > 0 && s.prog.events != nil {
		e, err := s.prog.events.VolunteerEvent(ctx, p.EventID)
		if err != nil {
			return out, err
		}
		if e != nil && e.Public {
			out.Event = e
		}
	}
	if s.prog.projects != nil {
		list, err := s.prog.projects.ProjectsOfProgramme(ctx, p.ID)
		if err != nil {
			return out, err
		}
		out.Projects = list
	}
	return out, nil
}

// PublishedProgramme is a published programme by id, for other modules' links; drafts
// and unknown ids are ErrNotFound.
func (s *Service) PublishedProgramme(ctx context.Context, id int64) (*Programme, error) {
	return s.Programme(ctx, nil, id)
}

// progTouched records a change to a programme's roles or shifts and re-indexes it.
func (s *Service) progTouched(ctx context.Context, tx *db.Tx, programmeID int64) error {
	if err := touchProgramme(ctx, tx, programmeID, s.now()); err != nil {
		return err
	}
	return s.progSynced(ctx, tx, programmeID)
}

// progSynced brings the programme's search documents up to date in the writing transaction and
// refreshes cached pages after the commit.
func (s *Service) progSynced(ctx context.Context, tx *db.Tx, programmeID int64) error {
	s.progChanged(tx)
	p, err := programmeByID(ctx, tx, programmeID)
	if err != nil {
		return err
	}
	return s.indexProgramme(ctx, tx, p)
}
