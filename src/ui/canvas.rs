//! The timeline canvas: paints the view model of [`crate::layout::canvas`]
//! and turns pointer input into commands.
//!
//! From top to bottom: the lanes (scrolling vertically when they do not
//! fit), the time axis, and the overview strip with the whole extent.

use egui::{
    Color32, CornerRadius, FontId, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, UiBuilder, Vec2,
};

use super::axis::{paint_axis, paint_backdrop, paint_grid};
use super::minimap::{self, MinimapCache};
use super::relations::{RelationsInput, relation_lanes_ui, relations_legend_ui};
use super::theme::{self, Palette};
use crate::layout::style::mark_style;
use crate::layout::{
    Breaks, CanvasItem, CanvasLayout, LaneCache, MarkKind, TimeWindow, ViewParams, layout, metrics,
};
use crate::model::{Certainty, Grouping, Query, Timeline, group_thousands};
use crate::query::TimeIndex;
use crate::state::{Command, EventRef};

/// What the canvas needs to draw one frame.
pub struct CanvasInput<'a> {
    pub timeline: &'a Timeline,
    pub cache: &'a LaneCache,
    /// The events the overview strip shows (the filtered ones).
    pub index: &'a TimeIndex,
    /// The overview strip's scale: all events, whatever the filter.
    pub all_extent_days: Option<(f64, f64)>,
    pub window: TimeWindow,
    /// The axis's breaks (the whole timeline's).
    pub breaks: &'a Breaks,
    /// Event labels may wrap onto a second line.
    pub two_line_labels: bool,
    /// In the relations grouping: the pairs' lanes instead of events.
    pub relations: Option<RelationsInput<'a>>,
    pub selected: Option<usize>,
    pub show_legend: bool,
    /// Changes whenever the data or the filter change (for caches).
    pub data_generation: u64,
    pub query: &'a Query,
}

impl<'a> CanvasInput<'a> {
    /// What the canvas shows of the app's state; `shown_pairs` are the
    /// relations lanes' pairs (`AppState::shown_pairs`).
    pub fn of(state: &'a crate::state::AppState, shown_pairs: &'a [usize]) -> Self {
        Self {
            timeline: state.timeline(),
            cache: state.lane_cache(),
            index: state.overview_index(),
            all_extent_days: state.all_extent_days(),
            window: state.time_window(),
            breaks: state.breaks(),
            two_line_labels: state.two_line_labels(),
            relations: (state.grouping() == Grouping::Relations).then(|| RelationsInput {
                index: state.relation_index(),
                shown: shown_pairs,
                selected: state.selected_relation(),
            }),
            selected: state.selected(),
            show_legend: state.show_legend(),
            data_generation: state.data_generation(),
            query: state.query(),
        }
    }
}

/// What is under the pointer.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Hit {
    Event(usize),
    Cluster(usize),
}

