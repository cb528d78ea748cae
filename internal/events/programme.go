package events

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/i18n"
	"github.com/kopru-platform/kopru/internal/platform/web"
)

// The programme of an event: its agenda of sessions, its cover picture from the media
// library and the organisations behind it. Pictures and organisations belong to other
// modules (content, identity); events reach them through the two small interfaces below,
// which the app wires.

// SessionLanguage is the language a session is held in, so visitors know whether they will
// follow it.
type SessionLanguage string

const (
	LangTurkish     SessionLanguage = "tr"
	LangAzerbaijani SessionLanguage = "az"
	LangEnglish     SessionLanguage = "en"
	LangRussian     SessionLanguage = "ru"
	LangMixed       SessionLanguage = "mixed"       // several languages, without interpreting
	LangInterpreted SessionLanguage = "interpreted" // with simultaneous interpretation
)

// Limits of a programme.
const (
	maxSessions      = 100
	maxSpeakers      = 30
	maxOrganisations = 30
)

// SessionLanguages lists the languages in the order forms offer them.
var SessionLanguages = []SessionLanguage{LangTurkish, LangAzerbaijani, LangEnglish, LangRussian, LangMixed, LangInterpreted}

// Session is one item of an event's agenda.
type Session struct {
	ID          int64
	StartsAt    time.Time // UTC, shown in the venue's zone
	EndsAt      time.Time
	Title       i18n.Text
	Description i18n.Text
	Room        string
	Speakers    []string // one person or role with their affiliation each
	Language    SessionLanguage
}

// Anchor is the session's place on the event page (#session-N), N counting from 1.
func Anchor(i int) string { return fmt.Sprintf("session-%d", i+1) }

// Organisation is a body named on an event page, as identity keeps it.
type Organisation struct {
	ID      int64
	Name    string
	Website string
}

// Image is a picture of the media library, with what pages need to show it.
type Image struct {
	ID     int64
	URL    string // the large variant
	Thumb  string // the small variant, for cards
	Srcset string
	Width  int
	Height int
	Alt    i18n.Text
	Name   string // the file's name, for the editor's list
}

// Directory is what events need from identity: organisations to name.
type Directory interface {
	// Organisations lists every organisation, for the editor (managers only).
	Organisations(ctx context.Context, v *web.Viewer) ([]Organisation, error)
	// OrganisationsByID returns those of ids that exist, for anyone.
	OrganisationsByID(ctx context.Context, ids []int64) (map[int64]Organisation, error)
}

// Library is what events need from the content module's media library.
type Library interface {
	// Images lists the library's pictures, for the editor (managers only).
	Images(ctx context.Context, v *web.Viewer) ([]Image, error)
	// ImagesByID returns those of ids that are pictures in the library, for anyone.
	ImagesByID(ctx context.Context, ids []int64) (map[int64]Image, error)
}

// UseProgramme wires the organisations and the media library.
func (s *Service) UseProgramme(dir Directory, lib Library) { s.dir, s.lib = dir, lib }

// Programme is an event's agenda with its references resolved for showing.
type Programme struct {
	Sessions   []Session
	Cover      *Image
	Organisers []Organisation
	Partners   []Organisation
}

// validateProgramme cleans the agenda and the lists of organisations and adds every problem
// to errs. Sessions must lie within the event, on any of its days. It runs after the event's
// own times are checked and stored as UTC.
func (in *Input) validateProgramme(errs fail.Fields) {
	in.Sessions = slices.Clone(in.Sessions) // cleaned and sorted here, not in the caller's slice
	if len(in.Sessions) > maxSessions {
		errs["sessions"] = "events.agenda.too_many"
	}
	for i := range in.Sessions {
		s := &in.Sessions[i]
		field := func(name string) string { return fmt.Sprintf("session_%s_%d", name, i) }
		s.Title, s.Description = s.Title.Trimmed(), s.Description.Trimmed()
		s.Room = strings.TrimSpace(s.Room)
		s.Speakers = cleanLines(s.Speakers)
		if s.Title.Empty() {
			errs[field("title")] = "events.agenda.title_required"
		}
		for _, l := range i18n.Supported {
			if tooLong(s.Title.Get(l), maxTitle) || strings.ContainsAny(s.Title.Get(l), "\r\n") {
				errs[field("title")] = "form.too_long"
			}
			if tooLong(s.Description.Get(l), maxDescription) {
				errs[field("description")] = "form.too_long"
			}
		}
		if tooLong(s.Room, maxLine) {
			errs[field("room")] = "form.too_long"
		}
		if len(s.Speakers) > maxSpeakers || slices.ContainsFunc(s.Speakers, func(p string) bool { return tooLong(p, maxLine) }) {
			errs[field("speakers")] = "form.too_long"
		}
		if !slices.Contains(SessionLanguages, s.Language) {
			errs[field("language")] = "form.choice"
		}
		switch {
		case s.StartsAt.IsZero():
			errs[field("starts")] = "form.required"
		case s.EndsAt.IsZero():
			errs[field("ends")] = "form.required"
		case !s.EndsAt.After(s.StartsAt):
			errs[field("ends")] = "events.ends_before_start"
		case !in.StartsAt.IsZero() && !in.EndsAt.IsZero() && (s.StartsAt.Before(in.StartsAt) || s.EndsAt.After(in.EndsAt)):
			errs[field("starts")] = "events.agenda.outside_event"
		}
		s.StartsAt, s.EndsAt = stored(s.StartsAt), stored(s.EndsAt)
	}
	// The agenda reads in time order whatever order the rows were typed in.
	slices.SortStableFunc(in.Sessions, func(a, b Session) int { return a.StartsAt.Compare(b.StartsAt) })
	if in.CoverID < 0 {
		errs["cover_id"] = "events.cover.invalid"
	}
	for field, ids := range map[string][]int64{"organisers": in.Organisers, "partners": in.Partners} {
		if len(ids) > maxOrganisations {
			errs[field] = "events.orgs.too_many"
		}
	}
	for _, id := range in.Partners {
		if slices.Contains(in.Organisers, id) {
			errs["partners"] = "events.orgs.both_roles"
		}
	}
	in.Organisers, in.Partners = uniqueIDs(in.Organisers), uniqueIDs(in.Partners)
}

