//! Watches the files of a `--file` source and says which endpoints changed, debounced so an
//! editor's save (write, rename, chmod) is one change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::files::is_json_name;
use super::{Files, Target};

/// Changes closer together than this are one.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Stops watching when dropped.
pub struct FileWatch {
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

/// What a batch of events meant: endpoints whose files changed, and endpoints whose files
/// appeared in a directory given.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub changed: Vec<Target>,
    pub added: Vec<Target>,
}

/// Calls `on_change` when endpoint files change or appear. The folders are watched rather than
/// the files, because editors save by replacing the file; a new folder inside a directory given
/// is not watched until pinview starts again.
pub fn watch_files(
    files: &Files,
    on_change: impl Fn(Changes) + Send + 'static,
) -> notify::Result<FileWatch> {
    let mut folders: BTreeSet<PathBuf> = places(&files.entries())
        .iter()
        .filter_map(|(_, p)| p.parent().map(Path::to_path_buf))
        .collect();
    folders.extend(files.dirs().iter().filter_map(|d| d.canonicalize().ok()));
    let files = files.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let paths: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| may_change_content(e.kind))
            .flat_map(|e| e.paths.iter().map(|p| absolute(p)))
            .collect();
        if paths.is_empty() {
            return;
        }
        let known = places(&files.entries());
        // A link and its target changing together is one change. A folder removed or moved
        // away comes as one event for the folder: every file in it changed.
        let changed: BTreeSet<Target> = known
            .iter()
            .filter(|(_, p)| paths.iter().any(|changed| p.starts_with(changed)))
            .map(|(t, _)| t.clone())
            .collect();
        let unknown = paths
            .iter()
            .any(|p| is_json_name(p) && !known.iter().any(|(_, k)| k == p));
        let added = if unknown {
            files.found_new()
        } else {
            Vec::new()
        };
        if !changed.is_empty() || !added.is_empty() {
            on_change(Changes {
                changed: changed.into_iter().collect(),
                added,
            });
        }
    })?;
    for folder in folders {
        debouncer.watch(&folder, RecursiveMode::NonRecursive)?;
    }
    Ok(FileWatch {
        _debouncer: debouncer,
    })
}

/// Where each endpoint's file is, as the watcher reports paths: a symlinked file both where the
/// link is and where its target lives.
fn places(entries: &[(Target, PathBuf)]) -> Vec<(Target, PathBuf)> {
    entries
        .iter()
        .flat_map(|(t, p)| {
            let resolved = std::fs::canonicalize(p).ok().filter(|r| *r != absolute(p));
            [
                Some((t.clone(), absolute(p))),
                resolved.map(|r| (t.clone(), r)),
            ]
        })
        .flatten()
        .collect()
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

    /// Watches `files`, handing each batch of changes to the returned channel.
    fn watched(files: &Files) -> (FileWatch, mpsc::Receiver<Changes>) {
        let (tx, rx) = mpsc::channel();
        let watch = watch_files(files, move |changes| {
            let _ = tx.send(changes);
        })
        .unwrap();
        (watch, rx)
    }

    /// A folder `shop` given as a source, holding these endpoints' files (`[]` each).
    fn shop(endpoints: &[&str]) -> (tempfile::TempDir, PathBuf, crate::source::Source) {
        let dir = tempfile::tempdir().unwrap();
        let shop = dir.path().join("shop");
        std::fs::create_dir(&shop).unwrap();
        for endpoint in endpoints {
            std::fs::write(shop.join(format!("{endpoint}.json")), "[]").unwrap();
        }
        let source = crate::source::Source::open_files(std::slice::from_ref(&shop)).unwrap();
        (dir, shop, source)
    }

    /// The next batch's changed endpoints.
    fn next_changed(rx: &mpsc::Receiver<Changes>) -> Result<Vec<Target>, mpsc::RecvTimeoutError> {
        rx.recv_timeout(Duration::from_secs(10)).map(|c| c.changed)
    }

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
        let files = Files::open(vec![(target.clone(), link)], Vec::new()).unwrap();
        let (_watch, rx) = watched(&files);
        let fresh = real.path().join("real.json.tmp");
        std::fs::write(&fresh, "[{}]").unwrap();
        std::fs::rename(&fresh, &target_file).unwrap();
        assert_eq!(next_changed(&rx), Ok(vec![target]));
    }

    /// A file that appears in a directory given is a new endpoint, and the source reads it.
    #[test]
    fn a_new_file_in_a_directory_given_is_a_new_endpoint() {
        let (_dir, shop, source) = shop(&["phone"]);
        let (_watch, rx) = watched(source.files().unwrap());
        std::fs::write(shop.join("tablet.json"), r#"[{"CampaignId":"t"}]"#).unwrap();
        let tablet = Target::new("shop", "tablet");
        let changes = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(changes.added, std::slice::from_ref(&tablet));
        assert_eq!(source.targets().len(), 2);
        let read = source.fetch_local(&tablet).unwrap();
        assert_eq!(read[0].id(), "t");
        // One that is there before anyone is told is found when asked for, as `e` asks.
        std::fs::write(shop.join("watch.json"), "[]").unwrap();
        assert!(source.fetch_local(&Target::new("shop", "watch")).is_ok());
    }

    /// A folder removed is a change of every endpoint whose file was in it.
    #[test]
    fn a_removed_folder_changes_its_endpoints() {
        let (_dir, shop, source) = shop(&["phone", "tablet"]);
        let (_watch, rx) = watched(source.files().unwrap());
        std::fs::remove_dir_all(&shop).unwrap();
        let mut changed = BTreeSet::new();
        while changed.len() < 2 {
            changed.extend(next_changed(&rx).unwrap());
        }
        let endpoints: Vec<&str> = changed.iter().map(|t| t.endpoint.as_str()).collect();
        assert_eq!(endpoints, ["phone", "tablet"]);
    }

    /// Reading a watched file, as each reload does, is not a change; writing it is.
    #[test]
    fn reads_are_not_changes_and_writes_are() {
        let (_dir, shop, source) = shop(&["phone"]);
        let file = shop.join("phone.json");
        let (_watch, rx) = watched(source.files().unwrap());
        for _ in 0..5 {
            assert_eq!(std::fs::read(&file).unwrap(), b"[]");
        }
        let wait = DEBOUNCE * 4;
        assert_eq!(
            rx.recv_timeout(wait).map(|c| c.changed),
            Err(mpsc::RecvTimeoutError::Timeout)
        );
        std::fs::write(&file, "[{}]").unwrap();
        assert_eq!(next_changed(&rx), Ok(vec![Target::new("shop", "phone")]));
    }
}
