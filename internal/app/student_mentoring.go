package app

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/web"
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
	a.mentoringPages.ShowOpportunities(a.studentEvents, a.studentVolunteering)
}

// Demo mentoring accounts: plainly fictional role names at example.org, no persons.
var demoMentoringAccounts = []identity.Account{
	{Email: "ogrenci.ege@kopru.example.org", Name: "Demo Öğrenci (Ege Üniversitesi)", Locale: "az"},
	{Email: "ogrenci.deu@kopru.example.org", Name: "Demo Öğrenci (Dokuz Eylül Üniversitesi)", Locale: "az"},
	{Email: "mentor.mezun@kopru.example.org", Name: "Demo Mentor (mezun)", Locale: "tr"},
	{Email: "buddy.gonullu@kopru.example.org", Name: "Demo Buddy (gönüllü)", Locale: "tr"},
}

// seedMentoringDemo loads the mentoring demo: two students waiting for a mentor, a verified
// alumni mentor and a volunteer buddy still waiting for verification, so the coordinator's
// page shows suggestions with their reasons. coordinator verifies the mentor. Accounts that
// exist already mean the demo was loaded before: nothing is done.
func (a *App) seedMentoringDemo(ctx context.Context, password string, coordinator *web.Viewer) error {
	users, err := a.Identity.CreateUsers(ctx, password, demoMentoringAccounts...)
	if errors.Is(err, identity.ErrEmailTaken) {
		return nil
	}
	if err != nil {
		return err
	}
	unis, err := a.Mentoring.Universities(ctx, "tr", false)
	if err != nil {
		return err
	}
	uni := map[string]int64{}
	for _, u := range unis {
		uni[u.Name] = u.ID
	}
	as := func(u *identity.User) *web.Viewer {
		return &web.Viewer{ID: u.ID, Name: u.Name, Email: u.Email, Roles: u.Roles, Locale: u.Locale}
	}
	students := []student.StudentProfileInput{
		{UniversityID: uni["Ege Üniversitesi"], Faculty: "Mühendislik Fakültesi", Programme: "Bilgisayar Mühendisliği", Year: 1,
			HomeCity: "Gəncə", Languages: []string{"az", "tr", "ru"}, Interests: []string{"satranç", "muğam"},
			Wants: []string{"accommodation", "city_life"}, Visible: true, Consent: true},
		{UniversityID: uni["Dokuz Eylül Üniversitesi"], Faculty: "Tıp Fakültesi", Programme: "Tıp", Year: 2,
			HomeCity: "Bakı", Languages: []string{"az", "en"}, Interests: []string{"futbol"},
			Wants: []string{"academic", "language"}, Visible: true, Consent: true},
	}
	for i, in := range students {
		in.ContactEmail = users[i].Email
		if _, err := a.Mentoring.SaveStudentProfile(ctx, as(users[i]), in); err != nil {
			return err
		}
	}
	mentors := []student.MentorProfileInput{
		{Kind: "alumni", UniversityID: uni["Ege Üniversitesi"], Field: "Mühendislik Fakültesi", HomeCity: "İzmir",
			Languages: []string{"tr", "az"}, Interests: []string{"Satranç"}, Offers: []string{"accommodation", "academic", "career"},
			Capacity: 3, Consent: true},
		{Kind: "volunteer", HomeCity: "İzmir", Languages: []string{"tr", "en"}, Interests: []string{"futbol"},
			Offers: []string{"city_life", "culture", "language"}, Capacity: 2, Consent: true},
	}
	for i, in := range mentors {
		u := users[2+i]
		in.ContactEmail = u.Email
		if _, err := a.Mentoring.SaveMentorProfile(ctx, as(u), in); err != nil {
			return err
		}
	}
	if err := a.Mentoring.SetMentorVerified(ctx, coordinator, users[2].ID, true); err != nil {
		return err
	}
	// The first student also asks the association for help (confidential support requests).
	return a.Students.SeedDemo(ctx, as(users[0]), coordinator)
}
