//! Watches the files of a `--file` source and says which endpoints changed, debounced so an
//! editor's save (write, rename, chmod) is one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Target;

/// Changes closer together than this are one.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Stops watching when dropped.
pub struct FileWatch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// Calls `on_change` with the endpoints whose files changed. The folders are watched rather
/// than the files, because editors save by replacing the file.
pub fn watch_files(
    entries: &[(Target, PathBuf)],
    on_change: impl Fn(Vec<Target>) + Send + 'static,
) -> notify::Result<FileWatch> {
    // A symlinked file changes where its target lives: both places are watched.
    let files: Vec<(Target, PathBuf)> = entries
        .iter()
        .flat_map(|(t, p)| {
            let resolved = std::fs::canonicalize(p).ok().filter(|r| *r != absolute(p));
            [
                Some((t.clone(), absolute(p))),
                resolved.map(|r| (t.clone(), r)),
            ]
        })
        .flatten()
        .collect();
    let folders: BTreeSet<PathBuf> = files
        .iter()
        .filter_map(|(_, p)| p.parent().map(Path::to_path_buf))
        .collect();
    let watched = files.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        // A link and its target changing together is one change.
        let changed: BTreeSet<Target> = events
            .iter()
            .filter(|e| may_change_content(e.kind))
            .flat_map(|e| e.paths.iter())
            .flat_map(|path| {
                let path = absolute(path);
                watched
                    .iter()
                    .filter(move |(_, p)| *p == path)
                    .map(|(t, _)| t.clone())
            })
            .collect();
        if !changed.is_empty() {
            on_change(changed.into_iter().collect());
        }
    })?;
    for folder in folders {
        debouncer.watch(&folder, RecursiveMode::NonRecursive)?;
    }
    Ok(FileWatch {
        _debouncer: debouncer,
    })
}

/// Opening and reading a file are events too, and pinview's own read of a changed file would
/// otherwise set off the next read, for as long as it runs.
fn may_change_content(kind: EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The path as the watcher reports it: absolute, with symlinked folders resolved.
fn absolute(path: &Path) -> PathBuf {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    let folder = parent
        .map_or_else(std::env::current_dir, std::fs::canonicalize)
        .unwrap_or_else(|_| parent.map(Path::to_path_buf).unwrap_or_default());
    match path.file_name() {
        Some(name) => folder.join(name),
        None => folder,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use super::*;

    /// Saving a symlinked file's target the way editors do (a new file renamed over it) is a
    /// change of the link's endpoint.
    #[cfg(unix)]
    #[test]
    fn a_symlinks_target_is_watched() {
        let (links, real) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let target_file = real.path().join("real.json");
        std::fs::write(&target_file, "[]").unwrap();
        let link = links.path().join("phone.json");
        std::os::unix::fs::symlink(&target_file, &link).unwrap();
        let target = Target::new("local", "phone");
        let (tx, rx) = mpsc::channel();
        let _watch = watch_files(&[(target.clone(), link)], move |changed| {
            let _ = tx.send(changed);
        })
        .unwrap();
        let fresh = real.path().join("real.json.tmp");
        std::fs::write(&fresh, "[{}]").unwrap();
        std::fs::rename(&fresh, &target_file).unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(vec![target]));
    }

    /// Reading a watched file, as each reload does, is not a change; writing it is.
    #[test]
    fn reads_are_not_changes_and_writes_are() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("phone.json");
        std::fs::write(&file, "[]").unwrap();
        let target = Target::new("local", "phone");
        let (tx, rx) = mpsc::channel();
        let _watch = watch_files(&[(target.clone(), file.clone())], move |changed| {
            let _ = tx.send(changed);
        })
        .unwrap();
        for _ in 0..5 {
            assert_eq!(std::fs::read(&file).unwrap(), b"[]");
        }
        let wait = DEBOUNCE * 4;
        assert_eq!(rx.recv_timeout(wait), Err(mpsc::RecvTimeoutError::Timeout));
        std::fs::write(&file, "[{}]").unwrap();
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(vec![target]));
    }
}
