//! The `pinview` binary: parse the command line and run one command on a tokio runtime.

use std::process::ExitCode;

use clap::Parser;
use pinview::cli::{Cli, fail, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run(cli)),
        Err(e) => fail(&format!("cannot start: {e}")),
    }
}
