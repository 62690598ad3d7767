//! What can go wrong opening or changing the store, with what the user needs to act on it.

use std::path::PathBuf;

use accord_core::ModelError;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no data folder is known for this user; pass --db PATH or set ACCORD_DB")]
    NoDataFolder,
    #[error("cannot create the folder {path}: {source}")]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path} is not an Accord database; choose another file with --db PATH")]
    NotAnAccordDatabase { path: PathBuf },
    #[error(
        "the database {path} was written by a newer Accord (schema {found}; this version reads up to {supported}); install a newer Accord to open it"
    )]
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("cannot back up {path} before upgrading it to {backup}: {source}")]
    Backup {
        path: PathBuf,
        backup: PathBuf,
        source: rusqlite::Error,
    },
    #[error("migration {name} failed, the database is unchanged: {source}")]
    Migration {
        name: &'static str,
        source: rusqlite::Error,
    },
    #[error(transparent)]
    Invalid(#[from] ModelError),
    #[error("no alliance has the id {id:?}; `accord alliance list --all` shows every id")]
    AllianceNotFound { id: String },
    #[error("the id {prefix:?} matches {matches} alliances; type more of it")]
    AmbiguousId { prefix: String, matches: usize },
    #[error("alliance {name:?} is deleted; restore it first")]
    AllianceDeleted { name: String },
    #[error("alliance {name:?} is not deleted")]
    AllianceNotDeleted { name: String },
    #[error("partner {party:?} is not part of alliance {alliance:?}")]
    UnknownParty { party: String, alliance: String },
    #[error("wrong passphrase; nothing was changed")]
    WrongPassphrase,
    #[error("the passphrase is {len} characters long; use at least {min}")]
    PassphraseTooShort { len: usize, min: usize },
    #[error("partner {party:?} already has a passphrase")]
    PassphraseAlreadySet { party: String },
    #[error("partner {party:?} has not set a passphrase yet")]
    NoPassphrase { party: String },
    #[error("this key does not belong to partner {party:?}; unlock with their passphrase")]
    WrongKey { party: String },
    #[error("{name} has not set a passphrase yet; every partner needs one before anyone can seal")]
    PartnerHasNoPassphrase { name: String },
    #[error("a partner has already sealed this round, so its questions are frozen; open a new round to change them")]
    QuestionsFrozen,
    #[error("the question set was refused: {0}")]
    InvalidQuestionSet(String),
    #[error("the answers are for other questions than the alliance's current ones (another question set, or an earlier version of this one); start again from the alliance's questions")]
    StaleQuestions,
    #[error("the answers were refused: {0}")]
    InvalidAnswers(String),
    #[error("partner {party:?} has already sealed round {round}; a seal is final")]
    AlreadySealed { party: String, round: u32 },
    #[error("there are no saved answers to seal yet")]
    NothingToSeal,
    #[error("the comparison opens once every partner has sealed their answers")]
    NotAllSealed,
    #[error("encryption failed: {0}")]
    Crypto(String),
    #[error("no identity on this machine yet; create yours first")]
    NoIdentity,
    #[error("this machine already has an identity: {name} ({fingerprint})")]
    IdentityExists { name: String, fingerprint: String },
    #[error("an identity needs a name of 1 to 120 characters, without control characters")]
    BadIdentityName,
    #[error("the contact card was refused: {0}")]
    BadCard(String),
    #[error("this is your own card; import your partner's card")]
    OwnCard,
    #[error("{party} already has {name}'s card; a bound card cannot be replaced")]
    CardAlreadyBound { party: String, name: String },
    #[error("this card is already bound to {party}")]
    CardBoundElsewhere { party: String },
    #[error("your identity is already bound to {party} in this alliance")]
    AlreadyBoundMe { party: String },
    #[error(
        "your identity is not bound to a partner of {alliance:?}; say which partner you are first"
    )]
    NotBoundHere { alliance: String },
    #[error("{name} has no contact card here; import their card first")]
    NoPartnerCard { name: String },
    #[error("the alliance file was refused: {0}")]
    BadAllianceFile(String),
    #[error("alliance {name:?} exists here with other partners, kind or paper terms; the file does not describe the same alliance")]
    AllianceFileConflict { name: String },
    #[error("{name} answers on their own machine; exchange sealed envelopes instead")]
    SealByEnvelope { name: String },
    #[error("the answers are for partner {found:?}, but your identity is bound to {expected:?}")]
    SheetForOtherParty { found: String, expected: String },
    #[error(transparent)]
    Envelope(#[from] accord_envelope::envelope::EnvelopeError),
    #[error(
        "the file is for an alliance that is not on this machine; import the alliance file first"
    )]
    UnknownAlliance,
    #[error("the file comes from an unknown sender: {detail}")]
    UnknownSender { detail: String },
    #[error("this is your own file; import the one your partner sent")]
    OwnFile,
    #[error("the file is from round {found}, older than this alliance's round {current}; it was replayed or is out of date")]
    OlderRound { found: u32, current: u32 },
    #[error("the file is from round {found}, but this alliance is in round {current}; open the next round first")]
    LaterRound { found: u32, current: u32 },
    #[error("{name}'s envelope for round {round} is already recorded; nothing was changed")]
    EnvelopeAlreadyRecorded { name: String, round: u32 },
    #[error("{name} already sent a different envelope for round {round}; a seal is final, so the new one was refused")]
    EnvelopeChanged { name: String, round: u32 },
    #[error("you have not sealed an envelope in this round yet")]
    NoEnvelopeYet,
    #[error("{name}'s envelope has not been imported yet; reveal only once you hold every partner's envelope")]
    PartnerEnvelopeMissing { name: String },
    #[error("seal your own envelope before opening a partner's answers")]
    SealEnvelopeFirst,
    #[error("no envelope from {name} is recorded for this round; import their envelope first")]
    NoEnvelopeFrom { name: String },
    #[error("{name}'s answers for round {round} are already open; nothing was changed")]
    RevealAlreadyOpened { name: String, round: u32 },
    #[error("the revealed answers were refused: {0}")]
    RevealedAnswersInvalid(String),
    #[error("round {round} already has a frozen agreement; open a new round to negotiate again")]
    RoundAgreed { round: u32 },
    #[error("question {question:?} is not disputed in this round (only divergent and conflicting questions are negotiated)")]
    NotDisputed { question: String },
    #[error("{0}")]
    Workflow(String),
    #[error("{count} question(s) at or above severity {threshold} are unresolved: {first}; resolve them or choose a higher threshold")]
    Unresolved {
        count: usize,
        threshold: u8,
        first: String,
    },
    #[error("the alliance has no agreement number {number}")]
    NoAgreement { number: u32 },
    #[error("the alliance has no agreement yet; check-ins, drift and history start once the partners agree")]
    NoAgreementYet,
    #[error(transparent)]
    Signature(#[from] accord_envelope::agreement::AgreementSignatureError),
    #[error("{party} has already signed agreement {number}")]
    AlreadySigned { party: String, number: u32 },
    #[error("stored {what} could not be read: {detail}")]
    Corrupt { what: &'static str, detail: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}
