-- +goose Up
-- Content: news articles and pages (one table, told apart by kind), their categories, tags
-- and revisions, the media library, and the navigation menu. Translatable columns hold JSON
-- {"tr","az","en"}.
CREATE TABLE content_categories (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE content_media (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL, -- image, document
    file_key     TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL, -- the uploaded file's cleaned name, offered on download
    content_type TEXT NOT NULL,
    size         BIGINT NOT NULL,
    width        INTEGER NOT NULL DEFAULT 0,
    height       INTEGER NOT NULL DEFAULT 0,
    variants     TEXT NOT NULL DEFAULT '[]', -- JSON [{name,key,width,height,content_type}], made once at upload
    alt          TEXT NOT NULL,
    caption      TEXT NOT NULL,
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX content_media_created ON content_media (created_at);

CREATE TABLE content_entries (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         TEXT NOT NULL, -- news, page
    slug         TEXT NOT NULL,
    status       TEXT NOT NULL, -- draft, scheduled, published, unpublished
    title        TEXT NOT NULL,
    lead         TEXT NOT NULL,
    body         TEXT NOT NULL, -- Markdown
    body_html    TEXT NOT NULL, -- rendered and sanitized when saved, so readers never wait for it
    body_text    TEXT NOT NULL, -- plain text of the body, for search
    cover_id     BIGINT REFERENCES content_media (id),
    author_kind  TEXT NOT NULL, -- person, organisation
    author_name  TEXT NOT NULL,
    author_bio   TEXT NOT NULL,
    category_id  BIGINT REFERENCES content_categories (id) ON DELETE SET NULL,
    published_at TIMESTAMPTZ, -- when it went (or, scheduled, will go) public
    revised_at   TIMESTAMPTZ, -- the last change of the text while public ("Güncelleme Tarihi")
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, slug)
);
CREATE INDEX content_entries_list ON content_entries (kind, status, published_at);
CREATE INDEX content_entries_category ON content_entries (category_id);

CREATE TABLE content_tags (
    entry_id BIGINT NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
    slug     TEXT NOT NULL,
    label    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (entry_id, slug)
);
CREATE INDEX content_tags_slug ON content_tags (slug);

-- Which entries show which media (cover and body), so a file in use is not deleted and a
-- changed caption reaches every article that shows it.
CREATE TABLE content_media_uses (
    entry_id BIGINT NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
    media_id BIGINT NOT NULL REFERENCES content_media (id),
    PRIMARY KEY (entry_id, media_id)
);
CREATE INDEX content_media_uses_media ON content_media_uses (media_id);

CREATE TABLE content_revisions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id   BIGINT NOT NULL REFERENCES content_entries (id) ON DELETE CASCADE,
    user_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    user_name  TEXT NOT NULL, -- as it was then; empty for the scheduler
    action     TEXT NOT NULL, -- create, update, publish, schedule, unpublish
    fields     TEXT NOT NULL, -- JSON array of the fields that changed
    snapshot   TEXT NOT NULL, -- JSON of the editable fields after the change
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX content_revisions_entry ON content_revisions (entry_id, id);

CREATE TABLE content_menu (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    label      TEXT NOT NULL,
    entry_id   BIGINT REFERENCES content_entries (id) ON DELETE CASCADE,
    url        TEXT NOT NULL, -- used when entry_id is NULL
    position   INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE content_menu;
DROP TABLE content_revisions;
DROP TABLE content_media_uses;
DROP TABLE content_tags;
DROP TABLE content_entries;
DROP TABLE content_media;
DROP TABLE content_categories;
