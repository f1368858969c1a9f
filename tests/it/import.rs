//! Importing TimelineJS JSON: the real files in ../shared/samples (when
//! present), a hand-written file with every trap of formats.md, error paths,
//! and never a panic whatever the bytes.

use crate::harness::*;

use std::path::{Path, PathBuf};

use egui_kittest::kittest::Queryable;
use proptest::prelude::*;
use timeline_explorer::io::timelinejs::import_json;
use timeline_explorer::io::{LoadError, load_any};

fn sample(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/samples/timelinejs")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} not found", p.display());
        None
    }
}

#[test]
fn cosmo_has_deep_time() {
    let Some(path) = sample("cosmo.json") else {
        return;
    };
    let imported = load_any(&path).unwrap();
    let t = &imported.timeline;
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    assert_eq!(t.title, "Cosmological Scale Timeline");
    assert_eq!(t.events.len(), 7);
    let big_bang = t.events.iter().find(|e| e.title == "The Big Bang").unwrap();
    assert_eq!(big_bang.start.display(), "13.8 billion years ago");
    assert_eq!(
        big_bang.media.as_ref().map(|m| m.url.as_str()),
        Some("https://en.wikipedia.org/wiki/Big_Bang")
    );
}

#[test]
fn eras_come_in_date_order() {
    let Some(path) = sample("eras.json") else {
        return;
    };
    let t = load_any(&path).unwrap().timeline;
    assert_eq!(t.title, "Eras Test");
    assert_eq!(t.events.len(), 20);
    let eras: Vec<(&str, String, String)> = t
        .eras
        .iter()
        .map(|e| (e.title.as_str(), e.start.to_iso(), e.end.to_iso()))
        .collect();
    assert_eq!(
        eras,
        [
            ("Era Test 600-650", "0600".to_string(), "0650".to_string()),
            ("Era Test 650-700", "0650".to_string(), "0700".to_string()),
            ("Era Test 700-720", "0700".to_string(), "0720".to_string()),
        ]
    );
}

#[test]
fn women_in_computing_html_becomes_text_with_links() {
    let Some(path) = sample("women_in_computing.json") else {
        return;
    };
    let t = load_any(&path).unwrap().timeline;
    assert_eq!(t.title, "Women in Computing");
    assert_eq!(t.events.len(), 10);
    for e in &t.events {
        assert!(
            !e.summary.contains("<p>")
                && !e.summary.contains("</a>")
                && !e.summary.contains("&amp;"),
            "{}",
            e.summary
        );
        let caption = e.media.as_ref().and_then(|m| m.caption.as_deref());
        assert!(!caption.unwrap_or("").contains('<'), "{caption:?}");
    }
    let ada = t.events.iter().find(|e| e.title == "Ada Lovelace").unwrap();
    assert_eq!(ada.date_display(), "10 December 1815 – 27 November 1852");
    assert!(
        ada.summary
            .contains("https://en.wikipedia.org/wiki/Ada_Lovelace"),
        "{}",
        ada.summary
    );
    assert_eq!(
        ada.media.as_ref().and_then(|m| m.credit.as_deref()),
        Some("Wikimedia Commons")
    );
    // Month-precision starts stay month precision.
    assert!(t.events.iter().any(|e| e.start.to_iso() == "1943-07"));
    // Ids are stable across imports.
    assert_eq!(load_any(&path).unwrap().timeline, t);
}

#[test]
fn samples_render_in_the_app() {
    for name in [
        "cosmo.json",
        "eras.json",
        "women_in_computing.json",
        "women_in_computing.csv",
        "../markwhen/vscode_test.mw",
    ] {
        let Some(path) = sample(name) else { return };
        let mut app = app();
        open_now(&mut app, &path);
        assert!(
            error_lines(&app).is_empty(),
            "{name}: {:?}",
            error_lines(&app)
        );
        let n = app.timeline().events.len();
        let mut h = harness_sized(app, [1400.0, 900.0]);
        h.run();
        h.get_by_label(&format!("{n} events"));
    }
}

const TRAPS: &str = r##"{
  "title": {"text": {"headline": "Traps &amp; <b>tricks</b>", "text": "<p>Intro</p>"}},
  "eras": [{"start_date": {"year": 1990}, "end_date": {"year": "1980"}, "text": {"headline": "Backwards"}}],
  "events": [
    {"start_date": {"year": "1904", "month": "", "day": ""}, "text": {"headline": "Strings and blanks"}, "group": ""},
    {"start_date": {"year": 1969, "month": 7, "day": 20, "hour": "20", "minute": "17"},
     "text": {"headline": "Moon", "text": "Small &lt;step&gt;"}, "group": "Space race", "unique_id": "Apollo 11",
     "display_date": "Summer 1969", "media": {"url": "https://example.org/moon.jpg", "caption": "<i>Eagle</i>", "credit": "NASA"}},
    {"start_date": {"year": "-300"}, "text": {"headline": "Old"}, "group": "Space race"},
    {"text": {"headline": "No date"}},
    {"start_date": {"year": "2021", "month": "2", "day": "30"}, "text": {"headline": "Impossible"}},
    {"start_date": {"year": 2000}, "end_date": {"year": 1999}, "text": {"headline": "Ends first"}},
    {"start_date": {"year": 2001}, "text": {"text": "<p>Only a text, no headline</p>"}},
    {"start_date": {"year": 2001}, "text": {"headline": "Moon"}, "unique_id": "apollo-11"}
  ]
}"##;

