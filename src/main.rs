use std::process::ExitCode;

use clap::Parser;
use pinview::cli::{Cli, Command, fail, run_render};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Render(args)) => run_render(args),
        None => match cli.source.open() {
            Ok(source) => pinview::tui::run(source, cli.platform),
            Err(e) => fail(&e),
        },
    }
}
