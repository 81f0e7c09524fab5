//! What changed between two versions of a flow, in English words that a reviewer who is not a
//! programmer can approve: the routes that now lead elsewhere, the thresholds that moved, the
//! nodes added or removed, and every text reworded, in each language. `signpost-flows diff`
//! prints the report and the administrators' page shows the same lines.

use std::fmt;

use crate::engine::{format_number, Answered, Given, Walk};
use crate::lang::{Lang, Text};
use crate::model::{Effect, Flow, Node, NumberQuestion, Outcome, OutcomeKind, Range};

/// What changed between two versions of one flow, made by [`diff`]: print it, or send its
/// [`FlowDiff::lines`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FlowDiff {
    flow: String,
    /// Routes that reach another outcome, action or flags: the route in words, then what
    /// changed on it, indented.
    moved: Vec<Vec<String>>,
    added_routes: Vec<String>,
    removed_routes: Vec<String>,
    added_nodes: Vec<String>,
    removed_nodes: Vec<String>,
    thresholds: Vec<String>,
    /// The flow's own texts, its questions, answers and flag descriptions.
    wording: Wording,
    /// The outcomes' texts, once per outcome however many routes reach it.
    outcomes: Wording,
}

/// Compares two versions of a flow: every route from the start to an outcome in either of
/// them is walked in both, and every text of the nodes they share is compared in each
/// language.
pub fn diff(old: &Flow, new: &Flow) -> FlowDiff {
    let mut diff = FlowDiff {
        flow: new.id.clone(),
        ..FlowDiff::default()
    };
    diff.compare_routes(old, new);
    diff.compare_nodes(old, new);
    diff
}

/// Every route from the start of `flow` to an outcome, one line each: the answers in words,
/// then the outcome reached, its action and flags. A number question gives one route per range.
pub fn routes(flow: &Flow) -> Vec<String> {
    routes_of(&[flow])
        .iter()
        .map(|route| {
            let walk = reach(flow, route).expect("a flow's routes walk in it");
            route_line(route, &walk, 0)
        })
        .collect()
}

impl FlowDiff {
    /// Whether a route reaches another outcome, action or flag set, a route exists in only one
    /// version, or nodes were added or removed. Changes of wording alone are not.
    pub fn routing_changed(&self) -> bool {
        !(self.moved.is_empty()
            && self.added_routes.is_empty()
            && self.removed_routes.is_empty()
            && self.added_nodes.is_empty()
            && self.removed_nodes.is_empty())
    }

    /// Whether the two versions read and route the same.
    pub fn is_empty(&self) -> bool {
        !self.routing_changed()
            && self.thresholds.is_empty()
            && self.wording.lines.is_empty()
            && self.outcomes.lines.is_empty()
    }

