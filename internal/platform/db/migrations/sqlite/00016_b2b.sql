-- +goose Up
-- B2B matchmaking: a programme attached to a business-forum event, with its meeting sessions
-- and its tables. Times are UTC, shown in the event's zone.
CREATE TABLE b2b_programmes (
    id                INTEGER PRIMARY KEY,
    event_id          INTEGER NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    mode              TEXT NOT NULL, -- batch, instant
    opens_at          TIMESTAMP NOT NULL, -- the booking window
    closes_at         TIMESTAMP NOT NULL,
    max_open_requests INTEGER NOT NULL, -- per participant; 0: no limit
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

CREATE TABLE b2b_sessions (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL, -- order in time, from 0
    starts_at    TIMESTAMP NOT NULL, -- the first slot's start
    slot_minutes INTEGER NOT NULL,
    slots        INTEGER NOT NULL,
    max_meetings INTEGER NOT NULL, -- per participant in this session; 0: no cap
    breaks       TEXT NOT NULL -- JSON [{"after_slot": 4, "minutes": 15}]
);
CREATE INDEX b2b_sessions_programme ON b2b_sessions (programme_id, position);

CREATE TABLE b2b_tables (
    programme_id INTEGER NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL, -- from 1
    name         TEXT NOT NULL, -- empty: shown by number only
    PRIMARY KEY (programme_id, number)
);

-- A participant: one organisation's profile in one programme. Sectors and languages are
-- space-separated codes (NACE divisions; tr, az, en, …); the description is JSON
-- {"tr","az","en"}.
CREATE TABLE b2b_profiles (
    id              INTEGER PRIMARY KEY,
    programme_id    INTEGER NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    type            TEXT NOT NULL, -- buyer, seller, investor, public_institution, association, other
    sectors         TEXT NOT NULL,
    city            TEXT NOT NULL,
    country         TEXT NOT NULL, -- ISO 3166-1 alpha-2
    languages       TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          TEXT NOT NULL, -- pending, validated, rejected
    reason          TEXT NOT NULL, -- the organisers' reason for a rejection
    fixed_table     INTEGER NOT NULL DEFAULT 0, -- a table the participant keeps all day (an exhibitor's stand); 0: none
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (programme_id, organisation_id)
);

-- The people of the organisation who attend; a team can split over parallel meetings.
CREATE TABLE b2b_profile_people (
    profile_id INTEGER NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, user_id)
);

-- The marketplace: offers and requests of participants. Sectors and countries are
-- space-separated codes; title and description are JSON {"tr","az","en"}.
CREATE TABLE b2b_opportunities (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    profile_id   INTEGER NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL, -- offer, request
    category     TEXT NOT NULL, -- partnership, supplier, buyer, investment, distribution, joint_venture, rnd, other
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    sectors      TEXT NOT NULL,
    countries    TEXT NOT NULL, -- target countries, ISO 3166-1 alpha-2; empty: any
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX b2b_opportunities_programme ON b2b_opportunities (programme_id, id);

-- +goose Down
DROP TABLE b2b_opportunities;
DROP TABLE b2b_profile_people;
DROP TABLE b2b_profiles;
DROP TABLE b2b_tables;
DROP TABLE b2b_sessions;
DROP TABLE b2b_programmes;
