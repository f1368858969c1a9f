//! The visual style shared by the canvas and the printed handout: the
//! palette of each light/dark mode, category and actor colours, and how a
//! mark shows its certainty. Plain colours ([`Rgba`]); the window converts
//! them to egui's, the handout writes them as hex.

use crate::model::Certainty;

use super::canvas::MarkKind;

/// An sRGB colour with straight (unmultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b, a: 255 }
    }

    pub const fn gray(l: u8) -> Self {
        Self::rgb(l, l, l)
    }

    pub const fn with_alpha(r: u8, g: u8, b: u8, a: u8) -> Self {
        Self { r, g, b, a }
    }

    /// `#rrggbb` (alpha left out: SVG takes it as an opacity).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// The opacity, 0 to 1.
    pub fn opacity(self) -> f32 {
        f32::from(self.a) / 255.0
    }

    /// The same colour with its opacity multiplied by `factor` (0 to 1).
    pub fn faded(self, factor: f32) -> Self {
        let a = (f32::from(self.a) * factor.clamp(0.0, 1.0)).round() as u8;
        Self { a, ..self }
    }

    /// Mixed toward `other` by `t` (0 keeps `self`, 1 gives `other`).
    pub fn mixed(self, other: Rgba, t: f32) -> Self {
        let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
        Self::with_alpha(
            mix(self.r, other.r),
            mix(self.g, other.g),
            mix(self.b, other.b),
            self.a,
        )
    }

    /// Relative luminance (WCAG 2), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// The WCAG contrast ratio between two opaque colours (1 to 21).
    pub fn contrast(self, other: Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// Colours for one light/dark mode, used by the canvas and the handout.
/// Generic over the colour type, so that the window keeps a converted copy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette<C = Rgba> {
    pub canvas_bg: C,
    pub axis_line: C,
    pub grid_line: C,
    pub tick_text: C,
    pub label_text: C,
    pub selection: C,
    pub hover: C,
    pub discrepancy: C,
    pub discrepancy_bg: C,
    pub error_bg: C,
    pub error_text: C,
    pub grid_minor: C,
    pub axis_bg: C,
    pub lane_alt: C,
    pub lane_header_bg: C,
    pub lane_header_text: C,
    pub era_a: C,
    pub era_b: C,
    pub era_text: C,
    pub cluster: C,
    pub cluster_text: C,
    pub minimap_bg: C,
    pub minimap_bar: C,
    pub minimap_window: C,
    pub legend_bg: C,
    /// A break in the axis (a long stretch without events, drawn narrower).
    pub break_bg: C,
    pub break_line: C,
}

impl Palette {
    pub const DARK: Palette = Palette {
        canvas_bg: Rgba::rgb(24, 26, 30),
        axis_line: Rgba::gray(150),
        grid_line: Rgba::gray(48),
        tick_text: Rgba::gray(185),
        label_text: Rgba::gray(225),
        selection: Rgba::rgb(255, 200, 60),
        hover: Rgba::gray(255),
        discrepancy: Rgba::rgb(255, 140, 60),
        discrepancy_bg: Rgba::rgb(70, 42, 18),
        error_bg: Rgba::rgb(90, 24, 24),
        error_text: Rgba::rgb(255, 215, 215),
        grid_minor: Rgba::gray(36),
        axis_bg: Rgba::rgb(30, 32, 37),
        lane_alt: Rgba::with_alpha(255, 255, 255, 6),
        lane_header_bg: Rgba::with_alpha(40, 44, 52, 230),
        lane_header_text: Rgba::gray(200),
        era_a: Rgba::with_alpha(120, 140, 200, 18),
        era_b: Rgba::with_alpha(200, 160, 120, 18),
        era_text: Rgba::gray(140),
        cluster: Rgba::rgb(120, 130, 150),
        cluster_text: Rgba::gray(15),
        minimap_bg: Rgba::rgb(34, 36, 42),
        minimap_bar: Rgba::rgb(110, 125, 150),
        minimap_window: Rgba::with_alpha(255, 200, 60, 40),
        legend_bg: Rgba::with_alpha(30, 32, 38, 235),
        break_bg: Rgba::rgb(16, 17, 20),
        break_line: Rgba::gray(120),
    };

