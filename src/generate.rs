//! Synthetic but realistic timelines, for benchmarks and stress tests:
//! actors and categories, points and periods, mixed precisions and
//! certainties, dates clustered the way real events cluster.
//!
//! The random numbers come from SplitMix64, written out here so that a seed
//! gives the same timeline whatever crate versions are in use.

use crate::model::{
    Actor, ActorKind, Category, Certainty, DAYS_PER_YEAR, Date, Event, Precision, Provenance,
    Source, Timeline,
};

#[derive(Clone, Debug, PartialEq)]
pub struct GenerateOptions {
    pub events: usize,
    pub seed: u64,
    /// The time the events spread over, ending in 2025.
    pub span_years: i64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            events: 1000,
            seed: 1,
            span_years: 100,
        }
    }
}

/// SplitMix64: small, fast, and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

const ACTORS: [(&str, &str, ActorKind); 12] = [
    ("northland", "Northland", ActorKind::State),
    ("southland", "Southland", ActorKind::State),
    ("eastmark", "Eastmark", ActorKind::State),
    ("westreach", "Westreach", ActorKind::State),
    ("river-league", "River League", ActorKind::Organisation),
    ("coastal-union", "Coastal Union", ActorKind::Organisation),
    ("highland-front", "Highland Front", ActorKind::ArmedGroup),
    ("free-militia", "Free Militia", ActorKind::ArmedGroup),
    (
        "council-of-ports",
        "Council of Ports",
        ActorKind::Government,
    ),
    ("ada-varga", "Ada Varga", ActorKind::Person),
    ("tomas-reyes", "Tomas Reyes", ActorKind::Person),
    ("mira-okafor", "Mira Okafor", ActorKind::Person),
];

const CATEGORIES: [(&str, &str); 6] = [
    ("diplomatic", "Diplomacy"),
    ("military", "Military"),
    ("political", "Politics"),
    ("economic", "Economy"),
    ("humanitarian", "Humanitarian"),
    ("legal", "Law"),
];

const VERBS: [&str; 12] = [
    "Talks open",
    "Treaty signed",
    "Offensive launched",
    "Ceasefire agreed",
    "Elections held",
    "Sanctions imposed",
    "Summit convened",
    "Border closed",
    "Aid convoy arrives",
    "Court ruling issued",
    "Trade deal announced",
    "Protests erupt",
];

const PLACES: [&str; 10] = [
    "the capital",
    "the northern provinces",
    "the river delta",
    "the coast",
    "the highlands",
    "the border region",
    "the old port",
    "the eastern plains",
    "the islands",
    "the mountain passes",
];

