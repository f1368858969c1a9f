//! Exploring: search, facets, the event table and saved views, driven
//! through the UI (egui_kittest).

use crate::harness::*;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::model::Query;
use timeline_explorer::query::SortColumn;
use timeline_explorer::query::normalize;
use timeline_explorer::state::{decode_state, encode_state};
use timeline_explorer::{Command, TimelineApp};

/// Focuses the text field labelled `label` and types into it.
fn type_into(h: &mut Harness<'_, TimelineApp>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn visible_ids(h: &Harness<'_, TimelineApp>) -> Vec<String> {
    let t = h.state().timeline();
    h.state()
        .visible_events()
        .iter()
        .map(|&e| t.events[e].id.clone())
        .collect()
}

#[test]
fn typing_in_the_search_box_narrows_the_list_and_the_count() {
    let mut h = harness(app());
    h.run();
    h.get_by_label("Showing 78 of 78 events");
    type_into(&mut h, "Search", "Shibani");
    assert_eq!(
        visible_ids(&h),
        ["shaibani-moscow-visit", "sharaa-moscow-visit"]
    );
    h.get_by_label("Showing 2 of 78 events");
    assert_eq!(h.state().table_order().len(), 2);
    h.get_by_role_and_label(
        Role::Label,
        "Foreign Minister Asaad al-Shaibani visits Moscow and meets Sergey Lavrov",
    );
    // Clear all brings everything back.
    h.get_by_label("Clear all").click();
    h.run();
    h.get_by_label("Showing 78 of 78 events");
}

#[test]
fn ctrl_f_focuses_the_search_box() {
    let mut h = harness(app());
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    assert!(h.get_by_label("Search").is_focused());
}

#[test]
fn toggling_an_actor_shows_only_its_events_and_back() {
    // Tall enough for Iran in the list of actors.
    let mut h = harness_sized(app(), [1400.0, 1400.0]);
    h.run();
    h.get_by_label("Iran (7)").click();
    h.run();
    let t = h.state().timeline().clone();
    let ids = visible_ids(&h);
    assert_eq!(ids.len(), 7);
    for id in &ids {
        assert!(
            t.event(id).unwrap().actors.iter().any(|a| a == "iran"),
            "{id}"
        );
    }
    // Events without Iran are hidden from the canvas too.
    assert!(
        h.query_by_role_and_label(Role::Button, "Napoleon abdicates at Fontainebleau")
            .is_none()
    );
    h.get_by_label("Iran (7)").click();
    h.run();
    assert_eq!(visible_ids(&h).len(), 78);
}

#[test]
fn only_discrepancies_shows_exactly_the_events_with_one() {
    let mut h = harness(app());
    h.run();
    h.get_by_label("Only discrepancies (11)").click();
    h.run();
    let t = h.state().timeline().clone();
    let mut want: Vec<String> = t
        .events
        .iter()
        .filter(|e| e.discrepancy.is_some())
        .map(|e| e.id.clone())
        .collect();
    let mut got = visible_ids(&h);
    want.sort();
    got.sort();
    assert_eq!(got, want);
    h.get_by_label("Showing 11 of 78 events");
}

#[test]
fn a_saved_view_restores_its_query_window_and_grouping() {
    let mut h = harness(app());
    h.run();
    type_into(&mut h, "Search", "Soleimani");
    h.state_mut().apply(Command::SetGrouping(
        timeline_explorer::query::Grouping::Actor,
    ));
    h.run();
    type_into(&mut h, "Name", "Soleimani story");
    h.get_by_label("Save view").click();
    h.run();
    let saved = h.state().query().clone();
    assert_eq!(saved.text, "Soleimani");

    h.get_by_label("Clear all").click();
    h.state_mut().apply(Command::SetGrouping(
        timeline_explorer::query::Grouping::None,
    ));
    h.run();
    assert_eq!(*h.state().query(), Query::default());

    h.get_by_label("Soleimani story").click();
    h.run();
    assert_eq!(*h.state().query(), saved);
    assert_eq!(
        h.state().grouping(),
        timeline_explorer::query::Grouping::Actor
    );
    assert_eq!(
        visible_ids(&h),
        ["soleimani-moscow-visit", "soleimani-killed"]
    );

    // Renamed and deleted.
    h.get_by_label("Rename").click();
    h.run();
    type_into(&mut h, "New name", " (2015–2020)");
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(
        h.state().saved_views()[0].name,
        "Soleimani story (2015–2020)"
    );
    h.get_by_label("Delete").click();
    h.run();
    assert!(h.state().saved_views().is_empty());
}

