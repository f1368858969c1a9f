//! A Markwhen file's YAML front matter, read by `yaml-rust2`'s event parser
//! into a small tree. Aliases are not expanded (they read as null): a few
//! lines of anchors could otherwise ask for more nodes than memory holds.
//! Nesting deeper than [`MAX_DEPTH`] is not kept either.

use super::custom::CustomSyntax;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// The deepest nesting kept; what is deeper reads as null.
pub const MAX_DEPTH: usize = 32;

/// A YAML value as the front matter needs it.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A scalar, and whether it was written plain (unquoted): `1` and `true`
    /// are then a number and a boolean, as JavaScript's YAML reads them.
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
    Null,
}

impl Node {
    /// The value of `key` in a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string (quoted, or plain and not a number, boolean or
    /// null).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, plain: false } => Some(text),
            Node::Scalar { text, plain: true } if plain_kind(text) == Kind::String => Some(text),
            _ => None,
        }
    }

    /// The text of a string or a number (a template may be either).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Node::Scalar { text, plain: false } => Some(text),
            Node::Scalar { text, plain: true }
                if matches!(plain_kind(text), Kind::String | Kind::Number) =>
            {
                Some(text)
            }
            _ => None,
        }
    }
}

#[derive(PartialEq)]
enum Kind {
    String,
    Number,
    Other,
}

/// What a plain scalar is under YAML's core schema.
fn plain_kind(text: &str) -> Kind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False"
        | "FALSE" => Kind::Other,
        _ if text.parse::<f64>().is_ok() && !text.ends_with(['.', 'e', 'E']) => Kind::Number,
        _ if text.starts_with("0x") || text.starts_with("0o") => Kind::Number,
        _ => Kind::String,
    }
}

/// Where the front matter cannot be read as YAML: line and column (from 1)
/// within it, and what was wrong.
#[derive(Debug, PartialEq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads the front matter's text (between the `---` lines) as YAML.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    let mut builder = Builder::default();
    Parser::new_from_str(text)
        .load(&mut builder, false)
        .map_err(|e| YamlError {
            line: e.marker().line(),
            column: e.marker().col() + 1,
            message: e.info().to_string(),
        })?;
    Ok(builder.root.unwrap_or(Node::Null))
}

/// Builds the tree from the parser's events with an explicit stack (no
/// recursion on the input's nesting).
#[derive(Default)]
struct Builder {
    /// Open lists and maps; a map's pending key is kept beside it.
    stack: Vec<(Node, Option<String>)>,
    /// How deep past [`MAX_DEPTH`] the events are (not kept).
    ignored: usize,
    root: Option<Node>,
}

impl Builder {
    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((Node::List(items), _)) => items.push(node),
            Some((Node::Map(entries), key)) => match key.take() {
                Some(k) => entries.push((k, node)),
                // A key: a scalar's text; a list or map as a key is kept
                // as no key.
                None => {
                    *key = Some(match node {
                        Node::Scalar { text, .. } => text,
                        _ => String::new(),
                    })
                }
            },
            Some(_) => {}
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, _mark: Marker) {
        let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
        let closes = matches!(event, Event::SequenceEnd | Event::MappingEnd);
        if self.ignored > 0 {
            if opens {
                self.ignored += 1;
            } else if closes {
                self.ignored -= 1;
                if self.ignored == 0 {
                    self.push_value(Node::Null);
                }
            }
            return;
        }
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) if self.stack.len() >= MAX_DEPTH => {
                self.ignored = 1;
            }
            Event::SequenceStart(..) => self.stack.push((Node::List(Vec::new()), None)),
            Event::MappingStart(..) => self.stack.push((Node::Map(Vec::new()), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((node, _)) = self.stack.pop() {
                    self.push_value(node);
                }
            }
            Event::Scalar(text, style, ..) => {
                let plain = style == TScalarStyle::Plain;
                self.push_value(Node::Scalar { text, plain });
            }
            Event::Alias(_) => self.push_value(Node::Null),
            _ => {}
        }
    }
}

/// Where a header without `---` ends (its first event line or heading),
/// when it declares `dateFormat` rules.
fn bare_header_end(text: &str) -> Option<usize> {
    let mut declares = false;
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if super::starts_with_date(t)
            || (t.starts_with('#') && t.trim_start_matches('#').starts_with(' '))
        {
            return declares.then_some(n);
        }
        declares |= line.starts_with("dateFormat:");
    }
    declares.then(|| text.lines().count())
}

