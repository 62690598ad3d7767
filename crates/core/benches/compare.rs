//! How long `diff::compare` takes on large sheets: 1,000 and 10,000 questions of every answer
//! type, free text included, every question answered by both sides with values that differ in
//! varied ways (and some guesses, so perception gaps are computed too).
//!
//! The sheets are built deterministically from the general set's questions, repeated with
//! numbered ids; nothing is random, so runs are comparable. Run with
//! `cargo bench -p accord-core --bench compare`; figures go in `BENCHMARKS.md`. The `suggest`
//! group times the negotiation suggestions on the same pairs.

use std::hint::black_box;

use accord_core::answer::{
    Answer, Bounds, ChoiceValue, DateValue, DurationUnit, DurationValue, Expectation, Flexibility,
    FrequencyValue, Importance, NumberValue, PartyPick, PartyValue, ScaleValue, SetValue,
    ShareValue, TextValue, YesNo, YesNoValue,
};
use accord_core::diff::compare;
use accord_core::question::{Period, QuestionKind};
use accord_core::questions::builtin_set;
use accord_core::sheet::{AnswerSheet, Respondent, FORMAT, FORMAT_VERSION};
use accord_core::time::format_date;
use accord_core::{Party, PartyId, QuestionId, QuestionSet};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

const TEXTS: [&str; 4] = [
    "A seminar every quarter with 60 guests, a shared budget of 15,000 EUR and leads followed up by both partners",
    "Monthly webinars for 40 guests, costs split 50% each, first event by 2027-03-01 and a review after 18 months",
    "We want a lasting relationship that grows into a joint offer for finance teams within two years",
    "One pilot project, a short report on what we learned, and then we decide whether to continue",
];

fn big_set(n: usize) -> QuestionSet {
    let general = builtin_set("general").expect("built in");
    let mut set = general.clone();
    set.id = format!("bench-{n}");
    set.questions = (0..n)
        .map(|i| {
            let mut q = general.questions[i % general.questions.len()].clone();
            q.id = QuestionId(format!("{}-{i}", q.id));
            q
        })
        .collect();
    set
}

fn value(kind: &QuestionKind, i: usize, side: usize) -> Expectation {
    let v = (i * 7 + side * 3) % 11;
    match kind {
        QuestionKind::Number { unit, per } => Expectation::Number(NumberValue {
            value: Some(100.0 + (v * 10) as f64),
            unit: unit.clone(),
            per: *per,
            accept: v.is_multiple_of(2).then_some(Bounds {
                min: Some(80.0),
                max: Some(160.0),
            }),
            ..NumberValue::default()
        }),
        QuestionKind::Share => Expectation::Share(ShareValue {
            split: [
                ("me".to_string(), 40.0 + v as f64),
                ("partner".to_string(), 60.0 - v as f64),
            ]
            .into_iter()
            .collect(),
            accept_min: Some(30.0),
            accept_max: None,
        }),
        QuestionKind::Duration => Expectation::Duration(DurationValue {
            value: (v != 0).then_some(v as f64 * 3.0),
            unit: Some(DurationUnit::Months),
            open_ended: v == 0,
            accept: None,
        }),
        QuestionKind::Frequency => Expectation::Frequency(FrequencyValue {
            times: Some(1.0),
            per: Some([Period::Week, Period::Month, Period::Quarter][v % 3]),
            ad_hoc: false,
        }),
        QuestionKind::Date => Expectation::Date(DateValue {
            value: format_date(20_800 + (v * 20) as i64),
            accept: None,
        }),
        QuestionKind::Scale { min, max, .. } => Expectation::Scale(ScaleValue {
            value: (*min + (v as u8) % (*max - *min + 1)).min(*max),
            accept: None,
        }),
        QuestionKind::Choice { options, .. } => Expectation::Choice(ChoiceValue {
            value: options[v % options.len()].id.clone(),
            accept: vec![options[(v + 1) % options.len()].id.clone()],
        }),
        QuestionKind::Set { options } => Expectation::Set(SetValue {
            values: options
                .iter()
                .skip(v % 3)
                .take(2)
                .map(|o| o.id.clone())
                .collect(),
        }),
        QuestionKind::Party => Expectation::Party(PartyValue {
            value: [PartyPick::Me, PartyPick::Partner, PartyPick::Both][v % 3].clone(),
            accept: vec![PartyPick::Both],
        }),
        QuestionKind::YesNo => Expectation::YesNo(YesNoValue {
            value: [YesNo::Yes, YesNo::No, YesNo::Unsure][v % 3],
            accept: Vec::new(),
        }),
        QuestionKind::Text => Expectation::Text(TextValue {
            value: TEXTS[v % TEXTS.len()].to_string(),
        }),
    }
}

fn sheet(set: &QuestionSet, side: usize) -> AnswerSheet {
    let answers = set
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| Answer {
            question: q.id.clone(),
            value: value(&q.kind, i, side),
            importance: Importance::new(1 + ((i + side) % 5) as u8).expect("1..=5"),
            flexibility: [
                Flexibility::Firm,
                Flexibility::Flexible,
                Flexibility::DontCare,
            ][i % 3],
            note: None,
            guess: (i % 4 == 0).then(|| value(&q.kind, i, 1 - side)),
        })
        .collect();
    AnswerSheet {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        question_set: set.id.clone(),
        custom_set: None,
        alliance: None,
        parties: vec![
            Party {
                id: PartyId("p1".into()),
                name: "Northwind".into(),
            },
            Party {
                id: PartyId("p2".into()),
                name: "Lumen".into(),
            },
        ],
        party: PartyId(format!("p{}", side + 1)),
        respondent: Respondent {
            name: format!("respondent {side}"),
            role: None,
        },
        answers,
    }
}

fn bench_compare(c: &mut Criterion) {
    let mut group = c.benchmark_group("compare");
    for n in [1_000usize, 10_000] {
        let set = big_set(n);
        let (a, b) = (sheet(&set, 0), sheet(&set, 1));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |bench, _| {
            bench.iter(|| compare(black_box(&set), black_box(&a), black_box(&b)))
        });
    }
    group.finish();
}

/// Suggestions (candidates for every disputed question and the packages) for a 500-question
/// pair, the size the app's negotiation panel is designed for.
fn bench_suggest(c: &mut Criterion) {
    let mut group = c.benchmark_group("suggest");
    group.sample_size(20);
    for n in [100usize, 500] {
        let set = big_set(n);
        let (a, b) = (sheet(&set, 0), sheet(&set, 1));
        let once = accord_core::negotiate::suggest(&set, &a, &b);
        eprintln!(
            "suggest {n}: {} disputed questions, frontier by the {:?} method",
            once.disputed.len(),
            once.method
        );
        group.bench_with_input(BenchmarkId::from_parameter(n), &n, |bench, _| {
            bench.iter(|| {
                accord_core::negotiate::suggest(black_box(&set), black_box(&a), black_box(&b))
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_compare, bench_suggest);
criterion_main!(benches);
