//! The flags of each subcommand, as clap reads them.

use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgGroup, Args, ValueEnum};
use jiff::ZonedDateTime;

use super::DEFAULT_PORT;
use super::images::ImageArgs;
use super::simulate::{event_name, parse_attr, parse_metric};
use crate::config::Flags;
use crate::rules::platform::Platform;
use crate::text::{parse_endpoint_url, parse_now, parse_timeout};

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
    #[arg(long, value_name = "URL", value_parser = parse_endpoint_url, conflicts_with_all = ["demo", "file"])]
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
    /// Connections served at once; past this, a new connection gets a 503 (which the AWS SDKs
    /// retry) and is closed.
    #[arg(long, value_name = "N", default_value_t = crate::server::MAX_CONNECTIONS, value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    /// No log line per request; the banner, warnings and errors are still printed.
    #[arg(long)]
    pub quiet: bool,
    /// Log lines on standard error: text for people, or json, one object a line with each
    /// request's method, path, status, campaigns, latency_ms and request_id, e.g. --log-format json.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = crate::server::log::Format::Text)]
    pub log_format: crate::server::log::Format,
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
    /// text: plain characters; ansi: with colours as 24-bit SGR sequences; png or svg: the
    /// message in real pixels, as the device lays it out, e.g. --format png --out msg.png.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write to this file instead of standard output, e.g. --out message.png.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// png and svg: the screen drawn on: phone 390x844, tablet 820x1180, desktop 1280x800
    /// (points). Default: desktop for --platform web, else phone.
    #[arg(long, value_enum)]
    pub device: Option<DeviceArg>,
    /// png and svg: pixels per point, from 0.25 to 4, e.g. --scale 3.
    #[arg(long, value_name = "N", default_value_t = 2.0, value_parser = parse_scale)]
    pub scale: f32,
    /// The clock to draw at, RFC 3339; its offset is the device's time zone for quiet time,
    /// e.g. --now 2026-11-24T23:30:00+09:00. Default: the system clock and zone.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<ZonedDateTime>,
    /// Download http(s) images too. Without it (or `remote_images = true` in the config file)
    /// only the demo's pictures, local files and file:// URLs are read, so a frame never
    /// depends on the network.
    #[arg(long, conflicts_with = "no_remote_images")]
    pub remote_images: bool,
    #[command(flatten)]
    pub images: ImageArgs,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("happens").required(true).args(["event", "events"])))]
