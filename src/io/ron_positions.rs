//! Where things are in a RON text: one pass over the text gives the line
//! and column of fields and list items named by their path
//! (`events[3].sources[1].date`), so that every problem the validator finds
//! points at its place. Run only when there are problems, and for the
//! paths asked for: O(text) time, memory for the answers only.

use std::collections::{HashMap, HashSet};

/// A line and column, both 1-based; columns count characters.
pub type Position = (usize, usize);

#[derive(Clone, Debug)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Debug)]
struct Frame {
    /// The path of the value this bracket opens (a list's or a struct's).
    path_len: usize,
    is_list: bool,
    /// In a list: the index of the next item.
    next_index: usize,
    /// A value is expected next (after `[`, `,` or `:`).
    expecting_value: bool,
}

/// Finds the positions of the `wanted` paths. A path is dotted keys and
/// `[index]` items from the top level: `title`, `events[3].end`,
/// `stories[0].steps[2].event`.
pub fn locate(text: &str, wanted: &HashSet<String>) -> HashMap<String, Position> {
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    // Bytes, not chars: the syntax is ASCII, and a `Vec<char>` of a large
    // text would take four times its size.
    let chars: &[u8] = text.as_bytes();
    let mut path: Vec<Segment> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    // Whether the value after the top-level struct name is the timeline.
    let (mut line, mut col) = (1usize, 1usize);
    let mut i = 0;
    let advance = |i: &mut usize, line: &mut usize, col: &mut usize, chars: &[u8]| {
        if chars[*i] == b'\n' {
            *line += 1;
            *col = 1;
        } else if chars[*i] & 0xC0 != 0x80 {
            // A character's first byte (not a UTF-8 continuation byte).
            *col += 1;
        }
        *i += 1;
    };
    let record = |path: &[Segment], pos: Position, found: &mut HashMap<String, Position>| {
        let s = path_string(path);
        if wanted.contains(&s) {
            found.entry(s).or_insert(pos);
        }
    };
    while i < chars.len() {
        let c = chars[i];
        // Comments.
        if c == b'/' && chars.get(i + 1) == Some(&b'/') {
            while i < chars.len() && chars[i] != b'\n' {
                advance(&mut i, &mut line, &mut col, chars);
            }
            continue;
        }
        if c == b'/' && chars.get(i + 1) == Some(&b'*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == b'/' && chars.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut col, chars);
                } else if chars[i] == b'*' && chars.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut col, chars);
                    if depth == 0 {
                        advance(&mut i, &mut line, &mut col, chars);
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut col, chars);
            }
            continue;
        }
        if c.is_ascii_whitespace() {
            advance(&mut i, &mut line, &mut col, chars);
            continue;
        }
        // An attribute such as `#![enable(implicit_some)]`.
        if c == b'#' && frames.is_empty() {
            while i < chars.len() && chars[i] != b']' {
                advance(&mut i, &mut line, &mut col, chars);
            }
            if i < chars.len() {
                advance(&mut i, &mut line, &mut col, chars);
            }
            continue;
        }
        let here = (line, col);
        // A value starts here in a list: record its item path.
        if let Some(f) = frames.last_mut()
            && f.expecting_value
            && f.is_list
            && !matches!(c, b']' | b',')
        {
            path.truncate(f.path_len);
            path.push(Segment::Index(f.next_index));
            record(&path, here, &mut found);
        }
        if let Some(f) = frames.last_mut()
            && !matches!(c, b',' | b']' | b')' | b'}')
        {
            f.expecting_value = false;
        }
        match c {
            b'"' => {
                let start = i;
                skip_string(chars, &mut i, &mut line, &mut col, 0);
                // `"key": value` (JSON, and RON maps) names a field too.
                let j = skip_space(chars, i);
                if chars.get(j) == Some(&b':')
                    && let Some(f) = frames.last_mut()
                    && !f.is_list
                {
                    let end = i.saturating_sub(1).max(start + 1);
                    let key = String::from_utf8_lossy(&chars[start + 1..end]).into_owned();
                    path.truncate(f.path_len);
                    path.push(Segment::Key(key));
                    record(&path, here, &mut found);
                    f.expecting_value = true;
                    while i <= j {
                        advance(&mut i, &mut line, &mut col, chars);
                    }
                }
            }
            b'r' if matches!(chars.get(i + 1), Some(b'"') | Some(b'#')) => {
                advance(&mut i, &mut line, &mut col, chars);
                let mut hashes = 0;
                while chars.get(i) == Some(&b'#') {
                    hashes += 1;
                    advance(&mut i, &mut line, &mut col, chars);
                }
                skip_string(chars, &mut i, &mut line, &mut col, hashes);
            }
            b'\'' => {
                advance(&mut i, &mut line, &mut col, chars);
                while i < chars.len() && chars[i] != b'\'' {
                    if chars[i] == b'\\' {
                        advance(&mut i, &mut line, &mut col, chars);
                    }
                    if i < chars.len() {
                        advance(&mut i, &mut line, &mut col, chars);
                    }
                }
                if i < chars.len() {
                    advance(&mut i, &mut line, &mut col, chars);
                }
            }
            b'(' | b'[' | b'{' => {
                // The path of this value: the list item or key just
                // recorded (a wrapper such as `Some(` keeps it).
                frames.push(Frame {
                    path_len: path.len(),
                    is_list: c == b'[',
                    next_index: 0,
                    expecting_value: true,
                });
                advance(&mut i, &mut line, &mut col, chars);
            }
            b')' | b']' | b'}' => {
                if let Some(f) = frames.pop() {
                    path.truncate(f.path_len);
                }
                // The value that closed belonged to a key or list item of the
                // frame around it: drop that segment.
                if let Some(f) = frames.last() {
                    path.truncate(f.path_len);
                }
                advance(&mut i, &mut line, &mut col, chars);
            }
            b',' => {
                if let Some(f) = frames.last_mut() {
                    if f.is_list {
                        f.next_index += 1;
                    }
                    f.expecting_value = true;
                    path.truncate(f.path_len);
                }
                advance(&mut i, &mut line, &mut col, chars);
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == b'_' || chars[i] >= 0x80)
                {
                    advance(&mut i, &mut line, &mut col, chars);
                }
                let ident = String::from_utf8_lossy(&chars[start..i]).into_owned();
                // `key:` (but not `a::b`) inside a struct is a field.
                let j = skip_space(chars, i);
                let is_key = chars.get(j) == Some(&b':') && chars.get(j + 1) != Some(&b':');
                if is_key && let Some(f) = frames.last_mut() {
                    path.truncate(f.path_len);
                    path.push(Segment::Key(ident));
                    record(&path, here, &mut found);
                    f.expecting_value = true;
                    while i <= j {
                        advance(&mut i, &mut line, &mut col, chars);
                    }
                }
            }
            _ => advance(&mut i, &mut line, &mut col, chars),
        }
    }
    found
}

