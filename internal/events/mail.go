package events

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// Mailer is the outbox as events needs it: mail is stored through the caller's transaction.
type Mailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// Notifier writes the events' mails, each in its recipient's language (the registration's
// locale), never in the language of whoever caused it (a coordinator, another attendee).
type Notifier struct {
	svc     *Service
	out     Mailer
	cat     *i18n.Catalog
	baseURL string
}

// NewNotifier wires the mails; baseURL makes their links absolute.
func NewNotifier(svc *Service, out Mailer, cat *i18n.Catalog, baseURL string) *Notifier {
	return &Notifier{svc: svc, out: out, cat: cat, baseURL: strings.TrimSuffix(baseURL, "/")}
}

// Resend mails the live registration of email for the event again, with a fresh manage link.
// It answers nil when there is none: the page says "if you are registered, check your mail"
// either way, so a stranger learns nothing about who registered.
func (n *Notifier) Resend(ctx context.Context, eventID int64, email string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	r, err := liveRegByEmail(ctx, n.svc.db, eventID, email)
	if errors.Is(err, fail.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	e, err := eventByID(ctx, n.svc.db, eventID)
	if err != nil {
		return err
	}
	if err := n.svc.position(ctx, n.svc.db, r); err != nil {
		return err
	}
	n.svc.fill(r)
	return n.withNewLink(ctx, e, r, "", nil)
}

// withNewLink mails r with a fresh manage link (only a hash of the last one was kept). The
// files are made before the transaction, which they would only lengthen; inside it, still
// (unless nil) runs first and may stand the mail down, r having changed meanwhile.
func (n *Notifier) withNewLink(ctx context.Context, e *Event, r *Registration, subject string, still func(*db.Tx) (bool, error)) error {
	att, err := n.attachments(ctx, e, r)
	if err != nil {
		return err
	}
	token, hash := newManageToken()
	return n.svc.db.InTx(ctx, func(tx *db.Tx) error {
		if still != nil {
			if ok, err := still(tx); !ok || err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE event_registrations SET manage_hash = ? WHERE id = ?`, hash, r.ID); err != nil {
			return err
		}
		return n.send(ctx, tx, e, r, token, subject, att)
	})
}

// send composes the mail for r's current state; subjectKey overrides the subject's key (and,
// for the reminder, the body's); att are the files attached (see attachments).
func (n *Notifier) send(ctx context.Context, q db.Querier, e *Event, r *Registration, token, subjectKey string, att []mail.Attachment) error {
	l := r.Locale
	t := func(key string, args ...any) string { return n.cat.T(l, key, args...) }
	title := e.Title.In(l)
	manage := fmt.Sprintf("%s/%s/registrations/manage?token=%s", n.baseURL, l, url.QueryEscape(token))
	var body []string
	body = append(body, t("events.mail.greeting", r.Name), "")
	state := string(r.Status)
	switch r.Status {
	case Confirmed:
		bodyKey := "events.mail.confirmed.body"
		if subjectKey == reminderKey {
			bodyKey = reminderKey + ".body"
		}
		body = append(body, t(bodyKey, title), "",
			t("events.mail.when", WhenText(n.cat, l, e, e.StartsAt)),
			t("events.mail.where", VenueText(e)), "",
			t("events.mail.ticket", TicketURL(n.baseURL, l, r.Ticket)))
		if icsAvailable {
			body = append(body, t("events.mail.calendar", fmt.Sprintf("%s/%s/events/%s.ics", n.baseURL, l, e.Slug)))
		}
	case Waiting:
		body = append(body, t("events.mail.waiting.body", title, r.Position))
	case PendingApproval:
		body = append(body, t("events.mail.pending_approval.body", title))
	default:
		return nil // a cancelled registration gets no ticket
	}
	if subjectKey == "" {
		subjectKey = "events.mail." + state
	}
	body = append(body, "", t("events.mail.manage", manage), "", t("mail.signature"))
	_, err := n.out.Enqueue(ctx, q, mail.Message{
		To: r.Email, Subject: t(subjectKey+".subject", title), Text: strings.Join(body, "\n"), Locale: l, Attachments: att,
	})
	return err
}

// icsAvailable says whether /{lang}/events/{slug}.ics is served, so mails mention it.
const icsAvailable = true

// TicketURL is the absolute address of a ticket's page.
func TicketURL(baseURL, lang, code string) string {
	return fmt.Sprintf("%s/%s/tickets/%s", strings.TrimSuffix(baseURL, "/"), lang, code)
}

// VenueText is the venue on one line.
func VenueText(e *Event) string {
	var parts []string
	for _, s := range []string{e.Venue.Name, e.Venue.Address, e.Venue.City} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// Zones returns the venue's zone and the partner city's, in the order to show them: an event
// in Bakü shows Bakü time first and İzmir beside it, and the other way round.
func Zones(cat *i18n.Catalog, lang string, e *Event) (first, second i18n.Zone) {
	izmir := i18n.Zone{Name: cat.T(lang, "events.city.izmir"), Location: izmirZone}
	baku := i18n.Zone{Name: cat.T(lang, "events.city.baku"), Location: bakuZone}
	switch e.Zone {
	case "Asia/Baku":
		return baku, izmir
	case "Europe/Istanbul":
		return izmir, baku
	}
	venue := i18n.Zone{Name: or(e.Venue.City, e.Zone), Location: e.Location()}
	return venue, izmir
}

var (
	izmirZone = i18n.MustLocation("Europe/Istanbul")
	bakuZone  = i18n.MustLocation("Asia/Baku")
)

// WhenText is the date in the venue's zone with the time in both cities:
// "05.12.2026 19:00 Bakü · 18:00 İzmir".
func WhenText(cat *i18n.Catalog, lang string, e *Event, t time.Time) string {
	first, second := Zones(cat, lang, e)
	return i18n.FormatDate(lang, t, first.Location) + " " + i18n.DualTime(lang, t, first, second)
}
