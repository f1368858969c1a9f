//! The event form: every attribute of an event, the parsed date shown at
//! its precision as you type, an actor picker, sources as an editable
//! list, and each problem explained next to its field. The form cannot be
//! applied while anything is wrong.

use egui::{RichText, ScrollArea, TextEdit};

use crate::layout::metrics;
use crate::model::edit::{DraftField, EventDraft, SourceDraft};
use crate::model::{Certainty, Provenance, Timeline};
use crate::state::{Action, Command, EventForm};

fn problems_ui(ui: &mut egui::Ui, problems: &[(DraftField, String)], field: DraftField) {
    for (_, message) in problems.iter().filter(|(f, _)| *f == field) {
        ui.label(RichText::new(message).color(ui.visuals().error_fg_color));
    }
}

/// A text field whose id does not depend on what is drawn before it: a
/// message appearing above must never take the keyboard away from it.
fn text_field<'t>(value: &'t mut String, label: &str) -> TextEdit<'t> {
    TextEdit::singleline(value).id_salt(("event-form", label))
}

/// A labelled one-line text field with its problems under it (they move
/// the fields below, never this one).
fn text_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    hint: &str,
    value: &mut String,
    problems: &[(DraftField, String)],
    field: Option<DraftField>,
) -> egui::Response {
    let label_response = ui.label(label);
    let response = ui
        .vertical(|ui| {
            let response = ui
                .add(
                    text_field(value, label)
                        .hint_text(hint)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label_response.id);
            if let Some(f) = field {
                problems_ui(ui, problems, f);
            }
            response
        })
        .inner;
    ui.end_row();
    response
}

fn multiline_row_ui(ui: &mut egui::Ui, label: &str, hint: &str, value: &mut String) {
    let label_response = ui.label(label);
    ui.add(
        TextEdit::multiline(value)
            .id_salt(("event-form", label))
            .hint_text(hint)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label_response.id);
    ui.end_row();
}

/// A date field with one line under it, always there: how the date was
/// read, or why it was not. The line never comes and goes, so the form
/// does not jump while a date is typed.
fn date_row_ui(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut String,
    problems: &[(DraftField, String)],
    field: DraftField,
) {
    let label_response = ui.label(label);
    ui.vertical(|ui| {
        ui.add(
            text_field(value, label)
                .hint_text("3 Nov 2025, Nov 2025, 2025 or 300 BCE")
                .desired_width(metrics::DATE_FIELD_WIDTH_PT),
        )
        .labelled_by(label_response.id);
        // Read from what is in the field now, not from last frame's check.
        let problem = problems
            .iter()
            .filter(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        let line = match EventDraft::parse_date(value) {
            Some(Err(e)) => Some(RichText::new(e).color(ui.visuals().error_fg_color)),
            _ if !problem.is_empty() => {
                Some(RichText::new(problem).color(ui.visuals().error_fg_color))
            }
            Some(Ok(d)) => {
                Some(RichText::new(format!("{} (to the {})", d.display(), d.precision())).weak())
            }
            None => None,
        };
        let height = ui.text_style_height(&egui::TextStyle::Body);
        match line {
            Some(text) => {
                let full = text.text().to_string();
                ui.add(egui::Label::new(text).truncate())
                    .on_hover_text(full);
            }
            None => {
                ui.allocate_exact_size(egui::vec2(1.0, height), egui::Sense::hover());
            }
        }
    });
    ui.end_row();
}

/// The form as a window; what the user does becomes commands.
/// `area` is where it may go: below the menu bar, never over it.
pub fn event_form_ui(
    ctx: &egui::Context,
    area: egui::Rect,
    form: &mut EventForm,
    t: &Timeline,
    data_generation: u64,
    commands: &mut Vec<Command>,
) {
    let before = form.draft.clone();
    let checked = form.check(t, data_generation);
    let problems: Vec<(DraftField, String)> = checked.clone().err().unwrap_or_default();
    let title = if form.editing.is_some() {
        "Edit event"
    } else {
        "New event"
    };
    let mut open = true;
    egui::Window::new(title)
        .id(egui::Id::unique("event-form"))
        .open(&mut open)
        .collapsible(false)
        .constrain_to(area)
        .default_pos(area.left_top() + egui::vec2(24.0, 12.0))
        .default_size([560.0, 640.0])
        .show(ctx, |ui| {
            ScrollArea::vertical()
                .max_height(area.height() * 0.8)
                .show(ui, |ui| {
                    egui::Grid::new("event-form-grid")
                        .num_columns(2)
                        .spacing([10.0, 6.0])
                        .show(ui, |ui| fields_ui(ui, form, t, &problems));
                    sources_ui(ui, form, &problems);
                });
            ui.separator();
            ui.horizontal(|ui| {
                let verb = if form.editing.is_some() {
                    "Apply changes"
                } else {
                    "Add event"
                };
                let keys = super::shortcuts::shortcut_text(ui.ctx(), Action::ApplyForm);
                let apply = ui
                    .add_enabled(checked.is_ok(), egui::Button::new(verb))
                    .on_hover_text(keys)
                    .on_disabled_hover_text("Fix the fields marked in red first");
                if apply.clicked() && checked.is_ok() {
                    commands.push(Command::SubmitForm);
                }
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CloseForm);
                }
                if !problems.is_empty() {
                    ui.label(
                        RichText::new(format!(
                            "{} thing{} to fix",
                            problems.len(),
                            if problems.len() == 1 { "" } else { "s" }
                        ))
                        .color(ui.visuals().error_fg_color),
                    );
                }
            });
        });
    if !open || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseForm);
        return;
    }
    // Ctrl+Enter from any field. It is asked for after this frame's typing
    // (the state takes the edited form first and checks it again).
    let apply_keys = super::shortcuts::keys_of(Action::ApplyForm);
    if ctx.input_mut(|i| apply_keys.iter().any(|k| i.consume_shortcut(k))) {
        commands.push(Command::SubmitForm);
    }
    // What was typed is checked on the next frame, at once: messages never
    // lag a keystroke behind.
    if form.draft != before {
        ctx.request_repaint();
    }
}

