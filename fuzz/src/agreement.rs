//! The `agreement` target: an agreement file read and its signatures checked, as
//! `accord verify agreement.json` does (`parse_agreement`, then
//! `accord_envelope::agreement::verify`).

use accord_core::agreement::parse_agreement;
use accord_envelope::agreement::{verify, AgreementSignatureError, VerifiedSignature};

/// Parses `data` (read as UTF-8, invalid bytes replaced) as an agreement and checks its hash
/// and signatures. An accepted agreement must read back as itself once written out again, and
/// carry one signature per signing partner, each a partner of the agreement.
pub fn agreement(data: &[u8]) -> Result<Vec<VerifiedSignature>, AgreementSignatureError> {
    let agreement = parse_agreement(&String::from_utf8_lossy(data))?;
    let signatures = verify(&agreement)?;
    assert_eq!(
        parse_agreement(&agreement.to_json()).as_ref(),
        Ok(&agreement),
        "an accepted agreement must read back as itself"
    );
    assert_eq!(signatures.len(), agreement.signatures.len());
    for (i, signature) in signatures.iter().enumerate() {
        assert!(agreement.parties.iter().any(|p| p.id == signature.party));
        assert!(signatures[..i].iter().all(|s| s.party != signature.party));
    }
    Ok(signatures)
}
