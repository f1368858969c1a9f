//! The filter panel: search, facets with counts, the date range, "Clear all",
//! "Showing N of M", and saved views. Every change becomes a
//! [`Command::SetQuery`] (or a view command); nothing here owns state but
//! the text being typed.

use egui::{CornerRadius, RichText, Sense, Vec2};

use super::theme;
use crate::model::{
    ActorMatch, Certainty, Date, Provenance, Query, SavedView, Timeline, group_thousands,
};
use crate::query::FacetCounts;
use crate::state::{AppState, Command};

/// What the panel shows.
pub struct FilterPanelInput<'a> {
    pub timeline: &'a Timeline,
    pub query: &'a Query,
    pub facets: &'a FacetCounts,
    pub tags: &'a [String],
    /// Events the query shows, and all events.
    pub shown: usize,
    pub total: usize,
    /// The user's saved views, and those shipped in the file.
    pub views: &'a [SavedView],
    pub file_views: &'a [SavedView],
    /// Actors with events under the query first, then the rest.
    pub actor_order: &'a [usize],
    /// Ctrl+F was pressed: focus the search box.
    pub focus_search: bool,
    /// How this platform writes the search shortcut.
    pub search_shortcut: String,
    /// The relations lanes are shown: how many pairs of how many.
    pub relations: Option<(usize, usize)>,
    /// Some event says what role an actor played in it.
    pub has_roles: bool,
}

/// Text being typed in the panel, kept in egui's memory between frames.
#[derive(Clone, Debug, Default)]
struct Drafts {
    from: String,
    to: String,
    /// The query the date drafts were last synced from.
    synced: Option<(Option<Date>, Option<Date>)>,
    view_name: String,
    renaming: Option<(usize, String)>,
}

impl<'a> FilterPanelInput<'a> {
    /// What the panel shows of the app's state.
    pub fn of(state: &'a AppState, focus_search: bool, search_shortcut: String) -> Self {
        Self {
            timeline: state.timeline(),
            query: state.query(),
            facets: state.facets(),
            tags: state.tags(),
            shown: state.visible_events().len(),
            total: state.timeline().events.len(),
            views: state.saved_views(),
            file_views: state.file_views(),
            actor_order: state.actor_order(),
            focus_search,
            search_shortcut,
            has_roles: state.has_roles(),
            relations: (state.grouping() == crate::query::Grouping::Relations).then(|| {
                (
                    state.shown_pairs().len(),
                    state.relation_index().pairs.len(),
                )
            }),
        }
    }
}