// cleanLines trims every line and drops the empty ones.
func cleanLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func uniqueIDs(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// checkReferences looks up the cover and the organisations in their modules: an unknown
// id, or a library file that is not a picture, is a field error.
func (s *Service) checkReferences(ctx context.Context, in *Input) (fail.Fields, error) {
	errs := fail.Fields{}
	if in.CoverID > 0 {
		found := map[int64]Image{}
		if s.lib != nil {
			var err error
			if found, err = s.lib.ImagesByID(ctx, []int64{in.CoverID}); err != nil {
				return nil, err
			}
		}
		if _, ok := found[in.CoverID]; !ok {
			errs["cover_id"] = "events.cover.invalid"
		}
	}
	if len(in.Organisers)+len(in.Partners) > 0 {
		found := map[int64]Organisation{}
		if s.dir != nil {
			var err error
			if found, err = s.dir.OrganisationsByID(ctx, append(slices.Clone(in.Organisers), in.Partners...)); err != nil {
				return nil, err
			}
		}
		for field, ids := range map[string][]int64{"organisers": in.Organisers, "partners": in.Partners} {
			for _, id := range ids {
				if _, ok := found[id]; !ok {
					errs[field] = "events.orgs.unknown"
				}
			}
		}
	}
	return errs, nil
}

// Programme loads e's agenda, cover and organisations into e and resolves them for showing.
// A cover or organisation that has gone from its module since is left out.
func (s *Service) Programme(ctx context.Context, e *Event) (*Programme, error) {
	if err := loadProgramme(ctx, s.db, e); err != nil {
		return nil, err
	}
	p := &Programme{Sessions: e.Sessions}
	if e.CoverID != 0 && s.lib != nil {
		found, err := s.lib.ImagesByID(ctx, []int64{e.CoverID})
		if err != nil {
			return nil, err
		}
		if img, ok := found[e.CoverID]; ok {
			p.Cover = &img
		}
	}
	if len(e.Organisers)+len(e.Partners) > 0 && s.dir != nil {
		found, err := s.dir.OrganisationsByID(ctx, append(slices.Clone(e.Organisers), e.Partners...))
		if err != nil {
			return nil, err
		}
		p.Organisers, p.Partners = pick(found, e.Organisers), pick(found, e.Partners)
	}
	return p, nil
}

// pick returns the values of m under keys, in their order, leaving out keys m lacks.
func pick[K comparable, V any](m map[K]V, keys []K) []V {
	var out []V
	for _, k := range keys {
		if v, ok := m[k]; ok {
			out = append(out, v)
		}
	}
	return out
}

// Covers returns the cover pictures of a list of events, by event ID, for cards.
func (s *Service) Covers(ctx context.Context, list []Event) (map[int64]Image, error) {
	out := map[int64]Image{}
	if len(list) == 0 || s.lib == nil {
		return out, nil
	}
	ids := make([]int64, len(list))
	for i := range list {
		ids[i] = list[i].ID
	}
	covers, err := coverIDs(ctx, s.db, ids)
	if err != nil || len(covers) == 0 {
		return out, err
	}
	var media []int64
	for _, m := range covers {
		media = append(media, m)
	}
	images, err := s.lib.ImagesByID(ctx, uniqueIDs(media))
	if err != nil {
		return nil, err
	}
	for eventID, m := range covers {
		if img, ok := images[m]; ok {
			out[eventID] = img
		}
	}
	return out, nil
}

// ProgrammeChoices lists what the editor offers: the library's pictures and the
// organisations. Managers only.
func (s *Service) ProgrammeChoices(ctx context.Context, v *web.Viewer) ([]Image, []Organisation, error) {
	if err := requireManager(v); err != nil {
		return nil, nil, err
	}
	var (
		images []Image
		orgs   []Organisation
		err    error
	)
	if s.lib != nil {
		if images, err = s.lib.Images(ctx, v); err != nil {
			return nil, nil, err
		}
	}
	if s.dir != nil {
		if orgs, err = s.dir.Organisations(ctx, v); err != nil {
			return nil, nil, err
		}
	}
	return images, orgs, nil
}
