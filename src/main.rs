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
        Ok(runtime) => {
            let code = runtime.block_on(run(cli));
            // A read stuck in the kernel (a network drive) must not keep a finished run alive.
            runtime.shutdown_timeout(std::time::Duration::from_millis(500));
            code
        }
        Err(e) => fail(&format!("cannot start: {e}")),
    }
}
