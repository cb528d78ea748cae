-- +goose Up
-- A show may name where listeners can support it (podcast:funding in its feed, a link on
-- its page): an http(s) address and the short label apps show beside it. '' for none.
ALTER TABLE podcast_shows ADD COLUMN funding_url TEXT NOT NULL DEFAULT '';
ALTER TABLE podcast_shows ADD COLUMN funding_label TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE podcast_shows DROP COLUMN funding_label;
ALTER TABLE podcast_shows DROP COLUMN funding_url;