pub fn canvas_ui(
    ui: &mut egui::Ui,
    input: &CanvasInput<'_>,
    minimap: &mut MinimapCache,
    commands: &mut Vec<Command>,
) {
    let rect = ui.available_rect_before_wrap();
    let palette = theme::palette(ui.visuals());
    ui.painter()
        .rect_filled(rect, CornerRadius::ZERO, palette.canvas_bg);
    let minimap_rect = Rect::from_min_max(
        Pos2::new(rect.min.x, rect.max.y - metrics::MINIMAP_HEIGHT_PT),
        rect.max,
    );
    let axis_rect = Rect::from_min_max(
        Pos2::new(rect.min.x, minimap_rect.min.y - metrics::AXIS_HEIGHT_PT),
        Pos2::new(rect.max.x, minimap_rect.min.y),
    );
    let legend_h = if input.show_legend {
        metrics::LEGEND_HEIGHT_PT
    } else {
        0.0
    };
    let legend_rect = Rect::from_min_max(
        Pos2::new(rect.min.x, axis_rect.min.y - legend_h),
        Pos2::new(rect.max.x, axis_rect.min.y),
    );
    // Era names get a strip of their own, so they never sit under event labels.
    let eras_in_view = input.timeline.eras.iter().any(|e| {
        e.start.axis_days() < input.window.end_days
            && e.end.end_axis_days() > input.window.start_days
    });
    let era_h = if eras_in_view {
        metrics::ERA_STRIP_PT
    } else {
        0.0
    };
    let era_rect = Rect::from_min_max(
        Pos2::new(rect.min.x, legend_rect.min.y - era_h),
        Pos2::new(rect.max.x, legend_rect.min.y),
    );
    let lanes_rect = Rect::from_min_max(rect.min, Pos2::new(rect.max.x, era_rect.min.y));

    let mut layout_out = CanvasLayout::default();
    let mut content_width_pt = lanes_rect.width();
    ui.scope_builder(UiBuilder::new().max_rect(lanes_rect), |ui| {
        egui::ScrollArea::vertical()
            .id_salt("lanes")
            .auto_shrink([false, false])
            .scroll_source(
                egui::scroll_area::ScrollSource::MOUSE_WHEEL
                    | egui::scroll_area::ScrollSource::SCROLL_BAR,
            )
            .show_viewport(ui, |ui, viewport| {
                content_width_pt = ui.available_width().max(1.0);
                let params = ViewParams {
                    window: input.window,
                    breaks: input.breaks,
                    width_pt: content_width_pt,
                    viewport_top_pt: viewport.min.y,
                    viewport_height_pt: viewport.height(),
                    single_track_rows: single_track_rows(
                        lanes_rect.height(),
                        input.two_line_labels,
                    ),
                    two_line_labels: input.two_line_labels,
                };
                if let Some(rel) = &input.relations {
                    let content_height = (rel.shown.len() as f32
                        * crate::layout::relations::pair_lane_height_pt())
                    .max(viewport.height());
                    let (content_rect, response) = ui.allocate_exact_size(
                        Vec2::new(content_width_pt, content_height),
                        Sense::click_and_drag(),
                    );
                    let tick_font = FontId::proportional(metrics::TICK_FONT_PT);
                    let measure = |text: &str| {
                        ui.fonts_mut(|f| {
                            f.layout_no_wrap(text.to_string(), tick_font.clone(), Color32::WHITE)
                        })
                        .size()
                        .x
                    };
                    // The axis, eras and breaks, with no event lanes.
                    layout_out = layout(input.timeline, &LaneCache::default(), &params, &measure);
                    let visible_rect = Rect::from_min_size(
                        content_rect.min + Vec2::new(0.0, viewport.min.y),
                        viewport.size(),
                    );
                    let painter = ui.painter_at(visible_rect);
                    paint_backdrop(&painter, &layout_out, content_rect, visible_rect, palette);
                    paint_grid(&painter, &layout_out, content_rect, visible_rect, palette);
                    relation_lanes_ui(
                        ui,
                        input,
                        rel,
                        &params,
                        content_rect,
                        visible_rect,
                        &response,
                        palette,
                        commands,
                    );
                    return;
                }
                let content_height = input
                    .cache
                    .content_height_pt(&params)
                    .max(viewport.height());
                let (content_rect, response) = ui.allocate_exact_size(
                    Vec2::new(content_width_pt, content_height),
                    Sense::click_and_drag(),
                );
                let label_font = FontId::proportional(metrics::LABEL_FONT_PT);
                let measure = |text: &str| {
                    ui.fonts_mut(|f| {
                        f.layout_no_wrap(text.to_string(), label_font.clone(), Color32::WHITE)
                    })
                    .size()
                    .x
                };
                layout_out = layout(input.timeline, input.cache, &params, &measure);
                let visible_rect = Rect::from_min_size(
                    content_rect.min + Vec2::new(0.0, viewport.min.y),
                    viewport.size(),
                );
                let hovered = paint_lanes(
                    ui,
                    input,
                    &layout_out,
                    content_rect,
                    visible_rect,
                    &response,
                    palette,
                );
                lanes_input(
                    ui,
                    input,
                    &layout_out,
                    &response,
                    hovered,
                    content_rect,
                    commands,
                );
            });
    });

    if era_h > 0.0 {
        paint_era_names(ui, &layout_out, era_rect, palette);
    }
    if input.show_legend {
        if input.relations.is_some() {
            relations_legend_ui(ui, legend_rect, palette);
        } else {
            paint_legend(ui, input.timeline, legend_rect, palette);
        }
    }
    paint_axis(ui, &layout_out, axis_rect, palette);
    minimap::minimap_ui(ui, input, minimap, minimap_rect, palette, commands);
}

