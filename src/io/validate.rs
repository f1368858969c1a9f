//! Semantic checks: turns a timeline read with text dates into a checked
//! `Timeline<Date>`, collecting every problem instead of stopping at the first.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::model::{
    Background, Coordinates, Date, Era, Event, Media, Relation, Source, SourceDocument, Timeline,
    address_problem, number_problem, quoted,
};

/// One thing wrong with a timeline, located by event (or actor, category)
/// id and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What the problem belongs to: `event "astana-talks"`, `actor "russia"`,
    /// `the timeline`.
    pub location: String,
    /// The field, for example `end` or `sources[1].date`.
    pub field: String,
    pub message: String,
    /// Where in the file: the field's line and column (1-based), or the
    /// item's when the field is missing; `None` without the text.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field's path in the file (`events[3].sources[1].date`).
    pub path: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "line {line}, column {column}: ")?,
            (Some(line), None) => write!(f, "line {line}: ")?,
            _ => {}
        }
        write!(
            f,
            "{}, field `{}`: {}",
            self.location, self.field, self.message
        )
    }
}

pub use crate::model::is_kebab_case;

struct Checker {
    problems: Vec<Problem>,
    /// The path of the item being checked (`events[3]`), empty for the
    /// timeline's own fields.
    item: String,
}

impl Checker {
    /// Reports a problem of the item being checked.
    fn report(&mut self, location: &str, field: &str, message: impl Into<String>) {
        let path = if self.item.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.item)
        };
        self.problems.push(Problem {
            location: location.to_string(),
            field: field.to_string(),
            message: message.into(),
            line: None,
            column: None,
            path,
        });
    }

    /// Gives every problem the line and column of its field (or of what
    /// holds it), in one pass over the text.
    fn locate(&mut self, text: &str) {
        let wanted: HashSet<String> = self
            .problems
            .iter()
            .flat_map(|p| super::ron_positions::ancestors(&p.path))
            .collect();
        let found = super::ron_positions::locate(text, &wanted);
        for p in &mut self.problems {
            if let Some(&(line, column)) = super::ron_positions::ancestors(&p.path)
                .iter()
                .find_map(|a| found.get(a))
            {
                p.line = Some(line);
                p.column = Some(column);
            }
        }
    }

    /// An id must be kebab-case.
    fn kebab_id(&mut self, location: &str, id: &str) {
        if !is_kebab_case(id) {
            self.report(
                location,
                "id",
                "must be kebab-case (lowercase words joined by hyphens)",
            );
        }
    }

    /// A period's end must come after its start.
    fn end_after_start(&mut self, location: &str, start: &Date, end: &Date) {
        if end.end_axis_days() <= start.axis_days() {
            self.report(
                location,
                "end",
                format!(
                    "ends ({}) before it starts ({})",
                    end.to_iso(),
                    start.to_iso()
                ),
            );
        }
    }

    fn date(&mut self, location: &str, field: &str, text: String) -> Option<Date> {
        match text.parse::<Date>() {
            Ok(d) => Some(d),
            Err(e) => {
                self.report(location, field, format!("{}: {e}", quoted(&text)));
                None
            }
        }
    }

    /// Coordinates in range, named finite numbers, addresses that are
    /// addresses (the rules importers follow too).
    fn extras(
        &mut self,
        location: &str,
        coordinates: &Option<Coordinates>,
        numbers: &[(String, f64)],
        media: &Option<Box<Media>>,
        background: &Option<Box<Background>>,
    ) {
        if let Some(Err(e)) = coordinates.map(Coordinates::check) {
            self.report(location, "coordinates", e);
        }
        let mut names = HashSet::new();
        for (i, (name, value)) in numbers.iter().enumerate() {
            if let Some(e) = number_problem(name, *value) {
                self.report(location, &format!("numbers[{i}]"), e);
            } else if !names.insert(name.as_str()) {
                self.report(
                    location,
                    &format!("numbers[{i}]"),
                    format!("{} is given twice", quoted(name)),
                );
            }
        }
        let addresses = media
            .iter()
            .flat_map(|m| {
                [
                    ("media.url", Some(&m.url)),
                    ("media.thumbnail", m.thumbnail.as_ref()),
                ]
            })
            .chain(
                background
                    .iter()
                    .map(|b| ("background.url", b.url.as_ref())),
            );
        for (field, url) in addresses {
            if let Some(e) = url.and_then(|u| address_problem(u)) {
                self.report(location, field, e);
            }
        }
    }

    fn sources(&mut self, location: &str, what: &str, sources: Vec<Source<String>>) -> Vec<Source> {
        if sources.is_empty() {
            self.report(
                location,
                "sources",
                format!("{what} needs at least one source"),
            );
        }
        sources
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                if s.title.trim().is_empty() {
                    self.report(location, &format!("sources[{i}].title"), "is empty");
                }
                if let Some(url) = &s.url
                    && !super::links::is_web_url(url)
                {
                    self.report(
                        location,
                        &format!("sources[{i}].url"),
                        format!("{} is not an http(s) address", quoted(url)),
                    );
                }
                let date = s
                    .date
                    .and_then(|d| self.date(location, &format!("sources[{i}].date"), d));
                Source {
                    title: s.title,
                    publisher: s.publisher,
                    url: s.url,
                    date,
                }
            })
            .collect()
    }
}

