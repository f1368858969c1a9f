//! Each panel alone: drawn from plain inputs, it returns the commands of
//! what the user did, and changes nothing itself.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::Command;
use timeline_explorer::query::SortColumn;
use timeline_explorer::state::AppState;
use timeline_explorer::ui::event_table::event_table_ui;
use timeline_explorer::ui::filter_panel::{FilterPanelInput, filter_panel_ui};

#[test]
fn the_filter_panel_alone_turns_typing_into_a_query_command() {
    let state = AppState::new();
    let mut commands: Vec<Command> = Vec::new();
    let mut h = Harness::new_ui(|ui| {
        let input = FilterPanelInput::of(&state, false, "Ctrl+F".into());
        filter_panel_ui(ui, &input, &mut commands);
    });
    h.run();
    h.get_by_label("Showing 32 of 32 events");
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.get_by_role_and_label(Role::TextInput, "Search")
        .type_text("Astana");
    h.run();
    drop(h);
    let texts: Vec<String> = commands
        .iter()
        .filter_map(|c| match c {
            Command::SetQuery(q) => Some(q.text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|t| t == "Astana"),
        "the panel asked for the query: {texts:?}"
    );
    assert!(state.query().is_empty(), "the state itself is untouched");
}

#[test]
fn the_event_table_alone_turns_clicks_into_selection_and_sorting() {
    let state = AppState::new();
    let mut commands: Vec<Command> = Vec::new();
    let mut h = Harness::builder()
        .with_size([1200.0, 600.0])
        .build_ui(|ui| {
            event_table_ui(
                ui,
                state.timeline(),
                state.table_order(),
                state.table_sort(),
                None,
                None,
                &mut commands,
            );
        });
    h.run();
    h.get_by_role_and_label(Role::Label, "Napoleon abdicates at Fontainebleau")
        .click();
    h.run();
    h.get_by_label("Certainty").click();
    h.run();
    drop(h);
    let selected: Vec<&str> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Select(Some(r)) => Some(r.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(selected, ["napoleon-abdication-1814"]);
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::SortTable(SortColumn::Certainty))),
        "{commands:?}"
    );
}
