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
pub const LIST_PANEL_WIDTH_PX: f32 = 330.0;
pub const DETAIL_PANEL_WIDTH_PX: f32 = 380.0;

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

/// Whether events of this certainty are drawn hollow with a dashed outline
/// instead of filled.
pub fn is_uncertain(certainty: Certainty) -> bool {
    matches!(certainty, Certainty::Reported | Certainty::Contested)
}
