package b2b

import (
	"context"
	"errors"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Meeting requests: a validated participant asks another for a meeting; a member of the
// addressed organisation accepts or declines; the sender may withdraw while it waits; either
// side may cancel an accepted meeting. Every write takes the programme's lock and reads the
// state again under it, so two people clicking at once can neither join one pair by two
// live requests nor go past the open-request limit, and in instant mode two acceptances
// never take the same table or a person's slot twice.

// MyProfile returns the caller's profile in the event's programme: the one of organisation
// orgID, or with orgID 0 the one of their organisation with the lowest id (as the pages
// pick it). ErrForbidden when the caller takes no part.
func (s *Service) MyProfile(ctx context.Context, v *web.Viewer, eventID, orgID int64) (*Profile, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	p, err := s.actingProfile(ctx, s.db, v, programmeID, orgID)
	if err != nil {
		return nil, err
	}
	return s.decorate(ctx, p)
}

func (s *Service) actingProfile(ctx context.Context, q db.Querier, v *web.Viewer, programmeID, orgID int64) (*Profile, error) {
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(orgs, func(a, b Organisation) int { return int(a.ID - b.ID) })
	for _, o := range orgs {
		if orgID != 0 && o.ID != orgID {
			continue
		}
		p, err := profileByOrganisation(ctx, q, programmeID, o.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		return p, err
	}
	return nil, ErrForbidden
}

// SendRequest asks for a meeting on behalf of the caller's validated profile. When the
// addressed participant accepts automatically, the request comes back accepted, with its
// meeting.
func (s *Service) SendRequest(ctx context.Context, v *web.Viewer, eventID int64, in RequestInput) (*RequestView, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	if errs := in.validate(); len(errs) > 0 {
		return nil, errs
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	out := &RequestView{Outgoing: true}
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		p, err := lockProgrammeByID(ctx, tx, programmeID)
		if err != nil {
			return err
		}
		from, to, err := s.checkSend(ctx, tx, v, p, in)
		if err != nil {
			return err
		}
		r := Request{ProgrammeID: p.ID, FromProfileID: from.ID, ToProfileID: to.ID, Message: in.Message,
			Priority: in.Priority, Status: RequestPending, CreatedBy: v.ID, CreatedAt: s.now()}
		if err := insertRequest(ctx, tx, &r); err != nil {
			return err
		}
		if err := s.queueMail(ctx, tx, mailRequestReceived, r.ID, to.ID); err != nil {
			return err
		}
		out.Request = r
		if auto, err := autoAccepts(ctx, tx, to.ID); err != nil || !auto {
			return err
		}
		out.Meeting, err = s.accept(ctx, tx, p, &out.Request, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.nameViews(ctx, []*RequestView{out})
}

// checkSend applies the rules of a new request under the programme's lock and returns both
// sides.
func (s *Service) checkSend(ctx context.Context, tx *db.Tx, v *web.Viewer, p *Programme, in RequestInput) (from, to *Profile, err error) {
	from, err = s.actingProfile(ctx, tx, v, p.ID, in.FromOrganisation)
	if err != nil {
		return nil, nil, err
	}
	if from.Status != Validated {
		return nil, nil, fail.Fields{"request": "b2b.req.error.sender_not_validated"}
	}
	if err := p.windowOpen(s.now()); err != nil {
		return nil, nil, err
	}
	to, err = profileByID(ctx, tx, in.ToProfileID)
	switch {
	case errors.Is(err, ErrNotFound):
		return nil, nil, fail.Fields{"to": "b2b.req.error.unknown_profile"}
	case err != nil:
		return nil, nil, err
	case to.ProgrammeID != p.ID:
		return nil, nil, fail.Fields{"to": "b2b.req.error.other_programme"}
	}
	own, err := s.memberOf(ctx, v, to.OrganisationID)
	switch {
	case err != nil:
		return nil, nil, err
	case own || to.ID == from.ID:
		return nil, nil, fail.Fields{"to": "b2b.req.error.self"}
	case to.Status != Validated:
		return nil, nil, fail.Fields{"to": "b2b.req.error.not_validated"}
	}
	if live, err := liveBetween(ctx, tx, from.ID, to.ID); err != nil || live {
		return nil, nil, orFields(err, "to", "b2b.req.error.duplicate")
	}
	if p.MaxOpenRequests > 0 {
		n, err := openSent(ctx, tx, from.ID)
		if err != nil || n >= p.MaxOpenRequests {
			return nil, nil, orFields(err, "request", "b2b.req.error.limit")
		}
	}
	return from, to, nil
}

func orFields(err error, field, key string) error {
	if err != nil {
		return err
	}
	return fail.Fields{field: key}
}

// accept turns r into an accepted request with its meeting; by 0 is auto-accept. In instant
// mode the meeting takes the first slot and table both sides can use; when there is none
// it stays unscheduled for the organisers to place.
func (s *Service) accept(ctx context.Context, tx *db.Tx, p *Programme, r *Request, by int64) (*Meeting, error) {
	now := s.now()
	r.Status, r.AnsweredBy, r.AnsweredAt = RequestAccepted, by, now
	if err := answerRequest(ctx, tx, r); err != nil {
		return nil, err
	}
	m := &Meeting{ProgrammeID: p.ID, RequestID: r.ID, Profiles: [2]int64{r.FromProfileID, r.ToProfileID},
		Slot: -1, Status: MeetingPlanned, CreatedAt: now, UpdatedAt: now}
	if p.Mode == Instant {
		o, err := loadOccupancy(ctx, tx, p)
		if err != nil {
			return nil, err
		}
		if slot, table, ok := o.firstFree(*m); ok {
			m.Slot, m.Table = slot, table
		}
	}
	if err := insertMeeting(ctx, tx, m); err != nil {
		return nil, err
	}
	return m, s.queueMail(ctx, tx, mailRequestAccepted, r.ID, r.FromProfileID)
}

// side says how the caller stands to a request.
type side int

const (
	stranger  side = iota
	organiser      // sees the programme's requests, answers none
	sender
	addressee
)

func (s *Service) sideOf(ctx context.Context, q db.Querier, v *web.Viewer, r Request) (side, error) {
	for _, c := range []struct {
		profile int64
		side    side
	}{{r.ToProfileID, addressee}, {r.FromProfileID, sender}} {
		p, err := profileByID(ctx, q, c.profile)
		if err != nil {
			return stranger, err
		}
		if ok, err := s.memberOf(ctx, v, p.OrganisationID); err != nil || ok {
			return c.side, err
		}
	}
	if CanOrganise(v) {
		return organiser, nil
	}
	return stranger, nil
}

// change runs fn on request id under its programme's lock, once the caller's side allows it:
// want lists the sides that may; the others of the programme's people get field error
// wrong, and strangers ErrNotFound so they cannot tell the request exists.
func (s *Service) change(ctx context.Context, v *web.Viewer, id int64, wrong string, want []side,
	fn func(tx *db.Tx, p *Programme, r *Request) error) (*RequestView, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	out := &RequestView{}
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		r, err := requestByID(ctx, tx, id)
		if err != nil {
			return err
		}
		p, err := lockProgrammeByID(ctx, tx, r.ProgrammeID)
		if err != nil {
			return err
		}
		if r, err = requestByID(ctx, tx, id); err != nil { // as it stands under the lock
			return err
		}
		sd, err := s.sideOf(ctx, tx, v, r)
		switch {
		case err != nil:
			return err
		case sd == stranger:
			return ErrNotFound
		case !slices.Contains(want, sd):
			return fail.Fields{"request": wrong}
		}
		out.Request, out.Incoming, out.Outgoing = r, sd == addressee, sd == sender
		if err := fn(tx, p, &out.Request); err != nil {
			return err
		}
		out.Meeting, err = meetingByRequest(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, s.nameViews(ctx, []*RequestView{out})
}

func requirePending(r *Request) error {
	if r.Status != RequestPending {
		return fail.Fields{"request": "b2b.req.error.answered"}
	}
	return nil
}

// AcceptRequest accepts a pending request addressed to the caller's organisation.
func (s *Service) AcceptRequest(ctx context.Context, v *web.Viewer, id int64) (*RequestView, error) {
	return s.change(ctx, v, id, "b2b.req.error.not_addressed", []side{addressee}, func(tx *db.Tx, p *Programme, r *Request) error {
		if err := requirePending(r); err != nil {
			return err
		}
		if err := p.windowOpen(s.now()); err != nil {
			return err
		}
		_, err := s.accept(ctx, tx, p, r, v.ID)
		return err
	})
}

// DeclineRequest turns down a pending request addressed to the caller's organisation; the
// reason is optional and the sender reads it.
func (s *Service) DeclineRequest(ctx context.Context, v *web.Viewer, id int64, reason string) (*RequestView, error) {
	reason, err := cleanReason(reason, false)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, v, id, "b2b.req.error.not_addressed", []side{addressee}, func(tx *db.Tx, _ *Programme, r *Request) error {
		if err := requirePending(r); err != nil {
			return err
		}
		r.Status, r.Reason, r.AnsweredBy, r.AnsweredAt = RequestDeclined, reason, v.ID, s.now()
		if err := answerRequest(ctx, tx, r); err != nil {
			return err
		}
		return s.queueMail(ctx, tx, mailRequestDeclined, r.ID, r.FromProfileID)
	})
}

// WithdrawRequest takes back the caller's organisation's request while it waits.
func (s *Service) WithdrawRequest(ctx context.Context, v *web.Viewer, id int64) (*RequestView, error) {
	return s.change(ctx, v, id, "b2b.req.error.not_sender", []side{sender}, func(tx *db.Tx, _ *Programme, r *Request) error {
		if err := requirePending(r); err != nil {
			return err
		}
		r.Status, r.AnsweredBy, r.AnsweredAt = RequestWithdrawn, v.ID, s.now()
		return answerRequest(ctx, tx, r)
	})
}

// CancelMeeting calls off an accepted meeting from either side, with a reason the other
// side is mailed; its slot and table become free.
func (s *Service) CancelMeeting(ctx context.Context, v *web.Viewer, id int64, reason string) (*RequestView, error) {
	reason, err := cleanReason(reason, true)
	if err != nil {
		return nil, err
	}
	return s.change(ctx, v, id, "b2b.req.error.not_party", []side{sender, addressee}, func(tx *db.Tx, _ *Programme, r *Request) error {
		if r.Status != RequestAccepted {
			return fail.Fields{"request": "b2b.req.error.not_accepted"}
		}
		other := r.FromProfileID
		mine, err := profileByID(ctx, tx, r.FromProfileID)
		if err != nil {
			return err
		}
		if own, err := s.memberOf(ctx, v, mine.OrganisationID); err != nil {
			return err
		} else if own {
			other = r.ToProfileID
		}
		now := s.now()
		r.Status, r.Reason, r.AnsweredBy, r.AnsweredAt = RequestCancelled, reason, v.ID, now
		if err := answerRequest(ctx, tx, r); err != nil {
			return err
		}
		if err := cancelMeetingOf(ctx, tx, r.ID, now); err != nil {
			return err
		}
		return s.queueMail(ctx, tx, mailMeetingCancelled, r.ID, other)
	})
}

// Requests lists the caller's incoming and sent requests in the event's programme, newest
// first; organisers see every request of the programme.
func (s *Service) Requests(ctx context.Context, v *web.Viewer, eventID int64) ([]*RequestView, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	_, programmeID, err := s.programmeOf(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	mine, err := s.myProfileIDs(ctx, v, programmeID)
	if err != nil {
		return nil, err
	}
	if len(mine) == 0 && !CanOrganise(v) {
		return nil, ErrForbidden
	}
	list, err := requestsOfProgramme(ctx, s.db, programmeID)
	if err != nil {
		return nil, err
	}
	meetings, err := meetingsOfProgramme(ctx, s.db, programmeID)
	if err != nil {
		return nil, err
	}
	var out []*RequestView
	for _, r := range list {
		rv := &RequestView{Request: r, Incoming: mine[r.ToProfileID], Outgoing: mine[r.FromProfileID]}
		if !rv.Incoming && !rv.Outgoing && !CanOrganise(v) {
			continue
		}
		if m, ok := meetings[r.ID]; ok {
			rv.Meeting = &m
		}
		out = append(out, rv)
	}
	return out, s.nameViews(ctx, out)
}

// myProfileIDs is the set of the caller's profiles in the programme.
func (s *Service) myProfileIDs(ctx context.Context, v *web.Viewer, programmeID int64) (map[int64]bool, error) {
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	for _, o := range orgs {
		p, err := profileByOrganisation(ctx, s.db, programmeID, o.ID)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out[p.ID] = true
	}
	return out, nil
}

// nameViews fills in both sides' organisations.
func (s *Service) nameViews(ctx context.Context, list []*RequestView) error {
	orgOf := map[int64]int64{} // profile → organisation
	var ids []int64
	for _, rv := range list {
		for _, pid := range []int64{rv.FromProfileID, rv.ToProfileID} {
			if _, ok := orgOf[pid]; ok {
				continue
			}
			p, err := profileByID(ctx, s.db, pid)
			if err != nil {
				return err
			}
			orgOf[pid] = p.OrganisationID
			ids = append(ids, p.OrganisationID)
		}
	}
	orgs, err := s.dir.Organisations(ctx, ids)
	if err != nil {
		return err
	}
	for _, rv := range list {
		rv.From, rv.To = orgs[orgOf[rv.FromProfileID]], orgs[orgOf[rv.ToProfileID]]
	}
	return nil
}

// SetAutoAccept turns automatic acceptance of incoming requests on or off for the caller's
// profile (orgID picks among several, as in MyProfile).
func (s *Service) SetAutoAccept(ctx context.Context, v *web.Viewer, eventID, orgID int64, on bool) error {
	p, err := s.MyProfile(ctx, v, eventID, orgID)
	if err != nil {
		return err
	}
	return setAutoAccept(ctx, s.db, p.ID, on, s.now())
}

// AutoAccept reports whether the caller's profile accepts incoming requests automatically.
func (s *Service) AutoAccept(ctx context.Context, v *web.Viewer, eventID, orgID int64) (bool, error) {
	p, err := s.MyProfile(ctx, v, eventID, orgID)
	if err != nil {
		return false, err
	}
	return autoAccepts(ctx, s.db, p.ID)
}
