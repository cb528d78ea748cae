-- +goose Up
-- Confidential support requests of students from the partner city: the request, its thread
-- (public replies and internal notes), attachments and an audit log of every read and change.

-- A request. sensitive is true for health and financial requests (and may be set by staff):
-- their subject and description never appear in lists or exports.
CREATE TABLE student_requests (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    student_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    category        TEXT NOT NULL, -- accommodation, academic, residence_legal, health, financial, social_cultural, other
    subject         TEXT NOT NULL,
    description     TEXT NOT NULL,
    sensitive       INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL, -- new, open, waiting_student, closed, deletion_requested
    priority        TEXT NOT NULL DEFAULT 'normal', -- low, normal, high, urgent
    assignee_id     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    follow_up_on    TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD or ''
    outcome         TEXT NOT NULL DEFAULT '', -- resolved, referred, withdrawn, no_response, other; '' while not closed
    outcome_note    TEXT NOT NULL DEFAULT '',
    consent_notice  TEXT NOT NULL DEFAULT '', -- health: the notice version the explicit consent was given to
    consent_at      TIMESTAMPTZ,
    first_reply_at  TIMESTAMPTZ, -- the first public reply by staff, for the reports
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ
);
CREATE INDEX student_requests_student ON student_requests (student_id, created_at);
CREATE INDEX student_requests_triage ON student_requests (status, created_at);
CREATE INDEX student_requests_assignee ON student_requests (assignee_id);

-- The thread: internal notes are seen by the assignee and admins only, never the student.
CREATE TABLE student_messages (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  BIGINT NOT NULL REFERENCES student_requests (id) ON DELETE CASCADE,
    author_id   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    internal    INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX student_messages_request ON student_messages (request_id, created_at);

-- Files kept in media storage under an unguessable key, served only through the request's rules.
CREATE TABLE student_attachments (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    BIGINT NOT NULL REFERENCES student_requests (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    size          BIGINT NOT NULL,
    storage_key   TEXT NOT NULL UNIQUE,
    uploaded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX student_attachments_request ON student_attachments (request_id);

-- Who read or changed which request. No foreign key to the request: the rows outlive it,
-- and they never hold the request's content.
CREATE TABLE student_audit (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id  BIGINT NOT NULL,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    action      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '', -- a code or an id, never content
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX student_audit_request ON student_audit (request_id, created_at);
CREATE INDEX student_audit_time ON student_audit (created_at);

-- +goose Down
DROP TABLE student_audit;
DROP TABLE student_attachments;
DROP TABLE student_messages;
DROP TABLE student_requests;
