//! Negotiating a round's gaps (issue 7): suggestions, every resolution step as an appended
//! row, and Agreements frozen from them, numbered per alliance.
//!
//! Who acts is proven, not claimed: a partner acts with their unlocked passphrase key (as on
//! a shared machine) or with this machine's identity bound to their party. Steps are checked
//! by the core's workflow rules before they are written; the round's comparison must be open
//! (every partner sealed); a round with a frozen agreement takes no more steps.

use std::collections::HashMap;

use accord_core::agreement::{Agreement, AgreementAlliance, AgreementSignature};
use accord_core::answer::Expectation;
use accord_core::negotiate::workflow::{self, Action, ItemStatus, Step};
use accord_core::negotiate::{
    agreed_value, describe_value, draft_agreement, suggest, AgreementMeta, Blocking, Suggestions,
};
use accord_core::sheet::check_sheet;
use accord_core::{AllianceId, PartyId, QuestionId, Timestamp, Verdict};
use accord_envelope::lock::PartyKey;
use accord_envelope::Identity;
use rusqlite::{params, OptionalExtension};

use crate::exchange::Sealed;
use crate::{Result, Store, StoreError};

/// Who takes a negotiation step, with the key that proves it.
pub enum Acting<'a> {
    /// A partner unlocked with their passphrase on this machine.
    Partner {
        party: &'a PartyId,
        key: &'a PartyKey,
    },
    /// This machine's identity, bound to its party of the alliance.
    Identity(&'a Identity),
}

/// One disputed question's negotiation.
#[derive(Debug, Clone, PartialEq)]
pub struct NegotiationItem {
    pub question: QuestionId,
    pub status: ItemStatus,
    pub steps: Vec<Step>,
}

/// The negotiation of the current round.
#[derive(Debug, Clone, PartialEq)]
pub struct Negotiation {
    pub round: u32,
    pub acting_as: PartyId,
    /// The comparison's sides: `utility_a`, `gain_a` and `a_shown` in the suggestions are
    /// `a`'s.
    pub a: PartyId,
    pub b: PartyId,
    pub suggestions: Suggestions,
    /// One per disputed question, in the suggestions' order.
    pub items: Vec<NegotiationItem>,
    /// The agreement frozen for this round, if any.
    pub agreement: Option<Agreement>,
    /// Every question that would stay open if the agreement were frozen now (disputed ones
    /// not agreed, and those only one partner answered), most severe first: the ones at or
    /// above the partners' threshold block freezing.
    pub unresolved: Vec<Blocking>,
}

impl Store {
    /// The party `acting` speaks for, and the key that opens the round's sealed answers.
    pub(crate) fn acting_key(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
    ) -> Result<(PartyId, PartyKey)> {
        match acting {
            Acting::Partner { party, key } => {
                crate::questionnaire::check_key(&self.conn, id, party, key)?;
                Ok(((*party).clone(), (*key).clone()))
            }
            Acting::Identity(me) => Ok((
                crate::exchange::my_party_in(&self.conn, id, me)?,
                me.party_key(),
            )),
        }
    }

