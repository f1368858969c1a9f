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

#[cfg(test)]
mod tests {
    use super::*;

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
