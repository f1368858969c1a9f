//! What the user can ask for by name: the commands behind the keyboard
//! shortcuts, the menus and the tooltips. `ui::shortcuts` binds keys to
//! these and shows them per platform; [`AppState::command_for`] says what
//! each one does in the current state (or that it does nothing now).

use super::AppState;
use super::command::{Command, EventRef, ExportKind, OpenPurpose};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Open,
    Save,
    SaveAs,
    Undo,
    Redo,
    NewEvent,
    EditSelected,
    DuplicateSelected,
    DeleteSelected,
    /// Put the cursor in the search box (handled by the window).
    Find,
    ExportImage,
    Present,
    Fullscreen,
    FitAll,
    ZoomIn,
    ZoomOut,
    PanEarlier,
    PanLater,
    PreviousEvent,
    NextEvent,
    PreviousRow,
    NextRow,
    ClearSelection,
    PresentNext,
    PresentBack,
    PresentFirst,
    PresentLast,
    StopPresenting,
    /// The list of keyboard shortcuts, over the window.
    ShowShortcuts,
    /// Add or change the event in the open form (handled by the form, after
    /// what was typed in the same frame).
    ApplyForm,
    /// Blank the projected picture, or show it again.
    BlankScreen,
    /// The presenter's own window: notes, next step, time.
    PresenterView,
}

impl Action {
    /// Every action, in the order the shortcut list shows them.
    pub const ALL: [Action; 32] = [
        Action::Open,
        Action::Save,
        Action::SaveAs,
        Action::Undo,
        Action::Redo,
        Action::NewEvent,
        Action::EditSelected,
        Action::ApplyForm,
        Action::DuplicateSelected,
        Action::DeleteSelected,
        Action::Find,
        Action::ExportImage,
        Action::Present,
        Action::Fullscreen,
        Action::FitAll,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::PanEarlier,
        Action::PanLater,
        Action::PreviousEvent,
        Action::NextEvent,
        Action::PreviousRow,
        Action::NextRow,
        Action::ClearSelection,
        Action::PresentNext,
        Action::PresentBack,
        Action::PresentFirst,
        Action::PresentLast,
        Action::StopPresenting,
        Action::BlankScreen,
        Action::PresenterView,
        Action::ShowShortcuts,
    ];

    /// What it does, as a menu or the shortcut list names it.
    pub fn label(self) -> &'static str {
        match self {
            Action::Open => "Open…",
            Action::Save => "Save",
            Action::SaveAs => "Save as…",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::NewEvent => "New event…",
            Action::EditSelected => "Edit the selected event…",
            Action::DuplicateSelected => "Duplicate it",
            Action::DeleteSelected => "Delete it",
            Action::Find => "Search",
            Action::ExportImage => "Image of the window (PNG)",
            Action::Present => "Present",
            Action::Fullscreen => "Full screen",
            Action::FitAll => "Fit all",
            Action::ZoomIn => "Zoom in",
            Action::ZoomOut => "Zoom out",
            Action::PanEarlier => "Pan to earlier",
            Action::PanLater => "Pan to later",
            Action::PreviousEvent => "Previous event in time",
            Action::NextEvent => "Next event in time",
            Action::PreviousRow => "Previous row of the table",
            Action::NextRow => "Next row of the table",
            Action::ClearSelection => "Clear the selection",
            Action::PresentNext => "Next step",
            Action::PresentBack => "Previous step",
            Action::PresentFirst => "First step",
            Action::PresentLast => "Last step",
            Action::StopPresenting => "Leave the presentation",
            Action::ShowShortcuts => "Keyboard shortcuts",
            Action::ApplyForm => "Apply the event form",
            Action::BlankScreen => "Blank the screen (again to show it)",
            Action::PresenterView => "Presenter view (notes, next step, time)",
        }
    }

    /// Whether it works both while exploring and while presenting.
    pub fn in_both_modes(self) -> bool {
        matches!(self, Action::Fullscreen | Action::ShowShortcuts)
    }

    /// Whether it works while presenting (the others only while exploring).
    pub fn while_presenting(self) -> bool {
        matches!(
            self,
            Action::PresentNext
                | Action::PresentBack
                | Action::PresentFirst
                | Action::PresentLast
                | Action::StopPresenting
                | Action::BlankScreen
                | Action::PresenterView
                | Action::Fullscreen
        )
    }
}

