//! The answer sheet file format: one respondent's answers, for one party, to one question set.
//!
//! A sheet is JSON (documented in `docs/answer-sheet-format.md`, schema in
//! `crates/core/schema/answer-sheet.schema.json`). It names a built-in question set, or carries
//! its own in `custom_set`. This module parses a sheet from text, checks every answer against
//! its question and refuses anything it cannot trust, naming the place (a JSON path or a
//! question id). It reads no files: callers pass the text and add the file name to the error.
//! Comparing two sheets is [`crate::diff`]'s job.

use std::collections::{BTreeMap, HashSet};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::{Answer, Bounds, Expectation, PartyPick};
use crate::file_head::{read_head, strip_bom, Field, Head, HeadError};
use crate::question::{QuestionKind, QuestionSet, QuestionSetError};
use crate::questions;
use crate::time::parse_date;
use crate::{Party, PartyId, QuestionId, MAX_PARTIES, MIN_PARTIES};

/// The value of every sheet's `format` field.
pub const FORMAT: &str = "accord.answer-sheet";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// Longest free-text answer or note accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// How far a share split may stray from 100 and still count as 100 (rounding).
pub const SHARE_TOLERANCE: f64 = 0.5;

/// The person who filled in a sheet. Several respondents may answer for the same party.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Respondent {
    pub name: String,
    /// Their role on their side: alliance manager, sponsor, operations lead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// One respondent's answers to one question set, speaking for one party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct AnswerSheet {
    /// Always `accord.answer-sheet`.
    pub format: String,
    /// Format version; this build reads up to [`FORMAT_VERSION`].
    pub version: u32,
    /// The id of the question set answered.
    pub question_set: String,
    /// The full question set, when it is not a built-in one (or was edited).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_set: Option<QuestionSet>,
    /// The alliance's name, for people reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alliance: Option<String>,
    /// Every party of the alliance, two or more.
    pub parties: Vec<Party>,
    /// The party this sheet speaks for: "me" in its answers.
    pub party: PartyId,
    pub respondent: Respondent,
    /// Answers in any order; a question with no answer is unanswered.
    pub answers: Vec<Answer>,
}

impl AnswerSheet {
    pub fn party_name(&self) -> &str {
        self.parties
            .iter()
            .find(|p| p.id == self.party)
            .map_or(self.party.0.as_str(), |p| p.name.as_str())
    }

    pub fn answer(&self, question: &QuestionId) -> Option<&Answer> {
        self.answers.iter().find(|a| &a.question == question)
    }

    /// The sheet as pretty JSON, as written to a file.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a sheet (or a pair of sheets) was refused. Each variant names the place at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SheetError {
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("at {path}: {message}")]
    Shape { path: String, message: String },
    #[error("this is not an Accord answer sheet: \"format\" is {found}, expected \"{FORMAT}\"")]
    WrongFormat { found: String },
    #[error("this sheet uses format version {found}; this Accord reads up to {supported}; update Accord")]
    NewerVersion { found: u64, supported: u32 },
    #[error("at question_set: unknown question set {name:?} and the sheet has no custom_set; built-in sets are {known}")]
    UnknownSet { name: String, known: String },
    #[error("at custom_set: its id is {found:?} but question_set says {expected:?}")]
    CustomSetId { expected: String, found: String },
    #[error("at custom_set: {0}")]
    BadSet(QuestionSetError),
    #[error("at parties: {message}")]
    BadParties { message: String },
    #[error("at party: {party:?} is not one of the sheet's parties")]
    UnknownParty { party: String },
    #[error("question {question} (answers[{index}]): the question set has no such question")]
    UnknownQuestion { question: QuestionId, index: usize },
    #[error("question {question} (answers[{index}]): answered twice")]
    DuplicateAnswer { question: QuestionId, index: usize },
    #[error("question {question} (answers[{index}]): {message}")]
    BadAnswer {
        question: QuestionId,
        index: usize,
        message: String,
    },
    #[error("the sheets answer different question sets: {a:?} and {b:?}")]
    DifferentSets { a: String, b: String },
    #[error("the sheets answer different versions of question set {set:?}: {detail}")]
    SetMismatch { set: String, detail: String },
    #[error("the sheets list different parties: {a} and {b}")]
    DifferentParties { a: String, b: String },
}

