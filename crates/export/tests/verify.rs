//! Reading exports back (`verify_export`, what `accord verify FILE` runs): every format of a
//! signed agreement verifies, and each way of altering one is refused with an error that says
//! what was altered: the visible text, the embedded agreement, a signature, the PDF's bytes.

mod fixture;

use accord_core::agreement::{Agreement, AgreementError};
use accord_envelope::AgreementSignatureError;
use accord_export::{
    detect, html, json, markdown, pdf, read_export, render, verify_export, ExportError,
    ExportFormat, LAYOUT,
};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;

fn signed() -> Agreement {
    fixture::signed(fixture::seminar())
}

#[test]
fn every_format_of_a_signed_agreement_verifies() {
    for agreement in [signed(), fixture::signed(fixture::hostile())] {
        for format in ExportFormat::ALL {
            let bytes = render(&agreement, format).unwrap();
            assert_eq!(detect(&bytes), Some(format));
            let verified =
                verify_export(&bytes).unwrap_or_else(|e| panic!("{}: {e}", format.label()));
            assert_eq!(verified.format, format);
            assert_eq!(verified.agreement, agreement);
            let names: Vec<&str> = verified
                .signatures
                .iter()
                .map(|s| s.name.as_str())
                .collect();
            assert_eq!(names, ["Dana Fischer", "Sam Okafor"], "{}", format.label());
            assert_eq!(read_export(&bytes).unwrap(), agreement);
        }
    }
}

#[test]
fn an_unsigned_agreement_verifies_with_no_signatures() {
    let agreement = fixture::seminar();
    for format in ExportFormat::ALL {
        let bytes = render(&agreement, format).unwrap();
        assert!(verify_export(&bytes).unwrap().signatures.is_empty());
    }
}

#[test]
fn rendering_is_deterministic() {
    for format in ExportFormat::ALL {
        assert_eq!(
            render(&signed(), format).unwrap(),
            render(&signed(), format).unwrap(),
            "{}",
            format.label()
        );
    }
}

#[test]
fn extensions_name_the_formats() {
    let extensions: Vec<&str> = ExportFormat::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(extensions, ["md", "html", "pdf", "json"]);
}

/// Replaces the one occurrence of `from` in `text`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} is not unique");
    text.replacen(from, to, 1)
}

