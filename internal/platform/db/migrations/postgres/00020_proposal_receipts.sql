-- +goose Up
-- When the receipt of a submitted proposal was written to the outbox: the mail job sets it
-- in the transaction that writes the mail, so a job run twice mails once.
ALTER TABLE proposals ADD COLUMN receipt_mailed_at TIMESTAMPTZ;

-- +goose Down
ALTER TABLE proposals DROP COLUMN receipt_mailed_at;
