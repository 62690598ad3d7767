//! Properties of the diff over generated sheets: a sheet agrees with itself, the diff is
//! symmetric, and severity grows with the gap and with importance.
//!
//! Sheets are generated over the built-in general set (it uses every answer type) with random
//! values, zones, importance, flexibility, notes and guesses; every generated sheet must also
//! pass the sheet checks, so the generator cannot drift away from the file format.

use accord_core::answer::{
    Answer, Bounds, ChoiceValue, DateValue, DateZone, DurationUnit, DurationValue, DurationZone,
    Expectation, Flexibility, FrequencyValue, Importance, NumberValue, PartyPick, PartyValue,
    ScaleValue, SetValue, ShareValue, TextValue, YesNo, YesNoValue,
};
use accord_core::comparison::Verdict;
use accord_core::diff::compare;
use accord_core::question::{Period, QuestionKind};
use accord_core::questions::builtin_set;
use accord_core::sheet::{check_sheet, AnswerSheet, Respondent, FORMAT, FORMAT_VERSION};
use accord_core::time::format_date;
use accord_core::{Party, PartyId, QuestionSet};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

const PERIODS: [Period; 5] = [
    Period::Day,
    Period::Week,
    Period::Month,
    Period::Quarter,
    Period::Year,
];
const WORDS: [&str; 12] = [
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

fn value(kind: &QuestionKind) -> BoxedStrategy<Expectation> {
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

fn flexibility() -> impl Strategy<Value = Flexibility> {
    select(vec![
        Flexibility::Firm,
        Flexibility::Flexible,
        Flexibility::DontCare,
    ])
}

fn answers(set: &QuestionSet) -> Vec<BoxedStrategy<Option<Answer>>> {
    set.questions
        .iter()
        .map(|q| {
            let id = q.id.clone();
            prop::option::of((
                value(&q.kind),
                1u8..=5,
                flexibility(),
                prop::option::of(value(&q.kind)),
            ))
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

fn sheet(set: &QuestionSet, party: &str, answers: Vec<Option<Answer>>) -> AnswerSheet {
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

fn general() -> QuestionSet {
    builtin_set("general").expect("built in")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_sheet_agrees_with_itself(a in answers(&general())) {
        let set = general();
        let s = sheet(&set, "p1", a);
        prop_assert_eq!(check_sheet(&s, &set), Ok(()));
        let c = compare(&set, &s, &s);
        for g in &c.gaps {
            if g.a.value.is_some() {
                prop_assert_eq!(g.verdict, Verdict::Aligned, "{}: {}", g.question, g.reason);
                prop_assert_eq!(g.severity, 0);
            } else {
                prop_assert_eq!(g.verdict, Verdict::Unanswered);
            }
        }
    }

    #[test]
    fn the_diff_is_symmetric(a in answers(&general()), b in answers(&general()), a_is_p2 in any::<bool>()) {
        let set = general();
        let (pa, pb) = if a_is_p2 { ("p2", "p1") } else { ("p1", "p2") };
        let (sa, sb) = (sheet(&set, pa, a), sheet(&set, pb, b));
        prop_assert_eq!(check_sheet(&sb, &set), Ok(()));
        let ab = compare(&set, &sa, &sb);
        let ba = compare(&set, &sb, &sa);
        for (x, y) in ab.gaps.iter().zip(&ba.gaps) {
            prop_assert_eq!(x.verdict, y.verdict, "{}", x.question);
            prop_assert_eq!(x.severity, y.severity, "{}", x.question);
            prop_assert_eq!(&x.reason, &y.reason);
        }
        prop_assert_eq!(ba, ab.mirrored());
    }

    #[test]
    fn two_respondents_of_one_party_are_symmetric_too(a in answers(&general()), b in answers(&general())) {
        let set = general();
        let sa = sheet(&set, "p1", a);
        let mut sb = sheet(&set, "p1", b);
        sb.respondent.name = "p1 lead".into();
        let ab = compare(&set, &sa, &sb);
        prop_assert_eq!(compare(&set, &sb, &sa), ab.mirrored());
    }

    #[test]
    fn severity_grows_with_the_gap(
        base in 1.0f64..1000.0, d1 in 0.0f64..3.0, extra in 0.0f64..3.0,
        imp in 1u8..=5, flex in flexibility(),
        days in 0i64..400, more_days in 0i64..400,
    ) {
        let set = general();
        let num = |v: f64| Expectation::Number(NumberValue { value: Some(v), unit: Some("EUR".into()), per: Some(Period::Year), ..NumberValue::default() });
        let date = |d: i64| Expectation::Date(DateValue { value: format_date(20_820 + d), accept: None });
        let answer = |q: &str, v: Expectation| Answer {
            question: q.into(), value: v, importance: Importance::new(imp).expect("1..=5"),
            flexibility: flex, note: None, guess: None,
        };
        let sev = |b_budget: f64, b_day: i64| {
            let a = sheet(&set, "p1", vec![Some(answer("contrib-budget", num(base))), Some(answer("time-first-review", date(0)))]);
            let b = sheet(&set, "p2", vec![Some(answer("contrib-budget", num(b_budget))), Some(answer("time-first-review", date(b_day)))]);
            let c = compare(&set, &a, &b);
            let get = |id: &str| c.gaps.iter().find(|g| g.question.0 == id).map(|g| g.severity).unwrap_or(0);
            (get("contrib-budget"), get("time-first-review"))
        };
        let near = sev(base * (1.0 + d1), days);
        let far = sev(base * (1.0 + d1 + extra), days + more_days);
        prop_assert!(far.0 >= near.0, "budget: {:?} then {:?}", near, far);
        prop_assert!(far.1 >= near.1, "date: {:?} then {:?}", near, far);
    }

    #[test]
    fn severity_grows_with_importance(a in answers(&general()), b in answers(&general()), bump in 1u8..=4) {
        let set = general();
        let sa = sheet(&set, "p1", a.clone());
        let sb = sheet(&set, "p2", b);
        let raised: Vec<Option<Answer>> = a
            .into_iter()
            .map(|x| x.map(|mut x| {
                let v = (x.importance.get() + bump).min(5);
                x.importance = Importance::new(v).expect("1..=5");
                x
            }))
            .collect();
        let sr = sheet(&set, "p1", raised);
        let before = compare(&set, &sa, &sb);
        let after = compare(&set, &sr, &sb);
        for (x, y) in before.gaps.iter().zip(&after.gaps) {
            prop_assert_eq!(x.verdict, y.verdict);
            prop_assert!(y.severity >= x.severity, "{}: {} then {}", x.question, x.severity, y.severity);
        }
    }
}

#[test]
fn a_bigger_gap_between_firm_important_answers_is_more_severe() {
    let set = general();
    let freq = |per: Period| {
        Expectation::Frequency(FrequencyValue {
            times: Some(1.0),
            per: Some(per),
            ad_hoc: false,
        })
    };
    let severity = |per_b: Period, imp: u8| {
        let answer = |per| Answer {
            question: "consult-meetings".into(),
            value: freq(per),
            importance: Importance::new(imp).expect("1..=5"),
            flexibility: Flexibility::Flexible,
            note: None,
            guess: None,
        };
        let a = sheet(&set, "p1", vec![Some(answer(Period::Week))]);
        let b = sheet(&set, "p2", vec![Some(answer(per_b))]);
        let c = compare(&set, &a, &b);
        c.gaps
            .iter()
            .find(|g| g.question.0 == "consult-meetings")
            .map_or(0, |g| g.severity)
    };
    assert!(severity(Period::Month, 3) < severity(Period::Year, 3));
    assert!(severity(Period::Month, 2) < severity(Period::Month, 5));
}
