//! JSON files on disk: a file is one endpoint; a directory is one application, or holds one
//! directory per application.

use std::path::{Path, PathBuf};

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use super::{SourceError, Target, io_error, read_at};
use crate::model::Campaign;

/// The application id for files that sit loose rather than in an `<app-id>/` folder.
const LOOSE_APP: &str = "local";

/// Resolves the user's paths to (target, file) pairs, in a stable order.
pub fn scan(paths: &[PathBuf]) -> Result<Vec<(Target, PathBuf)>, SourceError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| io_error(path, e))?;
        if meta.is_dir() {
            let before = out.len();
            scan_dir(path, &mut out)?;
            if out.len() == before {
                return Err(SourceError::NoJson(path.clone()));
            }
        } else {
            let app = dir_name(path.parent()).unwrap_or_else(|| LOOSE_APP.to_string());
            out.push((Target::new(app, stem(path)), path.clone()));
        }
    }
    Ok(out)
}

/// `<dir>/<endpoint>.json` makes `dir` the application; `<dir>/<app>/<endpoint>.json` one per app.
fn scan_dir(dir: &Path, out: &mut Vec<(Target, PathBuf)>) -> Result<(), SourceError> {
    let app = dir_name(Some(dir)).unwrap_or_else(|| LOOSE_APP.to_string());
    for entry in sorted_entries(dir)? {
        if entry.is_dir() {
            let sub_app = dir_name(Some(&entry)).unwrap_or_default();
            for file in sorted_entries(&entry)?.into_iter().filter(|p| is_json(p)) {
                out.push((Target::new(sub_app.clone(), stem(&file)), file));
            }
        } else if is_json(&entry) {
            out.push((Target::new(app.clone(), stem(&entry)), entry));
        }
    }
    Ok(())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let read = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    let mut paths: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

fn is_json(path: &Path) -> bool {
    path.is_file() && is_json_name(path)
}

/// Named as an endpoint file, whether or not it is there (any more).
pub(super) fn is_json_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The directory's own name, also for `.` and relative paths.
fn dir_name(dir: Option<&Path>) -> Option<String> {
    let dir = dir?;
    let named = if dir.as_os_str().is_empty() {
        std::env::current_dir().ok()?
    } else {
        std::fs::canonicalize(dir).ok()?
    };
    named.file_name().map(|n| n.to_string_lossy().into_owned())
}

/// JSON files on disk by endpoint, with what opening them already read: each file is read once
/// to be checked, and that reading serves its first fetch.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// Shared by every clone: the watcher and the fetches see the files found later too.
    entries: Arc<RwLock<Vec<(Target, PathBuf)>>>,
    /// The directories given, where new endpoint files can appear.
    dirs: Vec<PathBuf>,
    /// By endpoint: the campaigns read at opening, and the file's modification time then.
    primed: Arc<Mutex<HashMap<Target, Primed>>>,
}

type Primed = (Vec<Campaign>, Option<std::time::SystemTime>);

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The folder a file is in, absolute: relative ImageUrls are read from there. `a.json` has the
/// empty path as its parent: the current folder.
pub fn folder_of(path: &Path) -> Option<PathBuf> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
    std::path::absolute(parent.unwrap_or(Path::new("."))).ok()
}

/// A pipe (`--file <(aws pinpoint …)`) rather than a file: it can be read once only.
pub(super) fn is_pipe(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file())
}

impl Files {
    /// Reads and checks every file once; the first fetch of each endpoint gets what was read.
    /// `dirs` are the directories among the paths given.
    pub fn open(entries: Vec<(Target, PathBuf)>, dirs: Vec<PathBuf>) -> Result<Files, SourceError> {
        let mut primed = HashMap::new();
        for (target, path) in &entries {
            let when = modified(path);
            primed.insert(target.clone(), (read_at(path)?, when));
        }
        Ok(Files {
            entries: Arc::new(RwLock::new(entries)),
            dirs,
            primed: Arc::new(Mutex::new(primed)),
        })
    }

    /// Every endpoint and its file, those found since opening included.
    pub fn entries(&self) -> Vec<(Target, PathBuf)> {
        self.entries
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The directories given.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Endpoint files that have appeared in the directories given since they were last
    /// looked at; from now on they are endpoints like the others.
    pub fn found_new(&self) -> Vec<Target> {
        if self.dirs.is_empty() {
            return Vec::new();
        }
        let now = scan(&self.dirs).unwrap_or_default();
        let mut entries = self.entries.write().unwrap_or_else(PoisonError::into_inner);
        let mut added = Vec::new();
        for (target, path) in now {
            if !entries.iter().any(|(t, _)| *t == target) {
                added.push(target.clone());
                entries.push((target, path));
            }
        }
        added
    }

    /// The folder an endpoint's relative ImageUrls are resolved from: its JSON file's.
    pub fn image_base(&self, target: &Target) -> Option<PathBuf> {
        folder_of(&self.path(target).ok()?)
    }

    /// The file of `target`; one added to a directory since is found too.
    pub(super) fn path(&self, target: &Target) -> Result<PathBuf, SourceError> {
        let find = || {
            self.entries
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .iter()
                .find(|(t, _)| t == target)
                .map(|(_, p)| p.clone())
        };
        find()
            .or_else(|| {
                self.found_new();
                find()
            })
            .ok_or_else(|| SourceError::UnknownTarget(target.clone()))
    }

    /// The campaigns opening read for `target`, once, unless the file changed since. A pipe
    /// (`--file <(aws …)`) cannot be read again: what opening read answers every fetch.
    pub(super) fn take_primed(&self, target: &Target) -> Option<Vec<Campaign>> {
        let path = self.path(target).ok()?;
        let mut primed = self.primed.lock().ok()?;
        if is_pipe(&path) {
            return primed.get(target).map(|(campaigns, _)| campaigns.clone());
        }
        let (campaigns, when) = primed.remove(target)?;
        (when.is_some() && modified(&path) == when).then_some(campaigns)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe holds what it held at the start for every fetch, `r` included: reading it again
    /// would wait for a writer that is gone.
    #[cfg(unix)]
    #[test]
    fn a_pipe_answers_every_fetch_with_what_it_held() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("phone.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, r#"[{"CampaignId":"a"}]"#))
        };
        let target = Target::new("local", "phone");
        let files = Files::open(vec![(target.clone(), fifo)], Vec::new()).unwrap();
        writer.join().unwrap().unwrap();
        for _ in 0..3 {
            let campaigns = files.take_primed(&target).expect("what the pipe held");
            assert_eq!(campaigns[0].id(), "a");
        }
    }

    /// `--file a.json` names a file in the current folder, which its images are relative to.
    #[test]
    fn a_bare_file_name_is_in_the_current_folder() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(folder_of(Path::new("a.json")), Some(here.clone()));
        assert_eq!(folder_of(Path::new("d/a.json")), Some(here.join("d")));
        assert_eq!(folder_of(Path::new("/x/a.json")), Some(PathBuf::from("/x")));
    }
}
