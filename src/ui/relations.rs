//! The relations lanes: paints the view model of
//! [`crate::layout::relations`], one lane per pair of actors, and turns
//! clicks into commands (a band selects its relation, a change mark its
//! event).

use egui::{Color32, CornerRadius, FontId, Pos2, Rect, Shape, Stroke, Vec2};

use super::canvas::CanvasInput;
use super::theme::{self, Palette};
use crate::layout::relations::{RelationsLayout, layout_relations};
use crate::layout::style::{relation_color, relation_text_color};
use crate::layout::{ViewParams, metrics};
use crate::model::{Confidence, RelationKind};
use crate::query::RelationIndex;
use crate::state::{Command, EventRef};

/// What the relations lanes show.
pub struct RelationsInput<'a> {
    pub index: &'a RelationIndex,
    /// Indices into `index.pairs`, in lane order.
    pub shown: &'a [usize],
    /// The selected relation (index into `Timeline::relations`).
    pub selected: Option<usize>,
}

const BAND_HEIGHT_PT: f32 = 14.0;

#[derive(Clone, Copy, PartialEq)]
enum Hit {
    Band(usize),
    Mark(usize),
}

/// Lays out and paints the lanes in `content` (the scrolled content's
/// rect; `visible` is the part on screen), and handles the pointer.
#[allow(clippy::too_many_arguments)]
pub(super) fn relation_lanes_ui(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    rel: &RelationsInput<'_>,
    params: &ViewParams<'_>,
    content: Rect,
    visible: Rect,
    response: &egui::Response,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let font = FontId::proportional(metrics::TICK_FONT_PT);
    let measure = |text: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(text.to_string(), font.clone(), Color32::WHITE))
            .size()
            .x
    };
    let l = layout_relations(input.timeline, rel.index, rel.shown, params, &measure);
    let hovered = paint(ui, input, rel, &l, content, visible, response, palette);
    let t = input.timeline;
    match hovered {
        Some(Hit::Band(b)) => {
            let r = &t.relations[l.bands[b].relation];
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(format!(
                    "{} – {}: {}",
                    t.actor_name(&r.actors.0),
                    t.actor_name(&r.actors.1),
                    r.kind_text()
                ));
                ui.label(r.date_display());
                ui.label(format!("Confidence: {}", r.confidence.label()));
                ui.label(crate::model::shortened(&r.summary));
                ui.weak("Click for the sources and what the article says");
            });
        }
        Some(Hit::Mark(m)) => {
            let mark = &l.marks[m];
            let r = &t.relations[mark.relation];
            response.clone().on_hover_ui_at_pointer(|ui| {
                let change = match mark.from {
                    Some(from) if from != r.kind => {
                        format!(
                            "From {} to {}",
                            from.label().to_lowercase(),
                            r.kind.label().to_lowercase()
                        )
                    }
                    _ => format!("Becomes {}", r.kind.label().to_lowercase()),
                };
                ui.strong(change);
                ui.label(r.start.display());
                if let Some(e) = mark.event {
                    ui.label(&t.events[e].title);
                    ui.weak("Click to select the event");
                }
            });
        }
        None => {}
    }
    if response.clicked() {
        match hovered {
            Some(Hit::Band(b)) => commands.push(Command::SelectRelation(Some(
                t.relations[l.bands[b].relation].id.clone(),
            ))),
            Some(Hit::Mark(m)) => match l.marks[m].event {
                Some(e) => commands.push(Command::Select(Some(EventRef::at(&t.events[e].id, e)))),
                None => commands.push(Command::SelectRelation(Some(
                    t.relations[l.marks[m].relation].id.clone(),
                ))),
            },
            None => commands.push(Command::SelectRelation(None)),
        }
    }
    super::canvas::pan_zoom_input(ui, input, response, content, commands);
}

/// How solid a band is drawn: less sure readings are fainter.
fn opacity(c: Confidence) -> f32 {
    match c {
        Confidence::High => 1.0,
        Confidence::Medium => 0.78,
        Confidence::Low => 0.5,
    }
}

