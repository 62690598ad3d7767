-- Accord schema 2: each alliance's question set, partners' passphrase locks, rounds of private
-- answers and their seals. Every table is append-only, like the alliance revisions.

-- The alliance's own question set (a copy of a template, edited freely), one row per save.
CREATE TABLE question_set_revisions (
    alliance_id  TEXT    NOT NULL REFERENCES alliances (id),
    revision     INTEGER NOT NULL CHECK (revision >= 1),
    recorded_at  INTEGER NOT NULL,
    question_set TEXT    NOT NULL, -- JSON: accord_core::QuestionSet
    PRIMARY KEY (alliance_id, revision)
) WITHOUT ROWID;

-- A partner's key pair: the public key in the clear, the secret key locked by their passphrase.
CREATE TABLE party_locks (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    party_id    TEXT    NOT NULL,
    recipient   TEXT    NOT NULL, -- age X25519 public key
    locked_key  BLOB    NOT NULL, -- age file (scrypt) holding the secret key
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, party_id)
) WITHOUT ROWID;

-- A round of answering. Round 1 opens with the first answer; later rounds open explicitly.
CREATE TABLE rounds (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    round       INTEGER NOT NULL CHECK (round >= 1),
    opened_at   INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, round)
) WITHOUT ROWID;

-- Every autosave of a partner's answers, encrypted to that partner's public key only.
CREATE TABLE answer_revisions (
    alliance_id TEXT    NOT NULL,
    round       INTEGER NOT NULL,
    party_id    TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    recorded_at INTEGER NOT NULL,
    answered    INTEGER NOT NULL, -- how many questions have an answer (shown as progress)
    sheet       BLOB    NOT NULL, -- age file: accord_core::AnswerSheet JSON
    PRIMARY KEY (alliance_id, round, party_id, revision),
    FOREIGN KEY (alliance_id, round) REFERENCES rounds (alliance_id, round)
) WITHOUT ROWID;

-- A partner's final answers for a round, encrypted to every partner's public key, so any
-- partner can open all of them, and only once every partner has sealed.
CREATE TABLE seals (
    alliance_id     TEXT    NOT NULL,
    round           INTEGER NOT NULL,
    party_id        TEXT    NOT NULL,
    sealed_at       INTEGER NOT NULL,
    answer_revision INTEGER NOT NULL,
    sheet           BLOB    NOT NULL, -- age file to all partners: accord_core::AnswerSheet JSON
    PRIMARY KEY (alliance_id, round, party_id),
    FOREIGN KEY (alliance_id, round) REFERENCES rounds (alliance_id, round)
) WITHOUT ROWID;

CREATE TRIGGER question_set_revisions_are_never_changed BEFORE UPDATE ON question_set_revisions
BEGIN SELECT RAISE(ABORT, 'question set revisions are append-only'); END;
CREATE TRIGGER question_set_revisions_are_never_deleted BEFORE DELETE ON question_set_revisions
BEGIN SELECT RAISE(ABORT, 'question set revisions are append-only'); END;
CREATE TRIGGER party_locks_are_never_changed BEFORE UPDATE ON party_locks
BEGIN SELECT RAISE(ABORT, 'passphrase locks cannot be replaced'); END;
CREATE TRIGGER party_locks_are_never_deleted BEFORE DELETE ON party_locks
BEGIN SELECT RAISE(ABORT, 'passphrase locks cannot be removed'); END;
CREATE TRIGGER answer_revisions_are_never_changed BEFORE UPDATE ON answer_revisions
BEGIN SELECT RAISE(ABORT, 'answer revisions are append-only'); END;
CREATE TRIGGER answer_revisions_are_never_deleted BEFORE DELETE ON answer_revisions
BEGIN SELECT RAISE(ABORT, 'answer revisions are append-only'); END;
CREATE TRIGGER seals_are_final BEFORE UPDATE ON seals
BEGIN SELECT RAISE(ABORT, 'a seal is final'); END;
CREATE TRIGGER seals_are_never_deleted BEFORE DELETE ON seals
BEGIN SELECT RAISE(ABORT, 'a seal is final'); END;
