package volunteer

import (
	"context"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
)

// mailRejection tells a volunteer, in their language, that hours were rejected and why. The
// mail goes into the outbox in the rejecting transaction, so it is sent exactly when the
// rejection holds.
func (s *Service) mailRejection(ctx context.Context, tx *db.Tx, h Hours) error {
	if s.out == nil || s.cat == nil {
		return nil
	}
	people, err := s.dir.Contacts(ctx, []int64{h.UserID})
	if err != nil {
		return err
	}
	c, ok := people[h.UserID]
	if !ok || c.Email == "" {
		return nil // a deleted or disabled account gets nothing
	}
	p, err := programmeByID(ctx, tx, h.ProgrammeID)
	if err != nil {
		return err
	}
	_, err = s.out.Enqueue(ctx, tx, s.rejectionLetter(c, p, h))
	return err
}

func (s *Service) rejectionLetter(c Contact, p *Programme, h Hours) mail.Message {
	lang := c.Locale
	if !i18n.IsSupported(lang) {
		lang = i18n.Default
	}
	t := func(key string, args ...any) string { return s.cat.T(lang, key, args...) }
	title := p.Title.In(lang)
	body := []string{
		t("volunteer.hours.mail.greeting", c.Name), "",
		t("volunteer.hours.mail.rejected", title, i18n.FormatDate(lang, h.WorkedOn, time.UTC), HoursHM(h.Minutes)), "",
		t("volunteer.hours.mail.reason"), h.Reason, "",
		t("volunteer.hours.mail.see"), s.baseURL + "/" + lang + "/my/volunteer/hours", "",
		t("mail.signature"),
	}
	return mail.Message{To: c.Email, Subject: t("volunteer.hours.mail.subject", title), Text: strings.Join(body, "\n"), Locale: lang}
}
