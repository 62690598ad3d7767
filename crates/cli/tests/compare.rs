//! `accord compare`, `questions`, `sheet new` and `demo`, run as a user would on the sample
//! pairs kept in crates/core/tests/samples.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn accord(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the accord binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn sample(case: &str, file: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "..",
        "core",
        "tests",
        "samples",
        case,
        file,
    ]
    .iter()
    .collect();
    assert!(path.is_file(), "missing sample {}", path.display());
    path.to_string_lossy().into_owned()
}

#[test]
fn compare_prints_text_json_and_markdown() {
    let a = sample("reseller_channel", "a.json");
    let b = sample("reseller_channel", "b.json");

    let text = accord(&["compare", &a, &b]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(text.stdout.contains("SEV  VERDICT"), "{}", text.stdout);
    assert!(
        !text.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    // Severity order: each listed severity is at most the one above it.
    let severities: Vec<u32> = text
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("SEV"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('('))
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(severities.len() > 3, "{}", text.stdout);
    assert!(
        severities.windows(2).all(|w| w[0] >= w[1]),
        "{severities:?}"
    );

    let json = accord(&["compare", &a, &b, "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert!(value.is_object());

    let md = accord(&["compare", &a, &b, "--format", "markdown"]);
    assert_eq!(md.code, 0, "{}", md.stderr);
    assert!(md.stdout.starts_with('#'), "{}", md.stdout);
    assert!(md.stdout.contains('|'), "markdown has tables");
}

#[test]
fn bad_sheets_name_the_file_and_the_place() {
    let good = sample("reseller_channel", "a.json");
    for (case, file, needle) in [
        ("malformed_json", "a.json", "line 2, column 35"),
        (
            "unknown_question",
            "a.json",
            "question time-forever (answers[0])",
        ),
        ("duplicate_answer", "b.json", "answered twice"),
        ("newer_format_version", "b.json", "update Accord"),
    ] {
        let bad = sample(case, file);
        let other = sample(case, if file == "a.json" { "b.json" } else { "a.json" });
        let run = accord(&["compare", &other, &bad]);
        assert_eq!(run.code, 1, "{case}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{case}: {}", run.stderr);
        assert!(
            run.stderr.contains(&bad),
            "{case} names the file: {}",
            run.stderr
        );
        assert!(run.stderr.contains(needle), "{case}: {}", run.stderr);
    }
    let run = accord(&["compare", &good, "/no/such/sheet.json"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("/no/such/sheet.json"), "{}", run.stderr);
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .to_string_lossy()
        .into_owned();
    let run = accord(&["compare", &good, &folder]);
    assert!(run.stderr.contains("is a folder"), "{}", run.stderr);
}

#[test]
fn a_blank_sheet_filled_in_by_nobody_compares_as_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for party in ["1", "2"] {
        let run = accord(&[
            "sheet",
            "new",
            "--set",
            "co-marketing",
            "--partner",
            "Acme",
            "--partner",
            "Globex",
            "--as",
            party,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let path = dir.path().join(format!("p{party}.json"));
        std::fs::write(&path, run.stdout).unwrap();
        paths.push(path.to_string_lossy().into_owned());
    }
    let run = accord(&["compare", &paths[0], &paths[1], "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("unanswered"), "{}", run.stdout);

    let run = accord(&["sheet", "new", "--as", "3"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("between 1 and 2"), "{}", run.stderr);
}

#[test]
fn questions_and_demo() {
    let run = accord(&["questions", "--set", "joint-venture"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.lines().count() > 40, "{}", run.stdout);
    let run = accord(&["questions", "--set", "franchise"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("built-in sets are general"),
        "{}",
        run.stderr
    );
    let run = accord(&["questions", "--format", "json"]);
    let set: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(set["questions"].as_array().unwrap().len() >= 40);

    let demo = accord(&["demo"]);
    assert_eq!(demo.code, 0, "{}", demo.stderr);
    for verdict in [
        "aligned",
        "compatible",
        "divergent",
        "conflict",
        "unanswered",
    ] {
        assert!(demo.stdout.contains(verdict), "demo shows {verdict}");
    }
}
