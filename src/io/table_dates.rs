//! Dates in analysts' tables, read as a column: what one cell cannot
//! decide (is `03/04/2015` March or April? is `20200509` a year or a day?
//! which century is `'20`?) is decided once from the whole column and said
//! in the import report, never guessed row by row.
//!
//! Forms: ISO (`2015`, `2015-09-30`, `2015-09-30 12:00:00Z`), slash dates
//! (`m/d/yyyy` unless a first number is over 12), dot dates (`dd.mm.yyyy`),
//! ACLED's `9-May-20` and `09-May-2020`, `28 December 2022`, Excel's
//! `Mar-46`, GDELT's `SQLDATE` (`20200509`) and `MonthYear` (`202005`),
//! ranges in one cell (`2004-2011`, `April-May 1945`) and approximate forms
//! (`c. 1850`, `1850?`, `~1850`, `1850s`), which come out as dates of their
//! precision with certainty Approximate.

use crate::model::{Date, MONTH_NAMES, parse_entry, quoted};

/// How a column's cells are read, decided from all of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ColumnReading {
    /// Slash dates are day/month/year (some first number is over 12).
    pub day_first: bool,
    /// Every number of 8 (or 6) digits is a valid YYYYMMDD (YYYYMM): the
    /// column is GDELT's SQLDATE (MonthYear), not years in the millions.
    pub compact_digits: bool,
    /// Some year was written with two digits (read with [`PIVOT`]).
    pub two_digit_years: bool,
    /// Some date was written with dots (read day first).
    pub dotted: bool,
}

/// Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are
/// 1930–1999.
pub const PIVOT: i64 = 30;

/// Longer cells are not dates.
const MAX_DATE_CHARS: usize = 60;

/// One cell's reading.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CellDate {
    pub start: Date,
    /// The end of a range written in the cell (`2004-2011`).
    pub end: Option<Date>,
    /// `c. 1850`, `1850?`, `1850s`: the date is approximate.
    pub approximate: bool,
}

/// What a column's cells say about how to read them, gathered cell by
/// cell (and part by part of a table, then merged).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateEvidence {
    day_over_12: bool,
    compact: bool,
    compact_bad: bool,
}

impl DateEvidence {
    pub fn add(&mut self, cell: &str) {
        let t = cell.trim();
        let mut parts = t.split('/');
        if let (Some(first), Some(_), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
            && first.trim().len() <= 2
            && first.trim().parse::<u32>().is_ok_and(|d| d > 12)
        {
            self.day_over_12 = true;
        }
        if t.len() >= 5 && t.bytes().all(|b| b.is_ascii_digit()) {
            match t.len() {
                8 | 6 if compact_date(t).is_some() => self.compact = true,
                _ => self.compact_bad = true,
            }
        }
    }

    pub fn merge(self, other: Self) -> Self {
        Self {
            day_over_12: self.day_over_12 || other.day_over_12,
            compact: self.compact || other.compact,
            compact_bad: self.compact_bad || other.compact_bad,
        }
    }

    pub fn reading(self) -> ColumnReading {
        ColumnReading {
            day_first: self.day_over_12,
            compact_digits: self.compact && !self.compact_bad,
            ..ColumnReading::default()
        }
    }
}

impl ColumnReading {
    /// Decides from every cell of the column.
    pub fn of<'a>(cells: impl IntoIterator<Item = &'a str>) -> Self {
        let mut evidence = DateEvidence::default();
        for cell in cells {
            evidence.add(cell);
        }
        evidence.reading()
    }

    /// Takes in what another reading of the same column learnt while
    /// reading its cells (two-digit years, dots).
    pub fn learn(&mut self, other: &ColumnReading) {
        self.two_digit_years |= other.two_digit_years;
        self.dotted |= other.dotted;
    }

    /// The assumptions to report, naming the column.
    pub fn notes(&self, origin: &str, column: &str) -> Vec<String> {
        let mut out = Vec::new();
        let col = quoted(column);
        if self.day_first {
            out.push(format!(
                "{origin}: slash dates in {col} read as day/month/year, since some day is over 12"
            ));
        }
        if self.dotted {
            out.push(format!(
                "{origin}: dates with dots in {col} read as day.month.year"
            ));
        }
        if self.compact_digits {
            out.push(format!(
                "{origin}: numbers of 8 digits in {col} read as YYYYMMDD and of 6 as YYYYMM (GDELT's SQLDATE and MonthYear), not as years"
            ));
        }
        if self.two_digit_years {
            out.push(format!(
                "{origin}: two-digit years in {col} read as Excel does: 00–29 as 2000–2029, 30–99 as 1930–1999"
            ));
        }
        out
    }
}

