//! An alliance: who the partners are, what kind of collaboration it is, and the terms they have
//! agreed on paper.
//!
//! [`AllianceDraft`] is what a user types (in the app's form or on the command line);
//! [`AllianceDraft::normalize`] checks it and gives the parties and terms their stable ids.
//! [`Alliance`] is the current state as the store returns it, and [`AllianceRevision`] one entry
//! of its history. Parties are a list, so a consortium of three or more partners fits the same
//! model as the usual pair.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ModelError, Timestamp};

/// Longest alliance name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// Longest partner name accepted, in characters.
pub const MAX_PARTY_NAME_CHARS: usize = 80;
/// Longest paper term accepted, in characters.
pub const MAX_TERM_CHARS: usize = 500;
/// Fewest partners an alliance can have.
pub const MIN_PARTIES: usize = 2;
/// Most partners an alliance can have.
pub const MAX_PARTIES: usize = 12;
/// Most paper terms an alliance can list.
pub const MAX_TERMS: usize = 100;

/// The limits above as one value, so the UI's form can check them as the user types (the
/// store re-checks everything). Exported to TypeScript as a constant by the app's bindings test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AllianceLimits {
    pub name: usize,
    pub party_name: usize,
    pub min_parties: usize,
    pub max_parties: usize,
    pub max_terms: usize,
    pub term: usize,
}

pub const ALLIANCE_LIMITS: AllianceLimits = AllianceLimits {
    name: MAX_NAME_CHARS,
    party_name: MAX_PARTY_NAME_CHARS,
    min_parties: MIN_PARTIES,
    max_parties: MAX_PARTIES,
    max_terms: MAX_TERMS,
    term: MAX_TERM_CHARS,
};

/// Identifies an alliance for its whole life, across renames and deletion.
/// Minted by the caller (a random UUID in the app and the CLI), never by the core.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[ts(export)]
pub struct AllianceId(pub String);

impl fmt::Display for AllianceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifies a party within its alliance (`p1`, `p2`, ...), in the order they were listed.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[ts(export)]
pub struct PartyId(pub String);

/// Identifies a paper term within its alliance (`t1`, `t2`, ...).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[ts(export)]
pub struct TermId(pub String);

/// The kind of collaboration; it decides which question set an alliance starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum AllianceKind {
    /// Co-marketing or a shared event: a seminar, a campaign, a joint stand.
    CoMarketing,
    /// One partner sells the other's product or service.
    Reseller,
    /// The partners build something together.
    Development,
    /// A jointly owned venture.
    JointVenture,
    /// Three or more organisations under one umbrella.
    Consortium,
    Other,
}

impl AllianceKind {
    pub const ALL: [AllianceKind; 6] = [
        AllianceKind::CoMarketing,
        AllianceKind::Reseller,
        AllianceKind::Development,
        AllianceKind::JointVenture,
        AllianceKind::Consortium,
        AllianceKind::Other,
    ];

    /// The stable machine name, as used in files and on the command line.
    pub fn slug(self) -> &'static str {
        match self {
            AllianceKind::CoMarketing => "co-marketing",
            AllianceKind::Reseller => "reseller",
            AllianceKind::Development => "development",
            AllianceKind::JointVenture => "joint-venture",
            AllianceKind::Consortium => "consortium",
            AllianceKind::Other => "other",
        }
    }

    /// How the kind reads to a person.
    pub fn label(self) -> &'static str {
        match self {
            AllianceKind::CoMarketing => "Co-marketing / event",
            AllianceKind::Reseller => "Reseller / channel",
            AllianceKind::Development => "Development partnership",
            AllianceKind::JointVenture => "Joint venture",
            AllianceKind::Consortium => "Consortium",
            AllianceKind::Other => "Other",
        }
    }
}

impl fmt::Display for AllianceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

impl FromStr for AllianceKind {
    type Err = ModelError;

    /// Accepts the slug and a few everyday synonyms, case-insensitively.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        let kind = match key.as_str() {
            "co-marketing" | "comarketing" | "marketing" | "event" => AllianceKind::CoMarketing,
            "reseller" | "channel" => AllianceKind::Reseller,
            "development" | "dev" => AllianceKind::Development,
            "joint-venture" | "jointventure" | "jv" => AllianceKind::JointVenture,
            "consortium" => AllianceKind::Consortium,
            "other" => AllianceKind::Other,
            _ => {
                return Err(ModelError::UnknownKind {
                    given: s.to_string(),
                })
            }
        };
        Ok(kind)
    }
}

/// One partner of the alliance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Party {
    pub id: PartyId,
    pub name: String,
}

/// A term the partners agreed on paper ("revenue split 50/50", "launch in March").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct PaperTerm {
    pub id: TermId,
    pub text: String,
}

