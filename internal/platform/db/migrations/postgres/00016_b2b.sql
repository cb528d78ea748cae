-- +goose Up
-- B2B matchmaking: a programme attached to a business-forum event, with its meeting sessions
-- and its tables. Times are UTC, shown in the event's zone.
CREATE TABLE b2b_programmes (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id          BIGINT NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    mode              TEXT NOT NULL, -- batch, instant
    opens_at          TIMESTAMPTZ NOT NULL, -- the booking window
    closes_at         TIMESTAMPTZ NOT NULL,
    max_open_requests INTEGER NOT NULL, -- per participant; 0: no limit
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE b2b_sessions (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL, -- order in time, from 0
    starts_at    TIMESTAMPTZ NOT NULL, -- the first slot's start
    slot_minutes INTEGER NOT NULL,
    slots        INTEGER NOT NULL,
    max_meetings INTEGER NOT NULL, -- per participant in this session; 0: no cap
    breaks       TEXT NOT NULL -- JSON [{"after_slot": 4, "minutes": 15}]
);
CREATE INDEX b2b_sessions_programme ON b2b_sessions (programme_id, position);

CREATE TABLE b2b_tables (
    programme_id BIGINT NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL, -- from 1
    name         TEXT NOT NULL, -- empty: shown by number only
    PRIMARY KEY (programme_id, number)
);

-- +goose Down
DROP TABLE b2b_tables;
DROP TABLE b2b_sessions;
DROP TABLE b2b_programmes;
