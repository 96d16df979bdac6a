//! An endpoint's reply body, written a campaign at a time as the file is read and kept once:
//! cut where the serving host goes, so each request gets its own host without a copy of the
//! whole body.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::Arc;

use axum::body::{Body, Bytes};

use super::links::{Folder, served_path};
use crate::model::{Campaign, Text};

/// A reply sent in pieces of about this size: small enough that a slow client holds little,
/// large enough that writing them costs nothing.
const CHUNK: usize = 64 * 1024;

/// A piece of the body this long or longer is kept as written rather than copied to its size.
const KEEP: usize = 1 << 20;

/// The body as `pieces[0] host pieces[1] host …`; a single piece when no ImageUrl names this
/// server.
#[derive(Debug)]
pub struct Pieces {
    pieces: Vec<Bytes>,
}

impl Pieces {
    /// The body's length for a request that came in on `host`.
    pub fn len_with(&self, host: &str) -> usize {
        self.pieces.iter().map(Bytes::len).sum::<usize>()
            + host.len() * self.pieces.len().saturating_sub(1)
    }

    /// The body for `host`, sent as it is read: nothing the size of the whole body is copied.
    pub fn body_for(self: &Arc<Self>, host: &str) -> Body {
        if let [only] = self.pieces.as_slice() {
            return Body::from(only.clone());
        }
        let chunks = Chunks {
            pieces: Arc::clone(self),
            host: Bytes::copy_from_slice(host.as_bytes()),
            next: 0,
            offset: 0,
        };
        Body::from_stream(futures_util::stream::iter(
            chunks.map(Ok::<_, std::io::Error>),
        ))
    }

    /// The whole body for `host` in one buffer, for tests and small replies.
    pub fn to_vec(&self, host: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len_with(host));
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(host.as_bytes());
            }
            out.extend_from_slice(piece);
        }
        out
    }
}

/// Hands out the body in chunks of about `CHUNK` bytes, the host between pieces.
struct Chunks {
    pieces: Arc<Pieces>,
    host: Bytes,
    /// The piece to send next, and how much of it is sent.
    next: usize,
    offset: usize,
}

impl Iterator for Chunks {
    type Item = Bytes;

    fn next(&mut self) -> Option<Bytes> {
        let pieces = &self.pieces.pieces;
        if self.next >= pieces.len() {
            return None;
        }
        let mut out = Vec::with_capacity(CHUNK + self.host.len());
        while out.len() < CHUNK && self.next < pieces.len() {
            let piece = &pieces[self.next];
            let take = (CHUNK - out.len()).min(piece.len() - self.offset);
            out.extend_from_slice(&piece[self.offset..self.offset + take]);
            self.offset += take;
            if self.offset == piece.len() {
                self.next += 1;
                self.offset = 0;
                if self.next < pieces.len() {
                    out.extend_from_slice(&self.host);
                }
            }
        }
        Some(Bytes::from(out))
    }
}

/// Writes the API body a campaign at a time, pointing ImageUrls this server serves here.
pub struct BodyWriter<'a> {
    folder: Option<&'a Folder<'a>>,
    seed: RandomState,
    pieces: Vec<Bytes>,
    current: Vec<u8>,
    count: usize,
}

impl<'a> BodyWriter<'a> {
    pub fn new(folder: Option<&'a Folder<'a>>) -> Self {
        BodyWriter {
            folder,
            seed: RandomState::new(),
            pieces: Vec::new(),
            current: b"{\"InAppMessageCampaigns\":[".to_vec(),
            count: 0,
        }
    }

    pub fn push(&mut self, mut campaign: Campaign) {
        if self.count > 0 {
            self.current.push(b',');
        }
        self.count += 1;
        let served: Vec<(usize, String)> = campaign
            .cards()
            .iter()
            .enumerate()
            .filter_map(|(i, card)| {
                Some((i, served_path(card.image_url.as_deref()?, self.folder)?))
            })
            .collect();
        if served.is_empty() {
            write(&mut self.current, &campaign);
            return;
        }
        let written: Vec<Option<Text>> = campaign
            .cards()
            .iter()
            .map(|c| c.image_url.clone())
            .collect();
        // A stand-in host, found again after writing; the count proves nothing else matched.
        for attempt in 0u64..8 {
            let marker = format!(
                "pinview-host-{:016x}",
                self.seed.hash_one((self.count, attempt))
            );
            set_urls(&mut campaign, |i| {
                served
                    .iter()
                    .find(|(at, _)| *at == i)
                    .map(|(_, path)| format!("http://{marker}{path}").into())
            });
            let mut one = Vec::new();
            write(&mut one, &campaign);
            let parts: Vec<&[u8]> = split(&one, marker.as_bytes());
            if parts.len() == served.len() + 1 {
                for (i, part) in parts.into_iter().enumerate() {
                    if i > 0 {
                        self.cut();
                    }
                    self.current.extend_from_slice(part);
                }
                return;
            }
        }
        // No stand-in was unique: the URLs go out as written.
        set_urls(&mut campaign, |i| written.get(i).cloned().flatten());
        write(&mut self.current, &campaign);
    }

    /// Ends the body; returns it and how many campaigns it holds.
    pub fn finish(mut self) -> (Pieces, usize) {
        self.current.extend_from_slice(b"]}");
        self.cut();
        (
            Pieces {
                pieces: self.pieces,
            },
            self.count,
        )
    }

    fn cut(&mut self) {
        let piece = if self.current.len() >= KEEP {
            self.current.shrink_to_fit();
            Bytes::from(std::mem::take(&mut self.current))
        } else {
            let piece = Bytes::copy_from_slice(&self.current);
            self.current.clear();
            piece
        };
        self.pieces.push(piece);
    }
}

fn set_urls(campaign: &mut Campaign, url: impl Fn(usize) -> Option<Text>) {
    let cards = campaign
        .in_app_message
        .as_mut()
        .and_then(|m| m.content.as_mut());
    for (i, card) in cards.into_iter().flatten().enumerate() {
        if let Some(new) = url(i) {
            card.image_url = Some(new);
        }
    }
}

fn write(out: &mut Vec<u8>, campaign: &Campaign) {
    // Writing to memory cannot fail: every field is a string, number, list or map.
    let _ = serde_json::to_writer(out, campaign);
}

fn split<'b>(body: &'b [u8], marker: &[u8]) -> Vec<&'b [u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + marker.len() <= body.len() {
        if &body[i..i + marker.len()] == marker {
            parts.push(&body[start..i]);
            i += marker.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(&body[start..]);
    parts
}

#[cfg(test)]
mod tests;
