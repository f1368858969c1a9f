//! The time axis with the events on it: a plain view model
//! ([`CanvasLayout`]), computed from the data and the time window, then
//! painted. The view model is tested without pixels.

use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Vec2,
};
use serde::{Deserialize, Serialize};

use super::axis::{Tick, ticks};
use super::theme::{self, Palette};
use crate::app::Command;
use crate::model::{Certainty, DAYS_PER_YEAR, MAX_ABS_YEAR, Precision, Timeline};
use crate::query::TimeIndex;

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
        let span = (to_days - from_days).max(30.0);
        let mid = (from_days + to_days) / 2.0;
        let half = span * 1.08 / 2.0;
        Self {
            start_days: mid - half,
            end_days: mid + half,
        }
        .clamped()
    }

    pub fn span_days(&self) -> f64 {
        self.end_days - self.start_days
    }

    /// The canvas x (from its left edge) of a time position.
    pub fn x_px(&self, days: f64, width_px: f32) -> f32 {
        ((days - self.start_days) / self.span_days() * f64::from(width_px)) as f32
    }

    /// The time position at canvas x (from its left edge).
    pub fn days_at(&self, x_px: f32, width_px: f32) -> f64 {
        self.start_days + f64::from(x_px) / f64::from(width_px.max(1.0)) * self.span_days()
    }

    /// Zooms by `factor` (> 1 zooms in) keeping `anchor_days` where it is.
    pub fn zoomed(&self, factor: f64, anchor_days: f64) -> Self {
        if !(factor.is_finite() && factor > 0.0) {
            return *self;
        }
        let span = (self.span_days() / factor).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        let t = (anchor_days - self.start_days) / self.span_days();
        Self {
            start_days: anchor_days - t * span,
            end_days: anchor_days - t * span + span,
        }
        .clamped()
    }

    /// Moves the window by `dx_px` pixels of a canvas `width_px` wide
    /// (positive moves to later times).
    pub fn panned(&self, dx_px: f32, width_px: f32) -> Self {
        let shift = f64::from(dx_px) / f64::from(width_px.max(1.0)) * self.span_days();
        Self {
            start_days: self.start_days + shift,
            end_days: self.end_days + shift,
        }
        .clamped()
    }

    /// Keeps the span within limits and the window within representable time.
    pub fn clamped(self) -> Self {
        let limit = MAX_ABS_YEAR as f64 * DAYS_PER_YEAR * 0.5;
        let span = if self.span_days().is_finite() {
            self.span_days().clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS)
        } else {
            MAX_SPAN_DAYS
        };
        let mid = (self.start_days + self.end_days) / 2.0;
        let mid = if mid.is_finite() {
            mid.clamp(-limit, limit)
        } else {
            0.0
        };
        Self {
            start_days: mid - span / 2.0,
            end_days: mid + span / 2.0,
        }
    }
}

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

/// One event as laid out on the canvas.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasItem {
    /// Index into `Timeline::events`.
    pub event: usize,
    pub kind: MarkKind,
    /// Left and right edge of the mark, from the canvas's left edge.
    pub x0_px: f32,
    pub x1_px: f32,
    pub row: usize,
    /// The label, when there is room for it, and its width.
    pub label: Option<String>,
    pub label_width_px: f32,
    /// The label sits left of the mark (near the right edge of the canvas).
    pub label_left: bool,
    pub certainty: Certainty,
    pub category_index: usize,
    pub has_discrepancy: bool,
}

impl CanvasItem {
    /// Where the label starts.
    pub fn label_x_px(&self) -> f32 {
        if self.label_left {
            return self.x0_px
                - theme::MARKER_RADIUS_PX
                - theme::LABEL_GAP_PX
                - self.label_width_px;
        }
        match self.kind {
            MarkKind::Point => self.x0_px + theme::MARKER_RADIUS_PX + theme::LABEL_GAP_PX,
            MarkKind::FuzzyPoint | MarkKind::Period => self.x0_px + theme::LABEL_GAP_PX,
        }
    }

