//! Generators of answer sheets for property tests: random values, zones, importance,
//! flexibility, notes and guesses over a question set; every generated sheet passes the sheet
//! checks, so the generators cannot drift away from the file format.
#![allow(dead_code)]

use accord_core::answer::{
    Answer, Bounds, ChoiceValue, DateValue, DateZone, DurationUnit, DurationValue, DurationZone,
    Expectation, Flexibility, FrequencyValue, Importance, NumberValue, PartyPick, PartyValue,
    ScaleValue, SetValue, ShareValue, TextValue, YesNo, YesNoValue,
};
use accord_core::question::{Period, QuestionKind};
use accord_core::questions::builtin_set;
use accord_core::sheet::{AnswerSheet, Respondent, FORMAT, FORMAT_VERSION};
use accord_core::time::format_date;
use accord_core::{Party, PartyId, QuestionSet};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

pub const PERIODS: [Period; 5] = [
    Period::Day,
    Period::Week,
    Period::Month,
    Period::Quarter,
    Period::Year,
];
pub const WORDS: [&str; 12] = [
    "leads",
    "webinar",
    "every",
    "month",
    "quarterly",
    "20",
    "guests",
    "shared",
    "budget",
    "EUR",
    "2027-05-01",
    "customers",
];

pub fn value(kind: &QuestionKind) -> BoxedStrategy<Expectation> {
    match kind.clone() {
        QuestionKind::Number { unit, .. } => (
            0.0f64..1000.0,
            prop::option::of(0.0f64..200.0),
            prop::option::of(select(vec![Period::Week, Period::Month, Period::Year])),
            prop::option::of((0.0f64..500.0, 0.0f64..500.0)),
        )
            .prop_map(move |(v, width, per, zone)| {
                let (value, min, max) = match width {
                    Some(w) => (None, Some(v), Some(v + w)),
                    None => (Some(v), None, None),
                };
                Expectation::Number(NumberValue {
                    value,
                    min,
                    max,
                    unit: unit.clone(),
                    per,
                    accept: zone.map(|(lo, extra)| Bounds {
                        min: Some(lo),
                        max: Some(lo + extra),
                    }),
                })
            })
            .boxed(),
        QuestionKind::Share => (
            0u8..=100,
            prop::option::of(0u8..=100),
            prop::option::of(0u8..=100),
        )
            .prop_map(|(me, lo, hi)| {
                let (lo, hi) = match (lo, hi) {
                    (Some(l), Some(h)) if l > h => (Some(h), Some(l)),
                    other => other,
                };
                Expectation::Share(ShareValue {
                    split: [
                        ("me".to_string(), f64::from(me)),
                        ("partner".to_string(), f64::from(100 - me)),
                    ]
                    .into_iter()
                    .collect(),
                    accept_min: lo.map(f64::from),
                    accept_max: hi.map(f64::from),
                })
            })
            .boxed(),
        QuestionKind::Duration => (
            any::<bool>(),
            1u16..60,
            select(vec![
                DurationUnit::Days,
                DurationUnit::Weeks,
                DurationUnit::Months,
                DurationUnit::Years,
            ]),
            prop::option::of((0u16..30, 0u16..60, any::<bool>())),
        )
            .prop_map(|(open, v, unit, zone)| {
                Expectation::Duration(DurationValue {
                    value: (!open).then_some(f64::from(v)),
                    unit: Some(unit),
                    open_ended: open,
                    accept: zone.map(|(lo, extra, o)| DurationZone {
                        min: Some(f64::from(lo)),
                        max: Some(f64::from(lo + extra)),
                        open_ended: o,
                    }),
                })
            })
            .boxed(),
        QuestionKind::Frequency => (any::<bool>(), 1u8..5, select(PERIODS.to_vec()))
            .prop_map(|(adhoc, times, per)| {
                Expectation::Frequency(FrequencyValue {
                    times: (!adhoc).then_some(f64::from(times)),
                    per: (!adhoc).then_some(per),
                    ad_hoc: adhoc,
                })
            })
            .boxed(),
        QuestionKind::Date => (0i64..1500, prop::option::of((0i64..200, 0i64..200)))
            .prop_map(|(d, zone)| {
                let day = 20_820 + d;
                Expectation::Date(DateValue {
                    value: format_date(day),
                    accept: zone.map(|(before, after)| DateZone {
                        earliest: Some(format_date(day - before)),
                        latest: Some(format_date(day + after)),
                    }),
                })
            })
            .boxed(),
        QuestionKind::Scale { min, max, .. } => (min..=max)
            .prop_map(|v| {
                Expectation::Scale(ScaleValue {
                    value: v,
                    accept: None,
                })
            })
            .boxed(),
        QuestionKind::Choice { options, .. } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            (select(ids.clone()), subsequence(ids.clone(), 0..ids.len()))
                .prop_map(|(value, accept)| Expectation::Choice(ChoiceValue { value, accept }))
                .boxed()
        }
        QuestionKind::Set { options } => {
            let ids: Vec<String> = options.iter().map(|o| o.id.clone()).collect();
            subsequence(ids.clone(), 0..=ids.len())
                .prop_map(|values| Expectation::Set(SetValue { values }))
                .boxed()
        }
        QuestionKind::Party => {
            let picks = vec![
                PartyPick::Me,
                PartyPick::Partner,
                PartyPick::Both,
                PartyPick::Neither,
                PartyPick::ThirdParty,
            ];
            (select(picks.clone()), subsequence(picks, 0..3))
                .prop_map(|(value, accept)| Expectation::Party(PartyValue { value, accept }))
                .boxed()
        }
        QuestionKind::YesNo => {
            let all = vec![YesNo::Yes, YesNo::No, YesNo::Unsure];
            (select(all.clone()), subsequence(all, 0..2))
                .prop_map(|(value, accept)| Expectation::YesNo(YesNoValue { value, accept }))
                .boxed()
        }
        QuestionKind::Text => prop::collection::vec(select(WORDS.to_vec()), 1..10)
            .prop_map(|w| Expectation::Text(TextValue { value: w.join(" ") }))
            .boxed(),
    }
}

