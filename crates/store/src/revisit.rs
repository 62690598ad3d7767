//! Revisiting an agreement (issue 8): partners' private check-ins after an agreement is frozen,
//! their drift from it, and each alliance's review cadence.
//!
//! A check-in is a partner's whole answer sheet at a date, encrypted to that partner's own keys
//! (their passphrase key on this machine and, if bound, their identity), so check-ins stay as
//! private as answers before sealing. A partner sees their own drift; the first check-in starts
//! from the agreed values (`accord_core::revisit::check_in_baseline`).

use accord_core::revisit::{check_in_baseline, drift, Drift};
use accord_core::sheet::check_sheet;
use accord_core::{AllianceId, AnswerSheet, PartyId, Timestamp};
use accord_envelope::lock;
use rusqlite::{params, OptionalExtension};

use crate::negotiation::Acting;
use crate::questionnaire::decrypt_sheet;
use crate::{Result, Store, StoreError};

/// Days between reviews when the partners have not chosen: about six months.
pub const DEFAULT_REVIEW_DAYS: u32 = 182;

/// An alliance whose agreement is due for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewDue {
    pub alliance: AllianceId,
    pub name: String,
    pub agreement: u32,
    pub review_on: String,
    /// True when the review date has passed.
    pub overdue: bool,
}

impl Store {
    /// Days between reviews of the alliance's agreement.
    pub fn review_interval(&self, id: &AllianceId) -> Result<u32> {
        Ok(self
            .conn
            .query_row(
                "SELECT days FROM review_intervals WHERE alliance_id = ?1
                 ORDER BY revision DESC LIMIT 1",
                [&id.0],
                |row| row.get(0),
            )
            .optional()?
            .unwrap_or(DEFAULT_REVIEW_DAYS))
    }

    /// Sets the review interval (a new revision), 7 days to 5 years.
    pub fn set_review_interval(
        &mut self,
        id: &AllianceId,
        days: u32,
        now: Timestamp,
    ) -> Result<()> {
        self.alliance(id)?;
        if !(7..=1830).contains(&days) {
            return Err(StoreError::InvalidAnswers(format!(
                "a review interval is 7 to 1,830 days, not {days}"
            )));
        }
        self.conn.execute(
            "INSERT INTO review_intervals (alliance_id, revision, days, recorded_at)
             SELECT ?1, coalesce(max(revision), 0) + 1, ?2, ?3
             FROM review_intervals WHERE alliance_id = ?1",
            params![id.0, days, now.millis()],
        )?;
        Ok(())
    }

    /// Alliances whose newest agreement's review date is on or before `within` (YYYY-MM-DD),
    /// soonest first; `today` decides which are overdue.
    pub fn reviews_due(&self, today: &str, within: &str) -> Result<Vec<ReviewDue>> {
        let mut due = Vec::new();
        for alliance in self.list_alliances(crate::Listing::Active)? {
            if let Some(latest) = self.agreements(&alliance.id)?.pop() {
                if latest.review_on.as_str() <= within {
                    due.push(ReviewDue {
                        overdue: latest.review_on.as_str() < today,
                        alliance: alliance.id,
                        name: alliance.name,
                        agreement: latest.number,
                        review_on: latest.review_on,
                    });
                }
            }
        }
        due.sort_by(|x, y| x.review_on.cmp(&y.review_on));
        Ok(due)
    }

