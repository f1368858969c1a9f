//! Markwhen 1.x's own date syntax, declared in the front matter:
//!
//! ```yaml
//! dateFormat:
//!   - pattern: '^week (\d{2})/(\d{4})$'
//!     from: '$2-W$1'
//!     fromFormat: "kkkk-'W'WW"
//!     duration: 1 week
//! ```
//!
//! read as `@markwhen/parser` reads it (`src/dateRange/customDateSyntax.ts`):
//! a rule whose regular expression matches the text before one of a line's
//! colons makes that line an event; its start (and end) are read with a
//! Luxon format (`fromFormat`, `toFormat`, or `format` under `from`/`to`
//! with a capture `group`), `$1` in a template stands for a capture, and the
//! end is `to`, else `from` plus `duration`, else the end of `from`'s unit.
//! `priority` says whether the rules come before the built-in dates
//! (`first`, the default), after them (`last`), or alone (`only`).
//!
//! JavaScript's patterns are read by the `regex` crate, which runs in time
//! linear in the text; a pattern it cannot read (look-around,
//! back-references) is reported, as the reference reports one JavaScript
//! refuses.

use super::front_matter::Node;
use super::luxon::Format;
use crate::model::{Date, Precision, TimeOfDay};
use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime, Timelike};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The most rules read; more are reported.
pub const MAX_RULES: usize = 200;

/// The most colons of a line tried.
const MAX_COLONS: usize = 32;

/// The longest text before a colon tried against the rules.
const MAX_DATE_PART: usize = 300;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Priority {
    First,
    Last,
    Only,
}

struct Rule {
    name: Option<String>,
    regex: Regex,
    from: Option<Node>,
    from_format: Option<Node>,
    to: Option<Node>,
    to_format: Option<Node>,
    duration: Option<Node>,
}

/// The rules of a file's `dateFormat`.
pub struct CustomSyntax {
    pub priority: Priority,
    rules: Vec<Rule>,
    /// All rules' patterns at once: one pass over a text says which match.
    any: Option<RegexSet>,
    /// Luxon formats made ready, by their text (`None`: cannot be read).
    formats: RefCell<HashMap<String, Option<Rc<Format>>>>,
}

/// A line a rule matched: where its date part ends and its text starts.
pub struct Matched<'a> {
    pub date_part: &'a str,
    pub text: &'a str,
    rule: usize,
    captures: Vec<Option<&'a str>>,
}

/// The unit a Luxon format is read to (the reference's "granularity").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    #[default]
    Year,
    Month,
    Week,
    Day,
    /// Hours, minutes and instants: the moment itself.
    Moment,
}

impl CustomSyntax {
    /// The rules of `dateFormat` (a list of rules, or `priority` and
    /// `rules`), with what in it cannot be used; `None` when the file
    /// declares none (a string `dateFormat` is the older syntax's date
    /// order, read elsewhere).
    pub fn from_front_matter(config: &Node) -> (Option<CustomSyntax>, Vec<String>) {
        let mut problems = Vec::new();
        let (priority, rules) = match config {
            Node::List(_) => (Some(Priority::First), Some(config)),
            Node::Map(_) => {
                let priority = match config.get("priority") {
                    None => Some(Priority::First),
                    Some(p) => match p.as_str() {
                        Some("first") => Some(Priority::First),
                        Some("last") => Some(Priority::Last),
                        Some("only") => Some(Priority::Only),
                        _ => {
                            problems.push(
                                "dateFormat: priority must be one of first, last or only: read as first".to_string(),
                            );
                            Some(Priority::First)
                        }
                    },
                };
                (priority, config.get("rules"))
            }
            _ => return (None, problems),
        };
        let mut priority = priority.unwrap_or(Priority::First);
        let list = match rules {
            Some(Node::List(list)) => list.as_slice(),
            _ => {
                problems.push("dateFormat: rules must be a list: none is read".to_string());
                priority = Priority::Last;
                &[]
            }
        };
        if list.len() > MAX_RULES {
            problems.push(format!(
                "dateFormat: {} rules: the first {MAX_RULES} are read",
                list.len()
            ));
        }
        let mut compiled = Vec::new();
        for (i, rule) in list.iter().take(MAX_RULES).enumerate() {
            if !matches!(rule, Node::Map(_)) {
                continue;
            }
            let Some(pattern) = rule.get("pattern").and_then(Node::as_str) else {
                problems.push(format!(
                    "dateFormat rule {}: pattern must be a string",
                    i + 1
                ));
                continue;
            };
            let regex = RegexBuilder::new(&javascript_classes(pattern))
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .build();
            let regex = match regex {
                Ok(r) => r,
                Err(e) => {
                    let why = e.to_string();
                    let why = why
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim_start_matches("error: ");
                    problems.push(format!(
                        "dateFormat rule {}: cannot read the pattern {pattern:?}: {why}",
                        i + 1
                    ));
                    continue;
                }
            };
            compiled.push(Rule {
                name: rule.get("name").and_then(Node::as_text).map(str::to_string),
                regex,
                from: rule.get("from").cloned(),
                from_format: rule.get("fromFormat").cloned(),
                to: rule.get("to").cloned(),
                to_format: rule.get("toFormat").cloned(),
                duration: rule.get("duration").cloned(),
            });
        }
        let any = RegexSetBuilder::new(compiled.iter().map(|r| r.regex.as_str()))
            .size_limit(1 << 22)
            .dfa_size_limit(1 << 22)
            .build()
            .ok();
        (
            Some(CustomSyntax {
                priority,
                rules: compiled,
                any,
                formats: RefCell::default(),
            }),
            problems,
        )
    }

