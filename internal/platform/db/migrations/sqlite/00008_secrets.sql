-- +goose Up
-- Installation secrets (e.g. the key that signs tickets), generated once by whichever instance
-- starts first and shared by every instance on the same database.
CREATE TABLE app_secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL -- hex
);

-- +goose Down
DROP TABLE app_secrets;
