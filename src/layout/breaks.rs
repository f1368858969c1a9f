//! A broken time axis: long stretches of time in which nothing happens are
//! drawn narrower than the rest, with a visible break, so that fitting a
//! timeline whose analogies reach back two centuries still gives its dense
//! decade most of the canvas.
//!
//! The breaks belong to the whole timeline (not to the filter or the zoom),
//! so the scale is the same wherever one looks and does not jump when the
//! filter changes. Positions are mapped through a compressed coordinate,
//! `u` (in days): outside the breaks it advances with time, inside a break
//! it advances more slowly. The canvas maps `u` linearly onto the screen;
//! pan and zoom work in `u`, so dragging follows the pointer across a break.
//! Only empty time is ever shortened: no event's mark crosses a break.

use super::window::TimeWindow;
use crate::model::{DAYS_PER_YEAR, Date, Precision, group_thousands};

/// A stretch of time with no event in it, drawn `shown_days` wide.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    pub from_days: f64,
    pub to_days: f64,
    /// How much of the compressed coordinate the gap takes.
    pub shown_days: f64,
}

impl Gap {
    pub fn len_days(&self) -> f64 {
        self.to_days - self.from_days
    }
}

/// How long a stretch of time is, shortly: "80 years", "7 months",
/// "12 days", "3.2 million years".
pub fn length_text(days: f64) -> String {
    let years = days / DAYS_PER_YEAR;
    if years >= 1e6 {
        format!("{:.1} million years", years / 1e6)
    } else if years >= 2.0 {
        format!("{} years", group_thousands(years.round() as u64))
    } else if days >= 60.0 {
        format!("{} months", (days / (DAYS_PER_YEAR / 12.0)).round())
    } else {
        format!("{} days", days.round().max(1.0))
    }
}

/// What a break stands for, in words: "No events from 1814 to 1894 (80
/// years), drawn narrower".
pub fn break_text(from_days: f64, to_days: f64) -> String {
    let date = |d: f64| {
        let precision = if to_days - from_days > 3.0 * DAYS_PER_YEAR {
            Precision::Year
        } else {
            Precision::Day
        };
        Date::from_axis_days(d, precision).map_or_else(String::new, |d| d.display())
    };
    format!(
        "No events from {} to {} ({}): drawn narrower",
        date(from_days),
        date(to_days),
        length_text(to_days - from_days)
    )
}

/// The breaks of a timeline's axis; empty for a plain linear axis.
///
/// Between two breaks time runs linearly, but not every stretch at the
/// same rate: a stretch gets a width between its share of the time and its
/// share of the events, so that the busy decade of an article is not
/// squeezed by centuries of sparse analogies. The breaks between stretches
/// say that the scale changes there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Breaks {
    /// In time order, disjoint.
    gaps: Vec<Gap>,
    /// The map from time to the compressed coordinate: `(days, u)` at each
    /// gap's two ends, increasing; linear in between.
    knots: Vec<(f64, f64)>,
    /// The rate (u per day) before the first knot and after the last.
    slope_before: f64,
    slope_after: f64,
}

/// No breaks: a linear axis.
pub static NO_BREAKS: Breaks = Breaks {
    gaps: Vec::new(),
    knots: Vec::new(),
    slope_before: 1.0,
    slope_after: 1.0,
};

/// How much a stretch's width follows its share of the events rather
/// than its share of the time.
const DENSITY_WEIGHT: f64 = 0.8;
/// No stretch runs more than this many times faster or slower than time.
const MAX_STRETCH: f64 = 8.0;

/// At most this many breaks: more would make the axis hard to read.
pub const MAX_BREAKS: usize = 16;
/// A gap is broken only when it is at least this share of the axis (as
/// compressed so far).
const GAP_MIN_SHARE: f64 = 0.03;
/// Each break takes this share of the whole compressed axis…
const BREAK_SHARE: f64 = 0.025;
/// …and all of them together at most this.
const BREAKS_SHARE: f64 = 0.2;
/// A break must shorten its gap at least this many times, or it is not
/// worth interrupting the axis.
const MIN_SHRINK: f64 = 2.5;
/// A gap is broken only when it is this many times longer than the typical
/// (median) time from one event's start to the next: events spread evenly,
/// however few, keep a linear axis.
const MIN_TIMES_MEDIAN: f64 = 5.0;

