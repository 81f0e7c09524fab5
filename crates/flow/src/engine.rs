//! Walking a flow: the only place that decides where a path of answers leads.

use thiserror::Error;

use crate::api::AnsweredQuestion;
use crate::lang::{Lang, Text};
use crate::model::{
    Checklist, Choice, Effect, Flow, Item, Node, NodeId, NumberQuestion, Outcome, Question,
};
use crate::org::Organisation;

/// The placeholder a range's explanation may use for the number the person typed.
pub(crate) const VALUE_PLACEHOLDER: &str = "value";

/// How much of a link's answers a flow still follows ([`Flow::resume`]).
#[derive(Debug, Clone)]
pub enum Resume<'f> {
    /// Every answer fits.
    Whole(Walk<'f>),
    /// The first `kept` answers fit; the walk stands where the next one no longer does.
    Prefix { walk: Walk<'f>, kept: usize },
    /// Not even the first answer fits: the flow starts again.
    Start,
}

/// Where a path of answers stands: something still to answer, or its outcome.
#[derive(Debug, Clone, Copy)]
pub enum Step<'f> {
    Question(&'f Question),
    Number(&'f NumberQuestion),
    Checklist(&'f Checklist),
    Outcome(&'f Outcome),
}

/// One node of a walk and the answer given there.
#[derive(Debug, Clone)]
pub struct Answered<'f> {
    pub node: &'f Node,
    /// The answer as the path records it: a choice id, a number, or one `y`/`n` per item.
    pub answer: String,
    pub given: Given<'f>,
}

/// An answer in the node's own terms, for showing it back to a person.
#[derive(Debug, Clone)]
pub enum Given<'f> {
    Choice(&'f Choice),
    Number(f64),
    Checklist(Vec<(&'f Item, bool)>),
}

impl Given<'_> {
    /// The answer in words, as the person gave it, in `lang` (flow text, placeholders not
    /// yet filled).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Given::Choice(c) => c.label.get(lang).to_owned(),
            Given::Number(v) => lang.percent(*v),
            Given::Checklist(marks) => marks
                .iter()
                .map(|(item, yes)| format!("{} {}", lang.answer_to(*yes), item.text.get(lang)))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The result of walking a path of answers.
#[derive(Debug, Clone)]
pub struct Walk<'f> {
    pub answered: Vec<Answered<'f>>,
    pub step: Step<'f>,
    /// The node the walk stands at.
    pub at: NodeId,
    /// Flags the answers set, each once, in the order they were set.
    pub flags: Vec<&'f str>,
    /// The explanations the answers added, in order; [`Walk::notes`] words them.
    pub explained: Vec<Note<'f>>,
}

/// An explanation one answer added, with the number it may name.
#[derive(Debug, Clone, PartialEq)]
pub struct Note<'f> {
    explain: &'f Text,
    value: Option<f64>,
    over_limit: bool,
}

impl Note<'_> {
    /// Whether the explanation names a figure over a limit Amazon sets.
    pub fn over_limit(&self) -> bool {
        self.over_limit
    }

    /// The explanation in `lang`, with `{value}` written as that language writes numbers.
    pub fn text(&self, lang: Lang) -> String {
        let text = self.explain.get(lang);
        match self.value {
            Some(v) => text.replace(&format!("{{{VALUE_PLACEHOLDER}}}"), &lang.number(v)),
            None => text.to_owned(),
        }
    }
}

/// Why a path of answers does not fit a flow.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum FlowError {
    #[error("question \"{question}\" has no answer \"{answer}\"")]
    UnknownAnswer { question: String, answer: String },
    #[error("\"{answer}\" is not a number (question \"{question}\")")]
    NotANumber { question: String, answer: String },
    #[error("{value} is outside {min} to {max} (question \"{question}\")")]
    OutOfRange {
        question: String,
        value: f64,
        min: f64,
        max: f64,
    },
    #[error(
        "checklist \"{question}\" needs one y or n for each of its {items} items, not \"{answer}\""
    )]
    BadChecklist {
        question: String,
        answer: String,
        items: usize,
    },
    #[error("the answers go on after the outcome \"{outcome}\"")]
    PastOutcome { outcome: String },
    #[error("the answers stop at \"{question}\", before an outcome")]
    Incomplete { question: String },
}

