//! Crash safety: the real `accord` binary is killed with SIGKILL at random moments while it
//! writes, round after round, and after every kill the database must pass SQLite's
//! `integrity_check`, still open as an Accord store (migrations and all), and hold every
//! revision any earlier run reported saved on its standard output.
//!
//! Each round starts one writer: `alliance rename` (a new alliance revision), `alliance
//! create` (a new alliance with its first revision), `answer` (a new encrypted answer
//! revision) or `alliance import` (a new alliance with a 10,000-question set: a transaction of
//! some 600 pages, more than SQLite's cache, so its frames go to the log while the row is
//! still being written and kills land among them).
//! The writer is killed after a random delay: half the rounds anywhere between zero and a
//! little longer than that write takes (measured when left alone, then corrected as rounds
//! finish before their kill or not), so kills land before, during and after the commit, while
//! the result is printed and during the checkpoint SQLite runs on close; the other half close
//! to the moment that writer commits: first estimated as the moment it starts printing when
//! left alone (it prints right after its commit), then corrected round by round (kills before
//! the commit move the estimate later, kills after it earlier). Before the database is
//! opened again, the write-ahead log left behind is read to tell whether the kill cut a
//! transaction in the middle (frames of the write on disk without their commit frame).
//!
//! `ACCORD_CRASH_ROUNDS` sets the number of rounds (default 200; BENCHMARKS.md records a run of
//! 1,000) and `ACCORD_CRASH_SEED` the seed of the random delays and writers (printed, so a
//! failing run can be replayed exactly).

use std::collections::BTreeMap;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use accord_core::{AllianceId, PartyId, Timestamp};
use accord_store::Store;
use rusqlite::{Connection, OpenFlags};

const DEFAULT_ROUNDS: usize = 200;
const DEFAULT_SEED: u64 = 0x00ac_c0d0_c4a5_4e11;
/// Imports into one imports database before it is started afresh.
const IMPORTS_PER_FILE: usize = 8;
/// Questions in the imported alliance file: about 2.5 MB of JSON, more than SQLite's page
/// cache holds (2 MB by default), so pages spill to the log before the commit.
const QUESTIONS: usize = 10_000;
const PASSPHRASE: &str = "crash test passphrase";

/// A tiny seeded generator (xorshift64*): the test needs reproducible numbers, not quality.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(text) => {
            let text = text.trim();
            let parsed = match text.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => text.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{name}={text:?} is not a number"))
        }
        Err(_) => default,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Writer {
    Rename,
    Create,
    Answer,
    Import,
}

impl Writer {
    const ALL: [Writer; 4] = [
        Writer::Rename,
        Writer::Create,
        Writer::Answer,
        Writer::Import,
    ];

    fn pick(rng: &mut Rng) -> Writer {
        match rng.next() % 20 {
            0..=9 => Writer::Rename,
            10..=13 => Writer::Create,
            14 | 15 => Writer::Answer,
            _ => Writer::Import,
        }
    }
}

/// What one round's writer reported saved on standard output before it died.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Saved {
    /// `alliance rename`, `create` or `import`: this alliance has this revision with this
    /// name (and, imported, its question set).
    Revision {
        alliance: String,
        revision: u32,
        name: String,
    },
    /// `answer`: the partner's answers were saved as this answer revision.
    Answers { revision: u32 },
}

/// How a round ended, as far as can be told from the outside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    /// The writer finished before the kill.
    Finished,
    /// Killed after printing what it saved (while closing the database, or exiting).
    KilledAfterReport,
    /// Killed after its commit, before it printed it: saved but not reported.
    KilledAfterCommit,
    /// Killed inside the transaction: its frames were in the log without a commit frame.
    KilledMidTransaction,
    /// Killed before its write reached the disk (starting, opening, unlocking, encrypting).
    KilledBeforeWrite,
}

/// When to kill one writer: how long it takes left alone, and when it is estimated to commit.
/// Both are corrected as the run goes, since the machine's load changes how long a write takes.
#[derive(Debug)]
struct Aim {
    typical: Duration,
    commit: Duration,
}

impl Aim {
    /// Anywhere up to 1.2 times the typical duration, or (aimed) within 3% of it around the
    /// estimated commit.
    fn delay(&self, aimed: bool, rng: &mut Rng) -> Duration {
        if aimed {
            let offset = self.typical.mul_f64(0.06 * rng.unit());
            (self.commit + offset).saturating_sub(self.typical.mul_f64(0.03))
        } else {
            self.typical.mul_f64(1.2 * rng.unit())
        }
    }

