-- +goose Up
-- B2B meetings: requests between participants, the slots they cannot meet in, the meetings
-- accepted requests become, the scheduler's runs, and the outcome surveys.
-- Slots are numbered across the programme's sessions in time order, from 0 (the scheduler's
-- numbering); b2b.Programme.Slots maps them to sessions and times.

ALTER TABLE b2b_programmes ADD COLUMN published_at TIMESTAMPTZ; -- NULL: the schedule is not published

-- A meeting request from one participant to another. At most one live (pending or
-- accepted) request joins two participants, in either direction; the service checks this
-- under the programme's lock.
CREATE TABLE b2b_requests (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id    BIGINT NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    from_profile_id BIGINT NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    to_profile_id   BIGINT NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    message         TEXT NOT NULL,
    priority        INTEGER NOT NULL, -- the requester's: 1 normal, 2 high, 3 must
    status          TEXT NOT NULL, -- pending, accepted, declined, withdrawn, cancelled
    reason          TEXT NOT NULL, -- the answer's reason (a decline, a cancellation)
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    answered_at     TIMESTAMPTZ
);
CREATE INDEX b2b_requests_from ON b2b_requests (from_profile_id, status);
CREATE INDEX b2b_requests_to ON b2b_requests (to_profile_id, status);
CREATE INDEX b2b_requests_programme ON b2b_requests (programme_id, status);

-- Per profile: auto-accept of incoming requests.
ALTER TABLE b2b_profiles ADD COLUMN auto_accept INTEGER NOT NULL DEFAULT 0;

-- Slots in which a participant cannot meet.
CREATE TABLE b2b_unavailable (
    profile_id BIGINT NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    slot       INTEGER NOT NULL,
    PRIMARY KEY (profile_id, slot)
);

-- A meeting: what an accepted request becomes. slot is NULL until it is scheduled; table_no
-- is from 1. locked: the organiser placed it by hand and the scheduler keeps it.
CREATE TABLE b2b_meetings (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    request_id   INTEGER NOT NULL UNIQUE REFERENCES b2b_requests (id) ON DELETE CASCADE,
    slot         INTEGER,
    table_no     INTEGER,
    locked       INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL, -- planned, held, no_show, cancelled
    unplaced     TEXT NOT NULL DEFAULT '', -- JSON: the last run's reason it could not be placed
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX b2b_meetings_programme ON b2b_meetings (programme_id, slot);

-- One run of "schedule all".
CREATE TABLE b2b_schedule_runs (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    programme_id BIGINT NOT NULL REFERENCES b2b_programmes (id) ON DELETE CASCADE,
    started_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    meetings     INTEGER NOT NULL, -- accepted requests considered
    placed       INTEGER NOT NULL,
    locked       INTEGER NOT NULL,
    upper_bound  INTEGER NOT NULL,
    elapsed_ms   INTEGER NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX b2b_schedule_runs_programme ON b2b_schedule_runs (programme_id, id);

-- Outcome surveys: each side answers per meeting, once right after the forum (round 1) and
-- once six months later (round 2).
CREATE TABLE b2b_surveys (
    meeting_id  BIGINT NOT NULL REFERENCES b2b_meetings (id) ON DELETE CASCADE,
    profile_id  BIGINT NOT NULL REFERENCES b2b_profiles (id) ON DELETE CASCADE,
    round       INTEGER NOT NULL, -- 1, 2
    rating      INTEGER NOT NULL, -- 1..5
    outcome     TEXT NOT NULL, -- none, follow_up, offer, agreement
    value_eur   INTEGER, -- optional estimated value
    comment     TEXT NOT NULL,
    answered_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (meeting_id, profile_id, round)
);

-- +goose Down
DROP TABLE b2b_surveys;
DROP TABLE b2b_schedule_runs;
DROP TABLE b2b_meetings;
DROP TABLE b2b_unavailable;
ALTER TABLE b2b_profiles DROP COLUMN auto_accept;
DROP TABLE b2b_requests;
ALTER TABLE b2b_programmes DROP COLUMN published_at;
