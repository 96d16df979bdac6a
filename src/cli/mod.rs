//! The command line: the TUI by default; `render`, `get`, `serve`, `simulate` and `check` as
//! subcommands. Flags and the config file become one `Settings` here, once per run.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod args;
mod check;
mod get;
mod images;
mod open;
mod render;
mod serve;
mod simulate;

pub use args::{
    CheckArgs, CheckFormat, CheckPlatform, FailOn, Format, GetArgs, PaneArg, RenderArgs, ServeArgs,
    SimulateArgs, SimulateFormat, SourceArgs,
};
pub use check::{rules_markdown, rules_text, run_check};
pub use get::{cli_json, run_get};
pub use images::ImageArgs;
pub(crate) use open::dedup;
pub use open::pick_target;
pub use render::run_render;
pub use serve::run_serve;
pub use simulate::run_simulate;

use crate::config::{self, Config, Flags, Settings};
use crate::rules::platform::Platform;
use crate::text::clean_multiline;
/// Kept here too: earlier releases' users parse `--now` through `pinview::cli`.
pub use crate::text::parse_now;
use crate::text::{Refresh, parse_refresh};
use crate::tui::TuiError;
use args::parse_platform;

/// Exit status for input pinview cannot use: bad files, unknown ids, bad flags.
pub const EXIT_INPUT: u8 = 2;
/// Exit status when a source could not be read: network, credentials, service errors.
pub const EXIT_FETCH: u8 = 1;
/// Exit status when the output could not be written (a full disk), as when a source fails.
pub const EXIT_WRITE: u8 = 1;
/// `pinview serve`'s port unless told otherwise.
pub const DEFAULT_PORT: u16 = 4590;

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
    #[arg(long, value_name = "PLATFORM", value_parser = parse_platform)]
    pub platform: Option<Platform>,
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
    /// Which message a device shows for an event, and why each other campaign does not.
    #[command(after_help = SIMULATE_EXAMPLES)]
    Simulate(SimulateArgs),
    /// Review every campaign against pinview's rules and report each finding at its file, line
    /// and column, for people and CI.
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
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

const SIMULATE_EXAMPLES: &str = "Examples:
  pinview simulate --demo --event _session.start --attr plan=pro --metric score=12
  pinview simulate --demo --endpoint iphone-15 --event quiz.opened --metric level=3
  pinview simulate --file campaigns.json --event purchase --now 2026-11-24T12:00:00+01:00
  pinview simulate --demo --events day.jsonl --format json | jq .shown

Each campaign is checked in device order: event name, attributes, metrics, end date, caps;
the best priority wins, then the one that ends soonest, then the earlier in the list.
--events FILE.jsonl replays lines such as {\"event\": \"purchase\", \"metrics\": {\"cart_value\": 50}},
{\"displayed\": \"winter-sale-2026\"} and {\"session\": \"start\"}, counting each message shown.
Exit status 0 whether or not a message shows; 2 for bad input.";

const CHECK_EXAMPLES: &str = "Examples:
  pinview check --file campaigns/
  pinview check --file campaigns/ --format sarif > pinview.sarif     (GitHub code scanning)
  pinview check --file campaigns/ --format github --fail-on warning  (annotations in a workflow)
  pinview check --demo --format json | jq '.[] | select(.rule == \"PV012\")'
  pinview check --app 5f3c0a --endpoint user-42 --profile prod --images
  pinview check --rules
  pinview check --explain PV012

Every endpoint of the source is checked; with --demo or --file, --app and --endpoint narrow it.
Live endpoints have no file: reports name them <app>/<endpoint>, with the field's JSON path in
the response instead of a line and column.
Exit status 0 when no finding reaches --fail-on (default error), 1 when one does, 2 when an
input cannot be read (a missing path, a file that is not campaigns, a failed fetch); the
readable ones are still reported.";

/// Prints an error a person can act on, without letting a file's bytes drive the terminal.
/// Writes a command's output to standard output. A reader that has gone (`| head`) ends it
/// quietly; any other failure, such as a full disk, is said and fails the run.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), ExitCode> {
    let mut stdout = std::io::stdout().lock();
    written(stdout.write_all(bytes).and_then(|()| stdout.flush()))
}

/// A write's outcome as a command ends on it: a reader that has gone is no failure.
pub(crate) fn written(result: std::io::Result<()>) -> Result<(), ExitCode> {
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(fail_with(
            &format!("cannot write the output: {e}"),
            EXIT_WRITE,
        )),
        _ => Ok(()),
    }
}

pub fn fail(message: &str) -> ExitCode {
    fail_with(message, EXIT_INPUT)
}

pub(crate) fn fail_with(message: &str, code: u8) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "pinview: {}", clean_multiline(message));
    ExitCode::from(code)
}

/// The config file, read once for the run. A broken one is an error: `remote_images = flase`
/// must not quietly download.
fn read_config() -> Result<Option<Config>, String> {
    config::load().map_err(|e| e.to_string())
}

/// Runs the command line on a runtime the caller provides.
pub async fn run(cli: Cli) -> ExitCode {
    if let Some(Command::Serve(args)) = &cli.command {
        return run_serve(args).await;
    }
    // The catalogue needs no source, so not even a broken config file stops it.
    if let Some(Command::Check(args)) = &cli.command
        && (args.rules || args.explain.is_some())
    {
        return run_check(args, None).await;
    }
    let config = match read_config() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    match &cli.command {
        Some(Command::Render(args)) => {
            run_render(args, Settings::merge(args.flags(), config)).await
        }
        Some(Command::Get(args)) => run_get(args, config.as_ref()).await,
        Some(Command::Simulate(args)) => run_simulate(args, config.as_ref()).await,
        Some(Command::Check(args)) => run_check(args, config.as_ref()).await,
        Some(Command::Serve(_)) => unreachable!("served above"),
        None => run_tui(&cli, config).await,
    }
}

async fn run_tui(cli: &Cli, config: Option<Config>) -> ExitCode {
    let flags = Flags {
        platform: cli.platform,
        refresh: cli.refresh,
        ..cli.images.flags()
    };
    let settings = Settings::merge(flags, config);
    let (source, start) = match cli.source.open_at(settings.config.as_ref()).await {
        Ok(opened) => opened,
        Err(e) => return fail(&e),
    };
    match crate::tui::run(source, settings, Some(start)).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ (TuiError::NoTerminal | TuiError::Dumb(_))) => fail(&e.to_string()),
        Err(e) => fail_with(&e.to_string(), EXIT_FETCH),
    }
}
