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

#[cfg(test)]
mod tests {
    use super::*;

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
