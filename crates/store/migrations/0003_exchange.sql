-- Accord schema 3: exchanging sealed answers with partners on other machines (issue 6).
-- Every table is append-only, like the rest of the store.

-- This machine's user: one identity, its secret keys locked by their passphrase.
CREATE TABLE identities (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    card        TEXT    NOT NULL, -- JSON: the contact card (public keys)
    locked      BLOB    NOT NULL, -- age file (scrypt) holding the secret keys
    created_at  INTEGER NOT NULL
);

-- Contact cards bound to an alliance's parties: the user's own (mine = 1) or a partner's,
-- bound after the user confirmed its fingerprint.
CREATE TABLE party_cards (
    alliance_id TEXT    NOT NULL REFERENCES alliances (id),
    party_id    TEXT    NOT NULL,
    fingerprint TEXT    NOT NULL,
    card        TEXT    NOT NULL, -- JSON: accord_envelope::ContactCard
    mine        INTEGER NOT NULL CHECK (mine IN (0, 1)),
    bound_at    INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, party_id)
) WITHOUT ROWID;

-- Envelopes of a round: the user's own as sent (with its key, encrypted to their identity) and
-- partners' as received. The commitment recorded here is what a reveal must match.
CREATE TABLE envelopes (
    alliance_id  TEXT    NOT NULL,
    round        INTEGER NOT NULL,
    party_id     TEXT    NOT NULL,
    commitment   TEXT    NOT NULL,
    envelope     TEXT    NOT NULL, -- JSON: accord_envelope::envelope::Envelope
    envelope_key BLOB,             -- own envelope only: age file to the user's identity
    recorded_at  INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, round, party_id),
    FOREIGN KEY (alliance_id, round) REFERENCES rounds (alliance_id, round)
) WITHOUT ROWID;

-- Partners' reveals that opened their envelope; the opened answers are then sealed in `seals`.
CREATE TABLE reveals (
    alliance_id TEXT    NOT NULL,
    round       INTEGER NOT NULL,
    party_id    TEXT    NOT NULL,
    reveal      TEXT    NOT NULL, -- JSON: accord_envelope::envelope::Reveal
    opened_at   INTEGER NOT NULL,
    PRIMARY KEY (alliance_id, round, party_id),
    FOREIGN KEY (alliance_id, round, party_id) REFERENCES envelopes (alliance_id, round, party_id)
) WITHOUT ROWID;

CREATE TRIGGER identities_are_never_changed BEFORE UPDATE ON identities
BEGIN SELECT RAISE(ABORT, 'an identity cannot be changed'); END;
CREATE TRIGGER identities_are_never_deleted BEFORE DELETE ON identities
BEGIN SELECT RAISE(ABORT, 'an identity cannot be removed'); END;
CREATE TRIGGER party_cards_are_never_changed BEFORE UPDATE ON party_cards
BEGIN SELECT RAISE(ABORT, 'a bound card cannot be replaced'); END;
CREATE TRIGGER party_cards_are_never_deleted BEFORE DELETE ON party_cards
BEGIN SELECT RAISE(ABORT, 'a bound card cannot be removed'); END;
CREATE TRIGGER envelopes_are_final BEFORE UPDATE ON envelopes
BEGIN SELECT RAISE(ABORT, 'an envelope is final'); END;
CREATE TRIGGER envelopes_are_never_deleted BEFORE DELETE ON envelopes
BEGIN SELECT RAISE(ABORT, 'an envelope is final'); END;
CREATE TRIGGER reveals_are_final BEFORE UPDATE ON reveals
BEGIN SELECT RAISE(ABORT, 'a reveal is final'); END;
CREATE TRIGGER reveals_are_never_deleted BEFORE DELETE ON reveals
BEGIN SELECT RAISE(ABORT, 'a reveal is final'); END;
