//! The checked flow: built by [`Flow::from_raw`], so every target exists, every node is
//! reachable and every outcome has an action. The server sends it to the app as JSON, already
//! checked, and the app reads it back as it is: the browser carries no flow file and no loader.

use serde::{Deserialize, Serialize};

use crate::lang::Text;

/// A flow that passed every load check. Nodes refer to each other by [`NodeId`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Flow {
    pub(crate) id: String,
    pub(crate) title: Text,
    pub(crate) summary: Text,
    pub(crate) version: FlowVersion,
    pub(crate) start: NodeId,
    pub(crate) nodes: Vec<Node>,
    /// What each flag means, by flag id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) flags: Vec<(String, Text)>,
    /// The common topics the flow covers. The list of flows carries them ([`FlowSummary`]),
    /// not the flow the app walks.
    ///
    /// [`FlowSummary`]: crate::api::FlowSummary
    #[serde(skip)]
    pub(crate) topics: Vec<Text>,
}

/// The position of a node in its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub(crate) usize);

/// A hash of a flow's content: a stored action records the version the person walked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FlowVersion(pub(crate) String);

/// The action an outcome sends to the backend, e.g. `request_invitation`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ActionId(pub(crate) String);

/// A node of a flow: something to answer, or an outcome to act on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Node {
    Question(Question),
    Number(NumberQuestion),
    Checklist(Checklist),
    Outcome(Outcome),
}

/// What kind of node a node is, for code that names or counts nodes without reading them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    Question,
    Number,
    Checklist,
    Outcome,
}

/// What an answer adds besides its target: flags, and a sentence explaining it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Effect {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) flags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) explain: Option<Text>,
    /// Whether the explanation names a figure over a limit (only a number's range says so).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) over_limit: bool,
}

/// A question and its choices, in the order they are shown.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub(crate) key: String,
    pub(crate) text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<Text>,
    pub(crate) choices: Vec<Choice>,
    /// Words people search for that lead here. Only the search index carries them
    /// ([`crate::search`]): the flow the app walks, and the page, stay as light as before.
    #[serde(skip)]
    pub(crate) keywords: Vec<Text>,
}

/// One answer to a question and where it leads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub(crate) key: String,
    pub(crate) label: Text,
    pub(crate) next: NodeId,
    #[serde(default)]
    pub(crate) effect: Effect,
}

/// A percentage the person types, branching on the range it falls in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NumberQuestion {
    pub(crate) key: String,
    pub(crate) text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<Text>,
    pub(crate) min: f64,
    pub(crate) max: f64,
    pub(crate) ranges: Vec<Range>,
    /// Words people search for that lead here. Only the search index carries them
    /// ([`crate::search`]): the flow the app walks, and the page, stay as light as before.
    #[serde(skip)]
    pub(crate) keywords: Vec<Text>,
}

/// Values from `from` (included) to `to` (excluded, except for the last range).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Range {
    pub(crate) from: f64,
    pub(crate) to: f64,
    pub(crate) next: NodeId,
    #[serde(default)]
    pub(crate) effect: Effect,
}

/// Several yes/no checks answered together. The answer is one letter per item, `y` or `n`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Checklist {
    pub(crate) key: String,
    pub(crate) text: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) help: Option<Text>,
    pub(crate) next: NodeId,
    pub(crate) items: Vec<Item>,
    /// Words people search for that lead here. Only the search index carries them
    /// ([`crate::search`]): the flow the app walks, and the page, stay as light as before.
    #[serde(skip)]
    pub(crate) keywords: Vec<Text>,
}

/// One check of a checklist, and where answering no leads.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    pub(crate) key: String,
    pub(crate) text: Text,
    pub(crate) fail: NodeId,
    #[serde(default)]
    pub(crate) effect: Effect,
}

/// The end of a path: the scenario that fits the person and the action it sends.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outcome {
    pub(crate) key: String,
    pub(crate) title: Text,
    pub(crate) summary: Text,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) steps: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) warnings: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) contacts: Vec<Text>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) links: Vec<Link>,
    pub(crate) action: ActionId,
    pub(crate) kind: OutcomeKind,
    /// Words people search for that lead here. Only the search index carries them
    /// ([`crate::search`]): the flow the app walks, and the page, stay as light as before.
    #[serde(skip)]
    pub(crate) keywords: Vec<Text>,
}

/// Who acts on an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// A team of the organisation acts on it: the person confirms, and the request is queued
    /// for the team the organisation config names for the flow.
    Request,
    /// The person does it themselves (on Amazon, or with Amazon's help): nothing is sent, and
    /// the person may say whether it solved their problem.
    SelfService,
}

/// An `https:` link shown on an outcome.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Link {
    pub(crate) label: Text,
    pub(crate) url: String,
}

