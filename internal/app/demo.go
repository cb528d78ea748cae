package app

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Demo accounts are plainly fictional: example.org addresses and role names, no persons.
const (
	DemoAdminEmail       = "admin@kopru.example.org"
	demoCoordinatorEmail = "koordinator@kopru.example.org"
	demoReviewerEmail    = "degerlendirici@kopru.example.org"
	demoCredentialsFile  = "demo-admin.txt"
	// The two demo companies' representatives at the B2B forum (internal/b2b).
	demoExporterEmail = "ihracat@kopru.example.org"
	demoCarrierEmail  = "logistika@kopru.example.org"
)

// demoOrganisations are the bodies of the İzmir–Bakü partnership as the demo shows them.
var demoOrganisations = []identity.Organisation{
	{Name: "İzmir Büyükşehir Belediyesi", Kind: "municipality", City: "İzmir", Country: "TR", Website: "https://www.izmir.bel.tr"},
	{Name: "İzmir Azerbaycan Derneği (İZAZDER)", Kind: "association", City: "İzmir", Country: "TR"},
	{Name: "Bakı Şəhəri İcra Hakimiyyəti", Kind: "municipality", City: "Bakı", Country: "AZ"},
	{Name: "Ege Üniversitesi", Kind: "university", City: "İzmir", Country: "TR", Website: "https://ege.edu.tr"},
	{Name: "Dokuz Eylül Üniversitesi", Kind: "university", City: "İzmir", Country: "TR", Website: "https://www.deu.edu.tr"},
	{Name: "Örnek Zeytinyağı İhracat A.Ş. (demo)", Kind: "company", City: "İzmir", Country: "TR"},
	{Name: "Nümunə Logistika MMC (demo)", Kind: "company", City: "Bakı", Country: "AZ"},
}

// LoadDemo loads the İzmir–Bakü demo: the partnership and its timeline, the organisations,
// three demo accounts (admin, coordinator, reviewer) and the two demo companies'
// representatives at the B2B forum, sharing one generated password,
// written to the data directory so `kopru serve` can print it.
func (a *App) LoadDemo(ctx context.Context) error {
	// The load is a burst of garbage (password hashes of 19 MiB, generated audio, PDFs):
	// collect it sooner than usual so the first start's memory peak stays near the
	// server's, and give the memory back once done.
	defer debug.FreeOSMemory()
	defer debug.SetGCPercent(debug.SetGCPercent(20))
	if err := a.Partnership.SeedDemo(ctx); err != nil {
		return err
	}
	if err := a.Content.SeedDemo(ctx); err != nil {
		return err
	}
	password := newDemoPassword()
	users, err := a.Identity.CreateUsers(ctx, password,
		identity.Account{Email: DemoAdminEmail, Name: "Demo Yönetici", Locale: "tr", Roles: []string{identity.RoleAdmin}},
		identity.Account{Email: demoCoordinatorEmail, Name: "Demo Koordinatör", Locale: "tr", Roles: []string{identity.RoleCoordinator}},
		identity.Account{Email: demoReviewerEmail, Name: "Demo Değerlendirici", Locale: "tr", Roles: []string{identity.RoleReviewer}},
		identity.Account{Email: demoExporterEmail, Name: "Demo İhracat Temsilcisi", Locale: "tr"},
		identity.Account{Email: demoCarrierEmail, Name: "Demo Logistika Nümayəndəsi", Locale: "az"},
	)
	if errors.Is(err, identity.ErrEmailTaken) {
		return a.seedDemoEvents(ctx) // loaded before: keep the accounts, their password and the organisations
	}
	if err != nil {
		return err
	}
	coordinator, reviewer := users[1], users[2]
	exporter, carrier := b2b.DemoCompany{UserID: users[3].ID}, b2b.DemoCompany{UserID: users[4].ID}
	association := b2b.DemoCompany{UserID: reviewer.ID} // the association at the forum, for the demo requests
	for i, o := range demoOrganisations {
		org, err := a.Identity.SeedOrganisation(ctx, o)
		if err != nil {
			return err
		}
		// The coordinator works for the municipality, the reviewer for the association, and
		// each demo company has its representative.
		switch {
		case i == 0:
			err = a.Identity.AddMemberByID(ctx, org.ID, coordinator.ID, "manager")
		case i == 1:
			association.OrganisationID = org.ID
			err = a.Identity.AddMemberByID(ctx, org.ID, reviewer.ID, "manager")
		case o.Kind == "company" && o.Country == "TR":
			exporter.OrganisationID = org.ID
			err = a.Identity.AddMemberByID(ctx, org.ID, exporter.UserID, "manager")
		case o.Kind == "company" && o.Country == "AZ":
			carrier.OrganisationID = org.ID
			err = a.Identity.AddMemberByID(ctx, org.ID, carrier.UserID, "manager")
		}
		if err != nil {
			return err
		}
	}
	// The events come after the organisations, which they name as organisers and partners.
	if err := a.seedDemoEvents(ctx); err != nil {
		return err
	}
	organiser := &web.Viewer{ID: coordinator.ID, Name: coordinator.Name, Email: coordinator.Email, Roles: coordinator.Roles, Locale: coordinator.Locale}
	if err := a.seedDemoB2B(ctx, organiser, exporter, carrier, association); err != nil {
		return err
	}
	// The call for the 40th year and two proposals by the association (internal/project/proposal_demo.go).
	proposer := &web.Viewer{ID: reviewer.ID, Name: reviewer.Name, Email: reviewer.Email, Roles: reviewer.Roles, Locale: reviewer.Locale}
	if err := a.Projects.SeedDemoProposals(ctx, organiser, proposer, association.OrganisationID); err != nil {
		return err
	}
	// Students and mentors waiting to be paired (student_mentoring.go).
	if err := a.seedMentoringDemo(ctx, password, organiser); err != nil {
		return err
	}
	if err := a.seedDemoPodcast(ctx, organiser); err != nil { // the show İzmir–Bakü 40 (podcast_wiring.go)
		return err
	}
	if err := a.seedDemoPodcastStats(ctx, organiser); err != nil { // four weeks of its statistics (podcast_stats.go)
		return err
	}
	return os.WriteFile(a.demoCredentialsPath(), []byte(DemoAdminEmail+"\n"+password+"\n"), 0o600)
}

