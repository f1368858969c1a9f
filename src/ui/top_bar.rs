//! The top bar: the File and Edit menus, the title, the view controls,
//! and the messages (a file loading, a notice, why a file did not open).

use egui::{Frame, Margin, Panel, RichText};

use super::shortcuts::shortcut_text;
use super::theme;
use crate::io::{self, LoadError};
use crate::layout::metrics;
use crate::model::group_thousands;
use crate::query::Grouping;
use crate::state::{Action, AppState, Command, ExportKind, OpenPurpose, ThemeChoice};

/// A menu button for an action, with its shortcut as this platform writes it.
fn action_button(ui: &mut egui::Ui, action: Action, label: &str, enabled: bool) -> egui::Response {
    let shortcut = shortcut_text(ui.ctx(), action);
    ui.add_enabled(enabled, egui::Button::new(label).shortcut_text(shortcut))
}

pub fn top_bar_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    Panel::top("top-bar").show(ui, |ui| {
        ui.add_space(4.0);
        // The view controls are laid out first (right to left) so that they
        // always fit; the menus follow and the title takes what is left.
        ui.horizontal(|ui| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                view_controls_ui(ui, state, commands);
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    file_menu_ui(ui, state, commands);
                    edit_menu_ui(ui, state, commands);
                    let count = group_thousands(state.timeline().events.len() as u64);
                    let count = RichText::new(format!("{count} events")).weak();
                    // Room kept after the title for the dot and the count.
                    let spacing = ui.spacing().item_spacing.x;
                    let count_pt = egui::WidgetText::from(count.clone())
                        .into_galley(
                            ui,
                            Some(egui::TextWrapMode::Extend),
                            f32::INFINITY,
                            egui::TextStyle::Body,
                        )
                        .size()
                        .x;
                    let kept_pt = count_pt + metrics::MODIFIED_DOT_PT + 3.0 * spacing;
                    let title = &state.timeline().title;
                    let title_max_pt = (ui.available_width() - kept_pt).max(40.0);
                    ui.scope(|ui| {
                        ui.set_max_width(title_max_pt);
                        let about = ui
                            .add(
                                egui::Label::new(RichText::new(title).heading())
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .on_hover_text(format!("{title}\nClick: about this timeline"));
                        if about.clicked() {
                            commands.push(Command::ToggleAbout);
                        }
                    });
                    if state.is_modified() {
                        modified_dot_ui(ui);
                    }
                    ui.add(egui::Label::new(count).truncate());
                });
            });
        });
        messages_ui(ui, state, commands);
        ui.add_space(2.0);
    });
}

/// Fit all, Present, Theme, the View menu, Lanes and where the data came from
/// (laid out right to left).
fn view_controls_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let keys = shortcut_text(ui.ctx(), Action::ShowShortcuts);
    if ui
        .button("?")
        .on_hover_text(format!("Keyboard shortcuts ({keys})"))
        .clicked()
    {
        commands.push(Command::ToggleShortcuts);
    }
    let fit = shortcut_text(ui.ctx(), Action::FitAll);
    if ui
        .button("Fit all")
        .on_hover_text(format!("Show every event ({fit})"))
        .clicked()
    {
        commands.push(Command::FitAll);
    }
    let present = shortcut_text(ui.ctx(), Action::Present);
    ui.menu_button("Present", |ui| {
        for (i, story) in state.timeline().stories.iter().enumerate() {
            if ui.button(&story.name).clicked() {
                commands.push(Command::StartPresenting(Some(i)));
            }
        }
        let label = format!(
            "The shown events in date order ({})",
            state.visible_events().len()
        );
        if ui.button(label).clicked() {
            commands.push(Command::StartPresenting(None));
        }
    })
    .response
    .on_hover_text(format!("Present to a class, step by step ({present})"));
    let current = state.theme();
    let mut choice = current;
    // Laid out right to left: the label is added after its control so
    // that it stands before it.
    let combo = egui::ComboBox::from_id_salt("theme")
        .selected_text(current.label())
        .show_ui(ui, |ui| {
            for t in ThemeChoice::ALL {
                ui.selectable_value(&mut choice, t, t.label());
            }
        });
    let label = ui.label("Theme");
    let _ = combo.response.labelled_by(label.id);
    if choice != current {
        commands.push(Command::SetTheme(choice));
    }
    ui.menu_button("View", |ui| {
        let mut legend = state.show_legend();
        if ui
            .checkbox(&mut legend, "Legend")
            .on_hover_text("Show what the marks mean")
            .clicked()
        {
            commands.push(Command::ToggleLegend);
        }
        let mut shorten = state.shorten_gaps();
        if ui
            .checkbox(&mut shorten, "Shorten long empty stretches")
            .on_hover_text(
                "Draw long stretches of time without events narrower, with a visible break, \
                 so that the busy years get the room",
            )
            .clicked()
        {
            commands.push(Command::ToggleShortenGaps);
        }
        if !state.timeline().relations.is_empty() {
            let mut network = state.show_network();
            if ui
                .checkbox(&mut network, "Relations at a date")
                .on_hover_text(
                    "A network of the actors: how each pair stood at the selected event's date, \
                     or at a date you drag to",
                )
                .clicked()
            {
                commands.push(Command::ToggleNetwork);
            }
        }
        let mut two_lines = state.two_line_labels();
        if ui
            .checkbox(&mut two_lines, "Labels on two lines")
            .on_hover_text("Let a long title wrap onto a second line instead of being cut")
            .clicked()
        {
            commands.push(Command::ToggleTwoLineLabels);
        }
    })
    .response
    .on_hover_text("Legend, axis breaks, labels");
    let mut grouping = state.grouping();
    let combo = egui::ComboBox::from_id_salt("grouping")
        .selected_text(grouping.label())
        .show_ui(ui, |ui| {
            for g in Grouping::ALL {
                ui.selectable_value(&mut grouping, g, g.label());
            }
        });
    let label = ui.label("Lanes");
    let _ = combo.response.labelled_by(label.id);
    if grouping != state.grouping() {
        commands.push(Command::SetGrouping(grouping));
    }
    ui.label(RichText::new(state.source_name()).weak().small())
        .on_hover_text("Drop a timeline file on the window to open it");
}

