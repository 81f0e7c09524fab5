//! The trainer's map lays each shipped flow out in rows from the start, every node once, with
//! every answer's edge.

mod common;

use std::collections::{HashSet, VecDeque};

use signpost_flow::{Flow, NodeId};

const FLOWS: [&str; 4] = ["join", "buy_with_prime", "link_sellers", "recover_access"];

/// The fewest answers from the start to each node, found afresh.
fn distances(flow: &Flow) -> Vec<(NodeId, usize)> {
    let start = flow.walk::<&str>(&[]).unwrap().at;
    let mut seen = vec![(start, 0)];
    let mut queue = VecDeque::from([(start, 0)]);
    while let Some((id, d)) = queue.pop_front() {
        for next in flow.node(id).targets() {
            if !seen.iter().any(|(s, _)| *s == next) {
                seen.push((next, d + 1));
                queue.push_back((next, d + 1));
            }
        }
    }
    seen
}

#[test]
fn every_node_stands_once_in_the_row_of_its_fewest_answers_from_the_start() {
    for id in FLOWS {
        let flow = common::flow(id);
        let layout = flow.layout();
        assert_eq!(layout.nodes.len(), flow.nodes().len(), "{id}");
        assert_eq!(layout.nodes[0].row, 0, "{id}: the start comes first");
        let places: HashSet<(usize, usize)> =
            layout.nodes.iter().map(|p| (p.row, p.column)).collect();
        assert_eq!(
            places.len(),
            layout.nodes.len(),
            "{id}: two nodes share a place"
        );
        for (node, distance) in distances(&flow) {
            let placed = layout.nodes.iter().find(|p| p.id == node).unwrap();
            assert_eq!(placed.row, distance, "{id}: {}", flow.node(node).key());
            assert!(placed.column < layout.columns && placed.row < layout.rows);
        }
    }
}

#[test]
fn every_answer_is_an_edge_and_every_edge_an_answer() {
    for id in FLOWS {
        let flow = common::flow(id);
        let layout = flow.layout();
        let mut expected = HashSet::new();
        for (node, _) in flow.node_ids() {
            for next in flow.node(node).targets() {
                expected.insert((node, next));
            }
        }
        let drawn: HashSet<(NodeId, NodeId)> = layout.edges.iter().copied().collect();
        assert_eq!(
            drawn.len(),
            layout.edges.len(),
            "{id}: an edge is drawn twice"
        );
        assert_eq!(drawn, expected, "{id}");
    }
}