/// What a user fills in to set up an alliance, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AllianceDraft {
    pub name: String,
    pub kind: AllianceKind,
    /// Partner names, in order; the first is usually the user's own organisation.
    pub parties: Vec<String>,
    /// Terms agreed on paper, one per entry. Blank entries are dropped.
    pub terms: Vec<String>,
}

/// A checked draft: trimmed text, ids assigned. The only way to obtain one is
/// [`AllianceDraft::normalize`], so the store never holds an invalid alliance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllianceContent {
    pub name: String,
    pub kind: AllianceKind,
    pub parties: Vec<Party>,
    pub terms: Vec<PaperTerm>,
}

impl AllianceDraft {
    /// Checks the draft and assigns ids: parties become `p1..pN`, terms `t1..tN` in the order
    /// given. Names and terms are trimmed; blank terms are dropped; blank party names are not.
    pub fn normalize(&self) -> Result<AllianceContent, ModelError> {
        let name = normalize_name(&self.name)?;

        if self.parties.len() < MIN_PARTIES {
            return Err(ModelError::TooFewParties {
                min: MIN_PARTIES,
                found: self.parties.len(),
            });
        }
        if self.parties.len() > MAX_PARTIES {
            return Err(ModelError::TooManyParties {
                max: MAX_PARTIES,
                found: self.parties.len(),
            });
        }
        let mut parties: Vec<Party> = Vec::with_capacity(self.parties.len());
        for (i, raw) in self.parties.iter().enumerate() {
            let position = i + 1;
            let party_name = collapse_whitespace(raw);
            if party_name.is_empty() {
                return Err(ModelError::EmptyPartyName { position });
            }
            let len = party_name.chars().count();
            if len > MAX_PARTY_NAME_CHARS {
                return Err(ModelError::PartyNameTooLong {
                    position,
                    len,
                    max: MAX_PARTY_NAME_CHARS,
                });
            }
            refuse_controls(&party_name, || format!("partner {position}'s name"))?;
            if parties
                .iter()
                .any(|p| p.name.to_lowercase() == party_name.to_lowercase())
            {
                return Err(ModelError::DuplicateParty { name: party_name });
            }
            parties.push(Party {
                id: PartyId(format!("p{position}")),
                name: party_name,
            });
        }

        let given: Vec<(usize, String)> = self
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 1, t.trim().to_string()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        if given.len() > MAX_TERMS {
            return Err(ModelError::TooManyTerms {
                max: MAX_TERMS,
                found: given.len(),
            });
        }
        let mut terms = Vec::with_capacity(given.len());
        for (position, text) in given {
            let len = text.chars().count();
            if len > MAX_TERM_CHARS {
                return Err(ModelError::TermTooLong {
                    position,
                    len,
                    max: MAX_TERM_CHARS,
                });
            }
            refuse_controls(&text, || format!("paper term {position}"))?;
            terms.push(PaperTerm {
                id: TermId(format!("t{}", terms.len() + 1)),
                text,
            });
        }

        Ok(AllianceContent {
            name,
            kind: self.kind,
            parties,
            terms,
        })
    }
}

/// Checks and tidies an alliance name (for creation and renames).
pub fn normalize_name(raw: &str) -> Result<String, ModelError> {
    let name = collapse_whitespace(raw);
    if name.is_empty() {
        return Err(ModelError::EmptyName);
    }
    let len = name.chars().count();
    if len > MAX_NAME_CHARS {
        return Err(ModelError::NameTooLong {
            len,
            max: MAX_NAME_CHARS,
        });
    }
    refuse_controls(&name, || "the alliance name".to_string())?;
    Ok(name)
}

fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Refuses control characters other than line breaks and tabs (which names lose when their
/// white space is collapsed, and terms may keep).
fn refuse_controls(text: &str, field: impl Fn() -> String) -> Result<(), ModelError> {
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t'))
    {
        return Err(ModelError::ControlCharacter { field: field() });
    }
    Ok(())
}

/// An alliance as it stands now: the newest revision of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Alliance {
    pub id: AllianceId,
    pub name: String,
    pub kind: AllianceKind,
    pub parties: Vec<Party>,
    pub terms: Vec<PaperTerm>,
    /// Number of the newest revision; 1 when just created.
    pub revision: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// Deleted alliances stay in the store and can be restored.
    pub deleted: bool,
}

/// What one revision changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "kebab-case")]
#[ts(export)]
pub enum AllianceChange {
    Created,
    Renamed { from: String, to: String },
    Deleted,
    Restored,
}

