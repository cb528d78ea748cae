-- +goose Up
-- Project proposals, their joint review by the association and the municipality, and the
-- public accountability tracker of the projects accepted proposals become. Translatable
-- texts are JSON {"tr","az","en"}; lists of codes are space-separated; money is in minor
-- units (kuruş, qəpik, cents) with its ISO 4217 currency beside it.

-- A call for proposals. A proposal with no call goes to the standing intake.
CREATE TABLE project_calls (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    themes         TEXT NOT NULL, -- culture, education, youth, trade, tourism, environment, institutional, other
    opens_at       TIMESTAMP NOT NULL,
    closes_at      TIMESTAMP NOT NULL,
    joint_approval INTEGER NOT NULL DEFAULT 1, -- 1: both partners must approve
    published      INTEGER NOT NULL DEFAULT 0, -- 0: a draft only coordinators see
    created_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);

-- The call's own questions, answered in every proposal to it.
CREATE TABLE project_call_questions (
    id       INTEGER PRIMARY KEY,
    call_id  INTEGER NOT NULL REFERENCES project_calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    label    TEXT NOT NULL, -- JSON text
    kind     TEXT NOT NULL, -- text, choice, number
    choices  TEXT NOT NULL, -- JSON [text, …] for choice
    required INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX project_call_questions_call ON project_call_questions (call_id, position);

-- Evaluation criteria with weights; reviewers score each from 0 to 10.
CREATE TABLE project_call_criteria (
    id       INTEGER PRIMARY KEY,
    call_id  INTEGER NOT NULL REFERENCES project_calls (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL, -- JSON text
    weight   INTEGER NOT NULL -- 1..100
);
CREATE INDEX project_call_criteria_call ON project_call_criteria (call_id, position);

-- A proposal. Once submitted it is never edited: a change is a new version (previous_id),
-- which replaces the old one in review.
CREATE TABLE proposals (
    id              INTEGER PRIMARY KEY,
    partnership_id  INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    call_id         INTEGER REFERENCES project_calls (id) ON DELETE SET NULL, -- NULL: standing intake
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    previous_id     INTEGER REFERENCES proposals (id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    status          TEXT NOT NULL, -- draft, submitted, needs_info, accepted, accepted_with_changes, rejected, superseded
    title           TEXT NOT NULL, -- JSON text; one language at least
    summary         TEXT NOT NULL, -- JSON text
    themes          TEXT NOT NULL,
    target_groups   TEXT NOT NULL, -- youth, students, businesses, artists, residents, public_bodies, …
    partners        TEXT NOT NULL, -- JSON [{"organisation_id": 3, "name": "…", "city": "Bakı"}]
    created_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    submitted_at    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX proposals_call ON proposals (call_id, status);
CREATE INDEX proposals_organisation ON proposals (organisation_id);

CREATE TABLE proposal_activities (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    starts_on   TEXT NOT NULL, -- YYYY-MM-DD
    ends_on     TEXT NOT NULL,
    PRIMARY KEY (proposal_id, position)
);

CREATE TABLE proposal_budget_lines (
    proposal_id     INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    label           TEXT NOT NULL,
    currency        TEXT NOT NULL, -- TRY, AZN, EUR, USD
    amount_minor    INTEGER NOT NULL, -- the line's cost
    requested_minor INTEGER NOT NULL, -- asked from the municipality
    cofunding_minor INTEGER NOT NULL, -- from the proposer and others
    PRIMARY KEY (proposal_id, position)
);

-- Expected results: "participants: 500". The project keeps its own copy with actuals.
CREATE TABLE proposal_indicators (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL, -- JSON text
    unit        TEXT NOT NULL,
    target      REAL NOT NULL,
    PRIMARY KEY (proposal_id, position)
);

CREATE TABLE proposal_answers (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    question_id INTEGER NOT NULL REFERENCES project_call_questions (id) ON DELETE CASCADE,
    answer      TEXT NOT NULL,
    PRIMARY KEY (proposal_id, question_id)
);

-- PDF attachments; the file lives in the media storage under storage_key.
CREATE TABLE proposal_attachments (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    storage_key TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);

-- Review: reviewers are assigned per proposal, each for one side of the partnership.
CREATE TABLE proposal_reviewers (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    side        TEXT NOT NULL, -- association, municipality
    assigned_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    assigned_at TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);

CREATE TABLE proposal_scores (
    proposal_id  INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    criterion_id INTEGER NOT NULL REFERENCES project_call_criteria (id) ON DELETE CASCADE,
    score        INTEGER NOT NULL, -- 0..10
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, user_id, criterion_id)
);

-- Reviewers' private notes and discussion: never shown to the proposer or the public.
CREATE TABLE proposal_notes (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body        TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX proposal_notes_proposal ON proposal_notes (proposal_id, id);

-- Each side's decision (joint approval): one row per side, who and when.
CREATE TABLE proposal_decisions (
    proposal_id INTEGER NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    side        TEXT NOT NULL, -- association, municipality
    decision    TEXT NOT NULL, -- accepted, accepted_with_changes, rejected, needs_info
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (proposal_id, side)
);

-- The official answer the proposer and the public see, prepared and then published.
CREATE TABLE proposal_responses (
    proposal_id  INTEGER PRIMARY KEY REFERENCES proposals (id) ON DELETE CASCADE,
    outcome      TEXT NOT NULL, -- accepted, accepted_with_changes, rejected, needs_info
    answer       TEXT NOT NULL, -- JSON text
    prepared_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    prepared_at  TIMESTAMP NOT NULL,
    published_at TIMESTAMP -- NULL: prepared, not yet published
);

-- Answer templates coordinators start an official answer from.
CREATE TABLE proposal_answer_templates (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    outcome TEXT NOT NULL,
    answer  TEXT NOT NULL -- JSON text
);

-- The accountability tracker: a project, usually born of an accepted proposal.
CREATE TABLE projects (
    id             INTEGER PRIMARY KEY,
    partnership_id INTEGER NOT NULL REFERENCES partnerships (id) ON DELETE CASCADE,
    proposal_id    INTEGER UNIQUE REFERENCES proposals (id) ON DELETE SET NULL,
    organisation_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL, -- the lead
    slug           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL, -- JSON text
    summary        TEXT NOT NULL, -- JSON text
    themes         TEXT NOT NULL,
    status         TEXT NOT NULL, -- not_started, in_progress, completed, cancelled
    progress       INTEGER NOT NULL DEFAULT 0, -- percent
    starts_on      TEXT NOT NULL,
    ends_on        TEXT NOT NULL,
    currency       TEXT NOT NULL,
    planned_minor  INTEGER NOT NULL DEFAULT 0,
    spent_minor    INTEGER NOT NULL DEFAULT 0,
    year           INTEGER NOT NULL, -- of starts_on, for the public filter
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX projects_status ON projects (status, year);

CREATE TABLE project_milestones (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    title      TEXT NOT NULL, -- JSON text
    due_on     TEXT NOT NULL,
    done_on    TEXT NOT NULL DEFAULT '' -- '': not yet
);
CREATE INDEX project_milestones_project ON project_milestones (project_id, due_on);

CREATE TABLE project_indicators (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL, -- JSON text
    unit       TEXT NOT NULL,
    target     REAL NOT NULL,
    actual     REAL NOT NULL DEFAULT 0
);
CREATE INDEX project_indicators_project ON project_indicators (project_id, position);

-- Dated progress updates, with photos from the media library.
CREATE TABLE project_updates (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    body       TEXT NOT NULL, -- JSON text
    progress   INTEGER, -- the project's progress set by this update; NULL: unchanged
    media_ids  TEXT NOT NULL DEFAULT '', -- space-separated media ids
    author_id  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    posted_on  TEXT NOT NULL, -- YYYY-MM-DD, the day it reports on
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_updates_project ON project_updates (project_id, posted_on);

-- Links to other modules' objects; each side shows the other.
CREATE TABLE project_links (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL, -- event, b2b, volunteer, news
    ref_id     INTEGER NOT NULL,
    PRIMARY KEY (project_id, kind, ref_id)
);
CREATE INDEX project_links_ref ON project_links (kind, ref_id);

-- People following a project, mailed about its updates.
CREATE TABLE project_followers (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, user_id)
);

-- Every change to a project or its parts: who changed what, when.
CREATE TABLE project_history (
    id         INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    field      TEXT NOT NULL, -- status, progress, spent, indicator:<id>, milestone:<id>, …
    old_value  TEXT NOT NULL,
    new_value  TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX project_history_project ON project_history (project_id, id);

-- +goose Down
DROP TABLE project_history;
DROP TABLE project_followers;
DROP TABLE project_links;
DROP TABLE project_updates;
DROP TABLE project_indicators;
DROP TABLE project_milestones;
DROP TABLE projects;
DROP TABLE proposal_answer_templates;
DROP TABLE proposal_responses;
DROP TABLE proposal_decisions;
DROP TABLE proposal_notes;
DROP TABLE proposal_scores;
DROP TABLE proposal_reviewers;
DROP TABLE proposal_attachments;
DROP TABLE proposal_answers;
DROP TABLE proposal_indicators;
DROP TABLE proposal_budget_lines;
DROP TABLE proposal_activities;
DROP TABLE proposals;
DROP TABLE project_call_criteria;
DROP TABLE project_call_questions;
DROP TABLE project_calls;
