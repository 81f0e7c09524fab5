//! Where each node of a flow goes in a drawing of it, as the trainer's map draws the whole flow:
//! in rows by the fewest answers that reach it from the start, in the order they are first
//! reached, with every edge between them.

use std::collections::VecDeque;

use crate::model::{Flow, NodeId};

/// A drawing of a flow: where each node stands and what leads where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Every node, each once, by row and then column.
    pub nodes: Vec<Placed>,
    /// Each pair of nodes an answer leads between, once, in the order the nodes were placed.
    pub edges: Vec<(NodeId, NodeId)>,
    /// How many rows, and the most nodes in one of them.
    pub rows: usize,
    pub columns: usize,
}

/// Where one node stands in a [`Layout`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub id: NodeId,
    /// The fewest answers that reach the node from the start (0 for the start).
    pub row: usize,
    /// Its place in the row, from 0.
    pub column: usize,
}

impl Flow {
    /// The flow laid out in rows, breadth first from the start.
    pub fn layout(&self) -> Layout {
        let mut row_of: Vec<Option<usize>> = vec![None; self.nodes().len()];
        let mut order = Vec::with_capacity(row_of.len());
        let mut queue = VecDeque::from([self.start]);
        row_of[self.start.0] = Some(0);
        while let Some(id) = queue.pop_front() {
            order.push(id);
            let row = row_of[id.0].unwrap_or_default();
            for next in self.node(id).targets() {
                if row_of[next.0].is_none() {
                    row_of[next.0] = Some(row + 1);
                    queue.push_back(next);
                }
            }
        }
        let mut nodes: Vec<Placed> = Vec::with_capacity(order.len());
        let mut widths: Vec<usize> = Vec::new();
        for id in &order {
            let row = row_of[id.0].unwrap_or_default();
            if widths.len() <= row {
                widths.resize(row + 1, 0);
            }
            nodes.push(Placed {
                id: *id,
                row,
                column: widths[row],
            });
            widths[row] += 1;
        }
        let mut edges = Vec::new();
        for id in &order {
            for next in self.node(*id).targets() {
                if !edges.contains(&(*id, next)) {
                    edges.push((*id, next));
                }
            }
        }
        Layout {
            nodes,
            edges,
            rows: widths.len(),
            columns: widths.iter().copied().max().unwrap_or_default(),
        }
    }
}
