-- Accord schema 1: alliances and their append-only revisions.
-- Never edit this file once released; add 0002_<slug>.sql instead.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE alliances (
    id         TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Each row is the whole state of an alliance after one change. The newest row is the current
-- state; older rows are its history. Rows are never updated or deleted.
CREATE TABLE alliance_revisions (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    recorded_at INTEGER NOT NULL,
    change      TEXT    NOT NULL, -- JSON: accord_core::AllianceChange
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- accord_core::AllianceKind slug
    parties     TEXT    NOT NULL, -- JSON: [accord_core::Party]
    terms       TEXT    NOT NULL, -- JSON: [accord_core::PaperTerm]
    deleted     INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    PRIMARY KEY (alliance_id, revision)
) WITHOUT ROWID;

CREATE TRIGGER alliance_revisions_are_never_updated
BEFORE UPDATE ON alliance_revisions
BEGIN
    SELECT RAISE(ABORT, 'alliance revisions are append-only');
END;

CREATE TRIGGER alliance_revisions_are_never_deleted
BEFORE DELETE ON alliance_revisions
BEGIN
    SELECT RAISE(ABORT, 'alliance revisions are append-only');
END;
