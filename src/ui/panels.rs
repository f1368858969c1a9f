//! The detail panel.

use egui::{Frame, Margin, RichText, ScrollArea};

use super::theme;
use crate::io::{MediaLink, is_openable_url, media_link};
use crate::model::{ActorKind, Timeline, duration_display};
use crate::state::{Command, EventRef};

/// Everything known about one event (`index` in the timeline). Media
/// paths are resolved against `base_dir`, the timeline file's folder.
pub fn detail_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    index: usize,
    base_dir: Option<&std::path::Path>,
    commands: &mut Vec<Command>,
) {
    let event = &timeline.events[index];
    ScrollArea::vertical()
        .id_salt("event-detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(&event.title)
                    .heading()
                    .strong()
                    .family(super::theme::bold_family(ui.ctx())),
            );
            if ui
                .button("Copy citation")
                .on_hover_text("Copy the event, its dates and its sources as plain text")
                .clicked()
            {
                commands.push(Command::CopyCitation(EventRef::at(&event.id, index)));
            }
            ui.add_space(4.0);
            ui.label(RichText::new(event.date_display()).strong().size(15.0));
            if let Some(shown) = &event.display_date {
                ui.label(format!("The source writes it: {shown}"));
            }
            if let Some(end) = &event.end {
                ui.label(format!("Duration: {}", duration_display(&event.start, end)));
            }
            precision_ui(
                ui,
                &event.start,
                event.end.as_ref(),
                event.date_note.as_deref(),
            );
            ui.add_space(6.0);
            egui::Grid::new("event-facts")
                .num_columns(2)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Certainty").weak());
                    ui.label(format!(
                        "{}: {}",
                        event.certainty.label(),
                        event.certainty.explanation()
                    ));
                    ui.end_row();
                    ui.label(RichText::new("Provenance").weak());
                    ui.label(timeline.wording().provenance(event.provenance));
                    ui.end_row();
                    if let Some(cat) = timeline.category(&event.category) {
                        ui.label(RichText::new("Category").weak());
                        ui.label(&cat.name);
                        ui.end_row();
                    }
                    if let Some(written) = &event.id_as_written {
                        ui.label(RichText::new("Id in the source").weak())
                            .on_hover_text(format!("The id here: {}", event.id));
                        ui.label(written);
                        ui.end_row();
                    }
                    if let Some(location) = &event.location {
                        ui.label(RichText::new("Location").weak());
                        ui.label(location);
                        ui.end_row();
                    }
                    if let Some(c) = event.coordinates {
                        ui.label(RichText::new("Coordinates").weak());
                        ui.label(coordinates_text(c));
                        ui.end_row();
                    }
                    if !event.tags.is_empty() {
                        ui.label(RichText::new("Tags").weak());
                        ui.label(event.tags.join(", "));
                        ui.end_row();
                    }
                    for (name, value) in &event.numbers {
                        ui.label(RichText::new(number_name(name)).weak());
                        ui.label(number_text(*value));
                        ui.end_row();
                    }
                });

            section_ui(ui, "Actors");
            for id in &event.actors {
                match timeline.actor(id) {
                    Some(a) if a.kind == ActorKind::Person => {
                        let title = a.title.as_deref().unwrap_or("");
                        ui.label(format!("• {} — {title}", a.name));
                    }
                    Some(a) => {
                        ui.label(format!("• {}", a.name));
                    }
                    None => {
                        ui.label(format!("• {id}"));
                    }
                }
            }

            words_ui(
                ui,
                timeline,
                &event.summary,
                event.claim.as_deref(),
                event.provenance,
                event.discrepancy.as_deref().map(|d| {
                    (
                        format!(
                            "Discrepancy: {}",
                            timeline.wording().differ().to_lowercase()
                        ),
                        d,
                    )
                }),
            );

            if event.media.is_some() || event.background.is_some() {
                section_ui(ui, "Media");
            }
            if let Some(m) = &event.media {
                address_ui(
                    ui,
                    m.caption.as_deref().unwrap_or("Media"),
                    &m.url,
                    base_dir,
                    commands,
                );
                if let Some(t) = &m.thumbnail {
                    address_ui(ui, "Thumbnail", t, base_dir, commands);
                }
                for (what, text) in [("Credit", &m.credit), ("Described as", &m.alt)] {
                    if let Some(text) = text {
                        ui.label(RichText::new(format!("{what}: {text}")).weak());
                    }
                }
            }
            if let Some(b) = &event.background {
                if let Some(url) = &b.url {
                    address_ui(ui, "Background picture", url, base_dir, commands);
                }
                if let Some(color) = &b.color {
                    ui.label(RichText::new(format!("Background colour: {color}")).weak());
                }
            }

            sources_ui(ui, &event.sources, commands);
            ui.add_space(8.0);
            ui.label(RichText::new(format!("id: {}", event.id)).weak().small());
        });
}

