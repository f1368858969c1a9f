//! Fonts installed on the system, found as eframe finds its fallbacks for
//! other scripts (fontique): a bold face for titles, which egui's bundled
//! fonts lack. Nothing is bundled; without a system bold face titles stay
//! in the regular face.

use std::sync::Arc;

use fontique::{
    Attributes, Collection, CollectionOptions, FontStyle, FontWeight, FontWidth, GenericFamily,
    QueryFamily, QueryStatus, SourceCache, SourceCacheOptions,
};

/// A face of a font file on the system, shared without copying it.
#[derive(Clone)]
pub struct SystemFace {
    /// "system-bold:DejaVu Sans" (unique among the window's fonts).
    pub name: String,
    pub data: Arc<dyn AsRef<[u8]> + Send + Sync>,
    /// Which face of the file (for collections, `.ttc`).
    pub index: u32,
}

impl std::fmt::Debug for SystemFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemFace")
            .field("name", &self.name)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

/// The system's bold sans-serif face with Latin letters: a face drawn
/// bold, not one the renderer would have to embolden or a variable font at
/// another weight. Enumerates the system fonts: call it off the UI thread.
pub fn bold_sans() -> Option<SystemFace> {
    let mut collection = Collection::new(CollectionOptions {
        shared: false,
        system_fonts: true,
    });
    let mut cache = SourceCache::new(SourceCacheOptions::default());
    let mut query = collection.query(&mut cache);
    query.set_families(
        [
            GenericFamily::UiSansSerif,
            GenericFamily::SansSerif,
            GenericFamily::SystemUi,
        ]
        .map(QueryFamily::Generic),
    );
    query.set_attributes(Attributes::new(
        FontWidth::NORMAL,
        FontStyle::Normal,
        FontWeight::BOLD,
    ));
    let mut found = None;
    query.matches_with(|font| {
        let drawn_bold =
            !font.synthesis.embolden() && font.synthesis.variation_settings().is_empty();
        if drawn_bold && has_latin(font) {
            found = Some(font.clone());
            QueryStatus::Stop
        } else {
            QueryStatus::Continue
        }
    });
    drop(query);
    let font = found?;
    let family = collection.family_name(font.family.0).unwrap_or("unknown");
    let name = format!("system-bold:{family}:{}", font.index);
    let (data, _) = font.blob.into_raw_parts();
    Some(SystemFace {
        name,
        data,
        index: font.index,
    })
}

/// Whether the face has the letters of a title in Latin script.
fn has_latin(font: &fontique::QueryFont) -> bool {
    font.charmap().is_some_and(|charmap| {
        "AZaz09"
            .chars()
            .all(|c| charmap.map(c).is_some_and(|g| g != 0))
    })
}
