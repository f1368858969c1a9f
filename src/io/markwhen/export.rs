//! Markwhen export: the header as YAML front matter, a section per
//! category, and in the descriptions what Markwhen has no place for.

use super::no_comments;
use crate::model::{Certainty, Date, Event, Timeline, slug};

/// A date as Markwhen writes it: ISO for the common era, `N BC` before it
/// (Markwhen has no BCE months or days; those keep their year, and the
/// exact date goes into the text).
fn date_text(d: &Date) -> (String, bool) {
    if d.year_value() < 0 {
        (
            format!("{} BC", -d.year_value()),
            d.precision() != crate::model::Precision::Year,
        )
    } else {
        (d.to_iso(), false)
    }
}

/// A value for the YAML front matter: plain when YAML reads it back as
/// the same text, else double-quoted with escapes.
fn yaml_value(v: &str) -> String {
    let plain = !v.is_empty()
        && !v.contains(['\n', '\r', '\t', '\\'])
        && !v.starts_with(|c: char| c.is_whitespace() || "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !v.ends_with(char::is_whitespace)
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':');
    if plain {
        v.to_string()
    } else {
        let mut q = String::from("\"");
        for c in v.chars() {
            match c {
                '\\' => q.push_str("\\\\"),
                '"' => q.push_str("\\\""),
                '\n' => q.push_str("\\n"),
                '\r' => q.push_str("\\r"),
                '\t' => q.push_str("\\t"),
                c => q.push(c),
            }
        }
        q.push('"');
        q
    }
}

/// A YAML scalar as front matter holds it: double-quoted with escapes,
/// single-quoted (`''` for a quote), or plain (a ` #` starts a comment).
pub(super) fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        out
    } else if let Some(inner) = v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        v.split(" #").next().unwrap_or("").trim_end().to_string()
    }
}