fn fields_ui(
    ui: &mut egui::Ui,
    form: &mut EventForm,
    t: &Timeline,
    problems: &[(DraftField, String)],
) {
    let d = &mut form.draft;
    let title = text_row_ui(
        ui,
        "Title",
        "what happened, in a few words",
        &mut d.title,
        problems,
        Some(DraftField::Title),
    );
    if std::mem::take(&mut form.focus_title) {
        title.request_focus();
    }
    let d = &mut form.draft;
    date_row_ui(ui, "Start", &mut d.start, problems, DraftField::Start);
    date_row_ui(ui, "End", &mut d.end, problems, DraftField::End);
    text_row_ui(
        ui,
        "Date note",
        "other dates in use, time zones…",
        &mut d.date_note,
        problems,
        None,
    );
    if form.editing.is_none() {
        text_row_ui(
            ui,
            "Id",
            "made from the title if empty",
            &mut d.id,
            problems,
            Some(DraftField::Id),
        );
    } else {
        ui.label("Id");
        ui.label(RichText::new(&d.id).monospace().weak());
        ui.end_row();
    }

    let label = ui.label("Certainty");
    egui::ComboBox::new("form-certainty", "")
        .selected_text(d.certainty.unwrap_or(Certainty::Reported).label())
        .show_ui(ui, |ui| {
            for c in Certainty::ALL {
                ui.selectable_value(&mut d.certainty, Some(c), c.label())
                    .on_hover_text(c.explanation());
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    let label_p = ui.label("Provenance");
    egui::ComboBox::new("form-provenance", "")
        .selected_text(
            t.wording()
                .provenance(d.provenance.unwrap_or(Provenance::Context)),
        )
        .show_ui(ui, |ui| {
            for p in [Provenance::Article, Provenance::Context] {
                ui.selectable_value(&mut d.provenance, Some(p), t.wording().provenance(p));
            }
        })
        .response
        .labelled_by(label_p.id);
    ui.end_row();
    let label_c = ui.label("Category");
    ui.vertical(|ui| {
        egui::ComboBox::new("form-category", "")
            .selected_text(
                t.category(&d.category)
                    .map_or("(choose)", |c| c.name.as_str()),
            )
            .show_ui(ui, |ui| {
                for c in &t.categories {
                    ui.selectable_value(&mut d.category, c.id.clone(), &c.name);
                }
            })
            .response
            .labelled_by(label_c.id);
        problems_ui(ui, problems, DraftField::Category);
    });
    ui.end_row();

    ui.label("Actors");
    ui.vertical(|ui| actors_ui(ui, form, t, problems));
    ui.end_row();

    let d = &mut form.draft;
    text_row_ui(ui, "Tags", "comma-separated", &mut d.tags, problems, None);
    text_row_ui(ui, "Location", "", &mut d.location, problems, None);
    multiline_row_ui(
        ui,
        "Summary",
        "what happened, in neutral words",
        &mut d.summary,
    );
    multiline_row_ui(ui, "Claim", "what the source document says", &mut d.claim);
    multiline_row_ui(
        ui,
        "Discrepancy",
        "where the claim and the record differ",
        &mut d.discrepancy,
    );
}

/// The chosen actors (click to remove) and a filtered list to add from.
fn actors_ui(
    ui: &mut egui::Ui,
    form: &mut EventForm,
    t: &Timeline,
    problems: &[(DraftField, String)],
) {
    ui.horizontal_wrapped(|ui| {
        let mut remove = None;
        for (i, id) in form.draft.actors.iter().enumerate() {
            if ui
                .small_button(format!("{} ×", t.actor_name(id)))
                .on_hover_text("Remove")
                .clicked()
            {
                remove = Some(i);
            }
        }
        if let Some(i) = remove {
            form.draft.actors.remove(i);
        }
        if form.draft.actors.is_empty() {
            ui.label(RichText::new("none").weak());
        }
    });
    let label = ui.label(RichText::new("Add an actor").weak());
    let filter = crate::query::normalize(&form.actor_filter);
    let matches: Vec<_> = if filter.trim().is_empty() {
        Vec::new()
    } else {
        t.actors
            .iter()
            .filter(|a| !form.draft.actors.contains(&a.id))
            .filter(|a| {
                crate::query::normalize(&a.name).contains(filter.trim())
                    || a.aliases
                        .iter()
                        .any(|al| crate::query::normalize(al).contains(filter.trim()))
            })
            .take(8)
            .collect()
    };
    let field_id = ui.make_persistent_id(("event-form", "Add an actor"));
    // Up and Down move the highlighted suggestion while the field has the
    // keyboard (taken before the field sees them); Enter adds it.
    if ui.memory(|m| m.has_focus(field_id)) && !matches.is_empty() {
        let (up, down) = ui.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            )
        });
        if up {
            form.actor_highlight = form.actor_highlight.saturating_sub(1);
        }
        if down {
            form.actor_highlight += 1;
        }
    }
    form.actor_highlight = form.actor_highlight.min(matches.len().saturating_sub(1));
    let response = ui
        .add(
            TextEdit::singleline(&mut form.actor_filter)
                .id(field_id)
                .hint_text("type to find an actor; Enter adds the highlighted one")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let mut add = None;
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(a) = matches.get(form.actor_highlight)
    {
        add = Some(a.id.clone());
        // Keep the keyboard for the next actor.
        response.request_focus();
    }
    if !filter.trim().is_empty() && matches.is_empty() {
        ui.label(
            RichText::new("no actor matches (add one under Edit ▸ Actors and categories)").weak(),
        );
    }
    for (i, a) in matches.iter().enumerate() {
        let button = egui::Button::selectable(i == form.actor_highlight, format!("+ {}", a.name));
        if ui.add(button).clicked() {
            add = Some(a.id.clone());
        }
    }
    if let Some(id) = add {
        form.draft.actors.push(id);
        form.actor_filter.clear();
        form.actor_highlight = 0;
    }
    problems_ui(ui, problems, DraftField::Actors);
}

fn sources_ui(ui: &mut egui::Ui, form: &mut EventForm, problems: &[(DraftField, String)]) {
    ui.add_space(6.0);
    // The message shares the heading's line: it must not push the source
    // fields down while one of them is being typed in.
    ui.horizontal(|ui| {
        ui.strong("Sources");
        problems_ui(ui, problems, DraftField::Sources);
    });
    let mut remove = None;
    for (i, s) in form.draft.sources.iter_mut().enumerate() {
        ui.push_id(("source", i), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("source-grid")
                    .num_columns(2)
                    .spacing([10.0, 4.0])
                    .show(ui, |ui| source_ui(ui, i, s, problems));
                if ui.small_button("Remove this source").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        form.draft.sources.remove(i);
    }
    if ui.button("Add a source").clicked() {
        form.draft.sources.push(SourceDraft::default());
    }
}

fn source_ui(ui: &mut egui::Ui, i: usize, s: &mut SourceDraft, problems: &[(DraftField, String)]) {
    let n = i + 1;
    text_row_ui(
        ui,
        &format!("Source {n} title"),
        "",
        &mut s.title,
        problems,
        Some(DraftField::SourceTitle(i)),
    );
    text_row_ui(
        ui,
        &format!("Source {n} publisher"),
        "",
        &mut s.publisher,
        problems,
        None,
    );
    text_row_ui(
        ui,
        &format!("Source {n} address"),
        "https://…",
        &mut s.url,
        problems,
        Some(DraftField::SourceUrl(i)),
    );
    date_row_ui(
        ui,
        &format!("Source {n} date"),
        &mut s.date,
        problems,
        DraftField::SourceDate(i),
    );
}
