//! The windows over the main view: the event form, the actors and
//! categories window, the CSV column chooser, the unsaved-changes
//! question and the offer to recover a crashed session's changes. Each
//! edits a copy of its data and sends it back as a command.

use egui::RichText;

use super::catalogue::catalogue_ui;
use super::column_map::column_map_ui;
use super::event_form::event_form_ui;
use crate::io::recovery::RecoveryCopy;
use crate::state::{Answer, AppState, Command, Pending};

/// `area` is the window below the menu bar: the event form stays in it.
pub fn dialogs_ui(
    ctx: &egui::Context,
    area: egui::Rect,
    state: &AppState,
    commands: &mut Vec<Command>,
) {
    // Each window edits a copy; the copy goes back first, so that what the
    // window asks for (apply, open) sees this frame's typing.
    if let Some(form) = state.form() {
        let (mut edited, mut asked) = (form.clone(), Vec::new());
        event_form_ui(
            ctx,
            area,
            &mut edited,
            state.timeline(),
            state.data_generation(),
            &mut asked,
        );
        if edited != *form {
            commands.push(Command::UpdateForm(Box::new(edited)));
        }
        commands.extend(asked);
    }
    if let Some(catalogue) = state.catalogue() {
        let (mut edited, mut asked) = (catalogue.clone(), Vec::new());
        catalogue_ui(ctx, &mut edited, state.timeline(), &mut asked);
        if edited != *catalogue {
            commands.push(Command::UpdateCatalogue(Box::new(edited)));
        }
        commands.extend(asked);
    }
    if let Some(choice) = state.column_choice() {
        let (mut edited, mut asked) = (choice.clone(), Vec::new());
        column_map_ui(ctx, &mut edited, &mut asked);
        if edited != *choice {
            commands.push(Command::UpdateColumnChoice(edited));
        }
        commands.extend(asked);
    }
    if let Some(pending) = state.pending() {
        pending_ui(ctx, pending, &state.source_name(), commands);
    } else if let Some(copy) = state.offered_recovery() {
        recovery_offer_ui(ctx, copy, commands);
    }
}

fn pending_ui(ctx: &egui::Context, pending: &Pending, name: &str, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("unsaved-question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match pending {
            Pending::DiskChanged => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{name} was changed by another program, and you have edits that are not saved. Which version do you want?"
                ));
                ui.horizontal(|ui| {
                    if ui
                        .button("Keep my edits")
                        .on_hover_text("The file on disk stays as it is until you save")
                        .clicked()
                    {
                        commands.push(Command::Answer(Answer::KeepMine));
                    }
                    if ui
                        .button("Load the file from disk")
                        .on_hover_text("Your unsaved edits are dropped")
                        .clicked()
                    {
                        commands.push(Command::Answer(Answer::LoadFromDisk));
                    }
                });
            }
            other => {
                let what = match other {
                    Pending::Close => "closing",
                    Pending::Restore(_) => "restoring the recovered changes",
                    _ => "opening another timeline",
                };
                ui.heading("Save your changes?");
                ui.label(format!("Save the changes to {name} before {what}?"));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        commands.push(Command::Answer(Answer::Save));
                    }
                    if ui.button("Don't save").clicked() {
                        commands.push(Command::Answer(Answer::Discard));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::Answer(Answer::Cancel));
                    }
                });
            }
        }
    });
}

fn recovery_offer_ui(ctx: &egui::Context, copy: &RecoveryCopy, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Recover unsaved changes?");
        let what = copy
            .original
            .as_ref()
            .map_or("a timeline that was never saved".to_string(), |p| {
                p.display().to_string()
            });
        let when = copy
            .written
            .map(|t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        ui.label(format!(
            "Timeline Explorer stopped with unsaved changes to {what}. A copy from {when} was kept."
        ));
        if copy.base_changed {
            ui.label(
                RichText::new(
                    "The file has changed since (or is gone): the changes will be replayed on \
                     the file as it is now, and saving then replaces what changed in it.",
                )
                .color(ui.visuals().warn_fg_color),
            );
        }
        ui.label(
            RichText::new(copy.file.display().to_string())
                .weak()
                .small(),
        );
        ui.horizontal(|ui| {
            let restore = if copy.base_changed {
                "Restore them anyway"
            } else {
                "Restore the changes"
            };
            if ui.button(restore).clicked() {
                commands.push(Command::RestoreRecovery);
            }
            if ui.button("Discard them").clicked() {
                commands.push(Command::DiscardRecovery);
            }
        });
    });
}