    /// The horizontal extent the item claims in its row (mark and label).
    fn claim_px(&self) -> (f32, f32) {
        let mark_left = match self.kind {
            MarkKind::Point => self.x0_px - theme::MARKER_RADIUS_PX,
            _ => self.x0_px,
        };
        let left = mark_left.min(self.label_x_px());
        let right = self
            .x1_px
            .max(left + 2.0 * theme::MARKER_RADIUS_PX)
            .max(self.label_x_px() + self.label_width_px);
        (left, right + theme::LABEL_GAP_PX * 2.0)
    }
}

/// Everything the canvas paints, in canvas coordinates.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasLayout {
    pub items: Vec<CanvasItem>,
    pub ticks: Vec<Tick>,
    /// Tick positions in px from the left edge, parallel to `ticks`.
    pub tick_x_px: Vec<f32>,
    pub rows: usize,
}

/// Labels narrower than this are moved to the other side of their mark.
const MIN_LABEL_PX: f32 = 120.0;

/// Measures text: returns its width in px. The UI passes a font-backed
/// measure; tests pass a fixed width per character.
pub type MeasureText<'a> = &'a dyn Fn(&str) -> f32;

/// Lays out the events visible in `window` on a canvas `width_px` wide with
/// room for `max_rows` rows. Labels that would overlap are dropped (an item
/// keeps its mark); long labels are limited to `max_label_px`.
pub fn layout(
    timeline: &Timeline,
    index: &TimeIndex,
    window: &TimeWindow,
    width_px: f32,
    max_rows: usize,
    max_label_px: f32,
    measure: MeasureText<'_>,
) -> CanvasLayout {
    let max_rows = max_rows.max(1);
    let ticks = ticks(
        window.start_days,
        window.end_days,
        f64::from(width_px),
        f64::from(theme::TICK_MIN_SPACING_PX),
    );
    let tick_x_px = ticks
        .iter()
        .map(|t| window.x_px(t.days, width_px))
        .collect();
    let mut row_ends: Vec<f32> = Vec::new();
    let mut items = Vec::new();
    for i in index.visible(window.start_days, window.end_days) {
        let ev = &timeline.events[i];
        let kind = if ev.is_period() {
            MarkKind::Period
        } else if ev.start.precision() <= Precision::Month {
            MarkKind::FuzzyPoint
        } else {
            MarkKind::Point
        };
        let x0_px = window.x_px(ev.start_days(), width_px);
        let x1_px = match kind {
            MarkKind::Point => x0_px,
            _ => window.x_px(ev.end_days(), width_px).max(x0_px + 2.0),
        };
        let category_index = timeline
            .categories
            .iter()
            .position(|c| c.id == ev.category)
            .unwrap_or(0);
        let mut item = CanvasItem {
            event: i,
            kind,
            x0_px,
            x1_px,
            row: 0,
            label: Some(ev.title.clone()),
            label_width_px: measure(&ev.title).min(max_label_px),
            label_left: false,
            certainty: ev.certainty,
            category_index,
            has_discrepancy: ev.has_discrepancy(),
        };
        // Near the right edge, the label goes left of the mark; either way it
        // is cut (with an ellipsis when painted) to stay on the canvas.
        let room_right = width_px - item.label_x_px();
        if room_right < item.label_width_px && room_right < MIN_LABEL_PX {
            item.label_left = true;
            let room_left = item.x0_px - theme::MARKER_RADIUS_PX - theme::LABEL_GAP_PX;
            item.label_width_px = item.label_width_px.min(room_left.max(0.0));
        } else {
            item.label_width_px = item.label_width_px.min(room_right.max(0.0));
        }
        let (left, right) = item.claim_px();
        if let Some(row) = row_ends.iter().position(|&end| end <= left) {
            item.row = row;
            row_ends[row] = right;
        } else if row_ends.len() < max_rows {
            item.row = row_ends.len();
            row_ends.push(right);
        } else {
            // No free row: keep the mark in the row that frees up first,
            // without a label, so nothing overlaps a label.
            let (row, _) = row_ends
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .unwrap_or((0, &0.0));
            item.row = row;
            item.label = None;
            item.label_width_px = 0.0;
            let (_, mark_right) = item.claim_px();
            row_ends[row] = row_ends[row].max(mark_right);
        }
        items.push(item);
    }
    CanvasLayout {
        items,
        ticks,
        tick_x_px,
        rows: row_ends.len(),
    }
}

