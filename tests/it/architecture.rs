//! The layers hold: what `lib.rs` says about them is what the code does.
//! Each folder uses only the layers before it; only `ui`, `app` and the
//! benchmark touch egui or eframe; nothing in `ui` reaches into `app`; no
//! source file grows past ~800 lines.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `a/b/tests.rs` declared by `a/b.rs` (or `a/b/mod.rs`) as
/// `#[cfg(test)] mod tests;`: compiled for the unit tests only.
fn is_test_module_file(path: &Path) -> bool {
    if path.file_name().is_none_or(|n| n != "tests.rs") {
        return false;
    }
    let Some(dir) = path.parent() else {
        return false;
    };
    let parent = [dir.with_extension("rs"), dir.join("mod.rs")];
    parent.iter().any(|p| {
        std::fs::read_to_string(p).is_ok_and(|text| text.contains("#[cfg(test)]\nmod tests;"))
    })
}

/// The code of a file without its test modules (`#[cfg(test)] mod … { … }`,
/// wherever they are) and comments.
fn code(path: &Path) -> String {
    if is_test_module_file(path) {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let mut kept = String::new();
    let mut rest = &text[..];
    while let Some(i) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..i]);
        let after = &rest[i..];
        // The item the attribute is on: skip to its matching closing brace
        // (or, for an item without a body, to its semicolon).
        let open = after.find('{');
        let semi = after.find(';');
        let end = match (open, semi) {
            (Some(o), Some(s)) if s < o => s + 1,
            (Some(o), _) => {
                let mut depth = 0;
                let mut end = after.len();
                for (k, c) in after[o..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = o + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, Some(s)) => s + 1,
            (None, None) => after.len(),
        };
        rest = &after[end..];
    }
    kept.push_str(rest);
    kept.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code refers to as `crate::name`
/// (including `crate::{a, b}`).
fn crate_refs(code: &str) -> BTreeSet<String> {
    let mut refs = BTreeSet::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    refs.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            refs.insert(name);
        }
    }
    refs
}

/// The layers in the order `lib.rs` gives them.
fn layers_from_lib_rs() -> Vec<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let doc: String = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    let chain: Vec<String> = doc
        .split('→')
        .map(|part| {
            // "... [`name`] (what it is) " → the last [`name`] before the arrow
            // or the first after it.
            part.split("[`")
                .filter_map(|s| s.split_once("`]").map(|(n, _)| n.to_string()))
                .collect::<Vec<_>>()
        })
        .enumerate()
        .map(|(i, names)| {
            if i == 0 {
                names.last().cloned().unwrap_or_default()
            } else {
                names.first().cloned().unwrap_or_default()
            }
        })
        .collect();
    assert!(
        chain.len() >= 7,
        "lib.rs names its layers as a → chain: {chain:?}"
    );
    chain
}

#[test]
fn each_layer_uses_only_the_layers_before_it_as_lib_rs_says() {
    let layers = layers_from_lib_rs();
    assert_eq!(
        layers,
        ["model", "query", "layout", "io", "state", "ui", "app"],
        "the layers lib.rs lists"
    );
    let mut problems = Vec::new();
    for (i, layer) in layers.iter().enumerate() {
        let allowed: BTreeSet<&str> = layers[..=i].iter().map(String::as_str).collect();
        let mut files = rust_files(&src().join(layer));
        let single = src().join(format!("{layer}.rs"));
        if single.exists() {
            files.push(single);
        }
        assert!(!files.is_empty(), "no code for the layer {layer}");
        for file in files {
            for r in crate_refs(&code(&file)) {
                let is_layer = layers.contains(&r);
                let is_top = ["cli", "bench", "scaling", "fuzz", "generate"].contains(&r.as_str());
                if (is_layer && !allowed.contains(r.as_str())) || is_top {
                    problems.push(format!("{}: uses crate::{r}", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn only_the_window_layers_touch_egui_eframe_or_dialogs() {
    let mut problems = Vec::new();
    for layer in ["model", "query", "layout", "io", "state"] {
        for file in rust_files(&src().join(layer)) {
            let code = code(&file);
            for token in ["egui", "eframe", "rfd::"] {
                let found = code.match_indices(token).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                });
                if found {
                    problems.push(format!("{}: mentions {token}", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_itself_sees_a_forbidden_use() {
    assert!(crate_refs("use crate::app::TimelineApp;").contains("app"));
    assert!(crate_refs("use crate::{io, state::Command};").contains("state"));
    assert!(crate_refs("use crate::{io, state::Command};").contains("io"));
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.rs");
    std::fs::write(
        &f,
        "// crate::app in a comment\nuse crate::model;\n#[cfg(test)]\nmod tests { fn f() { use crate::app; } }\nuse crate::query;\n",
    )
    .unwrap();
    assert_eq!(
        crate_refs(&code(&f)),
        BTreeSet::from(["model".to_string(), "query".to_string()]),
        "code after a test module is still checked"
    );
}

#[test]
fn no_source_file_is_longer_than_about_800_lines() {
    let mut long: BTreeMap<String, usize> = BTreeMap::new();
    for file in rust_files(&src()) {
        let n = std::fs::read_to_string(&file).unwrap().lines().count();
        if n > 820 {
            long.insert(file.display().to_string(), n);
        }
    }
    assert!(long.is_empty(), "{long:?}");
}
