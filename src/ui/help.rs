//! The list of keyboard shortcuts (F1 or `?`): every action of the one
//! key table, with its keys as this platform writes them.

use egui::{Grid, RichText};

use super::shortcuts::keys_text;
use crate::state::{Action, AppState, Command};

/// The window listing the shortcuts, when it is asked for.
pub fn shortcuts_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    if !state.shows_shortcuts() {
        return;
    }
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.horizontal_top(|ui| {
                section_ui(ui, "Exploring", false);
                ui.add_space(24.0);
                ui.vertical(|ui| {
                    section_ui(ui, "Presenting", true);
                    ui.add_space(12.0);
                    ui.label(RichText::new("Interface scale").strong());
                    Grid::new("scale-keys").num_columns(2).show(ui, |ui| {
                        for (what, keys) in scale_keys(ctx) {
                            ui.label(what);
                            ui.label(RichText::new(keys).monospace());
                            ui.end_row();
                        }
                    });
                });
            });
        });
    if !open {
        commands.push(Command::ToggleShortcuts);
    }
}

/// One mode's actions and their keys.
fn section_ui(ui: &mut egui::Ui, title: &str, presenting: bool) {
    ui.vertical(|ui| {
        ui.label(RichText::new(title).strong());
        Grid::new(title)
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                for action in Action::ALL
                    .into_iter()
                    .filter(|a| a.while_presenting() == presenting || a.in_both_modes())
                {
                    ui.label(action.label());
                    ui.label(RichText::new(keys_text(ui.ctx(), action)).monospace());
                    ui.end_row();
                }
            });
    });
}

/// egui's own keys for the interface scale (remembered between runs).
fn scale_keys(ctx: &egui::Context) -> [(&'static str, String); 3] {
    use egui::gui_zoom::kb_shortcuts;
    [
        ("Larger", ctx.format_shortcut(&kb_shortcuts::ZOOM_IN)),
        ("Smaller", ctx.format_shortcut(&kb_shortcuts::ZOOM_OUT)),
        (
            "Normal size",
            ctx.format_shortcut(&kb_shortcuts::ZOOM_RESET),
        ),
    ]
}
