//! The command line: the TUI by default, `render` for headless frames.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::ZonedDateTime;

use crate::render::{self, Options, Pane};
use crate::rules::platform::Platform;
use crate::source::{Source, Target};
use crate::ui::sanitize::clean_multiline;

/// Exit status for input pinview cannot use: bad files, unknown ids, bad flags.
pub const EXIT_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "pinview",
    version,
    about = "Preview Amazon Pinpoint in-app messages in the terminal",
    long_about = "Preview Amazon Pinpoint in-app messages in the terminal.\n\n\
        Lists the in-app message campaigns an endpoint is eligible for and shows each message \
        as a device would place it: banners, modal, full screen and carousel, with buttons \
        resolved per platform, schedule, quiet time and caps.",
    after_help = "Examples:\n  pinview --demo\n  pinview --file saved/demo-app/\n  pinview render --demo --endpoint iphone-15 --size 120x40"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Platform buttons are resolved for at start: default, android, ios or web.
    #[arg(long, value_name = "PLATFORM", value_parser = parse_platform, default_value = "default")]
    pub platform: Platform,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one frame without a terminal, through the same drawing code as the TUI.
    #[command(after_help = RENDER_EXAMPLES)]
    Render(RenderArgs),
}

const RENDER_EXAMPLES: &str = "Examples:
  pinview render --demo
  pinview render --demo --endpoint iphone-15 --campaign premium-upgrade --size 120x40
  pinview render --demo --campaign onboarding-tour --page 2 --pane preview --format ansi
  pinview render --file campaigns.json --platform web --now 2026-11-24T09:00:00+01:00

With --now pinned the output is the same bytes on every run and machine.";

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
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// Application to draw, e.g. --app demo-app. Default: the first.
    #[arg(long, value_name = "ID")]
    pub app: Option<String>,
    /// Endpoint to draw, e.g. --endpoint iphone-15. Default: the first of the application.
    #[arg(long, value_name = "ID")]
    pub endpoint: Option<String>,
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

/// Reads an RFC 3339 instant and keeps its offset as the zone: `Z` is UTC.
pub fn parse_now(text: &str) -> Result<ZonedDateTime, String> {
    let bad = |e: jiff::Error| {
        format!("\"{text}\" is not an RFC 3339 time, e.g. 2026-11-24T12:00:00Z: {e}")
    };
    if let Ok(zoned) = text.parse::<ZonedDateTime>() {
        return Ok(zoned);
    }
    let ts: jiff::Timestamp = text.parse().map_err(bad)?;
    let pieces = jiff::fmt::temporal::Pieces::parse(text).map_err(bad)?;
    let offset = pieces.to_numeric_offset().unwrap_or(jiff::tz::Offset::UTC);
    Ok(ts.to_zoned_datetime(jiff::tz::TimeZone::fixed(offset)))
}

impl SourceArgs {
    pub fn open(&self) -> Result<Source, String> {
        if self.demo {
            Ok(Source::Demo)
        } else if !self.file.is_empty() {
            Source::open_files(&self.file).map_err(|e| e.to_string())
        } else {
            Err("say where campaigns come from: --demo for the bundled demo, or --file PATH for JSON files".into())
        }
    }
}

/// Prints an error a person can act on, without letting a file's bytes drive the terminal.
pub fn fail(message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "pinview: {}", clean_multiline(message));
    ExitCode::from(EXIT_INPUT)
}

pub fn run_render(args: &RenderArgs) -> ExitCode {
    let source = match args.source.open() {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let targets = source.targets();
    let target = match pick_target(&targets, args.app.as_deref(), args.endpoint.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let campaigns = match source.fetch(&target) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    let now = args.now.clone().unwrap_or_else(ZonedDateTime::now);
    let mut options = Options::new(args.size.0, args.size.1, now);
    options.platform = args.platform;
    options.source = source.label().to_string();
    options.page = usize::from(args.page - 1);
    options.campaign = args.campaign.clone();
    options.pane = match args.pane {
        PaneArg::All => Pane::All,
        PaneArg::Preview => Pane::Preview,
    };
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

fn dedup<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}