impl AppState {
    /// The command an action stands for now, if it does anything now.
    /// Shortcuts that move the view build on where an animation is heading,
    /// so repeated presses add up.
    pub fn command_for(&self, action: Action) -> Option<Command> {
        if self.presenting.is_some() != action.while_presenting() && !action.in_both_modes() {
            return None;
        }
        let editing = self.form.is_some();
        let dialog_open = editing || self.catalogue.is_some() || self.pending.is_some();
        let selected = || {
            self.selected
                .map(|i| EventRef::at(&self.doc.timeline.events[i].id, i))
        };
        let target = self.target_window();
        let breaks = self.breaks();
        // The middle of the screen, which a break may have moved from the
        // middle of the time.
        let centre = breaks.days(breaks.to_u(&target).centre_days());
        Some(match action {
            Action::Open if !self.is_loading() => Command::ShowOpenDialog(OpenPurpose::Open),
            Action::Open => return None,
            Action::Save => Command::Save,
            Action::SaveAs => Command::SaveAs(None),
            Action::Undo if !editing => Command::Undo,
            Action::Redo if !editing => Command::Redo,
            Action::NewEvent if !editing => Command::NewEvent,
            Action::DuplicateSelected if !editing => Command::DuplicateEvent(selected()?),
            Action::EditSelected if !editing => Command::EditEvent(selected()?),
            Action::DeleteSelected if !editing => Command::DeleteEvent(selected()?),
            Action::Undo
            | Action::Redo
            | Action::NewEvent
            | Action::DuplicateSelected
            | Action::EditSelected
            | Action::DeleteSelected => return None,
            Action::Find | Action::ApplyForm => return None,
            Action::ExportImage => Command::Export(ExportKind::Image),
            Action::Present => Command::StartPresenting(self.default_story()),
            Action::Fullscreen => Command::ToggleFullscreen,
            Action::FitAll => Command::FitAll,
            Action::ZoomIn => Command::AnimateTo(breaks.zoomed(&target, 2.0, centre)),
            Action::ZoomOut => Command::AnimateTo(breaks.zoomed(&target, 0.5, centre)),
            Action::PanEarlier => Command::AnimateTo(breaks.shifted(&target, -1.0 / 3.0)),
            Action::PanLater => Command::AnimateTo(breaks.shifted(&target, 1.0 / 3.0)),
            Action::PreviousEvent => Command::SelectRelative(-1),
            Action::NextEvent => Command::SelectRelative(1),
            Action::PreviousRow => Command::SelectInTable(-1),
            Action::NextRow => Command::SelectInTable(1),
            // Escape closes a dialog, nothing else.
            Action::ClearSelection if self.show_shortcuts => Command::ToggleShortcuts,
            Action::ClearSelection if self.show_about => Command::ToggleAbout,
            Action::StopPresenting if self.show_shortcuts => Command::ToggleShortcuts,
            Action::ClearSelection if dialog_open => return None,
            Action::ClearSelection => Command::Select(None),
            Action::PresentNext => Command::PresentStep(1),
            Action::PresentBack => Command::PresentStep(-1),
            Action::PresentFirst => Command::PresentGoTo(0),
            Action::PresentLast => Command::PresentGoTo(usize::MAX),
            Action::StopPresenting => Command::StopPresenting,
            Action::ShowShortcuts => Command::ToggleShortcuts,
            Action::BlankScreen => Command::ToggleBlank,
            Action::PresenterView => Command::TogglePresenterView,
        })
    }
}