/// A timeline of `opts.events` events spread over `opts.span_years` years
/// ending in 2025, in clusters of varied width.
pub fn generate(opts: &GenerateOptions) -> Timeline {
    let mut rng = Rng(opts.seed);
    let end_days = Date::year(2026).map(|d| d.axis_days()).unwrap_or(20_454.0);
    let span_days = opts.span_years.max(1) as f64 * DAYS_PER_YEAR;
    let start_days = end_days - span_days;
    // Cluster centres, widths and weights: a few big episodes, many small.
    let clusters = (8 + opts.events / 5000).min(400);
    let centres: Vec<(f64, f64, f64)> = (0..clusters)
        .map(|i| {
            let centre = start_days + rng.unit() * span_days;
            let width = span_days * 10f64.powf(-1.0 - 3.0 * rng.unit());
            let weight = 1.0 / (1.0 + i as f64);
            (centre, width, weight)
        })
        .collect();
    let total_weight: f64 = centres.iter().map(|c| c.2).sum();

    let mut events = Vec::with_capacity(opts.events);
    for i in 0..opts.events {
        let mut pick = rng.unit() * total_weight;
        let (centre, width, _) = *centres
            .iter()
            .find(|c| {
                pick -= c.2;
                pick <= 0.0
            })
            .unwrap_or(&centres[0]);
        let day = (centre + rng.normal() * width).clamp(start_days, end_days - 1.0);
        let precision = match rng.unit() {
            p if p < 0.70 => Precision::Day,
            p if p < 0.85 => Precision::Month,
            p if p < 0.95 => Precision::Year,
            _ => Precision::Minute,
        };
        let Some(start) = Date::from_axis_days(day, precision) else {
            continue;
        };
        let end = if rng.unit() < 0.25 {
            let duration_days = (rng.normal() * 1.5 + 3.0).exp().min(3.0 * DAYS_PER_YEAR);
            Date::from_axis_days(day + duration_days, precision).filter(|e| *e > start)
        } else {
            None
        };
        let certainty = match rng.unit() {
            p if p < 0.75 => Certainty::Confirmed,
            p if p < 0.87 => Certainty::Reported,
            p if p < 0.92 => Certainty::Contested,
            _ => Certainty::Approximate,
        };
        let actor_count = 1 + rng.below(3);
        let mut actors: Vec<String> = Vec::with_capacity(actor_count);
        for _ in 0..actor_count {
            let a = ACTORS[rng.below(ACTORS.len())].0.to_string();
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        let verb = VERBS[rng.below(VERBS.len())];
        let place = PLACES[rng.below(PLACES.len())];
        let has_discrepancy = rng.unit() < 0.05;
        events.push(Event {
            roles: Vec::new(),
            id: format!("event-{i}"),
            title: format!("{verb} in {place} (#{i})"),
            start,
            end,
            date_note: None,
            certainty,
            provenance: if rng.unit() < 0.8 {
                Provenance::Article
            } else {
                Provenance::Context
            },
            actors,
            category: CATEGORIES[rng.below(CATEGORIES.len())].0.to_string(),
            tags: Vec::new(),
            location: Some(place.to_string()),
            summary: format!("Synthetic event {i}."),
            claim: None,
            discrepancy: has_discrepancy
                .then(|| "The report gives a different date than the record.".to_string()),
            // Kept short: a million events must stay under the file size limit.
            sources: vec![Source {
                title: format!("Report {i}"),
                publisher: None,
                url: None,
                date: None,
            }],
            coordinates: None,
            numbers: Vec::new(),
            display_date: None,
            media: None,
            background: None,
            untitled: false,
            id_as_written: None,
        });
    }
    Timeline {
        relations: Vec::new(),
        title: format!(
            "Synthetic timeline ({} events, seed {})",
            opts.events, opts.seed
        ),
        description: "Generated for benchmarks and stress tests.".to_string(),
        source_document: None,
        actors: ACTORS
            .iter()
            .map(|(id, name, kind)| Actor {
                id: id.to_string(),
                name: name.to_string(),
                aliases: Vec::new(),
                kind: *kind,
                title: None,
                affiliation: None,
            })
            .collect(),
        categories: CATEGORIES
            .iter()
            .map(|(id, name)| Category {
                id: id.to_string(),
                name: name.to_string(),
            })
            .collect(),
        eras: Vec::new(),
        views: Vec::new(),
        stories: Vec::new(),
        events,
    }
}

/// Adds `actors` synthetic actors and `periods` relation periods between
/// them to `t`: about twenty periods per pair, one after the other over
/// the last century, of random kinds (for the relations benchmarks).
pub fn add_relations(t: &mut Timeline, actors: usize, periods: usize, seed: u64) {
    use crate::model::{Confidence, Relation, RelationKind};
    let mut rng = Rng(seed ^ 0x5eed);
    let first = t.actors.len();
    for i in 0..actors {
        t.actors.push(Actor {
            id: format!("party-{i}"),
            name: format!("Party {i}"),
            aliases: Vec::new(),
            kind: ActorKind::State,
            title: None,
            affiliation: None,
        });
    }
    let per_pair = 20usize;
    let pairs = periods.div_ceil(per_pair).max(1);
    let actors = actors.max(2);
    let end_days = Date::year(2026).map(|d| d.axis_days()).unwrap_or(20_454.0);
    let start_days = end_days - 100.0 * DAYS_PER_YEAR;
    let mut seen = std::collections::HashSet::new();
    let mut made = 0;
    while made < periods && seen.len() < pairs {
        let a = rng.below(actors);
        let b = rng.below(actors);
        if a == b || !seen.insert((a.min(b), a.max(b))) {
            continue;
        }
        let n = per_pair.min(periods - made);
        let step = (end_days - start_days) / n as f64;
        for k in 0..n {
            let s = start_days + k as f64 * step;
            let e = s + step * (0.5 + 0.5 * rng.unit());
            let (Some(start), Some(end)) = (
                Date::from_axis_days(s, Precision::Day),
                Date::from_axis_days(e, Precision::Day),
            ) else {
                continue;
            };
            t.relations.push(Relation {
                id: format!("rel-{made}"),
                actors: (
                    t.actors[first + a].id.clone(),
                    t.actors[first + b].id.clone(),
                ),
                kind: RelationKind::ALL[rng.below(5)],
                qualifier: None,
                start,
                end: Some(end),
                date_note: None,
                confidence: Confidence::High,
                provenance: Provenance::Context,
                summary: format!("Synthetic relation {made}."),
                claim: None,
                discrepancy: None,
                start_events: Vec::new(),
                end_events: Vec::new(),
                sources: vec![Source {
                    title: format!("Report {made}"),
                    publisher: None,
                    url: None,
                    date: None,
                }],
            });
            made += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{parse_timeline, to_ron_string};

    #[test]
    fn generated_timelines_are_valid_and_reproducible() {
        let opts = GenerateOptions {
            events: 2000,
            seed: 42,
            span_years: 30,
        };
        let t = generate(&opts);
        assert_eq!(t.events.len(), 2000);
        let text = to_ron_string(&t).unwrap();
        let back = parse_timeline(&text, "generated").unwrap();
        assert_eq!(back, t);
        assert_eq!(generate(&opts), t, "same seed, same timeline");
        assert_ne!(
            generate(&GenerateOptions {
                seed: 43,
                ..opts.clone()
            }),
            t
        );
        // A mix of precisions, periods and certainties.
        for p in [
            Precision::Year,
            Precision::Month,
            Precision::Day,
            Precision::Minute,
        ] {
            assert!(t.events.iter().any(|e| e.start.precision() == p), "{p:?}");
        }
        assert!(t.events.iter().filter(|e| e.is_period()).count() > 300);
        assert!(t.events.iter().any(|e| e.certainty == Certainty::Contested));
        let (first, last) = t.extent().unwrap();
        assert!(
            first.year_value() >= 1995 && last.year_value() <= 2028,
            "{first} {last}"
        );
    }
}
