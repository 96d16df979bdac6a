//! The command line: the TUI by default; `render`, `get` and `serve` as subcommands.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::ZonedDateTime;

mod get;
mod images;
mod serve;

pub use get::{cli_json, run_get};
pub use serve::run_serve;

use crate::config::{self, TargetConfig};
use crate::images::Loader;
use crate::images::board::Mode;
use crate::model::Target;
use crate::render::{self, Options, Pane};
use crate::rules::platform::Platform;
use crate::source::{AwsClient, AwsOptions, Live, Source};
use crate::text::clean_multiline;
pub use crate::text::parse_now;
use crate::text::{Refresh, parse_byte_size, parse_refresh, parse_timeout};
pub use images::ImageArgs;

/// Exit status for input pinview cannot use: bad files, unknown ids, bad flags.
pub const EXIT_INPUT: u8 = 2;
/// Exit status when a source could not be read: network, credentials, service errors.
pub const EXIT_FETCH: u8 = 1;
/// `pinview serve`'s port unless told otherwise.
pub const DEFAULT_PORT: u16 = 4590;
/// How often live sources are fetched again unless told otherwise.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(30);

#[derive(Debug, Parser)]
#[command(
    name = "pinview",
    version,
    about = "Preview Amazon Pinpoint in-app messages in the terminal",
    long_about = "Preview Amazon Pinpoint in-app messages in the terminal.\n\n\
        Lists the in-app message campaigns an endpoint is eligible for and shows each message \
        as a device would place it: banners, modal, full screen and carousel, with buttons \
        resolved per platform, schedule, quiet time and caps.",
    after_help = "Examples:\n  pinview --demo\n  pinview --file saved/demo-app/\n  pinview --app 5f3c0a --endpoint user-42 --profile prod --region eu-west-1\n  pinview --endpoint-url http://127.0.0.1:4590 --app demo-app --endpoint android-pixel\n  pinview serve --demo\n  pinview get --demo --endpoint iphone-15 > iphone-15.json\n  pinview render --demo --endpoint iphone-15 --size 120x40\n\nConfig file: $PINVIEW_CONFIG, else $XDG_CONFIG_HOME/pinview/config.toml (named targets, endpoint labels, refresh).\nLogs: set PINVIEW_LOG=/path/to/file to log there; nothing is printed over the screen."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Platform buttons are resolved for at start: default, android, ios or web.
    #[arg(long, value_name = "PLATFORM", value_parser = parse_platform, default_value = "default")]
    pub platform: Platform,
    /// How often to fetch again, e.g. 30s, 2m or off. Default: 30s for live sources, off for
    /// files (they are watched and reloaded when they change) and the demo.
    #[arg(long, value_name = "INTERVAL", value_parser = parse_refresh)]
    pub refresh: Option<Refresh>,
    #[command(flatten)]
    pub images: ImageArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one frame without a terminal, through the same drawing code as the TUI.
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
    /// Print what endpoints see as JSON (the AWS CLI's shape), to preview offline later.
    #[command(after_help = GET_EXAMPLES)]
    Get(GetArgs),
    /// Run a Pinpoint-compatible server for GetInAppMessages on this machine.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
}

const GET_EXAMPLES: &str = "Examples:
  pinview get --app 5f3c0a --endpoint user-42 --profile prod > user-42.json
  pinview get --app 5f3c0a --endpoint user-42 --endpoint user-43 --out saved/
  pinview get --demo --out saved/          (then: pinview --file saved/)

One endpoint is printed to standard output; with --out each is saved as
DIR/<app-id>/<endpoint-id>.json, the layout --file and `pinview serve DIR` read.";

const SERVE_EXAMPLES: &str = "Examples:
  pinview serve --demo
  pinview serve saved/ --port 8080
  pinview serve saved/ --bind 0.0.0.0 --port 8080     (reachable from other machines)

DIR holds <app-id>/<endpoint-id>.json files in any shape pinview reads; edits are served on
the next request without a restart. Any SigV4 signature and any credentials are accepted.";

const RENDER_EXAMPLES: &str = "Examples:
  pinview render --demo
  pinview render --demo --endpoint iphone-15 --campaign premium-upgrade --size 120x40
  pinview render --endpoint-url http://127.0.0.1:4590 --app demo-app --endpoint iphone-15
  pinview render --demo --campaign onboarding-tour --page 2 --pane preview --format ansi
  pinview render --file campaigns.json --platform web --now 2026-11-24T09:00:00+01:00

With --now pinned the output is the same bytes on every run and machine. Images are drawn in
half blocks with --format ansi and named in text; only local ones unless --remote-images.";

