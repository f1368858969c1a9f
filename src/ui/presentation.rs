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
                                "The article and the record differ: {}",
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
