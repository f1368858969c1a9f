//! A printable handout as SVG: landscape pages (A4 or Letter), each with a
//! stretch of the timeline laid out by the canvas's own view model, a
//! dated list of its events, a legend, the title and the source line.
//! Several pages, one `<svg>` each, are stacked in one document.

use std::fmt::Write as _;

use crate::model::{Certainty, Timeline};
use crate::query::{Grouping, Lanes, TimeIndex, event_extents};
use crate::ui::view_model::{CanvasItem, LaneCache, MarkKind, TimeWindow, ViewParams, layout};

/// Paper sizes, landscape, in CSS pixels (96 per inch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn size_px(self) -> (f32, f32) {
        match self {
            Paper::A4 => (1122.5, 793.7),
            Paper::Letter => (1056.0, 816.0),
        }
    }
}

/// At most this many events on one page, so every label is readable.
pub const EVENTS_PER_PAGE: usize = 14;

const MARGIN_PX: f32 = 40.0;
const TITLE_PT: f32 = 22.0;
const LABEL_PT: f32 = 11.0;
/// Width of a character of the label font, for fitting text (SVG cannot
/// measure it).
const CHAR_PX: f32 = 6.0;
const ROWS: usize = 9;

/// Category colours, matching the canvas (Okabe–Ito).
fn category_hex(i: usize) -> &'static str {
    [
        "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56b4e9", "#e69f00", "#f0e442",
    ][i % 7]
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Cuts `text` to fit `width_px`, with an ellipsis.
fn fit(text: &str, width_px: f32) -> Option<String> {
    let max = (width_px / CHAR_PX).floor() as usize;
    if max < 4 {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    Some(if chars.len() <= max {
        text.to_string()
    } else {
        chars[..max - 1].iter().collect::<String>() + "…"
    })
}

/// The handout for `events` (indices into the timeline, any order).
pub fn handout_svg(timeline: &Timeline, events: &[usize], paper: Paper) -> String {
    let extents = event_extents(&timeline.events);
    let sorted = TimeIndex::from_subset(&timeline.events, &extents, events.to_vec(), false);
    let order = sorted.sorted();
    let pages: Vec<&[usize]> = if order.is_empty() {
        vec![&[][..]]
    } else {
        order.chunks(EVENTS_PER_PAGE).collect()
    };
    let (w, h) = paper.size_px();
    let mut out = String::new();
    let total_h = h * pages.len() as f32;
    let _ = writeln!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{total_h}" viewBox="0 0 {w} {total_h}" font-family="DejaVu Sans, Ubuntu, Arial, sans-serif">
<title>{}</title>"#,
        escape(&timeline.title)
    );
    for (p, page) in pages.iter().enumerate() {
        page_svg(&mut out, timeline, &extents, page, p, pages.len(), paper);
    }
    out.push_str("</svg>\n");
    out
}

