//! The resolution workflow of one disputed question: either partner proposes an agreed value
//! (a suggestion or their own) with a comment; the other accepts, rejects or counters. Every
//! step is kept (the store appends them); the item's status is a function of its steps.
//!
//! Rules: a proposal needs a value; only the other partner can accept, reject or counter a
//! proposal; a partner may replace their own standing proposal; a rejected proposal leaves the
//! item open (and the proposal visible as the last one); an accepted one is final for the
//! round.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::answer::Expectation;
use crate::{PartyId, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Action {
    Propose,
    Accept,
    Reject,
    Counter,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Propose => "propose",
            Action::Accept => "accept",
            Action::Reject => "reject",
            Action::Counter => "counter",
        }
    }

    pub fn parse(text: &str) -> Option<Action> {
        Some(match text {
            "propose" => Action::Propose,
            "accept" => Action::Accept,
            "reject" => Action::Reject,
            "counter" => Action::Counter,
            _ => return None,
        })
    }
}

/// One step on one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Step {
    pub party: PartyId,
    pub action: Action,
    /// The proposed value (propose and counter).
    pub value: Option<Expectation>,
    /// The value in words.
    pub shown: Option<String>,
    pub comment: Option<String>,
    pub at: Timestamp,
}

/// Where a question stands.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "status", rename_all = "snake_case")]
#[ts(export)]
pub enum ItemStatus {
    /// Nothing on the table; `last` is the last rejected proposal, if any.
    Open { last: Option<Proposal> },
    /// A proposal awaits the other partner.
    Proposed { proposal: Proposal },
    /// Accepted: final for the round.
    Agreed {
        proposal: Proposal,
        accepted_by: PartyId,
        comment: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Proposal {
    pub by: PartyId,
    pub value: Expectation,
    pub shown: String,
    pub comment: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("a proposal needs a value")]
    NoValue,
    #[error("there is no proposal to {action}; propose a value first")]
    NothingProposed { action: &'static str },
    #[error("{party} made this proposal; the other partner accepts, rejects or counters it")]
    OwnProposal { party: String },
    #[error("this question is already agreed for this round")]
    AlreadyAgreed,
}

/// The status after `steps` (which were each checked by [`check`] when recorded).
pub fn status(steps: &[Step]) -> ItemStatus {
    let mut state = ItemStatus::Open { last: None };
    for step in steps {
        state = apply(state, step).unwrap_or_else(|refused| refused.0);
    }
    state
}

/// Whether `next` may follow `steps`.
pub fn check(steps: &[Step], next: &Step) -> Result<(), WorkflowError> {
    apply(status(steps), next)
        .map(|_| ())
        .map_err(|refused| refused.1)
}

/// The new status, or the unchanged one with why the step was refused.
type Applied = Result<ItemStatus, Box<(ItemStatus, WorkflowError)>>;

fn apply(state: ItemStatus, step: &Step) -> Applied {
    let proposal = |step: &Step| -> Option<Proposal> {
        Some(Proposal {
            by: step.party.clone(),
            value: step.value.clone()?,
            shown: step.shown.clone().unwrap_or_default(),
            comment: step.comment.clone(),
        })
    };
    match state {
        state @ ItemStatus::Agreed { .. } => Err(Box::new((state, WorkflowError::AlreadyAgreed))),
        ItemStatus::Open { last } => match step.action {
            Action::Propose => match proposal(step) {
                Some(p) => Ok(ItemStatus::Proposed { proposal: p }),
                None => Err(Box::new((
                    ItemStatus::Open { last },
                    WorkflowError::NoValue,
                ))),
            },
            action => Err(Box::new((
                ItemStatus::Open { last },
                WorkflowError::NothingProposed {
                    action: action.as_str(),
                },
            ))),
        },
        ItemStatus::Proposed { proposal: standing } => {
            let own = standing.by == step.party;
            match step.action {
                // A new proposal replaces the proposer's own; from the other partner it is a
                // counter-proposal.
                Action::Counter if own => Err(Box::new((
                    ItemStatus::Proposed { proposal: standing },
                    WorkflowError::OwnProposal {
                        party: step.party.0.clone(),
                    },
                ))),
                Action::Propose | Action::Counter => match proposal(step) {
                    Some(p) => Ok(ItemStatus::Proposed { proposal: p }),
                    None => Err(Box::new((
                        ItemStatus::Proposed { proposal: standing },
                        WorkflowError::NoValue,
                    ))),
                },
                _ if own => Err(Box::new((
                    ItemStatus::Proposed { proposal: standing },
                    WorkflowError::OwnProposal {
                        party: step.party.0.clone(),
                    },
                ))),
                Action::Accept => Ok(ItemStatus::Agreed {
                    proposal: standing,
                    accepted_by: step.party.clone(),
                    comment: step.comment.clone(),
                }),
                Action::Reject => Ok(ItemStatus::Open {
                    last: Some(standing),
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::{Expectation, YesNo, YesNoValue};

    fn step(party: &str, action: Action, value: Option<YesNo>) -> Step {
        Step {
            party: PartyId(party.into()),
            action,
            value: value.map(|v| {
                Expectation::YesNo(YesNoValue {
                    value: v,
                    accept: vec![],
                })
            }),
            shown: value.map(|v| v.to_string()),
            comment: None,
            at: Timestamp(0),
        }
    }

    #[test]
    fn propose_counter_accept() {
        let mut steps = vec![step("p1", Action::Propose, Some(YesNo::Yes))];
        assert!(matches!(status(&steps), ItemStatus::Proposed { .. }));
        let counter = step("p2", Action::Counter, Some(YesNo::No));
        check(&steps, &counter).unwrap();
        steps.push(counter);
        assert_eq!(
            check(&steps, &step("p2", Action::Accept, None)),
            Err(WorkflowError::OwnProposal { party: "p2".into() })
        );
        let accept = step("p1", Action::Accept, None);
        check(&steps, &accept).unwrap();
        steps.push(accept);
        let ItemStatus::Agreed {
            proposal,
            accepted_by,
            ..
        } = status(&steps)
        else {
            panic!("agreed");
        };
        assert_eq!(proposal.shown, "no");
        assert_eq!(accepted_by, PartyId("p1".into()));
        assert_eq!(
            check(&steps, &step("p2", Action::Propose, Some(YesNo::Yes))),
            Err(WorkflowError::AlreadyAgreed)
        );
    }

    #[test]
    fn a_rejection_reopens_and_keeps_the_last_proposal_visible() {
        let steps = vec![
            step("p1", Action::Propose, Some(YesNo::Yes)),
            step("p2", Action::Reject, None),
        ];
        let ItemStatus::Open { last: Some(last) } = status(&steps) else {
            panic!("open with the last proposal");
        };
        assert_eq!(last.by, PartyId("p1".into()));
        assert_eq!(
            check(&steps, &step("p1", Action::Accept, None)),
            Err(WorkflowError::NothingProposed { action: "accept" })
        );
        assert_eq!(
            check(&[], &step("p1", Action::Propose, None)),
            Err(WorkflowError::NoValue)
        );
        // The proposer may replace their own proposal.
        let replaced = vec![
            step("p1", Action::Propose, Some(YesNo::Yes)),
            step("p1", Action::Propose, Some(YesNo::Unsure)),
        ];
        let ItemStatus::Proposed { proposal } = status(&replaced) else {
            panic!("proposed");
        };
        assert_eq!(proposal.shown, "unsure");
    }
}
