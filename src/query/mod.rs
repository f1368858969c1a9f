//! Pure queries over a timeline: sorting, the visible-range index, lanes.
//! No egui here.

pub mod filter;
pub mod lanes;
pub mod relations;
pub mod table;

pub use filter::{FacetCounts, FilterResult, SearchIndex, filter, normalize};
pub use lanes::{Grouping, Lane, Lanes, Row};
pub use relations::{PairHistory, RelationIndex};
pub use table::{SortColumn, actor_names, sort_events, table_order};

use crate::model::{Event, Query, Timeline};

/// A timeline with what is derived from its data alone, computed off the UI
/// thread when a file is opened (sorting a million events takes a while).
pub struct Prepared {
    pub timeline: Timeline,
    /// Each event's axis extent.
    pub extents: Vec<(f64, f64)>,
    /// All events in date order.
    pub index: TimeIndex,
    pub search: SearchIndex,
}

impl Prepared {
    pub fn new(timeline: Timeline) -> Self {
        let extents = event_extents(&timeline.events);
        let index = TimeIndex::from_subset(
            &timeline.events,
            &extents,
            (0..timeline.events.len()).collect(),
            true,
        );
        let search = SearchIndex::new(&timeline);
        Self {
            timeline,
            extents,
            index,
            search,
        }
    }

    /// Runs a query over all the events.
    pub fn filter(&self, query: &Query) -> FilterResult {
        filter::filter(
            &self.timeline,
            &self.search,
            &self.extents,
            self.index.sorted(),
            query,
        )
    }
}

/// Events sorted by start, with what is needed to find the ones that overlap
/// a time window by binary search.
///
/// Built once per dataset (or filter), not per frame.
#[derive(Clone, Debug, Default)]
pub struct TimeIndex {
    /// Event indices into `Timeline::events`, by start, then end, then id.
    order: Vec<usize>,
    /// The inverse of `order`: the rank of each event index (`usize::MAX`
    /// for events not in the index).
    rank: Vec<usize>,
    /// Start positions (days) in the same order as `order`.
    starts_days: Vec<f64>,
    /// End positions (days) in the same order as `order`.
    ends_days: Vec<f64>,
    /// The longest event, so a window query can look back far enough.
    max_span_days: f64,
    /// The latest end.
    max_end_days: f64,
}

/// Each event's axis extent `(start, end)` in days, computed once per
/// dataset: date arithmetic is too slow to repeat inside sorts.
pub fn event_extents(events: &[Event]) -> Vec<(f64, f64)> {
    events
        .iter()
        .map(|e| (e.start_days(), e.end_days()))
        .collect()
}

impl TimeIndex {
    pub fn new(timeline: &Timeline) -> Self {
        Self::from_events(&timeline.events)
    }

    pub fn from_events(events: &[Event]) -> Self {
        let extents = event_extents(events);
        Self::from_subset(events, &extents, (0..events.len()).collect(), true)
    }

    /// An index of some of the events (`ids` index into `events`, whose
    /// extents are `extents`). `with_rank` also builds the inverse map used
    /// by [`TimeIndex::rank_of`] (one entry per event of the timeline).
    ///
    /// Date order is by start position, then precision (a year before its
    /// first day), then end, then position in the file.
    pub fn from_subset(
        events: &[Event],
        extents: &[(f64, f64)],
        ids: Vec<usize>,
        with_rank: bool,
    ) -> Self {
        let mut order = ids;
        order.sort_unstable_by(|&a, &b| {
            extents[a]
                .0
                .total_cmp(&extents[b].0)
                .then_with(|| {
                    events[a]
                        .start
                        .precision()
                        .cmp(&events[b].start.precision())
                })
                .then_with(|| extents[a].1.total_cmp(&extents[b].1))
                .then_with(|| a.cmp(&b))
        });
        Self::from_sorted(extents, order, if with_rank { events.len() } else { 0 })
    }

