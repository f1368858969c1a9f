//! The timeline canvas driven like a user would: keys, clicks, the lane
//! selector (egui_kittest, through AccessKit).

use crate::harness::*;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::query::Grouping;
use timeline_explorer::{Command, TimelineApp};

/// The time window from the start of `from` to the start of `to`.
fn window(from: &str, to: &str) -> timeline_explorer::layout::TimeWindow {
    let days = |s: &str| s.parse::<timeline_explorer::Date>().unwrap().axis_days();
    timeline_explorer::layout::TimeWindow {
        start_days: days(from),
        end_days: days(to),
    }
}

fn event_id(h: &Harness<'_, TimelineApp>) -> Option<String> {
    h.state()
        .selected()
        .map(|i| h.state().timeline().events[i].id.clone())
}

/// The window as drawn: in the compressed coordinate of the axis's breaks
/// (where zoom and pan work, so that the screen moves evenly).
fn on_screen(h: &Harness<'_, TimelineApp>) -> timeline_explorer::layout::TimeWindow {
    let state = h.state();
    state.breaks().to_u(&state.time_window())
}

#[test]
fn keyboard_zoom_and_pan_change_the_view_and_fit_restores_it() {
    let mut h = harness(app());
    h.run();
    let fit = on_screen(&h);

    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = on_screen(&h);
    assert!(
        (zoomed.span_days() * 2.0 - fit.span_days()).abs() < 1e-6 * fit.span_days(),
        "{zoomed:?}"
    );
    assert!((zoomed.centre_days() - fit.centre_days()).abs() < 1e-6 * fit.span_days());

    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowRight);
    h.run();
    let panned = on_screen(&h);
    assert!(panned.start_days > zoomed.start_days, "{panned:?}");
    assert!((panned.span_days() - zoomed.span_days()).abs() < 1e-6 * fit.span_days());
    assert_eq!(
        h.state().selected(),
        None,
        "Shift+arrow pans, it does not select"
    );

    h.key_press(egui::Key::Minus);
    h.run();
    assert!(on_screen(&h).span_days() > panned.span_days() * 1.9);

    h.key_press(egui::Key::Num0);
    h.run();
    let back = on_screen(&h);
    assert!((back.start_days - fit.start_days).abs() < 1e-6 * fit.span_days());
    assert!((back.end_days - fit.end_days).abs() < 1e-6 * fit.span_days());
}

#[test]
fn zoom_animates_rather_than_jumps() {
    let mut h = harness(app());
    h.run();
    let fit = on_screen(&h);
    h.key_press(egui::Key::Plus);
    h.step();
    h.step();
    let midway = on_screen(&h).span_days();
    assert!(
        midway < fit.span_days() && midway > fit.span_days() / 2.0,
        "midway span {midway}"
    );
    h.run();
    assert!((on_screen(&h).span_days() - fit.span_days() / 2.0).abs() < 1e-6 * fit.span_days());
}

#[test]
fn fit_all_gives_the_articles_decade_most_of_the_canvas_and_the_breaks_can_be_turned_off() {
    let mut h = harness(app());
    h.run();
    let days = |s: &str| s.parse::<timeline_explorer::Date>().unwrap().axis_days();
    let decade_share = |h: &Harness<'_, TimelineApp>| {
        let state = h.state();
        let scale = state.breaks().scale(&state.time_window(), 1000.0);
        (scale.x_pt(days("2025-10-31")) - scale.x_pt(days("2015-01-01"))) / 1000.0
    };
    assert!(h.state().shorten_gaps());
    assert!(!h.state().breaks().is_empty());
    let with_breaks = decade_share(&h);
    // 78 events over two centuries, 45 of them in the decade: it gets over
    // a third of the width (a linear axis gives it a twentieth).
    assert!(
        with_breaks > 0.35,
        "the decade gets {with_breaks} of the width"
    );
    // Every event is still on the canvas.
    let state = h.state();
    let scale = state.breaks().scale(&state.time_window(), 1000.0);
    for e in &state.timeline().events {
        let x = scale.x_pt(e.start_days());
        assert!((0.0..=1000.0).contains(&x), "{} at {x}", e.id);
    }
    h.state_mut().apply(Command::ToggleShortenGaps);
    h.run();
    assert!(h.state().breaks().is_empty());
    let linear = decade_share(&h);
    assert!(linear < 0.1, "a linear axis gives the decade {linear}");
}