#[allow(clippy::too_many_arguments)]
fn paint(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    rel: &RelationsInput<'_>,
    l: &RelationsLayout,
    content: Rect,
    visible: Rect,
    response: &egui::Response,
    palette: &Palette,
) -> Option<Hit> {
    let painter = ui.painter_at(visible);
    let x = |x_pt: f32| content.min.x + x_pt;
    let y = |y_pt: f32| content.min.y + y_pt;
    let pointer = response.hover_pos();
    let mut hovered = None;
    for lane in &l.lanes {
        if lane.lane % 2 == 1 {
            let r = Rect::from_x_y_ranges(
                visible.x_range(),
                y(lane.top_pt)..=y(lane.top_pt + lane.height_pt),
            );
            painter.rect_filled(r, CornerRadius::ZERO, palette.lane_alt);
        }
    }
    let font = FontId::proportional(metrics::TICK_FONT_PT);
    for (i, b) in l.bands.iter().enumerate() {
        let rect = Rect::from_min_max(
            Pos2::new(x(b.x0_pt), y(b.y_pt) - BAND_HEIGHT_PT / 2.0),
            Pos2::new(x(b.x1_pt), y(b.y_pt) + BAND_HEIGHT_PT / 2.0),
        );
        if pointer.is_some_and(|p| rect.expand2(Vec2::new(0.0, 3.0)).contains(p)) {
            hovered = Some(Hit::Band(i));
        }
        let fill = theme::color(relation_color(b.kind)).gamma_multiply(opacity(b.confidence));
        if b.open {
            // Still so when the source was written: solid, then fading out
            // over the last stretch.
            let fade = (rect.width() * 0.3).min(40.0);
            let solid = Rect::from_min_max(rect.min, Pos2::new(rect.max.x - fade, rect.max.y));
            painter.rect_filled(solid, CornerRadius::ZERO, fill);
            for k in 0..4 {
                let part = Rect::from_min_max(
                    Pos2::new(solid.max.x + fade * k as f32 / 4.0, rect.min.y),
                    Pos2::new(solid.max.x + fade * (k + 1) as f32 / 4.0, rect.max.y),
                );
                painter.rect_filled(
                    part,
                    CornerRadius::ZERO,
                    fill.gamma_multiply(0.8 - 0.2 * k as f32),
                );
            }
        } else {
            painter.rect_filled(rect, CornerRadius::same(2), fill);
        }
        if b.confidence == Confidence::Low {
            hatch(
                &painter,
                rect,
                theme::color(relation_text_color(b.kind)).gamma_multiply(0.35),
            );
        }
        if rel.selected == Some(b.relation) || hovered == Some(Hit::Band(i)) {
            let selected = rel.selected == Some(b.relation);
            super::canvas::selection_outline(&painter, rect.expand(2.0), selected, palette, 3);
        }
        if let Some(label) = &b.label {
            let text = theme::color(relation_text_color(b.kind));
            let galley = painter.layout_no_wrap(label.clone(), font.clone(), text);
            let left = rect.min.x.max(visible.min.x) + metrics::LABEL_GAP_PT;
            if left + galley.size().x <= rect.max.x.min(visible.max.x) {
                painter.galley(
                    Pos2::new(left, rect.center().y - galley.size().y / 2.0),
                    galley,
                    text,
                );
            }
        }
        expose_band(ui, input, b.relation, rect.intersect(visible));
    }
    // Changes: a small diamond above the band where a period begins.
    for (i, m) in l.marks.iter().enumerate() {
        let c = Pos2::new(x(m.x_pt), y(m.y_pt) - BAND_HEIGHT_PT / 2.0 - 4.0);
        let hit = Rect::from_center_size(c, Vec2::splat(12.0));
        if pointer.is_some_and(|p| hit.contains(p)) {
            hovered = Some(Hit::Mark(i));
        }
        let colour = if m.event.is_some() {
            palette.label_text
        } else {
            palette.tick_text
        };
        let r = 4.0;
        let points = vec![
            c + Vec2::new(0.0, -r),
            c + Vec2::new(r, 0.0),
            c + Vec2::new(0.0, r),
            c + Vec2::new(-r, 0.0),
        ];
        if m.event.is_some() {
            painter.add(Shape::convex_polygon(points, colour, Stroke::NONE));
        } else {
            painter.add(Shape::closed_line(points, Stroke::new(1.0, colour)));
        }
    }
    // Lane headers at the left edge.
    for lane in &l.lanes {
        let text = format!("{}  {}", lane.title, lane.periods);
        let galley = painter.layout_no_wrap(text, font.clone(), palette.lane_header_text);
        let pos = Pos2::new(visible.min.x + 4.0, y(lane.top_pt) + 3.0);
        let bg = Rect::from_min_size(
            pos - Vec2::new(3.0, 1.0),
            galley.size() + Vec2::new(6.0, 2.0),
        );
        painter.rect_filled(bg, CornerRadius::same(3), palette.lane_header_bg);
        painter.galley(pos, galley, palette.lane_header_text);
        if lane.top_pt > 0.0 {
            painter.hline(
                visible.x_range(),
                y(lane.top_pt),
                Stroke::new(1.0, palette.grid_line),
            );
        }
    }
    hovered
}

