package b2b

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// DelegationMailer is the outbox as delegations need it: mail stored through the caller's
// transaction.
type DelegationMailer interface {
	Enqueue(ctx context.Context, q db.Querier, m mail.Message) (int64, error)
}

// DelegationMail writes the decision mails, each in the applicant's language (the one they
// applied in), never the coordinator's.
type DelegationMail struct {
	svc     *Delegations
	out     DelegationMailer
	cat     *i18n.Catalog
	baseURL string
}

// NewDelegationMail wires the mails; baseURL makes their links absolute.
func NewDelegationMail(svc *Delegations, out DelegationMailer, cat *i18n.Catalog, baseURL string) *DelegationMail {
	return &DelegationMail{svc: svc, out: out, cat: cat, baseURL: strings.TrimSuffix(baseURL, "/")}
}

// HandleJobs registers the decision mail job.
func (n *DelegationMail) HandleJobs(q *jobs.Queue) { q.Register(DecisionMailJob, n.mailDecision) }

// mailDecision mails one decision. The job carries the application's id only and reads the
// current state; the decision is marked mailed in the mail's own transaction, so a job run
// again after a crash sends nothing more.
func (n *DelegationMail) mailDecision(ctx context.Context, raw json.RawMessage) error {
	var p decisionPayload
	if err := json.Unmarshal(raw, &p); err != nil || p.Application == 0 {
		return jobs.Permanent(fmt.Errorf("b2b: decision payload %s: %v", raw, err))
	}
	a, err := applicationByID(ctx, n.svc.db, p.Application)
	if errors.Is(err, ErrNotFound) {
		return nil // withdrawn with its delegation
	}
	if err != nil {
		return err
	}
	if a.Status == ApplicationPending {
		return nil
	}
	d, err := delegationByID(ctx, n.svc.db, a.DelegationID)
	if err != nil {
		return ignoreNotFound(err)
	}
	if err := n.svc.nameApplications(ctx, []*Application{a}); err != nil {
		return err
	}
	msg := n.decisionMessage(d, a)
	return n.svc.db.InTx(ctx, func(tx *db.Tx) error {
		if ok, err := markDecisionMailed(ctx, tx, a.ID); !ok || err != nil {
			return err
		}
		_, err := n.out.Enqueue(ctx, tx, msg)
		return err
	})
}

// decisionMessage composes the mail for a's decision in a's language.
func (n *DelegationMail) decisionMessage(d *Delegation, a *Application) mail.Message {
	l := a.Locale
	if !i18n.IsSupported(l) {
		l = i18n.Default
	}
	t := func(key string, args ...any) string { return n.cat.T(l, key, args...) }
	title := d.Title.In(l)
	body := []string{t("b2b.delegation.mail.greeting"), ""}
	if a.Status == ApplicationApproved {
		body = append(body, t("b2b.delegation.mail.approved.body", a.Organisation.Name, title, DelegationDates(l, d)), "")
		for _, tr := range a.Travellers {
			body = append(body, "– "+tr.PassportName)
		}
		body = append(body, "", t("b2b.delegation.mail.letters", fmt.Sprintf("%s/%s/delegations/%s/mine", n.baseURL, l, d.Slug)))
	} else {
		body = append(body, t("b2b.delegation.mail.rejected.body", a.Organisation.Name, title), "",
			t("b2b.delegation.mail.reason", a.Reason))
	}
	body = append(body, "", t("mail.signature"))
	return mail.Message{To: a.Email, Subject: t("b2b.delegation.mail."+string(a.Status)+".subject", title),
		Text: strings.Join(body, "\n"), Locale: l}
}

// DelegationDates is "05.10.2026 – 09.10.2026" (one date for a one-day delegation).
func DelegationDates(lang string, d *Delegation) string {
	from := i18n.FormatDate(lang, d.StartsOn, time.UTC)
	if d.EndsOn.Equal(d.StartsOn) {
		return from
	}
	return from + " – " + i18n.FormatDate(lang, d.EndsOn, time.UTC)
}