    pub const LIGHT: Palette = Palette {
        canvas_bg: Rgba::rgb(250, 250, 248),
        axis_line: Rgba::gray(90),
        grid_line: Rgba::gray(222),
        tick_text: Rgba::gray(70),
        label_text: Rgba::gray(25),
        selection: Rgba::rgb(214, 120, 0),
        hover: Rgba::gray(0),
        discrepancy: Rgba::rgb(200, 80, 0),
        discrepancy_bg: Rgba::rgb(255, 236, 214),
        error_bg: Rgba::rgb(255, 226, 226),
        error_text: Rgba::rgb(120, 0, 0),
        grid_minor: Rgba::gray(236),
        axis_bg: Rgba::rgb(242, 242, 238),
        lane_alt: Rgba::with_alpha(0, 0, 0, 8),
        lane_header_bg: Rgba::with_alpha(235, 236, 240, 235),
        lane_header_text: Rgba::gray(50),
        era_a: Rgba::with_alpha(90, 110, 190, 22),
        era_b: Rgba::with_alpha(190, 140, 80, 22),
        era_text: Rgba::gray(110),
        cluster: Rgba::rgb(120, 128, 145),
        cluster_text: Rgba::gray(250),
        minimap_bg: Rgba::rgb(232, 232, 228),
        minimap_bar: Rgba::rgb(120, 135, 160),
        minimap_window: Rgba::with_alpha(214, 120, 0, 40),
        legend_bg: Rgba::with_alpha(252, 252, 250, 240),
        break_bg: Rgba::gray(228),
        break_line: Rgba::gray(120),
    };

    /// The same palette in another colour type.
    pub fn map<D>(&self, f: impl Fn(Rgba) -> D) -> Palette<D> {
        Palette {
            canvas_bg: f(self.canvas_bg),
            axis_line: f(self.axis_line),
            grid_line: f(self.grid_line),
            tick_text: f(self.tick_text),
            label_text: f(self.label_text),
            selection: f(self.selection),
            hover: f(self.hover),
            discrepancy: f(self.discrepancy),
            discrepancy_bg: f(self.discrepancy_bg),
            error_bg: f(self.error_bg),
            error_text: f(self.error_text),
            grid_minor: f(self.grid_minor),
            axis_bg: f(self.axis_bg),
            lane_alt: f(self.lane_alt),
            lane_header_bg: f(self.lane_header_bg),
            lane_header_text: f(self.lane_header_text),
            era_a: f(self.era_a),
            era_b: f(self.era_b),
            era_text: f(self.era_text),
            cluster: f(self.cluster),
            cluster_text: f(self.cluster_text),
            minimap_bg: f(self.minimap_bg),
            minimap_bar: f(self.minimap_bar),
            minimap_window: f(self.minimap_window),
            legend_bg: f(self.legend_bg),
            break_bg: f(self.break_bg),
            break_line: f(self.break_line),
        }
    }
}

/// The Okabe–Ito colours (distinct for colour-blind viewers), black left out.
const OKABE_ITO: [Rgba; 7] = [
    Rgba::rgb(0, 114, 178),   // blue
    Rgba::rgb(213, 94, 0),    // vermillion
    Rgba::rgb(0, 158, 115),   // bluish green
    Rgba::rgb(204, 121, 167), // reddish purple
    Rgba::rgb(86, 180, 233),  // sky blue
    Rgba::rgb(230, 159, 0),   // orange
    Rgba::rgb(240, 228, 66),  // yellow
];

/// Category colours, chosen by the category's position in the timeline's
/// list.
pub fn category_color(index: usize) -> Rgba {
    OKABE_ITO[index % OKABE_ITO.len()]
}

/// Relation kinds on a diverging scale, allied (blue) to hostile (red):
/// ColorBrewer's RdYlBu in five classes, which colour-blind viewers can
/// tell apart and which reads in order in grey.
pub fn relation_color(kind: crate::model::RelationKind) -> Rgba {
    use crate::model::RelationKind::*;
    match kind {
        Allied => Rgba::rgb(44, 123, 182),
        Cooperating => Rgba::rgb(171, 217, 233),
        Neutral => Rgba::rgb(255, 255, 191),
        Strained => Rgba::rgb(253, 174, 97),
        Hostile => Rgba::rgb(215, 25, 28),
    }
}