#[test]
fn every_trap_is_handled_and_bad_slides_are_reported() {
    let imported = import_json(TRAPS, "traps.json").unwrap();
    let t = &imported.timeline;
    assert_eq!(t.title, "Traps & tricks");
    assert_eq!(t.description, "Intro");
    let ids: Vec<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "strings-and-blanks-1904",
            "apollo-11",
            "old-0300",
            "only-a-text-no-headline-2001",
            "apollo-11-2"
        ]
    );
    assert_eq!(t.events[0].start.to_iso(), "1904");
    let moon = &t.events[1];
    assert_eq!(moon.start.to_iso(), "1969-07-20T20:17");
    assert_eq!(moon.summary, "Small <step>");
    // The source's own wording of the date stays its display date.
    assert_eq!(moon.display_date.as_deref(), Some("Summer 1969"));
    assert_eq!(moon.date_note, None);
    let media = moon.media.as_ref().unwrap();
    assert_eq!(media.caption.as_deref(), Some("Eagle"));
    assert_eq!(media.credit.as_deref(), Some("NASA"));
    assert_eq!(t.events[2].start.display(), "300 BCE");
    // Groups become categories; no group is "Events".
    let cats: Vec<(&str, &str)> = t
        .categories
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    assert_eq!(cats, [("event", "Events"), ("space-race", "Space race")]);
    assert_eq!(moon.category, "space-race");
    // What could not be read is skipped and said, with where and why.
    assert_eq!(imported.skipped.len(), 4, "{:?}", imported.skipped);
    assert!(
        imported.skipped[0].contains("event 4") && imported.skipped[0].contains("no start_date")
    );
    assert!(imported.skipped[1].contains("event 5") && imported.skipped[1].contains("day 30"));
    assert!(
        imported.skipped[2].contains("event 6") && imported.skipped[2].contains("before it starts")
    );
    assert!(imported.skipped[3].contains("era 1"));
    // Each with the line and column where its slide starts.
    for s in &imported.skipped {
        assert!(s.contains(": line ") && s.contains(", column "), "{s}");
    }
    // The result is a valid timeline: it saves and loads as RON.
    let ron = timeline_explorer::io::to_ron_string(t).unwrap();
    assert_eq!(
        timeline_explorer::io::parse_timeline(&ron, "again").unwrap(),
        *t
    );
}

#[test]
fn json_syntax_errors_name_line_and_column() {
    let err = import_json(
        "{\n  \"events\": [\n    {\"start_date\": }\n  ]\n}",
        "bad.json",
    )
    .unwrap_err();
    match &err {
        LoadError::Syntax { line, column, .. } => assert_eq!((*line, *column), (3, 20)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().starts_with("bad.json:3:20"), "{err}");
    let err = import_json("{\"title\": {}}", "no-events.json")
        .unwrap_err()
        .to_string();
    assert!(err.contains("\"events\""), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,200}") {
        let _ = import_json(&s, "fuzz.json");
    }

    #[test]
    fn mutated_valid_files_never_panic(cut in 0usize..TRAPS.len(), insert in "[\\[\\]{}\":,0-9a-z-]{0,4}") {
        let mut text = TRAPS.to_string();
        let at = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &insert);
        let _ = import_json(&text, "mutated.json");
    }
}

#[test]
fn ron_to_timelinejs_and_back_keeps_events_dates_and_precisions() {
    let t = timeline_explorer::io::builtin_timeline().unwrap();
    let (json, folded) = timeline_explorer::io::timelinejs::export_json(&t);
    // Loadable as TimelineJS: the required keys are there.
    let root: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(root["events"].as_array().unwrap().len(), t.events.len());
    assert!(root["events"][0]["start_date"]["year"].is_number());
    assert!(
        folded
            .notes
            .iter()
            .any(|n| n.starts_with("a discrepancy: folded into the text of 11 events")),
        "{:?}",
        folded.notes
    );

    let back = import_json(&json, "round-trip.json").unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    assert_eq!(back.timeline.events.len(), t.events.len());
    for (a, b) in t.events.iter().zip(&back.timeline.events) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title);
        assert_eq!(a.start, b.start, "{}", a.id);
        assert_eq!(a.end, b.end, "{}", a.id);
        assert_eq!(a.start.precision(), b.start.precision());
        // What TimelineJS cannot carry is in the text, readable.
        if let Some(d) = &a.discrepancy {
            assert!(
                b.summary.contains(&d[..40.min(d.len())]),
                "{}: {}",
                a.id,
                b.summary
            );
        }
    }
    assert_eq!(back.timeline.eras.len(), t.eras.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20))]

    #[test]
    fn generated_timelines_survive_export_then_import(seed in 0u64..1000) {
        let t = timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 60,
            seed,
            span_years: 3000,
        });
        let (json, _) = timeline_explorer::io::timelinejs::export_json(&t);
        let back = import_json(&json, "gen.json").unwrap();
        prop_assert!(back.skipped.is_empty());
        prop_assert_eq!(back.timeline.events.len(), t.events.len());
        for (a, b) in t.events.iter().zip(&back.timeline.events) {
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(a.start, b.start);
            prop_assert_eq!(a.end, b.end);
        }
    }
}