#[test]
fn the_table_sorts_by_column_and_up_down_follow_its_order() {
    let mut h = harness(app());
    h.run();
    h.get_by_label("Title").click();
    h.run();
    let t = h.state().timeline().clone();
    let titles: Vec<String> = h
        .state()
        .table_order()
        .iter()
        .map(|&e| normalize(&t.events[e].title))
        .collect();
    let mut sorted = titles.clone();
    sorted.sort();
    assert_eq!(titles, sorted);
    // Again: descending.
    h.get_by_label("Title").click();
    h.run();
    assert_eq!(
        normalize(&t.events[h.state().table_order()[0]].title),
        *sorted.last().unwrap()
    );
    // Down selects the first row, then the next.
    h.key_press(egui::Key::ArrowDown);
    h.key_press(egui::Key::ArrowDown);
    h.run();
    assert_eq!(h.state().selected(), Some(h.state().table_order()[1]));
    h.key_press(egui::Key::ArrowUp);
    h.run();
    assert_eq!(h.state().selected(), Some(h.state().table_order()[0]));
}

#[test]
fn copy_citation_puts_the_sources_on_the_clipboard() {
    let mut app = app();
    app.apply(Command::Select(Some("astana-talks-first-round".into())));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Copy citation").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    let text = copied.last().expect("something was copied");
    assert!(
        text.starts_with(
            "First round of the Astana talks on Syria (23 January 2017 – 24 January 2017)"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "https://www.euronews.com/video/2017/01/22/syria-peace-talks-begin-in-astana"
        ),
        "{text}"
    );
    assert!(text.contains("Discrepancy ("), "{text}");
    // Everything the detail shows: what the article says, the date note,
    // the actors, and the source document the timeline analyses.
    let t = h.state().timeline();
    let ev = t.event("astana-talks-first-round").unwrap();
    let claim = ev.claim.as_ref().expect("the event has a claim");
    assert!(
        text.contains(&format!("What the article says: {claim}")),
        "{text}"
    );
    if let Some(note) = &ev.date_note {
        assert!(text.contains(note.as_str()), "{text}");
    }
    assert!(text.contains(&ev.summary), "{text}");
    for a in &ev.actors {
        assert!(text.contains(t.actor_name(a)), "{text}");
    }
    let doc = t.source_document.as_ref().expect("the article");
    assert!(text.contains(&doc.title), "{text}");
    assert!(text.contains(doc.outlet.as_deref().unwrap()), "{text}");
    if let Some(url) = &doc.url {
        assert!(text.contains(url.as_str()), "{text}");
    }
    // And it says so.
    h.run();
    h.get_by_label_contains("Copied");
}

#[test]
fn about_this_timeline_shows_the_description_and_the_source_document() {
    let mut h = harness(app());
    h.run();
    let title = h.state().timeline().title.clone();
    h.get_by_label(&title).click();
    h.run();
    h.get_by_label("About this timeline");
    let t = h.state().timeline();
    let doc = t.source_document.clone().expect("the article");
    let description = t.description.clone();
    h.get_by_label(&description);
    h.get_by_label(&doc.title);
    h.get_by_label_contains(doc.outlet.as_deref().unwrap());
    // Escape closes it.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(!h.state().shows_about());
    assert!(h.query_by_label(&doc.title).is_none());
}

