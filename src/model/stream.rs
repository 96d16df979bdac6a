//! Campaigns read from a file a chunk at a time, so a large file and the campaigns read from it
//! are never in memory together.
//!
//! The campaign list of the three list shapes (API body, AWS CLI output, bare array) is cut into
//! campaigns by a scanner that only follows strings and brackets; each campaign is then read by
//! serde_json from its own bytes, at serde_json's speed. Anything the scanner does not expect
//! (a single campaign, an error anywhere) reads the whole document again with
//! [`parse_campaigns`], so what is accepted, and every error with its line and column, is exactly
//! what reading the whole file says.

use std::io::{self, Read, Seek, SeekFrom};

use super::Campaign;
use super::input::{API_KEY, BOM, CLI_KEY, ParseError, parse_campaigns};

/// How much is read at a time: large enough that reading costs nothing beside parsing.
const CHUNK: usize = 256 * 1024;

/// Why campaigns could not be read from a file.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    Parse(ParseError),
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Reads every campaign from `reader`, in any accepted shape.
pub fn read_campaigns<R: Read + Seek>(reader: R) -> Result<Vec<Campaign>, ReadError> {
    let mut campaigns = Vec::new();
    each_campaign(reader, |c| campaigns.push(c))?;
    campaigns.shrink_to_fit();
    Ok(campaigns)
}

/// Hands each campaign in `reader` to `each` as soon as it is read, and returns how many there
/// were. After an error, the campaigns already handed out are not a valid list.
pub fn each_campaign<R: Read + Seek>(
    reader: R,
    each: impl FnMut(Campaign),
) -> Result<usize, ReadError> {
    in_chunks(reader, CHUNK, each)
}

fn in_chunks<R: Read + Seek>(
    mut reader: R,
    chunk: usize,
    mut each: impl FnMut(Campaign),
) -> Result<usize, ReadError> {
    let streamed = {
        let mut scan = Scan {
            reader: &mut reader,
            buf: Vec::new(),
            pos: 0,
            mark: 0,
            chunk,
            chunk_buf: Vec::new(),
            eof: false,
        };
        stream(&mut scan, &mut each)?
    };
    let handed = match streamed {
        Ok(count) => return Ok(count),
        Err(handed) => handed,
    };
    // Not a shape the scanner follows, or not valid: the whole document says what it is. The
    // campaigns already handed out were read from their own exact bytes, so they are the
    // document's first ones and are not handed out again.
    reader.seek(SeekFrom::Start(0))?;
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    let campaigns = parse_campaigns(&bytes).map_err(ReadError::Parse)?;
    drop(bytes);
    let count = campaigns.len();
    campaigns.into_iter().skip(handed).for_each(each);
    Ok(count)
}

/// How many campaigns a list shape holds, or, when the whole document must be read instead,
/// how many were handed out before that was known.
fn stream<R: Read>(
    scan: &mut Scan<R>,
    each: &mut impl FnMut(Campaign),
) -> io::Result<Result<usize, usize>> {
    let mut first = scan.skip_ws()?;
    if first == BOM.first().copied() {
        // Only at the very start, as the whole-document reader takes it.
        if scan.pos != 1 || scan.next()? != Some(BOM[1]) || scan.next()? != Some(BOM[2]) {
            return Ok(Err(0));
        }
        first = scan.skip_ws()?;
    }
    // How the list is wrapped: the text the tail is checked behind, with an empty list.
    let wrapper: &[u8] = match first {
        Some(b'[') => b"[]",
        Some(b'{') => match scan.key()? {
            Some(key) if key == API_KEY.as_bytes() && scan.expect(b":[")? => {
                b"{\"InAppMessageCampaigns\":[]"
            }
            Some(key)
                if key == CLI_KEY.as_bytes()
                    && scan.expect(b":{")?
                    && scan.key()?.as_deref() == Some(API_KEY.as_bytes())
                    && scan.expect(b":[")? =>
            {
                b"{\"InAppMessagesResponse\":{\"InAppMessageCampaigns\":[]"
            }
            _ => return Ok(Err(0)),
        },
        _ => return Ok(Err(0)),
    };
    let mut count = 0;
    let mut next = scan.skip_ws()?;
    if next != Some(b']') {
        loop {
            if next != Some(b'{') {
                return Ok(Err(count));
            }
            // Reading on moves the buffer; the mark moves with it.
            scan.mark = scan.pos - 1;
            if !scan.close_object()? {
                return Ok(Err(count));
            }
            let Ok(campaign) = serde_json::from_slice::<Campaign>(&scan.buf[scan.mark..scan.pos])
            else {
                return Ok(Err(count));
            };
            each(campaign);
            count += 1;
            scan.mark = scan.pos;
            match scan.skip_ws()? {
                Some(b',') => next = scan.skip_ws()?,
                Some(b']') => break,
                _ => return Ok(Err(0)),
            }
        }
    }
    // What follows the list (the object's later keys, closing brackets) is checked by the
    // whole-document reader, behind an empty list: it accepts exactly what it would accept here.
    let mut rest = wrapper.to_vec();
    rest.extend_from_slice(&scan.buf[scan.pos..]);
    scan.reader.read_to_end(&mut rest)?;
    Ok(if parse_campaigns(&rest).is_ok() {
        Ok(count)
    } else {
        Err(count)
    })
}

