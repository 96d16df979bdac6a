//! What `pinview serve` answers from: the embedded demo, or a directory of
//! `<app-id>/<endpoint-id>.json` files read again whenever they change on disk.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use axum::body::Body;

use super::body::{BodyWriter, Pieces};
use super::links::Folder;
use crate::model::input::parse_campaigns;
use crate::model::stream::{ReadError, each_campaign};
use crate::model::{Target, is_safe_id};
use crate::source::{SourceError, demo, scan};

/// An endpoint's reply, ready to send.
#[derive(Clone, Debug)]
pub struct Reply {
    body: Arc<Pieces>,
    pub campaigns: usize,
}

impl Reply {
    /// What a client that reached this server as `host` is sent.
    pub fn body_for(&self, host: &str) -> Body {
        self.body.body_for(host)
    }

    /// The body's length for `host`.
    pub fn len_with(&self, host: &str) -> usize {
        self.body.len_with(host)
    }

    /// The body for `host` in one buffer.
    pub fn to_vec(&self, host: &str) -> Vec<u8> {
        self.body.to_vec(host)
    }
}

/// Why there is no reply for a target.
#[derive(Debug, PartialEq)]
pub enum Miss {
    /// No such application.
    App,
    /// The application exists, the endpoint does not.
    Endpoint,
    /// The file exists but has never been readable; the error names file, line and column.
    Unreadable(String),
}

pub enum Catalog {
    Demo(HashMap<Target, Reply>),
    Dir {
        root: PathBuf,
        cache: Mutex<HashMap<Target, Cached>>,
    },
}

/// The last good reply for a file, and what its bytes were when last read.
pub struct Cached {
    /// Size, time and inode when last read: while they hold, the file is not read at all...
    stamp: Option<Stamp>,
    /// ...once the time was a tick older than the read, so a later write must change it.
    trusted: bool,
    /// A hash of the bytes, compared when the stamp changed: a save that keeps the bytes
    /// needs no new parse, and a large file is not kept twice.
    bytes: u64,
    good: Option<Reply>,
    /// Why the current bytes do not parse.
    error: Option<String>,
}

impl Catalog {
    pub fn demo() -> Self {
        let replies = demo::targets()
            .into_iter()
            .filter_map(|t| {
                let bytes = demo::file(&t)?;
                let mut writer = BodyWriter::new(None);
                parse_campaigns(bytes)
                    .ok()?
                    .into_iter()
                    .for_each(|c| writer.push(c));
                Some((t, reply(writer)))
            })
            .collect();
        Catalog::Demo(replies)
    }

    /// Serves `root`; files are read on first request and again when they change.
    pub fn dir(root: &Path) -> Result<Self, SourceError> {
        let meta = std::fs::metadata(root).map_err(|_| SourceError::Missing(root.to_path_buf()))?;
        if !meta.is_dir() {
            return Err(SourceError::Io {
                path: root.to_path_buf(),
                message: "not a directory: serve a folder of <app-id>/<endpoint-id>.json files"
                    .into(),
            });
        }
        Ok(Catalog::Dir {
            root: root.to_path_buf(),
            cache: Mutex::default(),
        })
    }

    /// Every target there is now, sorted; for the start-up summary.
    pub fn targets(&self) -> Vec<Target> {
        let mut out: Vec<Target> = match self {
            Catalog::Demo(replies) => replies.keys().cloned().collect(),
            // The same folder walk as `--file`, keeping the files this server can answer for.
            Catalog::Dir { root, .. } => scan(std::slice::from_ref(root))
                .unwrap_or_default()
                .into_iter()
                .filter(|(t, path)| {
                    is_safe_id(&t.app)
                        && is_safe_id(&t.endpoint)
                        && path.parent() == Some(&root.join(&t.app))
                        && is_inside(root, path)
                })
                .map(|(t, _)| t)
                .collect(),
        };
        out.sort();
        out
    }

