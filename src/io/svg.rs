//! A printable handout as SVG: landscape pages (A4 or Letter), each with a
//! stretch of the timeline laid out by the canvas's own view model, a
//! dated list of its events, a legend, the title and the source line.
//! Several pages, one `<svg>` each, are stacked in one document.

use std::fmt::Write as _;

use crate::layout::style::{Palette, Rgba, category_color, is_uncertain, mark_style};
use crate::layout::{Breaks, CanvasItem, LaneCache, MarkKind, ViewParams, layout, metrics};
use crate::model::{Certainty, Timeline};
use crate::query::{Grouping, Lanes, TimeIndex, event_extents};

/// Paper sizes, landscape, in CSS pixels (96 per inch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (1122.5, 793.7),
            Paper::Letter => (1056.0, 816.0),
        }
    }
}

/// At most this many events on one page, so every label is readable.
pub const EVENTS_PER_PAGE: usize = 14;

const MARGIN_PT: f32 = 40.0;
const TITLE_PT: f32 = 22.0;
const LABEL_PT: f32 = 11.0;
/// Width of a character of the label font, for fitting text (SVG cannot
/// measure it).
const CHAR_PT: f32 = 6.0;
const ROWS: usize = 9;

/// Text for XML: the markup characters escaped, and the characters XML 1.0
/// forbids (control characters but tab, line feed and carriage return;
/// U+FFFE, U+FFFF) replaced with U+FFFD, so that the file stays well-formed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Cuts `text` to fit `width_pt`, with an ellipsis.
fn fit(text: &str, width_pt: f32) -> Option<String> {
    let max = (width_pt / CHAR_PT).floor() as usize;
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

/// The events' extents and `events` in date order.
fn in_date_order(timeline: &Timeline, events: &[usize]) -> (Vec<(f64, f64)>, Vec<usize>) {
    let extents = event_extents(&timeline.events);
    let order = TimeIndex::from_subset(&timeline.events, &extents, events.to_vec(), false)
        .sorted()
        .to_vec();
    (extents, order)
}

/// The handout's pages: [`EVENTS_PER_PAGE`] events each, one empty page
/// when there are none.
fn pages_of(order: &[usize]) -> Vec<&[usize]> {
    if order.is_empty() {
        vec![&[][..]]
    } else {
        order.chunks(EVENTS_PER_PAGE).collect()
    }
}

/// The handout for `events` (indices into the timeline, any order).
pub fn handout_svg(timeline: &Timeline, events: &[usize], paper: Paper) -> String {
    let (extents, order) = in_date_order(timeline, events);
    let pages = pages_of(&order);
    let (w, h) = paper.size_pt();
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
        page_svg(
            &mut out,
            timeline,
            &extents,
            page,
            p,
            pages.len(),
            paper,
            h * p as f32,
        );
    }
    out.push_str("</svg>\n");
    out
}

/// The handout as one SVG document per page (what a printer or a browser
/// prints page by page).
pub fn handout_pages(timeline: &Timeline, events: &[usize], paper: Paper) -> Vec<String> {
    let (extents, order) = in_date_order(timeline, events);
    let pages = pages_of(&order);
    let (w, h) = paper.size_pt();
    pages
        .iter()
        .enumerate()
        .map(|(p, page)| {
            let mut out = String::new();
            let _ = writeln!(
                out,
                r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="DejaVu Sans, Ubuntu, Arial, sans-serif">
<title>{} ({}/{})</title>"#,
                escape(&timeline.title),
                p + 1,
                pages.len()
            );
            page_svg(&mut out, timeline, &extents, page, p, pages.len(), paper, 0.0);
            out.push_str("</svg>\n");
            out
        })
        .collect()
}

