//! Writes a database holding one alliance whose two partners have answered and sealed a
//! question set of N questions, so the app opens straight to a comparison of that size.
//! Used by `scripts/bench-comparison.sh` and end-to-end tests; not part of the product.
//!
//! `cargo run --release -p accord-store --example sealed_alliance -- DB N`
//! Partners: "Northwind Advisory" (passphrase "northwind-pass") and "Lumen Analytics"
//! ("lumen-pass-123"). The questions repeat the co-marketing set with numbered ids; the answers
//! are the demo sheets' answers to the same questions, so every verdict occurs.

use std::path::PathBuf;

use accord_core::demo::{demo_alliance, demo_sheets};
use accord_core::questions::set_for_kind;
use accord_core::{AllianceId, AllianceKind, Answer, PartyId, QuestionId, Timestamp};
use accord_store::Store;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let db = PathBuf::from(args.next().ok_or("usage: sealed_alliance DB N")?);
    let n: usize = args.next().ok_or("usage: sealed_alliance DB N")?.parse()?;
    let now = Timestamp::from_system_time(std::time::SystemTime::now());

    let mut store = Store::open(&db, now)?;
    let id = AllianceId("perf-alliance".into());
    let mut draft = demo_alliance();
    draft.name = format!("Benchmark: {n} questions");
    store.create_alliance(id.clone(), &draft, now)?;

    let template = set_for_kind(AllianceKind::CoMarketing);
    let mut set = store.question_set(&id, now)?.set;
    set.questions.clear();
    for i in 0..n {
        let mut q = template.questions[i % template.questions.len()].clone();
        q.id = QuestionId(format!("{}-{}", q.id.0, i / template.questions.len() + 1));
        q.term = None;
        set.questions.push(q);
    }
    store.save_question_set(&id, &set, now)?;

    let (demo_a, demo_b) = demo_sheets();
    let parties = [
        (PartyId("p1".into()), "northwind-pass", demo_a),
        (PartyId("p2".into()), "lumen-pass-123", demo_b),
    ];
    let mut keys = Vec::new();
    for (party, passphrase, demo) in &parties {
        let key = store.create_passphrase(&id, party, passphrase, now)?;
        let mut sheet = store.answers(&id, &key, party, now)?;
        sheet.answers = set
            .questions
            .iter()
            .filter_map(|q| {
                let base = q.id.0.rsplit_once('-').map(|(b, _)| b)?;
                let found: &Answer = demo.answers.iter().find(|a| a.question.0 == base)?;
                let mut answer = found.clone();
                answer.question = q.id.clone();
                Some(answer)
            })
            .collect();
        store.save_answers(&id, &key, &sheet, now)?;
        keys.push(key);
    }
    for ((party, _, _), key) in parties.iter().zip(&keys) {
        store.seal(&id, key, party, now)?;
    }
    println!("{}", db.display());
    Ok(())
}
