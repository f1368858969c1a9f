//! The built-in article dataset: valid, sourced, and true to the checked
//! reference table (../shared/reference/article-events.md).

use std::collections::HashSet;
use std::path::Path;

use timeline_explorer::io::{BUILTIN_RON, builtin_timeline, is_kebab_case, to_ron_string};
use timeline_explorer::model::{Certainty, Precision, Provenance, Timeline};

fn t() -> Timeline {
    builtin_timeline().expect("the built-in dataset loads")
}

#[test]
fn ids_are_unique_kebab_case() {
    let t = t();
    let mut seen = HashSet::new();
    for e in &t.events {
        assert!(is_kebab_case(&e.id), "{}", e.id);
        assert!(seen.insert(&e.id), "duplicate {}", e.id);
    }
    // The article's 32 events and the 46 that mark changes of relations.
    assert_eq!(t.events.len(), 78);
    let marks = t
        .events
        .iter()
        .filter(|e| e.tags.iter().any(|t| t == "relation-mark"))
        .count();
    assert_eq!(marks, 46);
}

#[test]
fn every_event_is_sourced_with_links() {
    for e in &t().events {
        assert!(!e.sources.is_empty(), "{} has no source", e.id);
        for s in &e.sources {
            let url = s.url.as_deref().unwrap_or("");
            assert!(
                url.starts_with("http"),
                "{}: source {:?} has no link",
                e.id,
                s.title
            );
        }
        assert!(!e.summary.trim().is_empty(), "{} has no summary", e.id);
    }
}

/// (id, start, end, precision) for every row of the reference table.
const KEY_DATES: &[(&str, &str, Option<&str>)] = &[
    ("russia-syria-diplomatic-relations", "1944-07-21", None),
    ("soviet-syrian-friendship-treaty", "1980-10-08", None),
    ("russia-syria-intergovernmental-commission", "1993", None),
    (
        "intergovernmental-commission-resumption",
        "2025-09-09",
        Some("2025-10-15"),
    ),
    ("syrian-civil-war-begins", "2011-03", None),
    ("soleimani-moscow-visit", "2015-07-24", Some("2015-07-26")),
    ("russian-military-intervention", "2015-09-30", None),
    ("su24-shootdown", "2015-11-24", None),
    ("moscow-declaration-2016", "2016-12-20", None),
    ("astana-talks-first-round", "2017-01-23", Some("2017-01-24")),
    ("turkey-s400-deal", "2017-09-12", Some("2017-12-29")),
    ("turkey-s400-delivery", "2019-07-12", None),
    ("operation-olive-branch", "2018-01-20", Some("2018-03-24")),
    ("afrin-city-captured", "2018-03-18", None),
    ("operation-peace-spring", "2019-10-09", Some("2019-10-17")),
    ("soleimani-killed", "2020-01-03", None),
    ("russia-designates-hts", "2020-06-04", None),
    (
        "israel-hezbollah-escalation-2024",
        "2024-09-17",
        Some("2024-11-27"),
    ),
    ("israel-hezbollah-ceasefire", "2024-11-27", None),
    ("hts-offensive-2024", "2024-11-27", Some("2024-12-08")),
    ("fall-of-assad", "2024-12-08", None),
    ("sharaa-named-president", "2025-01-29", None),
    ("putin-sharaa-phone-call", "2025-02-12", None),
    ("shaibani-moscow-visit", "2025-07-31", None),
    ("novak-delegation-damascus", "2025-09-09", None),
    ("syria-parliamentary-election-2025", "2025-10-05", None),
    ("sharaa-moscow-visit", "2025-10-15", None),
    ("nixon-visit-china", "1972-02-21", Some("1972-02-28")),
    ("battle-of-paris-1814", "1814-03-30", Some("1814-03-31")),
    ("napoleon-abdication-1814", "1814-04-06", None),
    ("franco-russian-alliance", "1894-01-04", None),
    (
        "ww1-germany-declares-war-1914",
        "1914-08-01",
        Some("1914-08-03"),
    ),
];

#[test]
fn key_dates_are_exact() {
    let t = t();
    for (id, start, end) in KEY_DATES {
        let e = t.event(id).unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!(e.start.to_iso(), *start, "{id} start");
        assert_eq!(e.end.map(|d| d.to_iso()).as_deref(), *end, "{id} end");
    }
    assert_eq!(
        t.event("russia-syria-intergovernmental-commission")
            .unwrap()
            .start
            .precision(),
        Precision::Year
    );
    assert_eq!(
        t.event("syrian-civil-war-begins")
            .unwrap()
            .start
            .precision(),
        Precision::Month
    );
}

