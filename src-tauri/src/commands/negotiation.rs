//! Commands of the negotiation (issue 7): suggestions and where each disputed question
//! stands, one resolution step at a time, freezing the round's Agreement, and its exports
//! (a preview, then the file chosen in the save dialog) and signatures.
//!
//! The partner who acts is the one unlocked in this window ([`UnlockedKeys`]): the store checks
//! their key against the alliance and opens the round's sealed answers with it, so a step can
//! only be taken by the partner who typed their passphrase. With nobody unlocked every command
//! answers `Locked`, and the UI asks who continues. The workflow's rules (who may accept what,
//! when an agreement can be frozen) are the core's; this module parses and maps.
//!
//! [`UnlockedKeys`]: super::questionnaire::UnlockedKeys

use accord_core::agreement::Agreement;
use accord_core::answer::Expectation;
use accord_core::negotiate::workflow::{Action, ItemStatus, Step};
use accord_core::negotiate::Suggestions;
use accord_core::{AllianceId, PartyId, Question, QuestionId};
use accord_export::{ExportFormat, ExportPreview};
use accord_store::files::{AtomicFile, IfExists};
use accord_store::{Acting, Negotiation};
use serde::Serialize;
use std::path::PathBuf;
use ts_rs::TS;

use super::with_store;
use crate::{now, AppState, IpcError};

type State<'a> = tauri::State<'a, AppState>;

/// One disputed question's standing: its status and every step taken on it, oldest first.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NegotiationItemView {
    pub question: QuestionId,
    pub status: ItemStatus,
    pub steps: Vec<Step>,
}

/// A question that would stay open if the agreement were frozen now.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct UnresolvedView {
    pub question: QuestionId,
    pub text: String,
    pub severity: u8,
}

/// The negotiation of the current round as the unlocked partner sees it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct NegotiationView {
    pub round: u32,
    /// The unlocked partner: every step taken in this window is theirs.
    pub acting_as: PartyId,
    /// The comparison's sides: `utility_a`, `gain_a` and `a_shown` are `a`'s.
    pub a: PartyId,
    pub b: PartyId,
    pub suggestions: Suggestions,
    /// One per disputed question, in the suggestions' order (most severe first).
    pub items: Vec<NegotiationItemView>,
    /// The disputed questions themselves, so a partner can enter a value of their own.
    pub questions: Vec<Question>,
    /// What would stay open if frozen now, most severe first; those at or above the chosen
    /// threshold block freezing.
    pub unresolved: Vec<UnresolvedView>,
    /// The agreement frozen for this round; no more steps once there is one.
    pub agreement: Option<Agreement>,
    /// Today by this computer's clock (`YYYY-MM-DD`), the date an agreement frozen now gets.
    pub today: String,
    /// What the freeze form offers first: the severity threshold and the review date.
    pub default_threshold: u8,
    pub default_review_on: String,
}

/// Runs `f` as the partner unlocked in this window, or answers `Locked`.
pub(super) fn as_unlocked<T>(
    state: &AppState,
    alliance: &AllianceId,
    f: impl FnOnce(&mut accord_store::Store, &Acting<'_>) -> Result<T, accord_store::StoreError>,
) -> Result<T, IpcError> {
    state.keys.with_unlocked(alliance, |party, key| {
        with_store(state, |store| f(store, &Acting::Partner { party, key }))
    })
}

/// `default_review_on` follows the alliance's review interval (the store's default).
fn view(
    negotiation: Negotiation,
    questions: Vec<Question>,
    default_review_on: String,
) -> NegotiationView {
    let today = now().to_date();
    let disputed: Vec<&QuestionId> = negotiation
        .suggestions
        .disputed
        .iter()
        .map(|d| &d.question)
        .collect();
    let questions = questions
        .into_iter()
        .filter(|q| disputed.contains(&&q.id))
        .collect();
    NegotiationView {
        round: negotiation.round,
        acting_as: negotiation.acting_as,
        a: negotiation.a,
        b: negotiation.b,
        items: negotiation
            .items
            .into_iter()
            .map(|i| NegotiationItemView {
                question: i.question,
                status: i.status,
                steps: i.steps,
            })
            .collect(),
        suggestions: negotiation.suggestions,
        questions,
        unresolved: negotiation
            .unresolved
            .into_iter()
            .map(|b| UnresolvedView {
                question: b.question,
                text: b.text,
                severity: b.severity,
            })
            .collect(),
        agreement: negotiation.agreement,
        default_threshold: accord_core::negotiate::DEFAULT_THRESHOLD,
        default_review_on,
        today,
    }
}

// The negotiation decrypts the sealed answers and searches the packages: off the main thread.
#[tauri::command(async)]
pub fn get_negotiation(
    state: State<'_>,
    alliance: AllianceId,
) -> Result<NegotiationView, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        let negotiation = store.negotiation(&alliance, acting)?;
        let questions = store.question_set(&alliance, now())?.set.questions;
        let default_review_on = store.default_review_on(&alliance, &now().to_date())?;
        Ok(view(negotiation, questions, default_review_on))
    })
}

/// Records one step by the unlocked partner; returns the question's new status.
#[tauri::command(async)]
pub fn record_step(
    state: State<'_>,
    alliance: AllianceId,
    question: QuestionId,
    action: Action,
    value: Option<Expectation>,
    comment: Option<String>,
) -> Result<ItemStatus, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        store.record_step(&alliance, acting, &question, action, value, comment, now())
    })
}

