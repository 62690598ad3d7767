//! The Agreement: what the partners agreed after negotiating a round, frozen with a version
//! number, dates, the agreed values, the items left open and a content hash both partners can
//! sign (issue 7).
//!
//! The file format is versioned JSON (`accord.agreement`, version 1) with a JSON Schema
//! (`schema/agreement.schema.json`, pinned by a test). Its **hash** is SHA-256 over the
//! *canonical encoding*: the agreement without `hash` and `signatures`, as JSON with object
//! keys sorted and no whitespace (numbers as serde_json writes them). Anyone can recompute it;
//! a signature covers the hash and who signs for which partner (see
//! [`Agreement::signed_message`] and `accord_envelope::agreement`), so changing any agreed
//! value breaks both, and a signature cannot be relabelled as another partner's.
//!
//! Pure: no clock, no I/O. Dates come in as `YYYY-MM-DD`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::alliance::{AllianceId, AllianceKind, Party, PartyId};
use crate::answer::Expectation;
use crate::comparison::Verdict;
use crate::file_head::{read_head, strip_bom};
use crate::question::QuestionId;

pub const AGREEMENT_FORMAT: &str = "accord.agreement";
pub const AGREEMENT_VERSION: u32 = 1;
/// Largest agreement file read, in bytes (a 10,000-question agreement is about 6 MB).
pub const MAX_AGREEMENT_BYTES: usize = 32 * 1024 * 1024;

/// The alliance an agreement belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct AgreementAlliance {
    pub id: AllianceId,
    pub name: String,
    pub kind: AllianceKind,
}

/// What one partner first expected, in words (`None`: not answered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct FirstExpectation {
    pub party: PartyId,
    pub shown: Option<String>,
}

/// How an item came to be agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Settled {
    /// The answers already meant the same, or each was in the other's acceptable zone.
    Aligned,
    /// Negotiated: one partner proposed it and the other accepted.
    Negotiated,
}

/// One question's agreed value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct AgreedItem {
    pub question: QuestionId,
    /// The category's title.
    pub category: String,
    pub text: String,
    /// The agreed value: parties by id, no acceptable zone.
    pub value: Expectation,
    /// The agreed value in words.
    pub shown: String,
    pub settled: Settled,
    /// The comparison's verdict and severity before negotiating.
    pub verdict: Verdict,
    pub severity: u8,
    pub expected: Vec<FirstExpectation>,
    /// The comments that came with the accepted proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A question left unresolved when the agreement was frozen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct OpenItem {
    pub question: QuestionId,
    /// The category's title.
    pub category: String,
    pub text: String,
    pub verdict: Verdict,
    pub severity: u8,
    pub expected: Vec<FirstExpectation>,
    /// The last proposal on the table, in words, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_proposal: Option<String>,
}

/// What the negotiated items are worth to one partner under their own stated preferences,
/// 0 to 1 (1: every negotiated item on their first choice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct PartyGain {
    pub party: PartyId,
    pub gain: f64,
}

/// A partner's signature over the agreement's hash, with the card that made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct AgreementSignature {
    pub party: PartyId,
    pub name: String,
    /// The signer's contact card keys: age public key and Ed25519 public key (base64).
    pub encryption: String,
    pub signing: String,
    pub fingerprint: String,
    /// Ed25519 over the hash, party, name and fingerprint (`Agreement::signed_message`),
    /// base64.
    pub signature: String,
}

/// A frozen agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Agreement {
    /// Always `accord.agreement`.
    pub format: String,
    pub version: u32,
    pub alliance: AgreementAlliance,
    pub parties: Vec<Party>,
    /// 1 for the alliance's first agreement, then 2, 3, ...
    pub number: u32,
    /// The round of answers it settles.
    pub round: u32,
    /// `YYYY-MM-DD`.
    pub agreed_on: String,
    /// When the partners will review it, `YYYY-MM-DD`.
    pub review_on: String,
    /// Every item at or above this severity was resolved before freezing.
    pub threshold: u8,
    pub items: Vec<AgreedItem>,
    pub open: Vec<OpenItem>,
    pub balance: Vec<PartyGain>,
    /// SHA-256 (hex) of the canonical encoding.
    pub hash: String,
    #[serde(default)]
    pub signatures: Vec<AgreementSignature>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementError {
    #[error("the file is {len} bytes; an agreement is at most {max}")]
    TooLarge { len: usize, max: usize },
    #[error("the file is truncated or not an agreement: {0}")]
    Malformed(String),
    #[error("this is not an Accord agreement (\"format\" is {0:?})")]
    WrongFormat(String),
    #[error(
        "this agreement uses version {found}; this Accord reads up to {supported}; update Accord"
    )]
    NewerVersion { found: u32, supported: u32 },
    #[error("the agreement was altered: its content hashes to {computed}, not to the {stated} it states")]
    HashMismatch { stated: String, computed: String },
}