#[test]
fn cli_convert_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("a.json");
    let ron = dir.path().join("b.ron");
    let exe = env!("CARGO_BIN_EXE_timeline-explorer");
    let out = std::process::Command::new(exe)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "convert",
            "data/russia-syria.ron",
            "-o",
            json.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains("folded: a discrepancy"), "{said}");
    let out = std::process::Command::new(exe)
        .args([
            "convert",
            json.to_str().unwrap(),
            "-o",
            ron.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let t = timeline_explorer::io::load_timeline(&ron).unwrap();
    assert_eq!(t.events.len(), 78);
    let out = std::process::Command::new(exe)
        .args([
            "convert",
            json.to_str().unwrap(),
            "-o",
            dir.path().join("c.txt").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--to"));
}

#[test]
fn the_spreadsheet_csv_gives_the_same_events_as_the_json() {
    let (Some(csv), Some(json)) = (
        sample("women_in_computing.csv"),
        sample("women_in_computing.json"),
    ) else {
        return;
    };
    let from_csv = load_any(&csv).unwrap();
    let from_json = load_any(&json).unwrap().timeline;
    assert!(from_csv.skipped.is_empty(), "{:?}", from_csv.skipped);
    let t = from_csv.timeline;
    assert_eq!(t.title, "Women in Computing");
    assert_eq!(t.events.len(), 10);
    let key = |t: &timeline_explorer::Timeline| {
        let mut v: Vec<(String, String, Option<String>)> = t
            .events
            .iter()
            .map(|e| (e.title.clone(), e.start.to_iso(), e.end.map(|d| d.to_iso())))
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&t), key(&from_json));
    for e in &t.events {
        assert!(
            !e.summary.contains("<p>") && !e.summary.contains("&quot;"),
            "{}",
            e.summary
        );
    }
}

const CSV_TRAPS: &str = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
,,,,,,,,,\"My \"\"Sheet\"\"\",\"An intro\nover two lines\",,,,,title,,\n\
1950,,,,2000,,,,,Cold era,,,,,,era,,\n\
1969,7,20,8:17 PM,,,,,,Moon,\"See [NASA](https://nasa.gov) and \"\"quotes\"\"\",https://example.org/m.jpg,[Credit](https://example.org/c),,,,Space,\n\
1970,1,1,13:05,,,,,,Clock,,,,,,,,\n\
1971,1,1,25:00,,,,,,Bad time,,,,,,,,\n\
,,,,,,,,,No year,,,,,,,,\n\
1972,13,,,,,,,,Bad month,,,,,,,,\n";

#[test]
fn spreadsheet_traps() {
    let imported = timeline_explorer::io::timelinejs_csv::import(CSV_TRAPS, "traps.csv").unwrap();
    let t = &imported.timeline;
    assert_eq!(t.title, "My \"Sheet\"");
    assert_eq!(t.description, "An intro\nover two lines");
    assert_eq!(t.eras.len(), 1);
    assert_eq!(t.eras[0].title, "Cold era");
    let titles: Vec<&str> = t.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["Moon", "Clock"]);
    let moon = &t.events[0];
    assert_eq!(moon.start.to_iso(), "1969-07-20T20:17");
    assert!(
        moon.summary.contains("NASA") && moon.summary.contains("https://nasa.gov"),
        "{}",
        moon.summary
    );
    assert!(moon.summary.contains("\"quotes\""), "{}", moon.summary);
    assert_eq!(
        moon.media
            .as_ref()
            .and_then(|m| m.credit.as_deref())
            .map(|p| p.contains("Credit")),
        Some(true)
    );
    assert_eq!(moon.category, "space");
    assert_eq!(t.events[1].start.to_iso(), "1970-01-01T13:05");
    assert_eq!(imported.skipped.len(), 3, "{:?}", imported.skipped);
    // Lines count from the file's top (the title's text spans two lines).
    assert_eq!(
        imported.skipped[0],
        "traps.csv: line 7: start_date: \"25:00\" is not a time (\"25\" is not an hour; expected 13:45, 1430 or 1:45 PM)"
    );
    assert!(
        imported.skipped[1].contains("line 8") && imported.skipped[1].contains("no start_date")
    );
    assert!(imported.skipped[2].contains("line 9") && imported.skipped[2].contains("month 13"));
}

#[test]
fn a_csv_without_the_timelinejs_header_is_refused_clearly() {
    let err = timeline_explorer::io::timelinejs_csv::import("date,what\n2020,x\n", "other.csv")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("other.csv:1:1"), "{err}");
    assert!(err.contains("Headline"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_csv_never_panics(s in "\\PC{0,300}") {
        let _ = timeline_explorer::io::timelinejs_csv::import(&s, "fuzz.csv");
        let with_header = format!("Year,Month,Day,Time,Headline,Type\n{s}");
        let _ = timeline_explorer::io::timelinejs_csv::import(&with_header, "fuzz.csv");
    }
}

#[test]
fn markwhen_sample_with_the_old_section_syntax_and_now() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/markwhen/vscode_test.mw");
    if !path.exists() {
        eprintln!("skipped: {} not found", path.display());
        return;
    }
    let imported = load_any(&path).unwrap();
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let t = &imported.timeline;
    assert_eq!(t.title, "this is my timeline");
    assert_eq!(t.description, "This is the description");
    assert_eq!(t.events.len(), 5);
    let in_section: Vec<&str> = t
        .events
        .iter()
        .filter(|e| e.category == "other-section")
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(
        in_section,
        [
            "somethign crazy",
            "some event goes here",
            "another event",
            "what the hell is going on"
        ]
    );
    let crazy = &t.events[0];
    assert_eq!(crazy.start.to_iso(), "2025");
    assert_eq!(crazy.end, Some(timeline_explorer::model::today()));
    assert_eq!(t.events[1].tags, ["other"]);
    assert_eq!(t.events[4].category, "event", "after endSection");
    // Ids do not depend on today's date.
    assert_eq!(t.events[3].id, "what-the-hell-is-going-on-now");
}

const MW_TRAPS: &str = "title: Trap file
description: Testing
#war: red

# Antiquity
300 BC: Something old #war
44 BC/43 BC: A range in BCE
// a comment line
group \"Modern\"
Dec 1 2025: A month name // and a comment
  with a second line #later
05/2024-06/2024: Slash months
endGroup
1964-2008: Year range
20x4: Not a date
2024-02-30: Impossible
";

#[test]
fn markwhen_traps() {
    let imported = timeline_explorer::io::markwhen::import(MW_TRAPS, "traps.mw").unwrap();
    let t = &imported.timeline;
    assert_eq!(t.title, "Trap file");
    let got: Vec<(&str, String, Option<String>, &str)> = t
        .events
        .iter()
        .map(|e| {
            (
                e.title.as_str(),
                e.start.to_iso(),
                e.end.map(|d| d.to_iso()),
                e.category.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("Something old", "-0300".to_string(), None, "antiquity"),
            (
                "A range in BCE",
                "-0044".to_string(),
                Some("-0043".to_string()),
                "antiquity"
            ),
            ("A month name", "2025-12-01".to_string(), None, "modern"),
            (
                "Slash months",
                "2024-05".to_string(),
                Some("2024-06".to_string()),
                "modern"
            ),
            (
                "Year range",
                "1964".to_string(),
                Some("2008".to_string()),
                "antiquity"
            ),
        ]
    );
    assert_eq!(t.events[0].tags, ["war"]);
    assert_eq!(t.events[2].summary, "with a second line");
    assert_eq!(t.events[2].tags, ["later"]);
    assert_eq!(imported.skipped.len(), 2, "{:?}", imported.skipped);
    assert!(imported.skipped[0].contains("line 15") && imported.skipped[0].contains("20x4"));
    assert!(imported.skipped[1].contains("line 16") && imported.skipped[1].contains("2024-02-30"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_markwhen_never_panics(s in "\\PC{0,300}") {
        let _ = timeline_explorer::io::markwhen::import(&s, "fuzz.mw");
    }

    #[test]
    fn arbitrary_date_format_rules_never_panic(
        pattern in "[\\^$()\\[\\]d{}+*?.|0-9a-z/ -]{0,20}",
        format in "[yMdHhmsaWkLoqEGZz' ./:-]{0,14}",
        from in "[$0-9a-z -]{0,8}",
        duration in "[0-9a-z .-]{0,12}",
        line in "[0-9a-zA-Z /.:-]{0,30}",
    ) {
        let q = |s: &str| s.replace('\'', "''");
        let text = format!(
            "---\ndateFormat:\n  - pattern: '{}'\n    from: '{}'\n    fromFormat: '{}'\n    toFormat: '{}'\n    duration: '{}'\n---\n{line}\n{line}: x\n",
            q(&pattern), q(&from), q(&format), q(&format), q(&duration)
        );
        let _ = timeline_explorer::io::markwhen::import(&text, "rules.mw");
    }

    #[test]
    fn mutated_markwhen_never_panics(cut in 0usize..MW_TRAPS.len(), insert in "[:/# \\n0-9a-zA-Z-]{0,5}") {
        let mut text = MW_TRAPS.to_string();
        text.insert_str(cut, &insert);
        let _ = timeline_explorer::io::markwhen::import(&text, "mutated.mw");
    }
}

#[test]
fn words_followed_by_a_colon_continue_a_description() {
    let imported = timeline_explorer::io::markwhen::import(
        "2020: Event\nNote: more text\n  indented: too\n",
        "n.mw",
    )
    .unwrap();
    assert!(imported.skipped.is_empty());
    assert_eq!(imported.timeline.events.len(), 1);
    assert_eq!(
        imported.timeline.events[0].summary,
        "Note: more text\nindented: too"
    );
}

#[test]
fn ron_to_markwhen_and_back_keeps_titles_dates_and_sections() {
    let t = timeline_explorer::io::builtin_timeline().unwrap();
    let (text, notes) = timeline_explorer::io::markwhen::export(&t);
    assert!(
        notes.iter().any(|n| n.starts_with("discrepancies")),
        "{notes:?}"
    );
    let back = timeline_explorer::io::markwhen::import(&text, "rt.mw").unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    assert_eq!(back.timeline.title, t.title);
    assert_eq!(back.timeline.events.len(), t.events.len());
    for ev in &t.events {
        let b = back
            .timeline
            .events
            .iter()
            .find(|b| b.title == ev.title)
            .unwrap_or_else(|| panic!("{}", ev.title));
        assert_eq!(b.id, ev.id);
        assert_eq!(b.start, ev.start, "{}", ev.id);
        assert_eq!(b.end, ev.end, "{}", ev.id);
        let cat = t.category(&ev.category).unwrap();
        assert_eq!(back.timeline.category(&b.category).unwrap().name, cat.name);
        assert!(
            b.summary.contains(&ev.summary[..30.min(ev.summary.len())]),
            "{}",
            b.summary
        );
        // Links survive intact.
        if let Some(url) = ev.sources[0].url.as_deref() {
            assert!(b.summary.contains(url), "{}: {}", ev.id, b.summary);
        }
    }
}

#[test]
fn a_month_written_as_a_name_is_that_month() {
    let json = r#"{"events": [
        {"start_date": {"year": "-44", "month": "March", "day": "15"}, "text": {"headline": "Ides"}},
        {"start_date": {"year": "1945", "month": "Sept"}, "text": {"headline": "Abbreviated"}},
        {"start_date": {"year": "14", "month": "Augustus"}, "text": {"headline": "Not a month"}}
    ]}"#;
    let imported = import_json(json, "names.json").unwrap();
    let starts: Vec<String> = imported
        .timeline
        .events
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(starts, ["-0044-03-15", "1945-09"]);
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert!(imported.skipped[0].contains("Augustus"));
}

/// What TimelineJS carries comes back out as TimelineJS wrote it.
const TLJS_KEEPS: &str = r##"{
  "title": {"text": {"headline": "Keeps"}},
  "events": [
    {"start_date": {"year": "1969", "month": "7", "day": "20"},
     "display_date": "Summer 1969",
     "text": {"headline": "Moon", "text": "Small step"},
     "media": {"url": "img/moon.jpg", "thumbnail": "img/t.jpg", "alt": "The Moon"},
     "background": {"url": "bg/stars.png", "color": "#102030"},
     "group": "event",
     "unique_id": "moon-landing"},
    {"start_date": {"year": "1970", "hour": "10", "minute": "5", "second": "30"},
     "text": {"text": "No headline here"}}
  ]
}"##;

#[test]
fn timelinejs_round_trip_keeps_display_dates_media_backgrounds_and_groups() {
    use timeline_explorer::io::timelinejs::{export_json, import_json};
    let first = import_json(TLJS_KEEPS, "keeps.json").unwrap();
    assert!(first.skipped.is_empty(), "{:?}", first.skipped);
    // Seconds are said, not silently cut.
    assert!(
        first
            .notes
            .iter()
            .any(|n| n.contains("1 date with seconds")),
        "{:?}",
        first.notes
    );
    let t = &first.timeline;
    let moon = &t.events[0];
    assert_eq!(moon.id, "moon-landing");
    assert_eq!(moon.display_date.as_deref(), Some("Summer 1969"));
    let media = moon.media.as_ref().unwrap();
    assert_eq!(media.url, "img/moon.jpg");
    assert_eq!(media.caption, None, "no caption is invented");
    assert_eq!(media.alt.as_deref(), Some("The Moon"));
    assert_eq!(
        moon.background.as_ref().and_then(|b| b.url.as_deref()),
        Some("bg/stars.png")
    );
    assert_eq!(t.category(&moon.category).unwrap().name, "event");
    assert!(t.events[1].untitled);

    let (json, _) = export_json(t);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let slides = v["events"].as_array().unwrap();
    assert_eq!(slides[0]["display_date"], "Summer 1969");
    assert_eq!(slides[0]["media"]["url"], "img/moon.jpg");
    assert!(slides[0]["media"].get("caption").is_none(), "{json}");
    assert_eq!(slides[0]["background"]["color"], "#102030");
    assert_eq!(slides[0]["group"], "event");
    assert_eq!(slides[0]["unique_id"], "moon-landing");
    assert!(
        slides[1]["text"].get("headline").is_none(),
        "no placeholder headline: {json}"
    );
    assert!(!json.contains("Shown in the source"), "{json}");

    let again = import_json(&json, "keeps.json").unwrap();
    assert_eq!(again.timeline.events, t.events);
    assert_eq!(again.timeline.categories, t.categories);
    // And as RON, which the one checker accepts.
    let ron = timeline_explorer::io::to_ron_string(t).unwrap();
    assert_eq!(
        timeline_explorer::io::parse_timeline(&ron, "keeps.ron").unwrap(),
        *t
    );
}

#[test]
fn timelinejs_2_files_are_named_as_such() {
    let old = r#"{"timeline": {"headline": "Old", "type": "default", "date": [{"startDate": "2011,12,10", "headline": "A"}]}}"#;
    let err = timeline_explorer::io::timelinejs::import_json(old, "old.json").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("TimelineJS 2") && msg.contains("1 slide"),
        "{msg}"
    );
}

