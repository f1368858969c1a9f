//! The data model: dates, events, actors, timelines. No UI code here.

mod date;
mod date_entry;
mod draft;
pub mod edit;
mod event;
mod relation;
mod text;
mod view;

pub use date::{
    DAYS_PER_YEAR, Date, DateError, MAX_ABS_YEAR, MONTH_NAMES, Precision, TimeOfDay,
    duration_display, group_thousands, today, year_display,
};
pub use date_entry::{EntryError, parse_entry};
pub use event::{
    Actor, ActorKind, Background, Category, Certainty, Coordinates, Era, Event,
    MAX_WRITTEN_ID_BYTES, Media, Provenance, Source, SourceDocument, Timeline, Wording,
    address_problem, number_problem, written_id_problem,
};
pub use relation::{Confidence, Relation, RelationKind, Role};
pub use text::{QUOTE_CHARS, is_kebab_case, normalize, quoted, quoted_list, shortened, slug};
pub use view::{ActorMatch, Grouping, Query, SavedView, Story, StoryStep};