/// File: open (by dialog, recent, built-in), save and export.
fn file_menu_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let menu = ui.menu_button("File", |ui| {
        if action_button(ui, Action::Open, "Open…", !state.is_loading())
            .on_hover_text("Open a timeline: RON, TimelineJS (JSON or sheet CSV), Markwhen or a CSV table. You can also drop a file on the window.")
            .clicked()
        {
            commands.push(Command::ShowOpenDialog(OpenPurpose::Open));
        }
        let in_place = state.path().and_then(io::Format::for_output) == Some(io::Format::Ron);
        let save_hint = if in_place {
            "Save the changes to this file (the previous version is kept as .bak)"
        } else {
            "This timeline is not a RON file yet: choose where to save it"
        };
        if action_button(ui, Action::Save, "Save", state.is_modified())
            .on_hover_text(save_hint)
            .clicked()
        {
            commands.push(Command::Save);
        }
        if action_button(ui, Action::SaveAs, "Save as…", true)
            .on_hover_text("Save to another file: RON keeps everything; other formats are written as a copy")
            .clicked()
        {
            commands.push(Command::SaveAs(None));
        }
        ui.separator();
        if ui
            .button("Open a CSV table, choosing its columns…")
            .on_hover_text("For a table whose column names are not recognised: say which column holds the dates, the titles, the actors…")
            .clicked()
        {
            commands.push(Command::ShowOpenDialog(OpenPurpose::ChooseColumns));
        }
        ui.menu_button("Open recent", |ui| recent_files_ui(ui, state, commands));
        if ui
            .button("About this timeline…")
            .on_hover_text("Its description and the source document it analyses")
            .clicked()
        {
            commands.push(Command::ToggleAbout);
        }
        if ui
            .add_enabled(state.path().is_some(), egui::Button::new("Built-in dataset"))
            .clicked()
        {
            commands.push(Command::OpenBuiltin);
        }
        ui.separator();
        ui.menu_button("Export", |ui| {
            if action_button(ui, Action::ExportImage, Action::ExportImage.label(), true).clicked() {
                commands.push(Command::Export(ExportKind::Image));
            }
            let shown = group_thousands(state.visible_events().len() as u64);
            if ui
                .button(format!("Printable handout (PDF), {shown} events"))
                .on_hover_text("A4 pages: the timeline with whole titles, then every event with what the source says, the discrepancy and the sources")
                .clicked()
            {
                commands.push(Command::Export(ExportKind::HandoutPdf));
            }
            if ui
                .button(format!("Printable handout (SVG), {shown} events"))
                .clicked()
            {
                commands.push(Command::Export(ExportKind::Handout));
            }
            ui.separator();
            for format in io::Format::ALL {
                if ui
                    .button(format!("{}…", format.label()))
                    .on_hover_text("A copy of the whole timeline; what the format cannot carry is folded into the text")
                    .clicked()
                {
                    commands.push(Command::Export(ExportKind::Timeline(format)));
                }
            }
        });
    });
    if menu.response.clicked() {
        // The menu opens: look (in the background) which recent files exist.
        commands.push(Command::CheckRecentFiles);
    }
}

