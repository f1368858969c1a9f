//! The event table: the filtered events in rows (date, title, actors,
//! category, certainty), sortable by column, virtualised so that a million
//! rows scroll smoothly, and in step with the canvas.

use egui::{Align, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::layout::metrics;
use crate::model::Timeline;
use crate::query::{SortColumn, actor_names};
use crate::state::{Command, EventRef};

/// The table. `reveal_row` scrolls that row into view.
pub fn event_table_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    order: &[usize],
    sort: (SortColumn, bool),
    selected: Option<usize>,
    reveal_row: Option<usize>,
    commands: &mut Vec<Command>,
) {
    // Cells are not selectable text, so a click anywhere in a row selects it.
    ui.style_mut().interaction.selectable_labels = false;
    let mut table = TableBuilder::new(ui)
        .id_salt("events")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(Align::Center))
        .column(Column::initial(120.0).at_least(70.0))
        .column(Column::initial(420.0).at_least(120.0).clip(true))
        .column(Column::initial(260.0).at_least(80.0).clip(true))
        .column(Column::initial(130.0).at_least(60.0).clip(true))
        .column(Column::remainder().at_least(80.0))
        .min_scrolled_height(0.0)
        .max_scroll_height(f32::INFINITY)
        // The table keeps the panel's height when a filter leaves few rows
        // (the panel would shrink to them, and stay so).
        .auto_shrink([false, false]);
    if let Some(row) = reveal_row {
        table = table.scroll_to_row(row, Some(Align::Center));
    }
    table
        .header(metrics::TABLE_ROW_PT, |mut header| {
            for column in SortColumn::ALL {
                header.col(|ui| {
                    let text = RichText::new(column.label()).strong();
                    if ui
                        .add(egui::Button::new(text).frame(false))
                        .on_hover_text(format!("Sort by {}", column.label().to_lowercase()))
                        .clicked()
                    {
                        commands.push(Command::SortTable(column));
                    }
                    if sort.0 == column {
                        sort_arrow_ui(ui, sort.1);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(metrics::TABLE_ROW_PT, order.len(), |mut row| {
                let e = order[row.index()];
                let ev = &timeline.events[e];
                row.set_selected(selected == Some(e));
                row.col(|ui| {
                    ui.label(ev.start.compact());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(&ev.title).truncate());
                });
                row.col(|ui| {
                    ui.add(egui::Label::new(actor_names(timeline, e)).truncate());
                });
                row.col(|ui| {
                    let name = timeline
                        .category(&ev.category)
                        .map_or(ev.category.as_str(), |c| c.name.as_str());
                    ui.add(egui::Label::new(name).truncate());
                });
                row.col(|ui| {
                    ui.label(ev.certainty.label());
                });
                if row.response().clicked() {
                    commands.push(Command::Select(Some(EventRef::at(&ev.id, e))));
                }
            });
        });
}

/// A small triangle: up for ascending, down for descending.
fn sort_arrow_ui(ui: &mut egui::Ui, ascending: bool) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    let c = rect.center();
    let (tip, base) = if ascending { (-4.0, 3.0) } else { (4.0, -3.0) };
    ui.painter().add(egui::Shape::convex_polygon(
        vec![
            c + egui::vec2(0.0, tip),
            c + egui::vec2(4.0, base),
            c + egui::vec2(-4.0, base),
        ],
        ui.visuals().strong_text_color(),
        egui::Stroke::NONE,
    ));
}