    /// The report, line by line: a summary, then one section per kind of change. The same
    /// words as [`fmt::Display`], which joins these lines.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.summary()];
        let mut section = |title: &str, entries: &[String]| {
            if !entries.is_empty() {
                lines.push(format!("{title}:"));
                lines.extend(entries.iter().map(|entry| format!("  {entry}")));
            }
        };
        section("Routes that change where they lead", &self.moved.concat());
        section("New routes", &self.added_routes);
        section("Routes no longer possible", &self.removed_routes);
        section("Nodes added", &self.added_nodes);
        section("Nodes removed", &self.removed_nodes);
        section("Thresholds moved", &self.thresholds);
        section("Questions, answers and flags reworded", &self.wording.lines);
        section("Outcomes reworded", &self.outcomes.lines);
        lines
    }

    /// `flow "join": 3 routes change where they lead, 2 texts reworded`.
    fn summary(&self) -> String {
        if self.is_empty() {
            return format!("flow \"{}\": no changes", self.flow);
        }
        let reworded = self.wording.reworded + self.outcomes.reworded;
        let texts = self.wording.lines.len() + self.outcomes.lines.len();
        let counts = [
            (
                self.moved.len(),
                "route changes where it leads",
                "routes change where they lead",
            ),
            (self.added_routes.len(), "new route", "new routes"),
            (
                self.removed_routes.len(),
                "route no longer possible",
                "routes no longer possible",
            ),
            (self.added_nodes.len(), "node added", "nodes added"),
            (self.removed_nodes.len(), "node removed", "nodes removed"),
            (self.thresholds.len(), "threshold moved", "thresholds moved"),
            (reworded, "text reworded", "texts reworded"),
            (
                texts - reworded,
                "text added or removed",
                "texts added or removed",
            ),
        ];
        let counts: Vec<String> = counts
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect();
        format!("flow \"{}\": {}", self.flow, counts.join(", "))
    }

    /// Walks every route of either version in both, and records those whose result differs.
    /// A route that ends in one version and asks more in the other changes where it leads,
    /// and the routes that go on from it there are told with it.
    fn compare_routes(&mut self, old: &Flow, new: &Flow) {
        let routes = routes_of(&[old, new]);
        let walks: Vec<[Option<Walk>; 2]> = routes
            .iter()
            .map(|r| [reach(old, r), reach(new, r)])
            .collect();
        // For a route that ends in one version only, the routes that go on from it in the other.
        let goes_on: Vec<Vec<usize>> = routes
            .iter()
            .zip(&walks)
            .map(|(route, walked)| {
                let other = match walked {
                    [Some(_), None] => 1,
                    [None, Some(_)] => 0,
                    _ => return Vec::new(),
                };
                let longer = |j: &usize| routes[*j].len() > route.len();
                (0..routes.len())
                    .filter(|j| longer(j) && routes[*j].starts_with(route))
                    .filter(|j| walks[*j][other].is_some())
                    .collect()
            })
            .collect();
        let told = goes_on.concat();
        for (i, route) in routes.iter().enumerate().filter(|(i, _)| !told.contains(i)) {
            let (before, after) = match &walks[i] {
                [Some(before), None] if goes_on[i].is_empty() => {
                    self.removed_routes.push(route_line(route, before, 0));
                    continue;
                }
                [None, Some(after)] if goes_on[i].is_empty() => {
                    self.added_routes.push(route_line(route, after, 0));
                    continue;
                }
                [before, after] => (
                    before.clone().or_else(|| follow(old, route)),
                    after.clone().or_else(|| follow(new, route)),
                ),
            };
            let asked = "a route walks in both versions, or others go on from it";
            let (before, after) = (before.expect(asked), after.expect(asked));
            if !leads_elsewhere(&before, &after) {
                continue;
            }
            // Where the route leads in one version: its outcome, or the routes that go on.
            let leads = |walk: &Walk| match walk.outcome() {
                Ok(_) => vec![result(walk)],
                Err(_) => std::iter::once("asks more questions:".to_owned())
                    .chain(goes_on[i].iter().map(|&j| {
                        let walk = walks[j].iter().flatten().next();
                        let walk = walk.expect("the routes that go on walk in one version");
                        route_line(&routes[j], walk, route.len())
                    }))
                    .collect(),
            };
            let mut lines = vec![describe(route, &after.answered)];
            for (when, walk) in [("before", &before), ("now", &after)] {
                let block = leads(walk);
                lines.push(format!("  {when}: {}", block[0]));
                lines.extend(block[1..].iter().map(|line| format!("    {line}")));
            }
            lines.extend(effects(old, new, &before, &after));
            self.moved.push(lines);
        }
    }

    /// Records the nodes only one version has, and the texts and thresholds of those both have.
    fn compare_nodes(&mut self, old: &Flow, new: &Flow) {
        let place = format!("flow \"{}\"", new.id);
        self.wording
            .text(&place, "title", Some(&old.title), Some(&new.title));
        self.wording
            .text(&place, "summary", Some(&old.summary), Some(&new.summary));
        for node in old.nodes.iter().filter(|n| counterpart(new, n).is_none()) {
            self.removed_nodes
                .push(format!("{} {}", kind(node), name(node)));
        }
        for node in &new.nodes {
            match counterpart(old, node) {
                Some(before) => self.compare_node(before, node),
                None => self
                    .added_nodes
                    .push(format!("{} {}", kind(node), name(node))),
            }
        }
        for (key, text) in &new.flags {
            let place = format!("flag \"{key}\"");
            self.wording
                .text(&place, "description", old.flag(key), Some(text));
        }
        for (key, text) in old.flags.iter().filter(|(key, _)| new.flag(key).is_none()) {
            let place = format!("flag \"{key}\"");
            self.wording.text(&place, "description", Some(text), None);
        }
    }

    /// Compares two versions of one node, of the same kind.
    fn compare_node<'a>(&mut self, before: &'a Node, after: &'a Node) {
        let place = name(after);
        if let (Node::Outcome(a), Node::Outcome(b)) = (before, after) {
            return self.outcomes.outcome(&place, a, b);
        }
        let words = &mut self.wording;
        words.text(&place, "question", Some(before.text()), Some(after.text()));
        words.text(&place, "help", help(before), help(after));
        match (before, after) {
            (Node::Question(a), Node::Question(b)) => {
                for now in &b.choices {
                    if let Some(was) = a.choices.iter().find(|c| c.key == now.key) {
                        let what = format!("answer {}", quote(&now.label));
                        words.answer(
                            &place,
                            &what,
                            (&was.label, &was.effect),
                            (&now.label, &now.effect),
                        );
                    }
                }
            }
            (Node::Number(a), Node::Number(b)) => {
                let (old, new) = (spans(a), spans(b));
                if old != new {
                    self.thresholds.push(format!("{place}: {old} → {new}"));
                }
                for i in 0..a.ranges.len().max(b.ranges.len()) {
                    let (was, now) = (a.ranges.get(i), b.ranges.get(i));
                    let range = now.or(was).map(span).expect("one of them has range i");
                    let explain = |r: Option<&'a Range>| r.and_then(|r| r.effect.explain.as_ref());
                    words.text(
                        &place,
                        &format!("explanation of {range}"),
                        explain(was),
                        explain(now),
                    );
                }
            }
            (Node::Checklist(a), Node::Checklist(b)) => {
                for now in &b.items {
                    if let Some(was) = a.items.iter().find(|i| i.key == now.key) {
                        let what = format!("item {}", quote(&now.text));
                        words.answer(
                            &place,
                            &what,
                            (&was.text, &was.effect),
                            (&now.text, &now.effect),
                        );
                    }
                }
            }
            _ => unreachable!("a node's counterpart is of its kind"),
        }
    }
}