#[derive(Debug, Args, Clone, Default)]
pub struct SourceArgs {
    /// Use the bundled demo (application demo-app; endpoints android-pixel, iphone-15, web-chrome).
    #[arg(long, conflicts_with = "file")]
    pub demo: bool,
    /// JSON files or directories: a file is one endpoint named by its stem; a directory holds
    /// <endpoint-id>.json files or <app-id>/<endpoint-id>.json. Accepts the API body, AWS CLI
    /// output, a list of campaigns or one campaign.
    #[arg(long, num_args = 1.., value_name = "PATH")]
    pub file: Vec<PathBuf>,
    /// Pinpoint application id, e.g. --app 5f3c0a. With --demo or --file: the application to
    /// show first.
    #[arg(long, value_name = "ID")]
    pub app: Option<String>,
    /// Endpoint id; repeat for several, e.g. --endpoint user-42 --endpoint user-43. With
    /// --demo or --file: the endpoint to show first.
    #[arg(long = "endpoint", value_name = "ID")]
    pub endpoints: Vec<String>,
    /// A [[target]] of the config file by name, e.g. --target prod.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["demo", "file"])]
    pub target: Option<String>,
    /// AWS profile (from ~/.aws/config, SSO included), e.g. --profile prod.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["demo", "file"])]
    pub profile: Option<String>,
    /// AWS region, e.g. --region eu-west-1.
    #[arg(long, value_name = "REGION", conflicts_with_all = ["demo", "file"])]
    pub region: Option<String>,
    /// Send requests here instead of AWS, e.g. --endpoint-url http://127.0.0.1:4590 for
    /// `pinview serve` (which needs no credentials). AWS_ENDPOINT_URL_PINPOINT works too.
    #[arg(long, value_name = "URL", conflicts_with_all = ["demo", "file"])]
    pub endpoint_url: Option<String>,
    /// How long one fetch may take, retries included, e.g. --timeout 20s. Default: 10s.
    #[arg(long, value_name = "DURATION", value_parser = parse_timeout, conflicts_with_all = ["demo", "file"])]
    pub timeout: Option<Duration>,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Save each endpoint as DIR/<app-id>/<endpoint-id>.json instead of printing one.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A directory of <app-id>/<endpoint-id>.json files.
    #[arg(value_name = "DIR", required_unless_present = "demo")]
    pub dir: Option<PathBuf>,
    /// Serve the bundled demo.
    #[arg(long, conflicts_with = "dir")]
    pub demo: bool,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// Address to listen on. The default, loopback, is reachable from this machine only.
    #[arg(long, value_name = "ADDR", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Campaign to select, e.g. --campaign winter-sale-2026. Default: the first in device
    /// order (lowest priority number).
    #[arg(long, value_name = "ID")]
    pub campaign: Option<String>,
    /// Frame size in cells, WIDTHxHEIGHT, e.g. --size 80x24.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "100x30")]
    pub size: (u16, u16),
    /// Platform buttons are resolved for, e.g. --platform ios; web draws a browser window.
    #[arg(long, value_name = "PLATFORM", value_parser = parse_platform, default_value = "default")]
    pub platform: Platform,
    /// Carousel card to show, from 1, e.g. --page 2.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..))]
    pub page: u16,
    /// What to draw: the whole screen, or the preview pane alone, e.g. --pane preview.
    #[arg(long, value_enum, default_value_t = PaneArg::All)]
    pub pane: PaneArg,
    /// text: plain characters; ansi: with colours as 24-bit SGR sequences, e.g. --format ansi.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// The clock to draw at, RFC 3339; its offset is the device's time zone for quiet time,
    /// e.g. --now 2026-11-24T23:30:00+09:00. Default: the system clock and zone.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<ZonedDateTime>,
    /// Download http(s) images too. Without it only the demo's pictures, local files and
    /// file:// URLs are read, so a frame never depends on the network.
    #[arg(long)]
    pub remote_images: bool,
    /// The largest image file or download, e.g. 800KB. Default: 5MB.
    #[arg(long, value_name = "SIZE", value_parser = parse_byte_size)]
    pub max_image_size: Option<u64>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum PaneArg {
    All,
    Preview,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Ansi,
}

fn parse_platform(text: &str) -> Result<Platform, String> {
    Platform::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a platform: use default, android, ios or web"))
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("\"{text}\" is not a size: write WIDTHxHEIGHT, e.g. 100x30");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if w == 0 || h == 0 || u32::from(w) * u32::from(h) > 1_000_000 {
        return Err(format!(
            "\"{text}\": width and height must be 1 or more, and at most a million cells in all"
        ));
    }
    Ok((w, h))
}

impl SourceArgs {
    /// Opens the source the flags describe: the demo, files, or live endpoints from the flags
    /// and the config file.
    pub async fn open(&self) -> Result<Opened, String> {
        if self.demo {
            return Ok(Opened::local(Source::Demo));
        }
        if !self.file.is_empty() {
            let source = Source::open_files(&self.file).map_err(|e| e.to_string())?;
            return Ok(Opened::local(source));
        }
        let config = config::load().map_err(|e| e.to_string())?;
        let live_flags = self.app.is_some() || self.target.is_some() || self.endpoint_url.is_some();
        let chosen = match (&config, live_flags) {
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
        Ok(Opened {
            source: Source::Live(live),
            refresh: config.and_then(|c| c.refresh),
        })
    }

    /// The config targets the flags name: --target by name, --app by application id, else all.
    fn pick_config_targets<'a>(
        &self,
        config: &'a config::Config,
    ) -> Result<Vec<&'a TargetConfig>, String> {
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

/// A source, and the refresh interval the config file asks for.
pub struct Opened {
    pub source: Source,
    pub refresh: Option<Refresh>,
}

impl Opened {
    fn local(source: Source) -> Self {
        Self {
            source,
            refresh: None,
        }
    }

