//! Partners' signatures on a frozen [`Agreement`] (issue 7): each partner signs the
//! agreement's content hash with the Ed25519 key of their identity, and anyone holding the
//! agreement file can check every signature without Accord's database.
//!
//! A signature carries the signer's contact card fields (name, both public keys, fingerprint),
//! so it is checked against the keys it names and the fingerprint people compare; whether that
//! fingerprint is the partner's *real* one is for people to confirm, as with contact cards.
//! The message signed is [`Agreement::signed_message`]: the hash, the party signed for, the
//! signer's name and fingerprint, domain-separated, so a signature can neither be relabelled
//! as another partner's nor replayed as an envelope's or a reveal's.
//!
//! This module knows the agreement's shape only through `accord-core`; it renders nothing and
//! stores nothing.

use accord_core::agreement::{Agreement, AgreementError, AgreementSignature};
use accord_core::PartyId;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, Verifier, VerifyingKey};

use crate::identity::{fingerprint, Identity};

/// A signature that checked out: who signed, and the fingerprint to compare with theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    pub party: PartyId,
    pub name: String,
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AgreementSignatureError {
    /// The content does not hash to the stated hash (or the file is not an agreement).
    #[error("{0}")]
    Agreement(#[from] AgreementError),
    #[error("{name} signs for partner {party:?}, who is not a partner of this agreement; the signature belongs to another agreement or was altered")]
    UnknownParty { party: String, name: String },
    #[error("partner {party:?} signed twice; keep one signature per partner")]
    SignedTwice { party: String },
    #[error("{name}'s signature names the fingerprint {found}, but its keys have {expected}; the signature was altered")]
    FingerprintMismatch {
        name: String,
        found: String,
        expected: String,
    },
    #[error("{name}'s signature holds no valid Ed25519 key or signature; the signature was altered or truncated")]
    Damaged { name: String },
    #[error("{name}'s signature does not match the agreement; it was altered after signing or signed by someone else")]
    BadSignature { name: String },
}

/// `identity` signs `agreement` for `party`. Refuses an agreement whose content does not match
/// its hash, a party that is not one of the agreement's, and a party that already signed.
pub fn sign(
    identity: &Identity,
    agreement: &Agreement,
    party: PartyId,
) -> Result<AgreementSignature, AgreementSignatureError> {
    agreement.check_hash()?;
    let card = identity.card();
    if !agreement.parties.iter().any(|p| p.id == party) {
        return Err(AgreementSignatureError::UnknownParty {
            party: party.0,
            name: card.name,
        });
    }
    if agreement.signatures.iter().any(|s| s.party == party) {
        return Err(AgreementSignatureError::SignedTwice { party: party.0 });
    }
    let message = agreement.signed_message(&party, &card.name, &card.fingerprint);
    let signature = identity.signing_key().sign(&message);
    Ok(AgreementSignature {
        party,
        name: card.name,
        encryption: card.encryption,
        signing: card.signing,
        fingerprint: card.fingerprint,
        signature: B64.encode(signature.to_bytes()),
    })
}

/// Checks the agreement's hash and every signature on it, in order. An agreement nobody has
/// signed yet verifies with no signatures.
pub fn verify(agreement: &Agreement) -> Result<Vec<VerifiedSignature>, AgreementSignatureError> {
    agreement.check_hash()?;
    let mut verified: Vec<VerifiedSignature> = Vec::with_capacity(agreement.signatures.len());
    for signature in &agreement.signatures {
        if !agreement.parties.iter().any(|p| p.id == signature.party) {
            return Err(AgreementSignatureError::UnknownParty {
                party: signature.party.0.clone(),
                name: signature.name.clone(),
            });
        }
        if verified.iter().any(|v| v.party == signature.party) {
            return Err(AgreementSignatureError::SignedTwice {
                party: signature.party.0.clone(),
            });
        }
        let message =
            agreement.signed_message(&signature.party, &signature.name, &signature.fingerprint);
        check(signature, &message)?;
        verified.push(VerifiedSignature {
            party: signature.party.clone(),
            name: signature.name.clone(),
            fingerprint: signature.fingerprint.clone(),
        });
    }
    Ok(verified)
}

fn check(signature: &AgreementSignature, message: &[u8]) -> Result<(), AgreementSignatureError> {
    let damaged = || AgreementSignatureError::Damaged {
        name: signature.name.clone(),
    };
    let key: [u8; 32] = B64
        .decode(signature.signing.as_bytes())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(damaged)?;
    let expected = fingerprint(&signature.encryption, &key);
    if expected != signature.fingerprint {
        return Err(AgreementSignatureError::FingerprintMismatch {
            name: signature.name.clone(),
            found: signature.fingerprint.clone(),
            expected,
        });
    }
    let key = VerifyingKey::from_bytes(&key).map_err(|_| damaged())?;
    let bytes: [u8; 64] = B64
        .decode(signature.signature.as_bytes())
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or_else(damaged)?;
    key.verify(message, &Signature::from_bytes(&bytes))
        .map_err(|_| AgreementSignatureError::BadSignature {
            name: signature.name.clone(),
        })
}

#[cfg(test)]
mod tests {
    use accord_core::agreement::{
        AgreedItem, AgreementAlliance, FirstExpectation, PartyGain, Settled, AGREEMENT_FORMAT,
        AGREEMENT_VERSION,
    };
    use accord_core::answer::{Expectation, YesNo, YesNoValue};
    use accord_core::{AllianceId, AllianceKind, Party, QuestionId, Verdict};

    use super::*;

    fn agreement() -> Agreement {
        let p = |id: &str, name: &str| Party {
            id: PartyId(id.into()),
            name: name.into(),
        };
        Agreement {
            format: AGREEMENT_FORMAT.into(),
            version: AGREEMENT_VERSION,
            alliance: AgreementAlliance {
                id: AllianceId("spring-seminar".into()),
                name: "Spring client seminar".into(),
                kind: AllianceKind::CoMarketing,
            },
            parties: vec![p("p1", "Northwind Advisory"), p("p2", "Lumen Analytics")],
            number: 1,
            round: 1,
            agreed_on: "2027-01-15".into(),
            review_on: "2027-07-15".into(),
            threshold: 20,
            items: vec![AgreedItem {
                question: QuestionId("fair-equals".into()),
                category: "fairness".into(),
                text: "Do both partners count as equals?".into(),
                value: Expectation::YesNo(YesNoValue {
                    value: YesNo::Yes,
                    accept: Vec::new(),
                }),
                shown: "yes".into(),
                settled: Settled::Aligned,
                verdict: Verdict::Aligned,
                severity: 0,
                expected: vec![
                    FirstExpectation {
                        party: PartyId("p1".into()),
                        shown: Some("yes".into()),
                    },
                    FirstExpectation {
                        party: PartyId("p2".into()),
                        shown: Some("yes".into()),
                    },
                ],
                comment: None,
            }],
            open: Vec::new(),
            balance: vec![PartyGain {
                party: PartyId("p1".into()),
                gain: 1.0,
            }],
            hash: String::new(),
            signatures: Vec::new(),
        }
        .with_hash()
    }

    fn signed_by_both() -> (Agreement, Identity, Identity) {
        let dana = Identity::generate("Dana Fischer");
        let sam = Identity::generate("Sam Okafor");
        let mut a = agreement();
        let first = sign(&dana, &a, PartyId("p1".into())).unwrap();
        a.signatures.push(first);
        let second = sign(&sam, &a, PartyId("p2".into())).unwrap();
        a.signatures.push(second);
        (a, dana, sam)
    }

    #[test]
    fn both_partners_sign_and_the_signatures_verify() {
        let (a, dana, sam) = signed_by_both();
        let verified = verify(&a).unwrap();
        assert_eq!(
            verified,
            vec![
                VerifiedSignature {
                    party: PartyId("p1".into()),
                    name: "Dana Fischer".into(),
                    fingerprint: dana.card().fingerprint,
                },
                VerifiedSignature {
                    party: PartyId("p2".into()),
                    name: "Sam Okafor".into(),
                    fingerprint: sam.card().fingerprint,
                },
            ]
        );
        // Signatures are outside the hash: adding one does not change it.
        assert_eq!(a.hash, agreement().hash);
        assert_eq!(verify(&agreement()).unwrap(), Vec::new());
    }

    #[test]
    fn a_value_altered_after_signing_is_a_hash_mismatch() {
        let (mut a, _, _) = signed_by_both();
        a.items[0].shown = "no".into();
        assert!(matches!(
            verify(&a),
            Err(AgreementSignatureError::Agreement(
                AgreementError::HashMismatch { .. }
            ))
        ));
        // Recomputing the hash does not help: the signatures cover the old one.
        let rehashed = a.with_hash();
        assert_eq!(
            verify(&rehashed),
            Err(AgreementSignatureError::BadSignature {
                name: "Dana Fischer".into()
            })
        );
    }

    #[test]
    fn a_signature_under_a_swapped_key_is_refused() {
        let (a, _, _) = signed_by_both();
        let mallory = Identity::generate("Mallory").card();

        // Another signing key, fingerprint left alone: the fingerprint gives it away.
        let mut swapped = a.clone();
        swapped.signatures[0].signing = mallory.signing.clone();
        assert!(matches!(
            verify(&swapped),
            Err(AgreementSignatureError::FingerprintMismatch { .. })
        ));

        // Keys and fingerprint all swapped consistently: the signature itself fails.
        let mut impostor = a.clone();
        impostor.signatures[1].encryption = mallory.encryption.clone();
        impostor.signatures[1].signing = mallory.signing.clone();
        impostor.signatures[1].fingerprint = mallory.fingerprint.clone();
        assert_eq!(
            verify(&impostor),
            Err(AgreementSignatureError::BadSignature {
                name: "Sam Okafor".into()
            })
        );
    }

    #[test]
    fn foreign_parties_double_signatures_and_damage_are_refused() {
        let (a, dana, _) = signed_by_both();

        let mut foreign = a.clone();
        foreign.signatures[1].party = PartyId("p9".into());
        assert!(matches!(
            verify(&foreign),
            Err(AgreementSignatureError::UnknownParty { .. })
        ));

        // Dana's signature relabelled as Sam's, or under another name: the message differs.
        let mut relabelled = a.clone();
        relabelled.signatures.truncate(1);
        relabelled.signatures[0].party = PartyId("p2".into());
        assert_eq!(
            verify(&relabelled),
            Err(AgreementSignatureError::BadSignature {
                name: "Dana Fischer".into()
            })
        );
        let mut renamed = a.clone();
        renamed.signatures[0].name = "Mallory".into();
        assert_eq!(
            verify(&renamed),
            Err(AgreementSignatureError::BadSignature {
                name: "Mallory".into()
            })
        );

        let mut twice = a.clone();
        twice.signatures[1] = twice.signatures[0].clone();
        assert_eq!(
            verify(&twice),
            Err(AgreementSignatureError::SignedTwice { party: "p1".into() })
        );

        for field in ["signature", "signing"] {
            let mut damaged = a.clone();
            match field {
                "signature" => damaged.signatures[0].signature = "AAAA".into(),
                _ => damaged.signatures[0].signing = "not base64!".into(),
            }
            assert_eq!(
                verify(&damaged),
                Err(AgreementSignatureError::Damaged {
                    name: "Dana Fischer".into()
                }),
                "{field}"
            );
        }

        // Signing refuses what verifying would refuse.
        assert!(matches!(
            sign(&dana, &a, PartyId("p1".into())),
            Err(AgreementSignatureError::SignedTwice { .. })
        ));
        assert!(matches!(
            sign(&dana, &agreement(), PartyId("p3".into())),
            Err(AgreementSignatureError::UnknownParty { .. })
        ));
        let mut stale = agreement();
        stale.threshold = 50;
        assert!(matches!(
            sign(&dana, &stale, PartyId("p1".into())),
            Err(AgreementSignatureError::Agreement(_))
        ));
    }
}
