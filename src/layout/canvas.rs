//! The canvas's view model: what is visible, where, in which lane and row,
//! with which label, or merged into which cluster. Plain data, no egui: it is
//! computed from the data, the lanes and the time window, tested without
//! pixels, then painted by `ui::canvas` (and written by the handout).
//!
//! Work per frame is bounded by the screen, not the data: each lane is
//! found by binary search; a lane with few visible events is stacked with
//! its labels, a crowded one is drawn from its cached rows, one binary
//! search per pixel bin.

use super::axis::{Tick, context_label, minor_ticks, ticks};
use super::breaks::{Breaks, Scale};
use super::metrics;
use super::window::TimeWindow;
use crate::model::{Certainty, Precision, Timeline};
use crate::query::{Lanes, Row, TimeIndex};

/// How an event's mark is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// A point known to the day or minute: a round marker.
    Point,
    /// A point known only to the year or month: a soft band over that span.
    FuzzyPoint,
    /// A period: a bar from start to end.
    Period,
}

/// One event drawn on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasItem {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub kind: MarkKind,
    /// Left and right edge of the mark, from the canvas's left edge.
    pub x0_pt: f32,
    pub x1_pt: f32,
    /// Centre line of the item's row, from the top of the lanes' content.
    pub y_pt: f32,
    pub lane: usize,
    pub row: usize,
    /// The label and the width it may take; `None` when there is no room.
    pub label: Option<String>,
    pub label_width_pt: f32,
    /// Lines the label is wrapped onto (1, or 2 when labels may wrap).
    pub label_lines: u8,
    /// The label sits left of the mark (near the right edge of the canvas).
    pub label_left: bool,
    pub certainty: Certainty,
    pub category_index: usize,
    pub has_discrepancy: bool,
}

impl CanvasItem {
    /// Where the label starts.
    pub fn label_x_pt(&self) -> f32 {
        if self.label_left {
            return self.x0_pt
                - metrics::MARKER_RADIUS_PT
                - metrics::LABEL_GAP_PT
                - self.label_width_pt;
        }
        match self.kind {
            MarkKind::Point => self.x0_pt + metrics::MARKER_RADIUS_PT + metrics::LABEL_GAP_PT,
            // A period that began off screen keeps its label at the edge.
            MarkKind::FuzzyPoint | MarkKind::Period => self.x0_pt.max(0.0) + metrics::LABEL_GAP_PT,
        }
    }

    /// The left edge of the mark.
    fn mark_left_pt(&self) -> f32 {
        match self.kind {
            MarkKind::Point => self.x0_pt - metrics::MARKER_RADIUS_PT,
            _ => self.x0_pt,
        }
    }

    /// The right edge of the mark.
    fn mark_right_pt(&self) -> f32 {
        match self.kind {
            MarkKind::Point => self.x0_pt + metrics::MARKER_RADIUS_PT,
            _ => self.x1_pt.max(self.x0_pt + 2.0),
        }
    }

    /// The horizontal extent the item claims in its row (mark and label).
    pub fn claim_pt(&self) -> (f32, f32) {
        let left = self.mark_left_pt().min(self.label_x_pt());
        let right = self
            .mark_right_pt()
            .max(self.label_x_pt() + self.label_width_pt);
        (left, right + metrics::LABEL_GAP_PT)
    }
}

/// Several events too close together to draw one by one.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub x0_pt: f32,
    pub x1_pt: f32,
    pub y_pt: f32,
    pub lane: usize,
    pub count: usize,
    /// The time the cluster covers: clicking it zooms there.
    pub from_days: f64,
    pub to_days: f64,
}

/// A lane's place on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneView {
    pub lane: usize,
    pub title: String,
    pub event_count: usize,
    /// Top and height, from the top of the lanes' content.
    pub top_pt: f32,
    pub height_pt: f32,
}

/// A break in the axis: a long stretch without events, drawn narrower.
#[derive(Clone, Debug, PartialEq)]
pub struct BreakView {
    pub x0_pt: f32,
    pub x1_pt: f32,
    pub from_days: f64,
    pub to_days: f64,
}

