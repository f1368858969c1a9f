//! Import rows of the bench: a 1,000,000-row table shaped like an ACLED
//! export (its columns, its `21 March 2020` dates, NA cells, coordinates
//! and fatalities), and a generated timeline written in every other format
//! and read back.

use std::io::Write;
use std::time::Instant;

use crate::generate::{GenerateOptions, generate};
use crate::io::{Format, export_text, import_text};
use crate::model::{MONTH_NAMES, group_thousands};

/// The header of the ACLED-shaped table (a real export's columns).
pub const ACLED_HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// `rows` ACLED-shaped rows after the header, the same for the same count.
pub fn acled_shaped_csv(rows: usize) -> String {
    const TYPES: [(&str, &str, &str); 4] = [
        ("Political violence", "Battles", "Armed clash"),
        (
            "Political violence",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        ("Demonstrations", "Protests", "Peaceful protest"),
        (
            "Strategic developments",
            "Strategic developments",
            "Looting/property destruction",
        ),
    ];
    const ACTORS: [&str; 6] = [
        "Taliban",
        "Military Forces of Afghanistan (2014-2021)",
        "Protesters (Benin)",
        "Civilians (Benin)",
        "Unidentified Armed Group (Afghanistan)",
        "Police Forces of Benin (2016-)",
    ];
    const PLACES: [(&str, &str, &str, f64, f64); 3] = [
        ("Afghanistan", "Balkh", "Dawlat Abad", 36.9882, 66.8207),
        ("Afghanistan", "Kabul", "Kabul", 34.5167, 69.1833),
        ("Benin", "Alibori", "Mamassi-Gourma", 12.0455, 3.1338),
    ];
    let mut out = String::with_capacity(rows * 420);
    out.push_str(ACLED_HEADER);
    out.push('\n');
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for i in 0..rows {
        let r = next();
        let (disorder, kind, sub) = TYPES[(r % 4) as usize];
        let a1 = ACTORS[((r >> 8) % 6) as usize];
        let a2 = ACTORS[((r >> 16) % 6) as usize];
        let (country, admin1, location, lat, lon) = PLACES[((r >> 24) % 3) as usize];
        let year = 2018 + (r >> 32) % 7;
        let month = 1 + (r >> 40) % 12;
        let day = 1 + (r >> 44) % 28;
        let month_name = MONTH_NAMES[(month - 1) as usize];
        let fatalities = (r >> 50) % 20;
        use std::fmt::Write as _;
        let _ = writeln!(
            out,
            "XX{i},{day} {month_name} {year},{year},1,{disorder},{kind},{sub},{a1},NA,1,{a2},NA,3,13,NA,4,Caucasus and Central Asia,{country},{admin1},NA,NA,{location},{lat},{lon},1,Xinhua; Pajhwok,National,\"On {day} {month_name} {year}, {a1} and {a2} clashed in {location}, {admin1}; {fatalities} were reported killed.\",{fatalities},NA,{}",
            1_584_984_341 + i
        );
    }
    out
}

/// Milliseconds to import `text` in `format`, and the events it gave.
fn time_import(text: &str, origin: &str, format: Format) -> anyhow::Result<(f64, usize)> {
    let started = Instant::now();
    let imported = import_text(text, origin, format, None)?;
    Ok((
        started.elapsed().as_secs_f64() * 1000.0,
        imported.timeline.events.len(),
    ))
}

/// Writes one `import` row per format to `out`.
pub fn measure_imports(
    acled_rows: usize,
    events: usize,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let text = acled_shaped_csv(acled_rows);
    let (ms, n) = time_import(&text, "acled-shaped.csv", Format::Csv)?;
    anyhow::ensure!(
        n == acled_rows,
        "the ACLED-shaped table gave {n} events of {acled_rows}"
    );
    writeln!(
        out,
        "import csv (ACLED-shaped) {:>9} rows: {:>7.1} MB in {ms:>8.1} ms",
        group_thousands(acled_rows as u64),
        text.len() as f64 / 1e6
    )?;
    drop(text);
    let timeline = generate(&GenerateOptions {
        events,
        seed: 1,
        span_years: 100,
    });
    for (format, name) in [
        (Format::Ron, "ron"),
        (Format::TimelineJs, "timelinejs"),
        (Format::TimelineJsCsv, "timelinejs-csv"),
        (Format::Markwhen, "markwhen"),
        (Format::Csv, "csv"),
    ] {
        let (text, _) = export_text(&timeline, format)?;
        let (ms, n) = time_import(&text, name, format)?;
        writeln!(
            out,
            "import {name:<20} {:>9} events: {:>7.1} MB in {ms:>8.1} ms ({} read back)",
            group_thousands(events as u64),
            text.len() as f64 / 1e6,
            group_thousands(n as u64)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_acled_shaped_table_imports_whole_with_its_fields() {
        let text = acled_shaped_csv(50);
        let imported = import_text(&text, "a.csv", Format::Csv, None).unwrap();
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let t = &imported.timeline;
        assert_eq!(t.events.len(), 50);
        assert!(t.events.iter().all(|e| e.coordinates.is_some()));
        assert!(t.events.iter().all(|e| e.numbers.len() == 1));
        assert!(t.actors.iter().all(|a| a.name != "NA"));
        let mut out = Vec::new();
        measure_imports(20, 30, &mut out).unwrap();
        let report = String::from_utf8(out).unwrap();
        assert_eq!(report.lines().count(), 6, "{report}");
        assert!(report.contains("(30 read back)"), "{report}");
    }
}