#[test]
fn timelinejs_sheet_times_and_years_as_timelinejs_reads_them() {
    let csv = "Year,Month,Day,Time,Headline,Display Date,Media,Media Thumbnail,Background\n\
1969,7,20,14:30:00,Seconds,,,,\n\
1969,7,21,1430,Four digits,,,,\n\
1969,7,22,2:30 p.m.,Dotted pm,,,,\n\
\"-12,000\",,,,Ice,Long ago,pics/ice.png,pics/ice-t.png,#ffffff\n";
    let imported = timeline_explorer::io::timelinejs_csv::import(csv, "times.csv").unwrap();
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let t = &imported.timeline;
    let iso: Vec<String> = t.events.iter().map(|e| e.start.to_iso()).collect();
    assert_eq!(
        iso,
        [
            "1969-07-20T14:30",
            "1969-07-21T14:30",
            "1969-07-22T14:30",
            "-12000"
        ]
    );
    let ice = t.events.iter().find(|e| e.title == "Ice").unwrap();
    assert_eq!(ice.display_date.as_deref(), Some("Long ago"));
    assert_eq!(ice.media.as_ref().unwrap().url, "pics/ice.png");
    assert_eq!(
        ice.media.as_ref().unwrap().thumbnail.as_deref(),
        Some("pics/ice-t.png")
    );
    assert_eq!(
        ice.background.as_ref().and_then(|b| b.color.as_deref()),
        Some("#ffffff")
    );
    let (sheet, _) = timeline_explorer::io::timelinejs_csv::export(t);
    let back = timeline_explorer::io::timelinejs_csv::import(&sheet, "times.csv").unwrap();
    assert_eq!(back.timeline.events, t.events, "{sheet}");
}

