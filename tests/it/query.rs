//! The filter model: every facet, their combinations, text search with
//! diacritics, aliases and phrases, and facet counts; on the article dataset
//! and on generated data (checked against a plain scan).

use timeline_explorer::generate::{GenerateOptions, generate};
use timeline_explorer::io::builtin_timeline;
use timeline_explorer::model::{ActorMatch, Certainty, Provenance, Query, Timeline};
use timeline_explorer::query::{SearchIndex, TimeIndex, event_extents, filter, normalize};

struct Fixture {
    t: Timeline,
    index: SearchIndex,
    extents: Vec<(f64, f64)>,
    sorted: Vec<usize>,
}

impl Fixture {
    fn new(t: Timeline) -> Self {
        let index = SearchIndex::new(&t);
        let extents = event_extents(&t.events);
        let sorted = TimeIndex::new(&t).sorted().to_vec();
        Self {
            t,
            index,
            extents,
            sorted,
        }
    }

    fn run(&self, q: &Query) -> timeline_explorer::query::FilterResult {
        filter(&self.t, &self.index, &self.extents, &self.sorted, q)
    }

    fn ids(&self, q: &Query) -> Vec<&str> {
        self.run(q)
            .events
            .iter()
            .map(|&e| self.t.events[e].id.as_str())
            .collect()
    }

    fn actor(&self, id: &str) -> usize {
        self.t.actors.iter().position(|a| a.id == id).unwrap()
    }
}

fn article() -> Fixture {
    Fixture::new(builtin_timeline().unwrap())
}

fn text(s: &str) -> Query {
    Query {
        text: s.to_string(),
        ..Query::default()
    }
}

#[test]
fn empty_query_shows_everything_in_date_order() {
    let f = article();
    let r = f.run(&Query::default());
    assert_eq!(r.events, f.sorted);
}

#[test]
fn aliases_find_actors() {
    let f = article();
    let ids = f.ids(&text("Shibani"));
    assert!(ids.contains(&"shaibani-moscow-visit"), "{ids:?}");
    assert!(ids.contains(&"sharaa-moscow-visit"), "{ids:?}");
    // The former nom de guerre finds Sharaa's events.
    assert!(f.ids(&text("jolani")).contains(&"sharaa-named-president"));
}

#[test]
fn case_and_diacritics_do_not_matter() {
    let f = article();
    let plain = f.ids(&text("erdogan"));
    assert!(plain.contains(&"turkey-s400-deal"), "{plain:?}");
    assert_eq!(f.ids(&text("ERDOĞAN")), plain);
    assert_eq!(f.ids(&text("wurttemberg")), ["battle-of-paris-1814"]);
    assert_eq!(f.ids(&text("Württemberg")), ["battle-of-paris-1814"]);
}

#[test]
fn words_match_word_starts_and_all_must_match() {
    let f = article();
    assert!(f.ids(&text("astan")).contains(&"astana-talks-first-round"));
    // "stana" is inside a word, not at its start.
    assert!(!f.ids(&text("stana")).contains(&"astana-talks-first-round"));
    assert_eq!(
        f.ids(&text("Soleimani Kremlin")),
        ["soleimani-moscow-visit"]
    );
    assert_eq!(f.ids(&text("soleimani baghdad")), ["soleimani-killed"]);
    assert!(f.ids(&text("zzzz")).is_empty());
}

#[test]
fn quoted_phrases_match_as_phrases() {
    let f = article();
    // The Moscow Declaration's note speaks of "the Astana talks" too.
    assert_eq!(
        f.ids(&text("\"Astana talks\"")),
        ["moscow-declaration-2016", "astana-talks-first-round"]
    );
    assert!(f.ids(&text("\"talks Astana\"")).is_empty());
    // Unquoted, the same words match more widely.
    assert!(f.ids(&text("talks Astana")).len() > 1);
}

#[test]
fn location_tags_and_sources_are_searched() {
    let f = article();
    assert_eq!(f.ids(&text("Rixos")), ["astana-talks-first-round"]);
    assert!(f.ids(&text("asylum")).contains(&"fall-of-assad"));
    assert!(
        f.ids(&text("Kyiv Independent"))
            .contains(&"sharaa-moscow-visit")
    );
}

