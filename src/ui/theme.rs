//! Colours and sizes used by the UI, in one place.

use egui::{Color32, Visuals};

use crate::model::Certainty;

/// Sizes, in points.
pub const AXIS_HEIGHT_PX: f32 = 28.0;
pub const ROW_HEIGHT_PX: f32 = 26.0;
pub const MARKER_RADIUS_PX: f32 = 5.0;
pub const BAR_HEIGHT_PX: f32 = 10.0;
pub const TICK_MIN_SPACING_PX: f32 = 90.0;
pub const LABEL_GAP_PX: f32 = 6.0;
pub const CANVAS_MARGIN_PX: f32 = 40.0;
pub const FILTER_PANEL_WIDTH_PX: f32 = 290.0;
pub const TABLE_PANEL_HEIGHT_PX: f32 = 230.0;
pub const TABLE_PANEL_MIN_PX: f32 = 90.0;
pub const TABLE_ROW_PX: f32 = 22.0;
pub const LIST_PANEL_MIN_PX: f32 = 200.0;
pub const DETAIL_PANEL_WIDTH_PX: f32 = 380.0;
pub const DETAIL_PANEL_MIN_PX: f32 = 240.0;
pub const PLOT_TOP_MARGIN_PX: f32 = 12.0;
pub const TICK_LENGTH_PX: f32 = 5.0;
pub const LABEL_FONT_PX: f32 = 13.0;
pub const TICK_FONT_PX: f32 = 12.0;
/// Event labels longer than this are truncated with an ellipsis.
pub const MAX_LABEL_PX: f32 = 260.0;
/// Labels narrower than this are moved to the other side of their mark or
/// dropped.
pub const MIN_LABEL_PX: f32 = 60.0;
/// Rows a lane stacks its events into when lanes share the height.
pub const MAX_ROWS_PER_LANE: usize = 6;
/// Rows the one-track grouping stacks overlapping events into.
pub const MAX_ROWS_SINGLE_TRACK: usize = 16;
pub const LANE_HEADER_PX: f32 = 20.0;
pub const LANE_GAP_PX: f32 = 6.0;
/// A lane with more visible events than `width / MIN_ITEM_SPACING_PX` is
/// drawn as density bins instead of one mark per event.
pub const MIN_ITEM_SPACING_PX: f32 = 6.0;
/// Width of one density bin.
pub const CLUSTER_BIN_PX: f32 = 8.0;
pub const MINIMAP_HEIGHT_PX: f32 = 34.0;
pub const LEGEND_HEIGHT_PX: f32 = 24.0;
/// The strip under the lanes where era names are written.
pub const ERA_STRIP_PX: f32 = 18.0;
/// The window's zoom while presenting, at a 1080-pixel-high window: 13 pt
/// labels become 24 px.
pub const PRESENT_ZOOM_AT_1080P: f32 = 1.85;
/// How long animated view changes take, in seconds.
pub const ANIMATION_S: f64 = 0.35;
/// The unsaved-changes dot after the title.
pub const MODIFIED_DOT_PX: f32 = 9.0;
/// Date fields in the event form (wide enough for their hint).
pub const DATE_FIELD_WIDTH_PX: f32 = 280.0;

/// Colours for one light/dark mode.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub canvas_bg: Color32,
    pub axis_line: Color32,
    pub grid_line: Color32,
    pub tick_text: Color32,
    pub label_text: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub discrepancy: Color32,
    pub discrepancy_bg: Color32,
    pub error_bg: Color32,
    pub error_text: Color32,
    pub grid_minor: Color32,
    pub axis_bg: Color32,
    pub lane_alt: Color32,
    pub lane_header_bg: Color32,
    pub lane_header_text: Color32,
    pub era_a: Color32,
    pub era_b: Color32,
    pub era_text: Color32,
    pub cluster: Color32,
    pub cluster_text: Color32,
    pub minimap_bg: Color32,
    pub minimap_bar: Color32,
    pub minimap_window: Color32,
    pub legend_bg: Color32,
}

impl Palette {
    pub fn for_visuals(visuals: &Visuals) -> Self {
        if visuals.dark_mode {
            Self {
                canvas_bg: Color32::from_rgb(24, 26, 30),
                axis_line: Color32::from_gray(150),
                grid_line: Color32::from_gray(48),
                tick_text: Color32::from_gray(185),
                label_text: Color32::from_gray(225),
                selection: Color32::from_rgb(255, 200, 60),
                hover: Color32::from_gray(255),
                discrepancy: Color32::from_rgb(255, 140, 60),
                discrepancy_bg: Color32::from_rgb(70, 42, 18),
                error_bg: Color32::from_rgb(90, 24, 24),
                error_text: Color32::from_rgb(255, 215, 215),
                grid_minor: Color32::from_gray(36),
                axis_bg: Color32::from_rgb(30, 32, 37),
                lane_alt: Color32::from_rgba_unmultiplied(255, 255, 255, 6),
                lane_header_bg: Color32::from_rgba_unmultiplied(40, 44, 52, 230),
                lane_header_text: Color32::from_gray(200),
                era_a: Color32::from_rgba_unmultiplied(120, 140, 200, 18),
                era_b: Color32::from_rgba_unmultiplied(200, 160, 120, 18),
                era_text: Color32::from_gray(140),
                cluster: Color32::from_rgb(120, 130, 150),
                cluster_text: Color32::from_gray(15),
                minimap_bg: Color32::from_rgb(34, 36, 42),
                minimap_bar: Color32::from_rgb(110, 125, 150),
                minimap_window: Color32::from_rgba_unmultiplied(255, 200, 60, 40),
                legend_bg: Color32::from_rgba_unmultiplied(30, 32, 38, 235),
            }
        } else {
            Self {
                canvas_bg: Color32::from_rgb(250, 250, 248),
                axis_line: Color32::from_gray(90),
                grid_line: Color32::from_gray(222),
                tick_text: Color32::from_gray(70),
                label_text: Color32::from_gray(25),
                selection: Color32::from_rgb(214, 120, 0),
                hover: Color32::from_gray(0),
                discrepancy: Color32::from_rgb(200, 80, 0),
                discrepancy_bg: Color32::from_rgb(255, 236, 214),
                error_bg: Color32::from_rgb(255, 226, 226),
                error_text: Color32::from_rgb(120, 0, 0),
                grid_minor: Color32::from_gray(236),
                axis_bg: Color32::from_rgb(242, 242, 238),
                lane_alt: Color32::from_rgba_unmultiplied(0, 0, 0, 8),
                lane_header_bg: Color32::from_rgba_unmultiplied(235, 236, 240, 235),
                lane_header_text: Color32::from_gray(50),
                era_a: Color32::from_rgba_unmultiplied(90, 110, 190, 22),
                era_b: Color32::from_rgba_unmultiplied(190, 140, 80, 22),
                era_text: Color32::from_gray(110),
                cluster: Color32::from_rgb(120, 128, 145),
                cluster_text: Color32::from_gray(250),
                minimap_bg: Color32::from_rgb(232, 232, 228),
                minimap_bar: Color32::from_rgb(120, 135, 160),
                minimap_window: Color32::from_rgba_unmultiplied(214, 120, 0, 40),
                legend_bg: Color32::from_rgba_unmultiplied(252, 252, 250, 240),
            }
        }
    }
}