    /// The partner `acting` proves to be in alliance `id`: their key matches the one locked
    /// by their passphrase here, or their identity is bound to them. Cheap; use it before
    /// showing what only partners may see (agreements hold both partners' answers in words).
    pub fn acting_party(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<PartyId> {
        self.acting_key(id, acting).map(|(party, _)| party)
    }

    /// The negotiation as it stands: suggestions, every disputed question's status and
    /// steps, and the agreement if one was frozen for the round.
    pub fn negotiation(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<Negotiation> {
        let (party, key) = self.acting_key(id, acting)?;
        let sealed = self.sealed_sheets(id, &key)?;
        let suggestions = suggest(&sealed.set, &sealed.a, &sealed.b);
        let mut steps = self.steps(id, sealed.round)?;
        let items = suggestions
            .disputed
            .iter()
            .map(|d| {
                let steps = steps.remove(&d.question).unwrap_or_default();
                NegotiationItem {
                    question: d.question.clone(),
                    status: workflow::status(&steps),
                    steps,
                }
            })
            .collect::<Vec<NegotiationItem>>();
        let statuses: HashMap<QuestionId, ItemStatus> = items
            .iter()
            .map(|i| (i.question.clone(), i.status.clone()))
            .collect();
        let alliance = self.alliance(id)?;
        // A draft at threshold 0 lists every item that would stay open.
        let meta = AgreementMeta {
            alliance: AgreementAlliance {
                id: id.clone(),
                name: alliance.name,
                kind: alliance.kind,
            },
            number: 0,
            round: sealed.round,
            agreed_on: String::new(),
            review_on: String::new(),
            threshold: 0,
        };
        let unresolved = draft_agreement(&sealed.set, &sealed.a, &sealed.b, &statuses, meta)
            .err()
            .unwrap_or_default();
        Ok(Negotiation {
            round: sealed.round,
            acting_as: party,
            a: sealed.a.party.clone(),
            b: sealed.b.party.clone(),
            suggestions,
            items,
            agreement: self.agreement_of_round(id, sealed.round)?,
            unresolved,
        })
    }

    /// Records one step on a disputed question: checked against the question, the value's
    /// type and the workflow's rules first; nothing is written if any check fails.
    #[allow(clippy::too_many_arguments)]
    pub fn record_step(
        &mut self,
        id: &AllianceId,
        acting: &Acting<'_>,
        question: &QuestionId,
        action: Action,
        value: Option<Expectation>,
        comment: Option<String>,
        now: Timestamp,
    ) -> Result<ItemStatus> {
        let (party, key) = self.acting_key(id, acting)?;
        let sealed = self.sealed_sheets(id, &key)?;
        if self.agreement_of_round(id, sealed.round)?.is_some() {
            return Err(StoreError::RoundAgreed {
                round: sealed.round,
            });
        }
        let gap = accord_core::diff::compare(&sealed.set, &sealed.a, &sealed.b)
            .gaps
            .into_iter()
            .find(|g| &g.question == question)
            .ok_or_else(|| StoreError::NotDisputed {
                question: question.0.clone(),
            })?;
        if !matches!(gap.verdict, Verdict::Divergent | Verdict::Conflict) {
            return Err(StoreError::NotDisputed {
                question: question.0.clone(),
            });
        }
        // The value as agreed: no zone, and "me"/"partner" from the acting partner's side.
        let value = value.map(|v| agreed_value(&v, &party, &sealed.a.parties));
        let shown = match &value {
            Some(value) => {
                check_value(&sealed, question, value)?;
                Some(describe_value(&sealed.set, &sealed.a, question, value).unwrap_or_default())
            }
            None => None,
        };
        let comment = comment.filter(|c| !c.trim().is_empty());
        if comment.as_ref().is_some_and(|c| c.chars().count() > 2000) {
            return Err(StoreError::InvalidAnswers(
                "a comment is at most 2,000 characters".into(),
            ));
        }
        let step = Step {
            party: party.clone(),
            action,
            value,
            shown,
            comment,
            at: now,
        };
        let tx = self.conn.transaction()?;
        let mut steps = steps_of(&tx, id, sealed.round, question)?;
        workflow::check(&steps, &step).map_err(|e| StoreError::Workflow(e.to_string()))?;
        tx.execute(
            "INSERT INTO resolution_steps
                (alliance_id, round, question_id, step, party_id, action, value, shown, comment, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id.0,
                sealed.round,
                question.0,
                steps.len() as u32 + 1,
                party.0,
                action.as_str(),
                step.value.as_ref().map(to_json),
                step.shown,
                step.comment,
                now.millis()
            ],
        )?;
        tx.commit()?;
        steps.push(step);
        Ok(workflow::status(&steps))
    }

    /// Freezes the round's agreement: refused while a question at or above `threshold` is
    /// unresolved (the error lists them), or if the round already has one.
    pub fn freeze_agreement(
        &mut self,
        id: &AllianceId,
        acting: &Acting<'_>,
        threshold: u8,
        agreed_on: &str,
        review_on: &str,
        now: Timestamp,
    ) -> Result<Agreement> {
        let (_, key) = self.acting_key(id, acting)?;
        let sealed = self.sealed_sheets(id, &key)?;
        if let Some(existing) = self.agreement_of_round(id, sealed.round)? {
            return Err(StoreError::RoundAgreed {
                round: existing.round,
            });
        }
        for (what, date) in [("agreement date", agreed_on), ("review date", review_on)] {
            if accord_core::time::parse_date(date).is_none() {
                return Err(StoreError::InvalidAnswers(format!(
                    "the {what} {date:?} is not a date (YYYY-MM-DD)"
                )));
            }
        }
        if review_on <= agreed_on {
            return Err(StoreError::InvalidAnswers(format!(
                "the review date {review_on} must come after the agreement date {agreed_on}"
            )));
        }
        let alliance = self.alliance(id)?;
        let statuses: HashMap<QuestionId, ItemStatus> = self
            .steps(id, sealed.round)?
            .into_iter()
            .map(|(q, steps)| (q, workflow::status(&steps)))
            .collect();
        let number: u32 = self.conn.query_row(
            "SELECT coalesce(max(number), 0) + 1 FROM agreements WHERE alliance_id = ?1",
            [&id.0],
            |row| row.get(0),
        )?;
        let meta = AgreementMeta {
            alliance: AgreementAlliance {
                id: id.clone(),
                name: alliance.name.clone(),
                kind: alliance.kind,
            },
            number,
            round: sealed.round,
            agreed_on: agreed_on.to_string(),
            review_on: review_on.to_string(),
            threshold,
        };
        let agreement = draft_agreement(&sealed.set, &sealed.a, &sealed.b, &statuses, meta)
            .map_err(|blocking| StoreError::Unresolved {
                count: blocking.len(),
                threshold,
                first: blocking
                    .iter()
                    .take(3)
                    .map(|b| format!("{} (severity {})", b.question.0, b.severity))
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        self.conn.execute(
            "INSERT INTO agreements (alliance_id, number, round, frozen_at, hash, agreement)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.0,
                number,
                sealed.round,
                now.millis(),
                agreement.hash,
                to_json(&agreement)
            ],
        )?;
        Ok(agreement)
    }

    /// Every agreement of the alliance, oldest first, with the signatures recorded.
    pub fn agreements(&self, id: &AllianceId) -> Result<Vec<Agreement>> {
        let mut stmt = self
            .conn
            .prepare("SELECT number FROM agreements WHERE alliance_id = ?1 ORDER BY number")?;
        let numbers = stmt
            .query_map([&id.0], |row| row.get::<_, u32>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        numbers.into_iter().map(|n| self.agreement(id, n)).collect()
    }

    /// Agreement number `number`, with the signatures recorded.
    pub fn agreement(&self, id: &AllianceId, number: u32) -> Result<Agreement> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT agreement FROM agreements WHERE alliance_id = ?1 AND number = ?2",
                params![id.0, number],
                |row| row.get(0),
            )
            .optional()?;
        let text = text.ok_or(StoreError::NoAgreement { number })?;
        let mut agreement: Agreement =
            serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
                what: "agreement",
                detail: e.to_string(),
            })?;
        let mut stmt = self.conn.prepare(
            "SELECT signature FROM agreement_signatures
             WHERE alliance_id = ?1 AND number = ?2 ORDER BY signed_at, party_id",
        )?;
        for text in stmt.query_map(params![id.0, number], |row| row.get::<_, String>(0))? {
            let signature: AgreementSignature =
                serde_json::from_str(&text?).map_err(|e| StoreError::Corrupt {
                    what: "agreement signature",
                    detail: e.to_string(),
                })?;
            agreement.signatures.push(signature);
        }
        Ok(agreement)
    }

