//! Saving what the window shows: a PNG of the window, or the SVG handout.
//! Files are written atomically; the destination comes from a native file
//! dialog, or, where none can open, from the user's pictures or documents
//! folder (the app then says where the file went).

use std::path::{Path, PathBuf};

use crate::io::{SaveError, write_atomically};

/// Encodes an egui screenshot as PNG and writes it atomically.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), ExportError> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba).ok_or(ExportError::Image)?;
    let mut bytes = Vec::new();
    buffer
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|_| ExportError::Image)?;
    write_atomically(path, &bytes)?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the window image could not be encoded as PNG")]
    Image,
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Where an export goes: `Some(path)` chosen in a dialog, or a default path
/// (and `true`) when no dialog can open; `None` if the user cancelled.
pub fn choose_destination(
    file_name: &str,
    extension: &str,
    kind: Folder,
) -> Option<(PathBuf, bool)> {
    if dialog_available() {
        return rfd::FileDialog::new()
            .set_file_name(file_name)
            .add_filter(extension.to_uppercase(), &[extension])
            .save_file()
            .map(|p| (p, false));
    }
    Some((default_destination(file_name, kind), true))
}

/// Which user folder an export defaults to.
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

/// A native dialog needs a desktop session (on Linux, the portal on the
/// session bus).
pub fn dialog_available() -> bool {
    if cfg!(target_os = "linux") {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            && (std::env::var_os("DISPLAY").is_some()
                || std::env::var_os("WAYLAND_DISPLAY").is_some())
    } else {
        true
    }
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
    fn png_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shot.png");
        let mut image = egui::ColorImage::filled([3, 2], egui::Color32::from_rgb(10, 20, 30));
        image.pixels[1] = egui::Color32::from_rgb(200, 100, 0);
        save_png(&image, &path).unwrap();
        let back = image::open(&path).unwrap().to_rgba8();
        assert_eq!(back.dimensions(), (3, 2));
        assert_eq!(back.get_pixel(1, 0).0, [200, 100, 0, 255]);
        assert_eq!(back.get_pixel(0, 1).0, [10, 20, 30, 255]);
    }

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
