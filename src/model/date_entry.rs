//! Dates as people type them into a form: the file syntax (`2025-11-03`)
//! and the forms around it that have one reading only: `2025-11-3`,
//! `3 Nov 2025`, `Nov 3, 2025`, `November 2025`, `300 BCE`, `AD 50`.
//! Purely numeric day/month orders (`3/11/2025`) are refused: they read
//! one way in Europe and another in the United States.

use super::date::{Date, DateError, MONTH_NAMES, TimeOfDay};

/// Why a typed date was not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// The words made a date that does not exist (a 31 April).
    #[error(transparent)]
    Date(#[from] DateError),
    #[error("{0}")]
    Form(String),
}

/// Reads a date typed by a person. The strict file syntax first, then the
/// looser forms; a leading `-` or a trailing `BC`/`BCE` makes the year BCE.
pub fn parse_entry(text: &str) -> Result<Date, EntryError> {
    let s = text.trim();
    // The file syntax first; a date it reads but refuses (year 0, a 31
    // April) is refused with its own reason, not "not a date".
    match s.parse::<Date>() {
        Ok(d) => return Ok(d),
        Err(DateError::Syntax { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    // `-300-11-3`: a leading minus is BCE, as in the file syntax; a minus
    // before a number elsewhere (`3 Nov -300`) is refused, not dropped.
    if let Some(rest) = s.strip_prefix('-')
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        if strip_era(rest).1.is_some() {
            return Err(form_error(text));
        }
        return parse_entry(&format!("{rest} BCE"));
    }
    if s.match_indices('-').any(|(i, _)| {
        s[..i].ends_with(char::is_whitespace)
            && s[i + 1..].starts_with(|c: char| c.is_ascii_digit())
    }) {
        return Err(EntryError::Form(format!(
            "{}: write a year before the common era as 300 BCE",
            super::text::quoted(text)
        )));
    }
    let (s, era) = strip_era(s);
    let bce = era == Some(true);
    let words = words(s);
    let (words, time) = match words.split_last() {
        Some((Word::Time(t), rest)) => (rest, Some(*t)),
        _ => (words.as_slice(), None),
    };
    // A year needs three digits or an era: `25` may mean 2025 or 25 CE.
    let year = |y: i64, digits: usize| -> Result<i64, EntryError> {
        if digits <= 2 && era.is_none() {
            return Err(EntryError::Form(format!(
                "write the year in full ({} for this century, or {y} CE)",
                2000 + y
            )));
        }
        Ok(if bce { -y } else { y })
    };
    let date = match words {
        [Word::Number(y, _)] if era.is_some() => Date::new(year(*y, 4)?, None, None, None),
        // 2025-11-3, 2025/11/3, 2025-1: numbers joined by - or /, year first.
        [Word::Number(y, yl), Word::Number(m, ml), rest @ ..]
            if rest.len() <= 1 && *ml <= 2 && s.contains(['-', '/']) =>
        {
            let day = match rest {
                [Word::Number(d, dl)] if *dl <= 2 => Some(*d as u8),
                [] => None,
                _ => return Err(form_error(text)),
            };
            Date::new(year(*y, *yl)?, Some(*m as u8), day, time)
        }
        // 3 Nov 2025 / Nov 3 2025 / Nov 3, 2025
        [Word::Number(d, dl), Word::Month(m), Word::Number(y, yl)]
        | [Word::Month(m), Word::Number(d, dl), Word::Number(y, yl)]
            if *dl <= 2 =>
        {
            Date::new(year(*y, *yl)?, Some(*m), Some(*d as u8), time)
        }
        // 2025 Nov 3
        [Word::Number(y, yl), Word::Month(m), Word::Number(d, dl)] if *yl > 2 && *dl <= 2 => {
            Date::new(year(*y, *yl)?, Some(*m), Some(*d as u8), time)
        }
        // Nov 2025 / November 2025 / 2025 Nov
        [Word::Month(m), Word::Number(y, yl)] | [Word::Number(y, yl), Word::Month(m)] => {
            Date::new(year(*y, *yl)?, Some(*m), None, time)
        }
        _ => return Err(form_error(text)),
    }?;
    Ok(date)
}

fn form_error(text: &str) -> EntryError {
    EntryError::Form(format!(
        "{} is not a date: write 2025, Nov 2025, 3 Nov 2025, 2025-11-03 14:05 or 300 BCE",
        super::text::quoted(text)
    ))
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Word {
    /// A number and how many digits it was written with.
    Number(i64, usize),
    Month(u8),
    Time(TimeOfDay),
    Unknown,
}

/// `AD 50`, `50 AD`, `50 CE` are CE (`Some(false)`); `300 BC`, `300 BCE`,
/// `300 B.C.` BCE (`Some(true)`).
fn strip_era(s: &str) -> (&str, Option<bool>) {
    let lower = s.to_ascii_lowercase();
    for (suffix, bce) in [
        (" b.c.e.", true),
        (" b.c.", true),
        (" bce", true),
        (" bc", true),
        (" a.d.", false),
        (" ad", false),
        (" ce", false),
    ] {
        if lower.ends_with(suffix) && s.is_char_boundary(s.len() - suffix.len()) {
            return (s[..s.len() - suffix.len()].trim_end(), Some(bce));
        }
    }
    for prefix in ["ad ", "a.d. "] {
        if lower.starts_with(prefix) && s.is_char_boundary(prefix.len()) {
            return (s[prefix.len()..].trim_start(), Some(false));
        }
    }
    (s, None)
}

/// Splits at spaces, commas, dots, `-` and `/`; keeps `HH:MM` whole.
fn words(s: &str) -> Vec<Word> {
    s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .take(8)
        .map(word)
        .collect()
}

fn word(w: &str) -> Word {
    let w = w.trim_end_matches('.');
    if let Some((h, m)) = w.split_once(':') {
        return match (h.parse::<u8>(), m.parse::<u8>()) {
            (Ok(hour), Ok(minute)) if h.len() <= 2 && m.len() == 2 => {
                Word::Time(TimeOfDay { hour, minute })
            }
            _ => Word::Unknown,
        };
    }
    // 3rd, 21st, 2nd, 4th
    let digits = w
        .strip_suffix("st")
        .or_else(|| w.strip_suffix("nd"))
        .or_else(|| w.strip_suffix("rd"))
        .or_else(|| w.strip_suffix("th"))
        .filter(|d| !d.is_empty() && d.len() <= 2)
        .unwrap_or(w);
    if !digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits
            .parse()
            .map_or(Word::Unknown, |n| Word::Number(n, digits.len()));
    }
    month(w).map_or(Word::Unknown, Word::Month)
}

/// A month's English name or its abbreviation of three letters or more
/// (`Sept` too).
fn month(w: &str) -> Option<u8> {
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            name.starts_with(&lower)
        })
        .map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        parse_entry(s)
            .map(|d| d.to_iso())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn reads_the_forms_people_type() {
        for (typed, iso) in [
            ("2025-11-03", "2025-11-03"),
            ("2025-11-3", "2025-11-03"),
            ("2025/11/3", "2025-11-03"),
            ("2025-1", "2025-01"),
            ("3 Nov 2025", "2025-11-03"),
            ("3rd November 2025", "2025-11-03"),
            ("Nov 3, 2025", "2025-11-03"),
            ("Sept. 30 2015", "2015-09-30"),
            ("Nov 2025", "2025-11"),
            ("november 2025", "2025-11"),
            ("2025 Nov 3", "2025-11-03"),
            ("3 Nov 2025 14:05", "2025-11-03T14:05"),
            ("300 BCE", "-0300"),
            ("44 B.C.", "-0044"),
            ("March 44 BC", "-0044-03"),
            ("AD 50", "0050"),
            ("50 CE", "0050"),
            ("-300", "-0300"),
            ("-300-11-3", "-0300-11-03"),
            ("2025-11-3 9:05", "2025-11-03T09:05"),
            ("12 Nov 25 AD", "0025-11-12"),
            ("2015", "2015"),
        ] {
            assert_eq!(read(typed), iso, "{typed}");
        }
    }

    #[test]
    fn refuses_what_has_two_readings_or_none() {
        for typed in [
            "3/11/2025",
            "11/3",
            "May",
            "Ma 2025",
            "31 Apr 2025",
            "Nov 2025 14:05",
            "3 Nov",
            "12 Nov 25",
            "25-11-3",
            "2025-11-3-4",
            "tomorrow",
            "",
            "1 2 3 4 5 6 7 8 9 10",
            "é Nov 2025",
            "0",
            "2025-02-30",
            "3 Nov -300",
            "-300 BCE",
        ] {
            assert!(
                parse_entry(typed).is_err(),
                "{typed} read as {}",
                read(typed)
            );
        }
    }
}
