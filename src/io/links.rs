//! What a link may be: one rule for every importer, the RON validator, and
//! what the window opens.

/// An http or https address with a host: what a source's `url` may hold.
pub fn is_web_url(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// What the window may hand to the system's opener: http(s) addresses,
/// nothing else (no `mailto:` either, which starts a program with the
/// file's words in it; no `file:`, `javascript:`, `smb:`…).
pub fn is_openable_url(url: &str) -> bool {
    is_web_url(url)
}

/// Where a media or background address leads, for showing it: a web
/// link (opened on a click), a file (a relative path resolved against the
/// timeline file's folder; shown, never opened), or anything else (shown
/// as text).
#[derive(Clone, Debug, PartialEq)]
pub enum MediaLink {
    Web(String),
    File(std::path::PathBuf),
    Other(String),
}

/// How to show `url`, read from a file in `base_dir` (none for the
/// built-in dataset).
pub fn media_link(url: &str, base_dir: Option<&std::path::Path>) -> MediaLink {
    if is_web_url(url) {
        return MediaLink::Web(url.to_string());
    }
    // A scheme (`data:`, `javascript:`, `ftp://`) is not a path; a Windows
    // drive letter (`C:\`) is.
    let scheme = url.split_once(':').is_some_and(|(s, _)| {
        s.len() > 1
            && s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if scheme || url.trim().is_empty() || url.chars().any(char::is_control) {
        return MediaLink::Other(url.to_string());
    }
    let path = std::path::Path::new(url);
    match base_dir {
        Some(dir) if path.is_relative() => MediaLink::File(dir.join(path)),
        _ => MediaLink::File(path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_addresses_are_web_links_files_or_text() {
        let dir = std::path::Path::new("/data/timelines");
        assert_eq!(
            media_link("https://example.org/a.jpg", Some(dir)),
            MediaLink::Web("https://example.org/a.jpg".into())
        );
        assert_eq!(
            media_link("img/a.jpg", Some(dir)),
            MediaLink::File(dir.join("img/a.jpg"))
        );
        assert_eq!(
            media_link("img/a.jpg", None),
            MediaLink::File("img/a.jpg".into())
        );
        assert_eq!(
            media_link("C:\\pics\\a.jpg", None),
            MediaLink::File("C:\\pics\\a.jpg".into())
        );
        for other in [
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "ftp://x/y",
            "file:///etc/passwd",
        ] {
            assert_eq!(
                media_link(other, Some(dir)),
                MediaLink::Other(other.into()),
                "{other}"
            );
        }
    }

    #[test]
    fn only_web_links_open() {
        for ok in [
            "https://example.org/a?b#c",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert!(is_openable_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "smb://server/share",
            "https://",
            "http:///path",
            "https://exa mple.org",
            "https://example.org/\nfile:///etc/passwd",
            "mailto:",
            "mailto:someone@example.org",
            "ftp://example.org",
            "",
            "é",
        ] {
            assert!(!is_openable_url(bad), "{bad:?}");
        }
        assert!(!is_web_url("mailto:someone@example.org"));
    }
}