    /// Records a check-in: the acting partner's answers now, against the newest agreement.
    pub fn check_in(
        &mut self,
        id: &AllianceId,
        acting: &Acting<'_>,
        sheet: &AnswerSheet,
        now: Timestamp,
    ) -> Result<u32> {
        let (party, key) = self.acting_key(id, acting)?;
        let agreement = self
            .agreements(id)?
            .pop()
            .ok_or(StoreError::NoAgreementYet)?;
        if sheet.party != party {
            return Err(StoreError::SheetForOtherParty {
                found: sheet.party.0.clone(),
                expected: party.0.clone(),
            });
        }
        let set = self.question_set(id, now)?.set;
        check_sheet(sheet, &set).map_err(|e| StoreError::InvalidAnswers(e.to_string()))?;
        let recipients = self.party_recipients(id, &party, &key)?;
        let recipients: Vec<&str> = recipients.iter().map(String::as_str).collect();
        let bytes = lock::encrypt(&recipients, sheet.to_json().as_bytes())?;
        let tx = self.conn.transaction()?;
        let revision: u32 = tx.query_row(
            "SELECT coalesce(max(revision), 0) + 1 FROM check_ins
             WHERE alliance_id = ?1 AND party_id = ?2",
            params![id.0, party.0],
            |row| row.get(0),
        )?;
        tx.execute(
            "INSERT INTO check_ins (alliance_id, party_id, revision, agreement, recorded_at, sheet)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id.0,
                party.0,
                revision,
                agreement.number,
                now.millis(),
                bytes
            ],
        )?;
        tx.commit()?;
        Ok(revision)
    }

    /// The acting partner's check-ins, oldest first.
    pub fn check_ins(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
    ) -> Result<Vec<(Timestamp, AnswerSheet)>> {
        let (party, key) = self.acting_key(id, acting)?;
        let mut stmt = self.conn.prepare(
            "SELECT recorded_at, sheet FROM check_ins WHERE alliance_id = ?1 AND party_id = ?2
             ORDER BY revision",
        )?;
        let rows = stmt
            .query_map(params![id.0, party.0], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, Vec<u8>>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(at, bytes)| Ok((Timestamp(at), decrypt_sheet(&key, &bytes)?)))
            .collect()
    }

    /// The sheet a partner checks in from: their newest check-in, or their sealed answers set
    /// to the newest agreement's values.
    pub fn check_in_sheet(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<AnswerSheet> {
        if let Some((_, latest)) = self.check_ins(id, acting)?.pop() {
            return Ok(latest);
        }
        let (party, key) = self.acting_key(id, acting)?;
        let agreement = self
            .agreements(id)?
            .pop()
            .ok_or(StoreError::NoAgreementYet)?;
        let sealed = self.sealed_sheets_of_round(id, agreement.round, &key)?;
        let own = sealed
            .into_iter()
            .find(|s| s.party == party)
            .ok_or(StoreError::NotAllSealed)?;
        Ok(check_in_baseline(&agreement, &own))
    }

    /// The acting partner's drift from the newest agreement, from their check-ins.
    pub fn my_drift(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<Drift> {
        let (party, _) = self.acting_key(id, acting)?;
        let agreement = self
            .agreements(id)?
            .pop()
            .ok_or(StoreError::NoAgreementYet)?;
        let (_, set) =
            crate::questionnaire::latest_set(&self.conn, id)?.ok_or(StoreError::Corrupt {
                what: "question set",
                detail: "an alliance with an agreement has no question set".into(),
            })?;
        let check_ins = self.check_ins(id, acting)?;
        Ok(drift(&set, &agreement, &party, &check_ins))
    }

    /// The recipients a partner's private data is encrypted to: the key they act with, their
    /// passphrase key on this machine and their bound identity.
    fn party_recipients(
        &self,
        id: &AllianceId,
        party: &PartyId,
        key: &lock::PartyKey,
    ) -> Result<Vec<String>> {
        let mut recipients = vec![key.recipient()];
        if let Some(locked) = crate::questionnaire::locked_key_in(&self.conn, id, party)? {
            recipients.push(locked.recipient);
        }
        let card: Option<String> = self
            .conn
            .query_row(
                "SELECT card FROM party_cards WHERE alliance_id = ?1 AND party_id = ?2 AND mine = 1",
                params![id.0, party.0],
                |row| row.get(0),
            )
            .optional()?;
        if let Some(card) = card.and_then(|c| accord_envelope::parse_card(&c).ok()) {
            recipients.push(card.encryption);
        }
        recipients.sort();
        recipients.dedup();
        Ok(recipients)
    }
}

impl Store {
    /// The alignment timeline the acting partner may see: every sealed round (both partners'
    /// sealed answers) and each of their own check-ins against the other partner's answers of
    /// the round the newest agreement settled.
    pub fn timeline(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
    ) -> Result<Vec<accord_core::revisit::TimelinePoint>> {
        let (party, key) = self.acting_key(id, acting)?;
        let (_, set) =
            crate::questionnaire::latest_set(&self.conn, id)?.ok_or(StoreError::Corrupt {
                what: "question set",
                detail: "no question set".into(),
            })?;
        let mut stmt = self.conn.prepare(
            "SELECT r.round, r.opened_at FROM rounds r WHERE r.alliance_id = ?1
             AND (SELECT count(*) FROM seals s WHERE s.alliance_id = r.alliance_id
                  AND s.round = r.round) >= 2
             ORDER BY r.round",
        )?;
        let rounds = stmt
            .query_map([&id.0], |row| {
                Ok((row.get::<_, u32>(0)?, row.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut sealed = Vec::new();
        for (round, opened_at) in rounds {
            let sheets = self.sealed_sheets_of_round(id, round, &key)?;
            if sheets.len() >= 2 {
                sealed.push((round, Timestamp(opened_at), sheets));
            }
        }
        let other_in = |sheets: &[AnswerSheet]| sheets.iter().find(|s| s.party != party).cloned();
        let agreed_round = self.agreements(id)?.pop().map(|a| a.round);
        let partner_then = agreed_round
            .and_then(|r| sealed.iter().find(|(round, ..)| *round == r))
            .and_then(|(_, _, sheets)| other_in(sheets));
        let check_ins = self.check_ins(id, acting)?;
        let alliance = self.alliance(id)?;
        let name = alliance
            .parties
            .iter()
            .find(|p| p.id == party)
            .map_or(party.0.clone(), |p| p.name.clone());
        let mut snapshots = Vec::new();
        for (round, at, sheets) in &sealed {
            snapshots.push(accord_core::revisit::Snapshot {
                at: *at,
                label: format!("Round {round}"),
                a: &sheets[0],
                b: &sheets[1],
            });
        }
        if let Some(partner) = &partner_then {
            for (at, sheet) in &check_ins {
                snapshots.push(accord_core::revisit::Snapshot {
                    at: *at,
                    label: format!("Check-in, {name}"),
                    a: sheet,
                    b: partner,
                });
            }
        }
        Ok(accord_core::revisit::timeline(&set, &snapshots))
    }
}
