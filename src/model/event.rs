//! Events, actors, categories and the timeline that holds them.
//!
//! The types are generic over the date type `D` so that the loader can read
//! dates as plain text first (`Timeline<String>`), then check every date and
//! report all problems at once while building a `Timeline<Date>`.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::relation::{Relation, Role};
use super::view::{SavedView, Story};

/// How far an event's occurrence (and its date) can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Certainty {
    /// Established by independent records.
    Confirmed,
    /// Claimed by a source, not independently confirmed.
    Reported,
    /// Disputed: credible sources disagree about it.
    Contested,
    /// It happened, but its date or extent is only approximately known.
    Approximate,
}

impl Certainty {
    pub const ALL: [Certainty; 4] = [
        Certainty::Confirmed,
        Certainty::Reported,
        Certainty::Contested,
        Certainty::Approximate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Certainty::Confirmed => "Confirmed",
            Certainty::Reported => "Reported",
            Certainty::Contested => "Contested",
            Certainty::Approximate => "Approximate",
        }
    }

    /// One sentence for people who have not read the data format.
    pub fn explanation(self) -> &'static str {
        match self {
            Certainty::Confirmed => "Established by independent records.",
            Certainty::Reported => "Claimed by a source but not independently confirmed.",
            Certainty::Contested => "Credible sources disagree about it.",
            Certainty::Approximate => "It happened, but its date or extent is only approximate.",
        }
    }
}

/// Whether the source document reports the event or it was added as context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Provenance {
    /// The source document reports (or clearly implies) it.
    Article,
    /// Not in the source document; added to explain or frame it.
    Context,
}

/// How the interface speaks of the document a timeline analyses: "the
/// article" when the timeline names a source document, neutral words for a
/// file without one (an imported TimelineJS or Markwhen file, a table),
/// whose events are not "in the article" or "not in the article".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wording {
    has_document: bool,
}

impl Wording {
    pub fn new(has_document: bool) -> Self {
        Self { has_document }
    }

