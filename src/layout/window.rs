//! The time window: the part of time shown across the canvas, in days since
//! 1970-01-01, with zoom, pan and the animation between two windows.

use serde::{Deserialize, Serialize};

use crate::model::{DAYS_PER_YEAR, MAX_ABS_YEAR};

/// The part of time shown across the canvas, in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub start_days: f64,
    pub end_days: f64,
}

/// The narrowest window: ten minutes across the canvas.
pub const MIN_SPAN_DAYS: f64 = 10.0 / 1440.0;
/// The widest window: twice the age of the universe.
pub const MAX_SPAN_DAYS: f64 = 2.0 * 13.8e9 * DAYS_PER_YEAR;

impl Default for TimeWindow {
    fn default() -> Self {
        Self {
            start_days: 0.0,
            end_days: 365.0 * 60.0,
        }
    }
}

impl TimeWindow {
    /// A window showing `[from, to]` with a margin on both sides.
    pub fn fit(from_days: f64, to_days: f64) -> Self {
        let span = (to_days - from_days).max(1.0);
        let mid = (from_days + to_days) / 2.0;
        let half = span * 1.1 / 2.0;
        Self {
            start_days: mid - half,
            end_days: mid + half,
        }
        .clamped()
    }

    pub fn span_days(&self) -> f64 {
        self.end_days - self.start_days
    }

    pub fn centre_days(&self) -> f64 {
        (self.start_days + self.end_days) / 2.0
    }

    /// The canvas x (from its left edge) of a time position.
    pub fn x_pt(&self, days: f64, width_pt: f32) -> f32 {
        ((days - self.start_days) / self.span_days() * f64::from(width_pt)) as f32
    }

    /// The time position at canvas x (from its left edge).
    pub fn days_at(&self, x_pt: f32, width_pt: f32) -> f64 {
        self.start_days + f64::from(x_pt) / f64::from(width_pt.max(1.0)) * self.span_days()
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `anchor_days` where it is.
    pub fn zoomed(&self, factor: f64, anchor_days: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let min_span = MIN_SPAN_DAYS.max(anchor_days.abs() * 1e-10);
        let span = (self.span_days() / factor).clamp(min_span, MAX_SPAN_DAYS);
        let t = (anchor_days - self.start_days) / self.span_days();
        Self {
            start_days: anchor_days - t * span,
            end_days: anchor_days - t * span + span,
        }
        .clamped()
    }

    /// Moves the window by `dx_pt` pixels of a canvas `width_pt` wide
    /// (positive moves to later times).
    pub fn panned(&self, dx_pt: f32, width_pt: f32) -> Self {
        let shift = f64::from(dx_pt) / f64::from(width_pt.max(1.0)) * self.span_days();
        Self {
            start_days: self.start_days + shift,
            end_days: self.end_days + shift,
        }
        .clamped()
    }

    /// The same span, moved by `fraction` of it (positive is later).
    pub fn shifted(&self, fraction: f64) -> Self {
        let shift = self.span_days() * fraction;
        Self {
            start_days: self.start_days + shift,
            end_days: self.end_days + shift,
        }
        .clamped()
    }

    /// The same span, centred on `days`.
    pub fn centred_on(&self, days: f64) -> Self {
        let half = self.span_days() / 2.0;
        Self {
            start_days: days - half,
            end_days: days + half,
        }
        .clamped()
    }

    /// Keeps the span within limits and the window within representable time.
    /// Far from the present the narrowest span grows, so that positions
    /// (f64 days) stay finer than a pixel and nothing jitters.
    pub fn clamped(self) -> Self {
        let limit = MAX_ABS_YEAR as f64 * DAYS_PER_YEAR * 0.5;
        let mid = self.centre_days();
        let mid = if mid.is_finite() {
            mid.clamp(-limit, limit)
        } else {
            0.0
        };
        let min_span = MIN_SPAN_DAYS.max(mid.abs() * 1e-10);
        let span = if self.span_days().is_finite() {
            self.span_days().clamp(min_span, MAX_SPAN_DAYS)
        } else {
            MAX_SPAN_DAYS
        };
        // A window already within the limits is kept exactly as it is, so
        // that clamping twice changes nothing.
        if mid == self.centre_days() && span == self.span_days() {
            return self;
        }
        Self {
            start_days: mid - span / 2.0,
            end_days: mid + span / 2.0,
        }
    }

    /// A step of an animation from `self` towards `target`: `t` in 0..=1.
    /// The span moves geometrically, so zooming by a factor of a million
    /// looks as smooth as zooming by two.
    pub fn lerp(&self, target: &TimeWindow, t: f64) -> TimeWindow {
        let t = t.clamp(0.0, 1.0);
        let (s0, s1) = (self.span_days(), target.span_days());
        let span = s0 * (s1 / s0).powf(t);
        // The centre moves so that it arrives together with the span: its
        // progress follows how far the zoom has come, in pixels.
        let progress = if (s1 - s0).abs() < 1e-12 * s0.max(s1) {
            t
        } else {
            ((span - s0) / (s1 - s0)).clamp(0.0, 1.0)
        };
        let centre = self.centre_days() + (target.centre_days() - self.centre_days()) * progress;
        TimeWindow {
            start_days: centre - span / 2.0,
            end_days: centre + span / 2.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    #[test]
    fn zoom_keeps_the_anchor_and_respects_limits() {
        let w = TimeWindow {
            start_days: 0.0,
            end_days: 1000.0,
        };
        let z = w.zoomed(2.0, 250.0);
        assert!((z.span_days() - 500.0).abs() < 1e-9);
        assert!((z.days_at(w.x_pt(250.0, 800.0), 800.0) - 250.0).abs() < 1e-6);
        let tiny = w.zoomed(1e12, 10.0);
        assert!((tiny.span_days() - MIN_SPAN_DAYS).abs() < 1e-12);
        let huge = w.zoomed(1e-30, 10.0);
        assert!(huge.span_days() <= MAX_SPAN_DAYS);
        let p = w.panned(80.0, 800.0);
        assert!((p.start_days - 100.0).abs() < 1e-9);
        // In deep time the narrowest window is wider, but still far below a
        // year per pixel.
        let big_bang = Date::year(-13_800_000_000).unwrap().axis_days();
        let deep = TimeWindow {
            start_days: big_bang,
            end_days: big_bang + 1e9,
        }
        .zoomed(1e12, big_bang);
        assert!(deep.span_days() >= big_bang.abs() * 1e-10 * 0.999);
        assert!(deep.span_days() < 1000.0, "{deep:?}");
        let step = deep.days_at(1.0, 1600.0) - deep.days_at(0.0, 1600.0);
        assert!(step > 0.0 && step < 1.0);
    }

    #[test]
    fn animation_interpolates_span_geometrically_and_arrives() {
        let a = TimeWindow {
            start_days: 0.0,
            end_days: 1_000_000.0,
        };
        let b = TimeWindow {
            start_days: 500.0,
            end_days: 501.0,
        };
        assert_eq!(a.lerp(&b, 0.0), a);
        let end = a.lerp(&b, 1.0);
        assert!((end.start_days - 500.0).abs() < 1e-6 && (end.end_days - 501.0).abs() < 1e-6);
        let mid = a.lerp(&b, 0.5);
        assert!((mid.span_days() - 1000.0).abs() < 1e-6, "{mid:?}");
    }
}
