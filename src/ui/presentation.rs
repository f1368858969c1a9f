//! Presenting: the slim presenter bar and the large card for the current
//! event, readable from the back of a room.

use egui::{Align2, Frame, Margin, RichText};

use super::shortcuts::keys_text;
use super::theme;
use crate::model::Timeline;
use crate::state::{Action, Command, Presentation};

/// Text sizes on the card, in points at zoom 1 (the app zooms the whole
/// window while presenting so that these are large on a projector).
const CARD_TITLE_PT: f32 = 26.0;
const CARD_BODY_PT: f32 = 15.0;
const CARD_SMALL_PT: f32 = 13.0;

/// The bar at the top while presenting. The controls on the right are
/// laid out first so that they always fit; Back and Next come next, and
/// the story's title takes what is left (cut short, whole on hover).
pub fn presenter_bar_ui(ui: &mut egui::Ui, p: &Presentation, commands: &mut Vec<Command>) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        if ui
            .button("Exit")
            .on_hover_text(keys_text(ui.ctx(), Action::StopPresenting))
            .clicked()
        {
            commands.push(Command::StopPresenting);
        }
        if ui
            .button("Full screen")
            .on_hover_text(keys_text(ui.ctx(), Action::Fullscreen))
            .clicked()
        {
            commands.push(Command::ToggleFullscreen);
        }
        let view = if p.presenter_view {
            "Close presenter view"
        } else {
            "Presenter view"
        };
        if ui
            .button(view)
            .on_hover_text(format!(
                "Notes, the next step and the time, in a window of its own ({})",
                keys_text(ui.ctx(), Action::PresenterView)
            ))
            .clicked()
        {
            commands.push(Command::TogglePresenterView);
        }
        let theme = if p.light { "Dark theme" } else { "Light theme" };
        if ui.button(theme).on_hover_text("Projector theme").clicked() {
            commands.push(Command::ToggleProjectorTheme);
        }
        let mut reveal = p.reveal;
        if ui
            .checkbox(&mut reveal, "Reveal step by step")
            .on_hover_text("Hide the events after the current step")
            .changed()
        {
            commands.push(Command::ToggleReveal);
        }
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            if ui
                .button("Back")
                .on_hover_text(keys_text(ui.ctx(), Action::PresentBack))
                .clicked()
            {
                commands.push(Command::PresentStep(-1));
            }
            if ui
                .button("Next")
                .on_hover_text(keys_text(ui.ctx(), Action::PresentNext))
                .clicked()
            {
                commands.push(Command::PresentStep(1));
            }
            let bold = theme::bold_family(ui.ctx());
            ui.label(
                RichText::new(p.progress())
                    .size(CARD_BODY_PT)
                    .family(bold.clone())
                    .strong(),
            );
            ui.add(
                egui::Label::new(
                    RichText::new(&p.title)
                        .strong()
                        .family(bold)
                        .size(CARD_BODY_PT),
                )
                .truncate(),
            );
            if p.suspended_query.is_some() {
                ui.add(
                    egui::Label::new(
                        RichText::new("Filter off while presenting (back on when you leave)")
                            .size(CARD_SMALL_PT),
                    )
                    .truncate(),
                )
                .on_hover_text("A story shows all its events, whatever the filter");
            }
        });
    });
}

