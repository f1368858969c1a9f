//! egui only: reads [`AppState`], returns [`Command`]s. Never changes the
//! state itself and never touches the platform (the window does both).

pub mod about;
mod axis;
pub mod canvas;
pub mod catalogue;
pub mod column_map;
pub mod dialogs;
pub mod event_form;
pub mod event_table;
pub mod explore;
pub mod filter_panel;
pub mod help;
pub mod minimap;
pub mod network;
pub mod panels;
pub mod presentation;
pub mod relations;
pub mod shortcuts;
pub mod theme;
pub mod top_bar;

use egui::{Frame, Panel};

use crate::state::{AppState, Command};
use canvas::{CanvasInput, canvas_ui};
use minimap::MinimapCache;

/// What the window keeps between frames that is egui's business only.
#[derive(Default)]
pub struct UiState {
    minimap: MinimapCache,
    /// The selection reveal the table last scrolled to.
    reveal_seen: u64,
}

/// The whole window: reads the state, returns this frame's commands.
pub fn root_ui(ui: &mut egui::Ui, state: &AppState, ui_state: &mut UiState) -> Vec<Command> {
    let ctx = ui.ctx().clone();
    let mut commands: Vec<Command> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .take(1)
            .map(Command::Open)
            .collect()
    });
    let focus_search = shortcuts::keys_ui(&ctx, state, &mut commands);
    let reveal = std::mem::replace(&mut ui_state.reveal_seen, state.reveal_generation())
        != state.reveal_generation();
    let mut bar_commands = Vec::new();
    if let Some(p) = state.presentation() {
        Panel::top("presenter").show(ui, |ui| {
            presentation::presenter_bar_ui(ui, p, &mut bar_commands)
        });
    } else {
        top_bar::top_bar_ui(ui, state, &mut bar_commands);
    }
    // The windows' commands go before the bar's (what was typed in a form,
    // then what was asked for); they stay below the bar.
    let below_bar = ui.available_rect_before_wrap();
    dialogs::dialogs_ui(&ctx, below_bar, state, &mut commands);
    help::shortcuts_window_ui(&ctx, state, &mut commands);
    about::about_window_ui(&ctx, state, &mut commands);
    network::network_window_ui(&ctx, state, &mut commands);
    commands.append(&mut bar_commands);
    if state.presentation().is_none() {
        explore::explore_panels_ui(ui, state, reveal, focus_search, &mut commands);
    }
    egui::CentralPanel::default()
        .frame(Frame::NONE)
        .show(ui, |ui| {
            if state.timeline().events.is_empty() {
                ui.centered_and_justified(|ui| ui.label("This timeline has no events."));
            } else {
                let shown_pairs = state.shown_pairs();
                let input = CanvasInput::of(state, &shown_pairs);
                canvas_ui(ui, &input, &mut ui_state.minimap, &mut commands);
            }
        });
    if let Some(p) = state.presentation() {
        if p.blanked {
            presentation::blank_ui(&ctx, &mut commands);
        } else {
            presentation::card_ui(&ctx, state.timeline(), p);
        }
        if p.presenter_view {
            presentation::presenter_view_ui(&ctx, state, &mut commands);
        }
    }
    commands
}