/// Parses and checks a sheet: JSON shape, format and version, question set, parties, and every
/// answer against its question.
pub fn parse_sheet(text: &str) -> Result<AnswerSheet, SheetError> {
    let text = strip_bom(text);
    let head = read_head(text, &["format", "version"]).map_err(|e| match e {
        HeadError::Syntax {
            message,
            line,
            column,
        } => SheetError::Syntax {
            line,
            column,
            message: strip_position(&message),
        },
        HeadError::TooManyValues { .. } => SheetError::Shape {
            path: "$".into(),
            message: e.to_string(),
        },
    })?;
    check_header(&head)?;
    let mut de = serde_json::Deserializer::from_str(text);
    let sheet: AnswerSheet =
        serde_path_to_error::deserialize(&mut de).map_err(|e| SheetError::Shape {
            path: json_path(&e.path().to_string()),
            message: strip_position(&e.inner().to_string()),
        })?;
    let set = resolve_set(&sheet)?;
    check_sheet(&sheet, &set)?;
    Ok(sheet)
}

/// A sheet with no answers yet, for `party` of `parties`, ready to fill in. A set that is not
/// an unchanged built-in one travels inside the sheet.
pub fn blank_sheet(
    set: &QuestionSet,
    parties: &[Party],
    party: &PartyId,
    respondent: Respondent,
) -> AnswerSheet {
    let builtin = questions::builtin_set(&set.id).is_some_and(|b| &b == set);
    AnswerSheet {
        format: FORMAT.into(),
        version: FORMAT_VERSION,
        question_set: set.id.clone(),
        custom_set: (!builtin).then(|| set.clone()),
        alliance: None,
        parties: parties.to_vec(),
        party: party.clone(),
        respondent,
        answers: Vec::new(),
    }
}

/// The question set a sheet answers: its `custom_set`, or the built-in set it names.
pub fn resolve_set(sheet: &AnswerSheet) -> Result<QuestionSet, SheetError> {
    match &sheet.custom_set {
        Some(set) => {
            if set.id != sheet.question_set {
                return Err(SheetError::CustomSetId {
                    expected: sheet.question_set.clone(),
                    found: set.id.clone(),
                });
            }
            set.check().map_err(SheetError::BadSet)?;
            Ok(set.clone())
        }
        None => questions::builtin_set(&sheet.question_set).ok_or_else(|| SheetError::UnknownSet {
            name: sheet.question_set.clone(),
            known: questions::set_names().join(", "),
        }),
    }
}

