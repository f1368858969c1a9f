//! Text in every script and really bold titles, from the system's fonts
//! (nothing large is bundled). CI installs a CJK font and DejaVu and sets
//! TIMELINE_EXPLORER_SYSTEM_FONTS, so that there every check must hold; on
//! a machine without such fonts the script checks say what to install.

use std::sync::Arc;

use egui::{FontFamily, FontId};
use timeline_explorer::io::system_fonts;
use timeline_explorer::ui::theme;

/// A context after one pass, with eframe's system font fallback or without.
fn context(system_fallback: bool) -> egui::Context {
    let ctx = egui::Context::default();
    ctx.set_fonts(theme::fonts_with_bold_family());
    if system_fallback {
        ctx.add_font_provider(Arc::new(
            egui_system_font_provider::SystemFontProvider::new(),
        ));
    }
    pass(&ctx);
    ctx
}

/// One pass; its texture changes are dropped (nothing draws them).
fn pass(ctx: &egui::Context) {
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
}

fn has_glyphs(ctx: &egui::Context, family: FontFamily, text: &str) -> bool {
    ctx.fonts_mut(|f| f.has_glyphs(&FontId::new(14.0, family), text))
}

const TITLES: [(&str, &str, &str); 4] = [
    ("Chinese", "沙拉访问莫斯科", "fonts-wqy-microhei"),
    (
        "Japanese",
        "シャラア大統領がモスクワを訪問",
        "fonts-wqy-microhei",
    ),
    ("Arabic", "الشرع يزور موسكو", "fonts-dejavu-core"),
    ("Cyrillic", "Шараа посетил Москву", "(egui's own font)"),
];

#[test]
fn titles_in_chinese_japanese_arabic_and_cyrillic_get_real_glyphs() {
    let required = std::env::var_os("TIMELINE_EXPLORER_SYSTEM_FONTS").is_some();
    let ctx = context(true);
    for family in [
        FontFamily::Proportional,
        FontFamily::Name(theme::BOLD_FAMILY.into()),
    ] {
        for (script, title, package) in TITLES {
            let found = has_glyphs(&ctx, family.clone(), title);
            if script == "Cyrillic" || required {
                assert!(found, "no glyphs for a {script} title in {family:?}");
            } else if !found {
                eprintln!("no system font for {script} here: install {package}");
            }
        }
    }
    // Without the system's fonts, egui's own have no CJK or Arabic: the
    // check above can fail.
    let bare = context(false);
    assert!(!has_glyphs(&bare, FontFamily::Proportional, TITLES[0].1));
    assert!(!has_glyphs(&bare, FontFamily::Proportional, TITLES[2].1));
}

#[test]
fn titles_are_drawn_in_a_bold_face_when_the_system_has_one() {
    let required = std::env::var_os("TIMELINE_EXPLORER_SYSTEM_FONTS").is_some();
    let Some(face) = system_fonts::bold_sans() else {
        assert!(!required, "no bold sans-serif face on this machine");
        eprintln!("no bold system font here: install fonts-dejavu-core");
        return;
    };
    let ctx = context(false);
    let bold = FontFamily::Name(theme::BOLD_FAMILY.into());
    let regular_width = ctx.fonts_mut(|f| f.glyph_width(&FontId::new(20.0, bold.clone()), 'M'));
    ctx.add_font(theme::bold_face_insert(face.clone()));
    pass(&ctx);
    let owner = ctx.fonts_mut(|f| f.characters(&bold).get(&'M').cloned());
    assert_eq!(
        owner.as_ref().and_then(|names| names.first()),
        Some(&face.name),
        "the bold face comes first in the titles' family"
    );
    // A bold face is wider than egui's light one.
    let bold_width = ctx.fonts_mut(|f| f.glyph_width(&FontId::new(20.0, bold.clone()), 'M'));
    assert!(bold_width > regular_width, "{bold_width} > {regular_width}");
    // The regular text keeps its face.
    let regular_owner =
        ctx.fonts_mut(|f| f.characters(&FontFamily::Proportional).get(&'M').cloned());
    assert_ne!(
        regular_owner.and_then(|n| n.first().cloned()),
        Some(face.name)
    );
}