/// Everything known about one relation (`index` in the timeline's
/// relations): its kind, dates, the events that mark it, what the article
/// says, the caveat, the sources, and the pair's whole history.
pub fn relation_detail_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    pairs: &crate::query::RelationIndex,
    index: usize,
    commands: &mut Vec<Command>,
) {
    let r = &timeline.relations[index];
    ScrollArea::vertical()
        .id_salt("relation-detail")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} – {}",
                    timeline.actor_name(&r.actors.0),
                    timeline.actor_name(&r.actors.1)
                ))
                .heading()
                .strong()
                .family(super::theme::bold_family(ui.ctx())),
            );
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(22.0, 12.0), egui::Sense::hover());
                ui.painter().rect_filled(
                    rect,
                    2,
                    theme::color(crate::layout::style::relation_color(r.kind)),
                );
                ui.label(RichText::new(r.kind_text()).strong().size(15.0));
            });
            ui.label(RichText::new(r.kind.explanation()).weak());
            ui.add_space(4.0);
            ui.label(RichText::new(r.date_display()).strong());
            precision_ui(ui, &r.start, r.end.as_ref(), r.date_note.as_deref());
            ui.add_space(6.0);
            egui::Grid::new("relation-facts")
                .num_columns(2)
                .spacing([10.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Confidence").weak());
                    ui.label(r.confidence.label());
                    ui.end_row();
                    ui.label(RichText::new("Provenance").weak());
                    ui.label(timeline.wording().provenance(r.provenance));
                    ui.end_row();
                });
            for (title, ids) in [
                ("Began with", &r.start_events),
                ("Ended with", &r.end_events),
            ] {
                if ids.is_empty() {
                    continue;
                }
                section_ui(ui, title);
                for id in ids {
                    if let Some(i) = timeline.events.iter().position(|e| &e.id == id) {
                        let e = &timeline.events[i];
                        if ui
                            .link(format!("{} ({})", e.title, e.start.display()))
                            .on_hover_text("Select this event")
                            .clicked()
                        {
                            commands.push(Command::Select(Some(EventRef::at(&e.id, i))));
                        }
                    }
                }
            }
            words_ui(
                ui,
                timeline,
                &r.summary,
                r.claim.as_deref(),
                r.provenance,
                r.discrepancy.as_deref().map(|d| ("Caveat".to_string(), d)),
            );
            sources_ui(ui, &r.sources, commands);
            if let Some(pair) = pairs.pair(&r.actors.0, &r.actors.1) {
                section_ui(ui, "The pair's history");
                for &i in &pair.periods {
                    let p = &timeline.relations[i];
                    let text = format!("{}: {}", p.date_display(), p.kind_text());
                    if ui.selectable_label(i == index, text).clicked() && i != index {
                        commands.push(Command::SelectRelation(Some(p.id.clone())));
                    }
                }
            }
            ui.add_space(8.0);
            ui.label(RichText::new(format!("id: {}", r.id)).weak().small());
        });
}

