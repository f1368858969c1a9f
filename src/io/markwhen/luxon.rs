//! Reading a date with a Luxon format (`DateTime.fromFormat`), as Markwhen's
//! `dateFormat` rules ask: the format's tokens (`yyyy`, `MM`, `d`, `MMM`,
//! `HH`, `h` and `a`, `kkkk` and `WW`, `'literal'` …, as Luxon 3's
//! `tokenParser.js` knows them, in English) become one regular expression
//! matched against the whole text, case-insensitively; missing leading
//! units are today's, missing later ones the first (January, the 1st,
//! midnight), as Luxon fills them. The time zone is not applied: the wall
//! time is kept as written, as the rest of the importer keeps it.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};
use regex::RegexBuilder;

const MONTHS_SHORT: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// Month names as Luxon's English locale writes them (the model's own).
const MONTHS_LONG: [&str; 12] = crate::model::MONTH_NAMES;
const WEEKDAYS_SHORT: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_LONG: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The longest format read (a longer one reads nothing).
const MAX_FORMAT: usize = 200;

/// One token of a format: a run of one letter, or literal text.
#[derive(Debug, PartialEq)]
struct Token {
    literal: bool,
    val: String,
}

/// Luxon's `Formatter.parseFormat`: runs of the same character, and
/// `'quoted'` literals (`''` is a quote).
fn tokens(format: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut current: Option<char> = None;
    let mut full = String::new();
    let mut bracketed = false;
    let spaces = |s: &str| !s.is_empty() && s.chars().all(char::is_whitespace);
    for c in format.chars() {
        if c == '\'' {
            if !full.is_empty() || bracketed {
                out.push(Token {
                    literal: bracketed || spaces(&full),
                    val: if full.is_empty() {
                        "'".into()
                    } else {
                        full.clone()
                    },
                });
            }
            current = None;
            full.clear();
            bracketed = !bracketed;
        } else if bracketed || Some(c) == current {
            full.push(c);
        } else {
            if !full.is_empty() {
                out.push(Token {
                    literal: spaces(&full),
                    val: full.clone(),
                });
            }
            full.clear();
            full.push(c);
            current = Some(c);
        }
    }
    if !full.is_empty() {
        out.push(Token {
            literal: bracketed || spaces(&full),
            val: full,
        });
    }
    out
}

/// The macro tokens Luxon expands from the locale (en-US here); `None`
/// for one not read.
fn expand(token: Token) -> Option<Vec<Token>> {
    let unit = |v: &str| Token {
        literal: false,
        val: v.into(),
    };
    let lit = |v: &str| Token {
        literal: true,
        val: v.into(),
    };
    // Whitespace between a macro's parts matches any space (Luxon's " ").
    let space = || Token {
        literal: false,
        val: " ".into(),
    };
    if token.literal {
        return Some(vec![token]);
    }
    Some(match token.val.as_str() {
        "D" => vec![unit("M"), lit("/"), unit("d"), lit("/"), unit("yyyyy")],
        "DD" => vec![
            unit("MMM"),
            space(),
            unit("d"),
            lit(","),
            space(),
            unit("yyyyy"),
        ],
        "DDD" => vec![
            unit("MMMM"),
            space(),
            unit("d"),
            lit(","),
            space(),
            unit("yyyyy"),
        ],
        "t" => vec![unit("h"), lit(":"), unit("mm"), space(), unit("a")],
        "T" => vec![unit("HH"), lit(":"), unit("mm")],
        "DDDD" | "tt" | "ttt" | "tttt" | "TT" | "TTT" | "TTTT" | "f" | "ff" | "fff" | "ffff"
        | "F" | "FF" | "FFF" | "FFFF" => return None,
        _ => vec![token],
    })
}

/// How a unit's text is read.
enum Read {
    Int,
    TwoDigitYear,
    /// The index in a list, plus this.
    OneOf(&'static [&'static str], i64),
    Ignore,
}

