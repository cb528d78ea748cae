-- +goose Up
-- Youth and volunteering programmes: roles, shifts, sign-ups with a waiting list, guardian
-- consent for minors, attendance, hours and certificates. Translatable texts are JSON
-- {"tr","az","en"}; lists of codes are space-separated.

-- A programme, e.g. the festival's volunteers or a youth exchange.
CREATE TABLE volunteer_programmes (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL UNIQUE,
    title           TEXT NOT NULL, -- JSON text
    description     TEXT NOT NULL, -- JSON text
    requirements    TEXT NOT NULL, -- JSON text
    city            TEXT NOT NULL, -- izmir, baku: also gives the zone times are shown in
    starts_at       TIMESTAMP NOT NULL,
    ends_at         TIMESTAMP NOT NULL,
    min_age         INTEGER NOT NULL DEFAULT 0, -- 0: no minimum
    event_id        INTEGER REFERENCES events (id) ON DELETE SET NULL,
    issuers         TEXT NOT NULL DEFAULT '', -- organisation ids named on certificates
    signup_close_hours INTEGER NOT NULL DEFAULT 0,  -- sign-ups close this long before a shift starts
    cancel_close_hours INTEGER NOT NULL DEFAULT 24, -- cancelling or swapping closes this long before
    published       INTEGER NOT NULL DEFAULT 0,     -- 0: a draft only coordinators see
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_programmes_start ON volunteer_programmes (published, starts_at);

-- A role within a programme, e.g. gate steward or interpreter tr–az.
CREATE TABLE volunteer_roles (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES volunteer_programmes (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL, -- JSON text
    description  TEXT NOT NULL, -- JSON text
    languages    TEXT NOT NULL DEFAULT '' -- languages the role needs: tr az en ru
);
CREATE INDEX volunteer_roles_programme ON volunteer_roles (programme_id, position);

-- A shift of a role. fixed: from starts_at to ends_at; window: minutes of work any time
-- between starts_at and ends_at; ongoing: a flexible need over the period, hours logged
-- by the volunteers.
CREATE TABLE volunteer_shifts (
    id             INTEGER PRIMARY KEY,
    programme_id   INTEGER NOT NULL REFERENCES volunteer_programmes (id) ON DELETE CASCADE,
    role_id        INTEGER NOT NULL REFERENCES volunteer_roles (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL, -- fixed, window, ongoing
    starts_at      TIMESTAMP NOT NULL,
    ends_at        TIMESTAMP NOT NULL,
    minutes        INTEGER NOT NULL DEFAULT 0, -- window: the work expected; else 0
    places         INTEGER NOT NULL,           -- confirmed sign-ups at most
    location       TEXT NOT NULL DEFAULT '',
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_detail TEXT NOT NULL DEFAULT '', -- phone or mail of the contact person
    confirmed      INTEGER NOT NULL DEFAULT 0, -- count of confirmed sign-ups, kept in the sign-up's transaction
    created_at     TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_shifts_programme ON volunteer_shifts (programme_id, starts_at);
CREATE INDEX volunteer_shifts_role ON volunteer_shifts (role_id);

-- What a volunteer tells the programmes about themselves, once for all of them.
CREATE TABLE volunteer_profiles (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    birth_date TEXT NOT NULL,            -- YYYY-MM-DD, for minimum ages and guardian consent
    phone      TEXT NOT NULL DEFAULT '',
    city       TEXT NOT NULL DEFAULT '',
    languages  TEXT NOT NULL DEFAULT '', -- tr az en ru …
    updated_at TIMESTAMP NOT NULL
);

-- A guardian's consent for a volunteer under 18, per programme. Without it a minor's
-- sign-up does not count.
CREATE TABLE volunteer_guardian_consents (
    programme_id     INTEGER NOT NULL REFERENCES volunteer_programmes (id) ON DELETE CASCADE,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    guardian_name    TEXT NOT NULL,
    guardian_contact TEXT NOT NULL,
    consented_at     TIMESTAMP NOT NULL,
    recorded_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (programme_id, user_id)
);

-- A person on a shift: confirmed, waiting (in id order) or cancelled. One row per person
-- and shift; signing up again after a cancellation reuses it at the end of the queue.
CREATE TABLE volunteer_signups (
    id           INTEGER PRIMARY KEY,
    shift_id     INTEGER NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status       TEXT NOT NULL, -- confirmed, waiting, cancelled
    queued_at    TIMESTAMP NOT NULL, -- waiting-list order
    attendance   TEXT NOT NULL DEFAULT '', -- '', attended, absent
    walk_in      INTEGER NOT NULL DEFAULT 0, -- added at the shift by a coordinator
    assigned_by  INTEGER REFERENCES users (id) ON DELETE SET NULL, -- a coordinator placed them
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (shift_id, user_id)
);
CREATE INDEX volunteer_signups_queue ON volunteer_signups (shift_id, status, queued_at, id);
CREATE INDEX volunteer_signups_user ON volunteer_signups (user_id, status);

-- Hours: from attendance at a fixed or window shift, or logged by the volunteer for an
-- ongoing role. Only approved hours count towards certificates and reports.
CREATE TABLE volunteer_hours (
    id           INTEGER PRIMARY KEY,
    programme_id INTEGER NOT NULL REFERENCES volunteer_programmes (id) ON DELETE CASCADE,
    shift_id     INTEGER NOT NULL REFERENCES volunteer_shifts (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    signup_id    INTEGER REFERENCES volunteer_signups (id) ON DELETE SET NULL,
    worked_on    TEXT NOT NULL, -- YYYY-MM-DD in the programme's zone
    minutes      INTEGER NOT NULL, -- 1..1440
    note         TEXT NOT NULL DEFAULT '',
    status       TEXT NOT NULL, -- pending, approved, rejected
    reason       TEXT NOT NULL DEFAULT '', -- why rejected
    logged_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE INDEX volunteer_hours_programme ON volunteer_hours (programme_id, status);
CREATE INDEX volunteer_hours_user ON volunteer_hours (user_id, programme_id);
CREATE UNIQUE INDEX volunteer_hours_signup ON volunteer_hours (signup_id);

-- An issued certificate: what it said when it was issued, found by its code on the public
-- verification page.
CREATE TABLE volunteer_certificates (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    programme_id INTEGER NOT NULL REFERENCES volunteer_programmes (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    holder_name  TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    first_day    TEXT NOT NULL, -- YYYY-MM-DD
    last_day     TEXT NOT NULL,
    issued_at    TIMESTAMP NOT NULL,
    UNIQUE (programme_id, user_id, minutes)
);

-- +goose Down
DROP TABLE volunteer_certificates;
DROP TABLE volunteer_hours;
DROP TABLE volunteer_signups;
DROP TABLE volunteer_guardian_consents;
DROP TABLE volunteer_profiles;
DROP TABLE volunteer_shifts;
DROP TABLE volunteer_roles;
DROP TABLE volunteer_programmes;