impl Flow {
    /// The first step of the flow.
    pub fn start(&self) -> Step<'_> {
        self.step_at(self.start)
    }

    /// The id of the first node.
    pub fn start_id(&self) -> NodeId {
        self.start
    }

    /// Follows `answers` from the start.
    pub fn walk<A: AsRef<str>>(&self, answers: &[A]) -> Result<Walk<'_>, FlowError> {
        let mut walk = Walk {
            answered: Vec::with_capacity(answers.len()),
            step: self.start(),
            at: self.start,
            flags: Vec::new(),
            explained: Vec::new(),
        };
        for answer in answers {
            let node = self.node(walk.at);
            let (next, given, effects) = answer_at(node, answer.as_ref())?;
            for effect in effects {
                walk.apply(effect, &given);
            }
            walk.answered.push(Answered {
                node,
                answer: canonical(&given),
                given,
            });
            walk.at = next;
            walk.step = self.step_at(next);
        }
        Ok(walk)
    }

    /// Where a link's answers lead after a publish may have changed the flow under them: all of
    /// them if they still fit, else the longest first part that does (resuming at the first
    /// question that no longer fits), else the start.
    pub fn resume<A: AsRef<str>>(&self, answers: &[A]) -> Resume<'_> {
        if let Ok(walk) = self.walk(answers) {
            return Resume::Whole(walk);
        }
        let (kept, walk) = (0..answers.len())
            .rev()
            .find_map(|n| self.walk(&answers[..n]).ok().map(|walk| (n, walk)))
            .expect("no answers at all always walk");
        match kept {
            0 => Resume::Start,
            kept => Resume::Prefix { walk, kept },
        }
    }

    /// The shortest path of answers to the node whose id in the flow file is `key`, for a link
    /// that names a step rather than the answers to it (`&to=separate`).
    pub fn path_to_key(&self, key: &str) -> Option<Vec<String>> {
        self.node_by_key(key).map(|(id, _)| self.path_to(id))
    }

    /// Whether some answers from `from` on (`from` itself included) reach `goal`: whether a
    /// person standing at `from` can still get there.
    pub fn reaches(&self, from: NodeId, goal: NodeId) -> bool {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack = vec![from];
        while let Some(at) = stack.pop() {
            if at == goal {
                return true;
            }
            if !std::mem::replace(&mut seen[at.0], true) {
                stack.extend(self.node(at).targets());
            }
        }
        false
    }

    /// For each branch of the node `at`, in the order of [`Node::targets`] (a question's
    /// choices; a checklist's all-yes, then each item's no), whether taking it can still lead
    /// to `goal`: the answers to mark for a person heading there. None is marked at the goal
    /// itself, nor where it can no longer be reached.
    pub fn toward(&self, at: NodeId, goal: NodeId) -> Vec<bool> {
        self.node(at)
            .targets()
            .into_iter()
            .map(|target| self.reaches(target, goal))
            .collect()
    }

    /// How many questions the longest path from `id` still asks, counting `id` itself (0 at an
    /// outcome). With the number already answered, this gives an honest progress indicator.
    pub fn questions_left(&self, id: NodeId) -> usize {
        self.longest_from(id, &mut vec![None; self.nodes.len()])
    }

    /// [`Flow::questions_left`], each node's figure worked out once (`known`, by node index):
    /// a flow's paths can be far more than its nodes, so they are never walked one by one.
    fn longest_from(&self, id: NodeId, known: &mut [Option<usize>]) -> usize {
        if let Some(left) = known[id.0] {
            return left;
        }
        let left = match self.node(id) {
            Node::Outcome(_) => 0,
            node => {
                1 + node
                    .targets()
                    .into_iter()
                    .map(|t| self.longest_from(t, known))
                    .max()
                    .unwrap_or(0)
            }
        };
        known[id.0] = Some(left);
        left
    }

    /// The shortest path of answers that reaches `id` (empty for the start), for jumping to
    /// any node of the flow.
    pub fn path_to(&self, id: NodeId) -> Vec<String> {
        let mut paths: Vec<Option<Vec<String>>> = vec![None; self.nodes.len()];
        paths[self.start.0] = Some(Vec::new());
        let mut queue = std::collections::VecDeque::from([self.start]);
        while let Some(at) = queue.pop_front() {
            let node = self.node(at);
            for answer in branch_answers(node) {
                let (next, _, _) = answer_at(node, &answer).expect("branch answers fit their node");
                if paths[next.0].is_none() {
                    let mut path = paths[at.0].clone().expect("queued nodes have a path");
                    path.push(answer);
                    paths[next.0] = Some(path);
                    queue.push_back(next);
                }
            }
        }
        paths[id.0]
            .take()
            .expect("every node is reachable: the loader checked it")
    }

    /// Complete paths from the start to an outcome that together take every answer's branch:
    /// every choice, one value per numeric range, and for a checklist all yes plus each item
    /// as the first no.
    pub fn paths(&self) -> Vec<Vec<String>> {
        fn extend(flow: &Flow, id: NodeId, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
            let node = flow.node(id);
            if let Node::Outcome(_) = node {
                out.push(prefix.clone());
                return;
            }
            for answer in branch_answers(node) {
                let (next, _, _) = answer_at(node, &answer).expect("branch answers fit their node");
                prefix.push(answer);
                extend(flow, next, prefix, out);
                prefix.pop();
            }
        }
        let mut out = Vec::new();
        extend(self, self.start, &mut Vec::new(), &mut out);
        out
    }

    fn step_at(&self, id: NodeId) -> Step<'_> {
        match self.node(id) {
            Node::Question(q) => Step::Question(q),
            Node::Number(n) => Step::Number(n),
            Node::Checklist(c) => Step::Checklist(c),
            Node::Outcome(o) => Step::Outcome(o),
        }
    }
}

