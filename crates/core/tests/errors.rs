//! Bad input never panics, and every refusal names the place: a JSON path, a line and column,
//! or a question id. The CLI adds the file name; these tests pin the rest of the message.

use accord_core::diff::compare_sheets;
use accord_core::sheet::{parse_sheet, SheetError};
use proptest::prelude::*;

const GOOD: &str = include_str!("samples/co_marketing_seminar/a.json");

fn with_answer(answer: &str) -> String {
    format!(
        r#"{{"format":"accord.answer-sheet","version":1,"question_set":"general",
        "parties":[{{"id":"p1","name":"A"}},{{"id":"p2","name":"B"}},{{"id":"p3","name":"C"}}],
        "party":"p1","respondent":{{"name":"Ada"}},"answers":[{answer}]}}"#
    )
}

fn err(text: &str) -> String {
    parse_sheet(text).expect_err("must be refused").to_string()
}

#[test]
fn the_good_sample_parses() {
    let sheet = parse_sheet(GOOD).expect("valid");
    assert_eq!(sheet.party_name(), "Northwind Advisory");
}

#[test]
fn malformed_json_names_line_and_column() {
    let e = parse_sheet("{\n  \"format\": \"accord.answer-sheet\",\n  oops\n}").unwrap_err();
    assert!(matches!(e, SheetError::Syntax { line: 3, .. }), "{e}");
    assert!(
        e.to_string()
            .starts_with("not valid JSON at line 3, column 3"),
        "{e}"
    );
    assert!(err("").starts_with("not valid JSON"));
}

#[test]
fn wrong_types_name_the_json_path() {
    let e = err(&with_answer(
        r#"{"question":"time-prelude","value":{"type":"yes_no","value":"maybe"}}"#,
    ));
    assert!(e.starts_with("at $.answers[0].value"), "{e}");
    let e = err(&with_answer(
        r#"{"question":"time-prelude","value":{"type":"yes_no","value":"yes"},"importance":"high"}"#,
    ));
    assert!(e.starts_with("at $.answers[0].importance"), "{e}");
    let e = err(
        r#"{"format":"accord.answer-sheet","version":1,"question_set":"general","parties":[],"party":"p1","respondent":{"name":"x"}}"#,
    );
    assert!(e.contains("answers"), "{e}");
    assert_eq!(err("[1, 2]"), "at $: an answer sheet is a JSON object");
}

#[test]
fn format_and_version_are_checked_first() {
    let newer = GOOD.replacen("\"version\": 1", "\"version\": 7", 1);
    assert_eq!(
        err(&newer),
        "this sheet uses format version 7; this Accord reads up to 1; update Accord"
    );
    let foreign = GOOD.replacen("accord.answer-sheet", "something-else", 1);
    assert!(err(&foreign).starts_with("this is not an Accord answer sheet"));
    let zero = GOOD.replacen("\"version\": 1", "\"version\": 0", 1);
    assert!(err(&zero).starts_with("at $.version"));
}

#[test]
fn answers_are_checked_against_their_questions_by_id() {
    let cases = [
        (r#"{"question":"no-such","value":{"type":"yes_no","value":"yes"}}"#, "question no-such (answers[0]): the question set has no such question"),
        (r#"{"question":"fair-balance","value":{"type":"scale","value":9}}"#, "question fair-balance (answers[0]): 9 is outside the scale 1 to 5"),
        (r#"{"question":"time-first-review","value":{"type":"date","value":"2027-02-30"}}"#, "question time-first-review (answers[0]): value \"2027-02-30\" is not a date in the form YYYY-MM-DD"),
        (r#"{"question":"decide-rule","value":{"type":"choice","value":"coin-toss"}}"#, "question decide-rule (answers[0]): \"coin-toss\" is not an option of this question (consensus, majority, lead-decides, own-area)"),
        (r#"{"question":"money-pays-first","value":{"type":"party","value":"p9"}}"#, "question money-pays-first (answers[0]): \"p9\" is neither me, partner, both, neither, third_party nor a party id"),
        (r#"{"question":"money-cost-split","value":{"type":"share","split":{"me":50,"partner":50}}}"#, "question money-cost-split (answers[0]): with 3 parties, name each party by id instead of \"partner\""),
        (r#"{"question":"money-cost-split","value":{"type":"share","split":{"me":50,"p2":30,"p3":30}}}"#, "question money-cost-split (answers[0]): the shares add up to 110, not 100"),
        (r#"{"question":"time-duration","value":{"type":"duration","value":-3,"unit":"months"}}"#, "question time-duration (answers[0]): a duration must be above 0, found -3"),
        (r#"{"question":"consult-meetings","value":{"type":"frequency"}}"#, "question consult-meetings (answers[0]): give \"per\" (day, week, month, quarter, year) or \"ad_hoc\": true"),
        (r#"{"question":"contrib-budget","value":{"type":"number","min":10,"max":5}}"#, "question contrib-budget (answers[0]): min 10 is above max 5"),
        (r#"{"question":"consult-meetings","value":{"type":"yes_no","value":"yes"}}"#, "question consult-meetings (answers[0]): the answer is of type \"yes_no\" but the question asks for \"frequency\""),
        (r#"{"question":"success-picture","value":{"type":"text","value":"  "}}"#, "question success-picture (answers[0]): the text is empty; leave the question out to skip it"),
    ];
    for (answer, want) in cases {
        assert_eq!(err(&with_answer(answer)), want);
    }
    let twice = with_answer(
        r#"{"question":"time-prelude","value":{"type":"yes_no","value":"yes"}},{"question":"time-prelude","value":{"type":"yes_no","value":"no"}}"#,
    );
    assert_eq!(
        err(&twice),
        "question time-prelude (answers[1]): answered twice"
    );
}

#[test]
fn sheets_that_do_not_pair_are_refused() {
    let a = parse_sheet(GOOD).expect("valid");
    let mut b = a.clone();
    b.question_set = "reseller".into();
    assert_eq!(
        compare_sheets(&a, &b).unwrap_err().to_string(),
        "the sheets answer different question sets: \"co-marketing\" and \"reseller\""
    );
    let mut c = a.clone();
    c.parties[1].id = accord_core::PartyId("p9".into());
    assert!(compare_sheets(&a, &c)
        .unwrap_err()
        .to_string()
        .starts_with("the sheets list different parties"));
    let unknown = GOOD.replacen(
        "\"question_set\": \"co-marketing\"",
        "\"question_set\": \"franchise\"",
        1,
    );
    assert!(err(&unknown).starts_with("at question_set: unknown question set \"franchise\""));
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        let _ = parse_sheet(&s);
    }

    #[test]
    fn damaged_sheets_never_panic(cut in 0usize..GOOD.len(), byte in any::<u8>()) {
        let mut bytes = GOOD.as_bytes().to_vec();
        bytes[cut] = byte;
        if let Ok(text) = String::from_utf8(bytes) {
            if let Ok(sheet) = parse_sheet(&text) {
                let _ = compare_sheets(&sheet, &sheet);
            }
        }
        let _ = parse_sheet(&GOOD[..GOOD.floor_char_boundary(cut)]);
    }
}
