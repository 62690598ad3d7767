//! The committed JSON Schemas of the answer sheet and the agreement must match the Rust types
//! they are generated from. When the types change on purpose, regenerate them with
//! `UPDATE_EXPECT=1 cargo test -p accord-core --test schema` and commit the files.

use std::path::Path;

use accord_core::agreement::agreement_schema;
use accord_core::sheet::answer_sheet_schema;

fn check_committed(file: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(file);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, fresh).expect("write the schema");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "{} is stale; regenerate it with `UPDATE_EXPECT=1 cargo test -p accord-core --test schema` and commit it",
        path.display()
    );
}

#[test]
fn the_committed_schema_is_current() {
    check_committed("answer-sheet.schema.json", &answer_sheet_schema());
}

fn agreement_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&agreement_schema()).expect("JSON");
    text.push('\n');
    text
}

#[test]
fn the_committed_agreement_schema_is_current() {
    check_committed("agreement.schema.json", &agreement_schema_text());
}

/// Fails unless the schema's top level requires every one of `fields`.
fn assert_required(schema: &serde_json::Value, fields: &[&str]) {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required list")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in fields {
        assert!(required.contains(field), "{field} is not required");
    }
}

#[test]
fn the_agreement_schema_describes_the_format() {
    assert_required(
        &agreement_schema(),
        &[
            "format",
            "version",
            "alliance",
            "parties",
            "number",
            "agreed_on",
            "review_on",
            "items",
            "open",
            "balance",
            "hash",
        ],
    );
    let text = agreement_schema_text();
    for name in ["AgreedItem", "OpenItem", "PartyGain", "AgreementSignature"] {
        assert!(
            text.contains(&format!("\"{name}\"")),
            "no {name} in the schema"
        );
    }
}

#[test]
fn the_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&answer_sheet_schema()).expect("JSON");
    assert_required(
        &schema,
        &[
            "format",
            "version",
            "question_set",
            "parties",
            "party",
            "respondent",
            "answers",
        ],
    );
    let text = answer_sheet_schema();
    for tag in [
        "\"number\"",
        "\"share\"",
        "\"duration\"",
        "\"frequency\"",
        "\"yes_no\"",
        "\"text\"",
    ] {
        assert!(text.contains(tag), "no {tag} in the schema");
    }
    assert!(text.contains("\"maximum\": 5"), "importance bounds missing");
}
