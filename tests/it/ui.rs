//! UI tests through AccessKit (egui_kittest): no GPU needed.

use crate::harness::*;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use timeline_explorer::Command;

#[test]
fn selecting_an_event_in_the_list_shows_its_detail() {
    let mut h = harness(app());
    h.run();
    // The top bar shows the title and the event count.
    h.get_by_label("78 events");
    // Nothing is selected: no detail yet.
    assert!(
        h.query_by_label_contains("the Senate deposed Napoleon")
            .is_none()
    );

    // The title cell of its row in the event table (the canvas has a
    // button of the same name).
    h.get_by_role_and_label(Role::Label, "Napoleon abdicates at Fontainebleau")
        .click();
    h.run();

    let selected = h.state().selected().expect("an event is selected");
    assert_eq!(
        h.state().timeline().events[selected].id,
        "napoleon-abdication-1814"
    );
    // The detail panel: title, date at its precision, summary, claim,
    // discrepancy, sources.
    h.get_by_label("6 April 1814");
    h.get_by_label_contains("the Senate deposed Napoleon");
    h.get_by_label("What the article says");
    h.get_by_label("Discrepancy: the article and the record differ");
    h.get_by_label("Treaty of Fontainebleau (1814)");
    h.get_by_label_contains("Confirmed: Established by independent records");
}

#[test]
fn discrepancy_is_shown_for_astana() {
    let mut app = app();
    app.apply(Command::Select(Some("astana-talks-first-round".into())));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Discrepancy: the article and the record differ");
    h.get_by_label_contains("The first round met on 23–24 January 2017");
    h.get_by_label("23 January 2017 – 24 January 2017");
}

#[test]
fn arrow_keys_step_through_events_in_date_order() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let first = h.state().selected().unwrap();
    assert_eq!(
        h.state().timeline().events[first].id,
        "treaty-of-tilsit-1807"
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let second = h.state().selected().unwrap();
    assert_eq!(
        h.state().timeline().events[second].id,
        "grande-armee-crosses-neman-1812"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selected(), None);
}

#[test]
fn a_bad_file_shows_its_error_and_keeps_the_data() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.ron");
    std::fs::write(&bad, "(\n  title: \"x\"\n  events: [],\n)").unwrap();
    let mut app = app();
    open_now(&mut app, &bad);
    let mut h = harness(app);
    h.run();
    assert_eq!(
        h.state().timeline().events.len(),
        78,
        "the built-in data stays loaded"
    );
    h.get_by_label_contains("Could not open the file");
    h.get_by_label_contains("broken.ron:3:3: syntax error: Expected comma");
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(error_lines(h.state()).is_empty());
}

#[test]
fn opening_a_file_in_the_background_replaces_the_timeline() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/minimal.ron");
    let mut app = app();
    app.apply(Command::Open(path));
    let mut h = harness(app);
    for _ in 0..200 {
        h.step();
        if !h.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    assert_eq!(h.state().timeline().title, "Minimal");
    h.get_by_label("2 events");
}

#[test]
fn remembered_state_round_trips_and_garbage_falls_back() {
    use timeline_explorer::state::{PersistedState, decode_state, encode_state};
    let mut app = app();
    app.apply(Command::Select(Some("fall-of-assad".into())));
    app.apply(Command::SetWindow(timeline_explorer::layout::TimeWindow {
        start_days: 19_000.0,
        end_days: 20_500.0,
    }));
    let state = app.persisted_state();
    let decoded = decode_state(&encode_state(&state).unwrap()).unwrap();
    assert_eq!(decoded, state);
    assert_eq!(decoded.selected_id.as_deref(), Some("fall-of-assad"));
    assert!(decode_state("(not valid").is_err());
    assert!(decode_state("").is_err());
    assert_eq!(decode_state("()").unwrap(), PersistedState::default());
}

