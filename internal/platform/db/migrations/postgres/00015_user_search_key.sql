-- +goose Up
-- The admin's user search compares folded text (Turkish and Azerbaijani letters folded the
-- way text.Fold does it), which SQL's LOWER cannot do. The key is written by the application;
-- rows migrated here start empty and are filled when the platform next opens the database.
ALTER TABLE users ADD COLUMN search_key TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE users DROP COLUMN search_key;
