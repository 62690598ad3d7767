//! Questions and question sets: what partners are asked, grouped by category, optionally tied to
//! a term they agreed on paper.
//!
//! A [`QuestionSet`] is plain, editable data. The built-in ones (see [`crate::questions`]) are
//! templates a user copies and changes freely; nothing here treats a built-in set specially.
//! This module owns the shape of a question and what kind of answer it expects
//! ([`QuestionKind`]); it deliberately leaves the answers themselves to [`crate::answer`] and
//! their comparison to [`crate::diff`].

use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{AllianceKind, PaperTerm, TermId};

/// Identifies a question within its set (`fair-equitable`, `time-duration`, ...).
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[ts(export)]
pub struct QuestionId(pub String);

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for QuestionId {
    fn from(s: &str) -> Self {
        QuestionId(s.to_string())
    }
}

/// A heading that groups questions (fairness, time, money, ...), with scores of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Category {
    pub id: String,
    pub title: String,
}

/// A calendar period, used for "per week" amounts and "twice a month" frequencies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    /// How many of this period make a year (365 days, 52 weeks).
    pub fn per_year(self) -> f64 {
        match self {
            Period::Day => 365.0,
            Period::Week => 52.0,
            Period::Month => 12.0,
            Period::Quarter => 4.0,
            Period::Year => 1.0,
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
        }
    }
}

/// Whether a question measures what a partner puts in or what it takes out; the engine sums
/// these into each partner's give/get balance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Balance {
    Contribution,
    Benefit,
}

/// One option of a choice or set question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What kind of answer a question expects, with what the comparison needs to know about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionKind {
    /// A number or a range, with a unit ("hours", "EUR", "people") and optionally a period
    /// ("per week"). The unit and period here are defaults an answer may override.
    Number {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        per: Option<Period>,
    },
    /// Percentages per party that add up to 100.
    Share,
    /// A length of time, or open-ended.
    Duration,
    /// How often something happens, or ad hoc.
    Frequency,
    /// A calendar date.
    Date,
    /// A point on an ordered scale, `min..=max`, with words for both ends.
    Scale {
        min: u8,
        max: u8,
        low: String,
        high: String,
    },
    /// One option out of several; some pairs of options may be marked incompatible.
    Choice {
        options: Vec<Choice>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        incompatible: Vec<[String; 2]>,
    },
    /// Any number of options.
    Set { options: Vec<Choice> },
    /// Which party: me, the partner, both, neither, or a third party.
    Party,
    /// Yes, no, or unsure.
    YesNo,
    /// Free text.
    Text,
}

impl QuestionKind {
    /// The `type` tag shared by the question kind and the answers to it.
    pub fn tag(&self) -> &'static str {
        match self {
            QuestionKind::Number { .. } => "number",
            QuestionKind::Share => "share",
            QuestionKind::Duration => "duration",
            QuestionKind::Frequency => "frequency",
            QuestionKind::Date => "date",
            QuestionKind::Scale { .. } => "scale",
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::Set { .. } => "set",
            QuestionKind::Party => "party",
            QuestionKind::YesNo => "yes_no",
            QuestionKind::Text => "text",
        }
    }

    /// The label of a choice or set option, or the id itself when unknown.
    pub fn option_label<'a>(&'a self, id: &'a str) -> &'a str {
        let options = match self {
            QuestionKind::Choice { options, .. } | QuestionKind::Set { options } => options,
            _ => return id,
        };
        options
            .iter()
            .find(|o| o.id == id)
            .map_or(id, |o| o.label.as_str())
    }
}

/// One question of a set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct Question {
    pub id: QuestionId,
    // Category and text are `Arc<str>` (plain strings in JSON, the schema and TypeScript) so
    // that each comparison's gaps share them instead of copying them.
    /// The id of one of the set's categories.
    pub category: Arc<str>,
    pub text: Arc<str>,
    #[serde(flatten)]
    pub kind: QuestionKind,
    /// The paper term this question tests, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<TermId>,
    /// Counts towards each partner's give (contribution) or get (benefit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Balance>,
    /// A concrete situation ("the partner misses a date by a month") rather than a principle.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub scenario: bool,
}