/// A unit's pattern, how it is read, and how many groups it adds inside.
fn unit(token: &Token) -> (String, Read, usize) {
    let digits = |n: &str| format!("[0-9]{n}");
    let one_of =
        |list: &'static [&'static str], from: i64| (list.join("|"), Read::OneOf(list, from), 0);
    if token.literal {
        return (regex::escape(&token.val), Read::Ignore, 0);
    }
    match token.val.as_str() {
        "G" => one_of(&["BC", "AD"], 0),
        "GG" => one_of(&["Before Christ", "Anno Domini"], 0),
        "y" => (digits("{1,6}"), Read::Int, 0),
        "yy" | "kk" => (digits("{2,4}"), Read::TwoDigitYear, 0),
        "yyyy" | "kkkk" => (digits("{4}"), Read::Int, 0),
        "yyyyy" => (digits("{4,6}"), Read::Int, 0),
        "yyyyyy" => (digits("{6}"), Read::Int, 0),
        "M" | "L" | "d" | "H" | "h" | "m" | "q" | "s" | "W" | "uu" => {
            (digits("{1,2}"), Read::Int, 0)
        }
        "MM" | "LL" | "dd" | "HH" | "hh" | "mm" | "qq" | "ss" | "WW" => {
            (digits("{2}"), Read::Int, 0)
        }
        "MMM" | "LLL" => one_of(&MONTHS_SHORT, 1),
        "MMMM" | "LLLL" => one_of(&MONTHS_LONG, 1),
        "o" | "S" => (digits("{1,3}"), Read::Int, 0),
        "ooo" | "SSS" => (digits("{3}"), Read::Int, 0),
        "u" => (digits("{1,9}"), Read::Ignore, 0),
        "uuu" | "E" | "c" => (digits(""), Read::Int, 0),
        "a" => one_of(&["AM", "PM"], 0),
        "EEE" | "ccc" => one_of(&WEEKDAYS_SHORT, 1),
        "EEEE" | "cccc" => one_of(&WEEKDAYS_LONG, 1),
        "Z" | "ZZ" => ("([+-][0-9]{1,2})(?::([0-9]{2}))?".into(), Read::Ignore, 2),
        "ZZZ" => ("([+-][0-9]{1,2})([0-9]{2})?".into(), Read::Ignore, 2),
        "z" => ("[a-z_+\\-/]{1,256}?".into(), Read::Ignore, 0),
        " " => ("[^\\S\\n\\r]".into(), Read::Ignore, 0),
        other => (regex::escape(other), Read::Ignore, 0),
    }
}

/// The values a match gave, by the token's first letter.
#[derive(Default)]
struct Fields {
    year: Option<i64>,
    month: Option<i64>,
    day: Option<i64>,
    ordinal: Option<i64>,
    hour12: Option<i64>,
    hour24: Option<i64>,
    minute: Option<i64>,
    second: Option<i64>,
    millisecond: Option<i64>,
    meridiem: Option<i64>,
    weekday: Option<i64>,
    week_number: Option<i64>,
    week_year: Option<i64>,
    quarter: Option<i64>,
    era: Option<i64>,
}

/// A Luxon format made ready to read with: its units and their pattern.
pub struct Format {
    regex: regex::Regex,
    /// Each unit's reading, groups inside it and token.
    units: Vec<(Read, usize, Token)>,
}

impl Format {
    /// The format, or `None` when it cannot be read (too long, a macro
    /// token not read, a pattern too large).
    pub fn new(format: &str) -> Option<Format> {
        if format.len() > MAX_FORMAT {
            return None;
        }
        let mut expanded = Vec::new();
        for t in tokens(format) {
            expanded.extend(expand(t)?);
        }
        let mut pattern = String::from("^");
        let mut units = Vec::with_capacity(expanded.len());
        for t in expanded {
            let (re, read, inner) = unit(&t);
            pattern.push('(');
            pattern.push_str(&re);
            pattern.push(')');
            units.push((read, inner, t));
        }
        pattern.push('$');
        let regex = RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .size_limit(1 << 20)
            .build()
            .ok()?;
        Some(Format { regex, units })
    }

    /// `value` read with this format, or `None` where Luxon's would be
    /// invalid.
    pub fn read(&self, value: &str) -> Option<NaiveDateTime> {
        if value.len() > 1000 {
            return None;
        }
        read_units(&self.regex, &self.units, value)
    }
}

/// `value` read with the Luxon `format` (made anew each time; see
/// [`Format`] to read many).
#[cfg(test)]
pub fn from_format(value: &str, format: &str) -> Option<NaiveDateTime> {
    Format::new(format)?.read(value)
}