/// Where the pages of a handout saved as `path` go: the first at `path`,
/// the next beside it as `NAME-2.svg`, `NAME-3.svg`…
pub fn page_paths(path: &std::path::Path, pages: usize) -> Vec<std::path::PathBuf> {
    let stem = path
        .file_stem()
        .map_or_else(|| "handout".into(), |s| s.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .map_or_else(|| "svg".into(), |e| e.to_string_lossy().into_owned());
    (0..pages.max(1))
        .map(|i| {
            if i == 0 {
                path.to_path_buf()
            } else {
                path.with_file_name(format!("{stem}-{}.{ext}", i + 1))
            }
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn page_svg(
    out: &mut String,
    timeline: &Timeline,
    extents: &[(f64, f64)],
    page: &[usize],
    number: usize,
    pages: usize,
    paper: Paper,
    top: f32,
) {
    let (w, h) = paper.size_pt();
    let inner_w = w - 2.0 * MARGIN_PT;
    let _ = writeln!(
        out,
        r##"<g transform="translate(0 {top})"><rect width="{w}" height="{h}" fill="#ffffff"/>"##
    );
    // Title and what the page covers.
    let _ = writeln!(
        out,
        r##"<text x="{MARGIN_PT}" y="{}" font-size="{TITLE_PT}" font-weight="bold" fill="#111">{}</text>"##,
        MARGIN_PT + 8.0,
        escape(&fit(&timeline.title, inner_w * 1.6).unwrap_or_default())
    );
    if let (Some(&first), Some(&last)) = (page.first(), page.last()) {
        let ev_first = &timeline.events[first];
        let ev_last = &timeline.events[last];
        let _ = writeln!(
            out,
            r##"<text x="{MARGIN_PT}" y="{}" font-size="13" fill="#333">{} – {} · events {}–{} of the handout</text>"##,
            MARGIN_PT + 30.0,
            escape(&ev_first.start.display()),
            escape(&ev_last.end.as_ref().unwrap_or(&ev_last.start).display()),
            number * EVENTS_PER_PAGE + 1,
            number * EVENTS_PER_PAGE + page.len()
        );
    }

    // The timeline strip, laid out by the canvas's view model.
    let strip_top = MARGIN_PT + 50.0;
    if !page.is_empty() {
        let from = page
            .iter()
            .map(|&e| extents[e].0)
            .fold(f64::INFINITY, f64::min);
        let to = page
            .iter()
            .map(|&e| extents[e].1)
            .fold(f64::NEG_INFINITY, f64::max);
        // Long empty stretches are drawn narrower, with a break, as on the
        // screen.
        let breaks = Breaks::find(extents, page);
        let window = breaks.fit(from, to);
        let lanes = Lanes::build(timeline, extents, page, Grouping::None, ROWS);
        let cache = LaneCache::new(extents, lanes);
        let params = ViewParams {
            window,
            breaks: &breaks,
            width_pt: inner_w,
            viewport_top_pt: 0.0,
            viewport_height_pt: f32::MAX,
            single_track_rows: ROWS,
            two_line_labels: false,
        };
        let l = layout(timeline, &cache, &params, &|s: &str| {
            s.chars().count() as f32 * CHAR_PT
        });
        let axis_y = strip_top + l.content_height_pt + 4.0;
        for &x in &l.minor_tick_x_pt {
            let _ = writeln!(
                out,
                r##"<line x1="{0}" y1="{strip_top}" x2="{0}" y2="{axis_y}" stroke="#f0f0f0"/>"##,
                MARGIN_PT + x
            );
        }
        // Breaks: long stretches without events, drawn narrower.
        for b in &l.breaks {
            let (x0, x1) = (MARGIN_PT + b.x0_pt, MARGIN_PT + b.x1_pt);
            let _ = writeln!(
                out,
                r##"<g><title>{}</title><rect x="{x0}" y="{strip_top}" width="{}" height="{}" fill="#ececec"/><text x="{}" y="{}" font-size="10" fill="#555" text-anchor="middle">//</text></g>"##,
                escape(&crate::layout::breaks::break_text(b.from_days, b.to_days)),
                (x1 - x0).max(1.0),
                axis_y + 5.0 - strip_top,
                (x0 + x1) / 2.0,
                axis_y + 4.0,
            );
        }
        for (tick, &x) in l.ticks.iter().zip(&l.tick_x_pt) {
            let x = MARGIN_PT + x;
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
            r##"<line x1="{MARGIN_PT}" y1="{axis_y}" x2="{}" y2="{axis_y}" stroke="#555"/>"##,
            w - MARGIN_PT
        );
        for item in &l.items {
            item_svg(out, item, strip_top);
        }
        for c in &l.clusters {
            let _ = writeln!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="12" rx="3" fill="#8a93a6"/><text x="{}" y="{}" font-size="9" fill="#fff">{}</text>"##,
                MARGIN_PT + c.x0_pt,
                strip_top + c.y_pt - 6.0,
                (c.x1_pt - c.x0_pt).max(12.0),
                MARGIN_PT + c.x0_pt + 2.0,
                strip_top + c.y_pt + 3.0,
                c.count
            );
        }
        // The page's events as a dated list.
        let list_top = axis_y + 40.0;
        for (k, &e) in page.iter().enumerate() {
            let ev = &timeline.events[e];
            let y = list_top + k as f32 * 17.0;
            let mut line = format!("{}  {}", ev.date_display(), ev.title);
            if is_uncertain(ev.certainty) {
                line.push_str(&format!(" ({})", ev.certainty.label().to_lowercase()));
            }
            if ev.has_discrepancy() {
                line.push_str(&format!(
                    " ▾ {}",
                    timeline.wording().differ().to_lowercase()
                ));
            }
            let _ = writeln!(
                out,
                r##"<text x="{MARGIN_PT}" y="{y}" font-size="11" fill="#111">{}</text>"##,
                escape(&fit(&line, inner_w).unwrap_or_default())
            );
        }
    }

    legend_svg(out, timeline, h - MARGIN_PT - 22.0);
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
        r##"<text x="{MARGIN_PT}" y="{}" font-size="10" fill="#555">{}</text><text x="{}" y="{}" font-size="10" fill="#555" text-anchor="end">Page {} of {pages}</text></g>"##,
        h - MARGIN_PT + 14.0,
        escape(&fit(&source, w - 2.0 * MARGIN_PT - 100.0).unwrap_or_default()),
        w - MARGIN_PT,
        h - MARGIN_PT + 14.0,
        number + 1
    );
}

/// One mark, drawn as the canvas draws it ([`mark_style`]): a point at
/// `x0`, or a band from `x0` to `x1`, centred on `y`.
fn mark_svg(
    out: &mut String,
    kind: MarkKind,
    certainty: Certainty,
    colour: Rgba,
    (x0, x1, y): (f32, f32, f32),
) {
    let style = mark_style(kind, certainty);
    let colour = colour.hex();
    let fill_opacity = style.fill_opacity;
    let stroke = style.outline.map_or(String::new(), |d| {
        format!(
            r##" stroke="{colour}" stroke-width="{}" stroke-dasharray="{} {}""##,
            d.width_pt, d.dash_pt, d.gap_pt
        )
    });
    match kind {
        MarkKind::Point => {
            let r = metrics::MARKER_RADIUS_PT;
            let _ = writeln!(
                out,
                r##"<circle cx="{x0}" cy="{y}" r="{r}" fill="{colour}" fill-opacity="{fill_opacity}"{stroke}/>"##
            );
        }
        MarkKind::FuzzyPoint | MarkKind::Period => {
            let h = metrics::BAR_HEIGHT_PT;
            let w = (x1 - x0).max(2.0);
            let _ = writeln!(
                out,
                r##"<rect x="{x0}" y="{}" width="{w}" height="{h}" rx="3" fill="{colour}" fill-opacity="{fill_opacity}"{stroke}/>"##,
                y - h / 2.0,
            );
            if let Some(core) = style.core_opacity {
                let _ = writeln!(
                    out,
                    r##"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{colour}" fill-opacity="{core}"/>"##,
                    x0 + w * 0.25,
                    y - h / 2.0 + 2.0,
                    w * 0.5,
                    h - 4.0
                );
            }
        }
    }
}

/// The flag of an event where the article and the record differ.
fn discrepancy_svg(out: &mut String, x: f32, y: f32) {
    let _ = writeln!(
        out,
        r##"<path d="M{x} {y} h7 l-3.5 6 z" fill="{}"/>"##,
        Palette::LIGHT.discrepancy.hex()
    );
}

fn item_svg(out: &mut String, item: &CanvasItem, strip_top: f32) {
    let x0 = MARGIN_PT + item.x0_pt;
    let x1 = MARGIN_PT + item.x1_pt;
    let y = strip_top + item.y_pt;
    let colour = category_color(item.category_index);
    mark_svg(out, item.kind, item.certainty, colour, (x0, x1, y));
    if item.has_discrepancy {
        let x = match item.kind {
            MarkKind::Point => x0 + metrics::MARKER_RADIUS_PT,
            _ => x1,
        };
        discrepancy_svg(out, x + 1.0, y - 8.0);
    }
    if let Some(label) = &item.label
        && let Some(text) = fit(label, item.label_width_pt)
    {
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="{LABEL_PT}" fill="#111">{}</text>"##,
            MARGIN_PT + item.label_x_pt(),
            y + 4.0,
            escape(&text)
        );
    }
}

fn legend_svg(out: &mut String, timeline: &Timeline, y: f32) {
    let mut x = MARGIN_PT;
    let mut entry = |out: &mut String, mark: &dyn Fn(&mut String, f32), label: &str| {
        mark(out, x);
        let _ = writeln!(
            out,
            r##"<text x="{}" y="{}" font-size="10" fill="#333">{}</text>"##,
            x + 16.0,
            y + 4.0,
            escape(label)
        );
        x += 16.0 + label.chars().count() as f32 * 5.6 + 18.0;
    };
    let colour = category_color(0);
    let samples = [
        (MarkKind::Point, Certainty::Confirmed, "Confirmed"),
        (
            MarkKind::Point,
            Certainty::Reported,
            "Reported or contested",
        ),
        (MarkKind::Point, Certainty::Approximate, "Approximate"),
        (
            MarkKind::FuzzyPoint,
            Certainty::Confirmed,
            "Known to the year or month",
        ),
    ];
    for (kind, certainty, label) in samples {
        entry(
            out,
            &|out, x| {
                let x0 = if kind == MarkKind::Point { x + 5.0 } else { x };
                mark_svg(out, kind, certainty, colour, (x0, x + 12.0, y));
            },
            label,
        );
    }
    entry(
        out,
        &|out, x| discrepancy_svg(out, x, y - 4.0),
        timeline.wording().differ_short(),
    );
    for (i, cat) in timeline.categories.iter().enumerate() {
        entry(
            out,
            &|out, x| {
                let _ = writeln!(
                    out,
                    r##"<rect x="{x}" y="{}" width="10" height="10" fill="{}"/>"##,
                    y - 5.0,
                    category_color(i).hex()
                );
            },
            &cat.name,
        );
    }
}
