//! How long the core takes over an alliance's history of 1,000 revisions: the alignment
//! timeline (one comparison per revision) and a partner's drift from the agreement across
//! all their check-ins (one comparison per check-in, then since when each item drifted).
//!
//! The revisions are the demo pair with one answer changed per revision, deterministically.
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
    // Revision i changes one number answer of partner A to a value depending on i.
    let revisions: Vec<(Timestamp, AnswerSheet)> = (0..REVISIONS)
        .map(|i| {
            let mut sheet = base_a.clone();
            let numbers: Vec<usize> = sheet
                .answers
                .iter()
                .enumerate()
                .filter(|(_, x)| matches!(x.value, Expectation::Number(_)))
                .map(|(k, _)| k)
                .collect();
            let k = numbers[i % numbers.len()];
            if let Expectation::Number(n) = &mut sheet.answers[k].value {
                *n = NumberValue {
                    value: Some(10.0 + (i % 37) as f64 * 7.0),
                    ..n.clone()
                };
            }
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
    let mut group = c.benchmark_group("history");
    group.sample_size(20);
    group.bench_function("timeline-1000", |bench| {
        bench.iter(|| timeline(black_box(&set), black_box(&snapshots)))
    });
    group.bench_function("drift-1000", |bench| {
        bench.iter(|| drift(black_box(&set), &agreement, &party, black_box(&revisions)))
    });
    group.finish();
}

criterion_group!(benches, bench_history);
criterion_main!(benches);
