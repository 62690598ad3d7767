//! Carrying a partner's earlier answers into a new round: the sheet a partner starts from when
//! the partners renegotiate, so that one or two moved expectations do not mean answering every
//! question again.
//!
//! The rule is strict on purpose, because a carried answer the partner does not notice is worse
//! than a blank one they must fill in: an answer is carried only when
//!
//! - the question still exists (same id) in the new set,
//! - the question reads and asks the same: its text and its kind with every setting (unit,
//!   period, scale ends, options, incompatible pairs) are unchanged from the set the earlier
//!   sheet answered; moving it to another category or linking it to another paper term does
//!   not change what the answer means, so those do not count,
//! - and the answer (value, guess, note) still passes the sheet checks for that question with
//!   the new sheet's parties.
//!
//! Everything else starts blank. Nothing is invented: every carried answer is one of the earlier
//! sheet's answers, unchanged. The result passes [`check_sheet`](crate::sheet::check_sheet)
//! against the new set whenever the parties are valid (property-tested in `tests/carry.rs`).
//! Choosing which earlier sheet to start from is the store's job; this module only carries one.

use std::collections::HashSet;

use crate::sheet::{blank_sheet, check_answer, resolve_set, AnswerSheet};
use crate::{Party, PartyId, QuestionId, QuestionSet};

/// An earlier sheet carried onto a question set: the sheet to start from and what happened to
/// its answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Carried {
    /// The new sheet: the carried answers, in the new set's order.
    pub sheet: AnswerSheet,
    /// Answers carried over unchanged.
    pub carried: u32,
    /// Questions of the new set the earlier sheet answered whose answer was left behind: the
    /// question's text or kind changed, or the answer no longer passes its checks.
    pub changed: u32,
    /// Questions of the new set that start without an answer: new ones, changed ones, and those
    /// the earlier sheet left unanswered.
    pub blank: u32,
}

