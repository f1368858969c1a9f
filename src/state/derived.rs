//! What depends on the data and the query: the filter's result, facet
//! counts, lanes, the table order and the actor list's order. Computed when
//! either changes, never per frame (on a worker thread after an edit of a
//! large timeline).

use crate::layout::LaneCache;
use crate::layout::metrics;
use crate::model::{Query, Timeline};
use crate::query::{
    FacetCounts, Grouping, Lanes, Prepared, SearchIndex, SortColumn, TimeIndex, filter, table_order,
};

#[derive(Default)]
pub struct Derived {
    pub facets: FacetCounts,
    /// The events the query lets through, in date order.
    pub index: TimeIndex,
    pub lane_cache: LaneCache,
    /// The event table's rows (the filtered events) and, per event, its
    /// row (`usize::MAX` when not shown).
    pub table_order: Vec<usize>,
    pub table_rank: Vec<usize>,
    /// Actors with events under the query first (most first), then the rest.
    pub actor_order: Vec<usize>,
    /// While a story is revealed step by step: the steps shown so far.
    pub revealed: Option<TimeIndex>,
    /// What it was computed for.
    pub inputs: DeriveInputs,
}

/// The settings that derived data is computed for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeriveInputs {
    pub query: Query,
    pub grouping: Grouping,
    pub table_sort: (SortColumn, bool),
}

impl Derived {
    pub fn compute(
        timeline: &Timeline,
        search: &SearchIndex,
        extents: &[(f64, f64)],
        all_index: &TimeIndex,
        inputs: &DeriveInputs,
    ) -> Self {
        let result = filter(timeline, search, extents, all_index.sorted(), &inputs.query);
        let index = TimeIndex::from_sorted(extents, result.events, timeline.events.len());
        let lane_cache = lane_cache(timeline, extents, index.sorted(), inputs.grouping);
        let (table_order, table_rank) = table_order(timeline, index.sorted(), inputs.table_sort);
        let mut actor_order: Vec<usize> = (0..timeline.actors.len()).collect();
        actor_order.sort_by_key(|&i| std::cmp::Reverse(result.facets.actors[i]));
        Self {
            facets: result.facets,
            index,
            lane_cache,
            table_order,
            table_rank,
            actor_order,
            revealed: None,
            inputs: inputs.clone(),
        }
    }

    /// The same for a prepared timeline.
    pub fn for_prepared(p: &Prepared, inputs: &DeriveInputs) -> Self {
        Self::compute(&p.timeline, &p.search, &p.extents, &p.index, inputs)
    }
}

/// The lanes of `events` (in date order) under a grouping.
pub fn lane_cache(
    timeline: &Timeline,
    extents: &[(f64, f64)],
    events: &[usize],
    grouping: Grouping,
) -> LaneCache {
    let max_rows = match grouping {
        Grouping::None => metrics::MAX_ROWS_SINGLE_TRACK,
        _ => metrics::MAX_ROWS_PER_LANE,
    };
    let lanes = Lanes::build(timeline, extents, events, grouping, max_rows);
    LaneCache::new(extents, lanes)
}
