//! Walking a flow: the only place that decides where a path of answers leads.

use thiserror::Error;

use crate::model::{Choice, Flow, Node, NodeId, Outcome, Question};

/// Where a path of answers stands: a question still to answer, or its outcome.
#[derive(Debug, Clone, Copy)]
pub enum Step<'f> {
    Question(&'f Question),
    Outcome(&'f Outcome),
}

/// The result of walking a path: each question with the choice taken, then the current step.
#[derive(Debug, Clone)]
pub struct Walk<'f> {
    pub answered: Vec<(&'f Question, &'f Choice)>,
    pub step: Step<'f>,
}

/// Why a path of answers does not fit a flow.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FlowError {
    #[error("question \"{question}\" has no answer \"{answer}\"")]
    UnknownAnswer { question: String, answer: String },
    #[error("the answers go on after the outcome \"{outcome}\"")]
    PastOutcome { outcome: String },
    #[error("the answers stop at question \"{question}\", before an outcome")]
    Incomplete { question: String },
}

impl Flow {
    /// The first step of the flow.
    pub fn start(&self) -> Step<'_> {
        self.step_at(self.start)
    }

    /// Follows `answers` (choice ids) from the start.
    pub fn walk<A: AsRef<str>>(&self, answers: &[A]) -> Result<Walk<'_>, FlowError> {
        let mut answered = Vec::with_capacity(answers.len());
        let mut step = self.start();
        for answer in answers {
            let question = match step {
                Step::Question(q) => q,
                Step::Outcome(o) => {
                    return Err(FlowError::PastOutcome {
                        outcome: o.key.clone(),
                    })
                }
            };
            let answer = answer.as_ref();
            let choice = question
                .choices
                .iter()
                .find(|c| c.key == answer)
                .ok_or_else(|| FlowError::UnknownAnswer {
                    question: question.key.clone(),
                    answer: answer.to_owned(),
                })?;
            answered.push((question, choice));
            step = self.step_at(choice.next);
        }
        Ok(Walk { answered, step })
    }

    /// The step that `answer` leads to after `path`.
    pub fn next<A: AsRef<str>>(&self, path: &[A], answer: &str) -> Result<Step<'_>, FlowError> {
        let mut answers: Vec<&str> = path.iter().map(AsRef::as_ref).collect();
        answers.push(answer);
        Ok(self.walk(&answers)?.step)
    }

    /// The outcome a complete path reaches; an error if the path stops at a question.
    pub fn outcome_of<A: AsRef<str>>(&self, path: &[A]) -> Result<&Outcome, FlowError> {
        match self.walk(path)?.step {
            Step::Outcome(o) => Ok(o),
            Step::Question(q) => Err(FlowError::Incomplete {
                question: q.key.clone(),
            }),
        }
    }

    /// Every complete path from the start to an outcome, as lists of answers.
    pub fn paths(&self) -> Vec<Vec<String>> {
        fn extend(flow: &Flow, id: NodeId, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            match flow.node(id) {
                Node::Outcome(_) => out.push(prefix.clone()),
                Node::Question(q) => {
                    for choice in &q.choices {
                        prefix.push(choice.key.clone());
                        extend(flow, choice.next, prefix, out);
                        prefix.pop();
                    }
                }
            }
        }
        let mut out = Vec::new();
        extend(self, self.start, &mut Vec::new(), &mut out);
        out
    }

    fn step_at(&self, id: NodeId) -> Step<'_> {
        match self.node(id) {
            Node::Question(q) => Step::Question(q),
            Node::Outcome(o) => Step::Outcome(o),
        }
    }
}
