//! "Relations at a date": the network of [`crate::layout::network`] in a
//! window of its own, with a date slider. The actors keep their places; the
//! edges change colour smoothly as the date moves (dragged, or following
//! the selected event or story step). Clicking an edge selects that pair's
//! relation, whose detail shows the pair's whole history.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use super::theme;
use crate::layout::metrics;
use crate::layout::network::{circle_order, distance_to_segment, network_at};
use crate::layout::style::relation_color;
use crate::model::{Date, Precision, RelationKind};
use crate::state::{AppState, Command};

/// The colour of a kind's score (2 allied … -2 hostile), between kinds
/// while an edge changes.
fn score_color(score: f32) -> Color32 {
    let kinds = RelationKind::ALL;
    // ALL runs from allied (2) to hostile (-2).
    let pos = (2.0 - score.clamp(-2.0, 2.0)).min(3.999);
    let i = pos.floor() as usize;
    let t = pos - i as f32;
    let (a, b) = (relation_color(kinds[i]), relation_color(kinds[i + 1]));
    theme::color(a.mixed(b, t))
}

pub fn network_window_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) {
    let t = state.timeline();
    // A story step may show it; the user may have opened it.
    let by_story = state.presentation().is_some_and(|p| p.shows_network());
    if !(state.show_network() || by_story) || t.relations.is_empty() {
        return;
    }
    let mut open = true;
    let mut window = egui::Window::new("Relations at a date");
    if by_story {
        // Beside the story's card, clear of the presenter's bar: shown, not
        // touched (clicks and keys go to the presentation).
        // A corner of the screen, whatever the projector's zoom.
        let screen = ctx.content_rect();
        let size = [
            (screen.width() * 0.42).max(260.0),
            (screen.height() * 0.55).max(260.0),
        ];
        window = window
            .anchor(Align2::RIGHT_BOTTOM, [-16.0, -16.0])
            .fixed_size(size)
            .collapsible(false)
            .interactable(false);
    } else {
        // Over the left of the canvas (the older years), clear of the
        // filters and of the detail panel at the right.
        let screen = ctx.content_rect();
        window = window.open(&mut open).default_pos(
            screen.left_top() + Vec2::new(metrics::FILTER_PANEL_WIDTH_PT + 20.0, 70.0),
        );
    }
    window
        .default_size([560.0, 600.0])
        .min_size([320.0, 340.0])
        .resizable(true)
        .show(ctx, |ui| network_ui(ui, state, commands));
    if !open {
        commands.push(Command::ToggleNetwork);
    }
}

