package app

import (
	"context"
	"time"

	"github.com/kopru-platform/kopru/internal/events"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/student"
	"github.com/kopru-platform/kopru/internal/volunteer"
)

// The student's start page (/mentoring) lists upcoming events and open volunteer
// programmes; these finders are events and volunteer as the student module sees them.

// studentEvents finds upcoming public events for students: youth programmes first, then
// any other public event to fill the list.
func (a *App) studentEvents(ctx context.Context, lang string, limit int) ([]student.Opportunity, error) {
	now := time.Now().UTC()
	youth, err := a.Events.List(ctx, nil, events.Filter{Kind: events.YouthProgramme, From: &now, Limit: limit})
	if err != nil {
		return nil, err
	}
	list := youth
	if len(list) < limit {
		more, err := a.Events.List(ctx, nil, events.Filter{From: &now, Limit: limit + len(youth)})
		if err != nil {
			return nil, err
		}
		for _, e := range more {
			if len(list) < limit && e.Kind != events.YouthProgramme {
				list = append(list, e)
			}
		}
	}
	out := make([]student.Opportunity, 0, len(list))
	for _, e := range list {
		out = append(out, student.Opportunity{Title: e.Title.In(lang), Path: "/events/" + e.Slug,
			StartsAt: e.StartsAt, Zone: e.Location(), Place: e.Venue.Name, When: a.studentWhen(lang, e.StartsAt, e.Location())})
	}
	return out, nil
}

// studentVolunteering finds the published volunteer programmes that have not ended,
// soonest first.
func (a *App) studentVolunteering(ctx context.Context, lang string, limit int) ([]student.Opportunity, error) {
	cards, _, err := a.Volunteer.ListProgrammes(ctx, volunteer.ProgrammeFilter{}, limit, 0)
	if err != nil {
		return nil, err
	}
	out := make([]student.Opportunity, 0, len(cards))
	for _, c := range cards {
		p := c.Programme
		out = append(out, student.Opportunity{Title: p.Title.In(lang), Path: "/volunteer/" + p.Slug,
			StartsAt: p.StartsAt, Place: a.Catalog.T(lang, "volunteer.programmes.city."+p.City)})
	}
	return out, nil
}

// studentWhen writes t as a date and the time in both partner cities, the venue's city first:
// a student from Bakü in İzmir thinks in both.
func (a *App) studentWhen(lang string, t time.Time, venue *time.Location) string {
	izmir := i18n.Zone{Name: a.Catalog.T(lang, "events.city.izmir"), Location: i18n.MustLocation("Europe/Istanbul")}
	baku := i18n.Zone{Name: a.Catalog.T(lang, "events.city.baku"), Location: i18n.MustLocation("Asia/Baku")}
	first, second := izmir, baku
	if venue.String() == "Asia/Baku" {
		first, second = baku, izmir
	}
	return i18n.FormatDate(lang, t, first.Location) + " " + i18n.DualTime(lang, t, first, second)
}
