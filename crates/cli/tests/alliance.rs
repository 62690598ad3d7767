//! `accord alliance ...` run as a user would: the real binary against real database files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn accord(db: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ACCORD_DB")
        .output()
        .expect("the accord binary runs");
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(stdout).unwrap(),
        stderr: String::from_utf8(stderr).unwrap(),
    }
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    (dir, db)
}

fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

fn create(db: &Path, name: &str) -> String {
    let run = accord(
        db,
        &[
            "alliance",
            "create",
            "--name",
            name,
            "--kind",
            "reseller",
            "--partner",
            "Acme",
            "--partner",
            "Globex",
            "--term",
            "Margin 20%",
            "--term",
            "Quarterly review",
            "--format",
            "json",
        ],
    );
    json(&run)["id"].as_str().unwrap().to_string()
}

#[test]
fn create_list_rename_delete_restore_round_trip() {
    let (_dir, db) = temp_db();
    let id = create(&db, "Channel deal");

    let list = json(&accord(&db, &["alliance", "list", "--format", "json"]));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["name"], "Channel deal");
    assert_eq!(list[0]["kind"], "reseller");
    assert_eq!(list[0]["parties"][1]["name"], "Globex");
    assert_eq!(list[0]["terms"][0]["text"], "Margin 20%");

    let text = accord(&db, &["alliance", "list"]);
    assert_eq!(text.code, 0);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert!(lines[0].starts_with("ID"), "{}", text.stdout);
    assert!(lines[1].contains("Channel deal") && lines[1].contains("Acme, Globex"));

    let short = &id[..8];
    let renamed = json(&accord(
        &db,
        &[
            "alliance",
            "rename",
            short,
            "Channel 2027",
            "--format",
            "json",
        ],
    ));
    assert_eq!(renamed["name"], "Channel 2027");
    assert_eq!(renamed["revision"], 2);

    let deleted = accord(&db, &["alliance", "delete", short]);
    assert_eq!(deleted.code, 0);
    assert!(
        deleted.stdout.contains("accord alliance restore"),
        "{}",
        deleted.stdout
    );
    assert!(
        json(&accord(&db, &["alliance", "list", "--format", "json"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    let all = json(&accord(
        &db,
        &["alliance", "list", "--all", "--format", "json"],
    ));
    assert_eq!(all[0]["deleted"], true);

    let restored = json(&accord(
        &db,
        &["alliance", "restore", &id, "--format", "json"],
    ));
    assert_eq!(restored["deleted"], false);
    assert_eq!(restored["revision"], 4);

    let history = accord(&db, &["alliance", "history", short]);
    assert_eq!(history.code, 0);
    let changes: Vec<&str> = history.stdout.lines().skip(1).collect();
    assert_eq!(changes.len(), 4, "{}", history.stdout);
    assert!(changes[1].ends_with("renamed from \"Channel deal\" to \"Channel 2027\""));
}

#[test]
fn bad_input_is_one_line_nonzero_and_writes_nothing() {
    let (_dir, db) = temp_db();
    create(&db, "Existing");
    let before = json(&accord(
        &db,
        &["alliance", "list", "--all", "--format", "json"],
    ));

    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["alliance", "create", "--name", "X", "--partner", "Solo"],
            1,
            "at least 2 partners",
        ),
        (
            &[
                "alliance",
                "create",
                "--name",
                " ",
                "--partner",
                "A",
                "--partner",
                "B",
            ],
            1,
            "name is empty",
        ),
        (
            &[
                "alliance",
                "create",
                "--name",
                "X",
                "--kind",
                "franchise",
                "--partner",
                "A",
                "--partner",
                "B",
            ],
            1,
            "unknown alliance kind \"franchise\"",
        ),
        (
            &["alliance", "rename", "nope-nope", "X"],
            1,
            "no alliance has the id",
        ),
        (
            &["alliance", "restore", "nope"],
            1,
            "no alliance has the id",
        ),
        (&["alliance", "frobnicate"], 2, "unrecognized subcommand"),
        (
            &["alliance", "list", "--format", "yaml"],
            2,
            "invalid value 'yaml'",
        ),
    ];
    for (args, code, needle) in cases {
        let run = accord(&db, args);
        assert_eq!(run.code, *code, "{args:?}: {}", run.stderr);
        assert_eq!(run.stderr.lines().count(), 1, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("accord: "), "{}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
    let after = json(&accord(
        &db,
        &["alliance", "list", "--all", "--format", "json"],
    ));
    assert_eq!(before, after);
}

#[test]
fn a_database_from_a_newer_accord_is_refused_with_a_clear_message() {
    let (_dir, db) = temp_db();
    create(&db, "Existing");
    bump_schema_version(&db);
    let run = accord(&db, &["alliance", "list"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("newer Accord"), "{}", run.stderr);
}

/// Sets the schema version past this build's, through the sqlite3 file header (offset 60,
/// big-endian `user_version`), so the test needs no SQLite binding of its own.
fn bump_schema_version(db: &Path) {
    let mut bytes = std::fs::read(db).unwrap();
    bytes[60..64].copy_from_slice(&999u32.to_be_bytes());
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn a_usage_error_names_the_missing_arguments_on_one_line() {
    let (_dir, db) = temp_db();
    let run = accord(&db, &["alliance", "rename"]);
    assert_eq!(run.code, 2);
    assert!(run.stdout.is_empty());
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stderr);
    assert!(
        lines[0].starts_with("accord: the following required arguments were not provided: <"),
        "{}",
        run.stderr
    );
    assert!(lines[0].ends_with("(see accord --help)"), "{}", run.stderr);
}

#[test]
fn help_and_version_succeed() {
    let (_dir, db) = temp_db();
    let version = accord(&db, &["--version"]);
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("accord {}", env!("CARGO_PKG_VERSION"))
    );
    let help = accord(&db, &["alliance", "--help"]);
    assert_eq!(help.code, 0);
    for sub in ["list", "create", "rename", "delete", "restore"] {
        assert!(help.stdout.contains(sub), "{}", help.stdout);
    }
    assert!(!db.exists(), "help and version do not create a database");
}