#[test]
fn a_file_without_a_source_document_gets_neutral_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plain.json");
    std::fs::write(
        &path,
        r#"{"title":{"text":{"headline":"Plain","text":"A title slide."}},
            "events":[{"start_date":{"year":"2001"},"text":{"headline":"One"}}]}"#,
    )
    .unwrap();
    let mut state = timeline_explorer::state::AppState::default();
    open_now(&mut state, &path);
    assert_eq!(state.timeline().description, "A title slide.");
    let id = state.timeline().events[0].id.clone();
    let mut app = app_with(state);
    app.apply(Command::Select(Some(id.into())));
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("the article").is_none());
    assert!(h.query_by_label_contains("In the article").is_none());
    h.get_by_label("Plain").click();
    h.run();
    h.get_by_label("A title slide.");
    h.get_by_label_contains("None named");
}

#[test]
fn the_query_and_views_are_remembered_between_runs() {
    let mut app = app();
    app.apply(Command::SetQuery(Query {
        text: "Astana".into(),
        only_discrepancies: true,
        ..Query::default()
    }));
    app.apply(Command::SaveView("astana".into()));
    app.apply(Command::SortTable(SortColumn::Certainty));
    let state = decode_state(&encode_state(&app.persisted_state()).unwrap()).unwrap();
    assert_eq!(state, app.persisted_state());
    assert_eq!(state.query.text, "Astana");
    assert_eq!(state.views[0].name, "astana");
    assert_eq!(state.views[0].query, state.query);
}

#[test]
fn views_shipped_in_the_file_are_listed_and_recalled() {
    let mut h = harness(app());
    h.run();
    let names: Vec<String> = h
        .state()
        .file_views()
        .iter()
        .map(|v| v.name.clone())
        .collect();
    assert!(
        names.contains(&"Where the article and the record differ".to_string()),
        "{names:?}"
    );
    assert!(
        h.state().saved_views().is_empty(),
        "file views are not the user's"
    );
    h.get_by_label("Where the article and the record differ")
        .click();
    h.run();
    assert!(h.state().query().only_discrepancies);
    h.get_by_label("Showing 11 of 78 events");
    h.get_by_label("Russia and Turkey").click();
    h.run();
    assert_eq!(
        h.state().grouping(),
        timeline_explorer::query::Grouping::Actor
    );
    let t = h.state().timeline().clone();
    for id in visible_ids(&h) {
        let actors = &t.event(&id).unwrap().actors;
        assert!(
            actors.iter().any(|a| a == "russia") && actors.iter().any(|a| a == "turkey"),
            "{id}"
        );
    }
}

#[test]
fn the_date_range_fields_filter_by_dates_at_any_precision() {
    let mut h = harness(app());
    h.run();
    type_into(&mut h, "From", "2024");
    type_into(&mut h, "To", "2024");
    assert_eq!(
        visible_ids(&h),
        [
            "israel-hezbollah-escalation-2024",
            "israel-hezbollah-ceasefire",
            "hts-offensive-2024",
            "operation-dawn-of-freedom-2024",
            "fall-of-assad"
        ]
    );
    // What was understood is shown beside the field; nonsense is flagged
    // and does not change the filter.
    h.get_by_label("Showing 5 of 78 events");
    type_into(&mut h, "To", "-13");
    assert_eq!(
        h.state().query().to.map(|d| d.to_iso()).as_deref(),
        Some("2024")
    );
}

#[test]
fn a_restored_app_shows_the_same_view() {
    let mut app = app();
    app.apply(Command::SetQuery(Query {
        text: "Turkey".into(),
        ..Query::default()
    }));
    app.apply(Command::SetGrouping(
        timeline_explorer::query::Grouping::Category,
    ));
    app.apply(Command::Select(Some("turkey-s400-deal".into())));
    app.apply(Command::SetWindow(timeline_explorer::layout::TimeWindow {
        start_days: 16_000.0,
        end_days: 19_000.0,
    }));
    app.apply(Command::SaveView("turkey".into()));
    let state = decode_state(&encode_state(&app.persisted_state()).unwrap()).unwrap();

    let again = app_restored(&state, None);
    assert_eq!(again.query(), app.query());
    assert_eq!(again.grouping(), app.grouping());
    assert_eq!(again.selected(), app.selected());
    assert_eq!(again.time_window(), app.time_window());
    assert_eq!(again.visible_events(), app.visible_events());
    assert_eq!(again.saved_views(), app.saved_views());
}
