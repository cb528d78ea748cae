-- +goose Up
-- A city pair. Translatable columns hold JSON {"tr","az","en"}.
CREATE TABLE partnerships (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    city_a        TEXT NOT NULL,
    country_a     TEXT NOT NULL,
    zone_a        TEXT NOT NULL,
    city_b        TEXT NOT NULL,
    country_b     TEXT NOT NULL,
    zone_b        TEXT NOT NULL,
    protocol_date TEXT NOT NULL, -- YYYY-MM-DD
    summary       TEXT NOT NULL,
    is_default    INTEGER NOT NULL DEFAULT 0,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

CREATE TABLE milestones (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    date           TEXT NOT NULL, -- YYYY-MM-DD
    kind           TEXT NOT NULL, -- protocol, meeting, visit, anniversary, event
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX milestones_partnership ON milestones (partnership_id, date);

-- +goose Down
DROP TABLE milestones;
DROP TABLE partnerships;
