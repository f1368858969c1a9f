//! The overview strip under the axis: the whole extent of the shown events
//! with a density profile and the current window; click or drag to move
//! there, Shift+drag to filter to a date range.

use egui::{CornerRadius, Pos2, Rect, Sense, Stroke, StrokeKind};

use super::canvas::CanvasInput;
use super::theme::Palette;
use crate::model::{Date, Precision};
use crate::state::Command;

/// The overview strip's density profile, recomputed only when the data or
/// the strip's width change.
#[derive(Clone, Debug, Default)]
pub struct MinimapCache {
    key: Option<(u64, usize, usize, usize)>,
    counts: Vec<usize>,
}

/// The overview strip: the whole extent with a density profile and the
/// current window; click or drag to move there.
pub(super) fn minimap_ui(
    ui: &mut egui::Ui,
    input: &CanvasInput<'_>,
    cache: &mut MinimapCache,
    rect: Rect,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    // Side panels can leave the canvas no width at all (a small window, a
    // projector's zoom): then there is no strip to draw.
    if rect.width() < 8.0 || rect.height() < 4.0 {
        return;
    }
    let response = ui.interact(rect, ui.scope_id().with("minimap"), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, palette.minimap_bg);
    let Some((from, to)) = input.all_extent_days else {
        return;
    };
    // The canvas's scale, breaks and all, over the whole timeline.
    let breaks = input.breaks;
    let w = rect.width().max(1.0);
    let whole = breaks.scale(&breaks.fit(from, to), w);
    let columns = (w / 2.0) as usize;
    // The shown events change with the data, the filter and a revealed step.
    let key = Some((
        input.data_generation,
        columns,
        input.index.len(),
        breaks.gaps().len(),
    ));
    if cache.key != key {
        let edges = breaks
            .scale(&breaks.fit(from, to), columns as f32 * 2.0)
            .bin_edges(columns);
        cache.counts = input.index.count_starting_between(&edges);
        cache.key = key;
    }
    let counts = &cache.counts;
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    let inner_h = rect.height() - 6.0;
    for (c, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let h = (1.0 + (n as f32).ln()) / (1.0 + max.ln()) * inner_h;
        let x0 = rect.min.x + c as f32 * 2.0;
        painter.rect_filled(
            Rect::from_min_max(
                Pos2::new(x0, rect.max.y - 3.0 - h),
                Pos2::new(x0 + 2.0, rect.max.y - 3.0),
            ),
            CornerRadius::ZERO,
            palette.minimap_bar,
        );
    }
    let x0 = rect.min.x + whole.x_pt(input.window.start_days);
    let x1 = rect.min.x + whole.x_pt(input.window.end_days);
    let view = Rect::from_x_y_ranges(
        x0.clamp(rect.min.x, rect.max.x - 3.0)
            ..=x1
                .clamp(rect.min.x + 3.0, rect.max.x)
                .max(x0.clamp(rect.min.x, rect.max.x - 3.0) + 3.0),
        rect.y_range(),
    );
    painter.rect_filled(view, CornerRadius::same(2), palette.minimap_window);
    painter.rect_stroke(
        view,
        CornerRadius::same(2),
        Stroke::new(1.5, palette.selection),
        StrokeKind::Inside,
    );
    // The query's date range, if any.
    if input.query.from.is_some() || input.query.to.is_some() {
        let a = input
            .query
            .from
            .map_or(rect.min.x, |d| rect.min.x + whole.x_pt(d.axis_days()));
        let b = input
            .query
            .to
            .map_or(rect.max.x, |d| rect.min.x + whole.x_pt(d.end_axis_days()));
        let band = Rect::from_x_y_ranges(
            a.max(rect.min.x)..=b.min(rect.max.x).max(a + 2.0),
            rect.min.y..=rect.min.y + 4.0,
        );
        painter.rect_filled(band, CornerRadius::ZERO, palette.selection);
    }
    // Shift+drag picks a date range for the filter; a plain click or drag
    // moves the view.
    let range_id = ui.scope_id().with("minimap-range");
    let shift = ui.input(|i| i.modifiers.shift);
    let pointer_days = response
        .interact_pointer_pos()
        .map(|p| whole.days_at((p.x - rect.min.x).clamp(0.0, w)));
    if shift && response.drag_started() {
        ui.data_mut(|d| d.insert_temp(range_id, pointer_days));
    }
    let range_start: Option<Option<f64>> = ui.data(|d| d.get_temp(range_id));
    if let (Some(Some(start)), Some(now)) = (range_start, pointer_days) {
        let (a, b) = (start.min(now), start.max(now));
        let band = Rect::from_x_y_ranges(
            rect.min.x + whole.x_pt(a)..=rect.min.x + whole.x_pt(b).max(whole.x_pt(a) + 1.0),
            rect.y_range(),
        );
        painter.rect_filled(band, CornerRadius::ZERO, palette.minimap_window);
        if response.drag_stopped() || !response.dragged() {
            ui.data_mut(|d| d.remove::<Option<f64>>(range_id));
            let precision = if b - a > 3.0 * 365.0 {
                Precision::Year
            } else {
                Precision::Day
            };
            let mut q = input.query.clone();
            q.from = Date::from_axis_days(a, precision);
            q.to = Date::from_axis_days(b, precision);
            commands.push(Command::SetQuery(q));
        }
    } else if let Some(days) = pointer_days
        && (response.dragged() || response.clicked())
    {
        commands.push(Command::SetWindow(breaks.centred_on(&input.window, days)));
    }
    response.on_hover_text(
        "Overview of the whole timeline: click or drag to move the view; Shift+drag to filter to a date range",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Side panels can leave the canvas no width (a small window, saved
    /// panel sizes, a projector's zoom): the strip is then not drawn, and
    /// nothing panics (it did: a clamp with its bounds crossed).
    #[test]
    fn a_strip_with_no_width_is_not_drawn() {
        let state = crate::state::AppState::with_timeline(crate::io::builtin_timeline().unwrap());
        let input = CanvasInput::of(&state, &[]);
        let ctx = egui::Context::default();
        let palette = super::super::theme::palette(&egui::Visuals::dark());
        for width in [0.0, 1.0, 2.9, 3.0, 5.0, 8.0, 40.0] {
            let mut cache = MinimapCache::default();
            let mut commands = Vec::new();
            let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
                let rect = Rect::from_min_size(Pos2::new(290.0, 500.0), egui::vec2(width, 34.0));
                minimap_ui(ui, &input, &mut cache, rect, palette, &mut commands);
            });
            output.textures_delta.clear();
            assert!(commands.is_empty());
        }
    }
}
