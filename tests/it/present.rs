//! Presenting: F5, stepping with the keys clickers send, the card,
//! progressive reveal, and leaving with Esc (egui_kittest).

use crate::harness::*;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::io::parse_timeline;
use timeline_explorer::{Command, TimelineApp};

fn current_id(h: &Harness<'_, TimelineApp>) -> String {
    let p = h.state().presentation().expect("presenting");
    h.state().timeline().events[p.steps[p.current].0].id.clone()
}

#[test]
fn f5_presents_the_story_and_the_keys_step_through_it() {
    let mut h = harness(app());
    h.run();
    let before = h.state().time_window();
    h.key_press(egui::Key::F5);
    h.run();
    assert_eq!(current_id(&h), "russian-military-intervention");
    assert_eq!(
        h.get_all_by_label("1 / 19").count(),
        2,
        "in the bar and on the card"
    );
    // The card shows the current event's title, large.
    h.get_by_role_and_label(
        Role::Label,
        "Russia begins its military intervention in Syria",
    );
    // The side panels are hidden.
    assert!(h.query_by_label("Search").is_none());

    for key in [
        egui::Key::ArrowRight,
        egui::Key::PageDown,
        egui::Key::Space,
        egui::Key::ArrowDown,
    ] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(current_id(&h), "turkey-s400-deal");
    assert_eq!(h.get_all_by_label("5 / 19").count(), 2);
    h.get_by_role_and_label(
        Role::Label,
        "Turkey agrees to buy Russia's S-400 air-defence system",
    );
    // The view moved to the event and the event is selected.
    let w = h.state().time_window();
    let deal = h.state().presentation().unwrap().steps[4].0;
    let start = h.state().timeline().events[deal].start_days();
    assert!(w.start_days < start && start < w.end_days);
    assert_eq!(h.state().selected(), Some(deal));

    for key in [
        egui::Key::ArrowLeft,
        egui::Key::PageUp,
        egui::Key::Backspace,
        egui::Key::ArrowUp,
    ] {
        h.key_press(key);
        h.run();
    }
    assert_eq!(current_id(&h), "russian-military-intervention");
    h.key_press(egui::Key::End);
    h.run();
    assert_eq!(current_id(&h), "ww1-germany-declares-war-1914");
    h.key_press(egui::Key::Home);
    h.run();
    assert_eq!(current_id(&h), "russian-military-intervention");

    // Esc leaves and brings back the view from before.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none());
    assert_eq!(h.state().time_window(), before);
    h.get_by_label("Search");
}

#[test]
fn progressive_reveal_hides_the_later_events() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    // Without reveal, later events are on the canvas.
    h.state_mut()
        .apply(Command::AnimateTo(timeline_explorer::layout::TimeWindow {
            start_days: "2015"
                .parse::<timeline_explorer::Date>()
                .unwrap()
                .axis_days(),
            end_days: "2018"
                .parse::<timeline_explorer::Date>()
                .unwrap()
                .axis_days(),
        }));
    h.run();
    assert!(
        h.query_by_role_and_label(Role::Button, "First round of the Astana talks on Syria")
            .is_some()
    );
    h.get_by_label("Reveal step by step").click();
    h.run();
    assert!(h.state().presentation().unwrap().reveal);
    let shown: Vec<usize> = h
        .state()
        .lane_cache()
        .lanes
        .lanes
        .iter()
        .flat_map(|l| l.events.clone())
        .collect();
    let ids: Vec<&str> = shown
        .iter()
        .map(|&e| h.state().timeline().events[e].id.as_str())
        .collect();
    assert_eq!(ids, ["russian-military-intervention", "su24-shootdown"]);
    assert!(
        h.query_by_role_and_label(Role::Button, "First round of the Astana talks on Syria")
            .is_none()
    );
    // Stepping on reveals the next one.
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().lane_cache().lanes.lanes[0].events.len(), 3);
}

#[test]
fn without_a_story_the_filtered_events_are_presented_in_date_order() {
    let mut app = app();
    app.apply(Command::SetQuery(timeline_explorer::model::Query {
        only_discrepancies: true,
        ..Default::default()
    }));
    app.apply(Command::StartPresenting(None));
    let p = app.presentation().unwrap();
    assert_eq!(p.steps.len(), 11);
    assert_eq!(
        app.timeline().events[p.steps[0].0].id,
        "battle-of-paris-1814"
    );
    assert_eq!(p.progress(), "1 / 11");
}

#[test]
fn a_story_with_an_unknown_event_is_a_validation_error_naming_it() {
    let text = r#"(
        title: "T",
        actors: [],
        categories: [(id: "c", name: "C")],
        stories: [(name: "Walk", steps: [(event: "a"), (event: "nowhere", caption: "?")])],
        events: [(id: "a", title: "A", start: "2020", certainty: Confirmed, provenance: Article,
                  actors: [], category: "c", summary: "s", sources: [(title: "x")])],
    )"#;
    let err = parse_timeline(text, "story.ron").unwrap_err().to_string();
    assert!(
        err.contains("story 1 \"Walk\", field `steps[1].event`: unknown event \"nowhere\""),
        "{err}"
    );
}

#[test]
fn the_shipped_story_only_names_existing_events() {
    let app = app();
    let t = app.timeline();
    assert_eq!(t.stories.len(), 1);
    let story = &t.stories[0];
    assert!(story.steps.len() >= 15);
    for step in &story.steps {
        assert!(t.event(&step.event).is_some(), "{}", step.event);
    }
    assert_eq!(story.steps[0].event, "russian-military-intervention");
    assert!(story.steps.iter().any(|s| s.event == "sharaa-moscow-visit"));
    assert!(
        story
            .steps
            .iter()
            .any(|s| s.event == "battle-of-paris-1814"),
        "the analogies come at the end"
    );
}