/// An era band.
#[derive(Clone, Debug, PartialEq)]
pub struct EraView {
    pub x0_pt: f32,
    pub x1_pt: f32,
    pub title: String,
}

/// Everything the canvas paints. x is from the canvas's left edge; y is
/// from the top of the lanes' content (which scrolls vertically).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasLayout {
    pub lanes: Vec<LaneView>,
    pub items: Vec<CanvasItem>,
    pub clusters: Vec<Cluster>,
    pub ticks: Vec<Tick>,
    /// Major tick positions, parallel to `ticks`.
    pub tick_x_pt: Vec<f32>,
    pub minor_tick_x_pt: Vec<f32>,
    /// At hour and minute zoom, the day(s) shown (the ticks say only the time).
    pub axis_context: Option<String>,
    pub eras: Vec<EraView>,
    pub breaks: Vec<BreakView>,
    /// The height of all lanes: more than the viewport means scrolling.
    pub content_height_pt: f32,
}

/// What the canvas shows and how big it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewParams<'a> {
    pub window: TimeWindow,
    /// Long empty stretches drawn narrower ([`crate::layout::NO_BREAKS`]
    /// for a linear axis).
    pub breaks: &'a Breaks,
    pub width_pt: f32,
    /// The visible part of the lanes' content (vertical scroll).
    pub viewport_top_pt: f32,
    pub viewport_height_pt: f32,
    /// How many rows the one-track grouping gets (it has the whole height).
    pub single_track_rows: usize,
    /// Labels may wrap onto a second line (rows are taller).
    pub two_line_labels: bool,
}

impl ViewParams<'_> {
    pub fn row_height_pt(&self) -> f32 {
        row_height_pt(self.two_line_labels)
    }
}

/// The height of a row of the lanes.
pub fn row_height_pt(two_line_labels: bool) -> f32 {
    if two_line_labels {
        metrics::ROW_HEIGHT_TWO_LINES_PT
    } else {
        metrics::ROW_HEIGHT_PT
    }
}

/// The width and lines of a label for a title `full_pt` wide (on one line)
/// with `room_pt` free: one line, cut at [`metrics::MAX_LABEL_PT`]; or,
/// when labels may wrap and one line is not enough, two lines of about half
/// the title. `widening`: past the usual limit, into free space found
/// after placement.
fn fit_label(full_pt: f32, room_pt: f32, two_lines: bool, widening: bool) -> (f32, u8) {
    let room = room_pt.max(0.0);
    let cap = if widening {
        f32::INFINITY
    } else {
        metrics::MAX_LABEL_PT
    };
    let one = full_pt.min(cap);
    if !two_lines || (one >= full_pt && one <= room) {
        return (one.min(room), 1);
    }
    let wrapped = (full_pt / 2.0 + metrics::WRAP_SLACK_PT)
        .min(full_pt)
        .min(cap.max(metrics::MAX_LABEL_PT));
    (wrapped.min(room), 2)
}

/// Measures text: returns its width in px. The UI passes a font-backed
/// measure; tests pass a fixed width per character.
pub type MeasureText<'a> = &'a dyn Fn(&str) -> f32;

/// Lanes with the per-lane indexes the view model needs. Built when the
/// data, the filter or the grouping change, never per frame.
#[derive(Clone, Debug, Default)]
pub struct LaneCache {
    pub lanes: Lanes,
    /// One index per lane, for the visible-count estimate and stacking.
    pub indexes: Vec<TimeIndex>,
}

impl LaneCache {
    pub fn new(extents: &[(f64, f64)], lanes: Lanes) -> Self {
        let indexes = lanes
            .lanes
            .iter()
            .map(|lane| TimeIndex::from_sorted(extents, lane.events.clone(), 0))
            .collect();
        Self { lanes, indexes }
    }