/// The card for the current step, over the bottom left of the canvas.
pub fn card_ui(ctx: &egui::Context, timeline: &Timeline, p: &Presentation) {
    let Some((event, caption)) = p.steps.get(p.current) else {
        return;
    };
    let ev = &timeline.events[*event];
    let palette = theme::palette(&ctx.global_style().visuals);
    let screen = ctx.content_rect();
    egui::Area::new(egui::Id::unique("presentation-card"))
        .anchor(Align2::LEFT_BOTTOM, [24.0, -90.0])
        .interactable(false)
        .show(ctx, |ui| {
            Frame::popup(ui.style())
                .inner_margin(Margin::same(18))
                .show(ui, |ui| {
                    ui.set_max_width(screen.width() * 0.5);
                    // Really bold (a bold face), not only a stronger colour.
                    let bold = theme::bold_family(ctx);
                    ui.label(
                        RichText::new(&ev.title)
                            .size(CARD_TITLE_PT)
                            .family(bold.clone())
                            .strong(),
                    );
                    ui.label(
                        RichText::new(ev.date_display())
                            .size(CARD_BODY_PT)
                            .family(bold)
                            .strong(),
                    );
                    ui.add_space(6.0);
                    let text = caption
                        .clone()
                        .unwrap_or_else(|| first_sentence(&ev.summary));
                    ui.label(RichText::new(text).size(CARD_BODY_PT));
                    let actors: Vec<&str> = ev
                        .actors
                        .iter()
                        .filter(|a| {
                            timeline
                                .actor(a)
                                .is_some_and(|x| x.kind != crate::model::ActorKind::Person)
                        })
                        .map(|a| timeline.actor_name(a))
                        .collect();
                    if !actors.is_empty() {
                        ui.add_space(4.0);
                        ui.label(
                            RichText::new(actors.join(" · "))
                                .size(CARD_SMALL_PT)
                                .color(ui.visuals().text_color()),
                        );
                    }
                    if let Some(d) = &ev.discrepancy {
                        ui.add_space(6.0);
                        ui.label(
                            RichText::new(format!(
                                "{}: {}",
                                timeline.wording().differ(),
                                first_sentence(d)
                            ))
                            .size(CARD_SMALL_PT)
                            .color(palette.discrepancy),
                        );
                    }
                    ui.add_space(4.0);
                    // The text colour, not a grey: readable (4.5:1 and more)
                    // from the back of a room in either projector theme.
                    ui.label(
                        RichText::new(p.progress())
                            .size(CARD_SMALL_PT)
                            .color(ui.visuals().text_color()),
                    );
                });
        });
}

/// The text up to the first full stop followed by a space (or all of it).
fn first_sentence(text: &str) -> String {
    match text.find(". ") {
        Some(i) => text[..=i].to_string(),
        None => text.to_string(),
    }
}

/// A blanked projector: black over the whole window, a click or B shows
/// the picture again. The hint in the corner is dim enough not to be read
/// from the room.
pub fn blank_ui(ctx: &egui::Context, commands: &mut Vec<Command>) {
    let screen = ctx.content_rect();
    egui::Area::new(egui::Id::unique("presentation-blank"))
        .order(egui::Order::Foreground)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            let (rect, response) = ui.allocate_exact_size(screen.size(), egui::Sense::click());
            ui.painter().rect_filled(rect, 0.0, egui::Color32::BLACK);
            ui.painter().text(
                rect.right_bottom() - egui::vec2(12.0, 10.0),
                Align2::RIGHT_BOTTOM,
                format!(
                    "Screen blanked: {} or a click shows it",
                    keys_text(ui.ctx(), Action::BlankScreen)
                ),
                egui::FontId::proportional(12.0),
                egui::Color32::from_gray(40),
            );
            if response.clicked() {
                commands.push(Command::ToggleBlank);
            }
        });
}

/// Sizes in the presenter view (the presenter reads it from arm's length).
const VIEW_CLOCK_PT: f32 = 30.0;
const VIEW_TITLE_PT: f32 = 20.0;

