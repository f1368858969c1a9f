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
