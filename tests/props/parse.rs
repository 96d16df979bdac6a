//! Parsing: arbitrary bytes, and the demo files in every input shape mangled byte by byte, never
//! panic the parser or the locator, and an error always names a line and column in the file.

use std::path::Path;
use std::sync::OnceLock;

use pinview::model::input::parse_campaigns;
use pinview::model::locate::{Locations, Position};
use pinview::model::stream::{ReadError, read_campaigns};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use serde_json::{Value, json};

use super::{Budget, run};

const CASES: u32 = 3000;

/// Every demo file, as written and re-written in each input shape pinview reads.
fn documents() -> &'static [(String, Vec<u8>)] {
    static DOCUMENTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    DOCUMENTS.get_or_init(|| {
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
        let mut out = Vec::new();
        let mut apps: Vec<_> = std::fs::read_dir(&demo).unwrap().flatten().collect();
        apps.sort_by_key(|e| e.path());
        for app in apps.iter().filter(|e| e.path().is_dir()) {
            let mut files: Vec<_> = std::fs::read_dir(app.path()).unwrap().flatten().collect();
            files.sort_by_key(|e| e.path());
            for file in files.iter().map(|e| e.path()) {
                if file.extension().is_some_and(|x| x == "json") {
                    let bytes = std::fs::read(&file).unwrap();
                    let name = file.strip_prefix(&demo).unwrap().display().to_string();
                    out.extend(shapes(&name, &bytes));
                }
            }
        }
        assert!(
            out.len() >= 12,
            "the demo's files were not found in {demo:?}"
        );
        out
    })
}

/// The file as written, then its campaigns as the API body, the AWS CLI's output, a bare list
/// (each pretty and on one line), and each campaign alone.
fn shapes(name: &str, bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let value: Value = serde_json::from_slice(bytes).expect("the demo is JSON");
    let list = match &value {
        Value::Array(_) => value.clone(),
        Value::Object(o) if o.contains_key("InAppMessagesResponse") => {
            value["InAppMessagesResponse"]["InAppMessageCampaigns"].clone()
        }
        Value::Object(o) if o.contains_key("InAppMessageCampaigns") => {
            value["InAppMessageCampaigns"].clone()
        }
        _ => json!([value]),
    };
    let mut out = vec![(name.to_string(), bytes.to_vec())];
    let wrapped = [
        ("api", json!({ "InAppMessageCampaigns": list })),
        (
            "cli",
            json!({ "InAppMessagesResponse": { "InAppMessageCampaigns": list } }),
        ),
        ("list", list.clone()),
    ];
    for (shape, doc) in wrapped {
        out.push((
            format!("{name} {shape}"),
            serde_json::to_vec_pretty(&doc).unwrap(),
        ));
        out.push((
            format!("{name} {shape} one line"),
            serde_json::to_vec(&doc).unwrap(),
        ));
    }
    for (i, campaign) in list.as_array().into_iter().flatten().enumerate() {
        out.push((
            format!("{name} campaign {i}"),
            serde_json::to_vec_pretty(campaign).unwrap(),
        ));
    }
    out
}

/// A document to parse, shown as a byte string when it fails.
#[derive(Clone)]
struct Doc {
    name: String,
    bytes: Vec<u8>,
}

impl std::fmt::Debug for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: b\"{}\"", self.name, self.bytes.escape_ascii())
    }
}

fn doc(name: impl Into<String>, bytes: Vec<u8>) -> Doc {
    Doc {
        name: name.into(),
        bytes,
    }
}

/// One edit of a file's bytes; positions are taken relative to its length at the time.
#[derive(Clone, Debug)]
enum Edit {
    Flip { at: Index, bit: u8 },
    Set { at: Index, byte: u8 },
    Delete { at: Index, len: usize },
    Insert { at: Index, bytes: Vec<u8> },
    Truncate { at: Index },
    Duplicate { from: Index, len: usize, to: Index },
}

/// Pieces of JSON and of broken UTF-8 that make edits land near-valid documents.
const TOKENS: &[&[u8]] = &[
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\\",
    b",",
    b":",
    b" ",
    b"\n",
    b"\r\n",
    b"\t",
    b"null",
    b"true",
    b"1",
    b"-",
    b"1e999",
    b"-0.5e-3",
    b"\"\\u00",
    b"\"\\ud800\"",
    b"\xff",
    b"\xc3",
    b"\xe6\x97",
    b"\xef\xbb\xbf",
    b"\0",
    b"\"Priority\":",
    b"\"InAppMessageCampaigns\":",
    b"\"InAppMessagesResponse\":",
    b"\"Content\":[",
    b"\"Layout\":\"X\"",
    b"\x1b[31m",
    "今日だけ".as_bytes(),
];

fn token_soup(max: usize) -> impl Strategy<Value = Vec<u8>> {
    let piece =
        prop_oneof![3 => select(TOKENS).prop_map(<[u8]>::to_vec), 1 => vec(any::<u8>(), 1..4)];
    vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (any::<Index>(), 0u8..8).prop_map(|(at, bit)| Edit::Flip { at, bit }),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::Set { at, byte }),
        3 => (any::<Index>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        3 => (any::<Index>(), token_soup(4)).prop_map(|(at, bytes)| Edit::Insert { at, bytes }),
        1 => any::<Index>().prop_map(|at| Edit::Truncate { at }),
        2 => (any::<Index>(), 1usize..400, any::<Index>())
            .prop_map(|(from, len, to)| Edit::Duplicate { from, len, to }),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    // An index into 0..=len: every gap between bytes, the end included.
    let gap = |i: &Index, len: usize| i.index(len + 1);
    let len = bytes.len();
    match edit {
        Edit::Flip { at, bit } if len > 0 => bytes[at.index(len)] ^= 1 << bit,
        Edit::Set { at, byte } if len > 0 => bytes[at.index(len)] = *byte,
        Edit::Delete { at, len: n } if len > 0 => {
            let from = at.index(len);
            bytes.drain(from..(from + n).min(len));
        }
        Edit::Insert { at, bytes: new } => {
            let at = gap(at, len);
            bytes.splice(at..at, new.iter().copied());
        }
        Edit::Truncate { at } => bytes.truncate(gap(at, len)),
        Edit::Duplicate { from, len: n, to } if len > 0 => {
            let from = from.index(len);
            let span = bytes[from..(from + n).min(len)].to_vec();
            let to = gap(to, len);
            bytes.splice(to..to, span);
        }
        _ => {}
    }
}

