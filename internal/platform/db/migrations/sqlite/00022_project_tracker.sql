-- +goose Up
-- The public tracker's list: a folded copy of every title and summary for the text filter
-- (the same fold as site search, so "IZMIR" finds "İzmir"), and indexes for its filters and
-- its order (newest change first), so a filtered page stays one bounded query at 10,000
-- projects.
ALTER TABLE projects ADD COLUMN folded TEXT NOT NULL DEFAULT '';
CREATE INDEX projects_list ON projects (updated_at, id);
CREATE INDEX projects_year ON projects (year, updated_at);
CREATE INDEX projects_organisation ON projects (organisation_id, updated_at);
-- The summary on top of the list reads only these columns (and filters on the last three):
-- a covering index spares it the wide rows (titles and summaries in three languages).
CREATE INDEX projects_summary ON projects (status, currency, progress, planned_minor, spent_minor, year, organisation_id, themes);

-- +goose Down
DROP INDEX projects_summary;
DROP INDEX projects_organisation;
DROP INDEX projects_year;
DROP INDEX projects_list;
ALTER TABLE projects DROP COLUMN folded;
