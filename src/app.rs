//! The eframe shell. `logic()` runs every frame, visible or not: the
//! results of background work, termination signals, the close question,
//! timers (recovery copies, animations), the window's title. `ui()` draws
//! (reading the state), then applies the frame's commands, then performs
//! their effects.

mod platform;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::Receiver;
use std::time::Instant;

use crate::layout::metrics;
use crate::state::{
    AppState, Command, Effect, ExportKind, JobDone, OpenPurpose, PersistedState, SavePurpose,
    ThemeChoice, decode_state, encode_state,
};
use crate::ui::{self, UiState};

pub use platform::{dialog_available, save_png};

const STORAGE_KEY: &str = "timeline-explorer-state";

/// The app's clock, in seconds.
#[derive(Clone)]
pub enum Clock {
    /// Since the app started: what the window uses (egui's own input time
    /// stands still while the window is hidden, so timers could not run).
    System(Instant),
    /// egui's input time: what a test harness steps.
    Input,
    /// A clock a test moves; seconds as `f64` bits.
    Manual(Arc<AtomicU64>),
}

impl Clock {
    pub fn system() -> Self {
        Clock::System(Instant::now())
    }

    /// A clock that stands still until [`Clock::advance`] moves it.
    pub fn manual() -> Self {
        Clock::Manual(Arc::new(AtomicU64::new(0f64.to_bits())))
    }

    pub fn now_s(&self, ctx: &egui::Context) -> f64 {
        match self {
            Clock::System(start) => start.elapsed().as_secs_f64(),
            Clock::Input => ctx.input(|i| i.time),
            Clock::Manual(s) => f64::from_bits(s.load(Ordering::SeqCst)),
        }
    }

    /// Moves a manual clock forward (does nothing to the system clock).
    pub fn advance(&self, seconds: f64) {
        if let Clock::Manual(s) = self {
            let now = f64::from_bits(s.load(Ordering::SeqCst)) + seconds;
            s.store(now.to_bits(), Ordering::SeqCst);
        }
    }
}

/// The window's zoom and theme from before presenting, to restore after.
#[derive(Clone, Copy, Debug, Default)]
struct Chrome {
    zoom_before: Option<f32>,
    /// The theme last given to egui.
    theme_applied: Option<egui::ThemePreference>,
    /// The remembered interface scale was given to egui.
    scale_applied: bool,
}

pub struct TimelineApp {
    state: AppState,
    ui_state: UiState,
    clock: Clock,
    /// Set by the termination-signal thread.
    terminate: Arc<AtomicBool>,
    chrome: Chrome,
    /// Where the requested screenshot will arrive.
    screenshot: Option<Receiver<Arc<egui::ColorImage>>>,
    title_shown: Option<String>,
    /// The context the state's background work wakes.
    waker_for: Option<egui::Context>,
    /// Look for a system bold face for titles (off in tests, whose images
    /// must not depend on the machine's fonts or on when they are found).
    system_fonts: bool,
}

