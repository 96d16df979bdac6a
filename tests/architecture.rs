//! The rooms of DESIGN.md kept apart: fails when a `crate::` path crosses a forbidden boundary.
//!
//! A room is a top-level module: `src/NAME/` or `src/NAME.rs`. Every `.rs` file under `src` is
//! read as text; comments and literals are skipped, and each path that starts at the crate root
//! (`crate::`, `$crate::`, or enough `super::`s to climb out of the room) names the room it uses.

use std::path::Path;

use Allowed::{AllBut, Only};

/// What a room may use besides itself.
enum Allowed {
    /// Every other room except these.
    AllBut(&'static [&'static str]),
    /// These rooms and no others.
    Only(&'static [&'static str]),
}

/// The rules, one line per room; a room not listed may use anything.
#[rustfmt::skip]
const RULES: &[(&str, Allowed)] = &[
    ("app", AllBut(&["ui", "source", "tui", "cli", "render", "server", "effects", "pixels"])),
    ("ui", AllBut(&["source", "server", "tui", "cli", "render", "effects", "pixels"])),
    ("rules", Only(&["model", "text"])),
    ("model", Only(&[])),
    ("text", Only(&[])),
    ("images", Only(&["model", "text"])),
    ("pixels", Only(&["model", "rules", "text", "images"])),
    ("config", Only(&["images", "rules", "text"])),
    ("source", AllBut(&["app", "ui", "tui", "cli", "render", "effects"])),
    ("effects", AllBut(&["ui", "tui", "cli", "render", "server"])),
    ("render", AllBut(&["tui", "cli", "server"])),
    ("tui", AllBut(&["cli", "render", "server"])),
    ("server", AllBut(&["app", "ui", "tui", "cli", "render", "effects"])),
];

fn permits(room: &str, used: &str) -> bool {
    room == used
        || match RULES.iter().find(|(name, _)| *name == room) {
            None => true,
            Some((_, AllBut(forbidden))) => !forbidden.contains(&used),
            Some((_, Only(allowed))) => allowed.contains(&used),
        }
}

/// Rooms found in a file, as (line, room).
type Found = Vec<(usize, String)>;

/// A word or a piece of punctuation of the code, with the line it is on.
struct Token<'a> {
    text: &'a str,
    line: usize,
}

/// Splits Rust source into identifiers, `::` and single punctuation, dropping comments, string,
/// char and raw string literals and lifetimes' quotes.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || !b.is_ascii();
    let (mut out, mut i, mut line) = (Vec::new(), 0, 1);
    // Skips a literal whose body starts at `from` and ends at `close`; returns the index after it.
    let skip_to = |from: usize, close: &str, escapes: bool, line: &mut usize| {
        let mut j = from;
        while j < bytes.len() && !bytes[j..].starts_with(close.as_bytes()) {
            *line += usize::from(bytes[j] == b'\n');
            j += if escapes && bytes[j] == b'\\' { 2 } else { 1 };
        }
        (j + close.len()).min(bytes.len())
    };
    while i < bytes.len() {
        let rest = &bytes[i..];
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            line += usize::from(c == b'\n');
            i += 1;
        } else if rest.starts_with(b"//") {
            i += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        } else if rest.starts_with(b"/*") {
            let mut depth = 0;
            while let Some(pair) = bytes.get(i..i + 2) {
                match pair {
                    b"/*" => (depth, i) = (depth + 1, i + 2),
                    b"*/" => (depth, i) = (depth - 1, i + 2),
                    _ => (line, i) = (line + usize::from(pair[0] == b'\n'), i + 1),
                }
                if depth == 0 {
                    break;
                }
            }
        } else if c == b'"' {
            i = skip_to(i + 1, "\"", true, &mut line);
        } else if c == b'\'' {
            // A char literal ('x', '\n', '\u{1F600}'), or else a lifetime's quote.
            let width = text[i + 1..].chars().next().map_or(0, char::len_utf8);
            if rest.get(1) == Some(&b'\\') {
                i = skip_to(i + 1, "'", true, &mut line);
            } else if bytes.get(i + 1 + width) == Some(&b'\'') {
                i += width + 2;
            } else {
                i += 1;
            }
        } else if in_word(c) {
            let len = rest.iter().position(|&b| !in_word(b)).unwrap_or(rest.len());
            let word = &text[i..i + len];
            i += len;
            let hashes = bytes[i..].iter().take_while(|&&b| b == b'#').count();
            if matches!(word, "r" | "br" | "cr") && bytes.get(i + hashes) == Some(&b'"') {
                let close = format!("\"{}", "#".repeat(hashes));
                i = skip_to(i + hashes + 1, &close, false, &mut line);
            } else if matches!(word, "b" | "c") && matches!(bytes.get(i), Some(b'"' | b'\'')) {
                // A byte or C string or a byte char: the next turn skips the literal.
            } else {
                out.push(Token { text: word, line });
            }
        } else {
            let len = if rest.starts_with(b"::") { 2 } else { 1 };
            let text = &text[i..i + len];
            out.push(Token { text, line });
            i += len;
        }
    }
    out
}

