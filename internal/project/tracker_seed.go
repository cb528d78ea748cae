package project

import (
	"context"
	"errors"

	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// DemoRefs are the demo objects the demo projects point at.
type DemoRefs struct {
	Festival, Forum int64 // events; the forum has a B2B programme
	Association     int64 // the lead organisation of the festival project
	Municipality    int64 // the lead organisation of the forum project
}

// demoKeeper is the demo's changes' author: the tracker itself, no person (history shows
// no name).
var demoKeeper = &web.Viewer{Roles: []string{"coordinator"}}

// SeedDemo puts two projects on the tracker, once: the 40th-year youth festival in progress
// (milestones, indicators, two updates, linked to the festival) and the completed business
// forum (linked to the forum and its B2B programme).
func (t *Tracker) SeedDemo(ctx context.Context, refs DemoRefs) error {
	if _, err := t.ProjectBySlug(ctx, "kardeslik-40-genclik-festivali"); err == nil || !errors.Is(err, ErrNotFound) {
		return err
	}
	fest, err := t.CreateProject(ctx, demoKeeper, ProjectInput{Slug: "kardeslik-40-genclik-festivali",
		Title: i18n.Text{TR: "Kardeşliğin 40. Yılı Gençlik Festivali", AZ: "Qardaşlığın 40-cı ili Gənclik Festivalı", EN: "40th Year of Sisterhood Youth Festival"},
		Summary: i18n.Text{TR: "İzmirli ve Bakülü gençlerin birlikte hazırladığı müzik, dans ve söyleşi programı; gönüllüler dernekten.",
			AZ: "İzmirli və Bakılı gənclərin birlikdə hazırladığı musiqi, rəqs və söhbət proqramı; könüllülər dərnəkdən.",
			EN: "Music, dance and talks prepared together by young people from İzmir and Bakü, with the association's volunteers."},
		Themes: []string{"youth", "culture"}, OrganisationID: refs.Association, Status: InProgress, Progress: 45,
		StartsOn: "2026-03-01", EndsOn: "2026-10-31", Currency: "TRY", PlannedMinor: 85_000_000, SpentMinor: 31_250_000})
	if err != nil {
		return err
	}
	if err := t.seedFestivalParts(ctx, fest.ID, refs.Festival); err != nil {
		return err
	}
	forum, err := t.CreateProject(ctx, demoKeeper, ProjectInput{Slug: "baku-izmir-is-forumu-projesi",
		Title:   i18n.Text{TR: "Bakü–İzmir İş Forumu ve B2B Görüşmeleri", AZ: "Bakı–İzmir Biznes Forumu və B2B görüşləri", EN: "Bakü–İzmir Business Forum and B2B Meetings"},
		Summary: i18n.Text{TR: "Liman, lojistik ve gıda şirketlerini ikili görüşmelerde buluşturan forum.", AZ: "Liman, logistika və qida şirkətlərini ikitərəfli görüşlərdə bir araya gətirən forum.", EN: "A forum bringing port, logistics and food companies together in one-to-one meetings."},
		Themes:  []string{"trade"}, OrganisationID: refs.Municipality, Status: Completed, Progress: 100,
		StartsOn: "2026-01-15", EndsOn: "2026-05-31", Currency: "AZN", PlannedMinor: 4_000_000, SpentMinor: 3_720_000})
	if err != nil {
		return err
	}
	if _, err := t.AddIndicator(ctx, demoKeeper, forum.ID, Indicator{Name: i18n.Text{TR: "B2B görüşmesi", AZ: "B2B görüşü", EN: "B2B meetings"}, Unit: "", Target: 200, Actual: 214}); err != nil {
		return err
	}
	for _, kind := range []string{"event", "b2b"} {
		if err := t.AddLink(ctx, demoKeeper, forum.ID, kind, refs.Forum); err != nil {
			return err
		}
	}
	return nil
}

func (t *Tracker) seedFestivalParts(ctx context.Context, id, festival int64) error {
	for _, m := range []Milestone{
		{Title: i18n.Text{TR: "Program ve sanatçılar belirlendi", AZ: "Proqram və sənətçilər müəyyənləşdi", EN: "Programme and artists chosen"}, DueOn: "2026-04-15", DoneOn: "2026-04-10"},
		{Title: i18n.Text{TR: "Gönüllü eğitimi", AZ: "Könüllülərin təlimi", EN: "Volunteer training"}, DueOn: "2026-06-01"},
		{Title: i18n.Text{TR: "Festival günleri", AZ: "Festival günləri", EN: "Festival days"}, DueOn: "2026-09-20"},
	} {
		if _, err := t.AddMilestone(ctx, demoKeeper, id, m); err != nil {
			return err
		}
	}
	for _, i := range []Indicator{
		{Name: i18n.Text{TR: "Katılımcı", AZ: "İştirakçı", EN: "Participants"}, Unit: "kişi", Target: 500, Actual: 120},
		{Name: i18n.Text{TR: "Gönüllü", AZ: "Könüllü", EN: "Volunteers"}, Unit: "kişi", Target: 60, Actual: 38},
	} {
		if _, err := t.AddIndicator(ctx, demoKeeper, id, i); err != nil {
			return err
		}
	}
	p30, p45 := 30, 45
	for _, u := range []UpdateInput{
		{PostedOn: "2026-04-10", Progress: &p30, Body: i18n.Text{TR: "Program açıklandı; İzmir ve Bakü'den on iki topluluk katılacak.", AZ: "Proqram açıqlandı; İzmir və Bakıdan on iki kollektiv iştirak edəcək.", EN: "The programme is out: twelve ensembles from İzmir and Bakü will take part."}},
		{PostedOn: "2026-05-20", Progress: &p45, Body: i18n.Text{TR: "Gönüllü başvuruları 38'e ulaştı; ilk eğitim Haziran başında.", AZ: "Könüllü müraciətləri 38-ə çatdı; ilk təlim iyunun əvvəlində.", EN: "Volunteer applications reached 38; the first training is in early June."}},
	} {
		if _, err := t.PostUpdate(ctx, demoKeeper, id, u); err != nil {
			return err
		}
	}
	return t.AddLink(ctx, demoKeeper, id, "event", festival)
}
