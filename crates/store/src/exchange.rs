//! Exchanging sealed answers with partners on other machines (issue 6): this machine's
//! identity, partners' contact cards bound to parties, envelopes and reveals.
//!
//! The fair exchange, as the store enforces it for one round:
//! 1. I seal my answers into an envelope ([`Store::seal_envelope`]); my seal is final, as on a
//!    shared machine.
//! 2. I import each partner's envelope ([`Store::import_envelope`]): its signature must be the
//!    card bound to its party, its alliance, round and question set must be this machine's, and
//!    its commitment is recorded. It cannot be read yet.
//! 3. Only once I hold every partner's envelope can I write my reveal
//!    ([`Store::reveal_mine`]); only once I have sealed my own can I open theirs
//!    ([`Store::import_reveal`]), and only if it opens the envelope recorded earlier.
//! 4. Opened answers are sealed like a same-machine seal, so the comparison and the next round
//!    work as on one machine.
//!
//! Every refusal is checked before anything is written, inside one transaction, so a refused
//! file changes nothing. Sealed answers are encrypted to this machine's identity and to every
//! local partner's passphrase key; the envelope key of my own envelope is kept encrypted to my
//! identity until I reveal it.

use accord_core::alliance_file::AllianceFile;
use accord_core::diff::compare;
use accord_core::sheet::{blank_sheet, check_sheet, parse_sheet, resolve_set};
use accord_core::{
    Alliance, AllianceChange, AllianceId, AnswerSheet, Comparison, PartyId, QuestionSet, Timestamp,
};
use accord_envelope::envelope::{
    self, open_reveal, open_sealed, read_envelope, read_reveal, reveal_to_all, sha256_hex, Binding,
    Envelope, EnvelopeError, Reveal,
};
use accord_envelope::lock;
use accord_envelope::{parse_card, ContactCard, Identity};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::questionnaire::{current_round, decrypt_sheet, open_round, question_set_in, sealed_in};
use crate::store::{append_revision, current, insert_alliance};
use crate::{Result, Store, StoreError};

/// This machine's identity as anyone may see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentitySummary {
    pub name: String,
    pub fingerprint: String,
    pub card: ContactCard,
    pub created_at: Timestamp,
}

/// A contact card bound to a party of an alliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundCard {
    pub name: String,
    pub fingerprint: String,
    /// The user's own identity.
    pub mine: bool,
    pub bound_at: Timestamp,
}

/// Where one party stands in the exchange of the current round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyExchange {
    pub party: PartyId,
    pub card: Option<BoundCard>,
    /// When their envelope was sealed here (mine) or imported (a partner's).
    pub envelope_at: Option<Timestamp>,
    /// The envelope's commitment (SHA-256 of the sealed answers), for people to compare.
    pub commitment: Option<String>,
    /// When a partner's reveal opened their answers here.
    pub revealed_at: Option<Timestamp>,
}

/// The exchange of an alliance's current round, as seen on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeState {
    pub round: u32,
    /// The party this machine's identity is bound to.
    pub me: Option<PartyId>,
    pub parties: Vec<PartyExchange>,
    /// SHA-256 of the question set: equal on both machines when both answer the same questions.
    pub questions: String,
}

impl ExchangeState {
    /// True when every partner's envelope (and mine) is here.
    pub fn all_envelopes(&self) -> bool {
        self.parties.iter().all(|p| p.envelope_at.is_some())
    }

    fn partners(&self) -> impl Iterator<Item = &PartyExchange> {
        self.parties
            .iter()
            .filter(move |p| Some(&p.party) != self.me.as_ref())
    }

    /// A partner's card is bound here: this alliance exchanges by envelope.
    pub fn by_envelope(&self) -> bool {
        self.partners().any(|p| p.card.is_some())
    }

    /// I have sealed my envelope this round.
    pub fn sealed(&self) -> bool {
        self.parties
            .iter()
            .any(|p| Some(&p.party) == self.me.as_ref() && p.envelope_at.is_some())
    }