/// A Markwhen range written later end first is read from its earlier end,
/// as the reference parser reads it, and the report says so with its line.
#[test]
fn a_markwhen_range_written_backwards_is_read_in_order_and_said() {
    let text = "title: t\n\n1964/2008: In order\n2008/1964: Backwards\nnow/2025: Also backwards\n";
    let imported = timeline_explorer::io::markwhen::import(text, "b.mw").unwrap();
    let events = &imported.timeline.events;
    assert_eq!(events.len(), 3);
    assert_eq!(
        (events[1].start.to_iso(), events[1].end.map(|d| d.to_iso())),
        ("1964".to_string(), Some("2008".to_string()))
    );
    let said: Vec<&String> = imported
        .notes
        .iter()
        .filter(|n| n.contains("later end first"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", imported.notes);
    assert!(
        said[0].contains("line 4") && said[0].contains("2 ranges") && said[0].contains("2008/1964"),
        "{}",
        said[0]
    );
}

/// Markwhen 1.x names an event with an `id:` line under it; other events
/// refer to it by that name, and the line is no part of the description.
#[test]
fn a_markwhen_id_property_names_its_event() {
    let text = "2025-01-01: First\nid: first\n\n2025-02-01: Second\nid: second\nA note.\n\n!first / !second: Between\n";
    let imported = timeline_explorer::io::markwhen::import(text, "ids.mw").unwrap();
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let events = &imported.timeline.events;
    assert_eq!(events.len(), 3);
    assert_eq!(
        (events[0].id.as_str(), events[1].id.as_str()),
        ("first", "second")
    );
    assert_eq!(events[1].summary, "A note.");
    assert_eq!(
        (events[2].start.to_iso(), events[2].end.map(|d| d.to_iso())),
        ("2025-01-02".to_string(), Some("2025-01-31".to_string()))
    );
}

#[test]
fn markwhen_date_format_rules_are_read_and_what_they_cannot_read_is_said() {
    let text = "---\ntitle: Terms\ndateFormat:\n  - pattern: '^term (\\d{4})-(\\d{2}) to (\\d{4})-(\\d{2})$'\n    from: '$1-$2'\n    fromFormat: yyyy-MM\n    to: '$3-$4'\n    toFormat: yyyy-MM\n  - pattern: '^bad (\\d+)$'\n    fromFormat: MM.dd.yyyy\n  - pattern: '(?=x)'\n---\nterm 2026-01 to 2026-03: First term\nbad 12: Cannot be read\n2026-05-01: Built in\n";
    let imported = timeline_explorer::io::markwhen::import(text, "terms.mw").unwrap();
    let t = &imported.timeline;
    assert_eq!(t.title, "Terms");
    assert_eq!(t.events.len(), 2, "{:?}", imported.skipped);
    assert_eq!(t.events[0].title, "First term");
    assert_eq!(t.events[0].start.to_iso(), "2026-01");
    assert_eq!(
        t.events[0].end.as_ref().map(|d| d.to_iso()).as_deref(),
        Some("2026-03")
    );
    assert_eq!(t.events[1].start.to_iso(), "2026-05-01");
    let said = imported.skipped.join("\n");
    assert!(
        said.contains("line 14") && said.contains("bad 12"),
        "{said}"
    );
    assert!(
        said.contains("dateFormat rule 3") && said.contains("line 1"),
        "{said}"
    );
    // A header without `---` may declare rules too; one that is not YAML
    // is reported and still gives its title.
    let bare = "title: Bare\ndateFormat:\n  - pattern: '^d (\\d{4})$'\n    fromFormat: yyyy\n    from: '$1'\nd 1999: Custom\n";
    let imported = timeline_explorer::io::markwhen::import(bare, "bare.mw").unwrap();
    assert_eq!(imported.timeline.title, "Bare");
    assert_eq!(imported.timeline.events.len(), 1, "{:?}", imported.skipped);
    assert_eq!(imported.timeline.events[0].start.to_iso(), "1999");
    let bare_broken = "// a comment\ntitle: Kept\ndateFormat: [\n2026: Event\n";
    let imported = timeline_explorer::io::markwhen::import(bare_broken, "bb.mw").unwrap();
    assert_eq!(imported.timeline.title, "Kept");
    assert_eq!(imported.timeline.events.len(), 1);
    assert!(
        imported
            .skipped
            .iter()
            .any(|s| s.contains("not YAML") && s.contains("line 4, column 1")),
        "{:?}",
        imported.skipped
    );
    // A front matter that is not YAML is said with its line and column.
    let broken = "---\ntitle: [unclosed\n---\n2026: Event\n";
    let imported = timeline_explorer::io::markwhen::import(broken, "b.mw").unwrap();
    assert_eq!(imported.timeline.events.len(), 1);
    assert!(
        imported
            .skipped
            .iter()
            .any(|s| s.contains("not YAML") && s.contains("column")),
        "{:?}",
        imported.skipped
    );
}

#[test]
fn a_markwhen_picture_becomes_the_event_s_media_and_is_written_back() {
    let text = "2010-10: Barn built ![the barn](pictures/barn.png) ![](second.png) #farm\n";
    let imported = timeline_explorer::io::markwhen::import(text, "p.mw").unwrap();
    let ev = &imported.timeline.events[0];
    assert_eq!(ev.title, "Barn built");
    let media = ev.media.as_ref().expect("the first picture is the media");
    assert_eq!(media.url, "pictures/barn.png");
    assert_eq!(media.alt.as_deref(), Some("the barn"));
    assert_eq!(
        ev.summary, "![](second.png)",
        "the second is kept in the text"
    );
    let (written, _) = timeline_explorer::io::markwhen::export(&imported.timeline);
    let back = timeline_explorer::io::markwhen::import(&written, "p.mw").unwrap();
    assert_eq!(back.timeline.events[0].media, ev.media, "{written}");
    assert_eq!(back.timeline.events[0].title, "Barn built");
}

#[test]
fn markwhen_start_and_end_name_the_previous_event() {
    let text = "2025-08-09: Event\n.start -10 days / .end 1 day: Around it\n2025: Year\n.start 1 day: Its first day\n.start / .end: The same year\n";
    let imported = timeline_explorer::io::markwhen::import(text, "p.mw").unwrap();
    let got: Vec<(String, Option<String>)> = imported
        .timeline
        .events
        .iter()
        .map(|e| (e.start.to_iso(), e.end.as_ref().map(|d| d.to_iso())))
        .collect();
    assert_eq!(
        got,
        [
            ("2025-08-09".to_string(), None),
            ("2025-07-30".to_string(), Some("2025-08-10".to_string())),
            ("2025".to_string(), None),
            ("2025-01-01".to_string(), None),
            ("2025-01-01".to_string(), None),
        ],
        "{:?}",
        imported.skipped
    );
}

#[test]
fn markwhen_relative_forms_without_after_and_glued_colons_are_read() {
    let text = "2025-02-01: base !base\n!base 1 week: id then duration\nafter 2 days: after the previous\n-10 days / 1 day: moved back\n2025-03-01:no space after the colon\n12:30 lunch is a description\n";
    let imported = timeline_explorer::io::markwhen::import(text, "r.mw").unwrap();
    let got: Vec<(String, Option<String>, String)> = imported
        .timeline
        .events
        .iter()
        .map(|e| {
            (
                e.start.to_iso(),
                e.end.as_ref().map(|d| d.to_iso()),
                e.title.clone(),
            )
        })
        .collect();
    let day =
        |s: &str, e: Option<&str>, t: &str| (s.to_string(), e.map(str::to_string), t.to_string());
    assert_eq!(
        got,
        [
            day("2025-02-01", None, "base"),
            day("2025-02-02", Some("2025-02-08"), "id then duration"),
            day("2025-02-09", Some("2025-02-10"), "after the previous"),
            // Ten days back from where the previous ends (11 February).
            day("2025-02-01", None, "moved back"),
            day("2025-03-01", None, "no space after the colon"),
        ],
        "{:?}",
        imported.skipped
    );
    // `12:30 lunch…` is no event in the year 12: it continues the last one.
    assert!(imported.timeline.events[4].summary.contains("12:30 lunch"));
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
}

#[test]
fn a_timelinejs_unique_id_is_kept_as_written_and_one_used_twice_is_said() {
    let json = r#"{"events":[{"unique_id":"My_Event","start_date":{"year":2020},"text":{"headline":"A"}},{"unique_id":"a","start_date":{"year":2021},"text":{"headline":"B"}},{"unique_id":"a","start_date":{"year":2022},"text":{"headline":"C"}},{"unique_id":"bad\u0001id","start_date":{"year":2023},"text":{"headline":"D"}}]}"#;
    let imported = import_json(json, "ids.json").unwrap();
    let events = &imported.timeline.events;
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["my-event", "a", "a-2", "bad-id"]);
    let written: Vec<Option<&str>> = events.iter().map(|e| e.id_as_written.as_deref()).collect();
    assert_eq!(written, [Some("My_Event"), None, None, None]);
    let said: Vec<&String> = imported
        .notes
        .iter()
        .filter(|n| n.contains("unique_id"))
        .collect();
    assert_eq!(said.len(), 2, "{:?}", imported.notes);
    // Placed by line and column, never with the marks that find them.
    assert!(said.iter().all(|n| !n.contains('\u{1}')), "{said:?}");
    assert!(
        said.iter()
            .any(|n| n.contains("column 157 (event 3)") && n.contains("\"a-2\"")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|n| n.contains("(event 4)") && n.contains("control")),
        "{said:?}"
    );
    // Written back as the file wrote them; the repeated one as its own id.
    let (out, _) = timeline_explorer::io::timelinejs::export_json(&imported.timeline);
    let root: serde_json::Value = serde_json::from_str(&out).unwrap();
    let back: Vec<&str> = root["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["unique_id"].as_str().unwrap())
        .collect();
    assert_eq!(back, ["My_Event", "a", "a-2", "bad-id"]);
    // And come back in: the same ids, the same ids as written.
    let again = import_json(&out, "ids.json").unwrap();
    let pairs = |t: &timeline_explorer::model::Timeline| -> Vec<(String, Option<String>)> {
        t.events
            .iter()
            .map(|e| (e.id.clone(), e.id_as_written.clone()))
            .collect()
    };
    assert_eq!(pairs(&again.timeline), pairs(&imported.timeline));
    // RON keeps it too, and the loader takes what the importer made.
    let ron = timeline_explorer::io::to_ron_string(&imported.timeline).unwrap();
    let loaded = timeline_explorer::io::parse_timeline(&ron, "ids.ron").unwrap();
    assert_eq!(loaded.events, imported.timeline.events);
}

#[test]
fn markwhen_ids_survive_export_and_import() {
    // `!id` as written, an `id:` line, two events with the same title and
    // date, a title-less event, a `!word` read as an id.
    let text = "---\ntitle: Ids\n---\n2020: Launch !Apollo_11 #space\n2020: Launch\n2020: Launch\n2021:\n2022: Meeting\nid: Board_Meeting\n2023: Plain event\n";
    let first = timeline_explorer::io::markwhen::import(text, "ids.mw").unwrap();
    let events = &first.timeline.events;
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids[0], "apollo-11");
    assert_eq!(events[0].id_as_written.as_deref(), Some("Apollo_11"));
    assert_eq!(events[4].id, "board-meeting");
    assert_eq!(events[4].id_as_written.as_deref(), Some("Board_Meeting"));
    assert_eq!(events[1].id_as_written, None);
    let (out, _) = timeline_explorer::io::markwhen::export(&first.timeline);
    assert!(
        out.contains("id: Apollo_11\n") && out.contains("id: Board_Meeting\n"),
        "{out}"
    );
    // An id the line gives back by itself is not written.
    assert!(!out.contains("id: plain-event-2023"), "{out}");
    let back = timeline_explorer::io::markwhen::import(&out, "ids.mw").unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let mut want: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e.id.as_str(), e.id_as_written.as_deref()))
        .collect();
    let mut got: Vec<(&str, Option<&str>)> = back
        .timeline
        .events
        .iter()
        .map(|e| (e.id.as_str(), e.id_as_written.as_deref()))
        .collect();
    want.sort();
    got.sort();
    assert_eq!(got, want, "{out}");
}

