//! Time-axis ticks that adapt to the zoom level. Pure: no egui types, so the
//! tick choice is tested without pixels.

use crate::model::{DAYS_PER_YEAR, Date, MONTH_NAMES, Precision, year_display};

/// One tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    pub days: f64,
    pub label: String,
}

/// The spacing between ticks.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Step {
    Minutes(u32),
    Days(u32),
    Months(u32),
    Years(i64),
}

impl Step {
    fn nominal_days(self) -> f64 {
        match self {
            Step::Minutes(m) => f64::from(m) / 1440.0,
            Step::Days(d) => f64::from(d),
            Step::Months(m) => f64::from(m) * DAYS_PER_YEAR / 12.0,
            Step::Years(y) => y as f64 * DAYS_PER_YEAR,
        }
    }
}

impl Step {
    /// The next coarser step.
    fn coarser(self) -> Step {
        match self {
            Step::Minutes(m) => match m {
                1 => Step::Minutes(5),
                5 => Step::Minutes(15),
                15 => Step::Minutes(30),
                30 => Step::Minutes(60),
                60 => Step::Minutes(180),
                180 => Step::Minutes(360),
                360 => Step::Minutes(720),
                _ => Step::Days(1),
            },
            Step::Days(d) => match d {
                1 => Step::Days(2),
                2 => Step::Days(5),
                5 => Step::Days(10),
                _ => Step::Months(1),
            },
            Step::Months(m) => match m {
                1 => Step::Months(3),
                3 => Step::Months(6),
                _ => Step::Years(1),
            },
            Step::Years(y) => {
                let magnitude = 10_i64.pow(y.max(1).ilog10());
                let lead = y / magnitude;
                Step::Years(match lead {
                    1 => 2 * magnitude,
                    2 => 5 * magnitude,
                    _ => magnitude.saturating_mul(10),
                })
            }
        }
    }

    /// The step of the minor ticks between major ticks of this step.
    fn minor(self) -> Option<Step> {
        Some(match self {
            Step::Minutes(1) => return None,
            Step::Minutes(m) if m % 5 == 0 && m >= 15 => Step::Minutes(m / 3),
            Step::Minutes(5) => Step::Minutes(1),
            Step::Minutes(m) => Step::Minutes((m / 2).max(1)),
            Step::Days(1) => Step::Minutes(360),
            Step::Days(_) => Step::Days(1),
            Step::Months(1) => Step::Days(1),
            Step::Months(_) => Step::Months(1),
            Step::Years(1) => Step::Months(1),
            Step::Years(y) if y % 5 == 0 && y >= 10 => Step::Years(y / 5),
            Step::Years(5) => Step::Years(1),
            Step::Years(y) => Step::Years((y / 2).max(1)),
        })
    }
}

/// The largest step: beyond this, ticks would be further apart than the
/// age of the universe.
const MAX_STEP_YEARS: i64 = 1_000_000_000_000;

/// Ticks for the window `[from_days, to_days]` drawn `width_pt` wide:
/// aligned to calendar units, at least `min_spacing_pt` apart, and far
/// enough apart that no two labels (as measured by `label_pt`) overlap.
pub fn ticks(
    from_days: f64,
    to_days: f64,
    width_pt: f64,
    min_spacing_pt: f64,
    label_pt: &dyn Fn(&str) -> f32,
) -> Vec<Tick> {
    let span = to_days - from_days;
    if !(span > 0.0 && width_pt > 0.0 && from_days.is_finite() && to_days.is_finite()) {
        return Vec::new();
    }
    let px_per_day = width_pt / span;
    let mut step = Step::Minutes(1);
    while step.nominal_days() * px_per_day < min_spacing_pt
        && !matches!(step, Step::Years(y) if y >= MAX_STEP_YEARS)
    {
        step = step.coarser();
    }
    let limit = (width_pt / min_spacing_pt).ceil() as usize + 3;
    loop {
        let t = ticks_for_step(step, from_days, to_days, limit, true);
        let spacing_pt = step.nominal_days()
            * px_per_day
            * if matches!(step, Step::Months(_)) {
                28.0 / 30.44
            } else {
                1.0
            };
        let widest = t
            .iter()
            .map(|t| f64::from(label_pt(&t.label)))
            .fold(0.0, f64::max);
        if widest <= spacing_pt || matches!(step, Step::Years(y) if y >= MAX_STEP_YEARS) {
            return t;
        }
        step = step.coarser();
    }
}