/// What the presenter view shows, from the state: no pixels needed to
/// test it.
#[derive(Clone, Debug, PartialEq)]
pub struct PresenterNotes {
    pub progress: String,
    pub elapsed: String,
    pub title: String,
    pub date: String,
    /// The step's caption, then the event's summary, what the source says
    /// and the discrepancy: everything the presenter may want to say.
    pub notes: Vec<(&'static str, String)>,
    /// "Next: title (date)", or that this is the last step.
    pub next: String,
    pub blanked: bool,
}

impl PresenterNotes {
    pub fn of(timeline: &Timeline, p: &Presentation, now_s: f64) -> Option<Self> {
        let (event, caption) = p.steps.get(p.current)?;
        let ev = &timeline.events[*event];
        let mut notes = Vec::new();
        if let Some(c) = caption {
            notes.push(("Caption", c.clone()));
        }
        if !ev.summary.is_empty() {
            notes.push(("Summary", ev.summary.clone()));
        }
        if let Some(c) = &ev.claim {
            notes.push((timeline.wording().claim_heading(ev.provenance), c.clone()));
        }
        if let Some(d) = &ev.discrepancy {
            notes.push((timeline.wording().differ(), d.clone()));
        }
        if let Some(n) = &ev.date_note {
            notes.push(("About the date", n.clone()));
        }
        let next = match p.next_step() {
            Some((e, caption)) => {
                let next = &timeline.events[*e];
                let mut text = format!("Next: {} ({})", next.title, next.date_display());
                if let Some(c) = caption {
                    text.push_str(&format!(": {c}"));
                }
                text
            }
            None => "This is the last step.".to_string(),
        };
        Some(Self {
            progress: format!("Step {}", p.progress()),
            elapsed: p.elapsed_text(now_s),
            title: ev.title.clone(),
            date: ev.date_display(),
            notes,
            next,
            blanked: p.blanked,
        })
    }
}

/// The presenter view in its own window (a second screen, or one the
/// class does not see). Keys pressed there work as in the main window.
pub fn presenter_view_ui(
    ctx: &egui::Context,
    state: &crate::state::AppState,
    commands: &mut Vec<Command>,
) {
    let Some(p) = state.presentation() else {
        return;
    };
    let Some(notes) = PresenterNotes::of(state.timeline(), p, state.now_s()) else {
        return;
    };
    ctx.show_viewport_immediate(
        egui::ViewportId::from_hash_of("presenter-view"),
        egui::ViewportBuilder::default()
            .with_title("Presenter view - Timeline Explorer")
            .with_inner_size([560.0, 640.0]),
        |ui, class| {
            if class != egui::ViewportClass::EmbeddedWindow {
                // Its own keyboard: a clicker aimed at this window works too.
                super::shortcuts::keys_ui(ui.ctx(), state, commands);
            }
            if ui.input(|i| i.viewport().close_requested()) {
                commands.push(Command::TogglePresenterView);
            }
            if class == egui::ViewportClass::EmbeddedWindow {
                // No second window here: say that this one is on the
                // projected screen.
                ui.label(
                    RichText::new(
                        "No separate window could be opened: these notes show in the presentation window",
                    )
                    .color(ui.visuals().warn_fg_color),
                );
            }
            egui::CentralPanel::default().show(ui, |ui| presenter_notes_ui(ui, &notes, commands));
        },
    );
    // The clock moves once a second.
    ctx.request_repaint_after(std::time::Duration::from_secs(1));
}

fn presenter_notes_ui(ui: &mut egui::Ui, notes: &PresenterNotes, commands: &mut Vec<Command>) {
    let bold = theme::bold_family(ui.ctx());
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(&notes.elapsed)
                .size(VIEW_CLOCK_PT)
                .family(bold.clone())
                .strong(),
        )
        .on_hover_text("Time since the presentation started");
        ui.add_space(12.0);
        ui.label(RichText::new(&notes.progress).size(VIEW_TITLE_PT));
        if notes.blanked {
            ui.add_space(12.0);
            ui.label(
                RichText::new("Screen blanked")
                    .size(VIEW_TITLE_PT)
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    ui.horizontal(|ui| {
        if ui.button("Previous step").clicked() {
            commands.push(Command::PresentStep(-1));
        }
        if ui.button("Next step").clicked() {
            commands.push(Command::PresentStep(1));
        }
        let blank = if notes.blanked {
            "Show the screen"
        } else {
            "Blank the screen"
        };
        if ui
            .button(blank)
            .on_hover_text(keys_text(ui.ctx(), Action::BlankScreen))
            .clicked()
        {
            commands.push(Command::ToggleBlank);
        }
        if ui.button("Close").clicked() {
            commands.push(Command::TogglePresenterView);
        }
    });
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(
            RichText::new(&notes.title)
                .size(VIEW_TITLE_PT)
                .family(bold)
                .strong(),
        );
        ui.label(RichText::new(&notes.date).size(CARD_BODY_PT).strong());
        for (heading, text) in &notes.notes {
            ui.add_space(8.0);
            ui.label(RichText::new(*heading).size(CARD_SMALL_PT).weak());
            ui.label(RichText::new(text).size(CARD_BODY_PT));
        }
        ui.add_space(12.0);
        ui.separator();
        ui.label(RichText::new(&notes.next).size(CARD_BODY_PT));
    });
}
