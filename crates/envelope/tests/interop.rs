//! Interoperability with tools that are not Accord, as docs/envelope-format.md promises: the
//! standard `age` tool (Debian package age) opens a revealed envelope, and an independent
//! verifier (`scripts/verify-envelope.py`, Python's `cryptography` package) accepts the
//! signatures and commitments and refuses altered copies.
//!
//! These tests need `age`, `age-keygen` and a Python with `cryptography` (by default
//! `.venv/bin/python` at the workspace root, or `$ACCORD_PYTHON`). Missing tools fail the test
//! with a message naming `scripts/install.sh`, which installs them; nothing is skipped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use accord_envelope::envelope::{self, Binding, Envelope, Reveal};
use accord_envelope::Identity;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::Value;

const SHEET: &[u8] = "{\"format\":\"accord.answer-sheet\",\"version\":1,\
    \"respondent\":{\"name\":\"Zoë Lindqvist\"}}\n"
    .as_bytes();

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const INSTALL: &str = "run scripts/install.sh to install it";

/// Runs `cmd`, failing the test with its stderr when it does not start or exits non-zero.
fn run(cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}; {INSTALL}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The `age` tools, or a failure that says how to install them.
fn require_age() {
    for tool in ["age", "age-keygen"] {
        let found = Command::new(tool).arg("--version").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "`{tool}` is missing (Debian package age); {INSTALL}"
        );
    }
}

/// The Python that has `cryptography`, or a failure that says how to install it.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(find_python)
}

fn find_python() -> PathBuf {
    let python = std::env::var_os("ACCORD_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join(".venv/bin/python"));
    let found = Command::new(&python)
        .args(["-c", "import cryptography"])
        .output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "{} cannot import the package cryptography (set ACCORD_PYTHON to another Python); {INSTALL}",
        python.display()
    );
    python
}

/// One side of an exchange, sealed and revealed, written to files in a scratch folder; the
/// partner's age key comes from `age-keygen`, not from Accord.
struct Exchange {
    dir: tempfile::TempDir,
    sender: Identity,
    binding: Binding,
    envelope: Envelope,
    reveal: Reveal,
}

impl Exchange {
    fn new() -> Exchange {
        require_age();
        let dir = tempfile::tempdir().unwrap();
        let sender = Identity::generate("Northwind Advisory");
        let binding = Binding {
            alliance: "alliance-7".into(),
            round: 3,
            party: "p1".into(),
            questions: envelope::sha256_hex(b"the question set"),
        };
        let (envelope, envelope_key) = envelope::seal(&sender, &binding, SHEET).unwrap();

        let partner_key = dir.path().join("partner.agekey");
        run(Command::new("age-keygen").arg("-o").arg(&partner_key));
        let partner_public = run(Command::new("age-keygen").arg("-y").arg(&partner_key)).stdout;
        // `reveal` reads only the partner card's age key, so a card around the age-keygen
        // key is enough (its fingerprint is not checked on this side).
        let mut partner = Identity::generate("Lumen Analytics").card();
        partner.encryption = String::from_utf8(partner_public)
            .unwrap()
            .trim()
            .to_string();
        let reveal = envelope::reveal(&sender, &envelope, &envelope_key, &partner).unwrap();

        let exchange = Exchange {
            dir,
            sender,
            binding,
            envelope,
            reveal,
        };
        exchange.write("sender.card.json", &exchange.sender.card().to_json());
        exchange.write("envelope.json", &to_json(&exchange.envelope));
        exchange.write("reveal.json", &to_json(&exchange.reveal));
        exchange
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.path(name);
        fs::write(&path, text).unwrap();
        path
    }

    /// Runs the independent verifier on `file` with `card` (and `extra` arguments).
    fn python_verify(&self, file: &str, card: &str, extra: &[&str]) -> Output {
        let mut cmd = Command::new(python());
        cmd.arg(workspace_root().join("scripts/verify-envelope.py"))
            .arg(self.path(file))
            .arg(self.path(card));
        for arg in extra {
            // Flags as given, file names in the scratch folder.
            if arg.starts_with("--") {
                cmd.arg(arg);
            } else {
                cmd.arg(self.path(arg));
            }
        }
        cmd.output()
            .expect("the Python interpreter was found a moment ago")
    }

    fn python_accepts(&self, file: &str, card: &str, extra: &[&str]) -> String {
        let out = self.python_verify(file, card, extra);
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "verify-envelope.py refused {file}: {}{stdout}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.starts_with("ok: ") && stdout.lines().count() == 1,
            "{stdout}"
        );
        stdout
    }

    /// The verifier must exit 1 with a message containing `reason`.
    fn python_refuses(&self, file: &str, card: &str, extra: &[&str], reason: &str) {
        let out = self.python_verify(file, card, extra);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "verify-envelope.py accepted {file}: {}{stderr}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            stderr.contains(reason),
            "{file}: {stderr:?} lacks {reason:?}"
        );
    }

    /// A copy of `value` with one field changed, written as `name`.
    fn altered<T: serde::Serialize>(
        &self,
        name: &str,
        value: &T,
        field: &str,
        change: impl Fn(&Value) -> Value,
    ) -> PathBuf {
        let mut json = serde_json::to_value(value).unwrap();
        json[field] = change(&json[field]);
        self.write(name, &json.to_string())
    }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap()
}

