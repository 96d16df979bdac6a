//! The one line editor every prompt uses (the filter and the endpoint prompt): a text, a cursor
//! and the editing keys, from a table so `?` lists them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::keys::{Key, code, ctrl};

/// Longest text a prompt keeps: ids and filters are short, and the cap keeps a paste of a
/// whole file out of the state.
const MAX_CHARS: usize = 200;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Home,
    End,
    Backspace,
    Delete,
    Clear,
    DeleteWord,
}

/// An editing key and what it does, for dispatch and for the help.
pub struct EditBinding {
    pub keys: &'static [Key],
    pub label: &'static str,
    pub help: &'static str,
    pub edit: Edit,
}

pub const EDITING: &[EditBinding] = &[
    EditBinding {
        keys: &[code(KeyCode::Left), code(KeyCode::Right)],
        label: "←/→",
        help: "move the cursor",
        edit: Edit::Left,
    },
    EditBinding {
        keys: &[code(KeyCode::Home), ctrl('a')],
        label: "Home/^A",
        help: "to the start",
        edit: Edit::Home,
    },
    EditBinding {
        keys: &[code(KeyCode::End), ctrl('e')],
        label: "End/^E",
        help: "to the end",
        edit: Edit::End,
    },
    EditBinding {
        keys: &[code(KeyCode::Backspace), code(KeyCode::Delete)],
        label: "Bksp/Del",
        help: "delete before / under the cursor",
        edit: Edit::Backspace,
    },
    EditBinding {
        keys: &[ctrl('w')],
        label: "^W",
        help: "delete the word before the cursor",
        edit: Edit::DeleteWord,
    },
    EditBinding {
        keys: &[ctrl('u')],
        label: "^U",
        help: "clear the line",
        edit: Edit::Clear,
    },
];

/// The edit a key means; the second key of a pair means the pair's other direction.
fn edit_for(key: &KeyEvent) -> Option<Edit> {
    match key.code {
        KeyCode::Right => return Some(Edit::Right),
        KeyCode::Delete => return Some(Edit::Delete),
        _ => {}
    }
    let ctrl_held = key.modifiers.contains(KeyModifiers::CONTROL);
    EDITING
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(key.code, ctrl_held)))
        .map(|b| b.edit)
}

/// A line of text being typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// In characters, from 0 to the text's length.
    cursor: usize,
}

impl LineInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The text before and after the cursor, for drawing it between them.
    pub fn split(&self) -> (&str, &str) {
        self.text.split_at(self.byte(self.cursor))
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Applies an editing key or a typed character. False when the key is not for the editor.
    pub fn handle(&mut self, key: &KeyEvent) -> bool {
        if let Some(edit) = edit_for(key) {
            self.apply(edit);
            return true;
        }
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain && !c.is_control() => {
                self.insert(c);
                true
            }
            _ => false,
        }
    }

    fn insert(&mut self, c: char) {
        if self.text.chars().count() >= MAX_CHARS {
            return;
        }
        let at = self.byte(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    fn apply(&mut self, edit: Edit) {
        let len = self.text.chars().count();
        match edit {
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(len),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = len,
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.remove(self.cursor, self.cursor + 1);
            }
            Edit::Delete if self.cursor < len => self.remove(self.cursor, self.cursor + 1),
            Edit::Backspace | Edit::Delete => {}
            Edit::Clear => self.clear(),
            Edit::DeleteWord => {
                let before: Vec<char> = self.text.chars().take(self.cursor).collect();
                let mut start = self.cursor;
                while start > 0 && before[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !before[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.remove(start, self.cursor);
                self.cursor = start;
            }
        }
    }

    /// Removes characters `from..to`.
    fn remove(&mut self, from: usize, to: usize) {
        let (a, b) = (self.byte(from), self.byte(to));
        self.text.replace_range(a..b, "");
    }

    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[KeyEvent]) -> LineInput {
        let mut line = LineInput::default();
        for key in keys {
            line.handle(key);
        }
        line
    }

    fn chars(text: &str) -> Vec<KeyEvent> {
        text.chars()
            .map(|c| KeyEvent::from(KeyCode::Char(c)))
            .collect()
    }

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::from(code)
    }

    fn c(ch: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(ch), KeyModifiers::CONTROL)
    }

    #[test]
    fn typing_inserts_at_the_cursor_and_keys_move_it() {
        let mut keys = chars("helo");
        keys.extend([k(KeyCode::Left), k(KeyCode::Left)]);
        keys.extend(chars("l"));
        assert_eq!(typed(&keys).text(), "hello");
        keys.extend([c('a')]);
        keys.extend(chars(">"));
        keys.extend([k(KeyCode::End)]);
        keys.extend(chars("!"));
        let line = typed(&keys);
        assert_eq!(line.text(), ">hello!");
        assert_eq!(line.split(), (">hello!", ""));
    }

    #[test]
    fn deleting_by_character_word_and_line() {
        let mut keys = chars("plan pro  team");
        keys.push(c('w'));
        assert_eq!(typed(&keys).text(), "plan pro  ");
        keys.push(c('w'));
        assert_eq!(typed(&keys).text(), "plan ");
        keys.extend([k(KeyCode::Home), k(KeyCode::Delete), k(KeyCode::Backspace)]);
        assert_eq!(typed(&keys).text(), "lan ");
        keys.push(c('u'));
        assert!(typed(&keys).is_empty());
    }

    #[test]
    fn wide_characters_move_as_one_and_the_length_is_capped() {
        let mut keys = chars("今日だけ");
        keys.extend([k(KeyCode::Left), k(KeyCode::Backspace)]);
        let line = typed(&keys);
        assert_eq!(line.text(), "今日け");
        assert_eq!(line.split(), ("今日", "け"));
        let long = typed(&chars(&"x".repeat(500)));
        assert_eq!(long.text().len(), MAX_CHARS);
    }

    #[test]
    fn control_keys_and_alt_chords_are_not_typed() {
        let alt = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
        let mut line = LineInput::default();
        assert!(!line.handle(&alt));
        assert!(!line.handle(&c('c')));
        assert!(!line.handle(&k(KeyCode::Enter)));
        assert!(line.is_empty());
    }
}
