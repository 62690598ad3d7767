//! Revisiting an agreement (issue 8): partners' private check-ins after an agreement is frozen,
//! their drift from it, and each alliance's review cadence.
//!
//! A check-in is a partner's whole answer sheet at a date, encrypted to that partner's own keys
//! (their passphrase key on this machine and, if bound, their identity), so check-ins stay as
//! private as answers before sealing. A partner sees their own drift; the first check-in starts
//! from the agreed values (`accord_core::revisit::check_in_baseline`).

use accord_core::agreement::Agreement;
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

/// The review intervals the store accepts, in days: a week to five years.
pub const REVIEW_INTERVAL_DAYS: std::ops::RangeInclusive<u32> = 7..=1830;

/// How many days before its date a review counts as due: the app marks the alliance in its
/// list and mentions it when it starts.
pub const REVIEW_NOTICE_DAYS: u32 = 14;

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

/// One of a partner's check-ins, for their history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRecord {
    pub revision: u32,
    pub at: Timestamp,
    /// The agreement in force when it was recorded.
    pub agreement: u32,
    /// Items of that agreement its answers had moved away from, and those still holding.
    pub drifted: u32,
    pub holding: u32,
}

struct CheckInRow {
    revision: u32,
    at: Timestamp,
    agreement: u32,
    sheet: AnswerSheet,
}

/// The newest agreement's review as of a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextReview {
    pub agreement: u32,
    pub review_on: String,
    /// The review date is at most [`REVIEW_NOTICE_DAYS`] away, or has passed.
    pub due: bool,
    /// The review date has passed.
    pub overdue: bool,
}

/// An agreement's facts without its values: numbers, dates and counts, which any partner at
/// this machine may see (the values need a partner's key in the app, as the answers do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementInfo {
    pub number: u32,
    pub round: u32,
    pub agreed_on: String,
    pub review_on: String,
    pub hash: String,
    pub agreed: u32,
    pub open: u32,
    pub signatures: u32,
}

/// Where an alliance stands on revisiting: its agreements, its review cadence and the next
/// review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisitState {
    /// Oldest first.
    pub agreements: Vec<AgreementInfo>,
    pub interval_days: u32,
    /// False while the partners have not chosen an interval ([`DEFAULT_REVIEW_DAYS`] holds).
    pub interval_chosen: bool,
    /// The newest agreement's review, if there is an agreement.
    pub next: Option<NextReview>,
}

impl Store {
    /// Days between reviews of the alliance's agreement.
    pub fn review_interval(&self, id: &AllianceId) -> Result<u32> {
        Ok(self
            .chosen_review_interval(id)?
            .unwrap_or(DEFAULT_REVIEW_DAYS))
    }