#[test]
fn presenting_enlarges_text_for_a_projector_and_restores_it() {
    let app = app();
    let mut h = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(64)
        .build_eframe(move |_cc| app);
    h.run();
    let normal = h.ctx.zoom_factor();
    h.key_press(egui::Key::F5);
    h.run();
    // Canvas labels are 13 pt: zoomed, they are at least 24 px tall at 1080p;
    // the card's body text (15 pt) is larger still.
    let ppp = h.ctx.pixels_per_point();
    assert!(13.0 * ppp >= 24.0, "labels at {} px", 13.0 * ppp);
    assert_eq!(
        h.ctx.theme(),
        egui::Theme::Light,
        "the projector theme is light by default"
    );
    h.get_by_label("Dark theme").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Dark);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!((h.ctx.zoom_factor() - normal).abs() < 1e-6);
}

/// A filter left on does not empty a story: its events are shown whatever
/// the filter, the bar says so, and leaving gives the filter back. F5 works
/// while a text field has the keyboard.
#[test]
fn a_story_is_presented_whatever_the_filter_and_the_filter_comes_back() {
    let mut app = app();
    let query = timeline_explorer::model::Query {
        text: "Napoleon".into(),
        ..Default::default()
    };
    let _ = app.apply(Command::SetQuery(query.clone()));
    assert!(app.visible_events().len() < 5);
    let mut h = harness(app);
    h.run();
    // The cursor is in the search box.
    h.get_by_role_and_label(Role::TextInput, "Search").focus();
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    let p = h.state().presentation().expect("F5 works while typing");
    let story_events = p.steps.len();
    assert_eq!(
        h.state().visible_events().len(),
        h.state().timeline().events.len()
    );
    for (e, _) in &p.steps {
        assert!(h.state().visible_events().contains(e));
    }
    h.get_by_label_contains("Filter off while presenting");
    assert!(story_events > 5);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().presentation().is_none());
    assert_eq!(h.state().query(), &query, "the filter is back");
}

/// Revealing step by step, each step's view spans the story so far (what
/// was revealed stays in view), and the overview strip shows only that.
#[test]
fn revealed_steps_stay_in_view_and_the_overview_shows_only_them() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.get_by_label("Reveal step by step").click();
    h.run();
    for _ in 0..4 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    let p = h.state().presentation().unwrap().clone();
    assert_eq!(p.current, 4);
    assert_eq!(h.state().overview_index().len(), 5);
    let window = h.state().target_window();
    for (e, _) in &p.steps[..=4] {
        let ev = &h.state().timeline().events[*e];
        assert!(
            ev.start_days() >= window.start_days && ev.end_days() <= window.end_days,
            "{} is out of view",
            ev.id
        );
    }
}

#[test]
fn b_or_period_blanks_the_screen_and_a_step_key_shows_it_again_where_it_was() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.get_all_by_label("2 / 19").count(), 2);
    for key in [egui::Key::B, egui::Key::Period] {
        h.key_press(key);
        h.run();
        assert!(h.state().presentation().unwrap().blanked, "{key:?} blanks");
        // Nothing of the story is on the screen: the card is gone.
        assert_eq!(h.query_all_by_label("2 / 19").count(), 1, "only the bar's");
        // The first step key only shows the picture again, where it was.
        h.key_press(egui::Key::ArrowRight);
        h.run();
        let p = h.state().presentation().unwrap();
        assert!(!p.blanked);
        assert_eq!(p.current, 1, "{key:?}: not moved on");
    }
    // B again shows it too.
    h.key_press(egui::Key::B);
    h.run();
    h.key_press(egui::Key::B);
    h.run();
    assert!(!h.state().presentation().unwrap().blanked);
    assert_eq!(h.get_all_by_label("2 / 19").count(), 2);
}

#[test]
fn the_presenter_view_shows_the_notes_the_next_step_and_the_time() {
    let mut h = harness(app());
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    h.key_press(egui::Key::P);
    h.run();
    let state = h.state();
    let p = state.presentation().unwrap();
    assert!(p.presenter_view);
    // The view model: the current event's words and the next step's title.
    let notes = timeline_explorer::ui::presentation::PresenterNotes::of(
        state.timeline(),
        p,
        p.started_s + 125.0,
    )
    .unwrap();
    assert_eq!(notes.elapsed, "2:05");
    assert_eq!(notes.progress, "Step 1 / 19");
    let first = &state.timeline().events[p.steps[0].0];
    let second = &state.timeline().events[p.steps[1].0];
    assert_eq!(notes.title, first.title);
    assert!(notes.notes.iter().any(|(_, t)| *t == first.summary));
    assert!(
        notes.next.starts_with(&format!("Next: {}", second.title)),
        "{}",
        notes.next
    );
    // Drawn (here embedded in the window; natively a window of its own).
    h.get_by_label(&notes.next);
    h.get_by_label("Blank the screen").click();
    h.run();
    assert!(h.state().presentation().unwrap().blanked);
    h.get_by_label("Screen blanked");
    h.get_by_label("Show the screen").click();
    h.run();
    h.get_by_label("Next step").click();
    h.run();
    assert_eq!(h.state().presentation().unwrap().current, 1);
    // The last step says so.
    h.key_press(egui::Key::End);
    h.run();
    h.get_by_label("This is the last step.");
    h.get_by_label("Close").click();
    h.run();
    assert!(!h.state().presentation().unwrap().presenter_view);
}
