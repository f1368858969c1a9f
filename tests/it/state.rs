//! The app without a window: commands in, effects out, background work
//! reporting back as commands. No egui here.

use std::time::Duration;

use timeline_explorer::io::Format;
use timeline_explorer::model::edit;
use timeline_explorer::state::{
    Answer, AppState, Effect, EventRef, ExportKind, Notice, OpenPurpose, Pending, SavePurpose,
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
    let _ = state.apply(Command::SetBackgroundEditsFrom(0));
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
    // The first file takes far longer to read: its result comes last.
    let first = dir.path().join("large.ron");
    let large =
        timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 30_000,
            seed: 1,
            span_years: 50,
        });
    timeline_explorer::io::save_timeline(&first, &large).unwrap();
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
        77
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
    assert_eq!(back.timeline.events.len(), 78);
    assert!(!state.is_modified());
}

#[test]
fn selecting_an_event_that_a_worker_is_still_adding_waits_for_it() {
    let mut state = AppState::new();
    let _ = state.apply(Command::SetBackgroundEditsFrom(0));
    let event = new_event(state.timeline(), "added-later");
    let add = edit::add_event(state.timeline(), event);
    let _ = state.apply(Command::ApplyEdit {
        edit: add,
        select: None,
    });
    assert!(state.is_applying_edit());
    let _ = state.apply(Command::Select(Some("added-later".into())));
    let _ = state.settle(Duration::from_secs(10));
    assert_eq!(
        state.selected_event().map(|e| e.id.as_str()),
        Some("added-later")
    );
}

/// The article in a file, opened, with its first event deleted (unsaved).
fn edited_file(dir: &std::path::Path) -> (AppState, std::path::PathBuf) {
    let path = article_file(dir);
    let mut state = AppState::new();
    open_now(&mut state, &path);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    (state, path)
}

#[test]
fn answering_save_while_a_save_runs_waits_for_it_then_closes() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough that the first save is still being written.
    let path = dir.path().join("large.ron");
    let large =
        timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 20_000,
            seed: 3,
            span_years: 50,
        });
    let n = large.events.len();
    timeline_explorer::io::save_timeline(&path, &large).unwrap();
    let mut state = AppState::new();
    open_now(&mut state, &path);
    let _ = state.apply(Command::SetBackgroundEditsFrom(usize::MAX));
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let _ = state.apply(Command::Save);
    assert!(state.is_saving());
    // More editing, then the window closes: "Save" must wait for the first
    // save, not write the same file beside it.
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let _ = state.apply(Command::CloseRequested);
    let mut effects = state.apply(Command::Answer(Answer::Save));
    // The first save's thread may have finished already, but its result is
    // not in until polled: the answer's save waits for it either way, and
    // never runs beside it.
    assert!(state.is_saving());
    assert!(
        state.jobs_running() <= 1,
        "the answer's save waits for the first"
    );
    assert!(!effects.contains(&Effect::Close), "{effects:?}");
    effects.extend(state.settle(Duration::from_secs(30)));
    assert!(effects.contains(&Effect::Close), "{effects:?}");
    assert!(!state.is_modified());
    let saved = timeline_explorer::io::load_timeline(&path).unwrap();
    assert_eq!(saved.events.len(), n - 2, "the file holds both deletions");
    // One save after the other: the backup is the first save's file.
    let backup = timeline_explorer::io::load_timeline(&dir.path().join("large.ron.bak")).unwrap();
    assert_eq!(backup.events.len(), n - 1);
}

#[test]
fn discarding_to_open_another_file_waits_for_a_change_in_progress() {
    let dir = tempfile::tempdir().unwrap();
    let (mut state, _) = edited_file(dir.path());
    let other = dir.path().join("other.ron");
    let mut t = article();
    t.title = "Other".into();
    timeline_explorer::io::save_timeline(&other, &t).unwrap();
    let _ = state.apply(Command::SetBackgroundEditsFrom(0));
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    assert!(state.is_applying_edit());
    let _ = state.apply(Command::Open(other.clone()));
    let _ = state.apply(Command::Answer(Answer::Discard));
    let _ = state.settle(Duration::from_secs(10));
    assert_eq!(state.timeline().title, "Other");
    assert_eq!(
        state.timeline().events.len(),
        78,
        "nothing of the old edits"
    );
    assert_eq!(state.path(), Some(other.as_path()));
    assert!(!state.is_modified());
}