/// `20200509` or `202005` as a date, if it is one.
fn compact_date(t: &str) -> Option<Date> {
    let year: i64 = t.get(..4)?.parse().ok()?;
    let month: u8 = t.get(4..6)?.parse().ok()?;
    match t.len() {
        8 => Date::ymd(year, month, t.get(6..8)?.parse().ok()?).ok(),
        6 => Date::ym(year, month).ok(),
        _ => None,
    }
}

fn full_year(two: i64) -> i64 {
    if two < PIVOT { 2000 + two } else { 1900 + two }
}

fn month_of(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    MONTH_NAMES
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(&lower))
        .map(|i| i as u8 + 1)
}

/// Reads one cell with the column's reading; `reading` learns whether a
/// two-digit year or a dot date was met (for the report).
pub fn parse_table_date(text: &str, reading: &mut ColumnReading) -> Result<CellDate, String> {
    let t = text.trim();
    // Dates are short; a long cell is not read form by form (each form
    // would scan it again).
    if t.chars().count() > MAX_DATE_CHARS {
        return Err(format!(
            "{} is not a date (over {MAX_DATE_CHARS} characters)",
            quoted(t)
        ));
    }
    let plain = |start: Date| CellDate {
        start,
        end: None,
        approximate: false,
    };
    // The forms made of dates (approximate, ranges) read their parts as
    // single dates only: no part is read as a range again, so a cell of
    // nested separators costs a few passes, never an explosion.
    if let Some(d) = approximate(t, reading) {
        return Ok(d);
    }
    if let Some(d) = range(t, reading) {
        return d;
    }
    single(t, reading).map(plain)
}

/// One date, not a range or an approximate one.
fn single(t: &str, reading: &mut ColumnReading) -> Result<Date, String> {
    // A plain number of five digits or more is a year only in deep time
    // (negative) or when the column is not GDELT-shaped: 20200509 is never
    // the year 20,200,509 in a table whose other cells are dates.
    if t.len() >= 5 && t.bytes().all(|b| b.is_ascii_digit()) {
        if reading.compact_digits
            && let Some(d) = compact_date(t)
        {
            return Ok(d);
        }
        return Err(format!(
            "{} is not a date (a number of {} digits: write years of more than four digits with a sign, or YYYYMMDD in every row)",
            quoted(t),
            t.len()
        ));
    }
    if let Ok(d) = t.parse::<Date>() {
        return Ok(d);
    }
    // 2015-09-30 12:34[:56][.fff][Z|+hh:mm]: keep the minute.
    if t.len() >= 16
        && matches!(t.as_bytes()[10], b' ' | b'T')
        && let Some(Ok(d)) = t.get(..16).map(|h| h.replacen(' ', "T", 1).parse::<Date>())
    {
        return Ok(d);
    }
    if let Some(d) = numeric(t, reading) {
        return d;
    }
    if let Some(d) = dashed_month(t, reading) {
        return d;
    }
    if let Ok(d) = parse_entry(t) {
        return Ok(d);
    }
    crate::io::markwhen::parse_date_styled(t, reading.day_first).ok_or_else(|| {
        format!(
            "{} is not a date (expected e.g. 2015, 2015-09-30, 09/30/2015, 30.09.2015, 30 Sep 2015, 9-May-20, 20150930, c. 1850, 300 BC)",
            quoted(t)
        )
    })
}

/// `d/m/y` or `m/d/y` (slashes), `d.m.y` (dots), two- or four-digit years.
fn numeric(t: &str, reading: &mut ColumnReading) -> Option<Result<Date, String>> {
    let (sep, dotted) = if t.contains('/') {
        ('/', false)
    } else if t.contains('.') {
        ('.', true)
    } else {
        return None;
    };
    // A time after the date: `25/12/2015 10:00[:00]`.
    let (t, time) = match t.split_once(' ') {
        Some((date, clock)) => {
            let mut hm = clock.trim().splitn(3, ':');
            let h = hm.next()?.parse::<u8>().ok()?;
            let m = hm.next()?.get(..2)?.parse::<u8>().ok()?;
            (date, Some(crate::model::TimeOfDay { hour: h, minute: m }))
        }
        None => (t, None),
    };
    let parts: Vec<&str> = t.split(sep).map(str::trim).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let (a, b, yn) = (num(a)?, num(b)?, num(y)?);
    let year = if y.len() == 2 {
        reading.two_digit_years = true;
        full_year(yn)
    } else {
        yn
    };
    if dotted {
        reading.dotted = true;
    }
    let (day, month) = if dotted || reading.day_first {
        (a, b)
    } else {
        (b, a)
    };
    let order = if dotted || reading.day_first {
        "day/month/year"
    } else {
        "month/day/year"
    };
    Some(
        u8::try_from(month)
            .ok()
            .zip(u8::try_from(day).ok())
            .and_then(|(m, d)| Date::new(year, Some(m), Some(d), time).ok())
            .ok_or_else(|| format!("{} is not a date (read as {order})", quoted(t))),
    )
}

