//! The shared style ([`crate::layout::style`]) as egui colours, converted
//! once per mode, not per frame.

use std::sync::LazyLock;

use egui::{Color32, Visuals};

use crate::layout::style::{self, Rgba};

/// The canvas palette in egui colours.
pub type Palette = style::Palette<Color32>;

pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

static DARK: LazyLock<Palette> = LazyLock::new(|| style::Palette::DARK.map(color));
static LIGHT: LazyLock<Palette> = LazyLock::new(|| style::Palette::LIGHT.map(color));

/// The palette for the visuals' mode.
pub fn palette(visuals: &Visuals) -> &'static Palette {
    if visuals.dark_mode { &DARK } else { &LIGHT }
}

pub fn category_color(index: usize) -> Color32 {
    color(style::category_color(index))
}

pub fn actor_color(index: usize) -> Color32 {
    color(style::actor_color(index))
}

/// The font family of titles drawn really bold (a system bold face first,
/// then the regular fallbacks); see [`fonts_with_bold_family`].
pub const BOLD_FAMILY: &str = "bold";

/// The family for bold titles: [`BOLD_FAMILY`] once the window installed
/// it, else the regular one (a panel drawn alone, in a test).
pub fn bold_family(ctx: &egui::Context) -> egui::FontFamily {
    let bold = egui::FontFamily::Name(BOLD_FAMILY.into());
    if ctx.fonts(|f| f.definitions().families.contains_key(&bold)) {
        bold
    } else {
        egui::FontFamily::Proportional
    }
}

/// egui's fonts plus [`BOLD_FAMILY`], for now the regular fonts; the bold
/// face joins it when found ([`bold_face_insert`]).
pub fn fonts_with_bold_family() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let regular = fonts
        .families
        .get(&egui::FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    fonts
        .families
        .insert(egui::FontFamily::Name(BOLD_FAMILY.into()), regular);
    fonts
}

/// A system bold face put first in [`BOLD_FAMILY`].
pub fn bold_face_insert(face: crate::io::system_fonts::SystemFace) -> egui::FontInsert {
    egui::FontInsert::new(
        &face.name,
        egui::FontData::from_blob(face.data, face.index),
        vec![egui::epaint::text::InsertFontFamily {
            family: egui::FontFamily::Name(BOLD_FAMILY.into()),
            priority: egui::epaint::text::FontPriority::Highest,
        }],
    )
}
