// Package app wires configuration, the database, the services and the HTTP surface into
// one running platform. routes.go lists every route.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/kopru-platform/kopru/internal/b2b"
	"github.com/kopru-platform/kopru/internal/config"
	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/partnership"
	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/mail"
	"github.com/kopru-platform/kopru/internal/platform/media"
	"github.com/kopru-platform/kopru/internal/platform/search"
	"github.com/kopru-platform/kopru/internal/platform/web"
	"github.com/kopru-platform/kopru/internal/podcast"
	"github.com/kopru-platform/kopru/internal/project"
	"github.com/kopru-platform/kopru/internal/student"
	"github.com/kopru-platform/kopru/internal/volunteer"
	"github.com/kopru-platform/kopru/ui"
)

// App is one running platform.
type App struct {
	Config   config.Config
	DB       *db.DB
	Log      *slog.Logger
	Catalog  *i18n.Catalog
	Renderer *web.Renderer
	Assets   *web.Assets
	Sessions *scs.SessionManager
	Outbox   *mail.Outbox
	Jobs     *jobs.Queue

	Identity    *identity.Service
	Partnership *partnership.Service
	Content     *content.Service
	Search      *search.Index
	Events      *events.Service
	B2B         *b2b.Service
	Delegations *b2b.Delegations
	Projects    *project.Service
	Tracker     *project.Tracker // the public accountability tracker (project_tracker.go)
	Volunteer   *volunteer.Service
	Mentoring   *student.Mentoring // student mentoring and pairings (student_mentoring.go)
	Students    *student.Service   // support requests (student_wiring.go)
	Podcast     *podcast.Service   // shows, episodes, feed and audio (podcast_wiring.go)

	identityPages  *identity.Handlers
	adminPages     *identity.AdminPages
	partnerPages   *partnership.Handlers
	contentPages   *content.Handlers
	searchPages    *content.SearchHandlers
	eventPages     *events.Handlers
	b2bPages       *b2b.Handlers
	dlgPages       *b2b.DelegationHandlers // trade delegations
	projectPages   *project.Handlers       // proposals, review and the tracker
	trackerPages   *project.TrackerHandlers
	volunteerPages *volunteer.Handlers
	mentoringPages *student.MentoringHandlers
	studentPages   *student.Handlers
	podcastPages   *podcast.Handlers
	podcastStats   *podcast.StatsHandlers // listening statistics (podcast_stats.go)
	metrics        *web.Metrics
	pageCache      *web.PageCache
	mainMux        *http.ServeMux // pages and API, for the fallback's 405 check
	routes         []Route
	handler        http.Handler
}

