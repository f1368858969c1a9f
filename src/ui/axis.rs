//! The time axis under the lanes, and what the axis draws through them:
//! era bands, breaks and the ticks' grid lines. Shared by the event lanes
//! and the relations lanes.

use egui::{CornerRadius, FontId, Pos2, Rect, Sense, Shape, Stroke};

use super::theme::Palette;
use crate::layout::{CanvasLayout, metrics};

/// Era bands and breaks, behind everything.
pub(super) fn paint_backdrop(
    painter: &egui::Painter,
    l: &CanvasLayout,
    content: Rect,
    visible: Rect,
    palette: &Palette,
) {
    let x = |x_pt: f32| content.min.x + x_pt;
    for (i, era) in l.eras.iter().enumerate() {
        let band = Rect::from_x_y_ranges(x(era.x0_pt)..=x(era.x1_pt), visible.y_range());
        let fill = if i % 2 == 0 {
            palette.era_a
        } else {
            palette.era_b
        };
        painter.rect_filled(band, CornerRadius::ZERO, fill);
    }
    // Breaks: long stretches without events, drawn narrower.
    for b in &l.breaks {
        paint_break(painter, x(b.x0_pt), x(b.x1_pt), visible.y_range(), palette);
    }
}

/// The ticks' lines through the lanes.
pub(super) fn paint_grid(
    painter: &egui::Painter,
    l: &CanvasLayout,
    content: Rect,
    visible: Rect,
    palette: &Palette,
) {
    let x = |x_pt: f32| content.min.x + x_pt;
    for &tx in &l.minor_tick_x_pt {
        painter.vline(
            x(tx),
            visible.y_range(),
            Stroke::new(1.0, palette.grid_minor),
        );
    }
    for &tx in &l.tick_x_pt {
        painter.vline(
            x(tx),
            visible.y_range(),
            Stroke::new(1.0, palette.grid_line),
        );
    }
}

/// A break across the lanes: a darker band between two zigzag edges.
pub(super) fn paint_break(
    painter: &egui::Painter,
    x0: f32,
    x1: f32,
    y: egui::Rangef,
    palette: &Palette,
) {
    let band = Rect::from_x_y_ranges(x0..=x1.max(x0 + 1.0), y);
    painter.rect_filled(band, CornerRadius::ZERO, palette.break_bg);
    let stroke = Stroke::new(1.0, palette.break_line);
    for edge in [x0, x1] {
        let steps = ((y.max - y.min) / 6.0).ceil().max(1.0) as usize;
        let points: Vec<Pos2> = (0..=steps)
            .map(|i| {
                let dx = if i % 2 == 0 { -2.0 } else { 2.0 };
                Pos2::new(edge + dx, (y.min + i as f32 * 6.0).min(y.max))
            })
            .collect();
        painter.add(Shape::line(points, stroke));
    }
}

pub(super) fn paint_axis(ui: &egui::Ui, l: &CanvasLayout, rect: Rect, palette: &Palette) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, palette.axis_bg);
    painter.hline(
        rect.x_range(),
        rect.min.y,
        Stroke::new(1.0, palette.axis_line),
    );
    // The axis line is interrupted at a break, marked "//", the length of
    // what it leaves out written under it when it fits.
    for (i, b) in l.breaks.iter().enumerate() {
        let (x0, x1) = (rect.min.x + b.x0_pt, rect.min.x + b.x1_pt);
        paint_break(&painter, x0, x1, rect.y_range(), palette);
        let mid = (x0 + x1) / 2.0;
        let stroke = Stroke::new(1.5, palette.axis_line);
        for dx in [-3.0, 3.0] {
            painter.line_segment(
                // Across the axis line only, above the tick labels.
                [
                    Pos2::new(mid + dx - 2.0, rect.min.y + 3.0),
                    Pos2::new(mid + dx + 2.0, rect.min.y - 3.0),
                ],
                stroke,
            );
        }
        let text = crate::layout::breaks::length_text(b.to_days - b.from_days);
        let galley = painter.layout_no_wrap(
            text,
            FontId::proportional(metrics::TICK_FONT_PT - 1.0),
            palette.tick_text,
        );
        // Only where no tick's label (written right of its tick) runs
        // into it.
        let (left, right) = (mid - galley.size().x / 2.0, mid + galley.size().x / 2.0);
        let tick_in_the_way = l.ticks.iter().zip(&l.tick_x_pt).any(|(t, &tx)| {
            let tx = rect.min.x + tx;
            let width = painter
                .layout_no_wrap(
                    t.label.clone(),
                    FontId::proportional(metrics::TICK_FONT_PT),
                    palette.tick_text,
                )
                .size()
                .x;
            tx + 3.0 < right + 2.0 && tx + 3.0 + width > left - 2.0
        });
        if galley.size().x + 4.0 <= x1 - x0 && !tick_in_the_way {
            let pos = Pos2::new(left, rect.min.y + metrics::TICK_LENGTH_PT + 3.0);
            painter.galley(pos, galley, palette.tick_text);
        }
        let area = Rect::from_x_y_ranges(x0..=x1.max(x0 + 6.0), rect.y_range());
        ui.interact(area, ui.scope_id().with(("axis-break", i)), Sense::hover())
            .on_hover_text(crate::layout::breaks::break_text(b.from_days, b.to_days));
    }
    for &x in &l.minor_tick_x_pt {
        painter.vline(
            rect.min.x + x,
            rect.min.y..=rect.min.y + metrics::TICK_LENGTH_PT * 0.6,
            Stroke::new(1.0, palette.axis_line),
        );
    }
    // At hour zoom the day, at the left, before the times; tick labels it
    // would cover are left out.
    let mut labels_from_x = rect.min.x;
    if let Some(context) = &l.axis_context {
        let galley = painter.layout_no_wrap(
            context.clone(),
            FontId::proportional(metrics::TICK_FONT_PT),
            palette.tick_text,
        );
        let pos = Pos2::new(rect.min.x + 4.0, rect.min.y + metrics::TICK_LENGTH_PT + 1.0);
        let bg = Rect::from_min_size(
            pos - egui::vec2(2.0, 0.0),
            galley.size() + egui::vec2(8.0, 0.0),
        );
        painter.rect_filled(bg, CornerRadius::same(2), palette.axis_bg);
        labels_from_x = bg.max.x + 4.0;
        painter.galley(pos, galley, palette.tick_text);
    }
    for (tick, &x) in l.ticks.iter().zip(&l.tick_x_pt) {
        let x = rect.min.x + x;
        painter.vline(
            x,
            rect.min.y..=rect.min.y + metrics::TICK_LENGTH_PT,
            Stroke::new(1.0, palette.axis_line),
        );
        let galley = painter.layout_no_wrap(
            tick.label.clone(),
            FontId::proportional(metrics::TICK_FONT_PT),
            palette.tick_text,
        );
        // A label that would be cut by the right edge is left out.
        if x + 3.0 + galley.size().x <= rect.max.x && x >= labels_from_x {
            painter.galley(
                Pos2::new(x + 3.0, rect.min.y + metrics::TICK_LENGTH_PT + 1.0),
                galley,
                palette.tick_text,
            );
        }
    }
}