/// Unlabelled minor tick positions between the major `ticks`, at least
/// 6 px apart; empty when they would be denser than that.
pub fn minor_ticks(from_days: f64, to_days: f64, width_pt: f64, major: &[Tick]) -> Vec<f64> {
    let (Some(a), Some(b)) = (major.first(), major.get(1)) else {
        return Vec::new();
    };
    let span = to_days - from_days;
    if span.is_nan() || span <= 0.0 {
        return Vec::new();
    }
    // Recover the major step from the spacing of the first two ticks.
    let gap_days = b.days - a.days;
    let mut step = Step::Minutes(1);
    while step.nominal_days() < gap_days * 0.8
        && !matches!(step, Step::Years(y) if y >= MAX_STEP_YEARS)
    {
        step = step.coarser();
    }
    let Some(minor) = step.minor() else {
        return Vec::new();
    };
    if minor.nominal_days() * width_pt / span < 6.0 {
        return Vec::new();
    }
    let limit = (width_pt / 6.0) as usize + 3;
    ticks_for_step(minor, from_days, to_days, limit, false)
        .into_iter()
        .map(|t| t.days)
        .filter(|d| !major.iter().any(|m| (m.days - d).abs() < 1e-9))
        .collect()
}

/// Ticks at every multiple of `step` within the window, at most `limit`.
fn ticks_for_step(
    step: Step,
    from_days: f64,
    to_days: f64,
    limit: usize,
    labels: bool,
) -> Vec<Tick> {
    let mut out = Vec::new();
    match step {
        Step::Years(n) => {
            let first = Date::from_axis_days(from_days, Precision::Year)
                .map_or(-crate::model::MAX_ABS_YEAR, |d| d.year_value());
            let mut k = first.div_euclid(n);
            while out.len() < limit {
                let year = if k == 0 { 1 } else { k.saturating_mul(n) };
                k += 1;
                let Ok(date) = Date::year(year) else { break };
                let days = date.axis_days();
                if days > to_days {
                    break;
                }
                if days >= from_days {
                    let label = if labels {
                        year_display(year)
                    } else {
                        String::new()
                    };
                    out.push(Tick { days, label });
                }
            }
        }
        Step::Months(n) => {
            let Some(first) = Date::from_axis_days(from_days, Precision::Month) else {
                return out;
            };
            let n = n as u8;
            let (mut year, mut month) = (first.year_value(), first.month().unwrap_or(1));
            month = 1 + ((month - 1) / n) * n;
            while out.len() < limit {
                let Ok(date) = Date::ym(year, month) else {
                    break;
                };
                let days = date.axis_days();
                if days > to_days {
                    break;
                }
                if days >= from_days {
                    let label = match (labels, month) {
                        (false, _) => String::new(),
                        (true, 1) => year_display(year),
                        (true, m) => format!(
                            "{} {}",
                            &MONTH_NAMES[usize::from(m - 1)][..3],
                            year_display(year)
                        ),
                    };
                    out.push(Tick { days, label });
                }
                month += n;
                if month > 12 {
                    month -= 12;
                    year += if year == -1 { 2 } else { 1 };
                }
            }
        }
        Step::Days(_) | Step::Minutes(_) => {
            let step_days = step.nominal_days();
            let mut k = (from_days / step_days).ceil();
            while out.len() < limit {
                // Multiply rather than accumulate, so ticks stay exact.
                let days = k * step_days;
                k += 1.0;
                if days > to_days {
                    break;
                }
                let label = if !labels {
                    Some(String::new())
                } else if days.fract() == 0.0 {
                    Date::from_axis_days(days, Precision::Day).map(|d| {
                        let month = &MONTH_NAMES[usize::from(d.month().unwrap_or(1) - 1)][..3];
                        format!(
                            "{} {month} {}",
                            d.day().unwrap_or(1),
                            year_display(d.year_value())
                        )
                    })
                } else {
                    Date::from_axis_days(days + 1e-9, Precision::Minute)
                        .and_then(|d| d.time().map(|t| format!("{:02}:{:02}", t.hour, t.minute)))
                };
                if let Some(label) = label {
                    out.push(Tick { days, label });
                }
            }
        }
    }
    out
}

