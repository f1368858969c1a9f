//! A minimized or covered window: eframe 0.37 then calls only
//! `App::logic`, never `App::ui` (through `egui::Context::run_logic`, with
//! the window's state and nothing else of the input). Termination signals,
//! the unsaved-changes question on close and recovery copies must work all
//! the same. These tests drive the real app that way: visible frames
//! through the kittest harness first, then logic only, as eframe does for a
//! hidden window.

use std::path::Path;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use egui::{ViewportCommand, ViewportEvent, ViewportId, ViewportInfo};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::app::Clock;
use timeline_explorer::io::{self, recovery};
use timeline_explorer::model::edit;
use timeline_explorer::state::{AppState, Pending, RECOVERY_INTERVAL_S};
use timeline_explorer::{Command, TimelineApp};

use crate::harness::*;

/// The article opened from a file, with recovery copies in `recovery`,
/// one event deleted (unsaved), on `clock`.
fn edited_app(dir: &Path, clock: Clock) -> TimelineApp {
    let path = article_file(dir);
    let mut state = AppState::new();
    let _ = state.apply(Command::SetRecoveryFolder(Some(dir.join("recovery"))));
    open_now(&mut state, &path);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    assert!(state.is_modified());
    TimelineApp::with_clock(state, clock)
}

/// The input eframe gives `logic` for a minimized window, with these
/// window events (a close request, say).
fn hidden(events: Vec<ViewportEvent>) -> egui::RawInput {
    let mut input = egui::RawInput::default();
    input.viewports.insert(
        ViewportId::ROOT,
        ViewportInfo {
            minimized: Some(true),
            focused: Some(false),
            events,
            ..Default::default()
        },
    );
    input
}

/// Runs `App::logic` only, as eframe does for a hidden window; returns
/// the window commands it sent.
fn logic_only(
    h: &mut Harness<'static, TimelineApp>,
    input: &egui::RawInput,
) -> Vec<ViewportCommand> {
    let ctx = h.ctx.clone();
    let mut frame = eframe::Frame::_new_kittest();
    let out = ctx.run_logic(input, |ctx| {
        eframe::App::logic(h.state_mut(), ctx, &mut frame);
    });
    out.viewport_commands
        .get(&ViewportId::ROOT)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn closing_a_hidden_window_with_unsaved_changes_asks_first_and_shows_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(edited_app(dir.path(), Clock::Input));
    h.run();
    let commands = logic_only(&mut h, &hidden(vec![ViewportEvent::Close]));
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "the close is vetoed: {commands:?}"
    );
    assert!(
        commands.contains(&ViewportCommand::Minimized(false))
            && commands.contains(&ViewportCommand::Focus),
        "the window comes back to ask: {commands:?}"
    );
    assert_eq!(h.state().pending(), Some(&Pending::Close));
    // Shown again, the question is there.
    h.run();
    h.get_by_label("Save your changes?");
}

#[test]
fn a_hidden_window_without_changes_closes_when_asked() {
    let mut h = harness(app());
    h.run();
    let commands = logic_only(&mut h, &hidden(vec![ViewportEvent::Close]));
    assert!(
        !commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert_eq!(h.state().pending(), None);
}

#[test]
fn a_termination_signal_while_hidden_keeps_the_changes_and_closes() {
    let dir = tempfile::tempdir().unwrap();
    let app = edited_app(dir.path(), Clock::Input);
    let flag = app.terminate_flag();
    let recovery_dir = dir.path().join("recovery");
    let path = app.path().unwrap().to_path_buf();
    let mut h = harness(app);
    h.run();
    // What the signal thread does (see `watch_termination_signals`).
    flag.store(true, Ordering::SeqCst);
    let commands = logic_only(&mut h, &hidden(Vec::new()));
    assert!(commands.contains(&ViewportCommand::Close), "{commands:?}");
    assert!(!commands.contains(&ViewportCommand::CancelClose));
    // On disk by the time the window closes.
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).expect("a copy");
    let kept = recovery::read(&copy).unwrap().timeline;
    assert_eq!(kept.events.len(), 77, "the unsaved deletion is in the copy");
    // The close that follows is not vetoed.
    let commands = logic_only(&mut h, &hidden(vec![ViewportEvent::Close]));
    assert!(
        !commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
}

#[test]
fn recovery_copies_are_written_while_the_window_is_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual();
    let app = edited_app(dir.path(), clock.clone());
    let copy = recovery::file_for(&dir.path().join("recovery"), app.path());
    let mut h = harness(app);
    h.run();
    // From now on the window is hidden: no `ui`, and egui's input time
    // stands still; the app's own clock moves on.
    let _ = logic_only(&mut h, &hidden(Vec::new()));
    clock.advance(RECOVERY_INTERVAL_S - 1.0);
    let _ = logic_only(&mut h, &hidden(Vec::new()));
    std::thread::sleep(Duration::from_millis(100));
    assert!(!copy.exists(), "not before the interval has passed");
    clock.advance(2.0);
    let start = Instant::now();
    let kept = loop {
        let _ = logic_only(&mut h, &hidden(Vec::new()));
        if let Some(t) = std::fs::read_to_string(&copy)
            .ok()
            .and_then(|text| io::parse_timeline(&text, "copy").ok())
        {
            break t;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no recovery copy"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(kept.events.len(), 77);
}

#[test]
fn ending_a_presentation_while_hidden_gives_the_zoom_back() {
    let mut h = harness_sized(app(), [1920.0, 1080.0]);
    h.run();
    let normal = h.ctx.zoom_factor();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(h.ctx.zoom_factor() > normal * 1.5, "presenting zooms");
    // The window is hidden, then the window manager closes it.
    let _ = logic_only(&mut h, &hidden(vec![ViewportEvent::Close]));
    assert!(h.state().presentation().is_none());
    assert!(
        (h.ctx.zoom_factor() - normal).abs() < 0.01,
        "the zoom remembered for the next run is the user's own"
    );
}
