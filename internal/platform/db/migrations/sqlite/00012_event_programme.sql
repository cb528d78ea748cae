-- +goose Up
-- An event's programme: its cover picture from the media library, its agenda of sessions and
-- the organisations that organise it or take part as partners.
ALTER TABLE events ADD COLUMN cover_id INTEGER REFERENCES content_media (id) ON DELETE SET NULL;

CREATE TABLE event_sessions (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL, -- order on the agenda, from 0
    starts_at   TIMESTAMP NOT NULL, -- UTC, shown in the venue's zone
    ends_at     TIMESTAMP NOT NULL,
    title       TEXT NOT NULL, -- JSON {"tr","az","en"}
    description TEXT NOT NULL, -- JSON {"tr","az","en"}
    room        TEXT NOT NULL,
    speakers    TEXT NOT NULL, -- one speaker (name, affiliation) per line
    language    TEXT NOT NULL -- tr, az, en, ru, tr_az (interpreted), mixed
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, position);

CREATE TABLE event_organisations (
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    role            TEXT NOT NULL, -- organiser, partner
    position        INTEGER NOT NULL,
    PRIMARY KEY (event_id, organisation_id)
);

-- +goose Down
DROP TABLE event_organisations;
DROP TABLE event_sessions;
ALTER TABLE events DROP COLUMN cover_id;
