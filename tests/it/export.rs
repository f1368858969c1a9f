//! The printable handout (SVG): valid XML, every event's title on its
//! pages, one page per 14 events, title, legend and source line on each.

use std::process::Command;

use timeline_explorer::io::builtin_timeline;
use timeline_explorer::io::svg::{EVENTS_PER_PAGE, Paper, handout_svg};

fn texts(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn handout_is_xml_with_every_title_on_paged_landscape_sheets() {
    let t = builtin_timeline().unwrap();
    let all: Vec<usize> = (0..t.events.len()).collect();
    let svg = handout_svg(&t, &all, Paper::A4);
    let doc = roxmltree::Document::parse(&svg).expect("the handout parses as XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let pages = t.events.len().div_ceil(EVENTS_PER_PAGE);
    let height: f32 = root.attribute("height").unwrap().parse().unwrap();
    let width: f32 = root.attribute("width").unwrap().parse().unwrap();
    assert!((height - pages as f32 * 793.7).abs() < 1.0 && (width - 1122.5).abs() < 1.0);
    let text = texts(&doc);
    for ev in &t.events {
        assert!(text.contains(&ev.title), "missing {:?}", ev.title);
    }
    assert_eq!(
        text.matches("Source: News analysis of Ahmed al-Sharaa")
            .count(),
        pages
    );
    assert_eq!(
        text.matches("Reported or contested").count(),
        pages,
        "a legend on every page"
    );
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    // Dates at their own precision.
    assert!(text.contains("1993  The Russian–Syrian Intergovernmental Commission is set up"));
    assert!(text.contains("March 2011  The Syrian uprising begins"));
    // The first page spans 1807 to 1957: its empty decades are drawn as
    // breaks that say what they leave out.
    assert!(
        text.contains("No events from 1814 to 1854 (40 years): drawn narrower"),
        "{text}"
    );
}

#[test]
fn letter_paper_and_a_subset() {
    let t = builtin_timeline().unwrap();
    let some: Vec<usize> = t
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.category == "historical-analogy")
        .map(|(i, _)| i)
        .collect();
    let svg = handout_svg(&t, &some, Paper::Letter);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("1056"));
    let text = texts(&doc);
    assert!(text.contains("Napoleon abdicates at Fontainebleau"));
    assert!(!text.contains("Sharaa's first visit to Russia: talks with Putin"));
    assert!(text.contains("Page 1 of 1"));
}

#[test]
fn cli_export_with_a_query() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("handout.svg");
    let status = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "export",
            "--format",
            "svg",
            "-o",
            out.to_str().unwrap(),
            "--query",
            "Astana",
        ])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let svg = std::fs::read_to_string(&out).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let text = texts(&doc);
    assert!(text.contains("First round of the Astana talks on Syria"));
    assert!(
        !text.contains("Napoleon abdicates"),
        "only the events matching the query"
    );
}

#[test]
fn the_svg_handout_is_one_file_per_page() {
    use timeline_explorer::io::svg::{handout_pages, page_paths};
    let t = builtin_timeline().unwrap();
    let all: Vec<usize> = (0..t.events.len()).collect();
    let pages = handout_pages(&t, &all, Paper::A4);
    assert_eq!(pages.len(), t.events.len().div_ceil(EVENTS_PER_PAGE));
    let stacked = texts(&roxmltree::Document::parse(&handout_svg(&t, &all, Paper::A4)).unwrap());
    for (i, page) in pages.iter().enumerate() {
        let doc = roxmltree::Document::parse(page).expect("each page parses as XML");
        let root = doc.root_element();
        let height: f32 = root.attribute("height").unwrap().parse().unwrap();
        assert!((height - 793.7).abs() < 1.0, "one sheet high");
        let text = texts(&doc);
        assert!(
            text.contains(&format!("({}/{})", i + 1, pages.len())),
            "{text:.200}"
        );
        // The page's words are the stacked handout's words for that page.
        for line in text.lines().skip(1).filter(|l| !l.is_empty()) {
            assert!(stacked.contains(line), "{line}");
        }
    }
    let p = std::path::Path::new("/tmp/out/handout.svg");
    let paths = page_paths(p, 3);
    assert_eq!(
        paths,
        [
            p.to_path_buf(),
            p.with_file_name("handout-2.svg"),
            p.with_file_name("handout-3.svg")
        ]
    );
    // From the command line: the files beside the one asked for.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("h.svg");
    let status = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(["export", "--format", "svg", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    for n in 2..=pages.len() {
        assert!(dir.path().join(format!("h-{n}.svg")).exists(), "page {n}");
    }
    assert!(out.exists());
}
