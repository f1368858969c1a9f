//! Filtering: free text (case- and diacritics-insensitive, words and
//! "quoted phrases") and facets (actors, categories, tags, dates, certainty,
//! provenance, discrepancies), with facet counts as in any faceted search.
//!
//! [`SearchIndex`] is built once per dataset: every event's searchable text,
//! normalised, in one buffer, so a text term is one SIMD substring scan of
//! the whole buffer (memchr), and every facet as a small integer per event.

use std::collections::HashMap;

pub use crate::model::normalize;
use crate::model::{ActorMatch, Provenance, Query, Timeline};

/// Separates fields in the search buffer (never part of normalised text).
const FIELD_SEPARATOR: char = '\u{1}';

/// One part of the text query: a word (matching the start of a word) or a
/// phrase (matching consecutive words, the last one by its start).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Word(String),
    Phrase(String),
}

/// Splits query text into normalised terms: "quoted phrases" and words.
pub fn parse_terms(text: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        let norm = normalize(part);
        if norm.is_empty() {
            continue;
        }
        // Odd parts are inside quotes (an unclosed quote runs to the end).
        if i % 2 == 1 && norm.contains(' ') {
            terms.push(Term::Phrase(norm));
        } else {
            terms.extend(norm.split(' ').map(|w| Term::Word(w.to_string())));
        }
    }
    terms
}

/// A fixed-size set of event indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Bits {
    words: Vec<u64>,
}

impl Bits {
    pub fn none(n: usize) -> Self {
        Self {
            words: vec![0; n.div_ceil(64)],
        }
    }

    pub fn all(n: usize) -> Self {
        let mut b = Self {
            words: vec![u64::MAX; n.div_ceil(64)],
        };
        if !n.is_multiple_of(64)
            && let Some(last) = b.words.last_mut()
        {
            *last = (1u64 << (n % 64)) - 1;
        }
        b
    }

    pub fn set(&mut self, i: usize) {
        self.words[i / 64] |= 1 << (i % 64);
    }

    pub fn get(&self, i: usize) -> bool {
        self.words[i / 64] & (1 << (i % 64)) != 0
    }

    pub fn and(&mut self, other: &Bits) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// Everything the filter needs, derived from the data once.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Each event's searchable fields, normalised, each as "\u{1} word
    /// word", events separated by newlines.
    text: String,
    /// Where each event's text starts in `text`, by event index.
    text_starts: Vec<usize>,
    /// Actor positions (into `Timeline::actors`) of each event, flattened.
    actor_offsets: Vec<u32>,
    actor_values: Vec<u32>,
    /// Category position of each event (`u32::MAX` if unknown).
    category: Vec<u32>,
    tag_offsets: Vec<u32>,
    tag_values: Vec<u32>,
    /// All tags, in first-seen order.
    pub tags: Vec<String>,
    certainty: Vec<u8>,
    provenance: Vec<u8>,
    discrepancy: Vec<bool>,
}