/// Text written on a band of `kind`: black or white, whichever reads.
pub fn relation_text_color(kind: crate::model::RelationKind) -> Rgba {
    let bg = relation_color(kind);
    let (black, white) = (Rgba::rgb(0, 0, 0), Rgba::rgb(255, 255, 255));
    if bg.contrast(black) >= bg.contrast(white) {
        black
    } else {
        white
    }
}

/// A colour key for actor `index` (its position in the timeline's list):
/// the Okabe–Ito colours, then the same hues darker, then lighter.
pub fn actor_color(index: usize) -> Rgba {
    let base = category_color(index % 7);
    match (index / 7) % 3 {
        0 => base,
        1 => base.mixed(Rgba::rgb(0, 0, 0), 0.4),
        _ => base.mixed(Rgba::rgb(255, 255, 255), 0.3),
    }
}

/// A dashed outline: its width and the dash and gap lengths, in points.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dashed {
    pub width_pt: f32,
    pub dash_pt: f32,
    pub gap_pt: f32,
}

/// How one mark is drawn: the fill's opacity (of the category colour) and,
/// for reported or contested events, a dashed outline. Fuzzy points (a date
/// known to the year or month) also get a denser core band.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MarkStyle {
    pub fill_opacity: f32,
    /// The opacity of the core of a fuzzy point's band.
    pub core_opacity: Option<f32>,
    pub outline: Option<Dashed>,
}

/// Whether events of this certainty are drawn hollow with a dashed outline
/// instead of filled.
pub fn is_uncertain(certainty: Certainty) -> bool {
    matches!(certainty, Certainty::Reported | Certainty::Contested)
}

/// The opacity of an approximate event's fill: faded, not hollow.
pub const APPROXIMATE_OPACITY: f32 = 0.55;
/// The fill of a hollow (reported or contested) mark.
pub const HOLLOW_OPACITY: f32 = 0.2;

