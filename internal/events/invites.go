package events

// Personal invitations: a coordinator invites addresses to an event; each receives a
// single-use link to a form prefilled with their address that registers them directly,
// bypassing the approval an invitation-only event otherwise asks for. Only a hash of the
// link's token is stored.

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// maxInvites bounds one invitation round.
const maxInvites = 500

var (
	// ErrInvitationUsed answers a link that already registered someone.
	ErrInvitationUsed = fmt.Errorf("events: invitation already used: %w", fail.Conflict)
)

// Invite is one personal invitation as the service reads it.
type Invite struct {
	ID, EventID int64
	Email       string
	UsedAt      *time.Time
}

// ParseInviteList splits a textarea of addresses (one a line; commas and semicolons also
// separate) into lowercased, deduplicated addresses, and the entries that are not addresses.
func ParseInviteList(s string) (emails, invalid []string) {
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ',' || r == ';' }) {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case f == "":
		case !web.IsEmail(f):
			invalid = append(invalid, f)
		case !slices.Contains(emails, f):
			emails = append(emails, f)
		}
	}
	return emails, invalid
}

// Invite creates an invitation for each address and calls send with its token inside the
// same transaction, so an invitation exists exactly when its mail does. An earlier unused
// invitation of the same address is replaced (its link stops working).
func (s *Service) Invite(ctx context.Context, v *web.Viewer, eventID int64, emails []string,
	send func(tx *db.Tx, e *Event, email, token string) error) error {
	if err := requireManager(v); err != nil {
		return err
	}
	if len(emails) == 0 {
		return fail.Fields{"emails": "form.required"}
	}
	if len(emails) > maxInvites {
		return fail.Fields{"emails": "events.invite.too_many"}
	}
	for _, em := range emails {
		if !web.IsEmail(em) {
			return fail.Fields{"emails": "form.email"}
		}
	}
	now := s.now()
	return s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := eventByID(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if e.Status == Cancelled {
			return fail.Fields{"emails": "events.event_cancelled"}
		}
		for _, em := range emails {
			token, hash := newManageToken()
			if _, err := tx.Exec(ctx, `DELETE FROM event_invitations WHERE event_id = ? AND email = ? AND used_at IS NULL`, e.ID, em); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO event_invitations (event_id, email, token_hash, invited_by, created_at)
				VALUES (?, ?, ?, ?, ?)`, e.ID, em, hash, nullID(v.ID), now); err != nil {
				return err
			}
			if err := send(tx, e, em, token); err != nil {
				return err
			}
		}
		return nil
	})
}

// InvitationFor returns the invitation a link's token names for the event. A token of another
// event, or none at all, is not found; a used one is returned with ErrInvitationUsed.
func (s *Service) InvitationFor(ctx context.Context, eventID int64, token string) (*Invite, error) {
	return invitationByToken(ctx, s.db, eventID, token, "")
}

func invitationByToken(ctx context.Context, q db.Querier, eventID int64, token, lock string) (*Invite, error) {
	if token == "" {
		return nil, ErrNotFound
	}
	var inv Invite
	var used sql.NullTime
	err := q.QueryRow(ctx, `SELECT id, event_id, email, used_at FROM event_invitations WHERE token_hash = ?`+lock,
		hashToken(token)).Scan(&inv.ID, &inv.EventID, &inv.Email, &used)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && inv.EventID != eventID) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	inv.UsedAt = timePtr(used)
	if inv.UsedAt != nil {
		return &inv, ErrInvitationUsed
	}
	return &inv, nil
}

// AcceptInvitation registers the invited address through the link's token: confirmed without
// approval when a place is free (capacity and quotas still hold: otherwise the waiting list),
// and the link is spent in the same transaction. in.Email is ignored: the invitation names it.
// An address already registered is refused (*AlreadyRegisteredError) and the link kept.
func (s *Service) AcceptInvitation(ctx context.Context, v *web.Viewer, token string, in RegisterInput) (*Registration, error) {
	in.Email = "invited@example.org" // placeholder for validation; replaced below
	r := &Registration{EventID: in.EventID, CreatedAt: s.now(), NoticeVersion: NoticeVersion, nonce: hex.EncodeToString(newNonce())}
	consents, err := s.checkInput(ctx, &in, r)
	if err != nil {
		return nil, err
	}
	manage, hash := newManageToken()
	err = s.db.InTx(ctx, func(tx *db.Tx) error {
		e, err := lockEvent(ctx, tx, in.EventID)
		if err != nil {
			return err
		}
		inv, err := invitationByToken(ctx, tx, e.ID, token, tx.ForUpdate())
		if err != nil {
			return err
		}
		r.Email = inv.Email
		if v != nil && strings.EqualFold(v.Email, inv.Email) {
			r.UserID = v.ID
		}
		switch {
		case e.Status == Cancelled:
			return fail.Fields{"registration": "events.event_cancelled"}
		case e.Status == Draft:
			return ErrNotFound
		}
		if _, closes := e.RegistrationWindow(); !r.CreatedAt.Before(closes) {
			return fail.Fields{"registration": "events.registration_closed"}
		}
		// The invitation stands in for approval; capacity and quotas still apply.
		if err := s.place(ctx, tx, e, r, in.TypeID, hash, false); err != nil {
			return err
		}
		if err := saveDetails(ctx, tx, r, consents); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE event_invitations SET used_at = ?, registration_id = ? WHERE id = ? AND used_at IS NULL`,
			r.CreatedAt, r.ID, inv.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return errors.Join(ErrInvitationUsed, err)
		}
		return s.position(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	s.fill(r)
	r.ManageToken = manage
	return r, nil
}

// --- mail

// Invite mails each address its personal link, in lang (the inviter's page language: the
// recipient's is not known yet).
func (n *Notifier) Invite(ctx context.Context, v *web.Viewer, eventID int64, emails []string, lang string) error {
	t := func(key string, args ...any) string { return n.cat.T(lang, key, args...) }
	return n.svc.Invite(ctx, v, eventID, emails, func(tx *db.Tx, e *Event, email, token string) error {
		title := e.Title.In(lang)
		link := fmt.Sprintf("%s/%s/events/%s/invitation?token=%s", n.baseURL, lang, e.Slug, url.QueryEscape(token))
		body := []string{t("events.mail.invitation.greeting"), "", t("events.mail.invitation.body", title), "",
			t("events.mail.when", WhenText(n.cat, lang, e, e.StartsAt)), t("events.mail.where", VenueText(e)), "",
			t("events.mail.invitation.link", link), "", t("mail.signature")}
		_, err := n.out.Enqueue(ctx, tx, mail.Message{To: email, Subject: t("events.mail.invitation.subject", title),
			Text: strings.Join(body, "\n"), Locale: lang})
		return err
	})
}

// --- pages

type invitationData struct {
	Event  localText
	Slug   string
	Token  string
	Email  string
	Types  []typeOption
	Used   bool
	Closed string
	Ask    *askView // questions and consents (http_questions.go)
}

// InvitationForm serves GET /events/{slug}/invitation?token=…: the registration form with the
// invited address filled in.
func (h *Handlers) InvitationForm(w http.ResponseWriter, r *http.Request) {
	h.invitation(w, r, nil)
}

// AcceptInvitation serves POST /events/{slug}/invitation.
func (h *Handlers) AcceptInvitation(w http.ResponseWriter, r *http.Request) {
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	h.invitation(w, r, form)
}

func (h *Handlers) invitation(w http.ResponseWriter, r *http.Request, form *web.Form) {
	ctx, l := r.Context(), lang(r)
	v := web.ViewerOf(ctx)
	e, err := h.svc.BySlug(ctx, v, r.PathValue("slug"))
	if err != nil {
		h.rd.PageError(w, r, err)
		return
	}
	token := r.URL.Query().Get("token")
	if form != nil {
		token = form.Get("token")
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Referrer-Policy", "no-referrer") // the token is in the address
	d := &invitationData{Event: local(e.Title, l), Slug: e.Slug, Token: token, Ask: h.askView(r, e.Questionnaire)}
	render := func(status int, f *web.Form) {
		chosen, _ := strconv.ParseInt(f.Get("type_id"), 10, 64)
		for i, t := range e.Types {
			d.Types = append(d.Types, typeOption{ID: t.ID, Name: local(t.Name, l), Selected: t.ID == chosen || (chosen == 0 && i == 0)})
		}
		h.rd.Render(w, r, status, "events/invitation", &web.Page{Title: h.rd.T(r, "events.invitation.title"), Data: d, Form: f})
	}
	inv, err := h.svc.InvitationFor(ctx, e.ID, token)
	switch {
	case errors.Is(err, ErrInvitationUsed):
		d.Used = true
		render(http.StatusGone, web.NewForm(url.Values{}))
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	d.Email = inv.Email
	if form == nil {
		name := ""
		if v != nil && strings.EqualFold(v.Email, inv.Email) {
			name = v.Name
		}
		render(http.StatusOK, web.NewForm(url.Values{"name": {name}}))
		return
	}
	typeID, _ := strconv.ParseInt(form.Get("type_id"), 10, 64)
	// The service checks the name with the answers, so every problem shows at once.
	answers, consents := answersFromForm(e.Questionnaire, form)
	reg, err := h.svc.AcceptInvitation(ctx, v, token, RegisterInput{EventID: e.ID, TypeID: typeID, Name: form.Get("name"), Locale: l,
		Answers: answers, Consents: consents})
	var already *AlreadyRegisteredError
	var fields fail.Fields
	switch {
	case errors.Is(err, ErrInvitationUsed):
		d.Used = true
		render(http.StatusGone, form)
		return
	case errors.As(err, &already):
		form.Fail("registration", "events.already_registered")
		render(http.StatusConflict, form)
		return
	case errors.As(err, &fields):
		for k, key := range fields {
			form.Fail(k, key)
		}
		render(http.StatusUnprocessableEntity, form)
		return
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	}
	if reg.Status == Confirmed {
		http.Redirect(w, r, "/"+l+"/tickets/"+reg.Ticket, http.StatusSeeOther)
		return
	}
	h.outcome(w, r, http.StatusOK, e, outcomeData{Kind: string(reg.Status), Position: reg.Position, Email: reg.Email})
}

// Invite serves POST /admin/events/{id}/invitations: the addresses, one a line, each mailed a
// personal link. Nothing is sent when an entry is not an address; the flash names it.
func (h *Handlers) Invite(w http.ResponseWriter, r *http.Request) {
	v, ok := h.manager(w, r)
	if !ok {
		return
	}
	ctx, l := r.Context(), lang(r)
	form, err := web.ParseForm(r)
	if err != nil {
		h.rd.Error(w, r, web.StatusOf(err))
		return
	}
	id := pathID(r)
	back := fmt.Sprintf("/%s/admin/events/%d/registrations", l, id)
	emails, invalid := ParseInviteList(form.Values.Get("emails"))
	if len(invalid) > 0 {
		h.flash(r, h.rd.T(r, "events.invite.invalid", strings.Join(invalid, ", ")))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	err = h.mail.Invite(ctx, v, id, emails, l)
	var fields fail.Fields
	switch {
	case errors.As(err, &fields):
		for _, key := range fields {
			h.flash(r, h.rd.T(r, key))
		}
	case err != nil:
		h.rd.PageError(w, r, err)
		return
	default:
		h.flash(r, h.rd.T(r, "events.invite.sent", len(emails)))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