/// When the shared reference is beside the checkout (as on CI and the
/// developers' machines), every row of its table must match the dataset.
#[test]
fn matches_the_reference_table_when_present() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/article-events.md");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let t = t();
    let mut rows = 0;
    for line in text.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        if cells.len() != 11 || cells[0] == "id" {
            continue;
        }
        rows += 1;
        let id = cells[0].split_whitespace().next().unwrap();
        let e = t
            .event(id)
            .unwrap_or_else(|| panic!("reference row {id} missing from the dataset"));
        assert_eq!(e.start.to_iso(), cells[2], "{id} start");
        let end = (!cells[3].is_empty()).then_some(cells[3]);
        assert_eq!(e.end.map(|d| d.to_iso()).as_deref(), end, "{id} end");
        let context = cells[0].contains("[context");
        assert_eq!(
            e.provenance == Provenance::Context,
            context,
            "{id} provenance"
        );
        let precision = cells[4].split_whitespace().next().unwrap();
        assert_eq!(e.start.precision().as_str(), precision, "{id} precision");
    }
    // The events that mark changes of relations come from the relations'
    // reference (see tests/it/relations.rs).
    let marks = t
        .events
        .iter()
        .filter(|e| e.tags.iter().any(|t| t == "relation-mark"))
        .count();
    assert_eq!(rows + marks, t.events.len());
}

#[test]
fn discrepancies_from_the_reference_are_recorded() {
    let t = t();
    let discrepancy = |id: &str| {
        t.event(id)
            .and_then(|e| e.discrepancy.clone())
            .unwrap_or_default()
    };
    assert!(discrepancy("astana-talks-first-round").contains("23–24 January 2017"));
    assert!(discrepancy("astana-talks-first-round").contains("observer"));
    assert!(
        discrepancy("intergovernmental-commission-resumption")
            .contains("no report shows a session")
    );
    assert!(discrepancy("russia-syria-intergovernmental-commission").contains("1993"));
    assert!(discrepancy("soleimani-moscow-visit").contains("Kremlin denied"));
    assert!(discrepancy("israel-hezbollah-escalation-2024").contains("8 October 2023"));
    assert!(discrepancy("battle-of-paris-1814").contains("31 March"));
    assert!(discrepancy("napoleon-abdication-1814").contains("6 April"));
    assert!(discrepancy("operation-olive-branch").contains("north-western"));
    assert!(discrepancy("operation-peace-spring").contains("north-eastern"));
    assert!(discrepancy("sharaa-moscow-visit").contains("over 4,000"));
    assert!(discrepancy("sharaa-moscow-visit").contains("Tartus"));
    assert!(discrepancy("russia-designates-hts").contains("dissolved"));
    // The reported Soleimani visit is not presented as fact.
    assert_eq!(
        t.event("soleimani-moscow-visit").unwrap().certainty,
        Certainty::Reported
    );
}

#[test]
fn people_carry_correct_titles_and_aliases() {
    let t = t();
    let title = |id: &str| {
        t.actor(id)
            .and_then(|a| a.title.clone())
            .unwrap_or_default()
    };
    assert!(title("ahmed-al-sharaa").starts_with("President of Syria for the transitional period"));
    assert!(title("asaad-al-shaibani").contains("Minister of Foreign Affairs and Expatriates"));
    assert!(title("murhaf-abu-qasra").contains("Minister of Defence"));
    assert!(title("hussein-al-salama").contains("General Intelligence Service"));
    assert!(title("maher-al-sharaa").contains("Secretary-General of the Presidency"));
    assert!(
        t.actor("asaad-al-shaibani")
            .unwrap()
            .aliases
            .iter()
            .any(|a| a == "Shibani")
    );
    let visit = t.event("sharaa-moscow-visit").unwrap();
    for person in [
        "ahmed-al-sharaa",
        "vladimir-putin",
        "asaad-al-shaibani",
        "murhaf-abu-qasra",
    ] {
        assert!(visit.actors.iter().any(|a| a == person), "{person}");
    }
}

#[test]
fn the_file_is_in_canonical_form() {
    // `timeline-explorer fmt data/russia-syria.ron` keeps it so; saving the
    // dataset unchanged reproduces the file byte for byte.
    assert_eq!(to_ron_string(&t()).unwrap(), BUILTIN_RON);
}
