//! An alliance's question set, its partners' private answers, rounds and seals.
//!
//! Privacy on a shared machine is enforced with keys, not with screens: each partner's answers
//! are stored encrypted to that partner's own public key, so only their passphrase opens them.
//! Sealing re-encrypts the final answers to every partner's key; a comparison decrypts the
//! sealed answers of all partners, and is refused until every partner has sealed. So nothing of
//! one partner's answers can be read, or derived, by another before all have sealed.
//!
//! Rules kept here: the question set of a round is frozen once any partner has sealed in it;
//! a seal is final for its round; answers are checked against the question set before they are
//! stored; a wrong passphrase or a refused action writes nothing.
//!
//! A new round does not start from nothing: until a partner saves answers in it, their sheet
//! starts from their own most recent expectations (their newest check-in against the newest
//! agreement if it is newer than their last seal, else their sealed answers of the most recent
//! earlier round), carried onto the current questions by `accord_core::carry`. Only rows of
//! that partner are read, opened with their own key; nothing is written until they save.

use accord_core::carry::carry_sheet;
use accord_core::questions::set_for_kind;
use accord_core::sheet::{blank_sheet, check_sheet, parse_sheet, Respondent};
use accord_core::{AllianceId, AnswerSheet, Comparison, PartyId, QuestionSet, Timestamp};
use accord_envelope::lock::{self, LockError, LockedKey, PartyKey};
use rusqlite::{params, OptionalExtension, Transaction};

use crate::{Result, Store, StoreError};

/// The alliance's question set as it stands, and whether it may still be edited.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSetState {
    pub revision: u32,
    pub set: QuestionSet,
    /// False once a partner has sealed in the current round.
    pub editable: bool,
}

/// Where one partner stands in the current round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyProgress {
    pub party: PartyId,
    pub has_passphrase: bool,
    /// Whether the partner has saved any answers this round.
    pub started: bool,
    /// Questions answered in the newest save. Even a count is derived from the answers, so
    /// [`RoundState::as_seen_by`] keeps it from other partners until every partner has sealed.
    pub answered: Option<u32>,
    pub sealed_at: Option<Timestamp>,
}

/// The current round of an alliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundState {
    /// 0 before anyone has answered.
    pub round: u32,
    pub questions: u32,
    pub parties: Vec<PartyProgress>,
}

/// Where the sheet a partner starts a new round from was carried from: always one of their
/// own earlier sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarrySource {
    /// Their sealed answers of an earlier round.
    SealedAnswers { round: u32, sealed_at: Timestamp },
    /// Their newest check-in against the newest agreement, recorded after those sealed answers.
    CheckIn {
        agreement: u32,
        recorded_at: Timestamp,
    },
}

/// What a partner's starting sheet of a new round carried over from their earlier answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CarriedAnswers {
    pub from: CarrySource,
    /// Answers carried over unchanged.
    pub carried: u32,
    /// Questions answered before whose answer was left behind: the question changed since.
    pub changed: u32,
    /// Questions that start blank: new, changed, or unanswered before.
    pub blank: u32,
}

/// A partner's sheet in the current round, and whether it is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyAnswers {
    pub sheet: AnswerSheet,
    /// The revision the sheet was saved as this round; None while nothing is saved.
    pub saved: Option<u32>,
    /// Set when nothing is saved yet and the sheet starts from the partner's earlier answers.
    pub carried: Option<CarriedAnswers>,
}

impl RoundState {
    pub fn all_sealed(&self) -> bool {
        self.round > 0 && self.parties.iter().all(|p| p.sealed_at.is_some())
    }

    /// The round as `viewer` (the unlocked partner, if any) may see it: answer counts of the
    /// other partners are withheld until every partner has sealed.
    pub fn as_seen_by(mut self, viewer: Option<&PartyId>) -> RoundState {
        if !self.all_sealed() {
            for progress in &mut self.parties {
                if Some(&progress.party) != viewer {
                    progress.answered = None;
                }
            }
        }
        self
    }
}

impl From<LockError> for StoreError {
    fn from(error: LockError) -> Self {
        match error {
            LockError::WrongPassphrase => StoreError::WrongPassphrase,
            LockError::PassphraseTooShort { len, min } => {
                StoreError::PassphraseTooShort { len, min }
            }
            other => StoreError::Crypto(other.to_string()),
        }
    }
}