    /// Rows lane `lane` is drawn with: enough for its stacked events, at
    /// most the lane's share of rows, and the same at every zoom level.
    pub fn row_count(&self, lane: usize, params: &ViewParams) -> usize {
        let l = &self.lanes.lanes[lane];
        let cap = if self.lanes.lanes.len() == 1 {
            params.single_track_rows.max(1)
        } else {
            metrics::MAX_ROWS_PER_LANE
        };
        l.event_count.min(cap).max(l.rows.len()).max(1)
    }

    pub fn lane_height_pt(&self, lane: usize, params: &ViewParams) -> f32 {
        metrics::LANE_HEADER_PT
            + self.row_count(lane, params) as f32 * params.row_height_pt()
            + metrics::LANE_GAP_PT
    }

    pub fn content_height_pt(&self, params: &ViewParams) -> f32 {
        (0..self.lanes.lanes.len())
            .map(|l| self.lane_height_pt(l, params))
            .sum()
    }
}

/// Lays out what is visible.
pub fn layout(
    timeline: &Timeline,
    cache: &LaneCache,
    params: &ViewParams,
    measure: MeasureText<'_>,
) -> CanvasLayout {
    let w = &params.window;
    let width_pt = params.width_pt.max(1.0);
    let scale = params.breaks.scale(w, width_pt);
    let mut out = CanvasLayout::default();

    axis_ticks(params, &scale, measure, &mut out);
    out.axis_context = context_label(w.start_days, w.end_days);
    for g in params.breaks.visible(w) {
        out.breaks.push(BreakView {
            x0_pt: scale.x_pt(g.from_days),
            x1_pt: scale.x_pt(g.to_days),
            from_days: g.from_days,
            to_days: g.to_days,
        });
    }

    for era in &timeline.eras {
        let (s, e) = (era.start.axis_days(), era.end.end_axis_days());
        if e >= w.start_days && s <= w.end_days {
            out.eras.push(EraView {
                x0_pt: scale.x_pt(s).max(-1.0),
                x1_pt: scale.x_pt(e).min(width_pt + 1.0),
                title: era.title.clone(),
            });
        }
    }

    let view_bottom = params.viewport_top_pt + params.viewport_height_pt;
    let mut top = 0.0;
    for (l, lane) in cache.lanes.lanes.iter().enumerate() {
        let height = cache.lane_height_pt(l, params);
        let visible = top + height >= params.viewport_top_pt && top <= view_bottom;
        if visible {
            out.lanes.push(LaneView {
                lane: l,
                title: lane.title.clone(),
                event_count: lane.event_count,
                top_pt: top,
                height_pt: height,
            });
            let rows_top = top + metrics::LANE_HEADER_PT;
            let budget = (width_pt / metrics::MIN_ITEM_SPACING_PT) as usize;
            if cache.indexes[l].visible_upper_bound(w.start_days, w.end_days) <= budget {
                stack_lane(timeline, cache, l, rows_top, params, measure, &mut out);
            } else {
                bin_lane(timeline, cache, l, rows_top, params, measure, &mut out);
            }
        }
        top += height;
    }
    out.content_height_pt = top;
    out
}

fn item_for(timeline: &Timeline, event: usize, lane: usize, scale: &Scale<'_>) -> CanvasItem {
    let ev = &timeline.events[event];
    let width_pt = scale.width_pt();
    // A point is drawn as what its precision covers: a year, month or day
    // wide enough to see is a soft band over that span, not a fake exact
    // point; a year or month stays a band even when thin.
    let precision_pt = f64::from(scale.x_pt(ev.end_days()) - scale.x_pt(ev.start_days()));
    let kind = if ev.is_period() {
        MarkKind::Period
    } else if ev.start.precision() <= Precision::Month
        || precision_pt >= f64::from(4.0 * metrics::MARKER_RADIUS_PT)
    {
        MarkKind::FuzzyPoint
    } else {
        MarkKind::Point
    };
    // Clamp far-off ends so huge periods stay drawable.
    let clamp = |x: f32| x.clamp(-10.0 * width_pt, 11.0 * width_pt);
    let x0_pt = clamp(scale.x_pt(ev.start_days()));
    let x1_pt = match kind {
        MarkKind::Point => x0_pt,
        _ => clamp(scale.x_pt(ev.end_days())).max(x0_pt + 2.0),
    };
    CanvasItem {
        event,
        kind,
        x0_pt,
        x1_pt,
        y_pt: 0.0,
        lane,
        row: 0,
        label: None,
        label_width_pt: 0.0,
        label_lines: 1,
        label_left: false,
        certainty: ev.certainty,
        category_index: timeline
            .categories
            .iter()
            .position(|c| c.id == ev.category)
            .unwrap_or(0),
        has_discrepancy: ev.has_discrepancy(),
    }
}