/// The outline of what is selected (or, fainter, hovered).
pub(super) fn selection_outline(
    painter: &egui::Painter,
    rect: Rect,
    selected: bool,
    palette: &Palette,
    radius: u8,
) {
    let colour = if selected {
        palette.selection
    } else {
        palette.hover
    };
    painter.rect_stroke(
        rect,
        CornerRadius::same(radius),
        Stroke::new(2.0, colour),
        StrokeKind::Outside,
    );
}

/// Rows for the one-track grouping: as many as fit the height.
pub fn single_track_rows(lanes_height_pt: f32, two_line_labels: bool) -> usize {
    ((lanes_height_pt - metrics::LANE_HEADER_PT - metrics::LANE_GAP_PT)
        / crate::layout::canvas::row_height_pt(two_line_labels))
    .floor()
    .max(1.0) as usize
}

/// The era bands continued under the lanes, with their names.
fn paint_era_names(ui: &egui::Ui, l: &CanvasLayout, rect: Rect, palette: &Palette) {
    let painter = ui.painter_at(rect);
    for (i, era) in l.eras.iter().enumerate() {
        let band = Rect::from_x_y_ranges(
            rect.min.x + era.x0_pt..=rect.min.x + era.x1_pt,
            rect.y_range(),
        );
        let fill = if i % 2 == 0 {
            palette.era_a
        } else {
            palette.era_b
        };
        painter.rect_filled(band, CornerRadius::ZERO, fill);
        let left = band.min.x.max(rect.min.x) + 4.0;
        let room = band.max.x.min(rect.max.x) - left - 4.0;
        if room >= metrics::MIN_LABEL_PT / 2.0 {
            let galley = truncated(&painter, &era.title, room, palette.era_text);
            let top = rect.center().y - galley.size().y / 2.0;
            painter.galley(Pos2::new(left, top), galley, palette.era_text);
        }
    }
}

