//! Properties of the diff over generated sheets: a sheet agrees with itself, the diff is
//! symmetric, and severity grows with the gap and with importance.
//!
//! Sheets are generated over the built-in general set (it uses every answer type) with random
//! values, zones, importance, flexibility, notes and guesses; every generated sheet must also
//! pass the sheet checks, so the generator cannot drift away from the file format.

mod generate;

use accord_core::answer::{
    Answer, DateValue, Expectation, Flexibility, FrequencyValue, Importance, NumberValue,
};
use accord_core::comparison::Verdict;
use accord_core::diff::compare;
use accord_core::question::Period;
use accord_core::sheet::check_sheet;
use accord_core::time::format_date;
use proptest::prelude::*;

use generate::*;

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