impl Agreement {
    /// The canonical encoding the hash is taken over.
    pub fn canonical(&self) -> String {
        let mut value = serde_json::to_value(self).unwrap_or(serde_json::Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.remove("hash");
            map.remove("signatures");
        }
        // serde_json's map keeps keys sorted, and `to_string` writes no whitespace.
        value.to_string()
    }

    /// SHA-256 of the canonical encoding, hex.
    pub fn compute_hash(&self) -> String {
        Sha256::digest(self.canonical().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Sets `hash` from the content.
    pub fn with_hash(mut self) -> Agreement {
        self.hash = self.compute_hash();
        self
    }

    /// Checks that the stated hash is the content's.
    pub fn check_hash(&self) -> Result<(), AgreementError> {
        let computed = self.compute_hash();
        if computed == self.hash {
            Ok(())
        } else {
            Err(AgreementError::HashMismatch {
                stated: self.hash.clone(),
                computed,
            })
        }
    }

    /// The message a partner signs: the hash, the party signed for, the signer's name and
    /// fingerprint, one per line after a domain-separating first line:
    ///
    /// ```text
    /// accord.agreement.v1
    /// hash:<hash>
    /// party:<party id as a JSON string>
    /// name:<signer's name as a JSON string>
    /// fingerprint:<fingerprint as a JSON string>
    /// ```
    ///
    /// JSON strings keep every field on its line, so no field can pose as another.
    pub fn signed_message(&self, party: &PartyId, name: &str, fingerprint: &str) -> Vec<u8> {
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
        format!(
            "{AGREEMENT_FORMAT}.v{AGREEMENT_VERSION}\nhash:{}\nparty:{}\nname:{}\nfingerprint:{}\n",
            self.hash,
            quoted(&party.0),
            quoted(name),
            quoted(fingerprint)
        )
        .into_bytes()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub fn party_name<'a>(&'a self, id: &'a PartyId) -> &'a str {
        self.parties
            .iter()
            .find(|p| &p.id == id)
            .map_or(id.0.as_str(), |p| p.name.as_str())
    }
}

/// Reads an agreement file and checks its hash (signatures are checked by
/// `accord_envelope::agreement::verify`).
pub fn parse_agreement(text: &str) -> Result<Agreement, AgreementError> {
    if text.len() > MAX_AGREEMENT_BYTES {
        return Err(AgreementError::TooLarge {
            len: text.len(),
            max: MAX_AGREEMENT_BYTES,
        });
    }
    let text = strip_bom(text);
    let head = read_head(text, &["format", "version"])
        .map_err(|e| AgreementError::Malformed(e.to_string()))?;
    let format = head.format();
    if format != AGREEMENT_FORMAT {
        return Err(AgreementError::WrongFormat(format.to_string()));
    }
    if let Some(found) = head.get("version").count() {
        if found > u64::from(AGREEMENT_VERSION) {
            return Err(AgreementError::NewerVersion {
                found: u32::try_from(found).unwrap_or(u32::MAX),
                supported: AGREEMENT_VERSION,
            });
        }
    }
    // Read from the text (the head has checked its syntax to the end), not from a
    // `serde_json::Value`, which would take tens of bytes per value.
    let mut de = serde_json::Deserializer::from_str(text);
    let agreement: Agreement = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| AgreementError::Malformed(format!("at {}: {}", e.path(), e.inner())))?;
    agreement.check_hash()?;
    Ok(agreement)
}

/// The JSON Schema of the agreement file.
pub fn agreement_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Agreement)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alliance::AllianceId;

    #[test]
    fn an_agreement_read_back_keeps_its_hash() {
        // 0.9481008152971037 reads back as ...035 with serde_json's default float parser.
        let agreement = Agreement {
            format: AGREEMENT_FORMAT.into(),
            version: AGREEMENT_VERSION,
            alliance: AgreementAlliance {
                id: AllianceId("a".into()),
                name: "Spring client seminar".into(),
                kind: AllianceKind::CoMarketing,
            },
            parties: Vec::new(),
            number: 1,
            round: 1,
            agreed_on: "2027-01-15".into(),
            review_on: "2027-07-15".into(),
            threshold: 40,
            items: Vec::new(),
            open: Vec::new(),
            balance: [0.9481008152971037, 0.4689080459770115, 0.1 + 0.2, 1e-7]
                .into_iter()
                .map(|gain| PartyGain {
                    party: PartyId("p1".into()),
                    gain,
                })
                .collect(),
            hash: String::new(),
            signatures: Vec::new(),
        }
        .with_hash();
        let back = parse_agreement(&agreement.to_json()).expect("reads back");
        assert_eq!(back, agreement);
    }
}
