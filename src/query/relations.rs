//! Relations between actors, indexed for the questions asked of them: how
//! did each pair stand at a date, what is one pair's history, who were an
//! actor's partners. Built once per timeline; a question at a date costs
//! one binary search per pair (periods of a pair never overlap), not a
//! scan of every period.

use std::collections::HashMap;

use crate::model::{Relation, Timeline};

/// One pair of actors and its periods in date order.
#[derive(Clone, Debug, PartialEq)]
pub struct PairHistory {
    /// The two actor ids, as the pair's first period names them.
    pub a: String,
    pub b: String,
    /// Indices into `Timeline::relations`, by start.
    pub periods: Vec<usize>,
    starts_days: Vec<f64>,
}

impl PairHistory {
    /// Whether this is the pair of `x` and `y`, in either order.
    pub fn is(&self, x: &str, y: &str) -> bool {
        (self.a == x && self.b == y) || (self.a == y && self.b == x)
    }

    pub fn involves(&self, actor: &str) -> bool {
        self.a == actor || self.b == actor
    }

    /// The other actor of the pair.
    pub fn partner_of(&self, actor: &str) -> Option<&str> {
        if self.a == actor {
            Some(&self.b)
        } else if self.b == actor {
            Some(&self.a)
        } else {
            None
        }
    }

    /// The period covering `days`, if one does (gaps are unrated).
    pub fn at<'t>(&self, relations: &'t [Relation], days: f64) -> Option<(usize, &'t Relation)> {
        let k = self.starts_days.partition_point(|&s| s <= days);
        let i = *self.periods.get(k.checked_sub(1)?)?;
        let r = &relations[i];
        r.covers(days).then_some((i, r))
    }
}

/// Every pair's history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationIndex {
    /// Pairs in order of their first period.
    pub pairs: Vec<PairHistory>,
    /// For each relation, the first event marking its start (index into
    /// `Timeline::events`), if it is one of the timeline's.
    pub start_event: Vec<Option<usize>>,
    /// How far a period still open is drawn: to the source document's
    /// date, else to the last event or period start.
    pub open_until_days: f64,
    /// Some event says what role an actor played in it.
    pub has_roles: bool,
}

/// How far a period still open reaches: the source document's date, else
/// the last event's end or period's start.
pub fn open_until_days(t: &Timeline) -> f64 {
    if let Some(d) = t.source_document.as_ref().and_then(|s| s.date.as_ref()) {
        return d.end_axis_days();
    }
    t.events
        .iter()
        .map(|e| e.end_days())
        .chain(t.relations.iter().map(|r| r.start_days() + 1.0))
        .fold(f64::NEG_INFINITY, f64::max)
}

impl RelationIndex {
    pub fn new(t: &Timeline) -> Self {
        let mut by_pair: HashMap<(&str, &str), usize> = HashMap::new();
        let mut pairs: Vec<PairHistory> = Vec::new();
        let mut order: Vec<usize> = (0..t.relations.len()).collect();
        order.sort_by(|&x, &y| {
            t.relations[x]
                .start_days()
                .total_cmp(&t.relations[y].start_days())
        });
        for i in order {
            let r = &t.relations[i];
            let slot = *by_pair.entry(r.pair_key()).or_insert_with(|| {
                pairs.push(PairHistory {
                    a: r.actors.0.clone(),
                    b: r.actors.1.clone(),
                    periods: Vec::new(),
                    starts_days: Vec::new(),
                });
                pairs.len() - 1
            });
            pairs[slot].periods.push(i);
            pairs[slot].starts_days.push(r.start_days());
        }
        let ids: HashMap<&str, usize> = t
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let start_event = t
            .relations
            .iter()
            .map(|r| {
                r.start_events
                    .first()
                    .and_then(|id| ids.get(id.as_str()).copied())
            })
            .collect();
        Self {
            has_roles: t.events.iter().any(|e| !e.roles.is_empty()),
            pairs,
            start_event,
            open_until_days: if t.relations.is_empty() {
                0.0
            } else {
                open_until_days(t)
            },
        }
    }

    /// The history of the pair of `x` and `y`, in either order.
    pub fn pair(&self, x: &str, y: &str) -> Option<&PairHistory> {
        self.pairs.iter().find(|p| p.is(x, y))
    }

    /// Each pair with the period covering `days`, or `None` where the pair
    /// is unrated at that date.
    pub fn at<'a, 't>(
        &'a self,
        relations: &'t [Relation],
        days: f64,
    ) -> impl Iterator<Item = (&'a PairHistory, Option<(usize, &'t Relation)>)> + 'a
    where
        't: 'a,
    {
        self.pairs.iter().map(move |p| (p, p.at(relations, days)))
    }

    /// The pairs `actor` belongs to.
    pub fn of_actor<'a>(&'a self, actor: &'a str) -> impl Iterator<Item = &'a PairHistory> + 'a {
        self.pairs.iter().filter(move |p| p.involves(actor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;
    use crate::model::{Date, RelationKind};

    fn kind_at(
        t: &Timeline,
        idx: &RelationIndex,
        a: &str,
        b: &str,
        date: &str,
    ) -> Option<RelationKind> {
        let days = date.parse::<Date>().unwrap().axis_days();
        idx.pair(a, b)
            .unwrap_or_else(|| panic!("no pair {a}–{b}"))
            .at(&t.relations, days)
            .map(|(_, r)| r.kind)
    }

    #[test]
    fn the_articles_turns_at_their_dates() {
        let t = builtin_timeline().unwrap();
        let idx = RelationIndex::new(&t);
        use RelationKind::*;
        for (a, b, date, kind) in [
            ("russia", "turkey", "2016-01-01", Some(Strained)),
            ("turkey", "russia", "2017-06-01", Some(Cooperating)),
            ("russia", "hts", "2024-06-01", Some(Hostile)),
            (
                "russia",
                "syria-new-government",
                "2025-10-15",
                Some(Cooperating),
            ),
            ("russia", "france", "1813-01-01", Some(Hostile)),
            ("russia", "france", "1914-09-01", Some(Allied)),
            ("united-states", "china", "1972-02-21", Some(Neutral)),
            // Between two periods of a pair nothing is rated.
            ("russia", "france", "1870-01-01", None),
        ] {
            assert_eq!(kind_at(&t, &idx, a, b, date), kind, "{a}–{b} at {date}");
        }
        assert!(idx.pair("russia", "nobody").is_none());
        let partners: Vec<&str> = idx
            .of_actor("turkey")
            .filter_map(|p| p.partner_of("turkey"))
            .collect();
        assert!(partners.contains(&"russia") && partners.contains(&"sdf-kurds"));
    }
}
