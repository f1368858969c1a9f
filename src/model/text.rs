//! Text forms used for matching and for ids.

use unicode_normalization::UnicodeNormalization;

/// Lowercase, without diacritics, every run of non-alphanumerics one space.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A kebab-case id from free text: "Ada Lovelace" → "ada-lovelace".
/// At most eight words; the text after them is never looked at (a title
/// made from a long description costs as much as a short one).
pub fn slug(text: &str) -> String {
    // ASCII text is its own canonical decomposition: no need to make it.
    if text.is_ascii() {
        slug_of(text.chars())
    } else {
        slug_of(text.nfd())
    }
}

/// [`slug`] of text already in canonical decomposition (NFD).
fn slug_of(decomposed: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(decomposed.size_hint().0.min(96));
    let mut words = 0;
    let mut in_word = false;
    for c in decomposed {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if !c.is_alphanumeric() {
            in_word = false;
            continue;
        }
        for l in c.to_lowercase() {
            if !l.is_ascii_alphanumeric() {
                in_word = false;
                continue;
            }
            if !in_word {
                if words == 8 {
                    return out;
                }
                if words > 0 {
                    out.push('-');
                }
                words += 1;
                in_word = true;
            }
            out.push(l);
        }
    }
    out
}

/// `true` for ids like `astana-talks-2017`: lowercase ASCII letters and
/// digits in words joined by single hyphens.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The most of a piece of text that a message quotes, in characters.
pub const QUOTE_CHARS: usize = 120;

/// `text` quoted for a message (`"like this"`, escapes shown), cut to about
/// [`QUOTE_CHARS`] characters with "…": a message never repeats megabytes.
pub fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        format!("{head:?}…")
    } else {
        format!("{head:?}")
    }
}

/// A list for a message: the first few items, each [`quoted`], then how
/// many more there are (a header of 100,000 columns is not repeated whole).
pub fn quoted_list(items: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<String> = items.iter().take(SHOWN).map(|i| quoted(i)).collect();
    if items.len() > SHOWN {
        out.push(format!("and {} more", items.len() - SHOWN));
    }
    out.join(", ")
}

/// A message cut to about [`QUOTE_CHARS`] × 2 characters (an error's own
/// text may repeat a whole identifier from the input).
pub fn shortened(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(QUOTE_CHARS * 2).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_messages_stay_short() {
        let many: Vec<String> = (0..100_000).map(|i| format!("column {i}")).collect();
        let list = quoted_list(&many);
        assert!(list.len() < 400, "{}", list.len());
        assert!(list.ends_with("and 99988 more"), "{list}");
        assert_eq!(quoted_list(&["a".into()]), "\"a\"");
        let long = "x".repeat(1_000_000);
        assert!(shortened(&long).chars().count() <= QUOTE_CHARS * 2 + 1);
        assert_eq!(shortened("short"), "short");
    }

    #[test]
    fn quotes_are_short() {
        assert_eq!(quoted("astana"), "\"astana\"");
        assert_eq!(quoted("a\"b\n"), "\"a\\\"b\\n\"");
        let long = "x".repeat(10_000_000);
        let q = quoted(&long);
        assert!(q.chars().count() <= QUOTE_CHARS + 3, "{}", q.len());
        assert!(q.ends_with('…'));
    }
}