impl Breaks {
    /// The breaks for events with these extents (`[start, end]` in days),
    /// `by_start` giving them in order of start. O(n) plus a sort of the few
    /// gaps long enough to matter.
    pub fn find(extents: &[(f64, f64)], by_start: &[usize]) -> Breaks {
        let Some(&first) = by_start.first() else {
            return Breaks::default();
        };
        let start = extents[first].0;
        let end = by_start
            .iter()
            .map(|&i| extents[i].1)
            .fold(f64::NEG_INFINITY, f64::max);
        let total = end - start;
        if !(total.is_finite() && total > 0.0) {
            return Breaks::default();
        }
        // The stretches no event covers.
        let mut gaps = Vec::new();
        let mut covered_to = f64::NEG_INFINITY;
        for &i in by_start {
            let (s, e) = extents[i];
            if s > covered_to && covered_to.is_finite() {
                gaps.push((covered_to, s));
            }
            covered_to = covered_to.max(e);
        }
        if gaps.is_empty() {
            return Breaks::default();
        }
        let mut steps: Vec<f64> = by_start
            .windows(2)
            .map(|p| extents[p[1]].0 - extents[p[0]].0)
            .collect();
        let mid = steps.len() / 2;
        let (_, median, _) = steps.select_nth_unstable_by(mid, f64::total_cmp);
        let floor = *median * MIN_TIMES_MEDIAN;
        let mut candidates: Vec<(f64, f64)> =
            gaps.into_iter().filter(|g| g.1 - g.0 >= floor).collect();
        candidates.sort_by(|a, b| (b.1 - b.0).total_cmp(&(a.1 - a.0)));
        // The longest first, while each is still a fair share of the axis as
        // compressed by the breaks before it.
        let mut kept = total;
        let mut chosen: Vec<(f64, f64)> = Vec::new();
        for (from, to) in candidates {
            if chosen.len() == MAX_BREAKS {
                break;
            }
            let len = to - from;
            let n = chosen.len() as f64;
            let axis = kept + n * shown_days(kept, chosen.len());
            let shown = shown_days(kept - len, chosen.len() + 1);
            if len < GAP_MIN_SHARE * axis || len < MIN_SHRINK * shown {
                break;
            }
            kept -= len;
            chosen.push((from, to));
        }
        if chosen.is_empty() {
            return Breaks::default();
        }
        chosen.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The stretches between breaks, their time and their events.
        let starts: Vec<f64> = by_start.iter().map(|&i| extents[i].0).collect();
        let mut bounds = vec![start];
        for &(from, to) in &chosen {
            bounds.push(from);
            bounds.push(to);
        }
        bounds.push(end);
        let stretches: Vec<(f64, usize)> = bounds
            .chunks(2)
            .map(|b| {
                let n =
                    starts.partition_point(|&s| s <= b[1]) - starts.partition_point(|&s| s < b[0]);
                ((b[1] - b[0]).max(0.0), n)
            })
            .collect();
        let kept_days: f64 = stretches
            .iter()
            .map(|s| s.0)
            .sum::<f64>()
            .max(f64::MIN_POSITIVE);
        let events = starts.len().max(1) as f64;
        let slopes: Vec<f64> = stretches
            .iter()
            .map(|&(len, n)| {
                let share =
                    (1.0 - DENSITY_WEIGHT) * len / kept_days + DENSITY_WEIGHT * n as f64 / events;
                (share * kept_days / len.max(1.0)).clamp(1.0 / MAX_STRETCH, MAX_STRETCH)
            })
            .collect();
        let kept_u: f64 = stretches.iter().zip(&slopes).map(|(s, k)| s.0 * k).sum();
        let shown = shown_days(kept_u, chosen.len());
        let mut knots = Vec::with_capacity(2 * chosen.len());
        let mut u = start;
        let mut previous = start;
        for (k, &(from, to)) in chosen.iter().enumerate() {
            u += (from - previous) * slopes[k];
            knots.push((from, u));
            u += shown;
            knots.push((to, u));
            previous = to;
        }
        let gaps = chosen
            .into_iter()
            .map(|(from_days, to_days)| Gap {
                from_days,
                to_days,
                shown_days: shown,
            })
            .collect();
        Breaks {
            gaps,
            knots,
            slope_before: slopes[0],
            slope_after: *slopes.last().unwrap_or(&1.0),
        }
    }

