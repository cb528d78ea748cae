package student

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Mails are written into the outbox inside the pairing's own transaction: a pairing that
// rolls back (a bulk confirm that went stale) introduces nobody. Each side's mail is in
// their own language and names the address the other side agreed to share.

// introduce tells both sides of a new pairing about each other.
func (s *Mentoring) introduce(ctx context.Context, q db.Querier, st *StudentProfile, m *MentorProfile, cs map[int64]MentoringContact) error {
	if s.out == nil {
		return nil
	}
	student, mentor := cs[st.UserID], cs[m.UserID]
	if student.Email != "" {
		if err := s.send(ctx, q, student, "student.mentoring.mail.intro_student", mentor.Name, m.ContactEmail); err != nil {
			return err
		}
	}
	if mentor.Email != "" {
		return s.send(ctx, q, mentor, "student.mentoring.mail.intro_mentor", student.Name, st.ContactEmail)
	}
	return nil
}

// announceEnd tells the other side that v ended pairing p, and why; when a coordinator
// who is not a party ends it, both sides are told.
func (s *Mentoring) announceEnd(ctx context.Context, q db.Querier, v *web.Viewer, p *Pairing, reason string, cs map[int64]MentoringContact) error {
	if s.out == nil {
		return nil
	}
	for _, id := range []int64{p.StudentID, p.MentorID} {
		other := p.MentorID
		if id == p.MentorID {
			other = p.StudentID
		}
		if id == v.ID || cs[id].Email == "" {
			continue
		}
		if err := s.send(ctx, q, cs[id], "student.mentoring.mail.ended", cs[other].Name, reason); err != nil {
			return err
		}
	}
	return nil
}

// send writes one mail from the catalog: key.subject, and key.body formatted with the
// recipient's name, then name and detail.
func (s *Mentoring) send(ctx context.Context, q db.Querier, to MentoringContact, key, name, detail string) error {
	lang := to.Locale
	if !i18n.IsSupported(lang) {
		lang = "tr"
	}
	body := s.cat.T(lang, key+".body", to.Name, name, detail) + "\n\n" +
		s.cat.T(lang, "student.mentoring.mail.link", s.baseURL+"/"+lang+"/mentoring") + "\n\n" + s.cat.T(lang, "mail.signature")
	_, err := s.out.Enqueue(ctx, q, mail.Message{To: to.Email, Locale: lang, Subject: s.cat.T(lang, key+".subject", name), Text: body})
	return err
}