#[test]
fn saving_does_not_dismiss_an_open_question() {
    // The built-in dataset has no file: Save asks where.
    let mut state = AppState::new();
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let _ = state.apply(Command::CloseRequested);
    assert_eq!(state.pending(), Some(&Pending::Close));
    let effects = state.apply(Command::Save);
    assert!(
        matches!(&effects[..], [Effect::PickSavePath { .. }]),
        "{effects:?}"
    );
    assert_eq!(state.pending(), Some(&Pending::Close), "the question stays");
    // Nor does a Save As made while it is open: it saves, and the window
    // still asks before closing (nothing said "close after this").
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mine.ron");
    apply_and_settle(&mut state, Command::SaveAs(Some(target.clone().into())));
    assert!(target.exists());
    assert_eq!(state.pending(), Some(&Pending::Close));
    // "Save" for a timeline with no file asks where; cancelling that dialog
    // forgets the close it would have led to.
    let mut state = AppState::new();
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let _ = state.apply(Command::CloseRequested);
    let effects = state.apply(Command::Answer(Answer::Save));
    assert!(
        matches!(&effects[..], [Effect::PickSavePath { .. }]),
        "{effects:?}"
    );
    let _ = state.apply(Command::DialogCancelled);
    let effects = state.apply(Command::SaveAs(Some(dir.path().join("x.ron").into())));
    let effects = [effects, state.settle(Duration::from_secs(10))].concat();
    assert!(!effects.contains(&Effect::Close), "{effects:?}");
    // Not cancelled, the same answer saves and then closes.
    let mut state2 = AppState::new();
    let e = edit::delete_event(state2.timeline(), 0).unwrap();
    let _ = state2.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let _ = state2.apply(Command::CloseRequested);
    let _ = state2.apply(Command::Answer(Answer::Save));
    let effects = state2.apply(Command::SaveAs(Some(dir.path().join("y.ron").into())));
    let effects = [effects, state2.settle(Duration::from_secs(10))].concat();
    assert!(effects.contains(&Effect::Close), "{effects:?}");
}

