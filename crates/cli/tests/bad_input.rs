//! The bad-input corpus: every file of `tests/bad-input/` (each listed with what is wrong with
//! it in that folder's README) and files of 16 to 100 MB generated here, fed to every command
//! of the real `accord` binary that reads such a file, against a database holding an alliance,
//! an identity and saved answers; then to the library functions behind those commands.
//!
//! Each run must fail with exit status 1, print nothing on standard output and one clear line
//! on standard error (no panic, no backtrace, no Debug dump, no raw control characters, at
//! most about 1,000 characters), peak under [`MAX_RSS_BYTES`] of memory (the child's maximum
//! resident set, from `wait4`), and leave every table of the database as it was. Each library
//! call must return an error, not panic, and change nothing either.
//!
//! The file name's prefix says what the file pretends to be, and so which commands get it:
//! `sheet-`, `card-`, `envelope-`, `reveal-`, `alliance-`, `export-`, or `any-` for all of them.
//! A new case is a new file (and a line in the README).

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use accord_core::{AllianceId, PartyId, Timestamp};
use accord_store::Store;
use rusqlite::{Connection, OpenFlags};

/// The most memory one run of `accord` may take, even reading a 100 MB file.
const MAX_RSS_BYTES: u64 = 200 * 1024 * 1024;
/// The most characters an error line may have (the CLI cuts at 1,000, plus "accord: ").
const MAX_ERROR_CHARS: usize = 1_010;
const PASSPHRASE: &str = "bad input passphrase";
/// The id of the alliance in `bad-input/good/alliance.json`.
const ALLIANCE: &str = "bad-input-alliance-0001";
/// A fingerprint no card has, so a card that parsed would still not be bound.
const NO_FINGERPRINT: &str = "0000-0000-0000-0000-0000";

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

/// What a file pretends to be, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sheet,
    Card,
    Envelope,
    Reveal,
    Alliance,
    Export,
    Any,
}

impl Kind {
    fn of(name: &str) -> Kind {
        let prefix = name.split('-').next().unwrap_or_default();
        match prefix {
            "sheet" => Kind::Sheet,
            "card" => Kind::Card,
            "envelope" => Kind::Envelope,
            "reveal" => Kind::Reveal,
            "alliance" => Kind::Alliance,
            "export" => Kind::Export,
            "any" => Kind::Any,
            _ => panic!("{name}: a corpus file's name starts with what it pretends to be"),
        }
    }

    fn includes(self, kind: Kind) -> bool {
        self == Kind::Any || self == kind
    }
}

/// A database with the alliance of `good/alliance.json`, this machine's identity bound to its
/// first partner, and that partner's saved answers; and a folder for files.
struct Scene {
    dir: tempfile::TempDir,
    db: PathBuf,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let scene = Scene {
            db: dir.path().join("accord.db"),
            dir,
        };
        let good = corpus().join("good");
        for args in [
            vec![
                "alliance".into(),
                "import".into(),
                good.join("alliance.json").into_os_string(),
            ],
            args(&["identity", "create", "--name", "Bad Input Tester"]),
            args(&["identity", "bind", ALLIANCE, "--party", "1", "--me"]),
            {
                let mut a = args(&["answer", ALLIANCE, "--as", "1", "--sheet"]);
                a.push(good.join("sheet-p1.json").into_os_string());
                a
            },
        ] {
            let run = scene.run(&args);
            assert_eq!(run.code, 0, "setting up: {args:?}: {}", run.stderr);
        }
        scene
    }

    /// Runs `accord` with `args` against the scene's database, through [`measured`].
    fn run(&self, args: &[OsString]) -> Run {
        let mut line = vec![OsString::from("--db"), self.db.clone().into_os_string()];
        line.extend(args.iter().cloned());
        measured(&line, self.dir.path())
    }

    /// The command lines that read `file` as `kind`.
    fn commands(&self, kind: Kind, file: &Path) -> Vec<Vec<OsString>> {
        let good = corpus().join("good/sheet-p2.json");
        let with = |words: &[&str], file: &Path| {
            let mut line = args(words);
            line.push(file.into());
            line
        };
        let mut lines = Vec::new();
        if kind.includes(Kind::Sheet) {
            let mut compare = with(&["compare"], file);
            compare.push(good.clone().into());
            lines.push(compare);
            lines.push(with(&["compare", &good.display().to_string()], file));
            lines.push(with(&["answer", ALLIANCE, "--as", "1", "--sheet"], file));
            // The second partner has no passphrase yet: a refusal must not leave one set.
            lines.push(with(&["answer", ALLIANCE, "--as", "2", "--sheet"], file));
            let mut seal = with(&["seal", ALLIANCE, "--sheet"], file);
            seal.extend(args(&["--out", "sealed-envelope.json"]));
            lines.push(seal);
            let mut checkin = with(&["checkin", ALLIANCE, "--sheet"], file);
            checkin.extend(args(&["--as", "1"]));
            lines.push(checkin);
        }
        if kind.includes(Kind::Card) {
            let mut bind = with(
                &["identity", "bind", ALLIANCE, "--party", "2", "--card"],
                file,
            );
            bind.extend(args(&["--fingerprint", NO_FINGERPRINT]));
            lines.push(bind);
        }
        if kind.includes(Kind::Envelope) || kind.includes(Kind::Reveal) {
            lines.push(with(&["open"], file));
        }
        if kind.includes(Kind::Alliance) {
            lines.push(with(&["alliance", "import"], file));
        }
        if kind.includes(Kind::Export) {
            lines.push(with(&["verify"], file));
        }
        lines
    }
}