    pub fn gaps(&self) -> &[Gap] {
        &self.gaps
    }

    pub fn is_empty(&self) -> bool {
        self.gaps.is_empty()
    }

    /// The compressed coordinate of a time.
    pub fn u(&self, days: f64) -> f64 {
        interpolate(
            &self.knots,
            days,
            |k| k.0,
            |k| k.1,
            self.slope_before,
            self.slope_after,
        )
    }

    /// The time at a compressed coordinate: the inverse of [`Breaks::u`].
    pub fn days(&self, u: f64) -> f64 {
        interpolate(
            &self.knots,
            u,
            |k| k.1,
            |k| k.0,
            1.0 / self.slope_before,
            1.0 / self.slope_after,
        )
    }

    /// The window in the compressed coordinate.
    pub fn to_u(&self, w: &TimeWindow) -> TimeWindow {
        TimeWindow {
            start_days: self.u(w.start_days),
            end_days: self.u(w.end_days),
        }
    }

    /// A window given in the compressed coordinate, back in time.
    pub fn from_u(&self, u: &TimeWindow) -> TimeWindow {
        let w = TimeWindow {
            start_days: self.days(u.start_days),
            end_days: self.days(u.end_days),
        };
        if self.is_empty() { w } else { w.clamped() }
    }

    /// How the window maps onto a canvas `width_pt` wide.
    pub fn scale(&self, w: &TimeWindow, width_pt: f32) -> Scale<'_> {
        let u = self.to_u(w);
        Scale {
            breaks: self,
            u0: u.start_days,
            u_span: u.span_days().max(f64::MIN_POSITIVE),
            width_pt: width_pt.max(1.0),
        }
    }

    /// A window showing `[from, to]` with a margin on both sides (a share
    /// of the compressed span, so a break does not widen the margins).
    pub fn fit(&self, from_days: f64, to_days: f64) -> TimeWindow {
        self.from_u(&TimeWindow::fit(self.u(from_days), self.u(to_days)))
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `anchor_days` in place on
    /// the screen.
    pub fn zoomed(&self, w: &TimeWindow, factor: f64, anchor_days: f64) -> TimeWindow {
        self.from_u(&self.to_u(w).zoomed(factor, self.u(anchor_days)))
    }

    /// Moves the window by `dx_pt` of a canvas `width_pt` wide: what was
    /// under the pointer stays under it.
    pub fn panned(&self, w: &TimeWindow, dx_pt: f32, width_pt: f32) -> TimeWindow {
        self.from_u(&self.to_u(w).panned(dx_pt, width_pt))
    }

    /// The same width on the screen, moved by `fraction` of it.
    pub fn shifted(&self, w: &TimeWindow, fraction: f64) -> TimeWindow {
        self.from_u(&self.to_u(w).shifted(fraction))
    }

    /// The same width on the screen, centred on `days`.
    pub fn centred_on(&self, w: &TimeWindow, days: f64) -> TimeWindow {
        self.from_u(&self.to_u(w).centred_on(self.u(days)))
    }

    /// A step of the animation from `from` to `to`, smooth on the screen.
    pub fn lerp(&self, from: &TimeWindow, to: &TimeWindow, t: f64) -> TimeWindow {
        if self.is_empty() {
            return from.lerp(to, t);
        }
        let w = self.from_u(&self.to_u(from).lerp(&self.to_u(to), t));
        if t >= 1.0 { *to } else { w }
    }

    /// The gaps that reach into the window.
    pub fn visible(&self, w: &TimeWindow) -> impl Iterator<Item = &Gap> {
        let lo = self.gaps.partition_point(|g| g.to_days <= w.start_days);
        self.gaps[lo..]
            .iter()
            .take_while(move |g| g.from_days < w.end_days)
    }
}