/// Thin diagonal lines over a band whose reading is uncertain.
fn hatch(painter: &egui::Painter, rect: Rect, colour: Color32) {
    let step = 6.0;
    let mut x0 = rect.min.x - rect.height();
    while x0 < rect.max.x {
        let a = Pos2::new(x0.max(rect.min.x), rect.max.y - (x0.max(rect.min.x) - x0));
        let x1 = (x0 + rect.height()).min(rect.max.x);
        let b = Pos2::new(x1, rect.max.y - (x1 - x0));
        painter.line_segment([a, b], Stroke::new(1.0, colour));
        x0 += step;
    }
}

/// Gives a band a node in the accessibility tree (a button named by its
/// pair, kind and dates), for screen readers and UI tests.
fn expose_band(ui: &egui::Ui, input: &CanvasInput<'_>, relation: usize, bounds: Rect) {
    if !bounds.is_positive() {
        return;
    }
    let t = input.timeline;
    let r = &t.relations[relation];
    let id = ui.scope_id().with(("relation", relation));
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(egui::accesskit::Role::Button);
        node.set_label(format!(
            "{} – {}: {}, {}",
            t.actor_name(&r.actors.0),
            t.actor_name(&r.actors.1),
            r.kind_text(),
            r.date_display()
        ));
        node.set_bounds(egui::accesskit::Rect {
            x0: bounds.min.x.into(),
            y0: bounds.min.y.into(),
            x1: bounds.max.x.into(),
            y1: bounds.max.y.into(),
        });
    });
}

/// The key to the relation colours: one strip above the axis.
pub(super) fn relations_legend_ui(ui: &egui::Ui, rect: Rect, palette: &Palette) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, palette.axis_bg);
    let font = FontId::proportional(metrics::TICK_FONT_PT);
    let mut x = rect.min.x + 10.0;
    let y = rect.center().y;
    for kind in RelationKind::ALL {
        let swatch = Rect::from_center_size(Pos2::new(x + 11.0, y), Vec2::new(22.0, 10.0));
        painter.rect_filled(
            swatch,
            CornerRadius::same(2),
            theme::color(relation_color(kind)),
        );
        x += 28.0;
        let galley =
            painter.layout_no_wrap(kind.label().to_string(), font.clone(), palette.tick_text);
        let w = galley.size().x;
        painter.galley(
            Pos2::new(x, y - galley.size().y / 2.0),
            galley,
            palette.tick_text,
        );
        x += w + 16.0;
    }
    // The change mark, drawn as on the lanes.
    let galley = painter.layout_no_wrap(
        "the event that changed it · fainter: less sure".to_string(),
        font,
        palette.tick_text,
    );
    if x + 14.0 + galley.size().x <= rect.max.x {
        let c = Pos2::new(x + 4.0, y);
        let r = 4.0;
        painter.add(Shape::convex_polygon(
            vec![
                c + Vec2::new(0.0, -r),
                c + Vec2::new(r, 0.0),
                c + Vec2::new(0.0, r),
                c + Vec2::new(-r, 0.0),
            ],
            palette.label_text,
            Stroke::NONE,
        ));
        painter.galley(
            Pos2::new(x + 14.0, y - galley.size().y / 2.0),
            galley,
            palette.tick_text,
        );
    }
}
