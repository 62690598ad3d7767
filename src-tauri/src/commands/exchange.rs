//! Commands of the exchange with partners on other machines (sealed envelopes): this machine's
//! identity and contact card, partners' cards bound to parties, alliance files, envelopes and
//! reveals.
//!
//! Every file crosses here by path: the UI asks the user with the dialog plugin and passes the
//! chosen path; reading (size-limited) and writing (atomic) happen in [`accord_store::files`],
//! shared with the command line. Files from a partner are checked by `accord-store`, which
//! refuses before writing anything.
//! Commands that run scrypt (anything with a passphrase) run off the main thread, so the
//! window stays responsive and can show that it is busy.

use std::path::PathBuf;

use accord_core::alliance_file::{parse_alliance_file, MAX_ALLIANCE_FILE_BYTES};
use accord_core::{Alliance, AllianceId, Comparison, PartyId, Timestamp};
use accord_envelope::envelope::{read_envelope, read_reveal, MAX_FILE_BYTES};
use accord_envelope::identity::MAX_CARD_BYTES;
use accord_envelope::{parse_card, Identity};
use accord_store::files::{read_text, write_atomic, AtomicFile, IfExists};
use accord_store::{Accepted, ExchangeState, IdentitySummary, StoreError};
use serde::Serialize;
use ts_rs::TS;

use super::with_store;
use crate::{now, AppState, ErrorCode, IpcError};

type State<'a> = tauri::State<'a, AppState>;

/// This machine's identity, as shown to the user and read out to partners.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IdentityView {
    pub name: String,
    /// Five groups of four hex digits, to compare by phone or in a call.
    pub fingerprint: String,
    pub created_at: Timestamp,
}

impl From<IdentitySummary> for IdentityView {
    fn from(summary: IdentitySummary) -> Self {
        Self {
            name: summary.name,
            fingerprint: summary.fingerprint,
            created_at: summary.created_at,
        }
    }
}

/// A partner's contact card read from a file, not bound to anything yet: shown so the user can
/// compare the fingerprint with what the partner reads out.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CardPreview {
    pub name: String,
    pub fingerprint: String,
}

/// A contact card bound to a party of the alliance.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BoundCardView {
    pub name: String,
    pub fingerprint: String,
    /// This machine's own identity ("This is me").
    pub mine: bool,
    pub bound_at: Timestamp,
}

/// One party's standing in the exchange of the current round.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PartyExchangeView {
    pub party: PartyId,
    pub card: Option<BoundCardView>,
    /// When their envelope was sealed here (mine) or imported (a partner's).
    pub envelope_at: Option<Timestamp>,
    /// SHA-256 of the sealed answers (hex), for both sides to compare.
    pub commitment: Option<String>,
    /// When a partner's reveal opened their answers here.
    pub revealed_at: Option<Timestamp>,
}

/// The exchange of an alliance's current round, as seen on this machine.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ExchangeView {
    pub round: u32,
    /// The party this machine's identity is bound to.
    pub me: Option<PartyId>,
    pub parties: Vec<PartyExchangeView>,
    /// SHA-256 of the question set: the same on both machines when both answer the same
    /// questions.
    pub questions: String,
    /// A partner's card is bound: partners answer on other machines, so answers are sealed by
    /// envelope, not with the same-machine seal.
    pub by_envelope: bool,
    /// My envelope of this round is sealed.
    pub sealed: bool,
    /// My envelope and every partner's are here, and every partner's card: I can export my
    /// reveal.
    pub can_reveal: bool,
    /// Every partner's answers are open here: the comparison is open.
    pub all_open: bool,
}

impl From<ExchangeState> for ExchangeView {
    fn from(state: ExchangeState) -> Self {
        let (by_envelope, sealed, can_reveal, all_open) = (
            state.by_envelope(),
            state.sealed(),
            state.can_reveal(),
            state.all_open(),
        );
        let me = state.me.clone();
        ExchangeView {
            round: state.round,
            by_envelope,
            sealed,
            can_reveal,
            all_open,
            questions: state.questions,
            parties: state
                .parties
                .into_iter()
                .map(|p| PartyExchangeView {
                    party: p.party,
                    card: p.card.map(|c| BoundCardView {
                        name: c.name,
                        fingerprint: c.fingerprint,
                        mine: c.mine,
                        bound_at: c.bound_at,
                    }),
                    envelope_at: p.envelope_at,
                    commitment: p.commitment,
                    revealed_at: p.revealed_at,
                })
                .collect(),
            me,
        }
    }
}

