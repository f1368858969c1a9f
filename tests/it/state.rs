//! The app without a window: commands in, effects out, background work
//! reporting back as commands. No egui here.

use std::time::Duration;

use timeline_explorer::io::Format;
use timeline_explorer::model::edit;
use timeline_explorer::state::{
    AppState, Effect, EventRef, ExportKind, Notice, OpenPurpose, SavePurpose,
};
use timeline_explorer::{Command, Timeline};

use crate::harness::*;

fn article() -> Timeline {
    timeline_explorer::io::builtin_timeline().unwrap()
}

/// An event like the first one, under a new id.
fn new_event(t: &Timeline, id: &str) -> timeline_explorer::Event {
    let mut e = t.events[0].clone();
    e.id = id.to_string();
    e.title = "Added".into();
    e
}

#[test]
fn an_event_added_on_a_worker_is_selected_once_it_is_in() {
    let mut state = AppState::new();
    state.set_background_edits_from(0);
    let event = new_event(state.timeline(), "added-on-a-worker");
    let add = edit::add_event(state.timeline(), event);
    let _ = state.apply(Command::ApplyEdit {
        edit: add,
        select: Some("added-on-a-worker".into()),
    });
    assert!(
        state.is_applying_edit(),
        "large timelines change on a worker"
    );
    // Selecting it at once (as the form does) waits for the change.
    let _ = state.apply(Command::Select(Some("added-on-a-worker".into())));
    let _ = state.settle(Duration::from_secs(10));
    assert!(!state.is_applying_edit());
    let selected = state.selected_event().expect("the new event is selected");
    assert_eq!(selected.id, "added-on-a-worker");
}

#[test]
fn events_are_named_by_id_and_a_stale_position_is_not_trusted() {
    let mut state = AppState::new();
    // A reference made when the event was first: the timeline has changed
    // since (an event was deleted in front of it).
    let stale = EventRef::at("napoleon-abdication-1814", 0);
    let _ = state.apply(Command::Select(Some(stale)));
    assert_eq!(
        state.selected_event().map(|e| e.id.as_str()),
        Some("napoleon-abdication-1814")
    );
    let _ = state.apply(Command::Select(Some("no-such-event".into())));
    assert_eq!(state.selected(), None);
}

#[test]
fn what_needs_the_platform_comes_back_as_effects() {
    let mut state = AppState::new();
    assert_eq!(
        state.apply(Command::ShowOpenDialog(OpenPurpose::Open)),
        [Effect::PickFile(OpenPurpose::Open)]
    );
    let effects = state.apply(Command::Export(ExportKind::Handout));
    assert!(
        matches!(
            &effects[..],
            [Effect::PickSavePath { purpose: SavePurpose::Export(ExportKind::Handout), suggested_name }]
                if suggested_name.ends_with(".svg")
        ),
        "{effects:?}"
    );
    assert_eq!(
        state.apply(Command::Export(ExportKind::Image)),
        [Effect::Screenshot]
    );
    let effects = state.apply(Command::CopyCitation("fall-of-assad".into()));
    assert!(
        matches!(&effects[..], [Effect::CopyText(t)] if t.contains("The Assad government falls")),
        "{effects:?}"
    );
    assert!(matches!(state.notice(), Some(Notice::Copied)));
    assert_eq!(
        state.apply(Command::OpenLink("https://example.org/a".into())),
        [Effect::OpenUrl("https://example.org/a".into())]
    );
    // Nothing but web and mail links is ever handed to the system.
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "smb://host/share",
    ] {
        assert_eq!(state.apply(Command::OpenLink(bad.into())), []);
        assert!(matches!(state.notice(), Some(Notice::LinkRefused(_))));
    }
}

#[test]
fn opening_reports_back_through_the_job_channel() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut t = article();
    t.title = "Changed".into();
    timeline_explorer::io::save_timeline(&path, &t).unwrap();
    let mut state = AppState::new();
    let _ = state.apply(Command::Open(path.clone()));
    assert!(state.is_loading());
    assert_eq!(
        state.timeline().title,
        article().title,
        "the old one stays meanwhile"
    );
    let _ = state.settle(Duration::from_secs(10));
    assert!(!state.is_loading());
    assert_eq!(state.timeline().title, "Changed");
    assert_eq!(state.path(), Some(path.as_path()));
    assert_eq!(state.jobs_running(), 0);
}

#[test]
fn a_second_open_wins_over_one_still_loading() {
    let dir = tempfile::tempdir().unwrap();
    let first = article_file(dir.path());
    let second = dir.path().join("second.ron");
    let mut t = article();
    t.title = "Second".into();
    timeline_explorer::io::save_timeline(&second, &t).unwrap();
    let mut state = AppState::new();
    let _ = state.apply(Command::Open(first));
    let _ = state.apply(Command::Open(second.clone()));
    let _ = state.settle(Duration::from_secs(10));
    assert_eq!(state.timeline().title, "Second");
    assert_eq!(state.path(), Some(second.as_path()));
}

#[test]
fn saving_runs_in_the_background_and_what_waited_follows() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut state = AppState::new();
    open_now(&mut state, &path);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // The window closing with unsaved changes: the answer "Save" saves,
    // then closes.
    assert_eq!(
        state.apply(Command::CloseRequested),
        [Effect::CancelClose, Effect::Show]
    );
    let _ = state.apply(Command::Answer(timeline_explorer::state::Answer::Save));
    assert!(state.is_saving());
    let effects = state.settle(Duration::from_secs(10));
    assert!(effects.contains(&Effect::Close), "{effects:?}");
    assert!(!state.is_modified());
    assert!(state.may_close());
    assert_eq!(
        timeline_explorer::io::load_timeline(&path)
            .unwrap()
            .events
            .len(),
        31
    );
}

#[test]
fn export_in_another_format_is_a_copy_with_what_was_folded() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("copy.json");
    let mut state = AppState::new();
    apply_and_settle(
        &mut state,
        Command::ExportTo(ExportKind::Timeline(Format::TimelineJs), out.clone().into()),
    );
    let text = notice_text(&state).unwrap();
    assert!(text.starts_with("Saved the TimelineJS (JSON) to"), "{text}");
    assert!(text.contains("Folded:"), "{text}");
    let back = timeline_explorer::io::load_any(&out).unwrap();
    assert_eq!(back.timeline.events.len(), 32);
    assert!(!state.is_modified());
}
