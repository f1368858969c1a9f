//! The one table of keyboard shortcuts: which keys stand for which
//! [`Action`], used by the key handler, the menus and the tooltips, and
//! shown per platform (Ctrl on Linux and Windows, ⌘ on macOS).

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::state::{Action, AppState, Command};

const fn key(logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, logical_key)
}

const fn command(logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, logical_key)
}

const fn command_shift(logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            alt: false,
            ctrl: false,
            shift: true,
            mac_cmd: false,
            command: true,
        },
        logical_key,
    )
}

const fn shift(logical_key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, logical_key)
}

/// Each action's keys; the first is the one menus show.
pub const BINDINGS: &[(Action, &[KeyboardShortcut])] = &[
    (Action::Open, &[command(Key::O)]),
    (Action::Save, &[command(Key::S)]),
    (Action::SaveAs, &[command_shift(Key::S)]),
    (Action::Undo, &[command(Key::Z)]),
    (Action::Redo, &[command_shift(Key::Z), command(Key::Y)]),
    (Action::NewEvent, &[command(Key::N)]),
    (Action::EditSelected, &[key(Key::Enter), key(Key::F2)]),
    (Action::ApplyForm, &[command(Key::Enter)]),
    (Action::DuplicateSelected, &[command(Key::D)]),
    (Action::DeleteSelected, &[key(Key::Delete)]),
    (Action::Find, &[command(Key::F)]),
    (Action::ExportImage, &[command_shift(Key::E)]),
    (Action::Present, &[key(Key::F5)]),
    (Action::Fullscreen, &[key(Key::F11)]),
    (Action::FitAll, &[key(Key::Num0), key(Key::Home)]),
    (Action::ZoomIn, &[key(Key::Plus), key(Key::Equals)]),
    (Action::ZoomOut, &[key(Key::Minus)]),
    (Action::PanEarlier, &[shift(Key::ArrowLeft)]),
    (Action::PanLater, &[shift(Key::ArrowRight)]),
    (Action::PreviousEvent, &[key(Key::ArrowLeft)]),
    (Action::NextEvent, &[key(Key::ArrowRight)]),
    (Action::PreviousRow, &[key(Key::ArrowUp)]),
    (Action::NextRow, &[key(Key::ArrowDown)]),
    (Action::ClearSelection, &[key(Key::Escape)]),
    // What presentation clickers send: Page Up/Down, arrows, space.
    (
        Action::PresentNext,
        &[
            key(Key::ArrowRight),
            key(Key::Space),
            key(Key::PageDown),
            key(Key::ArrowDown),
        ],
    ),
    (
        Action::PresentBack,
        &[
            key(Key::ArrowLeft),
            key(Key::Backspace),
            key(Key::PageUp),
            key(Key::ArrowUp),
        ],
    ),
    (Action::PresentFirst, &[key(Key::Home)]),
    (Action::PresentLast, &[key(Key::End)]),
    (Action::StopPresenting, &[key(Key::Escape)]),
    // Clickers send B or "." for a black screen.
    (Action::BlankScreen, &[key(Key::B), key(Key::Period)]),
    (Action::PresenterView, &[key(Key::P)]),
    (
        Action::ShowShortcuts,
        &[key(Key::F1), key(Key::Questionmark)],
    ),
];

/// The keys bound to an action.
pub fn keys_of(action: Action) -> &'static [KeyboardShortcut] {
    BINDINGS
        .iter()
        .find(|(a, _)| *a == action)
        .map_or(&[], |(_, keys)| keys)
}

/// An action's first shortcut as this platform writes it ("Ctrl+S", "⌘S").
pub fn shortcut_text(ctx: &egui::Context, action: Action) -> String {
    keys_of(action)
        .first()
        .map(|k| ctx.format_shortcut(k))
        .unwrap_or_default()
}