    /// The first rule matching the text before one of the line's colons,
    /// trying the colons from the left.
    pub fn match_line<'a>(&self, line: &'a str) -> Option<Matched<'a>> {
        if self.rules.is_empty() {
            return None;
        }
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        // At most a few dozen colons, each with at most a few hundred bytes
        // before it: the work per line is bounded whatever the line.
        for (colon, _) in body.match_indices(':').take(MAX_COLONS) {
            if colon > MAX_DATE_PART {
                break;
            }
            let date_part = body[..colon].trim_end();
            // The first rule that matches, found in one pass when the
            // patterns fit in one set.
            let first = match &self.any {
                Some(set) => set.matches(date_part).iter().next(),
                None => self.rules.iter().position(|r| r.regex.is_match(date_part)),
            };
            if let Some(r) = first {
                let rule = &self.rules[r];
                if let Some(c) = rule.regex.captures(date_part) {
                    return Some(Matched {
                        date_part,
                        text: &body[colon + 1..],
                        rule: r,
                        captures: c.iter().map(|m| m.map(|m| m.as_str())).collect(),
                    });
                }
            }
        }
        None
    }

    /// The range a matched line gives, or why it gives none; and whether it
    /// was written later end first (it is then read from its earlier end).
    pub fn range(&self, m: &Matched) -> Result<((Date, Option<Date>), bool), String> {
        let rule = &self.rules[m.rule];
        let named = rule
            .name
            .as_deref()
            .map_or(String::new(), |n| format!(" {n:?}"));
        let (from, from_unit) =
            date_part(rule.from.as_ref(), rule.from_format.as_ref(), m, self)
                .ok_or_else(|| format!("its dateFormat rule{named} cannot read the start"))?;
        let (end, end_unit) = match date_part(rule.to.as_ref(), rule.to_format.as_ref(), m, self) {
            Some((to, unit)) => (round_up(to, unit), unit),
            None => match rule.duration.as_ref().and_then(|d| template(d, m)) {
                Some(text) if duration_in(&text).is_some() => {
                    let d = duration_in(&text).unwrap_or_default();
                    let end = d.after(from).ok_or_else(|| {
                        format!("its dateFormat rule{named} gives an end out of range")
                    })?;
                    (Some(end), from_unit.max(d.finest))
                }
                _ => (round_up(from, from_unit), from_unit),
            },
        };
        let out_of_range = || format!("its dateFormat rule{named} gives a date out of range");
        let end = end.ok_or_else(out_of_range)?;
        // Written later end first: read from the earlier end, as far as
        // the end of the later side's unit.
        let backwards = end < from;
        let (start, end) = if backwards {
            let unit = if end.time() == chrono::NaiveTime::MIN {
                Unit::Day
            } else {
                Unit::Moment
            };
            let last = round_up(from, from_unit).ok_or_else(out_of_range)?;
            (to_date(end, unit), inclusive_end(last, from_unit))
        } else {
            (to_date(from, from_unit), inclusive_end(end, end_unit))
        };
        let (start, end) = (
            start.ok_or_else(out_of_range)?,
            end.ok_or_else(out_of_range)?,
        );
        let end = (end != start).then_some(end);
        Ok(((start, end), backwards))
    }
}