impl fmt::Display for FlowDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

/// Whether two walks of one route end at another outcome, action or flags, or one of them
/// stops at a question.
fn leads_elsewhere(before: &Walk, after: &Walk) -> bool {
    let (Ok(was), Ok(now)) = (before.outcome(), after.outcome()) else {
        return true;
    };
    // A walk sets each flag once, so the same count and each one kept is the same set.
    let same_flags = before.flags.len() == after.flags.len()
        && before.flags.iter().all(|f| after.flags.contains(f));
    was.key != now.key || was.action != now.action || was.kind != now.kind || !same_flags
}

/// The flags and explanations that two walks of one route differ by, as report lines.
fn effects(old: &Flow, new: &Flow, before: &Walk, after: &Walk) -> Vec<String> {
    let flag = |flow: &Flow, id: &str| match flow.flag(id) {
        Some(text) => format!("{id} ({})", quote(text)),
        None => id.to_owned(),
    };
    let added = after.flags.iter().filter(|f| !before.flags.contains(f));
    let removed = before.flags.iter().filter(|f| !after.flags.contains(f));
    let mut lines: Vec<String> = added
        .map(|id| format!("  flag added: {}", flag(new, id)))
        .chain(removed.map(|id| format!("  flag removed: {}", flag(old, id))))
        .collect();
    let (notes_before, notes_after) = (before.notes(Lang::En), after.notes(Lang::En));
    for change in align(&notes_before, &notes_after) {
        lines.push(match (change.old, change.new) {
            (Some(old), Some(new)) => format!("  explanation changed: «{old}» → «{new}»"),
            (Some(old), None) => format!("  explanation removed: «{old}»"),
            (None, new) => format!(
                "  explanation added: «{}»",
                new.expect("a change has a side")
            ),
        });
    }
    lines
}

