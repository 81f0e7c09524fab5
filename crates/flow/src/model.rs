//! The checked flow: built only by [`Flow::from_raw`], so every target exists, every node is
//! reachable and every outcome has an action.

use serde::Serialize;

/// A flow that passed every load check. Nodes refer to each other by [`NodeId`].
#[derive(Debug, Clone)]
pub struct Flow {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) version: FlowVersion,
    pub(crate) start: NodeId,
    pub(crate) nodes: Vec<Node>,
}

/// The position of a node in its flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) usize);

/// A hash of a flow's content: a stored action records the version the person walked.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FlowVersion(pub(crate) String);

/// The action an outcome sends to the backend, e.g. `request_invitation`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ActionId(pub(crate) String);

/// A step of a flow: a question to answer or an outcome to act on.
#[derive(Debug, Clone)]
pub enum Node {
    Question(Question),
    Outcome(Outcome),
}

/// A question and its choices, in the order they are shown.
#[derive(Debug, Clone)]
pub struct Question {
    pub(crate) key: String,
    pub(crate) text: String,
    pub(crate) help: Option<String>,
    pub(crate) choices: Vec<Choice>,
}

/// One answer to a question and where it leads.
#[derive(Debug, Clone)]
pub struct Choice {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) next: NodeId,
}

/// The end of a path: the scenario that fits the person and the action it sends.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub(crate) key: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) steps: Vec<String>,
    pub(crate) warnings: Vec<String>,
    pub(crate) contacts: Vec<String>,
    pub(crate) links: Vec<Link>,
    pub(crate) action: ActionId,
}

/// An `https:` link shown on an outcome.
#[derive(Debug, Clone)]
pub struct Link {
    pub(crate) label: String,
    pub(crate) url: String,
}

impl Flow {
    /// The flow's id, as used in URLs and stored actions.
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn summary(&self) -> &str {
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
    /// The node's id as written in the flow file.
    pub fn key(&self) -> &str {
        match self {
            Node::Question(q) => &q.key,
            Node::Outcome(o) => &o.key,
        }
    }
}

impl Question {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
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
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn next(&self) -> NodeId {
        self.next
    }
}

impl Outcome {
    pub fn key(&self) -> &str {
        &self.key
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn summary(&self) -> &str {
        &self.summary
    }
    pub fn steps(&self) -> &[String] {
        &self.steps
    }
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
    pub fn contacts(&self) -> &[String] {
        &self.contacts
    }
    pub fn links(&self) -> &[Link] {
        &self.links
    }
    pub fn action(&self) -> &ActionId {
        &self.action
    }
}

impl Link {
    pub fn label(&self) -> &str {
        &self.label
    }
    pub fn url(&self) -> &str {
        &self.url
    }
}