    fn agreement_of_round(&self, id: &AllianceId, round: u32) -> Result<Option<Agreement>> {
        let number: Option<u32> = self
            .conn
            .query_row(
                "SELECT number FROM agreements WHERE alliance_id = ?1 AND round = ?2",
                params![id.0, round],
                |row| row.get(0),
            )
            .optional()?;
        number.map(|n| self.agreement(id, n)).transpose()
    }

    /// Whom this machine's identity signs for: the partner it is bound to in alliance `id`,
    /// or, where it is bound to nobody (one shared machine), the partner `acting` proves to be.
    pub fn signing_party(
        &mut self,
        id: &AllianceId,
        acting: &Acting<'_>,
        now: Timestamp,
    ) -> Result<PartyId> {
        let acting = self.acting_party(id, acting)?;
        Ok(self.exchange_state(id, now)?.me.unwrap_or(acting))
    }

    /// `identity` signs agreement `number` for `party`, and the signature is recorded once the
    /// agreement with it verifies as a whole. Returns the agreement with every signature.
    pub fn sign_agreement(
        &mut self,
        id: &AllianceId,
        number: u32,
        identity: &Identity,
        party: PartyId,
        now: Timestamp,
    ) -> Result<Agreement> {
        let agreement = self.agreement(id, number)?;
        let signature = accord_envelope::agreement::sign(identity, &agreement, party)?;
        let mut candidate = agreement;
        candidate.signatures.push(signature.clone());
        accord_envelope::agreement::verify(&candidate)?;
        self.add_signature(id, number, &signature, now)
    }