/// F1 (or `?`, or the button) lists every shortcut with its keys as this
/// platform writes them; Escape closes the list.
#[test]
fn f1_lists_the_keyboard_shortcuts() {
    let mut h = harness(app());
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.key_press(egui::Key::F1);
    h.run();
    // The window's title, and its own row in the list.
    assert!(h.query_all_by_label("Keyboard shortcuts").count() >= 2);
    h.get_by_label("Save as…");
    let save_as = h.ctx.format_shortcut(&egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    ));
    h.get_by_label(&save_as);
    h.get_by_label("Leave the presentation");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.get_by_label("?").click();
    h.run();
    assert!(h.query_all_by_label("Keyboard shortcuts").count() >= 2);
}

/// Ctrl +/− scale the whole interface, and the next start keeps the scale.
#[test]
fn the_interface_scale_is_remembered() {
    let mut h = harness(app());
    h.run();
    let normal = h.ctx.zoom_factor();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run();
    let larger = h.ctx.zoom_factor();
    assert!(larger > normal, "{larger} after {normal}");
    assert!((h.state().ui_scale() - larger).abs() < 1e-3);
    let remembered = h.state().persisted_state();
    drop(h);
    let mut next = harness(app_restored(&remembered, None));
    next.run();
    assert!((next.ctx.zoom_factor() - larger).abs() < 1e-3);
}

/// The top of the event table (its Date header), in points.
fn table_top(h: &egui_kittest::Harness<'static, timeline_explorer::TimelineApp>) -> f32 {
    h.query_all_by(|n| n.role() == Role::Button && n.label().is_some_and(|l| l.starts_with("Date")))
        .map(|n| n.rect().min.y)
        .reduce(f32::max)
        .expect("the table's Date header")
}

#[test]
fn the_table_keeps_its_height_under_a_filter_and_the_details_have_the_full_height() {
    let mut h = harness_sized(app(), [1600.0, 900.0]);
    h.run();
    let before = table_top(&h);
    h.state_mut()
        .apply(Command::SetQuery(timeline_explorer::model::Query {
            text: "Astana".into(),
            ..Default::default()
        }));
    h.run();
    h.run();
    assert!(h.state().visible_events().len() <= 3);
    assert!(
        (table_top(&h) - before).abs() < 1.0,
        "the table shrank under a filter"
    );
    h.state_mut()
        .apply(Command::SetQuery(timeline_explorer::model::Query::default()));
    h.run();
    assert!((table_top(&h) - before).abs() < 1.0, "and stays as it was");
    // The details beside both the canvas and the table: from under the top
    // bar to the bottom of the window.
    h.state_mut()
        .apply(Command::Select(Some("astana-talks-first-round".into())));
    h.run();
    let close = h.get_by_label("Close").rect();
    assert!(close.min.y < before, "the details start above the table");
    let t = h.state().timeline();
    let ev = t.event("astana-talks-first-round").unwrap();
    // What the article says and the discrepancy, visible without scrolling.
    for text in [
        ev.claim.as_deref().unwrap(),
        ev.discrepancy.as_deref().unwrap(),
    ] {
        let node = h.get_by_label(text);
        assert!(node.rect().max.y <= 900.0, "{text:.40} is below the window");
    }
}

/// Side panels may leave the canvas no width (a small window at a
/// projector's zoom, an event selected, the relations lanes, the network):
/// the window still draws, nothing panics.
#[test]
fn a_window_too_small_for_the_canvas_still_draws() {
    // Around the width the filter and detail panels take together.
    for width in (500..600).step_by(20) {
        let size = [width as f32, 420.0];
        let mut app = app();
        app.apply(Command::SetGrouping(
            timeline_explorer::query::Grouping::Relations,
        ));
        app.apply(Command::ToggleNetwork);
        app.apply(Command::Select(Some("fall-of-assad".into())));
        let mut h = harness_sized(app, size);
        h.run();
        assert!(h.state().selected().is_some());
    }
}
