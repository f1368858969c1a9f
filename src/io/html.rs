//! Text from the HTML that TimelineJS slides hold.

/// Readable text from TimelineJS HTML: tags dropped, entities decoded,
/// links kept (as footnoted addresses), paragraphs as line breaks.
pub fn html_to_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return html.trim().to_string();
    }
    // html2text indents nested blocks, which costs time per level of
    // nesting for all that is inside, and an HTML parser reopens unclosed
    // formatting elements in every paragraph: deeply nested markup, or a
    // text with more tags than any slide has, is read by a plain linear
    // pass instead.
    if tag_count(html) > MAX_HTML_TAGS || nesting_depth(html) > MAX_HTML_NESTING {
        return plain_text(html);
    }
    let text = html2text::config::plain_no_decorate()
        .link_footnotes(true)
        .string_from_read(html.as_bytes(), 10_000)
        .unwrap_or_else(|_| html.to_string());
    // Collapse the blank lines html2text leaves between blocks.
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.join("\n")
}

/// Deeper markup than this is read by [`plain_text`].
const MAX_HTML_NESTING: usize = 64;
/// A text with more tags than this is read by [`plain_text`].
const MAX_HTML_TAGS: usize = 500;

/// How many tags a text has (`<` and a letter or `/`).
fn tag_count(html: &str) -> usize {
    html.as_bytes()
        .windows(2)
        .filter(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
        .count()
}

/// Elements that have no closing tag.
const VOID_ELEMENTS: [&str; 8] = ["br", "hr", "img", "input", "meta", "link", "wbr", "source"];

/// How deeply elements nest in `html` (a linear estimate from the tags,
/// read as an HTML tokenizer reads them: a tag runs from `<` to the next
/// `>`, whatever is in between).
fn nesting_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let (tag, next) = match after.find('>') {
            Some(close) => (&after[..close], &after[close + 1..]),
            None => (after, ""),
        };
        rest = next;
        if tag.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || VOID_ELEMENTS.contains(&name.as_str()) || tag.ends_with('/') {
            continue;
        }
        depth += 1;
        max = max.max(depth);
    }
    max
}

/// Text from HTML in one pass: tags dropped (blocks and `<br>` end a
/// line), the usual entities decoded.
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('<') {
            // The tag's text (all the rest when it is never closed).
            let (tag, end) = match rest.find('>') {
                Some(e) => (&rest[1..e], e + 1),
                None => (&rest[1..], rest.len()),
            };
            let tag = tag.trim_start_matches('/');
            let name: String = tag
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            if matches!(
                name.as_str(),
                "br" | "p" | "li" | "div" | "tr" | "h1" | "h2" | "h3"
            ) && !out.ends_with('\n')
            {
                out.push('\n');
            }
            rest = &rest[end..];
        } else {
            // An entity is short: look for its `;` in the next few characters.
            let end = rest
                .char_indices()
                .take(12)
                .find(|(_, c)| *c == ';')
                .map(|(k, _)| k);
            let decoded = end.and_then(|e| decode_entity(&rest[1..e]));
            match (end, decoded) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &rest[e + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => name.strip_prefix('#')?.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_markup_is_read_in_one_pass() {
        let depth = 5_000;
        let html = format!(
            "{}<b>deep</b> &amp; &#233;{}",
            "<ul><li>".repeat(depth),
            "</li></ul>".repeat(depth)
        );
        assert_eq!(nesting_depth(&html), 2 * depth + 1);
        assert_eq!(html_to_text(&html), "deep & é");
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/></p>"), 1);
        assert_eq!(plain_text("a<br>b &bogus; &lt;c&gt;"), "a\nb &bogus; <c>");
        // Never cut inside a character: an unclosed tag or entity before
        // non-ASCII text.
        assert_eq!(plain_text("x<pю делегацию"), "x");
        // Unclosed formatting elements, each reopened by every paragraph.
        let reopened = "<S in 2020.</p>".repeat(5_000);
        assert!(tag_count(&reopened) > MAX_HTML_TAGS);
        assert_eq!(html_to_text(&reopened), "");
        // The `</p>` is inside the `<S …>` tag: each one opens an element.
        assert_eq!(nesting_depth(&"<S in 2020.</p>".repeat(300)), 300);
        assert_eq!(plain_text("&дамаске; ok"), "&дамаске; ok");
    }
}
