-- +goose Up
-- Personal invitations to an event: a single-use link, of which only a hash is kept.
CREATE TABLE event_invitations (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    email           TEXT NOT NULL, -- lowercased
    token_hash      TEXT NOT NULL UNIQUE, -- SHA-256 of the link's token
    invited_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    used_at         TIMESTAMPTZ, -- set when the link registered someone; it then works no more
    registration_id BIGINT REFERENCES event_registrations (id) ON DELETE SET NULL
);
CREATE INDEX event_invitations_event ON event_invitations (event_id, email);

-- +goose Down
DROP TABLE event_invitations;