/// The axis's ticks: calendar ticks on each stretch between breaks that is
/// wide enough for them, one tick naming the year of a stretch too narrow
/// for more (an isolated event), none inside a break; no two labels overlap.
fn axis_ticks(
    params: &ViewParams<'_>,
    scale: &Scale<'_>,
    measure: MeasureText<'_>,
    out: &mut CanvasLayout,
) {
    let w = &params.window;
    let label_pt = |s: &str| measure(s) + 2.0 * metrics::LABEL_GAP_PT;
    // The stretches of the window between breaks.
    let mut pieces = Vec::new();
    let mut from = w.start_days;
    for g in params.breaks.visible(w) {
        if g.from_days > from {
            pieces.push((from, g.from_days));
        }
        from = g.to_days;
    }
    if from < w.end_days {
        pieces.push((from, w.end_days));
    }
    let mut major: Vec<(Tick, f32)> = Vec::new();
    for (a, b) in pieces {
        let (xa, xb) = (scale.x_pt(a).max(0.0), scale.x_pt(b).min(scale.width_pt()));
        let width = f64::from(xb - xa);
        if width >= f64::from(metrics::TICK_MIN_SPACING_PT) {
            let t = ticks(
                a,
                b,
                width,
                f64::from(metrics::TICK_MIN_SPACING_PT),
                &label_pt,
            );
            for d in minor_ticks(a, b, width, &t) {
                out.minor_tick_x_pt.push(scale.x_pt(d));
            }
            major.extend(t.into_iter().map(|t| {
                let x = scale.x_pt(t.days);
                (t, x)
            }));
        } else if params.breaks.is_empty() {
            continue;
        } else {
            // A stretch cut by the window's edge is mostly margin: its
            // events are at the end next to the break.
            let days = if a <= w.start_days && b < w.end_days {
                b - (b - a) * 1e-3
            } else if b >= w.end_days && a > w.start_days {
                a
            } else {
                (a + b) / 2.0
            };
            if let Some(date) = crate::model::Date::from_axis_days(days, Precision::Year) {
                let label = crate::model::year_display(date.year_value());
                major.push((Tick { days, label }, scale.x_pt(days)));
            }
        }
    }
    // Labels are written right of their tick.
    let mut reach = f32::NEG_INFINITY;
    for (t, x) in major {
        if x < reach {
            continue;
        }
        reach = x + label_pt(&t.label);
        out.tick_x_pt.push(x);
        out.ticks.push(t);
    }
}