/// The piecewise linear map through `knots` (increasing in both
/// coordinates) from `x` to `y`, continued at the given slopes before the
/// first and after the last; the identity without knots.
fn interpolate(
    knots: &[(f64, f64)],
    value: f64,
    x: impl Fn(&(f64, f64)) -> f64,
    y: impl Fn(&(f64, f64)) -> f64,
    slope_before: f64,
    slope_after: f64,
) -> f64 {
    let (Some(first), Some(last)) = (knots.first(), knots.last()) else {
        return value;
    };
    if value <= x(first) {
        return y(first) - (x(first) - value) * slope_before;
    }
    if value >= x(last) {
        return y(last) + (value - x(last)) * slope_after;
    }
    let k = knots.partition_point(|p| x(p) <= value);
    let (a, b) = (&knots[k - 1], &knots[k]);
    let span = x(b) - x(a);
    if span <= 0.0 {
        return y(a);
    }
    y(a) + (value - x(a)) / span * (y(b) - y(a))
}

/// The width (in the compressed coordinate) of each of `n` breaks beside
/// `kept` of stretches: each a share of the whole axis, `shown = each *
/// (kept + n * shown)`, the breaks together at most [`BREAKS_SHARE`].
fn shown_days(kept: f64, n: usize) -> f64 {
    let each = BREAK_SHARE.min(BREAKS_SHARE / n.max(1) as f64);
    let share = each * n as f64;
    each * kept.max(0.0) / (1.0 - share)
}

/// A window on a canvas of a given width, through the breaks.
#[derive(Clone, Copy, Debug)]
pub struct Scale<'a> {
    breaks: &'a Breaks,
    u0: f64,
    u_span: f64,
    width_pt: f32,
}