/// The timeline as Markwhen text: its header as YAML front matter (as
/// Markwhen writes it), then a `# Section` per category with its events in
/// date order. What Markwhen cannot carry (certainty, claims,
/// discrepancies, actors, exact BCE dates) is written as indented
/// description lines; sources with a link become Markdown links, sources
/// without one are not written (an importer's own "Markwhen file …, line
/// N" comes back on import). The returned notes say what was folded or
/// left out.
pub fn export(timeline: &Timeline) -> (String, Vec<String>) {
    let mut out = String::from("---\n");
    out.push_str(&format!("title: {}\n", yaml_value(&timeline.title)));
    if !timeline.description.is_empty() {
        out.push_str(&format!(
            "description: {}\n",
            yaml_value(&timeline.description)
        ));
    }
    out.push_str("---\n");
    let mut folded = [0usize; 6];
    let index = crate::query::TimeIndex::new(timeline);
    for cat in &timeline.categories {
        let events: Vec<&Event> = index
            .sorted()
            .iter()
            .map(|&i| &timeline.events[i])
            .filter(|e| e.category == cat.id)
            .collect();
        if events.is_empty() {
            continue;
        }
        out.push_str(&format!("\n# {}\n\n", cat.name));
        for ev in events {
            let (start, s_cut) = date_text(&ev.start);
            let (range, e_cut) = match &ev.end {
                Some(end) => {
                    let (e, cut) = date_text(end);
                    (format!("{start}/{e}"), cut)
                }
                None => (start, false),
            };
            let tags: String = ev
                .tags
                .iter()
                .map(|t| format!(" #{}", t.replace(' ', "-")))
                .collect();
            let title = if ev.untitled {
                String::new()
            } else {
                format!(" {}", ev.title.replace('\n', " "))
            };
            // A picture is written as Markdown after the title.
            let writable = |url: &str| !url.contains(char::is_whitespace) && !url.contains(')');
            let picture =
                ev.media
                    .as_ref()
                    .filter(|m| writable(&m.url))
                    .map_or(String::new(), |m| {
                        format!(
                            " ![{}]({})",
                            m.alt.as_deref().unwrap_or("").replace(['[', ']'], ""),
                            m.url
                        )
                    });
            let rest = format!("{title}{picture}{tags}");
            out.push_str(&format!("{range}:{rest}\n"));
            // The event's id, where reading the line back would not give
            // it: as the source wrote it when that comes back as this id.
            let written = ev
                .id_as_written
                .as_deref()
                .filter(|w| !w.contains(char::is_whitespace) && slug(w) == ev.id);
            if ev.id_as_written.is_some() && written.is_none() {
                folded[5] += 1;
            }
            if let Some(w) = written {
                out.push_str(&format!("  id: {w}\n"));
            } else if super::id_from_text(&range, &rest).as_deref() != Some(ev.id.as_str()) {
                out.push_str(&format!("  id: {}\n", ev.id));
            }
            let mut lines: Vec<String> = ev.summary.lines().map(str::to_string).collect();
            if s_cut || e_cut {
                folded[0] += 1;
                lines.push(format!("Date: {}", ev.date_display()));
            }
            if ev.certainty != Certainty::Confirmed {
                folded[1] += 1;
                lines.push(format!(
                    "{}: {}",
                    ev.certainty.label(),
                    ev.certainty.explanation()
                ));
            }
            if let Some(c) = &ev.claim {
                lines.push(format!("What the article says: {c}"));
            }
            if let Some(d) = &ev.discrepancy {
                folded[2] += 1;
                lines.push(format!("The article and the record differ: {d}"));
            }
            for s in &ev.sources {
                match &s.url {
                    Some(url) if !ev.summary.contains(url.as_str()) => {
                        lines.push(format!("[{}]({url})", s.title.replace(['[', ']'], "")))
                    }
                    Some(_) => {}
                    None => folded[3] += 1,
                }
            }
            let lost_media = ev.media.as_ref().is_some_and(|m| {
                m.caption.is_some()
                    || m.credit.is_some()
                    || m.thumbnail.is_some()
                    || !writable(&m.url)
            });
            if ev.coordinates.is_some() || !ev.numbers.is_empty() || lost_media {
                folded[4] += 1;
            }
            for line in lines {
                out.push_str(&format!("  {}\n", no_comments(&line)));
            }
        }
    }
    let notes = [
        (folded[0], "exact BCE dates: written into the descriptions"),
        (folded[1], "certainty: written into the descriptions"),
        (folded[2], "discrepancies: written into the descriptions"),
        (folded[3], "sources without a link: not written"),
        (
            folded[4],
            "coordinates, numbers and media captions: not written",
        ),
        (
            folded[5],
            "ids as written with spaces or other words than the id: written as the id",
        ),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{what} ({n})"))
    .collect();
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::super::import;
    use super::*;

    #[test]
    fn export_writes_front_matter_and_no_source_lines() {
        let text = "---\ntitle: \"Plan: \\\"A\\\" #1\"\ndescription: 'It''s two\\nlines'\n---\n\n# Work\n\n2020-05: Start\n  Text\n2021:\n";
        let first = import(text, "p.mw").unwrap();
        assert!(first.skipped.is_empty(), "{:?}", first.skipped);
        assert_eq!(first.timeline.title, "Plan: \"A\" #1");
        assert_eq!(first.timeline.description, "It's two\\nlines");
        assert!(first.timeline.events[1].untitled);
        let (out, notes) = export(&first.timeline);
        assert!(
            out.starts_with("---\ntitle: \"Plan: \\\"A\\\" #1\"\n"),
            "{out}"
        );
        assert!(!out.contains("Source:"), "{out}");
        assert!(!out.contains("Markwhen file"), "{out}");
        assert!(
            out.contains("\n2021:\n"),
            "a made-up title is not written: {out}"
        );
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("sources without a link"))
        );
        let back = import(&out, "p.mw").unwrap();
        assert!(back.skipped.is_empty(), "{:?}", back.skipped);
        assert_eq!(back.timeline.title, first.timeline.title);
        assert_eq!(back.timeline.description, first.timeline.description);
        assert_eq!(back.timeline.events.len(), 2);
        assert_eq!(back.timeline.events[0].summary, "Text");
        assert!(back.timeline.events[1].untitled);
        // Newlines, quotes and backslashes in a header survive.
        for v in ["a\nb", "x: y", "- z", "q\"\\", "plain text", "'s", "t #c"] {
            assert_eq!(yaml_scalar(&yaml_value(v)), v, "{v}");
        }
    }
}