/// The one question set two sheets both answer, or why they cannot be compared.
pub fn common_set(a: &AnswerSheet, b: &AnswerSheet) -> Result<QuestionSet, SheetError> {
    if a.question_set != b.question_set {
        return Err(SheetError::DifferentSets {
            a: a.question_set.clone(),
            b: b.question_set.clone(),
        });
    }
    let (sa, sb) = (resolve_set(a)?, resolve_set(b)?);
    if sa != sb {
        let detail = first_difference(&sa, &sb);
        return Err(SheetError::SetMismatch {
            set: sa.id.clone(),
            detail,
        });
    }
    let ids = |s: &AnswerSheet| {
        s.parties
            .iter()
            .map(|p| p.id.0.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if ids(a) != ids(b) {
        return Err(SheetError::DifferentParties {
            a: ids(a),
            b: ids(b),
        });
    }
    Ok(sa)
}

fn first_difference(a: &QuestionSet, b: &QuestionSet) -> String {
    for qa in &a.questions {
        match b.question(&qa.id) {
            None => return format!("question {} is only in the first", qa.id),
            Some(qb) if qb != qa => return format!("question {} differs", qa.id),
            Some(_) => {}
        }
    }
    for qb in &b.questions {
        if a.question(&qb.id).is_none() {
            return format!("question {} is only in the second", qb.id);
        }
    }
    "their categories, terms or order differ".into()
}

/// Checks parties and every answer of `sheet` against `set`.
pub fn check_sheet(sheet: &AnswerSheet, set: &QuestionSet) -> Result<(), SheetError> {
    check_parties(sheet)?;
    let mut seen = HashSet::new();
    for (index, answer) in sheet.answers.iter().enumerate() {
        let question = &answer.question;
        let Some(q) = set.question(question) else {
            return Err(SheetError::UnknownQuestion {
                question: question.clone(),
                index,
            });
        };
        if !seen.insert(question) {
            return Err(SheetError::DuplicateAnswer {
                question: question.clone(),
                index,
            });
        }
        check_answer(&q.kind, answer, sheet).map_err(|message| SheetError::BadAnswer {
            question: question.clone(),
            index,
            message,
        })?;
    }
    Ok(())
}

/// Checks one answer (its value, its guess and its note) against its question's kind, in the
/// context of `sheet` (its parties and the party it speaks for).
pub(crate) fn check_answer(
    kind: &QuestionKind,
    answer: &Answer,
    sheet: &AnswerSheet,
) -> Result<(), String> {
    check_value(kind, &answer.value, sheet)?;
    if let Some(guess) = &answer.guess {
        check_value(kind, guess, sheet).map_err(|m| format!("in the guess: {m}"))?;
    }
    if let Some(note) = &answer.note {
        if note.chars().count() > MAX_TEXT_CHARS {
            return Err(format!(
                "the note is longer than {MAX_TEXT_CHARS} characters"
            ));
        }
    }
    Ok(())
}

fn check_parties(sheet: &AnswerSheet) -> Result<(), SheetError> {
    let n = sheet.parties.len();
    let bad = |message: String| SheetError::BadParties { message };
    if n < MIN_PARTIES {
        return Err(bad(format!(
            "at least {MIN_PARTIES} parties are needed, {n} given"
        )));
    }
    if n > MAX_PARTIES {
        return Err(bad(format!(
            "at most {MAX_PARTIES} parties are allowed, {n} given"
        )));
    }
    for (i, p) in sheet.parties.iter().enumerate() {
        if sheet.parties[..i].iter().any(|o| o.id == p.id) {
            return Err(bad(format!("party id {:?} is listed twice", p.id.0)));
        }
        if matches!(
            p.id.0.as_str(),
            "me" | "partner" | "both" | "all" | "neither" | "nobody" | "third_party" | ""
        ) {
            return Err(bad(format!("{:?} cannot be used as a party id", p.id.0)));
        }
    }
    if !sheet.parties.iter().any(|p| p.id == sheet.party) {
        return Err(SheetError::UnknownParty {
            party: sheet.party.0.clone(),
        });
    }
    Ok(())
}

fn check_value(
    kind: &QuestionKind,
    value: &Expectation,
    sheet: &AnswerSheet,
) -> Result<(), String> {
    let mismatch = || {
        format!(
            "the answer is of type {:?} but the question asks for {:?}",
            value.tag(),
            kind.tag()
        )
    };
    match (kind, value) {
        (QuestionKind::Number { .. }, Expectation::Number(n)) => {
            match (n.value, n.min, n.max) {
                (Some(v), None, None) => finite("value", v)?,
                (None, Some(lo), Some(hi)) => {
                    finite("min", lo)?;
                    finite("max", hi)?;
                    if lo > hi {
                        return Err(format!("min {lo} is above max {hi}"));
                    }
                }
                _ => return Err("give either \"value\" or both \"min\" and \"max\"".into()),
            }
            if n.unit.as_deref().is_some_and(|u| u.trim().is_empty()) {
                return Err("the unit is empty".into());
            }
            check_bounds(n.accept.as_ref(), None)
        }
        (QuestionKind::Share, Expectation::Share(s)) => {
            resolve_split(&s.split, sheet).map(|_| ())?;
            for (name, v) in [("accept_min", s.accept_min), ("accept_max", s.accept_max)] {
                if let Some(m) = v {
                    if !(0.0..=100.0).contains(&m) {
                        return Err(format!("{name} must be between 0 and 100, found {m}"));
                    }
                }
            }
            if let (Some(lo), Some(hi)) = (s.accept_min, s.accept_max) {
                if lo > hi {
                    return Err(format!("accept_min {lo} is above accept_max {hi}"));
                }
            }
            Ok(())
        }
        (QuestionKind::Duration, Expectation::Duration(d)) => {
            match (d.open_ended, d.value) {
                (true, Some(_)) => {
                    return Err("a duration is either open-ended or has a value, not both".into())
                }
                (false, None) => {
                    return Err("give a \"value\" and \"unit\", or \"open_ended\": true".into())
                }
                (false, Some(v)) => {
                    finite("value", v)?;
                    if v <= 0.0 {
                        return Err(format!("a duration must be above 0, found {v}"));
                    }
                    if d.unit.is_none() {
                        return Err("the duration has no unit (days, weeks, months, years)".into());
                    }
                }
                (true, None) => {}
            }
            if let Some(z) = &d.accept {
                check_bounds(
                    Some(&Bounds {
                        min: z.min,
                        max: z.max,
                    }),
                    Some(0.0),
                )?;
            }
            Ok(())
        }
        (QuestionKind::Frequency, Expectation::Frequency(f)) => match (f.ad_hoc, f.per) {
            (true, Some(_)) => Err("a frequency is either ad hoc or per a period, not both".into()),
            (false, None) => {
                Err("give \"per\" (day, week, month, quarter, year) or \"ad_hoc\": true".into())
            }
            (true, None) => Ok(()),
            (false, Some(_)) => {
                let t = f.times.unwrap_or(1.0);
                finite("times", t)?;
                if t <= 0.0 {
                    return Err(format!("times must be above 0, found {t}"));
                }
                Ok(())
            }
        },
        (QuestionKind::Date, Expectation::Date(d)) => {
            let day = date("value", &d.value)?;
            if let Some(z) = &d.accept {
                let lo = z
                    .earliest
                    .as_deref()
                    .map(|s| date("accept.earliest", s))
                    .transpose()?;
                let hi = z
                    .latest
                    .as_deref()
                    .map(|s| date("accept.latest", s))
                    .transpose()?;
                if let (Some(lo), Some(hi)) = (lo, hi) {
                    if lo > hi {
                        return Err("accept.earliest is after accept.latest".into());
                    }
                }
            }
            let _ = day;
            Ok(())
        }
        (QuestionKind::Scale { min, max, .. }, Expectation::Scale(s)) => {
            if !(*min..=*max).contains(&s.value) {
                return Err(format!("{} is outside the scale {min} to {max}", s.value));
            }
            check_bounds(s.accept.as_ref(), Some(f64::from(*min)))?;
            if let Some(hi) = s.accept.and_then(|b| b.max) {
                if hi > f64::from(*max) {
                    return Err(format!("accept.max {hi} is above the scale's {max}"));
                }
            }
            Ok(())
        }
        (QuestionKind::Choice { options, .. }, Expectation::Choice(c)) => {
            for o in std::iter::once(&c.value).chain(&c.accept) {
                if !options.iter().any(|x| &x.id == o) {
                    return Err(format!(
                        "{o:?} is not an option of this question ({})",
                        option_ids(options)
                    ));
                }
            }
            Ok(())
        }
        (QuestionKind::Set { options }, Expectation::Set(s)) => {
            for (i, o) in s.values.iter().enumerate() {
                if !options.iter().any(|x| &x.id == o) {
                    return Err(format!(
                        "{o:?} is not an option of this question ({})",
                        option_ids(options)
                    ));
                }
                if s.values[..i].contains(o) {
                    return Err(format!("{o:?} is listed twice"));
                }
            }
            Ok(())
        }
        (QuestionKind::Party, Expectation::Party(p)) => {
            for pick in std::iter::once(&p.value).chain(&p.accept) {
                if let PartyPick::Party(id) = pick {
                    if !sheet.parties.iter().any(|x| &x.id == id) {
                        return Err(format!(
                            "{:?} is neither me, partner, both, neither, third_party nor a party id",
                            id.0
                        ));
                    }
                }
            }
            Ok(())
        }
        (QuestionKind::YesNo, Expectation::YesNo(_)) => Ok(()),
        (QuestionKind::Text, Expectation::Text(t)) => {
            if t.value.trim().is_empty() {
                return Err("the text is empty; leave the question out to skip it".into());
            }
            if t.value.chars().count() > MAX_TEXT_CHARS {
                return Err(format!(
                    "the text is longer than {MAX_TEXT_CHARS} characters"
                ));
            }
            Ok(())
        }
        (
            QuestionKind::Number { .. }
            | QuestionKind::Share
            | QuestionKind::Duration
            | QuestionKind::Frequency
            | QuestionKind::Date
            | QuestionKind::Scale { .. }
            | QuestionKind::Choice { .. }
            | QuestionKind::Set { .. }
            | QuestionKind::Party
            | QuestionKind::YesNo
            | QuestionKind::Text,
            _,
        ) => Err(mismatch()),
    }
}

/// A share split keyed by party id, from a split keyed as its author wrote it.
pub fn resolve_split(
    split: &BTreeMap<String, f64>,
    sheet: &AnswerSheet,
) -> Result<BTreeMap<PartyId, f64>, String> {
    let mut out = BTreeMap::new();
    let others: Vec<&PartyId> = sheet
        .parties
        .iter()
        .map(|p| &p.id)
        .filter(|id| **id != sheet.party)
        .collect();
    for (key, pct) in split {
        finite(key, *pct)?;
        if !(0.0..=100.0).contains(pct) {
            return Err(format!(
                "the share of {key:?} must be between 0 and 100, found {pct}"
            ));
        }
        let id = match key.as_str() {
            "me" => sheet.party.clone(),
            "partner" if others.len() == 1 => others[0].clone(),
            "partner" => {
                return Err(format!(
                    "with {} parties, name each party by id instead of \"partner\"",
                    sheet.parties.len()
                ))
            }
            other => match sheet.parties.iter().find(|p| p.id.0 == other) {
                Some(p) => p.id.clone(),
                None => return Err(format!("{other:?} is neither me, partner nor a party id")),
            },
        };
        if out.insert(id.clone(), *pct).is_some() {
            return Err(format!("party {:?} has two shares", id.0));
        }
    }
    let sum: f64 = out.values().sum();
    if (sum - 100.0).abs() > SHARE_TOLERANCE {
        return Err(format!("the shares add up to {sum}, not 100"));
    }
    Ok(out)
}

fn option_ids(options: &[crate::question::Choice]) -> String {
    options
        .iter()
        .map(|o| o.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn finite(name: &str, v: f64) -> Result<(), String> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(format!("{name} is not a finite number"))
    }
}

fn date(name: &str, s: &str) -> Result<i64, String> {
    parse_date(s).ok_or_else(|| format!("{name} {s:?} is not a date in the form YYYY-MM-DD"))
}

fn check_bounds(b: Option<&Bounds>, floor: Option<f64>) -> Result<(), String> {
    let Some(b) = b else { return Ok(()) };
    for (name, v) in [("accept.min", b.min), ("accept.max", b.max)] {
        if let Some(v) = v {
            finite(name, v)?;
            if let Some(f) = floor {
                if v < f {
                    return Err(format!("{name} {v} is below {f}"));
                }
            }
        }
    }
    if let (Some(lo), Some(hi)) = (b.min, b.max) {
        if lo > hi {
            return Err(format!("accept.min {lo} is above accept.max {hi}"));
        }
    }
    Ok(())
}

fn check_header(head: &Head) -> Result<(), SheetError> {
    if !head.is_object {
        return Err(SheetError::Shape {
            path: "$".into(),
            message: "an answer sheet is a JSON object".into(),
        });
    }
    match head.get("format") {
        Field::Text(s) if s == FORMAT => {}
        other => {
            return Err(SheetError::WrongFormat {
                found: other.to_string(),
            })
        }
    }
    match head.get("version").count() {
        Some(v) if v > u64::from(FORMAT_VERSION) => Err(SheetError::NewerVersion {
            found: v,
            supported: FORMAT_VERSION,
        }),
        Some(v) if v >= 1 => Ok(()),
        _ => Err(SheetError::Shape {
            path: "$.version".into(),
            message: format!("expected a format version from 1 to {FORMAT_VERSION}"),
        }),
    }
}

/// `answers[3].value.min` → `$.answers[3].value.min`.
fn json_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "$".into()
    } else {
        format!("$.{p}")
    }
}

