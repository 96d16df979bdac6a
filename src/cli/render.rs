//! `pinview render`: one frame without a terminal, through the same state, effects and
//! drawing as the TUI.

use std::io::Write;
use std::process::ExitCode;

use jiff::ZonedDateTime;

use super::{EXIT_FETCH, Format, PaneArg, RenderArgs, fail, fail_with};
use crate::config::{self, Settings};
use crate::images::board::Mode;
use crate::images::{Board, Loader, Protocols};
use crate::render::{self, Options, Pane, RenderError};

pub async fn run_render(args: &RenderArgs, settings: Settings) -> ExitCode {
    let (source, target) = match args.source.open_at(settings.config.as_ref()).await {
        Ok(opened) => opened,
        Err(e) => return fail(&e),
    };
    let now = args.now.clone().unwrap_or_else(ZonedDateTime::now);
    let mut options = Options::new(args.size.0, args.size.1, now);
    options.platform = settings.platform;
    options.source = source.label();
    options.page = usize::from(args.page - 1);
    options.campaign = args.campaign.clone();
    options.pane = match args.pane {
        PaneArg::All => Pane::All,
        PaneArg::Preview => Pane::Preview,
    };
    // Text frames name each image; ANSI frames draw it in half blocks.
    let mode = match (settings.images, args.format) {
        (Protocols::Off, _) => Mode::Off,
        (_, Format::Text) => Mode::Label,
        (_, Format::Ansi) => Mode::Pixels,
    };
    options.images = Board::new(
        mode,
        ratatui_image::picker::Picker::halfblocks().font_size(),
    );
    let loader = (mode != Mode::Off).then(|| {
        let cache = config::cache_dir().map(|d| d.join("images"));
        // A frame does not depend on the network unless asked to.
        let remote = settings.remote_images.unwrap_or(false);
        Loader::new(settings.limits, remote, cache)
    });
    let buf = match render::render_source(source, &settings, &target, &options, loader).await {
        Ok(b) => b,
        Err(e @ RenderError::Fetch(_)) => return fail_with(&e.to_string(), EXIT_FETCH),
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
