//! The endpoints `check` reads: files (each read once, kept as bytes for locations), the demo's
//! embedded files, or live endpoints through the SDK; one that cannot be read is named and the
//! others are still checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::report::Unreadable;
use crate::cli::{SourceArgs, pick_target};
use crate::config::Config;
use crate::model::Campaign;
use crate::model::input::parse_campaigns;
use crate::source::{SourceError, Target, demo, scan};

/// Where an endpoint's campaigns came from.
pub(super) enum Origin {
    File(PathBuf),
    Demo,
    Live,
}

/// One endpoint's campaigns, with the text they were read from when there is one.
pub(super) struct Unit {
    /// As reports name it: the path as given, `demo/<app>/<endpoint>.json`, or `<app>/<endpoint>`.
    pub name: String,
    pub origin: Origin,
    pub bytes: Option<Vec<u8>>,
    pub campaigns: Vec<Campaign>,
}

impl Unit {
    /// The folder relative ImageUrls are read from: the JSON file's, as in the preview.
    pub fn image_base(&self) -> Option<PathBuf> {
        match &self.origin {
            Origin::File(path) => crate::source::folder_of(path),
            Origin::Demo | Origin::Live => None,
        }
    }
}

/// Reads every endpoint the flags name, handing each to `each` in order; returns those that
/// could not be read. `Err` when there is no source at all.
pub(super) async fn read(
    args: &SourceArgs,
    config: Option<&Config>,
    each: &mut (dyn FnMut(Unit) + Send),
) -> Result<Vec<Unreadable>, String> {
    let mut unreadable = Vec::new();
    if args.demo {
        for target in wanted(args, demo::targets())? {
            let name = format!("demo/{}/{}.json", target.app, target.endpoint);
            let bytes = demo::file(&target).unwrap_or_default().to_vec();
            parsed(name, Origin::Demo, bytes, each, &mut unreadable);
        }
        return Ok(unreadable);
    }
    if !args.file.is_empty() {
        // Each path on its own, so a missing one does not hide the others; every problem is
        // reported in the order the paths were given.
        let mut found: Vec<Result<(Target, PathBuf), Unreadable>> = Vec::new();
        let mut seen = HashSet::new();
        for path in &args.file {
            match scan(std::slice::from_ref(path)) {
                Ok(entries) => found.extend(
                    entries
                        .into_iter()
                        .filter(|(_, p)| seen.insert(p.clone()))
                        .map(Ok),
                ),
                Err(e) => found.push(Err(Unreadable::new(&path.display().to_string(), &e))),
            }
        }
        let targets: Vec<Target> = found.iter().flatten().map(|(t, _)| t.clone()).collect();
        let keep: HashSet<Target> = if targets.is_empty() {
            HashSet::new()
        } else {
            wanted(args, targets)?.into_iter().collect()
        };
        for entry in found {
            let (target, path) = match entry {
                Ok(entry) => entry,
                Err(bad) => {
                    unreadable.push(bad);
                    continue;
                }
            };
            if !keep.contains(&target) {
                continue;
            }
            let name = path.display().to_string();
            match read_bounded(&path) {
                Ok(bytes) => parsed(name, Origin::File(path), bytes, each, &mut unreadable),
                Err(message) => {
                    let error = SourceError::Io { path, message };
                    unreadable.push(Unreadable::new(&name, &error));
                }
            }
        }
        return Ok(unreadable);
    }
    let source = args.open(config).await?;
    for target in source.targets() {
        let name = format!("{}/{}", target.app, target.endpoint);
        match source.fetch(&target).await {
            Ok(campaigns) => each(Unit {
                name,
                origin: Origin::Live,
                bytes: None,
                campaigns,
            }),
            Err(e) => unreadable.push(Unreadable {
                text: format!("{name}: {e}"),
                file: name,
                at: None,
                is_file: false,
            }),
        }
    }
    Ok(unreadable)
}

/// Far past any endpoint's campaigns: a file this big is a mistake, and `/dev/zero` never ends.
const MAX_FILE: u64 = 64 * 1024 * 1024;

/// The file's bytes, refusing one over `MAX_FILE` before it fills memory.
fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!(
            "larger than {} MB: not one endpoint's campaigns",
            MAX_FILE / 1024 / 1024
        ));
    }
    Ok(bytes)
}

/// The targets --app and --endpoint narrow the demo or files to; an unknown one is an error.
fn wanted(args: &SourceArgs, targets: Vec<Target>) -> Result<Vec<Target>, String> {
    if args.app.is_none() && args.endpoints.is_empty() {
        return Ok(targets);
    }
    let mut keep = Vec::new();
    if args.endpoints.is_empty() {
        pick_target(&targets, args.app.as_deref(), None)?;
    }
    for endpoint in &args.endpoints {
        let t = pick_target(&targets, args.app.as_deref(), Some(endpoint))?;
        keep.push(t);
    }
    Ok(targets
        .into_iter()
        .filter(|t| {
            args.app.as_ref().is_none_or(|a| &t.app == a) && (keep.is_empty() || keep.contains(t))
        })
        .collect())
}

fn parsed(
    name: String,
    origin: Origin,
    bytes: Vec<u8>,
    each: &mut (dyn FnMut(Unit) + Send),
    unreadable: &mut Vec<Unreadable>,
) {
    match parse_campaigns(&bytes) {
        Ok(campaigns) => each(Unit {
            name,
            origin,
            bytes: Some(bytes),
            campaigns,
        }),
        Err(error) => {
            let path = PathBuf::from(&name);
            unreadable.push(Unreadable::new(&name, &SourceError::Parse { path, error }));
        }
    }
}
