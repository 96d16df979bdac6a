//! `pinview render`: one frame without a terminal, through the same state, effects and
//! drawing as the TUI; or with `--format png|svg` the message in real pixels.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use jiff::ZonedDateTime;

use super::{EXIT_FETCH, EXIT_WRITE, Format, PaneArg, RenderArgs, fail, fail_with, write_stdout};
use crate::config::{self, Settings};
use crate::images::board::Mode;
use crate::images::{Board, Loader, Protocols, resolve};
use crate::model::Target;
use crate::pixels::{self, Pictures, PixelOptions};
use crate::render::{self, Options, Pane, RenderError};
use crate::source::Source;

pub async fn run_render(args: &RenderArgs, settings: Settings) -> ExitCode {
    let (source, target) = match args.source.open_at(settings.config.as_ref()).await {
        Ok(opened) => opened,
        Err(e) => return fail(&e),
    };
    let now = args.now.clone().unwrap_or_else(ZonedDateTime::now);
    if args.format.is_picture() {
        return run_picture(args, &settings, source, &target, now).await;
    }
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
        (_, _) => Mode::Pixels,
    };
    options.images = Board::new(
        mode,
        ratatui_image::picker::Picker::halfblocks().font_size(),
    );
    let loader = (mode != Mode::Off).then(|| loader(&settings));
    let buf = match render::render_source(source, &settings, &target, &options, loader).await {
        Ok(b) => b,
        Err(e @ RenderError::Fetch(_)) => return fail_with(&e.to_string(), EXIT_FETCH),
        Err(e) => return fail(&e.to_string()),
    };
    let text = match args.format {
        Format::Ansi => render::to_ansi(&buf),
        _ => render::to_text(&buf),
    };
    emit(args.out.as_deref(), text.as_bytes())
}

fn loader(settings: &Settings) -> Loader {
    let cache = config::cache_dir().map(|d| d.join("images"));
    // A frame does not depend on the network unless asked to.
    let remote = settings.remote_images.unwrap_or(false);
    Loader::new(settings.limits, remote, cache)
}

/// `--format png|svg`: fetches the endpoint, loads the drawn card's image, draws and writes.
async fn run_picture(
    args: &RenderArgs,
    settings: &Settings,
    source: Source,
    target: &Target,
    now: ZonedDateTime,
) -> ExitCode {
    // Refused before any work: a terminal would take the bytes as commands.
    if args.out.is_none() && std::io::stdout().is_terminal() {
        let kind = if args.format == Format::Png {
            "PNG"
        } else {
            "SVG"
        };
        return fail(&format!(
            "will not write a {kind} picture to the terminal: pass --out FILE or redirect \
             standard output to a file or a pipe"
        ));
    }
    let campaigns = match source.fetch(target).await {
        Ok(c) => c,
        Err(e) => return fail_with(&e.to_string(), EXIT_FETCH),
    };
    let mut options = PixelOptions::new(settings.platform, now);
    options.device = args.device.map(Into::into);
    options.scale = args.scale;
    options.side_panel = args.pane == PaneArg::All;
    options.page = usize::from(args.page - 1);
    options.campaign = args.campaign.clone();
    let base = source.image_base(target);
    options.images = match render::pixel_images(&campaigns, &options) {
        Ok(urls) if settings.images == Protocols::Off => urls
            .into_iter()
            .map(|url| (url, Err("images are off (--images off)".to_string())))
            .collect(),
        Ok(urls) => load(&urls, base.as_deref(), &loader(settings)).await,
        Err(e) => return fail(&e.to_string()),
    };
    let canvas = match render::render_pixels(&campaigns, &options) {
        Ok(c) => c,
        Err(e) => return fail(&e.to_string()),
    };
    if !options.side_panel && !canvas.missing.is_empty() {
        let chars: Vec<String> = canvas
            .missing
            .iter()
            .map(|c| format!("U+{:04X}", u32::from(*c)))
            .collect();
        // Worded as the side panel words it: system fonts were looked at too unless turned off.
        let chars = chars.join(" ");
        let words = if canvas.system_fonts {
            format!("no font has {chars}")
        } else {
            format!("no bundled font has {chars} (system fonts off)")
        };
        let _ = writeln!(std::io::stderr(), "pinview: {words}: drawn as boxes");
    }
    let bytes = match args.format {
        Format::Png => match pixels::to_png(&canvas) {
            Ok(bytes) => bytes,
            Err(why) => return fail(&why),
        },
        _ => pixels::to_svg(&canvas).into_bytes(),
    };
    emit(args.out.as_deref(), &bytes)
}

/// Loads each image, keeping why one could not be.
async fn load(urls: &[String], base: Option<&Path>, loader: &Loader) -> Pictures {
    let mut pictures = Pictures::new();
    for url in urls {
        let loaded = match resolve(url, base) {
            Ok(at) => loader
                .load(&at)
                .await
                .map(Arc::new)
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        pictures.insert(url.clone(), loaded);
    }
    pictures
}

/// Writes the output to `out`, or to standard output.
fn emit(out: Option<&Path>, bytes: &[u8]) -> ExitCode {
    if let Some(path) = out {
        return match std::fs::write(path, bytes) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail_with(&format!("cannot write {}: {e}", path.display()), EXIT_WRITE),
        };
    }
    match write_stdout(bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}
