//! Where each value of a JSON document starts, by its JSON path, so a finding can name the line
//! and column of the exact field it is about, whatever shape the file has.

use std::collections::{HashMap, HashSet};

/// Where the campaigns are in the API's body and in the AWS CLI's output.
const LIST: &str = "InAppMessageCampaigns";
const CLI: &str = "InAppMessagesResponse.InAppMessageCampaigns";

/// A position in a text: 1-based line, and 1-based column counted in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Every value's start in one document, by path: `InAppMessageCampaigns[3].Schedule.EndDate`,
/// `[0].CampaignId`, and `` (empty) for the document itself.
#[derive(Clone, Debug, Default)]
pub struct Locations {
    starts: HashMap<String, Position>,
}

impl Locations {
    /// Reads a JSON document's structure; `None` when it is not JSON (the parser says where).
    pub fn of(text: &str) -> Option<Locations> {
        Self::read(text, None)
    }

    /// Like `of`, keeping only what is needed to place these fields of these campaigns
    /// (`(index, field)` as `field_path` takes them), whatever the document's shape: a large
    /// file has hundreds of thousands of values, and a report needs a few.
    pub fn of_fields<'a>(
        text: &str,
        fields: impl IntoIterator<Item = (usize, &'a str)>,
    ) -> Option<Locations> {
        let shape = Shape::of(text);
        let mut wanted = HashSet::new();
        for (index, field) in fields {
            let campaign = match shape {
                Shape::List => format!("{LIST}[{index}]"),
                Shape::Cli => format!("{CLI}[{index}]"),
                Shape::Array => format!("[{index}]"),
                Shape::One => String::new(),
            };
            let mut path = match (campaign.is_empty(), field.is_empty()) {
                (true, _) => field.to_string(),
                (false, true) => campaign,
                (false, false) => format!("{campaign}.{field}"),
            };
            // Its ancestors too: `nearest` falls back to them, `campaign_path` reads the top.
            while wanted.insert(path.clone()) {
                match path.rfind(['.', '[']) {
                    Some(cut) => path.truncate(cut),
                    None => break,
                }
            }
        }
        wanted.insert(String::new());
        Self::read(text, Some(&wanted))
    }

    fn read(text: &str, wanted: Option<&HashSet<String>>) -> Option<Locations> {
        let text = without_bom(text);
        let mut reader = Reader {
            chars: text.char_indices().peekable(),
            line: 1,
            column: 1,
            starts: HashMap::new(),
            depth: 0,
            wanted,
        };
        reader.skip_space();
        reader.value(String::new())?;
        reader.skip_space();
        reader.chars.peek().is_none().then_some(Locations {
            starts: reader.starts,
        })
    }

    /// Where the value at `path` starts.
    pub fn get(&self, path: &str) -> Option<Position> {
        self.starts.get(path).copied()
    }

    /// The path of campaign `index` in this document, whichever shape pinview read it in: the
    /// API's body, the AWS CLI's wrapping, a bare list, or one campaign.
    pub fn campaign_path(&self, index: usize) -> String {
        if self.starts.contains_key(LIST) {
            format!("{LIST}[{index}]")
        } else if self.starts.contains_key(CLI) {
            format!("{CLI}[{index}]")
        } else if self.starts.contains_key("[0]") || index > 0 {
            format!("[{index}]")
        } else {
            String::new()
        }
    }

    /// The path of a field of campaign `index`, e.g. `Schedule.EndDate`.
    pub fn field_path(&self, index: usize, field: &str) -> String {
        match self.campaign_path(index) {
            campaign if campaign.is_empty() => field.to_string(),
            campaign if field.is_empty() => campaign,
            campaign => format!("{campaign}.{field}"),
        }
    }

    /// The nearest position for `path`: its own, else its closest ancestor's, so a finding
    /// about a missing field points at the object that lacks it.
    pub fn nearest(&self, path: &str) -> Position {
        let mut path = path;
        loop {
            if let Some(at) = self.get(path) {
                return at;
            }
            match path.rfind(['.', '[']) {
                Some(cut) => path = &path[..cut],
                None => {
                    return self.get("").unwrap_or(Position { line: 1, column: 1 });
                }
            }
        }
    }
}

/// Which of the input shapes a document has, told from its first key as the parser tells it.
enum Shape {
    List,
    Cli,
    Array,
    One,
}

