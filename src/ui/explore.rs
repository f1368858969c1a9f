//! The exploring layout around the canvas: the filters on the left, the
//! event table below, the detail of the selected event on the right.

use egui::Panel;

use super::event_table::event_table_ui;
use super::filter_panel::{FilterPanelInput, filter_panel_ui};
use super::panels::{detail_ui, relation_detail_ui};
use super::shortcuts::{keys_text, shortcut_text};
use crate::layout::metrics;
use crate::state::{Action, AppState, Command};

pub fn explore_panels_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    reveal: bool,
    focus_search: bool,
    commands: &mut Vec<Command>,
) {
    Panel::left("filters")
        .resizable(true)
        .default_size(metrics::FILTER_PANEL_WIDTH_PT)
        .min_size(metrics::LIST_PANEL_MIN_PT)
        .show(ui, |ui| {
            let shortcut = shortcut_text(ui.ctx(), Action::Find);
            let input = FilterPanelInput::of(state, focus_search, shortcut);
            filter_panel_ui(ui, &input, commands);
        });
    // The details first: they take the full height beside the canvas and
    // the table, so what the article says stays in view.
    if let Some(i) = state.selected() {
        // A third of a small window at most, so that the canvas keeps room.
        let default_pt = metrics::DETAIL_PANEL_WIDTH_PT
            .min(ui.available_width() * 0.3)
            .max(metrics::DETAIL_PANEL_MIN_PT);
        Panel::right("detail")
            .resizable(true)
            .default_size(default_pt)
            .min_size(metrics::DETAIL_PANEL_MIN_PT)
            .show(ui, |ui| {
                ui.add_space(4.0);
                let ctx = ui.ctx().clone();
                let key = |a| keys_text(&ctx, a);
                if ui
                    .small_button("Close")
                    .on_hover_text(format!(
                        "Clear the selection ({})",
                        key(Action::ClearSelection)
                    ))
                    .clicked()
                {
                    commands.push(Command::Select(None));
                }
                let event = state.event_ref(i);
                ui.horizontal(|ui| {
                    if ui
                        .small_button("Edit…")
                        .on_hover_text(format!("Edit this event ({})", key(Action::EditSelected)))
                        .clicked()
                    {
                        commands.push(Command::EditEvent(event.clone()));
                    }
                    if ui
                        .small_button("Duplicate")
                        .on_hover_text(format!(
                            "Add a copy of this event ({})",
                            key(Action::DuplicateSelected)
                        ))
                        .clicked()
                    {
                        commands.push(Command::DuplicateEvent(event.clone()));
                    }
                    if ui
                        .small_button("Delete")
                        .on_hover_text(format!(
                            "Delete this event ({}); {} brings it back",
                            key(Action::DeleteSelected),
                            shortcut_text(&ctx, Action::Undo)
                        ))
                        .clicked()
                    {
                        commands.push(Command::DeleteEvent(event.clone()));
                    }
                });
                detail_ui(
                    ui,
                    state.timeline(),
                    i,
                    state.path().and_then(std::path::Path::parent),
                    commands,
                );
            });
    } else if let Some(r) = state.selected_relation() {
        let default_pt = metrics::DETAIL_PANEL_WIDTH_PT
            .min(ui.available_width() * 0.3)
            .max(metrics::DETAIL_PANEL_MIN_PT);
        Panel::right("relation-detail")
            .resizable(true)
            .default_size(default_pt)
            .min_size(metrics::DETAIL_PANEL_MIN_PT)
            .show(ui, |ui| {
                ui.add_space(4.0);
                if ui
                    .small_button("Close")
                    .on_hover_text("Clear the selection")
                    .clicked()
                {
                    commands.push(Command::SelectRelation(None));
                }
                relation_detail_ui(ui, state.timeline(), state.relation_index(), r, commands);
            });
    }
    Panel::bottom("event-table")
        .resizable(true)
        .default_size(metrics::TABLE_PANEL_HEIGHT_PT)
        .min_size(metrics::TABLE_PANEL_MIN_PT)
        .show(ui, |ui| {
            let reveal_row = if reveal {
                state.selected().and_then(|s| state.table_row(s))
            } else {
                None
            };
            event_table_ui(
                ui,
                state.timeline(),
                state.table_order(),
                state.table_sort(),
                state.selected(),
                reveal_row,
                commands,
            );
        });
}