/// ACLED's `9-May-20` and `09-May-2020`; Excel's `Mar-46` (a month).
fn dashed_month(t: &str, reading: &mut ColumnReading) -> Option<Result<Date, String>> {
    let parts: Vec<&str> = t.split('-').map(str::trim).collect();
    let year_of = |y: &str, reading: &mut ColumnReading| -> Option<i64> {
        if !y.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        match y.len() {
            2 => {
                reading.two_digit_years = true;
                Some(full_year(y.parse().ok()?))
            }
            4 => y.parse().ok(),
            _ => None,
        }
    };
    match parts.as_slice() {
        [d, m, y] if d.len() <= 2 => {
            let day: u8 = d.parse().ok()?;
            let month = month_of(m)?;
            let year = year_of(y, reading)?;
            Some(
                Date::ymd(year, month, day)
                    .map_err(|e| format!("{} is not a date: {e}", quoted(t))),
            )
        }
        [m, y] => {
            let month = month_of(m)?;
            let year = year_of(y, reading)?;
            Some(Date::ym(year, month).map_err(|e| format!("{} is not a date: {e}", quoted(t))))
        }
        _ => None,
    }
}

/// `c. 1850`, `ca. 1850`, `circa 1850`, `about 1850`, `~1850`, `1850?`,
/// `1850s`.
fn approximate(t: &str, reading: &mut ColumnReading) -> Option<CellDate> {
    let lower = t.to_ascii_lowercase();
    let stripped = [
        "circa ", "ca. ", "ca ", "c. ", "c.", "about ", "approx. ", "~",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))
    .or_else(|| lower.strip_suffix('?'))
    .map(str::trim);
    if let Some(rest) = stripped {
        let mut inner = *reading;
        let d = single(rest, &mut inner).ok()?;
        reading.two_digit_years |= inner.two_digit_years;
        reading.dotted |= inner.dotted;
        return Some(CellDate {
            start: d,
            end: None,
            approximate: true,
        });
    }
    // 1850s: the decade.
    let decade = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('s'))?;
    if decade.len() == 4 && decade.ends_with('0') && decade.bytes().all(|b| b.is_ascii_digit()) {
        let y: i64 = decade.parse().ok()?;
        return Some(CellDate {
            start: Date::year(y).ok()?,
            end: Some(Date::year(y + 9).ok()?),
            approximate: true,
        });
    }
    None
}

