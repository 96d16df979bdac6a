//! The on-disk image cache: one file per URL in the XDG cache folder, so a restart does not
//! download again. Bounded by a file count; the oldest files go first.

use std::fs;
use std::io::Write;
use std::path::PathBuf;

/// Files kept; at the 5 MB cap that is at most about 1 GB, and demo-sized images far less.
const MAX_FILES: usize = 200;

#[derive(Clone, Debug)]
pub struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The cached bytes of `key`, if stored and no larger than `max`.
    pub fn get(&self, key: &str, max: u64) -> Option<Vec<u8>> {
        let path = self.path(key);
        if fs::metadata(&path).ok()?.len() > max + key.len() as u64 + 1 {
            return None;
        }
        let data = fs::read(&path).ok()?;
        // The key is stored in the file, so a hash collision is a miss, not a wrong picture.
        let body = data.strip_prefix(key.as_bytes())?.strip_prefix(b"\n")?;
        Some(body.to_vec())
    }

    /// Stores `bytes` for `key`. Failures only cost a download next time, so they are logged.
    pub fn put(&self, key: &str, bytes: &[u8]) {
        if let Err(e) = self.write(key, bytes) {
            tracing::warn!("cannot cache an image in {}: {e}", self.dir.display());
        }
        self.prune();
    }

    fn write(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.path(key);
        let mut tmp = tempfile_in(&self.dir)?;
        tmp.1.write_all(key.as_bytes())?;
        tmp.1.write_all(b"\n")?;
        tmp.1.write_all(bytes)?;
        tmp.1.sync_all()?;
        fs::rename(&tmp.0, &path)
    }

    fn prune(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if files.len() <= MAX_FILES {
            return;
        }
        files.sort();
        for (_, path) in &files[..files.len() - MAX_FILES] {
            let _ = fs::remove_file(path);
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.img", fnv1a(key.as_bytes())))
    }
}

/// A new file beside the cache entries, renamed into place once complete.
fn tempfile_in(dir: &std::path::Path) -> std::io::Result<(PathBuf, fs::File)> {
    let path = dir.join(format!(".tmp-{}-{:x}", std::process::id(), rand_suffix()));
    let file = fs::File::create(&path)?;
    Ok((path, file))
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// A hash that is the same in every build, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_and_returns_bytes_by_key() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path().join("images"));
        assert_eq!(cache.get("https://a/x.png", 100), None);
        cache.put("https://a/x.png", b"\x89PNG data");
        assert_eq!(
            cache.get("https://a/x.png", 100).as_deref(),
            Some(&b"\x89PNG data"[..])
        );
        assert_eq!(cache.get("https://a/y.png", 100), None);
        // Over the current cap: not used.
        assert_eq!(cache.get("https://a/x.png", 3), None);
    }

    #[test]
    fn keeps_at_most_max_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path().to_path_buf());
        for i in 0..MAX_FILES + 5 {
            cache.put(&format!("https://a/{i}.png"), b"x");
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), MAX_FILES);
    }
}
