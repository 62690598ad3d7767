//! Commands of revisiting an agreement (issue 8): private check-ins, a partner's drift from the
//! newest agreement, the history (agreement versions, check-ins, the alignment timeline) and
//! the review cadence.
//!
//! What only numbers and dates say (which agreements exist, when they are reviewed, the
//! interval) needs nobody unlocked. Everything built from answers or agreed values acts as the
//! partner unlocked in this window, as the negotiation does, and answers `Locked` otherwise: a
//! partner sees their own check-ins and drift, never the other's. The rules (what drifted and
//! since when, what is due) are the core's and the store's; this module parses and maps.

use accord_core::agreement::Agreement;
use accord_core::revisit::{Drift, TimelinePoint, VersionChange};
use accord_core::{AllianceId, AnswerSheet, PartyId, Timestamp};
use accord_store::{
    AgreementInfo, CheckInRecord, NextReview, ReviewDue, RevisitState, REVIEW_INTERVAL_DAYS,
    REVIEW_NOTICE_DAYS,
};
use serde::Serialize;
use ts_rs::TS;

use super::negotiation::as_unlocked;
use super::with_store;
use crate::{now, AppState, IpcError};

type State<'a> = tauri::State<'a, AppState>;

/// An agreement's facts without its values.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AgreementInfoView {
    pub number: u32,
    pub round: u32,
    pub agreed_on: String,
    pub review_on: String,
    pub hash: String,
    /// Agreed items, items left open, signatures recorded.
    pub agreed: u32,
    pub open: u32,
    pub signatures: u32,
}

/// The newest agreement's review.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NextReviewView {
    pub agreement: u32,
    pub review_on: String,
    /// At most `notice_days` away, or passed.
    pub due: bool,
    pub overdue: bool,
}

/// Where an alliance stands on revisiting, as anyone at this machine may see it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RevisitView {
    /// Oldest first.
    pub agreements: Vec<AgreementInfoView>,
    pub review_interval_days: u32,
    /// False while the default interval holds.
    pub interval_chosen: bool,
    /// The intervals the store accepts.
    pub min_interval_days: u32,
    pub max_interval_days: u32,
    /// How many days ahead a review counts as due.
    pub notice_days: u32,
    pub next_review: Option<NextReviewView>,
    /// Today by this computer's clock (`YYYY-MM-DD`).
    pub today: String,
}

/// An alliance whose review is due: its date is near or has passed.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReviewDueView {
    pub alliance: AllianceId,
    pub name: String,
    pub agreement: u32,
    pub review_on: String,
    pub overdue: bool,
}

/// What the unlocked partner checks in from: their newest check-in against the newest
/// agreement (or their answers set to its values), and that agreement.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckInView {
    pub sheet: AnswerSheet,
    pub agreement: Agreement,
}

/// One of the unlocked partner's check-ins.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckInRecordView {
    pub revision: u32,
    pub at: Timestamp,
    /// The agreement in force then, the items drifted from it and those still holding.
    pub agreement: u32,
    pub drifted: u32,
    pub holding: u32,
}

/// The unlocked partner's history: their check-ins and the alignment over time.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HistoryView {
    pub acting_as: PartyId,
    /// Oldest first.
    pub check_ins: Vec<CheckInRecordView>,
    /// Every sealed round and each of the partner's check-ins, in time order.
    pub timeline: Vec<TimelinePoint>,
}

fn revisit_view(state: RevisitState, today: String) -> RevisitView {
    RevisitView {
        agreements: state.agreements.into_iter().map(agreement_info).collect(),
        review_interval_days: state.interval_days,
        interval_chosen: state.interval_chosen,
        min_interval_days: *REVIEW_INTERVAL_DAYS.start(),
        max_interval_days: *REVIEW_INTERVAL_DAYS.end(),
        notice_days: REVIEW_NOTICE_DAYS,
        next_review: state.next.map(next_review),
        today,
    }
}

fn agreement_info(a: AgreementInfo) -> AgreementInfoView {
    AgreementInfoView {
        number: a.number,
        round: a.round,
        agreed_on: a.agreed_on,
        review_on: a.review_on,
        hash: a.hash,
        agreed: a.agreed,
        open: a.open,
        signatures: a.signatures,
    }
}

fn next_review(n: NextReview) -> NextReviewView {
    NextReviewView {
        agreement: n.agreement,
        review_on: n.review_on,
        due: n.due,
        overdue: n.overdue,
    }
}

