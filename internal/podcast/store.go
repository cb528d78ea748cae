package podcast

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/podcast/feed"
)

// SQL of shows and episodes. Lists of ids are space-separated, persons a JSON list, notes
// JSON through i18n.Text.

const showColumns = `id, slug, guid, title, description, language, category, subcategory, explicit, author,
	owner_name, owner_email, copyright, show_type, artwork_key, apple_url, COALESCE(linked_show_id, 0), funding_url, funding_label, created_at, updated_at`

func scanShow(s db.Scanner) (*Show, error) {
	var sh Show
	var explicit int
	var showType string
	err := s.Scan(&sh.ID, &sh.Slug, &sh.GUID, &sh.Title, &sh.Description, &sh.Language, &sh.Category.Name,
		&sh.Category.Sub, &explicit, &sh.Author, &sh.OwnerName, &sh.OwnerEmail, &sh.Copyright, &showType,
		&sh.ArtworkKey, &sh.AppleURL, &sh.LinkedID, &sh.FundingURL, &sh.FundingLabel, &sh.CreatedAt, &sh.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fail.NotFound
	}
	if err != nil {
		return nil, err
	}
	sh.Explicit, sh.Type = explicit == 1, feed.ShowType(showType)
	sh.CreatedAt, sh.UpdatedAt = sh.CreatedAt.UTC(), sh.UpdatedAt.UTC()
	return &sh, nil
}

func showWhere(ctx context.Context, q db.Querier, cond string, arg any) (*Show, error) {
	return scanShow(q.QueryRow(ctx, `SELECT `+showColumns+` FROM podcast_shows WHERE `+cond, arg))
}

func allShows(ctx context.Context, q db.Querier) ([]*Show, error) {
	return db.Collect(ctx, q, scanShow, `SELECT `+showColumns+` FROM podcast_shows ORDER BY created_at, id`)
}