fn page_svg(
    out: &mut String,
    timeline: &Timeline,
    extents: &[(f64, f64)],
    page: &[usize],
    number: usize,
    pages: usize,
    paper: Paper,
) {
    let (w, h) = paper.size_px();
    let top = number as f32 * h;
    let inner_w = w - 2.0 * MARGIN_PX;
    let _ = writeln!(
        out,
        r##"<g transform="translate(0 {top})"><rect width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    // Title and what the page covers.
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN_PX}" y="{}" font-size="{TITLE_PT}" font-weight="bold" fill="#111">{}</text>"##,
        MARGIN_PX + 8.0,
        escape(&fit(&timeline.title, inner_w * 1.6).unwrap_or_default())
    );
    if let (Some(&first), Some(&last)) = (page.first(), page.last()) {
        let ev_first = &timeline.events[first];
        let ev_last = &timeline.events[last];
        let _ = writeln!(
            out,
            r##"<text x="{MARGIN_PX}" y="{}" font-size="13" fill="#333">{} – {} · events {}–{} of the handout</text>"##,
            MARGIN_PX + 30.0,
            escape(&ev_first.start.display()),
            escape(&ev_last.end.as_ref().unwrap_or(&ev_last.start).display()),
            number * EVENTS_PER_PAGE + 1,
            number * EVENTS_PER_PAGE + page.len()
        );
    }

    // The timeline strip, laid out by the canvas's view model.
    let strip_top = MARGIN_PX + 50.0;
    if !page.is_empty() {
        let from = page
            .iter()
            .map(|&e| extents[e].0)
            .fold(f64::INFINITY, f64::min);
        let to = page
            .iter()
            .map(|&e| extents[e].1)
            .fold(f64::NEG_INFINITY, f64::max);
        let window = TimeWindow::fit(from, to);
        let lanes = Lanes::build(timeline, extents, page, Grouping::None, ROWS);
        let cache = LaneCache::new(extents, lanes);
        let params = ViewParams {
            window,
            width_px: inner_w,
            viewport_top_px: 0.0,
            viewport_height_px: f32::MAX,
            single_track_rows: ROWS,
        };
        let l = layout(timeline, &cache, &params, &|s: &str| {
            s.chars().count() as f32 * CHAR_PX
        });
        let axis_y = strip_top + l.content_height_px + 4.0;
        for &x in &l.minor_tick_x_px {
            let _ = writeln!(
                out,
                r##"<line x1="{0}" y1="{strip_top}" x2="{0}" y2="{axis_y}" stroke="#f0f0f0"/>"##,
                MARGIN_PX + x
            );
        }
        for (tick, &x) in l.ticks.iter().zip(&l.tick_x_px) {
            let x = MARGIN_PX + x;
            let _ = writeln!(
                out,
                r##"<line x1="{x}" y1="{strip_top}" x2="{x}" y2="{}" stroke="#d8d8d8"/><text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
                axis_y + 5.0,
                x + 2.0,
                axis_y + 16.0,
                escape(&tick.label)
            );
        }
        let _ = writeln!(
            out,
            r##"<line x1="{MARGIN_PX}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#555"/>"##,
            w - MARGIN_PX
        );
        for item in &l.items {
            item_svg(out, timeline, item, strip_top);
        }
        for c in &l.clusters {
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="12" rx="3" fill="#8a93a6"/><text x="{}" y="{}" font-size="9" fill="#fff">{}</text>"##,
                MARGIN_PX + c.x0_px,
                strip_top + c.y_px - 6.0,
                (c.x1_px - c.x0_px).max(12.0),
                MARGIN_PX + c.x0_px + 2.0,
                strip_top + c.y_px + 3.0,
                c.count
            );
        }
        // The page's events as a dated list.
        let list_top = axis_y + 40.0;
        for (k, &e) in page.iter().enumerate() {
            let ev = &timeline.events[e];
            let y = list_top + k as f32 * 17.0;
            let mut line = format!("{}  {}", ev.date_display(), ev.title);
            if matches!(ev.certainty, Certainty::Reported | Certainty::Contested) {
                line.push_str(&format!(" ({})", ev.certainty.label().to_lowercase()));
            }
            if ev.has_discrepancy() {
                line.push_str(" ▾ the article and the record differ");
            }
            let _ = writeln!(
                out,
                r##"<text x="{MARGIN_PX}" y="{y}" font-size="11" fill="#111">{}</text>"##,
                escape(&fit(&line, inner_w).unwrap_or_default())
            );
        }
    }

    legend_svg(out, timeline, h - MARGIN_PX - 22.0);
    // Source line and page number.
    let source = match &timeline.source_document {
        Some(doc) => {
            let mut s = format!("Source: {}", doc.title);
            if let Some(o) = &doc.outlet {
                s.push_str(&format!(", {o}"));
            }
            if let Some(d) = &doc.date {
                s.push_str(&format!(", {}", d.display()));
            }
            s
        }
        None => format!("{} events", timeline.events.len()),
    };
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN_PX}" y="{}" font-size="10" fill="#555">{}</text><text x="{}" y="{}" font-size="10" fill="#555" text-anchor="end">Page {} of {pages}</text></g>"##,
        h - MARGIN_PX + 14.0,
        escape(&fit(&source, w - 2.0 * MARGIN_PX - 100.0).unwrap_or_default()),
        w - MARGIN_PX,
        h - MARGIN_PX + 14.0,
        number + 1
    );
}

