//! The state of relations at a date, as a network: the actors on a circle
//! in an order that does not depend on the date (so nothing jumps while
//! the date moves), an edge per pair coloured by its kind at that date.
//! Plain data in unit coordinates; painted by `ui::network`.

use std::collections::HashMap;

use crate::model::{RelationKind, Timeline};
use crate::query::RelationIndex;

/// An actor on the circle, at `(x, y)` in -1..=1.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub actor: String,
    pub name: String,
    pub x: f32,
    pub y: f32,
    /// How many pairs it has a rated relation in at the date.
    pub rated: usize,
}

/// A pair of actors and how they stood at the date.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Index into `RelationIndex::pairs`.
    pub pair: usize,
    pub from: usize,
    pub to: usize,
    /// The relation covering the date (index into `Timeline::relations`)
    /// and its kind; `None` when the pair is unrated then.
    pub relation: Option<usize>,
    pub kind: Option<RelationKind>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The actors in the order they go round the circle: each pair's actors
/// next to each other as far as possible (a walk through the pairs in the
/// order of their first period), so that related actors sit close and
/// edges cross less. Depends on the relations, never on the date.
pub fn circle_order(index: &RelationIndex) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut seen: HashMap<&str, ()> = HashMap::new();
    for p in &index.pairs {
        for a in [&p.a, &p.b] {
            if seen.insert(a.as_str(), ()).is_none() {
                order.push(a.clone());
            }
        }
    }
    order
}

/// The network at `days`: the actors of `order` on the circle (the first
/// at the top, clockwise), each pair of `pairs` (indices into
/// `index.pairs`) an edge with its kind at that date. One binary search
/// per pair.
pub fn network_at(
    t: &Timeline,
    index: &RelationIndex,
    order: &[String],
    pairs: &[usize],
    days: f64,
) -> Network {
    let n = order.len().max(1) as f32;
    let position: HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, a)| (a.as_str(), i))
        .collect();
    let mut nodes: Vec<Node> = order
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let angle = i as f32 / n * std::f32::consts::TAU - std::f32::consts::FRAC_PI_2;
            Node {
                actor: a.clone(),
                name: t.actor_name(a).to_string(),
                x: angle.cos(),
                y: angle.sin(),
                rated: 0,
            }
        })
        .collect();
    let mut edges = Vec::with_capacity(pairs.len());
    for &p in pairs {
        let pair = &index.pairs[p];
        let (Some(&from), Some(&to)) =
            (position.get(pair.a.as_str()), position.get(pair.b.as_str()))
        else {
            continue;
        };
        let at = pair.at(&t.relations, days);
        if at.is_some() {
            nodes[from].rated += 1;
            nodes[to].rated += 1;
        }
        edges.push(Edge {
            pair: p,
            from,
            to,
            relation: at.map(|(i, _)| i),
            kind: at.map(|(_, r)| r.kind),
        });
    }
    Network { nodes, edges }
}

/// The distance from `p` to the segment `a`–`b` (for picking an edge).
pub fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;
    use crate::model::Date;

    fn days(s: &str) -> f64 {
        s.parse::<Date>().unwrap().axis_days()
    }

    #[test]
    fn the_network_changes_its_edges_never_its_places() {
        let t = builtin_timeline().unwrap();
        let index = RelationIndex::new(&t);
        let order = circle_order(&index);
        let all: Vec<usize> = (0..index.pairs.len()).collect();
        let before = network_at(&t, &index, &order, &all, days("2015-06-01"));
        let after = network_at(&t, &index, &order, &all, days("2016-01-01"));
        assert_eq!(before.nodes.len(), 15);
        for (a, b) in before.nodes.iter().zip(&after.nodes) {
            assert_eq!((a.actor.as_str(), a.x, a.y), (b.actor.as_str(), b.x, b.y));
            assert!((a.x * a.x + a.y * a.y - 1.0).abs() < 1e-4);
        }
        let kind = |net: &Network, x: &str, y: &str| {
            net.edges
                .iter()
                .find(|e| index.pairs[e.pair].is(x, y))
                .and_then(|e| e.kind)
        };
        use RelationKind::*;
        assert_eq!(kind(&before, "russia", "turkey"), Some(Cooperating));
        assert_eq!(kind(&after, "russia", "turkey"), Some(Strained));
        assert_eq!(kind(&after, "russia", "hts"), Some(Hostile));
        // A pair unrated at the date keeps its edge, with no kind.
        assert_eq!(kind(&after, "russia", "syria-new-government"), None);
        // Related actors sit next to each other: the first pair's two
        // actors are neighbours on the circle.
        let first = &index.pairs[0];
        let pos = |a: &str| order.iter().position(|x| x == a).unwrap();
        assert_eq!(pos(&first.a).abs_diff(pos(&first.b)), 1);
    }

    #[test]
    fn picking_an_edge_measures_the_distance_to_its_segment() {
        assert!((distance_to_segment((0.5, 1.0), (0.0, 0.0), (1.0, 0.0)) - 1.0).abs() < 1e-6);
        assert!((distance_to_segment((2.0, 0.0), (0.0, 0.0), (1.0, 0.0)) - 1.0).abs() < 1e-6);
        assert_eq!(distance_to_segment((0.0, 0.0), (0.0, 0.0), (0.0, 0.0)), 0.0);
    }
}
