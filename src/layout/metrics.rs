//! Sizes of the window and the canvas, in points (`_pt`: egui's logical
//! pixels, 1/96 inch at zoom 1; the handout draws in the same unit), and
//! durations in seconds (`_s`).

pub const AXIS_HEIGHT_PT: f32 = 28.0;
pub const ROW_HEIGHT_PT: f32 = 26.0;
/// A row when labels may wrap onto two lines.
pub const ROW_HEIGHT_TWO_LINES_PT: f32 = 42.0;
/// A wrapped label's lines are about half the title, plus this for where
/// the words break.
pub const WRAP_SLACK_PT: f32 = 24.0;
pub const MARKER_RADIUS_PT: f32 = 5.0;
pub const BAR_HEIGHT_PT: f32 = 10.0;
pub const TICK_MIN_SPACING_PT: f32 = 90.0;
pub const LABEL_GAP_PT: f32 = 6.0;
pub const FILTER_PANEL_WIDTH_PT: f32 = 290.0;
pub const TABLE_PANEL_HEIGHT_PT: f32 = 230.0;
pub const TABLE_PANEL_MIN_PT: f32 = 90.0;
pub const TABLE_ROW_PT: f32 = 22.0;
pub const LIST_PANEL_MIN_PT: f32 = 200.0;
pub const DETAIL_PANEL_WIDTH_PT: f32 = 380.0;
pub const DETAIL_PANEL_MIN_PT: f32 = 240.0;
pub const TICK_LENGTH_PT: f32 = 5.0;
pub const LABEL_FONT_PT: f32 = 13.0;
pub const TICK_FONT_PT: f32 = 12.0;
/// Event labels longer than this are truncated with an ellipsis.
pub const MAX_LABEL_PT: f32 = 260.0;
/// Labels narrower than this are moved to the other side of their mark or
/// dropped.
pub const MIN_LABEL_PT: f32 = 60.0;
/// Rows a lane stacks its events into when lanes share the height.
pub const MAX_ROWS_PER_LANE: usize = 6;
/// Rows the one-track grouping stacks overlapping events into.
pub const MAX_ROWS_SINGLE_TRACK: usize = 16;
pub const LANE_HEADER_PT: f32 = 20.0;
pub const LANE_GAP_PT: f32 = 6.0;
/// A lane with more visible events than `width / MIN_ITEM_SPACING_PT` is
/// drawn as density bins instead of one mark per event.
pub const MIN_ITEM_SPACING_PT: f32 = 6.0;
/// Width of one density bin.
pub const CLUSTER_BIN_PT: f32 = 8.0;
pub const MINIMAP_HEIGHT_PT: f32 = 34.0;
pub const LEGEND_HEIGHT_PT: f32 = 24.0;
/// The strip under the lanes where era names are written.
pub const ERA_STRIP_PT: f32 = 18.0;
/// The window's zoom while presenting, at a 1080-pixel-high window: 13 pt
/// labels become 24 physical pixels.
pub const PRESENT_ZOOM_AT_1080P: f32 = 1.85;
/// How long animated view changes take.
pub const ANIMATION_S: f64 = 0.35;
/// The unsaved-changes dot after the title.
pub const MODIFIED_DOT_PT: f32 = 9.0;
/// Date fields in the event form (wide enough for their hint).
pub const DATE_FIELD_WIDTH_PT: f32 = 280.0;
