//! Every key press takes one ordered path: the `keys()` subscription turns the runtime's
//! keyboard event into a [`Press`], and the screen's state decides where it goes. Which field
//! a key lands in is state (the scan field, the dialog's current field, the amount), changed
//! synchronously by Tab or a click, never iced's widget focus: iced applies a focus change as
//! a task after the current batch of events, so keys queued behind a Tab, an Enter or a
//! click would still reach the old field (the approval code read "M01123" and the PIN stayed
//! empty). The first-start forms, the one screen that still uses iced's own text fields (it
//! runs once, before any counter work), see only the keys no widget took.

use std::time::Instant;

use iced::event::Status;
use iced::keyboard::{self, Key, key::Named};

/// One key press, as the runtime handed it over.
#[derive(Debug, Clone)]
pub struct Press {
    pub key: Key,
    /// What the key types (a digit, a letter), if anything.
    pub text: Option<String>,
    pub modifiers: keyboard::Modifiers,
    /// When the press was handed over: a keyboard-wedge scanner types a whole code within a
    /// few milliseconds per key, people 100 ms or more apart.
    pub at: Instant,
    /// An iced widget on screen used the key already.
    pub taken: bool,
}

impl Press {
    /// A named key (Enter, Tab, F9, the arrows…), pressed now.
    pub fn named(named: Named) -> Press {
        Press {
            key: Key::Named(named),
            text: None,
            modifiers: keyboard::Modifiers::default(),
            at: Instant::now(),
            taken: false,
        }
    }

    /// A key that types `c`, pressed now.
    pub fn char(c: char) -> Press {
        Press {
            key: Key::Character(c.to_string().into()),
            text: Some(c.to_string()),
            modifiers: keyboard::Modifiers::default(),
            at: Instant::now(),
            taken: false,
        }
    }

    /// The same press, at another moment (tests replay a scanner's or a typist's timing).
    pub fn at(self, at: Instant) -> Press {
        Press { at, ..self }
    }

    pub fn with_modifiers(self, modifiers: keyboard::Modifiers) -> Press {
        Press { modifiers, ..self }
    }

    pub fn is(&self, named: Named) -> bool {
        self.key == Key::Named(named)
    }

    /// The text typed, for plain typing: nothing with Ctrl, Alt or the logo key held, and no
    /// control characters (Enter and Backspace arrive with text on some systems).
    pub fn typed(&self) -> Option<&str> {
        if self.modifiers.control() || self.modifiers.alt() || self.modifiers.logo() {
            return None;
        }
        if let Key::Named(_) = self.key {
            return None;
        }
        self.text.as_deref().filter(|t| !t.is_empty() && !t.chars().any(char::is_control))
    }
}

/// The subscription's half of the path: a key press from the runtime, stamped with `at`.
pub fn from_event(event: &iced::Event, status: Status, at: Instant) -> Option<Press> {
    match event {
        iced::Event::Keyboard(keyboard::Event::KeyPressed { key, modifiers, text, .. }) => Some(Press {
            key: key.clone(),
            text: text.as_ref().map(|t| t.to_string()),
            modifiers: *modifiers,
            at,
            taken: status == Status::Captured,
        }),
        _ => None,
    }
}

/// A typed text field in a screen's state: keys append and Backspace takes the last
/// character away. `accept` says which characters the field takes at all.
pub fn edit(field: &mut String, press: &Press, accept: impl Fn(char) -> bool) -> bool {
    if press.is(Named::Backspace) {
        field.pop();
        return true;
    }
    match press.typed() {
        Some(t) => {
            field.extend(t.chars().filter(|c| accept(*c)));
            true
        }
        None => false,
    }
}

/// Which of `count` fields or rows comes next: Tab and Down forward, Shift+Tab and Up back,
/// round the end.
pub fn step(current: usize, count: usize, forward: bool) -> usize {
    if count == 0 {
        return 0;
    }
    if forward { (current + 1) % count } else { (current + count - 1) % count }
}

/// The field after (or before) `current` among `fields`, round the end; the first when
/// `current` is not among them.
pub fn next_of<T: Copy + PartialEq>(fields: &[T], current: T, forward: bool) -> T {
    let at = fields.iter().position(|f| *f == current).unwrap_or(0);
    fields[step(at, fields.len(), forward)]
}

/// `chosen` while it is among `fields`, else the first of them (the field went away: the
/// shift opened, the receipt's lines changed).
pub fn current_of<T: Copy + PartialEq>(fields: &[T], chosen: T) -> T {
    if fields.contains(&chosen) { chosen } else { fields[0] }
}

/// Tab (forward) or Shift+Tab (back), if this press is one.
pub fn tab(press: &Press) -> Option<bool> {
    press.is(Named::Tab).then(|| !press.modifiers.shift())
}

/// Down (forward) or Up (back), if this press is one.
pub fn arrow(press: &Press) -> Option<bool> {
    match press.key {
        Key::Named(Named::ArrowDown) => Some(true),
        Key::Named(Named::ArrowUp) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_and_typing_edit_a_field_in_order() {
        let mut f = String::new();
        for c in "12a3".chars() {
            edit(&mut f, &Press::char(c), |c| c.is_ascii_digit());
        }
        assert_eq!(f, "123");
        edit(&mut f, &Press::named(Named::Backspace), |_| true);
        assert_eq!(f, "12");
        let ctrl = Press::char('v').with_modifiers(keyboard::Modifiers::CTRL);
        assert!(!edit(&mut f, &ctrl, |_| true));
        assert_eq!(step(2, 3, true), 0);
        assert_eq!(step(0, 3, false), 2);
    }
}