#[test]
fn a_table_s_ids_are_written_back_as_the_table_wrote_them() {
    let csv = "id,date,title\nSYR1,2020-01-01,A\nSYR2,2020-01-02,B\nSYR1,2020-01-03,C\nsyr-4,2020-01-04,D\n";
    let imported = timeline_explorer::io::csv_table::import(csv, "t.csv", None).unwrap();
    let events = &imported.timeline.events;
    let pairs: Vec<(&str, Option<&str>)> = events
        .iter()
        .map(|e| (e.id.as_str(), e.id_as_written.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("syr1", Some("SYR1")),
            ("syr2", Some("SYR2")),
            ("syr1-2", None),
            ("syr-4", None)
        ]
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("1 id as written not kept") && n.contains("\"SYR1\"")),
        "{:?}",
        imported.notes
    );
    let (out, _) = timeline_explorer::io::csv_table::export(&imported.timeline);
    let first_cells: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(first_cells, ["SYR1", "SYR2", "syr1-2", "syr-4"], "{out}");
}

#[test]
fn categories_survive_every_format_and_event_stays_event() {
    let text = "2020: Loose\n\n# Work\n\n2021: Busy\n";
    let t = timeline_explorer::io::markwhen::import(text, "c.mw")
        .unwrap()
        .timeline;
    let cats = |t: &timeline_explorer::model::Timeline| -> Vec<(String, String, String)> {
        let mut v: Vec<(String, String, String)> = t
            .events
            .iter()
            .map(|e| {
                let c = t.category(&e.category).unwrap();
                (e.title.clone(), c.id.clone(), c.name.clone())
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        cats(&t),
        [
            ("Busy".to_string(), "work".to_string(), "Work".to_string()),
            (
                "Loose".to_string(),
                "event".to_string(),
                "Events".to_string()
            )
        ]
    );
    for format in ["json", "csv", "mw", "table.csv"] {
        let back = match format {
            "json" => {
                let (out, _) = timeline_explorer::io::timelinejs::export_json(&t);
                import_json(&out, "c.json").unwrap().timeline
            }
            "csv" => {
                let (out, _) = timeline_explorer::io::timelinejs_csv::export(&t);
                timeline_explorer::io::timelinejs_csv::import(&out, "c.csv")
                    .unwrap()
                    .timeline
            }
            "mw" => {
                let (out, _) = timeline_explorer::io::markwhen::export(&t);
                timeline_explorer::io::markwhen::import(&out, "c.mw")
                    .unwrap()
                    .timeline
            }
            _ => {
                let (out, _) = timeline_explorer::io::csv_table::export(&t);
                timeline_explorer::io::csv_table::import(&out, "c.csv", None)
                    .unwrap()
                    .timeline
            }
        };
        assert_eq!(cats(&back), cats(&t), "{format}");
    }
}