#[test]
fn an_altered_visible_value_is_caught_and_named() {
    let agreement = signed();
    let md = replace_once(
        &markdown(&agreement),
        "| 12 months — *negotiated",
        "| 24 months — *negotiated",
    );
    match verify_export(md.as_bytes()) {
        Err(ExportError::VisibleTextAltered {
            format: "Markdown",
            found,
            expected,
            ..
        }) => {
            assert!(found.contains("24 months"), "{found}");
            assert!(expected.contains("12 months"), "{expected}");
        }
        other => panic!("{other:?}"),
    }

    let page = replace_once(
        &html(&agreement),
        "<td><strong>12 months</strong>",
        "<td><strong>24 months</strong>",
    );
    let err = verify_export(page.as_bytes()).unwrap_err();
    assert!(
        matches!(err, ExportError::VisibleTextAltered { format: "HTML", .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(message.contains("visible text was altered"), "{message}");
}

#[test]
fn an_altered_printed_hash_is_caught() {
    let agreement = signed();
    let forged = "0".repeat(64);
    let md = markdown(&agreement).replacen(&agreement.hash, &forged, 1);
    let err = verify_export(md.as_bytes()).unwrap_err();
    match err {
        ExportError::VisibleTextAltered { line, found, .. } => {
            assert_eq!(line, 9);
            assert!(found.contains(&forged), "{found}");
        }
        other => panic!("{other:?}"),
    }
}

/// The embedded agreement of a Markdown export, as text.
fn embedded(md: &str) -> (usize, usize, String) {
    let start = md.rfind("<!-- accord-agreement layout=").unwrap();
    let body = start + md[start..].find('\n').unwrap() + 1;
    let end = body + md[body..].find("-->").unwrap();
    let compact: String = md[body..end].split_whitespace().collect();
    let json = String::from_utf8(B64.decode(compact).unwrap()).unwrap();
    (body, end, json)
}

fn with_embedded(md: &str, json: &str) -> String {
    let (body, end, _) = embedded(md);
    format!("{}{}\n{}", &md[..body], B64.encode(json), &md[end..])
}

#[test]
fn an_altered_embedded_agreement_is_a_hash_mismatch() {
    let md = markdown(&signed());
    let (_, _, original) = embedded(&md);
    assert_eq!(original, json(&signed()));
    let altered = replace_once(
        &original,
        "\"shown\": \"12 months\"",
        "\"shown\": \"24 months\"",
    );
    let err = verify_export(with_embedded(&md, &altered).as_bytes()).unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::Agreement(AgreementError::HashMismatch { .. })
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("the agreement was altered"),
        "{err}"
    );
}

#[test]
fn an_edit_rehashed_and_rendered_again_breaks_the_signatures() {
    // A forger edits the value, recomputes the hash and renders a consistent document: the
    // partners' signatures cover the old hash.
    let mut forged = signed();
    let item = forged
        .items
        .iter_mut()
        .find(|i| i.shown == "12 months")
        .unwrap();
    item.shown = "24 months".into();
    let forged = forged.with_hash();
    for format in ExportFormat::ALL {
        let err = verify_export(&render(&forged, format).unwrap()).unwrap_err();
        assert_eq!(
            err,
            ExportError::Signature(AgreementSignatureError::BadSignature {
                name: "Dana Fischer".into()
            }),
            "{}",
            format.label()
        );
    }
}

#[test]
fn a_signature_whose_key_does_not_match_its_fingerprint_is_caught() {
    let mut agreement = signed();
    agreement.signatures[0].signing = agreement.signatures[1].signing.clone();
    for format in ExportFormat::ALL {
        let err = verify_export(&render(&agreement, format).unwrap()).unwrap_err();
        assert!(
            matches!(
                err,
                ExportError::Signature(AgreementSignatureError::FingerprintMismatch { .. })
            ),
            "{}: {err:?}",
            format.label()
        );
    }
}

#[test]
fn a_truncated_or_altered_pdf_is_refused() {
    let bytes = pdf(&signed()).unwrap();
    for cut in [bytes.len() / 2, bytes.len() - 10, 100] {
        let err = verify_export(&bytes[..cut]).unwrap_err();
        assert!(matches!(err, ExportError::DamagedPdf(_)), "{cut}: {err:?}");
        assert!(err.to_string().contains("truncated or damaged"), "{err}");
    }

    // A changed byte in a page's content.
    let mut altered = bytes.clone();
    let page = find(&altered, b"19 0 obj").unwrap();
    let at = page + find(&altered[page..], b"stream\n").unwrap() + 40;
    altered[at] ^= 0x55;
    assert_eq!(
        verify_export(&altered).unwrap_err(),
        ExportError::PdfAltered { offset: at }
    );

    // Saved again with something appended, as an incremental update would be.
    let mut appended = bytes.clone();
    appended.extend_from_slice(b"\n% an annotation\n%%EOF\n");
    assert!(matches!(
        verify_export(&appended).unwrap_err(),
        ExportError::DamagedPdf(_) | ExportError::PdfAltered { .. }
    ));
}

#[test]
fn a_pdf_carrying_another_agreement_is_refused() {
    // The attachment of one PDF put into another: the pages no longer match it.
    let first = pdf(&signed()).unwrap();
    let mut other = signed();
    other.review_on = "2027-09-30".into();
    let other = fixture::signed(Agreement {
        signatures: Vec::new(),
        ..other.with_hash()
    });
    let second = pdf(&other).unwrap();
    let (a_start, a_end) = attachment_span(&first);
    let (b_start, b_end) = attachment_span(&second);
    let mut spliced = first[..a_start].to_vec();
    spliced.extend_from_slice(&second[b_start..b_end]);
    spliced.extend_from_slice(&first[a_end..]);
    let err = verify_export(&spliced).unwrap_err();
    assert!(
        matches!(
            err,
            ExportError::DamagedPdf(_) | ExportError::PdfAltered { .. }
        ),
        "{err:?}"
    );
}

/// The bytes of object 4 (the attachment), from its header to `endobj`.
fn attachment_span(bytes: &[u8]) -> (usize, usize) {
    let start = find(bytes, b"4 0 obj").unwrap();
    let end = start + find(&bytes[start..], b"endobj").unwrap() + b"endobj".len();
    (start, end)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn line_endings_changed_by_an_editor_still_verify() {
    let md = markdown(&signed()).replace('\n', "\r\n");
    assert_eq!(verify_export(md.as_bytes()).unwrap().agreement, signed());
    let page = html(&signed()).replace('\n', "\r\n");
    assert_eq!(verify_export(page.as_bytes()).unwrap().agreement, signed());
}

#[test]
fn an_embedded_block_longer_than_any_agreement_is_refused_before_decoding() {
    // 64 MB of base64 would decode to 48 MB, more than an agreement may be.
    let block = format!("{}\n", "A".repeat(76)).repeat(64 * 1024 * 1024 / 77);
    for (format, document) in [
        (
            "Markdown",
            format!("# Agreement\n\n<!-- accord-agreement layout=1\n{block}-->\n"),
        ),
        (
            "HTML",
            format!(
                "<!DOCTYPE html>\r\n<template id=\"accord-agreement\" data-layout=\"1\">\r\n{}</template>\r\n",
                block.replace('\n', "\r\n")
            ),
        ),
    ] {
        assert_eq!(
            verify_export(document.as_bytes()).unwrap_err(),
            ExportError::DamagedEmbedding {
                format,
                what: "it is longer than any agreement can be".into()
            }
        );
    }
}

#[test]
fn damaged_or_foreign_files_are_refused_with_the_reason() {
    assert_eq!(
        verify_export(b"# Minutes of the call\n\nNothing here.\n").unwrap_err(),
        ExportError::UnknownFormat
    );
    assert_eq!(
        verify_export(b"\x00\x01binary").unwrap_err(),
        ExportError::UnknownFormat
    );

    let page = html(&signed());
    let cut = &page[..page.find("<template").unwrap()];
    assert_eq!(
        verify_export(cut.as_bytes()).unwrap_err(),
        ExportError::NoEmbeddedAgreement { format: "HTML" }
    );

    let md = markdown(&signed());
    let (body, _, _) = embedded(&md);
    let mut broken = md.clone();
    broken.replace_range(body..body + 4, "!!!!");
    assert!(matches!(
        verify_export(broken.as_bytes()).unwrap_err(),
        ExportError::DamagedEmbedding {
            format: "Markdown",
            ..
        }
    ));

    let older = md.replacen(
        &format!("accord-agreement layout={LAYOUT}\n"),
        "accord-agreement layout=0\n",
        1,
    );
    assert_eq!(
        verify_export(older.as_bytes()).unwrap_err(),
        ExportError::OtherLayout {
            format: "Markdown",
            found: "0".into(),
            supported: LAYOUT
        }
    );

    let file = json(&signed());
    assert!(matches!(
        verify_export(&file.as_bytes()[..file.len() / 2]).unwrap_err(),
        ExportError::Agreement(AgreementError::Malformed(_))
    ));
}

#[test]
fn no_changed_byte_or_cut_goes_unnoticed_and_none_panics() {
    let agreement = signed();
    for format in ExportFormat::ALL {
        let bytes = render(&agreement, format).unwrap();
        let step = bytes.len() / 23 + 1;
        for at in (0..bytes.len()).step_by(step) {
            let mut flipped = bytes.clone();
            flipped[at] ^= 0x55;
            assert!(
                verify_export(&flipped).is_err(),
                "{}: byte {at} changed unnoticed",
                format.label()
            );
            assert!(
                verify_export(&bytes[..at]).is_err(),
                "{}: cut at {at} unnoticed",
                format.label()
            );
        }
    }
}

#[test]
fn a_signature_relabelled_as_the_other_partners_is_caught() {
    // Only Dana signed; her signature is passed off as Sam's (party and name changed).
    let mut agreement = fixture::seminar();
    agreement.signatures = vec![fixture::signature(&agreement, 0)];
    agreement.signatures[0].party = accord_core::PartyId("p2".into());
    agreement.signatures[0].name = "Sam Okafor".into();
    for format in ExportFormat::ALL {
        let err = verify_export(&render(&agreement, format).unwrap()).unwrap_err();
        assert_eq!(
            err,
            ExportError::Signature(AgreementSignatureError::BadSignature {
                name: "Sam Okafor".into()
            }),
            "{}",
            format.label()
        );
    }
}