func (a *App) seedDemoEvents(ctx context.Context) error {
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		return err
	}
	if err := a.Events.SeedDemo(ctx, p.ID); err != nil {
		return err
	}
	forum, err := a.Events.BySlug(ctx, nil, "baku-izmir-is-forumu") // the demo business forum
	if err != nil {
		return err
	}
	if err := a.B2B.SeedDemo(ctx, forum.ID); err != nil {
		return err
	}
	if err := a.Delegations.SeedDemoDelegation(ctx); err != nil { // the İzmir→Bakü trade delegation
		return err
	}
	if err := a.seedDemoTracker(ctx); err != nil { // two projects on the tracker (project_tracker.go)
		return err
	}
	return a.seedDemoVolunteer(ctx) // festival volunteers, youth exchange (volunteer_programmes.go)
}

// seedDemoB2B makes the demo companies validated participants of the demo forum, with an
// offer and a request in the marketplace, adds the association with a few meeting
// requests between them, and has the organiser schedule and publish the accepted meeting.
func (a *App) seedDemoB2B(ctx context.Context, organiser *web.Viewer, exporter, carrier, association b2b.DemoCompany) error {
	forum, err := a.Events.BySlug(ctx, nil, "baku-izmir-is-forumu")
	if err != nil {
		return err
	}
	if err := a.B2B.SeedDemoParticipants(ctx, forum.ID, exporter, carrier); err != nil {
		return err
	}
	if err := a.B2B.SeedDemoRequests(ctx, forum.ID, exporter, carrier, association); err != nil {
		return err
	}
	return a.B2B.SeedDemoSchedule(ctx, forum.ID, organiser)
}

func (a *App) demoCredentialsPath() string { return filepath.Join(a.Config.Data, demoCredentialsFile) }

// DemoCredentials returns the demo administrator's email and password if the demo was
// loaded from this data directory.
func (a *App) DemoCredentials() (email, password string, ok bool) {
	b, err := os.ReadFile(a.demoCredentialsPath())
	if err != nil {
		return "", "", false
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 2 {
		return "", "", false
	}
	return lines[0], lines[1], true
}

func newDemoPassword() string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	s := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))
	return fmt.Sprintf("demo-%s-%s", s[:8], s[8:])
}