/// A demo document in some shape with a few edits applied.
fn mangled() -> impl Strategy<Value = Doc> {
    (any::<Index>(), vec(edit(), 1..6)).prop_map(|(which, edits)| {
        let (name, bytes) = which.get(documents());
        let mut bytes = bytes.clone();
        for e in &edits {
            apply(&mut bytes, e);
        }
        doc(format!("{name} after {edits:?}"), bytes)
    })
}

fn input() -> impl Strategy<Value = Doc> {
    prop_oneof![
        2 => vec(any::<u8>(), 0..600).prop_map(|b| doc("bytes", b)),
        2 => token_soup(80).prop_map(|b| doc("tokens", b)),
        6 => mangled(),
    ]
}

/// The lines of `bytes`, split at `\n` as the parser counts them; the last may be empty.
fn lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split(|&b| b == b'\n').collect()
}

/// `(line, column)` is a place in the file: on one of its lines, at most one past its end.
/// The unit of `column` is given by `width`: bytes for the parser, characters for the locator.
fn inside(
    what: &str,
    bytes: &[u8],
    (line, column): (usize, usize),
    width: impl Fn(&[u8]) -> usize,
) -> Result<(), TestCaseError> {
    let lines = lines(bytes);
    prop_assert!(
        (1..=lines.len()).contains(&line),
        "{} names line {} of {}",
        what,
        line,
        lines.len()
    );
    let room = width(lines[line - 1]) + 1;
    prop_assert!(
        (1..=room).contains(&column),
        "{} names {}:{}, line {} holds {:?}",
        what,
        line,
        column,
        line,
        String::from_utf8_lossy(lines[line - 1])
    );
    Ok(())
}

fn chars(line: &[u8]) -> usize {
    String::from_utf8_lossy(line).chars().count()
}

/// Where the locator puts each campaign and some of its fields: all inside the file.
fn located(text: &str, found: &Locations) -> Result<(), TestCaseError> {
    let bytes = text.as_bytes();
    let at = |p: Position| (p.line, p.column);
    let fields = [
        "",
        "CampaignId",
        "InAppMessage.Content[0].BodyConfig.Body",
        "Nowhere",
    ];
    for index in 0..4 {
        for field in fields {
            let path = found.field_path(index, field);
            inside(
                &format!("location of {path:?}"),
                bytes,
                at(found.nearest(&path)),
                chars,
            )?;
        }
    }
    if let Some(root) = found.get("") {
        inside("location of the document", bytes, at(root), chars)?;
    }
    Ok(())
}

fn parse(Doc { bytes, .. }: Doc) -> Result<(), TestCaseError> {
    let parsed = parse_campaigns(&bytes);
    // Read a chunk at a time, the same campaigns or the same error.
    let streamed = read_campaigns(Dribble::new(&bytes, 1 + bytes.len() % 13));
    match (&parsed, streamed) {
        (Ok(whole), Ok(streamed)) => prop_assert_eq!(whole, &streamed),
        (Err(whole), Err(ReadError::Parse(streamed))) => prop_assert_eq!(whole, &streamed),
        (whole, streamed) => prop_assert!(false, "whole {whole:?}, streamed {streamed:?}"),
    }
    if let Err(error) = &parsed {
        let place = (error.line(), error.column());
        inside(&format!("error {error:?}"), &bytes, place, <[u8]>::len)?;
    }
    if let Ok(text) = std::str::from_utf8(&bytes) {
        let found = Locations::of(text);
        // What pinview reads, `check` can point into.
        prop_assert!(
            parsed.is_err() || found.is_some(),
            "parsed, but the locator found no JSON"
        );
        if let Some(found) = &found {
            located(text, found)?;
        }
    }
    Ok(())
}

/// A reader that hands out at most `most` bytes at a time, so campaigns and strings straddle
/// every boundary the streamed read can meet.
struct Dribble<'a> {
    bytes: std::io::Cursor<&'a [u8]>,
    most: usize,
}

impl<'a> Dribble<'a> {
    fn new(bytes: &'a [u8], most: usize) -> Self {
        Dribble {
            bytes: std::io::Cursor::new(bytes),
            most,
        }
    }
}

impl std::io::Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let most = buf.len().min(self.most);
        self.bytes.read(&mut buf[..most])
    }
}

impl std::io::Seek for Dribble<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        self.bytes.seek(to)
    }
}

#[test]
fn any_bytes_parse_or_fail_at_a_place_in_the_file() {
    run("parse", Budget::bounded(CASES), input(), parse);
}

#[test]
#[ignore = "long run: PINVIEW_PROPTEST_CASES"]
fn any_bytes_parse_or_fail_at_a_place_in_the_file_long() {
    run("parse (long)", Budget::long(CASES), input(), parse);
}
