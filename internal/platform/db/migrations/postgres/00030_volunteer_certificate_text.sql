-- +goose Up
-- A certificate keeps the programme's title and the names of its issuing organisations as
-- they were when it was issued, so its verification page confirms what the paper says even
-- after the programme is renamed or names other issuers.
ALTER TABLE volunteer_certificates ADD COLUMN programme_title TEXT NOT NULL DEFAULT '{}'; -- JSON text
ALTER TABLE volunteer_certificates ADD COLUMN issuer_names TEXT NOT NULL DEFAULT '[]'; -- JSON array; [] = the partnership's organisers

-- +goose Down
ALTER TABLE volunteer_certificates DROP COLUMN issuer_names;
ALTER TABLE volunteer_certificates DROP COLUMN programme_title;