fn item_svg(out: &mut String, timeline: &Timeline, item: &CanvasItem, strip_top: f32) {
    let x0 = MARGIN_PX + item.x0_px;
    let y = strip_top + item.y_px;
    let colour = category_hex(item.category_index);
    let dashed = matches!(item.certainty, Certainty::Reported | Certainty::Contested);
    let opacity = if item.certainty == Certainty::Approximate {
        0.55
    } else {
        1.0
    };
    match item.kind {
        MarkKind::Point => {
            if dashed {
                let _ = writeln!(
                    out,
                    r##"<circle cx="{x0}" cy="{y}" r="5" fill="#ffffff" stroke="{colour}" stroke-width="1.8" stroke-dasharray="2.5 2"/>"##
                );
            } else {
                let _ = writeln!(
                    out,
                    r##"<circle cx="{x0}" cy="{y}" r="5" fill="{colour}" fill-opacity="{opacity}"/>"##
                );
            }
        }
        MarkKind::FuzzyPoint | MarkKind::Period => {
            let x1 = MARGIN_PX + item.x1_px;
            let fuzzy = item.kind == MarkKind::FuzzyPoint;
            let fill_opacity = if fuzzy {
                0.3
            } else if dashed {
                0.2
            } else {
                opacity
            };
            let stroke = if dashed {
                format!(r##" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 3""##)
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                r##"<rect x="{x0}" y="{}" width="{}" height="10" rx="3" fill="{colour}" fill-opacity="{fill_opacity}"{stroke}/>"##,
                y - 5.0,
                (x1 - x0).max(2.0)
            );
        }
    }
    if item.has_discrepancy {
        let x = match item.kind {
            MarkKind::Point => x0 + 5.0,
            _ => MARGIN_PX + item.x1_px,
        };
        let _ = writeln!(
            out,
            r##"<path d="M{} {} h7 l-3.5 6 z" fill="#c85000"/>"##,
            x + 1.0,
            y - 8.0
        );
    }
    if let Some(label) = &item.label
        && let Some(text) = fit(label, item.label_width_px)
    {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="{LABEL_PT}" fill="#111">{}</text>"##,
            MARGIN_PX + item.label_x_px(),
            y + 4.0,
            escape(&text)
        );
    }
    let _ = timeline;
}

fn legend_svg(out: &mut String, timeline: &Timeline, y: f32) {
    let mut x = MARGIN_PX;
    let mut entry = |out: &mut String, mark: &dyn Fn(f32) -> String, label: &str| {
        let _ = writeln!(out, "{}", mark(x));
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
            x + 16.0,
            y + 4.0,
            escape(label)
        );
        x += 16.0 + label.chars().count() as f32 * 5.6 + 18.0;
    };
    entry(
        out,
        &|x| {
            format!(
                r##"<circle cx="{}" cy="{y}" r="5" fill="#0072b2"/>"##,
                x + 5.0
            )
        },
        "Confirmed",
    );
    entry(
        out,
        &|x| {
            format!(
                r##"<circle cx="{}" cy="{y}" r="5" fill="#fff" stroke="#0072b2" stroke-dasharray="2.5 2"/>"##,
                x + 5.0
            )
        },
        "Reported or contested",
    );
    entry(
        out,
        &|x| {
            format!(
                r##"<rect x="{x}" y="{}" width="12" height="8" fill="#0072b2" fill-opacity="0.3"/>"##,
                y - 4.0
            )
        },
        "Known to the year or month",
    );
    entry(
        out,
        &|x| {
            format!(
                r##"<path d="M{x} {} h7 l-3.5 6 z" fill="#c85000"/>"##,
                y - 4.0
            )
        },
        "Article and record differ",
    );
    for (i, cat) in timeline.categories.iter().enumerate() {
        entry(
            out,
            &|x| {
                format!(
                    r##"<rect x="{x}" y="{}" width="10" height="10" fill="{}"/>"##,
                    y - 5.0,
                    category_hex(i)
                )
            },
            &cat.name,
        );
    }
}
