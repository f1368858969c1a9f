//! The printable handout as a PDF (krilla): portrait A4 or Letter pages
//! with the title, the source document and the filter used; an overview
//! axis with every event's place on it; the events as a vertical timeline
//! with their full titles (wrapped, never cut); then every event in detail:
//! what it is, what the source says, where the claim and the record
//! differ, and its sources. Colours are the canvas's category colours,
//! always beside black text (readable on paper and in grey).

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::{Font, TextDirection};
use skrifa::MetadataProvider;

use crate::layout::Breaks;
use crate::layout::style::{Rgba, category_color};
use crate::model::{Timeline, group_thousands, year_display};
use crate::query::{TimeIndex, event_extents};

use super::system_fonts::SystemFace;

/// Paper, portrait, in PDF points (1/72 inch).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PdfPaper {
    A4,
    Letter,
}

impl PdfPaper {
    fn size_pt(self) -> (f32, f32) {
        match self {
            PdfPaper::A4 => (595.3, 841.9),
            PdfPaper::Letter => (612.0, 792.0),
        }
    }
}

const MARGIN_PT: f32 = 48.0;
const TITLE_PT: f32 = 18.0;
const HEADING_PT: f32 = 13.0;
const BODY_PT: f32 = 10.0;
const SMALL_PT: f32 = 8.5;
const LINE_GAP: f32 = 1.3;

/// A font with the metrics to wrap text in it.
#[derive(Clone)]
struct Face {
    font: Font,
    data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>,
    index: u32,
}

impl Face {
    fn new(data: std::sync::Arc<dyn AsRef<[u8]> + Send + Sync>, index: u32) -> Option<Self> {
        let font = Font::new(data.clone().into(), index)?;
        skrifa::FontRef::from_index((*data).as_ref(), index).ok()?;
        Some(Self { font, data, index })
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(f) = skrifa::FontRef::from_index((*self.data).as_ref(), self.index) else {
            return text.chars().count() as f32 * size * 0.5;
        };
        let charmap = f.charmap();
        let metrics = f.glyph_metrics(
            skrifa::instance::Size::new(size),
            skrifa::instance::LocationRef::default(),
        );
        text.chars()
            .map(|c| {
                charmap
                    .map(c)
                    .and_then(|g| metrics.advance_width(g))
                    .unwrap_or(size * 0.5)
            })
            .sum()
    }

    /// `text` broken into lines no wider than `width` (a word longer than
    /// a line is broken inside).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // A word wider than the line: cut it where it must be.
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(&piece, size) > width && piece.chars().count() > 1 {
                        piece.pop();
                        lines.push(std::mem::take(&mut piece));
                        piece.push(c);
                    }
                }
                line = piece;
            }
            lines.push(line);
        }
        lines
    }
}

/// Pages being written, with a cursor that moves down and starts a new
/// page when the next block does not fit.
struct Writer<'a> {
    doc: &'a mut Document,
    paper: (f32, f32),
    regular: Face,
    bold: Face,
    /// Each page's drawing, finished when the next starts.
    pages: Vec<Vec<Op>>,
    y: f32,
}

/// What a page draws (kept until the end, so that every page can say how
/// many there are).
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        text: String,
        colour: Rgba,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgba,
    },
    Line {
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
    },
}

const BLACK: Rgba = Rgba {
    r: 0,
    g: 0,
    b: 0,
    a: 255,
};
/// A break in the axis: a long stretch without events, drawn narrower.
const BREAK_GREY: Rgba = Rgba::gray(222);
const GREY: Rgba = Rgba {
    r: 85,
    g: 85,
    b: 85,
    a: 255,
};