impl SearchIndex {
    pub fn new(timeline: &Timeline) -> Self {
        let actor_pos: HashMap<&str, u32> = timeline
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i as u32))
            .collect();
        let category_pos: HashMap<&str, u32> = timeline
            .categories
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i as u32))
            .collect();
        // Each actor's name and aliases, normalised once.
        let actor_text: Vec<Vec<String>> = timeline
            .actors
            .iter()
            .map(|a| {
                std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .map(|n| normalize(n))
                    .filter(|n| !n.is_empty())
                    .collect()
            })
            .collect();
        let mut index = SearchIndex::default();
        let mut tag_pos: HashMap<String, u32> = HashMap::new();
        let n = timeline.events.len();
        index.text_starts.reserve(n);
        index.category.reserve(n);
        index.actor_offsets.push(0);
        index.tag_offsets.push(0);
        // Fields are normalised one by one and joined with a separator, so
        // that a phrase cannot run from one field into the next.
        let push_field = |text: &mut String, field: &str| {
            let norm = normalize(field);
            if !norm.is_empty() {
                text.push(FIELD_SEPARATOR);
                text.push(' ');
                text.push_str(&norm);
            }
        };
        for ev in &timeline.events {
            index.text_starts.push(index.text.len());
            push_field(&mut index.text, &ev.title);
            push_field(&mut index.text, &ev.summary);
            for part in [&ev.location, &ev.claim, &ev.discrepancy]
                .into_iter()
                .flatten()
            {
                push_field(&mut index.text, part);
            }
            for tag in &ev.tags {
                push_field(&mut index.text, tag);
            }
            for s in &ev.sources {
                push_field(&mut index.text, &s.title);
                if let Some(p) = &s.publisher {
                    push_field(&mut index.text, p);
                }
            }
            for a in &ev.actors {
                if let Some(&p) = actor_pos.get(a.as_str()) {
                    index.actor_values.push(p);
                    for name in &actor_text[p as usize] {
                        index.text.push(FIELD_SEPARATOR);
                        index.text.push(' ');
                        index.text.push_str(name);
                    }
                }
            }
            index.text.push('\n');
            index.actor_offsets.push(index.actor_values.len() as u32);
            index.category.push(
                category_pos
                    .get(ev.category.as_str())
                    .copied()
                    .unwrap_or(u32::MAX),
            );
            for tag in &ev.tags {
                let next = tag_pos.len() as u32;
                let p = *tag_pos.entry(tag.clone()).or_insert_with(|| {
                    index.tags.push(tag.clone());
                    next
                });
                index.tag_values.push(p);
            }
            index.tag_offsets.push(index.tag_values.len() as u32);
            index.certainty.push(ev.certainty as u8);
            index.provenance.push(ev.provenance as u8);
            index.discrepancy.push(ev.has_discrepancy());
        }
        index
    }

    fn len(&self) -> usize {
        self.text_starts.len()
    }

    fn actors_of(&self, e: usize) -> &[u32] {
        &self.actor_values[self.actor_offsets[e] as usize..self.actor_offsets[e + 1] as usize]
    }

    fn tags_of(&self, e: usize) -> &[u32] {
        &self.tag_values[self.tag_offsets[e] as usize..self.tag_offsets[e + 1] as usize]
    }

    /// The events whose text has `needle` (normalised, with its leading
    /// space) somewhere: one pass over the whole buffer.
    fn events_with(&self, needle: &str) -> Bits {
        let n = self.len();
        let mut bits = Bits::none(n);
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        // Matches come in text order, so the event they fall in only ever
        // moves forward: no search, at most n steps in all.
        let mut e = 0;
        for pos in finder.find_iter(self.text.as_bytes()) {
            while e + 1 < n && self.text_starts[e + 1] <= pos {
                e += 1;
            }
            bits.set(e);
        }
        bits
    }
}

/// How many events each facet value would show, given the rest of the query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacetCounts {
    /// By position in `Timeline::actors`.
    pub actors: Vec<usize>,
    /// By position in `Timeline::categories`.
    pub categories: Vec<usize>,
    /// By position in [`SearchIndex::tags`].
    pub tags: Vec<usize>,
    /// By [`Certainty`] as `usize`.
    pub certainties: [usize; 4],
    /// By [`Provenance`] as `usize`.
    pub provenances: [usize; 2],
    pub discrepancies: usize,
}

/// The outcome of a query.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterResult {
    /// The matching events, in the order of `sorted`.
    pub events: Vec<usize>,
    pub facets: FacetCounts,
}

/// The facets a query can constrain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facet {
    Text,
    Actors,
    Categories,
    Tags,
    Dates,
    Certainty,
    Provenance,
    Discrepancy,
}