    /// Records a partner's signature on agreement `number`. The caller verified it (see
    /// `accord_envelope::agreement::verify`); a party signs once.
    pub fn add_signature(
        &mut self,
        id: &AllianceId,
        number: u32,
        signature: &AgreementSignature,
        now: Timestamp,
    ) -> Result<Agreement> {
        let agreement = self.agreement(id, number)?;
        if !agreement.parties.iter().any(|p| p.id == signature.party) {
            return Err(StoreError::UnknownParty {
                party: signature.party.0.clone(),
                alliance: agreement.alliance.name,
            });
        }
        if agreement
            .signatures
            .iter()
            .any(|s| s.party == signature.party)
        {
            return Err(StoreError::AlreadySigned {
                party: agreement.party_name(&signature.party).to_string(),
                number,
            });
        }
        self.conn.execute(
            "INSERT INTO agreement_signatures (alliance_id, number, party_id, signature, signed_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                id.0,
                number,
                signature.party.0,
                to_json(signature),
                now.millis()
            ],
        )?;
        self.agreement(id, number)
    }

    fn steps(&self, id: &AllianceId, round: u32) -> Result<HashMap<QuestionId, Vec<Step>>> {
        let mut stmt = self.conn.prepare(
            "SELECT question_id, party_id, action, value, shown, comment, recorded_at
             FROM resolution_steps WHERE alliance_id = ?1 AND round = ?2
             ORDER BY question_id, step",
        )?;
        let mut out: HashMap<QuestionId, Vec<Step>> = HashMap::new();
        let rows = stmt.query_map(params![id.0, round], |row| {
            Ok((row.get::<_, String>(0)?, row_step(row, 1)?))
        })?;
        for row in rows {
            let (question, step) = row?;
            out.entry(QuestionId(question)).or_default().push(step?);
        }
        Ok(out)
    }
}

fn steps_of(
    conn: &rusqlite::Connection,
    id: &AllianceId,
    round: u32,
    question: &QuestionId,
) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare(
        "SELECT party_id, action, value, shown, comment, recorded_at
         FROM resolution_steps WHERE alliance_id = ?1 AND round = ?2 AND question_id = ?3
         ORDER BY step",
    )?;
    let rows = stmt.query_map(params![id.0, round, question.0], |row| row_step(row, 0))?;
    rows.map(|r| r?).collect()
}

/// A step from columns starting at `at`: party, action, value, shown, comment, recorded_at.
fn row_step(row: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Result<Step>> {
    let party: String = row.get(at)?;
    let action: String = row.get(at + 1)?;
    let value: Option<String> = row.get(at + 2)?;
    let shown: Option<String> = row.get(at + 3)?;
    let comment: Option<String> = row.get(at + 4)?;
    let recorded_at: i64 = row.get(at + 5)?;
    let corrupt = |detail: String| StoreError::Corrupt {
        what: "resolution step",
        detail,
    };
    Ok((|| {
        let action = Action::parse(&action).ok_or_else(|| corrupt(action.clone()))?;
        let value = value
            .map(|v| serde_json::from_str(&v).map_err(|e| corrupt(e.to_string())))
            .transpose()?;
        Ok(Step {
            party: PartyId(party),
            action,
            value,
            shown,
            comment,
            at: Timestamp(recorded_at),
        })
    })())
}

/// The value must be a valid answer to the question.
fn check_value(sealed: &Sealed, question: &QuestionId, value: &Expectation) -> Result<()> {
    let mut probe = sealed.a.clone();
    probe.answers = vec![accord_core::Answer {
        question: question.clone(),
        value: value.clone(),
        importance: Default::default(),
        flexibility: Default::default(),
        note: None,
        guess: None,
    }];
    check_sheet(&probe, &sealed.set).map_err(|e| StoreError::InvalidAnswers(e.to_string()))
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}
