//! Dates with their own precision, from deep time to the minute.
//!
//! Years are *historical* years: `-300` is 300 BCE and there is no year 0
//! (1 BCE is followed by 1 CE). Internally the axis uses astronomical years
//! (1 BCE = 0, 2 BCE = -1), so positions are continuous across the era change.
//!
//! The axis position of a date is the number of days since 1970-01-01
//! (proleptic Gregorian calendar) at the *start* of the date's precision
//! interval; [`Date::end_axis_days`] gives the end of that interval. Month and
//! day validity repeats every 400 Gregorian years, which lets chrono validate
//! dates far outside its own range.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Days in a 400-year Gregorian cycle.
const DAYS_PER_400_YEARS: i64 = 146_097;
/// Mean length of a Gregorian year in days.
pub const DAYS_PER_YEAR: f64 = 365.2425;
const MINUTES_PER_DAY: f64 = 1440.0;

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A time of day, to the minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

/// A calendar date at year, month, day or minute precision.
///
/// The derived ordering compares year, then month, day and time; a missing
/// part sorts before any present one, so `2015` < `2015-01` < `2015-01-01`.
/// That ordering agrees with [`Date::axis_days`]: `a < b` implies
/// `a.axis_days() <= b.axis_days()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i64,
    month: Option<u8>,
    day: Option<u8>,
    time: Option<TimeOfDay>,
}

/// Why a date could not be built or parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("there is no year 0 (1 BCE is followed by 1 CE); write -1 for 1 BCE")]
    YearZero,
    #[error("month {0} does not exist (expected 1 to 12)")]
    Month(u8),
    #[error("{year} has no day {day} in month {month}")]
    Day { year: i64, month: u8, day: u8 },
    #[error("{hour:02}:{minute:02} is not a time of day (expected 00:00 to 23:59)")]
    Time { hour: u8, minute: u8 },
    #[error("a day needs a month")]
    DayWithoutMonth,
    #[error("a time of day needs a full date")]
    TimeWithoutDay,
    #[error("year {0} is too large")]
    YearOutOfRange(String),
    #[error(
        "cannot read {} as a date: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM (negative years for BCE)",
        super::text::quoted(text)
    )]
    Syntax { text: String },
}

/// Years beyond this (in either direction) are refused: positions must stay
/// finite and formatting must not overflow. 10^15 years is far older than the
/// universe.
pub const MAX_ABS_YEAR: i64 = 1_000_000_000_000_000;

impl Date {
    /// A year-precision date. `year` is historical: negative is BCE, 0 is an error.
    pub fn year(year: i64) -> Result<Self, DateError> {
        Self::new(year, None, None, None)
    }

    pub fn ymd(year: i64, month: u8, day: u8) -> Result<Self, DateError> {
        Self::new(year, Some(month), Some(day), None)
    }

    pub fn ym(year: i64, month: u8) -> Result<Self, DateError> {
        Self::new(year, Some(month), None, None)
    }

    /// Builds a date from its parts, checking that it exists.
    pub fn new(
        year: i64,
        month: Option<u8>,
        day: Option<u8>,
        time: Option<TimeOfDay>,
    ) -> Result<Self, DateError> {
        if year == 0 {
            return Err(DateError::YearZero);
        }
        if year.unsigned_abs() > MAX_ABS_YEAR as u64 {
            return Err(DateError::YearOutOfRange(year.to_string()));
        }
        if day.is_some() && month.is_none() {
            return Err(DateError::DayWithoutMonth);
        }
        if time.is_some() && day.is_none() {
            return Err(DateError::TimeWithoutDay);
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
            if let Some(d) = day
                && proxy_date(year, m, d).is_none()
            {
                return Err(DateError::Day {
                    year,
                    month: m,
                    day: d,
                });
            }
        }
        if let Some(t) = time
            && (t.hour > 23 || t.minute > 59)
        {
            return Err(DateError::Time {
                hour: t.hour,
                minute: t.minute,
            });
        }
        Ok(Date {
            year,
            month,
            day,
            time,
        })
    }

    /// The historical year: negative for BCE, never 0.
    pub fn year_value(&self) -> i64 {
        self.year
    }
    pub fn month(&self) -> Option<u8> {
        self.month
    }
    pub fn day(&self) -> Option<u8> {
        self.day
    }
    pub fn time(&self) -> Option<TimeOfDay> {
        self.time
    }

    pub fn precision(&self) -> Precision {
        if self.time.is_some() {
            Precision::Minute
        } else if self.day.is_some() {
            Precision::Day
        } else if self.month.is_some() {
            Precision::Month
        } else {
            Precision::Year
        }
    }

