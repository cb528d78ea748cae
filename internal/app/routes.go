package app

import (
	"net/http"
	"strings"

	"github.com/kopru-platform/kopru/internal/content"
	"github.com/kopru-platform/kopru/internal/identity"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// Route is one entry of the HTTP surface.
type Route struct {
	Pattern string       // "METHOD /path" as net/http's ServeMux reads it
	Handler http.Handler //
	Kind    RouteKind
}

// RouteKind tells how a route is mounted.
type RouteKind int

const (
	// Page routes are mounted once per interface language: "GET /login" answers /tr/login,
	// /az/login and /en/login, with the language taken from the prefix.
	Page RouteKind = iota
	// API routes live under /api/v1, speak JSON and are described in the OpenAPI document.
	API
	// Plain routes are mounted as written (health, metrics, static files).
	Plain
)

// routeTable is the whole surface of the platform, in one place.
func (a *App) routeTable() []Route {
	id, admin, partner, c, ev := a.identityPages, a.adminPages, a.partnerPages, a.contentPages, a.eventPages
	signedIn := func(h http.HandlerFunc) http.Handler { return identity.RequireViewer(a.Renderer, h) }
	f := func(h http.HandlerFunc) http.Handler { return h }
	vs := a.volunteerSignupPages()
	// Public pages are kept briefly for anonymous visitors (see web.PageCache).
	cached := func(h http.HandlerFunc) http.Handler { return a.pageCache.Wrap(a.Sessions.Cookie.Name, h) }
	return []Route{
		// Public site
		{"GET /{$}", cached(partner.Home), Page},
		{"GET /timeline", cached(partner.Timeline), Page},
		{"GET /privacy/account", cached(partner.Privacy), Page},

		// Site-wide search
		{"GET /search", f(a.searchPages.Page), Page},
		{"GET /api/v1/search", f(a.searchPages.API), API},

		// Content
		{"GET /news", web.Revalidate(cached(c.NewsList)), Page},
		{"GET /news/feed.rss", web.Revalidate(cached(c.RSS)), Page}, // lean mux: no session (handler.go)
		{"GET /news/feed.atom", web.Revalidate(cached(c.Atom)), Page},
		{"GET /news/{slug}", web.Revalidate(cached(c.Article)), Page},
		{"GET /pages/{slug}", web.Revalidate(cached(c.Page)), Page},
		{"GET /admin/news", f(c.AdminNews), Page},
		{"GET /admin/news/new", f(c.NewNews), Page},
		{"POST /admin/news", f(c.CreateNews), Page},
		{"GET /admin/news/{id}", f(c.EditNews), Page},
		{"POST /admin/news/{id}", f(c.UpdateNews), Page},
		{"GET /admin/news/{id}/history", f(c.NewsHistory), Page},
		{"POST /admin/news/{id}/delete", f(c.DeleteNews), Page},
		{"GET /admin/pages", f(c.AdminPages), Page},
		{"GET /admin/pages/new", f(c.NewPage), Page},
		{"POST /admin/pages", f(c.CreatePage), Page},
		{"GET /admin/pages/{id}", f(c.EditPage), Page},
		{"POST /admin/pages/{id}", f(c.UpdatePage), Page},
		{"GET /admin/pages/{id}/history", f(c.PageHistory), Page},
		{"POST /admin/pages/{id}/delete", f(c.DeletePage), Page},
		{"GET /admin/media", f(c.Library), Page},
		{"POST /admin/media", f(c.Upload), Page}, // body limit: content.UploadBodyLimit (handler.go)
		{"GET /admin/media/{id}", f(c.MediaItem), Page},
		{"POST /admin/media/{id}", f(c.UpdateMedia), Page},
		{"POST /admin/media/{id}/delete", f(c.DeleteMedia), Page},
		{"GET /admin/menu", f(c.MenuAdmin), Page},
		{"POST /admin/menu", f(c.AddMenuItem), Page},
		{"POST /admin/menu/{id}/move", f(c.MoveMenuItem), Page},
		{"POST /admin/menu/{id}/delete", f(c.DeleteMenuItem), Page},
		{"GET /admin/categories", f(c.CategoriesAdmin), Page},
		{"POST /admin/categories", f(c.SaveCategory), Page},
		{"POST /admin/categories/{id}", f(c.SaveCategory), Page},
		{"POST /admin/categories/{id}/delete", f(c.DeleteCategory), Page},
		{"GET /api/v1/news", f(c.APIList(content.News)), API},
		{"POST /api/v1/news", f(c.APICreate(content.News)), API},
		{"GET /api/v1/news/{id}", f(c.APIGet(content.News)), API},
		{"PUT /api/v1/news/{id}", f(c.APIUpdate(content.News)), API},
		{"POST /api/v1/news/{id}/publish", f(c.APIPublish(content.News)), API},
		{"POST /api/v1/news/{id}/unpublish", f(c.APIUnpublish(content.News)), API},
		{"GET /api/v1/pages", f(c.APIList(content.Page)), API},
		{"POST /api/v1/pages", f(c.APICreate(content.Page)), API},
		{"GET /api/v1/pages/{id}", f(c.APIGet(content.Page)), API},
		{"PUT /api/v1/pages/{id}", f(c.APIUpdate(content.Page)), API},
		{"POST /api/v1/pages/{id}/publish", f(c.APIPublish(content.Page)), API},
		{"POST /api/v1/pages/{id}/unpublish", f(c.APIUnpublish(content.Page)), API},
		{"GET /media/{key...}", f(c.File), Plain},
		{"GET /sitemap.xml", web.Revalidate(cached(c.Sitemap("/", "/timeline", "/privacy/account", "/privacy/events", "/volunteer"))), Plain},
		{"GET /robots.txt", f(c.Robots), Plain},

		// Events
		{"GET /events", cached(ev.List), Page},
		// The calendar feed (lean mux, handler.go); the literal segment wins over {slug}.
		{"GET /events/calendar.ics", web.Revalidate(cached(ev.Calendar)), Page},
		{"GET /events/{slug}", cached(ev.Event), Page}, // also {slug}.ics, the calendar file
		{"GET /events/{slug}/agenda", cached(ev.Agenda), Page},
		{"POST /events/{slug}/register", f(ev.Register), Page},
		{"POST /events/{slug}/resend", f(ev.Resend), Page},
		{"GET /privacy/events", cached(ev.Privacy), Page}, // the registration form's privacy notice
		{"GET /events/{slug}/invitation", f(ev.InvitationForm), Page},
		{"POST /events/{slug}/invitation", f(ev.AcceptInvitation), Page},
		{"GET /tickets/{code}", f(ev.TicketOrPDF), Page}, // also {code}.pdf, the printable ticket
		{"GET /registrations/manage", f(ev.Manage), Page},
		{"POST /registrations/manage", f(ev.CancelManaged), Page},
		{"GET /my/events", f(ev.Mine), Page},
		{"POST /my/events/{id}/cancel", f(ev.CancelMine), Page},
		{"GET /admin/events", f(ev.AdminList), Page},
		{"GET /admin/events/new", f(ev.NewEvent), Page},
		{"POST /admin/events", f(ev.SaveEvent), Page},
		{"GET /admin/events/{id}", f(ev.EditEvent), Page},
		{"POST /admin/events/{id}", f(ev.SaveEvent), Page},
		{"GET /admin/events/{id}/registrations", f(ev.Registrations), Page},
		{"GET /admin/events/{id}/registrations.csv", f(ev.RegistrationsCSV), Page},
		{"GET /admin/events/{id}/registrations.xlsx", f(ev.RegistrationsXLSX), Page},
		{"POST /admin/events/{id}/invitations", f(ev.Invite), Page},
		{"GET /admin/events/{id}/badges.pdf", f(ev.Badges), Page},
		{"POST /admin/registrations/{id}/approve", f(ev.Approve), Page},
		{"GET /admin/events/{id}/checkin", f(ev.GatePage), Page},
		{"POST /admin/events/{id}/checkin", f(ev.GateScanPage), Page},
		{"POST /admin/events/{id}/scanners", f(ev.CreateScanner), Page},
		{"POST /admin/events/{id}/scanners/{tid}/revoke", f(ev.RevokeScanner), Page},
		{"GET /gate/{token}", f(ev.ScannerGatePage), Page}, // a scanner token: no account
		{"POST /gate/{token}", f(ev.ScannerGateScan), Page},
		// B2B matchmaking (internal/b2b)
		{"GET /admin/events/{id}/b2b", f(a.b2bPages.Setup), Page},
		{"POST /admin/events/{id}/b2b", f(a.b2bPages.SaveSetup), Page},
		{"GET /admin/events/{id}/b2b/profiles", f(a.b2bPages.Review), Page},
		{"POST /admin/events/{id}/b2b/profiles/{pid}", f(a.b2bPages.ReviewProfile), Page},
		{"GET /b2b/{slug}/join", f(a.b2bPages.Join), Page},
		{"POST /b2b/{slug}/join", f(a.b2bPages.SaveJoin), Page},
		{"GET /b2b/{slug}/profile", f(a.b2bPages.Profile), Page},
		{"POST /b2b/{slug}/profile", f(a.b2bPages.SaveProfile), Page},
		{"GET /b2b/{slug}/participants", f(a.b2bPages.Participants), Page},
		{"GET /b2b/{slug}/opportunities", f(a.b2bPages.Opportunities), Page},
		{"GET /b2b/{slug}/opportunities/new", f(a.b2bPages.NewOpportunity), Page},
		{"POST /b2b/{slug}/opportunities", f(a.b2bPages.CreateOpportunity), Page},
		{"GET /b2b/{slug}/opportunities/{oid}", f(a.b2bPages.EditOpportunity), Page},
		{"POST /b2b/{slug}/opportunities/{oid}", f(a.b2bPages.UpdateOpportunity), Page},
		{"POST /b2b/{slug}/opportunities/{oid}/delete", f(a.b2bPages.DeleteOpportunity), Page},
		// B2B outcome surveys and organiser statistics
		{"GET /b2b/{slug}/surveys", f(a.b2bPages.Surveys), Page},
		{"GET /b2b/{slug}/meetings/{mid}/survey", f(a.b2bPages.Survey), Page},
		{"POST /b2b/{slug}/meetings/{mid}/survey", f(a.b2bPages.SaveSurvey), Page},
		{"GET /admin/events/{id}/b2b/stats", f(a.b2bPages.Stats), Page},
		{"GET /admin/events/{id}/b2b/stats.csv", f(a.b2bPages.StatsCSV), Page},
		{"GET /admin/events/{id}/b2b/stats.xlsx", f(a.b2bPages.StatsXLSX), Page},
		{"GET /api/v1/events/{id}/b2b", f(a.b2bPages.APIGetProgramme), API},
		{"PUT /api/v1/events/{id}/b2b", f(a.b2bPages.APIPutProgramme), API},
		{"GET /api/v1/events/{id}/b2b/profiles", f(a.b2bPages.APIProfiles), API},
		{"POST /api/v1/events/{id}/b2b/profiles", f(a.b2bPages.APIJoin), API},
		{"GET /api/v1/b2b/profiles/{id}", f(a.b2bPages.APIProfile), API},
		{"PUT /api/v1/b2b/profiles/{id}", f(a.b2bPages.APIUpdateProfile), API},
		{"GET /api/v1/events/{id}/b2b/opportunities", f(a.b2bPages.APIOpportunities), API},
		{"POST /api/v1/events/{id}/b2b/opportunities", f(a.b2bPages.APICreateOpportunity), API},
		{"GET /api/v1/b2b/opportunities/{id}", f(a.b2bPages.APIOpportunity), API},
		{"PUT /api/v1/b2b/opportunities/{id}", f(a.b2bPages.APIUpdateOpportunity), API},
		{"DELETE /api/v1/b2b/opportunities/{id}", f(a.b2bPages.APIDeleteOpportunity), API},
		// B2B meeting requests, availability and recommendations
		{"GET /b2b/{slug}/requests", f(a.b2bPages.Requests), Page},
		{"GET /b2b/{slug}/requests/new", f(a.b2bPages.NewRequest), Page},
		{"POST /b2b/{slug}/requests", f(a.b2bPages.SendRequest), Page},
		{"POST /b2b/{slug}/requests/auto-accept", f(a.b2bPages.SaveAutoAccept), Page},
		{"POST /b2b/{slug}/requests/{rid}/{action}", f(a.b2bPages.AnswerRequest), Page},
		{"GET /b2b/{slug}/availability", f(a.b2bPages.Availability), Page},
		{"POST /b2b/{slug}/availability", f(a.b2bPages.SaveAvailability), Page},
		{"GET /b2b/{slug}/recommendations", f(a.b2bPages.Recommendations), Page},
		{"GET /api/v1/events/{id}/b2b/requests", f(a.b2bPages.APIRequests), API},
		{"POST /api/v1/events/{id}/b2b/requests", f(a.b2bPages.APISendRequest), API},
		{"POST /api/v1/b2b/requests/{id}/accept", f(a.b2bPages.APIAcceptRequest), API},
		{"POST /api/v1/b2b/requests/{id}/decline", f(a.b2bPages.APIDeclineRequest), API},
		{"POST /api/v1/b2b/requests/{id}/withdraw", f(a.b2bPages.APIWithdrawRequest), API},
		{"POST /api/v1/b2b/requests/{id}/cancel", f(a.b2bPages.APICancelMeeting), API},
		{"GET /api/v1/events/{id}/b2b/availability", f(a.b2bPages.APIAvailability), API},
		{"PUT /api/v1/events/{id}/b2b/availability", f(a.b2bPages.APIPutAvailability), API},
		{"GET /api/v1/events/{id}/b2b/recommendations", f(a.b2bPages.APIRecommendations), API},
		// B2B schedule: runs, adjustments by hand, publishing (internal/b2b schedule_run, moves, publish)
		{"GET /admin/events/{id}/b2b/schedule", f(a.b2bPages.SchedulePage), Page},
		{"POST /admin/events/{id}/b2b/schedule/run", f(a.b2bPages.RunSchedule), Page},
		{"POST /admin/events/{id}/b2b/schedule/publish", f(a.b2bPages.PublishSchedule), Page},
		{"POST /admin/events/{id}/b2b/schedule/meetings/{mid}", f(a.b2bPages.AdjustMeeting), Page},
		{"POST /api/v1/events/{id}/b2b/schedule-runs", f(a.b2bPages.APIRunSchedule), API},
		{"GET /api/v1/events/{id}/b2b/schedule-runs", f(a.b2bPages.APIRuns), API},
		{"POST /api/v1/events/{id}/b2b/publish", f(a.b2bPages.APIPublish), API},
		{"GET /api/v1/events/{id}/b2b/meetings", f(a.b2bPages.APIMeetings), API},
		{"GET /api/v1/b2b/meetings/{id}", f(a.b2bPages.APIMeeting), API},
		{"PATCH /api/v1/b2b/meetings/{id}", f(a.b2bPages.APIAdjustMeeting), API},
		// B2B agendas, sheets and attendance (internal/b2b: agenda*, sheets*, attendance*)
		{"GET /my/b2b", signedIn(a.b2bPages.MyAgendas), Page},
		{"GET /b2b/{slug}/agenda", f(a.b2bPages.Agenda), Page},
		{"GET /b2b/{slug}/agenda.pdf", f(a.b2bPages.AgendaPDF), Page},
		{"GET /b2b/{slug}/agenda.ics", f(a.b2bPages.AgendaICS), Page},
		{"POST /b2b/{slug}/agenda/meetings/{mid}/attendance", f(a.b2bPages.MarkFromAgenda), Page},
		{"GET /admin/events/{id}/b2b/sheets", f(a.b2bPages.Sheets), Page},
		{"GET /admin/events/{id}/b2b/sheets/tables.pdf", f(a.b2bPages.TablesPDF), Page},
		{"GET /admin/events/{id}/b2b/sheets/grid.pdf", f(a.b2bPages.GridPDF), Page},
		{"GET /admin/events/{id}/b2b/sheets/grid.csv", f(a.b2bPages.GridCSV), Page},
		{"GET /admin/events/{id}/b2b/sheets/meetings.csv", f(a.b2bPages.MeetingsCSV), Page},
		{"POST /admin/events/{id}/b2b/meetings/{mid}/attendance", f(a.b2bPages.MarkFromSheets), Page},
		{"GET /api/v1/events/{id}/b2b/agenda", f(a.b2bPages.APIAgenda), API},
		{"POST /api/v1/b2b/meetings/{id}/attendance", f(a.b2bPages.APIAttendance), API},
		{"GET /api/v1/events/{id}/b2b/stats", f(a.b2bPages.APIStats), API},
		{"GET /api/v1/events/{id}/b2b/surveys", f(a.b2bPages.APISurveys), API},
		{"POST /api/v1/b2b/meetings/{id}/survey", f(a.b2bPages.APIAnswerSurvey), API},
		// Project review: the queue, one page per proposal, joint decisions, official answers
		// (internal/project review*, assign, decision, answer*)
		{"GET /admin/proposals", f(a.projectPages.QueuePage), Page},
		{"POST /admin/proposals/assign", f(a.projectPages.BulkAssign), Page},
		{"POST /admin/proposals/publish", f(a.projectPages.BulkPublish), Page},
		{"GET /admin/proposals/{id}/review", f(a.projectPages.ReviewPage), Page},
		{"POST /admin/proposals/{id}/scores", f(a.projectPages.SaveScoresPage), Page},
		{"POST /admin/proposals/{id}/notes", f(a.projectPages.AddNotePage), Page},
		{"POST /admin/proposals/{id}/decision", f(a.projectPages.DecidePage), Page},
		{"POST /admin/proposals/{id}/reviewers", f(a.projectPages.AssignPage), Page},
		{"POST /admin/proposals/{id}/reviewers/{uid}/remove", f(a.projectPages.UnassignPage), Page},
		{"POST /admin/proposals/{id}/answer", f(a.projectPages.AnswerPage), Page},
		{"GET /admin/answer-templates", f(a.projectPages.TemplatesPage), Page},
		{"POST /admin/answer-templates", f(a.projectPages.SaveTemplatePage), Page},
		{"POST /admin/answer-templates/{tid}/delete", f(a.projectPages.DeleteTemplatePage), Page},
		{"GET /admin/reviews.csv", f(a.projectPages.ReviewsCSV), Page},
		{"GET /admin/reviews.xlsx", f(a.projectPages.ReviewsXLSX), Page},
		{"GET /admin/reviews.json", f(a.projectPages.ReviewsJSON), Page},
		{"GET /api/v1/reviews", f(a.projectPages.APIQueue), API},
		{"GET /api/v1/proposals/{id}/review", f(a.projectPages.APIReview), API},
		{"PUT /api/v1/proposals/{id}/scores", f(a.projectPages.APIPutScores), API},
		{"POST /api/v1/proposals/{id}/notes", f(a.projectPages.APIAddNote), API},
		{"POST /api/v1/proposals/{id}/decisions", f(a.projectPages.APIDecide), API},
		{"PUT /api/v1/proposals/{id}/answer", f(a.projectPages.APIPutAnswer), API},
		{"POST /api/v1/answers/publish", f(a.projectPages.APIPublishAnswers), API},
		{"POST /api/v1/proposals/{id}/reviewers", f(a.projectPages.APIAssign), API},
		{"DELETE /api/v1/proposals/{id}/reviewers/{uid}", f(a.projectPages.APIUnassign), API},
		// Trade delegations (internal/b2b/delegation*.go)
		{"GET /delegations", f(a.dlgPages.List), Page},
		{"GET /delegations/{slug}", f(a.dlgPages.Show), Page},
		{"GET /delegations/{slug}/apply", signedIn(a.dlgPages.ApplyForm), Page},
		{"POST /delegations/{slug}/apply", signedIn(a.dlgPages.Apply), Page},
		{"GET /delegations/{slug}/mine", signedIn(a.dlgPages.Mine), Page},
		{"GET /delegations/{slug}/members/{mid}/letter", signedIn(a.dlgPages.Letter), Page},
		{"GET /admin/delegations", f(a.dlgPages.AdminList), Page},
		{"GET /admin/delegations/new", f(a.dlgPages.NewDelegation), Page},
		{"POST /admin/delegations", f(a.dlgPages.SaveDelegation), Page},
		{"GET /admin/delegations/{id}", f(a.dlgPages.EditDelegation), Page},
		{"POST /admin/delegations/{id}", f(a.dlgPages.SaveDelegation), Page},
		{"GET /admin/delegations/{id}/people", f(a.dlgPages.People), Page},
		{"POST /admin/delegations/{id}/applications/{aid}", f(a.dlgPages.Decide), Page},
		{"POST /admin/delegations/{id}/members", f(a.dlgPages.AddMember), Page},
		{"POST /admin/delegations/{id}/members/{mid}", f(a.dlgPages.UpdateMember), Page},
		{"GET /admin/delegations/{id}/itinerary", f(a.dlgPages.Itinerary), Page},
		{"POST /admin/delegations/{id}/itinerary", f(a.dlgPages.SaveItem), Page},
		{"GET /admin/delegations/{id}/itinerary/{iid}", f(a.dlgPages.EditItem), Page},
		{"POST /admin/delegations/{id}/itinerary/{iid}", f(a.dlgPages.SaveItem), Page},
		{"POST /admin/delegations/{id}/itinerary/{iid}/delete", f(a.dlgPages.DeleteItem), Page},
		{"GET /api/v1/delegations", f(a.dlgPages.APIList), API},
		{"POST /api/v1/delegations", f(a.dlgPages.APICreate), API},
		{"GET /api/v1/delegations/{id}", f(a.dlgPages.APIGet), API},
		{"PUT /api/v1/delegations/{id}", f(a.dlgPages.APIUpdate), API},
		{"GET /api/v1/delegations/{id}/applications", f(a.dlgPages.APIApplications), API},
		{"POST /api/v1/delegations/{id}/applications", f(a.dlgPages.APIApply), API},
		{"POST /api/v1/delegation-applications/{id}/approve", f(a.dlgPages.APIApprove), API},
		{"POST /api/v1/delegation-applications/{id}/reject", f(a.dlgPages.APIReject), API},
		{"GET /api/v1/delegations/{id}/members", f(a.dlgPages.APIMembers), API},
		{"POST /api/v1/delegations/{id}/members", f(a.dlgPages.APIAddMember), API},
		{"PUT /api/v1/delegation-members/{id}", f(a.dlgPages.APISetRole), API},
		{"DELETE /api/v1/delegation-members/{id}", f(a.dlgPages.APIRemoveMember), API},
		{"GET /api/v1/delegations/{id}/itinerary", f(a.dlgPages.APIItinerary), API},
		{"POST /api/v1/delegations/{id}/itinerary", f(a.dlgPages.APIAddItem), API},
		{"PUT /api/v1/delegation-items/{id}", f(a.dlgPages.APIUpdateItem), API},
		{"DELETE /api/v1/delegation-items/{id}", f(a.dlgPages.APIDeleteItem), API},

		// Calls for proposals and proposals (internal/project/call*.go, proposal*.go)
		{"GET /calls", f(a.projectPages.CallList), Page},
		{"GET /calls/{slug}", f(a.projectPages.CallPage), Page},
		{"GET /calls/{slug}/propose", signedIn(a.projectPages.NewProposal), Page},
		{"POST /calls/{slug}/propose", signedIn(a.projectPages.CreateProposal), Page},
		{"GET /proposals", f(a.projectPages.ProposalList), Page},
		{"GET /proposals/new", signedIn(a.projectPages.NewProposal), Page},
		{"POST /proposals/new", signedIn(a.projectPages.CreateProposal), Page},
		{"GET /proposals/{id}", f(a.projectPages.ProposalPage), Page},
		{"GET /proposals/{id}/edit", signedIn(a.projectPages.EditProposal), Page},
		{"POST /proposals/{id}/edit", signedIn(a.projectPages.UpdateProposal), Page},
		{"POST /proposals/new/autosave", signedIn(a.projectPages.AutosaveNewProposal), Page}, // proposal_autosave.go: JSON for the form's script
		{"POST /calls/{slug}/propose/autosave", signedIn(a.projectPages.AutosaveNewProposal), Page},
		{"POST /proposals/{id}/autosave", signedIn(a.projectPages.AutosaveProposal), Page},
		{"POST /proposals/{id}/versions", signedIn(a.projectPages.CreateVersion), Page},
		{"POST /proposals/{id}/attachments", signedIn(a.projectPages.AddAttachment), Page}, // body limit: project.AttachmentBodyLimit (handler.go)
		{"POST /proposals/{id}/attachments/{aid}/delete", signedIn(a.projectPages.RemoveAttachment), Page},
		{"GET /proposals/{id}/attachments/{aid}", f(a.projectPages.ProposalAttachment), Page},
		{"GET /my/proposals", signedIn(a.projectPages.MyProposals), Page},
		{"GET /admin/calls", f(a.projectPages.AdminCalls), Page},
		{"GET /admin/calls/new", f(a.projectPages.NewCall), Page},
		{"POST /admin/calls", f(a.projectPages.SaveCall), Page},
		{"GET /admin/calls/{id}", f(a.projectPages.EditCall), Page},
		{"POST /admin/calls/{id}", f(a.projectPages.SaveCall), Page},
		{"GET /admin/proposals.csv", f(a.projectPages.ProposalsCSV), Page},
		{"GET /admin/proposals.xlsx", f(a.projectPages.ProposalsXLSX), Page},
		{"GET /admin/proposals.json", f(a.projectPages.ProposalsJSON), Page},
		{"GET /api/v1/calls", f(a.projectPages.APICalls), API},
		{"POST /api/v1/calls", f(a.projectPages.APICreateCall), API},
		{"GET /api/v1/calls/{id}", f(a.projectPages.APICall), API},
		{"PUT /api/v1/calls/{id}", f(a.projectPages.APIUpdateCall), API},
		{"GET /api/v1/proposals", f(a.projectPages.APIProposals), API},
		{"POST /api/v1/proposals", f(a.projectPages.APICreateProposal), API},
		{"GET /api/v1/proposals/{id}", f(a.projectPages.APIProposal), API},
		{"PUT /api/v1/proposals/{id}", f(a.projectPages.APIUpdateProposal), API},
		{"POST /api/v1/proposals/{id}/submit", f(a.projectPages.APISubmitProposal), API},
		{"POST /api/v1/proposals/{id}/versions", f(a.projectPages.APINewVersion), API},
		// Project tracker (internal/project tracker*.go, project_*.go)
		{"GET /projects", f(a.trackerPages.List), Page},
		{"GET /projects/{slug}", f(a.trackerPages.Show), Page},
		{"POST /projects/{slug}/follow", signedIn(a.trackerPages.Follow), Page},
		{"GET /admin/projects", f(a.trackerPages.AdminList), Page},
		{"GET /admin/projects/new", f(a.trackerPages.NewProject), Page},
		{"POST /admin/projects", f(a.trackerPages.SaveProject), Page},
		{"GET /admin/projects/{id}", f(a.trackerPages.EditProject), Page},
		{"POST /admin/projects/{id}", f(a.trackerPages.SaveProject), Page},
		{"POST /admin/projects/{id}/milestones", f(a.trackerPages.AddMilestone), Page},
		{"POST /admin/projects/{id}/milestones/{mid}", f(a.trackerPages.MilestoneDone), Page},
		{"POST /admin/projects/{id}/indicators", f(a.trackerPages.AddIndicator), Page},
		{"POST /admin/projects/{id}/indicators/{iid}", f(a.trackerPages.IndicatorActual), Page},
		{"POST /admin/projects/{id}/updates", f(a.trackerPages.PostUpdate), Page},
		{"POST /admin/projects/{id}/links", f(a.trackerPages.AddLink), Page},
		{"GET /admin/projects.csv", f(a.trackerPages.ExportCSV), Page},
		{"GET /admin/projects.xlsx", f(a.trackerPages.ExportXLSX), Page},
		{"GET /admin/projects.json", f(a.trackerPages.ExportJSON), Page},
		{"GET /admin/projects/import", f(a.trackerPages.ImportForm), Page},
		{"POST /admin/projects/import", f(a.trackerPages.Import), Page},
		{"GET /api/v1/projects", f(a.trackerPages.APIList), API},
		{"POST /api/v1/projects", f(a.trackerPages.APICreate), API},
		{"GET /api/v1/projects/{id}", f(a.trackerPages.APIGet), API},
		{"PUT /api/v1/projects/{id}", f(a.trackerPages.APIUpdate), API},
		{"POST /api/v1/projects/{id}/updates", f(a.trackerPages.APIPostUpdate), API},
		{"PUT /api/v1/projects/{id}/indicators/{iid}", f(a.trackerPages.APIIndicator), API},
		{"POST /api/v1/projects/{id}/follow", f(a.trackerPages.APIFollow), API},

		// Volunteering programmes, roles and shifts (internal/volunteer programme*.go)
		{"GET /volunteer", f(a.volunteerPages.ProgrammeList), Page},
		{"GET /volunteer/{slug}", f(a.volunteerPages.ProgrammePage), Page},
		{"GET /admin/volunteer", f(a.volunteerPages.AdminProgrammeList), Page},
		{"GET /admin/volunteer/new", f(a.volunteerPages.NewProgramme), Page},
		{"POST /admin/volunteer/new", f(a.volunteerPages.CreateProgramme), Page},
		{"GET /admin/volunteer/{id}", f(a.volunteerPages.EditProgramme), Page},
		{"POST /admin/volunteer/{id}", f(a.volunteerPages.SaveProgramme), Page},
		{"GET /api/v1/volunteer/programmes", f(a.volunteerPages.APIProgrammes), API},
		{"POST /api/v1/volunteer/programmes", f(a.volunteerPages.APICreateProgramme), API},
		{"GET /api/v1/volunteer/programmes/{id}", f(a.volunteerPages.APIProgramme), API},
		{"PUT /api/v1/volunteer/programmes/{id}", f(a.volunteerPages.APIUpdateProgramme), API},
		{"POST /api/v1/volunteer/programmes/{id}/roles", f(a.volunteerPages.APIAddRole), API},
		{"POST /api/v1/volunteer/programmes/{id}/shifts", f(a.volunteerPages.APIAddShift), API},
		{"PUT /api/v1/volunteer/shifts/{id}", f(a.volunteerPages.APIUpdateShift), API},
		{"DELETE /api/v1/volunteer/shifts/{id}", f(a.volunteerPages.APIDeleteShift), API},
		// Podcast (internal/podcast: http.go, feed_http.go, audio_http.go, pages.go, admin.go, form.go, api.go).
		// The feed and files live at stable addresses without a language prefix, on the lean
		// mux (handler.go): feed.xml, artwork, {guid}.mp3|m4a, .vtt, .chapters.json.
		{"GET /podcast/{slug}/{file}", f(a.podcastPages.Files), Plain},
		{"/podcast/", f(a.podcastPages.Unknown), Plain}, // any other path there: localized 404 (podcast/http.go)
		{"GET /podcast", cached(a.podcastPages.Index), Page},
		{"GET /podcast/{slug}", cached(a.podcastPages.ShowPage), Page},
		{"GET /podcast/{slug}/{episode}", cached(a.podcastPages.EpisodePage), Page},
		{"GET /podcast/{slug}/{episode}/embed", f(a.podcastPages.Embed), Page}, // may be framed by other sites (own CSP)
		{"GET /admin/podcast", f(a.podcastPages.AdminIndex), Page},
		{"GET /admin/podcast/shows/new", f(a.podcastPages.NewShow), Page},
		{"POST /admin/podcast/shows", f(a.podcastPages.SaveShow), Page}, // body limit: podcast.UploadBodyLimit (handler.go)
		{"GET /admin/podcast/shows/{id}", f(a.podcastPages.EditShow), Page},
		{"POST /admin/podcast/shows/{id}", f(a.podcastPages.SaveShow), Page},
		{"GET /admin/podcast/shows/{id}/episodes/new", f(a.podcastPages.NewEpisode), Page},
		{"POST /admin/podcast/shows/{id}/episodes", f(a.podcastPages.CreateEpisode), Page},
		{"GET /admin/podcast/episodes/{id}", f(a.podcastPages.EditEpisode), Page},
		{"POST /admin/podcast/episodes/{id}", f(a.podcastPages.UpdateEpisode), Page},
		{"POST /admin/podcast/episodes/{id}/publish", f(a.podcastPages.PublishEpisode), Page},
		{"GET /admin/podcast/episodes/{id}/{file}", f(a.podcastPages.DraftFile), Page}, // audio.mp3 of a draft, for the preview
		{"GET /api/v1/podcast/shows", f(a.podcastPages.APIShows), API},
		{"POST /api/v1/podcast/shows", f(a.podcastPages.APICreateShow), API},
		{"GET /api/v1/podcast/shows/{id}", f(a.podcastPages.APIShow), API},
		{"PUT /api/v1/podcast/shows/{id}", f(a.podcastPages.APIUpdateShow), API},
		{"GET /api/v1/podcast/shows/{id}/episodes", f(a.podcastPages.APIEpisodes), API},
		{"POST /api/v1/podcast/shows/{id}/episodes", f(a.podcastPages.APICreateEpisode), API}, // multipart upload
		{"GET /api/v1/podcast/episodes/{id}", f(a.podcastPages.APIEpisode), API},
		{"PUT /api/v1/podcast/episodes/{id}", f(a.podcastPages.APIUpdateEpisode), API},
		{"POST /api/v1/podcast/episodes/{id}/publish", f(a.podcastPages.APIPublish), API},
		// Podcast deletion (internal/podcast: delete.go, delete_http.go).
		{"POST /admin/podcast/shows/{id}/delete", f(a.podcastPages.DeleteShow), Page},
		{"POST /admin/podcast/episodes/{id}/delete", f(a.podcastPages.DeleteEpisode), Page},
		{"DELETE /api/v1/podcast/shows/{id}", f(a.podcastPages.APIDeleteShow), API},
		{"DELETE /api/v1/podcast/episodes/{id}", f(a.podcastPages.APIDeleteEpisode), API},

		// Podcast listening statistics (internal/podcast: stats.go, stats_http.go, stats_report.go;
		// wiring internal/app/podcast_stats.go). Downloads are counted by the audio handler above.
		{"POST /podcast/{slug}/{episode}/listen", f(a.podcastStats.Listen), Page}, // the player's beacon; same-origin only (CrossOriginProtection)
		{"GET /admin/podcast/shows/{id}/stats", f(a.podcastStats.Page), Page},
		{"GET /admin/podcast/shows/{id}/stats.csv", f(a.podcastStats.CSV), Page},
		{"GET /api/v1/podcast/shows/{id}/stats", f(a.podcastStats.API), API},

		{"GET /api/v1/events", f(ev.APIList), API},
		{"POST /api/v1/events", f(ev.APICreate), API},
		{"GET /api/v1/events/{id}", f(ev.APIGet), API},
		{"PUT /api/v1/events/{id}", f(ev.APIUpdate), API},
		{"POST /api/v1/events/{id}/registrations", f(ev.APIRegister), API},
		{"GET /api/v1/events/{id}/registrations", f(ev.APIRegistrations), API},
		{"DELETE /api/v1/registrations/{id}", f(ev.APICancel), API},
		{"POST /api/v1/checkins", f(ev.APICheckin), API},
		{"POST /api/v1/events/{id}/gate/scans", f(ev.APIGateScan), API}, // staff, or Kopru-Scanner-Token
		{"POST /api/v1/events/{id}/gate/uploads", f(ev.APIGateUpload), API},
		{"GET /api/v1/events/{id}/gate/counters", f(ev.APIGateCounters), API},
		{"GET /api/v1/events/{id}/gate/tickets", f(ev.APIGateTickets), API},

		// Volunteer certificates: my certificates, the PDF, public verification
		// (internal/volunteer/certificate*.go)
		{"GET /my/volunteer/certificates", f(a.volunteerPages.MyCertificates), Page},
		{"GET /my/volunteer/programmes/{id}/certificate.pdf", f(a.volunteerPages.CertificatePDF), Page},
		{"GET /admin/volunteer/programmes/{id}/volunteers/{uid}/certificate.pdf", f(a.volunteerPages.VolunteerCertificatePDF), Page},
		{"GET /volunteer/certificates", f(a.volunteerPages.FindCertificate), Page},
		{"GET /volunteer/certificates/{code}", f(a.volunteerPages.VerifyCertificate), Page},
		{"GET /api/v1/volunteer/certificates/{code}", f(a.volunteerPages.APICertificate), API},

		// Volunteer hours: attendance and walk-ins, hours logged and approved, reports
		// (internal/volunteer attendance*.go, hours*.go, report*.go)
		{"GET /admin/volunteer/shifts/{id}/attendance", f(a.volunteerPages.AttendancePage), Page},
		{"POST /admin/volunteer/shifts/{id}/attendance", f(a.volunteerPages.SaveAttendance), Page},
		{"GET /admin/volunteer/hours", f(a.volunteerPages.HoursQueuePage), Page},
		{"POST /admin/volunteer/hours/approve", f(a.volunteerPages.ApproveHoursPage), Page},
		{"POST /admin/volunteer/hours/reject", f(a.volunteerPages.RejectHoursPage), Page},
		{"GET /my/volunteer/hours", f(a.volunteerPages.MyHoursPage), Page},
		{"POST /my/volunteer/hours", f(a.volunteerPages.LogHoursPage), Page},
		{"POST /my/volunteer/hours/{id}/withdraw", f(a.volunteerPages.WithdrawHoursPage), Page},
		{"GET /admin/volunteer/reports", f(a.volunteerPages.ReportPage), Page},
		{"GET /admin/volunteer/reports.csv", f(a.volunteerPages.ReportCSV), Page},
		{"GET /admin/volunteer/reports.xlsx", f(a.volunteerPages.ReportXLSX), Page},
		{"GET /api/v1/volunteer/hours", f(a.volunteerPages.APIListHours), API},
		{"POST /api/v1/volunteer/hours", f(a.volunteerPages.APILogHours), API},
		{"DELETE /api/v1/volunteer/hours/{id}", f(a.volunteerPages.APIWithdrawHours), API},
		{"POST /api/v1/volunteer/hours/{id}/approve", f(a.volunteerPages.APIApproveHours), API},
		{"POST /api/v1/volunteer/hours/{id}/reject", f(a.volunteerPages.APIRejectHours), API},
		{"PUT /api/v1/volunteer/shifts/{id}/attendance", f(a.volunteerPages.APIPutAttendance), API},

		// Student mentoring: profiles, suggestions, pairings (internal/student mentoring*, profile*,
		// pairing*; wiring in student_mentoring.go)
		{"GET /mentoring", f(a.mentoringPages.Home), Page},
		{"GET /mentoring/privacy", f(a.mentoringPages.Privacy), Page},
		{"GET /mentoring/profile", f(a.mentoringPages.StudentForm), Page},
		{"POST /mentoring/profile", f(a.mentoringPages.SaveStudent), Page},
		{"GET /mentoring/mentor", f(a.mentoringPages.MentorForm), Page},
		{"POST /mentoring/mentor", f(a.mentoringPages.SaveMentor), Page},
		{"POST /mentoring/choose", f(a.mentoringPages.Choose), Page},
		{"GET /mentoring/pairings/{id}/end", f(a.mentoringPages.EndForm), Page},
		{"POST /mentoring/pairings/{id}/end", f(a.mentoringPages.End), Page},
		{"GET /admin/mentoring", f(a.mentoringPages.Admin), Page},
		{"POST /admin/mentoring/pair", f(a.mentoringPages.Pair), Page},
		{"POST /admin/mentoring/settings", f(a.mentoringPages.Settings), Page},
		{"GET /admin/mentoring/propose", f(a.mentoringPages.Propose), Page},
		{"POST /admin/mentoring/propose", f(a.mentoringPages.ConfirmAll), Page},
		{"GET /admin/mentoring/mentors", f(a.mentoringPages.Mentors), Page},
		{"POST /admin/mentoring/mentors/{id}/verify", f(a.mentoringPages.Verify), Page},
		{"GET /admin/mentoring/universities", f(a.mentoringPages.Universities), Page},
		{"POST /admin/mentoring/universities", f(a.mentoringPages.AddUniversity), Page},
		{"POST /admin/mentoring/universities/{id}", f(a.mentoringPages.UpdateUniversity), Page},
		{"GET /api/v1/mentoring/universities", f(a.mentoringPages.APIUniversities), API},
		{"GET /api/v1/mentoring/profile", signedIn(a.mentoringPages.APIStudentProfile), API},
		{"PUT /api/v1/mentoring/profile", signedIn(a.mentoringPages.APISaveStudentProfile), API},
		{"GET /api/v1/mentoring/mentor", signedIn(a.mentoringPages.APIMentorProfile), API},
		{"PUT /api/v1/mentoring/mentor", signedIn(a.mentoringPages.APISaveMentorProfile), API},
		{"GET /api/v1/mentoring/suggestions", signedIn(a.mentoringPages.APISuggestions), API},
		{"GET /api/v1/mentoring/pairings", signedIn(a.mentoringPages.APIPairings), API},
		{"POST /api/v1/mentoring/pairings", signedIn(a.mentoringPages.APIPair), API},
		{"POST /api/v1/mentoring/pairings/{id}/end", signedIn(a.mentoringPages.APIEnd), API},
		// Student support requests (internal/student: http_student.go, http_admin.go,
		// http_files.go, api_requests.go; wiring in student_wiring.go)
		{"GET /support", f(a.studentPages.Mine), Page},
		{"GET /support/new", f(a.studentPages.NewForm), Page},
		{"POST /support", f(a.studentPages.Create), Page}, // body limit: student.UploadBodyLimit (handler.go)
		{"GET /support/export.json", f(a.studentPages.Export), Page},
		{"GET /support/{id}", f(a.studentPages.Show), Page},
		{"POST /support/{id}/messages", f(a.studentPages.Reply), Page},
		{"POST /support/{id}/delete", f(a.studentPages.AskDeletion), Page},
		{"GET /support/{id}/files/{aid}", f(a.studentPages.File), Page},
		{"GET /privacy/support", f(a.studentPages.Privacy), Page},
		{"GET /admin/support", f(a.studentPages.AdminList), Page},
		{"GET /admin/support/reports", f(a.studentPages.Reports), Page},
		{"GET /admin/support/reports.csv", f(a.studentPages.ReportsCSV), Page},
		{"GET /admin/support/audit", f(a.studentPages.AuditLog), Page},
		{"GET /admin/support/{id}", f(a.studentPages.AdminShow), Page},
		{"POST /admin/support/{id}/assign", f(a.studentPages.Assign), Page},
		{"POST /admin/support/{id}/messages", f(a.studentPages.AdminReply), Page},
		{"POST /admin/support/{id}/triage", f(a.studentPages.Update), Page},
		{"POST /admin/support/{id}/close", f(a.studentPages.Close), Page},
		{"POST /admin/support/{id}/delete", f(a.studentPages.ConfirmDeletion), Page},
		{"GET /api/v1/support/requests", signedIn(a.studentPages.APIList), API},
		{"POST /api/v1/support/requests", signedIn(a.studentPages.APICreate), API},
		{"GET /api/v1/support/requests/{id}", signedIn(a.studentPages.APIGet), API},
		{"PUT /api/v1/support/requests/{id}", signedIn(a.studentPages.APIUpdate), API},
		{"POST /api/v1/support/requests/{id}/messages", signedIn(a.studentPages.APIReply), API},
		{"GET /api/v1/support/reports", signedIn(a.studentPages.APIReports), API},

		// Accounts
		{"GET /register", f(id.RegisterForm), Page},
		{"POST /register", f(id.Register), Page},
		{"GET /confirm", f(id.Confirm), Page},
		{"POST /confirm/resend", f(id.ResendConfirmation), Page},
		{"GET /login", f(id.LoginForm), Page},
		{"POST /login", f(id.Login), Page},
		{"POST /logout", f(id.Logout), Page},
		{"GET /password/forgot", f(id.ForgotForm), Page},
		{"POST /password/forgot", f(id.Forgot), Page},
		{"GET /password/reset", f(id.ResetForm), Page},
		{"POST /password/reset", f(id.Reset), Page},
		{"GET /me", f(id.Account), Page},
		{"POST /me", f(id.UpdateAccount), Page},
		{"POST /me/tokens", f(id.CreateTokenPage), Page},
		{"POST /me/tokens/{id}/revoke", f(id.RevokeTokenPage), Page},
		{"POST /me/newsletter", f(id.Newsletter), Page},

		// Volunteer sign-ups, my shifts, guardian consent, rosters (internal/volunteer signup*.go,
		// my_*.go, profile*.go, consent*.go, roster*.go; internal/app/volunteer_signups.go)
		{"POST /volunteer/shifts/{id}/signup", f(vs.SignUp), Page},
		{"GET /volunteer/signup/confirm", f(vs.GuestConfirmForm), Page},
		{"POST /volunteer/signup/confirm", f(vs.GuestConfirm), Page},
		{"POST /volunteer/{slug}/consent", signedIn(vs.Consent), Page},
		{"GET /my/volunteer", signedIn(vs.MyVolunteer), Page},
		{"POST /my/volunteer/signups/{id}/cancel", signedIn(vs.CancelSignup), Page},
		{"POST /my/volunteer/signups/{id}/swap", signedIn(vs.SwapSignup), Page},
		{"GET /my/volunteer/profile", signedIn(vs.Profile), Page},
		{"POST /my/volunteer/profile", signedIn(vs.SaveProfile), Page},
		{"GET /admin/volunteer/shifts/{id}/roster", f(vs.Roster), Page},
		{"GET /admin/volunteer/shifts/{id}/roster.csv", f(vs.RosterCSV), Page},
		{"POST /admin/volunteer/shifts/{id}/roster/assign", f(vs.RosterAssign), Page},
		{"POST /admin/volunteer/shifts/{id}/roster/consent", f(vs.RosterConsent), Page},
		{"POST /admin/volunteer/signups/{id}/move", f(vs.RosterMove), Page},
		{"GET /api/v1/volunteer/shifts/{id}/signups", signedIn(vs.APIShiftSignups), API},
		{"POST /api/v1/volunteer/shifts/{id}/signups", signedIn(vs.APISignUp), API},
		{"DELETE /api/v1/volunteer/signups/{id}", signedIn(vs.APICancel), API},
		{"GET /api/v1/me/volunteer/signups", signedIn(vs.APIMySignups), API},
		{"GET /api/v1/me/volunteer/profile", signedIn(vs.APIProfile), API},
		{"PUT /api/v1/me/volunteer/profile", signedIn(vs.APIPutProfile), API},

		// Administration
		{"GET /admin", f(admin.Dashboard), Page},
		{"GET /admin/users", f(admin.Users), Page},
		{"POST /admin/users/{id}/roles", f(admin.SetRoles), Page},
		{"GET /admin/organisations", f(admin.Organisations), Page},
		{"POST /admin/organisations", f(admin.CreateOrganisation), Page},
		{"GET /admin/organisations/{id}", f(admin.Organisation), Page},
		{"POST /admin/organisations/{id}", f(admin.UpdateOrganisation), Page},
		{"POST /admin/organisations/{id}/members", f(admin.AddMember), Page},
		{"POST /admin/organisations/{id}/members/{uid}/remove", f(admin.RemoveMember), Page},
		{"GET /admin/outbox", f(admin.Outbox), Page},

		// JSON API
		{"GET /api/v1/openapi.json", f(a.openAPI), API},
		{"POST /api/v1/session", f(id.APILogin), API},
		{"DELETE /api/v1/session", f(id.APILogout), API},
		{"GET /api/v1/me", signedIn(id.APIMe), API},
		{"GET /api/v1/tokens", signedIn(id.APITokens), API},
		{"POST /api/v1/tokens", signedIn(id.APICreateToken), API},
		{"DELETE /api/v1/tokens/{id}", signedIn(id.APIRevokeToken), API},
		{"GET /api/v1/admin/users", signedIn(id.APIUsers), API},
		{"GET /api/v1/partnerships", f(partner.APIList), API},

		// Operations and files
		{"GET /healthz", f(a.healthz), Plain},
		{"GET /readyz", f(a.readyz), Plain},
		{"GET /metrics", a.metrics.Handler(), Plain},
		{"GET /static/{path...}", a.Assets, Plain},
	}
}

// mount registers the route table on a new ServeMux, pages once per language.
func (a *App) mount(kinds ...RouteKind) *http.ServeMux {
	mux := http.NewServeMux()
	for _, r := range a.routes {
		if !containsKind(kinds, r.Kind) {
			continue
		}
		switch r.Kind {
		case Page:
			method, path, _ := strings.Cut(r.Pattern, " ")
			for _, lang := range i18n.Supported {
				mux.Handle(method+" /"+lang+path, withLocale(lang, r.Handler))
			}
		case API:
			mux.Handle(r.Pattern, a.apiLocale(r.Handler))
		default:
			mux.Handle(r.Pattern, r.Handler)
		}
	}
	if containsKind(kinds, Page) {
		for _, lang := range i18n.Supported {
			mux.Handle("GET /"+lang, http.RedirectHandler("/"+lang+"/", http.StatusMovedPermanently))
		}
		mux.HandleFunc("/", a.fallback)
		a.mainMux = mux
	}
	return mux
}

func containsKind(kinds []RouteKind, k RouteKind) bool {
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// withLocale serves a page in lang and remembers the choice in a cookie, so "/" later
// leads back to the same language.
func withLocale(lang string, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, err := r.Cookie(langCookie); err != nil || c.Value != lang {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		}
		h.ServeHTTP(w, web.WithLocale(r, lang))
	})
}