pub fn flexibility() -> impl Strategy<Value = Flexibility> {
    select(vec![
        Flexibility::Firm,
        Flexibility::Flexible,
        Flexibility::DontCare,
    ])
}

pub fn answers(set: &QuestionSet) -> Vec<BoxedStrategy<Option<Answer>>> {
    answers_with(set, 0.5)
}

/// Answers to `set`, each question answered with probability `answered`.
pub fn answers_with(set: &QuestionSet, answered: f64) -> Vec<BoxedStrategy<Option<Answer>>> {
    set.questions
        .iter()
        .map(|q| {
            let id = q.id.clone();
            prop::option::weighted(
                answered,
                (
                    value(&q.kind),
                    1u8..=5,
                    flexibility(),
                    prop::option::of(value(&q.kind)),
                ),
            )
            .prop_map(move |a| {
                a.map(|(v, imp, flex, guess)| Answer {
                    question: id.clone(),
                    value: v,
                    importance: Importance::new(imp).expect("1..=5"),
                    flexibility: flex,
                    note: None,
                    guess,
                })
            })
            .boxed()
        })
        .collect()
}

pub fn sheet(set: &QuestionSet, party: &str, answers: Vec<Option<Answer>>) -> AnswerSheet {
    AnswerSheet {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        question_set: set.id.clone(),
        custom_set: None,
        alliance: None,
        parties: vec![
            Party {
                id: PartyId("p1".into()),
                name: "Acme".into(),
            },
            Party {
                id: PartyId("p2".into()),
                name: "Globex".into(),
            },
        ],
        party: PartyId(party.into()),
        respondent: Respondent {
            name: format!("{party} lead"),
            role: None,
        },
        answers: answers.into_iter().flatten().collect(),
    }
}

pub fn general() -> QuestionSet {
    builtin_set("general").expect("built in")
}