fn review_due(r: ReviewDue) -> ReviewDueView {
    ReviewDueView {
        alliance: r.alliance,
        name: r.name,
        agreement: r.agreement,
        review_on: r.review_on,
        overdue: r.overdue,
    }
}

fn check_in_record(r: CheckInRecord) -> CheckInRecordView {
    CheckInRecordView {
        revision: r.revision,
        at: r.at,
        agreement: r.agreement,
        drifted: r.drifted,
        holding: r.holding,
    }
}

#[tauri::command]
pub fn get_revisit(state: State<'_>, alliance: AllianceId) -> Result<RevisitView, IpcError> {
    let today = now().to_date();
    with_store(&state, |store| store.revisit_state(&alliance, &today))
        .map(|s| revisit_view(s, today))
}

/// Sets the alliance's review interval; the store refuses one outside its range.
#[tauri::command]
pub fn set_review_interval(
    state: State<'_>,
    alliance: AllianceId,
    days: u32,
) -> Result<RevisitView, IpcError> {
    let now = now();
    let today = now.to_date();
    with_store(&state, |store| {
        store.set_review_interval(&alliance, days, now)?;
        store.revisit_state(&alliance, &today)
    })
    .map(|s| revisit_view(s, today))
}

/// The alliances whose review is near or passed, soonest first.
#[tauri::command]
pub fn list_reviews_due(state: State<'_>) -> Result<Vec<ReviewDueView>, IpcError> {
    let today = now().to_date();
    with_store(&state, |store| store.reviews_due_soon(&today))
        .map(|due| due.into_iter().map(review_due).collect())
}

// Check-ins, drift and history decrypt the partner's check-ins: off the main thread.
#[tauri::command(async)]
pub fn get_check_in(state: State<'_>, alliance: AllianceId) -> Result<CheckInView, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        let sheet = store.check_in_sheet(&alliance, acting)?;
        let agreement = store.newest_agreement(&alliance)?;
        Ok(CheckInView { sheet, agreement })
    })
}

/// Records the unlocked partner's answers as they stand today; returns their drift.
#[tauri::command(async)]
pub fn record_check_in(
    state: State<'_>,
    alliance: AllianceId,
    sheet: AnswerSheet,
) -> Result<Drift, IpcError> {
    let now = now();
    as_unlocked(&state, &alliance, |store, acting| {
        store.check_in(&alliance, acting, &sheet, now)?;
        store.my_drift(&alliance, acting)
    })
}

#[tauri::command(async)]
pub fn get_drift(state: State<'_>, alliance: AllianceId) -> Result<Drift, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        store.my_drift(&alliance, acting)
    })
}

#[tauri::command(async)]
pub fn get_history(state: State<'_>, alliance: AllianceId) -> Result<HistoryView, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        Ok(HistoryView {
            acting_as: store.acting_party(&alliance, acting)?,
            check_ins: store
                .check_in_history(&alliance, acting)?
                .into_iter()
                .map(check_in_record)
                .collect(),
            timeline: store.timeline(&alliance, acting)?,
        })
    })
}

/// What changed in the agreed values from agreement `older` to `newer`. Agreed values are
/// shown to a partner unlocked here, as the agreements themselves are.
#[tauri::command(async)]
pub fn diff_agreements(
    state: State<'_>,
    alliance: AllianceId,
    older: u32,
    newer: u32,
) -> Result<Vec<VersionChange>, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        store.acting_party(&alliance, acting)?;
        store.version_changes(&alliance, older, newer)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_revisit_view_carries_the_stores_limits_and_the_next_review() {
        let state = RevisitState {
            agreements: vec![AgreementInfo {
                number: 1,
                round: 1,
                agreed_on: "2026-11-23".into(),
                review_on: "2026-12-01".into(),
                hash: "ab".repeat(32),
                agreed: 5,
                open: 1,
                signatures: 0,
            }],
            interval_days: 30,
            interval_chosen: true,
            next: Some(NextReview {
                agreement: 1,
                review_on: "2026-12-01".into(),
                due: true,
                overdue: false,
            }),
        };
        let view = revisit_view(state, "2026-11-23".into());
        assert_eq!((view.min_interval_days, view.max_interval_days), (7, 1830));
        assert_eq!(view.notice_days, 14);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["next_review"]["due"], true);
        assert_eq!(json["agreements"][0]["agreed"], 5);
        assert_eq!(json["today"], "2026-11-23");
    }
}
