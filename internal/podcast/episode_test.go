package podcast

import (
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"github.com/kopru-platform/kopru/internal/platform/db"
	"github.com/kopru-platform/kopru/internal/platform/db/dbtest"
	"github.com/kopru-platform/kopru/internal/platform/fail"
	"github.com/kopru-platform/kopru/internal/platform/jobs"
	"github.com/kopru-platform/kopru/internal/platform/search"
)

const chaptersOK = `{"version":"1.2.0","chapters":[{"startTime":0,"title":"Giriş"},{"startTime":12.5,"title":"Liman"}]}`

func TestCreateEpisodeReadsTheAudio(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sh := f.show(t)
		in := episodeInput(1)
		in.Chapters = []byte(chaptersOK)
		in.Transcript = []byte("1\n00:00:01,000 --> 00:00:04,000\nHoş geldiniz, İzmir!\n")
		in.Persons = []Person{{Name: "Dernek", Role: "host", Href: "https://example.org"}, {}}
		audio := mp3Audio(30 * time.Second)
		audio.Claimed = "" // the client said nothing: the bytes decide
		e, err := f.svc.CreateEpisode(context.Background(), coordinator, sh.ID, in, audio)
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := f.svc.Episode(context.Background(), coordinator, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.AudioType != "audio/mpeg" || got.AudioSize != audio.Size || got.Duration < 29*time.Second || got.Duration > 31*time.Second {
			t.Fatalf("audio %s %d %v", got.AudioType, got.AudioSize, got.Duration)
		}
		if got.Status != Draft || got.GUID == "" || len(got.Persons) != 1 || got.Chapters == "" {
			t.Fatalf("episode %+v", got)
		}
		if got.Transcript[:6] != "WEBVTT" || got.TranscriptText != "Hoş geldiniz, İzmir!" {
			t.Fatalf("transcript %q / %q", got.Transcript, got.TranscriptText)
		}
	})
}

func TestEpisodeBadInputWritesNothing(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		mp3 := SilentMP3(30 * time.Second)
		cases := []struct {
			name, field, key string
			edit             func(*EpisodeInput)
			audio            *Audio
		}{
			{"not audio", "audio", "podcast.error.not_audio", nil, bytesAudio(cover(), "audio/mpeg")},
			{"lying type", "audio", "podcast.error.audio_type_mismatch", nil, bytesAudio(mp3, "audio/mp4")},
			{"truncated", "audio", "podcast.error.audio_truncated", nil, bytesAudio(mp3[:len(mp3)-200], "audio/mpeg")},
			{"no audio", "audio", "podcast.error.audio_missing", nil, nil},
			{"bad transcript", "transcript", "podcast.error.transcript.format", func(in *EpisodeInput) { in.Transcript = []byte("just some words") }, nil},
			{"transcript order", "transcript", "podcast.error.transcript.end_before_start", func(in *EpisodeInput) {
				in.Transcript = []byte("WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nGeri\n")
			}, nil},
			{"malformed chapters", "chapters", "podcast.error.chapters.json", func(in *EpisodeInput) { in.Chapters = []byte(`{"version":`) }, nil},
			{"chapters out of order", "chapters", "podcast.error.chapters.order", func(in *EpisodeInput) {
				in.Chapters = []byte(`{"version":"1.2.0","chapters":[{"startTime":10,"title":"B"},{"startTime":5,"title":"A"}]}`)
			}, nil},
			{"chapters past the end", "chapters", "podcast.error.chapters.beyond_duration", func(in *EpisodeInput) {
				in.Chapters = []byte(`{"version":"1.2.0","chapters":[{"startTime":0,"title":"A"},{"startTime":600,"title":"B"}]}`)
			}, nil},
			{"artwork", "artwork", "podcast.error.artwork_size", func(in *EpisodeInput) { in.Artwork = jpegOf(800, 800) }, nil},
			{"person", "persons", "podcast.error.person", func(in *EpisodeInput) { in.Persons = []Person{{Name: "X", Role: "host", Href: "javascript:alert(1)"}} }, nil},
			{"type", "type", "podcast.error.episode_type", func(in *EpisodeInput) { in.Type = "teaser" }, nil},
		}
		for _, c := range cases {
			in := episodeInput(1)
			if c.edit != nil {
				c.edit(&in)
			}
			audio := c.audio
			if audio == nil && c.name != "no audio" {
				audio = bytesAudio(mp3, "audio/mpeg")
			}
			_, err := f.svc.CreateEpisode(ctx, coordinator, sh.ID, in, audio)
			if got := fieldKey(t, err, c.field); got != c.key {
				t.Errorf("%s: %s = %q, want %q (%v)", c.name, c.field, got, c.key, err)
			}
		}
		if n := count(t, d, "podcast_episodes"); n != 0 {
			t.Fatalf("%d episodes written by bad input", n)
		}
		if _, err := f.svc.CreateEpisode(ctx, member, sh.ID, episodeInput(1), bytesAudio(mp3, "audio/mpeg")); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member upload: got %v, want forbidden", err)
		}
	})
}

