package b2b

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// For mails about the schedule (published, a meeting moved): the participant's agenda read
// without a viewer, since a mail job runs for the participant, and the agenda as the two
// files a phone or a printer wants, written in the recipient's language.

// AgendaOfProfile is the current agenda of profile id, for a mail composer: no one's rights
// are checked, and a forum that is no longer visible is ErrNotFound (the mail is dropped).
func (s *Service) AgendaOfProfile(ctx context.Context, id int64) (*Agenda, error) {
	prof, err := profileByID(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	eventID, err := eventOfProgramme(ctx, s.db, prof.ProgrammeID)
	if err != nil {
		return nil, err
	}
	ev, p, err := s.Programme(ctx, nil, eventID)
	if err != nil {
		return nil, err
	}
	return s.ProfileAgenda(ctx, ev, p, prof)
}

// AgendaAttachments is a's PDF and .ics in w's language, to attach to a mail.
func (s *Service) AgendaAttachments(a *Agenda, w Writer) ([]mail.Attachment, error) {
	first, second := s.events.Zones(w.Lang, a.Event)
	pdf, err := AgendaPDF(a, w.Lang, first, second, w.T)
	if err != nil {
		return nil, err
	}
	link := w.Link("/b2b/" + a.Event.Slug + "/agenda")
	ics := AgendaICS(a, w.Lang, link, w.baseURL, s.now(), w.T)
	return []mail.Attachment{
		{Name: a.Event.Slug + "-agenda.pdf", ContentType: "application/pdf", Data: pdf},
		{Name: a.Event.Slug + "-agenda.ics", ContentType: "text/calendar; charset=utf-8", Data: ics},
	}, nil
}