/// 36.99° N, 66.82° E.
fn coordinates_text(c: crate::model::Coordinates) -> String {
    format!(
        "{:.4}° {}, {:.4}° {}",
        c.lat.abs(),
        if c.lat < 0.0 { "S" } else { "N" },
        c.lon.abs(),
        if c.lon < 0.0 { "W" } else { "E" }
    )
}

/// `fatalities` as a label: `Fatalities`; `num_sources`: `Num sources`.
fn number_name(name: &str) -> String {
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A count without ".0"; other numbers as the file gave them.
fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        let n = crate::model::group_thousands(v.abs() as u64);
        if v < 0.0 { format!("−{n}") } else { n }
    } else {
        v.to_string()
    }
}

/// A media address: web links open on a click; files are shown resolved
/// against the timeline's folder and never opened; anything else is text.
fn address_ui(
    ui: &mut egui::Ui,
    label: &str,
    url: &str,
    base_dir: Option<&std::path::Path>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("•");
        match media_link(url, base_dir) {
            MediaLink::Web(url) => {
                if ui.link(label).on_hover_text(&url).clicked() {
                    commands.push(Command::OpenLink(url));
                }
            }
            MediaLink::File(path) => {
                ui.label(label);
                ui.add(egui::Label::new(RichText::new(path.display().to_string()).weak()).wrap())
                    .on_hover_text("A file beside the timeline (not opened: only web links open)");
            }
            MediaLink::Other(text) => {
                ui.label(label);
                ui.add(egui::Label::new(RichText::new(text).weak()).wrap())
                    .on_hover_text("Not a web link; not opened");
            }
        }
    });
}

fn sources_ui(ui: &mut egui::Ui, sources: &[crate::model::Source], commands: &mut Vec<Command>) {
    section_ui(ui, "Sources");
    for source in sources {
        ui.horizontal_wrapped(|ui| {
            ui.label("•");
            match &source.url {
                // Only web links are ever opened.
                Some(url) if is_openable_url(url) => {
                    if ui.link(&source.title).on_hover_text(url).clicked() {
                        commands.push(Command::OpenLink(url.clone()));
                    }
                }
                Some(url) => {
                    ui.label(&source.title)
                        .on_hover_text(format!("{url} (not a web link; not opened)"));
                }
                None => {
                    ui.label(&source.title);
                }
            }
            if let Some(by) = source.byline() {
                ui.label(RichText::new(by).weak());
            }
        });
    }
}

/// The summary, what the source says, and the discrepancy (or caveat) in
/// its orange frame.
fn words_ui(
    ui: &mut egui::Ui,
    timeline: &Timeline,
    summary: &str,
    claim: Option<&str>,
    provenance: crate::model::Provenance,
    flagged: Option<(String, &str)>,
) {
    let palette = theme::palette(ui.visuals());
    section_ui(ui, "Summary");
    ui.label(summary);
    if let Some(claim) = claim {
        section_ui(ui, timeline.wording().claim_heading(provenance));
        ui.label(claim);
    }
    if let Some((heading, text)) = flagged {
        ui.add_space(8.0);
        Frame::new()
            .fill(palette.discrepancy_bg)
            .stroke(egui::Stroke::new(1.5, palette.discrepancy))
            .corner_radius(4)
            .inner_margin(Margin::same(8))
            .show(ui, |ui| {
                ui.label(RichText::new(heading).strong().color(palette.discrepancy));
                ui.label(text);
            });
    }
}

/// "Known to the day" (or "year to day"), and the note on the dates.
fn precision_ui(
    ui: &mut egui::Ui,
    start: &crate::model::Date,
    end: Option<&crate::model::Date>,
    note: Option<&str>,
) {
    let precision = match end {
        Some(end) if end.precision() != start.precision() => {
            format!("{} to {}", start.precision(), end.precision())
        }
        _ => start.precision().to_string(),
    };
    ui.label(RichText::new(format!("Known to the {precision}")).weak());
    if let Some(note) = note {
        ui.label(RichText::new(note).italics());
    }
}

fn section_ui(ui: &mut egui::Ui, title: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new(title).strong().size(15.0));
}
