//! Edit ▸ Actors and categories: add, rename, edit and delete them. Every
//! change is an undoable edit; deleting an actor removes it from its
//! events in the same edit, and a category still in use is not deleted.

use egui::{RichText, ScrollArea, TextEdit};

use crate::model::edit::{self, Edit};
use crate::model::{Actor, ActorKind, Category, Timeline, slug};
use crate::state::{Catalogue, Command};

const KINDS: [(ActorKind, &str); 5] = [
    (ActorKind::State, "State"),
    (ActorKind::Government, "Government"),
    (ActorKind::Organisation, "Organisation"),
    (ActorKind::ArmedGroup, "Armed group"),
    (ActorKind::Person, "Person"),
];

fn kind_label(kind: ActorKind) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map_or("", |(_, l)| l)
}

fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { "item" } else { base };
    std::iter::once(base.to_string())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|id| !taken(id))
        .unwrap_or_default()
}

pub fn catalogue_ui(
    ctx: &egui::Context,
    state: &mut Catalogue,
    t: &Timeline,
    commands: &mut Vec<Command>,
) {
    let mut open = true;
    egui::Window::new("Actors and categories")
        .id(egui::Id::unique("catalogue"))
        .open(&mut open)
        .collapsible(false)
        .default_size([520.0, 560.0])
        .show(ctx, |ui| {
            if let Some(m) = &state.message {
                ui.label(RichText::new(m).color(ui.visuals().error_fg_color));
            }
            ui.columns(2, |cols| {
                actors_ui(&mut cols[0], state, t, commands);
                categories_ui(&mut cols[1], state, t, commands);
            });
        });
    if !open {
        commands.push(Command::CloseCatalogue);
    }
}

fn actors_ui(ui: &mut egui::Ui, state: &mut Catalogue, t: &Timeline, commands: &mut Vec<Command>) {
    ui.strong(format!("Actors ({})", t.actors.len()));
    ScrollArea::vertical()
        .id_salt("catalogue-actors")
        .max_height(220.0)
        .show(ui, |ui| {
            for (i, a) in t.actors.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("Edit")
                        .on_hover_text(format!("Edit {}", a.name))
                        .clicked()
                    {
                        state.actor = Some((Some(i), a.clone(), a.aliases.join(", ")));
                    }
                    if ui
                        .small_button("Delete")
                        .on_hover_text(format!("Delete {} (and remove it from its events)", a.name))
                        .clicked()
                    {
                        result(state, commands, edit::delete_actor(t, i));
                    }
                    ui.label(&a.name);
                });
            }
        });
    if ui.button("Add actor").clicked() {
        let actor = Actor {
            id: String::new(),
            name: String::new(),
            aliases: Vec::new(),
            kind: ActorKind::Organisation,
            title: None,
            affiliation: None,
        };
        state.actor = Some((None, actor, String::new()));
    }
    let Some((index, actor, aliases)) = &mut state.actor else {
        return;
    };
    ui.separator();
    ui.strong(if index.is_some() {
        "Edit actor"
    } else {
        "New actor"
    });
    let label = ui.label("Actor name");
    ui.add(TextEdit::singleline(&mut actor.name))
        .labelled_by(label.id);
    egui::ComboBox::new("actor-kind", "Kind")
        .selected_text(kind_label(actor.kind))
        .show_ui(ui, |ui| {
            for (k, l) in KINDS {
                ui.selectable_value(&mut actor.kind, k, l);
            }
        });
    let label = ui.label("Title or office");
    let mut title = actor.title.clone().unwrap_or_default();
    ui.add(TextEdit::singleline(&mut title))
        .labelled_by(label.id);
    actor.title = Some(title.trim().to_string()).filter(|s| !s.is_empty());
    let label = ui.label("Other names (comma-separated)");
    ui.add(TextEdit::singleline(aliases)).labelled_by(label.id);
    egui::ComboBox::new("actor-affiliation", "Acts for")
        .selected_text(
            actor
                .affiliation
                .as_deref()
                .map_or("(nobody)", |id| t.actor_name(id)),
        )
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut actor.affiliation, None, "(nobody)");
            for other in t.actors.iter().filter(|o| o.id != actor.id) {
                ui.selectable_value(&mut actor.affiliation, Some(other.id.clone()), &other.name);
            }
        });
    let name_ok = !actor.name.trim().is_empty();
    if !name_ok {
        ui.label(
            RichText::new("a name is needed")
                .color(ui.visuals().error_fg_color)
                .small(),
        );
    }
    let (mut apply, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        apply = ui
            .add_enabled(name_ok, egui::Button::new("Apply"))
            .clicked();
        cancel = ui.button("Cancel").clicked();
    });
    if apply {
        {
            let mut a = actor.clone();
            a.name = a.name.trim().to_string();
            a.aliases = aliases
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            let edit = match index {
                Some(i) => edit::update_actor(t, *i, a),
                None => {
                    a.id = unique(&slug(&a.name), |id| t.actor(id).is_some());
                    Ok(edit::add_actor(t, a))
                }
            };
            // The editor stays open until the app takes the change.
            result(state, commands, edit);
        }
    } else if cancel {
        state.actor = None;
    }
}

fn categories_ui(
    ui: &mut egui::Ui,
    state: &mut Catalogue,
    t: &Timeline,
    commands: &mut Vec<Command>,
) {
    ui.strong(format!("Categories ({})", t.categories.len()));
    for (i, c) in t.categories.iter().enumerate() {
        ui.horizontal(|ui| {
            if ui
                .small_button("Edit")
                .on_hover_text(format!("Rename {}", c.name))
                .clicked()
            {
                state.category = Some((Some(i), c.clone()));
            }
            if ui
                .small_button("Delete")
                .on_hover_text(format!("Delete {}", c.name))
                .clicked()
            {
                result(state, commands, edit::delete_category(t, i));
            }
            ui.label(&c.name);
        });
    }
    if ui.button("Add category").clicked() {
        state.category = Some((
            None,
            Category {
                id: String::new(),
                name: String::new(),
            },
        ));
    }
    let Some((index, category)) = &mut state.category else {
        return;
    };
    ui.separator();
    let label = ui.label(if index.is_some() {
        "Rename category"
    } else {
        "New category"
    });
    ui.add(TextEdit::singleline(&mut category.name))
        .labelled_by(label.id);
    let name_ok = !category.name.trim().is_empty();
    let (mut apply, mut cancel) = (false, false);
    ui.horizontal(|ui| {
        apply = ui
            .add_enabled(name_ok, egui::Button::new("Apply category"))
            .clicked();
        cancel = ui.button("Cancel").clicked();
    });
    if apply {
        {
            let mut c = category.clone();
            c.name = c.name.trim().to_string();
            let edit = match index {
                Some(i) => edit::update_category(t, *i, c),
                None => {
                    c.id = unique(&slug(&c.name), |id| t.category(id).is_some());
                    Ok(edit::add_category(t, c))
                }
            };
            result(state, commands, edit);
        }
    } else if cancel {
        state.category = None;
    }
}

/// A change to apply, or why it cannot be made (shown in the window).
fn result(state: &mut Catalogue, commands: &mut Vec<Command>, edit: Result<Edit, edit::EditError>) {
    match edit {
        Ok(e) => {
            state.message = None;
            commands.push(Command::ApplyCatalogueEdit(e));
        }
        Err(e) => state.message = Some(e.to_string()),
    }
}
