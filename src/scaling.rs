//! `timeline-explorer bench --scaling`: the inputs that once took
//! quadratic time (or worse), each at two sizes. Every reader must stay
//! O(n log n): doubling the input should about double the time, so each row
//! prints the ratio and says "superlinear" above 3.

use std::io::Write;
use std::time::Instant;

use crate::io::{self, Format};

/// One pathological input shape: a name and a maker of its text at size n.
struct Shape {
    name: &'static str,
    format: Format,
    make: fn(usize) -> String,
    /// The smaller size measured (the larger is twice it).
    n: usize,
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "CSV rows with one title and date",
            format: Format::Csv,
            make: |n| {
                let mut s = String::from("date,title\n");
                for _ in 0..n {
                    s.push_str("2020-05-09,Same event\n");
                }
                s
            },
            n: 40_000,
        },
        Shape {
            name: "CSV rows with distinct actors",
            format: Format::Csv,
            make: |n| {
                let mut s = String::from("date,title,actor\n");
                for i in 0..n {
                    s.push_str(&format!("2020-05-09,Event {i},Actor {i}\n"));
                }
                s
            },
            n: 20_000,
        },
        Shape {
            name: "CSV of many actor columns, short rows",
            format: Format::Csv,
            make: |n| {
                let mut s = String::from("date,title");
                for _ in 0..n {
                    s.push_str(",actor");
                }
                s.push('\n');
                for i in 0..n {
                    s.push_str(&format!("2020-05-09,Event {i}\n"));
                }
                s
            },
            n: 10_000,
        },
        Shape {
            name: "RON with a problem in every event",
            format: Format::Ron,
            make: |n| {
                let mut s = String::from(
                    "(title: \"T\", actors: [], categories: [(id: \"c\", name: \"C\")], events: [\n",
                );
                for i in 0..n {
                    s.push_str(&format!(
                        "(id: \"e{i}\", title: \"E\", start: \"2020\", certainty: Confirmed, provenance: Article, actors: [\"ghost\"], category: \"c\", summary: \"s\", sources: [(title: \"x\")]),\n"
                    ));
                }
                s.push_str("])\n");
                s
            },
            n: 16_000,
        },
        Shape {
            name: "Markwhen line of 1111- repeated",
            format: Format::Markwhen,
            make: |n| format!("{}: text\n", "1111-".repeat(n)),
            n: 200_000,
        },
        Shape {
            name: "Markwhen line of distinct tags",
            format: Format::Markwhen,
            make: |n| {
                let tags: Vec<String> = (0..n).map(|i| format!("#t{i}")).collect();
                format!("2020-01-01: Event {}\n", tags.join(" "))
            },
            n: 20_000,
        },
        Shape {
            name: "Markwhen description lines of tags",
            format: Format::Markwhen,
            make: |n| {
                let mut s = String::from("2020-01-01: Event\n");
                for i in 0..n {
                    s.push_str(&format!("  more #t{i}\n"));
                }
                s
            },
            n: 20_000,
        },
        Shape {
            name: "Markwhen events under many sections",
            format: Format::Markwhen,
            make: |n| {
                let mut s = String::new();
                for i in 0..n {
                    s.push_str(&format!(
                        "section Section {i}\n2020-01-01: Event\nendSection\n"
                    ));
                }
                s
            },
            n: 10_000,
        },
        Shape {
            name: "TimelineJS text of nested lists",
            format: Format::TimelineJs,
            make: |n| {
                let text = format!("{}deep{}", "<ul><li>".repeat(n), "</li></ul>".repeat(n));
                serde_json::json!({
                    "events": [{"start_date": {"year": 2020}, "text": {"headline": "H", "text": text}}]
                })
                .to_string()
            },
            n: 40_000,
        },
        Shape {
            name: "TimelineJS text of unclosed tags",
            format: Format::TimelineJs,
            make: |n| {
                let text = "<s in 2020.</p>".repeat(n);
                serde_json::json!({
                    "events": [{"start_date": {"year": 2020}, "text": {"headline": "H", "text": text}}]
                })
                .to_string()
            },
            n: 5_000,
        },
        Shape {
            name: "TimelineJS sheet text of unclosed links",
            format: Format::TimelineJsCsv,
            make: |n| format!("Year,Headline,Text\n2020,H,\"{}\"\n", "[a](".repeat(n)),
            n: 50_000,
        },
    ]
}

/// Seconds to read `text` (the best of three).
fn seconds(text: &str, format: Format) -> f64 {
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let result = io::import_text(text, "scaling", format, None);
            std::hint::black_box(result.is_ok());
            started.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Prints one row per shape: the time at n and 2n and their ratio.
pub fn run_scaling(out: &mut dyn Write) -> std::io::Result<bool> {
    writeln!(
        out,
        "{:<40} {:>9} {:>10} {:>10} {:>6}",
        "input", "n", "ms at n", "ms at 2n", "ratio"
    )?;
    let mut all_fine = true;
    for shape in shapes() {
        let small = (shape.make)(shape.n);
        let large = (shape.make)(2 * shape.n);
        let (a, b) = (seconds(&small, shape.format), seconds(&large, shape.format));
        let ratio = b / a.max(1e-9);
        let verdict = if ratio > 3.0 { "  superlinear" } else { "" };
        all_fine &= ratio <= 3.0;
        writeln!(
            out,
            "{:<40} {:>9} {:>10.1} {:>10.1} {:>6.2}{verdict}",
            shape.name,
            shape.n,
            a * 1000.0,
            b * 1000.0,
            ratio
        )?;
    }
    Ok(all_fine)
}
