package app

import (
	"context"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/student"
)

// mentoringDirectory is identity as student mentoring sees it.
type mentoringDirectory struct{ ids *identity.Service }

func (d mentoringDirectory) Contacts(ctx context.Context, ids []int64) (map[int64]student.MentoringContact, error) {
	cs, err := d.ids.Contacts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]student.MentoringContact, len(cs))
	for id, c := range cs {
		out[id] = student.MentoringContact{UserID: c.UserID, Name: c.Name, Email: c.Email, Locale: c.Locale}
	}
	return out, nil
}

// wireMentoring builds the mentoring half of the student module: profiles, suggestions and
// pairings, with introduction mails through the outbox.
func (a *App) wireMentoring() {
	a.Mentoring = student.NewMentoring(a.DB, mentoringDirectory{a.Identity})
	a.Mentoring.UseMail(a.Outbox, a.Catalog, a.Config.BaseURL)
	a.mentoringPages = student.NewMentoringHandlers(a.Mentoring, a.Renderer, a.identityPages.Flash)
}