/// The canvas: lays out, paints, and turns input into commands.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    index: &TimeIndex,
    window: &TimeWindow,
    selected: Option<usize>,
    commands: &mut Vec<Command>,
) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let palette = Palette::for_visuals(ui.visuals());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, palette.canvas_bg);

    let plot = Rect::from_min_max(
        rect.min + Vec2::new(0.0, 12.0),
        Pos2::new(rect.max.x, rect.max.y - theme::AXIS_HEIGHT_PX),
    );
    let width_px = plot.width().max(1.0);
    let max_rows = ((plot.height() - 8.0) / theme::ROW_HEIGHT_PX)
        .floor()
        .max(1.0) as usize;
    let label_font = FontId::proportional(13.0);
    let measure = |text: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_string(), label_font.clone(), Color32::WHITE))
            .size()
            .x
    };
    let layout = layout(timeline, index, window, width_px, max_rows, 260.0, &measure);

    // Grid and axis.
    let axis_y = plot.max.y;
    for (tick, x) in layout.ticks.iter().zip(&layout.tick_x_px) {
        let x = plot.min.x + x;
        painter.line_segment(
            [Pos2::new(x, plot.min.y), Pos2::new(x, axis_y)],
            Stroke::new(1.0, palette.grid_line),
        );
        painter.line_segment(
            [Pos2::new(x, axis_y), Pos2::new(x, axis_y + 5.0)],
            Stroke::new(1.0, palette.axis_line),
        );
        painter.text(
            Pos2::new(x + 3.0, axis_y + 6.0),
            Align2::LEFT_TOP,
            &tick.label,
            FontId::proportional(12.0),
            palette.tick_text,
        );
    }
    painter.line_segment(
        [Pos2::new(plot.min.x, axis_y), Pos2::new(plot.max.x, axis_y)],
        Stroke::new(1.0, palette.axis_line),
    );

    // Events.
    let pointer = response.hover_pos();
    let mut hovered: Option<usize> = None;
    for item in &layout.items {
        let y = plot.min.y + (item.row as f32 + 0.5) * theme::ROW_HEIGHT_PX;
        let color = theme::category_color(item.category_index);
        let is_selected = selected == Some(item.event);
        let mark_rect = match item.kind {
            MarkKind::Point => Rect::from_center_size(
                Pos2::new(plot.min.x + item.x0_px, y),
                Vec2::splat(2.0 * theme::MARKER_RADIUS_PX),
            ),
            MarkKind::FuzzyPoint | MarkKind::Period => Rect::from_min_max(
                Pos2::new(plot.min.x + item.x0_px, y - theme::BAR_HEIGHT_PX / 2.0),
                Pos2::new(plot.min.x + item.x1_px, y + theme::BAR_HEIGHT_PX / 2.0),
            ),
        };
        let label_rect = Rect::from_min_size(
            Pos2::new(plot.min.x + item.label_x_px(), y - 8.0),
            Vec2::new(item.label_width_px, 16.0),
        );
        if let Some(p) = pointer
            && (mark_rect.expand(3.0).contains(p) || label_rect.contains(p))
        {
            hovered = Some(item.event);
        }
        paint_mark(&painter, item, mark_rect, color, &palette);
        if is_selected || hovered == Some(item.event) {
            let outline = if is_selected {
                palette.selection
            } else {
                palette.hover
            };
            painter.rect_stroke(
                mark_rect.expand(3.0),
                CornerRadius::same(4),
                Stroke::new(2.0, outline),
                StrokeKind::Outside,
            );
        }
        if let Some(label) = &item.label {
            let galley = ui.fonts_mut(|f| {
                let mut job = egui::text::LayoutJob::simple_singleline(
                    label.clone(),
                    label_font.clone(),
                    palette.label_text,
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(item.label_width_px);
                f.layout_job(job)
            });
            painter.galley(
                Pos2::new(label_rect.min.x, y - galley.size().y / 2.0),
                galley,
                palette.label_text,
            );
        }
    }

    if let Some(i) = hovered {
        let ev = &timeline.events[i];
        let actors: Vec<&str> = ev.actors.iter().map(|a| timeline.actor_name(a)).collect();
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(&ev.title);
            ui.label(ev.date_display());
            ui.label(format!("{} · {}", ev.certainty.label(), actors.join(", ")));
            if ev.has_discrepancy() {
                ui.colored_label(
                    palette.discrepancy,
                    "Discrepancy: the article and the record differ",
                );
            }
        });
    }

    if response.clicked() {
        commands.push(Command::Select(hovered));
    }
    if response.double_clicked()
        && let Some(i) = hovered
    {
        let ev = &timeline.events[i];
        commands.push(Command::SetWindow(TimeWindow::fit(
            ev.start_days(),
            ev.end_days(),
        )));
    }
    navigation_input(ui, &response, window, plot, commands);
}