/// Follows the path starting at `tokens[i]` from module depth `level` (`None` once it is lost),
/// recording each room named at the crate root; returns the index after the path.
fn walk(tokens: &[Token<'_>], mut i: usize, mut level: Option<usize>, found: &mut Found) -> usize {
    while let Some(token) = tokens.get(i) {
        match token.text {
            "crate" => level = Some(0),
            "super" => level = level.and_then(|l| l.checked_sub(1)),
            "self" => {}
            "{" => return group(tokens, i + 1, level, found),
            word if word.starts_with(|c: char| c.is_alphabetic() || c == '_') => {
                if level == Some(0) {
                    found.push((token.line, word.to_string()));
                }
                level = level.map(|l| l + 1);
            }
            _ => return i,
        }
        i += 1;
        match tokens.get(i) {
            Some(t) if t.text == "::" => i += 1,
            _ => return i,
        }
    }
    i
}

/// Follows each item of a `{ a::b, c as d, e::{f} }` group whose first item is at `tokens[i]`,
/// skipping what follows an item's path (`as d`); returns the index after the closing `}`.
fn group(tokens: &[Token<'_>], mut i: usize, level: Option<usize>, found: &mut Found) -> usize {
    let mut item_starts = true;
    loop {
        match tokens.get(i).map(|t| t.text) {
            None | Some("}") => return i + 1,
            Some(",") => (item_starts, i) = (true, i + 1),
            Some(_) if item_starts => (item_starts, i) = (false, walk(tokens, i, level, found)),
            Some(_) => i += 1,
        }
    }
}

/// The rooms a file uses, as (line, room), in order and once per line: `path_in_src` is the file's
/// path below `src`, such as `app/update.rs`, which gives the depth `super::` climbs from.
fn references(path_in_src: &str, text: &str) -> Found {
    let mut module: Vec<&str> = path_in_src.trim_end_matches(".rs").split('/').collect();
    if matches!(module[..], ["lib" | "main"]) || module.last() == Some(&"mod") {
        module.pop();
    }
    let tokens = tokens(text);
    let (mut found, mut inline_mods, mut braces, mut i) = (Vec::new(), Vec::new(), 0_usize, 0);
    while let Some(token) = tokens.get(i) {
        let starts_path = matches!(token.text, "crate" | "super" | "self")
            && (i == 0 || tokens[i - 1].text != "::");
        match token.text {
            _ if starts_path => {
                let depth = module.len() + inline_mods.len();
                i = walk(&tokens, i, Some(depth), &mut found);
                continue;
            }
            "mod" if tokens.get(i + 2).is_some_and(|t| t.text == "{") => {
                inline_mods.push(braces);
                braces += 1;
                i += 2;
            }
            "{" => braces += 1,
            "}" => {
                braces = braces.saturating_sub(1);
                inline_mods.pop_if(|open| *open == braces);
            }
            _ => {}
        }
        i += 1;
    }
    found.sort();
    found.dedup();
    found
}

/// Every use of a room its rules forbid, as `src/path.rs:LINE: room app uses crate::ui`, given
/// (path below `src`, text) for each file.
fn violations(files: &[(impl AsRef<str>, impl AsRef<str>)]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, text) in files {
        let (path, text) = (path.as_ref(), text.as_ref());
        let room = path.split(['/', '.']).next().unwrap_or_default();
        for (line, used) in references(path, text) {
            if !permits(room, &used) {
                out.push(format!("src/{path}:{line}: room {room} uses crate::{used}"));
            }
        }
    }
    out
}

/// Every `.rs` file below `dir` as (path below `src`, text), in path order.
fn sources(dir: &Path, prefix: &str, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("read a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            sources(&path, &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            out.push((format!("{prefix}{name}"), text));
        }
    }
}

