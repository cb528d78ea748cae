-- +goose Up
-- Scanner tokens: a link for a gate phone that scans for one event without an account. Only a
-- SHA-256 of the secret is kept; the link is shown once when it is made.
CREATE TABLE event_scanner_tokens (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    gate       TEXT NOT NULL, -- '' lets the phone name its gate
    token_hash TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
);
CREATE INDEX event_scanner_tokens_event ON event_scanner_tokens (event_id);

-- +goose Down
DROP TABLE event_scanner_tokens;