    /// After an aimed kill: moves the estimate towards the moment the write commits, earlier
    /// when the write was already saved, later when it was not.
    fn learn_commit(&mut self, committed: bool) {
        let step = self.typical.mul_f64(0.02);
        self.commit = if committed {
            self.commit.saturating_sub(step)
        } else {
            (self.commit + step).min(self.typical.mul_f64(1.2))
        };
    }

    /// After a kill anywhere: a write that finished first means writes are faster than
    /// thought. Balanced where a quarter of them finish, so kills span about 1.33 times the
    /// real duration.
    fn learn_duration(&mut self, finished: bool) {
        let factor = if finished { 0.97 } else { 1.01 };
        self.typical = self.typical.mul_f64(factor);
        self.commit = self.commit.mul_f64(factor);
    }
}

struct Scene {
    _dir: tempfile::TempDir,
    /// The database every writer but `Import` writes to, for the whole run.
    main: PathBuf,
    /// The database `Import` writes to: started afresh (by the killed writer itself, migrations
    /// and all) after every [`IMPORTS_PER_FILE`] imports, so the large question sets do not
    /// make each round's `integrity_check` slower and slower.
    imports: PathBuf,
    alliance: String,
    sheet: PathBuf,
    /// An alliance file with a [`QUESTIONS`]-question set; each import gets a new id.
    import: serde_json::Value,
}

impl Scene {
    fn db(&self, writer: Writer) -> &Path {
        match writer {
            Writer::Import => &self.imports,
            _ => &self.main,
        }
    }

    fn command(&self, writer: Writer, round: usize) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
        command
            .arg("--db")
            .arg(self.db(writer))
            .env_remove("ACCORD_DB")
            .env("ACCORD_PASSPHRASE", PASSPHRASE)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        match writer {
            Writer::Rename => {
                command.args(["alliance", "rename", &self.alliance, &rename_to(round)])
            }
            Writer::Create => command.args([
                "alliance",
                "create",
                "--name",
                &create_name(round),
                "--partner",
                "Northwind",
                "--partner",
                "Lumen",
            ]),
            Writer::Answer => command
                .args(["answer", &self.alliance, "--as", "1", "--sheet"])
                .arg(&self.sheet),
            Writer::Import => {
                let mut file = self.import.clone();
                file["id"] = import_id(round).into();
                file["name"] = import_name(round).into();
                let path = self.main.with_file_name("import.json");
                std::fs::write(&path, file.to_string()).unwrap();
                command
                    .args(["alliance", "import", "--format", "json"])
                    .arg(path)
            }
        };
        command
    }
}

fn import_id(round: usize) -> String {
    format!("crash-import-{round:06}")
}

fn import_name(round: usize) -> String {
    format!("Imported in round {round}")
}

fn rename_to(round: usize) -> String {
    format!("Renamed in round {round}")
}

fn create_name(round: usize) -> String {
    format!("Created in round {round}")
}