/// The environment variables that make a copy of this test binary the helper of [`measured`].
const HELPER_ARGS: &str = "ACCORD_MEASURE_ARGS";
const HELPER_DIR: &str = "ACCORD_MEASURE_DIR";
const HELPER_REPORT: &str = "ACCORD_MEASURE_REPORT";

/// Runs `accord args` in `dir` and measures its peak memory.
///
/// The kernel counts a child's peak resident memory from the address space it started in:
/// spawned from this test process, which has held 100 MB files and scrypt's 64 MB, every
/// child would seem to use that much. So a fresh copy of this test binary, small, runs only
/// [`measuring_helper`], which starts `accord`, reaps it with `wait4` and writes what it
/// printed, its exit status and its peak memory to a report file.
fn measured(args: &[OsString], dir: &Path) -> Run {
    let report = dir.join(format!("measure-{}.json", std::process::id()));
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_str().expect("UTF-8 arguments").to_string())
        .collect();
    let status = Command::new(std::env::current_exe().unwrap())
        .args(["measuring_helper", "--exact", "--quiet", "--test-threads=1"])
        .env(HELPER_ARGS, serde_json::to_string(&args).unwrap())
        .env(HELPER_DIR, dir)
        .env(HELPER_REPORT, &report)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "the measuring helper failed");
    let text = std::fs::read_to_string(&report).expect("the helper's report");
    std::fs::remove_file(&report).unwrap();
    let report: serde_json::Value = serde_json::from_str(&text).unwrap();
    Run {
        code: report["code"].as_i64().unwrap() as i32,
        stdout: report["stdout"].as_str().unwrap().to_string(),
        stderr: report["stderr"].as_str().unwrap().to_string(),
        max_rss: report["max_rss"].as_u64().unwrap(),
    }
}

/// Not a test of its own: the helper [`measured`] runs in a copy of this binary. Without its
/// environment variables it does nothing.
#[test]
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, which also reports its peak memory"
)]
fn measuring_helper() {
    let (Some(args), Some(dir), Some(report)) = (
        std::env::var_os(HELPER_ARGS),
        std::env::var_os(HELPER_DIR),
        std::env::var_os(HELPER_REPORT),
    ) else {
        return;
    };
    let args: Vec<String> = serde_json::from_str(args.to_str().unwrap()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(&args)
        .current_dir(dir)
        .env_remove("ACCORD_DB")
        .env_remove(HELPER_ARGS)
        .env_remove(HELPER_DIR)
        .env_remove(HELPER_REPORT)
        .env("ACCORD_PASSPHRASE", PASSPHRASE)
        // A panic would print its backtrace: all the easier to catch.
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the accord binary runs");
    let pid = child.id() as libc::pid_t;
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).unwrap();
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).unwrap();
        bytes
    });
    // wait4 reaps the child and says how much memory it used at most. (The `Child` is
    // dropped afterwards; dropping one never waits.)
    let mut status = 0;
    // SAFETY: rusage is plain data, written by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet reaped; both pointers are valid.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -libc::WTERMSIG(status)
    };
    let report_json = serde_json::json!({
        "code": code,
        "stdout": String::from_utf8_lossy(&out.join().unwrap()),
        "stderr": String::from_utf8_lossy(&err.join().unwrap()),
        // Linux reports kilobytes.
        "max_rss": usage.ru_maxrss as u64 * 1024,
    });
    std::fs::write(report, report_json.to_string()).unwrap();
}