/// Runs `query` over the events. `sorted` gives the date order of the
/// result; `extents` are the events' axis extents.
///
/// Facet counts are disjunctive, as in any faceted search: an actor's count
/// is how many events the query would show with that actor added to (or
/// replacing, for "match any") the actor selection, all other parts kept.
pub fn filter(
    timeline: &Timeline,
    index: &SearchIndex,
    extents: &[(f64, f64)],
    sorted: &[usize],
    query: &Query,
) -> FilterResult {
    let n = index.len();
    let mut constraints: Vec<(Facet, Bits)> = Vec::new();

    let terms = parse_terms(&query.text);
    if !terms.is_empty() {
        let mut bits = Bits::all(n);
        for term in &terms {
            let needle = match term {
                Term::Word(w) | Term::Phrase(w) => format!(" {w}"),
            };
            bits.and(&index.events_with(&needle));
        }
        constraints.push((Facet::Text, bits));
    }
    let actor_pos = positions(timeline.actors.iter().map(|a| a.id.as_str()), &query.actors);
    // With a role asked for, an actor counts only where it plays that role.
    let plays = |e: usize, x: u32| {
        query
            .actor_role
            .is_none_or(|role| timeline.events[e].role_of(&timeline.actors[x as usize].id) == role)
    };
    if !query.actors.is_empty() {
        constraints.push((
            Facet::Actors,
            matching(n, |e| {
                let has = index.actors_of(e);
                let in_it = |p: &u32| has.contains(p) && plays(e, *p);
                match query.actor_match {
                    ActorMatch::Any => actor_pos.iter().any(in_it),
                    ActorMatch::All => actor_pos.iter().all(in_it),
                }
            }),
        ));
    }
    let cat_pos = positions(
        timeline.categories.iter().map(|c| c.id.as_str()),
        &query.categories,
    );
    if !query.categories.is_empty() {
        constraints.push((
            Facet::Categories,
            matching(n, |e| cat_pos.contains(&index.category[e])),
        ));
    }
    let tag_pos = positions(index.tags.iter().map(String::as_str), &query.tags);
    if !query.tags.is_empty() {
        constraints.push((
            Facet::Tags,
            matching(n, |e| index.tags_of(e).iter().any(|t| tag_pos.contains(t))),
        ));
    }
    if query.from.is_some() || query.to.is_some() {
        let from = query.from.map_or(f64::NEG_INFINITY, |d| d.axis_days());
        let to = query.to.map_or(f64::INFINITY, |d| d.end_axis_days());
        constraints.push((
            Facet::Dates,
            matching(n, |e| extents[e].1 > from && extents[e].0 < to),
        ));
    }
    if !query.certainties.is_empty() {
        let wanted: Vec<u8> = query.certainties.iter().map(|c| *c as u8).collect();
        constraints.push((
            Facet::Certainty,
            matching(n, |e| wanted.contains(&index.certainty[e])),
        ));
    }
    if !query.provenances.is_empty() {
        let wanted: Vec<u8> = query.provenances.iter().map(|p| *p as u8).collect();
        constraints.push((
            Facet::Provenance,
            matching(n, |e| wanted.contains(&index.provenance[e])),
        ));
    }
    if query.only_discrepancies {
        constraints.push((Facet::Discrepancy, matching(n, |e| index.discrepancy[e])));
    }

    let without = |skip: Option<Facet>| {
        let mut bits = Bits::all(n);
        for (facet, b) in &constraints {
            if Some(*facet) != skip {
                bits.and(b);
            }
        }
        bits
    };
    let all = without(None);
    let events: Vec<usize> = sorted.iter().copied().filter(|&e| all.get(e)).collect();

    // Facet counts: a facet the query constrains is counted over the events
    // that pass everything else; the others over the result.
    let mut facets = FacetCounts {
        actors: vec![0; timeline.actors.len()],
        categories: vec![0; timeline.categories.len()],
        tags: vec![0; index.tags.len()],
        ..FacetCounts::default()
    };
    let constrained = |f: Facet| constraints.iter().any(|(c, _)| *c == f);
    let base_for = |f: Facet| {
        if constrained(f) {
            Some(without(Some(f)))
        } else {
            None
        }
    };
    let count_in = |bits: &Bits, mut add: Box<dyn FnMut(usize) + '_>| {
        for e in 0..n {
            if bits.get(e) {
                add(e);
            }
        }
    };
    // One pass over the result for every unconstrained facet, in storage
    // order (the facet arrays are read front to back).
    {
        let f = &mut facets;
        let (a, c, t, ce, p, d) = (
            !constrained(Facet::Actors),
            !constrained(Facet::Categories),
            !constrained(Facet::Tags),
            !constrained(Facet::Certainty),
            !constrained(Facet::Provenance),
            !constrained(Facet::Discrepancy),
        );
        for e in (0..n).filter(|&e| all.get(e)) {
            if a {
                for &x in index.actors_of(e) {
                    f.actors[x as usize] += 1;
                }
            }
            if c && let Some(slot) = f.categories.get_mut(index.category[e] as usize) {
                *slot += 1;
            }
            if t {
                for &x in index.tags_of(e) {
                    f.tags[x as usize] += 1;
                }
            }
            if ce {
                f.certainties[index.certainty[e] as usize] += 1;
            }
            if p {
                f.provenances[index.provenance[e] as usize] += 1;
            }
            if d && index.discrepancy[e] {
                f.discrepancies += 1;
            }
        }
    }
    if let Some(base) = base_for(Facet::Actors) {
        let counts = &mut facets.actors;
        match query.actor_match {
            // With "all", adding an actor narrows: count events that have it
            // and every selected actor.
            ActorMatch::All => count_in(
                &base,
                Box::new(|e| {
                    let has = index.actors_of(e);
                    if actor_pos.iter().all(|p| has.contains(p) && plays(e, *p)) {
                        for &x in has {
                            if plays(e, x) {
                                counts[x as usize] += 1;
                            }
                        }
                    }
                }),
            ),
            ActorMatch::Any => count_in(
                &base,
                Box::new(|e| {
                    for &x in index.actors_of(e) {
                        if plays(e, x) {
                            counts[x as usize] += 1;
                        }
                    }
                }),
            ),
        }
    }
    if let Some(base) = base_for(Facet::Categories) {
        let counts = &mut facets.categories;
        count_in(
            &base,
            Box::new(|e| {
                if let Some(slot) = counts.get_mut(index.category[e] as usize) {
                    *slot += 1;
                }
            }),
        );
    }
    if let Some(base) = base_for(Facet::Tags) {
        let counts = &mut facets.tags;
        count_in(
            &base,
            Box::new(|e| {
                for &x in index.tags_of(e) {
                    counts[x as usize] += 1;
                }
            }),
        );
    }
    if let Some(base) = base_for(Facet::Certainty) {
        let counts = &mut facets.certainties;
        count_in(
            &base,
            Box::new(|e| counts[index.certainty[e] as usize] += 1),
        );
    }
    if let Some(base) = base_for(Facet::Provenance) {
        let counts = &mut facets.provenances;
        count_in(
            &base,
            Box::new(|e| counts[index.provenance[e] as usize] += 1),
        );
    }
    if let Some(base) = base_for(Facet::Discrepancy) {
        let count = &mut facets.discrepancies;
        count_in(
            &base,
            Box::new(|e| {
                if index.discrepancy[e] {
                    *count += 1;
                }
            }),
        );
    }
    FilterResult { events, facets }
}