/// `2004-2011`, `2004 – 2011`, `April-May 1945`, `1 - 3 May 2020`.
fn range(t: &str, reading: &mut ColumnReading) -> Option<Result<CellDate, String>> {
    let (a, b) = t
        .split_once(" – ")
        .or_else(|| t.split_once('–'))
        .or_else(|| t.split_once(" - "))
        .or_else(|| {
            // One hyphen between two years or two month names.
            let (a, b) = t.split_once('-')?;
            (!b.contains('-')).then_some((a, b))
        })?;
    let (a, b) = (a.trim(), b.trim());
    let years = |s: &str| s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit());
    let (start, end) = if years(a) && years(b) {
        (
            Date::year(a.parse().ok()?).ok()?,
            Date::year(b.parse().ok()?).ok()?,
        )
    } else if let (Some(m1), Some((m2, y))) = (month_of(a), b.split_once(' ')) {
        // April-May 1945
        let m2 = month_of(m2)?;
        let y: i64 = y.trim().parse().ok()?;
        (Date::ym(y, m1).ok()?, Date::ym(y, m2).ok()?)
    } else {
        // Bare numbers are no side of a range (`12-2015` is not year 12 to
        // 2015), except a day before a full date: `1 - 3 May 2020`.
        let bare = |s: &str| s.bytes().all(|c| c.is_ascii_digit());
        let mut inner = *reading;
        let end = single(b, &mut inner).ok()?;
        if bare(b) {
            return None;
        }
        let start = if bare(a) && a.len() <= 2 {
            let (m, _) = (end.month()?, end.day()?);
            Date::ymd(end.year_value(), m, a.parse().ok()?).ok()?
        } else if bare(a) {
            return None;
        } else {
            single(a, &mut inner).ok()?
        };
        (start, end)
    };
    if end.end_axis_days() <= start.axis_days() {
        return Some(Err(format!(
            "{} is not a range: it ends before it starts",
            quoted(t)
        )));
    }
    Some(Ok(CellDate {
        start,
        end: Some(end),
        approximate: false,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(cells: &[&str]) -> (Vec<String>, ColumnReading) {
        let mut r = ColumnReading::of(cells.iter().copied());
        let out = cells
            .iter()
            .map(|c| match parse_table_date(c, &mut r) {
                Ok(d) => {
                    let mut s = d.start.to_iso();
                    if let Some(e) = d.end {
                        s.push_str(&format!("/{}", e.to_iso()));
                    }
                    if d.approximate {
                        s.push('~');
                    }
                    s
                }
                Err(e) => format!("error: {e}"),
            })
            .collect();
        (out, r)
    }

    #[test]
    fn acled_and_excel_forms() {
        let (got, r) = read(&[
            "9-May-20",
            "09-May-2020",
            "28 December 2022",
            "Mar-46",
            "1-Jan-29",
            "1-Jan-30",
        ]);
        assert_eq!(
            got,
            [
                "2020-05-09",
                "2020-05-09",
                "2022-12-28",
                "1946-03",
                "2029-01-01",
                "1930-01-01"
            ]
        );
        assert!(r.two_digit_years);
        assert!(r.notes("a.csv", "event_date")[0].contains("00–29 as 2000–2029"));
    }

    #[test]
    fn gdelt_digits_are_days_or_months_never_years() {
        let (got, r) = read(&["20200509", "20191231", "202005"]);
        assert_eq!(got, ["2020-05-09", "2019-12-31", "2020-05"]);
        assert!(r.compact_digits);
        assert!(r.notes("g.tsv", "SQLDATE")[0].contains("YYYYMMDD"));
        // A column where some long number is not a date: none is read as a
        // year in the millions.
        let (got, r) = read(&["20200509", "99999999"]);
        assert!(!r.compact_digits);
        assert!(got.iter().all(|g| g.starts_with("error")), "{got:?}");
        // Four digits stay years; signed deep time too.
        assert_eq!(read(&["2020", "-13800000000"]).0, ["2020", "-13800000000"]);
    }

    #[test]
    fn slash_and_dot_dates_are_decided_by_the_column() {
        assert_eq!(
            read(&["03/04/2015", "12/25/2015"]).0,
            ["2015-03-04", "2015-12-25"]
        );
        let (got, r) = read(&["03/04/2015", "25/12/2015"]);
        assert_eq!(got, ["2015-04-03", "2015-12-25"]);
        assert!(r.day_first);
        let (got, r) = read(&["30.09.2015", "1.2.15"]);
        assert_eq!(got, ["2015-09-30", "2015-02-01"]);
        assert!(r.dotted && r.two_digit_years);
        assert!(read(&["31/02/2015", "25/12/2015"]).0[0].starts_with("error"));
        // A time after a slash date keeps the column's order.
        assert_eq!(
            read(&["03/04/2015 10:00", "25/12/2015 10:00:00"]).0,
            ["2015-04-03T10:00", "2015-12-25T10:00"]
        );
        // Year-first slashes do not make a column day first.
        let (got, r) = read(&["2015/09/30", "03/04/2015"]);
        assert!(!r.day_first);
        assert_eq!(got[1], "2015-03-04");
    }

    #[test]
    fn ranges_and_approximate_dates() {
        assert_eq!(
            read(&[
                "2004-2011",
                "April-May 1945",
                "c. 1850",
                "1850?",
                "~1850",
                "1850s",
                "ca. 12 May 1850"
            ])
            .0,
            [
                "2004/2011",
                "1945-04/1945-05",
                "1850~",
                "1850~",
                "1850~",
                "1850/1859~",
                "1850-05-12~"
            ]
        );
        assert!(read(&["2011-2004"]).0[0].starts_with("error"));
        assert_eq!(
            read(&["1 - 3 May 2020", "9-11 May 2020"]).0,
            ["2020-05-01/2020-05-03", "2020-05-09/2020-05-11"]
        );
        assert!(
            read(&["12-2015"]).0[0].starts_with("error"),
            "not year 12 to 2015"
        );
        // Still ISO: a month is not a range.
        assert_eq!(
            read(&["2004-11", "2015-09-30 12:34:56Z"]).0,
            ["2004-11", "2015-09-30T12:34"]
        );
    }

    #[test]
    fn anything_else_is_refused_with_its_text() {
        for bad in [
            "sometime",
            "",
            "32-May-20",
            "9-Foo-20",
            "1/2",
            "-",
            "c.",
            "s",
        ] {
            let (got, _) = read(&[bad]);
            assert!(got[0].starts_with("error"), "{bad:?} read as {got:?}");
        }
    }
}