#[test]
fn actor_facet_any_and_all() {
    let f = article();
    let any = Query {
        actors: vec!["iran".into(), "israel".into()],
        ..Query::default()
    };
    let got = f.ids(&any);
    let want: Vec<&str> = f
        .sorted
        .iter()
        .map(|&e| &f.t.events[e])
        .filter(|e| e.actors.iter().any(|a| a == "iran" || a == "israel"))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(got, want);
    let all = Query {
        actor_match: ActorMatch::All,
        ..any
    };
    assert_eq!(f.ids(&all), ["israel-hezbollah-escalation-2024"]);
}

#[test]
fn category_tag_date_certainty_provenance_facets() {
    let f = article();
    let analogies = f.ids(&Query {
        categories: vec!["historical-analogy".into()],
        ..Query::default()
    });
    assert_eq!(analogies.len(), 5);
    assert_eq!(
        f.ids(&Query {
            tags: vec!["s-400".into()],
            ..Query::default()
        }),
        ["turkey-s400-deal", "turkey-s400-delivery"]
    );
    let y2024 = Query {
        from: Some("2024".parse().unwrap()),
        to: Some("2024".parse().unwrap()),
        ..Query::default()
    };
    // Overlapping 2024, including the HTS offensive that ends in December.
    assert_eq!(
        f.ids(&y2024),
        [
            "israel-hezbollah-escalation-2024",
            "israel-hezbollah-ceasefire",
            "hts-offensive-2024",
            "operation-dawn-of-freedom-2024",
            "fall-of-assad"
        ]
    );
    let reported = f.ids(&Query {
        certainties: vec![Certainty::Reported],
        ..Query::default()
    });
    // The article's two reported events, and context events dated by a
    // reading others could make differently.
    for id in [
        "russia-syria-intergovernmental-commission",
        "soleimani-moscow-visit",
    ] {
        assert!(reported.contains(&id), "{reported:?}");
    }
    for id in &reported {
        assert_eq!(
            f.t.event(id).unwrap().certainty,
            Certainty::Reported,
            "{id}"
        );
    }
    let context = f.ids(&Query {
        provenances: vec![Provenance::Context],
        ..Query::default()
    });
    // The article's six context events and the 46 marks of relations.
    assert!(
        context.contains(&"su24-shootdown") && context.len() == 6 + 46,
        "{context:?}"
    );
}

#[test]
fn only_discrepancies_is_exactly_the_events_with_one() {
    let f = article();
    let got = f.ids(&Query {
        only_discrepancies: true,
        ..Query::default()
    });
    let want: Vec<&str> = f
        .sorted
        .iter()
        .map(|&e| &f.t.events[e])
        .filter(|e| e.discrepancy.is_some())
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(got, want);
    assert_eq!(got.len(), 11);
}

#[test]
fn combinations_narrow() {
    let f = article();
    let q = Query {
        text: "Russia".into(),
        categories: vec!["military".into()],
        from: Some("2015".parse().unwrap()),
        to: Some("2020".parse().unwrap()),
        only_discrepancies: true,
        ..Query::default()
    };
    // Olive Branch does not involve Russia; Peace Spring does.
    assert_eq!(f.ids(&q), ["operation-peace-spring"]);
}

#[test]
fn facet_counts_follow_the_query_disjunctively() {
    let f = article();
    let all = f.run(&Query::default());
    let russia = f.actor("russia");
    let with_russia =
        f.t.events
            .iter()
            .filter(|e| e.actors.iter().any(|a| a == "russia"))
            .count();
    assert_eq!(all.facets.actors[russia], with_russia);
    assert_eq!(all.facets.discrepancies, 11);
    assert_eq!(
        all.facets.certainties.iter().sum::<usize>(),
        f.t.events.len()
    );

    // Narrowing by category changes the actor counts...
    let military = Query {
        categories: vec!["military".into()],
        ..Query::default()
    };
    let r = f.run(&military);
    let military_russia =
        f.t.events
            .iter()
            .filter(|e| e.category == "military" && e.actors.iter().any(|a| a == "russia"))
            .count();
    assert_eq!(r.facets.actors[russia], military_russia);
    // ...but not the category counts themselves: they show what each
    // category would add.
    assert_eq!(r.facets.categories, all.facets.categories);
    // Under "match all", an actor's count is what adding it would leave.
    let q = Query {
        actors: vec!["russia".into()],
        actor_match: ActorMatch::All,
        ..Query::default()
    };
    let turkey = f.actor("turkey");
    let both =
        f.t.events
            .iter()
            .filter(|e| {
                e.actors.iter().any(|a| a == "russia") && e.actors.iter().any(|a| a == "turkey")
            })
            .count();
    assert_eq!(f.run(&q).facets.actors[turkey], both);
}

