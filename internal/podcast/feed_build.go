package podcast

import (
	"path"

	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

// The feed package's view of a show and its episodes, with absolute URLs under the
// stable /podcast/{slug}/ prefix.

func (s *Service) showPath(sh *Show) string { return "/podcast/" + sh.Slug + "/" }

// ArtworkURL is the absolute URL of a show's artwork.
func (s *Service) ArtworkURL(sh *Show) string {
	return s.AbsURL(s.showPath(sh) + "artwork" + path.Ext(sh.ArtworkKey))
}

// AudioURL is the absolute, stable URL of an episode's audio.
func (s *Service) AudioURL(sh *Show, e *Episode) string {
	return s.AbsURL(s.showPath(sh) + e.GUID + "." + e.Ext())
}

// TranscriptURL and ChaptersURL are the episode's files ("" when it has none).
func (s *Service) TranscriptURL(sh *Show, e *Episode) string {
	if !e.HasTranscript() {
		return ""
	}
	return s.AbsURL(s.showPath(sh) + e.GUID + ".vtt")
}

func (s *Service) ChaptersURL(sh *Show, e *Episode) string {
	if !e.HasChapters() {
		return ""
	}
	return s.AbsURL(s.showPath(sh) + e.GUID + ".chapters.json")
}

// EpisodeArtworkURL is the episode's own artwork, or "".
func (s *Service) EpisodeArtworkURL(sh *Show, e *Episode) string {
	if e.ArtworkKey == "" {
		return ""
	}
	return s.AbsURL(s.showPath(sh) + e.GUID + path.Ext(e.ArtworkKey))
}

// PageURL is the public page of a show (episodeID 0) or an episode, in lang.
func (s *Service) PageURL(lang string, sh *Show, episodeID int64) string {
	p := "/" + lang + "/podcast/" + sh.Slug
	if episodeID != 0 {
		p += "/" + itoa(episodeID)
	}
	return s.AbsURL(p)
}

func (s *Service) feedShow(sh *Show, linked *Show) feed.Show {
	fs := feed.Show{
		FeedURL:     s.FeedURL(sh.Slug),
		GUID:        sh.GUID,
		Title:       sh.Title,
		Link:        s.PageURL(sh.Language, sh, 0),
		Description: sh.Description,
		Language:    sh.Language,
		Copyright:   sh.Copyright,
		Author:      sh.Author,
		OwnerName:   sh.OwnerName,
		OwnerEmail:  sh.OwnerEmail,
		ImageURL:    s.ArtworkURL(sh),
		Categories:  []feed.Category{sh.Category},
		Explicit:    sh.Explicit,
		Type:        sh.Type,
		Locked:      true, // the feed is hosted here; other platforms should not import it
		UpdatedAt:   sh.UpdatedAt,
	}
	if sh.FundingURL != "" {
		fs.Funding = []feed.Funding{{URL: sh.FundingURL, Text: sh.FundingLabel}}
	}
	if linked != nil {
		fs.Related = []feed.RelatedShow{{GUID: linked.GUID, FeedURL: s.FeedURL(linked.Slug), Title: linked.Title}}
		if linked.UpdatedAt.After(fs.UpdatedAt) {
			fs.UpdatedAt = linked.UpdatedAt // its title is in this feed
		}
	}
	return fs
}

func (s *Service) feedEpisode(sh *Show, e *Episode) feed.Episode {
	fe := feed.Episode{
		GUID:        e.GUID,
		Title:       e.Title,
		Link:        s.PageURL(sh.Language, sh, e.ID),
		NotesHTML:   e.NotesHTML,
		PublishedAt: e.PublishAt,
		UpdatedAt:   e.UpdatedAt,
		Audio:       feed.Enclosure{URL: s.AudioURL(sh, e), Length: e.AudioSize, Type: e.AudioType},
		Duration:    e.Duration,
		Season:      e.Season,
		Number:      e.Number,
		Type:        e.Type,
		ImageURL:    s.EpisodeArtworkURL(sh, e),
		Explicit:    e.Explicit,
		ChaptersURL: s.ChaptersURL(sh, e),
	}
	if e.Language != sh.Language {
		fe.Language = e.Language
		if s.langName != nil {
			fe.Title += " (" + s.langName(sh.Language, e.Language) + ")"
		}
	}
	if u := s.TranscriptURL(sh, e); u != "" {
		fe.Transcripts = []feed.Transcript{{URL: u, Type: feed.TypeVTT}}
	}
	for _, p := range e.Persons {
		fe.Persons = append(fe.Persons, feed.Person{Name: p.Name, Role: feed.Role(p.Role), Href: p.Href, Img: p.Img})
	}
	return fe
}