/// Checks everything and returns the timeline with parsed dates, or every
/// problem found. `source_text`, when given, lets problems carry line numbers.
pub fn validate(
    raw: Timeline<String>,
    source_text: Option<&str>,
) -> Result<Timeline<Date>, Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
        item: String::new(),
    };
    if raw.title.trim().is_empty() {
        c.report("the timeline", "title", "is empty");
    }

    let mut actor_ids = HashSet::new();
    for (i, actor) in raw.actors.iter().enumerate() {
        let loc = format!("actor {}", quoted(&actor.id));
        c.item = format!("actors[{i}]");
        c.kebab_id(&loc, &actor.id);
        if !actor_ids.insert(actor.id.as_str()) {
            c.report(&loc, "id", "is used by another actor");
        }
        if actor.name.trim().is_empty() {
            c.report(&loc, "name", "is empty");
        }
    }
    for (i, actor) in raw.actors.iter().enumerate() {
        c.item = format!("actors[{i}]");
        if let Some(aff) = &actor.affiliation
            && !actor_ids.contains(aff.as_str())
        {
            let loc = format!("actor {}", quoted(&actor.id));
            c.report(
                &loc,
                "affiliation",
                format!("unknown actor {}", quoted(aff)),
            );
        }
    }

    let mut category_ids = HashSet::new();
    for (i, cat) in raw.categories.iter().enumerate() {
        let loc = format!("category {}", quoted(&cat.id));
        c.item = format!("categories[{i}]");
        c.kebab_id(&loc, &cat.id);
        if !category_ids.insert(cat.id.as_str()) {
            c.report(&loc, "id", "is used by another category");
        }
    }

    c.item.clear();
    let source_document = raw.source_document.map(|doc| SourceDocument {
        date: doc
            .date
            .and_then(|d| c.date("the timeline", "source_document.date", d)),
        title: doc.title,
        outlet: doc.outlet,
        url: doc.url,
    });

    let mut eras = Vec::with_capacity(raw.eras.len());
    for (i, era) in raw.eras.into_iter().enumerate() {
        let loc = format!("era {} {}", i + 1, quoted(&era.title));
        c.item = format!("eras[{i}]");
        if era.title.trim().is_empty() {
            c.report(&loc, "title", "is empty");
        }
        let start = c.date(&loc, "start", era.start);
        let end = c.date(&loc, "end", era.end);
        if let (Some(start), Some(end)) = (start, end) {
            c.end_after_start(&loc, &start, &end);
            eras.push(Era {
                title: era.title,
                start,
                end,
            });
        }
    }

    let mut event_ids: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::with_capacity(raw.events.len());
    // Ids as written, checked against every event's id once all are known.
    let mut written_ids: Vec<(usize, String, String)> = Vec::new();
    for (i, ev) in raw.events.into_iter().enumerate() {
        let loc = format!("event {}", quoted(&ev.id));
        c.item = format!("events[{i}]");
        let seen = event_ids.entry(ev.id.clone()).or_insert(0);
        let duplicate = *seen > 0;
        *seen += 1;
        c.kebab_id(&loc, &ev.id);
        if duplicate {
            c.report(&loc, "id", "is used by another event");
        }
        if let Some(written) = &ev.id_as_written {
            match crate::model::written_id_problem(written) {
                Some(problem) => c.report(&loc, "id_as_written", problem),
                None => written_ids.push((i, loc.clone(), written.clone())),
            }
        }
        if ev.title.trim().is_empty() {
            c.report(&loc, "title", "is empty");
        }
        for actor in &ev.actors {
            if !actor_ids.contains(actor.as_str()) {
                c.report(&loc, "actors", format!("unknown actor {}", quoted(actor)));
            }
        }
        if !category_ids.contains(ev.category.as_str()) {
            c.report(
                &loc,
                "category",
                format!("unknown category {}", quoted(&ev.category)),
            );
        }
        let start = c.date(&loc, "start", ev.start);
        let end = ev.end.map(|e| c.date(&loc, "end", e));
        if let (Some(s), Some(Some(e))) = (&start, &end) {
            c.end_after_start(&loc, s, e);
        }
        for (k, (actor, role)) in ev.roles.iter().enumerate() {
            if !ev.actors.contains(actor) {
                c.report(
                    &loc,
                    &format!("roles[{k}]"),
                    format!(
                        "{} is given the role {} but is not one of the event's actors",
                        quoted(actor),
                        role.label()
                    ),
                );
            }
        }
        let sources = c.sources(&loc, "an event", ev.sources);
        c.extras(
            &loc,
            &ev.coordinates,
            &ev.numbers,
            &ev.media,
            &ev.background,
        );
        let (Some(start), end) = (start, end) else {
            continue;
        };
        let Some(end) = end.map_or(Some(None), |e| e.map(Some)) else {
            continue;
        };
        events.push(Event {
            id: ev.id,
            title: ev.title,
            start,
            end,
            date_note: ev.date_note,
            certainty: ev.certainty,
            provenance: ev.provenance,
            actors: ev.actors,
            roles: ev.roles,
            category: ev.category,
            tags: ev.tags,
            location: ev.location,
            summary: ev.summary,
            claim: ev.claim,
            discrepancy: ev.discrepancy,
            sources,
            coordinates: ev.coordinates,
            numbers: ev.numbers,
            display_date: ev.display_date,
            media: ev.media,
            background: ev.background,
            untitled: ev.untitled,
            id_as_written: ev.id_as_written,
        });
    }
    let mut written_seen = HashSet::new();
    for (i, loc, written) in &written_ids {
        c.item = format!("events[{i}]");
        if event_ids.contains_key(written) {
            c.report(
                loc,
                "id_as_written",
                format!("{} is an event's id: leave it out", quoted(written)),
            );
        } else if !written_seen.insert(written.as_str()) {
            c.report(
                loc,
                "id_as_written",
                format!("{} is another event's id as written", quoted(written)),
            );
        }
    }

    for (i, view) in raw.views.iter().enumerate() {
        let loc = format!("view {} {}", i + 1, quoted(&view.name));
        c.item = format!("views[{i}]");
        if view.name.trim().is_empty() {
            c.report(&loc, "name", "is empty");
        }
        for actor in &view.query.actors {
            if !actor_ids.contains(actor.as_str()) {
                c.report(
                    &loc,
                    "query.actors",
                    format!("unknown actor {}", quoted(actor)),
                );
            }
        }
        for cat in &view.query.categories {
            if !category_ids.contains(cat.as_str()) {
                c.report(
                    &loc,
                    "query.categories",
                    format!("unknown category {}", quoted(cat)),
                );
            }
        }
        if let Some(id) = &view.selected
            && !event_ids.contains_key(id)
        {
            c.report(&loc, "selected", format!("unknown event {}", quoted(id)));
        }
        if view.from.is_some() != view.to.is_some() {
            c.report(&loc, "from", "give both `from` and `to`, or neither");
        }
    }

    for (i, story) in raw.stories.iter().enumerate() {
        let loc = format!("story {} {}", i + 1, quoted(&story.name));
        c.item = format!("stories[{i}]");
        if story.name.trim().is_empty() {
            c.report(&loc, "name", "is empty");
        }
        if story.steps.is_empty() {
            c.report(&loc, "steps", "a story needs at least one step");
        }
        for (k, step) in story.steps.iter().enumerate() {
            if !event_ids.contains_key(&step.event) {
                c.report(
                    &loc,
                    &format!("steps[{k}].event"),
                    format!("unknown event {}", quoted(&step.event)),
                );
            }
        }
    }

    let relations = relations(&mut c, raw.relations, &actor_ids, &event_ids);

    if c.problems.is_empty() {
        return Ok(Timeline {
            relations,
            title: raw.title,
            description: raw.description,
            source_document,
            actors: raw.actors,
            categories: raw.categories,
            eras,
            views: raw.views,
            stories: raw.stories,
            events,
        });
    }
    if let Some(text) = source_text {
        c.locate(text);
    }
    Err(c.problems)
}

