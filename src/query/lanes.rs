//! Lanes (by actor, by category, or one track) and the rows events stack
//! into within a lane. Built once per dataset, filter and grouping; queried
//! per frame by binary search, so a frame's work does not grow with the
//! number of events.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

pub use crate::model::Grouping;
use crate::model::Timeline;

/// Events of one lane row, sorted by start.
///
/// In a regular row no two events overlap in time, so both `starts_days` and
/// `ends_days` are sorted and a window is found by two binary searches. The
/// overflow row (when a lane has more overlapping events than rows) may
/// overlap; it is searched with a look-back of its longest span.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub starts_days: Vec<f64>,
    pub ends_days: Vec<f64>,
    /// Indices into `Timeline::events`.
    pub events: Vec<usize>,
    pub overlapping: bool,
    max_span_days: f64,
}

impl Row {
    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Positions (into this row's arrays) of the events that may overlap
    /// `[from, to]`. Exact for regular rows; for the overflow row it can
    /// include events that end before `from`, which callers skip.
    pub fn visible(&self, from_days: f64, to_days: f64) -> Range<usize> {
        let lo = if self.overlapping {
            self.starts_days
                .partition_point(|&s| s < from_days - self.max_span_days)
        } else {
            self.ends_days.partition_point(|&e| e < from_days)
        };
        let hi = self.starts_days.partition_point(|&s| s <= to_days);
        lo..hi.max(lo)
    }

    /// How many events start in each of `bins` consecutive bins of
    /// `bin_days` from `from_days`. One binary search, then a galloping
    /// search per bin boundary: O(bins × log(events per bin)), touching
    /// memory in order.
    pub fn count_starting_bins(&self, from_days: f64, bin_days: f64, bins: usize) -> Vec<usize> {
        count_bins(&self.starts_days, from_days, bin_days, bins)
    }

    /// How many of the row's events start in each `[edges[b], edges[b+1])`.
    pub fn count_starting_between(&self, edges: &[f64]) -> Vec<usize> {
        count_between(&self.starts_days, edges)
    }

    fn push(&mut self, event: usize, start: f64, end: f64) {
        self.events.push(event);
        self.starts_days.push(start);
        self.ends_days.push(end);
        self.max_span_days = self.max_span_days.max(end - start);
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lane {
    /// The actor or category id; empty for the single track.
    pub key: String,
    /// The actor's or category's position in the timeline's list (for its
    /// colour key); `None` for the single track and the "No actor" lane.
    pub key_index: Option<usize>,
    pub title: String,
    pub event_count: usize,
    /// The lane's events in date order (the order they were given in).
    pub events: Vec<usize>,
    pub rows: Vec<Row>,
}

/// All lanes of a grouping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lanes {
    pub grouping: Grouping,
    pub lanes: Vec<Lane>,
}

impl Lanes {
    /// Groups `events` (indices into the timeline, e.g. the filtered set)
    /// into lanes, each stacked into at most `max_rows` rows plus an
    /// overflow row. O(n log n).
    /// `extents` are the events' axis extents ([`super::event_extents`]);
    /// `events` must be in date order (as [`super::TimeIndex::sorted`] gives
    /// them), and each lane keeps that order.
    pub fn build(
        timeline: &Timeline,
        extents: &[(f64, f64)],
        events: &[usize],
        grouping: Grouping,
        max_rows: usize,
    ) -> Self {
        let max_rows = max_rows.max(1);
        let mut members = match grouping {
            // The relations lanes are not event lanes: the events keep one
            // track (for what is derived from it).
            Grouping::None | Grouping::Relations => vec![(
                None,
                String::new(),
                "All events".to_string(),
                events.to_vec(),
            )],
            Grouping::Actor => group(
                timeline
                    .actors
                    .iter()
                    .map(|a| (a.id.as_str(), a.name.as_str())),
                timeline.events.len(),
                events,
                |e| &timeline.events[e].actors,
                "No actor",
            ),
            Grouping::Category => group(
                timeline
                    .categories
                    .iter()
                    .map(|c| (c.id.as_str(), c.name.as_str())),
                timeline.events.len(),
                events,
                |e| std::slice::from_ref(&timeline.events[e].category),
                "No category",
            ),
        };
        members.retain(|(_, _, _, m)| !m.is_empty());
        let lanes = members
            .into_iter()
            .map(|(key_index, key, title, ids)| Lane {
                key,
                key_index,
                title,
                event_count: ids.len(),
                rows: stack_rows(extents, &ids, max_rows),
                events: ids,
            })
            .collect();
        Self { grouping, lanes }
    }
}

/// Sorts `events` into one group per key, in the order of `keys`; an event
/// goes into the group of each of its keys (`keys_of`), or into a last group
/// named `none_title` when it has none. Groups are (key, title, events).
///
/// Each event's keys are looked up once, walking the events in storage
/// order (sequential memory), into a compact table; grouping then reads
/// that table in date order.
fn group<'a>(
    keys: impl Iterator<Item = (&'a str, &'a str)>,
    all_events: usize,
    events: &[usize],
    keys_of: impl Fn(usize) -> &'a [String],
    none_title: &str,
) -> Vec<(Option<usize>, String, String, Vec<usize>)> {
    let mut groups: Vec<(Option<usize>, String, String, Vec<usize>)> = Vec::new();
    let mut position: HashMap<&str, u32> = HashMap::new();
    for (id, title) in keys {
        position.insert(id, groups.len() as u32);
        groups.push((
            Some(groups.len()),
            id.to_string(),
            title.to_string(),
            Vec::new(),
        ));
    }
    let mut offsets: Vec<u32> = Vec::with_capacity(all_events + 1);
    let mut values: Vec<u32> = Vec::with_capacity(all_events);
    offsets.push(0);
    for e in 0..all_events {
        values.extend(
            keys_of(e)
                .iter()
                .filter_map(|k| position.get(k.as_str()).copied()),
        );
        offsets.push(values.len() as u32);
    }
    let mut without = Vec::new();
    for &e in events {
        let of = &values[offsets[e] as usize..offsets[e + 1] as usize];
        if of.is_empty() {
            without.push(e);
        }
        for &p in of {
            groups[p as usize].3.push(e);
        }
    }
    groups.push((None, String::new(), none_title.to_string(), without));
    groups
}

/// Counts of the sorted `values` falling in each of `bins` bins of
/// `bin_days` from `from_days` (see [`Row::count_starting_bins`]).
pub fn count_bins(values: &[f64], from_days: f64, bin_days: f64, bins: usize) -> Vec<usize> {
    let mut pos = values.partition_point(|&s| s < from_days);
    (0..bins)
        .map(|b| {
            let boundary = from_days + (b + 1) as f64 * bin_days;
            let next = gallop(values, pos, boundary);
            let count = next - pos;
            pos = next;
            count
        })
        .collect()
}

/// How many `values` (sorted) fall in each `[edges[b], edges[b+1])`: one
/// count per bin, `edges.len() - 1` of them.
pub fn count_between(values: &[f64], edges: &[f64]) -> Vec<usize> {
    let Some(&first) = edges.first() else {
        return Vec::new();
    };
    let mut pos = values.partition_point(|&s| s < first);
    edges[1..]
        .iter()
        .map(|&boundary| {
            let next = gallop(values, pos, boundary);
            let count = next - pos;
            pos = next;
            count
        })
        .collect()
}

/// The first index at or after `from` whose value is not below `bound`, in
/// O(log distance).
fn gallop(values: &[f64], from: usize, bound: f64) -> usize {
    let mut step = 1;
    let mut lo = from;
    while lo + step <= values.len() && values[lo + step - 1] < bound {
        lo += step;
        step *= 2;
    }
    let hi = (lo + step).min(values.len());
    lo + values[lo..hi].partition_point(|&s| s < bound)
}

/// Interval partitioning: each event goes into the row that frees up first,
/// if that row is free by the event's start; otherwise into a new row; past
/// `max_rows`, into an overflow row.
/// `ids` must be sorted by start.
fn stack_rows(extents: &[(f64, f64)], ids: &[usize], max_rows: usize) -> Vec<Row> {
    let extent = |e: usize| extents[e];
    debug_assert!(ids.windows(2).all(|w| extent(w[0]).0 <= extent(w[1]).0));
    let mut rows: Vec<Row> = Vec::new();
    let mut overflow = Row {
        overlapping: true,
        ..Row::default()
    };
    // Min-heap of (end, row) over the regular rows.
    let mut free_at: BinaryHeap<Reverse<(OrdF64, usize)>> = BinaryHeap::new();
    for &e in ids {
        let (start, end) = extent(e);
        match free_at.peek() {
            Some(&Reverse((OrdF64(row_end), row))) if row_end <= start => {
                free_at.pop();
                rows[row].push(e, start, end);
                free_at.push(Reverse((OrdF64(end), row)));
            }
            _ if rows.len() < max_rows => {
                let mut row = Row::default();
                row.push(e, start, end);
                rows.push(row);
                free_at.push(Reverse((OrdF64(end), rows.len() - 1)));
            }
            _ => overflow.push(e, start, end),
        }
    }
    if !overflow.is_empty() {
        rows.push(overflow);
    }
    rows
}

/// An `f64` with a total order, for the heap.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OrdF64(f64);
impl Eq for OrdF64 {}
impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for OrdF64 {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;

    fn all(t: &Timeline) -> Vec<usize> {
        super::super::TimeIndex::new(t).sorted().to_vec()
    }

    #[test]
    fn regular_rows_never_overlap_and_keep_every_event() {
        let t = builtin_timeline().unwrap();
        for grouping in Grouping::ALL {
            for max_rows in [1, 2, 8] {
                let lanes = Lanes::build(
                    &t,
                    &super::super::event_extents(&t.events),
                    &all(&t),
                    grouping,
                    max_rows,
                );
                for lane in &lanes.lanes {
                    let placed: usize = lane.rows.iter().map(Row::len).sum();
                    assert_eq!(placed, lane.event_count, "{grouping:?} {}", lane.title);
                    assert!(lane.rows.iter().filter(|r| !r.overlapping).count() <= max_rows);
                    for row in lane.rows.iter().filter(|r| !r.overlapping) {
                        for k in 1..row.len() {
                            assert!(row.ends_days[k - 1] <= row.starts_days[k]);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn actor_lanes_repeat_multi_actor_events() {
        let t = builtin_timeline().unwrap();
        let lanes = Lanes::build(
            &t,
            &super::super::event_extents(&t.events),
            &all(&t),
            Grouping::Actor,
            8,
        );
        let russia = lanes.lanes.iter().find(|l| l.key == "russia").unwrap();
        let expected = t
            .events
            .iter()
            .filter(|e| e.actors.iter().any(|a| a == "russia"))
            .count();
        assert_eq!(russia.event_count, expected);
        let total: usize = lanes.lanes.iter().map(|l| l.event_count).sum();
        let memberships: usize = t.events.iter().map(|e| e.actors.len()).sum();
        assert_eq!(total, memberships);
        // Only actors with events get a lane, in the timeline's actor order.
        assert_eq!(lanes.lanes[0].key, "russia");
        let single = Lanes::build(
            &t,
            &super::super::event_extents(&t.events),
            &all(&t),
            Grouping::None,
            8,
        );
        assert_eq!(single.lanes.len(), 1);
        assert_eq!(single.lanes[0].event_count, t.events.len());
    }

    #[test]
    fn stacking_uses_the_minimum_number_of_rows() {
        let t = builtin_timeline().unwrap();
        // 2024-11-27 has the ceasefire (a day) inside the escalation period
        // and the start of the HTS offensive: three overlapping events.
        let ids: Vec<usize> = [
            "israel-hezbollah-escalation-2024",
            "israel-hezbollah-ceasefire",
            "hts-offensive-2024",
            "fall-of-assad",
        ]
        .iter()
        .map(|id| t.events.iter().position(|e| e.id == *id).unwrap())
        .collect();
        let lanes = Lanes::build(
            &t,
            &super::super::event_extents(&t.events),
            &ids,
            Grouping::None,
            8,
        );
        assert_eq!(lanes.lanes[0].rows.len(), 3);
        // Capped at one row, the rest overflows into one overlapping row.
        let capped = Lanes::build(
            &t,
            &super::super::event_extents(&t.events),
            &ids,
            Grouping::None,
            1,
        );
        assert_eq!(capped.lanes[0].rows.len(), 2);
        assert!(capped.lanes[0].rows[1].overlapping);
    }

    #[test]
    fn row_windows_match_a_scan_including_periods_starting_before_the_view() {
        let t = builtin_timeline().unwrap();
        let lanes = Lanes::build(
            &t,
            &super::super::event_extents(&t.events),
            &all(&t),
            Grouping::Category,
            2,
        );
        for lane in &lanes.lanes {
            for row in &lane.rows {
                for (from, to) in [
                    (17_000.0, 17_200.0),
                    (20_000.0, 20_100.0),
                    (-60_000.0, 30_000.0),
                    (20_055.0, 20_060.0),
                ] {
                    let got: Vec<usize> = row
                        .visible(from, to)
                        .filter(|&k| row.ends_days[k] >= from)
                        .map(|k| row.events[k])
                        .collect();
                    let want: Vec<usize> = (0..row.len())
                        .filter(|&k| row.ends_days[k] >= from && row.starts_days[k] <= to)
                        .map(|k| row.events[k])
                        .collect();
                    assert_eq!(got, want);
                }
            }
        }
    }

    #[test]
    fn bin_counts_match_binary_searches() {
        let values: Vec<f64> = (0..1000)
            .map(|i| (i * i % 997) as f64 / 3.0)
            .collect::<Vec<_>>();
        let mut sorted = values.clone();
        sorted.sort_by(f64::total_cmp);
        for (from, width, bins) in [
            (0.0, 1.0, 400),
            (-50.0, 7.5, 60),
            (100.0, 0.01, 30),
            (400.0, 10.0, 5),
        ] {
            let got = count_bins(&sorted, from, width, bins);
            for (b, &n) in got.iter().enumerate() {
                let a = from + b as f64 * width;
                let z = from + (b + 1) as f64 * width;
                let want = sorted.iter().filter(|&&v| v >= a && v < z).count();
                assert_eq!(n, want, "bin {b} of {from}+{width}");
            }
        }
    }
}