/// Text changes, in report lines, and how many of them reword a text both versions have.
#[derive(Debug, Clone, Default, PartialEq)]
struct Wording {
    lines: Vec<String>,
    reworded: usize,
}

impl Wording {
    /// Records how `what` of `place` changed: added, removed, or reworded in some language.
    fn text(&mut self, place: &str, what: &str, old: Option<&Text>, new: Option<&Text>) {
        match (old, new) {
            (Some(old), Some(new)) => {
                for lang in Lang::ALL.into_iter().filter(|l| old.get(*l) != new.get(*l)) {
                    let (old, new) = (old.get(lang), new.get(lang));
                    let language = language(lang);
                    self.lines.push(format!(
                        "{place}: {language} text of {what} reworded: «{old}» → «{new}»"
                    ));
                    self.reworded += 1;
                }
            }
            (Some(old), None) => {
                let old = old.get(Lang::En);
                self.lines.push(format!("{place}: {what} removed: «{old}»"));
            }
            (None, Some(new)) => {
                let new = in_every_language(new);
                self.lines.push(format!("{place}: {what} added: {new}"));
            }
            (None, None) => {}
        }
    }

    /// Records how an answer's words (`what`) and the explanation it adds changed.
    fn answer(&mut self, place: &str, what: &str, was: (&Text, &Effect), now: (&Text, &Effect)) {
        self.text(place, what, Some(was.0), Some(now.0));
        let (old, new) = (was.1.explain.as_ref(), now.1.explain.as_ref());
        self.text(place, &format!("explanation of {what}"), old, new);
    }

    /// Records how a list of texts changed, naming each item `what` and its place in the list.
    fn list(&mut self, place: &str, what: &str, old: &[Text], new: &[Text]) {
        for change in align(old, new) {
            let what = format!("{what} {}", change.at);
            self.text(place, &what, change.old, change.new);
        }
    }

    /// Records how an outcome's texts and links changed.
    fn outcome<'a>(&mut self, place: &str, a: &'a Outcome, b: &'a Outcome) {
        self.text(place, "title", Some(&a.title), Some(&b.title));
        self.text(place, "summary", Some(&a.summary), Some(&b.summary));
        self.list(place, "step", &a.steps, &b.steps);
        self.list(place, "warning", &a.warnings, &b.warnings);
        self.list(place, "contact", &a.contacts, &b.contacts);
        let links = |o: &'a Outcome| -> Vec<(&'a Text, &'a str)> {
            o.links.iter().map(|l| (&l.label, l.url.as_str())).collect()
        };
        let (old, new) = (links(a), links(b));
        for change in align(&old, &new) {
            let url = change.new.or(change.old).expect("a change has a side").1;
            let what = format!("link {} ({url})", change.at);
            self.text(
                place,
                &what,
                change.old.map(|l| l.0),
                change.new.map(|l| l.0),
            );
            if let (Some((_, from)), Some((_, to))) = (change.old, change.new) {
                if from != to {
                    self.lines
                        .push(format!("{place}: address of {what} changed: {from} → {to}"));
                    self.reworded += 1;
                }
            }
        }
    }
}

/// One item that differs between two lists: both sides for an item reworded in place.
struct Change<'a, T> {
    /// Its place in the list, counted from 1: in the new list, unless it was removed.
    at: usize,
    old: Option<&'a T>,
    new: Option<&'a T>,
}

