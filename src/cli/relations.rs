//! `timeline-explorer relations`: how actors stood to each other, as a
//! history per pair or as the state of every pair at a date.

use std::io::Write;

use serde::Serialize;

use crate::model::{Provenance, Relation, Timeline, parse_entry};
use crate::query::{PairHistory, RelationIndex};

/// One line of `relations --json`.
#[derive(Serialize)]
struct RelationLine<'a> {
    pair: [&'a str; 2],
    names: [&'a str; 2],
    /// `null` when the pair is unrated at the date asked.
    id: Option<&'a str>,
    kind: Option<&'static str>,
    qualifier: Option<&'a str>,
    start: Option<String>,
    /// `null` for a period still open.
    end: Option<String>,
    confidence: Option<&'static str>,
    provenance: Option<&'static str>,
    summary: Option<&'a str>,
}

impl<'a> RelationLine<'a> {
    fn new(t: &'a Timeline, pair: &'a PairHistory, r: Option<&'a Relation>) -> Self {
        Self {
            pair: [&pair.a, &pair.b],
            names: [t.actor_name(&pair.a), t.actor_name(&pair.b)],
            id: r.map(|r| r.id.as_str()),
            kind: r.map(|r| r.kind.key()),
            qualifier: r.and_then(|r| r.qualifier.as_deref()),
            start: r.map(|r| r.start.to_iso()),
            end: r.and_then(|r| r.end.as_ref().map(|e| e.to_iso())),
            confidence: r.map(|r| r.confidence.label()),
            provenance: r.map(|r| match r.provenance {
                Provenance::Article => "article",
                Provenance::Context => "context",
            }),
            summary: r.map(|r| r.summary.as_str()),
        }
    }
}

/// The actor meant by `text`: an id, or a name or alias in any case.
fn find_actor<'t>(t: &'t Timeline, text: &str) -> anyhow::Result<&'t str> {
    let text = text.trim();
    let lower = text.to_lowercase();
    t.actors
        .iter()
        .find(|a| {
            a.id == text
                || a.name.to_lowercase() == lower
                || a.aliases.iter().any(|x| x.to_lowercase() == lower)
        })
        .map(|a| a.id.as_str())
        .ok_or_else(|| {
            anyhow::anyhow!(
                "no actor {}; actors with relations: {}",
                crate::model::quoted(text),
                related_actors(t).join(", ")
            )
        })
}

fn related_actors(t: &Timeline) -> Vec<&str> {
    let mut ids: Vec<&str> = t
        .relations
        .iter()
        .flat_map(|r| [r.actors.0.as_str(), r.actors.1.as_str()])
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

fn pair_title(t: &Timeline, p: &PairHistory) -> String {
    format!("{} – {}", t.actor_name(&p.a), t.actor_name(&p.b))
}

fn period_line(r: &Relation) -> String {
    let end = r.end.as_ref().map_or("open".to_string(), |e| e.compact());
    let context = match r.provenance {
        Provenance::Context => "  [context]",
        Provenance::Article => "",
    };
    format!(
        "{:<25} {}{context}",
        format!("{} – {end}", r.start.compact()),
        r.kind_text()
    )
}

/// Every period as a CSV row, with a header; cells that a spreadsheet
/// would run as formulas are neutralized.
pub fn relations_csv(t: &Timeline) -> anyhow::Result<String> {
    use crate::io::cells::neutralize;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "id",
        "actor_a",
        "actor_b",
        "name_a",
        "name_b",
        "kind",
        "qualifier",
        "start",
        "end",
        "confidence",
        "provenance",
        "summary",
        "claim",
        "discrepancy",
        "start_events",
        "end_events",
        "sources",
        "urls",
    ])?;
    for r in &t.relations {
        let provenance = match r.provenance {
            Provenance::Article => "article",
            Provenance::Context => "context",
        };
        let sources: Vec<&str> = r.sources.iter().map(|s| s.title.as_str()).collect();
        let urls: Vec<&str> = r.sources.iter().filter_map(|s| s.url.as_deref()).collect();
        let cells = [
            r.id.clone(),
            r.actors.0.clone(),
            r.actors.1.clone(),
            t.actor_name(&r.actors.0).to_string(),
            t.actor_name(&r.actors.1).to_string(),
            r.kind.key().to_string(),
            r.qualifier.clone().unwrap_or_default(),
            r.start.to_iso(),
            r.end.as_ref().map(|e| e.to_iso()).unwrap_or_default(),
            r.confidence.label().to_lowercase(),
            provenance.to_string(),
            r.summary.clone(),
            r.claim.clone().unwrap_or_default(),
            r.discrepancy.clone().unwrap_or_default(),
            r.start_events.join(" "),
            r.end_events.join(" "),
            sources.join(" | "),
            urls.join(" | "),
        ];
        w.write_record(cells.iter().map(|c| neutralize(c).into_owned()))?;
    }
    Ok(String::from_utf8(w.into_inner()?)?)
}

/// Runs `relations`: every pair's history; with `at`, each pair's relation
/// at that date; with `pair` ("russia,turkey"), only that pair.
pub fn run_relations(
    t: &Timeline,
    at: Option<&str>,
    pair: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if t.relations.is_empty() {
        anyhow::bail!("this timeline records no relations between actors");
    }
    let index = RelationIndex::new(t);
    let pairs: Vec<&PairHistory> = match pair {
        None => index.pairs.iter().collect(),
        Some(text) => {
            let (a, b) = text.split_once(',').ok_or_else(|| {
                anyhow::anyhow!("--pair takes two actors separated by a comma, e.g. russia,turkey")
            })?;
            let (a, b) = (find_actor(t, a)?, find_actor(t, b)?);
            vec![index.pair(a, b).ok_or_else(|| {
                anyhow::anyhow!(
                    "no relations between {} and {}",
                    t.actor_name(a),
                    t.actor_name(b)
                )
            })?]
        }
    };
    match at {
        Some(text) => {
            let date = parse_entry(text).map_err(|e| anyhow::anyhow!("--at {text:?}: {e}"))?;
            let days = date.axis_days();
            if !json {
                writeln!(out, "At {}:", date.display())?;
            }
            for p in pairs {
                let r = p.at(&t.relations, days).map(|(_, r)| r);
                if json {
                    writeln!(
                        out,
                        "{}",
                        serde_json::to_string(&RelationLine::new(t, p, r))?
                    )?;
                    continue;
                }
                let state = r.map_or("not rated at this date".to_string(), |r| {
                    format!("{} ({})", r.kind_text(), r.date_display())
                });
                writeln!(out, "{:<48} {state}", pair_title(t, p))?;
            }
        }
        None => {
            for (k, p) in pairs.into_iter().enumerate() {
                if !json {
                    if k > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}", pair_title(t, p))?;
                }
                for &i in &p.periods {
                    let r = &t.relations[i];
                    if json {
                        let line = RelationLine::new(t, p, Some(r));
                        writeln!(out, "{}", serde_json::to_string(&line)?)?;
                    } else {
                        writeln!(out, "  {}", period_line(r))?;
                    }
                }
            }
        }
    }
    Ok(())
}
