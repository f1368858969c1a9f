//! Ids made unique within a file, and the categories made from group
//! names: shared by every importer.

use std::collections::{HashMap, HashSet};

use crate::model::{Category, is_kebab_case, slug};

/// Ids in use, handing out new ones made unique with -2, -3… suffixes.
/// Each base remembers the next suffix to try, so that many items with the
/// same title cost O(1) each, not O(items).
#[derive(Clone, Debug, Default)]
pub struct IdSet {
    taken: HashSet<String, FastHash>,
    next: FastMap<String, usize>,
}

/// A hasher for maps of ids and names built from a whole file (not
/// denial-of-service resistant: their keys are the user's own file,
/// and a slow hash is what made imports slow).
pub type FastHash = foldhash::fast::RandomState;
pub type FastMap<K, V> = HashMap<K, V, FastHash>;

impl IdSet {
    pub fn new(existing: impl IntoIterator<Item = String>) -> Self {
        Self {
            taken: existing.into_iter().collect(),
            next: FastMap::default(),
        }
    }

    /// An empty set with room for `n` ids.
    pub fn with_capacity(n: usize) -> Self {
        Self {
            taken: HashSet::with_capacity_and_hasher(n, FastHash::default()),
            next: FastMap::default(),
        }
    }

    /// `base` if it is free, else the first free `base-N`; now taken.
    pub fn claim(&mut self, base: String) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(2);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

impl IdSet {
    /// `id` is free again (an event that named its own id after it was
    /// given one from its text).
    pub fn release(&mut self, id: &str) {
        self.taken.remove(id);
    }
}

/// What an importer read as an event's id, beside the id it was given:
/// the id as written when it differs and can be kept
/// ([`crate::model::written_id_problem`]), else why not.
pub fn written_id(given: &str, id: &str) -> Result<Option<String>, String> {
    if given == id || given.is_empty() {
        return Ok(None);
    }
    match crate::model::written_id_problem(given) {
        Some(problem) => Err(problem),
        None => Ok(Some(given.to_string())),
    }
}

/// Keeps each event's id as written only where it names that event alone:
/// not another event's id, not an earlier event's id as written (the RON
/// loader's rule). Returns the events whose id as written was dropped,
/// with it.
pub fn keep_written_ids(events: &mut [crate::model::Event]) -> Vec<(usize, String)> {
    if events.iter().all(|e| e.id_as_written.is_none()) {
        return Vec::new();
    }
    let ids: HashSet<&str, FastHash> = events.iter().map(|e| e.id.as_str()).collect();
    let mut seen: HashSet<String, FastHash> = HashSet::default();
    let mut dropped = Vec::new();
    let mut keep = vec![true; events.len()];
    for (i, e) in events.iter().enumerate() {
        if let Some(w) = &e.id_as_written
            && (ids.contains(w.as_str()) || !seen.insert(w.clone()))
        {
            keep[i] = false;
        }
    }
    for (i, e) in events.iter_mut().enumerate() {
        if !keep[i] {
            dropped.push((i, e.id_as_written.take().unwrap_or_default()));
        }
    }
    dropped
}

/// Makes `id` unique among `taken` with -2, -3… suffixes.
pub fn unique_id(id: String, taken: &mut IdSet) -> String {
    taken.claim(id)
}

/// The name of the category of events that have no group.
pub const NO_GROUP_NAME: &str = "Events";

/// Whether `id` is the category of events without a group ("Events",
/// `event`): written back as no group, so that it stays `event`.
pub fn is_no_group(category: &crate::model::Category) -> bool {
    category.id == "event" && category.name == NO_GROUP_NAME
}

/// Categories made from group names (TimelineJS groups, CSV categories),
/// in order of first use, with ids stable across re-imports. No name means
/// "Events".
#[derive(Clone, Debug, Default)]
pub struct Groups {
    pub categories: Vec<Category>,
    by_name: FastMap<String, String>,
    ids: IdSet,
}

impl Groups {
    /// Turns a group name into its category's id, in place (a table of
    /// a million rows makes no new string for it).
    pub fn name_to_id(&mut self, group: &mut String) {
        match self.by_name.get(group.as_str()) {
            Some(id) => group.clone_from(id),
            None => *group = self.id_for(group),
        }
    }

    /// The category id for a group name, making the category on first use.
    pub fn id_for(&mut self, group: &str) -> String {
        let no_group = group.trim().is_empty() || group.trim() == NO_GROUP_NAME;
        let name = if no_group {
            NO_GROUP_NAME
        } else {
            group.trim()
        };
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let (name, base) = if no_group {
            (NO_GROUP_NAME.to_string(), "event".to_string())
        } else {
            (name.to_string(), slug(group))
        };
        let base = if is_kebab_case(&base) {
            base
        } else {
            "group".to_string()
        };
        let id = self.ids.claim(base);
        self.categories.push(Category {
            id: id.clone(),
            name: name.clone(),
        });
        self.by_name.insert(name, id.clone());
        id
    }
}
