//! What only the platform can do: the system's file dialogs, and writing a
//! screenshot of the window as PNG.

use std::path::{Path, PathBuf};

use crate::io::destination::default_destination;
use crate::io::{Format, SaveError, write_atomically};
use crate::state::{Destination, ExportKind, SavePurpose};

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

/// Asks for a timeline file (`None` if cancelled or if no dialog can open;
/// files can still be dropped on the window).
pub fn pick_timeline_file() -> Option<PathBuf> {
    dialog_available()
        .then(|| {
            rfd::FileDialog::new()
                .add_filter(
                    "Timelines (RON, TimelineJS, Markwhen, CSV)",
                    &["ron", "json", "csv", "tsv", "mw", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_file()
        })
        .flatten()
}

/// Asks where to write; without a dialog, a free name in the pictures or
/// documents folder (`chosen: false`). `None` if the user cancelled.
pub fn pick_save_path(suggested_name: &str, purpose: SavePurpose) -> Option<Destination> {
    let folder = match purpose {
        SavePurpose::SaveAs => crate::io::destination::Folder::Documents,
        SavePurpose::Export(kind) => kind.folder(),
    };
    if !dialog_available() {
        return Some(Destination {
            path: default_destination(suggested_name, folder),
            chosen: false,
        });
    }
    let mut dialog = rfd::FileDialog::new().set_file_name(suggested_name);
    match purpose {
        SavePurpose::SaveAs => {
            for f in Format::ALL {
                dialog = dialog.add_filter(f.label(), &[f.extension()]);
            }
        }
        SavePurpose::Export(kind) => {
            let ext = kind.extension();
            dialog = dialog.add_filter(ext.to_uppercase(), &[ext]);
        }
    }
    dialog.save_file().map(Destination::from)
}

/// Where a screenshot goes (asks, or a default in the pictures folder).
pub fn pick_image_path(title: &str) -> Option<Destination> {
    let name = crate::io::destination::file_name_for(title, "png");
    pick_save_path(&name, SavePurpose::Export(ExportKind::Image))
}

/// Encodes an egui screenshot as PNG and writes it atomically.
pub fn save_png(image: &egui::ColorImage, path: &Path) -> Result<(), SaveError> {
    let [w, h] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let buffer = image::RgbaImage::from_raw(w as u32, h as u32, rgba).ok_or(SaveError::Image)?;
    let mut bytes = Vec::new();
    buffer
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|_| SaveError::Image)?;
    write_atomically(path, &bytes)?;
    Ok(())
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
}