    /// The provenance as a label ("In the article", "In the source").
    pub fn provenance(self, p: Provenance) -> &'static str {
        match (self.has_document, p) {
            (true, Provenance::Article) => "In the article",
            (true, Provenance::Context) => "Context (not in the article)",
            (false, Provenance::Article) => "In the source",
            (false, Provenance::Context) => "Added context",
        }
    }

    /// The heading over an event's claim.
    pub fn claim_heading(self, p: Provenance) -> &'static str {
        match (self.has_document, p) {
            (true, Provenance::Article) => "What the article says",
            (false, Provenance::Article) => "What the source says",
            (_, Provenance::Context) => "Why it is here",
        }
    }

    /// "The article and the record differ".
    pub fn differ(self) -> &'static str {
        if self.has_document {
            "The article and the record differ"
        } else {
            "The claim and the record differ"
        }
    }

    /// The legend's short form.
    pub fn differ_short(self) -> &'static str {
        if self.has_document {
            "Article and record differ"
        } else {
            "Claim and record differ"
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorKind {
    State,
    Government,
    Organisation,
    ArmedGroup,
    Person,
}

/// A state, organisation, group or person taking part in events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub kind: ActorKind,
    /// A person's title or office, at the time of the source document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// For a person: the actor (state, government, group) they act for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: String,
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source<D = Date> {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub date: Option<D>,
}

/// The document a timeline was built from (a news article, a report).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument<D = Date> {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub date: Option<D>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

fn none<T>() -> Option<T> {
    None
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event<D = Date> {
    /// Unique, kebab-case.
    pub id: String,
    /// The id as the source wrote it, when that is not `id` (TimelineJS
    /// `unique_id: "Apollo_11"`, Markwhen `!Apollo_11`, a table's
    /// `SYR12345`): shown beside the event and written back by exporters,
    /// so that a round trip keeps it. Unique among the events' ids and ids
    /// as written ([`written_id_problem`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_as_written: Option<String>,
    pub title: String,
    pub start: D,
    /// Present for a period; absent for a point in time.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub end: Option<D>,
    /// Caveats about the date: other dates in use, time zones, phases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    pub certainty: Certainty,
    pub provenance: Provenance,
    /// Actor ids.
    pub actors: Vec<String>,
    /// The roles of actors that are not simply participants (an actor of
    /// `actors` with its [`Role`]: the United States observing the Astana
    /// talks, Russia guaranteeing them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<(String, Role)>,
    /// A category id.
    pub category: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Where, as a point on the map (an ACLED row's latitude and longitude).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    /// What happened, in neutral words.
    pub summary: String,
    /// What the source document says about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Where the claim and the record differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discrepancy: Option<String>,
    pub sources: Vec<Source<D>>,
    /// Numbers the source gives for the event, by name, in the source's
    /// order (`("fatalities", 3.0)`): for counting and charting, never text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub numbers: Vec<(String, f64)>,
    /// How the source writes the date ("Spring 1945"), kept beside the date
    /// itself (TimelineJS's `display_date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    /// The picture, video or page the source shows with the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<Box<Media>>,
    /// The slide's background in the source (TimelineJS).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Box<Background>>,
    /// The source gave the event no title: `title` was made up to show it
    /// ("Event 4") and is not written back as one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub untitled: bool,
}

/// A point on the Earth, in WGS 84 degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coordinates {
    /// -90 to 90, north positive.
    pub lat: f64,
    /// -180 to 180, east positive.
    pub lon: f64,
}

impl Coordinates {
    /// Both numbers finite and in range; else why not.
    pub fn check(self) -> Result<Self, String> {
        if !self.lat.is_finite() || !(-90.0..=90.0).contains(&self.lat) {
            return Err(format!("latitude {} is not between -90 and 90", self.lat));
        }
        if !self.lon.is_finite() || !(-180.0..=180.0).contains(&self.lon) {
            return Err(format!(
                "longitude {} is not between -180 and 180",
                self.lon
            ));
        }
        Ok(self)
    }
}

/// The most bytes an id as written may have.
pub const MAX_WRITTEN_ID_BYTES: usize = 256;

/// Why text cannot be an event's id as written (`None` when it can): the
/// one rule for the RON loader and every importer. Anything but empty, a
/// control character or more than [`MAX_WRITTEN_ID_BYTES`].
pub fn written_id_problem(written: &str) -> Option<String> {
    if written.trim().is_empty() {
        Some("is empty".to_string())
    } else if written.len() > MAX_WRITTEN_ID_BYTES {
        Some(format!(
            "is {} bytes long (at most {MAX_WRITTEN_ID_BYTES})",
            written.len()
        ))
    } else if written.chars().any(char::is_control) {
        Some(format!(
            "{} holds control characters",
            super::quoted(written)
        ))
    } else {
        None
    }
}

/// Why a named number cannot be kept (`None` when it can): the one rule
/// for the RON loader and every importer.
pub fn number_problem(name: &str, value: f64) -> Option<String> {
    if name.trim().is_empty() {
        Some("a number has no name".to_string())
    } else if !value.is_finite() {
        Some(format!("{} is not a finite number", super::quoted(name)))
    } else {
        None
    }
}

/// Why an address cannot be a media or background address (`None` when it
/// can): anything but empty or control characters, a relative path too.
pub fn address_problem(url: &str) -> Option<String> {
    if url.trim().is_empty() {
        Some("is empty".to_string())
    } else if url.chars().any(char::is_control) {
        Some(format!("{} holds control characters", super::quoted(url)))
    } else {
        None
    }
}

/// A picture, video or page shown with an event, as the source gives it:
/// the address is kept whatever it is (a relative path included); what the
/// window may open is decided when it is shown ([`crate::io::media_link`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Media {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// Alternative text for people who cannot see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// A slide's background: a picture, a colour, or both.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Background {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// A named background period (an era band on the axis).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Era<D = Date> {
    pub title: String,
    pub start: D,
    pub end: D,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline<D = Date> {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub source_document: Option<SourceDocument<D>>,
    #[serde(default)]
    pub actors: Vec<Actor>,
    #[serde(default)]
    pub categories: Vec<Category>,
    /// Background periods drawn behind the events.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<Era<D>>,
    /// Prepared views shipped with the data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<SavedView>,
    /// Stories to present, step by step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stories: Vec<Story>,
    pub events: Vec<Event<D>>,
    /// How actors stood to each other over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation<D>>,
}

/// "publisher, date" of a source or a document: who and when, either may
/// be missing (`None` when both are).
fn byline(who: Option<&String>, when: Option<&Date>) -> Option<String> {
    let parts: Vec<String> = who
        .cloned()
        .into_iter()
        .chain(when.map(Date::display))
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

impl Source {
    /// Its publisher and date, "Reuters, 8 December 2024".
    pub fn byline(&self) -> Option<String> {
        byline(self.publisher.as_ref(), self.date.as_ref())
    }
}

impl SourceDocument<Date> {
    /// Its outlet and date, "The Jerusalem Post, 15 October 2025".
    pub fn byline(&self) -> Option<String> {
        byline(self.outlet.as_ref(), self.date.as_ref())
    }
}

impl<D> Timeline<D> {
    /// How the interface speaks of this timeline's source (see [`Wording`]).
    pub fn wording(&self) -> Wording {
        Wording::new(self.source_document.is_some())
    }
}

impl<D> Event<D> {
    /// The role `actor` plays in the event (`Participant` unless said).
    pub fn role_of(&self, actor: &str) -> Role {
        self.roles
            .iter()
            .find(|(a, _)| a == actor)
            .map_or(Role::Participant, |(_, r)| *r)
    }
}

impl Event<Date> {
    pub fn is_period(&self) -> bool {
        self.end.is_some()
    }

    /// Axis position where the event starts (days since 1970-01-01).
    pub fn start_days(&self) -> f64 {
        self.start.axis_days()
    }

    /// Axis position where the event ends: the end of its end date's
    /// precision interval, or of its start date's for a point event.
    pub fn end_days(&self) -> f64 {
        self.end.as_ref().unwrap_or(&self.start).end_axis_days()
    }

    /// "30 September 2015" or "23 January 2017 – 24 January 2017".
    pub fn date_display(&self) -> String {
        match &self.end {
            None => self.start.display(),
            Some(end) => format!("{} – {}", self.start.display(), end.display()),
        }
    }

    pub fn has_discrepancy(&self) -> bool {
        self.discrepancy.is_some()
    }
}

impl Timeline<Date> {
    /// A plain-text citation of event `index` for the clipboard: everything
    /// the detail panel shows (when, at what precision, the date note, how
    /// certain, the actors, what happened, what the source says, where it
    /// and the record differ, every source with its link) and the source
    /// document the timeline analyses.
    pub fn citation(&self, index: usize) -> String {
        let e = &self.events[index];
        let words = self.wording();
        let mut lines = vec![format!("{} ({})", e.title, e.date_display())];
        let precision = match &e.end {
            Some(end) if end.precision() != e.start.precision() => {
                format!("{} to {}", e.start.precision(), end.precision())
            }
            _ => e.start.precision().to_string(),
        };
        lines.push(format!("Known to the {precision}."));
        if let Some(note) = &e.date_note {
            lines.push(format!("About the date: {note}"));
        }
        lines.push(format!(
            "Certainty: {} ({}). {}.",
            e.certainty.label(),
            e.certainty.explanation(),
            words.provenance(e.provenance)
        ));
        if !e.actors.is_empty() {
            let names: Vec<&str> = e.actors.iter().map(|a| self.actor_name(a)).collect();
            lines.push(format!("Actors: {}.", names.join(", ")));
        }
        if let Some(location) = &e.location {
            lines.push(format!("Location: {location}."));
        }
        if !e.summary.is_empty() {
            lines.push(format!("Summary: {}", e.summary));
        }
        if let Some(claim) = &e.claim {
            lines.push(format!("{}: {claim}", words.claim_heading(e.provenance)));
        }
        if let Some(d) = &e.discrepancy {
            lines.push(format!(
                "Discrepancy ({}): {d}",
                words.differ().to_lowercase()
            ));
        }
        lines.push("Sources:".into());
        for src in &e.sources {
            let mut line = format!("- {}", src.title);
            if let Some(by) = src.byline() {
                line.push_str(&format!(" ({by})"));
            }
            if let Some(url) = &src.url {
                line.push_str(&format!(" {url}"));
            }
            lines.push(line);
        }
        let mut from = format!("From the timeline \"{}\" (event {})", self.title, e.id);
        if let Some(doc) = &self.source_document {
            from.push_str(&format!(", an analysis of \"{}\"", doc.title));
            if let Some(by) = doc.byline() {
                from.push_str(&format!(" ({by})"));
            }
            if let Some(url) = &doc.url {
                from.push_str(&format!(" {url}"));
            }
        }
        from.push('.');
        lines.push(from);
        lines.join("\n")
    }

    /// A timeline with just these parts (no source document, actors, views
    /// or stories), as importers and generators make them.
    pub fn with_parts(
        title: String,
        description: String,
        categories: Vec<Category>,
        eras: Vec<Era>,
        events: Vec<Event>,
    ) -> Self {
        Self {
            relations: Vec::new(),
            title,
            description,
            source_document: None,
            actors: Vec::new(),
            categories,
            eras,
            views: Vec::new(),
            stories: Vec::new(),
            events,
        }
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.id == id)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Display name of an actor id (the id itself if unknown).
    pub fn actor_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.actor(id).map_or(id, |a| a.name.as_str())
    }

    /// The earliest start and the latest end, if there are events.
    pub fn extent(&self) -> Option<(&Date, &Date)> {
        let first = self.events.iter().map(|e| &e.start).min()?;
        let last = self
            .events
            .iter()
            .map(|e| e.end.as_ref().unwrap_or(&e.start))
            .max()?;
        Some((first, last))
    }
}