fn args(words: &[&str]) -> Vec<OsString> {
    words.iter().map(OsString::from).collect()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    max_rss: u64,
}

/// Every table's rows (sorted), the schema and its version: equal before and after means the
/// database was not changed.
fn snapshot(db: &Path) -> String {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut text: String = conn
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .unwrap()
        .to_string();
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (table, sql) in tables {
        text.push_str(&format!("\n{sql}\n"));
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(|cells| cells.join(" | "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        for row in rows {
            text.push_str(&row);
            text.push('\n');
        }
    }
    text
}

/// What a refusal on standard error must not contain.
const NOT_IN_AN_ERROR: [&str; 10] = [
    "panicked",
    "backtrace",
    "RUST_BACKTRACE",
    "Error {",
    "Os {",
    "{ kind: ",
    "Custom {",
    "Some(",
    "SqliteFailure",
    "Utf8Error",
];

/// Checks one run of the CLI on a bad file; returns a complaint, or `None` if all is well.
fn judge(run: &Run, before: &str, after: &str) -> Option<String> {
    let line = run.stderr.strip_suffix('\n').unwrap_or(&run.stderr);
    if run.code != 1 {
        return Some(format!("exit status {} (expected 1)", run.code));
    }
    if !run.stdout.is_empty() {
        return Some(format!("printed on stdout: {:?}", run.stdout));
    }
    if !line.starts_with("accord: ") || line.contains('\n') {
        return Some("stderr is not one line starting \"accord: \"".into());
    }
    if line.chars().count() > MAX_ERROR_CHARS {
        return Some(format!("{} characters of error", line.chars().count()));
    }
    if let Some(c) = line.chars().find(|c| {
        c.is_control() || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        return Some(format!("a raw {:?} in the error", c));
    }
    if let Some(bad) = NOT_IN_AN_ERROR.iter().find(|bad| line.contains(*bad)) {
        return Some(format!("{bad:?} in the error"));
    }
    if run.max_rss >= MAX_RSS_BYTES {
        return Some(format!("peaked at {} MB", run.max_rss >> 20));
    }
    if before != after {
        return Some("the database changed".into());
    }
    None
}

/// The library functions behind the commands, on the same text: each must refuse it (an
/// `Err`, no panic) and change nothing in `store`.
fn through_the_library(
    kind: Kind,
    bytes: &[u8],
    store: &mut Store,
    keys: &Keys,
) -> Vec<(&'static str, Result<String, String>)> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.as_ref();
    let now = Timestamp(1_795_000_000_000);
    let id = AllianceId(ALLIANCE.into());
    // Ok(message of the refusal) or Err(what went wrong).
    fn refused<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<String, String> {
        match result {
            Ok(_) => Err("accepted".into()),
            Err(e) => Ok(e.to_string()),
        }
    }
    let mut results: Vec<(&'static str, Result<String, String>)> = Vec::new();
    let mut call = |name: &'static str, f: &mut dyn FnMut() -> Result<String, String>| {
        let outcome = catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("panicked: {what}"))
        });
        results.push((name, outcome));
    };
    if kind.includes(Kind::Sheet) {
        call(
            "parse_sheet, then Store::save_answers",
            &mut || match accord_core::sheet::parse_sheet(text) {
                Err(e) => Ok(e.to_string()),
                Ok(sheet) => refused(store.save_answers(&id, &keys.partner, &sheet, now)),
            },
        );
    }
    if kind.includes(Kind::Card) {
        call("parse_card", &mut || {
            refused(accord_envelope::parse_card(text))
        });
    }
    if kind.includes(Kind::Envelope) {
        // The reader checks the form only (signatures and commitments need the store), so it
        // may accept a file the store then refuses: it must merely not panic.
        call("read_envelope", &mut || {
            Ok(accord_envelope::envelope::read_envelope(text)
                .map_or_else(|e| e.to_string(), |_| "well formed".into()))
        });
        call("Store::import_envelope", &mut || {
            refused(store.import_envelope(text, now))
        });
    }
    if kind.includes(Kind::Reveal) {
        call("read_reveal", &mut || {
            Ok(accord_envelope::envelope::read_reveal(text)
                .map_or_else(|e| e.to_string(), |_| "well formed".into()))
        });
        call("Store::import_reveal", &mut || {
            refused(store.import_reveal(text, &keys.identity, now))
        });
    }
    if kind.includes(Kind::Alliance) {
        call(
            "parse_alliance_file, then Store::import_alliance",
            &mut || match accord_core::alliance_file::parse_alliance_file(text) {
                Err(e) => Ok(e.to_string()),
                Ok(file) => refused(store.import_alliance(&file, now)),
            },
        );
    }
    if kind.includes(Kind::Export) {
        call("verify_export", &mut || {
            refused(accord_export::verify_export(bytes))
        });
    }
    results
}