#[test]
fn rooms_use_only_what_design_allows() {
    let mut files = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    sources(&src, "", &mut files);
    let found = violations(&files);
    assert!(
        found.is_empty(),
        "{} uses of another room break DESIGN.md (see RULES in tests/architecture.rs):\n{}",
        found.len(),
        found.join("\n")
    );
}

/// What the scanner finds in `text`, as `line:room` words, for comparing with a literal.
fn scan(path_in_src: &str, text: &str) -> String {
    let found = references(path_in_src, text);
    let words: Vec<_> = found.iter().map(|(l, r)| format!("{l}:{r}")).collect();
    words.join(" ")
}

#[test]
fn architecture_scanner_reads_grouped_imports_across_lines() {
    let text = "use crate::{\n    app::State,\n    ui::{self, theme},\n    model as m,\n};\n";
    assert_eq!(scan("rules/x.rs", text), "2:app 3:ui 4:model");
}

#[test]
fn architecture_scanner_skips_comments_and_literals() {
    let text = r##"
        //! See crate::ui.
        /// crate::ui too
        /* crate::ui /* nested crate::ui */ crate::ui */
        fn f<'a>(s: &'a str) -> char {
            let _ = ("crate::ui \" crate::ui", r#"crate::ui "q" crate::ui"#, b"crate::ui");
            let _ = crate::model::Campaign::default();
            '"'
        }
        const Q: char = '\''; fn g() { crate::text::clean("") }
    "##;
    assert_eq!(scan("ui/x.rs", text), "7:model 10:text");
}

#[test]
fn architecture_scanner_climbs_super_chains_out_of_the_room() {
    let update = "use super::state::State;\nuse super::super::ui::layout::Screen;\n";
    assert_eq!(scan("app/update.rs", update), "2:ui");
    let root = "use super::{source, ui};";
    assert_eq!(scan("app/mod.rs", root), "1:source 1:ui");
    // Inside `mod tests`, two supers reach only `app`; three reach the crate root.
    let tests = "mod tests {\n  use super::super::ui;\n  use super::super::super::tui;\n}\n";
    assert_eq!(scan("app/update.rs", tests), "3:tui");
}

#[test]
fn architecture_rules_report_each_forbidden_use() {
    let files = [
        ("app/update.rs", "use crate::ui::x;\nuse crate::model::y;"),
        ("ui/mod.rs", "use crate::{app, rules};\nuse crate::source;"),
        ("model/x.rs", "use crate::model;\ncrate::rules::f();"),
        ("cli/mod.rs", "use crate::{tui, server, source};"),
    ];
    assert_eq!(
        violations(&files),
        [
            "src/app/update.rs:1: room app uses crate::ui",
            "src/ui/mod.rs:2: room ui uses crate::source",
            "src/model/x.rs:2: room model uses crate::rules",
        ]
    );
}