/// Few visible events: stack them greedily into the lane's rows with their
/// labels; what finds no room keeps its mark without a label, and what
/// cannot even place its mark joins a cluster.
fn stack_lane(
    timeline: &Timeline,
    cache: &LaneCache,
    lane: usize,
    rows_top: f32,
    params: &ViewParams,
    measure: MeasureText<'_>,
    out: &mut CanvasLayout,
) {
    let w = &params.window;
    let width_pt = params.width_pt.max(1.0);
    let scale = params.breaks.scale(w, width_pt);
    let rows = cache.row_count(lane, params);
    let row_h = params.row_height_pt();
    let two_lines = params.two_line_labels;
    let row_y = |row: usize| rows_top + (row as f32 + 0.5) * row_h;
    let mut row_ends = vec![f32::NEG_INFINITY; rows];
    // Per row: the cluster being built (with its first event, drawn alone
    // if nothing joins it) and the last item placed, whose label a cluster
    // may have to shorten.
    let mut pending: Vec<Option<(Cluster, CanvasItem)>> = vec![None; rows];
    let mut last_item: Vec<Option<usize>> = vec![None; rows];
    let (first_item, first_cluster) = (out.items.len(), out.clusters.len());
    for event in cache.indexes[lane].visible(w.start_days, w.end_days) {
        let mut item = item_for(timeline, event, lane, &scale);
        let title = &timeline.events[event].title;
        let full_pt = measure(title);
        let (full, _) = fit_label(full_pt, f32::INFINITY, two_lines, false);
        // Labels near the right edge go left of the mark; either way they
        // are cut to stay on the canvas.
        let room_right = width_pt - item.label_x_pt();
        let room_left = item.x0_pt - metrics::MARKER_RADIUS_PT - metrics::LABEL_GAP_PT;
        let room = if room_right < full && room_left > room_right {
            item.label_left = true;
            room_left
        } else {
            room_right
        };
        (item.label_width_pt, item.label_lines) = fit_label(full_pt, room, two_lines, false);
        let with_label =
            item.label_width_pt >= metrics::MIN_LABEL_PT.min(full) && item.label_x_pt() >= 0.0;
        if with_label {
            item.label = Some(title.clone());
        } else {
            item.label_width_pt = 0.0;
            item.label_left = false;
        }
        // With its label if there is room, else without it.
        let mut placed = row_ends.iter().position(|&end| end <= item.claim_pt().0);
        if placed.is_none() && item.label.is_some() {
            item.label = None;
            item.label_width_pt = 0.0;
            item.label_left = false;
            placed = row_ends.iter().position(|&end| end <= item.claim_pt().0);
        }
        if let Some(row) = placed {
            item.row = row;
            item.y_pt = row_y(row);
            row_ends[row] = item.claim_pt().1;
            flush_cluster(&mut pending[row], out);
            last_item[row] = Some(out.items.len());
            out.items.push(item);
            continue;
        }
        // No room at all: merge into a cluster in the row that frees first.
        let (left, right) = item.claim_pt();
        let row = (0..rows)
            .min_by(|&a, &b| row_ends[a].total_cmp(&row_ends[b]))
            .unwrap_or(0);
        item.row = row;
        item.y_pt = row_y(row);
        let ev = &timeline.events[event];
        let (cluster, _) = pending[row].get_or_insert_with(|| {
            (
                Cluster {
                    x0_pt: left,
                    x1_pt: right,
                    y_pt: row_y(row),
                    lane,
                    count: 0,
                    from_days: ev.start_days(),
                    to_days: ev.end_days(),
                },
                item,
            )
        });
        cluster.count += 1;
        cluster.x1_pt = cluster.x1_pt.max(right);
        cluster.from_days = cluster.from_days.min(ev.start_days());
        cluster.to_days = cluster.to_days.max(ev.end_days());
        row_ends[row] = row_ends[row].max(right);
        // The row's last label must end before the cluster.
        if let Some(prev) = last_item[row].map(|i| &mut out.items[i])
            && prev.label.is_some()
            && !prev.label_left
        {
            let room = cluster.x0_pt - metrics::LABEL_GAP_PT - prev.label_x_pt();
            if room < metrics::MIN_LABEL_PT {
                prev.label = None;
                prev.label_width_pt = 0.0;
            } else if room < prev.label_width_pt {
                let full_pt = measure(&timeline.events[prev.event].title);
                (prev.label_width_pt, prev.label_lines) =
                    fit_label(full_pt, room, two_lines, false);
            }
        }
    }
    for p in &mut pending {
        flush_cluster(p, out);
    }
    widen_labels(
        timeline,
        first_item,
        first_cluster,
        width_pt,
        two_lines,
        measure,
        out,
    );
}