/// The items that differ between two lists. Items kept as they were (the longest common run,
/// in order) are left out; between two kept items, old and new items pair up in order as
/// rewordings, and the rest are added or removed.
fn align<'a, T: PartialEq>(old: &'a [T], new: &'a [T]) -> Vec<Change<'a, T>> {
    // kept[i][j]: how many items old[i..] and new[j..] can keep in common.
    let mut kept = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            kept[i][j] = match old[i] == new[j] {
                true => kept[i + 1][j + 1] + 1,
                false => kept[i + 1][j].max(kept[i][j + 1]),
            };
        }
    }
    let (mut changes, mut gone, mut came) = (Vec::new(), Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    loop {
        let same = i < old.len() && j < new.len() && old[i] == new[j];
        if same || (i == old.len() && j == new.len()) {
            for k in 0..gone.len().max(came.len()) {
                let (was, now): (Option<&usize>, Option<&usize>) = (gone.get(k), came.get(k));
                changes.push(Change {
                    at: now.or(was).expect("one side has item k") + 1,
                    old: was.map(|&i| &old[i]),
                    new: now.map(|&j| &new[j]),
                });
            }
            if !same {
                return changes;
            }
            (gone, came) = (Vec::new(), Vec::new());
            (i, j) = (i + 1, j + 1);
        } else if j == new.len() || (i < old.len() && kept[i + 1][j] >= kept[i][j + 1]) {
            gone.push(i);
            i += 1;
        } else {
            came.push(j);
            j += 1;
        }
    }
}

/// One answer of a route, in terms that mean the same in every version of a flow.
#[derive(Debug, Clone, PartialEq)]
enum Answer<'f> {
    /// The choice with this id.
    Choice(&'f str),
    Number(Band),
    /// A checklist with every item yes (`None`), or only the item with this id no.
    Checklist(Option<&'f str>),
}

/// Numbers that each version of a number question treats alike: all in one of its ranges, or
/// all outside its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Band {
    from: f64,
    from_included: bool,
    to: f64,
    to_included: bool,
    /// The number a route through this band answers.
    value: f64,
}

/// One question of a route, by id, and the answer given there.
#[derive(Debug, Clone, PartialEq)]
struct Leg<'f> {
    node: &'f str,
    answer: Answer<'f>,
}

/// The answers from the start of a flow to an outcome.
type Route<'f> = Vec<Leg<'f>>;

/// Every route from the start to an outcome in any of `versions`, taking at each question every
/// answer that one of the versions may treat differently: each choice, each [`Band`] of numbers,
/// and for a checklist all yes and each item as the only no. Routes of the first version come
/// first, in file order.
fn routes_of<'f>(versions: &[&'f Flow]) -> Vec<Route<'f>> {
    fn extend<'f>(
        flow: &'f Flow,
        versions: &[&'f Flow],
        route: &mut Route<'f>,
        out: &mut Vec<Route<'f>>,
    ) {
        let Some(walk) = follow(flow, route) else {
            return;
        };
        let node = flow.node(walk.at);
        if let Node::Outcome(_) = node {
            out.push(route.clone());
            return;
        }
        for answer in answers(node, versions) {
            route.push(Leg {
                node: node.key(),
                answer,
            });
            extend(flow, versions, route, out);
            route.pop();
        }
    }
    let mut routes: Vec<Route<'f>> = Vec::new();
    for flow in versions {
        let mut found = Vec::new();
        extend(flow, versions, &mut Vec::new(), &mut found);
        for route in found {
            if !routes.contains(&route) {
                routes.push(route);
            }
        }
    }
    routes
}

