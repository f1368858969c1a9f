//! Markwhen read as its reference parser reads it: `tests/fixtures/
//! markwhen-oracle.json` holds what `@markwhen/parser` 1.2.0 (CommonJS
//! build) makes of each line of `tools/markwhen-oracle/cases.txt`
//! (regenerate with `tools/markwhen-oracle/oracle.cjs`, see its header).
//! Each case must give the same events here: count, start, end and title.
//! Where we differ on purpose, the case is listed with the reason.

use chrono::{Datelike, Months, NaiveDate};
use timeline_explorer::model::{Date, Precision};

/// Cases we read differently on purpose, and why.
const DIFFERENT_ON_PURPOSE: [(&str, &str); 10] = [
    ("now: Now event", "depends on when the fixture was made"),
    (
        "2020-now: Until now",
        "depends on when the fixture was made (the start agrees)",
    ),
    (
        "2024-02-30: Impossible date",
        "the reference falls back to now; we report the line as skipped",
    ),
    (
        "2023-01-01 - 2023-03-01: First\n1 year: Then a year",
        "the reference does not read the spaced ISO range (see below), so its relative date follows now",
    ),
    (
        "2025-10-15 2pm - 2h: Time and hours",
        "the reference reads no event; we read two hours from 2 pm",
    ),
    (
        "50 AD: Year AD",
        "the reference keeps ': ' in the title; the date agrees",
    ),
    (
        "2025-10-15T14:30: A minute",
        "the reference reads no event (its time's colon is taken as the text's); we read the ISO minute the app writes itself",
    ),
    (
        "2023/8/15: Year first slashes",
        "the reference falls back to now; we read 15 August 2023",
    ),
    (
        "2023-01-01 - 2023-03-31: Spaced range",
        "the reference reads no event; we read the range",
    ),
    (
        "300 BC: BC year",
        "the reference keeps ': ' in the title and writes astronomical years (-000299); the date agrees",
    ),
];

/// The first moment of a date, as the reference writes it
/// (`YYYY-MM-DDTHH:MM`).
fn first_moment(d: &Date) -> String {
    let t = d.time();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.year_value(),
        d.month().unwrap_or(1),
        d.day().unwrap_or(1),
        t.map_or(0, |t| t.hour),
        t.map_or(0, |t| t.minute)
    )
}

/// The moment after a date ends (the reference's exclusive end); a minute
/// ends where it starts, as the reference has it.
fn end_moment(d: &Date) -> String {
    let start = NaiveDate::from_ymd_opt(
        d.year_value() as i32,
        u32::from(d.month().unwrap_or(1)),
        u32::from(d.day().unwrap_or(1)),
    )
    .unwrap();
    let next = match d.precision() {
        Precision::Year => start.checked_add_months(Months::new(12)).unwrap(),
        Precision::Month => start.checked_add_months(Months::new(1)).unwrap(),
        Precision::Day => start.succ_opt().unwrap(),
        Precision::Minute => return first_moment(d),
    };
    format!(
        "{:04}-{:02}-{:02}T00:00",
        next.year(),
        next.month(),
        next.day()
    )
}

#[test]
fn markwhen_lines_read_as_the_reference_parser_reads_them() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../fixtures/markwhen-oracle.json")).unwrap();
    let cases = fixture.as_array().unwrap();
    assert!(cases.len() >= 20);
    for case in cases {
        let text = case["text"].as_str().unwrap();
        if DIFFERENT_ON_PURPOSE.iter().any(|(t, _)| *t == text) {
            continue;
        }
        let expected: Vec<(String, String, String)> = case["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["start"].as_str().unwrap().to_string(),
                    e["end"].as_str().unwrap().to_string(),
                    e["title"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let imported =
            timeline_explorer::io::markwhen::import(&format!("{text}\n"), "case.mw").unwrap();
        let got: Vec<(String, String, String)> = imported
            .timeline
            .events
            .iter()
            .map(|e| {
                (
                    first_moment(&e.start),
                    end_moment(e.end.as_ref().unwrap_or(&e.start)),
                    e.title.clone(),
                )
            })
            .collect();
        assert_eq!(got, expected, "{text}");
    }
    // The listed differences are real cases of the fixture.
    for (text, _) in DIFFERENT_ON_PURPOSE {
        assert!(cases.iter().any(|c| c["text"] == text), "{text}");
    }
}