#[test]
fn clicking_an_event_on_the_canvas_selects_it() {
    let mut app = app();
    // Zoom to the decade where the events crowd.
    app.apply(Command::SetWindow(window("2014-06", "2026")));
    let mut h = harness(app);
    h.run();
    h.get_by_label("The Assad government falls; Assad flees to Moscow")
        .click();
    h.run();
    assert_eq!(event_id(&h).as_deref(), Some("fall-of-assad"));
    // The detail panel follows.
    h.get_by_label_contains("Opposition forces entered Damascus");
    // Left and Right then step through events in date order.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(
        event_id(&h).as_deref(),
        Some("bogdanov-delegation-damascus-2025")
    );
    h.key_press(egui::Key::ArrowLeft);
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(
        event_id(&h).as_deref(),
        Some("operation-dawn-of-freedom-2024")
    );
}

#[test]
fn stepping_far_brings_the_event_into_view() {
    let mut app = app();
    app.apply(Command::SetWindow(window("2024", "2026")));
    let mut h = harness(app);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    // The first event (1807) is far outside the window: the view moves there.
    assert_eq!(event_id(&h).as_deref(), Some("treaty-of-tilsit-1807"));
    let w = h.state().time_window();
    let paris = "1807-07-07"
        .parse::<timeline_explorer::Date>()
        .unwrap()
        .axis_days();
    assert!(w.start_days < paris && paris < w.end_days, "{w:?}");
}

#[test]
fn the_lane_selector_groups_by_actor() {
    let mut app = app();
    app.apply(Command::SetWindow(window("2025-06", "2025-11")));
    // Tall enough for the second lane holding the visit to be on screen.
    let mut h = harness_sized(app, [1400.0, 1000.0]);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Lanes")
        .click();
    h.run();
    h.get_by_label("By actor").click();
    h.run();
    assert_eq!(h.state().grouping(), Grouping::Actor);
    let lanes = &h.state().lane_cache().lanes.lanes;
    assert_eq!(lanes[0].title, "Russia");
    // Events with several actors appear in each of their lanes: the
    // Sharaa visit is on screen more than once.
    assert!(
        h.get_all_by_label("Sharaa's first visit to Russia: talks with Putin in the Kremlin")
            .count()
            >= 2
    );
}

#[test]
fn a_selected_event_is_brought_into_view_drawn_on_its_own() {
    use timeline_explorer::layout::{ViewParams, layout};
    let mut h = harness_sized(app(), [1024.0, 768.0]);
    h.run();
    // From fit-all (the dense decade squeezed at the right), select each
    // event in date order, then each in reverse order (coming from a close
    // zoom elsewhere).
    let order: Vec<String> = h
        .state()
        .table_order()
        .iter()
        .map(|&i| h.state().timeline().events[i].id.clone())
        .collect();
    for id in order.iter().chain(order.iter().rev()) {
        h.state_mut().apply(Command::FitAll);
        h.run();
        h.state_mut()
            .apply(Command::Select(Some(id.as_str().into())));
        h.run();
        let state = h.state();
        let selected = state.selected().expect("selected");
        // The canvas's view model at the narrowest canvas of a 1024-point
        // window.
        let l = layout(
            state.timeline(),
            state.lane_cache(),
            &ViewParams {
                window: state.time_window(),
                breaks: state.breaks(),
                width_pt: 700.0,
                viewport_top_pt: 0.0,
                viewport_height_pt: 400.0,
                single_track_rows: 12,
                two_line_labels: false,
            },
            &|t: &str| t.chars().count() as f32 * 7.0,
        );
        assert!(
            l.items.iter().any(|i| i.event == selected),
            "{id} is hidden inside a cluster at {:?}",
            state.time_window()
        );
    }
}
