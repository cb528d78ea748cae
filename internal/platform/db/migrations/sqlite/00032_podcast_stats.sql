-- +goose Up
-- Listening statistics of the podcast (IAB-style counting). No raw IP address is ever
-- stored: a listener is an HMAC-SHA256 of IP address and user agent under a secret that
-- changes every UTC day. Today's and yesterday's secrets are kept so that the 24-hour
-- window still dedupes across midnight; older ones are deleted, after which a hash can no
-- longer be tied to an address.

CREATE TABLE podcast_stats_keys (
    day    TEXT PRIMARY KEY,  -- UTC date, 2026-05-04
    secret TEXT NOT NULL      -- 32 random bytes, hex
);

-- One row per listener, episode and kind: the open 24-hour window and the bytes delivered
-- in it. The primary key makes concurrent range requests of one listener meet on one row.
CREATE TABLE podcast_stats_windows (
    episode_id   INTEGER NOT NULL REFERENCES podcast_episodes (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,     -- download or listen
    listener     TEXT NOT NULL,     -- HMAC hex of IP + user agent under the day's secret
    started_at   TIMESTAMP NOT NULL,
    bytes        INTEGER NOT NULL DEFAULT 0,
    counted      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (episode_id, kind, listener)
);
CREATE INDEX podcast_stats_windows_started ON podcast_stats_windows (started_at);

-- One row per counted download or web listen, with what the user agent and the optional
-- country database told; the statistics are sums over these rows.
CREATE TABLE podcast_stats_events (
    id          INTEGER PRIMARY KEY,
    show_id     INTEGER NOT NULL REFERENCES podcast_shows (id) ON DELETE CASCADE,
    episode_id  INTEGER NOT NULL REFERENCES podcast_episodes (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,      -- download or listen
    day         TEXT NOT NULL,      -- UTC date of the count
    at          TIMESTAMP NOT NULL,
    app         TEXT NOT NULL,
    device      TEXT NOT NULL,
    country     TEXT NOT NULL       -- ISO code or 'unknown'
);
CREATE INDEX podcast_stats_events_show ON podcast_stats_events (show_id, kind, day);

-- +goose Down
DROP TABLE podcast_stats_events;
DROP TABLE podcast_stats_windows;
DROP TABLE podcast_stats_keys;
