-- Accord schema 4: negotiating a round's gaps and the agreements frozen from it (issue 7).
-- Append-only, like the rest of the store.

-- Every step on a disputed question: a proposal, an acceptance, a rejection, a counter.
CREATE TABLE resolution_steps (
    alliance_id TEXT    NOT NULL,
    round       INTEGER NOT NULL,
    question_id TEXT    NOT NULL,
    step        INTEGER NOT NULL CHECK (step >= 1),
    party_id    TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('propose', 'accept', 'reject', 'counter')),
    value       TEXT,             -- JSON: accord_core::answer::Expectation (propose, counter)
    shown       TEXT,             -- the value in words
    comment     TEXT,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, round, question_id, step),
    FOREIGN KEY (alliance_id, round) REFERENCES rounds (alliance_id, round)
) WITHOUT ROWID;

-- Frozen agreements, numbered per alliance; at most one per round.
CREATE TABLE agreements (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    round       INTEGER NOT NULL,
    frozen_at   INTEGER NOT NULL,
    hash        TEXT    NOT NULL,
    agreement   TEXT    NOT NULL, -- JSON: accord_core::agreement::Agreement, without signatures
    PRIMARY KEY (alliance_id, number),
    UNIQUE (alliance_id, round)
) WITHOUT ROWID;

-- Partners' signatures over an agreement's hash.
CREATE TABLE agreement_signatures (
    alliance_id TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    party_id    TEXT    NOT NULL,
    signature   TEXT    NOT NULL, -- JSON: accord_core::agreement::AgreementSignature
    signed_at   INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, number, party_id),
    FOREIGN KEY (alliance_id, number) REFERENCES agreements (alliance_id, number)
) WITHOUT ROWID;

CREATE TRIGGER resolution_steps_are_never_changed BEFORE UPDATE ON resolution_steps
BEGIN SELECT RAISE(ABORT, 'resolution steps are append-only'); END;
CREATE TRIGGER resolution_steps_are_never_deleted BEFORE DELETE ON resolution_steps
BEGIN SELECT RAISE(ABORT, 'resolution steps are append-only'); END;
CREATE TRIGGER agreements_are_frozen BEFORE UPDATE ON agreements
BEGIN SELECT RAISE(ABORT, 'an agreement is frozen'); END;
CREATE TRIGGER agreements_are_never_deleted BEFORE DELETE ON agreements
BEGIN SELECT RAISE(ABORT, 'an agreement is frozen'); END;
CREATE TRIGGER agreement_signatures_are_final BEFORE UPDATE ON agreement_signatures
BEGIN SELECT RAISE(ABORT, 'a signature is final'); END;
CREATE TRIGGER agreement_signatures_are_never_deleted BEFORE DELETE ON agreement_signatures
BEGIN SELECT RAISE(ABORT, 'a signature is final'); END;
