package project

import (
	"context"

	"github.com/kopru-platform/kopru/internal/platform/db"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
)

// Tracker keeps the public accountability tracker: projects, their milestones, indicators,
// progress updates, links, followers and history. It shares the module's Service (database,
// identity, search, mail) and adds what only the tracker needs from other modules.
type Tracker struct {
	*Service
	links    Linker   // nil: nothing can be linked
	pictures Pictures // nil: updates carry no photos
	onChange func()   // after a committed change: other pages (cached event pages) show links
	orgs     OrganisationList
}

// OrganisationList lists every organisation, for the editor's choice of a lead.
type OrganisationList interface {
	AllOrganisations(ctx context.Context) ([]Organisation, error)
}

// UseOrganisations lets the editor offer the organisations by name; without it the lead is
// typed as a number.
func (t *Tracker) UseOrganisations(l OrganisationList) { t.orgs = l }

// OnChange calls f after every committed change to a project, so cached pages that show
// projects (an event's page links to its project) are refreshed.
func (t *Tracker) OnChange(f func()) { t.onChange = f }

func (t *Tracker) changed(tx *db.Tx) {
	if t.onChange != nil {
		tx.AfterCommit(t.onChange)
	}
}

// LinkTarget is another module's object a project links to: its title and its page's path
// without the language ("/events/{slug}").
type LinkTarget struct {
	Title i18n.Text
	Path  string
}

// Linker finds the objects projects link to: events, business forums (events with a B2B
// programme) and news articles. Unknown, unpublished or unsuitable ids are left out, which
// is how a link to something that does not exist is refused.
type Linker interface {
	LinkTargets(ctx context.Context, kind string, ids []int64) (map[int64]LinkTarget, error)
}

// Picture is a media library image shown with a progress update.
type Picture struct {
	URL string
	Alt i18n.Text
}

// Pictures finds images in the media library; ids that are not images are left out.
type Pictures interface {
	Pictures(ctx context.Context, ids []int64) (map[int64]Picture, error)
}

// NewTracker adds the tracker to svc. Call it after svc.UseMail: followers' mails are
// registered on the same job queue.
func NewTracker(svc *Service, links Linker, pictures Pictures) *Tracker {
	t := &Tracker{Service: svc, links: links, pictures: pictures}
	if svc.jobs != nil {
		svc.jobs.Register(followMailJob, t.sendUpdateMail)
	}
	return t
}