/// Editors hide a byte-order mark: the first column is after it, and so is the document.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

impl Shape {
    fn of(text: &str) -> Shape {
        let rest = without_bom(text).trim_start();
        if rest.starts_with('[') {
            return Shape::Array;
        }
        let Some(key) = rest.strip_prefix('{').map(str::trim_start) else {
            return Shape::One;
        };
        if key.starts_with(&format!("\"{LIST}\"")) {
            Shape::List
        } else if key.starts_with("\"InAppMessagesResponse\"") {
            Shape::Cli
        } else {
            Shape::One
        }
    }
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    line: usize,
    column: usize,
    starts: HashMap<String, Position>,
    depth: usize,
    /// Only these paths are kept, when given.
    wanted: Option<&'a HashSet<String>>,
}

/// Values nested deeper are skipped without recursion: serde_json reads any depth inside an
/// unknown field, and no campaign field is nested this far.
const MAX_DEPTH: usize = 128;

impl Reader<'_> {
    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn skip_space(&mut self) {
        while self
            .peek()
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        {
            self.bump();
        }
    }

    fn expect(&mut self, wanted: char) -> Option<()> {
        self.skip_space();
        (self.bump()? == wanted).then_some(())
    }

    /// Records where the value at `path` starts and reads past it.
    fn value(&mut self, path: String) -> Option<()> {
        self.skip_space();
        let at = Position {
            line: self.line,
            column: self.column,
        };
        // Every ancestor of a wanted path is wanted: below one that is not, nothing is.
        let keep = self.wanted.is_none_or(|w| w.contains(&path));
        if keep {
            self.starts.insert(path.clone(), at);
        }
        match self.peek()? {
            '{' | '[' if !keep || self.depth >= MAX_DEPTH => self.skip_nested(),
            '{' => self.nested(|r| r.object(&path)),
            '[' => self.nested(|r| r.array(&path)),
            '"' => self.string().map(|_| ()),
            _ => self.scalar(),
        }
    }

    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        self.depth += 1;
        let read = read(self);
        self.depth -= 1;
        read
    }

    /// Reads past one array or object by counting brackets outside strings.
    fn skip_nested(&mut self) -> Option<()> {
        let (mut open, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let c = self.bump()?;
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '[' | '{' => open += 1,
                ']' | '}' => {
                    open = open.checked_sub(1)?;
                    if open == 0 {
                        return Some(());
                    }
                }
                _ => {}
            }
        }
    }

    fn object(&mut self, path: &str) -> Option<()> {
        self.bump();
        self.skip_space();
        if self.peek()? == '}' {
            self.bump();
            return Some(());
        }
        loop {
            self.skip_space();
            let key = self.string()?;
            self.expect(':')?;
            let child = if path.is_empty() {
                key
            } else {
                format!("{path}.{key}")
            };
            self.value(child)?;
            self.skip_space();
            match self.bump()? {
                ',' => continue,
                '}' => return Some(()),
                _ => return None,
            }
        }
    }

    fn array(&mut self, path: &str) -> Option<()> {
        self.bump();
        self.skip_space();
        if self.peek()? == ']' {
            self.bump();
            return Some(());
        }
        for index in 0.. {
            self.value(format!("{path}[{index}]"))?;
            self.skip_space();
            match self.bump()? {
                ',' => continue,
                ']' => return Some(()),
                _ => return None,
            }
        }
        None
    }

    /// A string's text with its escapes undone (keys are compared as written in paths).
    fn string(&mut self) -> Option<String> {
        if self.bump()? != '"' {
            return None;
        }
        let mut out = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(out),
                '\\' => match self.bump()? {
                    'u' => {
                        let hex: String = (0..4).map(|_| self.bump()).collect::<Option<_>>()?;
                        let unit = u32::from_str_radix(&hex, 16).ok()?;
                        out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
                    }
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
    }

    /// A number, `true`, `false` or `null`: read up to the next delimiter.
    fn scalar(&mut self) -> Option<()> {
        let mut any = false;
        while self
            .peek()
            .is_some_and(|c| !matches!(c, ',' | '}' | ']' | ' ' | '\t' | '\n' | '\r'))
        {
            self.bump();
            any = true;
        }
        any.then_some(())
    }
}

#[cfg(test)]
mod tests;