/// A named, ordered list of questions with its categories and the paper terms they refer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, JsonSchema)]
#[ts(export)]
pub struct QuestionSet {
    /// Machine name (`general`, `reseller`, or any name a user picks).
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AllianceKind>,
    pub categories: Vec<Category>,
    /// Terms agreed on paper. Built-in sets name typical ones; users reword them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<PaperTerm>,
    pub questions: Vec<Question>,
}

impl QuestionSet {
    pub fn question(&self, id: &QuestionId) -> Option<&Question> {
        self.questions.iter().find(|q| &q.id == id)
    }

    pub fn category_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.categories
            .iter()
            .find(|c| c.id == id)
            .map_or(id, |c| c.title.as_str())
    }

    /// Adds a question at the end. Fails if the id is taken or the category unknown.
    pub fn add_question(&mut self, question: Question) -> Result<(), QuestionSetError> {
        if self.question(&question.id).is_some() {
            return Err(QuestionSetError::DuplicateQuestion {
                id: question.id.clone(),
            });
        }
        self.check_question(&question)?;
        self.questions.push(question);
        Ok(())
    }

    /// Replaces the question with the same id.
    pub fn edit_question(&mut self, question: Question) -> Result<(), QuestionSetError> {
        self.check_question(&question)?;
        let slot = self
            .questions
            .iter_mut()
            .find(|q| q.id == question.id)
            .ok_or_else(|| QuestionSetError::UnknownQuestion {
                id: question.id.clone(),
            })?;
        *slot = question;
        Ok(())
    }

    /// Removes a question and returns it.
    pub fn remove_question(&mut self, id: &QuestionId) -> Result<Question, QuestionSetError> {
        let pos = self
            .questions
            .iter()
            .position(|q| &q.id == id)
            .ok_or_else(|| QuestionSetError::UnknownQuestion { id: id.clone() })?;
        Ok(self.questions.remove(pos))
    }

    /// Checks the whole set: unique ids, known categories and terms, sane kinds.
    pub fn check(&self) -> Result<(), QuestionSetError> {
        let mut seen = std::collections::HashSet::new();
        for q in &self.questions {
            if !seen.insert(&q.id) {
                return Err(QuestionSetError::DuplicateQuestion { id: q.id.clone() });
            }
            self.check_question(q)?;
        }
        Ok(())
    }

    fn check_question(&self, q: &Question) -> Result<(), QuestionSetError> {
        let bad = |why: String| QuestionSetError::BadQuestion {
            id: q.id.clone(),
            why,
        };
        if q.id.0.trim().is_empty() {
            return Err(bad("the question id is empty".into()));
        }
        if !self.categories.iter().any(|c| *c.id == *q.category) {
            return Err(bad(format!("unknown category {:?}", q.category)));
        }
        if let Some(term) = &q.term {
            if !self.terms.iter().any(|t| &t.id == term) {
                return Err(bad(format!("unknown paper term {:?}", term.0)));
            }
        }
        match &q.kind {
            QuestionKind::Scale { min, max, .. } if min >= max => Err(bad(format!(
                "scale minimum {min} is not below maximum {max}"
            ))),
            QuestionKind::Choice {
                options,
                incompatible,
            } => {
                check_options(options).map_err(&bad)?;
                for [x, y] in incompatible {
                    for o in [x, y] {
                        if !options.iter().any(|c| &c.id == o) {
                            return Err(bad(format!(
                                "incompatible pair names unknown option {o:?}"
                            )));
                        }
                    }
                }
                Ok(())
            }
            QuestionKind::Set { options } => check_options(options).map_err(bad),
            _ => Ok(()),
        }
    }
}

fn check_options(options: &[Choice]) -> Result<(), String> {
    if options.len() < 2 {
        return Err("a choice needs at least two options".into());
    }
    for (i, o) in options.iter().enumerate() {
        if options[..i].iter().any(|p| p.id == o.id) {
            return Err(format!("option {:?} is listed twice", o.id));
        }
    }
    Ok(())
}

/// Why a question set, or an edit to one, was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QuestionSetError {
    #[error("question {id} appears twice in the set")]
    DuplicateQuestion { id: QuestionId },
    #[error("there is no question {id} in the set")]
    UnknownQuestion { id: QuestionId },
    #[error("question {id}: {why}")]
    BadQuestion { id: QuestionId, why: String },
}