/// The index of the next character after whitespace and comments.
fn skip_space(chars: &[u8], mut j: usize) -> usize {
    loop {
        while j < chars.len() && chars[j].is_ascii_whitespace() {
            j += 1;
        }
        match (chars.get(j), chars.get(j + 1)) {
            (Some(b'/'), Some(b'/')) => {
                while j < chars.len() && chars[j] != b'\n' {
                    j += 1;
                }
            }
            (Some(b'/'), Some(b'*')) => {
                j += 2;
                while j + 1 < chars.len() && !(chars[j] == b'*' && chars[j + 1] == b'/') {
                    j += 1;
                }
                j = (j + 2).min(chars.len());
            }
            _ => return j,
        }
    }
}

fn skip_string(chars: &[u8], i: &mut usize, line: &mut usize, col: &mut usize, hashes: usize) {
    let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
        if chars[*i] == b'\n' {
            *line += 1;
            *col = 1;
        } else if chars[*i] & 0xC0 != 0x80 {
            // A character's first byte (not a UTF-8 continuation byte).
            *col += 1;
        }
        *i += 1;
    };
    // The opening quote.
    if *i < chars.len() {
        step(i, line, col);
    }
    while *i < chars.len() {
        let c = chars[*i];
        if c == b'\\' && hashes == 0 {
            step(i, line, col);
            if *i < chars.len() {
                step(i, line, col);
            }
            continue;
        }
        if c == b'"' && (0..hashes).all(|k| chars.get(*i + 1 + k) == Some(&b'#')) {
            step(i, line, col);
            for _ in 0..hashes {
                step(i, line, col);
            }
            return;
        }
        step(i, line, col);
    }
}

