package b2b

import (
	"context"
	"errors"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Service holds the B2B rules. Authorization is checked here: organisers (admins and
// coordinators) set programmes up.
type Service struct {
	db     *db.DB
	events Events
	dir    Directory // organisations and memberships; wired by UseDirectory
	mail   *mailer   // B2B mails (mail.go); nil until UseMail, and then none are planned
	now    func() time.Time
}

// NewService wires the B2B rules to the events module.
func NewService(d *db.DB, ev Events) *Service {
	return &Service{db: d, events: ev, now: db.Now}
}

// Programme returns the event as v sees it and its programme; ErrNotFound when the event
// has none (the event itself is still returned, for the set-up page).
func (s *Service) Programme(ctx context.Context, v *web.Viewer, eventID int64) (EventInfo, *Programme, error) {
	ev, err := s.events.Event(ctx, v, eventID)
	if err != nil {
		return EventInfo{}, nil, err
	}
	p, err := programmeByEvent(ctx, s.db, eventID)
	return ev, p, err
}

// SaveProgramme attaches a programme to a business-forum event, or replaces its settings.
func (s *Service) SaveProgramme(ctx context.Context, v *web.Viewer, eventID int64, in ProgrammeInput) (*Programme, error) {
	if err := requireOrganiser(v); err != nil {
		return nil, err
	}
	ev, err := s.events.Event(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	return s.save(ctx, ev, in)
}

// save validates in and stores it as ev's programme.
func (s *Service) save(ctx context.Context, ev EventInfo, in ProgrammeInput) (*Programme, error) {
	if ev.Kind != BusinessForum {
		return nil, fail.Fields{"event": "b2b.error.not_forum"}
	}
	if errs := in.validate(ev); len(errs) > 0 {
		return nil, errs
	}
	p := &Programme{EventID: ev.ID, ProgrammeInput: in}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		old, err := lockProgramme(ctx, tx, ev.ID)
		if err != nil {
			return err
		}
		p.UpdatedAt = s.now()
		if old == nil {
			p.CreatedAt = p.UpdatedAt
			err = insertProgramme(ctx, tx, p)
		} else {
			p.ID, p.CreatedAt = old.ID, old.CreatedAt
			err = updateProgramme(ctx, tx, p)
		}
		if err != nil {
			return err
		}
		if old != nil {
			// A participant's fixed table must survive the new table count.
			fixed, err := highestFixedTable(ctx, tx, p.ID)
			if err != nil {
				return err
			}
			if fixed > len(p.Tables) {
				return fail.Fields{"table_count": "b2b.error.fixed_table_removed"}
			}
		}
		if err := saveSessions(ctx, tx, p); err != nil {
			return err
		}
		if err := saveTables(ctx, tx, p); err != nil {
			return err
		}
		return s.planSurveys(ctx, tx, ev) // survey_mail.go: after the forum, and six months on

	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// HasProgramme reports whether the event has a B2B programme, so the event's page can lead
// to it. It is public: the programme's pages are.
func (s *Service) HasProgramme(ctx context.Context, eventID int64) (bool, error) {
	_, err := programmeIDByEvent(ctx, s.db, eventID)
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}
