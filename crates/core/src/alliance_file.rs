//! The alliance file: how an alliance and its question set travel to a partner's machine, so
//! both sides answer the same questions under the same alliance id (sealed envelopes, issue 6).
//!
//! Versioned JSON (`accord.alliance`, version 1). It holds nothing private: the alliance's name,
//! kind, partners and paper terms, and the question set. Whether both sides really hold the same
//! questions is checked later by the envelopes, which bind the question set's hash.
//!
//! [`parse_alliance_file`] checks everything it reads with the same rules as a new alliance and
//! an edited question set; it never panics on hostile input.

use serde::{Deserialize, Serialize};

use crate::alliance::{Alliance, AllianceContent, AllianceDraft, AllianceId, AllianceKind};
use crate::file_head::{read_head, strip_bom};
use crate::question::QuestionSet;
use crate::{ModelError, PaperTerm, Party};

pub const ALLIANCE_FILE_FORMAT: &str = "accord.alliance";
pub const ALLIANCE_FILE_VERSION: u32 = 1;
/// Largest alliance file accepted, in bytes.
pub const MAX_ALLIANCE_FILE_BYTES: usize = 8 * 1024 * 1024;
const MAX_ID_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AllianceFileError {
    #[error("the file is {len} bytes; an alliance file is at most {max}")]
    TooLarge { len: usize, max: usize },
    #[error("the file is truncated or not an alliance file: {0}")]
    Malformed(String),
    #[error("this is not an Accord alliance file (\"format\" is {0:?})")]
    WrongFormat(String),
    #[error("this file uses version {found}; this Accord reads up to {supported}; update Accord")]
    NewerVersion { found: u32, supported: u32 },
    #[error("the alliance id {0:?} is not valid (letters, digits and dashes, at most 64)")]
    BadId(String),
    #[error("the alliance in the file is not valid: {0}")]
    Invalid(#[from] ModelError),
    #[error("the file's partners or paper terms are not numbered as Accord numbers them")]
    Renumbered,
    #[error("the question set in the file is not valid: {0}")]
    BadQuestions(String),
}

/// An alliance and its question set, as written to a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllianceFile {
    pub format: String,
    pub version: u32,
    pub id: AllianceId,
    pub name: String,
    pub kind: AllianceKind,
    pub parties: Vec<Party>,
    #[serde(default)]
    pub terms: Vec<PaperTerm>,
    pub questions: QuestionSet,
}

impl AllianceFile {
    pub fn new(alliance: &Alliance, questions: &QuestionSet) -> AllianceFile {
        AllianceFile {
            format: ALLIANCE_FILE_FORMAT.into(),
            version: ALLIANCE_FILE_VERSION,
            id: alliance.id.clone(),
            name: alliance.name.clone(),
            kind: alliance.kind,
            parties: alliance.parties.clone(),
            terms: alliance.terms.clone(),
            questions: questions.clone(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The alliance as checked content (the file was checked by [`parse_alliance_file`]).
    pub fn content(&self) -> Result<AllianceContent, AllianceFileError> {
        let draft = AllianceDraft {
            name: self.name.clone(),
            kind: self.kind,
            parties: self.parties.iter().map(|p| p.name.clone()).collect(),
            terms: self.terms.iter().map(|t| t.text.clone()).collect(),
        };
        let content = draft.normalize()?;
        if content.parties != self.parties || content.terms != self.terms {
            return Err(AllianceFileError::Renumbered);
        }
        Ok(content)
    }
}

/// Reads and checks an alliance file's text.
pub fn parse_alliance_file(text: &str) -> Result<AllianceFile, AllianceFileError> {
    if text.len() > MAX_ALLIANCE_FILE_BYTES {
        return Err(AllianceFileError::TooLarge {
            len: text.len(),
            max: MAX_ALLIANCE_FILE_BYTES,
        });
    }
    let text = strip_bom(text);
    let head = read_head(text, &["format", "version"])
        .map_err(|e| AllianceFileError::Malformed(e.to_string()))?;
    let format = head.format();
    if format != ALLIANCE_FILE_FORMAT {
        return Err(AllianceFileError::WrongFormat(format.to_string()));
    }
    if let Some(found) = head.get("version").count() {
        if found > u64::from(ALLIANCE_FILE_VERSION) {
            return Err(AllianceFileError::NewerVersion {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: ALLIANCE_FILE_VERSION,
            });
        }
    }
    // Read from the text (the head has checked its syntax to the end), not from a
    // `serde_json::Value`, which would take tens of bytes per value.
    let mut de = serde_json::Deserializer::from_str(text);
    let file: AllianceFile = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| AllianceFileError::Malformed(format!("at {}: {}", e.path(), e.inner())))?;
    let id = &file.id.0;
    if id.is_empty()
        || id.chars().count() > MAX_ID_CHARS
        || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(AllianceFileError::BadId(id.clone()));
    }
    file.content()?;
    file.questions
        .check()
        .map_err(|e| AllianceFileError::BadQuestions(e.to_string()))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_alliance;
    use crate::questions::set_for_kind;
    use crate::Timestamp;

    fn sample() -> AllianceFile {
        let content = demo_alliance().normalize().unwrap();
        let alliance = Alliance {
            id: AllianceId("a1b2c3d4-demo".into()),
            name: content.name,
            kind: content.kind,
            parties: content.parties,
            terms: content.terms,
            revision: 1,
            created_at: Timestamp(0),
            updated_at: Timestamp(0),
            deleted: false,
        };
        AllianceFile::new(&alliance, &set_for_kind(alliance.kind))
    }

    #[test]
    fn a_written_file_reads_back_the_same() {
        let file = sample();
        assert_eq!(parse_alliance_file(&file.to_json()).unwrap(), file);
    }

    #[test]
    fn refusals_name_the_problem() {
        let file = sample();
        let text = file.to_json();
        assert!(matches!(
            parse_alliance_file(&text[..text.len() / 2]),
            Err(AllianceFileError::Malformed(_))
        ));
        let mut newer = file.clone();
        newer.version = 9;
        assert!(matches!(
            parse_alliance_file(&newer.to_json()),
            Err(AllianceFileError::NewerVersion { found: 9, .. })
        ));
        let mut other = file.clone();
        other.format = "accord.envelope".into();
        assert!(matches!(
            parse_alliance_file(&other.to_json()),
            Err(AllianceFileError::WrongFormat(_))
        ));
        let mut bad_id = file.clone();
        bad_id.id = AllianceId("../../etc".into());
        assert!(matches!(
            parse_alliance_file(&bad_id.to_json()),
            Err(AllianceFileError::BadId(_))
        ));
        let mut renumbered = file.clone();
        renumbered.parties[0].id = crate::PartyId("p9".into());
        assert_eq!(
            parse_alliance_file(&renumbered.to_json()),
            Err(AllianceFileError::Renumbered)
        );
        let mut alone = file.clone();
        alone.parties.truncate(1);
        assert!(matches!(
            parse_alliance_file(&alone.to_json()),
            Err(AllianceFileError::Invalid(ModelError::TooFewParties { .. }))
        ));
        let mut twice = file;
        let first = twice.questions.questions[0].clone();
        twice.questions.questions.push(first);
        assert!(matches!(
            parse_alliance_file(&twice.to_json()),
            Err(AllianceFileError::BadQuestions(_))
        ));
        for junk in [
            "",
            "null",
            "[]",
            "{\"format\":\"accord.alliance\"}",
            "\u{0}",
        ] {
            assert!(parse_alliance_file(junk).is_err());
        }
    }
}
