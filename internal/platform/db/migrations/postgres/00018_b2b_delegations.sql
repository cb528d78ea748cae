-- +goose Up
-- Trade delegations between İzmir and Bakü: the delegation, companies' applications with the
-- people they send, the members with their roles, and the itinerary. Title, purpose and item
-- texts are JSON {"tr","az","en"}; sectors are space-separated NACE divisions; dates are
-- civil dates (YYYY-MM-DD) in the destination city; instants are UTC.
CREATE TABLE b2b_delegations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    direction  TEXT NOT NULL, -- izmir_baku, baku_izmir
    starts_on  TEXT NOT NULL,
    ends_on    TEXT NOT NULL,
    title      TEXT NOT NULL,
    purpose    TEXT NOT NULL,
    host       TEXT NOT NULL, -- the inviting institution named on invitation letters
    sectors    TEXT NOT NULL,
    deadline   TIMESTAMPTZ NOT NULL, -- applications close
    status     TEXT NOT NULL, -- draft, announced, closed
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- One application per organisation and delegation. The applicant's address and language are
-- kept so the decision reaches them in their language.
CREATE TABLE b2b_delegation_applications (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delegation_id   BIGINT NOT NULL REFERENCES b2b_delegations (id) ON DELETE CASCADE,
    organisation_id BIGINT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    applicant_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    email           TEXT NOT NULL,
    locale          TEXT NOT NULL,
    motivation      TEXT NOT NULL,
    status          TEXT NOT NULL, -- pending, approved, rejected
    reason          TEXT NOT NULL, -- why it was rejected
    mailed_status   TEXT NOT NULL DEFAULT '', -- the decision last mailed, so a job run twice mails once
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (delegation_id, organisation_id)
);

-- The people an application names, as their passports spell them.
CREATE TABLE b2b_delegation_travellers (
    application_id BIGINT NOT NULL REFERENCES b2b_delegation_applications (id) ON DELETE CASCADE,
    user_id        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    passport_name  TEXT NOT NULL,
    nationality    TEXT NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE b2b_delegation_members (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delegation_id   BIGINT NOT NULL REFERENCES b2b_delegations (id) ON DELETE CASCADE,
    user_id         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id BIGINT REFERENCES organisations (id) ON DELETE SET NULL,
    name            TEXT NOT NULL, -- the account's name, for lists
    passport_name   TEXT NOT NULL,
    nationality     TEXT NOT NULL,
    role            TEXT NOT NULL, -- head, member, interpreter, press
    created_at      TIMESTAMPTZ NOT NULL,
    UNIQUE (delegation_id, user_id)
);

CREATE TABLE b2b_delegation_items (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delegation_id BIGINT NOT NULL REFERENCES b2b_delegations (id) ON DELETE CASCADE,
    kind          TEXT NOT NULL, -- visit, meeting, b2b_session
    starts_at     TIMESTAMPTZ NOT NULL,
    ends_at       TIMESTAMPTZ NOT NULL,
    place         TEXT NOT NULL,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL,
    restricted    INTEGER NOT NULL DEFAULT 0 -- 1: only the members listed below (and coordinators) see it
);
CREATE INDEX b2b_delegation_items_delegation ON b2b_delegation_items (delegation_id, starts_at);

-- Who sees a restricted item (a meeting arranged for one company). The flag, not the rows,
-- makes an item restricted, so removing its last member never makes it public.
CREATE TABLE b2b_delegation_item_members (
    item_id   BIGINT NOT NULL REFERENCES b2b_delegation_items (id) ON DELETE CASCADE,
    member_id BIGINT NOT NULL REFERENCES b2b_delegation_members (id) ON DELETE CASCADE,
    PRIMARY KEY (item_id, member_id)
);

-- +goose Down
DROP TABLE b2b_delegation_item_members;
DROP TABLE b2b_delegation_items;
DROP TABLE b2b_delegation_members;
DROP TABLE b2b_delegation_travellers;
DROP TABLE b2b_delegation_applications;
DROP TABLE b2b_delegations;