fn read_units(
    regex: &regex::Regex,
    units: &[(Read, usize, Token)],
    value: &str,
) -> Option<NaiveDateTime> {
    let caps = regex.captures(value)?;
    let mut f = Fields::default();
    let mut group = 1;
    for (read, inner, token) in units {
        let text = caps.get(group).map_or("", |m| m.as_str());
        group += 1 + inner;
        let n = match read {
            Read::Ignore => continue,
            Read::Int => text.parse::<i64>().ok()?,
            Read::TwoDigitYear => {
                let y = text.parse::<i64>().ok()?;
                if y > 99 {
                    y
                } else if y > 60 {
                    1900 + y
                } else {
                    2000 + y
                }
            }
            Read::OneOf(list, from) => {
                let i = list.iter().position(|s| s.eq_ignore_ascii_case(text))?;
                i as i64 + from
            }
        };
        let slot = match token.val.chars().next() {
            Some('y') => &mut f.year,
            Some('M' | 'L') => &mut f.month,
            Some('d') => &mut f.day,
            Some('o') => &mut f.ordinal,
            Some('h') => &mut f.hour12,
            Some('H') => &mut f.hour24,
            Some('m') => &mut f.minute,
            Some('s') => &mut f.second,
            Some('S') => &mut f.millisecond,
            Some('a') => &mut f.meridiem,
            Some('E' | 'c') => &mut f.weekday,
            Some('W') => &mut f.week_number,
            Some('k') => &mut f.week_year,
            Some('q') => &mut f.quarter,
            Some('G') => &mut f.era,
            _ => continue,
        };
        *slot = Some(n);
    }
    resolve(f, chrono::Utc::now().naive_utc())
}

