-- +goose Up
-- How exact a stored date is: 'day', or 'year' when only the year is known (the 1986
-- protocol), so pages print "1986" instead of inventing a 1 January.
ALTER TABLE partnerships ADD COLUMN protocol_precision TEXT NOT NULL DEFAULT 'day';
ALTER TABLE milestones ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day';
-- Announced programme items that have not happened yet; the timeline lists them last.
ALTER TABLE milestones ADD COLUMN planned INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE milestones DROP COLUMN planned;
ALTER TABLE milestones DROP COLUMN date_precision;
ALTER TABLE partnerships DROP COLUMN protocol_precision;