func insertShow(ctx context.Context, q db.Querier, sh *Show) error {
	return q.WriteRow(ctx, `INSERT INTO podcast_shows (slug, guid, title, description, language, category,
		subcategory, explicit, author, owner_name, owner_email, copyright, show_type, artwork_key, apple_url, linked_show_id,
		funding_url, funding_label, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		sh.Slug, sh.GUID, sh.Title, sh.Description, sh.Language, sh.Category.Name, sh.Category.Sub,
		boolInt(sh.Explicit), sh.Author, sh.OwnerName, sh.OwnerEmail, sh.Copyright, string(sh.Type),
		sh.ArtworkKey, sh.AppleURL, nullID(sh.LinkedID), sh.FundingURL, sh.FundingLabel, sh.CreatedAt, sh.UpdatedAt).Scan(&sh.ID)
}

func updateShow(ctx context.Context, q db.Querier, sh *Show) error {
	_, err := q.Exec(ctx, `UPDATE podcast_shows SET slug = ?, title = ?, description = ?, language = ?,
		category = ?, subcategory = ?, explicit = ?, author = ?, owner_name = ?, owner_email = ?, copyright = ?,
		show_type = ?, artwork_key = ?, apple_url = ?, linked_show_id = ?, funding_url = ?, funding_label = ?,
		updated_at = ? WHERE id = ?`,
		sh.Slug, sh.Title, sh.Description, sh.Language, sh.Category.Name, sh.Category.Sub, boolInt(sh.Explicit),
		sh.Author, sh.OwnerName, sh.OwnerEmail, sh.Copyright, string(sh.Type), sh.ArtworkKey, sh.AppleURL,
		nullID(sh.LinkedID), sh.FundingURL, sh.FundingLabel, sh.UpdatedAt, sh.ID)
	return err
}

const episodeColumns = `id, show_id, guid, language, title, notes, notes_html, season, number, episode_type, explicit,
	status, publish_at, audio_key, audio_type, audio_size, duration_ms, artwork_key, persons, chapters,
	transcript, transcript_text, event_ids, project_ids, created_at, updated_at`

func scanEpisode(s db.Scanner) (*Episode, error) {
	var e Episode
	var explicit int
	var typ, persons, events, projects string
	var publishAt sql.NullTime
	var durationMS int64
	err := s.Scan(&e.ID, &e.ShowID, &e.GUID, &e.Language, &e.Title, &e.Notes, &e.NotesHTML, &e.Season, &e.Number, &typ,
		&explicit, &e.Status, &publishAt, &e.AudioKey, &e.AudioType, &e.AudioSize, &durationMS, &e.ArtworkKey,
		&persons, &e.Chapters, &e.Transcript, &e.TranscriptText, &events, &projects, &e.CreatedAt, &e.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fail.NotFound
	}
	if err != nil {
		return nil, err
	}
	e.Type, e.Explicit = feed.EpisodeType(typ), explicit == 1
	if publishAt.Valid {
		e.PublishAt = publishAt.Time.UTC()
	}
	e.Duration = time.Duration(durationMS) * time.Millisecond
	if err := json.Unmarshal([]byte(persons), &e.Persons); err != nil {
		return nil, err
	}
	e.EventIDs, e.ProjectIDs = parseIDs(events), parseIDs(projects)
	e.CreatedAt, e.UpdatedAt = e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return &e, nil
}

// feedColumns are what a feed item needs: no Markdown, transcript or chapters text, only
// whether they exist.
const feedColumns = `id, show_id, guid, language, title, notes_html, season, number, episode_type, explicit,
	publish_at, audio_type, audio_size, duration_ms, artwork_key, persons,
	CASE WHEN chapters <> '' THEN 1 ELSE 0 END, CASE WHEN transcript <> '' THEN 1 ELSE 0 END, updated_at`

func scanFeedEpisode(s db.Scanner) (*Episode, error) {
	e := Episode{Status: Published}
	var explicit, chapters, transcript int
	var typ, persons string
	var publishAt time.Time
	var durationMS int64
	err := s.Scan(&e.ID, &e.ShowID, &e.GUID, &e.Language, &e.Title, &e.NotesHTML, &e.Season, &e.Number, &typ, &explicit,
		&publishAt, &e.AudioType, &e.AudioSize, &durationMS, &e.ArtworkKey, &persons, &chapters, &transcript, &e.UpdatedAt)
	if err != nil {
		return nil, err
	}
	e.Type, e.Explicit, e.hasChapters, e.hasTranscript = feed.EpisodeType(typ), explicit == 1, chapters == 1, transcript == 1
	e.PublishAt, e.UpdatedAt = publishAt.UTC(), e.UpdatedAt.UTC()
	e.Duration = time.Duration(durationMS) * time.Millisecond
	return &e, json.Unmarshal([]byte(persons), &e.Persons)
}

// feedEpisodesOf lists a show's published episodes for its feed.
func feedEpisodesOf(ctx context.Context, q db.Querier, showID int64) ([]*Episode, error) {
	return db.Collect(ctx, q, scanFeedEpisode, `SELECT `+feedColumns+` FROM podcast_episodes
		WHERE show_id = ? AND status = 'published' ORDER BY publish_at DESC, id DESC`, showID)
}

// feedFingerprint sums a show's published episodes up in a few index-sized reads: how many,
// the sum of their ids, and their latest change and publication. Every write to an episode
// moves its updated_at (feed.ETag's contract) and publishing, unpublishing or deleting one
// changes the count or the ids, so any change to the feed's items changes the fingerprint,
// without reading (or parsing the times of) every row.
type feedFingerprint struct {
	Count, IDs                int64
	LastUpdate, LastPublished time.Time
}

func feedFingerprintOf(ctx context.Context, q db.Querier, showID int64) (feedFingerprint, error) {
	var f feedFingerprint
	const live = ` FROM podcast_episodes WHERE show_id = ? AND status = 'published'`
	if err := q.QueryRow(ctx, `SELECT COUNT(*), COALESCE(SUM(id), 0)`+live, showID).Scan(&f.Count, &f.IDs); err != nil || f.Count == 0 {
		return f, err
	}
	if err := q.QueryRow(ctx, `SELECT updated_at`+live+` ORDER BY updated_at DESC LIMIT 1`, showID).Scan(&f.LastUpdate); err != nil {
		return f, err
	}
	var published sql.NullTime
	err := q.QueryRow(ctx, `SELECT publish_at`+live+` ORDER BY publish_at DESC LIMIT 1`, showID).Scan(&published)
	f.LastUpdate, f.LastPublished = f.LastUpdate.UTC(), published.Time.UTC()
	return f, err
}

func episodeWhere(ctx context.Context, q db.Querier, cond string, args ...any) (*Episode, error) {
	return scanEpisode(q.QueryRow(ctx, `SELECT `+episodeColumns+` FROM podcast_episodes WHERE `+cond, args...))
}

// episodesOf lists a show's episodes, newest first; onlyLive leaves drafts and scheduled ones out.
func episodesOf(ctx context.Context, q db.Querier, showID int64, onlyLive bool) ([]*Episode, error) {
	cond := ``
	if onlyLive {
		cond = ` AND status = 'published'`
	}
	return db.Collect(ctx, q, scanEpisode, `SELECT `+episodeColumns+` FROM podcast_episodes WHERE show_id = ?`+
		cond+` ORDER BY COALESCE(publish_at, created_at) DESC, id DESC`, showID)
}

func insertEpisode(ctx context.Context, q db.Querier, e *Episode) error {
	persons, _ := json.Marshal(nonNil(e.Persons))
	return q.WriteRow(ctx, `INSERT INTO podcast_episodes (show_id, guid, language, title, notes, notes_html, season, number,
		episode_type, explicit, status, publish_at, audio_key, audio_type, audio_size, duration_ms, artwork_key,
		persons, chapters, transcript, transcript_text, event_ids, project_ids, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		e.ShowID, e.GUID, e.Language, e.Title, e.Notes, e.renderNotes(), e.Season, e.Number, string(e.Type), boolInt(e.Explicit),
		e.Status, nullTime(e.PublishAt), e.AudioKey, e.AudioType, e.AudioSize, e.Duration.Milliseconds(),
		e.ArtworkKey, string(persons), e.Chapters, e.Transcript, e.TranscriptText, joinIDs(e.EventIDs),
		joinIDs(e.ProjectIDs), e.CreatedAt, e.UpdatedAt).Scan(&e.ID)
}

func updateEpisode(ctx context.Context, q db.Querier, e *Episode) error {
	persons, _ := json.Marshal(nonNil(e.Persons))
	_, err := q.Exec(ctx, `UPDATE podcast_episodes SET language = ?, title = ?, notes = ?, notes_html = ?, season = ?, number = ?,
		episode_type = ?, explicit = ?, status = ?, publish_at = ?, audio_key = ?, audio_type = ?, audio_size = ?,
		duration_ms = ?, artwork_key = ?, persons = ?, chapters = ?, transcript = ?, transcript_text = ?,
		event_ids = ?, project_ids = ?, updated_at = ? WHERE id = ?`,
		e.Language, e.Title, e.Notes, e.renderNotes(), e.Season, e.Number, string(e.Type), boolInt(e.Explicit), e.Status,
		nullTime(e.PublishAt), e.AudioKey, e.AudioType, e.AudioSize, e.Duration.Milliseconds(), e.ArtworkKey,
		string(persons), e.Chapters, e.Transcript, e.TranscriptText, joinIDs(e.EventIDs), joinIDs(e.ProjectIDs),
		e.UpdatedAt, e.ID)
	return err
}

// numberTaken reports whether another full episode of the show has season and number.
func numberTaken(ctx context.Context, q db.Querier, showID int64, season, number int, except int64) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM podcast_episodes WHERE show_id = ? AND season = ? AND number = ?
		AND episode_type = 'full' AND id <> ?`, showID, season, number, except).Scan(&n)
	return n > 0, err
}

// renderNotes renders the notes in the episode's language into NotesHTML and returns it.
func (e *Episode) renderNotes() string {
	e.NotesHTML = NotesHTML(e.Notes.Get(e.Language))
	return e.NotesHTML
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func nonNil(ps []Person) []Person {
	if ps == nil {
		return []Person{}
	}
	return ps
}

func parseIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Fields(s) {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, " ")
}
