-- +goose Up
-- A guest's sign-up for a shift, waiting for the guest to follow the link mailed to them.
-- Following it creates their account and only then makes the sign-up; until then nothing
-- counts against the shift. Only the SHA-256 of the mailed token is kept.
CREATE TABLE volunteer_guest_signups (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shift_id       BIGINT NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    email          TEXT NOT NULL,
    birth_date     TEXT NOT NULL, -- YYYY-MM-DD, becomes the volunteer profile's
    locale         TEXT NOT NULL, -- the language of the page, the mail and the account
    notice_version TEXT NOT NULL, -- the privacy notice the guest accepted
    token_hash     TEXT NOT NULL UNIQUE,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX volunteer_guest_signups_email ON volunteer_guest_signups (email);

-- +goose Down
DROP TABLE volunteer_guest_signups;