pub struct SimulateArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// The event the app records, e.g. --event _session.start or --event purchase.
    #[arg(long, value_name = "NAME", value_parser = event_name)]
    pub event: Option<String>,
    /// An attribute of the event; repeat for more, e.g. --attr plan=pro.
    #[arg(long = "attr", value_name = "KEY=VALUE", value_parser = parse_attr, conflicts_with = "events")]
    pub attributes: Vec<(String, String)>,
    /// A metric of the event; repeat for more, e.g. --metric cart_value=50.
    #[arg(long = "metric", value_name = "KEY=NUMBER", value_parser = parse_metric, conflicts_with = "events")]
    pub metrics: Vec<(String, f64)>,
    /// Replay a sequence instead, one JSON object a line: {"event": NAME, "attributes": {..},
    /// "metrics": {..}, "at": RFC3339}, {"displayed": CAMPAIGN_ID} or {"session": "start"}.
    /// Display counts carry forward as on a device.
    #[arg(long, value_name = "FILE.jsonl")]
    pub events: Option<PathBuf>,
    /// The clock, RFC 3339; its offset is the device's time zone (end dates, the daily count),
    /// e.g. --now 2026-11-24T12:00:00+01:00. Default: the system clock and zone.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<ZonedDateTime>,
    /// text: lines to read; json: JSON Lines, one object per event, for scripts and CI.
    #[arg(long, value_enum, default_value_t = SimulateFormat::Text)]
    pub format: SimulateFormat,
    /// The device's platform: browsers draw no CAROUSEL, so on web one that is selected shows
    /// nothing and is not counted, e.g. --platform web.
    #[arg(long, value_name = "PLATFORM", value_parser = parse_platform, default_value = "default")]
    pub platform: Platform,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    /// text: FILE:LINE:COL lines and a summary; json: a list of findings; sarif: SARIF 2.1.0
    /// for GitHub code scanning; github: workflow annotations; junit: JUnit XML, a test case
    /// per campaign. Live endpoints have no file: they are named <app>/<endpoint>, with no line.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// The least severity that fails the run (exit status 1), e.g. --fail-on warning.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The platforms button and colour rules look at, e.g. --platform web.
    #[arg(long, value_enum, default_value_t = CheckPlatform::All)]
    pub platform: CheckPlatform,
    /// The clock end dates are compared with, RFC 3339; its offset is the device's time zone,
    /// e.g. --now 2026-11-24T12:00:00+01:00. Default: the system clock and zone.
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<ZonedDateTime>,
    /// Load every ImageUrl (downloading http(s) ones, 8 at a time, 15 s each) and check that it
    /// loads, its size and its shape.
    #[arg(long)]
    pub images: bool,
    /// Print the rules (id, severity, name, summary) and exit.
    #[arg(long, conflicts_with = "explain")]
    pub rules: bool,
    /// Print what one rule checks and why, e.g. --explain PV012, and exit.
    #[arg(long, value_name = "ID")]
    pub explain: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
    Github,
    Junit,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum FailOn {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckPlatform {
    All,
    Android,
    Ios,
    Web,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SimulateFormat {
    Text,
    Json,
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
    Png,
    Svg,
}

impl Format {
    /// Whether the output is a picture rather than a terminal frame.
    pub fn is_picture(self) -> bool {
        matches!(self, Format::Png | Format::Svg)
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DeviceArg {
    Phone,
    Tablet,
    Desktop,
}

impl From<DeviceArg> for crate::pixels::Device {
    fn from(arg: DeviceArg) -> Self {
        match arg {
            DeviceArg::Phone => Self::Phone,
            DeviceArg::Tablet => Self::Tablet,
            DeviceArg::Desktop => Self::Desktop,
        }
    }
}

fn parse_scale(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(n) if (0.25..=4.0).contains(&n) => Ok(n),
        _ => Err(format!(
            "\"{text}\" is not a scale: a number from 0.25 to 4, e.g. 2"
        )),
    }
}

pub(super) fn parse_platform(text: &str) -> Result<Platform, String> {
    Platform::parse(text)
        .ok_or_else(|| format!("\"{text}\" is not a platform: use default, android, ios or web"))
}

fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("\"{text}\" is not a size: write WIDTHxHEIGHT, e.g. 100x30");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    // Read wide, so a size too large is told as that and not as no size at all.
    let w: u64 = w.trim().parse().map_err(|_| bad())?;
    let h: u64 = h.trim().parse().map_err(|_| bad())?;
    match (u16::try_from(w), u16::try_from(h)) {
        (Ok(w), Ok(h)) if w > 0 && h > 0 && w as u64 * h as u64 <= 1_000_000 => Ok((w, h)),
        _ => Err(format!(
            "\"{text}\": width and height must be 1 or more, and at most a million cells in all"
        )),
    }
}

impl RenderArgs {
    /// What the flags say; the config file and defaults fill the rest in `Settings`.
    pub fn flags(&self) -> Flags {
        let mut flags = self.images.flags();
        flags.platform = Some(self.platform);
        if self.remote_images {
            flags.remote_images = Some(true);
        }
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_too_large_are_told_as_too_large() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1000x1000"), Ok((1000, 1000)));
        for big in ["1000x1001", "100000x100000", "0x5", "70000x1"] {
            let why = parse_size(big).unwrap_err();
            assert!(why.contains("at most a million cells"), "{big}: {why}");
        }
        assert!(parse_size("wide").unwrap_err().contains("is not a size"));
    }
}