impl Writer<'_> {
    fn bottom(&self) -> f32 {
        self.paper.1 - MARGIN_PT - 14.0
    }

    fn width(&self) -> f32 {
        self.paper.0 - 2.0 * MARGIN_PT
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_PT;
    }

    /// Room for `height` more points, on a new page if need be.
    fn need(&mut self, height: f32) {
        if self.y + height > self.bottom() && self.y > MARGIN_PT + 0.5 {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Wrapped text at `x`, advancing the cursor; lines move to the next
    /// page one by one, never cut.
    fn paragraph(&mut self, x: f32, text: &str, size: f32, bold: bool, colour: Rgba) {
        let face = if bold { &self.bold } else { &self.regular };
        let lines = face.wrap(text, size, self.paper.0 - MARGIN_PT - x);
        for line in lines {
            self.need(size * LINE_GAP);
            self.y += size;
            self.op(Op::Text {
                x,
                y: self.y,
                size,
                bold,
                text: line,
                colour,
            });
            self.y += size * (LINE_GAP - 1.0);
        }
    }

    fn space(&mut self, pt: f32) {
        self.y += pt;
    }

    fn finish(self) -> Result<(), String> {
        let total = self.pages.len();
        for (n, ops) in self.pages.into_iter().enumerate() {
            let settings = PageSettings::from_wh(self.paper.0, self.paper.1)
                .ok_or("a page size PDF cannot hold")?;
            let mut page = self.doc.start_page_with(settings);
            let mut surface = page.surface();
            let footer = format!("Page {} of {total}", n + 1);
            let footer_op = Op::Text {
                x: self.paper.0 - MARGIN_PT - self.regular.width(&footer, SMALL_PT),
                y: self.paper.1 - MARGIN_PT + 6.0,
                size: SMALL_PT,
                bold: false,
                text: footer,
                colour: GREY,
            };
            for op in ops.iter().chain(std::iter::once(&footer_op)) {
                match op {
                    Op::Text {
                        x,
                        y,
                        size,
                        bold,
                        text,
                        colour,
                    } => {
                        surface.set_fill(Some(fill(*colour)));
                        let font = if *bold { &self.bold } else { &self.regular };
                        surface.draw_text(
                            Point::from_xy(*x, *y),
                            font.font.clone(),
                            *size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                    Op::Rect { x, y, w, h, colour } => {
                        if let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.5), h.max(0.5)) {
                            let mut pb = PathBuilder::new();
                            pb.push_rect(rect);
                            if let Some(path) = pb.finish() {
                                surface.set_fill(Some(fill(*colour)));
                                surface.set_stroke(None);
                                surface.draw_path(&path);
                            }
                        }
                    }
                    Op::Line { x0, y0, x1, y1 } => {
                        let mut pb = PathBuilder::new();
                        pb.move_to(*x0, *y0);
                        pb.line_to(*x1, *y1);
                        if let Some(path) = pb.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(90, 90, 90).into(),
                                width: 0.6,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        Ok(())
    }
}

fn fill(c: Rgba) -> Fill {
    Fill {
        paint: rgb::Color::new(c.r, c.g, c.b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// The handout of `events` (indices into the timeline) as PDF bytes.
/// `filter` says which events these are ("all events", the search…);
/// `bold` is a system bold face for titles (the regular face otherwise).
pub fn handout_pdf(
    timeline: &Timeline,
    events: &[usize],
    filter: &str,
    paper: PdfPaper,
    bold: Option<SystemFace>,
) -> Result<Vec<u8>, String> {
    let regular = Face::new(std::sync::Arc::new(epaint_default_fonts::UBUNTU_LIGHT), 0)
        .ok_or("the handout's font cannot be read")?;
    let bold = bold
        .and_then(|f| Face::new(f.data, f.index))
        .unwrap_or_else(|| regular.clone());
    let mut doc = Document::new();
    let mut w = Writer {
        doc: &mut doc,
        paper: paper.size_pt(),
        regular,
        bold,
        pages: vec![Vec::new()],
        y: MARGIN_PT,
    };
    let words = timeline.wording();
    w.paragraph(MARGIN_PT, &timeline.title, TITLE_PT, true, BLACK);
    w.space(4.0);
    if let Some(doc) = &timeline.source_document {
        let mut line = format!("Source: {}", doc.title);
        if let Some(by) = doc.byline() {
            line.push_str(&format!(", {by}"));
        }
        if let Some(url) = &doc.url {
            line.push_str(&format!(" ({url})"));
        }
        w.paragraph(MARGIN_PT, &line, BODY_PT, false, BLACK);
    }
    if !timeline.description.trim().is_empty() {
        w.paragraph(MARGIN_PT, &timeline.description, BODY_PT, false, GREY);
    }
    w.paragraph(
        MARGIN_PT,
        &format!(
            "Events shown: {} of {} ({filter})",
            group_thousands(events.len() as u64),
            group_thousands(timeline.events.len() as u64)
        ),
        BODY_PT,
        false,
        BLACK,
    );
    w.space(10.0);
    if events.is_empty() {
        w.paragraph(MARGIN_PT, "No events match.", HEADING_PT, true, BLACK);
        w.finish()?;
        return doc.finish().map_err(|e| format!("{e:?}"));
    }
    let extents = event_extents(&timeline.events);
    let order: Vec<usize> =
        TimeIndex::from_subset(&timeline.events, &extents, events.to_vec(), false)
            .sorted()
            .to_vec();
    let category_index = |e: usize| {
        timeline
            .categories
            .iter()
            .position(|c| c.id == timeline.events[e].category)
            .unwrap_or(0)
    };

    // The overview axis: every event's place in the whole span.
    let (from, to) = order
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &e| {
            (a.min(extents[e].0), b.max(extents[e].1))
        });
    // Long stretches without events are drawn narrower, as on the screen.
    let breaks = Breaks::find(&extents, &order);
    let (u_from, u_to) = (breaks.u(from), breaks.u(to));
    let span = (u_to - u_from).max(1.0);
    let axis_w = w.width();
    let x_of = |d: f64| MARGIN_PT + ((breaks.u(d) - u_from) / span) as f32 * axis_w;
    w.need(44.0);
    let axis_y = w.y + 20.0;
    w.op(Op::Line {
        x0: MARGIN_PT,
        y0: axis_y,
        x1: MARGIN_PT + axis_w,
        y1: axis_y,
    });
    for g in breaks.gaps() {
        let (x0, x1) = (x_of(g.from_days), x_of(g.to_days));
        w.op(Op::Rect {
            x: x0,
            y: axis_y - 10.0,
            w: x1 - x0,
            h: 12.0,
            colour: BREAK_GREY,
        });
        let mark = "//".to_string();
        let mark_w = w.regular.width(&mark, SMALL_PT);
        w.op(Op::Text {
            x: (x0 + x1 - mark_w) / 2.0,
            y: axis_y + 3.0,
            size: SMALL_PT,
            bold: false,
            text: mark,
            colour: GREY,
        });
    }
    for &e in &order {
        let (s, end) = extents[e];
        let x0 = x_of(s);
        let x1 = x_of(end).max(x0 + 1.2);
        w.op(Op::Rect {
            x: x0,
            y: axis_y - 9.0,
            w: x1 - x0,
            h: 8.0,
            colour: category_color(category_index(e)),
        });
    }
    let first_year = timeline.events[order[0]].start.year_value();
    let last_year = order
        .iter()
        .map(|&e| {
            timeline.events[e]
                .end
                .unwrap_or(timeline.events[e].start)
                .year_value()
        })
        .max()
        .unwrap_or(first_year);
    for (x, label) in [
        (MARGIN_PT, year_display(first_year)),
        (MARGIN_PT + axis_w, year_display(last_year)),
    ] {
        let x = if x > MARGIN_PT {
            x - w.regular.width(&label, SMALL_PT)
        } else {
            x
        };
        w.op(Op::Text {
            x,
            y: axis_y + 11.0,
            size: SMALL_PT,
            bold: false,
            text: label,
            colour: GREY,
        });
    }
    w.y = axis_y + 22.0;
    // The key: categories.
    let mut key_x = MARGIN_PT;
    for (i, c) in timeline.categories.iter().enumerate() {
        if !order.iter().any(|&e| category_index(e) == i) {
            continue;
        }
        let label_w = w.regular.width(&c.name, SMALL_PT);
        if key_x + 12.0 + label_w > MARGIN_PT + axis_w {
            key_x = MARGIN_PT;
            w.y += SMALL_PT * LINE_GAP;
        }
        w.op(Op::Rect {
            x: key_x,
            y: w.y + 1.0,
            w: 8.0,
            h: 8.0,
            colour: category_color(i),
        });
        w.op(Op::Text {
            x: key_x + 11.0,
            y: w.y + SMALL_PT,
            size: SMALL_PT,
            bold: false,
            text: c.name.clone(),
            colour: BLACK,
        });
        key_x += 11.0 + label_w + 12.0;
    }
    w.space(SMALL_PT * LINE_GAP + 12.0);

    // The timeline: a spine, each event's date, mark and whole title.
    w.paragraph(MARGIN_PT, "Timeline", HEADING_PT, true, BLACK);
    w.space(4.0);
    let date_w = 118.0;
    let text_x = MARGIN_PT + date_w + 16.0;
    for &e in &order {
        let ev = &timeline.events[e];
        let lines = w
            .bold
            .wrap(&ev.title, BODY_PT, w.paper.0 - MARGIN_PT - text_x);
        let date_lines = w.regular.wrap(&ev.date_display(), SMALL_PT, date_w);
        let dates_h = date_lines.len() as f32 * SMALL_PT * LINE_GAP;
        w.need((lines.len() as f32 * BODY_PT * LINE_GAP).max(dates_h) + 4.0);
        let top = w.y;
        for (j, d) in date_lines.into_iter().enumerate() {
            w.op(Op::Text {
                x: MARGIN_PT,
                y: top + BODY_PT + j as f32 * SMALL_PT * LINE_GAP,
                size: SMALL_PT,
                bold: false,
                text: d,
                colour: BLACK,
            });
        }
        w.op(Op::Rect {
            x: MARGIN_PT + date_w + 4.0,
            y: top + 2.0,
            w: 7.0,
            h: 9.0,
            colour: category_color(category_index(e)),
        });
        w.paragraph(text_x, &ev.title, BODY_PT, true, BLACK);
        if ev.discrepancy.is_some() {
            w.paragraph(
                text_x,
                &format!("Discrepancy: {}", words.differ().to_lowercase()),
                SMALL_PT,
                false,
                GREY,
            );
        }
        // The row is as tall as its title or its date, whichever is taller.
        w.y = w.y.max(top + dates_h + 2.0);
        w.space(4.0);
    }

    // Every event in detail.
    w.space(10.0);
    w.need(60.0);
    w.paragraph(MARGIN_PT, "The events in detail", HEADING_PT, true, BLACK);
    w.space(4.0);
    for &e in &order {
        let ev = &timeline.events[e];
        w.need(3.0 * BODY_PT * LINE_GAP);
        w.paragraph(
            MARGIN_PT,
            &format!("{} · {}", ev.date_display(), ev.title),
            BODY_PT,
            true,
            BLACK,
        );
        let mut facts = format!(
            "{} ({}). {}.",
            ev.certainty.label(),
            ev.certainty.explanation(),
            words.provenance(ev.provenance)
        );
        if !ev.actors.is_empty() {
            let names: Vec<&str> = ev.actors.iter().map(|a| timeline.actor_name(a)).collect();
            facts.push_str(&format!(" Actors: {}.", names.join(", ")));
        }
        w.paragraph(MARGIN_PT + 10.0, &facts, SMALL_PT, false, GREY);
        if let Some(note) = &ev.date_note {
            w.paragraph(
                MARGIN_PT + 10.0,
                &format!("About the date: {note}"),
                SMALL_PT,
                false,
                GREY,
            );
        }
        if !ev.summary.is_empty() {
            w.paragraph(MARGIN_PT + 10.0, &ev.summary, BODY_PT, false, BLACK);
        }
        if let Some(claim) = &ev.claim {
            w.paragraph(
                MARGIN_PT + 10.0,
                &format!("{}: {claim}", words.claim_heading(ev.provenance)),
                BODY_PT,
                false,
                BLACK,
            );
        }
        if let Some(d) = &ev.discrepancy {
            w.paragraph(
                MARGIN_PT + 10.0,
                &format!("Discrepancy ({}): {d}", words.differ().to_lowercase()),
                BODY_PT,
                true,
                BLACK,
            );
        }
        for src in &ev.sources {
            let mut line = format!("Source: {}", src.title);
            if let Some(by) = src.byline() {
                line.push_str(&format!(", {by}"));
            }
            if let Some(url) = &src.url {
                line.push_str(&format!(" — {url}"));
            }
            w.paragraph(MARGIN_PT + 10.0, &line, SMALL_PT, false, GREY);
        }
        w.space(8.0);
    }
    relations_section(&mut w, timeline, &order);
    w.finish()?;
    doc.finish().map_err(|e| format!("{e:?}"))
}

/// How the actors of the handout's events stood to each other: each pair's
/// periods in order, with a swatch of the kind, the summary, the caveat and
/// the sources.
fn relations_section(w: &mut Writer<'_>, timeline: &Timeline, order: &[usize]) {
    use crate::layout::style::relation_color;
    use crate::query::RelationIndex;
    let actors: std::collections::HashSet<&str> = order
        .iter()
        .flat_map(|&e| timeline.events[e].actors.iter().map(String::as_str))
        .collect();
    let index = RelationIndex::new(timeline);
    let pairs: Vec<_> = index
        .pairs
        .iter()
        .filter(|p| actors.contains(p.a.as_str()) || actors.contains(p.b.as_str()))
        .collect();
    if pairs.is_empty() {
        return;
    }
    w.space(10.0);
    w.need(80.0);
    w.paragraph(
        MARGIN_PT,
        "Relations between actors",
        HEADING_PT,
        true,
        BLACK,
    );
    w.paragraph(
        MARGIN_PT,
        "From the closest to the most hostile: allied, cooperating, neutral or limited, strained, hostile. The time between two periods of a pair is unrated.",
        SMALL_PT,
        false,
        GREY,
    );
    w.space(6.0);
    let text_x = MARGIN_PT + 18.0;
    for pair in pairs {
        w.need(3.0 * BODY_PT * LINE_GAP);
        w.paragraph(
            MARGIN_PT,
            &format!(
                "{} – {}",
                timeline.actor_name(&pair.a),
                timeline.actor_name(&pair.b)
            ),
            BODY_PT,
            true,
            BLACK,
        );
        for &i in &pair.periods {
            let r = &timeline.relations[i];
            w.need(2.0 * BODY_PT * LINE_GAP);
            w.op(Op::Rect {
                x: MARGIN_PT + 2.0,
                y: w.y + 2.0,
                w: 11.0,
                h: 8.0,
                colour: relation_color(r.kind),
            });
            w.paragraph(
                text_x,
                &format!(
                    "{} · {} ({} confidence). {}",
                    r.date_display(),
                    r.kind_text(),
                    r.confidence.label().to_lowercase(),
                    r.summary
                ),
                BODY_PT,
                false,
                BLACK,
            );
            if let Some(claim) = &r.claim {
                let heading = timeline.wording().claim_heading(r.provenance);
                w.paragraph(
                    text_x,
                    &format!("{heading}: {claim}"),
                    SMALL_PT,
                    false,
                    GREY,
                );
            }
            if let Some(caveat) = &r.discrepancy {
                w.paragraph(text_x, &format!("Caveat: {caveat}"), SMALL_PT, false, GREY);
            }
            let sources: Vec<String> = r
                .sources
                .iter()
                .map(|s| match &s.url {
                    Some(url) => format!("{} — {url}", s.title),
                    None => s.title.clone(),
                })
                .collect();
            w.paragraph(
                text_x,
                &format!("Sources: {}", sources.join("; ")),
                SMALL_PT,
                false,
                GREY,
            );
            w.space(3.0);
        }
        w.space(6.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;

    /// The page count the PDF's page tree declares.
    fn pages(pdf: &[u8]) -> usize {
        let text = String::from_utf8_lossy(pdf);
        let at = text.find("/Type/Pages/Count ").expect("a page tree") + "/Type/Pages/Count ".len();
        text[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap()
    }

    #[test]
    fn wrapping_keeps_every_word_and_stays_inside_the_width() {
        let face = Face::new(std::sync::Arc::new(epaint_default_fonts::UBUNTU_LIGHT), 0).unwrap();
        let text = "Turkey's Operation Peace Spring against the SDF, and a \
                    wordthatislongerthananylinecanholdbyfaraaaaaaaaaaaaaaaaaaaaaaaaaaaaa end";
        let lines = face.wrap(text, 10.0, 120.0);
        assert!(lines.len() > 3);
        for l in &lines {
            assert!(face.width(l, 10.0) <= 120.0 + 0.01, "{l:?} is too wide");
        }
        let joined: String = lines.concat();
        let squeezed: String = text.split_whitespace().collect();
        assert_eq!(joined.replace(' ', ""), squeezed, "no character lost");
    }

    #[test]
    fn the_handout_is_a_multi_page_pdf_and_an_empty_one_says_so() {
        let t = builtin_timeline().unwrap();
        let all: Vec<usize> = (0..t.events.len()).collect();
        let pdf = handout_pdf(&t, &all, "all events", PdfPaper::A4, None).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(pages(&pdf) >= 3, "{} pages", pages(&pdf));
        let letter = handout_pdf(&t, &all, "all events", PdfPaper::Letter, None).unwrap();
        assert!(String::from_utf8_lossy(&letter).contains("612"));
        let none = handout_pdf(&t, &[], "search \u{201c}zz\u{201d}", PdfPaper::A4, None).unwrap();
        assert!(none.starts_with(b"%PDF-"));
        assert_eq!(pages(&none), 1);
    }

    /// The relations of the handout's actors follow the events: pages of
    /// their own, and none for events whose actors have no relations.
    #[test]
    fn the_handout_lists_the_relations_of_its_actors() {
        let t = builtin_timeline().unwrap();
        let all: Vec<usize> = (0..t.events.len()).collect();
        let with = pages(&handout_pdf(&t, &all, "all events", PdfPaper::A4, None).unwrap());
        let mut bare = t.clone();
        bare.relations.clear();
        let without = pages(&handout_pdf(&bare, &all, "all events", PdfPaper::A4, None).unwrap());
        assert!(
            with >= without + 3,
            "{with} pages with relations, {without} without"
        );
        // Kazakhstan (the host of Astana) has no relation: its events alone
        // add no relations page.
        let mut lone = t.clone();
        for e in &mut lone.events {
            e.actors.retain(|a| a == "kazakhstan");
        }
        let astana: Vec<usize> = (0..lone.events.len())
            .filter(|&i| !lone.events[i].actors.is_empty())
            .collect();
        assert!(!astana.is_empty());
        let mut lone_bare = lone.clone();
        lone_bare.relations.clear();
        assert_eq!(
            pages(&handout_pdf(&lone, &astana, "Kazakhstan", PdfPaper::A4, None).unwrap()),
            pages(&handout_pdf(&lone_bare, &astana, "Kazakhstan", PdfPaper::A4, None).unwrap())
        );
    }
}
