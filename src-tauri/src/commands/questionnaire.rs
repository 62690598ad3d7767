//! Commands of the private questionnaire: the question set, passphrases, answers, seals and
//! the comparison. Unlocked partner keys live only in this process's memory
//! ([`UnlockedKeys`]), one partner per alliance at a time: unlocking a partner forgets the
//! previous one, so handing the machine over never leaves the last partner's answers open.

use std::collections::HashMap;
use std::sync::Mutex;

use accord_core::{AllianceId, AnswerSheet, Comparison, PartyId, QuestionSet, Timestamp};
use accord_envelope::PartyKey;
use accord_store::{CarriedAnswers, CarrySource, PartyAnswers, QuestionSetState, RoundState};
use serde::Serialize;
use ts_rs::TS;

use super::with_store;
use crate::{now, AppState, ErrorCode, IpcError};

type State<'a> = tauri::State<'a, AppState>;

/// The partner keys unlocked in this session, at most one per alliance.
#[derive(Default)]
pub struct UnlockedKeys(Mutex<HashMap<AllianceId, (PartyId, PartyKey)>>);

impl UnlockedKeys {
    pub(crate) fn with<T>(
        &self,
        id: &AllianceId,
        party: &PartyId,
        f: impl FnOnce(&PartyKey) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match keys.get(id) {
            Some((unlocked, key)) if unlocked == party => f(key),
            _ => Err(IpcError::new(
                ErrorCode::Locked,
                "this partner is locked; unlock with their passphrase",
            )),
        }
    }

    /// Runs `f` with whichever partner is unlocked for the alliance, or answers `Locked`.
    pub(crate) fn with_unlocked<T>(
        &self,
        id: &AllianceId,
        f: impl FnOnce(&PartyId, &PartyKey) -> Result<T, IpcError>,
    ) -> Result<T, IpcError> {
        let keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match keys.get(id) {
            Some((party, key)) => f(party, key),
            None => Err(IpcError::new(
                ErrorCode::Locked,
                "nobody is unlocked in this window; unlock with your own passphrase to negotiate",
            )),
        }
    }

    fn unlocked(&self, id: &AllianceId) -> Option<PartyId> {
        let keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        keys.get(id).map(|(party, _)| party.clone())
    }

    pub(crate) fn keep(&self, id: &AllianceId, party: PartyId, key: PartyKey) {
        let mut keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        keys.insert(id.clone(), (party, key));
    }

    fn forget(&self, id: &AllianceId) {
        let mut keys = self.0.lock().unwrap_or_else(|p| p.into_inner());
        keys.remove(id);
    }
}

/// The alliance's question set and whether it can still be edited.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuestionSetView {
    pub revision: u32,
    pub set: QuestionSet,
    pub editable: bool,
}

impl From<QuestionSetState> for QuestionSetView {
    fn from(state: QuestionSetState) -> Self {
        Self {
            revision: state.revision,
            set: state.set,
            editable: state.editable,
        }
    }
}

/// One partner's standing in the round: counts and dates only, never answers.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartyProgressView {
    pub party: PartyId,
    pub has_passphrase: bool,
    pub started: bool,
    /// Only for the unlocked partner, or for everyone once all have sealed.
    pub answered: Option<u32>,
    pub sealed_at: Option<Timestamp>,
}

/// The current round, and which partner (if any) is unlocked in this window.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RoundView {
    pub round: u32,
    pub questions: u32,
    pub parties: Vec<PartyProgressView>,
    pub all_sealed: bool,
    pub unlocked: Option<PartyId>,
}

fn round_view(state: RoundState, unlocked: Option<PartyId>) -> RoundView {
    let state = state.as_seen_by(unlocked.as_ref());
    RoundView {
        round: state.round,
        questions: state.questions,
        all_sealed: state.all_sealed(),
        parties: state
            .parties
            .into_iter()
            .map(|p| PartyProgressView {
                party: p.party,
                has_passphrase: p.has_passphrase,
                started: p.started,
                answered: p.answered,
                sealed_at: p.sealed_at,
            })
            .collect(),
        unlocked,
    }
}

fn round(state: &AppState, id: &AllianceId) -> Result<RoundView, IpcError> {
    let unlocked = state.keys.unlocked(id);
    with_store(state, |store| store.round_state(id)).map(|s| round_view(s, unlocked))
}

#[tauri::command]
pub fn get_question_set(
    state: State<'_>,
    alliance: AllianceId,
) -> Result<QuestionSetView, IpcError> {
    with_store(&state, |store| store.question_set(&alliance, now())).map(Into::into)
}

#[tauri::command]
pub fn save_question_set(
    state: State<'_>,
    alliance: AllianceId,
    set: QuestionSet,
) -> Result<QuestionSetView, IpcError> {
    with_store(&state, |store| {
        store.save_question_set(&alliance, &set, now())
    })
    .map(Into::into)
}

#[tauri::command]
pub fn get_round(state: State<'_>, alliance: AllianceId) -> Result<RoundView, IpcError> {
    round(&state, &alliance)
}

// Passphrase commands run scrypt (about a second): off the main thread, so the window can show
// that it is busy.
#[tauri::command(async)]
pub fn set_passphrase(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
    passphrase: String,
) -> Result<RoundView, IpcError> {
    let key = with_store(&state, |store| {
        store.create_passphrase(&alliance, &party, &passphrase, now())
    })?;
    state.keys.keep(&alliance, party, key);
    round(&state, &alliance)
}

