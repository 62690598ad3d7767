//! Two partners on two machines, simulated with two database files, exchanging sealed answers
//! through the real `accord` binary: identities, cards, the alliance file, envelopes, reveals
//! and the comparison; then the refusals, each leaving the database as it was.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(self) -> Run {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        self
    }

    fn refused(self, expected: &str) -> Run {
        assert_eq!(self.code, 1, "expected a refusal; stdout: {}", self.stdout);
        assert!(
            self.stderr.contains(expected),
            "expected {expected:?} in: {}",
            self.stderr
        );
        assert_eq!(self.stderr.lines().count(), 1, "one line: {}", self.stderr);
        self
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }
}

/// One partner's machine: a database, a folder for files, a passphrase.
struct Machine {
    db: PathBuf,
    dir: PathBuf,
    passphrase: &'static str,
}

impl Machine {
    fn run(&self, args: &[&str]) -> Run {
        let Output {
            status,
            stdout,
            stderr,
        } = Command::new(env!("CARGO_BIN_EXE_accord"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .current_dir(&self.dir)
            .env_remove("ACCORD_DB")
            .env("ACCORD_PASSPHRASE", self.passphrase)
            .stdin(Stdio::null())
            .output()
            .expect("the accord binary runs");
        Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8(stdout).unwrap(),
            stderr: String::from_utf8(stderr).unwrap(),
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }

    /// Everything the exchange and the alliance's history hold, to show nothing changed.
    fn state(&self, id: &str) -> String {
        let exchange = self.run(&["exchange", id, "--format", "json"]).ok().stdout;
        let history = self
            .run(&["alliance", "history", id, "--format", "json"])
            .ok()
            .stdout;
        exchange + &history
    }

    /// A sheet for the alliance's questions with the answers of a sample sheet.
    fn answers(&self, id: &str, sample: &str, name: &str) -> String {
        let blank = self.run(&["sheet", "new", "--alliance", id]).ok().json();
        let sample: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(sample_path(sample)).unwrap()).unwrap();
        let mut sheet = blank;
        sheet["answers"] = sample["answers"].clone();
        let path = self.path(name);
        std::fs::write(&path, serde_json::to_string_pretty(&sheet).unwrap()).unwrap();
        path
    }
}

fn sample_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/samples/co_marketing_seminar")
        .join(file)
}

fn copy(from: &str, to: &Machine, name: &str) -> String {
    let path = to.path(name);
    std::fs::copy(from, &path).unwrap();
    path
}

fn field(path: &str, key: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value[key].as_str().unwrap().to_string()
}

/// Two machines set up for an exchange: the alliance on both, identities, cards bound.
fn set_up(root: &Path) -> (Machine, Machine, String) {
    let machine = |name: &str, passphrase| {
        let dir = root.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        Machine {
            db: dir.join("accord.db"),
            dir,
            passphrase,
        }
    };
    let a = machine("northwind", "northwind machine");
    let b = machine("lumen", "lumen machine pass");
    let created = a
        .run(&[
            "alliance",
            "create",
            "--name",
            "Spring client seminar",
            "--kind",
            "co-marketing",
            "--partner",
            "Northwind Advisory",
            "--partner",
            "Lumen Analytics",
            "--term",
            "Costs are shared equally",
            "--format",
            "json",
        ])
        .ok()
        .json();
    let id = created["id"].as_str().unwrap().to_string();

    a.run(&["identity", "create", "--name", "Ana at Northwind"])
        .ok();
    a.run(&["identity", "card", "--out", "ana-card.json"]).ok();
    a.run(&["identity", "bind", &id, "--party", "1", "--me"])
        .ok();
    a.run(&["alliance", "export", &id, "--out", "alliance.json"])
        .ok();

    let alliance = copy(&a.path("alliance.json"), &b, "alliance.json");
    b.run(&["alliance", "import", &alliance]).ok();
    b.run(&["identity", "create", "--name", "Ben at Lumen"])
        .ok();
    b.run(&["identity", "card", "--out", "ben-card.json"]).ok();
    b.run(&[
        "identity",
        "bind",
        &id,
        "--party",
        "Lumen Analytics",
        "--me",
    ])
    .ok();

    // Each binds the other's card after confirming its fingerprint (read out on a call).
    let ana_card = copy(&a.path("ana-card.json"), &b, "ana-card.json");
    let ben_card = copy(&b.path("ben-card.json"), &a, "ben-card.json");
    // Without a terminal and without --fingerprint, nothing is bound.
    b.run(&["identity", "bind", &id, "--party", "1", "--card", &ana_card])
        .refused("not confirmed; nothing was bound");
    b.run(&[
        "identity",
        "bind",
        &id,
        "--party",
        "1",
        "--card",
        &ana_card,
        "--fingerprint",
        "0000-0000-0000-0000-0000",
    ])
    .refused("not the 0000-0000-0000-0000-0000 you confirmed");
    let fingerprint = field(&ana_card, "fingerprint");
    b.run(&[
        "identity",
        "bind",
        &id,
        "--party",
        "1",
        "--card",
        &ana_card,
        "--fingerprint",
        &fingerprint,
    ])
    .ok();
    let fingerprint = field(&ben_card, "fingerprint").to_lowercase();
    a.run(&[
        "identity",
        "bind",
        &id,
        "--party",
        "p2",
        "--card",
        &ben_card,
        "--fingerprint",
        &fingerprint,
    ])
    .ok();
    (a, b, id)
}

