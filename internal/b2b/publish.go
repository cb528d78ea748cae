package b2b

import (
	"context"
	"slices"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Publishing turns the preliminary schedule into the one participants see: every
// participant with meetings is mailed their agenda. From then on, any change of a
// meeting's place (a move, an unscheduling, a new run) is mailed to both sides.

// The mails of this concern.
const (
	MailPublished = "schedule_published" // ref: the programme
	MailChanged   = "meeting_changed"    // ref: changeRef of the meeting before the change
)

func init() {
	registerMail(MailPublished, composePublished)
	registerMail(MailChanged, composeChanged)
}

// Publish publishes the event's schedule and mails every participant with meetings.
func (s *Service) Publish(ctx context.Context, v *web.Viewer, eventID int64) (*Programme, error) {
	if _, err := s.organisedProgramme(ctx, v, eventID); err != nil {
		return nil, err
	}
	var out *Programme
	err := s.db.InTx(ctx, func(tx *db.Tx) error {
		if _, err := lockProgramme(ctx, tx, eventID); err != nil {
			return err
		}
		p, err := programmeByEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if !p.PublishedAt.IsZero() {
			return fail.Fields{"publish": "b2b.schedule.error.already_published"}
		}
		p.PublishedAt = s.now()
		if err := setPublished(ctx, tx, p); err != nil {
			return err
		}
		ms, err := placedMeetings(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		var profiles []int64
		for _, m := range ms {
			profiles = append(profiles, m.Profiles[0], m.Profiles[1])
		}
		slices.Sort(profiles)
		out = p
		return s.queueMail(ctx, tx, MailPublished, p.ID, slices.Compact(profiles)...)
	})
	return out, err
}

// PlacementVisible reports whether participants may see where their meetings are: once
// the schedule is published, or at once in instant mode.
func (p *Programme) PlacementVisible() bool { return p.Mode == Instant || !p.PublishedAt.IsZero() }

// changeBase makes room for a slot (up to maxSessions×maxSlots) and a table (up to
// maxTables) beside a meeting id in one number: a mail job names its subject by one
// number, and a change mail must still say where the meeting was.
const changeBase = (maxSessions*maxSlots + 1) * (maxTables + 1)

func changeRef(m Meeting) int64 {
	return m.ID*changeBase + int64(m.Slot+1)*(maxTables+1) + int64(m.Table)
}

func decodeChangeRef(ref int64) (id int64, slot, table int) {
	rest := int(ref % changeBase)
	return ref / changeBase, rest/(maxTables+1) - 1, rest % (maxTables + 1)
}

// mailContext is what a schedule mail needs: the meeting's programme and event.
func (s *Service) mailContext(ctx context.Context, programmeID int64) (*Programme, EventInfo, error) {
	eventID, err := eventOfProgramme(ctx, s.db, programmeID)
	if err != nil {
		return nil, EventInfo{}, err
	}
	ev, err := s.events.Event(ctx, nil, eventID)
	if err != nil {
		return nil, EventInfo{}, err
	}
	p, err := programmeByEvent(ctx, s.db, eventID)
	return p, ev, err
}

func composePublished(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	p, ev, err := s.mailContext(ctx, ref)
	if err != nil || p.PublishedAt.IsZero() {
		return Letter{}, false, err
	}
	ms, err := queryMeetings(ctx, s.db, `m.programme_id = ? AND m.slot IS NOT NULL AND m.status <> ?
		AND (r.from_profile_id = ? OR r.to_profile_id = ?) ORDER BY m.slot`, p.ID, MeetingCancelled, profileID, profileID)
	if err != nil || len(ms) == 0 {
		return Letter{}, false, err
	}
	names, err := s.meetingNames(ctx, ms)
	if err != nil {
		return Letter{}, false, err
	}
	title := ev.Title.In(w.Lang)
	lines := []string{w.T("b2b.schedule.mail.published.intro", title), ""}
	pl := placer{t: w.T, lang: w.Lang, ev: ev, p: p, zones: s.events}
	for _, m := range ms {
		lines = append(lines, "• "+w.T("b2b.schedule.mail.meeting", pl.place(m.Slot, m.Table), names[m.Other(profileID)]))
	}
	lines = append(lines, "", w.T("b2b.schedule.mail.agenda", w.Link("/b2b/"+ev.Slug+"/agenda")))
	return Letter{Subject: w.T("b2b.schedule.mail.published.subject", title), Lines: lines}, true, nil
}

func composeChanged(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	id, oldSlot, oldTable := decodeChangeRef(ref)
	m, err := meetingByID(ctx, s.db, id)
	if err != nil || !m.Has(profileID) || m.Status == MeetingCancelled || (m.Slot == oldSlot && m.Table == oldTable) {
		return Letter{}, false, err // nothing to tell: it moved back, or was called off
	}
	p, ev, err := s.mailContext(ctx, m.ProgrammeID)
	if err != nil {
		return Letter{}, false, err
	}
	names, err := s.meetingNames(ctx, []Meeting{m})
	if err != nil {
		return Letter{}, false, err
	}
	pl := placer{t: w.T, lang: w.Lang, ev: ev, p: p, zones: s.events}
	other := names[m.Other(profileID)]
	lines := []string{w.T("b2b.schedule.mail.changed.intro", other, ev.Title.In(w.Lang)), "",
		w.T("b2b.schedule.mail.changed.before", pl.place(oldSlot, oldTable)),
		w.T("b2b.schedule.mail.changed.now", pl.place(m.Slot, m.Table)), "",
		w.T("b2b.schedule.mail.agenda", w.Link("/b2b/"+ev.Slug+"/agenda"))}
	return Letter{Subject: w.T("b2b.schedule.mail.changed.subject", other), Lines: lines}, true, nil
}

// meetingNames maps the profiles of ms to their organisations' names.
func (s *Service) meetingNames(ctx context.Context, ms []Meeting) (map[int64]string, error) {
	orgOf := map[int64]int64{}
	var orgIDs []int64
	for _, m := range ms {
		for _, pid := range m.Profiles {
			if _, seen := orgOf[pid]; seen {
				continue
			}
			p, err := profileByID(ctx, s.db, pid)
			if err != nil {
				return nil, err
			}
			orgOf[pid] = p.OrganisationID
			orgIDs = append(orgIDs, p.OrganisationID)
		}
	}
	orgs, err := s.dir.Organisations(ctx, orgIDs)
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for pid, org := range orgOf {
		out[pid] = orgs[org].Name
	}
	return out, nil
}

// placer words a place in the schedule for one reader: the day, the time in the venue's
// zone with the partner city's beside it, and the table with its name.
type placer struct {
	t     func(key string, args ...any) string
	lang  string
	ev    EventInfo
	p     *Programme
	zones Events
	slots []ProgrammeSlot
}

func (pl *placer) place(slot, table int) string {
	if pl.slots == nil {
		pl.slots = pl.p.Slots()
	}
	if slot < 0 || slot >= len(pl.slots) || table < 1 {
		return pl.t("b2b.schedule.unscheduled")
	}
	return pl.when(slot) + ", " + pl.table(table)
}

// when is the slot's date and its start in both zones.
func (pl *placer) when(slot int) string {
	if pl.slots == nil {
		pl.slots = pl.p.Slots()
	}
	first, second := pl.zones.Zones(pl.lang, pl.ev)
	at := pl.slots[slot].StartsAt
	return i18n.FormatDate(pl.lang, at, first.Location) + " " + i18n.DualTime(pl.lang, at, first, second)
}

func (pl *placer) table(n int) string {
	if n >= 1 && n <= len(pl.p.Tables) && pl.p.Tables[n-1].Name != "" {
		return pl.t("b2b.schedule.table_named", n, pl.p.Tables[n-1].Name)
	}
	return pl.t("b2b.schedule.table_n", n)
}