/// A header without `---` that declares `dateFormat` rules, read as YAML
/// up to the first event (built-in, or one its own rules read) or heading,
/// as the reference reads it; `None` when there is none, or it is not YAML
/// (reported: its lines are then read one by one). Gives the rules and the
/// header's end.
pub(super) fn read_bare_header(
    text: &str,
    origin: &str,
    title: &mut String,
    description: &mut String,
    skipped: &mut Vec<String>,
) -> Option<(Option<CustomSyntax>, usize)> {
    let mut end = bare_header_end(text)?;
    // Comments become empty lines: YAML's line numbers stay the file's.
    let header = |end: usize| -> String {
        text.lines()
            .take(end)
            .map(|l| {
                if l.trim_start().starts_with("//") {
                    ""
                } else {
                    l
                }
            })
            .flat_map(|l| [l, "\n"])
            .collect()
    };
    let mut said = Vec::new();
    let (mut parsed, mut rules) =
        read_front_matter(&header(end), origin, 0, title, description, &mut said);
    // The header also ends at the first line its own rules read as an event.
    if let Some(cut) = rules.as_ref().and_then(|r| {
        let declared = text.lines().position(|l| l.starts_with("dateFormat:"))?;
        text.lines()
            .enumerate()
            .take(end)
            .skip(declared + 1)
            .find(|(_, l)| !l.starts_with([' ', '\t', '-']) && r.match_line(l).is_some())
            .map(|(n, _)| n)
    }) {
        end = cut;
        said.clear();
        (parsed, rules) = read_front_matter(&header(end), origin, 0, title, description, &mut said);
    }
    skipped.append(&mut said);
    parsed.then_some((rules, end))
}

/// The front matter read as YAML: its title and description (over those
/// read line by line) and its `dateFormat` rules; what cannot be read is
/// reported. `opening` is the line number of its first `---`. Says
/// whether it was YAML, and gives the rules.
pub(super) fn read_front_matter(
    yaml: &str,
    origin: &str,
    opening: usize,
    title: &mut String,
    description: &mut String,
    skipped: &mut Vec<String>,
) -> (bool, Option<CustomSyntax>) {
    let node = match parse(yaml) {
        Ok(node) => node,
        Err(e) => {
            skipped.push(format!(
                "{origin}: line {}, column {}: the front matter is not YAML ({}): its title and description are read line by line, its dateFormat rules are not",
                opening + e.line,
                e.column,
                e.message
            ));
            return (false, None);
        }
    };
    if let Some(t) = node.get("title").and_then(Node::as_text) {
        *title = t.trim().to_string();
    }
    if let Some(d) = node.get("description").and_then(Node::as_text) {
        *description = d.trim().to_string();
    }
    let Some(config) = node.get("dateFormat") else {
        return (true, None);
    };
    let (custom, problems) = CustomSyntax::from_front_matter(config);
    let line = opening.max(1);
    skipped.extend(
        problems
            .into_iter()
            .map(|p| format!("{origin}: line {line}: {p}")),
    );
    (true, custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_maps_and_scalars_are_read() {
        let node = parse("title: A\ndateFormat:\n  - pattern: '^x$'\n    from:\n      group: 1\n")
            .unwrap();
        assert_eq!(node.get("title").and_then(Node::as_str), Some("A"));
        let Some(Node::List(rules)) = node.get("dateFormat") else {
            panic!("{node:?}")
        };
        assert_eq!(rules[0].get("pattern").and_then(Node::as_str), Some("^x$"));
        let group = rules[0].get("from").and_then(|f| f.get("group")).unwrap();
        assert_eq!(group.as_str(), None, "a plain 1 is a number");
        assert_eq!(group.as_text(), Some("1"));
    }

    #[test]
    fn aliases_are_not_expanded_and_deep_nesting_is_cut() {
        // A billion laughs: each level names the one before ten times.
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let node = parse(&text).unwrap();
        let Some(Node::List(last)) = node.get("a11") else {
            panic!()
        };
        assert!(last.iter().all(|n| *n == Node::Null));
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        // Either refused by the parser or cut at MAX_DEPTH; never a crash.
        if let Ok(node) = parse(&deep) {
            let mut depth = 0;
            let mut n = &node;
            while let Node::List(items) = n {
                depth += 1;
                match items.first() {
                    Some(next) => n = next,
                    None => break,
                }
            }
            assert!(depth <= MAX_DEPTH + 1, "{depth}");
        }
    }

    #[test]
    fn a_broken_front_matter_says_where() {
        let e = parse("title: A\ndateFormat: [unclosed\n").unwrap_err();
        assert!(e.line >= 2, "{e:?}");
        assert!(!e.message.is_empty());
    }
}