/// What importing an alliance file did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AllianceImportView {
    pub alliance: Alliance,
    /// The alliance was new on this machine.
    pub created: bool,
    /// Its question set was created or brought up to date.
    pub questions_updated: bool,
}

/// A partner's envelope or reveal, accepted.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AcceptedView {
    pub party: PartyId,
    /// The partner's name in the alliance.
    pub partner: String,
    pub round: u32,
    /// After a reveal: every partner's answers are open, so the comparison is open.
    pub all_open: bool,
    /// The comparison, when this reveal opened the last partner's answers.
    pub comparison: Option<Comparison>,
}

impl AcceptedView {
    fn new(accepted: Accepted, comparison: Option<Comparison>) -> Self {
        Self {
            party: accepted.party,
            partner: accepted.partner,
            round: accepted.round,
            all_open: accepted.all_open,
            comparison,
        }
    }
}

fn exchange(state: &AppState, alliance: &AllianceId) -> Result<ExchangeView, IpcError> {
    with_store(state, |store| store.exchange_state(alliance, now())).map(Into::into)
}

fn unlock_identity(state: &AppState, passphrase: &str) -> Result<Identity, IpcError> {
    with_store(state, |store| store.unlock_identity(passphrase))
}

/// Refuses a partner's file meant for another alliance than the one the user is looking at,
/// before the store records it there.
fn check_alliance(
    state: &AppState,
    expected: &AllianceId,
    found: &str,
    what: &str,
) -> Result<(), IpcError> {
    if found == expected.0 {
        return Ok(());
    }
    let elsewhere = with_store(state, |store| store.alliance(&AllianceId(found.into())))
        .ok()
        .map(|other| format!(" (\"{}\")", other.name))
        .unwrap_or_default();
    Err(IpcError::new(
        ErrorCode::RefusedFile,
        format!(
            "this {what} is for another alliance{elsewhere}; open that alliance and import it there"
        ),
    ))
}

#[tauri::command]
pub fn get_identity(state: State<'_>) -> Result<Option<IdentityView>, IpcError> {
    with_store(&state, |store| store.identity()).map(|i| i.map(Into::into))
}

#[tauri::command(async)]
pub fn create_identity(
    state: State<'_>,
    name: String,
    passphrase: String,
) -> Result<IdentityView, IpcError> {
    let identity = Identity::generate(&name);
    with_store(&state, |store| {
        store.create_identity(&identity, &passphrase, now())
    })
    .map(Into::into)
}

#[tauri::command]
pub fn export_card(state: State<'_>, path: PathBuf) -> Result<(), IpcError> {
    let identity = with_store(&state, |store| {
        store.identity()?.ok_or(StoreError::NoIdentity)
    })?;
    Ok(write_atomic(
        &path,
        identity.card.to_json(),
        IfExists::Replace,
    )?)
}

#[tauri::command]
pub fn preview_card(state: State<'_>, path: PathBuf) -> Result<CardPreview, IpcError> {
    let text = read_text(&path, MAX_CARD_BYTES, "a contact card")?;
    let card = parse_card(&text)?;
    let mine = with_store(&state, |store| store.identity())?;
    if mine.is_some_and(|me| me.fingerprint == card.fingerprint) {
        return Err(StoreError::OwnCard.into());
    }
    Ok(CardPreview {
        name: card.name,
        fingerprint: card.fingerprint,
    })
}

#[tauri::command]
pub fn bind_card(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
    path: PathBuf,
    confirmed_fingerprint: String,
) -> Result<ExchangeView, IpcError> {
    // Read again: what is bound is what the user confirmed, or nothing.
    let text = read_text(&path, MAX_CARD_BYTES, "a contact card")?;
    let card = parse_card(&text)?;
    if card.fingerprint != confirmed_fingerprint {
        return Err(IpcError::new(
            ErrorCode::RefusedFile,
            format!(
                "the card file changed after you confirmed its fingerprint (it is now {}); nothing was bound; import it again",
                card.fingerprint
            ),
        ));
    }
    with_store(&state, |store| {
        store.bind_card(&alliance, &party, &card, now())
    })?;
    exchange(&state, &alliance)
}

