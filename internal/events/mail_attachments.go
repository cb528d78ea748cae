package events

import (
	"context"
	"strings"

	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// attachments are the files of r's mail: the event's calendar file for a live registration,
// and the ticket as a PDF for a confirmed one, labelled in r's language.
func (n *Notifier) attachments(ctx context.Context, e *Event, r *Registration) ([]mail.Attachment, error) {
	if r.Status == RegCancelled {
		return nil, nil
	}
	l := r.Locale
	name := attachmentBase(e.Title.In(l), e.Slug)
	out := []mail.Attachment{{Name: name + ".ics", ContentType: "text/calendar; charset=utf-8; method=PUBLISH",
		Data: EventICS(e, l, n.baseURL, n.svc.now())}}
	if r.Status != Confirmed || r.Ticket == "" {
		return out, nil
	}
	if len(e.Types) == 0 {
		if err := loadTypes(ctx, n.svc.db, e); err != nil {
			return nil, err
		}
	}
	typeName := ""
	if typ, ok := e.Type(r.TypeID); ok {
		typeName = typ.Name.In(l)
	}
	first, second := Zones(n.cat, l, e)
	pdf, err := TicketPDF(e, r, typeName, l, first, second, func(key string) string { return n.cat.T(l, key) })
	if err != nil {
		return nil, err
	}
	return append(out, mail.Attachment{Name: n.cat.T(l, "events.mail.attachment_ticket") + " - " + name + ".pdf",
		ContentType: "application/pdf", Data: pdf}), nil
}

// attachmentBase is a file name from the event's title: its letters kept (İ, ş, ə travel in
// the MIME headers), characters file systems refuse replaced, at most 60 runes.
func attachmentBase(title, fallback string) string {
	s := strings.Map(func(r rune) rune {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
			return ' '
		}
		return r
	}, title)
	s = strings.Join(strings.Fields(s), " ")
	if rs := []rune(s); len(rs) > 60 {
		s = strings.TrimSpace(string(rs[:60]))
	}
	if s == "" {
		return fallback
	}
	return s
}