/// The one definition of how certainty shows, for the canvas and the handout.
pub fn mark_style(kind: MarkKind, certainty: Certainty) -> MarkStyle {
    let uncertain = is_uncertain(certainty);
    let faded = if certainty == Certainty::Approximate {
        APPROXIMATE_OPACITY
    } else {
        1.0
    };
    match kind {
        MarkKind::Point => MarkStyle {
            fill_opacity: if uncertain { HOLLOW_OPACITY } else { faded },
            core_opacity: None,
            outline: uncertain.then_some(Dashed {
                width_pt: 1.8,
                dash_pt: 2.5,
                gap_pt: 2.0,
            }),
        },
        MarkKind::FuzzyPoint => MarkStyle {
            fill_opacity: 0.25,
            core_opacity: Some(0.35),
            outline: uncertain.then_some(Dashed {
                width_pt: 1.2,
                dash_pt: 4.0,
                gap_pt: 3.0,
            }),
        },
        MarkKind::Period => MarkStyle {
            fill_opacity: if uncertain { HOLLOW_OPACITY } else { faded },
            core_opacity: None,
            outline: uncertain.then_some(Dashed {
                width_pt: 1.5,
                dash_pt: 4.0,
                gap_pt: 3.0,
            }),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to_linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// Deuteranopia (Machado, Oliveira & Fernandes 2009, severity 1.0),
    /// in linear RGB.
    fn deuteranopia(rgb: [f64; 3]) -> [f64; 3] {
        const M: [[f64; 3]; 3] = [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ];
        let mut out = [0.0; 3];
        for (i, row) in M.iter().enumerate() {
            out[i] = (row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2]).clamp(0.0, 1.0);
        }
        out
    }

    /// CIE L*a*b* (D65) of a linear RGB colour.
    fn lab(rgb: [f64; 3]) -> [f64; 3] {
        let x = 0.4124 * rgb[0] + 0.3576 * rgb[1] + 0.1805 * rgb[2];
        let y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
        let z = 0.0193 * rgb[0] + 0.1192 * rgb[1] + 0.9505 * rgb[2];
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x / 0.95047), f(y), f(z / 1.08883));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }

    fn delta_e(a: [f64; 3], b: [f64; 3]) -> f64 {
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// A colour as a deuteranope sees it, in L*a*b*.
    fn seen(c: Rgba) -> [f64; 3] {
        lab(deuteranopia([
            to_linear(c.r),
            to_linear(c.g),
            to_linear(c.b),
        ]))
    }

    /// The smallest ΔE between any two colours, and which pair it is.
    fn closest_pair(colours: &[Rgba]) -> (f64, usize, usize) {
        let seen: Vec<[f64; 3]> = colours.iter().map(|&c| seen(c)).collect();
        let mut worst = (f64::MAX, 0, 0);
        for i in 0..seen.len() {
            for j in i + 1..seen.len() {
                let d = delta_e(seen[i], seen[j]);
                if d < worst.0 {
                    worst = (d, i, j);
                }
            }
        }
        worst
    }

    /// The category colours (what the canvas colours events by) stay
    /// distinct for deuteranopes: every pair at least ΔE 15 apart, as seen.
    #[test]
    fn category_colours_stay_distinct_under_deuteranopia() {
        let colours: Vec<Rgba> = (0..7).map(category_color).collect();
        let (d, i, j) = closest_pair(&colours);
        assert!(d >= 15.0, "colours {i} and {j}: ΔE {d:.1}");
    }

    /// The check itself can fail: two colours a deuteranope confuses (red
    /// and green of equal lightness) are caught.
    #[test]
    fn the_deuteranopia_check_catches_red_and_green() {
        let (d, _, _) = closest_pair(&[Rgba::rgb(200, 80, 60), Rgba::rgb(120, 120, 40)]);
        assert!(d < 15.0, "ΔE {d:.1}");
    }

    /// Actor colour keys as a deuteranope sees them: the first seven are the
    /// category colours; with more actors, hues repeat darker and lighter,
    /// and every pair of the first 21 still differs by at least ΔE 8.
    #[test]
    fn actor_colours_stay_apart_under_deuteranopia() {
        for i in 0..7 {
            assert_eq!(actor_color(i), category_color(i));
        }
        let colours: Vec<Rgba> = (0..21).map(actor_color).collect();
        let (d, i, j) = closest_pair(&colours);
        assert!(d >= 8.0, "actor colours {i} and {j}: ΔE {d:.1}");
    }

    /// The relation kinds stay apart for deuteranopes, their text reads on
    /// them, and they keep their order in lightness from the middle out
    /// (neutral lightest), so a grey print still tells the ends from it.
    #[test]
    fn relation_colours_stay_apart_readable_and_ordered() {
        use crate::model::RelationKind;
        let colours: Vec<Rgba> = RelationKind::ALL
            .iter()
            .map(|&k| relation_color(k))
            .collect();
        let (d, i, j) = closest_pair(&colours);
        assert!(d >= 15.0, "kinds {i} and {j}: ΔE {d:.1}");
        for k in RelationKind::ALL {
            assert!(
                relation_text_color(k).contrast(relation_color(k)) >= 4.5,
                "{k:?}"
            );
        }
        let lightness: Vec<f64> = colours.iter().map(|&c| seen(c)[0]).collect();
        assert!(
            lightness[2] > lightness[1] && lightness[1] > lightness[0],
            "{lightness:?}"
        );
        assert!(
            lightness[2] > lightness[3] && lightness[3] > lightness[4],
            "{lightness:?}"
        );
    }

    #[test]
    fn certainty_shows_the_same_way_for_every_mark_kind() {
        for kind in [MarkKind::Point, MarkKind::FuzzyPoint, MarkKind::Period] {
            assert!(mark_style(kind, Certainty::Reported).outline.is_some());
            assert!(mark_style(kind, Certainty::Contested).outline.is_some());
            assert!(mark_style(kind, Certainty::Confirmed).outline.is_none());
            assert!(mark_style(kind, Certainty::Approximate).outline.is_none());
        }
        assert_eq!(
            mark_style(MarkKind::Point, Certainty::Approximate).fill_opacity,
            APPROXIMATE_OPACITY
        );
        assert_eq!(
            mark_style(MarkKind::Period, Certainty::Confirmed).fill_opacity,
            1.0
        );
    }

    #[test]
    fn text_on_the_canvas_is_readable_in_both_modes() {
        for p in [Palette::LIGHT, Palette::DARK] {
            assert!(p.label_text.contrast(p.canvas_bg) >= 7.0);
            assert!(p.tick_text.contrast(p.axis_bg) >= 4.5);
            assert!(p.error_text.contrast(p.error_bg) >= 4.5);
        }
        assert_eq!(Rgba::rgb(0, 114, 178).hex(), "#0072b2");
        assert!((Rgba::gray(0).contrast(Rgba::gray(255)) - 21.0).abs() < 0.01);
    }
}
