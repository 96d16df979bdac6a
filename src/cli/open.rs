//! Opens the source the flags describe: the demo, files, or live endpoints named by the flags
//! and the config file's targets; and picks the endpoint shown first.

use crate::config::{Config, TargetConfig};
use crate::model::Target;
use crate::source::{AwsClient, AwsOptions, Live, Source};

use super::args::SourceArgs;

impl SourceArgs {
    /// Opens the source the flags describe: the demo, files, or live endpoints from the flags
    /// and the config file.
    pub async fn open(&self, config: Option<&Config>) -> Result<Source, String> {
        if self.demo {
            return Ok(Source::Demo);
        }
        if !self.file.is_empty() {
            return Source::open_files(&self.file).map_err(|e| e.to_string());
        }
        let live_flags = self.app.is_some() || self.target.is_some() || self.endpoint_url.is_some();
        let chosen = match (config, live_flags) {
            (None, false) => return Err(NO_SOURCE.into()),
            (Some(c), false) if c.targets.is_empty() => return Err(NO_SOURCE.into()),
            (Some(c), _) => self.pick_config_targets(c)?,
            (None, true) => Vec::new(),
        };
        let app = self
            .app
            .clone()
            .or_else(|| chosen.first().map(|t| t.app.clone()));
        if app.is_none() && !self.endpoints.is_empty() {
            return Err("--endpoint needs --app ID (or --target NAME from the config file)".into());
        }
        let asked = chosen.iter().any(|t| !t.endpoints.is_empty()) || !self.endpoints.is_empty();
        if !asked {
            return Err("give at least one --endpoint ID: Pinpoint has no call that lists an application's endpoints".into());
        }
        let mut live = Live::default();
        for t in &chosen {
            let client = self.client(Some(t)).await?;
            live.clients.push((t.app.clone(), client));
            for e in &t.endpoints {
                let target = Target::new(&t.app, &e.id);
                if let Some(label) = &e.label {
                    live.labels.insert(target.clone(), label.clone());
                }
                push_new(&mut live.targets, target);
            }
        }
        if let Some(app) = app {
            if !live.clients.iter().any(|(a, _)| *a == app) {
                live.clients.push((app.clone(), self.client(None).await?));
            }
            for e in &self.endpoints {
                push_new(&mut live.targets, Target::new(&app, e));
            }
        }
        Ok(Source::Live(live))
    }

    /// The config targets the flags name: --target by name, --app by application id, else all.
    fn pick_config_targets<'a>(&self, config: &'a Config) -> Result<Vec<&'a TargetConfig>, String> {
        if let Some(name) = &self.target {
            return match config.targets.iter().find(|t| &t.name == name) {
                Some(t) => Ok(vec![t]),
                None => {
                    let names: Vec<&str> = config.targets.iter().map(|t| t.name.as_str()).collect();
                    Err(format!(
                        "no target \"{name}\" in {}; targets: {}",
                        config.path.display(),
                        if names.is_empty() {
                            "none".into()
                        } else {
                            names.join(", ")
                        }
                    ))
                }
            };
        }
        Ok(match &self.app {
            Some(app) => config
                .targets
                .iter()
                .filter(|t| &t.app == app)
                .take(1)
                .collect(),
            None => config.targets.iter().collect(),
        })
    }

    /// A client for a config target, the flags taking precedence over the file.
    async fn client(&self, target: Option<&TargetConfig>) -> Result<AwsClient, String> {
        let from = |f: &Option<String>, c: Option<&Option<String>>| {
            f.clone().or_else(|| c.and_then(Clone::clone))
        };
        let options = AwsOptions {
            profile: from(&self.profile, target.map(|t| &t.profile)),
            region: from(&self.region, target.map(|t| &t.region)),
            endpoint_url: from(&self.endpoint_url, target.map(|t| &t.endpoint_url)),
            timeout: self.timeout,
            credentials: None,
        };
        AwsClient::connect(&options)
            .await
            .map_err(|e| e.to_string())
    }

    /// Opens the source and picks the endpoint shown first, as the TUI, `render` and
    /// `simulate` all start.
    pub async fn open_at(&self, config: Option<&Config>) -> Result<(Source, Target), String> {
        let source = self.open(config).await?;
        let start = self.start_target(&source.targets())?;
        Ok((source, start))
    }

    /// The endpoint to show or draw first: the one --app/--endpoint name, else the first.
    pub fn start_target(&self, targets: &[Target]) -> Result<Target, String> {
        pick_target(
            targets,
            self.app.as_deref(),
            self.endpoints.first().map(String::as_str),
        )
    }
}

const NO_SOURCE: &str = "say where campaigns come from: --demo for the bundled demo, --file PATH for JSON files, or --app ID --endpoint ID for live data (see --help)";

fn push_new(targets: &mut Vec<Target>, target: Target) {
    if !targets.contains(&target) {
        targets.push(target);
    }
}

/// The target named by --app/--endpoint, or the first one; errors list what there is.
pub fn pick_target(
    targets: &[Target],
    app: Option<&str>,
    endpoint: Option<&str>,
) -> Result<Target, String> {
    let in_app: Vec<&Target> = targets
        .iter()
        .filter(|t| app.is_none_or(|a| t.app == a))
        .collect();
    if in_app.is_empty() {
        let apps: Vec<&str> = dedup(targets.iter().map(|t| t.app.as_str()));
        return Err(format!(
            "no application \"{}\"; applications: {}",
            app.unwrap_or(""),
            apps.join(", ")
        ));
    }
    match endpoint {
        None => Ok(in_app[0].clone()),
        Some(e) => in_app
            .iter()
            .find(|t| t.endpoint == e)
            .map(|t| (*t).clone())
            .ok_or_else(|| {
                let have: Vec<&str> = in_app.iter().map(|t| t.endpoint.as_str()).collect();
                format!(
                    "no endpoint \"{e}\" in {}; endpoints: {}",
                    in_app[0].app,
                    have.join(", ")
                )
            }),
    }
}

/// The items in their first order, each once.
pub(crate) fn dedup<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
