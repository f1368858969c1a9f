//! Reading and writing timelines: the RON format with validation, and the
//! built-in dataset.

mod ron_file;
pub mod svg;
mod validate;

pub use ron_file::{
    LoadError, MAX_FILE_BYTES, SaveError, load_timeline, load_timeline_with_limit, parse_timeline,
    save_timeline, to_ron_string, write_atomically,
};
pub use validate::{Problem, is_kebab_case, validate};

use crate::model::Timeline;

/// The article's timeline, compiled into the binary.
pub const BUILTIN_RON: &str = include_str!("../../data/russia-syria.ron");
/// How the built-in dataset is named in messages.
pub const BUILTIN_ORIGIN: &str = "built-in dataset (data/russia-syria.ron)";

/// The built-in dataset, parsed and validated.
pub fn builtin_timeline() -> Result<Timeline, LoadError> {
    parse_timeline(BUILTIN_RON, BUILTIN_ORIGIN)
}