impl fmt::Display for AllianceChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllianceChange::Created => f.write_str("created"),
            AllianceChange::Renamed { from, to } => write!(f, "renamed from {from:?} to {to:?}"),
            AllianceChange::Deleted => f.write_str("deleted"),
            AllianceChange::Restored => f.write_str("restored"),
        }
    }
}

/// One entry in an alliance's history: the change and the state it left behind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AllianceRevision {
    pub revision: u32,
    pub recorded_at: Timestamp,
    pub change: AllianceChange,
    pub name: String,
    pub deleted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, parties: &[&str], terms: &[&str]) -> AllianceDraft {
        AllianceDraft {
            name: name.into(),
            kind: AllianceKind::CoMarketing,
            parties: parties.iter().map(|s| s.to_string()).collect(),
            terms: terms.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn normalizing_trims_and_assigns_ids_in_order() {
        let content = draft(
            "  Spring   seminar ",
            &[" Acme ", "Globex"],
            &["Split costs 50/50", "  ", "Joint mailing"],
        )
        .normalize()
        .unwrap();
        assert_eq!(content.name, "Spring seminar");
        assert_eq!(content.parties[0].id, PartyId("p1".into()));
        assert_eq!(content.parties[0].name, "Acme");
        assert_eq!(content.parties[1].id, PartyId("p2".into()));
        let terms: Vec<_> = content
            .terms
            .iter()
            .map(|t| (t.id.0.as_str(), t.text.as_str()))
            .collect();
        assert_eq!(
            terms,
            [("t1", "Split costs 50/50"), ("t2", "Joint mailing")]
        );
    }

    #[test]
    fn three_partners_are_a_consortium_not_an_error() {
        let content = draft("Consortium", &["A", "B", "C"], &[])
            .normalize()
            .unwrap();
        assert_eq!(content.parties.len(), 3);
    }

    #[test]
    fn refusals_name_the_field_at_fault() {
        assert_eq!(
            draft(" ", &["A", "B"], &[]).normalize(),
            Err(ModelError::EmptyName)
        );
        assert_eq!(
            draft("X", &["A"], &[]).normalize(),
            Err(ModelError::TooFewParties { min: 2, found: 1 })
        );
        assert_eq!(
            draft("X", &["A", " "], &[]).normalize(),
            Err(ModelError::EmptyPartyName { position: 2 })
        );
        assert_eq!(
            draft("X", &["Acme", "ACME"], &[]).normalize(),
            Err(ModelError::DuplicateParty {
                name: "ACME".into()
            })
        );
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        assert_eq!(
            draft("X", &["A", "B"], &["ok", &long]).normalize(),
            Err(ModelError::TermTooLong {
                position: 2,
                len: MAX_TERM_CHARS + 1,
                max: MAX_TERM_CHARS
            })
        );
        assert!(draft(&"n".repeat(MAX_NAME_CHARS + 1), &["A", "B"], &[])
            .normalize()
            .unwrap_err()
            .to_string()
            .contains("at most 120"));
    }

    #[test]
    fn control_characters_are_refused_in_names_and_terms() {
        let ansi = "Acme \u{1b}[2J\u{1b}[31mowned";
        assert_eq!(
            draft(ansi, &["A", "B"], &[]).normalize(),
            Err(ModelError::ControlCharacter {
                field: "the alliance name".into()
            })
        );
        assert_eq!(
            draft("X", &["A", "B\u{7}"], &[]).normalize(),
            Err(ModelError::ControlCharacter {
                field: "partner 2's name".into()
            })
        );
        let err = draft("X", &["A", "B"], &["ok", "nul \u{0} byte"])
            .normalize()
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "paper term 2 holds a control character (an escape, NUL or similar); remove it"
        );
        // Line breaks and tabs are white space: collapsed in names, kept in terms.
        let content = draft("Two\nlines", &["A\tB", "C"], &["first\nsecond"])
            .normalize()
            .unwrap();
        assert_eq!(content.name, "Two lines");
        assert_eq!(content.parties[0].name, "A B");
        assert_eq!(content.terms[0].text, "first\nsecond");
    }

    #[test]
    fn kinds_parse_from_slugs_and_synonyms() {
        for kind in AllianceKind::ALL {
            assert_eq!(kind.slug().parse::<AllianceKind>(), Ok(kind));
        }
        assert_eq!("Joint Venture".parse(), Ok(AllianceKind::JointVenture));
        assert_eq!("event".parse(), Ok(AllianceKind::CoMarketing));
        assert!(matches!(
            "franchise".parse::<AllianceKind>(),
            Err(ModelError::UnknownKind { .. })
        ));
    }

    #[test]
    fn kind_serializes_as_its_slug() {
        for kind in AllianceKind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.slug()));
        }
    }
}