/// Runs a command to the end and returns its standard output; panics on failure.
fn run_ok(mut command: Command) -> String {
    let output = command.output().expect("the accord binary runs");
    assert!(
        output.status.success(),
        "{:?} failed: {}",
        command,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn accord(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_accord"));
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ACCORD_DB")
        .env("ACCORD_PASSPHRASE", PASSPHRASE)
        .stdin(Stdio::null());
    command
}

/// A database with one alliance whose first partner has a passphrase and saved answers once
/// (the co-marketing sample's answers), and the sheet the `answer` rounds save again.
fn scene() -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("accord.db");
    let created = run_ok(accord(
        &db,
        &[
            "alliance",
            "create",
            "--name",
            "Crash test",
            "--kind",
            "co-marketing",
            "--partner",
            "Northwind Advisory",
            "--partner",
            "Lumen Analytics",
            "--format",
            "json",
        ],
    ));
    let created: serde_json::Value = serde_json::from_str(&created).unwrap();
    let alliance = created["id"].as_str().unwrap().to_string();
    let mut sheet: serde_json::Value = serde_json::from_str(&run_ok(accord(
        &db,
        &["sheet", "new", "--alliance", &alliance, "--as", "1"],
    )))
    .unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/samples/co_marketing_seminar/a.json");
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
    sheet["answers"] = sample["answers"].clone();
    let sheet_path = dir.path().join("answers.json");
    std::fs::write(&sheet_path, serde_json::to_string_pretty(&sheet).unwrap()).unwrap();
    // The alliance file, its question set repeated to QUESTIONS questions with numbered ids.
    let mut import: serde_json::Value =
        serde_json::from_str(&run_ok(accord(&db, &["alliance", "export", &alliance]))).unwrap();
    let questions = import["questions"]["questions"].as_array().unwrap().clone();
    import["questions"]["questions"] = (0..QUESTIONS)
        .map(|i| {
            let mut q = questions[i % questions.len()].clone();
            q["id"] = format!("{}-{i}", q["id"].as_str().unwrap()).into();
            q
        })
        .collect();
    let scene = Scene {
        imports: dir.path().join("imports.db"),
        _dir: dir,
        main: db,
        alliance,
        sheet: sheet_path,
        import,
    };
    // The first save sets the partner's passphrase; every later one unlocks with it.
    let mut first = scene.command(Writer::Answer, 0);
    first.stdout(Stdio::piped());
    let out = run_ok(first);
    assert!(out.contains("(revision 1)"), "{out}");
    scene
}

/// The complete lines of `stdout` (a line cut by the kill is not a report).
fn whole_lines(stdout: &str) -> impl Iterator<Item = &str> {
    let end = stdout.rfind('\n').map_or(0, |i| i + 1);
    stdout[..end].lines()
}

/// What a writer's standard output says it saved.
fn reported(writer: Writer, round: usize, scene: &Scene, stdout: &str) -> Option<Saved> {
    match writer {
        Writer::Rename | Writer::Create => {
            let mut revision = None;
            let mut id = None;
            for line in whole_lines(stdout) {
                if let Some(n) = line.trim().strip_prefix("revision:") {
                    revision = Some(n.trim().parse::<u32>().expect("a revision number"));
                }
                if let Some(found) = line.trim().strip_prefix("id:") {
                    id = Some(found.trim().to_string());
                }
            }
            let (alliance, name) = match writer {
                Writer::Rename => (Some(scene.alliance.clone()), rename_to(round)),
                _ => (id, create_name(round)),
            };
            match (alliance, revision) {
                (Some(alliance), Some(revision)) => Some(Saved::Revision {
                    alliance,
                    revision,
                    name,
                }),
                _ => None,
            }
        }
        Writer::Answer => whole_lines(stdout).find_map(|line| {
            let rest = line.split("(revision ").nth(1)?;
            let n = rest.split(')').next()?;
            Some(Saved::Answers {
                revision: n.parse().expect("an answer revision number"),
            })
        }),
        // JSON: a report only once the whole document was printed.
        Writer::Import => {
            let imported: serde_json::Value = serde_json::from_str(stdout).ok()?;
            assert_eq!(imported["id"], import_id(round).as_str(), "{stdout}");
            Some(Saved::Revision {
                alliance: import_id(round),
                revision: imported["revision"].as_u64()? as u32,
                name: import_name(round),
            })
        }
    }
}

/// How many frames at the end of the write-ahead log belong to a transaction that never wrote
/// its commit frame. Frames of the current log generation carry the header's salts; older
/// ones (left from before a checkpoint reset the log) do not and are ignored, as SQLite does.
fn uncommitted_frames(db: &Path) -> usize {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let Ok(mut file) = std::fs::File::open(PathBuf::from(wal)) else {
        return 0;
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).unwrap();
    if bytes.len() < 32 {
        return 0;
    }
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    let page_size = be(8) as usize;
    let salts = (be(16), be(20));
    let frame = 24 + page_size;
    let (mut at, mut since_commit) = (32, 0);
    while at + 24 <= bytes.len() && (be(at + 8), be(at + 12)) == salts {
        since_commit += 1;
        if be(at + 4) != 0 {
            since_commit = 0;
        }
        at += frame;
    }
    since_commit
}

/// A row of a revision table: (table, alliance or alliance/party, revision).
type Key = (&'static str, String, u32);

/// Every alliance, question set and answer revision in the database, with the alliance
/// revisions' names (the other rows are only known to be there: reading megabytes of
/// question sets every round would make the test slow for nothing).
fn contents(db: &Path) -> BTreeMap<Key, String> {
    let mut rows = BTreeMap::new();
    if !db.exists() {
        return rows;
    }
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap();
    let mut read = |table: &'static str, sql: &str| {
        let mut stmt = conn.prepare(sql).unwrap();
        let found = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        for row in found {
            let (key, revision, value) = row.unwrap();
            rows.insert((table, key, revision), value);
        }
    };
    read(
        "alliance",
        "SELECT alliance_id, revision, name FROM alliance_revisions",
    );
    read(
        "questions",
        "SELECT alliance_id, revision, '' FROM question_set_revisions",
    );
    read(
        "answers",
        "SELECT alliance_id || '/' || party_id, revision, '' FROM answer_revisions",
    );
    rows
}

/// Opens the database as the next run of Accord would after a crash (SQLite recovers the
/// log): the file must pass `integrity_check` and `foreign_key_check`, and the store must
/// open it, bringing the schema up to date if the kill came while it was being created.
fn check_whole(db: &Path, round: usize, seed: u64) {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .unwrap_or_else(|e| panic!("round {round} (seed {seed:#x}): cannot open: {e}"));
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        integrity,
        ["ok"],
        "round {round} (seed {seed:#x}): integrity_check of {}",
        db.display()
    );
    let broken_keys: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        broken_keys, 0,
        "round {round} (seed {seed:#x}): foreign_key_check"
    );
    drop(conn);
    let store = Store::open(db, Timestamp(0))
        .unwrap_or_else(|e| panic!("round {round} (seed {seed:#x}): the store: {e}"));
    store
        .list_alliances(accord_store::Listing::All)
        .unwrap_or_else(|e| panic!("round {round} (seed {seed:#x}): listing: {e}"));
}