#[test]
fn two_machines_exchange_sealed_answers_and_see_the_same_comparison() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, id) = set_up(root.path());
    let short = &id[..8];

    let sheet_a = a.answers(&id, "a.json", "answers.json");
    let sheet_b = b.answers(&id, "b.json", "answers.json");
    a.run(&["seal", short, "--sheet", &sheet_a, "--out", "envelope.json"])
        .ok();
    // Nothing can be revealed before holding the partner's envelope.
    a.run(&["reveal", short, "--out", "reveal.json"])
        .refused("Lumen Analytics's envelope has not been imported yet");

    let from_a = copy(&a.path("envelope.json"), &b, "from-northwind.json");
    let opened = b.run(&["open", &from_a]).ok();
    assert!(opened.stdout.contains("stays sealed"), "{}", opened.stdout);
    // B has not sealed: nothing to compare.
    b.run(&["compare", "--alliance", short])
        .refused("once every partner has sealed");

    b.run(&["seal", short, "--sheet", &sheet_b, "--out", "envelope.json"])
        .ok();
    let from_b = copy(&b.path("envelope.json"), &a, "from-lumen.json");
    a.run(&["open", &from_b]).ok();

    a.run(&["reveal", short, "--out", "reveal.json"]).ok();
    b.run(&["reveal", short, "--out", "reveal.json"]).ok();
    let reveal_b = copy(&b.path("reveal.json"), &a, "reveal-from-lumen.json");
    let reveal_a = copy(&a.path("reveal.json"), &b, "reveal-from-northwind.json");
    let done = a.run(&["open", &reveal_b]).ok();
    assert!(
        done.stdout.contains("Every partner's answers are open"),
        "{}",
        done.stdout
    );
    b.run(&["open", &reveal_a]).ok();

    let on_a = a
        .run(&["compare", "--alliance", short, "--format", "json"])
        .ok()
        .json();
    let on_b = b
        .run(&["compare", "--alliance", short, "--format", "json"])
        .ok()
        .json();
    assert_eq!(on_a, on_b, "both machines see the same comparison");
    // And it is the engine's comparison of the two sheets as files.
    let files = a
        .run(&[
            "compare",
            &sheet_a,
            &b.path("answers.json"),
            "--format",
            "json",
        ])
        .ok()
        .json();
    assert_eq!(on_a["gaps"], files["gaps"]);
    assert_eq!(on_a["overall"], files["overall"]);

    let status = a.run(&["exchange", short]).ok().stdout;
    assert!(status.contains("Every answer is open"), "{status}");
}