impl<'f> Walk<'f> {
    /// The outcome this walk reached; an error if it stopped before one.
    pub fn outcome(&self) -> Result<&'f Outcome, FlowError> {
        match self.step {
            Step::Outcome(o) => Ok(o),
            _ => Err(FlowError::Incomplete {
                question: self.step_key().to_owned(),
            }),
        }
    }

    fn apply(&mut self, effect: &'f Effect, given: &Given<'_>) {
        for flag in &effect.flags {
            if !self.flags.contains(&flag.as_str()) {
                self.flags.push(flag);
            }
        }
        if let Some(explain) = &effect.explain {
            let value = match given {
                Given::Number(v) => Some(*v),
                _ => None,
            };
            self.explained.push(Note {
                explain,
                value,
                over_limit: effect.over_limit,
            });
        }
    }

    /// Each question of the walk with the answer given, as the person read them in `lang`,
    /// with the organisation's words filled in: what the outcome lists, the trainer explains
    /// and administrators read.
    pub fn transcript(&self, org: &Organisation, lang: Lang) -> Vec<AnsweredQuestion> {
        self.answered
            .iter()
            .map(|a| AnsweredQuestion {
                question: org.fill_in(a.node.text().get(lang), lang),
                answer: org.fill_in(&a.given.describe(lang), lang),
            })
            .collect()
    }

    /// The explanations the answers added, in `lang`, with `{value}` filled in.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        self.explained.iter().map(|n| n.text(lang)).collect()
    }

    fn step_key(&self) -> &str {
        match self.step {
            Step::Question(q) => q.key(),
            Step::Number(n) => n.key(),
            Step::Checklist(c) => c.key(),
            Step::Outcome(o) => o.key(),
        }
    }
}

impl NumberQuestion {
    /// The number in `text`, read as [`parse_percent`] does, if it lies within the question's
    /// bounds: the one check both the app (to say what is wrong) and the walk use.
    pub fn read(&self, text: &str) -> Result<f64, FlowError> {
        let value = parse_percent(text).ok_or_else(|| FlowError::NotANumber {
            question: self.key.clone(),
            answer: text.to_owned(),
        })?;
        if value < self.min || value > self.max {
            return Err(FlowError::OutOfRange {
                question: self.key.clone(),
                value,
                min: self.min,
                max: self.max,
            });
        }
        Ok(value)
    }
}

impl NumberQuestion {
    /// The position of the range `value` falls in: from included, to excluded except for the
    /// last range; `None` outside the question's bounds.
    pub(crate) fn range_of(&self, value: f64) -> Option<usize> {
        let last = self.ranges.len() - 1;
        self.ranges
            .iter()
            .enumerate()
            .position(|(i, r)| r.from <= value && (value < r.to || (i == last && value <= r.to)))
            .filter(|_| self.min <= value && value <= self.max)
    }
}

impl Checklist {
    /// The answer the path records for these marks, one per item (true for yes).
    pub fn answer(&self, marks: &[bool]) -> String {
        encode_marks(marks.iter().copied())
    }
}

/// `y` for each yes and `n` for each no, in item order.
fn encode_marks(marks: impl Iterator<Item = bool>) -> String {
    marks.map(|yes| if yes { 'y' } else { 'n' }).collect()
}