/// The keys the library calls act with, unlocked once (scrypt is slow).
struct Keys {
    partner: accord_envelope::PartyKey,
    identity: accord_envelope::Identity,
}

/// Feeds one file through the CLI and the library; returns complaints.
fn feed(
    scene: &Scene,
    library: &mut Store,
    keys: &Keys,
    library_db: &Path,
    file: &Path,
) -> Vec<String> {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let kind = Kind::of(&name);
    let mut complaints = Vec::new();
    for command in scene.commands(kind, file) {
        let before = snapshot(&scene.db);
        let run = scene.run(&command);
        let after = snapshot(&scene.db);
        let shown: Vec<String> = command
            .iter()
            .map(|a| {
                let a = a.to_string_lossy();
                if a.contains('/') {
                    Path::new(a.as_ref())
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned()
                } else {
                    a.into_owned()
                }
            })
            .collect();
        let shown = format!("accord {}", shown.join(" "));
        println!(
            "{name}: {shown}: {} MB: {}",
            run.max_rss >> 20,
            run.stderr.trim_end()
        );
        if let Some(complaint) = judge(&run, &before, &after) {
            complaints.push(format!(
                "{name}: {shown}: {complaint}; stderr: {}",
                run.stderr.trim_end()
            ));
        }
    }
    assert!(
        !scene.dir.path().join("sealed-envelope.json").exists(),
        "{name}: a refused seal wrote its envelope"
    );

    let bytes = std::fs::read(file).unwrap();
    let before = snapshot(library_db);
    for (function, outcome) in through_the_library(kind, &bytes, library, keys) {
        match outcome {
            Ok(message) if !message.trim().is_empty() => {}
            Ok(_) => complaints.push(format!("{name}: {function}: an empty error message")),
            Err(wrong) => complaints.push(format!("{name}: {function}: {wrong}")),
        }
    }
    if snapshot(library_db) != before {
        complaints.push(format!("{name}: the library calls changed the database"));
    }
    complaints
}

/// The library side's store: a copy of the scene's database, and the keys.
fn library_store(scene: &Scene) -> (PathBuf, Store, Keys) {
    let path = scene.dir.path().join("library.db");
    std::fs::copy(&scene.db, &path).unwrap();
    let store = Store::open(&path, Timestamp(0)).unwrap();
    let id = AllianceId(ALLIANCE.into());
    let keys = Keys {
        partner: store
            .unlock(&id, &PartyId("p1".into()), PASSPHRASE)
            .unwrap(),
        identity: store.unlock_identity(PASSPHRASE).unwrap(),
    };
    (path, store, keys)
}

/// The corpus files, by name, and the README's list of them.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.file_name().unwrap() != "README.md")
        .collect();
    files.sort();
    files
}

#[test]
fn the_readme_lists_every_file_of_the_corpus() {
    let readme = std::fs::read_to_string(corpus().join("README.md")).unwrap();
    let listed: BTreeSet<String> = readme
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(String::from)
        .collect();
    let present: BTreeSet<String> = corpus_files()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    let unlisted: Vec<_> = present.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&present).collect();
    assert!(
        unlisted.is_empty(),
        "files the README does not list: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "README lines without a file: {missing:?}"
    );
    assert!(present.len() >= 50, "only {} files", present.len());
}

