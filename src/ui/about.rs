//! "About this timeline": its title and description and the source
//! document it analyses (title, outlet, date, link). A TimelineJS file's
//! title slide is its title and description.

use egui::RichText;

use crate::io::is_openable_url;
use crate::model::{Timeline, group_thousands};
use crate::state::{AppState, Command};

/// The window, when asked for (the title in the top bar, or File ▸ About
/// this timeline).
pub fn about_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    if !state.shows_about() {
        return;
    }
    let mut open = true;
    egui::Window::new("About this timeline")
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.7)
                .show(ui, |ui| about_ui(ui, state.timeline(), commands));
        });
    if !open {
        commands.push(Command::ToggleAbout);
    }
}

pub fn about_ui(ui: &mut egui::Ui, t: &Timeline, commands: &mut Vec<Command>) {
    ui.label(
        RichText::new(&t.title)
            .heading()
            .strong()
            .family(super::theme::bold_family(ui.ctx())),
    );
    ui.label(
        RichText::new(format!(
            "{} events, {} actors",
            group_thousands(t.events.len() as u64),
            group_thousands(t.actors.len() as u64)
        ))
        .weak(),
    );
    ui.add_space(6.0);
    if t.description.trim().is_empty() {
        ui.label(RichText::new("This timeline has no description.").weak());
    } else {
        ui.label(&t.description);
    }
    ui.add_space(10.0);
    ui.label(RichText::new("Source document").strong());
    match &t.source_document {
        Some(doc) => {
            match &doc.url {
                Some(url) if is_openable_url(url) => {
                    if ui.link(&doc.title).on_hover_text(url).clicked() {
                        commands.push(Command::OpenLink(url.clone()));
                    }
                }
                _ => {
                    ui.label(&doc.title);
                }
            }
            if let Some(by) = doc.byline() {
                ui.label(by);
            }
            if let Some(url) = &doc.url {
                ui.label(RichText::new(url).weak().small());
            }
        }
        None => {
            ui.label(
                RichText::new(
                    "None named: the events are not the analysis of one document. \
                     Each event's own sources are in its details.",
                )
                .weak(),
            );
        }
    }
}