impl Scale<'_> {
    /// The canvas x (from its left edge) of a time.
    pub fn x_pt(&self, days: f64) -> f32 {
        ((self.breaks.u(days) - self.u0) / self.u_span * f64::from(self.width_pt)) as f32
    }

    /// The time at canvas x.
    pub fn days_at(&self, x_pt: f32) -> f64 {
        self.breaks
            .days(self.u0 + f64::from(x_pt) / f64::from(self.width_pt) * self.u_span)
    }

    /// The times at the edges of `n` equal bins across the canvas (n + 1
    /// edges): equal on the screen, not in time.
    pub fn bin_edges(&self, n: usize) -> Vec<f64> {
        (0..=n)
            .map(|b| self.days_at(b as f32 * self.width_pt / n.max(1) as f32))
            .collect()
    }

    pub fn width_pt(&self) -> f32 {
        self.width_pt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(s: &str) -> f64 {
        s.parse::<Date>().unwrap().axis_days()
    }

    /// Point events (a day long) at these dates.
    fn breaks_for(dates: &[&str]) -> (Breaks, Vec<(f64, f64)>) {
        let extents: Vec<(f64, f64)> = dates.iter().map(|d| (days(d), days(d) + 1.0)).collect();
        let mut order: Vec<usize> = (0..extents.len()).collect();
        order.sort_by(|&a, &b| extents[a].0.total_cmp(&extents[b].0));
        (Breaks::find(&extents, &order), extents)
    }

    #[test]
    fn a_dense_decade_after_two_centuries_of_analogies_gets_most_of_the_axis() {
        let mut dates = vec!["1814-03-30", "1894-01-04", "1914-07-28", "1972-02-21"];
        let decade: Vec<String> = (0..120)
            .map(|m| format!("{}-{:02}-15", 2015 + m / 12, m % 12 + 1))
            .collect();
        dates.extend(decade.iter().map(String::as_str));
        let (b, _) = breaks_for(&dates);
        assert!(b.gaps().len() >= 3, "{b:?}");
        let w = b.fit(days("1814-03-30"), days("2024-12-16"));
        let s = b.scale(&w, 1000.0);
        let decade_pt = s.x_pt(days("2024-12-16")) - s.x_pt(days("2015-01-15"));
        assert!(decade_pt > 550.0, "the decade gets {decade_pt} of 1000 pt");
        // Every event is on the canvas, in order, none on top of another.
        let mut last = f32::NEG_INFINITY;
        for d in &dates {
            let x = s.x_pt(days(d));
            assert!((0.0..=1000.0).contains(&x), "{d} at {x}");
            assert!(x > last + 1.0, "{d} at {x} after {last}");
            last = x;
        }
        // Each break is visible: a dozen points at least.
        for g in b.gaps() {
            let width = s.x_pt(g.to_days) - s.x_pt(g.from_days);
            assert!(width >= 12.0, "{g:?} is {width} pt");
            // And only empty time is shortened.
            assert!(
                dates
                    .iter()
                    .all(|d| days(d) + 1.0 <= g.from_days || days(d) >= g.to_days)
            );
        }
    }

    #[test]
    fn evenly_spread_events_keep_a_linear_axis() {
        let dates: Vec<String> = (0..200)
            .map(|m| format!("{}-{:02}-01", 2000 + m / 12, m % 12 + 1))
            .collect();
        let refs: Vec<&str> = dates.iter().map(String::as_str).collect();
        let (b, _) = breaks_for(&refs);
        assert!(b.is_empty(), "{b:?}");
        // A linear axis maps as the window does.
        let w = TimeWindow {
            start_days: 0.0,
            end_days: 1000.0,
        };
        assert_eq!(b.scale(&w, 500.0).x_pt(250.0), w.x_pt(250.0, 500.0));
        assert_eq!(b.fit(10.0, 20.0), TimeWindow::fit(10.0, 20.0));
    }

    #[test]
    fn the_compressed_coordinate_is_monotone_and_inverts() {
        let (b, _) = breaks_for(&["1800-01-01", "1801-01-01", "1900-01-01", "1901-06-01"]);
        assert_eq!(b.gaps().len(), 1, "{b:?}");
        let from = days("1790-01-01");
        let mut last = f64::NEG_INFINITY;
        for k in 0..2000 {
            let d = from + k as f64 * 0.06 * DAYS_PER_YEAR;
            let u = b.u(d);
            assert!(u > last, "u not increasing at {d}");
            last = u;
            assert!((b.days(u) - d).abs() < 1e-6, "{d} -> {u} -> {}", b.days(u));
        }
    }

    #[test]
    fn pan_follows_the_pointer_across_a_break_and_zoom_keeps_its_anchor() {
        let (b, _) = breaks_for(&["1800-01-01", "1801-01-01", "1900-01-01", "1901-06-01"]);
        let w = b.fit(days("1800-01-01"), days("1901-06-02"));
        let s = b.scale(&w, 800.0);
        let gap = &b.gaps()[0];
        let in_break = (gap.from_days + gap.to_days) / 2.0;
        let x = s.x_pt(in_break);
        let moved = b.panned(&w, -40.0, 800.0);
        let x2 = b.scale(&moved, 800.0).x_pt(in_break);
        assert!((x2 - (x + 40.0)).abs() < 0.01, "{x} -> {x2}");
        let zoomed = b.zoomed(&w, 3.0, in_break);
        let x3 = b.scale(&zoomed, 800.0).x_pt(in_break);
        assert!((x3 - x).abs() < 0.01, "{x} -> {x3}");
    }

    #[test]
    fn a_break_says_what_it_leaves_out() {
        assert_eq!(
            break_text(days("1814-04-07"), days("1894-01-04")),
            "No events from 1814 to 1894 (80 years): drawn narrower"
        );
        assert_eq!(length_text(200.0), "7 months");
        assert_eq!(length_text(12.0), "12 days");
        assert_eq!(length_text(5e9 * DAYS_PER_YEAR), "5000.0 million years");
    }

    #[test]
    fn no_events_or_one_moment_have_no_breaks() {
        assert!(Breaks::find(&[], &[]).is_empty());
        assert!(breaks_for(&["2020-01-01", "2020-01-01"]).0.is_empty());
        let (b, _) = breaks_for(&["2020-01-01"]);
        assert_eq!(b.u(5.0), 5.0);
        assert_eq!(b.days(5.0), 5.0);
    }

    #[test]
    fn a_long_period_covering_the_gap_leaves_nothing_to_break() {
        let extents = vec![
            (days("1800-01-01"), days("1800-01-02")),
            (days("1800-06-01"), days("1950-01-01")),
            (days("1990-01-01"), days("1990-01-02")),
            (days("1991-01-01"), days("1991-01-02")),
        ];
        let b = Breaks::find(&extents, &[0, 1, 2, 3]);
        for g in b.gaps() {
            assert!(g.from_days >= days("1950-01-01"), "{g:?}");
        }
    }
}