fn paint_mark(
    painter: &egui::Painter,
    item: &CanvasItem,
    rect: Rect,
    color: Color32,
    palette: &Palette,
) {
    let uncertain = theme::is_uncertain(item.certainty);
    match item.kind {
        MarkKind::Point => {
            let c = rect.center();
            let r = theme::MARKER_RADIUS_PX;
            if uncertain {
                painter.circle_stroke(c, r, Stroke::new(2.0, color));
            } else {
                painter.circle_filled(c, r, color);
            }
        }
        MarkKind::FuzzyPoint => {
            // A soft band over the whole year or month, fading at the edges.
            painter.rect_filled(rect, CornerRadius::same(5), color.gamma_multiply(0.35));
            painter.rect_filled(
                rect.shrink2(Vec2::new(rect.width() * 0.2, 1.5)),
                CornerRadius::same(4),
                color.gamma_multiply(0.45),
            );
        }
        MarkKind::Period => {
            if uncertain {
                painter.rect_filled(rect, CornerRadius::same(3), color.gamma_multiply(0.2));
                dashed_outline(painter, rect, Stroke::new(1.5, color));
            } else {
                let alpha = if item.certainty == Certainty::Approximate {
                    0.6
                } else {
                    1.0
                };
                painter.rect_filled(rect, CornerRadius::same(3), color.gamma_multiply(alpha));
            }
        }
    }
    if item.has_discrepancy {
        let tip = Pos2::new(rect.max.x + 1.0, rect.min.y - 2.0);
        painter.add(Shape::convex_polygon(
            vec![tip, tip + Vec2::new(6.0, 0.0), tip + Vec2::new(3.0, 5.0)],
            palette.discrepancy,
            Stroke::NONE,
        ));
    }
}

fn dashed_outline(painter: &egui::Painter, rect: Rect, stroke: Stroke) {
    let points = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.extend(Shape::dashed_line(&points, stroke, 4.0, 3.0));
}