#[tauri::command]
pub fn bind_me(
    state: State<'_>,
    alliance: AllianceId,
    party: PartyId,
) -> Result<ExchangeView, IpcError> {
    with_store(&state, |store| store.bind_me(&alliance, &party, now()))?;
    exchange(&state, &alliance)
}

#[tauri::command]
pub fn get_exchange(state: State<'_>, alliance: AllianceId) -> Result<ExchangeView, IpcError> {
    exchange(&state, &alliance)
}

#[tauri::command]
pub fn export_alliance(
    state: State<'_>,
    alliance: AllianceId,
    path: PathBuf,
) -> Result<(), IpcError> {
    let file = with_store(&state, |store| store.export_alliance(&alliance, now()))?;
    Ok(write_atomic(&path, file.to_json(), IfExists::Replace)?)
}

#[tauri::command]
pub fn import_alliance(state: State<'_>, path: PathBuf) -> Result<AllianceImportView, IpcError> {
    let text = read_text(&path, MAX_ALLIANCE_FILE_BYTES, "an alliance file")?;
    let file = parse_alliance_file(&text)?;
    let imported = with_store(&state, |store| store.import_alliance(&file, now()))?;
    Ok(AllianceImportView {
        alliance: imported.alliance,
        created: imported.created,
        questions_updated: imported.questions_updated,
    })
}

/// Seals my newest saved answers into an envelope and writes it to `path`. The answers are
/// read with my partner key: unlocked in this window already, or with `answers_passphrase`.
#[tauri::command(async)]
pub fn seal_envelope(
    state: State<'_>,
    alliance: AllianceId,
    passphrase: String,
    answers_passphrase: Option<String>,
    path: PathBuf,
) -> Result<ExchangeView, IpcError> {
    // Found before the seal, which is final: a folder that cannot be written to.
    let file = AtomicFile::create(&path, IfExists::Replace)?;
    let me = with_store(&state, |store| store.my_party(&alliance, now()))?;
    let identity = unlock_identity(&state, &passphrase)?;
    if let Some(answers_passphrase) = answers_passphrase {
        let key = with_store(&state, |store| {
            store.unlock(&alliance, &me, &answers_passphrase)
        })?;
        state.keys.keep(&alliance, me.clone(), key);
    }
    let answers = state.keys.with(&alliance, &me, |key| {
        with_store(&state, |store| {
            store.party_answers(&alliance, key, &me, now())
        })
    })?;
    // Only answers saved this round: a new round's starting sheet, carried from earlier
    // answers, is sealed only once the partner has looked at it and saved it.
    if answers.saved.is_none() || answers.sheet.answers.is_empty() {
        return Err(StoreError::NothingToSeal.into());
    }
    let sheet = answers.sheet;
    let envelope = with_store(&state, |store| {
        store.seal_envelope(&alliance, &identity, &sheet, now())
    })?;
    let text = serde_json::to_string_pretty(&envelope).unwrap_or_default();
    file.commit(&text).map_err(|error| {
        IpcError::new(
            ErrorCode::FileAccess,
            format!(
                "your answers are sealed, but the envelope file could not be written ({}); save it again with \u{201c}Save my envelope again\u{201d}",
                error
            ),
        )
    })?;
    exchange(&state, &alliance)
}

/// Writes my sealed envelope of the current round again (a lost or unwritten file).
#[tauri::command(async)]
pub fn export_my_envelope(
    state: State<'_>,
    alliance: AllianceId,
    passphrase: String,
    path: PathBuf,
) -> Result<(), IpcError> {
    let file = AtomicFile::create(&path, IfExists::Replace)?;
    let identity = unlock_identity(&state, &passphrase)?;
    let envelope = with_store(&state, |store| store.my_envelope(&alliance, &identity))?;
    Ok(file.commit(serde_json::to_string_pretty(&envelope).unwrap_or_default())?)
}

#[tauri::command]
pub fn import_envelope(
    state: State<'_>,
    alliance: AllianceId,
    path: PathBuf,
) -> Result<AcceptedView, IpcError> {
    let text = read_text(&path, MAX_FILE_BYTES, "an envelope file")?;
    let claimed = read_envelope(&text).map_err(StoreError::from)?;
    check_alliance(&state, &alliance, &claimed.binding.alliance, "envelope")?;
    let accepted = with_store(&state, |store| store.import_envelope(&text, now()))?;
    Ok(AcceptedView::new(accepted, None))
}