/// Freezes the round's agreement, dated today by this computer's clock.
#[tauri::command(async)]
pub fn freeze_agreement(
    state: State<'_>,
    alliance: AllianceId,
    threshold: u8,
    review_on: String,
) -> Result<Agreement, IpcError> {
    let now = now();
    as_unlocked(&state, &alliance, |store, acting| {
        store.freeze_agreement(
            &alliance,
            acting,
            threshold,
            &now.to_date(),
            review_on.trim(),
            now,
        )
    })
}

/// Every agreement of the alliance, oldest first. They hold both partners' answers in words,
/// so a partner must be unlocked here, as for the comparison.
#[tauri::command(async)]
pub fn list_agreements(state: State<'_>, alliance: AllianceId) -> Result<Vec<Agreement>, IpcError> {
    as_unlocked(&state, &alliance, |store, acting| {
        // Proves the unlocked key is the partner's before anything is shown.
        store.acting_party(&alliance, acting)?;
        store.agreements(&alliance)
    })
}

/// Agreement `number` as it would be exported in `format`: the PDF's pages, or the text.
#[tauri::command(async)]
pub fn preview_export(
    state: State<'_>,
    alliance: AllianceId,
    number: u32,
    format: ExportFormat,
) -> Result<ExportPreview, IpcError> {
    let agreement = unlocked_agreement(&state, &alliance, number)?;
    Ok(accord_export::preview(&agreement, format)?)
}

/// Where an export was written, and how large it is.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SavedExport {
    pub path: String,
    pub bytes: u32,
}

/// Writes agreement `number` in `format` to `path` (chosen in the save dialog), atomically:
/// the file is whole or not there.
#[tauri::command(async)]
pub fn export_agreement(
    state: State<'_>,
    alliance: AllianceId,
    number: u32,
    format: ExportFormat,
    path: PathBuf,
) -> Result<SavedExport, IpcError> {
    let file = AtomicFile::create(&path, IfExists::Replace)?;
    let agreement = unlocked_agreement(&state, &alliance, number)?;
    let bytes = accord_export::render(&agreement, format)?;
    file.commit(&bytes)?;
    Ok(SavedExport {
        path: path.display().to_string(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    })
}

/// This machine's identity signs agreement `number`: for the partner it is bound to, or, on
/// a machine where it is bound to nobody, for the partner unlocked in this window.
#[tauri::command(async)]
pub fn sign_agreement(
    state: State<'_>,
    alliance: AllianceId,
    number: u32,
    passphrase: String,
) -> Result<Agreement, IpcError> {
    let now = now();
    let party = as_unlocked(&state, &alliance, |store, acting| {
        store.signing_party(&alliance, acting, now)
    })?;
    let identity = with_store(&state, |store| store.unlock_identity(&passphrase))?;
    with_store(&state, |store| {
        store.sign_agreement(&alliance, number, &identity, party, now)
    })
}

/// Agreement `number`, once the partner unlocked in this window is proven a partner.
fn unlocked_agreement(
    state: &AppState,
    alliance: &AllianceId,
    number: u32,
) -> Result<Agreement, IpcError> {
    as_unlocked(state, alliance, |store, acting| {
        store.acting_party(alliance, acting)?;
        store.agreement(alliance, number)
    })
}

#[cfg(test)]
mod tests {
    use accord_core::demo::{demo_alliance, demo_sheets};
    use accord_core::Timestamp;
    use accord_store::Store;

    use super::*;

    /// The demo alliance with both demo sheets sealed; returns the store and A's key.
    fn sealed() -> (Store, AllianceId, accord_envelope::PartyKey) {
        let mut store = Store::open_in_memory().unwrap();
        let id = AllianceId("a".into());
        let t = Timestamp(1_795_436_044_000);
        store
            .create_alliance(id.clone(), &demo_alliance(), t)
            .unwrap();
        let (demo_a, demo_b) = demo_sheets();
        let mut keys = Vec::new();
        for (party, demo) in [("p1", &demo_a), ("p2", &demo_b)] {
            let party = PartyId(party.into());
            let key = store
                .create_passphrase(&id, &party, "a long passphrase", t)
                .unwrap();
            let mut sheet = store.answers(&id, &key, &party, t).unwrap();
            sheet.answers = demo.answers.clone();
            store.save_answers(&id, &key, &sheet, t).unwrap();
            keys.push((party, key));
        }
        for (party, key) in &keys {
            store.seal(&id, key, party, t).unwrap();
        }
        (store, id, keys.remove(0).1)
    }

    #[test]
    fn the_view_carries_the_disputed_questions_and_what_stays_open() {
        let (mut store, id, key) = sealed();
        let party = PartyId("p1".into());
        let negotiation = store
            .negotiation(
                &id,
                &Acting::Partner {
                    party: &party,
                    key: &key,
                },
            )
            .unwrap();
        let questions = store.question_set(&id, Timestamp(0)).unwrap().set.questions;
        let all = questions.len();
        let review_on = store.default_review_on(&id, &now().to_date()).unwrap();
        let view = view(negotiation, questions, review_on);
        assert_eq!(view.acting_as, party);
        assert_eq!((view.a.0.as_str(), view.b.0.as_str()), ("p1", "p2"));
        assert_eq!(view.items.len(), view.suggestions.disputed.len());
        // Only the disputed questions travel, in any order the set has them.
        assert_eq!(view.questions.len(), view.suggestions.disputed.len());
        assert!(view.questions.len() < all);
        assert!(view.unresolved.len() >= view.items.len());
        assert_eq!(view.today.len(), 10);
        assert_eq!(
            Some(view.default_review_on.clone()),
            accord_core::time::months_after(&view.today, 6)
        );
        assert_eq!(view.default_threshold, 40);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["items"][0]["status"]["status"], "open");
    }
}
