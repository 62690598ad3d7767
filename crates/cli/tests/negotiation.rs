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

    // After the agreement: a check-in that moves away from an agreed value shows as drift.
    let mut sheet = accord(&db, PASS[0], &["checkin", &id, "--print", "--as", "1"])
        .ok()
        .json();
    let answers = sheet["answers"].as_array_mut().unwrap();
    let attendees = answers
        .iter_mut()
        .find(|a| a["question"] == "event-attendees")
        .unwrap();
    attendees["value"] = serde_json::json!({"type": "number", "value": 400, "unit": "people"});
    let path = dir.path().join("checkin.json");
    std::fs::write(&path, serde_json::to_string(&sheet).unwrap()).unwrap();
    let checked = accord(
        &db,
        PASS[0],
        &[
            "checkin",
            &id,
            "--sheet",
            path.to_str().unwrap(),
            "--as",
            "1",
        ],
    )
    .ok();
    assert!(
        checked.stdout.contains("1 agreed item(s) drifted"),
        "{}",
        checked.stdout
    );
    let drift = accord(&db, PASS[0], &["drift", &id, "--as", "1"])
        .ok()
        .stdout;
    assert!(drift.contains("event-attendees"), "{drift}");
    assert!(drift.contains("400 people"), "{drift}");
    let history = accord(&db, PASS[0], &["history", &id, "--as", "1"])
        .ok()
        .stdout;
    assert!(history.contains("Round 1"), "{history}");
    assert!(
        history.contains("Check-in, Northwind Advisory"),
        "{history}"
    );
    let same = accord(&db, "", &["diff-versions", &id, "1", "1"])
        .ok()
        .stdout;
    assert!(same.contains("0 change(s)"), "{same}");
}

/// Answers by question id, read as the store reads them, to compare sheets whatever their
/// order and spelling of defaults.
fn by_question(
    sheet: &serde_json::Value,
) -> std::collections::BTreeMap<String, accord_core::Answer> {
    sheet["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let answer: accord_core::Answer = serde_json::from_value(a.clone()).unwrap();
            (answer.question.0.clone(), answer)
        })
        .collect()
}

#[test]
fn a_new_round_prints_each_partners_own_answers_to_start_from() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = sealed(dir.path());
    let print = |n: usize| {
        accord(
            &db,
            PASS[n - 1],
            &["answer", &id, "--as", &n.to_string(), "--print"],
        )
    };

    // Round 1: the saved (sealed) answers, with nothing said about carrying.
    let first = print(1).ok();
    assert_eq!(by_question(&first.json()), by_question(&sample("a.json")));
    assert_eq!(first.stderr, "");

    // Round 2 (opened as the app does): each partner starts from their own sealed answers.
    let mut store =
        accord_store::Store::open(&db, accord_core::Timestamp(1_795_436_044_000)).unwrap();
    let alliance = store.resolve_id(&id).unwrap();
    assert_eq!(
        store
            .open_next_round(&alliance, accord_core::Timestamp(1_795_436_104_000))
            .unwrap(),
        2
    );
    drop(store);
    for (n, file) in [(1, "a.json"), (2, "b.json")] {
        let run = print(n).ok();
        let sheet = run.json();
        assert_eq!(
            by_question(&sheet),
            by_question(&sample(file)),
            "partner {n}"
        );
        let carried = sample(file)["answers"].as_array().unwrap().len();
        assert!(
            run.stderr.starts_with(&format!(
                "Round 2 starts from your sealed answers of round 1: {carried} answer(s) carried over, "
            )),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("Nothing is saved"), "{}", run.stderr);
    }
    // Printing saved nothing: nobody has started round 2.
    let store = accord_store::Store::open(&db, accord_core::Timestamp(1_795_436_164_000)).unwrap();
    let state = store.round_state(&alliance).unwrap();
    assert_eq!(state.round, 2);
    assert!(state.parties.iter().all(|p| !p.started));

    // --print neither takes a sheet nor seals.
    let refused = accord(
        &db,
        PASS[0],
        &["answer", &id, "--as", "1", "--print", "--seal"],
    );
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}
