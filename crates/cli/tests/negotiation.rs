//! Two partners on one machine negotiate through the real `accord` binary: answer and seal,
//! read the suggestions, propose and accept, and freeze the agreement.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

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

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).expect("stdout is JSON")
    }
}

fn accord(db: &Path, passphrase: &str, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_accord"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("ACCORD_DB")
        .env("ACCORD_PASSPHRASE", passphrase)
        .stdin(Stdio::null())
        .output()
        .expect("the accord binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

fn sample(file: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/samples/co_marketing_seminar")
        .join(file);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

const PASS: [&str; 2] = ["northwind passphrase", "lumen passphrase"];

/// An alliance where both partners answered (the co-marketing sample pair) and sealed.
fn sealed(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("accord.db");
    let created = accord(
        &db,
        "",
        &[
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
            "--format",
            "json",
        ],
    )
    .ok()
    .json();
    let id = created["id"].as_str().unwrap().to_string();
    // Both save their answers first: sealing needs every partner to have a passphrase.
    for seal in [false, true] {
        for (n, file) in [(1, "a.json"), (2, "b.json")] {
            let mut sheet = accord(
                &db,
                "",
                &["sheet", "new", "--alliance", &id, "--as", &n.to_string()],
            )
            .ok()
            .json();
            sheet["answers"] = sample(file)["answers"].clone();
            let path = dir.join(format!("answers-{n}.json"));
            std::fs::write(&path, serde_json::to_string(&sheet).unwrap()).unwrap();
            let mut args = vec![
                "answer".to_string(),
                id.clone(),
                "--as".into(),
                n.to_string(),
                "--sheet".into(),
                path.display().to_string(),
            ];
            if seal {
                args.push("--seal".into());
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = accord(&db, PASS[n - 1], &args).ok();
            assert_eq!(run.stdout.contains("Sealed"), seal, "{}", run.stdout);
        }
    }
    (db, id)
}

#[test]
fn partners_negotiate_and_freeze_an_agreement_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = sealed(dir.path());
    let suggestions = accord(
        &db,
        PASS[0],
        &["suggest", &id, "--as", "1", "--format", "json"],
    )
    .ok()
    .json();
    let disputed = suggestions["disputed"].as_array().unwrap();
    assert!(disputed.len() > 5);
    let text = accord(&db, PASS[1], &["suggest", &id, "--as", "Lumen Analytics"])
        .ok()
        .stdout;
    assert!(text.contains("Best for both"), "{text}");

    // Freezing is refused while severe questions are open; the message names them.
    let refused = accord(
        &db,
        PASS[0],
        &["agree", &id, "--as", "1", "--threshold", "30"],
    );
    assert_eq!(refused.code, 1);
    assert!(refused.stderr.contains("unresolved"), "{}", refused.stderr);

    for d in disputed {
        let question = d["question"].as_str().unwrap();
        accord(
            &db,
            PASS[0],
            &[
                "resolve",
                &id,
                question,
                "propose",
                "--pick",
                "1",
                "--as",
                "1",
                "--comment",
                "the first suggestion",
            ],
        )
        .ok();
        // Accepting one's own proposal is refused, with nothing written.
        let own = accord(
            &db,
            PASS[0],
            &["resolve", &id, question, "accept", "--as", "1"],
        );
        assert_eq!(own.code, 1, "{}", own.stdout);
        let agreed = accord(
            &db,
            PASS[1],
            &["resolve", &id, question, "accept", "--as", "2"],
        )
        .ok();
        assert!(agreed.stdout.contains("agreed on"), "{}", agreed.stdout);
    }
    // The wrong partner's passphrase cannot act as them.
    let wrong = accord(&db, PASS[0], &["suggest", &id, "--as", "2"]);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong.stderr.contains("wrong passphrase"),
        "{}",
        wrong.stderr
    );

    let agreement = accord(
        &db,
        PASS[1],
        &[
            "agree",
            &id,
            "--as",
            "2",
            "--threshold",
            "30",
            "--review-on",
            "2027-06-01",
            "--format",
            "json",
        ],
    )
    .ok()
    .json();
    assert_eq!(agreement["number"], 1);
    assert_eq!(agreement["review_on"], "2027-06-01");
    let negotiated = agreement["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["settled"] == "negotiated")
        .count();
    assert_eq!(negotiated, disputed.len());
    assert_eq!(agreement["hash"].as_str().unwrap().len(), 64);

    // Exports in every format verify; an altered one does not.
    for (format, name) in [
        ("md", "agreement.md"),
        ("html", "agreement.html"),
        ("pdf", "agreement.pdf"),
        ("json", "agreement.json"),
    ] {
        let path = dir.path().join(name);
        let path = path.to_str().unwrap();
        accord(&db, "", &["export", &id, "--format", format, "--out", path]).ok();
        let verified = accord(&db, "", &["verify", path]).ok();
        assert!(verified.stdout.contains("check out"), "{}", verified.stdout);
        assert!(
            verified.stdout.contains("not signed yet"),
            "{}",
            verified.stdout
        );
    }
    let md = dir.path().join("agreement.md");
    let text = std::fs::read_to_string(&md).unwrap();
    let altered = text.replacen("2027-06-01", "2027-06-02", 1);
    assert_ne!(altered, text, "the export shows the review date");
    std::fs::write(&md, altered).unwrap();
    let refused = accord(&db, "", &["verify", md.to_str().unwrap()]);
    assert_eq!(refused.code, 1, "{}", refused.stdout);
    assert!(
        refused.stderr.contains("did not verify"),
        "{}",
        refused.stderr
    );

    // Signing with an identity, for partner 1; the export then shows the valid signature.
    accord(
        &db,
        "identity pass",
        &["identity", "create", "--name", "Ana at Northwind"],
    )
    .ok();
    accord(&db, "identity pass", &["sign", &id, "--party", "1"]).ok();
    let again = accord(&db, "identity pass", &["sign", &id, "--party", "1"]);
    assert_eq!(again.code, 1, "a partner signs once: {}", again.stdout);
    let signed = dir.path().join("signed.pdf");
    accord(
        &db,
        "",
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "--out",
            signed.to_str().unwrap(),
        ],
    )
    .ok();
    let verified = accord(&db, "", &["verify", signed.to_str().unwrap()]).ok();
    assert!(
        verified
            .stdout
            .contains("signed for Northwind Advisory by Ana at Northwind"),
        "{}",
        verified.stdout
    );
}