fn recent_files_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let recent = state.recent_files();
    if recent.is_empty() {
        ui.label(RichText::new("No recent files").weak());
    }
    for path in recent {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let button = ui
            .add_enabled(state.recent_file_exists(path), egui::Button::new(name))
            .on_hover_text(path.display().to_string())
            .on_disabled_hover_text(format!("{} (not found)", path.display()));
        if button.clicked() {
            commands.push(Command::Open(path.clone()));
        }
    }
    if !recent.is_empty() {
        ui.separator();
        if ui.button("Clear recent files").clicked() {
            commands.push(Command::ClearRecent);
        }
    }
}

/// Edit: undo, redo, and changing events, actors and categories.
fn edit_menu_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    ui.menu_button("Edit", |ui| {
        let history = state.history();
        let undo = history
            .undo_label()
            .map_or("Undo".to_string(), |l| format!("Undo {l}"));
        if action_button(ui, Action::Undo, &undo, history.undo_label().is_some()).clicked() {
            commands.push(Command::Undo);
        }
        let redo = history
            .redo_label()
            .map_or("Redo".to_string(), |l| format!("Redo {l}"));
        if action_button(ui, Action::Redo, &redo, history.redo_label().is_some()).clicked() {
            commands.push(Command::Redo);
        }
        ui.separator();
        if action_button(ui, Action::NewEvent, Action::NewEvent.label(), true).clicked() {
            commands.push(Command::NewEvent);
        }
        let selected = state.selected().map(|i| state.event_ref(i));
        for (action, make) in [
            (Action::EditSelected, Command::EditEvent as fn(_) -> Command),
            (Action::DuplicateSelected, Command::DuplicateEvent),
            (Action::DeleteSelected, Command::DeleteEvent),
        ] {
            if action_button(ui, action, action.label(), selected.is_some()).clicked()
                && let Some(r) = selected.clone()
            {
                commands.push(make(r));
            }
        }
        ui.separator();
        if ui.button("Actors and categories…").clicked() {
            commands.push(Command::OpenCatalogue);
        }
    });
}

/// A file loading, the notice, and why the last file could not be opened.
fn messages_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let palette = theme::palette(ui.visuals());
    if let Some(path) = state.loading_path() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Opening {} …", path.display()));
        });
    }
    if let Some(notice) = state.notice() {
        let ctx = ui.ctx().clone();
        let text = notice.message(&|a| shortcut_text(&ctx, a));
        ui.horizontal(|ui| {
            let mut text = RichText::new(text).strong();
            if notice.is_problem() {
                text = text.color(palette.error_text);
            }
            ui.label(text);
            if ui.small_button("OK").clicked() {
                commands.push(Command::DismissNotice);
            }
        });
    }
    if let Some(error) = state.load_error() {
        Frame::new()
            .fill(palette.error_bg)
            .inner_margin(Margin::same(6))
            .corner_radius(4)
            .show(ui, |ui| error_banner_ui(ui, state, error, commands));
    }
}

fn error_banner_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    error: &LoadError,
    commands: &mut Vec<Command>,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        let headline = match error {
            LoadError::ColumnsNotRecognised { .. } => format!(
                "The columns of this table were not recognised: choose which hold what. Still showing: {}",
                state.source_name()
            ),
            _ => format!("Could not open the file. Still showing: {}", state.source_name()),
        };
        ui.label(RichText::new(headline).strong().color(palette.error_text));
        if ui.small_button("Dismiss").clicked() {
            commands.push(Command::DismissErrors);
        }
    });
    egui::ScrollArea::vertical()
        .id_salt("errors")
        .max_height(160.0)
        .show(ui, |ui| {
            for line in error.lines() {
                ui.label(RichText::new(line).monospace().color(palette.error_text));
            }
        });
}

/// A dot after the title while there are unsaved changes.
fn modified_dot_ui(ui: &mut egui::Ui) {
    let size = egui::vec2(metrics::MODIFIED_DOT_PT, metrics::MODIFIED_DOT_PT);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().circle_filled(
        rect.center(),
        metrics::MODIFIED_DOT_PT / 2.0,
        ui.visuals().warn_fg_color,
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Unsaved changes"));
    let save = shortcut_text(ui.ctx(), Action::Save);
    response.on_hover_text(format!("Unsaved changes ({save} saves)"));
}