fn network_ui(ui: &mut egui::Ui, state: &AppState, commands: &mut Vec<Command>) {
    let t = state.timeline();
    let index = state.relation_index();
    let days = state.network_days();
    // The slider runs over the relations' whole span, through the axis's
    // breaks, so the busy years get most of its length.
    let open = index.open_until_days;
    let (from, to) = t
        .relations
        .iter()
        .map(|r| (r.start_days(), r.end_days(open)))
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (s, e)| {
            (a.min(s), b.max(e))
        });
    let breaks = state.breaks();
    let date = Date::from_axis_days(days, Precision::Day);
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(date.map_or_else(String::new, |d| d.display()))
                .heading()
                .strong(),
        );
        if state.network_follows_selection() {
            ui.weak(
                if state.selected().is_some() || state.selected_relation().is_some() {
                    "the selection's date"
                } else {
                    "the middle of the view"
                },
            );
        } else if ui
            .small_button("Follow the selection")
            .on_hover_text("Show the date of the selected event, relation or story step")
            .clicked()
        {
            commands.push(Command::SetNetworkDate(None));
        }
    });
    let mut u = breaks.u(days.clamp(from, to)) as f32;
    let (u_from, u_to) = (breaks.u(from) as f32, breaks.u(to) as f32);
    ui.spacing_mut().slider_width = (ui.available_width() - 50.0).max(100.0);
    let slider = ui.add(
        egui::Slider::new(&mut u, u_from..=u_to)
            .show_value(false)
            .text("Date"),
    );
    if slider.changed() {
        commands.push(Command::SetNetworkDate(Some(breaks.days(f64::from(u)))));
    }
    let pairs = state.shown_pairs();
    let order = circle_order(index);
    let net = network_at(t, index, &order, &pairs, days);
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click());
    let painter = ui.painter_at(rect);
    let palette = theme::palette(ui.visuals());
    painter.rect_filled(rect, 4, palette.canvas_bg);
    // Room for the names around the circle: the longest beside it, a
    // line above and below.
    // In a small window, names are cut short ("Syria (new gover…") so the
    // circle keeps room.
    let narrow = rect.width() < 560.0;
    let font = FontId::proportional(metrics::TICK_FONT_PT);
    let name_of = |name: &str| -> String {
        if narrow && name.chars().count() > 16 {
            format!("{}…", name.chars().take(15).collect::<String>())
        } else {
            name.to_string()
        }
    };
    let longest = net
        .nodes
        .iter()
        .map(|n| {
            ui.fonts_mut(|f| f.layout_no_wrap(name_of(&n.name), font.clone(), Color32::WHITE))
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let radius = (rect.width() / 2.0 - longest - 20.0)
        .min(rect.height() / 2.0 - 30.0)
        .max(40.0);
    let centre = rect.center();
    let at = |x: f32, y: f32| centre + Vec2::new(x, y) * radius;
    let pointer = response.hover_pos();
    let mut hovered: Option<usize> = None;
    let mut best = 6.0;
    for (k, e) in net.edges.iter().enumerate() {
        let (a, b) = (&net.nodes[e.from], &net.nodes[e.to]);
        let (pa, pb) = (at(a.x, a.y), at(b.x, b.y));
        if let Some(p) = pointer {
            let d = distance_to_segment((p.x, p.y), (pa.x, pa.y), (pb.x, pb.y));
            if d < best {
                best = d;
                hovered = Some(k);
            }
        }
    }
    let id = ui.scope_id().with("edges");
    let mut clicked_edge: Option<usize> = None;
    for (k, e) in net.edges.iter().enumerate() {
        let (a, b) = (&net.nodes[e.from], &net.nodes[e.to]);
        let (pa, pb) = (at(a.x, a.y), at(b.x, b.y));
        // Kind and presence animate: a change is seen as a change.
        let score = ui.ctx().animate_value_with_time(
            id.with(("score", e.pair)),
            e.kind.map_or(0.0, |k| f32::from(k.score())),
            metrics::ANIMATION_S as f32,
        );
        let shown = ui.ctx().animate_value_with_time(
            id.with(("shown", e.pair)),
            if e.kind.is_some() { 1.0 } else { 0.0 },
            metrics::ANIMATION_S as f32,
        );
        let selected = state.selected_relation().is_some_and(|r| {
            index.pairs[e.pair].is(&t.relations[r].actors.0, &t.relations[r].actors.1)
        });
        let width = 1.0 + 3.0 * shown + if hovered == Some(k) { 1.5 } else { 0.0 };
        if selected {
            painter.line_segment([pa, pb], Stroke::new(width + 4.0, palette.selection));
        }
        // A thin outline keeps the pale kinds (neutral) visible on a light
        // background.
        if shown > 0.5 {
            painter.line_segment(
                [pa, pb],
                Stroke::new(width + 2.0, palette.axis_line.gamma_multiply(0.9 * shown)),
            );
        }
        let colour = score_color(score).gamma_multiply(0.2 + 0.8 * shown);
        painter.line_segment([pa, pb], Stroke::new(width, colour));
        // For screen readers and UI tests: the edge as a button at its
        // middle, named by the pair and its state.
        let pair = &index.pairs[e.pair];
        let state_text = e
            .relation
            .map_or("not rated".to_string(), |r| t.relations[r].kind_text());
        let label = format!(
            "{} – {}: {state_text}",
            t.actor_name(&pair.a),
            t.actor_name(&pair.b)
        );
        let mid = Rect::from_center_size(pa.lerp(pb, 0.5), Vec2::splat(8.0));
        let node = id.with(("edge", e.pair));
        let edge = ui.interact(mid, node, Sense::click());
        ui.ctx().accesskit_node_builder(node, |n| {
            n.set_role(egui::accesskit::Role::Button);
            n.set_label(label);
        });
        if edge.clicked() {
            clicked_edge = Some(k);
        }
    }
    for n in &net.nodes {
        let p = at(n.x, n.y);
        let colour = if n.rated > 0 {
            palette.label_text
        } else {
            palette.tick_text
        };
        painter.circle_filled(p, 5.0, colour);
        // Names outside the circle, anchored away from it.
        let out = p + Vec2::new(n.x, n.y) * 10.0;
        let align = match (n.x > 0.3, n.x < -0.3, n.y < 0.0) {
            (true, _, _) => Align2::LEFT_CENTER,
            (_, true, _) => Align2::RIGHT_CENTER,
            (_, _, true) => Align2::CENTER_BOTTOM,
            _ => Align2::CENTER_TOP,
        };
        painter.text(out, align, name_of(&n.name), font.clone(), colour);
    }
    // The key, where it does not cover the circle.
    if rect.width() >= 2.0 * radius + 2.0 * longest + 200.0 || rect.height() >= 2.0 * radius + 160.0
    {
        legend_ui(&painter, rect, palette);
    }
    if let Some(k) = hovered.or(clicked_edge) {
        let e = &net.edges[k];
        let pair = &index.pairs[e.pair];
        let title = format!("{} – {}", t.actor_name(&pair.a), t.actor_name(&pair.b));
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.strong(&title);
            match e.relation.map(|r| &t.relations[r]) {
                Some(r) => {
                    ui.label(format!("{} ({})", r.kind_text(), r.date_display()));
                }
                None => {
                    ui.label("Not rated at this date");
                }
            }
            ui.weak("Click for the pair's history");
        });
        if response.clicked() || clicked_edge.is_some() {
            // The period at the date, else the pair's last before it, else
            // its first.
            let r = e.relation.or_else(|| {
                pair.periods
                    .iter()
                    .rev()
                    .find(|&&i| t.relations[i].start_days() <= days)
                    .or(pair.periods.first())
                    .copied()
            });
            if let Some(r) = r {
                commands.push(Command::SelectRelation(Some(t.relations[r].id.clone())));
            }
        }
    }
}

fn legend_ui(painter: &egui::Painter, rect: Rect, palette: &super::theme::Palette) {
    let font = FontId::proportional(metrics::TICK_FONT_PT - 1.0);
    // In the bottom left corner, under the circle's side.
    let mut y = rect.max.y - 6.0 * 16.0 - 4.0;
    for kind in RelationKind::ALL {
        let swatch = Rect::from_min_size(Pos2::new(rect.min.x + 10.0, y), Vec2::new(18.0, 4.0));
        painter.rect_filled(swatch, 1, theme::color(relation_color(kind)));
        painter.text(
            Pos2::new(rect.min.x + 34.0, y + 2.0),
            Align2::LEFT_CENTER,
            kind.label(),
            font.clone(),
            palette.tick_text,
        );
        y += 16.0;
    }
    painter.text(
        Pos2::new(rect.min.x + 10.0, y + 2.0),
        Align2::LEFT_CENTER,
        "faint: not rated at this date",
        font,
        palette.tick_text,
    );
}