/// Every key of an action, as this platform writes them ("Right, Space").
pub fn keys_text(ctx: &egui::Context, action: Action) -> String {
    keys_of(action)
        .iter()
        .map(|k| ctx.format_shortcut(k))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The action a key press stands for in the current mode: the binding
/// whose modifiers match exactly, else one that matches logically (Shift
/// is needed to type `+` on some keyboards).
pub fn action_for(key: Key, modifiers: Modifiers, presenting: bool) -> Option<Action> {
    let candidates = || {
        BINDINGS
            .iter()
            .filter(move |(a, _)| a.while_presenting() == presenting || a.in_both_modes())
            .flat_map(|(a, keys)| keys.iter().map(move |k| (*a, k)))
            .filter(move |(_, k)| k.logical_key == key)
    };
    candidates()
        .find(|(_, k)| modifiers.matches_exact(k.modifiers))
        .or_else(|| candidates().find(|(_, k)| modifiers.matches_logically(k.modifiers)))
        .map(|(a, _)| a)
}

/// Actions whose keys mean nothing to a text field: they work while one
/// has the keyboard.
fn works_while_typing(action: Action) -> bool {
    matches!(action, Action::Present | Action::Fullscreen | Action::Find)
}

/// The commands of this frame's key presses (while a text field has the
/// keyboard, only those that mean nothing to it, such as F5). Returns
/// whether the search box should take the focus.
pub fn keys_ui(ctx: &egui::Context, state: &AppState, commands: &mut Vec<Command>) -> bool {
    let typing = ctx.egui_wants_keyboard_input();
    let presses: Vec<(Key, Modifiers)> = ctx.input(|i| {
        i.events
            .iter()
            .filter_map(|e| match e {
                egui::Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => Some((*key, *modifiers)),
                _ => None,
            })
            .collect()
    });
    let presenting = state.presentation().is_some();
    let mut focus_search = false;
    for (key, modifiers) in presses {
        match action_for(key, modifiers, presenting) {
            Some(action) if typing && !works_while_typing(action) => {}
            Some(Action::Find) => focus_search = true,
            Some(action) => commands.extend(state.command_for(action)),
            None => {}
        }
    }
    focus_search
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_a_key_and_no_key_means_two_things() {
        for action in Action::ALL {
            assert!(!keys_of(action).is_empty(), "{action:?} has no key");
        }
        for presenting in [false, true] {
            let mut seen = std::collections::HashMap::new();
            for (action, keys) in BINDINGS {
                if action.while_presenting() != presenting && !action.in_both_modes() {
                    continue;
                }
                for k in *keys {
                    if let Some(other) = seen.insert((k.logical_key, k.modifiers), *action) {
                        panic!("{k:?} means both {other:?} and {action:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn shift_picks_the_binding_with_shift() {
        assert_eq!(
            action_for(Key::Z, Modifiers::COMMAND, false),
            Some(Action::Undo)
        );
        assert_eq!(
            action_for(Key::Z, Modifiers::COMMAND | Modifiers::SHIFT, false),
            Some(Action::Redo)
        );
        assert_eq!(
            action_for(Key::ArrowRight, Modifiers::SHIFT, false),
            Some(Action::PanLater)
        );
        assert_eq!(
            action_for(Key::ArrowRight, Modifiers::NONE, false),
            Some(Action::NextEvent)
        );
        assert_eq!(
            action_for(Key::ArrowRight, Modifiers::NONE, true),
            Some(Action::PresentNext)
        );
        // `+` typed with Shift on a US keyboard still zooms.
        assert_eq!(
            action_for(Key::Plus, Modifiers::SHIFT, false),
            Some(Action::ZoomIn)
        );
        assert_eq!(action_for(Key::S, Modifiers::COMMAND, true), None);
    }

    #[test]
    fn shortcuts_are_written_as_the_platform_writes_them() {
        let ctx = egui::Context::default();
        // Fonts exist after the first pass.
        ctx.run_ui(egui::RawInput::default(), |_| {})
            .textures_delta
            .clear();
        ctx.set_os(egui::os::OperatingSystem::Nix);
        assert_eq!(shortcut_text(&ctx, Action::Save), "Ctrl+S");
        assert_eq!(shortcut_text(&ctx, Action::Redo), "Ctrl+Shift+Z");
        ctx.set_os(egui::os::OperatingSystem::Mac);
        let mac = shortcut_text(&ctx, Action::Save);
        assert!(mac.contains('S') && !mac.contains("Ctrl"), "{mac}");
        assert!(mac.contains('⌘') || mac.contains("Cmd"), "{mac}");
    }
}
