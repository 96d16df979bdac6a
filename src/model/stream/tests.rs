//! The streamed read against the whole-document read: same campaigns, same errors, and list
//! shapes read without going back to the start.

use std::io::{Cursor, Read, Seek, SeekFrom};

use super::*;

const A: &str = r#"{"CampaignId":"a","Priority":2,"InAppMessage":{"Layout":"TOP_BANNER","Content":[{"HeaderConfig":{"Header":"quote \" brace } bracket ] back \\"}}]}}"#;
const B: &str = r#"{"CampaignId":"b","Schedule":{"EventFilter":{"Dimensions":{"Attributes":{"k":{"Values":["[","{"]}}}}},"Unknown":[{"x":[1,2,{}]}]}"#;

fn shapes() -> Vec<String> {
    vec![
        format!("[{A},{B}]"),
        format!(" \n[ {A} ,\n\t{B} ] \n"),
        format!(r#"{{"InAppMessageCampaigns":[{A},{B}]}}"#),
        format!(r#"{{ "InAppMessageCampaigns" : [{A},{B}], "ResponseMetadata": {{"x": [1]}} }}"#),
        format!(r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{A},{B}]}}}}"#),
        format!(
            r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{A},{B}],"k":1}},"m":{{}}}}"#
        ),
    ]
}

/// A reader that cannot go back: what it reads, it reads once.
struct Forward<'a>(Cursor<&'a [u8]>);

impl Read for Forward<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl Seek for Forward<'_> {
    fn seek(&mut self, _: SeekFrom) -> io::Result<u64> {
        Err(io::Error::other("read again"))
    }
}

fn streamed(text: &str, chunk: usize) -> Result<Vec<Campaign>, ReadError> {
    let mut out = Vec::new();
    in_chunks(Cursor::new(text.as_bytes()), chunk, |c| out.push(c))?;
    Ok(out)
}

#[test]
fn list_shapes_are_read_in_one_pass_at_every_chunk_size() {
    for text in shapes() {
        let whole = parse_campaigns(text.as_bytes()).unwrap();
        assert_eq!(whole.len(), 2, "{text}");
        for chunk in [1, 2, 3, 7, 64, CHUNK] {
            let mut out = Vec::new();
            let count = in_chunks(Forward(Cursor::new(text.as_bytes())), chunk, |c| {
                out.push(c)
            })
            .unwrap_or_else(|e| panic!("{text} in chunks of {chunk}: {e:?}"));
            assert_eq!(count, 2);
            assert_eq!(out, whole, "{text} in chunks of {chunk}");
        }
    }
}

#[test]
fn other_shapes_are_read_whole_and_agree() {
    for text in [
        A.to_string(),
        "{}".into(),
        "[]".into(),
        r#"{"InAppMessageCampaigns":null}"#.into(),
        r#"{"InAppMessagesResponse":{}}"#.into(),
        format!(r#"{{"InAppMessagesResponse":{{"Other":1,"InAppMessageCampaigns":[{A}]}}}}"#),
        format!(r#"{{"In\u0041ppMessageCampaigns":[{A}]}}"#),
    ] {
        let whole = parse_campaigns(text.as_bytes()).unwrap();
        for chunk in [1, 5, CHUNK] {
            assert_eq!(streamed(&text, chunk).unwrap(), whole, "{text}");
        }
    }
}

#[test]
fn a_byte_order_mark_is_streamed_past() {
    for text in shapes() {
        let marked = format!("\u{FEFF}{text}");
        let whole = parse_campaigns(marked.as_bytes()).unwrap();
        assert_eq!(whole, parse_campaigns(text.as_bytes()).unwrap());
        for chunk in [1, 2, CHUNK] {
            assert_eq!(streamed(&marked, chunk).unwrap(), whole, "{marked}");
        }
    }
    let late = " \u{FEFF}[]";
    let whole = parse_campaigns(late.as_bytes()).unwrap_err();
    assert!(matches!(streamed(late, 1), Err(ReadError::Parse(e)) if e == whole));
}

#[test]
fn errors_are_the_whole_documents_errors() {
    for text in [
        format!("[{A},]"),
        format!("[{A},{B}"),
        format!("[{A} {B}]"),
        format!("[{A}] x"),
        format!("[{A}, 3]"),
        format!("[{A},\n{{\"Priority\":\"high\"}}]"),
        format!(r#"{{"InAppMessageCampaigns":[{A}], "InAppMessageCampaigns": 7, }}"#),
        format!(
            r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{A}],"InAppMessageCampaigns":[]}}}}"#
        ),
        format!("[{}]", &A[..A.len() - 1]),
        "[\"unterminated".into(),
        "[{\"CampaignId\":\"\\".into(),
    ] {
        let whole = parse_campaigns(text.as_bytes()).unwrap_err();
        for chunk in [1, 4, CHUNK] {
            match streamed(&text, chunk) {
                Err(ReadError::Parse(e)) => assert_eq!(e, whole, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
    }
}

#[test]
fn the_fallback_knows_how_many_campaigns_were_handed_out() {
    // The second element is no campaign: the first was handed out before that was known.
    let text = format!("[{A}, 3]");
    let mut scan = Scan {
        reader: Cursor::new(text.as_bytes()),
        buf: Vec::new(),
        pos: 0,
        mark: 0,
        chunk: 16,
        chunk_buf: Vec::new(),
        eof: false,
    };
    assert_eq!(stream(&mut scan, &mut |_| {}).unwrap(), Err(1));
}

#[test]
fn invalid_utf8_inside_a_campaign_is_the_same_error() {
    let mut bytes = format!("[{A}]").into_bytes();
    let at = bytes.iter().position(|&b| b == b'q').unwrap();
    bytes[at] = 0xFF;
    let whole = parse_campaigns(&bytes).unwrap_err();
    let mut out = Vec::new();
    match in_chunks(Cursor::new(&bytes), 3, |c| out.push(c)) {
        Err(ReadError::Parse(e)) => assert_eq!(e, whole),
        other => panic!("{other:?}"),
    }
}

#[test]
fn only_the_campaign_being_read_is_kept() {
    let many = format!("[{}]", vec![A; 500].join(","));
    let mut scan = Scan {
        reader: Cursor::new(many.as_bytes()),
        buf: Vec::new(),
        pos: 0,
        mark: 0,
        chunk: 64,
        chunk_buf: Vec::new(),
        eof: false,
    };
    let count = stream(&mut scan, &mut |_| {}).unwrap();
    assert_eq!(count, Ok(500));
    // The buffer never held more than one campaign and a chunk.
    assert!(
        scan.buf.capacity() < A.len() * 2 + 64,
        "{} for {}",
        scan.buf.capacity(),
        many.len()
    );
}