/// JavaScript's `\d` and `\w` are ASCII; the regex crate's are Unicode.
fn javascript_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('w') if in_class => out.push_str("0-9A-Za-z_"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A template with `$1`… replaced by the captures (a missing one by
/// nothing); a number is its own text.
fn template(raw: &Node, m: &Matched) -> Option<String> {
    let raw = raw.as_text()?;
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            out.push('$');
            rest = after;
            continue;
        }
        let index: usize = after[..digits].parse().unwrap_or(usize::MAX);
        out.push_str(m.captures.get(index).copied().flatten().unwrap_or(""));
        rest = &after[digits..];
    }
    out.push_str(rest);
    Some(out)
}

/// One side of the range: the part (a template, or `group` and `format`)
/// read with its format.
fn date_part(
    part: Option<&Node>,
    format: Option<&Node>,
    m: &Matched,
    syntax: &CustomSyntax,
) -> Option<(NaiveDateTime, Unit)> {
    if let Some(object @ Node::Map(_)) = part {
        let format = object.get("format").or(format)?.as_str()?;
        let value = match object.get("group") {
            Some(g) => {
                let index: usize = g.as_text()?.trim().parse().ok()?;
                m.captures.get(index).copied().flatten()?.to_string()
            }
            None => template(object.get("template").or(object.get("value"))?, m)?,
        };
        if value.is_empty() {
            return None;
        }
        return syntax.read_with_format(&value, format);
    }
    let format = format?.as_str()?;
    let whole = m.captures.first().copied().flatten().unwrap_or("");
    let value = match part {
        None => whole.to_string(),
        Some(p) => template(p, m).unwrap_or_else(|| whole.to_string()),
    };
    if value.is_empty() {
        return None;
    }
    syntax.read_with_format(&value, format)
}

/// The unit a format reads to, as the reference decides it from the
/// format's letters.
fn unit_of(format: &str) -> Unit {
    let has = |set: &[char]| format.contains(set);
    if format.eq_ignore_ascii_case("iso") || has(&['m', 's', 'H', 'h']) {
        Unit::Moment
    } else if has(&['d', 'D']) {
        Unit::Day
    } else if has(&['W', 'L']) {
        Unit::Week
    } else if has(&['M']) {
        Unit::Month
    } else if has(&['y', 'k', 'u']) {
        Unit::Year
    } else {
        Unit::Moment
    }
}

impl CustomSyntax {
    /// `value` read with a Luxon format (or `iso`), each format made once.
    fn read_with_format(&self, value: &str, format: &str) -> Option<(NaiveDateTime, Unit)> {
        let moment = if format.eq_ignore_ascii_case("iso") {
            iso(value)?
        } else {
            let made = self
                .formats
                .borrow_mut()
                .entry(format.to_string())
                .or_insert_with(|| Format::new(format).map(Rc::new))
                .clone()?;
            made.read(value)?
        };
        Some((moment, unit_of(format)))
    }
}

/// An ISO 8601 date or date-time, at its wall time (its offset kept as
/// written, as the reference keeps it).
fn iso(value: &str) -> Option<NaiveDateTime> {
    let v = value.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(v) {
        return Some(t.naive_local());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(v.trim_end_matches(['Z', 'z']), f) {
            return Some(t);
        }
    }
    let date = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{v}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{v}-01-01"), "%Y-%m-%d"))
        .ok()?;
    date.and_hms_opt(0, 0, 0)
}

/// The first moment after `t`'s unit (a moment is its own end).
fn round_up(t: NaiveDateTime, unit: Unit) -> Option<NaiveDateTime> {
    match unit {
        Unit::Year => t.checked_add_months(Months::new(12)),
        Unit::Month => t.checked_add_months(Months::new(1)),
        Unit::Week => t.checked_add_signed(Duration::days(7)),
        Unit::Day => t.checked_add_signed(Duration::days(1)),
        Unit::Moment => Some(t),
    }
}

/// A duration as the reference sums it from its text (`2 weeks`, `1 year
/// 3 days`); whole calendar units, exact time.
#[derive(Default)]
struct Span {
    months: i64,
    days: i64,
    millis: i64,
    finest: Unit,
}

impl Span {
    fn after(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let t = if self.months >= 0 {
            t.checked_add_months(Months::new(u32::try_from(self.months).ok()?))?
        } else {
            t.checked_sub_months(Months::new(u32::try_from(-self.months).ok()?))?
        };
        t.checked_add_signed(Duration::try_days(self.days)?)?
            .checked_add_signed(Duration::try_milliseconds(self.millis)?)
    }
}

