//! The JSON the app and the server exchange, defined once for both.

use serde::{Deserialize, Serialize};

use crate::lang::Text;
use crate::org::Organisation;
use crate::{Flow, NodeKind};

/// Where the app posts a confirmed action.
pub const ACTIONS_PATH: &str = "/api/actions";
/// Where a confirmation is checked without being stored.
pub const CHECK_PATH: &str = "/api/actions/check";
/// Where the app reads the organisation's config.
pub const CONFIG_PATH: &str = "/api/config";
/// Where the app lists the flows, and reads one checked flow at `/{id}` (`?version=` for a
/// version that never changes, and so may be cached for good).
pub const FLOWS_PATH: &str = "/api/flows";
/// Where the app reads what it searches, in one language (`?lang=es`): asked for only when
/// the person starts a search, so the first screen does not carry it.
pub const SEARCH_INDEX_PATH: &str = "/api/search-index";
/// The id of the JSON data block in the wizard's page: the organisation's words, the flow list
/// and the flow the address names, so the first screen needs no call to the API.
pub const PAGE_DATA_ID: &str = "signpost-data";
/// The id of the question the server draws into the wizard's page as plain HTML, shown until
/// the app starts and takes its place.
pub const FIRST_SCREEN_ID: &str = "signpost-first";
/// The header that makes a confirmation safe to send again.
pub const IDEMPOTENCY_HEADER: &str = "Idempotency-Key";

/// A confirmation: the answers the person gave, never the outcome they saw. The server walks
/// the answers itself to derive the outcome and the action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub flow: String,
    /// The flow version the person walked.
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub version: String,
    /// One answer for each question walked: a walk always reaches at least one.
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub answers: Vec<String>,
    /// At most 100 characters once trimmed (`contact::MAX_NAME`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub name: String,
    /// An address at the organisation's domain, at most 254 bytes once trimmed (`contact::MAX_EMAIL`).
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 254))]
    pub email: String,
    /// At most 1000 characters once trimmed (`contact::MAX_NOTE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub note: Option<String>,
}

/// The server's answer to a stored confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionReceipt {
    /// A short reference the person can quote to the administrators.
    pub reference: String,
    pub outcome: String,
    pub action: String,
    /// When the server stored the action (RFC 3339, UTC): the same for every replay.
    pub received_at: String,
}

/// What the server derives from a confirmation it checked but did not store.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionCheck {
    pub outcome: String,
    pub action: String,
    pub flags: Vec<String>,
}

/// Every error the API returns: `{ "error": { "code": ..., "message": ... } }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A machine-readable code and a message a person can read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

/// One flow as the list of flows shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowSummary {
    pub id: String,
    /// The live version: the key to ask for the flow itself with.
    pub version: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub title: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub summary: Text,
    /// The common topics the flow covers, as its card names them; none if the flow names none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub topics: Vec<Text>,
}

impl FlowSummary {
    /// The summary of a flow.
    pub fn of(flow: &Flow) -> FlowSummary {
        FlowSummary {
            id: flow.id().to_owned(),
            version: flow.version().as_str().to_owned(),
            title: flow.title().clone(),
            summary: flow.summary().clone(),
            topics: flow.topics().to_vec(),
        }
    }
}

/// Every live flow, in the order the list shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowList {
    pub flows: Vec<FlowSummary>,
}

/// What the server writes into the wizard's page ([`PAGE_DATA_ID`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PageData {
    pub organisation: Organisation,
    pub flows: Vec<FlowSummary>,
    /// The flow the page's address names (`?flow=join`), if it names a live one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flow: Option<Flow>,
}

/// Where administrators read the flows' versions, and ask the server to read its flow folder
/// again (`/reload`).
pub const ADMIN_FLOWS_PATH: &str = "/api/admin/flows";

/// One flow and its version, as a reload answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowVersionId {
    pub id: String,
    pub version: String,
}

/// The flows a reload published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Published {
    pub flows: Vec<FlowVersionId>,
}