/// Luxon's `DateTime.fromObject` on the matched fields: conflicts refused,
/// defaults filled, ranges checked.
fn resolve(mut f: Fields, now: NaiveDateTime) -> Option<NaiveDateTime> {
    // "Can't include meridiem when specifying 24-hour format".
    if f.meridiem.is_some() && f.hour24.is_some() {
        return None;
    }
    if let Some(q) = f.quarter {
        f.month = Some((q - 1) * 3 + 1);
    }
    let mut hour = f.hour24;
    if let Some(h) = f.hour12 {
        hour = Some(match f.meridiem {
            Some(1) if h < 12 => h + 12,
            Some(0) if h == 12 => 0,
            _ => h,
        });
    }
    if f.era == Some(0)
        && let Some(y) = f.year.filter(|&y| y != 0)
    {
        f.year = Some(-y);
    }
    let gregorian_md = f.month.is_some() || f.day.is_some();
    let gregorian = f.year.is_some() || gregorian_md;
    let week_def = f.week_year.is_some_and(|v| v != 0) || f.week_number.is_some_and(|v| v != 0);
    if (gregorian || f.ordinal.is_some()) && week_def {
        return None;
    }
    if gregorian_md && f.ordinal.is_some() {
        return None;
    }
    let use_weeks = week_def || (f.weekday.is_some_and(|v| v != 0) && !gregorian);
    let time = [hour, f.minute, f.second, f.millisecond];
    let (now_h, now_m, now_s) = (
        i64::from(chrono::Timelike::hour(&now)),
        i64::from(chrono::Timelike::minute(&now)),
        i64::from(chrono::Timelike::second(&now)),
    );
    let now_ms = i64::from(chrono::Timelike::nanosecond(&now) / 1_000_000);
    // Leading missing units are now's; after the first given, the first.
    let fill = |values: &[Option<i64>], nows: &[i64], firsts: &[i64]| -> Vec<i64> {
        let mut found = false;
        values
            .iter()
            .zip(nows.iter().zip(firsts))
            .map(|(v, (n, first))| match v {
                Some(v) => {
                    found = true;
                    *v
                }
                None if found => *first,
                None => *n,
            })
            .collect()
    };
    let date = if use_weeks {
        let iso = now.date().iso_week();
        let v = fill(
            &[
                f.week_year,
                f.week_number,
                f.weekday,
                time[0],
                time[1],
                time[2],
                time[3],
            ],
            &[
                i64::from(iso.year()),
                i64::from(iso.week()),
                i64::from(now.weekday().number_from_monday()),
                now_h,
                now_m,
                now_s,
                now_ms,
            ],
            &[1, 1, 1, 0, 0, 0, 0],
        );
        let weekday = match v[2] {
            1 => Weekday::Mon,
            2 => Weekday::Tue,
            3 => Weekday::Wed,
            4 => Weekday::Thu,
            5 => Weekday::Fri,
            6 => Weekday::Sat,
            7 => Weekday::Sun,
            _ => return None,
        };
        let d = NaiveDate::from_isoywd_opt(
            i32::try_from(v[0]).ok()?,
            u32::try_from(v[1]).ok()?,
            weekday,
        )?;
        (d, [v[3], v[4], v[5], v[6]])
    } else if let Some(ordinal) = f.ordinal {
        let v = fill(
            &[f.year, Some(ordinal), time[0], time[1], time[2], time[3]],
            &[i64::from(now.year()), 1, now_h, now_m, now_s, now_ms],
            &[1, 1, 0, 0, 0, 0],
        );
        let d = NaiveDate::from_yo_opt(i32::try_from(v[0]).ok()?, u32::try_from(v[1]).ok()?)?;
        (d, [v[2], v[3], v[4], v[5]])
    } else {
        let v = fill(
            &[f.year, f.month, f.day, time[0], time[1], time[2], time[3]],
            &[
                i64::from(now.year()),
                i64::from(now.month()),
                i64::from(now.day()),
                now_h,
                now_m,
                now_s,
                now_ms,
            ],
            &[1, 1, 1, 0, 0, 0, 0],
        );
        let d = NaiveDate::from_ymd_opt(
            i32::try_from(v[0]).ok()?,
            u32::try_from(v[1]).ok()?,
            u32::try_from(v[2]).ok()?,
        )?;
        (d, [v[3], v[4], v[5], v[6]])
    };
    let (d, [h, m, s, ms]) = date;
    // Gregorian data and a weekday: the weekday must be the date's.
    if !use_weeks
        && let Some(w) = f.weekday.filter(|&w| w != 0)
        && i64::from(d.weekday().number_from_monday()) != w
    {
        return None;
    }
    let (h, m, s, ms) = (
        u32::try_from(h).ok()?,
        u32::try_from(m).ok()?,
        u32::try_from(s).ok()?,
        u32::try_from(ms).ok()?,
    );
    if h == 24 && m == 0 && s == 0 && ms == 0 {
        return d.succ_opt()?.and_hms_opt(0, 0, 0);
    }
    d.and_hms_milli_opt(h, m, s, ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(value: &str, format: &str) -> Option<String> {
        from_format(value, format).map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
    }

    #[test]
    fn formats_read_as_luxon_reads_them() {
        assert_eq!(
            at("01.15.2026", "MM.dd.yyyy").as_deref(),
            Some("2026-01-15T00:00")
        );
        assert_eq!(
            at("5/9/2009 18:00", "d/M/yyyy H:mm").as_deref(),
            Some("2009-09-05T18:00")
        );
        assert_eq!(
            at("May 12 2011 6pm", "MMMM d yyyy ha").as_deref(),
            Some("2011-05-12T18:00")
        );
        assert_eq!(
            at("12 am 1/1/2020", "h a d/M/yyyy").as_deref(),
            Some("2020-01-01T00:00")
        );
        assert_eq!(
            at("2026-W03", "kkkk-'W'WW").as_deref(),
            Some("2026-01-12T00:00")
        );
        assert_eq!(
            at("2026_04_03", "yyyy_MM_dd").as_deref(),
            Some("2026-04-03T00:00")
        );
        assert_eq!(at("3/99", "M/yy").as_deref(), Some("1999-03-01T00:00"));
        assert_eq!(at("3/45", "M/yy").as_deref(), Some("2045-03-01T00:00"));
        assert_eq!(
            at("sep 2020", "MMM yyyy").as_deref(),
            Some("2020-09-01T00:00")
        );
        assert_eq!(
            at("2020 day 60", "yyyy 'day' o").as_deref(),
            Some("2020-02-29T00:00")
        );
        assert_eq!(
            at("Q3 2020", "'Q'q yyyy").as_deref(),
            Some("2020-07-01T00:00")
        );
    }

    #[test]
    fn what_luxon_refuses_reads_nothing() {
        // Not the whole text, a day past the month, a weekday that is not
        // the date's, a meridiem beside a 24-hour clock, a week with a month.
        assert_eq!(at("01.15.2026x", "MM.dd.yyyy"), None);
        assert_eq!(at("02.30.2026", "MM.dd.yyyy"), None);
        assert_eq!(at("Tue 2026-01-01", "EEE yyyy-MM-dd"), None);
        assert_eq!(
            at("Thu 2026-01-01", "EEE yyyy-MM-dd").as_deref(),
            Some("2026-01-01T00:00")
        );
        assert_eq!(at("13 pm", "H a"), None);
        assert_eq!(at("2026-W03 01", "kkkk-'W'WW MM"), None);
        assert_eq!(at("x", &"y".repeat(10_000)), None);
    }

    #[test]
    fn missing_leading_units_are_todays() {
        let now = NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let f = Fields {
            day: Some(5),
            ..Fields::default()
        };
        assert_eq!(
            resolve(f, now).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 5)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
        );
    }
}
