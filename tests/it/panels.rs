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
    h.get_by_label("Showing 78 of 78 events");
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

#[test]
fn the_detail_panel_alone_asks_for_links_and_citations_by_command() {
    use timeline_explorer::ui::panels::detail_ui;
    let mut t = timeline_explorer::io::builtin_timeline().unwrap();
    let i = t
        .events
        .iter()
        .position(|e| e.id == "fall-of-assad")
        .unwrap();
    // A web link, and one that must never be handed to the system.
    t.events[i].sources[0].url = Some("https://example.org/report".into());
    t.events[i].sources.push(timeline_explorer::model::Source {
        title: "Local file".into(),
        publisher: None,
        url: Some("file:///etc/passwd".into()),
        date: None,
    });
    let first_source = t.events[i].sources[0].title.clone();
    let mut commands: Vec<Command> = Vec::new();
    let mut h = Harness::builder()
        .with_size([420.0, 1600.0])
        .build_ui(|ui| detail_ui(ui, &t, i, None, &mut commands));
    h.run();
    h.get_by_label("Copy citation").click();
    h.run();
    h.get_by_role_and_label(Role::Link, &first_source).click();
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Link, "Local file")
            .is_none(),
        "a file: address is not a link"
    );
    h.get_by_role_and_label(Role::Label, "Local file");
    drop(h);
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::CopyCitation(r) if r.id == "fall-of-assad")),
        "{commands:?}"
    );
    let links: Vec<&str> = commands
        .iter()
        .filter_map(|c| match c {
            Command::OpenLink(u) => Some(u.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(links, ["https://example.org/report"]);
}

#[test]
fn the_detail_panel_shows_coordinates_numbers_and_media_and_opens_only_web_links() {
    use timeline_explorer::model::{Coordinates, Media};
    use timeline_explorer::ui::panels::detail_ui;
    let mut t = timeline_explorer::io::builtin_timeline().unwrap();
    let ev = &mut t.events[0];
    ev.coordinates = Some(Coordinates {
        lat: 36.9882,
        lon: -66.8207,
    });
    ev.numbers = vec![("fatalities".into(), 1200.0), ("tone".into(), -2.5)];
    ev.display_date = Some("Spring that year".into());
    ev.media = Some(Box::new(Media {
        url: "pics/photo.jpg".into(),
        caption: Some("A photo".into()),
        thumbnail: Some("https://example.org/t.jpg".into()),
        ..Default::default()
    }));
    let dir = std::path::Path::new("/data/set");
    let mut commands: Vec<Command> = Vec::new();
    let mut h = Harness::builder()
        .with_size([500.0, 1400.0])
        .build_ui(|ui| {
            detail_ui(ui, &t, 0, Some(dir), &mut commands);
        });
    h.run();
    h.get_by_label("36.9882° N, 66.8207° W");
    h.get_by_label("Fatalities");
    h.get_by_label("1,200");
    h.get_by_label("-2.5");
    h.get_by_label("The source writes it: Spring that year");
    // The relative path is shown resolved against the file's folder.
    let shown = dir.join("pics/photo.jpg").display().to_string();
    h.get_by_label(&shown);
    assert!(h.query_by_role_and_label(Role::Link, "A photo").is_none());
    h.get_by_role_and_label(Role::Link, "Thumbnail").click();
    h.run();
    drop(h);
    let opened: Vec<&String> = commands
        .iter()
        .filter_map(|c| match c {
            Command::OpenLink(u) => Some(u),
            _ => None,
        })
        .collect();
    assert_eq!(opened, [&"https://example.org/t.jpg".to_string()]);
}