/// The flows as administrators review them: what is live, what is still walked, what the last
/// publish changed, and whether the last reload failed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowsOverview {
    pub flows: Vec<FlowReview>,
    /// The last reload that was refused, if none has succeeded since.
    pub reload_failure: Option<ReloadFailure>,
}

/// A reload that was refused: the live flows stayed as they were.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReloadFailure {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// The loader's message, naming the file and node.
    pub message: String,
}

/// One live flow, its history and its last change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FlowReview {
    pub id: String,
    /// The English title.
    pub title: String,
    pub version: String,
    /// When this server first served the live version (RFC 3339, UTC).
    pub published: Option<String>,
    /// The versions people started walking in the last 30 days, newest first.
    pub walked: Vec<WalkedVersion>,
    /// The version before the live one, if there was one.
    pub previous: Option<String>,
    /// What the live version changed from the previous one, in the words of
    /// `signpost-flows diff`.
    pub changes: Vec<String>,
    /// Whether that change moved a route to another outcome, action or flags.
    pub routing_changed: bool,
    /// The live version's outcomes, in file order, by their English titles.
    pub outcomes: Vec<Named>,
    /// What each flag an answer can set means, in English.
    pub flags: Vec<Named>,
    /// Every action the live version's outcomes can send, once each, in file order.
    pub actions: Vec<String>,
}

/// Something a flow names by an id, with its English words: an outcome by its title, a flag
/// by what it means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// How many walks a version started over the last 30 days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WalkedVersion {
    pub version: String,
    pub started: u64,
}

/// Where administrators list, read and update actions (`/{reference}` for one).
pub const ADMIN_ACTIONS_PATH: &str = "/api/admin/actions";
/// The same list as CSV, for the filters given.
pub const ADMIN_EXPORT_PATH: &str = "/api/admin/actions.csv";
/// The name the export is saved under, by the server's `Content-Disposition` and the page alike.
pub const ADMIN_EXPORT_FILE: &str = "signpost-actions.csv";
/// Counts per flow, outcome and action over a date range.
pub const ADMIN_STATS_PATH: &str = "/api/admin/stats";

/// Where an action stands in the administrators' queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    InProgress,
    Done,
    Dismissed,
}

impl Status {
    /// Every status, in the order work moves through them.
    pub const ALL: [Status; 4] = [
        Status::New,
        Status::InProgress,
        Status::Done,
        Status::Dismissed,
    ];

    /// The status as stored and sent: `new`, `in_progress`, `done` or `dismissed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::Dismissed => "dismissed",
        }
    }

    /// The status named by [`Status::as_str`].
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether the action still waits for an administrator: new or in progress, not yet done
    /// or dismissed.
    pub fn is_open(self) -> bool {
        matches!(self, Status::New | Status::InProgress)
    }

    /// Where an administrator usually moves an action next: new work is started or dismissed,
    /// work in progress is done or dismissed, and finished work can be reopened.
    pub fn moves(self) -> &'static [Status] {
        match self {
            Status::New => &[Status::InProgress, Status::Dismissed],
            Status::InProgress => &[Status::Done, Status::Dismissed],
            Status::Done | Status::Dismissed => &[Status::New],
        }
    }
}

/// One stored action as administrators see it in the queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionSummary {
    pub reference: String,
    pub flow: String,
    pub flow_version: String,
    pub outcome: String,
    pub action: String,
    pub flags: Vec<String>,
    pub name: String,
    pub email: String,
    pub note: Option<String>,
    pub status: Status,
    pub status_changed_by: Option<String>,
    pub status_changed_at: Option<String>,
    pub created_at: String,
    /// Whether the same person may have asked twice: this action is open and from the last
    /// 30 days, and another such action has the same email (whatever its case) and action.
    pub possible_duplicate: bool,
}

/// One page of the queue, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionPage {
    pub items: Vec<ActionSummary>,
    /// How many actions match the filters, on all pages.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// A question and the answer the person gave, in the words they saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnsweredQuestion {
    pub question: String,
    pub answer: String,
}

/// One action with the answers behind it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionDetail {
    #[serde(flatten)]
    pub summary: ActionSummary,
    /// The answers as recorded (choice ids, numbers, checklist marks).
    pub answers: Vec<String>,
    /// The same answers with their questions, as the person read them.
    pub answered: Vec<AnsweredQuestion>,
}

