-- +goose Up
CREATE TABLE users (
    id                 INTEGER PRIMARY KEY,
    email              TEXT NOT NULL UNIQUE, -- stored lowercased
    name               TEXT NOT NULL,
    password_hash      TEXT NOT NULL,
    locale             TEXT NOT NULL DEFAULT 'tr',
    email_confirmed_at TIMESTAMP,
    disabled_at        TIMESTAMP,
    session_epoch      INTEGER NOT NULL DEFAULT 0, -- bumped on password change: older sessions end
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL
);

-- Platform roles beyond the implicit "member": admin, coordinator, reviewer.
CREATE TABLE user_roles (
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Single-use tokens sent by mail (confirm, reset); only the SHA-256 of the token is kept.
CREATE TABLE email_tokens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- Personal API tokens; only the SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE organisations (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL, -- the organisation's own name, as it writes it
    kind       TEXT NOT NULL, -- association, municipality, company, university, chamber, other
    city       TEXT NOT NULL DEFAULT '',
    country    TEXT NOT NULL DEFAULT '', -- ISO 3166-1 alpha-2
    website    TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role            TEXT NOT NULL DEFAULT 'member', -- manager, member
    created_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (organisation_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- Every consent decision, kept as history: purpose, the notice version shown, and when.
CREATE TABLE consents (
    id             INTEGER PRIMARY KEY,
    user_id        INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose        TEXT NOT NULL,
    notice_version TEXT NOT NULL,
    decision       TEXT NOT NULL, -- granted, withdrawn
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX consents_user ON consents (user_id, purpose);

-- +goose Down
DROP TABLE consents;
DROP TABLE memberships;
DROP TABLE organisations;
DROP TABLE api_tokens;
DROP TABLE email_tokens;
DROP TABLE user_roles;
DROP TABLE users;
