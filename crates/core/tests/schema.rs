//! The committed JSON Schema of the answer sheet must match the Rust types it is generated
//! from. When the types change on purpose, regenerate it with
//! `UPDATE_EXPECT=1 cargo test -p accord-core --test schema` and commit the file.

use std::path::Path;

use accord_core::sheet::answer_sheet_schema;

#[test]
fn the_committed_schema_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/answer-sheet.schema.json");
    let fresh = answer_sheet_schema();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &fresh).expect("write the schema");
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
fn the_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&answer_sheet_schema()).expect("JSON");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .expect("required list")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for field in [
        "format",
        "version",
        "question_set",
        "parties",
        "party",
        "respondent",
        "answers",
    ] {
        assert!(required.contains(&field), "{field} is not required");
    }
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
