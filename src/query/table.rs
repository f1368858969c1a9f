//! The event table's order: the filtered events sorted by a column.

use serde::{Deserialize, Serialize};

use super::normalize;
use crate::model::Timeline;

/// The table's columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortColumn {
    #[default]
    Date,
    Title,
    Actors,
    Category,
    Certainty,
}

impl SortColumn {
    pub const ALL: [SortColumn; 5] = [
        SortColumn::Date,
        SortColumn::Title,
        SortColumn::Actors,
        SortColumn::Category,
        SortColumn::Certainty,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortColumn::Date => "Date",
            SortColumn::Title => "Title",
            SortColumn::Actors => "Actors",
            SortColumn::Category => "Category",
            SortColumn::Certainty => "Certainty",
        }
    }
}

/// `events` (in date order) sorted by `column`; ties keep date order.
pub fn sort_events(
    timeline: &Timeline,
    events: &[usize],
    column: SortColumn,
    ascending: bool,
) -> Vec<usize> {
    let mut order = events.to_vec();
    match column {
        SortColumn::Date => {}
        SortColumn::Title => order.sort_by_cached_key(|&e| normalize(&timeline.events[e].title)),
        SortColumn::Actors => order.sort_by_cached_key(|&e| normalize(&actor_names(timeline, e))),
        SortColumn::Category => order.sort_by_cached_key(|&e| {
            timeline
                .category(&timeline.events[e].category)
                .map(|c| normalize(&c.name))
                .unwrap_or_default()
        }),
        SortColumn::Certainty => order.sort_by_key(|&e| timeline.events[e].certainty),
    }
    if !ascending {
        order.reverse();
    }
    order
}

/// The table's order of `events` (in date order) and, per event of the
/// timeline, its row (`usize::MAX` when not shown).
pub fn table_order(
    timeline: &Timeline,
    events: &[usize],
    (column, ascending): (SortColumn, bool),
) -> (Vec<usize>, Vec<usize>) {
    let order = sort_events(timeline, events, column, ascending);
    let mut rank = vec![usize::MAX; timeline.events.len()];
    for (r, &e) in order.iter().enumerate() {
        rank[e] = r;
    }
    (order, rank)
}

/// An event's actors by name, comma-separated.
pub fn actor_names(timeline: &Timeline, e: usize) -> String {
    timeline.events[e]
        .actors
        .iter()
        .map(|a| timeline.actor_name(a))
        .collect::<Vec<_>>()
        .join(", ")
}