#[test]
fn a_view_remembered_for_one_file_is_not_given_to_another() {
    let dir = tempfile::tempdir().unwrap();
    let first = article_file(dir.path());
    let second = dir.path().join("second.ron");
    let mut t = article();
    t.title = "Second".into();
    timeline_explorer::io::save_timeline(&second, &t).unwrap();
    let remembered = timeline_explorer::state::PersistedState {
        file: Some(first),
        query: timeline_explorer::model::Query {
            text: "Astana".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let mut state = AppState::restored(&remembered, None);
    let _ = state.apply(Command::Open(second));
    let _ = state.settle(Duration::from_secs(10));
    assert_eq!(state.timeline().title, "Second");
    assert!(state.query().is_empty(), "{:?}", state.query());
}

#[test]
fn a_presentation_follows_its_events_when_the_timeline_changes() {
    let mut state = AppState::new();
    let _ = state.apply(Command::StartPresenting(Some(0)));
    let _ = state.apply(Command::PresentGoTo(2));
    let p = state.presentation().unwrap().clone();
    let current_id = state.timeline().events[p.steps[2].0].id.clone();
    let first_id = state.timeline().events[p.steps[0].0].id.clone();
    // The first step's event goes: every later event moves up one place.
    let i = state
        .timeline()
        .events
        .iter()
        .position(|e| e.id == first_id)
        .unwrap();
    let e = edit::delete_event(state.timeline(), i).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let p2 = state.presentation().expect("still presenting");
    assert_eq!(p2.steps.len(), p.steps.len() - 1);
    assert_eq!(
        state.timeline().events[p2.steps[p2.current].0].id,
        current_id,
        "the same event is shown"
    );
    for (e, _) in &p2.steps {
        assert!(*e < state.timeline().events.len());
    }
}

/// A copy left for one folder's `tl.ron` is restored to that file, never to
/// another folder's `tl.ron` opened meanwhile.
#[test]
fn a_recovery_copy_goes_back_to_its_own_file_not_one_of_the_same_name() {
    let root = tempfile::tempdir().unwrap();
    let (a, b) = (root.path().join("a"), root.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let (file_a, file_b) = (a.join("tl.ron"), b.join("tl.ron"));
    let mut t = article();
    t.title = "A".into();
    timeline_explorer::io::save_timeline(&file_a, &t).unwrap();
    t.title = "B".into();
    timeline_explorer::io::save_timeline(&file_b, &t).unwrap();
    let recovery = root.path().join("recovery");
    // A crashed session's copy of A, edited.
    let mut edited = timeline_explorer::io::load_timeline(&file_a).unwrap();
    edited.title = "A, edited".into();
    let copy = timeline_explorer::io::recovery::write(&recovery, Some(&file_a), &edited).unwrap();
    let text = std::fs::read_to_string(&copy).unwrap();
    let ours = format!("// pid={}\n", std::process::id());
    std::fs::write(
        &copy,
        text.replacen(&ours, &format!("// pid={}\n", u32::MAX - 1), 1),
    )
    .unwrap();
    // The next start opens B, and is offered A's copy.
    let mut state = AppState::new();
    open_now(&mut state, &file_b);
    let _ = state.apply(Command::SetRecoveryFolder(Some(recovery)));
    let _ = state.settle(Duration::from_secs(10));
    let offered = state.offered_recovery().expect("offered").clone();
    assert_eq!(
        offered.original.as_deref(),
        Some(std::fs::canonicalize(&file_a).unwrap().as_path())
    );
    let _ = state.apply(Command::RestoreRecovery);
    apply_and_settle(&mut state, Command::Save);
    assert_eq!(
        timeline_explorer::io::load_timeline(&file_a).unwrap().title,
        "A, edited"
    );
    assert_eq!(
        timeline_explorer::io::load_timeline(&file_b).unwrap().title,
        "B"
    );
}

/// A journal's edits apply to the file as it was: when the file has changed
/// since, the copy says so (and the window asks before restoring).
#[test]
fn a_copy_whose_file_changed_since_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let recovery_dir = dir.path().join("recovery");
    let mut state = AppState::new();
    let _ = state.apply(Command::SetRecoveryFolder(Some(recovery_dir.clone())));
    open_now(&mut state, &path);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // The journal can be there a moment before the edit is in it.
    let copy = wait_until("the journal with the edit", || {
        timeline_explorer::io::recovery::copy_for(&recovery_dir, Some(&path))
            .filter(|c| c.later_edits > 0)
    });
    assert!(!copy.base_changed);
    assert_eq!(copy.later_edits, 1);
    // Also once a snapshot holds the edit (nothing left to replay).
    let _ = state.apply(Command::Tick { now_s: 0.0 });
    let _ = state.apply(Command::Tick { now_s: 60.0 });
    let _ = state.settle(Duration::from_secs(10));
    let copy = wait_until("the snapshot", || {
        timeline_explorer::io::recovery::copy_for(&recovery_dir, Some(&path))
            .filter(|c| c.snapshot_seq.is_some() && c.later_edits == 0)
    });
    assert!(!copy.base_changed);
    // Another program changes the file.
    let mut t = article();
    t.title = "Changed elsewhere".into();
    timeline_explorer::io::save_timeline(&path, &t).unwrap();
    let copy = timeline_explorer::io::recovery::copy_for(&recovery_dir, Some(&path)).unwrap();
    assert!(copy.base_changed);
}
