//! Cells of the CSV files the app writes: safe to open in a spreadsheet,
//! and lists in one cell that keep names with separators in them.

use std::borrow::Cow;

/// A cell a spreadsheet would run as a formula (OWASP's rule: it starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) is written with a
/// leading `'`, which spreadsheets take as "this is text" and do not show.
/// Plain numbers (`-300`, `+1.5`) are left alone: they are not formulas, and
/// TimelineJS needs negative years as numbers.
///
/// A cell that already starts with `'` and such a character (the user's
/// own text) gets one more, so that reading it back gives it whole.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if (risky && !is_number(cell)) || looks_neutralized(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralize`] (for reading our own files
/// back).
pub fn unneutralize(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_neutralized(cell) => rest,
        _ => cell,
    }
}

/// `'` (one or more) then a character that starts a formula.
fn looks_neutralized(cell: &str) -> bool {
    cell.starts_with('\'')
        && cell
            .trim_start_matches('\'')
            .starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn is_number(cell: &str) -> bool {
    let digits = cell.trim_start_matches(['+', '-']);
    !digits.is_empty()
        && digits.len() + 1 >= cell.len()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// Values joined with `; ` in one cell, a `;`, `|` or `\` inside a value
/// written as `\;`, `\|`, `\\`.
pub fn join_list<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values
        .into_iter()
        .map(|v| {
            v.replace('\\', "\\\\")
                .replace(';', "\\;")
                .replace('|', "\\|")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The values of a cell holding several (`a; b`, `a | b`), a separator
/// after `\` kept as part of the value.
pub fn split_list(cell: &str) -> Vec<String> {
    // Most cells hold one value: no scan char by char.
    if memchr::memchr3(b';', b'|', b'\\', cell.as_bytes()).is_none() {
        let v = cell.trim();
        return if v.is_empty() {
            Vec::new()
        } else {
            vec![v.to_string()]
        };
    }
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(n @ (';' | '|' | '\\')) => current.push(n),
                Some(n) => {
                    current.push('\\');
                    current.push(n);
                }
                None => current.push('\\'),
            },
            ';' | '|' => out.push(std::mem::take(&mut current)),
            c => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Line numbers of byte offsets, counting `\r\n`, `\n` and a lone `\r`
/// (old Mac files) as one line break each: the csv reader's own count is
/// off by one in CRLF files and always 1 in CR-only ones.
pub struct LineIndex<'a> {
    bytes: &'a [u8],
    /// Byte offsets where lines 2, 3, … start.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::new();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            let lone_cr = bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
            if bytes[i] == b'\n' || lone_cr {
                starts.push(i + 1);
            }
        }
        Self { bytes, starts }
    }

    /// The 1-based line of the byte at `offset`. The `\n` of a `\r\n`
    /// belongs to the line it ends (the csv reader may start a record
    /// there: it ends records at the `\r`).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = if self.bytes.get(offset) == Some(&b'\n')
            && offset > 0
            && self.bytes.get(offset - 1) == Some(&b'\r')
        {
            offset + 1
        } else {
            offset
        };
        self.starts.partition_point(|&s| s <= offset) + 1
    }

    /// How many line breaks the bytes in `range` hold.
    pub fn breaks_in(&self, range: std::ops::Range<usize>) -> usize {
        let below = |offset: usize| self.starts.partition_point(|&s| s <= offset);
        below(range.end).saturating_sub(below(range.start))
    }

    /// The line a csv record starts on.
    pub fn line_of_position(&self, position: Option<&csv::Position>) -> usize {
        position.map_or(0, |p| self.line_of(p.byte() as usize))
    }
}

/// Why a row with more fields than its header is not read: its values
/// would land in the wrong columns. Empty fields after the last column (a
/// spreadsheet's trailing commas) are no reason.
pub fn extra_fields(record: &csv::StringRecord, header_len: usize) -> Option<String> {
    let extra = record
        .iter()
        .skip(header_len)
        .filter(|f| !f.trim().is_empty())
        .count();
    (record.len() > header_len && extra > 0).then(|| {
        format!(
            "{} fields, but the header has {header_len}: not read, so that no value lands in the wrong column (a comma in a field without quotes?)",
            record.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_in_lf_crlf_and_cr_files() {
        for text in ["a\nb\nc\n", "a\r\nb\r\nc\r\n", "a\rb\rc\r"] {
            let idx = LineIndex::new(text);
            let c = text.find('c').unwrap();
            let b = text.find('b').unwrap();
            assert_eq!(
                (idx.line_of(0), idx.line_of(b), idx.line_of(c)),
                (1, 2, 3),
                "{text:?}"
            );
        }
        // A quoted field over two lines: the next record is on line 3.
        let idx = LineIndex::new("\"x\ny\",1\nz,2\n");
        assert_eq!(idx.line_of(8), 3);
        assert_eq!(
            (
                idx.breaks_in(0..12),
                idx.breaks_in(3..8),
                idx.breaks_in(4..7)
            ),
            (3, 1, 0)
        );
    }

    #[test]
    fn formulas_are_neutralized_and_read_back() {
        for risky in [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            let safe = neutralize(risky);
            assert!(safe.starts_with('\''), "{risky:?}");
            assert_eq!(unneutralize(&safe), risky);
        }
        for plain in ["-300", "+1.5", "2015-09-30", "Russia", "", "-1,000"] {
            assert_eq!(neutralize(plain), plain);
            assert_eq!(unneutralize(plain), plain);
        }
        assert_eq!(unneutralize("'quoted"), "'quoted");
        // The user's own leading apostrophe survives the round trip.
        for own in ["'=x", "''=x", "'-300"] {
            assert_eq!(unneutralize(&neutralize(own)), own, "{own:?}");
        }
        assert_eq!(neutralize("'quoted"), "'quoted");
    }

    #[test]
    fn lists_keep_separators_inside_names() {
        let names = ["A|B", "C; D", "back\\slash", "plain"];
        let cell = join_list(names);
        assert_eq!(split_list(&cell), names);
        assert_eq!(split_list("a; b | c"), ["a", "b", "c"]);
        assert_eq!(split_list(" ; "), Vec::<String>::new());
    }
}