#[tauri::command(async)]
pub fn unlock_party(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
    passphrase: String,
) -> Result<RoundView, IpcError> {
    let key = with_store(&state, |store| store.unlock(&alliance, &party, &passphrase))?;
    state.keys.keep(&alliance, party, key);
    round(&state, &alliance)
}

#[tauri::command]
pub fn lock_party(state: State<'_>, alliance: AllianceId) -> Result<RoundView, IpcError> {
    state.keys.forget(&alliance);
    round(&state, &alliance)
}

/// Where a starting sheet's answers were carried from: one of the partner's own earlier sheets.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum CarrySourceView {
    /// Their sealed answers of an earlier round.
    SealedAnswers { round: u32, sealed_at: Timestamp },
    /// Their newest check-in against agreement `agreement`, newer than their last seal.
    CheckIn {
        agreement: u32,
        recorded_at: Timestamp,
    },
}

/// What a new round's starting sheet carried over, for the notice above the questionnaire.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CarriedFromView {
    pub source: CarrySourceView,
    /// Answers carried over unchanged.
    pub carried: u32,
    /// Questions answered before whose answer was left behind because the question changed.
    pub changed: u32,
    /// Questions starting blank: new, changed, or unanswered before.
    pub blank: u32,
}

/// A partner's answers in the current round: their saved sheet, or the sheet to start from.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AnswersView {
    pub sheet: AnswerSheet,
    /// Set while nothing is saved this round and the sheet starts from the partner's earlier
    /// answers; nothing of it is stored until the partner saves.
    pub carried_from: Option<CarriedFromView>,
}

impl From<PartyAnswers> for AnswersView {
    fn from(answers: PartyAnswers) -> Self {
        Self {
            sheet: answers.sheet,
            carried_from: answers.carried.map(carried_view),
        }
    }
}

fn carried_view(carried: CarriedAnswers) -> CarriedFromView {
    CarriedFromView {
        source: match carried.from {
            CarrySource::SealedAnswers { round, sealed_at } => {
                CarrySourceView::SealedAnswers { round, sealed_at }
            }
            CarrySource::CheckIn {
                agreement,
                recorded_at,
            } => CarrySourceView::CheckIn {
                agreement,
                recorded_at,
            },
        },
        carried: carried.carried,
        changed: carried.changed,
        blank: carried.blank,
    }
}

#[tauri::command]
pub fn get_answers(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
) -> Result<AnswersView, IpcError> {
    state.keys.with(&alliance, &party, |key| {
        with_store(&state, |store| {
            store.party_answers(&alliance, key, &party, now())
        })
        .map(Into::into)
    })
}

#[tauri::command]
pub fn save_answers(
    state: State<'_>,
    alliance: AllianceId,
    sheet: AnswerSheet,
) -> Result<RoundView, IpcError> {
    state.keys.with(&alliance, &sheet.party, |key| {
        with_store(&state, |store| {
            store.save_answers(&alliance, key, &sheet, now())
        })
    })?;
    round(&state, &alliance)
}

#[tauri::command]
pub fn seal_answers(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
) -> Result<RoundView, IpcError> {
    state.keys.with(&alliance, &party, |key| {
        with_store(&state, |store| store.seal(&alliance, key, &party, now()))
    })?;
    round(&state, &alliance)
}

#[tauri::command]
pub fn get_comparison(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
) -> Result<Comparison, IpcError> {
    state.keys.with(&alliance, &party, |key| {
        with_store(&state, |store| store.comparison(&alliance, key, &party))
    })
}

#[tauri::command]
pub fn open_next_round(state: State<'_>, alliance: AllianceId) -> Result<RoundView, IpcError> {
    with_store(&state, |store| store.open_next_round(&alliance, now()))?;
    round(&state, &alliance)
}

#[cfg(test)]
mod tests {
    use accord_core::sheet::{blank_sheet, Respondent};
    use accord_core::Party;

    use super::*;

    #[test]
    fn the_answers_view_says_where_a_starting_sheet_was_carried_from() {
        let parties: Vec<Party> = ["p1", "p2"]
            .iter()
            .map(|id| Party {
                id: PartyId((*id).into()),
                name: id.to_uppercase(),
            })
            .collect();
        let set = accord_core::questions::builtin_set("general").expect("built in");
        let sheet = blank_sheet(&set, &parties, &parties[0].id, Respondent::default());
        let json = |answers: PartyAnswers| {
            let view = AnswersView::from(answers);
            serde_json::to_value(&view).expect("serializes")["carried_from"].clone()
        };
        let carried = |from| PartyAnswers {
            sheet: sheet.clone(),
            saved: None,
            carried: Some(CarriedAnswers {
                from,
                carried: 20,
                changed: 1,
                blank: 4,
            }),
        };
        assert_eq!(
            json(carried(CarrySource::SealedAnswers {
                round: 2,
                sealed_at: Timestamp(1_000),
            })),
            serde_json::json!({
                "source": {"kind": "sealed_answers", "round": 2, "sealed_at": 1000},
                "carried": 20, "changed": 1, "blank": 4
            })
        );
        assert_eq!(
            json(carried(CarrySource::CheckIn {
                agreement: 1,
                recorded_at: Timestamp(2_000),
            }))["source"],
            serde_json::json!({"kind": "check_in", "agreement": 1, "recorded_at": 2000})
        );
        let saved = PartyAnswers {
            sheet: sheet.clone(),
            saved: Some(3),
            carried: None,
        };
        assert_eq!(json(saved), serde_json::Value::Null);
    }
}