#[test]
fn every_bad_file_is_refused_clearly_in_bounded_memory_and_changes_nothing() {
    let started = Instant::now();
    let scene = Scene::new();
    let (library_db, mut library, keys) = library_store(&scene);
    let files = corpus_files();
    let mut complaints = Vec::new();
    for file in &files {
        complaints.extend(feed(&scene, &mut library, &keys, &library_db, file));
    }
    println!(
        "{} corpus files in {:.1}s",
        files.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}

/// A generated file: its name, then `head`, `fill` repeated and `tail`, `len` bytes in all (see
/// [`generate`]).
type Generated = (&'static str, Vec<u8>, Vec<u8>, Vec<u8>, usize);

/// Writes `len` bytes to `path`: `head`, then `fill` repeated (cut to fit), then `tail`.
fn generate(path: &Path, head: &[u8], fill: &[u8], tail: &[u8], len: usize) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    file.write_all(head).unwrap();
    let mut left = len - head.len() - tail.len();
    let chunk: Vec<u8> = fill.iter().copied().cycle().take(1 << 20).collect();
    while left > 0 {
        let n = left.min(chunk.len() - chunk.len() % fill.len()).min(left);
        file.write_all(&chunk[..n]).unwrap();
        left -= n;
    }
    file.write_all(tail).unwrap();
    file.flush().unwrap();
}

/// Random bytes from a fixed seed (xorshift64*).
fn random_bytes(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes = Vec::with_capacity(len + 8);
    while bytes.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        bytes.extend_from_slice(&x.wrapping_mul(0x2545_f491_4f6c_dd1d).to_le_bytes());
    }
    bytes.truncate(len);
    bytes
}

#[test]
fn oversized_files_are_refused_in_bounded_memory() {
    const MB: usize = 1024 * 1024;
    let started = Instant::now();
    let scene = Scene::new();
    let (library_db, mut library, keys) = library_store(&scene);
    let dir = tempfile::tempdir().unwrap();
    let line = [[b'A'; 76].as_slice(), b"\n"].concat();
    let crlf_line = [[b'A'; 76].as_slice(), b"\r\n"].concat();
    let cases: Vec<Generated> = vec![
        (
            "any-100mb-json-string.json",
            br#"{"format":"accord.answer-sheet","version":1,"x":""#.to_vec(),
            b"A".to_vec(),
            b"\"}".to_vec(),
            100 * MB,
        ),
        (
            "any-100mb-nesting.json",
            Vec::new(),
            b"[".to_vec(),
            Vec::new(),
            100 * MB,
        ),
        (
            "export-100mb-block.md",
            b"# Agreement\n\n<!-- accord-agreement layout=1\n".to_vec(),
            line,
            b"-->\n".to_vec(),
            100 * MB,
        ),
        (
            "export-100mb-block-crlf.html",
            b"<!DOCTYPE html>\r\n<template id=\"accord-agreement\" data-layout=\"1\">\r\n".to_vec(),
            crlf_line,
            b"</template>\r\n".to_vec(),
            100 * MB,
        ),
        (
            "export-100mb.pdf",
            b"%PDF-1.7\n".to_vec(),
            b"0 0 m 1 1 l S\n".to_vec(),
            b"\nstartxref\n9\n%%EOF\n".to_vec(),
            100 * MB,
        ),
        // Just under each reader's size limit, as many tiny values as fit: what used to take
        // 30 to 60 bytes of memory per value.
        (
            "sheet-16mb-of-zeros.json",
            br#"{"format":"accord.answer-sheet","version":1,"x":["#.to_vec(),
            b"0,".to_vec(),
            b"0]}".to_vec(),
            16 * MB - 1,
        ),
        (
            "envelope-32mb-of-zeros.json",
            br#"{"format":"accord.envelope","version":1,"x":["#.to_vec(),
            b"0,".to_vec(),
            b"0]}".to_vec(),
            32 * MB - 1,
        ),
        (
            "alliance-8mb-of-zeros.json",
            br#"{"format":"accord.alliance","version":1,"x":["#.to_vec(),
            b"0,".to_vec(),
            b"0]}".to_vec(),
            8 * MB - 1,
        ),
        (
            "export-32mb-of-zeros.json",
            br#"{"format":"accord.agreement","version":1,"x":["#.to_vec(),
            b"0,".to_vec(),
            b"0]}".to_vec(),
            32 * MB - 1,
        ),
    ];
    let mut complaints = Vec::new();
    for (name, head, fill, tail, len) in cases {
        let path = dir.path().join(name);
        generate(&path, &head, &fill, &tail, len);
        assert_eq!(
            std::fs::metadata(&path).unwrap().len() as usize,
            len,
            "{name}"
        );
        complaints.extend(feed(&scene, &mut library, &keys, &library_db, &path));
        std::fs::remove_file(&path).unwrap();
    }
    let path = dir.path().join("any-100mb-random.bin");
    std::fs::write(&path, random_bytes(100 * MB)).unwrap();
    complaints.extend(feed(&scene, &mut library, &keys, &library_db, &path));
    println!("oversized files in {:.1}s", started.elapsed().as_secs_f64());
    assert!(complaints.is_empty(), "{}", complaints.join("\n"));
}