/// serde_json appends " at line L column C" to messages; the path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The JSON Schema of the answer sheet format, generated from the Rust types. The committed copy
/// is `crates/core/schema/answer-sheet.schema.json`; a test fails when it is stale.
pub fn answer_sheet_schema() -> String {
    let schema = schemars::schema_for!(AnswerSheet);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties() -> Vec<Party> {
        ["Our organisation", "Partner"]
            .iter()
            .enumerate()
            .map(|(i, n)| Party {
                id: PartyId(format!("p{}", i + 1)),
                name: (*n).into(),
            })
            .collect()
    }

    #[test]
    fn a_blank_sheet_parses_back_and_embeds_only_edited_sets() {
        let set = questions::builtin_set("reseller").expect("built in");
        let blank = blank_sheet(
            &set,
            &parties(),
            &PartyId("p1".into()),
            Respondent::default(),
        );
        assert!(blank.custom_set.is_none());
        assert_eq!(parse_sheet(&blank.to_json()), Ok(blank));

        let mut edited = set;
        edited.questions.truncate(3);
        let blank = blank_sheet(
            &edited,
            &parties(),
            &PartyId("p2".into()),
            Respondent::default(),
        );
        assert_eq!(blank.custom_set.as_ref(), Some(&edited));
        let back = parse_sheet(&blank.to_json()).expect("valid");
        assert_eq!(resolve_set(&back), Ok(edited));
    }
}