impl TimelineApp {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            ui_state: UiState::default(),
            clock: Clock::system(),
            terminate: Arc::default(),
            chrome: Chrome::default(),
            screenshot: None,
            title_shown: None,
            waker_for: None,
            system_fonts: false,
        }
    }

    /// The app on a clock the caller moves (tests).
    pub fn with_clock(state: AppState, clock: Clock) -> Self {
        Self {
            clock,
            ..Self::new(state)
        }
    }

    /// The app as eframe starts it: `file` from the command line wins over
    /// the file remembered from the last run.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let stored = cc.storage.and_then(|s| s.get_string(STORAGE_KEY));
        let remembered = match stored.as_deref().map(decode_state) {
            Some(Ok(state)) => state,
            Some(Err(e)) => {
                log::warn!("starting afresh: {e}");
                PersistedState::default()
            }
            None => PersistedState::default(),
        };
        let mut state = AppState::restored(&remembered, file);
        let recovery = dirs::data_dir().map(|d| d.join("timeline-explorer").join("recovery"));
        let _ = state.apply(Command::SetRecoveryFolder(recovery));
        let _ = state.apply(Command::FollowFileOnDisk(true));
        let mut app = Self::new(state);
        app.system_fonts = true;
        app.watch_termination_signals(&cc.egui_ctx);
        app
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn state_mut(&mut self) -> &mut AppState {
        &mut self.state
    }

    /// What a termination signal sets (see [`Self::watch_termination_signals`]).
    pub fn terminate_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.terminate)
    }

    /// SIGTERM, SIGINT or SIGHUP (logout, shutdown, Ctrl+C in the terminal)
    /// end the app the orderly way: unsaved changes are kept as a recovery
    /// copy, the state is remembered. Handled in `logic`, so a minimized
    /// window ends as well as a visible one.
    #[cfg(unix)]
    pub fn watch_termination_signals(&self, ctx: &egui::Context) {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = match signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) {
            Ok(s) => s,
            Err(e) => {
                log::warn!("cannot watch for termination signals: {e}");
                return;
            }
        };
        let (flag, ctx) = (self.terminate_flag(), ctx.clone());
        std::thread::spawn(move || {
            if signals.forever().next().is_some() {
                flag.store(true, Ordering::SeqCst);
                ctx.request_repaint();
            }
        });
    }

    #[cfg(not(unix))]
    pub fn watch_termination_signals(&self, _ctx: &egui::Context) {}

    /// Background work wakes this context (so that `logic` runs).
    fn connect(&mut self, ctx: &egui::Context) {
        if self.waker_for.as_ref() != Some(ctx) {
            let repaint = ctx.clone();
            self.state
                .set_waker(Arc::new(move || repaint.request_repaint()));
            self.waker_for = Some(ctx.clone());
            ctx.set_fonts(ui::theme::fonts_with_bold_family());
            if self.system_fonts {
                // Enumerating the system's fonts takes a moment: titles are
                // drawn regular until the bold face is found.
                let ctx = ctx.clone();
                std::thread::spawn(move || match crate::io::system_fonts::bold_sans() {
                    Some(face) => {
                        log::debug!("titles in {}", face.name);
                        ctx.add_font(ui::theme::bold_face_insert(face));
                        ctx.request_repaint();
                    }
                    None => log::info!("no bold system font: titles stay regular"),
                });
            }
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        let effects = self.state.apply(command);
        self.perform(ctx, effects);
    }

    /// Does what the state asked of the platform.
    fn perform(&mut self, ctx: &egui::Context, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::PickFile(purpose) => {
                    if let Some(path) = platform::pick_timeline_file() {
                        let command = match purpose {
                            OpenPurpose::Open => Command::Open(path),
                            OpenPurpose::ChooseColumns => Command::ChooseColumns(path),
                        };
                        self.apply(ctx, command);
                    }
                }
                Effect::PickSavePath {
                    suggested_name,
                    purpose,
                } => {
                    if let Some(destination) = platform::pick_save_path(&suggested_name, purpose) {
                        let command = match purpose {
                            SavePurpose::SaveAs => Command::SaveAs(Some(destination)),
                            SavePurpose::Export(kind) => Command::ExportTo(kind, destination),
                        };
                        self.apply(ctx, command);
                    }
                }
                Effect::Screenshot => {
                    let (tx, rx) = std::sync::mpsc::channel();
                    let repaint = ctx.clone();
                    ctx.request_screenshot(move |image| {
                        // The receiver is gone only if the app was closed meanwhile.
                        let _ = tx.send(image);
                        repaint.request_repaint();
                    });
                    self.screenshot = Some(rx);
                }
                Effect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::CancelClose => ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose),
                Effect::Show => {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
                    ctx.send_viewport_cmd(egui::ViewportCommand::Visible(true));
                    ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
                }
                Effect::ToggleFullscreen => {
                    let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
                }
                Effect::CopyText(text) => ctx.copy_text(text),
                Effect::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
                Effect::WakeAfter(seconds) => ctx.request_repaint_after_secs(seconds as f32),
            }
        }
    }

    /// Saves a screenshot once it arrives: asks where, then writes it on a
    /// worker and reports back like any export.
    fn receive_screenshot(&mut self) {
        let Some(image) = self.screenshot.as_ref().and_then(|rx| rx.try_recv().ok()) else {
            return;
        };
        self.screenshot = None;
        let Some(destination) = platform::pick_image_path(&self.state.timeline().title) else {
            return;
        };
        let sender = self.state.job_sender();
        std::thread::spawn(move || {
            let result = save_png(&image, &destination.path).map(|()| Vec::new());
            sender.send(JobDone::Exported {
                kind: ExportKind::Image,
                destination,
                result,
                as_copy: false,
            });
        });
    }

    /// While presenting: the whole window zoomed so that text is large on a
    /// projector (body text at least 24 px at 1920×1080, growing with the
    /// window), in the projector theme with pure black or white text.
    /// Otherwise the user's theme and zoom.
    fn sync_chrome(&mut self, ctx: &egui::Context) {
        match (self.state.presentation(), self.chrome.zoom_before) {
            (Some(p), before) => {
                let zoom = before.unwrap_or_else(|| ctx.zoom_factor());
                self.chrome.zoom_before = Some(zoom);
                let native_ppp = ctx.pixels_per_point() / ctx.zoom_factor();
                let height_px = ctx.content_rect().height() * ctx.pixels_per_point();
                let wanted =
                    (metrics::PRESENT_ZOOM_AT_1080P * height_px / 1080.0 / native_ppp).max(1.0);
                if (wanted - ctx.zoom_factor()).abs() > 0.02 {
                    ctx.set_zoom_factor(wanted);
                }
                let (theme, text) = if p.light {
                    (egui::Theme::Light, egui::Color32::BLACK)
                } else {
                    (egui::Theme::Dark, egui::Color32::WHITE)
                };
                self.set_theme(ctx, theme.into());
                if ctx.style_of(theme).visuals.override_text_color != Some(text) {
                    ctx.style_mut_of(theme, |s| s.visuals.override_text_color = Some(text));
                }
            }
            (None, Some(zoom)) => {
                // Set at once rather than at the next pass: a hidden window
                // may close (and remember its zoom) before it has another.
                ctx.options_mut(|o| o.zoom_factor = zoom);
                ctx.request_repaint();
                for t in [egui::Theme::Light, egui::Theme::Dark] {
                    ctx.style_mut_of(t, |s| s.visuals.override_text_color = None);
                }
                self.chrome.zoom_before = None;
                self.set_theme(ctx, preference(self.state.theme()));
            }
            (None, None) => {
                self.set_theme(ctx, preference(self.state.theme()));
                self.sync_scale(ctx);
            }
        }
    }

    /// The interface scale: the remembered one at the start; then what
    /// egui's keys (Ctrl +/−/0) make it, remembered (within bounds).
    fn sync_scale(&mut self, ctx: &egui::Context) {
        let zoom = ctx.zoom_factor();
        if !self.chrome.scale_applied {
            self.chrome.scale_applied = true;
            if (zoom - self.state.ui_scale()).abs() > 0.001 {
                ctx.set_zoom_factor(self.state.ui_scale());
            }
        } else if (zoom - self.state.ui_scale()).abs() > 0.001 {
            let _ = self.state.apply(Command::SetUiScale(zoom));
            if (self.state.ui_scale() - zoom).abs() > 0.001 {
                ctx.set_zoom_factor(self.state.ui_scale());
            }
        }
    }

    fn set_theme(&mut self, ctx: &egui::Context, theme: egui::ThemePreference) {
        if self.chrome.theme_applied != Some(theme) {
            ctx.set_theme(theme);
            self.chrome.theme_applied = Some(theme);
        }
    }
}