/// Category colours, from the Okabe–Ito palette (distinct for colour-blind
/// viewers), chosen by the category's position in the timeline's list.
pub fn category_color(index: usize) -> Color32 {
    const OKABE_ITO: [Color32; 7] = [
        Color32::from_rgb(0, 114, 178),   // blue
        Color32::from_rgb(213, 94, 0),    // vermillion
        Color32::from_rgb(0, 158, 115),   // bluish green
        Color32::from_rgb(204, 121, 167), // reddish purple
        Color32::from_rgb(86, 180, 233),  // sky blue
        Color32::from_rgb(230, 159, 0),   // orange
        Color32::from_rgb(240, 228, 66),  // yellow
    ];
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// A colour key for actor `index` (its position in the timeline's list):
/// the Okabe–Ito colours, then the same hues lighter and darker.
pub fn actor_color(index: usize) -> Color32 {
    let base = category_color(index % 7);
    let mix =
        |c: u8, toward: u8, t: f32| (f32::from(c) + (f32::from(toward) - f32::from(c)) * t) as u8;
    match (index / 7) % 3 {
        0 => base,
        1 => Color32::from_rgb(
            mix(base.r(), 0, 0.4),
            mix(base.g(), 0, 0.4),
            mix(base.b(), 0, 0.4),
        ),
        _ => Color32::from_rgb(
            mix(base.r(), 255, 0.3),
            mix(base.g(), 255, 0.3),
            mix(base.b(), 255, 0.3),
        ),
    }
}

/// Whether events of this certainty are drawn hollow with a dashed outline
/// instead of filled.
pub fn is_uncertain(certainty: Certainty) -> bool {
    matches!(certainty, Certainty::Reported | Certainty::Contested)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// Deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1.0),
    /// in linear RGB.
    fn deuteranopia(rgb: [f64; 3]) -> [f64; 3] {
        const M: [[f64; 3]; 3] = [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ];
        let mut out = [0.0; 3];
        for (i, row) in M.iter().enumerate() {
            out[i] = (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0);
        }
        out
    }

    /// CIE L*a*b* (D65) of a linear RGB colour.
    fn lab(rgb: [f64; 3]) -> [f64; 3] {
        let x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
        let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        let z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// The category colours (what the canvas colours events by) stay
    /// distinct for deuteranopes: every pair at least ΔE 15 apart, as seen.
    #[test]
    fn category_colours_stay_distinct_under_deuteranopia() {
        let seen: Vec<[f64; 3]> = (0..7)
            .map(|i| {
                let c = category_color(i);
                lab(deuteranopia([
                    to_linear(c.r()),
                    to_linear(c.g()),
                    to_linear(c.b()),
                ]))
            })
            .collect();
        let mut worst = f64::MAX;
        for i in 0..seen.len() {
            for j in i + 1..seen.len() {
                worst = worst.min(delta_e(seen[i], seen[j]));
                assert!(
                    delta_e(seen[i], seen[j]) >= 15.0,
                    "colours {i} and {j}: ΔE {:.1}",
                    delta_e(seen[i], seen[j])
                );
            }
        }
        assert!(worst < 200.0);
    }

    /// Actor colour keys as a deuteranope sees them: the first seven are the
    /// category colours; with more actors, hues repeat lighter and darker,
    /// and every pair of the first 21 still differs by at least ΔE 8.
    #[test]
    fn actor_colours_stay_apart_under_deuteranopia() {
        let seen: Vec<[f64; 3]> = (0..21)
            .map(|i| {
                let c = actor_color(i);
                lab(deuteranopia([
                    to_linear(c.r()),
                    to_linear(c.g()),
                    to_linear(c.b()),
                ]))
            })
            .collect();
        for i in 0..7 {
            assert_eq!(actor_color(i), category_color(i));
        }
        for i in 0..seen.len() {
            for j in i + 1..seen.len() {
                let d = delta_e(seen[i], seen[j]);
                assert!(d >= 8.0, "actor colours {i} and {j}: ΔE {d:.1}");
            }
        }
    }
}
