-- +goose Up
-- Custom questions of an event's registration form. A question taken off the form is only
-- marked deleted, so the answers already given keep their question (and its label).
CREATE TABLE event_questions (
    id         INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL, -- text, choice, checkbox
    label      TEXT NOT NULL, -- JSON {"tr","az","en"}
    help       TEXT NOT NULL, -- JSON {"tr","az","en"}, possibly all empty
    required   INTEGER NOT NULL,
    options    TEXT NOT NULL, -- JSON [{"key","label","removed"}] for choice questions, else []
    deleted_at TIMESTAMP
);
CREATE INDEX event_questions_event ON event_questions (event_id, position);

-- One answer per registration and question: the text, the option's key, or "yes" for a ticked box.
CREATE TABLE event_answers (
    registration_id INTEGER NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    question_id     INTEGER NOT NULL REFERENCES event_questions (id) ON DELETE CASCADE,
    value           TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
);
CREATE INDEX event_answers_question ON event_answers (question_id);

-- The optional purposes (photos, updates) an event's form asks consent for.
CREATE TABLE event_consent_purposes (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    purpose  TEXT NOT NULL,
    PRIMARY KEY (event_id, purpose)
);

-- Every consent decision of a registration, granted or not, kept as history: the latest row
-- of a registration and purpose is the one in force.
CREATE TABLE event_registration_consents (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL,
    granted         INTEGER NOT NULL,
    notice_version  TEXT NOT NULL,
    decided_at      TIMESTAMP NOT NULL
);
CREATE INDEX event_registration_consents_reg ON event_registration_consents (registration_id, purpose);

-- The version of the events privacy notice the person registered under.
ALTER TABLE event_registrations ADD COLUMN notice_version TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE event_registrations DROP COLUMN notice_version;
DROP TABLE event_registration_consents;
DROP TABLE event_consent_purposes;
DROP TABLE event_answers;
DROP TABLE event_questions;
