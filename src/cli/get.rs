//! `pinview get`: what endpoints see, as the AWS CLI prints it, to stdout or saved as a tree
//! that `--file` and `pinview serve` read back.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{EXIT_FETCH, GetArgs, fail, fail_with, pick_target, write_stdout};
use crate::config::Config;
use crate::model::Target;
use crate::model::input::to_api_body;
use crate::text::{clean, clean_multiline};

pub async fn run_get(args: &GetArgs, config: Option<&Config>) -> ExitCode {
    let source = match args.source.open(config).await {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let all = source.targets();
    // Live sources list exactly what was asked for; local ones are narrowed by the flags.
    let targets: Vec<Target> = all
        .iter()
        .filter(|t| args.source.app.as_ref().is_none_or(|a| &t.app == a))
        .filter(|t| args.source.endpoints.is_empty() || args.source.endpoints.contains(&t.endpoint))
        .cloned()
        .collect();
    if let Some(missing) = args
        .source
        .endpoints
        .iter()
        .find(|e| !targets.iter().any(|t| &t.endpoint == *e))
        && let Err(why) = pick_target(&all, args.source.app.as_deref(), Some(missing))
    {
        // The same words `render` uses: what is there instead.
        return fail(&why);
    }
    let Some(out) = &args.out else {
        let [target] = targets.as_slice() else {
            return fail(&format!(
                "{} endpoints match: name one with --endpoint ID, or save them all with --out DIR",
                targets.len()
            ));
        };
        let campaigns = match source.fetch(target).await {
            Ok(c) => c,
            Err(e) => return fail_with(&e.to_string(), EXIT_FETCH),
        };
        return match write_stdout(&cli_json(&campaigns)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(code) => code,
        };
    };
    let mut failed = 0;
    for target in &targets {
        let result = match source.fetch(target).await {
            Ok(campaigns) => save(out, target, &cli_json(&campaigns)),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(path) => eprintln!("saved {}", clean(&path.display().to_string())),
            Err(e) => {
                failed += 1;
                eprintln!(
                    "pinview: {}: {}",
                    clean(&target.to_string()),
                    clean_multiline(&e)
                );
            }
        }
    }
    if failed > 0 {
        ExitCode::from(EXIT_FETCH)
    } else {
        ExitCode::SUCCESS
    }
}

/// The AWS CLI's output shape, pretty-printed as the CLI prints it.
pub fn cli_json(campaigns: &[crate::model::Campaign]) -> Vec<u8> {
    use serde::Serialize;
    let body = serde_json::json!({ "InAppMessagesResponse": to_api_body(campaigns) });
    // Four spaces, as the AWS CLI indents, so saved files diff cleanly against its output.
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    if body.serialize(&mut ser).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    bytes
}

/// Writes `DIR/<app>/<endpoint>.json` whole or not at all: a temporary file renamed over it.
fn save(dir: &Path, target: &Target, bytes: &[u8]) -> Result<PathBuf, String> {
    for id in [&target.app, &target.endpoint] {
        if !crate::model::is_safe_id(id) {
            return Err(format!("\"{id}\" cannot be a file name"));
        }
    }
    let folder = dir.join(&target.app);
    std::fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    let path = folder.join(format!("{}.json", target.endpoint));
    let partial = folder.join(format!(".{}.json.partial", target.endpoint));
    std::fs::write(&partial, bytes)
        .and_then(|()| std::fs::rename(&partial, &path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&partial);
            format!("cannot write {}: {e}", path.display())
        })?;
    Ok(path)
}