    /// The reply for a target. A file that has turned invalid keeps its last good reply, and
    /// the error is returned beside it so the caller can log it.
    pub fn lookup(&self, target: &Target) -> (Result<Reply, Miss>, Option<String>) {
        match self {
            Catalog::Demo(replies) => match replies.get(target) {
                Some(r) => (Ok(r.clone()), None),
                None if replies.keys().any(|t| t.app == target.app) => (Err(Miss::Endpoint), None),
                None => (Err(Miss::App), None),
            },
            Catalog::Dir { root, cache } => lookup_file(root, cache, target),
        }
    }
}

fn lookup_file(
    root: &Path,
    cache: &Mutex<HashMap<Target, Cached>>,
    target: &Target,
) -> (Result<Reply, Miss>, Option<String>) {
    if !is_safe_id(&target.app) || !root.join(&target.app).is_dir() {
        return (Err(Miss::App), None);
    }
    let path = root
        .join(&target.app)
        .join(format!("{}.json", target.endpoint));
    let meta = match std::fs::metadata(&path) {
        Ok(meta) if is_safe_id(&target.endpoint) => meta,
        Err(e) if path.exists() => return unreadable(cache, target, &path, &e.to_string()),
        _ => {
            lock(cache).remove(target);
            return (Err(Miss::Endpoint), None);
        }
    };
    // Opening a pipe or a device waits for its writer, for as long as there is none.
    if !meta.is_file() {
        return unreadable(cache, target, &path, "not a regular file");
    }
    if !is_inside(root, &path) {
        return unreadable(cache, target, &path, "leads outside the served folder");
    }
    let (stamp, read_at) = (Stamp::of(&meta), std::time::SystemTime::now());
    // Unchanged size and time: the reply kept is the file's. Otherwise the bytes are hashed, a
    // chunk at a time, since a save that keeps them (a touch, a checkout) needs no new parse.
    let known = lock(cache)
        .get(target)
        .map(|c| (c.stamp, c.trusted, c.bytes));
    if let Some((seen, true, _)) = known
        && seen == Some(stamp)
    {
        return kept(cache, target);
    }
    let mut file = match std::fs::File::open(&path) {
        Ok(file) => file,
        Err(e) => return unreadable(cache, target, &path, &e.to_string()),
    };
    let mut print = None;
    if let Some((_, _, bytes)) = known {
        let now = match hash(&mut file).and_then(|p| file.rewind().map(|()| p)) {
            Ok(now) => now,
            Err(e) => return unreadable(cache, target, &path, &e.to_string()),
        };
        if now == bytes {
            if let Some(c) = lock(cache).get_mut(target) {
                c.stamp = Some(stamp);
                c.trusted = stamp.settled_before(read_at);
            }
            return kept(cache, target);
        }
        print = Some(now);
    }
    let folder = Folder {
        root,
        app: &target.app,
    };
    // The file's campaigns go straight into the reply: neither the file nor its campaigns are
    // held whole. No lock is held meanwhile: other endpoints are answered while a large file is
    // read.
    let mut writer = BodyWriter::new(Some(&folder));
    let mut read = Hashing::new(file);
    let parsed = each_campaign(&mut read, |c| writer.push(c)).map_err(|e| match e {
        ReadError::Io(e) => format!("{}: cannot read: {e}", path.display()),
        ReadError::Parse(error) => SourceError::Parse {
            path: path.clone(),
            error,
        }
        .to_string(),
    });
    let mut cache = lock(cache);
    let entry = cache.entry(target.clone()).or_insert(Cached {
        stamp: None,
        trusted: false,
        bytes: 0,
        good: None,
        error: None,
    });
    entry.stamp = Some(stamp);
    entry.trusted = stamp.settled_before(read_at);
    entry.bytes = print.unwrap_or_else(|| read.finish());
    entry.error = parsed.as_ref().err().cloned();
    match parsed {
        Ok(_) => {
            let r = reply(writer);
            entry.good = Some(r.clone());
            (Ok(r), None)
        }
        Err(error) => match &entry.good {
            Some(good) => (Ok(good.clone()), Some(error)),
            None => (Err(Miss::Unreadable(error.clone())), Some(error)),
        },
    }
}

