package b2b

import (
	"context"
	"strconv"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Mails about meeting requests. Each composer reads the request as it stands when the job
// runs: a request withdrawn before its "received" mail went out sends nothing.

const (
	mailRequestReceived  = "request_received"  // to the addressed participant
	mailRequestAccepted  = "request_accepted"  // to the sender
	mailRequestDeclined  = "request_declined"  // to the sender
	mailMeetingCancelled = "meeting_cancelled" // to the side that did not cancel
)

func init() {
	registerMail(mailRequestReceived, composeReceived)
	registerMail(mailRequestAccepted, composeAccepted)
	registerMail(mailRequestDeclined, composeDeclined)
	registerMail(mailMeetingCancelled, composeCancelled)
}

// requestMail is what every request mail needs: the request, the forum, the programme and
// the other side's name as the recipient knows it.
type requestMail struct {
	r     Request
	ev    EventInfo
	p     *Programme
	other string // the organisation on the other side of the recipient
	title string // the forum's title in the recipient's language
	link  string // the recipient's requests page
}

func (s *Service) requestMail(ctx context.Context, ref, profileID int64, w Writer) (*requestMail, error) {
	r, err := requestByID(ctx, s.db, ref)
	if err != nil {
		return nil, err
	}
	if r.FromProfileID != profileID && r.ToProfileID != profileID {
		return nil, ErrNotFound
	}
	var eventID int64
	if err := s.db.QueryRow(ctx, `SELECT event_id FROM b2b_programmes WHERE id = ?`, r.ProgrammeID).Scan(&eventID); err != nil {
		return nil, err
	}
	ev, err := s.events.Event(ctx, nil, eventID)
	if err != nil {
		return nil, err
	}
	p, err := programmeByEvent(ctx, s.db, eventID)
	if err != nil {
		return nil, err
	}
	views := []*RequestView{{Request: r}}
	if err := s.nameViews(ctx, views); err != nil {
		return nil, err
	}
	other := views[0].From.Name
	if r.FromProfileID == profileID {
		other = views[0].To.Name
	}
	return &requestMail{r: r, ev: ev, p: p, other: other, title: ev.Title.In(w.Lang),
		link: w.Link("/b2b/" + ev.Slug + "/requests")}, nil
}

func composeReceived(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	m, err := s.requestMail(ctx, ref, profileID, w)
	if err != nil || m.r.ToProfileID != profileID {
		return Letter{}, false, err
	}
	l := Letter{}
	switch m.r.Status {
	case RequestPending:
		l.Subject = w.T("b2b.req.mail.received.subject", m.other)
		l.Lines = []string{w.T("b2b.req.mail.received.body", m.other, m.title)}
	case RequestAccepted:
		if m.r.AnsweredBy != 0 {
			return l, false, nil // accepted by hand: they know
		}
		l.Subject = w.T("b2b.req.mail.auto.subject", m.other)
		l.Lines = []string{w.T("b2b.req.mail.auto.body", m.other, m.title)}
	default:
		return l, false, nil // withdrawn or answered before the mail went out
	}
	l.Lines = append(l.Lines, "", w.T("b2b.req.field.priority")+": "+w.T("b2b.req.priority."+m.r.Priority.Name()),
		w.T("b2b.req.mail.message"), m.r.Message, "", w.T("b2b.req.mail.answer", m.link))
	return l, true, nil
}

func composeAccepted(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	m, err := s.requestMail(ctx, ref, profileID, w)
	if err != nil || m.r.Status != RequestAccepted || m.r.FromProfileID != profileID {
		return Letter{}, false, err
	}
	meeting, err := meetingByRequest(ctx, s.db, m.r.ID)
	if err != nil {
		return Letter{}, false, err
	}
	l := Letter{Subject: w.T("b2b.req.mail.accepted.subject", m.other),
		Lines: []string{w.T("b2b.req.mail.accepted.body", m.other, m.title), ""}}
	l.Lines = append(l.Lines, s.placeLine(w.Lang, w.T, m.ev, m.p, meeting), "", w.T("b2b.req.mail.see", m.link))
	return l, true, nil
}

// placeLine tells where a meeting stands: its slot and table, or who will place it.
func (s *Service) placeLine(lang string, t func(string, ...any) string, ev EventInfo, p *Programme, m *Meeting) string {
	switch {
	case m != nil && m.Scheduled():
		return t("b2b.req.placed", s.slotText(lang, ev, p, m.Slot), tableText(t, p, m.Table))
	case p.Mode == Instant:
		return t("b2b.req.no_common_slot")
	}
	return t("b2b.req.batch_pending")
}

// slotText is a slot's date and start in the venue's zone with the partner city's beside.
func (s *Service) slotText(lang string, ev EventInfo, p *Programme, slot int) string {
	slots := p.Slots()
	if slot < 0 || slot >= len(slots) {
		return ""
	}
	first, second := s.events.Zones(lang, ev)
	at := slots[slot].StartsAt
	return i18n.FormatDate(lang, at, first.Location) + " " + i18n.DualTime(lang, at, first, second)
}

func tableText(t func(string, ...any) string, p *Programme, table int) string {
	n := strconv.Itoa(table)
	if table >= 1 && table <= len(p.Tables) && p.Tables[table-1].Name != "" {
		n += " (" + p.Tables[table-1].Name + ")"
	}
	return t("b2b.req.table", n)
}

func composeDeclined(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	m, err := s.requestMail(ctx, ref, profileID, w)
	if err != nil || m.r.Status != RequestDeclined || m.r.FromProfileID != profileID {
		return Letter{}, false, err
	}
	l := Letter{Subject: w.T("b2b.req.mail.declined.subject", m.other),
		Lines: []string{w.T("b2b.req.mail.declined.body", m.other, m.title)}}
	if m.r.Reason != "" {
		l.Lines = append(l.Lines, "", w.T("b2b.req.mail.reason"), m.r.Reason)
	}
	l.Lines = append(l.Lines, "", w.T("b2b.req.mail.see", m.link))
	return l, true, nil
}

func composeCancelled(ctx context.Context, s *Service, ref, profileID int64, w Writer) (Letter, bool, error) {
	m, err := s.requestMail(ctx, ref, profileID, w)
	if err != nil || m.r.Status != RequestCancelled {
		return Letter{}, false, err
	}
	l := Letter{Subject: w.T("b2b.req.mail.cancelled.subject", m.other),
		Lines: []string{w.T("b2b.req.mail.cancelled.body", m.other, m.title), "", w.T("b2b.req.mail.reason"), m.r.Reason,
			"", w.T("b2b.req.mail.see", m.link)}}
	return l, true, nil
}