/// Pan (drag, horizontal wheel) and zoom (Ctrl+wheel, pinch, +/-), fit (0,
/// Home).
fn navigation_input(
    ui: &egui::Ui,
    response: &egui::Response,
    window: &TimeWindow,
    plot: Rect,
    commands: &mut Vec<Command>,
) {
    let width_px = plot.width().max(1.0);
    let mut next = *window;
    if response.dragged() {
        next = next.panned(-response.drag_delta().x, width_px);
    }
    if response.hovered() {
        let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
        if zoom != 1.0 {
            let anchor_x = response
                .hover_pos()
                .map_or(width_px / 2.0, |p| p.x - plot.min.x);
            next = next.zoomed(f64::from(zoom), next.days_at(anchor_x, width_px));
        }
        let dx = if scroll.x != 0.0 { scroll.x } else { scroll.y };
        if dx != 0.0 {
            next = next.panned(-dx, width_px);
        }
    }
    let centre = next.days_at(width_px / 2.0, width_px);
    let (zoom_in, zoom_out, fit) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
            i.key_pressed(egui::Key::Minus),
            i.key_pressed(egui::Key::Num0) || i.key_pressed(egui::Key::Home),
        )
    });
    let typing = ui.ctx().egui_wants_keyboard_input();
    if !typing && zoom_in {
        next = next.zoomed(1.5, centre);
    }
    if !typing && zoom_out {
        next = next.zoomed(1.0 / 1.5, centre);
    }
    if !typing && fit {
        commands.push(Command::FitAll);
    } else if next != *window {
        commands.push(Command::SetWindow(next));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;

    fn seven_px_per_char(text: &str) -> f32 {
        text.chars().count() as f32 * 7.0
    }

    #[test]
    fn decade_window_places_events_in_order_without_label_overlap() {
        let t = builtin_timeline().unwrap();
        let idx = TimeIndex::new(&t);
        let window = TimeWindow::fit(
            "2015".parse::<crate::model::Date>().unwrap().axis_days(),
            "2026".parse::<crate::model::Date>().unwrap().axis_days(),
        );
        let l = layout(&t, &idx, &window, 1200.0, 12, 260.0, &seven_px_per_char);
        // Every event from 2015 on is laid out, the 1814 battle is not.
        let ids: Vec<&str> = l
            .items
            .iter()
            .map(|i| t.events[i.event].id.as_str())
            .collect();
        assert!(ids.contains(&"sharaa-moscow-visit"));
        assert!(ids.contains(&"russian-military-intervention"));
        assert!(!ids.contains(&"battle-of-paris-1814"));
        // Positions follow the dates.
        for pair in l.items.windows(2) {
            assert!(pair[0].x0_px <= pair[1].x0_px);
        }
        // No two labels in one row overlap.
        for a in &l.items {
            for b in &l.items {
                if a.event != b.event && a.row == b.row && a.label.is_some() && b.label.is_some() {
                    let (a0, a1) = a.claim_px();
                    let (b0, b1) = b.claim_px();
                    assert!(
                        a1 <= b0 || b1 <= a0,
                        "{} overlaps {}",
                        t.events[a.event].id,
                        t.events[b.event].id
                    );
                }
            }
        }
        assert!(l.rows <= 12);
        assert!(!l.ticks.is_empty());
    }

    #[test]
    fn marks_follow_precision_and_periods() {
        let t = builtin_timeline().unwrap();
        let idx = TimeIndex::new(&t);
        let window = TimeWindow::fit(-60_000.0, 21_000.0);
        let l = layout(&t, &idx, &window, 1600.0, 40, 260.0, &seven_px_per_char);
        let kind_of = |id: &str| {
            l.items
                .iter()
                .find(|i| t.events[i.event].id == id)
                .map(|i| i.kind)
        };
        assert_eq!(
            kind_of("russia-syria-intergovernmental-commission"),
            Some(MarkKind::FuzzyPoint)
        );
        assert_eq!(
            kind_of("syrian-civil-war-begins"),
            Some(MarkKind::FuzzyPoint)
        );
        assert_eq!(kind_of("astana-talks-first-round"), Some(MarkKind::Period));
        assert_eq!(kind_of("fall-of-assad"), Some(MarkKind::Point));
    }

    #[test]
    fn crowded_rows_drop_labels_not_marks() {
        let t = builtin_timeline().unwrap();
        let idx = TimeIndex::new(&t);
        let window = TimeWindow::fit(-60_000.0, 21_000.0);
        let l = layout(&t, &idx, &window, 600.0, 2, 260.0, &seven_px_per_char);
        assert_eq!(l.items.len(), t.events.len());
        assert!(l.rows <= 2);
        assert!(l.items.iter().any(|i| i.label.is_none()));
    }

    #[test]
    fn zoom_keeps_the_anchor_and_respects_limits() {
        let w = TimeWindow {
            start_days: 0.0,
            end_days: 1000.0,
        };
        let z = w.zoomed(2.0, 250.0);
        assert!((z.span_days() - 500.0).abs() < 1e-9);
        assert!((z.days_at(w.x_px(250.0, 800.0), 800.0) - 250.0).abs() < 1e-6);
        let tiny = w.zoomed(1e12, 10.0);
        assert!((tiny.span_days() - MIN_SPAN_DAYS).abs() < 1e-12);
        let huge = w.zoomed(1e-30, 10.0);
        assert!(huge.span_days() <= MAX_SPAN_DAYS);
        let p = w.panned(80.0, 800.0);
        assert!((p.start_days - 100.0).abs() < 1e-9);
    }
}