/// The kept answer for a file whose bytes are those last read. Its error, if any, was logged
/// when they were first read.
fn kept(
    cache: &Mutex<HashMap<Target, Cached>>,
    target: &Target,
) -> (Result<Reply, Miss>, Option<String>) {
    match lock(cache).get(target) {
        Some(Cached {
            good: Some(good), ..
        }) => (Ok(good.clone()), None),
        Some(c) => (
            Err(Miss::Unreadable(c.error.clone().unwrap_or_default())),
            None,
        ),
        None => (Err(Miss::Endpoint), None),
    }
}

/// Whether `path`, symlinks followed, is inside `root`, as served images must be too.
fn is_inside(root: &Path, path: &Path) -> bool {
    match (root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(path)) => path.starts_with(root),
        _ => false,
    }
}

/// A file's size and modification time, with its inode: what changes when it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: u64,
}

impl Stamp {
    /// File times tick coarsely: two writes of one size in the same tick share a stamp. A
    /// stamp whose time was a tick older than a read of the file shows any write after it.
    /// A time in whole seconds may come from a filesystem that keeps no finer (FAT keeps two).
    fn settled_before(&self, read: std::time::SystemTime) -> bool {
        let Some(modified) = self.modified else {
            return false;
        };
        let whole_seconds = modified
            .duration_since(std::time::UNIX_EPOCH)
            .is_ok_and(|d| d.subsec_nanos() == 0);
        let tick = if whole_seconds {
            std::time::Duration::from_secs(2)
        } else {
            std::time::Duration::from_millis(50)
        };
        read.duration_since(modified).is_ok_and(|age| age > tick)
    }

    fn of(meta: &std::fs::Metadata) -> Self {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: std::os::unix::fs::MetadataExt::ino(meta),
        }
    }
}

/// A file that cannot be read now: its last good reply, if any, is still served, beside the
/// error to log.
fn unreadable(
    cache: &Mutex<HashMap<Target, Cached>>,
    target: &Target,
    path: &Path,
    e: &str,
) -> (Result<Reply, Miss>, Option<String>) {
    let error = format!("{}: cannot read: {e}", path.display());
    match lock(cache).get(target).and_then(|c| c.good.clone()) {
        Some(good) => (Ok(good), Some(error)),
        None => (Err(Miss::Unreadable(error.clone())), Some(error)),
    }
}

/// A hash of everything `file` holds.
fn hash(file: &mut std::fs::File) -> std::io::Result<u64> {
    let mut read = Hashing::new(file);
    let mut chunk = vec![0; 64 * 1024];
    while read.read(&mut chunk)? > 0 {}
    Ok(read.finish())
}

/// A reader that hashes what it reads; going back to the start starts the hash again.
struct Hashing<R> {
    inner: R,
    hasher: DefaultHasher,
}

impl<R> Hashing<R> {
    fn new(inner: R) -> Self {
        Hashing {
            inner,
            hasher: DefaultHasher::new(),
        }
    }

    fn finish(&self) -> u64 {
        self.hasher.finish()
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match self.inner.read(buf) {
                Ok(n) => {
                    self.hasher.write(&buf[..n]);
                    return Ok(n);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

impl<R: Seek> Seek for Hashing<R> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        if to == SeekFrom::Start(0) {
            self.hasher = DefaultHasher::new();
        }
        self.inner.seek(to)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere leaves the cache usable: it only ever holds whole entries.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn reply(writer: BodyWriter) -> Reply {
    let (body, campaigns) = writer.finish();
    Reply {
        body: Arc::new(body),
        campaigns,
    }
}

#[cfg(test)]
mod tests;
