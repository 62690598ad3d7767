-- Accord schema 5: revisiting an agreement (issue 8): partners' check-ins after an agreement is
-- frozen, and each alliance's review interval. Append-only, like the rest of the store.

-- A partner's answers at a check-in, encrypted to that partner's own key (private as before).
CREATE TABLE check_ins (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    party_id    TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    agreement   INTEGER NOT NULL, -- the agreement number checked against
    recorded_at INTEGER NOT NULL,
    sheet       BLOB    NOT NULL, -- age file: accord_core::AnswerSheet JSON
    PRIMARY KEY (alliance_id, party_id, revision)
) WITHOUT ROWID;

-- How often an alliance's agreement is reviewed; the newest row counts.
CREATE TABLE review_intervals (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    revision    INTEGER NOT NULL CHECK (revision >= 1),
    days        INTEGER NOT NULL CHECK (days BETWEEN 7 AND 1830),
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, revision)
) WITHOUT ROWID;

CREATE TRIGGER check_ins_are_never_changed BEFORE UPDATE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER check_ins_are_never_deleted BEFORE DELETE ON check_ins
BEGIN SELECT RAISE(ABORT, 'check-ins are append-only'); END;
CREATE TRIGGER review_intervals_are_never_changed BEFORE UPDATE ON review_intervals
BEGIN SELECT RAISE(ABORT, 'review intervals are append-only'); END;
CREATE TRIGGER review_intervals_are_never_deleted BEFORE DELETE ON review_intervals
BEGIN SELECT RAISE(ABORT, 'review intervals are append-only'); END;