    /// The interval to use: the flag, else the config file for live sources, else the default
    /// (polling only what pinview cannot watch).
    pub fn refresh(&self, flag: Option<Refresh>) -> Option<Duration> {
        let chosen = match (flag, self.source.is_remote()) {
            (Some(r), _) => r,
            (None, true) => self.refresh.unwrap_or(Refresh::Every(DEFAULT_REFRESH)),
            (None, false) => Refresh::Off,
        };
        match chosen {
            Refresh::Off => None,
            Refresh::Every(d) => Some(d),
        }
    }
}

/// Prints an error a person can act on, without letting a file's bytes drive the terminal.
pub fn fail(message: &str) -> ExitCode {
    fail_with(message, EXIT_INPUT)
}

pub(crate) fn fail_with(message: &str, code: u8) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "pinview: {}", clean_multiline(message));
    ExitCode::from(code)
}

/// Runs the command line on a runtime the caller provides.
pub async fn run(cli: Cli) -> ExitCode {
    match &cli.command {
        Some(Command::Render(args)) => run_render(args).await,
        Some(Command::Get(args)) => run_get(args).await,
        Some(Command::Serve(args)) => run_serve(args).await,
        None => {
            let opened = match cli.source.open().await {
                Ok(o) => o,
                Err(e) => return fail(&e),
            };
            let start = match cli.source.start_target(&opened.source.targets()) {
                Ok(t) => t,
                Err(e) => return fail(&e),
            };
            let images = match cli.images.options() {
                Ok(i) => i,
                Err(e) => return fail(&e),
            };
            let options = crate::tui::Options {
                platform: cli.platform,
                refresh: opened.refresh(cli.refresh),
                start: Some(start),
                images,
            };
            crate::tui::run(opened.source, options).await
        }
    }
}

pub async fn run_render(args: &RenderArgs) -> ExitCode {
    let source = match args.source.open().await {
        Ok(o) => o.source,
        Err(e) => return fail(&e),
    };
    let targets = source.targets();
    let target = match args.source.start_target(&targets) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let campaigns = match source.fetch(&target).await {
        Ok(c) => c,
        Err(e) => return fail_with(&e.to_string(), EXIT_FETCH),
    };
    let now = args.now.clone().unwrap_or_else(ZonedDateTime::now);
    let mut options = Options::new(args.size.0, args.size.1, now);
    options.platform = args.platform;
    options.source = source.label();
    options.labels = targets
        .iter()
        .filter_map(|t| Some((t.clone(), source.endpoint_label(t)?.to_string())))
        .collect();
    options.page = usize::from(args.page - 1);
    options.campaign = args.campaign.clone();
    options.pane = match args.pane {
        PaneArg::All => Pane::All,
        PaneArg::Preview => Pane::Preview,
    };
    let cache = config::cache_dir().map(|d| d.join("images"));
    let loader = Loader::new(
        images::limits(args.max_image_size),
        args.remote_images,
        cache,
    );
    // Text frames name each image; ANSI frames draw it in half blocks.
    let mode = match args.format {
        Format::Text => Mode::Label,
        Format::Ansi => Mode::Pixels,
    };
    options.image_base = source.image_base(&target);
    options.images =
        render::load_images(&campaigns, options.image_base.as_deref(), &loader, mode).await;
    let buf = match render::render_target(&targets, &target, &campaigns, &options) {
        Ok(b) => b,
        Err(e) => return fail(&e.to_string()),
    };
    let text = match args.format {
        Format::Text => render::to_text(&buf),
        Format::Ansi => render::to_ansi(&buf),
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    ExitCode::SUCCESS
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
