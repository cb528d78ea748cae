-- +goose Up
-- Student module, mentoring: İzmir's universities, student and mentor profiles, and the
-- pairings between them. Lists of codes (languages, help topics) are space-separated;
-- interests are comma-separated free text.

-- The universities a profile chooses from; coordinators add, rename and retire them.
-- name_key is the folded name (text.Fold), so "EGE ÜNİVERSİTESİ" cannot be added twice.
CREATE TABLE student_universities (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    name_key  TEXT NOT NULL UNIQUE,
    retired   INTEGER NOT NULL DEFAULT 0 -- 1: kept for old profiles, not offered any more
);
INSERT INTO student_universities (name, name_key) VALUES
    ('Ege Üniversitesi', 'ege universitesi'),
    ('Dokuz Eylül Üniversitesi', 'dokuz eylul universitesi'),
    ('İzmir Yüksek Teknoloji Enstitüsü', 'izmir yuksek teknoloji enstitusu'),
    ('İzmir Kâtip Çelebi Üniversitesi', 'izmir katip celebi universitesi'),
    ('İzmir Bakırçay Üniversitesi', 'izmir bakircay universitesi'),
    ('İzmir Demokrasi Üniversitesi', 'izmir demokrasi universitesi'),
    ('Yaşar Üniversitesi', 'yasar universitesi'),
    ('İzmir Ekonomi Üniversitesi', 'izmir ekonomi universitesi'),
    ('İzmir Tınaztepe Üniversitesi', 'izmir tinaztepe universitesi');

-- A student's profile, one per account. visible: the student lets coordinators suggest
-- them to mentors; consent_* record the notice the student accepted.
CREATE TABLE student_profiles (
    user_id         INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    university_id   INTEGER REFERENCES student_universities (id) ON DELETE SET NULL,
    faculty         TEXT NOT NULL DEFAULT '',
    programme       TEXT NOT NULL DEFAULT '',
    year            INTEGER NOT NULL DEFAULT 0,
    home_city       TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '',
    interests       TEXT NOT NULL DEFAULT '',
    wants           TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL,            -- shared with the mentor once paired
    visible         INTEGER NOT NULL DEFAULT 0,
    consent_version TEXT NOT NULL,
    consent_at      TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- A mentor's or buddy's profile. Only verified mentors are suggested or paired.
CREATE TABLE student_mentors (
    user_id         INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL, -- volunteer, alumni, professional
    university_id   INTEGER REFERENCES student_universities (id) ON DELETE SET NULL,
    field           TEXT NOT NULL DEFAULT '', -- faculty, field of study or profession
    home_city       TEXT NOT NULL DEFAULT '',
    languages       TEXT NOT NULL DEFAULT '',
    interests       TEXT NOT NULL DEFAULT '',
    offers          TEXT NOT NULL DEFAULT '',
    capacity        INTEGER NOT NULL,
    about           TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL,
    verified        INTEGER NOT NULL DEFAULT 0,
    verified_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    verified_at     TIMESTAMP,
    consent_version TEXT NOT NULL,
    consent_at      TIMESTAMP NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);

-- A pairing. A student has at most one active pairing (the partial unique index backs the
-- service's check); a mentor's active pairings never exceed capacity (checked under the
-- mentor row's lock).
CREATE TABLE student_pairings (
    id          INTEGER PRIMARY KEY,
    student_id  INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentor_id   INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status      TEXT NOT NULL, -- active, ended
    points      INTEGER NOT NULL DEFAULT 0, -- the match score when confirmed
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    ended_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    ended_at    TIMESTAMP,
    end_reason  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX student_pairings_one_active ON student_pairings (student_id) WHERE status = 'active';
CREATE INDEX student_pairings_mentor ON student_pairings (mentor_id, status);

-- The programme's settings: one row.
CREATE TABLE student_mentoring_settings (
    id              INTEGER PRIMARY KEY,
    students_choose INTEGER NOT NULL DEFAULT 0 -- 1: students pick from their suggestions
);
INSERT INTO student_mentoring_settings (id, students_choose) VALUES (1, 0);

-- +goose Down
DROP TABLE student_mentoring_settings;
DROP TABLE student_pairings;
DROP TABLE student_mentors;
DROP TABLE student_profiles;
DROP TABLE student_universities;