pub fn filter_panel_ui(
    ui: &mut egui::Ui,
    input: &FilterPanelInput<'_>,
    commands: &mut Vec<Command>,
) {
    let drafts_id = ui.make_persistent_id("filter-drafts");
    let mut drafts: Drafts = ui.data(|d| d.get_temp(drafts_id)).unwrap_or_default();
    let q = input.query;
    let mut next = q.clone();

    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!(
                "Showing {} of {} events",
                group_thousands(input.shown as u64),
                group_thousands(input.total as u64)
            ))
            .strong(),
        );
    });
    ui.horizontal(|ui| {
        let label = ui.label("Search");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut next.text)
                    .hint_text(format!("words or \"a phrase\" ({})", input.search_shortcut))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if input.focus_search {
            response.request_focus();
        }
    });
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!q.is_empty(), egui::Button::new("Clear all"))
            .on_hover_text("Remove every filter")
            .clicked()
        {
            next = Query::default();
            drafts.from.clear();
            drafts.to.clear();
        }
        ui.checkbox(
            &mut next.only_discrepancies,
            format!("Only discrepancies ({})", input.facets.discrepancies),
        );
    });

    egui::ScrollArea::vertical()
        .id_salt("filters")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            views_ui(ui, &mut drafts, input.views, input.file_views, commands);
            date_range_ui(ui, &mut drafts, q, &mut next);
            if let Some((shown, all)) = input.relations {
                section(ui, "Relations");
                ui.label(RichText::new(format!("Showing {shown} of {all} pairs")).weak());
                for kind in crate::model::RelationKind::ALL {
                    toggle_in(ui, &mut next.relation_kinds, kind, kind.label().to_string())
                        .on_hover_text(format!(
                            "Pairs that were {} at some time in the date range: {}",
                            kind.label().to_lowercase(),
                            kind.explanation()
                        ));
                }
                ui.checkbox(
                    &mut next.relations_changed,
                    "Only pairs whose relation changed in the date range",
                );
                ui.label(
                    RichText::new(
                        "Two actors with Match all: that pair. Pick actors below for their partners.",
                    )
                    .weak()
                    .small(),
                );
            }

            section(ui, "Certainty");
            for (i, c) in Certainty::ALL.iter().enumerate() {
                toggle_in(
                    ui,
                    &mut next.certainties,
                    *c,
                    format!("{} ({})", c.label(), input.facets.certainties[i]),
                )
                .on_hover_text(c.explanation());
            }
            section(ui, "Provenance");
            for (i, p) in Provenance::ALL.iter().enumerate() {
                toggle_in(
                    ui,
                    &mut next.provenances,
                    *p,
                    format!(
                        "{} ({})",
                        input.timeline.wording().provenance(*p),
                        input.facets.provenances[i]
                    ),
                );
            }

            section(ui, "Categories");
            for (i, cat) in input.timeline.categories.iter().enumerate() {
                ui.horizontal(|ui| {
                    colour_key(ui, theme::category_color(i));
                    toggle_in(
                        ui,
                        &mut next.categories,
                        cat.id.clone(),
                        format!("{} ({})", cat.name, input.facets.categories[i]),
                    );
                });
            }

            section(ui, "Actors");
            ui.horizontal(|ui| {
                ui.label("Match");
                ui.selectable_value(&mut next.actor_match, ActorMatch::Any, "any")
                    .on_hover_text("Events with at least one of the selected actors");
                ui.selectable_value(&mut next.actor_match, ActorMatch::All, "all")
                    .on_hover_text("Events with every selected actor");
            });
            // "Russia as guarantor": when the file says who played which role.
            if input.has_roles {
                ui.horizontal(|ui| {
                    let label = ui.label("As");
                    let shown = next.actor_role.map_or("any role", |r| r.label());
                    let combo = egui::ComboBox::from_id_salt("actor-role")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut next.actor_role, None, "any role");
                            for role in crate::model::Role::ALL {
                                ui.selectable_value(&mut next.actor_role, Some(role), role.label());
                            }
                        });
                    let hint = if next.actors.is_empty() {
                        "Pick actors below first: then only events where they play this role"
                    } else {
                        "Only events where the selected actors play this role"
                    };
                    let _ = combo.response.labelled_by(label.id).on_hover_text(hint);
                });
            }
            // Actors with events under the current query first, then the rest.
            for &i in input.actor_order {
                let actor = &input.timeline.actors[i];
                let count = input.facets.actors[i];
                let selected = q.actors.contains(&actor.id);
                if count == 0 && !selected {
                    continue;
                }
                ui.horizontal(|ui| {
                    colour_key(ui, theme::actor_color(i));
                    toggle_in(
                        ui,
                        &mut next.actors,
                        actor.id.clone(),
                        format!("{} ({count})", actor.name),
                    )
                    .on_hover_text(actor.title.as_deref().unwrap_or(&actor.name));
                });
            }

            if !input.tags.is_empty() {
                ui.collapsing(format!("Tags ({})", input.tags.len()), |ui| {
                    for (i, tag) in input.tags.iter().enumerate() {
                        let count = input.facets.tags[i];
                        if count == 0 && !q.tags.contains(tag) {
                            continue;
                        }
                        toggle_in(ui, &mut next.tags, tag.clone(), format!("{tag} ({count})"));
                    }
                });
            }
        });

    if next != *q {
        commands.push(Command::SetQuery(next));
    }
    ui.data_mut(|d| d.insert_temp(drafts_id, drafts));
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong());
}