func TestDuplicateEpisodeNumberRefused(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		first := f.episode(t, sh.ID, episodeInput(1))
		_, err := f.svc.CreateEpisode(ctx, coordinator, sh.ID, episodeInput(1), mp3Audio(time.Second))
		if got := fieldKey(t, err, "number"); got != "podcast.error.number_taken" {
			t.Fatalf("duplicate number: %q", got)
		}
		// The same number in another season, or as a bonus, is fine.
		other := episodeInput(1)
		other.Season = 2
		f.episode(t, sh.ID, other)
		bonus := episodeInput(1)
		bonus.Type = "bonus"
		f.episode(t, sh.ID, bonus)
		// Renumbering the first episode onto itself is not a duplicate.
		in := episodeInput(1)
		in.Title = "Yeni başlık"
		if _, err := f.svc.UpdateEpisode(ctx, coordinator, first.ID, in, nil); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "podcast_episodes"); n != 3 {
			t.Fatalf("%d episodes, want 3", n)
		}
	})
}

func TestPublishAndSchedule(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		e := f.episode(t, sh.ID, episodeInput(1))
		if list, _ := f.svc.Episodes(ctx, nil, sh.ID); len(list) != 0 {
			t.Fatalf("a draft is public: %d", len(list))
		}
		if _, _, err := f.svc.Episode(ctx, member, e.ID); !errors.Is(err, fail.NotFound) {
			t.Fatalf("draft shown to a member: %v", err)
		}
		_, err := f.svc.Publish(ctx, coordinator, e.ID, f.now.Add(-time.Minute))
		if got := fieldKey(t, err, "publish_at"); got != "podcast.error.publish_past" {
			t.Fatalf("past time: %q", got)
		}
		if _, err := f.svc.Publish(ctx, member, e.ID, time.Time{}); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member publish: %v", err)
		}
		if _, err := f.svc.Publish(ctx, coordinator, e.ID, time.Time{}); err != nil {
			t.Fatal(err)
		}
		if list, _ := f.svc.Episodes(ctx, nil, sh.ID); len(list) != 1 {
			t.Fatalf("published episode not listed")
		}
		hits, err := f.index.Search(ctx, search.Query{Text: "bölüm", Lang: "tr", Kinds: []string{"episode"}})
		if err != nil || len(hits) != 1 {
			t.Fatalf("search: %v %d hits", err, len(hits))
		}
		// A full reindex (kopru reindex) keeps the episode.
		if err := f.index.Reindex(ctx, []search.Source{f.svc.SearchSource()}, nil); err != nil {
			t.Fatal(err)
		}
		if hits, _ = f.index.Search(ctx, search.Query{Text: "bölüm", Lang: "tr", Kinds: []string{"episode"}}); len(hits) != 1 {
			t.Fatalf("after reindex: %d hits", len(hits))
		}
		if _, err := f.svc.Unpublish(ctx, coordinator, e.ID); err != nil {
			t.Fatal(err)
		}
		hits, _ = f.index.Search(ctx, search.Query{Text: "bölüm", Lang: "tr", Kinds: []string{"episode"}})
		if len(hits) != 0 {
			t.Fatalf("unpublished episode still found")
		}
	})
}

func TestScheduledEpisodeIsPublishedByTheJob(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		q := jobs.New(d, slog.New(slog.DiscardHandler))
		f.svc.UseJobs(q)
		sh := f.show(t)
		e := f.episode(t, sh.ID, episodeInput(1))
		at := f.now.Add(time.Hour)
		got, err := f.svc.Publish(ctx, coordinator, e.ID, at)
		if err != nil || got.Status != Scheduled {
			t.Fatalf("schedule: %v %v", got, err)
		}
		if list, _ := f.svc.Episodes(ctx, nil, sh.ID); len(list) != 0 {
			t.Fatal("a scheduled episode is public before its time")
		}
		f.now = at.Add(time.Minute)
		ran, err := q.RunOnce(ctx)
		if err != nil || !ran {
			t.Fatalf("job: ran %v, %v", ran, err)
		}
		list, _ := f.svc.Episodes(ctx, nil, sh.ID)
		if len(list) != 1 || list[0].Status != Published || !list[0].PublishAt.Equal(at) {
			t.Fatalf("after the job: %+v", list)
		}
	})
}

