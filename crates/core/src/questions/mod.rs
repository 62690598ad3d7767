//! The built-in question sets: a general set every alliance starts from, and one set per
//! alliance kind that adds the questions particular to it.
//!
//! These are templates, built fresh on each call as plain [`QuestionSet`] values, so a user can
//! copy one and add, edit or remove questions without touching anything shared. The wording is
//! Accord's own, drawn from what the alliance literature says partners silently disagree on.
//! This module owns the content and the names of the sets; it leaves storage of edited sets to
//! the store and comparison to [`crate::diff`].

mod general;
mod kinds;

use crate::question::{Balance, Category, Choice, Period, Question, QuestionKind, QuestionSet};
use crate::{AllianceKind, PaperTerm, QuestionId, TermId};

/// Names of the built-in sets, in the order a user would pick them.
pub fn set_names() -> Vec<&'static str> {
    vec![
        "general",
        "co-marketing",
        "reseller",
        "development",
        "joint-venture",
        "consortium",
    ]
}

/// A fresh copy of the built-in set with this name, if there is one.
pub fn builtin_set(name: &str) -> Option<QuestionSet> {
    let kind = match name {
        "general" => return Some(general::set()),
        "co-marketing" => AllianceKind::CoMarketing,
        "reseller" => AllianceKind::Reseller,
        "development" => AllianceKind::Development,
        "joint-venture" => AllianceKind::JointVenture,
        "consortium" => AllianceKind::Consortium,
        _ => return None,
    };
    Some(set_for_kind(kind))
}

/// The set an alliance of this kind starts from: the general questions plus the kind's own.
pub fn set_for_kind(kind: AllianceKind) -> QuestionSet {
    let mut set = general::set();
    set.kind = Some(kind);
    let extra = match kind {
        AllianceKind::CoMarketing => kinds::co_marketing(),
        AllianceKind::Reseller => kinds::reseller(),
        AllianceKind::Development => kinds::development(),
        AllianceKind::JointVenture => kinds::joint_venture(),
        AllianceKind::Consortium => kinds::consortium(),
        AllianceKind::Other => return set,
    };
    set.id = kind.slug().to_string();
    set.title = format!("{} questions", kind.label());
    set.categories.push(extra.category);
    set.terms.extend(extra.terms);
    set.questions.extend(extra.questions);
    set
}

/// What a kind adds to the general set.
struct KindExtra {
    category: Category,
    terms: Vec<PaperTerm>,
    questions: Vec<Question>,
}

fn category(id: &str, title: &str) -> Category {
    Category {
        id: id.into(),
        title: title.into(),
    }
}

fn term(id: &str, text: &str) -> PaperTerm {
    PaperTerm {
        id: TermId(id.into()),
        text: text.into(),
    }
}

fn q(id: &str, category: &str, text: &str, kind: QuestionKind) -> Question {
    Question {
        id: QuestionId(id.into()),
        category: category.into(),
        text: text.into(),
        kind,
        term: None,
        balance: None,
        scenario: false,
    }
}

/// Small chainable setters for writing question tables tersely.
trait QuestionExt {
    fn term(self, id: &str) -> Self;
    fn give(self) -> Self;
    fn get(self) -> Self;
    fn scenario(self) -> Self;
}

impl QuestionExt for Question {
    fn term(mut self, id: &str) -> Self {
        self.term = Some(TermId(id.into()));
        self
    }
    fn give(mut self) -> Self {
        self.balance = Some(Balance::Contribution);
        self
    }
    fn get(mut self) -> Self {
        self.balance = Some(Balance::Benefit);
        self
    }
    fn scenario(mut self) -> Self {
        self.scenario = true;
        self
    }
}

fn number(unit: &str, per: Option<Period>) -> QuestionKind {
    QuestionKind::Number {
        unit: Some(unit.into()),
        per,
    }
}

fn scale(low: &str, high: &str) -> QuestionKind {
    QuestionKind::Scale {
        min: 1,
        max: 5,
        low: low.into(),
        high: high.into(),
    }
}

fn options(list: &[(&str, &str)]) -> Vec<Choice> {
    list.iter()
        .map(|(id, label)| Choice {
            id: (*id).into(),
            label: (*label).into(),
        })
        .collect()
}

fn choice(list: &[(&str, &str)], incompatible: &[(&str, &str)]) -> QuestionKind {
    QuestionKind::Choice {
        options: options(list),
        incompatible: incompatible
            .iter()
            .map(|(x, y)| [(*x).into(), (*y).into()])
            .collect(),
    }
}

fn set_of(list: &[(&str, &str)]) -> QuestionKind {
    QuestionKind::Set {
        options: options(list),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_named_set_exists_and_is_valid() {
        for name in set_names() {
            let set = builtin_set(name).expect(name);
            assert_eq!(set.id, name);
            set.check().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(builtin_set(&format!("{name}-x")).is_none());
        }
    }

    #[test]
    fn the_general_set_covers_every_topic_with_scenarios() {
        let set = builtin_set("general").unwrap();
        assert!(set.questions.len() >= 40, "{}", set.questions.len());
        let used: BTreeSet<&str> = set.questions.iter().map(|q| &*q.category).collect();
        for c in &set.categories {
            assert!(
                used.contains(c.id.as_str()),
                "category {} has no question",
                c.id
            );
        }
        assert!(set.questions.iter().filter(|q| q.scenario).count() >= 6);
        let tags: BTreeSet<&str> = set.questions.iter().map(|q| q.kind.tag()).collect();
        for tag in [
            "number",
            "share",
            "duration",
            "frequency",
            "date",
            "scale",
            "choice",
            "set",
            "party",
            "yes_no",
            "text",
        ] {
            assert!(tags.contains(tag), "no {tag} question");
        }
        assert!(set
            .questions
            .iter()
            .any(|q| q.balance == Some(Balance::Contribution)));
        assert!(set
            .questions
            .iter()
            .any(|q| q.balance == Some(Balance::Benefit)));
    }

    #[test]
    fn kind_sets_extend_the_general_set() {
        let general = builtin_set("general").unwrap();
        for kind in AllianceKind::ALL {
            let set = set_for_kind(kind);
            assert_eq!(
                &set.questions[..general.questions.len()],
                &general.questions[..]
            );
            if kind != AllianceKind::Other {
                assert!(set.questions.len() >= general.questions.len() + 8, "{kind}");
                assert!(set
                    .questions
                    .iter()
                    .any(|q| q.scenario && *q.category == *set.categories.last().unwrap().id));
            }
        }
    }

    #[test]
    fn a_template_is_a_starting_point() {
        let mut set = builtin_set("reseller").unwrap();
        let n = set.questions.len();
        let removed = set.remove_question(&"channel-exclusive".into()).unwrap();
        assert_eq!(set.questions.len(), n - 1);
        let mut edited = removed.clone();
        edited.id = "channel-exclusive-eu".into();
        edited.text = "Is the reseller exclusive in the EU?".into();
        set.add_question(edited.clone()).unwrap();
        assert!(set.add_question(edited.clone()).is_err());
        edited.category = "nowhere".into();
        assert!(set.edit_question(edited).is_err());
        set.check().unwrap();
    }
}