/// A checkbox that adds `value` to, or removes it from, `list`.
fn toggle_in<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    list: &mut Vec<T>,
    value: T,
    text: String,
) -> egui::Response {
    let mut on = list.contains(&value);
    let response = ui.checkbox(&mut on, text);
    if response.changed() {
        if on {
            list.push(value);
        } else {
            list.retain(|v| *v != value);
        }
    }
    response
}

fn colour_key(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(Vec2::splat(10.0), Sense::hover());
    ui.painter()
        .rect_filled(rect, CornerRadius::same(2), colour);
}

/// From and to as text (`2015`, `2015-09`, `-300`…), checked as typed.
fn date_range_ui(ui: &mut egui::Ui, drafts: &mut Drafts, q: &Query, next: &mut Query) {
    section(ui, "Dates");
    // Follow the query when it changes elsewhere (overview strip, views).
    if drafts.synced != Some((q.from, q.to)) {
        drafts.from = q.from.map(|d| d.to_iso()).unwrap_or_default();
        drafts.to = q.to.map(|d| d.to_iso()).unwrap_or_default();
        drafts.synced = Some((q.from, q.to));
    }
    let field = |ui: &mut egui::Ui, name: &str, text: &mut String, target: &mut Option<Date>| {
        ui.horizontal(|ui| {
            let label = ui.label(name);
            ui.add(
                egui::TextEdit::singleline(text)
                    .hint_text("e.g. 2015-09")
                    .desired_width(110.0),
            )
            .labelled_by(label.id);
            let trimmed = text.trim();
            if trimmed.is_empty() {
                *target = None;
            } else {
                match crate::model::parse_entry(trimmed) {
                    Ok(d) => {
                        *target = Some(d);
                        ui.label(RichText::new(d.display()).weak());
                    }
                    Err(e) => {
                        ui.colored_label(ui.visuals().error_fg_color, "?")
                            .on_hover_text(e.to_string());
                    }
                }
            }
        });
    };
    field(ui, "From", &mut drafts.from, &mut next.from);
    field(ui, "To", &mut drafts.to, &mut next.to);
    if next.from != q.from || next.to != q.to {
        drafts.synced = Some((next.from, next.to));
    }
    ui.label(
        RichText::new("Or Shift+drag on the overview strip")
            .weak()
            .small(),
    );
}

fn views_ui(
    ui: &mut egui::Ui,
    drafts: &mut Drafts,
    views: &[SavedView],
    file_views: &[SavedView],
    commands: &mut Vec<Command>,
) {
    section(ui, "Saved views");
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        ui.add(
            egui::TextEdit::singleline(&mut drafts.view_name)
                .hint_text("this view")
                .desired_width(120.0),
        )
        .labelled_by(label.id);
        let name = drafts.view_name.trim().to_string();
        if ui
            .add_enabled(!name.is_empty(), egui::Button::new("Save view"))
            .on_hover_text("Remember the filters, the time window, the lanes and the selection")
            .clicked()
        {
            commands.push(Command::SaveView(name));
            drafts.view_name.clear();
        }
    });
    for (i, view) in views.iter().enumerate() {
        ui.horizontal(|ui| {
            if let Some((index, name)) = &mut drafts.renaming
                && *index == i
            {
                let label = ui.label("New name");
                ui.add(egui::TextEdit::singleline(name).desired_width(110.0))
                    .labelled_by(label.id);
                if ui.small_button("OK").clicked() {
                    commands.push(Command::RenameView {
                        index: i,
                        name: name.clone(),
                    });
                    drafts.renaming = None;
                }
                return;
            }
            if ui
                .button(&view.name)
                .on_hover_text("Show this view")
                .clicked()
            {
                commands.push(Command::RecallView(Box::new(view.clone())));
            }
            if ui.small_button("Rename").clicked() {
                drafts.renaming = Some((i, view.name.clone()));
            }
            if ui.small_button("Delete").clicked() {
                commands.push(Command::DeleteView(i));
            }
        });
    }
    if !file_views.is_empty() {
        ui.label(RichText::new("Prepared in this file").weak());
        for view in file_views {
            if ui
                .button(&view.name)
                .on_hover_text("Show this view")
                .clicked()
            {
                commands.push(Command::RecallView(Box::new(view.clone())));
            }
        }
    }
}
