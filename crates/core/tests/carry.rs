//! Properties of carrying a partner's earlier sheet into a new round (`accord_core::carry`), over
//! generated sheets and generated edits of the question set between the rounds: the sheet it
//! gives always passes the sheet checks against the new set, never holds an answer the earlier
//! sheet did not have, and keeps every answer whose question did not change.

mod generate;

use std::sync::Arc;

use accord_core::carry::carry_sheet;
use accord_core::question::{Question, QuestionKind};
use accord_core::sheet::check_sheet;
use accord_core::{Party, PartyId, QuestionId, QuestionSet};
use proptest::prelude::*;
use proptest::sample::select;

use generate::*;

/// What happens to one question of the set between the rounds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Edit {
    Keep,
    Remove,
    Reword,
    Retype,
    Recategorize,
}

fn edits(n: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            6 => Just(Edit::Keep),
            1 => Just(Edit::Remove),
            1 => Just(Edit::Reword),
            1 => Just(Edit::Retype),
            1 => Just(Edit::Recategorize),
        ],
        n,
    )
}

/// The set after `edits`, with `added` new questions at the end.
fn edited(set: &QuestionSet, edits: &[Edit], added: usize) -> QuestionSet {
    let mut next = set.clone();
    next.questions = set
        .questions
        .iter()
        .zip(edits)
        .filter_map(|(q, edit)| {
            let mut q = q.clone();
            match edit {
                Edit::Keep => {}
                Edit::Remove => return None,
                Edit::Reword => q.text = Arc::from(format!("{} (reworded)", q.text)),
                Edit::Retype => {
                    q.kind = match q.kind {
                        QuestionKind::Text => QuestionKind::YesNo,
                        _ => QuestionKind::Text,
                    }
                }
                Edit::Recategorize => q.category = next.categories[0].id.as_str().into(),
            }
            Some(q)
        })
        .collect();
    for i in 0..added {
        next.questions.push(Question {
            id: QuestionId(format!("new-{i}")),
            category: next.categories[0].id.as_str().into(),
            text: Arc::from(format!("New question {i}")),
            kind: QuestionKind::YesNo,
            term: None,
            balance: None,
            scenario: false,
        });
    }
    next
}

fn parties(n: usize) -> Vec<Party> {
    ["Acme", "Globex", "Initech"][..n]
        .iter()
        .enumerate()
        .map(|(i, name)| Party {
            id: PartyId(format!("p{}", i + 1)),
            name: (*name).into(),
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn a_carried_sheet_passes_the_checks_and_invents_nothing(
        answers in answers_with(&general(), 0.7),
        edits in edits(general().questions.len()),
        added in 0usize..3,
        // Some answers relabelled to another question's id: answers that no longer fit.
        relabel in prop::collection::vec(prop::option::weighted(0.15, 0..general().questions.len()), general().questions.len()),
        partners in select(vec![2usize, 3]),
        for_other in prop::bool::weighted(0.1),
    ) {
        let before = general();
        let mut earlier = sheet(&before, "p1", answers);
        let mislabelled = earlier
            .answers
            .iter_mut()
            .zip(&relabel)
            .filter_map(|(answer, to)| to.map(|j| answer.question = before.questions[j].id.clone()))
            .count();
        let after = edited(&before, &edits, added);
        let party = PartyId(if for_other { "p2" } else { "p1" }.into());
        let carried = carry_sheet(&earlier, &after, &parties(partners), &party);

        prop_assert_eq!(check_sheet(&carried.sheet, &after), Ok(()));
        prop_assert_eq!(&carried.sheet.party, &party);
        for answer in &carried.sheet.answers {
            prop_assert!(earlier.answers.contains(answer), "invented: {:?}", answer);
            let (was, now) = (
                before.question(&answer.question).expect("an earlier question"),
                after.question(&answer.question).expect("a current question"),
            );
            prop_assert!(was.text == now.text && was.kind == now.kind, "{} changed", answer.question);
        }
        prop_assert_eq!(carried.carried as usize, carried.sheet.answers.len());
        prop_assert_eq!((carried.carried + carried.blank) as usize, after.questions.len());
        prop_assert!(carried.changed <= carried.blank);
        if for_other {
            prop_assert!(carried.sheet.answers.is_empty());
        }

        // Nothing valid is lost: with the same partners and no relabelled answer, every answer
        // to a question kept as it was (or only moved to another category) is carried.
        if !for_other && partners == 2 && mislabelled == 0 {
            for (question, edit) in before.questions.iter().zip(&edits) {
                if let (Edit::Keep | Edit::Recategorize, Some(answer)) = (edit, earlier.answer(&question.id)) {
                    prop_assert_eq!(carried.sheet.answer(&question.id), Some(answer));
                }
            }
            prop_assert_eq!(carried.changed as usize, before.questions.iter().zip(&edits).filter(|(q, e)| {
                matches!(e, Edit::Reword | Edit::Retype) && earlier.answer(&q.id).is_some()
            }).count());
        }
    }
}