/// Checks the relations: ids, actors, marking events, dates, sources, and
/// that no two periods of one pair overlap.
fn relations(
    c: &mut Checker,
    raw: Vec<Relation<String>>,
    actor_ids: &HashSet<&str>,
    event_ids: &HashMap<String, usize>,
) -> Vec<Relation> {
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(raw.len());
    // Which raw item each checked relation came from, for the overlaps.
    let mut items = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let loc = format!("relation {}", quoted(&r.id));
        c.item = format!("relations[{i}]");
        c.kebab_id(&loc, &r.id);
        if !ids.insert(r.id.clone()) {
            c.report(&loc, "id", "is used by another relation");
        }
        for actor in [&r.actors.0, &r.actors.1] {
            if !actor_ids.contains(actor.as_str()) {
                c.report(&loc, "actors", format!("unknown actor {}", quoted(actor)));
            }
        }
        if r.actors.0 == r.actors.1 {
            c.report(&loc, "actors", "a relation is between two different actors");
        }
        for (field, marks) in [
            ("start_events", &r.start_events),
            ("end_events", &r.end_events),
        ] {
            for (k, id) in marks.iter().enumerate() {
                if !event_ids.contains_key(id) {
                    c.report(
                        &loc,
                        &format!("{field}[{k}]"),
                        format!("unknown event {}", quoted(id)),
                    );
                }
            }
        }
        if r.summary.trim().is_empty() {
            c.report(&loc, "summary", "is empty");
        }
        let start = c.date(&loc, "start", r.start);
        let end = r.end.map(|e| c.date(&loc, "end", e));
        if let (Some(s), Some(Some(e))) = (&start, &end) {
            c.end_after_start(&loc, s, e);
        }
        let sources = c.sources(&loc, "a relation", r.sources);
        let (Some(start), end) = (start, end) else {
            continue;
        };
        let Some(end) = end.map_or(Some(None), |e| e.map(Some)) else {
            continue;
        };
        items.push(i);
        out.push(Relation {
            id: r.id,
            actors: r.actors,
            kind: r.kind,
            qualifier: r.qualifier,
            start,
            end,
            date_note: r.date_note,
            confidence: r.confidence,
            provenance: r.provenance,
            summary: r.summary,
            claim: r.claim,
            discrepancy: r.discrepancy,
            start_events: r.start_events,
            end_events: r.end_events,
            sources,
        });
    }
    // Periods of one pair, in order of start: each must end before the
    // next starts (sharing the day or year of the change is fine).
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        out[a]
            .pair_key()
            .cmp(&out[b].pair_key())
            .then(out[a].start_days().total_cmp(&out[b].start_days()))
    });
    for w in order.windows(2) {
        let (a, b) = (&out[w[0]], &out[w[1]]);
        if a.pair_key() != b.pair_key() {
            continue;
        }
        let overlaps = a
            .end
            .as_ref()
            .is_none_or(|e| b.start.axis_days() < e.axis_days());
        if overlaps {
            c.item = format!("relations[{}]", items[w[1]]);
            let until = a.end.as_ref().map_or_else(
                || "is still open".to_string(),
                |e| format!("runs to {}", e.to_iso()),
            );
            c.report(
                &format!("relation {}", quoted(&b.id)),
                "start",
                format!(
                    "starts ({}) while {} of the same pair {until}",
                    b.start.to_iso(),
                    quoted(&a.id)
                ),
            );
        }
    }
    c.item.clear();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_case() {
        assert!(is_kebab_case("astana-talks-2017"));
        assert!(is_kebab_case("a"));
        for bad in ["", "Astana", "a--b", "-a", "a-", "a_b", "a b", "é"] {
            assert!(!is_kebab_case(bad), "{bad:?}");
        }
    }
}
