-- +goose Up
-- Jobs whose effect is written to the database (a mail put in the outbox) record here, in the
-- same transaction, that the effect is done: a job run again after a crash between that
-- commit and the job's own completion finds the row and does nothing twice.
CREATE TABLE job_effects (
    job_id     BIGINT PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE job_effects;
