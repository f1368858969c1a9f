//! Choosing which columns of a CSV table hold what, when the header names
//! do not say (the window's version of `--map`).

use egui::RichText;

use crate::io::csv_table::Field;
use crate::state::{CHOOSABLE_FIELDS, ColumnChoice, Command};

fn field_label(f: Field) -> &'static str {
    match f {
        Field::Start => "Date (or start)",
        Field::End => "End",
        Field::Title => "Title",
        Field::Description => "Description",
        Field::Category => "Category",
        Field::Location => "Location",
        Field::Source => "Source",
        Field::Url => "Web address",
        Field::Certainty => "Certainty",
        _ => f.name(),
    }
}

pub fn column_map_ui(ctx: &egui::Context, choice: &mut ColumnChoice, commands: &mut Vec<Command>) {
    let mut open = true;
    let name = choice
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    egui::Window::new("Which columns hold what?")
        .id(egui::Id::unique("column-map"))
        .open(&mut open)
        .collapsible(false)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| {
            ui.label(format!(
                "{name} is a table whose column names were not all recognised. Choose the column with the dates, and any others you want."
            ));
            egui::Grid::new("column-map-grid")
                .num_columns(2)
                .show(ui, |ui| {
                    for (i, f) in CHOOSABLE_FIELDS.iter().enumerate() {
                        let label = ui.label(field_label(*f));
                        let current = choice.chosen[i]
                            .map_or("(none)", |c| choice.headers[c].as_str())
                            .to_string();
                        egui::ComboBox::new(("column-for", i), "")
                            .selected_text(current)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut choice.chosen[i], None, "(none)");
                                for (c, h) in choice.headers.iter().enumerate() {
                                    ui.selectable_value(&mut choice.chosen[i], Some(c), h);
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        ui.end_row();
                    }
                    ui.label("Actors");
                    ui.horizontal_wrapped(|ui| {
                        for (h, on) in choice.headers.iter().zip(choice.actors.iter_mut()) {
                            ui.checkbox(on, h);
                        }
                    });
                    ui.end_row();
                });
            let map = choice.map();
            if map.is_none() {
                ui.label(
                    RichText::new("choose the column with the dates")
                        .color(ui.visuals().error_fg_color),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(map.is_some(), egui::Button::new("Open with these columns"))
                    .clicked()
                    && let Some(map) = map
                {
                    commands.push(Command::OpenWithColumns(choice.path.clone(), map));
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseColumnChoice);
                }
            });
        });
    if !open {
        commands.push(Command::CloseColumnChoice);
    }
}
