-- +goose Up
-- Personal invitations to an event: a single-use link, of which only a hash is kept.
CREATE TABLE event_invitations (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    email           TEXT NOT NULL, -- lowercased
    token_hash      TEXT NOT NULL UNIQUE, -- SHA-256 of the link's token
    invited_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    used_at         TIMESTAMP, -- set when the link registered someone; it then works no more
    registration_id INTEGER REFERENCES event_registrations (id) ON DELETE SET NULL
);
CREATE INDEX event_invitations_event ON event_invitations (event_id, email);

-- +goose Down
DROP TABLE event_invitations;
