-- +goose Up
-- Events of a partnership, their registration types, registrations and the gate scan log.
-- Translatable columns hold JSON {"tr","az","en"}; times are UTC and shown in the venue's zone.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id),
    kind           TEXT NOT NULL, -- festival, business_forum, youth_programme, volunteer_day, official_visit, ceremony, webinar
    slug           TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL, -- draft, published, cancelled
    visibility     TEXT NOT NULL, -- public, unlisted, invitation
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    venue_name     TEXT NOT NULL,
    venue_address  TEXT NOT NULL,
    venue_city     TEXT NOT NULL,
    latitude       REAL,
    longitude      REAL,
    zone           TEXT NOT NULL, -- IANA name of the venue's zone
    starts_at      TIMESTAMP NOT NULL,
    ends_at        TIMESTAMP NOT NULL,
    capacity       INTEGER NOT NULL, -- 0: no limit
    allow_guests   INTEGER NOT NULL DEFAULT 0,
    opens_at       TIMESTAMP, -- NULL: registration open from publication
    closes_at      TIMESTAMP, -- NULL: open until the event ends
    reg_seq        INTEGER NOT NULL DEFAULT 0, -- last arrival number handed to a registration
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX events_list ON events (status, starts_at);
CREATE INDEX events_partnership ON events (partnership_id, starts_at);

CREATE TABLE event_types (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    quota    INTEGER NOT NULL, -- 0: only the event's capacity limits it
    position INTEGER NOT NULL
);
CREATE INDEX event_types_event ON event_types (event_id, position);

CREATE TABLE event_registrations (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    type_id       INTEGER NOT NULL REFERENCES event_types (id),
    user_id       INTEGER REFERENCES users (id) ON DELETE SET NULL, -- NULL for guests
    name          TEXT NOT NULL,
    email         TEXT NOT NULL, -- lowercased
    locale        TEXT NOT NULL,
    status        TEXT NOT NULL, -- confirmed, waiting, pending_approval, cancelled
    seq           INTEGER NOT NULL, -- arrival order within the event; the waiting list is served by it
    ticket_nonce  TEXT NOT NULL, -- hex; the signed ticket code is derived from it
    manage_hash   TEXT NOT NULL UNIQUE, -- SHA-256 of the secret link in the mail
    checked_in_at TIMESTAMP,
    gate          TEXT,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL,
    cancelled_at  TIMESTAMP
);
-- One live registration per address and event; a cancelled one may be followed by a new one.
CREATE UNIQUE INDEX event_registrations_email ON event_registrations (event_id, email) WHERE status <> 'cancelled';
CREATE UNIQUE INDEX event_registrations_seq ON event_registrations (event_id, seq);
CREATE INDEX event_registrations_status ON event_registrations (event_id, status, type_id);
CREATE INDEX event_registrations_user ON event_registrations (user_id);

-- Every scan at a gate, admitted or not: the live counters and the after-event record.
CREATE TABLE event_checkins (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    registration_id INTEGER REFERENCES event_registrations (id) ON DELETE SET NULL, -- NULL when unknown
    gate            TEXT NOT NULL,
    outcome         TEXT NOT NULL,
    scanned_at      TIMESTAMP NOT NULL
);
CREATE INDEX event_checkins_event ON event_checkins (event_id, gate, outcome);

-- +goose Down
DROP TABLE event_checkins;
DROP TABLE event_registrations;
DROP TABLE event_types;
DROP TABLE events;