/// The answers to take at `node` of one version.
fn answers<'f>(node: &'f Node, versions: &[&'f Flow]) -> Vec<Answer<'f>> {
    match node {
        Node::Question(q) => q.choices.iter().map(|c| Answer::Choice(&c.key)).collect(),
        Node::Number(n) => {
            let numbers: Vec<&NumberQuestion> = versions
                .iter()
                .filter_map(|flow| match flow.node_by_key(&n.key) {
                    Some((_, Node::Number(n))) => Some(n),
                    _ => None,
                })
                .collect();
            bands(&numbers).into_iter().map(Answer::Number).collect()
        }
        Node::Checklist(c) => std::iter::once(None)
            .chain(c.items.iter().map(|i| Some(i.key.as_str())))
            .map(Answer::Checklist)
            .collect(),
        Node::Outcome(_) => Vec::new(),
    }
}

/// The numbers of one question, cut wherever a range or bound of one of its `versions` starts
/// or ends, into bands that fall in one range of each version (or outside its bounds).
fn bands(versions: &[&NumberQuestion]) -> Vec<Band> {
    let mut cuts: Vec<f64> = versions
        .iter()
        .flat_map(|n| {
            [n.min, n.max]
                .into_iter()
                .chain(n.ranges.iter().flat_map(|r| [r.from, r.to]))
        })
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    // Each cut is a piece, and so is the stretch between it and the next cut.
    let points = cuts.iter().map(|&at| Band::point(at));
    let stretches = cuts.windows(2).map(|w| Band::stretch(w[0], w[1]));
    let mut pieces: Vec<Band> = points.chain(stretches).collect();
    pieces.sort_by(|a, b| a.value.total_cmp(&b.value));
    let mut bands: Vec<(Vec<Option<usize>>, Band)> = Vec::new();
    for piece in pieces {
        let ranges: Vec<Option<usize>> = versions.iter().map(|n| n.range_of(piece.value)).collect();
        match bands.last_mut() {
            Some((same, band)) if *same == ranges => {
                band.to = piece.to;
                band.to_included = piece.to_included;
            }
            _ => bands.push((ranges, piece)),
        }
    }
    bands
        .into_iter()
        .filter(|(ranges, _)| ranges.iter().any(Option::is_some))
        .map(|(_, band)| band)
        .collect()
}

impl Band {
    /// Just the number `at`.
    fn point(at: f64) -> Band {
        Band {
            from: at,
            from_included: true,
            to: at,
            to_included: true,
            value: at,
        }
    }

    /// The numbers between `from` and `to`, both excluded.
    fn stretch(from: f64, to: f64) -> Band {
        Band {
            from,
            from_included: false,
            to,
            to_included: false,
            value: (from + to) / 2.0,
        }
    }

    /// The band in words: "1 % to under 2 %", "over 50 % to 100 %", "100 %".
    fn describe(&self) -> String {
        let percent = |v| Lang::En.percent(v);
        if self.from == self.to {
            return percent(self.from);
        }
        let from = match self.from_included {
            true => percent(self.from),
            false => format!("over {}", percent(self.from)),
        };
        let to = match self.to_included {
            true => percent(self.to),
            false => format!("under {}", percent(self.to)),
        };
        format!("{from} to {to}")
    }
}

impl Leg<'_> {
    /// This answer as `node` records it, if `node` is the question it answers and has it.
    fn answer_at(&self, node: &Node) -> Option<String> {
        if node.key() != self.node {
            return None;
        }
        match (node, &self.answer) {
            (Node::Question(_), Answer::Choice(key)) => Some((*key).to_owned()),
            (Node::Number(_), Answer::Number(band)) => Some(format_number(band.value)),
            (Node::Checklist(c), Answer::Checklist(no)) => {
                let known = no.is_none_or(|no| c.items.iter().any(|i| i.key == no));
                let marks: Vec<bool> = c
                    .items
                    .iter()
                    .map(|i| Some(i.key.as_str()) != *no)
                    .collect();
                known.then(|| c.answer(&marks))
            }
            _ => None,
        }
    }
}

/// Walks `route` in `flow`, as far as it goes: `None` if one of its answers does not fit.
fn follow<'f>(flow: &'f Flow, route: &[Leg]) -> Option<Walk<'f>> {
    let mut answers: Vec<String> = Vec::with_capacity(route.len());
    let mut walk = flow.walk(&answers).ok()?;
    for leg in route {
        answers.push(leg.answer_at(flow.node(walk.at))?);
        walk = flow.walk(&answers).ok()?;
    }
    Some(walk)
}