    /// The astronomical year: 1 BCE is 0, 2 BCE is -1.
    pub fn astronomical_year(&self) -> i64 {
        if self.year < 0 {
            self.year + 1
        } else {
            self.year
        }
    }

    /// Days since 1970-01-01 at the start of this date's precision interval.
    pub fn axis_days(&self) -> f64 {
        let month = self.month.unwrap_or(1);
        let day = self.day.unwrap_or(1);
        let mut days = days_from_civil(self.astronomical_year(), month, day);
        if let Some(t) = self.time {
            days += (f64::from(t.hour) * 60.0 + f64::from(t.minute)) / MINUTES_PER_DAY;
        }
        days
    }

    /// Days since 1970-01-01 at the end of this date's precision interval:
    /// the end of its year, month, day or minute.
    pub fn end_axis_days(&self) -> f64 {
        let astro = self.astronomical_year();
        match (self.month, self.day, self.time) {
            (None, _, _) => days_from_civil(astro.saturating_add(1), 1, 1),
            (Some(12), None, _) => days_from_civil(astro.saturating_add(1), 1, 1),
            (Some(m), None, _) => days_from_civil(astro, m + 1, 1),
            (Some(_), Some(_), None) => self.axis_days() + 1.0,
            (Some(_), Some(_), Some(_)) => self.axis_days() + 1.0 / MINUTES_PER_DAY,
        }
    }

    /// The date at `precision` that contains the axis position `days`
    /// (days since 1970-01-01). `None` for positions that are not finite or
    /// lie beyond [`MAX_ABS_YEAR`].
    pub fn from_axis_days(days: f64, precision: Precision) -> Option<Date> {
        const DAYS_1970_TO_2000: i64 = 10_957;
        let max_days = MAX_ABS_YEAR as f64 * DAYS_PER_YEAR;
        if !days.is_finite() || days.abs() > max_days {
            return None;
        }
        let whole = days.floor();
        let rel = whole as i64 - DAYS_1970_TO_2000;
        let cycles = rel.div_euclid(DAYS_PER_400_YEARS);
        let within = rel.rem_euclid(DAYS_PER_400_YEARS);
        let proxy = NaiveDate::from_ymd_opt(2000, 1, 1)?
            .checked_add_days(chrono::Days::new(within as u64))?;
        let astro = i64::from(proxy.year()) + cycles * 400;
        let year = if astro <= 0 { astro - 1 } else { astro };
        // A little tolerance for the rounding of `days`: positions are
        // exact to well under a minute for years within ±100,000.
        let minutes = ((days - whole) * MINUTES_PER_DAY + 1e-4)
            .floor()
            .clamp(0.0, 1439.0) as u16;
        let (month, day, time) = match precision {
            Precision::Year => (None, None, None),
            Precision::Month => (Some(proxy.month() as u8), None, None),
            Precision::Day => (Some(proxy.month() as u8), Some(proxy.day() as u8), None),
            Precision::Minute => (
                Some(proxy.month() as u8),
                Some(proxy.day() as u8),
                Some(TimeOfDay {
                    hour: (minutes / 60) as u8,
                    minute: (minutes % 60) as u8,
                }),
            ),
        };
        Date::new(year, month, day, time).ok()
    }

    /// ISO-like text at the date's own precision: `2015`, `2015-09`,
    /// `2015-09-30`, `2015-09-30T14:05`; BCE years are negative (`-0300`).
    /// [`Date::from_str`] reads it back.
    pub fn to_iso(&self) -> String {
        let mut s = if self.year < 0 {
            format!("-{:04}", self.year.unsigned_abs())
        } else {
            format!("{:04}", self.year)
        };
        if let Some(m) = self.month {
            s.push_str(&format!("-{m:02}"));
        }
        if let Some(d) = self.day {
            s.push_str(&format!("-{d:02}"));
        }
        if let Some(t) = self.time {
            s.push_str(&format!("T{:02}:{:02}", t.hour, t.minute));
        }
        s
    }

    /// Human text at the date's own precision: "2015", "September 2015",
    /// "30 September 2015", "30 September 2015, 14:05", "300 BCE",
    /// "13.8 billion years ago".
    /// The date as a table or a list shows it: ISO (`1814-03-30`) for years
    /// 1000 to 9999, where it reads well and sorts; otherwise as words
    /// (`3500 BCE`, `13.8 billion years ago`, `602`), never `-13800000000`
    /// or `0602`.
    pub fn compact(&self) -> String {
        if (1000..=9999).contains(&self.year) {
            self.to_iso()
        } else {
            self.display()
        }
    }

    pub fn display(&self) -> String {
        let year = year_display(self.year);
        let Some(m) = self.month else {
            return year;
        };
        let month = MONTH_NAMES[usize::from(m - 1)];
        let Some(d) = self.day else {
            return format!("{month} {year}");
        };
        match self.time {
            None => format!("{d} {month} {year}"),
            Some(t) => format!("{d} {month} {year}, {:02}:{:02}", t.hour, t.minute),
        }
    }
}

pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A historical year for people: "2015", "300 BCE", "12,000 BCE",
/// "65.5 million years ago", "13.8 billion years ago".
pub fn year_display(year: i64) -> String {
    const MILLION: u64 = 1_000_000;
    const BILLION: u64 = 1_000_000_000;
    if year > 0 {
        return if year >= 10_000 {
            group_thousands(year.unsigned_abs())
        } else {
            year.to_string()
        };
    }
    let bce = year.unsigned_abs();
    if bce >= BILLION {
        format!(
            "{} billion years ago",
            short_decimal(bce as f64 / BILLION as f64)
        )
    } else if bce >= MILLION {
        format!(
            "{} million years ago",
            short_decimal(bce as f64 / MILLION as f64)
        )
    } else if bce >= 10_000 {
        format!("{} BCE", group_thousands(bce))
    } else {
        format!("{bce} BCE")
    }
}

/// Up to three decimals, trailing zeros trimmed: 13.8, 4.54, 65.
fn short_decimal(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `1234567` as `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A chrono date in 2000..2400 with the same month/day validity and weekday
/// pattern as `year` (historical), since the Gregorian calendar repeats every
/// 400 years.
fn proxy_date(year: i64, month: u8, day: u8) -> Option<NaiveDate> {
    let astro = if year < 0 { year + 1 } else { year };
    let proxy_year = 2000 + astro.rem_euclid(400);
    NaiveDate::from_ymd_opt(proxy_year as i32, u32::from(month), u32::from(day))
}

/// Days from 1970-01-01 to the given astronomical year, month and day, for
/// any year: chrono handles a proxy year in the same 400-year cycle, and whole
/// cycles are added exactly.
fn days_from_civil(astro_year: i64, month: u8, day: u8) -> f64 {
    let cycles = (astro_year - 2000).div_euclid(400);
    let proxy_year = 2000 + (astro_year - 2000).rem_euclid(400);
    let proxy = NaiveDate::from_ymd_opt(proxy_year as i32, u32::from(month), u32::from(day))
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(proxy_year as i32, u32::from(month), 1).unwrap_or_default()
        });
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let within = (proxy - epoch).num_days();
    cycles as f64 * DAYS_PER_400_YEARS as f64 + within as f64
}

impl FromStr for Date {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (a space may
    /// replace the `T`), with a leading `-` for BCE years and any number of
    /// year digits.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let syntax = || DateError::Syntax {
            text: text.to_string(),
        };
        let s = text.trim();
        let (negative, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (date_part, time_part) = match rest.split_once(['T', ' ']) {
            Some((d, t)) => (d, Some(t)),
            None => (rest, None),
        };
        let mut parts = date_part.split('-');
        let year_text = parts.next().ok_or_else(syntax)?;
        if year_text.is_empty() || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(syntax());
        }
        let magnitude: i64 = year_text
            .parse()
            .map_err(|_| DateError::YearOutOfRange(year_text.to_string()))?;
        let year = if negative { -magnitude } else { magnitude };
        let month = parts
            .next()
            .map(|p| two_digits(p).ok_or_else(syntax))
            .transpose()?;
        let day = parts
            .next()
            .map(|p| two_digits(p).ok_or_else(syntax))
            .transpose()?;
        if parts.next().is_some() {
            return Err(syntax());
        }
        let time = match time_part {
            None => None,
            Some(t) => {
                let (h, m) = t.split_once(':').ok_or_else(syntax)?;
                Some(TimeOfDay {
                    hour: two_digits(h).ok_or_else(syntax)?,
                    minute: two_digits(m).ok_or_else(syntax)?,
                })
            }
        };
        Date::new(year, month, day, time)
    }
}

fn two_digits(text: &str) -> Option<u8> {
    if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Today's date, from the system clock.
pub fn today() -> Date {
    let now = chrono::Local::now().date_naive();
    Date {
        year: i64::from(now.year()),
        month: Some(now.month() as u8),
        day: Some(now.day() as u8),
        time: None,
    }
}

/// Human description of the length of a period between two dates.
pub fn duration_display(start: &Date, end: &Date) -> String {
    let days = (end.end_axis_days() - start.axis_days()).max(0.0);
    if start.precision() >= Precision::Day && end.precision() >= Precision::Day {
        let whole = days.round() as i64;
        if whole < 60 {
            return if whole == 1 {
                "1 day".to_string()
            } else {
                format!("{whole} days")
            };
        }
    }
    let years = days / DAYS_PER_YEAR;
    if years < 2.0 {
        let months = (days / (DAYS_PER_YEAR / 12.0)).round() as i64;
        return if months == 1 {
            "about 1 month".to_string()
        } else {
            format!("about {months} months")
        };
    }
    format!("about {} years", years.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_every_precision() {
        assert_eq!(d("2015").precision(), Precision::Year);
        assert_eq!(d("2015-09").precision(), Precision::Month);
        assert_eq!(d("2015-09-30").precision(), Precision::Day);
        assert_eq!(d("2015-09-30T14:05").precision(), Precision::Minute);
        assert_eq!(d("-300").year_value(), -300);
        assert_eq!(d("-13800000000").year_value(), -13_800_000_000);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(matches!(
            "2025-02-30".parse::<Date>(),
            Err(DateError::Day { .. })
        ));
        assert!(matches!(
            "2025-13".parse::<Date>(),
            Err(DateError::Month(13))
        ));
        assert!(matches!("0".parse::<Date>(), Err(DateError::YearZero)));
        assert!(matches!(
            "2025-01-01T24:00".parse::<Date>(),
            Err(DateError::Time { .. })
        ));
        for bad in [
            "",
            "abc",
            "2015-9",
            "2015-09-30-01",
            "20x5",
            "2015-09-30T1:00",
            "--5",
        ] {
            assert!(
                matches!(bad.parse::<Date>(), Err(DateError::Syntax { .. })),
                "{bad:?} should be a syntax error"
            );
        }
        assert!("99999999999999999999".parse::<Date>().is_err());
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
        // 1 BCE is astronomical year 0, a leap year.
        assert!("-0001-02-29".parse::<Date>().is_ok());
        assert!("-0002-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn displays_at_own_precision() {
        assert_eq!(d("2015").display(), "2015");
        assert_eq!(d("2015-09").display(), "September 2015");
        assert_eq!(d("2015-09-30").display(), "30 September 2015");
        assert_eq!(d("2015-09-30T09:05").display(), "30 September 2015, 09:05");
        assert_eq!(d("-300").display(), "300 BCE");
        assert_eq!(d("-1").display(), "1 BCE");
        assert_eq!(d("-44-03-15").display(), "15 March 44 BCE");
        assert_eq!(d("-13800000000").display(), "13.8 billion years ago");
        assert_eq!(d("-65500000").display(), "65.5 million years ago");
        assert_eq!(d("-12000").display(), "12,000 BCE");
    }

    #[test]
    fn iso_form_pads_and_signs_years() {
        assert_eq!(d("-300").to_iso(), "-0300");
        assert_eq!(d("33").to_iso(), "0033");
        assert_eq!(d("2015-09-30T14:05").to_iso(), "2015-09-30T14:05");
    }

    #[test]
    fn axis_is_continuous_across_the_era_change() {
        // 1 BCE ends where 1 CE begins.
        assert_eq!(d("-1").end_axis_days(), d("1").axis_days());
        assert_eq!(d("1970-01-01").axis_days(), 0.0);
        assert_eq!(d("1970-01-02T12:00").axis_days(), 1.5);
        assert_eq!(d("2015").end_axis_days(), d("2016").axis_days());
        assert_eq!(d("2015-12").end_axis_days(), d("2016-01").axis_days());
        assert_eq!(d("2015-02").end_axis_days(), d("2015-03").axis_days());
        assert_eq!(d("2024-02-29").end_axis_days(), d("2024-03-01").axis_days());
        // A year is 365 or 366 days, even far from chrono's range.
        for y in [-13_800_000_000_i64, -300_000, 1_000_000] {
            let len = d(&y.to_string()).end_axis_days() - d(&y.to_string()).axis_days();
            assert!(len == 365.0 || len == 366.0, "{y}: {len}");
        }
    }

    #[test]
    fn orders_across_precisions_and_eras() {
        let mut dates: Vec<Date> = [
            "2015-09-30",
            "2015",
            "-300",
            "-13800000000",
            "1814-03-30",
            "2015-09",
            "2015-09-30T10:00",
        ]
        .iter()
        .map(|s| d(s))
        .collect();
        dates.sort();
        let iso: Vec<String> = dates.iter().map(Date::to_iso).collect();
        assert_eq!(
            iso,
            [
                "-13800000000",
                "-0300",
                "1814-03-30",
                "2015",
                "2015-09",
                "2015-09-30",
                "2015-09-30T10:00"
            ]
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(
            duration_display(&d("2017-01-23"), &d("2017-01-24")),
            "2 days"
        );
        assert_eq!(
            duration_display(&d("2018-01-20"), &d("2018-03-24")),
            "about 2 months"
        );
        assert_eq!(duration_display(&d("2015"), &d("2024")), "about 10 years");
    }
}