impl Store {
    /// The alliance's question set, created from its kind's template on first use.
    pub fn question_set(&mut self, id: &AllianceId, now: Timestamp) -> Result<QuestionSetState> {
        let tx = self.conn.transaction()?;
        let state = question_set_in(&tx, id, now)?;
        tx.commit()?;
        Ok(state)
    }

    /// Saves an edited question set as a new revision. Refused once a partner has sealed in
    /// the current round (open a new round to change the questions).
    pub fn save_question_set(
        &mut self,
        id: &AllianceId,
        set: &QuestionSet,
        now: Timestamp,
    ) -> Result<QuestionSetState> {
        let tx = self.conn.transaction()?;
        let current = question_set_in(&tx, id, now)?;
        if !current.editable {
            return Err(StoreError::QuestionsFrozen);
        }
        set.check()
            .map_err(|e| StoreError::InvalidQuestionSet(e.to_string()))?;
        if set == &current.set {
            return Ok(current);
        }
        let revision = current.revision + 1;
        tx.execute(
            "INSERT INTO question_set_revisions (alliance_id, revision, recorded_at, question_set)
             VALUES (?1, ?2, ?3, ?4)",
            params![id.0, revision, now.millis(), to_json(set)],
        )?;
        tx.commit()?;
        Ok(QuestionSetState {
            revision,
            set: set.clone(),
            editable: true,
        })
    }