/// An administrator moves an action to another status.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: Status,
    /// Who made the change, as they want it recorded: at most 100 characters once trimmed.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub by: String,
}

/// How many actions share a key (a flow, an outcome or an action id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Count {
    pub flow: Option<String>,
    pub key: String,
    pub count: u64,
}

/// Counts over a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Stats {
    pub by_flow: Vec<Count>,
    /// Keyed by outcome id, with the flow it belongs to.
    pub by_outcome: Vec<Count>,
    pub by_action: Vec<Count>,
}

/// Where the app reports, anonymously, the nodes people reach.
pub const EVENTS_PATH: &str = "/api/events";
/// The most events one request may carry.
pub const MAX_EVENTS: usize = 50;
/// Where administrators read how many people reached and left each node of a flow.
pub const ADMIN_FUNNEL_PATH: &str = "/api/admin/funnel";

/// Nodes people reached, sent in a batch. Nothing here names or follows a person: the server
/// only adds them to counts per flow version, node and day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepEvents {
    /// At most [`MAX_EVENTS`].
    pub events: Vec<StepEvent>,
}

/// One node reached.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepEvent {
    pub flow: String,
    /// The flow version the person walked, as the app's bundle names it.
    pub version: String,
    /// The node reached.
    pub node: String,
    /// The node the person came from; absent for the first node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// How far people got through a flow's nodes over a date range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Funnel {
    pub flow: String,
    /// How many times people reached the first question.
    pub started: u64,
    /// How many times people reached an outcome.
    pub finished: u64,
    /// One per node of the current version, in the flow file's order.
    pub steps: Vec<FunnelStep>,
}

/// One node of a funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FunnelStep {
    pub node: String,
    pub kind: NodeKind,
    /// The node's text with the organisation's words filled in.
    pub text: String,
    /// How many times people reached the node.
    pub reached: u64,
    /// How many of those went no further from it (always 0 for outcomes).
    pub left: u64,
}

/// Where the app sends a person's answer to "Did this solve it?" on a self-service outcome.
pub const FEEDBACK_PATH: &str = "/api/feedback";
/// What the administrators read of that feedback, per outcome of a flow.
pub const ADMIN_FEEDBACK_PATH: &str = "/api/admin/feedback";

/// Whether a self-service outcome solved the person's problem: anonymous, with nothing of the
/// person (no name, email, answers or time of day), kept per flow version, outcome and day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub flow: String,
    /// The flow version the person walked.
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub version: String,
    /// The self-service outcome the person reached (its id in the flow file).
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub outcome: String,
    pub solved: bool,
    /// What did not work, in the person's words: at most 1000 characters once trimmed
    /// (`contact::MAX_NOTE`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub comment: Option<String>,
}

/// The feedback on the self-service outcomes of a flow's current version, over a date range
/// and every version of the flow.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Feedback {
    pub flow: String,
    /// One per self-service outcome, in the flow file's order.
    pub outcomes: Vec<OutcomeFeedback>,
}

/// How people answered "Did this solve it?" on one outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeFeedback {
    pub outcome: String,
    /// The outcome's title with the organisation's words filled in.
    pub title: String,
    pub solved: u64,
    pub unsolved: u64,
    /// What did not work, newest first (at most [`MAX_COMMENTS`]).
    pub comments: Vec<FeedbackComment>,
}

/// At most this many comments are listed per outcome.
pub const MAX_COMMENTS: usize = 20;

/// One "what didn't work?", with the day it was sent (`YYYY-MM-DD`, UTC).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackComment {
    pub day: String,
    pub text: String,
}

/// Where a trainer creates a classroom session; one room lives at `/{code}` below it, with
/// `/events` (the room as server-sent events), `/moves`, `/poll`, `/reveal`, `/answers`,
/// `/end` and `/qr.svg` (a QR code of its join link).
pub const ROOMS_PATH: &str = "/api/rooms";
/// The header that carries a room's trainer token: `Authorization: Bearer <token>`.
pub const ROOM_TOKEN_SCHEME: &str = "Bearer";