    /// The review interval the partners chose, if they did.
    fn chosen_review_interval(&self, id: &AllianceId) -> Result<Option<u32>> {
        Ok(self
            .conn
            .query_row(
                "SELECT days FROM review_intervals WHERE alliance_id = ?1
                 ORDER BY revision DESC LIMIT 1",
                [&id.0],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The review date an agreement frozen on `today` gets unless the partners pick another:
    /// the chosen interval after today, or six months if they chose none.
    pub fn default_review_on(&self, id: &AllianceId, today: &str) -> Result<String> {
        let date = match self.chosen_review_interval(id)? {
            Some(days) => accord_core::time::days_after(today, days),
            None => accord_core::time::months_after(
                today,
                accord_core::negotiate::DEFAULT_REVIEW_MONTHS,
            ),
        };
        date.ok_or_else(|| {
            StoreError::InvalidAnswers(format!("today {today:?} is not a date (YYYY-MM-DD)"))
        })
    }

    /// The alliance's agreements (facts only), review cadence and next review as of `today`.
    pub fn revisit_state(&self, id: &AllianceId, today: &str) -> Result<RevisitState> {
        self.alliance(id)?;
        let within = notice_until(today)?;
        let agreements = self.agreements(id)?;
        let next = agreements.last().map(|latest| NextReview {
            agreement: latest.number,
            review_on: latest.review_on.clone(),
            due: latest.review_on.as_str() <= within.as_str(),
            overdue: latest.review_on.as_str() < today,
        });
        let chosen = self.chosen_review_interval(id)?;
        Ok(RevisitState {
            agreements: agreements
                .iter()
                .map(|a| AgreementInfo {
                    number: a.number,
                    round: a.round,
                    agreed_on: a.agreed_on.clone(),
                    review_on: a.review_on.clone(),
                    hash: a.hash.clone(),
                    agreed: a.items.len() as u32,
                    open: a.open.len() as u32,
                    signatures: a.signatures.len() as u32,
                })
                .collect(),
            interval_days: chosen.unwrap_or(DEFAULT_REVIEW_DAYS),
            interval_chosen: chosen.is_some(),
            next,
        })
    }

    /// The reviews due as of `today`: dates passed or at most [`REVIEW_NOTICE_DAYS`] away,
    /// soonest first.
    pub fn reviews_due_soon(&self, today: &str) -> Result<Vec<ReviewDue>> {
        self.reviews_due(today, &notice_until(today)?)
    }

    /// What changed in the agreed values from agreement `older` to agreement `newer`.
    pub fn version_changes(
        &self,
        id: &AllianceId,
        older: u32,
        newer: u32,
    ) -> Result<Vec<accord_core::revisit::VersionChange>> {
        let (before, after) = (self.agreement(id, older)?, self.agreement(id, newer)?);
        Ok(accord_core::revisit::diff_versions(&before, &after))
    }

    /// Sets the review interval (a new revision), 7 days to 5 years.
    pub fn set_review_interval(
        &mut self,
        id: &AllianceId,
        days: u32,
        now: Timestamp,
    ) -> Result<()> {
        self.alliance(id)?;
        if !REVIEW_INTERVAL_DAYS.contains(&days) {
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
        let agreement = self.newest_agreement(id)?;
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
        Ok(self
            .check_in_rows(id, acting, None)?
            .into_iter()
            .map(|row| (row.at, row.sheet))
            .collect())
    }

    /// The acting partner's check-ins, oldest first, each with the agreement it was recorded
    /// against; only those against agreement `against` if given.
    fn check_in_rows(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
        against: Option<u32>,
    ) -> Result<Vec<CheckInRow>> {
        let (party, key) = self.acting_key(id, acting)?;
        let mut stmt = self.conn.prepare(
            "SELECT revision, recorded_at, agreement, sheet FROM check_ins
             WHERE alliance_id = ?1 AND party_id = ?2 AND (?3 IS NULL OR agreement = ?3)
             ORDER BY revision",
        )?;
        let rows = stmt
            .query_map(params![id.0, party.0, against], |row| {
                Ok((
                    row.get::<_, u32>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, u32>(2)?,
                    row.get::<_, Vec<u8>>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(revision, at, agreement, bytes)| {
                Ok(CheckInRow {
                    revision,
                    at: Timestamp(at),
                    agreement,
                    sheet: decrypt_sheet(&key, &bytes)?,
                })
            })
            .collect()
    }

    /// The acting partner's check-ins against the newest agreement, oldest first: a new
    /// agreement starts a new baseline, so earlier check-ins no longer count for drift.
    fn check_ins_against_newest(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
        agreement: &Agreement,
    ) -> Result<Vec<(Timestamp, AnswerSheet)>> {
        Ok(self
            .check_in_rows(id, acting, Some(agreement.number))?
            .into_iter()
            .map(|row| (row.at, row.sheet))
            .collect())
    }

    /// The sheet a partner checks in from: their newest check-in against the newest agreement,
    /// or their sealed answers of its round set to its values.
    pub fn check_in_sheet(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<AnswerSheet> {
        let (party, key) = self.acting_key(id, acting)?;
        let agreement = self.newest_agreement(id)?;
        if let Some((_, latest)) = self.check_ins_against_newest(id, acting, &agreement)?.pop() {
            return Ok(latest);
        }
        let sealed = self.sealed_sheets_of_round(id, agreement.round, &key)?;
        let own = sealed
            .into_iter()
            .find(|s| s.party == party)
            .ok_or(StoreError::NotAllSealed)?;
        Ok(check_in_baseline(&agreement, &own))
    }

    /// The acting partner's drift from the newest agreement, from their check-ins against it.
    pub fn my_drift(&self, id: &AllianceId, acting: &Acting<'_>) -> Result<Drift> {
        let (party, _) = self.acting_key(id, acting)?;
        let agreement = self.newest_agreement(id)?;
        let (_, set) =
            crate::questionnaire::latest_set(&self.conn, id)?.ok_or(StoreError::Corrupt {
                what: "question set",
                detail: "an alliance with an agreement has no question set".into(),
            })?;
        let check_ins = self.check_ins_against_newest(id, acting, &agreement)?;
        Ok(drift(&set, &agreement, &party, &check_ins))
    }

    /// The acting partner's check-ins, oldest first, each with how far its answers had
    /// drifted from the agreement in force then.
    pub fn check_in_history(
        &self,
        id: &AllianceId,
        acting: &Acting<'_>,
    ) -> Result<Vec<CheckInRecord>> {
        let (party, _) = self.acting_key(id, acting)?;
        let rows = self.check_in_rows(id, acting, None)?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let (_, set) =
            crate::questionnaire::latest_set(&self.conn, id)?.ok_or(StoreError::Corrupt {
                what: "question set",
                detail: "an alliance with check-ins has no question set".into(),
            })?;
        let agreements = self.agreements(id)?;
        rows.into_iter()
            .map(|row| {
                let agreement = agreements
                    .iter()
                    .find(|a| a.number == row.agreement)
                    .ok_or(StoreError::NoAgreement {
                        number: row.agreement,
                    })?;
                let drift = drift(&set, agreement, &party, &[(row.at, row.sheet)]);
                Ok(CheckInRecord {
                    revision: row.revision,
                    at: row.at,
                    agreement: row.agreement,
                    drifted: drift.items.len() as u32,
                    holding: drift.holding,
                })
            })
            .collect()
    }

    /// The alliance's newest agreement: the one check-ins and drift are measured against.
    pub fn newest_agreement(&self, id: &AllianceId) -> Result<Agreement> {
        self.agreements(id)?.pop().ok_or(StoreError::NoAgreementYet)
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

/// The last day a review counts as due on `today`.
fn notice_until(today: &str) -> Result<String> {
    accord_core::time::days_after(today, REVIEW_NOTICE_DAYS).ok_or_else(|| {
        StoreError::InvalidAnswers(format!("today {today:?} is not a date (YYYY-MM-DD)"))
    })
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