/// The sheet `party` starts from on `set`, carried from `earlier`, one of their own earlier
/// sheets (see the module's rule). An earlier sheet that speaks for another party carries
/// nothing: its "me" and "partner" are someone else's. So does one whose question set cannot be
/// resolved, since what its answers meant is then unknown. The respondent is kept.
pub fn carry_sheet(
    earlier: &AnswerSheet,
    set: &QuestionSet,
    parties: &[Party],
    party: &PartyId,
) -> Carried {
    let mut sheet = blank_sheet(set, parties, party, earlier.respondent.clone());
    let earlier_set = resolve_set(earlier).ok();
    let (mut carried, mut changed) = (0u32, 0u32);
    let mut seen: HashSet<&QuestionId> = HashSet::new();
    if earlier.party == *party {
        if let Some(earlier_set) = &earlier_set {
            let mut kept = Vec::new();
            for question in &set.questions {
                let Some(answer) = earlier.answer(&question.id) else {
                    continue;
                };
                if !seen.insert(&question.id) {
                    continue;
                }
                let unchanged = earlier_set.question(&question.id).is_some_and(|before| {
                    before.text == question.text && before.kind == question.kind
                });
                if unchanged && check_answer(&question.kind, answer, &sheet).is_ok() {
                    kept.push(answer.clone());
                    carried += 1;
                } else {
                    changed += 1;
                }
            }
            sheet.answers = kept;
        }
    }
    let blank = (set.questions.len() as u32).saturating_sub(carried);
    Carried {
        sheet,
        carried,
        changed,
        blank,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::answer::{
        Answer, ChoiceValue, Expectation, Flexibility, PartyPick, PartyValue, ShareValue, YesNo,
        YesNoValue,
    };
    use crate::question::{Choice, Question, QuestionKind};
    use crate::sheet::{check_sheet, FORMAT, FORMAT_VERSION};

    fn parties(n: usize) -> Vec<Party> {
        (1..=n)
            .map(|i| Party {
                id: PartyId(format!("p{i}")),
                name: format!("Partner {i}"),
            })
            .collect()
    }

    fn question(id: &str, text: &str, kind: QuestionKind) -> Question {
        Question {
            id: QuestionId(id.into()),
            category: Arc::from("general"),
            text: Arc::from(text),
            kind,
            term: None,
            balance: None,
            scenario: false,
        }
    }

    fn choice(ids: &[&str]) -> QuestionKind {
        QuestionKind::Choice {
            options: ids
                .iter()
                .map(|id| Choice {
                    id: (*id).into(),
                    label: id.to_uppercase(),
                })
                .collect(),
            incompatible: Vec::new(),
        }
    }

    fn set(questions: Vec<Question>) -> QuestionSet {
        QuestionSet {
            id: "custom".into(),
            title: "Our questions".into(),
            kind: None,
            categories: vec![crate::Category {
                id: "general".into(),
                title: "General".into(),
            }],
            terms: Vec::new(),
            questions,
        }
    }

    fn round_one() -> QuestionSet {
        set(vec![
            question("prelude", "Could this lead to more?", QuestionKind::YesNo),
            question(
                "rule",
                "How do we decide?",
                choice(&["consensus", "majority", "lead"]),
            ),
            question("payer", "Who pays the venue?", QuestionKind::Party),
            question("split", "How are costs split?", QuestionKind::Share),
            question(
                "success",
                "What does success look like?",
                QuestionKind::Text,
            ),
        ])
    }

    fn answer(id: &str, value: Expectation) -> Answer {
        Answer {
            question: QuestionId(id.into()),
            value,
            importance: Default::default(),
            flexibility: Flexibility::Firm,
            note: Some(format!("why {id}")),
            guess: None,
        }
    }

    fn yes() -> Expectation {
        Expectation::YesNo(YesNoValue {
            value: YesNo::Yes,
            accept: Vec::new(),
        })
    }

    /// Partner p1's sealed sheet of round one: four of the five questions answered.
    fn sealed(set: &QuestionSet) -> AnswerSheet {
        let mut sheet = blank_sheet(
            set,
            &parties(2),
            &PartyId("p1".into()),
            crate::sheet::Respondent {
                name: "Ana".into(),
                role: Some("alliance manager".into()),
            },
        );
        sheet.answers = vec![
            answer("prelude", yes()),
            answer(
                "rule",
                Expectation::Choice(ChoiceValue {
                    value: "majority".into(),
                    accept: vec!["consensus".into()],
                }),
            ),
            answer(
                "payer",
                Expectation::Party(PartyValue {
                    value: PartyPick::Party(PartyId("p2".into())),
                    accept: Vec::new(),
                }),
            ),
            answer(
                "split",
                Expectation::Share(ShareValue {
                    split: [("me".to_string(), 60.0), ("partner".to_string(), 40.0)]
                        .into_iter()
                        .collect(),
                    accept_min: None,
                    accept_max: None,
                }),
            ),
        ];
        assert_eq!(check_sheet(&sheet, set), Ok(()));
        sheet
    }

    #[test]
    fn an_unchanged_set_carries_every_answer_and_the_respondent() {
        let set = round_one();
        let earlier = sealed(&set);
        let carried = carry_sheet(&earlier, &set, &parties(2), &PartyId("p1".into()));
        assert_eq!(carried.sheet.answers, earlier.answers);
        assert_eq!(carried.sheet.respondent, earlier.respondent);
        assert_eq!(carried.sheet.format, FORMAT);
        assert_eq!(carried.sheet.version, FORMAT_VERSION);
        assert_eq!((carried.carried, carried.changed, carried.blank), (4, 0, 1));
        assert_eq!(check_sheet(&carried.sheet, &set), Ok(()));
    }

    #[test]
    fn removed_reworded_and_retyped_questions_start_blank_and_new_ones_too() {
        let before = round_one();
        let earlier = sealed(&before);
        let mut after = before.clone();
        // Removed.
        after.questions.retain(|q| q.id.0 != "payer");
        // Reworded: the same kind, a different question.
        after.questions[0].text = Arc::from("Is this a prelude to a joint venture?");
        // An option dropped: the kind changed, and "majority" is gone anyway.
        after.questions[1].kind = choice(&["consensus", "lead"]);
        // Moved to another category: still the same question.
        after.questions[2].category = Arc::from("money");
        // New.
        after
            .questions
            .push(question("venue", "Which venue?", QuestionKind::Text));
        let carried = carry_sheet(&earlier, &after, &parties(2), &PartyId("p1".into()));
        let ids: Vec<&str> = carried
            .sheet
            .answers
            .iter()
            .map(|a| a.question.0.as_str())
            .collect();
        assert_eq!(ids, ["split"]);
        assert_eq!((carried.carried, carried.changed, carried.blank), (1, 2, 4));
        assert_eq!(carried.sheet.custom_set.as_ref(), Some(&after));
        assert_eq!(check_sheet(&carried.sheet, &after), Ok(()));
    }

    #[test]
    fn an_option_added_is_a_change_too() {
        let before = round_one();
        let earlier = sealed(&before);
        let mut after = before.clone();
        after.questions[1].kind = choice(&["consensus", "majority", "lead", "vote"]);
        let carried = carry_sheet(&earlier, &after, &parties(2), &PartyId("p1".into()));
        assert!(carried.sheet.answer(&QuestionId("rule".into())).is_none());
        assert_eq!((carried.carried, carried.changed), (3, 1));
    }

    #[test]
    fn an_answer_that_no_longer_fits_the_parties_is_left_behind() {
        // A third partner joined: "partner" in a share split no longer says who.
        let set = round_one();
        let earlier = sealed(&set);
        let carried = carry_sheet(&earlier, &set, &parties(3), &PartyId("p1".into()));
        assert!(carried.sheet.answer(&QuestionId("split".into())).is_none());
        assert_eq!((carried.carried, carried.changed, carried.blank), (3, 1, 2));
        assert_eq!(check_sheet(&carried.sheet, &set), Ok(()));
    }

    #[test]
    fn another_partners_sheet_carries_nothing() {
        let set = round_one();
        let earlier = sealed(&set);
        let carried = carry_sheet(&earlier, &set, &parties(2), &PartyId("p2".into()));
        assert!(carried.sheet.answers.is_empty());
        assert_eq!(carried.sheet.party, PartyId("p2".into()));
        assert_eq!((carried.carried, carried.changed, carried.blank), (0, 0, 5));
    }

    #[test]
    fn a_sheet_whose_questions_are_unknown_carries_nothing() {
        let set = round_one();
        let mut earlier = sealed(&set);
        earlier.custom_set = None;
        earlier.question_set = "no-such-set".into();
        let carried = carry_sheet(&earlier, &set, &parties(2), &PartyId("p1".into()));
        assert!(carried.sheet.answers.is_empty());
        assert_eq!(carried.blank, 5);
    }

    #[test]
    fn an_answer_given_twice_is_carried_once() {
        let set = round_one();
        let mut earlier = sealed(&set);
        let mut again = earlier.answers[0].clone();
        again.note = Some("said twice".into());
        earlier.answers.push(again);
        let carried = carry_sheet(&earlier, &set, &parties(2), &PartyId("p1".into()));
        assert_eq!(carried.carried, 4);
        assert_eq!(
            carried.sheet.answer(&QuestionId("prelude".into())),
            Some(&earlier.answers[0])
        );
        assert_eq!(check_sheet(&carried.sheet, &set), Ok(()));
    }
}
