-- +goose Up
-- Files attached to outbox mail (a calendar file, a ticket PDF), written with their row.
CREATE TABLE mail_attachments (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mail_id      BIGINT NOT NULL REFERENCES mail_outbox (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data         BYTEA NOT NULL
);
CREATE INDEX mail_attachments_mail ON mail_attachments (mail_id, id);

-- +goose Down
DROP TABLE mail_attachments;
