//! The words of an event line: its `!id`, its `#tags`, its title.

use super::media;
use crate::model::{MONTH_NAMES, slug};
use std::collections::HashSet;

/// The id an event line gets from its text (`rest`, the line after the
/// date `date_text`) when it names none; `None` when it names one (`!id`)
/// or has no title (its id then follows its line number). The exporter
/// writes an `id:` line wherever this is not the event's id.
pub(super) fn id_from_text(date_text: &str, rest: &str) -> Option<String> {
    let (rest_text, given) = take_id(rest);
    if given.is_some() {
        return None;
    }
    let (rest_text, _, _) = media::take_images(&rest_text);
    let title = strip_tags(&rest_text);
    (!title.is_empty())
        .then(|| slug(&format!("{title} {date_text}")))
        .filter(|s| !s.is_empty())
}

/// The text without its `!id` (the first `!` word: letters, digits, `-`
/// and `_`), and the id.
pub(super) fn take_id(text: &str) -> (String, Option<String>) {
    let mut id = None;
    let kept: Vec<&str> = text
        .split(' ')
        .filter(|w| {
            let name = w.strip_prefix('!').filter(|n| {
                !n.is_empty()
                    && n.chars()
                        .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            });
            match name {
                Some(n) if id.is_none() => {
                    id = Some(n.to_string());
                    false
                }
                _ => true,
            }
        })
        .collect();
    (kept.join(" ").trim().to_string(), id)
}

/// Whether text was meant as a date: it starts with a digit or a sign, is
/// `now`, or starts with a month name.
pub(super) fn looks_like_date(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("").to_string();
    // `- [ ] item`, `- note`: a list item of a description, not a date.
    let list_item = lower.starts_with("- ") || lower.starts_with("-[");
    // Relative dates: `after !id …`, `before !id …`, `by 2 weeks …`.
    let relative = lower.starts_with("after !")
        || lower.starts_with("before !")
        || lower
            .strip_prefix("by ")
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit() || c == '!'));
    // `!a / !b`: a range between other events.
    let previous = lower.starts_with(".start") || lower.starts_with(".end");
    if relative || previous || (lower.starts_with('!') && !lower.starts_with("![")) {
        return true;
    }
    (!list_item && lower.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
        || lower.starts_with("now")
        || lower.starts_with("today")
        || MONTH_NAMES
            .iter()
            .any(|m| first.len() >= 3 && m.to_lowercase().starts_with(&first))
}

/// `text` after `prefix` (ASCII), in any case.
pub(super) fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The `#tags` in a line (lowercase, without the `#`).
pub(super) fn tags_in(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut seen = HashSet::new();
    for w in text.split_whitespace() {
        if let Some(t) = w.strip_prefix('#') {
            let t: String = t
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let t = t.to_lowercase();
            if !t.is_empty() && seen.insert(t.clone()) {
                tags.push(t);
            }
        }
    }
    tags
}

/// The text without its `#tags`.
pub(super) fn strip_tags(text: &str) -> String {
    // Each `#tag` goes with one space before it, as the reference parser
    // takes tags out; the rest of the spacing stays as written.
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let after = rest.trim_start();
        let space = &rest[..rest.len() - after.len()];
        let word_len = after.find(char::is_whitespace).unwrap_or(after.len());
        let (word, tail) = after.split_at(word_len);
        if word.starts_with('#') {
            let mut kept = space.chars();
            kept.next_back();
            out.push_str(kept.as_str());
        } else {
            out.push_str(space);
            out.push_str(word);
        }
        rest = tail;
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_in_any_case() {
        assert_eq!(strip_prefix_ignoring_case("TiTlE: A", "title:"), Some(" A"));
        assert_eq!(strip_prefix_ignoring_case("tİtle: A", "title:"), None);
        assert_eq!(strip_prefix_ignoring_case("ti", "title:"), None);
    }

    #[test]
    fn a_title_keeps_its_spacing_without_its_tags() {
        assert_eq!(
            strip_tags("in the  uk  #tag  timezone "),
            "in the  uk   timezone"
        );
        assert_eq!(strip_tags("#a b #c"), "b");
        assert_eq!(strip_tags("a\tb"), "a\tb");
    }
}