#[test]
fn normalize_is_idempotent() {
    for s in [
        "Erdoğan",
        "al-Shaibani",
        "Ahmad al-Shara'",
        "13.8",
        "Ünïcödé  text",
    ] {
        assert_eq!(normalize(&normalize(s)), normalize(s));
    }
}

/// On generated data, the filter agrees with a plain scan for many queries.
#[test]
fn generated_data_matches_a_plain_scan() {
    let f = Fixture::new(generate(&GenerateOptions {
        events: 3000,
        seed: 11,
        span_years: 40,
    }));
    let queries = [
        text("treaty"),
        text("\"border closed\""),
        text("islands summit"),
        Query {
            actors: vec!["northland".into(), "ada-varga".into()],
            ..Query::default()
        },
        Query {
            actors: vec!["northland".into(), "southland".into()],
            actor_match: ActorMatch::All,
            ..Query::default()
        },
        Query {
            categories: vec!["legal".into()],
            certainties: vec![Certainty::Contested, Certainty::Reported],
            ..Query::default()
        },
        Query {
            only_discrepancies: true,
            provenances: vec![Provenance::Context],
            ..Query::default()
        },
        Query {
            from: Some("2000".parse().unwrap()),
            to: Some("2003-06".parse().unwrap()),
            text: "in".into(),
            ..Query::default()
        },
    ];
    for q in &queries {
        let got = f.run(q).events;
        let from = q.from.map_or(f64::NEG_INFINITY, |d| d.axis_days());
        let to = q.to.map_or(f64::INFINITY, |d| d.end_axis_days());
        let want: Vec<usize> = f
            .sorted
            .iter()
            .copied()
            .filter(|&e| {
                let ev = &f.t.events[e];
                let words = normalize(&format!(
                    "{} {} {}",
                    ev.title,
                    ev.summary,
                    ev.location.clone().unwrap_or_default()
                ));
                let hay = format!(" {words}");
                let text_ok = q.text.is_empty()
                    || timeline_explorer::query::filter::parse_terms(&q.text)
                        .iter()
                        .all(|t| match t {
                            timeline_explorer::query::filter::Term::Word(w)
                            | timeline_explorer::query::filter::Term::Phrase(w) => {
                                hay.contains(&format!(" {w}"))
                                    || ev.actors.iter().any(|a| {
                                        let actor = f.t.actor(a).unwrap();
                                        format!(" {}", normalize(&actor.name))
                                            .contains(&format!(" {w}"))
                                    })
                                    || format!(" {}", normalize(&ev.sources[0].title))
                                        .contains(&format!(" {w}"))
                            }
                        });
                let actors_ok = q.actors.is_empty()
                    || match q.actor_match {
                        ActorMatch::Any => q.actors.iter().any(|a| ev.actors.contains(a)),
                        ActorMatch::All => q.actors.iter().all(|a| ev.actors.contains(a)),
                    };
                text_ok
                    && actors_ok
                    && (q.categories.is_empty() || q.categories.contains(&ev.category))
                    && (q.certainties.is_empty() || q.certainties.contains(&ev.certainty))
                    && (q.provenances.is_empty() || q.provenances.contains(&ev.provenance))
                    && (!q.only_discrepancies || ev.discrepancy.is_some())
                    && f.extents[e].1 > from
                    && f.extents[e].0 < to
            })
            .collect();
        assert_eq!(got, want, "{q:?}");
        assert!(
            !want.is_empty() || q.only_discrepancies,
            "query {q:?} should match something"
        );
    }
}
