package b2b

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Personal agendas: the meetings of one participant. In batch mode the schedule organisers
// work on is preliminary until they publish it, so participants see their slots and tables
// only from then on; in instant mode a meeting's place is final the moment it is accepted.
// A meeting without a place (or one whose place is not yet published) is "waiting for a slot".

// AgendaItem is one meeting as an agenda, a sheet or a mail shows it.
type AgendaItem struct {
	Meeting  Meeting
	Placed   bool          // slot and table are shown (scheduled, and published or instant)
	Slot     ProgrammeSlot // when Placed: the slot's session, number and times
	Table    Table         // when Placed
	Other    Organisation  // the other side's organisation
	OtherID  int64         // the other side's profile
	People   []Person      // the other side's attendees
	Starting time.Time     // Slot.StartsAt when Placed, for sorting
}

// Agenda is a participant's meetings in one programme.
type Agenda struct {
	Event     EventInfo
	Programme *Programme
	Profile   *Profile
	Visible   bool         // slots are shown: published, or instant mode
	Meetings  []AgendaItem // placed, in time order
	Waiting   []AgendaItem // accepted but without a place the participant may see yet
}

// Next returns the first placed meeting that has not ended at now, or nil.
func (a *Agenda) Next(now time.Time) *AgendaItem {
	for i := range a.Meetings {
		if a.Meetings[i].Slot.EndsAt.After(now) {
			return &a.Meetings[i]
		}
	}
	return nil
}

// ScheduleVisible reports whether participants may see the programme's slots and tables.
func (p *Programme) ScheduleVisible() bool { return p.Mode == Instant || !p.PublishedAt.IsZero() }

// Agenda returns the agenda of v's organisation orgID in the event's programme (orgID 0:
// v's only, or first, organisation with a profile there). Members of the organisation and
// organisers may read it; anyone else gets ErrNotFound, so a stranger cannot tell who takes part.
func (s *Service) Agenda(ctx context.Context, v *web.Viewer, eventID, orgID int64) (*Agenda, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	ev, p, err := s.Programme(ctx, v, eventID)
	if err != nil {
		return nil, err
	}
	prof, err := s.agendaProfile(ctx, v, p.ID, orgID)
	if err != nil {
		return nil, err
	}
	return s.ProfileAgenda(ctx, ev, p, prof)
}

// agendaProfile picks the profile whose agenda v asked for.
func (s *Service) agendaProfile(ctx context.Context, v *web.Viewer, programmeID, orgID int64) (*Profile, error) {
	if orgID != 0 {
		own, err := s.memberOf(ctx, v, orgID)
		if err != nil {
			return nil, err
		}
		if !own && !CanOrganise(v) {
			return nil, ErrNotFound
		}
		return profileByOrganisation(ctx, s.db, programmeID, orgID)
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(orgs, func(a, b Organisation) int { return cmp.Compare(a.ID, b.ID) })
	for _, o := range orgs {
		p, err := profileByOrganisation(ctx, s.db, programmeID, o.ID)
		if err == nil {
			return p, nil
		}
		if !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return nil, ErrNotFound
}

// ProfileAgenda builds the agenda of profile prof in programme p without checking who asks:
// for callers that already did (mails to the participant, organisers' views).
func (s *Service) ProfileAgenda(ctx context.Context, ev EventInfo, p *Programme, prof *Profile) (*Agenda, error) {
	prof, err := s.decorate(ctx, prof)
	if err != nil {
		return nil, err
	}
	ms, err := profileMeetings(ctx, s.db, prof.ID)
	if err != nil {
		return nil, err
	}
	items, err := s.agendaItems(ctx, p, ms, prof.ID)
	if err != nil {
		return nil, err
	}
	a := &Agenda{Event: ev, Programme: p, Profile: prof, Visible: p.ScheduleVisible()}
	for _, it := range items {
		if it.Placed {
			a.Meetings = append(a.Meetings, it)
		} else {
			a.Waiting = append(a.Waiting, it)
		}
	}
	slices.SortStableFunc(a.Meetings, func(x, y AgendaItem) int { return x.Meeting.Slot - y.Meeting.Slot })
	return a, nil
}

// agendaItems describes ms from the side of profile own: the other side, both teams, and
// the place when participants may see it.
func (s *Service) agendaItems(ctx context.Context, p *Programme, ms []Meeting, own int64) ([]AgendaItem, error) {
	slots := p.Slots()
	others := map[int64]*Profile{}
	var out []AgendaItem
	for _, m := range ms {
		if m.Status == MeetingCancelled {
			continue
		}
		other := m.Other(own)
		if others[other] == nil {
			op, err := profileByID(ctx, s.db, other)
			if err != nil {
				return nil, err
			}
			if others[other], err = s.decorate(ctx, op); err != nil {
				return nil, err
			}
		}
		it := AgendaItem{Meeting: m, Other: others[other].Organisation, OtherID: other, People: others[other].People}
		if m.Scheduled() && p.ScheduleVisible() && m.Slot < len(slots) && m.Table <= len(p.Tables) {
			it.Placed, it.Slot, it.Table, it.Starting = true, slots[m.Slot], p.Tables[m.Table-1], slots[m.Slot].StartsAt
		}
		out = append(out, it)
	}
	return out, nil
}

// profileMeetings lists every meeting profile id is a side of, cancelled ones included.
func profileMeetings(ctx context.Context, q db.Querier, id int64) ([]Meeting, error) {
	return queryMeetings(ctx, q, `(r.from_profile_id = ? OR r.to_profile_id = ?) ORDER BY m.id`, id, id)
}

// AgendaLink is one programme in which one of v's organisations takes part.
type AgendaLink struct {
	Event        EventInfo
	Organisation Organisation
}

// MyAgendas lists, for v's "my" pages, every forum where one of v's organisations has a
// profile, soonest first; forums v may not see (drafts) are left out.
func (s *Service) MyAgendas(ctx context.Context, v *web.Viewer) ([]AgendaLink, error) {
	if v == nil {
		return nil, fail.Unauthorized
	}
	orgs, err := s.dir.MemberOf(ctx, v)
	if err != nil || len(orgs) == 0 {
		return nil, err
	}
	byID := map[int64]Organisation{}
	ids := make([]int64, len(orgs))
	for i, o := range orgs {
		byID[o.ID], ids[i] = o, o.ID
	}
	in, args := db.InList(ids)
	rows, err := s.db.Query(ctx, `SELECT p.event_id, pr.organisation_id FROM b2b_profiles pr
		JOIN b2b_programmes p ON p.id = pr.programme_id WHERE pr.organisation_id IN (`+in+`)`, args...)
	if err != nil {
		return nil, err
	}
	type pair struct{ event, org int64 }
	var pairs []pair
	for rows.Next() {
		var p pair
		if err := rows.Scan(&p.event, &p.org); err != nil {
			rows.Close()
			return nil, err
		}
		pairs = append(pairs, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []AgendaLink
	for _, p := range pairs {
		ev, err := s.events.Event(ctx, v, p.event)
		if errors.Is(err, fail.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, AgendaLink{Event: ev, Organisation: byID[p.org]})
	}
	slices.SortStableFunc(out, func(a, b AgendaLink) int { return a.Event.StartsAt.Compare(b.Event.StartsAt) })
	return out, nil
}