fn path_string(path: &[Segment]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Segment::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Segment::Index(n) => {
                s.push('[');
                s.push_str(&n.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// The paths from `path` up to the top (`events[3].sources[1].date`,
/// `events[3].sources[1]`, `events[3].sources`, `events[3]`, `events`): the
/// place of a missing field is that of what holds it.
pub fn ancestors(path: &str) -> Vec<String> {
    let mut out = vec![path.to_string()];
    let mut p = path;
    loop {
        let cut = p.rfind(['.', '[']);
        match cut {
            Some(k) if k > 0 => {
                p = &p[..k];
                out.push(p.to_string());
            }
            _ => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, paths: &[&str]) -> HashMap<String, Position> {
        let wanted: HashSet<String> = paths.iter().map(|s| s.to_string()).collect();
        locate(text, &wanted)
    }

    #[test]
    fn fields_and_items_are_found_where_they_start() {
        let text = r##"#![enable(implicit_some)]
(
    title: "T", // a comment with "quotes" and (brackets
    events: [
        (
            id: "a",
            sources: [(title: "x"), (title: "y", date: "2020")],
        ),
        (id: "b", end: Some("2021"), note: r#"raw ) ] string"#, /* block ( */ start: "2020"),
    ],
)"##;
        let found = at(
            text,
            &[
                "title",
                "events",
                "events[0]",
                "events[0].id",
                "events[0].sources[1].date",
                "events[1].end",
                "events[1].start",
            ],
        );
        assert_eq!(found["title"], (3, 5));
        assert_eq!(found["events"], (4, 5));
        assert_eq!(found["events[0]"], (5, 9));
        assert_eq!(found["events[0].id"], (6, 13));
        assert_eq!(found["events[0].sources[1].date"], (7, 50));
        assert_eq!(found["events[1].end"], (9, 19));
        assert_eq!(found["events[1].start"], (9, 79));
    }

    #[test]
    fn a_key_may_be_apart_from_its_colon() {
        let text = "(\n  events\n\n  // a comment\n  /* another */ : [(id: \"a\")],\n)";
        let found = at(text, &["events", "events[0].id"]);
        assert_eq!(found["events"], (2, 3));
        assert_eq!(found["events[0].id"], (5, 21));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "(title: \"Ünïcødé ✓\", events: [(id: \"é\", end: \"x\")])";
        let found = at(text, &["events", "events[0].end"]);
        assert_eq!(found["events"], (1, 22));
        assert_eq!(found["events[0].end"], (1, 41));
    }

    #[test]
    fn json_keys_are_found_too() {
        let text = "{\n  \"title\": {\"text\": \"x\"},\n  \"events\": [\n    {\"a\": 1},\n    {\"start_date\": {\"year\": \"x\"}}\n  ]\n}";
        let found = at(text, &["events[1]", "events[1].start_date", "title.text"]);
        assert_eq!(found["events[1]"], (5, 5));
        assert_eq!(found["events[1].start_date"], (5, 6));
        assert_eq!(found["title.text"], (2, 13));
    }

    #[test]
    fn ancestors_go_up_to_the_list() {
        assert_eq!(
            ancestors("events[3].sources[1].date"),
            [
                "events[3].sources[1].date",
                "events[3].sources[1]",
                "events[3].sources",
                "events[3]",
                "events"
            ]
        );
    }

    #[test]
    fn broken_text_never_panics() {
        let wanted: HashSet<String> = ["events[0].id".to_string()].into();
        for text in [
            "(",
            ")",
            "\"",
            "r#\"",
            "'",
            "/*",
            "[,,]",
            "a:",
            "(a: [(b: )",
        ] {
            let _ = locate(text, &wanted);
        }
    }
}