/// After a lane is placed: each label to the right of its mark runs into
/// the free space up to whatever comes next in its row (the next mark or
/// label, a cluster, the canvas's edge), past [`metrics::MAX_LABEL_PT`],
/// so that a title is cut only where something is really in the way. A
/// mark placed without its label gets it back when there is room now.
fn widen_labels(
    timeline: &Timeline,
    first_item: usize,
    first_cluster: usize,
    width_pt: f32,
    two_lines: bool,
    measure: MeasureText<'_>,
    out: &mut CanvasLayout,
) {
    let mut order: Vec<usize> = (first_item..out.items.len()).collect();
    order.sort_by(|&a, &b| {
        let (ia, ib) = (&out.items[a], &out.items[b]);
        (ia.row, ia.claim_pt().0)
            .partial_cmp(&(ib.row, ib.claim_pt().0))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    // The lane's clusters by row (the bits of their y), left to right.
    let mut row_clusters: Vec<(u32, f32, f32)> = out.clusters[first_cluster..]
        .iter()
        .map(|c| (c.y_pt.to_bits(), c.x0_pt, c.x1_pt))
        .collect();
    row_clusters.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // The furthest right any earlier item of the row reaches (with the
    // labels widened so far).
    let mut reach: Option<(usize, f32)> = None;
    for (k, &i) in order.iter().enumerate() {
        let item = &out.items[i];
        let row = item.row;
        let reached = match reach {
            Some((r, x)) if r == row => x,
            _ => f32::NEG_INFINITY,
        };
        let start = item.label_x_pt();
        // The next item of the row (sorted by where their claims start):
        // the first whose claim could stop this label.
        let next_left = order
            .get(k + 1)
            .map(|&j| &out.items[j])
            .filter(|n| n.row == row)
            .map(|n| n.claim_pt().0);
        // Something already reaches past where this label would start (marks
        // of a crowded spot may share a row): leave it as placed.
        let blocked = item.label_left || reached > start || next_left.is_some_and(|x| x <= start);
        if !blocked {
            let next_item = next_left;
            // The row's clusters are in order and do not overlap: the first
            // ending after the start is the one in the way.
            let y_key = item.y_pt.to_bits();
            let lo = row_clusters.partition_point(|c| c.0 < y_key);
            let hi = row_clusters.partition_point(|c| c.0 <= y_key);
            let in_row = &row_clusters[lo..hi];
            let next_cluster = in_row
                .get(in_row.partition_point(|c| c.2 <= start))
                .map(|c| c.1);
            let limit = [next_item, next_cluster]
                .into_iter()
                .flatten()
                .fold(width_pt, f32::min);
            let room = limit - metrics::LABEL_GAP_PT - start;
            if start >= 0.0 && room >= metrics::MIN_LABEL_PT.min(item.label_width_pt.max(1.0)) {
                let title = &timeline.events[item.event].title;
                let full = measure(title);
                let item = &mut out.items[i];
                if item.label.is_none() && room >= metrics::MIN_LABEL_PT.min(full) {
                    item.label = Some(title.clone());
                }
                if item.label.is_some() {
                    (item.label_width_pt, item.label_lines) =
                        fit_label(full, room, two_lines, true);
                }
            }
        }
        let right = out.items[i].claim_pt().1;
        reach = Some((row, reached.max(right)));
    }
}

/// Ends a cluster: one event alone is drawn as itself.
fn flush_cluster(pending: &mut Option<(Cluster, CanvasItem)>, out: &mut CanvasLayout) {
    match pending.take() {
        Some((c, first)) if c.count == 1 => out.items.push(first),
        Some((c, _)) => out.clusters.push(c),
        None => {}
    }
}

/// The events of one regular row (which never overlap in time), drawn one
/// by one; a label may run up to the next mark in the row.
#[allow(clippy::too_many_arguments)]
fn row_items(
    timeline: &Timeline,
    row: &Row,
    visible: std::ops::Range<usize>,
    lane: usize,
    r: usize,
    y_pt: f32,
    params: &ViewParams,
    measure: MeasureText<'_>,
    out: &mut CanvasLayout,
) {
    let width_pt = params.width_pt.max(1.0);
    let scale = params.breaks.scale(&params.window, width_pt);
    let first = out.items.len();
    for k in visible {
        let mut item = item_for(timeline, row.events[k], lane, &scale);
        item.row = r;
        item.y_pt = y_pt;
        out.items.push(item);
    }
    for i in first..out.items.len() {
        let next_left = out.items.get(i + 1).map_or(width_pt, |n| n.mark_left_pt());
        let item = &mut out.items[i];
        let title = &timeline.events[item.event].title;
        let room = next_left - metrics::LABEL_GAP_PT - item.label_x_pt();
        if room >= metrics::MIN_LABEL_PT && item.label_x_pt() >= 0.0 {
            // Up to the next mark: as long as the row has room for.
            (item.label_width_pt, item.label_lines) =
                fit_label(measure(title), room, params.two_line_labels, true);
            item.label = Some(title.clone());
        }
    }
}

/// How far back the overflow row is scanned for events reaching into the
/// window.
const MAX_CARRIED_SCAN: usize = 10_000;

/// Many visible events: draw each cached row as runs of pixel bins holding
/// events, one binary search per bin, so the cost depends on the width of
/// the screen, not on the number of events.
fn bin_lane(
    timeline: &Timeline,
    cache: &LaneCache,
    lane: usize,
    rows_top: f32,
    params: &ViewParams,
    measure: MeasureText<'_>,
    out: &mut CanvasLayout,
) {
    let w = &params.window;
    let width_pt = params.width_pt.max(1.0);
    let bins = (width_pt / metrics::CLUSTER_BIN_PT).ceil().max(1.0) as usize;
    // Bins of equal width on the screen (a bin across a break holds more
    // time, and no events).
    let edges = params
        .breaks
        .scale(w, bins as f32 * metrics::CLUSTER_BIN_PT)
        .bin_edges(bins);
    let row_budget = (width_pt / metrics::MIN_LABEL_PT) as usize;
    for (r, row) in cache.lanes.lanes[lane].rows.iter().enumerate() {
        let y_pt = rows_top + (r as f32 + 0.5) * params.row_height_pt();
        let visible = row.visible(w.start_days, w.end_days);
        if visible.is_empty() {
            continue;
        }
        if !row.overlapping && visible.len() <= row_budget {
            // Few events in this row (say, long periods at a close zoom):
            // draw them one by one, each label running up to the next mark.
            row_items(timeline, row, visible, lane, r, y_pt, params, measure, out);
            continue;
        }
        // Events that started before the window but reach into it count in
        // the first bin.
        let first_in_window = row.starts_days.partition_point(|&s| s < w.start_days);
        // (In a regular row all of them do; the overflow row's look-back is
        // scanned only so far, to keep the frame bounded.)
        let carried = (visible.start..first_in_window)
            .rev()
            .take(MAX_CARRIED_SCAN)
            .filter(|&k| row.ends_days[k] >= w.start_days)
            .count();
        let counts = row.count_starting_between(&edges);
        let mut run: Option<Cluster> = None;
        for (b, &starting) in counts.iter().enumerate() {
            let (from, to) = (edges[b], edges[b + 1]);
            let mut count = starting;
            if b == 0 {
                count += carried;
            }
            let x0 = b as f32 * metrics::CLUSTER_BIN_PT;
            if count == 0 {
                if let Some(c) = run.take() {
                    out.clusters.push(c);
                }
                continue;
            }
            let c = run.get_or_insert(Cluster {
                x0_pt: x0,
                x1_pt: x0,
                y_pt,
                lane,
                count: 0,
                from_days: from,
                to_days: to,
            });
            c.count += count;
            c.x1_pt = (x0 + metrics::CLUSTER_BIN_PT).min(width_pt);
            c.to_days = to;
        }
        if let Some(c) = run.take() {
            out.clusters.push(c);
        }
    }
}

#[cfg(test)]
mod tests;
