//! Pictures in a Markwhen event's text (`![alt](address)`): the reference
//! takes them out of the title; the first becomes the event's media, the
//! others stay in its description, so that none is lost.

use crate::model::{Media, address_problem};

/// The longest alternative text and address read as a picture.
const MAX_ALT: usize = 1000;
const MAX_ADDRESS: usize = 4000;

/// The text without its pictures, the first picture as media, and the
/// others as Markdown.
pub(super) fn take_images(text: &str) -> (String, Option<Media>, Vec<String>) {
    let mut kept = String::with_capacity(text.len());
    let mut first = None;
    let mut others = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("![") {
        let after = &rest[i + 2..];
        // Looked for within a bounded window, so that a line of many `![`
        // is read in linear time.
        let within = |t: &str, byte: u8, most: usize| {
            memchr::memchr(byte, &t.as_bytes()[..t.len().min(most + 1)])
        };
        let picture = within(after, b']', MAX_ALT).and_then(|j| {
            let tail = after[j..].strip_prefix("](")?;
            let k = within(tail, b')', MAX_ADDRESS)?;
            Some((&after[..j], &tail[..k], &tail[k + 1..]))
        });
        let Some((alt, url, tail)) = picture else {
            kept.push_str(&rest[..i + 2]);
            rest = after;
            continue;
        };
        if alt.contains('[') || url.contains(char::is_whitespace) || address_problem(url).is_some()
        {
            kept.push_str(&rest[..i + 2]);
            rest = after;
            continue;
        }
        kept.push_str(&rest[..i]);
        if first.is_none() {
            first = Some(Media {
                url: url.to_string(),
                alt: (!alt.trim().is_empty()).then(|| alt.trim().to_string()),
                ..Media::default()
            });
        } else {
            others.push(format!("![{alt}]({url})"));
        }
        rest = tail;
    }
    // The spacing around a picture stays, as the reference parser keeps it.
    kept.push_str(rest);
    (kept, first, others)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_leave_the_title_and_none_is_lost() {
        let (t, m, more) = take_images("Barn ![a barn](https://x.org/b.png) built ![](c.png)");
        // The spacing stays as written (the title is trimmed later).
        assert_eq!(t, "Barn  built ");
        let m = m.unwrap();
        assert_eq!(
            (m.url.as_str(), m.alt.as_deref()),
            ("https://x.org/b.png", Some("a barn"))
        );
        assert_eq!(more, ["![](c.png)"]);
        // Many openings and no picture: all kept.
        let many = "![".repeat(10_000) + "](x";
        assert_eq!(take_images(&many).0, many);
        // Not a picture: kept as written.
        let (t, m, _) = take_images("a ![b] c ![d](e f)");
        assert_eq!((t.as_str(), m), ("a ![b] c ![d](e f)", None));
    }
}