#[tauri::command(async)]
pub fn export_reveal(
    state: State<'_>,
    alliance: AllianceId,
    passphrase: String,
    path: PathBuf,
) -> Result<(), IpcError> {
    let file = AtomicFile::create(&path, IfExists::Replace)?;
    let identity = unlock_identity(&state, &passphrase)?;
    let reveal = with_store(&state, |store| {
        store.reveal_mine(&alliance, &identity, now())
    })?;
    Ok(file.commit(serde_json::to_string_pretty(&reveal).unwrap_or_default())?)
}

/// Opens a partner's answers with their reveal; once every partner's are open, returns the
/// comparison too.
#[tauri::command(async)]
pub fn import_reveal(
    state: State<'_>,
    alliance: AllianceId,
    passphrase: String,
    path: PathBuf,
) -> Result<AcceptedView, IpcError> {
    let text = read_text(&path, MAX_FILE_BYTES, "a reveal file")?;
    let claimed = read_reveal(&text).map_err(StoreError::from)?;
    check_alliance(&state, &alliance, &claimed.binding.alliance, "reveal")?;
    let identity = unlock_identity(&state, &passphrase)?;
    let accepted = with_store(&state, |store| store.import_reveal(&text, &identity, now()))?;
    // The reveal is recorded whatever happens next; the comparison can be opened again later.
    let comparison = if accepted.all_open {
        with_store(&state, |store| {
            store.exchange_comparison(&alliance, &identity)
        })
        .ok()
    } else {
        None
    };
    Ok(AcceptedView::new(accepted, comparison))
}

/// The comparison of the current round, opened with this machine's identity.
#[tauri::command(async)]
pub fn get_exchange_comparison(
    state: State<'_>,
    alliance: AllianceId,
    passphrase: String,
) -> Result<Comparison, IpcError> {
    let identity = unlock_identity(&state, &passphrase)?;
    with_store(&state, |store| {
        store.exchange_comparison(&alliance, &identity)
    })
}

#[cfg(test)]
mod tests {
    use accord_store::{BoundCard, PartyExchange};

    use super::*;

    fn party(id: &str, card: Option<bool>, envelope: bool, revealed: bool) -> PartyExchange {
        PartyExchange {
            party: PartyId(id.into()),
            card: card.map(|mine| BoundCard {
                name: id.into(),
                fingerprint: "0000-0000-0000-0000-0000".into(),
                mine,
                bound_at: Timestamp(1),
            }),
            envelope_at: envelope.then_some(Timestamp(2)),
            commitment: envelope.then(|| "ab".repeat(32)),
            revealed_at: revealed.then_some(Timestamp(3)),
        }
    }

    fn view(me: Option<&str>, parties: Vec<PartyExchange>) -> ExchangeView {
        ExchangeState {
            round: 1,
            me: me.map(|m| PartyId(m.into())),
            parties,
            questions: "q".into(),
        }
        .into()
    }

    #[test]
    fn the_steps_open_in_the_fair_order() {
        let fresh = view(
            None,
            vec![
                party("p1", None, false, false),
                party("p2", None, false, false),
            ],
        );
        assert!(!fresh.by_envelope && !fresh.sealed && !fresh.can_reveal && !fresh.all_open);

        // Bound and sealed, the partner's card bound but no envelope from them: no reveal yet.
        let sealed = view(
            Some("p1"),
            vec![
                party("p1", Some(true), true, false),
                party("p2", Some(false), false, false),
            ],
        );
        assert!(sealed.by_envelope && sealed.sealed);
        assert!(!sealed.can_reveal && !sealed.all_open);

        // Their envelope is here: my reveal can go out; their answers are not open yet.
        let both = view(
            Some("p1"),
            vec![
                party("p1", Some(true), true, false),
                party("p2", Some(false), true, false),
            ],
        );
        assert!(both.can_reveal && !both.all_open);

        let open = view(
            Some("p1"),
            vec![
                party("p1", Some(true), true, false),
                party("p2", Some(false), true, true),
            ],
        );
        assert!(open.can_reveal && open.all_open);
    }

    #[test]
    fn an_envelope_without_the_partners_card_cannot_be_revealed_to() {
        let view = view(
            Some("p1"),
            vec![
                party("p1", Some(true), true, false),
                party("p2", None, true, false),
            ],
        );
        assert!(!view.can_reveal && !view.by_envelope);
    }
}