/// Reads a percentage as people type it: "0.8", "0,8", "0.8 %" or "0,8%".
pub fn parse_percent(text: &str) -> Option<f64> {
    let text = text.trim();
    let text = text
        .strip_suffix('%')
        .unwrap_or(text)
        .trim_end()
        .replacen(',', ".", 1);
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let well_formed = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    well_formed.then(|| text.parse().ok()).flatten()
}

/// A number as the path records it: the shortest form that reads back the same ("0.8", "4").
pub fn format_number(value: f64) -> String {
    format!("{value}")
}

/// Where `answer` leads from `node`, what it means, and the effects it brings.
fn answer_at<'f>(
    node: &'f Node,
    answer: &str,
) -> Result<(NodeId, Given<'f>, Vec<&'f Effect>), FlowError> {
    match node {
        Node::Question(q) => {
            let choice = q.choices.iter().find(|c| c.key == answer).ok_or_else(|| {
                FlowError::UnknownAnswer {
                    question: q.key.clone(),
                    answer: answer.to_owned(),
                }
            })?;
            Ok((choice.next, Given::Choice(choice), vec![&choice.effect]))
        }
        Node::Number(n) => {
            let value = n.read(answer)?;
            let range = n
                .range_of(value)
                .map(|i| &n.ranges[i])
                .ok_or(FlowError::OutOfRange {
                    question: n.key.clone(),
                    value,
                    min: n.min,
                    max: n.max,
                })?;
            Ok((range.next, Given::Number(value), vec![&range.effect]))
        }
        Node::Checklist(c) => {
            let bad = || FlowError::BadChecklist {
                question: c.key.clone(),
                answer: answer.to_owned(),
                items: c.items.len(),
            };
            if answer.len() != c.items.len() || !answer.bytes().all(|b| b == b'y' || b == b'n') {
                return Err(bad());
            }
            let marks: Vec<(&Item, bool)> = c
                .items
                .iter()
                .zip(answer.bytes())
                .map(|(i, b)| (i, b == b'y'))
                .collect();
            let failed: Vec<&Item> = marks
                .iter()
                .filter(|(_, yes)| !yes)
                .map(|(i, _)| *i)
                .collect();
            let next = failed.first().map_or(c.next, |i| i.fail);
            Ok((
                next,
                Given::Checklist(marks),
                failed.iter().map(|i| &i.effect).collect(),
            ))
        }
        Node::Outcome(o) => Err(FlowError::PastOutcome {
            outcome: o.key.clone(),
        }),
    }
}

/// The answers that, between them, take each of a node's branches.
fn branch_answers(node: &Node) -> Vec<String> {
    match node {
        Node::Question(q) => q.choices.iter().map(|c| c.key.clone()).collect(),
        Node::Number(n) => n.ranges.iter().map(|r| format_number(r.from)).collect(),
        Node::Checklist(c) => {
            let all_yes = "y".repeat(c.items.len());
            let firsts = (0..c.items.len()).map(|i| {
                let mut answer = all_yes.clone().into_bytes();
                answer[i] = b'n';
                String::from_utf8(answer).expect("ascii")
            });
            std::iter::once(all_yes.clone()).chain(firsts).collect()
        }
        Node::Outcome(_) => Vec::new(),
    }
}

/// The answer as the path records it.
fn canonical(given: &Given<'_>) -> String {
    match given {
        Given::Choice(c) => c.key.clone(),
        Given::Number(v) => format_number(*v),
        Given::Checklist(marks) => encode_marks(marks.iter().map(|(_, yes)| *yes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_are_read_as_people_type_them() {
        for text in ["0.8", "0,8", "0.8 %", "0,8%", " 0.8  % "] {
            assert_eq!(parse_percent(text), Some(0.8), "{text:?}");
        }
        assert_eq!(parse_percent("4"), Some(4.0));
        assert_eq!(parse_percent("-1"), Some(-1.0));
        for text in ["", "%", "abc", "1.2.3", "1e3", "inf", "NaN", "0,8,1", "."] {
            assert_eq!(parse_percent(text), None, "{text:?}");
        }
    }

    #[test]
    fn numbers_are_recorded_in_their_shortest_form() {
        assert_eq!(format_number(0.8), "0.8");
        assert_eq!(format_number(4.0), "4");
        assert_eq!(format_number(2.5), "2.5");
    }
}
