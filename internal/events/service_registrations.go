package events

import (
	"context"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Register gives a person a place at an event, or a place on its waiting list when the event
// or the type is full (invitation-only events: a request a coordinator approves). It never
// oversells: the capacity check and the insert run under the event's lock. The returned
// registration carries its ticket code and, this once, the secret token of its manage link.
//
// Refusals: before opening or after closing (fail.Fields), a guest where an account is
// required (fail.Unauthorized), an address already registered (*AlreadyRegisteredError).
func (s *Service) Register(ctx context.Context, v *web.Viewer, in RegisterInput) (*Registration, error) {
	if v != nil {
		// A signed-in person registers themself unless the form says otherwise.
		in.Name, in.Email, in.Locale = or(in.Name, v.Name), or(in.Email, v.Email), or(in.Locale, v.Locale)
	}
	r := &Registration{EventID: in.EventID, Name: in.Name, Email: in.Email, Locale: in.Locale, CreatedAt: s.now(),
		NoticeVersion: NoticeVersion, nonce: hex.EncodeToString(newNonce())}
	consents, err := s.checkInput(ctx, &in, r)
	if err != nil {
		return nil, err
	}
	token, hash := newManageToken()
	if v != nil {
		r.UserID = v.ID
	}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := lockEvent(ctx, tx, in.EventID)
		if err != nil {
			return err
		}
		if err := s.canRegister(v, e, r); err != nil {
			return err
		}
		if err := s.place(ctx, tx, e, r, in.TypeID, hash, e.Visibility == Invitation); err != nil {
			return err
		}
		if err := saveDetails(ctx, tx, r, consents); err != nil {
			return err
		}
		return s.position(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	s.fill(r)
	r.ManageToken = token
	return r, nil
}

// checkInput cleans a registration's personal fields and checks its answers and consents
// against the event's form, reporting every problem at once. The form is read before the
// registration's transaction, so the event's lock is held no longer for it: a question the
// coordinator removes meanwhile keeps the answer given to it. The answers go into r; the
// consent decisions to record are returned.
func (s *Service) checkInput(ctx context.Context, in *RegisterInput, r *Registration) ([]Consent, error) {
	errs := in.validate()
	qn, err := loadQuestionnaire(ctx, s.db, in.EventID)
	if err != nil {
		return nil, err
	}
	answers, consents, more := qn.take(in.Answers, in.Consents, r.CreatedAt)
	if errs = mergeFields(errs, more); len(errs) > 0 {
		return nil, errs
	}
	r.Name, r.Email, r.Locale, r.Answers = in.Name, in.Email, in.Locale, answers
	return consents, nil
}

// saveDetails stores a new registration's answers and consent decisions, in its transaction.
func saveDetails(ctx context.Context, tx *db.Tx, r *Registration, consents []Consent) error {
	if err := insertAnswers(ctx, tx, r.ID, r.Answers); err != nil {
		return err
	}
	r.Consents = consents
	return insertConsents(ctx, tx, r.ID, consents)
}

// canRegister checks the event takes registrations now and from this person.
func (s *Service) canRegister(v *web.Viewer, e *Event, r *Registration) error {
	switch {
	case e.Status == Draft && !CanManage(v):
		return ErrNotFound
	case e.Status == Cancelled:
		return fail.Fields{"registration": "events.event_cancelled"}
	case v == nil && !e.AllowGuests:
		return fail.Unauthorized
	}
	opens, closes := e.RegistrationWindow()
	switch {
	case r.CreatedAt.Before(opens):
		return fail.Fields{"registration": "events.registration_not_open"}
	case !r.CreatedAt.Before(closes):
		return fail.Fields{"registration": "events.registration_closed"}
	}
	return nil
}

// hasRoom reports whether one more confirmed place of typ fits the event.
func hasRoom(e *Event, typ RegistrationType, c placeCounts) bool {
	return (e.Capacity == 0 || c.total < e.Capacity) && (typ.Quota == 0 || c.byType[typ.ID] < typ.Quota)
}

// promote fills free places from the waiting list in order of arrival, skipping those whose
// type is full, plans their mails and returns whom it confirmed. The caller holds the
// event's lock.
func (s *Service) promote(ctx context.Context, tx *db.Tx, e *Event) ([]Registration, error) {
	if e.Status == Cancelled {
		return nil, nil
	}
	counts, err := countConfirmed(ctx, tx, e.ID)
	if err != nil || (e.Capacity > 0 && counts.total >= e.Capacity) {
		return nil, err
	}
	waiting, err := regsOfEvent(ctx, tx, e.ID, Waiting)
	if err != nil {
		return nil, err
	}
	var promoted []Registration
	now := s.now()
	for _, w := range waiting {
		typ, _ := e.Type(w.TypeID)
		if !hasRoom(e, typ, counts) {
			if e.Capacity > 0 && counts.total >= e.Capacity {
				break
			}
			continue // this type is full; someone later may hold another type
		}
		if err := setRegStatus(ctx, tx, w.ID, Confirmed, now); err != nil {
			return nil, err
		}
		counts.total++
		counts.byType[w.TypeID]++
		w.Status = Confirmed
		if err := s.scheduleReminder(ctx, tx, e, &w); err != nil {
			return nil, err
		}
		if err := s.queueMail(ctx, tx, &w, promotedKey); err != nil {
			return nil, err
		}
		s.fill(&w)
		promoted = append(promoted, w)
	}
	return promoted, nil
}

// Cancel cancels a registration for its owner or a manager; anyone else is told it does not
// exist. The freed place goes to the waiting list in the same transaction (their mails are
// planned in it too), and the promoted registrations are returned.
func (s *Service) Cancel(ctx context.Context, v *web.Viewer, id int64) (*Registration, []Registration, error) {
	if v == nil {
		return nil, nil, fail.Unauthorized
	}
	return s.cancel(ctx, func(q db.Querier) (*Registration, error) {
		r, err := regByID(ctx, q, id)
		if err == nil && !ownsOrManages(v, r) {
			return nil, ErrNotFound
		}
		return r, err
	})
}

// CancelByToken cancels through the secret link of the confirmation mail.
func (s *Service) CancelByToken(ctx context.Context, token string) (*Registration, []Registration, error) {
	return s.cancel(ctx, func(q db.Querier) (*Registration, error) { return s.byToken(ctx, q, token) })
}

func (s *Service) cancel(ctx context.Context, find func(db.Querier) (*Registration, error)) (*Registration, []Registration, error) {
	var (
		r        *Registration
		promoted []Registration
	)
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		found, err := find(tx)
		if err != nil {
			return err
		}
		e, err := lockEvent(ctx, tx, found.EventID)
		if err != nil {
			return err
		}
		// Read again under the lock, and lock the row against a gate admitting it meanwhile.
		if r, err = scanReg(tx.QueryRow(ctx, `SELECT `+regColumns+` FROM event_registrations WHERE id = ?`+tx.ForUpdate(), found.ID)); err != nil {
			return err
		}
		switch {
		case r.Status == RegCancelled:
			return nil // already done: cancelling twice is harmless
		case r.CheckedInAt != nil:
			return ErrCheckedIn
		}
		held := r.Status == Confirmed
		now := s.now()
		if err := setRegStatus(ctx, tx, r.ID, RegCancelled, now); err != nil {
			return err
		}
		r.Status, r.CancelledAt = RegCancelled, &now
		if held {
			promoted, err = s.promote(ctx, tx, e)
		}
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	s.fill(r)
	return r, promoted, nil
}

// Approve decides a request for an invitation-only event: a place if one is free, otherwise
// the waiting list (in order of the original request). The person's mail is planned with it.
func (s *Service) Approve(ctx context.Context, v *web.Viewer, id int64) (*Registration, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	var r *Registration
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		found, err := regByID(ctx, tx, id)
		if err != nil {
			return err
		}
		e, err := lockEvent(ctx, tx, found.EventID)
		if err != nil {
			return err
		}
		if r, err = regByID(ctx, tx, id); err != nil {
			return err
		}
		if r.Status != PendingApproval {
			return fmt.Errorf("events: registration is %s, not pending: %w", r.Status, fail.Conflict)
		}
		counts, err := countConfirmed(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		typ, _ := e.Type(r.TypeID)
		r.Status = Waiting
		if hasRoom(e, typ, counts) {
			r.Status = Confirmed
		}
		if err := setRegStatus(ctx, tx, r.ID, r.Status, s.now()); err != nil {
			return err
		}
		if err := s.scheduleReminder(ctx, tx, e, r); err != nil {
			return err
		}
		if err := s.queueMail(ctx, tx, r, ""); err != nil {
			return err
		}
		return s.position(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	s.fill(r)
	return r, nil
}

// Registration returns one registration to its owner or a manager.
func (s *Service) Registration(ctx context.Context, v *web.Viewer, id int64) (*Registration, error) {
	r, err := regByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	if !ownsOrManages(v, r) {
		return nil, ErrNotFound
	}
	s.fill(r)
	if err := s.details(ctx, r); err != nil {
		return nil, err
	}
	return r, s.position(ctx, s.db, r)
}

// details fills one registration's answers and consents, for its owner's or a manager's eyes.
func (s *Service) details(ctx context.Context, r *Registration) error {
	one := []Registration{*r}
	if err := attachDetails(ctx, s.db, r.EventID, one); err != nil {
		return err
	}
	r.Answers, r.Consents = one[0].Answers, one[0].Consents
	return nil
}

// RegistrationByToken returns the registration a manage link points at.
func (s *Service) RegistrationByToken(ctx context.Context, token string) (*Registration, error) {
	r, err := s.byToken(ctx, s.db, token)
	if err != nil {
		return nil, err
	}
	s.fill(r)
	if err := s.details(ctx, r); err != nil {
		return nil, err
	}
	return r, s.position(ctx, s.db, r)
}

// Mine lists the viewer's own registrations, newest first.
func (s *Service) Mine(ctx context.Context, v *web.Viewer) ([]Registration, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	regs, err := regsOfUser(ctx, s.db, v.ID)
	for i := range regs {
		s.fill(&regs[i])
	}
	return regs, err
}

// Registrations lists an event's registrations in arrival order, with their answers and
// consents, for its managers; status "" lists every state.
func (s *Service) Registrations(ctx context.Context, v *web.Viewer, eventID int64, status RegStatus) ([]Registration, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	regs, err := regsOfEvent(ctx, s.db, eventID, status)
	if err != nil {
		return nil, err
	}
	for i := range regs {
		s.fill(&regs[i])
	}
	return regs, attachDetails(ctx, s.db, eventID, regs)
}

// AllQuestions returns every question an event's form has asked, those since removed too,
// for its managers to read the answers by.
func (s *Service) AllQuestions(ctx context.Context, v *web.Viewer, eventID int64) ([]Question, error) {
	if err := requireManager(v); err != nil {
		return nil, err
	}
	return questionsOf(ctx, s.db, eventID, true)
}

func (s *Service) byToken(ctx context.Context, q db.Querier, token string) (*Registration, error) {
	if token == "" {
		return nil, ErrNotFound
	}
	return regByManageHash(ctx, q, hashToken(token))
}

// position fills a waiting registration's place in the queue.
func (s *Service) position(ctx context.Context, q db.Querier, r *Registration) error {
	if r.Status != Waiting {
		r.Position = 0
		return nil
	}
	ahead, err := waitingAhead(ctx, q, r.EventID, r.Seq)
	r.Position = ahead + 1
	return err
}

// fill derives the ticket code from the stored nonce.
func (s *Service) fill(r *Registration) {
	nonce, err := hex.DecodeString(r.nonce)
	if err != nil || len(nonce) != nonceSize {
		r.Ticket = ""
		return
	}
	r.Ticket = s.tickets.Code(r.ID, r.EventID, nonce)
}

// sameNonce reports whether a verified code carries r's current nonce.
func sameNonce(r *Registration, code string) bool {
	stored, err := hex.DecodeString(r.nonce)
	return err == nil && subtle.ConstantTimeCompare(stored, nonceOf(code)) == 1
}

func ownsOrManages(v *web.Viewer, r *Registration) bool {
	return v != nil && ((r.UserID != 0 && r.UserID == v.ID) || CanManage(v))
}

func or(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// place gives a new registration its status and stores it, under the event lock the caller
// holds: a second live registration of the address is refused with the existing one; a free
// place confirms it (or, when approval is needed, makes it a request); otherwise it waits
// in arrival order. The person's mail is planned, and a confirmed place's reminder.
func (s *Service) place(ctx context.Context, tx *db.Tx, e *Event, r *Registration, typeID int64, hash string, needsApproval bool) error {
	typ, ok := e.Type(typeID)
	if !ok {
		return fail.Fields{"type_id": "form.choice"}
	}
	r.TypeID = typ.ID
	switch existing, err := liveRegByEmail(ctx, tx, e.ID, r.Email); {
	case err == nil:
		s.fill(existing)
		return &AlreadyRegisteredError{Existing: existing}
	case !errors.Is(err, fail.NotFound):
		return err
	}
	counts, err := countConfirmed(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	r.Status = Waiting
	switch {
	case needsApproval:
		r.Status = PendingApproval
	case hasRoom(e, typ, counts):
		r.Status = Confirmed
	}
	if r.Seq, err = nextSeq(ctx, tx, e.ID); err != nil {
		return err
	}
	if err := insertReg(ctx, tx, r, hash); err != nil {
		return err
	}
	if err := s.queueMail(ctx, tx, r, ""); err != nil {
		return err
	}
	return s.scheduleReminder(ctx, tx, e, r)
}