fn preference(theme: ThemeChoice) -> egui::ThemePreference {
    match theme {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    }
}

impl TimelineApp {
    /// What `App::logic` does: background results, signals, the close
    /// question, timers, the title. Runs whether or not the window is shown.
    pub fn logic_ctx(&mut self, ctx: &egui::Context) {
        self.connect(ctx);
        let effects = self.state.poll_jobs();
        self.perform(ctx, effects);
        if self.terminate.swap(false, Ordering::SeqCst) {
            self.apply(ctx, Command::Terminate);
        }
        if ctx.input(|i| i.viewport().close_requested()) {
            self.apply(ctx, Command::CloseRequested);
        }
        let now_s = self.clock.now_s(ctx);
        self.apply(ctx, Command::Tick { now_s });
        let title = self.state.window_title();
        if self.title_shown.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_shown = Some(title);
        }
        // Here rather than in `ui`: a presentation ended while the window is
        // hidden (closing, a signal) gives the zoom and theme back too.
        self.sync_chrome(ctx);
    }

    /// What `App::ui` does: draws, then applies the frame's commands.
    pub fn ui_frame(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.receive_screenshot();
        let commands = ui::root_ui(ui, &self.state, &mut self.ui_state);
        if !commands.is_empty() {
            // The next frame shows what they changed.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
    }

    /// One whole frame, as eframe runs it for a visible window (benchmarks
    /// and tests without eframe).
    pub fn frame(&mut self, ui: &mut egui::Ui) {
        self.logic_ctx(&ui.ctx().clone());
        self.ui_frame(ui);
    }
}

/// The shell is a thin wrapper: reading it reads the state.
impl std::ops::Deref for TimelineApp {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.state
    }
}

impl std::ops::DerefMut for TimelineApp {
    fn deref_mut(&mut self) -> &mut AppState {
        &mut self.state
    }
}

impl eframe::App for TimelineApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.logic_ctx(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.ui_frame(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        match encode_state(&self.state.persisted_state()) {
            Ok(text) => storage.set_string(STORAGE_KEY, text),
            // Keep what was stored rather than overwrite it with nothing.
            Err(e) => log::error!("the app's state was not remembered: {e}"),
        }
    }
}