impl Flow {
    /// The flow's id, as used in URLs and stored actions.
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    pub fn summary(&self) -> &Text {
        &self.summary
    }
    pub fn version(&self) -> &FlowVersion {
        &self.version
    }
    /// The node a given id points at. Ids come from this flow, so the lookup cannot fail.
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.0]
    }
    /// Every node, in file order (questions first).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// The common topics the flow covers, as the list of flows names them.
    pub fn topics(&self) -> &[Text] {
        &self.topics
    }
    /// What the flag `id` means, if an answer of this flow sets it.
    pub fn flag(&self, id: &str) -> Option<&Text> {
        self.flags
            .iter()
            .find(|(f, _)| f == id)
            .map(|(_, text)| text)
    }
    /// Every flag an answer of this flow can set, with what it means.
    pub fn flags(&self) -> &[(String, Text)] {
        &self.flags
    }
    /// Every node with its id, in file order.
    pub fn node_ids(&self) -> impl Iterator<Item = (NodeId, &Node)> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (NodeId(i), node))
    }
    /// The node whose id in the flow file is `key`.
    pub fn node_by_key(&self, key: &str) -> Option<(NodeId, &Node)> {
        self.node_ids().find(|(_, node)| node.key() == key)
    }
    /// Whether any outcome of the flow is a request, which needs a team to act on it.
    pub fn has_requests(&self) -> bool {
        self.nodes
            .iter()
            .any(|n| matches!(n, Node::Outcome(o) if o.kind == OutcomeKind::Request))
    }
    /// Every action the flow's outcomes can send, once each, in file order.
    pub fn actions(&self) -> Vec<&ActionId> {
        let mut actions: Vec<&ActionId> = Vec::new();
        for node in &self.nodes {
            if let Node::Outcome(outcome) = node {
                if !actions.contains(&&outcome.action) {
                    actions.push(&outcome.action);
                }
            }
        }
        actions
    }
}

impl FlowVersion {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl ActionId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Node {
    /// Whether the node asks a question (of which kind) or is an outcome.
    pub fn kind(&self) -> NodeKind {
        match self {
            Node::Question(_) => NodeKind::Question,
            Node::Number(_) => NodeKind::Number,
            Node::Checklist(_) => NodeKind::Checklist,
            Node::Outcome(_) => NodeKind::Outcome,
        }
    }

    /// The node's id as written in the flow file.
    pub fn key(&self) -> &str {
        match self {
            Node::Question(q) => &q.key,
            Node::Number(n) => &n.key,
            Node::Checklist(c) => &c.key,
            Node::Outcome(o) => &o.key,
        }
    }

    /// The text a person reads first: the question, or the outcome's title.
    pub fn text(&self) -> &Text {
        match self {
            Node::Question(q) => &q.text,
            Node::Number(n) => &n.text,
            Node::Checklist(c) => &c.text,
            Node::Outcome(o) => &o.title,
        }
    }

    /// Words people search for that lead to this node, besides its own texts.
    pub fn keywords(&self) -> &[Text] {
        match self {
            Node::Question(q) => &q.keywords,
            Node::Number(n) => &n.keywords,
            Node::Checklist(c) => &c.keywords,
            Node::Outcome(o) => &o.keywords,
        }
    }

    /// The nodes this one leads to, in the order its answers are listed.
    pub fn targets(&self) -> Vec<NodeId> {
        match self {
            Node::Question(q) => q.choices.iter().map(|c| c.next).collect(),
            Node::Number(n) => n.ranges.iter().map(|r| r.next).collect(),
            Node::Checklist(c) => std::iter::once(c.next)
                .chain(c.items.iter().map(|i| i.fail))
                .collect(),
            Node::Outcome(_) => Vec::new(),
        }
    }
}

impl Question {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn help(&self) -> Option<&Text> {
        self.help.as_ref()
    }
    pub fn choices(&self) -> &[Choice] {
        &self.choices
    }
}

impl Choice {
    /// The answer recorded in the path when this choice is taken.
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn label(&self) -> &Text {
        &self.label
    }
    pub fn next(&self) -> NodeId {
        self.next
    }
}

impl NumberQuestion {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn help(&self) -> Option<&Text> {
        self.help.as_ref()
    }
    pub fn min(&self) -> f64 {
        self.min
    }
    pub fn max(&self) -> f64 {
        self.max
    }
    pub fn ranges(&self) -> &[Range] {
        &self.ranges
    }
}

impl Range {
    pub fn from(&self) -> f64 {
        self.from
    }
    pub fn to(&self) -> f64 {
        self.to
    }
    pub fn next(&self) -> NodeId {
        self.next
    }
}

impl Checklist {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn help(&self) -> Option<&Text> {
        self.help.as_ref()
    }
    pub fn next(&self) -> NodeId {
        self.next
    }
    pub fn items(&self) -> &[Item] {
        &self.items
    }
}

impl Item {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn text(&self) -> &Text {
        &self.text
    }
    pub fn fail(&self) -> NodeId {
        self.fail
    }
}

impl Outcome {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn title(&self) -> &Text {
        &self.title
    }
    pub fn summary(&self) -> &Text {
        &self.summary
    }
    pub fn steps(&self) -> &[Text] {
        &self.steps
    }
    pub fn warnings(&self) -> &[Text] {
        &self.warnings
    }
    pub fn contacts(&self) -> &[Text] {
        &self.contacts
    }
    pub fn links(&self) -> &[Link] {
        &self.links
    }
    pub fn action(&self) -> &ActionId {
        &self.action
    }
    /// Who acts on the outcome: a team (a request the person confirms) or the person.
    pub fn kind(&self) -> OutcomeKind {
        self.kind
    }
}

impl Link {
    pub fn label(&self) -> &Text {
        &self.label
    }
    pub fn url(&self) -> &str {
        &self.url
    }
}