/// One character of a string changed (its last, to another hex digit and letter alike).
fn one_char_changed(value: &Value) -> Value {
    let mut s = value.as_str().unwrap().to_string();
    let last = s.pop().unwrap();
    s.push(if last == '0' { '1' } else { '0' });
    Value::String(s)
}

#[test]
fn the_age_tool_opens_a_revealed_envelope() {
    let x = Exchange::new();
    let key_file = x.path("reveal.key.age");
    fs::write(&key_file, B64.decode(&x.reveal.key).unwrap()).unwrap();
    let ciphertext_file = x.path("envelope.age");
    fs::write(
        &ciphertext_file,
        B64.decode(&x.envelope.ciphertext).unwrap(),
    )
    .unwrap();

    // The partner opens the reveal with the key age-keygen made: the envelope key.
    let envelope_key = run(Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(x.path("partner.agekey"))
        .arg(&key_file))
    .stdout;
    let envelope_key = String::from_utf8(envelope_key).unwrap();
    assert!(
        envelope_key.starts_with("AGE-SECRET-KEY-1"),
        "{envelope_key}"
    );
    let envelope_key_file = x.write("envelope.agekey", &envelope_key);

    // The envelope key opens the ciphertext: the sheet, byte for byte.
    let sheet = run(Command::new("age")
        .arg("-d")
        .arg("-i")
        .arg(&envelope_key_file)
        .arg(&ciphertext_file))
    .stdout;
    assert_eq!(sheet, SHEET);

    // And the commitment is the ciphertext's SHA-256, as the signature says.
    assert_eq!(
        envelope::sha256_hex(&fs::read(&ciphertext_file).unwrap()),
        x.envelope.commitment
    );
}

#[test]
fn an_independent_verifier_accepts_the_signatures_and_refuses_altered_files() {
    let x = Exchange::new();
    let card = x.sender.card();

    let ok = x.python_accepts("envelope.json", "sender.card.json", &[]);
    assert!(ok.contains(&x.envelope.commitment), "{ok}");
    x.python_accepts("reveal.json", "sender.card.json", &[]);
    x.python_accepts(
        "reveal.json",
        "sender.card.json",
        &["--envelope", "envelope.json"],
    );

    // Altered envelopes: Accord's reader and the verifier both refuse them.
    let sealed = |name: &str| {
        let text = fs::read_to_string(x.path(name)).unwrap();
        envelope::open_sealed(&text, &card, &x.binding)
    };
    assert!(sealed("envelope.json").is_ok());
    x.altered("round.json", &x.envelope, "round", |r| {
        Value::from(r.as_u64().unwrap() + 1)
    });
    x.altered("alliance.json", &x.envelope, "alliance", one_char_changed);
    x.altered(
        "commitment.json",
        &x.envelope,
        "commitment",
        one_char_changed,
    );
    x.altered("signature.json", &x.envelope, "signature", |_| {
        Value::from(B64.encode([7u8; 64]))
    });
    for (file, reason) in [
        ("round.json", "the signature does not verify"),
        ("alliance.json", "the signature does not verify"),
        ("commitment.json", "does not hash to the commitment"),
        ("signature.json", "the signature does not verify"),
    ] {
        assert!(sealed(file).is_err(), "Accord accepted {file}");
        x.python_refuses(file, "sender.card.json", &[], reason);
    }

    // Altered reveals: the commitment and binding are signed, not only the key.
    let revealed = |name: &str| {
        let text = fs::read_to_string(x.path(name)).unwrap();
        let me = Identity::generate("not the partner");
        envelope::open_reveal(&text, &me, &card, &x.envelope)
    };
    x.altered("reveal-party.json", &x.reveal, "party", one_char_changed);
    x.altered(
        "reveal-commitment.json",
        &x.reveal,
        "commitment",
        one_char_changed,
    );
    for file in ["reveal-party.json", "reveal-commitment.json"] {
        assert!(revealed(file).is_err(), "Accord accepted {file}");
        x.python_refuses(
            file,
            "sender.card.json",
            &[],
            "the signature does not verify",
        );
    }

    // A reveal checked against another envelope, a card of someone else, an altered card.
    let (other, _) = envelope::seal(&x.sender, &x.binding, b"other answers").unwrap();
    x.write("other-envelope.json", &to_json(&other));
    x.python_refuses(
        "reveal.json",
        "sender.card.json",
        &["--envelope", "other-envelope.json"],
        "\"commitment\" differs",
    );
    x.write(
        "stranger.card.json",
        &Identity::generate("Mallory").card().to_json(),
    );
    x.python_refuses("envelope.json", "stranger.card.json", &[], "but the card");
    let mut swapped = card.clone();
    swapped.encryption = Identity::generate("Mallory").card().encryption;
    x.write("swapped.card.json", &swapped.to_json());
    x.python_refuses(
        "envelope.json",
        "swapped.card.json",
        &[],
        "does not match its keys",
    );
}
