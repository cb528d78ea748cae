-- +goose Up
-- The state a registration was last mailed about (confirmed, waiting, pending_approval; ''
-- before the first mail). The outcome mail is a job: a job that runs again after a crash,
-- or after another job already told the person, finds the state mailed and sends nothing.
ALTER TABLE event_registrations ADD COLUMN mailed_status TEXT NOT NULL DEFAULT '';
-- A waiting registration's place in the queue is counted from this index alone; the one by
-- (event_id, status, type_id) made each count visit every waiting row ahead (bench/rush).
CREATE INDEX event_registrations_queue ON event_registrations (event_id, status, seq);

-- +goose Down
DROP INDEX event_registrations_queue;
ALTER TABLE event_registrations DROP COLUMN mailed_status;
