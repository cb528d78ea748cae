-- +goose Up
-- The podcast series: shows and their episodes. A show keeps the podcast:guid it was given
-- at creation for life; an episode's guid never changes either (apps key downloads on it).
-- Files (artwork, audio) live in media storage under generated keys; what the module read
-- from them (type, size, duration) is stored beside the key, never what a client claimed.

CREATE TABLE podcast_shows (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    guid          TEXT NOT NULL UNIQUE,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    language      TEXT NOT NULL,              -- tr, az or en: the feed's language
    category      TEXT NOT NULL,              -- Apple's category name
    subcategory   TEXT NOT NULL DEFAULT '',
    explicit      INTEGER NOT NULL DEFAULT 0,
    author        TEXT NOT NULL DEFAULT '',
    owner_name    TEXT NOT NULL DEFAULT '',
    owner_email   TEXT NOT NULL,
    copyright     TEXT NOT NULL DEFAULT '',
    show_type     TEXT NOT NULL DEFAULT 'episodic', -- episodic or serial
    artwork_key   TEXT NOT NULL,
    apple_url     TEXT NOT NULL DEFAULT '', -- the show's page in Apple Podcasts, once listed
    linked_show_id BIGINT REFERENCES podcast_shows (id) ON DELETE SET NULL, -- the same series in another language
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE podcast_episodes (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    show_id       BIGINT NOT NULL REFERENCES podcast_shows (id) ON DELETE CASCADE,
    guid          TEXT NOT NULL UNIQUE,
    language      TEXT NOT NULL,
    title         TEXT NOT NULL,
    notes         TEXT NOT NULL,              -- JSON text {"tr","az","en"}, Markdown
    notes_html    TEXT NOT NULL DEFAULT '',   -- the notes in the episode's language, rendered when saved
    season        INTEGER NOT NULL DEFAULT 0, -- 0: no season
    number        INTEGER NOT NULL DEFAULT 0, -- 0: no number
    episode_type  TEXT NOT NULL DEFAULT 'full', -- full, trailer or bonus
    explicit      INTEGER NOT NULL DEFAULT 0,
    status        TEXT NOT NULL DEFAULT 'draft', -- draft, scheduled or published
    publish_at    TIMESTAMPTZ,                -- when it was or will be published
    audio_key     TEXT NOT NULL,
    audio_type    TEXT NOT NULL,              -- audio/mpeg or audio/mp4, read from the bytes
    audio_size    BIGINT NOT NULL,
    duration_ms   BIGINT NOT NULL,
    artwork_key   TEXT NOT NULL DEFAULT '',
    persons       TEXT NOT NULL DEFAULT '[]', -- JSON list of Podcasting 2.0 persons
    chapters      TEXT NOT NULL DEFAULT '',   -- canonical JSON chapters, '' for none
    transcript    TEXT NOT NULL DEFAULT '',   -- WebVTT, '' for none
    transcript_text TEXT NOT NULL DEFAULT '', -- plain text of the transcript, for search
    event_ids     TEXT NOT NULL DEFAULT '',   -- space-separated ids of related events
    project_ids   TEXT NOT NULL DEFAULT '',   -- space-separated ids of related projects
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX podcast_episodes_show ON podcast_episodes (show_id, status, publish_at);
-- A full episode's number is unique within its season; trailers and bonuses may share it.
CREATE UNIQUE INDEX podcast_episodes_number ON podcast_episodes (show_id, season, number)
    WHERE episode_type = 'full' AND number > 0;

-- +goose Down
DROP TABLE podcast_episodes;
DROP TABLE podcast_shows;