    /// I may write my reveal: I am bound, every envelope is here, every partner has a card.
    pub fn can_reveal(&self) -> bool {
        self.me.is_some() && self.all_envelopes() && self.partners().all(|p| p.card.is_some())
    }

    /// Every partner's answers are open here, so the comparison is open.
    pub fn all_open(&self) -> bool {
        self.me.is_some() && self.partners().all(|p| p.revealed_at.is_some())
    }
}

/// What importing an alliance file did.
#[derive(Debug, Clone, PartialEq)]
pub struct AllianceImport {
    pub alliance: Alliance,
    pub created: bool,
    pub questions_updated: bool,
}

/// A partner's envelope or reveal, accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub alliance: AllianceId,
    pub party: PartyId,
    pub partner: String,
    pub round: u32,
    /// After a reveal: whether every partner's answers are now open, so the comparison opens.
    pub all_open: bool,
}

impl Store {
    /// This machine's identity, if one was created.
    pub fn identity(&self) -> Result<Option<IdentitySummary>> {
        identity_in(&self.conn)
    }

    /// Stores `identity` as this machine's, locked by `passphrase`. There is one per database.
    pub fn create_identity(
        &mut self,
        identity: &Identity,
        passphrase: &str,
        now: Timestamp,
    ) -> Result<IdentitySummary> {
        if let Some(existing) = self.identity()? {
            return Err(StoreError::IdentityExists {
                name: existing.name,
                fingerprint: existing.fingerprint,
            });
        }
        let name = identity.name.trim();
        if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
            return Err(StoreError::BadIdentityName);
        }
        let locked = identity.lock(passphrase)?;
        let card = identity.card();
        self.conn.execute(
            "INSERT INTO identities (id, name, fingerprint, card, locked, created_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5)",
            params![
                card.name,
                card.fingerprint,
                card.to_json(),
                locked,
                now.millis()
            ],
        )?;
        self.identity()?.ok_or(StoreError::NoIdentity)
    }

    /// Unlocks this machine's identity. Writes nothing.
    pub fn unlock_identity(&self, passphrase: &str) -> Result<Identity> {
        let locked: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT locked FROM identities WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()?;
        let locked = locked.ok_or(StoreError::NoIdentity)?;
        Ok(Identity::unlock(&locked, passphrase)?)
    }

    /// The party this machine's identity is bound to in the alliance, or why there is none.
    pub fn my_party(&mut self, id: &AllianceId, now: Timestamp) -> Result<PartyId> {
        if self.identity()?.is_none() {
            return Err(StoreError::NoIdentity);
        }
        match self.exchange_state(id, now)?.me {
            Some(party) => Ok(party),
            None => Err(StoreError::NotBoundHere {
                alliance: self.alliance(id)?.name,
            }),
        }
    }

    /// Binds this machine's identity to `party`: "I am this partner".
    pub fn bind_me(&mut self, id: &AllianceId, party: &PartyId, now: Timestamp) -> Result<()> {
        let mine = self.identity()?.ok_or(StoreError::NoIdentity)?;
        let tx = self.conn.transaction()?;
        bind_in(&tx, id, party, &mine.card, true, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Binds a partner's card to `party`. The caller has shown the card's fingerprint and the
    /// user confirmed it matches what the partner told them.
    pub fn bind_card(
        &mut self,
        id: &AllianceId,
        party: &PartyId,
        card: &ContactCard,
        now: Timestamp,
    ) -> Result<()> {
        // Only checked cards are bound, whatever the caller did.
        let card = parse_card(&card.to_json()).map_err(|e| StoreError::BadCard(e.to_string()))?;
        if let Some(mine) = self.identity()? {
            if mine.fingerprint == card.fingerprint {
                return Err(StoreError::OwnCard);
            }
        }
        let tx = self.conn.transaction()?;
        bind_in(&tx, id, party, &card, false, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Where the exchange of the alliance's current round stands.
    pub fn exchange_state(&mut self, id: &AllianceId, now: Timestamp) -> Result<ExchangeState> {
        let tx = self.conn.transaction()?;
        let state = exchange_in(&tx, id, now)?;
        // Nothing was written but a question set first created from its template.
        tx.commit()?;
        Ok(state)
    }

    /// Seals `sheet` (my answers for the current round) into an envelope for my partners. Final
    /// for the round, like a seal on a shared machine; the envelope can be written again with
    /// [`Store::my_envelope`].
    pub fn seal_envelope(
        &mut self,
        id: &AllianceId,
        me: &Identity,
        sheet: &AnswerSheet,
        now: Timestamp,
    ) -> Result<Envelope> {
        let tx = self.conn.transaction()?;
        let party = my_party_in(&tx, id, me)?;
        if sheet.party != party {
            return Err(StoreError::SheetForOtherParty {
                found: sheet.party.0.clone(),
                expected: party.0.clone(),
            });
        }
        let state = question_set_in(&tx, id, now)?;
        let alliance = current(&tx, id)?;
        let mut sheet = sheet.clone();
        sheet.alliance = Some(id.0.clone());
        check_same_questions(&sheet, &state.set, &alliance)?;
        check_sheet(&sheet, &state.set).map_err(|e| StoreError::InvalidAnswers(e.to_string()))?;
        let round = open_round(&tx, id, now)?;
        if sealed_in(&tx, id, round, &party)? {
            return Err(StoreError::AlreadySealed {
                party: party.0.clone(),
                round,
            });
        }
        let binding = Binding {
            alliance: id.0.clone(),
            round,
            party: party.0.clone(),
            questions: questions_hash(&state.set),
        };
        let json = sheet.to_json();
        let (envelope, envelope_key) = envelope::seal(me, &binding, json.as_bytes())?;
        let kept_key = lock::encrypt(&[&me.recipient()], envelope_key.as_bytes())?;
        tx.execute(
            "INSERT INTO envelopes (alliance_id, round, party_id, commitment, envelope, envelope_key, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id.0,
                round,
                party.0,
                envelope.commitment,
                to_json(&envelope),
                kept_key,
                now.millis()
            ],
        )?;
        let answer_revision: u32 = tx.query_row(
            "SELECT coalesce(max(revision), 0) FROM answer_revisions
             WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
            params![id.0, round, party.0],
            |row| row.get(0),
        )?;
        insert_seal(&tx, id, round, &party, &json, me, now, answer_revision)?;
        tx.commit()?;
        Ok(envelope)
    }

    /// My envelope of the current round, to write its file again.
    pub fn my_envelope(&self, id: &AllianceId, me: &Identity) -> Result<Envelope> {
        let party = my_party_in(&self.conn, id, me)?;
        let round = current_round(&self.conn, id)?;
        recorded_envelope(&self.conn, id, round, &party)?
            .map(|(envelope, _)| envelope)
            .ok_or(StoreError::NoEnvelopeYet)
    }

    /// Records a partner's envelope: checked against the card bound to its party, this
    /// machine's alliance, round and question set. Its content stays unreadable.
    pub fn import_envelope(&mut self, text: &str, now: Timestamp) -> Result<Accepted> {
        let claimed = read_envelope(text)?;
        let tx = self.conn.transaction()?;
        let (alliance, party, card) = sender_in(&tx, &claimed.binding, &claimed.sender)?;
        let set = question_set_in(&tx, &alliance.id, now)?.set;
        let round = current_round(&tx, &alliance.id)?.max(1);
        // The signature is checked on the round the file names, so an altered round reads as
        // an altered file, and a genuine old one as a replay.
        let expected = Binding {
            alliance: alliance.id.0.clone(),
            round: claimed.binding.round,
            party: party.0.clone(),
            questions: questions_hash(&set),
        };
        let envelope = match open_sealed(text, &card, &expected) {
            // A genuine file of another round may answer that round's questions.
            Err(EnvelopeError::OtherQuestions) => {
                check_round(claimed.binding.round, round)?;
                return Err(EnvelopeError::OtherQuestions.into());
            }
            other => other?,
        };
        check_round(claimed.binding.round, round)?;
        let partner = party_name(&alliance, &party);
        if let Some((recorded, _)) = recorded_envelope(&tx, &alliance.id, round, &party)? {
            return Err(if recorded.commitment == envelope.commitment {
                StoreError::EnvelopeAlreadyRecorded {
                    name: partner,
                    round,
                }
            } else {
                StoreError::EnvelopeChanged {
                    name: partner,
                    round,
                }
            });
        }
        open_round(&tx, &alliance.id, now)?;
        tx.execute(
            "INSERT INTO envelopes (alliance_id, round, party_id, commitment, envelope, envelope_key, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)",
            params![
                alliance.id.0,
                round,
                party.0,
                envelope.commitment,
                to_json(&envelope),
                now.millis()
            ],
        )?;
        tx.commit()?;
        Ok(Accepted {
            alliance: alliance.id,
            party,
            partner,
            round,
            all_open: false,
        })
    }

    /// My reveal for every partner: refused until I have sealed and hold every partner's
    /// envelope for the round. Writes nothing.
    pub fn reveal_mine(
        &mut self,
        id: &AllianceId,
        me: &Identity,
        now: Timestamp,
    ) -> Result<Reveal> {
        let tx = self.conn.transaction()?;
        let party = my_party_in(&tx, id, me)?;
        let state = exchange_in(&tx, id, now)?;
        let (envelope, key) =
            recorded_envelope(&tx, id, state.round, &party)?.ok_or(StoreError::NoEnvelopeYet)?;
        let alliance = current(&tx, id)?;
        let mut cards = Vec::new();
        for other in state.parties.iter().filter(|p| p.party != party) {
            if other.envelope_at.is_none() {
                return Err(StoreError::PartnerEnvelopeMissing {
                    name: party_name(&alliance, &other.party),
                });
            }
            let (card, _) = card_in(&tx, id, &other.party)?.ok_or(StoreError::NoPartnerCard {
                name: party_name(&alliance, &other.party),
            })?;
            cards.push(card);
        }
        let key = key.ok_or(StoreError::Corrupt {
            what: "envelope",
            detail: "my envelope has no kept key".into(),
        })?;
        let key = lock::decrypt(&me.party_key(), &key)?;
        let key = String::from_utf8(key).map_err(|_| StoreError::Corrupt {
            what: "envelope key",
            detail: "not UTF-8".into(),
        })?;
        Ok(reveal_to_all(me, &envelope, &key, &cards)?)
    }

    /// Opens a partner's answers with their reveal, if it matches the envelope recorded
    /// earlier. Refused until my own envelope is sealed.
    pub fn import_reveal(&mut self, text: &str, me: &Identity, now: Timestamp) -> Result<Accepted> {
        let claimed = read_reveal(text)?;
        let tx = self.conn.transaction()?;
        let (alliance, party, card) = sender_in(&tx, &claimed.binding, &claimed.sender)?;
        let id = alliance.id.clone();
        let mine = my_party_in(&tx, &id, me)?;
        let round = current_round(&tx, &id)?.max(1);
        check_round(claimed.binding.round, round)?;
        let partner = party_name(&alliance, &party);
        if recorded_envelope(&tx, &id, round, &mine)?.is_none() {
            return Err(StoreError::SealEnvelopeFirst);
        }
        let (recorded, _) = recorded_envelope(&tx, &id, round, &party)?.ok_or_else(|| {
            StoreError::NoEnvelopeFrom {
                name: partner.clone(),
            }
        })?;
        if sealed_in(&tx, &id, round, &party)? {
            return Err(StoreError::RevealAlreadyOpened {
                name: partner,
                round,
            });
        }
        let plain = open_reveal(text, me, &card, &recorded)?;
        let json = String::from_utf8(plain)
            .map_err(|_| StoreError::RevealedAnswersInvalid("not UTF-8 text".into()))?;
        let sheet =
            parse_sheet(&json).map_err(|e| StoreError::RevealedAnswersInvalid(e.to_string()))?;
        if sheet.party != party {
            return Err(StoreError::RevealedAnswersInvalid(format!(
                "the answers speak for partner {:?}, not {:?}",
                sheet.party.0, party.0
            )));
        }
        let set = question_set_in(&tx, &id, now)?.set;
        check_same_questions(&sheet, &set, &alliance)
            .and_then(|()| {
                check_sheet(&sheet, &set).map_err(|e| StoreError::InvalidAnswers(e.to_string()))
            })
            .map_err(|e| StoreError::RevealedAnswersInvalid(e.to_string()))?;
        tx.execute(
            "INSERT INTO reveals (alliance_id, round, party_id, reveal, opened_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id.0, round, party.0, text, now.millis()],
        )?;
        insert_seal(&tx, &id, round, &party, &json, me, now, 0)?;
        let state = exchange_in(&tx, &id, now)?;
        let all_open = state
            .parties
            .iter()
            .all(|p| p.party == mine || p.revealed_at.is_some());
        tx.commit()?;
        Ok(Accepted {
            alliance: id,
            party,
            partner,
            round,
            all_open,
        })
    }

    /// The comparison of the current round, opened with this machine's identity.
    pub fn exchange_comparison(&self, id: &AllianceId, me: &Identity) -> Result<Comparison> {
        my_party_in(&self.conn, id, me)?;
        self.compare_sealed(id, &me.party_key())
    }

    /// The alliance and its question set as a file for a partner's machine.
    pub fn export_alliance(&mut self, id: &AllianceId, now: Timestamp) -> Result<AllianceFile> {
        let tx = self.conn.transaction()?;
        let alliance = current(&tx, id)?;
        if alliance.deleted {
            return Err(StoreError::AllianceDeleted {
                name: alliance.name,
            });
        }
        let set = question_set_in(&tx, id, now)?.set;
        tx.commit()?;
        Ok(AllianceFile::new(&alliance, &set))
    }

    /// Creates the alliance of a partner's alliance file under the same id, or brings an
    /// existing one up to date (its name; its questions while they may still change).
    pub fn import_alliance(
        &mut self,
        file: &AllianceFile,
        now: Timestamp,
    ) -> Result<AllianceImport> {
        let content = file
            .content()
            .map_err(|e| StoreError::BadAllianceFile(e.to_string()))?;
        file.questions
            .check()
            .map_err(|e| StoreError::InvalidQuestionSet(e.to_string()))?;
        let tx = self.conn.transaction()?;
        let existing = match current(&tx, &file.id) {
            Ok(alliance) => Some(alliance),
            Err(StoreError::AllianceNotFound { .. }) => None,
            Err(other) => return Err(other),
        };
        let (created, questions_updated) = match existing {
            None => {
                insert_alliance(&tx, &file.id, &content, now)?;
                insert_question_set(&tx, &file.id, 1, &file.questions, now)?;
                (true, true)
            }
            Some(mut alliance) => {
                if alliance.deleted {
                    return Err(StoreError::AllianceDeleted {
                        name: alliance.name,
                    });
                }
                if alliance.kind != content.kind
                    || alliance.parties != content.parties
                    || alliance.terms != content.terms
                {
                    return Err(StoreError::AllianceFileConflict {
                        name: alliance.name,
                    });
                }
                if alliance.name != content.name {
                    let change = AllianceChange::Renamed {
                        from: alliance.name.clone(),
                        to: content.name.clone(),
                    };
                    alliance.name = content.name.clone();
                    append_revision(&tx, &alliance, change, now)?;
                }
                let state = question_set_in(&tx, &file.id, now)?;
                if state.set == file.questions {
                    (false, false)
                } else if !state.editable {
                    return Err(StoreError::QuestionsFrozen);
                } else {
                    insert_question_set(&tx, &file.id, state.revision + 1, &file.questions, now)?;
                    (false, true)
                }
            }
        };
        tx.commit()?;
        Ok(AllianceImport {
            alliance: self.alliance(&file.id)?,
            created,
            questions_updated,
        })
    }

    /// Compares the sealed answers of the current round, decrypted with `key`. The caller has
    /// checked that `key` belongs to someone entitled to read them.
    pub(crate) fn compare_sealed(
        &self,
        id: &AllianceId,
        key: &lock::PartyKey,
    ) -> Result<Comparison> {
        let sealed = self.sealed_sheets(id, key)?;
        Ok(compare(&sealed.set, &sealed.a, &sealed.b))
    }

    /// The current round's sealed sheets (the first two partners, in id order) and their
    /// question set, decrypted with `key`; refused until every partner has sealed.
    pub(crate) fn sealed_sheets(&self, id: &AllianceId, key: &lock::PartyKey) -> Result<Sealed> {
        let state = self.round_state(id)?;
        if !state.all_sealed() {
            return Err(StoreError::NotAllSealed);
        }
        let mut stmt = self.conn.prepare(
            "SELECT sheet FROM seals WHERE alliance_id = ?1 AND round = ?2 ORDER BY party_id",
        )?;
        let sealed = stmt
            .query_map(params![id.0, state.round], |row| row.get::<_, Vec<u8>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut sheets = sealed
            .iter()
            .map(|bytes| decrypt_sheet(key, bytes))
            .collect::<Result<Vec<_>>>()?
            .into_iter();
        let (Some(a), Some(b)) = (sheets.next(), sheets.next()) else {
            return Err(StoreError::NotAllSealed);
        };
        let set = resolve_set(&a).map_err(|e| StoreError::Corrupt {
            what: "sealed answers",
            detail: e.to_string(),
        })?;
        Ok(Sealed {
            round: state.round,
            set,
            a,
            b,
        })
    }
}

impl Store {
    /// Every sealed sheet of `round`, decrypted with `key`.
    pub(crate) fn sealed_sheets_of_round(
        &self,
        id: &AllianceId,
        round: u32,
        key: &lock::PartyKey,
    ) -> Result<Vec<AnswerSheet>> {
        let mut stmt = self.conn.prepare(
            "SELECT sheet FROM seals WHERE alliance_id = ?1 AND round = ?2 ORDER BY party_id",
        )?;
        let sealed = stmt
            .query_map(params![id.0, round], |row| row.get::<_, Vec<u8>>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        sealed
            .iter()
            .map(|bytes| decrypt_sheet(key, bytes))
            .collect()
    }
}

/// A round's sealed answers, opened.
pub(crate) struct Sealed {
    pub round: u32,
    pub set: QuestionSet,
    pub a: AnswerSheet,
    pub b: AnswerSheet,
}

/// SHA-256 of the question set's JSON, bound into every envelope.
pub fn questions_hash(set: &QuestionSet) -> String {
    sha256_hex(to_json(set).as_bytes())
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

fn identity_in(conn: &Connection) -> Result<Option<IdentitySummary>> {
    let row: Option<(String, i64)> = conn
        .query_row(
            "SELECT card, created_at FROM identities WHERE id = 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(card, created_at)| {
        let card = parse_card(&card).map_err(|e| StoreError::Corrupt {
            what: "identity",
            detail: e.to_string(),
        })?;
        Ok(IdentitySummary {
            name: card.name.clone(),
            fingerprint: card.fingerprint.clone(),
            card,
            created_at: Timestamp(created_at),
        })
    })
    .transpose()
}

fn party_name(alliance: &Alliance, party: &PartyId) -> String {
    alliance
        .parties
        .iter()
        .find(|p| &p.id == party)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| party.0.clone())
}

fn card_in(
    conn: &Connection,
    id: &AllianceId,
    party: &PartyId,
) -> Result<Option<(ContactCard, BoundCard)>> {
    let row: Option<(String, bool, i64)> = conn
        .query_row(
            "SELECT card, mine, bound_at FROM party_cards WHERE alliance_id = ?1 AND party_id = ?2",
            params![id.0, party.0],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    row.map(|(text, mine, bound_at)| {
        let card = parse_card(&text).map_err(|e| StoreError::Corrupt {
            what: "contact card",
            detail: e.to_string(),
        })?;
        let bound = BoundCard {
            name: card.name.clone(),
            fingerprint: card.fingerprint.clone(),
            mine,
            bound_at: Timestamp(bound_at),
        };
        Ok((card, bound))
    })
    .transpose()
}

fn bind_in(
    tx: &Transaction<'_>,
    id: &AllianceId,
    party: &PartyId,
    card: &ContactCard,
    mine: bool,
    now: Timestamp,
) -> Result<()> {
    crate::questionnaire::check_party(tx, id, party)?;
    let alliance = current(tx, id)?;
    if let Some((bound, _)) = card_in(tx, id, party)? {
        if bound.fingerprint == card.fingerprint {
            return Ok(());
        }
        return Err(StoreError::CardAlreadyBound {
            party: party_name(&alliance, party),
            name: bound.name,
        });
    }
    for other in alliance.parties.iter().filter(|p| &p.id != party) {
        if let Some((bound, info)) = card_in(tx, id, &other.id)? {
            if bound.fingerprint == card.fingerprint {
                return Err(StoreError::CardBoundElsewhere {
                    party: other.name.clone(),
                });
            }
            if mine && info.mine {
                return Err(StoreError::AlreadyBoundMe {
                    party: other.name.clone(),
                });
            }
        }
    }
    tx.execute(
        "INSERT INTO party_cards (alliance_id, party_id, fingerprint, card, mine, bound_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.0,
            party.0,
            card.fingerprint,
            card.to_json(),
            mine,
            now.millis()
        ],
    )?;
    Ok(())
}

/// The party `me` is bound to in the alliance.
pub(crate) fn my_party_in(conn: &Connection, id: &AllianceId, me: &Identity) -> Result<PartyId> {
    let alliance = current(conn, id)?;
    if alliance.deleted {
        return Err(StoreError::AllianceDeleted {
            name: alliance.name,
        });
    }
    let fingerprint = me.card().fingerprint;
    for party in &alliance.parties {
        if let Some((card, info)) = card_in(conn, id, &party.id)? {
            if info.mine && card.fingerprint == fingerprint {
                return Ok(party.id.clone());
            }
        }
    }
    Err(StoreError::NotBoundHere {
        alliance: alliance.name,
    })
}

/// The alliance, party and bound card a file claims to come from.
fn sender_in(
    conn: &Connection,
    binding: &Binding,
    sender: &str,
) -> Result<(Alliance, PartyId, ContactCard)> {
    let id = AllianceId(binding.alliance.clone());
    let alliance = match current(conn, &id) {
        Err(StoreError::AllianceNotFound { .. }) => return Err(StoreError::UnknownAlliance),
        other => other?,
    };
    if alliance.deleted {
        return Err(StoreError::AllianceDeleted {
            name: alliance.name,
        });
    }
    let party = PartyId(binding.party.clone());
    if !alliance.parties.iter().any(|p| p.id == party) {
        return Err(StoreError::UnknownSender {
            detail: format!("alliance {:?} has no partner {:?}", alliance.name, party.0),
        });
    }
    let name = party_name(&alliance, &party);
    let (card, info) = card_in(conn, &id, &party)?.ok_or_else(|| StoreError::UnknownSender {
        detail: format!("no contact card is bound to {name}; import their card first"),
    })?;
    if info.mine {
        return Err(StoreError::OwnFile);
    }
    if card.fingerprint != sender {
        return Err(StoreError::UnknownSender {
            detail: format!(
                "it was signed by key {sender}, but {name}'s card is {}",
                card.fingerprint
            ),
        });
    }
    Ok((alliance, party, card))
}

fn check_round(found: u32, current: u32) -> Result<()> {
    if found < current {
        return Err(StoreError::OlderRound { found, current });
    }
    if found > current {
        return Err(StoreError::LaterRound { found, current });
    }
    Ok(())
}

fn recorded_envelope(
    conn: &Connection,
    id: &AllianceId,
    round: u32,
    party: &PartyId,
) -> Result<Option<(Envelope, Option<Vec<u8>>)>> {
    let row: Option<(String, Option<Vec<u8>>)> = conn
        .query_row(
            "SELECT envelope, envelope_key FROM envelopes
             WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
            params![id.0, round, party.0],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(text, key)| {
        serde_json::from_str(&text)
            .map(|envelope| (envelope, key))
            .map_err(|e| StoreError::Corrupt {
                what: "envelope",
                detail: e.to_string(),
            })
    })
    .transpose()
}

fn exchange_in(tx: &Transaction<'_>, id: &AllianceId, now: Timestamp) -> Result<ExchangeState> {
    let alliance = current(tx, id)?;
    let set = question_set_in(tx, id, now)?.set;
    let round = current_round(tx, id)?.max(1);
    let mut me = None;
    let mut parties = Vec::new();
    for party in &alliance.parties {
        let card = card_in(tx, id, &party.id)?.map(|(_, info)| info);
        if card.as_ref().is_some_and(|c| c.mine) {
            me = Some(party.id.clone());
        }
        let envelope: Option<(String, i64)> = tx
            .query_row(
                "SELECT commitment, recorded_at FROM envelopes
                 WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
                params![id.0, round, party.id.0],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let revealed_at: Option<i64> = tx
            .query_row(
                "SELECT opened_at FROM reveals WHERE alliance_id = ?1 AND round = ?2 AND party_id = ?3",
                params![id.0, round, party.id.0],
                |row| row.get(0),
            )
            .optional()?;
        parties.push(PartyExchange {
            party: party.id.clone(),
            card,
            envelope_at: envelope.as_ref().map(|(_, at)| Timestamp(*at)),
            commitment: envelope.map(|(c, _)| c),
            revealed_at: revealed_at.map(Timestamp),
        });
    }
    Ok(ExchangeState {
        round,
        me,
        parties,
        questions: questions_hash(&set),
    })
}

/// Answers sealed by envelope must answer this alliance's question set as it stands.
fn check_same_questions(sheet: &AnswerSheet, set: &QuestionSet, alliance: &Alliance) -> Result<()> {
    let fresh = blank_sheet(
        set,
        &alliance.parties,
        &sheet.party,
        sheet.respondent.clone(),
    );
    if sheet.question_set != fresh.question_set || sheet.custom_set != fresh.custom_set {
        return Err(StoreError::StaleQuestions);
    }
    Ok(())
}

fn insert_question_set(
    tx: &Transaction<'_>,
    id: &AllianceId,
    revision: u32,
    set: &QuestionSet,
    now: Timestamp,
) -> Result<()> {
    tx.execute(
        "INSERT INTO question_set_revisions (alliance_id, revision, recorded_at, question_set)
         VALUES (?1, ?2, ?3, ?4)",
        params![id.0, revision, now.millis(), to_json(set)],
    )?;
    Ok(())
}

/// Seals answers exchanged by envelope: readable with this machine's identity and with every
/// local partner's passphrase key, as a same-machine seal is.
#[allow(clippy::too_many_arguments)]
fn insert_seal(
    tx: &Transaction<'_>,
    id: &AllianceId,
    round: u32,
    party: &PartyId,
    json: &str,
    me: &Identity,
    now: Timestamp,
    answer_revision: u32,
) -> Result<()> {
    let mut recipients = vec![me.recipient()];
    let mut stmt = tx.prepare("SELECT recipient FROM party_locks WHERE alliance_id = ?1")?;
    for recipient in stmt.query_map([&id.0], |row| row.get::<_, String>(0))? {
        recipients.push(recipient?);
    }
    let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
    let sealed = lock::encrypt(&recipients, json.as_bytes())?;
    tx.execute(
        "INSERT INTO seals (alliance_id, round, party_id, sealed_at, answer_revision, sheet)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id.0, round, party.0, now.millis(), answer_revision, sealed],
    )?;
    Ok(())
}