    /// Sets a partner's passphrase lock (once; it cannot be replaced).
    pub fn set_passphrase(
        &mut self,
        id: &AllianceId,
        party: &PartyId,
        locked: &LockedKey,
        now: Timestamp,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        check_party(&tx, id, party)?;
        if locked_key_in(&tx, id, party)?.is_some() {
            return Err(StoreError::PassphraseAlreadySet {
                party: party.0.clone(),
            });
        }
        tx.execute(
            "INSERT INTO party_locks (alliance_id, party_id, recipient, locked_key, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.0, party.0, locked.recipient, locked.locked, now.millis()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Gives a partner a new key pair locked by `passphrase` and returns it unlocked.
    pub fn create_passphrase(
        &mut self,
        id: &AllianceId,
        party: &PartyId,
        passphrase: &str,
        now: Timestamp,
    ) -> Result<PartyKey> {
        check_party(&self.conn, id, party)?;
        if locked_key_in(&self.conn, id, party)?.is_some() {
            return Err(StoreError::PassphraseAlreadySet {
                party: party.0.clone(),
            });
        }
        let key = PartyKey::generate();
        let locked = key.lock(passphrase)?;
        self.set_passphrase(id, party, &locked, now)?;
        Ok(key)
    }

    /// Unlocks a partner's key with their passphrase. Writes nothing.
    pub fn unlock(&self, id: &AllianceId, party: &PartyId, passphrase: &str) -> Result<PartyKey> {
        check_party(&self.conn, id, party)?;
        let locked = locked_key_in(&self.conn, id, party)?.ok_or(StoreError::NoPassphrase {
            party: party.0.clone(),
        })?;
        Ok(locked.unlock(passphrase)?)
    }

    /// Where every partner stands in the current round, with every count; show it to a partner
    /// through [`RoundState::as_seen_by`].
    pub fn round_state(&self, id: &AllianceId) -> Result<RoundState> {
        let alliance = self.alliance(id)?;
        let round = current_round(&self.conn, id)?;
        let questions = latest_set(&self.conn, id)?
            .map(|(_, set)| set.questions.len() as u32)
            .unwrap_or_else(|| set_for_kind(alliance.kind).questions.len() as u32);
        let mut parties = Vec::new();
        for party in &alliance.parties {
            let has_passphrase = locked_key_in(&self.conn, id, &party.id)?.is_some();
            let answered: Option<u32> = self
                .conn
                .query_row(
                    "SELECT answered FROM answer_revisions
                     WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3
                     ORDER BY revision DESC LIMIT 1",
                    params![id.0, round, party.id.0],
                    |row| row.get(0),
                )
                .optional()?;
            let sealed_at: Option<i64> = self
                .conn
                .query_row(
                    "SELECT sealed_at FROM seals WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
                    params![id.0, round, party.id.0],
                    |row| row.get(0),
                )
                .optional()?;
            parties.push(PartyProgress {
                party: party.id.clone(),
                has_passphrase,
                started: answered.is_some(),
                answered: Some(answered.unwrap_or(0)),
                sealed_at: sealed_at.map(Timestamp),
            });
        }
        Ok(RoundState {
            round,
            questions,
            parties,
        })
    }

    /// A partner's newest answers in the current round, or the sheet to start from: blank in
    /// the first round, carried from their own earlier answers in a later one (see
    /// [`Store::party_answers`]).
    pub fn answers(
        &mut self,
        id: &AllianceId,
        key: &PartyKey,
        party: &PartyId,
        now: Timestamp,
    ) -> Result<AnswerSheet> {
        Ok(self.party_answers(id, key, party, now)?.sheet)
    }

    /// A partner's newest answers in the current round with their revision; or, while they
    /// have saved none, the sheet to start from with where it came from. In a later round that
    /// is their newest check-in against the newest agreement if it is newer than their last
    /// seal, else their sealed answers of the most recent earlier round, carried onto the
    /// current questions (`accord_core::carry`); with neither, a blank sheet. Only the
    /// partner's own rows are read, opened with their own key; a row their key cannot open
    /// (sealed before they had a passphrase) is passed over. Writes nothing but the question
    /// set's first revision.
    pub fn party_answers(
        &mut self,
        id: &AllianceId,
        key: &PartyKey,
        party: &PartyId,
        now: Timestamp,
    ) -> Result<PartyAnswers> {
        let tx = self.conn.transaction()?;
        check_key(&tx, id, party, key)?;
        let state = question_set_in(&tx, id, now)?;
        let round = current_round(&tx, id)?;
        let stored: Option<(u32, Vec<u8>)> = tx
            .query_row(
                "SELECT revision, sheet FROM answer_revisions
                 WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3
                 ORDER BY revision DESC LIMIT 1",
                params![id.0, round, party.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let alliance = crate::store::current(&tx, id)?;
        tx.commit()?;
        if let Some((revision, bytes)) = stored {
            return Ok(PartyAnswers {
                sheet: decrypt_sheet(key, &bytes)?,
                saved: Some(revision),
                carried: None,
            });
        }
        // A partner who sealed this round without a saved revision (by envelope, from a file)
        // is shown no earlier answers as if they were this round's.
        let earlier = if sealed_in(&self.conn, id, round, party)? {
            None
        } else {
            self.earlier_answers(id, key, party, round)?
        };
        let (mut sheet, carried) = match earlier {
            Some((from, earlier)) => {
                let carried = carry_sheet(&earlier, &state.set, &alliance.parties, party);
                let counts = CarriedAnswers {
                    from,
                    carried: carried.carried,
                    changed: carried.changed,
                    blank: carried.blank,
                };
                (carried.sheet, Some(counts))
            }
            None => (
                blank_sheet(&state.set, &alliance.parties, party, Respondent::default()),
                None,
            ),
        };
        sheet.alliance = Some(id.0.clone());
        Ok(PartyAnswers {
            sheet,
            saved: None,
            carried,
        })
    }

    /// `party`'s most recent known expectations before `round`, and where they come from:
    /// their newest check-in against the newest agreement when it is newer than their newest
    /// seal of an earlier round, else that seal. Only rows of `party`, opened with `key`.
    fn earlier_answers(
        &self,
        id: &AllianceId,
        key: &PartyKey,
        party: &PartyId,
        round: u32,
    ) -> Result<Option<(CarrySource, AnswerSheet)>> {
        if round < 2 {
            return Ok(None);
        }
        let sealed: Option<(u32, i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT round, sealed_at, sheet FROM seals
                 WHERE alliance_id = ?1 AND party_id = ?2 AND round < ?3
                 ORDER BY round DESC LIMIT 1",
                params![id.0, party.0, round],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let check_in: Option<(u32, i64, Vec<u8>)> = self
            .conn
            .query_row(
                "SELECT agreement, recorded_at, sheet FROM check_ins
                 WHERE alliance_id = ?1 AND party_id = ?2
                   AND agreement = (SELECT max(number) FROM agreements WHERE alliance_id = ?1)
                 ORDER BY revision DESC LIMIT 1",
                params![id.0, party.0],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .optional()?;
        let sealed_at = sealed.as_ref().map(|(_, at, _)| *at);
        if let Some((agreement, at, bytes)) = check_in {
            if sealed_at.is_none_or(|sealed_at| at > sealed_at) {
                if let Some(sheet) = own_sheet(key, party, &bytes)? {
                    let from = CarrySource::CheckIn {
                        agreement,
                        recorded_at: Timestamp(at),
                    };
                    return Ok(Some((from, sheet)));
                }
            }
        }
        let Some((round, at, bytes)) = sealed else {
            return Ok(None);
        };
        Ok(own_sheet(key, party, &bytes)?.map(|sheet| {
            let from = CarrySource::SealedAnswers {
                round,
                sealed_at: Timestamp(at),
            };
            (from, sheet)
        }))
    }

    /// Saves a partner's answers as a new revision, encrypted to their own key. The sheet must
    /// answer the alliance's current question set, for this partner, in an unsealed round.
    pub fn save_answers(
        &mut self,
        id: &AllianceId,
        key: &PartyKey,
        sheet: &AnswerSheet,
        now: Timestamp,
    ) -> Result<u32> {
        let tx = self.conn.transaction()?;
        let party = sheet.party.clone();
        let recipient = check_key(&tx, id, &party, key)?;
        let (sheet, round) = answers_to_save(&tx, id, sheet, now)?;
        let revision: u32 = tx.query_row(
            "SELECT coalesce(max(revision), 0) + 1 FROM answer_revisions
             WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
            params![id.0, round, party.0],
            |row| row.get(0),
        )?;
        let bytes = lock::encrypt(&[&recipient], sheet.to_json().as_bytes())?;
        tx.execute(
            "INSERT INTO answer_revisions (alliance_id, round, party_id, revision, recorded_at, answered, sheet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id.0, round, party.0, revision, now.millis(), sheet.answers.len() as u32, bytes],
        )?;
        tx.commit()?;
        Ok(revision)
    }

    /// Whether `save_answers` would take `sheet` now (the alliance's current questions, valid
    /// answers, an unsealed round for its partner), without saving anything. For a caller that
    /// must first set something up, such as a partner's first passphrase, only when the
    /// answers will be taken: a refused command writes nothing.
    pub fn check_answers(
        &mut self,
        id: &AllianceId,
        sheet: &AnswerSheet,
        now: Timestamp,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        answers_to_save(&tx, id, sheet, now)?;
        // Dropped without commit: whatever the check created (a first round) is rolled back.
        Ok(())
    }

    /// Seals a partner's newest answers for the current round: final, and readable by every
    /// partner once all have sealed. Every partner must have set a passphrase first.
    pub fn seal(
        &mut self,
        id: &AllianceId,
        key: &PartyKey,
        party: &PartyId,
        now: Timestamp,
    ) -> Result<RoundState> {
        let tx = self.conn.transaction()?;
        check_key(&tx, id, party, key)?;
        let alliance = crate::store::current(&tx, id)?;
        let round = current_round(&tx, id)?;
        if round == 0 {
            return Err(StoreError::NothingToSeal);
        }
        if sealed_in(&tx, id, round, party)? {
            return Err(StoreError::AlreadySealed {
                party: party.0.clone(),
                round,
            });
        }
        let remote: Option<String> = tx
            .query_row(
                "SELECT party_id FROM party_cards WHERE alliance_id = ?1 AND mine = 0 LIMIT 1",
                [&id.0],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(remote) = remote {
            let name = alliance
                .parties
                .iter()
                .find(|p| p.id.0 == remote)
                .map_or(remote.clone(), |p| p.name.clone());
            return Err(StoreError::SealByEnvelope { name });
        }
        let mut recipients = Vec::new();
        for other in &alliance.parties {
            let locked = locked_key_in(&tx, id, &other.id)?.ok_or_else(|| {
                StoreError::PartnerHasNoPassphrase {
                    name: other.name.clone(),
                }
            })?;
            recipients.push(locked.recipient);
        }
        let latest: Option<(u32, Vec<u8>)> = tx
            .query_row(
                "SELECT revision, sheet FROM answer_revisions
                 WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3
                 ORDER BY revision DESC LIMIT 1",
                params![id.0, round, party.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let (revision, bytes) = latest.ok_or(StoreError::NothingToSeal)?;
        let sheet = decrypt_sheet(key, &bytes)?;
        let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
        let sealed = lock::encrypt(&recipients, sheet.to_json().as_bytes())?;
        tx.execute(
            "INSERT INTO seals (alliance_id, round, party_id, sealed_at, answer_revision, sheet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id.0, round, party.0, now.millis(), revision, sealed],
        )?;
        tx.commit()?;
        self.round_state(id)
    }

    /// The comparison of the current round, opened with any partner's key. Refused until every
    /// partner has sealed.
    pub fn comparison(
        &self,
        id: &AllianceId,
        key: &PartyKey,
        party: &PartyId,
    ) -> Result<Comparison> {
        check_key(&self.conn, id, party, key)?;
        self.compare_sealed(id, key)
    }

    /// Opens the next round once every partner has sealed the current one.
    pub fn open_next_round(&mut self, id: &AllianceId, now: Timestamp) -> Result<u32> {
        let state = self.round_state(id)?;
        if !state.all_sealed() {
            return Err(StoreError::NotAllSealed);
        }
        let next = state.round + 1;
        self.conn.execute(
            "INSERT INTO rounds (alliance_id, round, opened_at) VALUES (?1, ?2, ?3)",
            params![id.0, next, now.millis()],
        )?;
        Ok(next)
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// One of `party`'s own stored sheets opened with their `key`; None when it is not encrypted to
/// that key (stored before they had it) or does not speak for `party`.
fn own_sheet(key: &PartyKey, party: &PartyId, bytes: &[u8]) -> Result<Option<AnswerSheet>> {
    let plain = match lock::decrypt(key, bytes) {
        Ok(plain) => plain,
        Err(LockError::NotForThisKey) => return Ok(None),
        Err(error) => return Err(error.into()),
    };
    let sheet = sheet_from(plain)?;
    Ok((&sheet.party == party).then_some(sheet))
}

pub(crate) fn decrypt_sheet(key: &PartyKey, bytes: &[u8]) -> Result<AnswerSheet> {
    sheet_from(lock::decrypt(key, bytes)?)
}

fn sheet_from(plain: Vec<u8>) -> Result<AnswerSheet> {
    let text = String::from_utf8(plain).map_err(|_| StoreError::Corrupt {
        what: "answers",
        detail: "not UTF-8".into(),
    })?;
    parse_sheet(&text).map_err(|e| StoreError::Corrupt {
        what: "answers",
        detail: e.to_string(),
    })
}

pub(crate) fn latest_set(
    conn: &rusqlite::Connection,
    id: &AllianceId,
) -> Result<Option<(u32, QuestionSet)>> {
    let row: Option<(u32, String)> = conn
        .query_row(
            "SELECT revision, question_set FROM question_set_revisions
             WHERE alliance_id = ?1 ORDER BY revision DESC LIMIT 1",
            [&id.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(revision, text)| {
        serde_json::from_str(&text)
            .map(|set| (revision, set))
            .map_err(|e| StoreError::Corrupt {
                what: "question set",
                detail: e.to_string(),
            })
    })
    .transpose()
}

pub(crate) fn question_set_in(
    tx: &Transaction<'_>,
    id: &AllianceId,
    now: Timestamp,
) -> Result<QuestionSetState> {
    let alliance = crate::store::current(tx, id)?;
    let (revision, set) = match latest_set(tx, id)? {
        Some(found) => found,
        None => {
            let mut set = set_for_kind(alliance.kind);
            // The template's typical terms give way to the ones this alliance agreed on paper;
            // the user links questions to them in the editor.
            set.terms = alliance.terms.clone();
            for question in &mut set.questions {
                question.term = None;
            }
            tx.execute(
                "INSERT INTO question_set_revisions (alliance_id, revision, recorded_at, question_set)
                 VALUES (?1, 1, ?2, ?3)",
                params![id.0, now.millis(), to_json(&set)],
            )?;
            (1, set)
        }
    };
    let round = current_round(tx, id)?;
    let sealed: i64 = tx.query_row(
        "SELECT count(*) FROM seals WHERE alliance_id = ?1 AND round = ?2",
        params![id.0, round],
        |row| row.get(0),
    )?;
    Ok(QuestionSetState {
        revision,
        set,
        editable: sealed == 0,
    })
}

pub(crate) fn current_round(conn: &rusqlite::Connection, id: &AllianceId) -> Result<u32> {
    Ok(conn.query_row(
        "SELECT coalesce(max(round), 0) FROM rounds WHERE alliance_id = ?1",
        [&id.0],
        |row| row.get(0),
    )?)
}

/// The current round, opening round 1 on the first answer.
/// `sheet` as it is saved (naming the alliance) and the round it is saved in, after checking
/// it answers the alliance's current questions, validly, in a round its partner has not
/// sealed. Opens the round if none is open yet.
fn answers_to_save(
    tx: &Transaction<'_>,
    id: &AllianceId,
    sheet: &AnswerSheet,
    now: Timestamp,
) -> Result<(AnswerSheet, u32)> {
    let party = sheet.party.clone();
    let state = question_set_in(tx, id, now)?;
    let mut sheet = sheet.clone();
    sheet.alliance = Some(id.0.clone());
    let fresh = blank_sheet(
        &state.set,
        &crate::store::current(tx, id)?.parties,
        &party,
        sheet.respondent.clone(),
    );
    if sheet.question_set != fresh.question_set || sheet.custom_set != fresh.custom_set {
        return Err(StoreError::StaleQuestions);
    }
    check_sheet(&sheet, &state.set).map_err(|e| StoreError::InvalidAnswers(e.to_string()))?;
    let round = open_round(tx, id, now)?;
    if sealed_in(tx, id, round, &party)? {
        return Err(StoreError::AlreadySealed {
            party: party.0.clone(),
            round,
        });
    }
    Ok((sheet, round))
}

pub(crate) fn open_round(tx: &Transaction<'_>, id: &AllianceId, now: Timestamp) -> Result<u32> {
    let round = current_round(tx, id)?;
    if round > 0 {
        return Ok(round);
    }
    tx.execute(
        "INSERT INTO rounds (alliance_id, round, opened_at) VALUES (?1, 1, ?2)",
        params![id.0, now.millis()],
    )?;
    Ok(1)
}

pub(crate) fn sealed_in(
    conn: &rusqlite::Connection,
    id: &AllianceId,
    round: u32,
    party: &PartyId,
) -> Result<bool> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM seals WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
        params![id.0, round, party.0],
        |row| row.get(0),
    )?;
    Ok(count > 0)
}

pub(crate) fn locked_key_in(
    conn: &rusqlite::Connection,
    id: &AllianceId,
    party: &PartyId,
) -> Result<Option<LockedKey>> {
    Ok(conn
        .query_row(
            "SELECT recipient, locked_key FROM party_locks WHERE alliance_id = ?1 AND party_id = ?2",
            params![id.0, party.0],
            |row| {
                Ok(LockedKey {
                    recipient: row.get(0)?,
                    locked: row.get(1)?,
                })
            },
        )
        .optional()?)
}

pub(crate) fn check_party(
    conn: &rusqlite::Connection,
    id: &AllianceId,
    party: &PartyId,
) -> Result<()> {
    let alliance = crate::store::current(conn, id)?;
    if alliance.deleted {
        return Err(StoreError::AllianceDeleted {
            name: alliance.name,
        });
    }
    if !alliance.parties.iter().any(|p| &p.id == party) {
        return Err(StoreError::UnknownParty {
            party: party.0.clone(),
            alliance: alliance.name,
        });
    }
    Ok(())
}

/// Checks that `key` is `party`'s unlocked key; returns the party's public key.
pub(crate) fn check_key(
    conn: &rusqlite::Connection,
    id: &AllianceId,
    party: &PartyId,
    key: &PartyKey,
) -> Result<String> {
    check_party(conn, id, party)?;
    let locked = locked_key_in(conn, id, party)?.ok_or(StoreError::NoPassphrase {
        party: party.0.clone(),
    })?;
    if locked.recipient != key.recipient() {
        return Err(StoreError::WrongKey {
            party: party.0.clone(),
        });
    }
    Ok(locked.recipient)
}
