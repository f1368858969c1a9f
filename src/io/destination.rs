//! Where exports go when no dialog can ask: a free name in the user's
//! pictures or documents folder, made from the timeline's title.

use std::path::{Path, PathBuf};

/// Which user folder a file goes to when no dialog can ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folder {
    Pictures,
    Documents,
}

/// The user's pictures or documents folder (else home, else the current
/// folder), with `file_name` made unique there.
pub fn default_destination(file_name: &str, kind: Folder) -> PathBuf {
    let dir = match kind {
        Folder::Pictures => dirs::picture_dir(),
        Folder::Documents => dirs::document_dir(),
    }
    .or_else(dirs::home_dir)
    .unwrap_or_else(|| PathBuf::from("."));
    unique_in(&dir, file_name)
}

/// `dir/name`, or `dir/stem-2.ext`, `-3`… if that exists.
pub fn unique_in(dir: &Path, file_name: &str) -> PathBuf {
    let first = dir.join(file_name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match file_name.rsplit_once('.') {
        Some((s, e)) => (s, format!(".{e}")),
        None => (file_name, String::new()),
    };
    (2..)
        .map(|n| dir.join(format!("{stem}-{n}{ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// A file name from the timeline's title: `russia-and-syria.png`.
pub fn file_name_for(title: &str, extension: &str) -> String {
    let slug: String = crate::query::normalize(title)
        .split(' ')
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "timeline".to_string()
    } else {
        slug
    };
    format!("{slug}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_do_not_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(unique_in(dir.path(), "a.png"), dir.path().join("a.png"));
        std::fs::write(dir.path().join("a.png"), b"x").unwrap();
        assert_eq!(unique_in(dir.path(), "a.png"), dir.path().join("a-2.png"));
        std::fs::write(dir.path().join("a-2.png"), b"x").unwrap();
        assert_eq!(unique_in(dir.path(), "a.png"), dir.path().join("a-3.png"));
    }

    #[test]
    fn file_names_come_from_titles() {
        assert_eq!(
            file_name_for(
                "Russia and Syria: from the 2015 intervention to Sharaa's visit",
                "svg"
            ),
            "russia-and-syria-from-the-2015.svg"
        );
        assert_eq!(file_name_for("¿?", "png"), "timeline.png");
    }
}