    /// An index of events already in date order. `rank_len` > 0 builds the
    /// inverse map for that many events.
    pub fn from_sorted(extents: &[(f64, f64)], order: Vec<usize>, rank_len: usize) -> Self {
        let starts_days: Vec<f64> = order.iter().map(|&i| extents[i].0).collect();
        let ends_days: Vec<f64> = order.iter().map(|&i| extents[i].1).collect();
        let mut rank = Vec::new();
        if rank_len > 0 {
            rank = vec![usize::MAX; rank_len];
            for (r, &i) in order.iter().enumerate() {
                rank[i] = r;
            }
        }
        let max_span_days = starts_days
            .iter()
            .zip(&ends_days)
            .map(|(s, e)| e - s)
            .fold(0.0, f64::max);
        let max_end_days = ends_days.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        Self {
            order,
            rank,
            starts_days,
            ends_days,
            max_span_days,
            max_end_days,
        }
    }

    /// Event indices in date order.
    pub fn sorted(&self) -> &[usize] {
        &self.order
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Position in date order of an event index.
    pub fn rank_of(&self, event: usize) -> Option<usize> {
        self.rank.get(event).copied().filter(|&r| r != usize::MAX)
    }

    /// How many events start in each of `bins` bins of `bin_days` from
    /// `from_days` (see [`Row::count_starting_bins`]).
    pub fn count_starting_bins(&self, from_days: f64, bin_days: f64, bins: usize) -> Vec<usize> {
        lanes::count_bins(&self.starts_days, from_days, bin_days, bins)
    }

    /// How many events start in each `[edges[b], edges[b+1])`.
    pub fn count_starting_between(&self, edges: &[f64]) -> Vec<usize> {
        lanes::count_between(&self.starts_days, edges)
    }

    /// How many events start in `[from_days, to_days]` (two binary searches).
    pub fn count_starting_in(&self, from_days: f64, to_days: f64) -> usize {
        let lo = self.starts_days.partition_point(|&s| s < from_days);
        let hi = self.starts_days.partition_point(|&s| s <= to_days);
        hi.saturating_sub(lo)
    }

    /// An upper bound on how many events overlap `[from, to]`, in O(log n).
    pub fn visible_upper_bound(&self, from_days: f64, to_days: f64) -> usize {
        let lo = self
            .starts_days
            .partition_point(|&s| s < from_days - self.max_span_days);
        let hi = self.starts_days.partition_point(|&s| s <= to_days);
        hi.saturating_sub(lo)
    }

    /// The earliest start and latest end, in days.
    pub fn extent_days(&self) -> Option<(f64, f64)> {
        let first = *self.starts_days.first()?;
        Some((first, self.max_end_days))
    }

    /// Event indices (in date order) whose extent overlaps `[from, to]`.
    /// Costs O(log n + k) where k is the number of events starting within
    /// the window widened by the longest span.
    pub fn visible(&self, from_days: f64, to_days: f64) -> impl Iterator<Item = usize> + '_ {
        let lo = self
            .starts_days
            .partition_point(|&s| s < from_days - self.max_span_days);
        let hi = self.starts_days.partition_point(|&s| s <= to_days);
        (lo..hi.max(lo))
            .filter(move |&k| self.ends_days[k] >= from_days)
            .map(move |k| self.order[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;

    #[test]
    fn sorted_is_in_date_order() {
        let t = builtin_timeline().unwrap();
        let idx = TimeIndex::new(&t);
        assert_eq!(idx.len(), t.events.len());
        for pair in idx.sorted().windows(2) {
            assert!(t.events[pair[0]].start <= t.events[pair[1]].start);
        }
        assert_eq!(t.events[idx.sorted()[0]].id, "treaty-of-tilsit-1807");
        for (r, &i) in idx.sorted().iter().enumerate() {
            assert_eq!(idx.rank_of(i), Some(r));
        }
        assert_eq!(idx.rank_of(t.events.len()), None);
    }

    #[test]
    fn visible_matches_a_linear_scan() {
        let t = builtin_timeline().unwrap();
        let idx = TimeIndex::new(&t);
        let (first, last) = idx.extent_days().unwrap();
        let step = (last - first) / 37.0;
        let mut from = first - step;
        while from < last {
            for width in [1.0, 30.0, 400.0, 5000.0, 80_000.0] {
                let to = from + width;
                let mut got: Vec<usize> = idx.visible(from, to).collect();
                let mut want: Vec<usize> = (0..t.events.len())
                    .filter(|&i| t.events[i].end_days() >= from && t.events[i].start_days() <= to)
                    .collect();
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "window {from}..{to}");
            }
            from += step;
        }
    }
}