/// A trainer's new classroom session, opened on a flow's start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub flow: String,
}

/// A room just made: what attendees type or open, and what only the trainer's tab keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomCreated {
    /// Six characters from [`ROOM_CODE_ALPHABET`].
    pub code: String,
    /// Moves the room, asks and reveals, ends it; shown to no one.
    pub trainer_token: String,
    /// The address attendees open (the server's public URL, `/?room=<code>`).
    pub link: String,
    pub room: RoomState,
}

/// The characters a room code is made of: capitals and digits without look-alikes (no 0/O,
/// 1/I/L, 5/S, 2/Z, 8/B).
pub const ROOM_CODE_ALPHABET: &str = "ACDEFGHJKMNPQRTUVWXY34679";
/// How many characters a room code has.
pub const ROOM_CODE_LENGTH: usize = 6;

/// Where a room stands, as every attendee's screen follows it. Sent whole on each change, as
/// a server-sent event `state` whose id is `seq`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RoomState {
    pub code: String,
    /// Rises with every change to the room.
    pub seq: u64,
    pub flow: String,
    /// The flow version the trainer walks.
    pub version: String,
    /// The trainer's answers so far in `flow`.
    pub answers: Vec<String>,
    /// The question the trainer is asking the room, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub poll: Option<Poll>,
    /// How many attendees have joined.
    pub attendees: u32,
    /// The trainer ended the session, or it was idle too long: nothing more will change.
    pub ended: bool,
}

/// The room answering the question on screen, each attendee for their own situation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Poll {
    /// The question's node id.
    pub node: String,
    /// How many attendees have answered so far.
    pub answered: u32,
    /// Whether the counts are shown (to the trainer's screen and the room).
    pub revealed: bool,
    /// Every choice of the question in its order, with how many chose it; empty until revealed.
    pub counts: Vec<ChoiceCount>,
}

/// One event of a room's stream as the API document describes it (the stream itself is
/// written by the server's SSE encoder): `event: state`, the room's `seq` as its `id`, and the
/// whole [`RoomState`] as JSON in its `data`.
#[cfg(feature = "openapi")]
#[derive(utoipa::ToSchema)]
pub struct RoomEvent {
    #[schema(pattern = "^state$")]
    pub event: String,
    #[schema(pattern = "^[0-9]+$")]
    pub id: String,
    /// A [`RoomState`], as JSON.
    #[schema(content_media_type = "application/json")]
    pub data: String,
}

/// How many attendees chose one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChoiceCount {
    pub choice: String,
    pub count: u32,
}

/// The trainer moving the room: to a flow, with the answers walked in it (checked as any walk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomMove {
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub flow: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub version: String,
    pub answers: Vec<String>,
}

/// The trainer asking the room the question the room is at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PollRequest {
    /// Counts stay hidden until the trainer reveals them.
    #[serde(default)]
    pub hidden: bool,
}

/// One attendee's answer to the room's poll: anonymous, one per attendee and poll.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RoomAnswer {
    /// A random id the attendee's tab made and keeps: it says nothing of the person.
    #[cfg_attr(feature = "openapi", schema(min_length = 8, max_length = 64))]
    pub attendee: String,
    /// The question asked (its node id), so an answer to an earlier poll is refused.
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub node: String,
    #[cfg_attr(feature = "openapi", schema(min_length = 1))]
    pub choice: String,
}

#[cfg(test)]
mod tests {
    use super::Status;

    #[test]
    fn every_status_is_reachable_from_new_and_none_is_a_dead_end() {
        let mut reached = vec![Status::New];
        let mut i = 0;
        while let Some(&status) = reached.get(i) {
            assert!(!status.moves().is_empty(), "{status:?} has no way out");
            assert!(!status.moves().contains(&status));
            for &next in status.moves() {
                if !reached.contains(&next) {
                    reached.push(next);
                }
            }
            i += 1;
        }
        assert_eq!(reached.len(), Status::ALL.len());
    }

    #[test]
    fn statuses_read_back_what_they_write() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("closed"), None);
    }
}