/// Every `<number> <unit>` in the text, summed; `None` when there is none.
fn duration_in(text: &str) -> Option<Span> {
    let lower = text.to_lowercase();
    let units: [(&str, i64, Unit); 9] = [
        ("millisecond", 1, Unit::Moment),
        ("quarter", 3, Unit::Month),
        ("minute", 60_000, Unit::Moment),
        ("second", 1000, Unit::Moment),
        ("month", 1, Unit::Month),
        ("year", 12, Unit::Year),
        ("week", 7, Unit::Day),
        ("hour", 3_600_000, Unit::Moment),
        ("day", 1, Unit::Day),
    ];
    let mut span = Span::default();
    let mut found = false;
    let b = lower.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let negative = b[i] == b'-' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(b[i].is_ascii_digit() || negative) {
            i += 1;
            continue;
        }
        let start = i;
        i += usize::from(negative);
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let number: f64 = lower[start..i].parse().unwrap_or(f64::NAN);
        let word = lower[i..].trim_start();
        let Some(&(name, per, unit)) = units.iter().find(|(n, ..)| word.starts_with(n)) else {
            continue;
        };
        if !number.is_finite() || number.abs() > 1e9 {
            continue;
        }
        found = true;
        let whole = number.trunc() as i64;
        // Saturating: a template may hold any number of terms.
        match name {
            "quarter" | "month" | "year" => span.months = span.months.saturating_add(whole * per),
            "week" | "day" => span.days = span.days.saturating_add(whole * per),
            _ => span.millis = span.millis.saturating_add((number * per as f64) as i64),
        }
        span.finest = span.finest.max(unit);
        i = lower.len() - word.len() + name.len();
    }
    found.then_some(span)
}

#[cfg(test)]
#[test]
fn durations_sum_their_terms_and_never_overflow() {
    let d = duration_in("1 year 2 quarters 3 weeks 1.5 hours").unwrap();
    assert_eq!((d.months, d.days, d.millis), (18, 21, 5_400_000));
    assert_eq!(d.finest, Unit::Moment);
    let many = "999999999 hours ".repeat(10_000);
    assert_eq!(duration_in(&many).unwrap().millis, i64::MAX);
    assert!(duration_in("soon").is_none());
}

/// Our date for a moment read at `unit`: as coarse as the moment allows.
fn to_date(t: NaiveDateTime, unit: Unit) -> Option<Date> {
    let midnight = t.time() == chrono::NaiveTime::MIN;
    let year = historical(t.year());
    let (m, d) = (t.month() as u8, t.day() as u8);
    let precision = match unit {
        Unit::Year if midnight && m == 1 && d == 1 => Precision::Year,
        Unit::Year | Unit::Month if midnight && d == 1 => Precision::Month,
        Unit::Moment => Precision::Minute,
        _ if midnight => Precision::Day,
        _ => Precision::Minute,
    };
    make(year, m, d, t, precision)
}

/// Our inclusive end for the first moment after a range, at `unit` or
/// finer where the moment needs it.
fn inclusive_end(exclusive: NaiveDateTime, unit: Unit) -> Option<Date> {
    let midnight = exclusive.time() == chrono::NaiveTime::MIN;
    if unit == Unit::Moment || !midnight {
        return to_date(exclusive, Unit::Moment);
    }
    let (m, d) = (exclusive.month(), exclusive.day());
    let precision = match unit {
        Unit::Year if m == 1 && d == 1 => Precision::Year,
        Unit::Year | Unit::Month if d == 1 => Precision::Month,
        _ => Precision::Day,
    };
    let last = exclusive.date().pred_opt()?;
    make(
        historical(last.year()),
        last.month() as u8,
        last.day() as u8,
        exclusive,
        precision,
    )
}

/// An astronomical year (0 is 1 BCE) as ours (no year 0).
fn historical(year: i32) -> i64 {
    let y = i64::from(year);
    if y <= 0 { y - 1 } else { y }
}

fn make(year: i64, month: u8, day: u8, t: NaiveDateTime, precision: Precision) -> Option<Date> {
    match precision {
        Precision::Year => Date::year(year),
        Precision::Month => Date::ym(year, month),
        Precision::Day => Date::ymd(year, month, day),
        Precision::Minute => Date::new(
            year,
            Some(month),
            Some(day),
            Some(TimeOfDay {
                hour: t.hour() as u8,
                minute: t.minute() as u8,
            }),
        ),
    }
    .ok()
}