// Open connects to the configured database and migrates it; it does not build the web side.
func Open(ctx context.Context, cfg config.Config) (*db.DB, error) {
	d, err := db.Open(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	if err := d.Migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	// Data the migrations could not derive in SQL (folded search keys) is filled here.
	if err := identity.FillSearchKeys(ctx, d); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// New builds the platform on an open, migrated database.
func New(cfg config.Config, d *db.DB, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, DB: d, Log: log}
	var err error
	if a.Catalog, err = i18n.Load(ui.FS, "locales"); err != nil {
		return nil, err
	}
	if a.Assets, err = web.NewAssets(ui.FS, "static"); err != nil {
		return nil, err
	}
	if a.Renderer, err = web.NewRenderer(ui.FS, a.Catalog, a.Assets, log); err != nil {
		return nil, err
	}
	var sender mail.Sender
	if cfg.SMTP != "" {
		if sender, err = mail.NewSMTPSender(cfg.SMTP, cfg.MailFrom); err != nil {
			return nil, err
		}
	}
	a.Outbox = mail.NewOutbox(d, sender, log)
	a.Jobs = jobs.New(d, log)
	a.Sessions = identity.NewSessionManager(d, cfg.SecureCookies())

	a.Identity = identity.NewService(d, a.Outbox, a.Catalog, cfg.BaseURL, log)
	a.Partnership = partnership.NewService(d)

	a.identityPages = identity.NewHandlers(a.Identity, a.Sessions, a.Renderer, partnership.AccountNoticeVersion)
	a.adminPages = identity.NewAdminPages(a.identityPages, a.Outbox)
	a.partnerPages = partnership.NewHandlers(a.Partnership, a.Renderer)
	a.Renderer.LoginPage = "identity/login"
	a.metrics = web.NewMetrics(d.Pools())
	// Fifteen seconds: the home page's clocks show minutes, and edits by signed-in people
	// bypass the cache, so visitors see a change at most this late.
	a.pageCache = web.NewPageCache(15*time.Second, 2000)
	// Content: news, pages, the media library and the menu. Files live in cfg.Media: the
	// data directory's media folder, or an S3-compatible bucket for several instances.
	files, err := media.OpenStorage(context.Background(), cfg.Media)
	if err != nil {
		return nil, err
	}
	a.Search = search.New(d)
	a.Partnership.UseIndex(a.Search)
	a.searchPages = content.NewSearchHandlers(a.Search, a.Renderer)
	a.Renderer.Menu = a.siteMenu
	a.Content = content.NewService(d, a.Jobs, a.Search, files, log)
	a.Content.OnChange(a.pageCache.Purge)
	a.contentPages = content.NewHandlers(a.Content, a.Renderer, cfg.BaseURL, a.identityPages.Flash)
	// Events: the ticket key is an installation secret in the database, shared by every
	// instance, so a ticket mailed by one verifies at a gate served by another.
	ticketKey, err := secret(context.Background(), d, "tickets")
	if err != nil {
		return nil, err
	}
	a.Events = events.NewService(d, ticketKey)
	a.Events.UseJobs(a.Jobs) // reminder mails, a day before
	eventMail := events.NewNotifier(a.Events, a.Outbox, a.Catalog, cfg.BaseURL)
	eventMail.HandleJobs(a.Jobs)
	a.eventPages = events.NewHandlers(a.Events, a.Renderer, eventMail,
		cfg.BaseURL, a.defaultPartnership, a.identityPages.Flash)
	a.eventPages.OnChange(a.pageCache.Purge)
	a.Events.UseIndex(a.Search)
	a.Events.UseProgramme(eventDirectory{a.Identity}, eventLibrary{a.Content})
	a.eventPages.UsePartnerships(a.partnershipRef)
	a.B2B = b2b.NewService(d, b2bEvents{a.Events, a.Catalog})
	a.B2B.UseDirectory(b2bDirectory{a.Identity})
	a.B2B.UseMail(a.Jobs, a.Outbox, a.Catalog, cfg.BaseURL)
	a.Projects = project.NewService(d, projectDirectory{a.Identity})
	a.Projects.UseFiles(files)
	a.Projects.UseIndex(a.Search)
	a.Projects.UseMail(a.Jobs, a.Outbox, a.Catalog, cfg.BaseURL)
	a.projectPages = project.NewHandlers(a.Projects, a.Renderer, a.identityPages.Flash)
	a.eventPages.UseCompanions(b2bCompanion{a.B2B})
	a.wireTracker() // after UseMail and UseCompanions: it adds to both
	a.b2bPages = b2b.NewHandlers(a.B2B, a.Renderer, a.identityPages.Flash)
	a.wireDelegations()
	a.wireVolunteer()
	a.wireMentoring()
	a.wireStudents(files)
	a.wirePodcast(files)
	a.routes = a.routeTable()
	a.handler = a.buildHandler()
	return a, nil
}

// Handler is the whole HTTP surface.
func (a *App) Handler() http.Handler { return a.handler }

// Routes lists every route (the OpenAPI test walks it).
func (a *App) Routes() []Route { return a.routes }

// Run starts the background workers and serves on ln until ctx ends.
func (a *App) Run(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{}, 3)
	go func() { a.Outbox.Run(ctx, 30*time.Second); done <- struct{}{} }()
	go func() { a.Jobs.Start(ctx, 2, 5*time.Second); done <- struct{}{} }()
	go func() { a.sweepSessions(ctx); done <- struct{}{} }()
	err := web.Serve(ctx, ln, a.handler, a.Log)
	cancel()
	for range 3 {
		<-done
	}
	return err
}

// sweepSessions deletes expired sessions hourly; expired ones are never honoured anyway.
func (a *App) sweepSessions(ctx context.Context) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := identity.DeleteExpiredSessions(ctx, a.DB); err != nil && ctx.Err() == nil {
			a.Log.Warn("session sweep", "err", err)
		} else if n > 0 {
			a.Log.Debug("expired sessions removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// LoadDemoIfEmpty loads the demo partnership into an empty database (cfg.Demo "auto"),
// always ("on"), or never ("off"). It reports whether it loaded anything.
func (a *App) LoadDemoIfEmpty(ctx context.Context) (bool, error) {
	switch a.Config.Demo {
	case "off":
		return false, nil
	case "auto":
		var n int
		if err := a.DB.QueryRow(ctx, "SELECT COUNT(*) FROM users").Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, nil
		}
	}
	if err := a.LoadDemo(ctx); err != nil {
		return false, fmt.Errorf("demo: %w", err)
	}
	return true, nil
}

// siteMenu is the menu coordinators keep in the content module, as the layout shows it.
// A failure is logged and shows no menu rather than failing the page.
func (a *App) siteMenu(ctx context.Context, lang string) []web.NavLink {
	links, err := a.Content.Menu(ctx, lang)
	if err != nil {
		a.Log.Warn("site menu", "err", err)
		return nil
	}
	out := make([]web.NavLink, len(links))
	for i, l := range links {
		out[i] = web.NavLink{Label: l.Label, Lang: l.Lang, Href: l.Href}
	}
	return out
}

// defaultPartnership is the partnership new events belong to.
func (a *App) defaultPartnership(ctx context.Context) (int64, error) {
	p, err := a.Partnership.Default(ctx)
	if err != nil {
		return 0, err
	}
	return p.ID, nil
}