/// The positions of `wanted` ids among `ids` (unknown ids are dropped).
fn positions<'a>(ids: impl Iterator<Item = &'a str>, wanted: &[String]) -> Vec<u32> {
    ids.enumerate()
        .filter(|(_, id)| wanted.iter().any(|w| w == id))
        .map(|(i, _)| i as u32)
        .collect()
}

fn matching(n: usize, pred: impl Fn(usize) -> bool) -> Bits {
    let mut bits = Bits::none(n);
    for e in 0..n {
        if pred(e) {
            bits.set(e);
        }
    }
    bits
}

impl Provenance {
    pub const ALL: [Provenance; 2] = [Provenance::Article, Provenance::Context];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_folds_case_diacritics_and_punctuation() {
        assert_eq!(normalize("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(
            normalize("al-Shaibani, (Württemberg)!"),
            "al shaibani wurttemberg"
        );
        assert_eq!(normalize("  ---  "), "");
        assert_eq!(normalize("Ahmad al-Shara'"), "ahmad al shara");
    }

    #[test]
    fn terms_split_words_and_phrases() {
        assert_eq!(
            parse_terms(r#"Putin "Astana talks" Erdoğan"#),
            [
                Term::Word("putin".into()),
                Term::Phrase("astana talks".into()),
                Term::Word("erdogan".into())
            ]
        );
        assert_eq!(parse_terms(r#""single""#), [Term::Word("single".into())]);
        assert_eq!(
            parse_terms(r#"open "quote runs"#),
            [Term::Word("open".into()), Term::Phrase("quote runs".into())]
        );
        assert!(parse_terms("  ").is_empty());
    }

    #[test]
    fn bits_all_has_exactly_n() {
        for n in [0, 1, 63, 64, 65, 130] {
            assert_eq!(Bits::all(n).count(), n);
        }
    }
}
