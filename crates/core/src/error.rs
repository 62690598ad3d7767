//! Errors raised when user input does not describe a valid alliance.
//!
//! Each variant names the field at fault so that the CLI and the app can tell the user what to
//! fix. Messages have no trailing period; they are shown as they are.

/// Why an alliance draft (or an edit of one) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("the alliance name is empty")]
    EmptyName,
    #[error("the alliance name is {len} characters long; at most {max} are allowed")]
    NameTooLong { len: usize, max: usize },
    #[error("an alliance needs at least {min} partners, {found} given")]
    TooFewParties { min: usize, found: usize },
    #[error("at most {max} partners are allowed, {found} given")]
    TooManyParties { max: usize, found: usize },
    #[error("partner {position} has no name")]
    EmptyPartyName { position: usize },
    #[error("partner {position}'s name is {len} characters long; at most {max} are allowed")]
    PartyNameTooLong {
        position: usize,
        len: usize,
        max: usize,
    },
    #[error("two partners are both called {name:?}; give each partner its own name")]
    DuplicateParty { name: String },
    #[error("paper term {position} is empty")]
    EmptyTerm { position: usize },
    #[error("paper term {position} is {len} characters long; at most {max} are allowed")]
    TermTooLong {
        position: usize,
        len: usize,
        max: usize,
    },
    #[error("at most {max} paper terms are allowed, {found} given")]
    TooManyTerms { max: usize, found: usize },
    #[error(
        "unknown alliance kind {given:?}; expected one of: co-marketing, reseller, development, joint-venture, consortium, other"
    )]
    UnknownKind { given: String },
    /// Control characters (escape sequences that recolour or clear a terminal, NUL, bell) are
    /// never part of a name or a term, and would act on the screens that show them.
    #[error("{field} holds a control character (an escape, NUL or similar); remove it")]
    ControlCharacter { field: String },
}
