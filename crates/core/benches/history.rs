//! How long the core takes over an alliance's history of 1,000 revisions: the alignment
//! timeline (one comparison per revision) and a partner's drift from the agreement across
//! all their check-ins (one comparison per check-in, then since when each item drifted).
//!
//! The revisions are the demo pair with one answer changed per revision, deterministically.
//! In `drift-1000` each check-in moves only that one answer away from the agreement, so only
//! the latest check-in's item has drifted, and only since the latest check-in.
//! `drift-1000-held` is the worst case for since-when: every check-in also holds one other
//! number answer far from the agreed value, so that item has drifted since the first of the
//! 1,000 check-ins and every check-in must be looked at.
//! Run with `cargo bench -p accord-core --bench history`; figures go in `BENCHMARKS.md`.

use std::collections::HashMap;
use std::hint::black_box;

use accord_core::agreement::AgreementAlliance;
use accord_core::answer::{Expectation, NumberValue};
use accord_core::demo::demo_sheets;
use accord_core::negotiate::{draft_agreement, AgreementMeta};
use accord_core::revisit::{check_in_baseline, drift, timeline, Snapshot};
use accord_core::sheet::resolve_set;
use accord_core::{AllianceId, AllianceKind, AnswerSheet, PartyId, Timestamp};
use criterion::{criterion_group, criterion_main, Criterion};

const REVISIONS: usize = 1_000;

fn bench_history(c: &mut Criterion) {
    let (a, b) = demo_sheets();
    let set = resolve_set(&a).expect("built in");
    let meta = AgreementMeta {
        alliance: AgreementAlliance {
            id: AllianceId("bench".into()),
            name: "Bench".into(),
            kind: AllianceKind::CoMarketing,
        },
        number: 1,
        round: 1,
        agreed_on: "2026-01-01".into(),
        review_on: "2026-07-01".into(),
        threshold: 101,
    };
    let agreement =
        draft_agreement(&set, &a, &b, &HashMap::new(), meta).expect("nothing blocks at 101");
    let base_a = check_in_baseline(&agreement, &a);
    let base_b = check_in_baseline(&agreement, &b);
    let numbers: Vec<usize> = base_a
        .answers
        .iter()
        .enumerate()
        .filter(|(_, x)| matches!(x.value, Expectation::Number(_)))
        .map(|(k, _)| k)
        .collect();
    let set_number = |sheet: &mut AnswerSheet, k: usize, value: f64| {
        if let Expectation::Number(n) = &mut sheet.answers[k].value {
            *n = NumberValue {
                value: Some(value),
                ..n.clone()
            };
        }
    };
    // Revision i changes one number answer of partner A to a value depending on i.
    let revisions: Vec<(Timestamp, AnswerSheet)> = (0..REVISIONS)
        .map(|i| {
            let mut sheet = base_a.clone();
            set_number(
                &mut sheet,
                numbers[i % numbers.len()],
                10.0 + (i % 37) as f64 * 7.0,
            );
            (Timestamp(i as i64 * 86_400_000), sheet)
        })
        .collect();
    // The same, over the other number answers, while the first stays far from the agreement.
    let held = numbers[0];
    let held_revisions: Vec<(Timestamp, AnswerSheet)> = (0..REVISIONS)
        .map(|i| {
            let mut sheet = base_a.clone();
            set_number(&mut sheet, held, 1_000_000.0);
            let others = &numbers[1..];
            set_number(
                &mut sheet,
                others[i % others.len()],
                10.0 + (i % 37) as f64 * 7.0,
            );
            (Timestamp(i as i64 * 86_400_000), sheet)
        })
        .collect();
    let snapshots: Vec<Snapshot<'_>> = revisions
        .iter()
        .map(|(at, sheet)| Snapshot {
            at: *at,
            label: "check-in".into(),
            a: sheet,
            b: &base_b,
        })
        .collect();
    let party = PartyId("p1".into());
    let held_drift = drift(&set, &agreement, &party, &held_revisions);
    let held_item = held_drift
        .items
        .iter()
        .find(|d| d.question == base_a.answers[held].question)
        .expect("the held answer has drifted");
    assert_eq!(
        held_item.since,
        Timestamp(0),
        "drifted since the first check-in"
    );
    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.bench_function("timeline-1000", |bench| {
        bench.iter(|| timeline(black_box(&set), black_box(&snapshots)))
    });
    group.bench_function("drift-1000", |bench| {
        bench.iter(|| drift(black_box(&set), &agreement, &party, black_box(&revisions)))
    });
    group.bench_function("drift-1000-held", |bench| {
        bench.iter(|| {
            drift(
                black_box(&set),
                &agreement,
                &party,
                black_box(&held_revisions),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench_history);
criterion_main!(benches);
