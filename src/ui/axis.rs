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

/// The finest step whose ticks are at least `min_spacing_px` apart.
fn choose_step(px_per_day: f64, min_spacing_px: f64) -> Step {
    let fine = [
        Step::Minutes(1),
        Step::Minutes(5),
        Step::Minutes(15),
        Step::Minutes(30),
        Step::Minutes(60),
        Step::Minutes(180),
        Step::Minutes(360),
        Step::Minutes(720),
        Step::Days(1),
        Step::Days(2),
        Step::Days(5),
        Step::Days(10),
        Step::Months(1),
        Step::Months(3),
        Step::Months(6),
    ];
    if let Some(step) = fine
        .iter()
        .find(|s| s.nominal_days() * px_per_day >= min_spacing_px)
    {
        return *step;
    }
    let mut magnitude: i64 = 1;
    loop {
        for m in [1, 2, 5] {
            let years = magnitude.saturating_mul(m);
            if Step::Years(years).nominal_days() * px_per_day >= min_spacing_px
                || years >= 1_000_000_000_000
            {
                return Step::Years(years);
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// Ticks for the window `[from_days, to_days]` drawn `width_px` wide, at
/// least `min_spacing_px` apart, aligned to calendar units.
pub fn ticks(from_days: f64, to_days: f64, width_px: f64, min_spacing_px: f64) -> Vec<Tick> {
    let span = to_days - from_days;
    if !(span > 0.0 && width_px > 0.0 && from_days.is_finite() && to_days.is_finite()) {
        return Vec::new();
    }
    let step = choose_step(width_px / span, min_spacing_px);
    let limit = (width_px / min_spacing_px).ceil() as usize + 3;
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
                    out.push(Tick {
                        days,
                        label: year_display(year),
                    });
                }
            }
        }
        Step::Months(n) => {
            let Some(first) = Date::from_axis_days(from_days, Precision::Month) else {
                return out;
            };
            let (mut year, mut month) = (first.year_value(), first.month().unwrap_or(1));
            month = 1 + ((month - 1) / n as u8) * n as u8;
            while out.len() < limit {
                let Ok(date) = Date::ym(year, month) else {
                    break;
                };
                let days = date.axis_days();
                if days > to_days {
                    break;
                }
                if days >= from_days {
                    let label = if month == 1 {
                        year_display(year)
                    } else {
                        format!(
                            "{} {}",
                            &MONTH_NAMES[usize::from(month - 1)][..3],
                            year_display(year)
                        )
                    };
                    out.push(Tick { days, label });
                }
                month += n as u8;
                if month > 12 {
                    month -= 12;
                    year += if year == -1 { 2 } else { 1 };
                }
            }
        }
        Step::Days(_) | Step::Minutes(_) => {
            let step_days = step.nominal_days();
            let mut days = (from_days / step_days).ceil() * step_days;
            while days <= to_days && out.len() < limit {
                let label = if days.fract() == 0.0 {
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
                days += step_days;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> f64 {
        s.parse::<Date>().unwrap().axis_days()
    }

    #[test]
    fn decade_view_ticks_years() {
        let t = ticks(d("2014"), d("2026"), 1200.0, 80.0);
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
        let t = ticks(d("1800"), d("2030"), 1000.0, 80.0);
        assert!(t.len() >= 5 && t.len() <= 13, "{t:?}");
        for tick in &t {
            let year: i64 = tick.label.parse().unwrap();
            assert_eq!(year % 20, 0, "{t:?}");
        }
    }

    #[test]
    fn month_and_day_views() {
        let t = ticks(d("2025-01"), d("2025-12-31"), 1200.0, 80.0);
        assert_eq!(t[0].label, "2025");
        assert_eq!(t[1].label, "Feb 2025");
        let t = ticks(d("2025-10-10"), d("2025-10-20"), 1000.0, 80.0);
        assert_eq!(t[0].label, "10 Oct 2025");
        assert_eq!(t.len(), 11);
        let t = ticks(d("2025-10-15T09:00"), d("2025-10-15T12:00"), 600.0, 80.0);
        assert!(t.iter().any(|t| t.label == "10:00"), "{t:?}");
    }

    #[test]
    fn deep_time_and_bce() {
        let t = ticks(d("-13800000000"), d("2025"), 1000.0, 100.0);
        assert!(!t.is_empty());
        assert!(
            t.iter().all(|t| t.label.contains("years ago")
                || t.label.chars().all(|c| c.is_ascii_digit() || c == ',')),
            "{t:?}"
        );
        let t = ticks(d("-500"), d("500"), 1000.0, 80.0);
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
            let t = ticks(a, b, 800.0, 70.0);
            assert!(t.len() <= 800 / 70 + 3);
            for pair in t.windows(2) {
                let gap_px = (pair[1].days - pair[0].days) / (b - a) * 800.0;
                assert!(gap_px >= 50.0, "{from}..{to}: {t:?}");
            }
        }
    }
}