/// A reader walked byte by byte over a buffer that keeps only what is still needed: from
/// `mark` (the start of the campaign being read) on.
struct Scan<R> {
    reader: R,
    buf: Vec<u8>,
    pos: usize,
    mark: usize,
    chunk: usize,
    chunk_buf: Vec<u8>,
    eof: bool,
}

impl<R: Read> Scan<R> {
    fn next(&mut self) -> io::Result<Option<u8>> {
        if self.pos == self.buf.len() && !self.fill()? {
            return Ok(None);
        }
        let b = self.buf[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    /// Reads another chunk behind what is kept; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        self.buf.drain(..self.mark);
        self.pos -= self.mark;
        self.mark = 0;
        // Read into a chunk of its own: a reader that hands out a few bytes at a time (a pipe)
        // must not cost a chunk's worth of zeroing for each.
        if self.chunk_buf.is_empty() {
            self.chunk_buf = vec![0; self.chunk];
        }
        let read = loop {
            match self.reader.read(&mut self.chunk_buf) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        self.buf.extend_from_slice(&self.chunk_buf[..read]);
        self.eof = read == 0;
        Ok(read > 0)
    }

    fn skip_ws(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.next()? {
                Some(b' ' | b'\n' | b'\r' | b'\t') => {}
                other => return Ok(other),
            }
        }
    }

    /// `bytes` next, whitespace allowed before each.
    fn expect(&mut self, bytes: &[u8]) -> io::Result<bool> {
        for &want in bytes {
            if self.skip_ws()? != Some(want) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// An object key without escapes, from its opening quote through the colon's absence.
    fn key(&mut self) -> io::Result<Option<Vec<u8>>> {
        if self.skip_ws()? != Some(b'"') {
            return Ok(None);
        }
        let mut key = Vec::new();
        loop {
            match self.next()? {
                Some(b'"') => return Ok(Some(key)),
                Some(b'\\') | None => return Ok(None),
                Some(b) => key.push(b),
            }
        }
    }

    /// From just inside an object to just past its closing bracket; false if the input ends.
    /// Brackets are only counted: that they match is serde_json's to say.
    fn close_object(&mut self) -> io::Result<bool> {
        let mut depth = 1usize;
        while let Some(b) = self.next()? {
            match b {
                b'"' if !self.close_string()? => return Ok(false),
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(true);
                    }
                }
                _ => {}
            }
        }
        Ok(false)
    }

    /// From just inside a string to just past its closing quote.
    fn close_string(&mut self) -> io::Result<bool> {
        loop {
            match memchr::memchr2(b'"', b'\\', &self.buf[self.pos..]) {
                Some(i) => {
                    let b = self.buf[self.pos + i];
                    self.pos += i + 1;
                    if b == b'"' {
                        return Ok(true);
                    }
                    // The escaped byte, whatever it is.
                    if self.next()?.is_none() {
                        return Ok(false);
                    }
                }
                None => {
                    self.pos = self.buf.len();
                    if !self.fill()? {
                        return Ok(false);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