fn paint_lanes(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    l: &CanvasLayout,
    content: Rect,
    visible: Rect,
    response: &egui::Response,
    palette: &Palette,
) -> Option<Hit> {
    let painter = ui.painter_at(visible);
    let x = |x_pt: f32| content.min.x + x_pt;
    let y = |y_pt: f32| content.min.y + y_pt;
    paint_backdrop(&painter, l, content, visible, palette);
    // Lane backgrounds, alternating.
    for lane in &l.lanes {
        if lane.lane % 2 == 1 {
            let r = Rect::from_x_y_ranges(
                visible.x_range(),
                y(lane.top_pt)..=y(lane.top_pt + lane.height_pt),
            );
            painter.rect_filled(r, CornerRadius::ZERO, palette.lane_alt);
        }
    }
    paint_grid(&painter, l, content, visible, palette);

    let pointer = response.hover_pos();
    let mut hovered = None;
    for (i, c) in l.clusters.iter().enumerate() {
        let r = Rect::from_min_max(
            Pos2::new(x(c.x0_pt), y(c.y_pt) - metrics::BAR_HEIGHT_PT / 2.0 - 1.0),
            Pos2::new(
                x(c.x1_pt).max(x(c.x0_pt) + 4.0),
                y(c.y_pt) + metrics::BAR_HEIGHT_PT / 2.0 + 1.0,
            ),
        );
        if pointer.is_some_and(|p| r.expand(2.0).contains(p)) {
            hovered = Some(Hit::Cluster(i));
        }
        let strength = (1.0 + (c.count as f32).log10()).min(4.0) / 4.0;
        painter.rect_filled(
            r,
            CornerRadius::same(3),
            palette.cluster.gamma_multiply(0.35 + 0.65 * strength),
        );
        let text = c.count.to_string();
        let galley = painter.layout_no_wrap(
            text,
            FontId::proportional(metrics::TICK_FONT_PT),
            palette.cluster_text,
        );
        if galley.size().x + 4.0 <= r.width() {
            painter.galley(
                r.center() - galley.size() / 2.0,
                galley,
                palette.cluster_text,
            );
        }
    }
    for item in &l.items {
        let mark = mark_rect(item, content);
        let label_h = 16.0 * f32::from(item.label_lines.max(1));
        let label_rect = Rect::from_min_size(
            Pos2::new(x(item.label_x_pt()), y(item.y_pt) - label_h / 2.0),
            Vec2::new(item.label_width_pt, label_h),
        );
        if pointer.is_some_and(|p| {
            mark.expand(3.0).contains(p) || (item.label.is_some() && label_rect.contains(p))
        }) {
            hovered = Some(Hit::Event(item.event));
        }
        expose_to_accessibility(ui, input.timeline, item, mark, label_rect, visible);
        let color = theme::category_color(item.category_index);
        paint_mark(&painter, item, mark, color, palette);
        let is_selected = input.selected == Some(item.event);
        if is_selected || hovered == Some(Hit::Event(item.event)) {
            selection_outline(&painter, mark.expand(3.0), is_selected, palette, 4);
        }
        if let Some(label) = &item.label {
            let galley = wrapped(
                &painter,
                label,
                item.label_width_pt,
                item.label_lines,
                palette.label_text,
            );
            painter.galley(
                Pos2::new(label_rect.min.x, y(item.y_pt) - galley.size().y / 2.0),
                galley,
                palette.label_text,
            );
        }
    }
    // Lane headers stay at the left edge while panning; an actor's or a
    // category's lane shows its colour key from the filter panel.
    for lane in &l.lanes {
        let key_index = input.cache.lanes.lanes[lane.lane].key_index;
        let swatch = match input.cache.lanes.grouping {
            Grouping::Actor => key_index.map(theme::actor_color),
            Grouping::Category => key_index.map(theme::category_color),
            Grouping::None | Grouping::Relations => None,
        };
        let text = format!("{}  {}", lane.title, lane.event_count);
        let galley = painter.layout_no_wrap(
            text,
            FontId::proportional(metrics::TICK_FONT_PT),
            palette.lane_header_text,
        );
        let swatch_w = if swatch.is_some() { 12.0 } else { 0.0 };
        let pos = Pos2::new(visible.min.x + 4.0 + swatch_w, y(lane.top_pt) + 3.0);
        let bg = Rect::from_min_size(
            pos - Vec2::new(3.0, 1.0),
            galley.size() + Vec2::new(6.0, 2.0),
        );
        painter.rect_filled(bg, CornerRadius::same(3), palette.lane_header_bg);
        if let Some(colour) = swatch {
            let r = Rect::from_min_size(
                Pos2::new(visible.min.x + 3.0, pos.y + 2.0),
                Vec2::splat(10.0),
            );
            painter.rect_filled(r, CornerRadius::same(2), colour);
        }
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

/// Label text on at most `lines` lines `width_pt` wide, cut with an
/// ellipsis where it does not fit.
fn wrapped(
    painter: &egui::Painter,
    text: &str,
    width_pt: f32,
    lines: u8,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    if lines <= 1 {
        return truncated(painter, text, width_pt, color);
    }
    painter.fonts_mut(|f| {
        let mut job = egui::text::LayoutJob::single_section(
            text.to_string(),
            egui::TextFormat::simple(FontId::proportional(metrics::LABEL_FONT_PT), color),
        );
        job.wrap = egui::text::TextWrapping {
            max_width: width_pt,
            max_rows: usize::from(lines),
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        f.layout_job(job)
    })
}

/// One line of label text, cut with an ellipsis at `width_pt`.
fn truncated(
    painter: &egui::Painter,
    text: &str,
    width_pt: f32,
    color: Color32,
) -> std::sync::Arc<egui::Galley> {
    painter.fonts_mut(|f| {
        let mut job = egui::text::LayoutJob::simple_singleline(
            text.to_string(),
            FontId::proportional(metrics::LABEL_FONT_PT),
            color,
        );
        job.wrap = egui::text::TextWrapping::truncate_at_width(width_pt);
        f.layout_job(job)
    })
}

/// Gives an event on screen a node in the accessibility tree (a button
/// named by its title), so screen readers, and UI tests, can find and click
/// it.
fn expose_to_accessibility(
    ui: &egui::Ui,
    timeline: &Timeline,
    item: &CanvasItem,
    mark: Rect,
    label: Rect,
    visible: Rect,
) {
    let bounds = if item.label.is_some() {
        mark.union(label)
    } else {
        mark
    }
    .intersect(visible);
    if !bounds.is_positive() {
        return;
    }
    let id = ui.scope_id().with(("event", item.event, item.lane));
    ui.ctx().accesskit_node_builder(id, |node| {
        node.set_role(egui::accesskit::Role::Button);
        node.set_label(timeline.events[item.event].title.clone());
        node.set_bounds(egui::accesskit::Rect {
            x0: bounds.min.x.into(),
            y0: bounds.min.y.into(),
            x1: bounds.max.x.into(),
            y1: bounds.max.y.into(),
        });
        node.add_action(egui::accesskit::Action::Click);
    });
}

fn mark_rect(item: &CanvasItem, content: Rect) -> Rect {
    let (x0, y) = (content.min.x + item.x0_pt, content.min.y + item.y_pt);
    match item.kind {
        MarkKind::Point => Rect::from_center_size(
            Pos2::new(x0, y),
            Vec2::splat(2.0 * metrics::MARKER_RADIUS_PT),
        ),
        MarkKind::FuzzyPoint | MarkKind::Period => Rect::from_min_max(
            Pos2::new(x0, y - metrics::BAR_HEIGHT_PT / 2.0),
            Pos2::new(content.min.x + item.x1_pt, y + metrics::BAR_HEIGHT_PT / 2.0),
        ),
    }
}

fn paint_mark(
    painter: &egui::Painter,
    item: &CanvasItem,
    rect: Rect,
    color: Color32,
    palette: &Palette,
) {
    let style = mark_style(item.kind, item.certainty);
    let fill = color.gamma_multiply(style.fill_opacity);
    let outline = style
        .outline
        .map(|d| (Stroke::new(d.width_pt, color), d.dash_pt, d.gap_pt));
    match item.kind {
        MarkKind::Point => {
            let c = rect.center();
            let r = metrics::MARKER_RADIUS_PT;
            painter.circle_filled(c, r, fill);
            if let Some((stroke, _, _)) = outline {
                dashed_circle(painter, c, r, stroke);
            }
        }
        MarkKind::FuzzyPoint | MarkKind::Period => {
            // A fuzzy point is a soft band over the whole year or month (no
            // fake exact point), with a denser core.
            let radius = if item.kind == MarkKind::FuzzyPoint {
                5
            } else {
                3
            };
            painter.rect_filled(rect, CornerRadius::same(radius), fill);
            if let Some(core) = style.core_opacity {
                let inner = rect.shrink2(Vec2::new(rect.width() * 0.25, 2.0));
                painter.rect_filled(inner, CornerRadius::same(4), color.gamma_multiply(core));
            }
            if let Some((stroke, dash, gap)) = outline {
                dashed_rect(painter, rect, stroke, dash, gap);
            }
        }
    }
    if item.has_discrepancy {
        let tip = Pos2::new(rect.max.x + 1.0, rect.min.y - 2.0);
        discrepancy_flag(painter, tip, palette.discrepancy);
    }
}

fn discrepancy_flag(painter: &egui::Painter, at: Pos2, color: Color32) {
    painter.add(Shape::convex_polygon(
        vec![at, at + Vec2::new(7.0, 0.0), at + Vec2::new(3.5, 6.0)],
        color,
        Stroke::NONE,
    ));
}

fn dashed_rect(painter: &egui::Painter, rect: Rect, stroke: Stroke, dash: f32, gap: f32) {
    // Only the part on screen: a period can be far wider than the canvas,
    // and dashes off screen would cost vertices for nothing.
    let rect = rect.intersect(painter.clip_rect().expand(8.0));
    if !rect.is_positive() {
        return;
    }
    let points = [
        rect.left_top(),
        rect.right_top(),
        rect.right_bottom(),
        rect.left_bottom(),
        rect.left_top(),
    ];
    painter.extend(Shape::dashed_line(&points, stroke, dash, gap));
}

fn dashed_circle(painter: &egui::Painter, centre: Pos2, radius: f32, stroke: Stroke) {
    let Some(d) = mark_style(MarkKind::Point, Certainty::Reported).outline else {
        return;
    };
    let points: Vec<Pos2> = (0..=16)
        .map(|i| {
            let a = i as f32 / 16.0 * std::f32::consts::TAU;
            centre + radius * Vec2::angled(a)
        })
        .collect();
    painter.extend(Shape::dashed_line(&points, stroke, d.dash_pt, d.gap_pt));
}

/// Pointer input on the lanes: hover, select, zoom to, pan, wheel zoom.
fn lanes_input(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    l: &CanvasLayout,
    response: &egui::Response,
    hovered: Option<Hit>,
    content: Rect,
    commands: &mut Vec<Command>,
) {
    match hovered {
        Some(Hit::Event(i)) => {
            let ev = &input.timeline.events[i];
            let actors: Vec<&str> = ev
                .actors
                .iter()
                .map(|a| input.timeline.actor_name(a))
                .collect();
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(&ev.title);
                ui.label(ev.date_display());
                ui.label(format!("{} · {}", ev.certainty.label(), actors.join(", ")));
                if ev.has_discrepancy() {
                    ui.colored_label(
                        theme::palette(ui.visuals()).discrepancy,
                        input.timeline.wording().differ(),
                    );
                }
            });
        }
        Some(Hit::Cluster(c)) => {
            let c = &l.clusters[c];
            response.clone().on_hover_ui_at_pointer(|ui| {
                ui.strong(format!("{} events", group_thousands(c.count as u64)));
                ui.label("Click to zoom in");
            });
        }
        None => {}
    }
    if response.clicked() {
        match hovered {
            Some(Hit::Event(i)) => commands.push(Command::Select(Some(EventRef::at(
                &input.timeline.events[i].id,
                i,
            )))),
            Some(Hit::Cluster(c)) => {
                let c = &l.clusters[c];
                commands.push(Command::AnimateTo(input.breaks.fit(c.from_days, c.to_days)));
            }
            None => commands.push(Command::Select(None)),
        }
    }
    if response.double_clicked()
        && let Some(Hit::Event(i)) = hovered
    {
        let ev = &input.timeline.events[i];
        commands.push(Command::AnimateTo(
            input.breaks.fit(ev.start_days(), ev.end_days()),
        ));
    }
    pan_zoom_input(ui, input, response, content, commands);
}

/// Dragging, the wheel and pinching move and zoom the view, through the
/// breaks: what is under the pointer stays under it.
pub(super) fn pan_zoom_input(
    ui: &egui::Ui,
    input: &CanvasInput<'_>,
    response: &egui::Response,
    content: Rect,
    commands: &mut Vec<Command>,
) {
    let width_pt = content.width().max(1.0);
    let breaks = input.breaks;
    let mut next = input.window;
    if response.dragged() {
        next = breaks.panned(&next, -response.drag_delta().x, width_pt);
    }
    if response.hovered() {
        let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
        if zoom != 1.0 {
            let anchor_x = response
                .hover_pos()
                .map_or(width_pt / 2.0, |p| p.x - content.min.x);
            let anchor = breaks.scale(&next, width_pt).days_at(anchor_x);
            next = breaks.zoomed(&next, f64::from(zoom), anchor);
        }
        if scroll.x != 0.0 {
            next = breaks.panned(&next, -scroll.x, width_pt);
        }
    }
    if next != input.window {
        commands.push(Command::SetWindow(next));
    }
}

/// The key to the marks: one strip above the axis.
fn paint_legend(ui: &egui::Ui, timeline: &Timeline, rect: Rect, palette: &Palette) {
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, CornerRadius::ZERO, palette.axis_bg);
    let font = FontId::proportional(metrics::TICK_FONT_PT);
    let colour = theme::category_color(0);
    let y = rect.center().y;
    let mut x = rect.min.x + 10.0;
    let mut entry = |label: &str, mark_w: f32, draw: &dyn Fn(Pos2)| {
        let galley = painter.layout_no_wrap(label.to_string(), font.clone(), palette.tick_text);
        if x + mark_w + 6.0 + galley.size().x > rect.max.x {
            return;
        }
        draw(Pos2::new(x + mark_w / 2.0, y));
        x += mark_w + 6.0;
        painter.galley(
            Pos2::new(x, y - galley.size().y / 2.0),
            galley.clone(),
            palette.tick_text,
        );
        x += galley.size().x + 16.0;
    };
    // The samples are painted as the marks themselves are.
    let sample = |kind: MarkKind, certainty: Certainty, c: Pos2, width: f32| {
        let item = CanvasItem {
            event: 0,
            kind,
            x0_pt: 0.0,
            x1_pt: 0.0,
            y_pt: 0.0,
            lane: 0,
            row: 0,
            label: None,
            label_width_pt: 0.0,
            label_lines: 1,
            label_left: false,
            certainty,
            category_index: 0,
            has_discrepancy: false,
        };
        let height = match kind {
            MarkKind::Point => 2.0 * metrics::MARKER_RADIUS_PT,
            _ => metrics::BAR_HEIGHT_PT,
        };
        let rect = Rect::from_center_size(c, Vec2::new(width, height));
        paint_mark(&painter, &item, rect, colour, palette);
    };
    let dot = 2.0 * metrics::MARKER_RADIUS_PT;
    entry("Confirmed", dot, &|c| {
        sample(MarkKind::Point, Certainty::Confirmed, c, dot)
    });
    entry("Reported or contested", dot, &|c| {
        sample(MarkKind::Point, Certainty::Reported, c, dot)
    });
    entry("Approximate", dot, &|c| {
        sample(MarkKind::Point, Certainty::Approximate, c, dot)
    });
    entry("Period", 22.0, &|c| {
        sample(MarkKind::Period, Certainty::Confirmed, c, 22.0)
    });
    entry("Known only to the year or month", 22.0, &|c| {
        sample(MarkKind::FuzzyPoint, Certainty::Confirmed, c, 22.0)
    });
    entry(timeline.wording().differ_short(), 8.0, &|c| {
        discrepancy_flag(&painter, c - Vec2::new(3.5, 3.0), palette.discrepancy);
    });
    entry("Many events: click to zoom", 22.0, &|c| {
        let r = Rect::from_center_size(c, Vec2::new(22.0, metrics::BAR_HEIGHT_PT + 2.0));
        painter.rect_filled(r, CornerRadius::same(3), palette.cluster);
    });
    for (i, cat) in timeline.categories.iter().enumerate() {
        entry(&cat.name, 10.0, &|c| {
            painter.rect_filled(
                Rect::from_center_size(c, Vec2::splat(10.0)),
                CornerRadius::same(2),
                theme::category_color(i),
            );
        });
    }
}