func TestOnlyCoordinatorsEditEpisodes(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		e := f.episode(t, sh.ID, episodeInput(1))
		in := episodeInput(1)
		in.Title = "Değiştirildi"
		if _, err := f.svc.UpdateEpisode(ctx, member, e.ID, in, nil); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member edit: %v", err)
		}
		if _, err := f.svc.UpdateShow(ctx, member, sh.ID, showInput()); !errors.Is(err, fail.Forbidden) {
			t.Fatalf("member show edit: %v", err)
		}
		if _, err := f.svc.Unpublish(ctx, nil, e.ID); !errors.Is(err, fail.Unauthorized) {
			t.Fatalf("anonymous unpublish: %v", err)
		}
		got, _, _ := f.svc.Episode(ctx, coordinator, e.ID)
		if got.Title != "Bölüm" {
			t.Fatalf("title changed to %q", got.Title)
		}
	})
}

func TestReplacingAudioKeepsGUIDAndChecksChapters(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		in := episodeInput(1)
		in.Chapters = []byte(chaptersOK) // a chapter at 12.5 s
		e := f.episode(t, sh.ID, in)
		in.Chapters = nil
		// Audio shorter than the chapters is refused, and the old file stays.
		_, err := f.svc.UpdateEpisode(ctx, coordinator, e.ID, in, mp3Audio(5*time.Second))
		if got := fieldKey(t, err, "chapters"); got != "podcast.error.chapters.beyond_duration" {
			t.Fatalf("short audio: %q", got)
		}
		up, err := f.svc.UpdateEpisode(ctx, coordinator, e.ID, in, mp3Audio(60*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if up.GUID != e.GUID || up.AudioKey == e.AudioKey || up.Duration < 59*time.Second {
			t.Fatalf("replaced audio: %+v", up)
		}
		if _, _, err := f.files.Open(ctx, e.AudioKey); !errors.Is(err, fail.NotFound) {
			t.Fatalf("old audio still stored: %v", err)
		}
	})
}

// The cheap validators podcast apps revalidate against stay put while the feed does, and
// move with every change to its items: an edit, a new episode, one taken back.
func TestFeedValidatorsFollowTheFeed(t *testing.T) {
	dbtest.Run(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		sh := f.show(t)
		var ids []int64
		for n := 1; n <= 3; n++ {
			in := episodeInput(n)
			in.Notes.TR = "**Kalın** not"
			in.Transcript = []byte("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMerhaba\n")
			e := f.episode(t, sh.ID, in)
			ids = append(ids, e.ID)
			if n < 3 {
				if _, err := f.svc.Publish(ctx, coordinator, e.ID, time.Time{}); err != nil {
					t.Fatal(err)
				}
			}
			f.now = f.now.Add(time.Minute)
		}
		tag := func() string {
			t.Helper()
			etag, _, err := f.svc.FeedValidators(ctx, sh.Slug)
			if err != nil {
				t.Fatal(err)
			}
			return etag
		}
		seen := map[string]bool{}
		changed := func(what string) {
			t.Helper()
			now := tag()
			if seen[now] {
				t.Fatalf("after %s the feed's ETag %s is one seen before", what, now)
			}
			if again := tag(); again != now {
				t.Fatalf("after %s two reads disagree: %s, %s", what, now, again)
			}
			seen[now] = true
			f.now = f.now.Add(time.Minute)
		}
		changed("two episodes")
		if _, err := f.svc.Publish(ctx, coordinator, ids[2], time.Time{}); err != nil {
			t.Fatal(err)
		}
		changed("a third published")
		in := episodeInput(1)
		in.Title = "Yeni başlık"
		if _, err := f.svc.UpdateEpisode(ctx, coordinator, ids[0], in, nil); err != nil {
			t.Fatal(err)
		}
		changed("an edit")
		if _, err := f.svc.Unpublish(ctx, coordinator, ids[1]); err != nil {
			t.Fatal(err)
		}
		changed("one taken back")
		show, eps, err := f.svc.FeedData(ctx, sh.Slug)
		if err != nil || show.Title == "" {
			t.Fatal(err)
		}
		if len(eps) != 2 || eps[0].NotesHTML != "<p><strong>Kalın</strong> not</p>\n" || eps[1].Title != "Yeni başlık" {
			t.Fatalf("feed items: %+v", eps)
		}
	})
}