/// Walks `route` in `flow`, if it fits there and ends at an outcome.
fn reach<'f>(flow: &'f Flow, route: &[Leg]) -> Option<Walk<'f>> {
    follow(flow, route).filter(|walk| walk.outcome().is_ok())
}

/// Legs of a route in words, as the version that gave `answered` words them: each question's
/// English text and the answer given.
fn describe(legs: &[Leg], answered: &[Answered]) -> String {
    let legs = legs.iter().zip(answered).map(|(leg, answered)| {
        let answer = match (&leg.answer, &answered.given) {
            (Answer::Number(band), _) => band.describe(),
            (_, Given::Checklist(marks)) => match marks.iter().find(|(_, yes)| !yes) {
                Some((item, _)) => format!("no to {}", quote(&item.text)),
                None => "all yes".to_owned(),
            },
            (_, given) => format!("\"{}\"", given.describe(Lang::En)),
        };
        format!("{} → {answer}", quote(answered.node.text()))
    });
    legs.collect::<Vec<_>>().join("; ")
}

/// Where a walk ends: the outcome's English title and id, who acts on it, its action and
/// flags.
fn result(walk: &Walk) -> String {
    let outcome = walk.outcome().expect("routes end at an outcome");
    let flags = match walk.flags.is_empty() {
        true => "no flags".to_owned(),
        false => format!("flags {}", walk.flags.join(", ")),
    };
    let kind = match outcome.kind {
        OutcomeKind::Request => "request",
        OutcomeKind::SelfService => "self-service",
    };
    format!(
        "{} ({}): {kind}, action {}, {flags}",
        quote(&outcome.title),
        outcome.key,
        outcome.action.as_str()
    )
}

/// A route from its leg `from` on, and where it ends, on one line.
fn route_line(route: &[Leg], walk: &Walk, from: usize) -> String {
    let legs = describe(&route[from..], &walk.answered[from..]);
    format!("{legs} ⇒ {}", result(walk))
}

/// The node of `flow` with the id and kind of `node`.
fn counterpart<'f>(flow: &'f Flow, node: &Node) -> Option<&'f Node> {
    flow.node_by_key(node.key())
        .map(|(_, n)| n)
        .filter(|n| kind(n) == kind(node))
}

/// What a node is, in words.
fn kind(node: &Node) -> &'static str {
    match node {
        Node::Question(_) => "question",
        Node::Number(_) => "number question",
        Node::Checklist(_) => "checklist",
        Node::Outcome(_) => "outcome",
    }
}

/// A node as the report names it: its English text (an outcome's title) and its id.
fn name(node: &Node) -> String {
    format!("{} ({})", quote(node.text()), node.key())
}

/// The help shown under a question.
fn help(node: &Node) -> Option<&Text> {
    match node {
        Node::Question(q) => q.help.as_ref(),
        Node::Number(n) => n.help.as_ref(),
        Node::Checklist(c) => c.help.as_ref(),
        Node::Outcome(_) => None,
    }
}

/// A range as thresholds are written: "1–100 %".
fn span(range: &Range) -> String {
    let number = |v| Lang::En.number(v);
    format!("{}–{} %", number(range.from), number(range.to))
}

/// A number question's ranges: "0–1 %, 1–100 %".
fn spans(n: &NumberQuestion) -> String {
    n.ranges.iter().map(span).collect::<Vec<_>>().join(", ")
}

/// A text in English, quoted.
fn quote(text: &Text) -> String {
    format!("\"{}\"", text.get(Lang::En))
}

/// A new text as a reviewer reads it: «English» (Spanish: «…»).
fn in_every_language(text: &Text) -> String {
    let others: Vec<String> = Lang::ALL
        .into_iter()
        .filter(|&lang| lang != Lang::En)
        .map(|lang| format!("{}: «{}»", language(lang), text.get(lang)))
        .collect();
    format!("«{}» ({})", text.get(Lang::En), others.join("; "))
}

/// A language's name in English.
fn language(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Es => "Spanish",
    }
}