#[test]
fn refused_files_say_why_and_change_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (a, b, id) = set_up(root.path());
    let sheet_a = a.answers(&id, "a.json", "answers.json");
    a.run(&["seal", &id, "--sheet", &sheet_a, "--out", "envelope.json"])
        .ok();
    let envelope = std::fs::read_to_string(a.path("envelope.json")).unwrap();
    let before = b.state(&id);

    let write = |name: &str, text: &str| {
        let path = b.path(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(&envelope).unwrap();
        f(&mut value);
        serde_json::to_string_pretty(&value).unwrap()
    };

    let truncated = write("truncated.json", &envelope[..envelope.len() / 2]);
    b.run(&["open", &truncated]).refused("truncated");
    let tampered = write(
        "tampered.json",
        &edit(&|v| v["commitment"] = "0".repeat(64).into()),
    );
    b.run(&["open", &tampered]).refused("altered");
    let resigned = write("round.json", &edit(&|v| v["round"] = 2.into()));
    b.run(&["open", &resigned])
        .refused("signature does not match");
    let newer = write("newer.json", &edit(&|v| v["version"] = 2.into()));
    b.run(&["open", &newer]).refused("update Accord");
    let other = write(
        "other.json",
        &edit(&|v| v["alliance"] = "11111111-2222-3333-4444-555555555555".into()),
    );
    b.run(&["open", &other])
        .refused("import the alliance file first");
    let stranger = write(
        "stranger.json",
        &edit(&|v| v["sender"] = "0000-0000-0000-0000-0000".into()),
    );
    b.run(&["open", &stranger]).refused("unknown sender");
    let signature = write(
        "signature.json",
        &edit(&|v| {
            let sig = v["signature"].as_str().unwrap().to_string();
            let flipped = if sig.starts_with('A') { "B" } else { "A" };
            v["signature"] = format!("{flipped}{}", &sig[1..]).into();
        }),
    );
    b.run(&["open", &signature])
        .refused("signature does not match");
    let card = write(
        "card.json",
        &std::fs::read_to_string(b.path("ben-card.json")).unwrap(),
    );
    b.run(&["open", &card])
        .refused("not an accord.envelope file");
    let huge = b.path("huge.json");
    std::fs::write(&huge, vec![b' '; 33 * 1024 * 1024]).unwrap();
    b.run(&["open", &huge])
        .refused("but an Accord envelope or reveal is at most 32 MiB");
    assert_eq!(b.state(&id), before, "no refused file changed anything");

    // The genuine envelope, then the same again (a replay), then a different one for the
    // same round (a partner changing their answers).
    let genuine = write("envelope.json", &envelope);
    b.run(&["open", &genuine]).ok();
    let recorded = b.state(&id);
    b.run(&["open", &genuine]).refused("already recorded");
    assert_eq!(b.state(&id), recorded);

    // B seals, exchanges, and a reveal that does not match the commitment is refused.
    let sheet_b = b.answers(&id, "b.json", "answers.json");
    b.run(&["seal", &id, "--sheet", &sheet_b, "--out", "mine.json"])
        .ok();
    let from_b = copy(&b.path("mine.json"), &a, "from-lumen.json");
    a.run(&["open", &from_b]).ok();
    a.run(&["reveal", &id, "--out", "reveal.json"]).ok();
    let reveal = std::fs::read_to_string(a.path("reveal.json")).unwrap();
    let mut mismatched: serde_json::Value = serde_json::from_str(&reveal).unwrap();
    mismatched["commitment"] = "a".repeat(64).into();
    let mismatched = write(
        "mismatched.json",
        &serde_json::to_string_pretty(&mismatched).unwrap(),
    );
    let before = b.state(&id);
    b.run(&["open", &mismatched])
        .refused("does not match the envelope recorded earlier");
    let wrong_pass = Machine {
        db: b.db.clone(),
        dir: b.dir.clone(),
        passphrase: "not the passphrase",
    };
    let genuine_reveal = write("reveal.json", &reveal);
    wrong_pass
        .run(&["open", &genuine_reveal])
        .refused("wrong passphrase");
    assert_eq!(b.state(&id), before, "no refused reveal changed anything");
    b.run(&["open", &genuine_reveal]).ok();

    // Outputs are never overwritten by accident.
    b.run(&["reveal", &id, "--out", "mine.json"])
        .refused("already exists");
}