/// The date the ticks leave out at hour and minute zoom (they read
/// "14:00", "14:30"): the day or days the window shows, as the major row of
/// vis-timeline does. `None` when the ticks carry their dates.
pub fn context_label(from_days: f64, to_days: f64) -> Option<String> {
    let span = to_days - from_days;
    if span.is_nan() || span >= 2.0 {
        return None;
    }
    let first = Date::from_axis_days(from_days.floor() + 0.5, Precision::Day)?;
    let last = Date::from_axis_days((to_days - 1e-9).floor() + 0.5, Precision::Day)?;
    Some(if first == last {
        first.display()
    } else {
        format!("{} – {}", first.display(), last.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hour_zoom_names_the_day_the_ticks_leave_out() {
        let day = d("2025-10-15");
        assert_eq!(
            context_label(day + 0.25, day + 0.5).as_deref(),
            Some("15 October 2025")
        );
        assert_eq!(
            context_label(day + 0.75, day + 1.25).as_deref(),
            Some("15 October 2025 – 16 October 2025")
        );
        // Ticks at day zoom and wider carry their dates.
        assert_eq!(context_label(day, day + 30.0), None);
        assert_eq!(context_label(f64::NAN, 1.0), None);
        // BCE and deep time do not panic.
        let _ = context_label(-1e12, -1e12 + 0.5);
    }

    fn px7(s: &str) -> f32 {
        s.chars().count() as f32 * 7.0
    }

    fn d(s: &str) -> f64 {
        s.parse::<Date>().unwrap().axis_days()
    }

    #[test]
    fn decade_view_ticks_years() {
        let t = ticks(d("2014"), d("2026"), 1200.0, 80.0, &px7);
        let labels: Vec<&str> = t.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023",
                "2024", "2025", "2026"
            ]
        );
    }

    #[test]
    fn two_centuries_tick_in_round_years() {
        let t = ticks(d("1800"), d("2030"), 1000.0, 80.0, &px7);
        assert!(t.len() >= 5 && t.len() <= 13, "{t:?}");
        for tick in &t {
            let year: i64 = tick.label.parse().unwrap();
            assert_eq!(year % 20, 0, "{t:?}");
        }
    }

    #[test]
    fn month_and_day_views() {
        let t = ticks(d("2025-01"), d("2025-12-31"), 1200.0, 80.0, &px7);
        assert_eq!(t[0].label, "2025");
        assert_eq!(t[1].label, "Feb 2025");
        let t = ticks(d("2025-10-10"), d("2025-10-20"), 1000.0, 80.0, &px7);
        assert_eq!(t[0].label, "10 Oct 2025");
        assert_eq!(t.len(), 11);
        let t = ticks(
            d("2025-10-15T09:00"),
            d("2025-10-15T12:00"),
            600.0,
            80.0,
            &px7,
        );
        assert!(t.iter().any(|t| t.label == "10:00"), "{t:?}");
    }

    #[test]
    fn deep_time_and_bce() {
        let t = ticks(d("-13800000000"), d("2025"), 1000.0, 100.0, &px7);
        assert!(!t.is_empty());
        assert!(
            t.iter().all(|t| t.label.contains("years ago")
                || t.label.chars().all(|c| c.is_ascii_digit() || c == ',')),
            "{t:?}"
        );
        let t = ticks(d("-500"), d("500"), 1000.0, 80.0, &px7);
        assert!(t.iter().any(|t| t.label == "300 BCE"), "{t:?}");
        assert!(
            t.iter().all(|t| t.label != "0" && t.label != "0 BCE"),
            "{t:?}"
        );
    }

    #[test]
    fn ticks_are_spaced_and_bounded() {
        for (from, to) in [
            ("1814", "2025"),
            ("2015-09-29", "2015-10-01"),
            ("-5000000", "1"),
        ] {
            let (a, b) = (d(from), d(to));
            let t = ticks(a, b, 800.0, 70.0, &px7);
            assert!(t.len() <= 800 / 70 + 3);
            for pair in t.windows(2) {
                let gap_pt = (pair[1].days - pair[0].days) / (b - a) * 800.0;
                assert!(gap_pt >= 50.0, "{from}..{to}: {t:?}");
            }
        }
    }

    #[test]
    fn labels_never_overlap_at_any_scale() {
        let width = 1400.0;
        let mut span = 5.0 / 1440.0;
        let centre = d("2025-10-15T12:00");
        while span < 4e13 {
            for centre in [centre, d("-300"), d("-5000000")] {
                let (a, b) = (centre - span / 2.0, centre + span / 2.0);
                let t = ticks(a, b, width, 80.0, &px7);
                assert!(!t.is_empty() || span > 1e13, "no ticks for span {span}");
                for pair in t.windows(2) {
                    let gap_pt = (pair[1].days - pair[0].days) / (b - a) * width;
                    assert!(
                        f64::from(px7(&pair[0].label)) <= gap_pt + 0.5,
                        "{:?} {:?} at span {span}",
                        pair[0],
                        pair[1]
                    );
                }
                let minor = minor_ticks(a, b, width, &t);
                assert!(minor.len() <= (width / 6.0) as usize + 3);
                for m in &minor {
                    assert!(*m >= a && *m <= b);
                }
            }
            span *= 3.7;
        }
    }

    #[test]
    fn minor_ticks_subdivide_majors() {
        let t = ticks(d("2000"), d("2030"), 1200.0, 80.0, &px7);
        let minor = minor_ticks(d("2000"), d("2030"), 1200.0, &t);
        // Major every 5 years, minor every year in between.
        assert!(t[1].days - t[0].days > 4.0 * 365.0);
        assert!(
            minor.iter().any(|&m| (m - d("2001")).abs() < 1e-9),
            "{minor:?}"
        );
        assert!(!minor.iter().any(|&m| t.iter().any(|t| t.days == m)));
    }
}
