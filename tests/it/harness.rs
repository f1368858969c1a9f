//! One harness for every UI test: the real app (`eframe::App`, so that
//! `logic` runs as well as `ui`) on a clock the test moves, plus helpers for
//! waiting on background work and finding fields.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use timeline_explorer::app::Clock;
use timeline_explorer::io;
use timeline_explorer::state::{Action, AppState};
use timeline_explorer::{Command, TimelineApp};

pub const SIZE: [f32; 2] = [1600.0, 1000.0];

/// The app on the built-in dataset, on the harness's clock (each step
/// moves it on).
pub fn app() -> TimelineApp {
    app_with(AppState::new())
}

/// The app on a given state, on the harness's clock.
pub fn app_with(state: AppState) -> TimelineApp {
    TimelineApp::with_clock(state, Clock::Input)
}

/// A window of the default size running `app`.
pub fn harness(app: TimelineApp) -> Harness<'static, TimelineApp> {
    harness_sized(app, SIZE)
}

pub fn harness_sized(app: TimelineApp, size: [f32; 2]) -> Harness<'static, TimelineApp> {
    // Background work and the first frame's theme ask for a few more frames
    // than a plain ui does.
    Harness::builder()
        .with_size(size)
        .with_max_steps(16)
        .build_eframe(move |_cc| app)
}

/// Steps frames until `done` holds (background loads, saves, the file
/// watcher), at most ten seconds.
pub fn wait_for(
    h: &mut Harness<'static, TimelineApp>,
    what: &str,
    done: impl Fn(&TimelineApp) -> bool,
) {
    let start = Instant::now();
    while !done(h.state()) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(20));
    }
    h.run_steps(2);
}

/// Waits for every background job of the app to finish, then steps.
pub fn settle(h: &mut Harness<'static, TimelineApp>) {
    wait_for(h, "background work", |app| app.jobs_running() == 0);
}

/// Waits (at most ten seconds) until `found` gives something.
pub fn wait_until<T>(what: &str, found: impl Fn() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(t) = found() {
            return t;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Applies a command to a state and waits for the background work it
/// starts (loads, saves, edits of large timelines).
pub fn apply_and_settle(state: &mut AppState, command: Command) {
    let _ = state.apply(command);
    let _ = state.settle(Duration::from_secs(10));
}

/// Opens a file and waits until it is shown (or refused).
pub fn open_now(state: &mut AppState, path: &Path) {
    apply_and_settle(state, Command::Open(path.to_path_buf()));
}

/// The notice as shown, with shortcuts named by their action.
pub fn notice_text(state: &AppState) -> Option<String> {
    state
        .notice()
        .map(|n| n.message(&|a: Action| format!("{a:?}")))
}

/// Why the last file did not open, as the banner lists it.
pub fn error_lines(state: &AppState) -> Vec<String> {
    state.load_error().map(|e| e.lines()).unwrap_or_default()
}

/// A text field of a form, by its label (the table also has a "Title").
pub fn field<'a>(h: &'a Harness<'static, TimelineApp>, label: &'a str) -> egui_kittest::Node<'a> {
    use egui::accesskit::Role;
    h.query_by_role_and_label(Role::TextInput, label)
        .or_else(|| h.query_by_role_and_label(Role::MultilineTextInput, label))
        .unwrap_or_else(|| panic!("no text field labelled {label:?}"))
}

/// A copy of the article in a folder.
pub fn article_file(dir: &Path) -> PathBuf {
    let path = dir.join("article.ron");
    io::save_timeline(&path, &io::builtin_timeline().unwrap()).unwrap();
    path
}

/// The app as it was when `state` was saved, on the harness's clock.
pub fn app_restored(
    state: &timeline_explorer::state::PersistedState,
    file: Option<PathBuf>,
) -> TimelineApp {
    app_with(AppState::restored(state, file))
}