/// Whether `rows` hold what a writer reported saved.
fn holds(rows: &BTreeMap<Key, String>, item: &Saved, scene: &Scene) -> bool {
    match item {
        Saved::Revision {
            alliance,
            revision,
            name,
        } => {
            rows.get(&("alliance", alliance.clone(), *revision)) == Some(name)
                && (!alliance.starts_with("crash-import-")
                    || rows.contains_key(&("questions", alliance.clone(), 1)))
        }
        Saved::Answers { revision } => {
            rows.contains_key(&("answers", format!("{}/p1", scene.alliance), *revision))
        }
    }
}

fn remove_database(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        match std::fs::remove_file(PathBuf::from(path)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => panic!("{}: {e}", db.display()),
        }
    }
}

#[test]
fn killing_the_writer_at_any_moment_loses_nothing_reported_and_breaks_nothing() {
    let rounds = env_number("ACCORD_CRASH_ROUNDS", DEFAULT_ROUNDS as u64) as usize;
    let seed = env_number("ACCORD_CRASH_SEED", DEFAULT_SEED).max(1);
    println!(
        "crash test: {rounds} rounds, seed {seed:#x} (replay with ACCORD_CRASH_SEED={seed:#x})"
    );
    let started = Instant::now();
    let scene = scene();
    let mut rng = Rng(seed);

    // How long each write takes when left alone, and when it first prints (right after its
    // commit): the kills are spread over that time and a little more, or aimed at the commit.
    let mut aims = BTreeMap::new();
    for writer in Writer::ALL {
        let mut totals = Vec::new();
        let mut reports = Vec::new();
        for i in 0..3 {
            let begun = Instant::now();
            let mut child = scene.command(writer, 1_000_000 + i).spawn().unwrap();
            let mut first = [0u8; 1];
            child
                .stdout
                .as_mut()
                .unwrap()
                .read_exact(&mut first)
                .unwrap();
            reports.push(begun.elapsed());
            let output = child.wait_with_output().unwrap();
            assert!(output.status.success(), "{writer:?} fails when left alone");
            totals.push(begun.elapsed());
        }
        totals.sort();
        reports.sort();
        let typical = totals[1];
        aims.insert(
            writer,
            Aim {
                typical,
                commit: reports[1],
            },
        );
    }
    println!("write times and commit moments when left alone: {aims:?}");
    remove_database(&scene.imports);

    // What was reported saved: in the main database, and in the current imports database.
    let mut saved: Vec<Saved> = Vec::new();
    let mut imported: Vec<Saved> = Vec::new();
    let mut imports_checked = 0;
    let mut tally: BTreeMap<(Writer, Outcome), usize> = BTreeMap::new();
    for round in 1..=rounds {
        let writer = Writer::pick(&mut rng);
        let aim = aims.get_mut(&writer).unwrap();
        let aimed = rng.unit() < 0.5;
        let delay = aim.delay(aimed, &mut rng);
        let db = scene.db(writer);
        let before = contents(db);

        let mut child = scene.command(writer, round).spawn().expect("accord starts");
        std::thread::sleep(delay);
        let _ = child.kill();
        let output = child.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let killed = output.status.signal() == Some(9);
        if !killed {
            assert!(
                output.status.success(),
                "round {round} (seed {seed:#x}): {writer:?} failed without being killed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
        let report = reported(writer, round, &scene, &stdout);
        if !killed {
            assert!(
                report.is_some(),
                "round {round}: finished without a report: {stdout}"
            );
        }
        let torn = uncommitted_frames(db);

        // The next opener recovers; the file must be whole and hold everything reported.
        let after = if db.exists() {
            check_whole(db, round, seed);
            contents(db)
        } else {
            assert!(report.is_none(), "round {round}: reported, yet no database");
            BTreeMap::new()
        };
        let reports = if writer == Writer::Import {
            &mut imported
        } else {
            &mut saved
        };
        reports.extend(report.clone());
        for item in reports.iter() {
            assert!(
                holds(&after, item, &scene),
                "round {round} (seed {seed:#x}): {item:?} was reported saved but is missing"
            );
        }
        // Nothing that was there before may go or change, and a write is all or nothing: an
        // import adds an alliance revision and its question set, any other write one row.
        for (key, value) in &before {
            assert_eq!(
                after.get(key),
                Some(value),
                "round {round} (seed {seed:#x}): {key:?} changed"
            );
        }
        let added = after.len() - before.len();
        let whole = if writer == Writer::Import { 2 } else { 1 };
        assert!(
            added == 0 || added == whole,
            "round {round} (seed {seed:#x}): {writer:?} added {added} rows"
        );

        let outcome = match (killed, report.is_some(), added, torn) {
            (false, _, _, _) => Outcome::Finished,
            (true, true, _, _) => Outcome::KilledAfterReport,
            (true, false, n, _) if n > 0 => Outcome::KilledAfterCommit,
            (true, false, _, n) if n > 0 => Outcome::KilledMidTransaction,
            _ => Outcome::KilledBeforeWrite,
        };
        *tally.entry((writer, outcome)).or_default() += 1;
        if aimed {
            aim.learn_commit(added > 0);
        } else {
            aim.learn_duration(outcome == Outcome::Finished);
        }
        if writer == Writer::Import && after.len() >= 2 * IMPORTS_PER_FILE {
            imports_checked += imported.len();
            imported.clear();
            remove_database(db);
        }
    }

    // Every answer revision reported saved still decrypts with the partner's key.
    let store = Store::open(&scene.main, Timestamp(0)).unwrap();
    let id = AllianceId(scene.alliance.clone());
    store
        .alliance(&id)
        .expect("the alliance of the run is there");
    let key = store
        .unlock(&id, &PartyId("p1".into()), PASSPHRASE)
        .unwrap();
    let conn = Connection::open(&scene.main).unwrap();
    for item in &saved {
        if let Saved::Answers { revision } = item {
            let blob: Vec<u8> = conn
                .query_row(
                    "SELECT sheet FROM answer_revisions
                     WHERE alliance_id = ?1 AND party_id = 'p1' AND revision = ?2",
                    rusqlite::params![scene.alliance, revision],
                    |r| r.get(0),
                )
                .unwrap();
            let text = accord_envelope::lock::decrypt(&key, &blob)
                .unwrap_or_else(|e| panic!("answer revision {revision}: {e}"));
            accord_core::sheet::parse_sheet(std::str::from_utf8(&text).unwrap())
                .unwrap_or_else(|e| panic!("answer revision {revision}: {e}"));
        }
    }

    let count = |outcome: Outcome| -> usize {
        tally
            .iter()
            .filter(|((_, o), _)| *o == outcome)
            .map(|(_, n)| n)
            .sum()
    };
    println!("outcomes by writer: {tally:?}");
    println!("estimated commit moments at the end: {aims:?}");
    println!(
        "{rounds} rounds in {:.1}s: {} finished before the kill, {} killed after reporting, {} after the commit but before reporting, {} mid-transaction, {} before writing; {} writes reported saved, all present",
        started.elapsed().as_secs_f64(),
        count(Outcome::Finished),
        count(Outcome::KilledAfterReport),
        count(Outcome::KilledAfterCommit),
        count(Outcome::KilledMidTransaction),
        count(Outcome::KilledBeforeWrite),
        saved.len() + imported.len() + imports_checked,
    );
    // The kills must really have landed on both sides of the commit, or the test proves little.
    assert!(
        count(Outcome::KilledBeforeWrite) > 0,
        "no kill landed before a write"
    );
    assert!(
        count(Outcome::KilledAfterCommit) + count(Outcome::KilledAfterReport) > 0,
        "no kill landed after a commit"
    );
}
