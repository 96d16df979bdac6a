//! `pinview check`: every campaign reviewed against the rule catalogue, each finding at the file,
//! line and column of the field it is about, in the report format CI wants.

mod catalog;
mod github;
mod images;
mod input;
mod json;
mod junit;
mod report;
mod sarif;
mod text;

use std::io::Write;
use std::process::ExitCode;

use jiff::ZonedDateTime;

pub use catalog::{rules_markdown, rules_text};

use super::args::{CheckArgs, CheckFormat, CheckPlatform, FailOn};
use super::{EXIT_INPUT, fail, write_stdout};
use crate::config::Config;
use crate::rules::check::{Options, Platforms, Severity};
use crate::rules::platform::Platform;
use input::Unit;
use report::{FileReport, Unreadable};

/// Everything a format needs: the endpoints read, in the order given, and those that were not.
pub(crate) struct Run {
    pub files: Vec<FileReport>,
    pub unreadable: Vec<Unreadable>,
    pub fail_on: Severity,
}

impl Run {
    fn campaigns(&self) -> usize {
        self.files.iter().map(|f| f.campaigns.len()).sum()
    }

    fn failed(&self) -> bool {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|l| l.finding.severity().reaches(self.fail_on))
    }
}

pub async fn run_check(args: &CheckArgs, config: Option<&Config>) -> ExitCode {
    if let Some(code) = catalog::answer(args) {
        return code;
    }
    let options = Options {
        now: args.now.clone().unwrap_or_else(ZonedDateTime::now),
        platforms: match args.platform {
            CheckPlatform::All => Platforms::ALL,
            CheckPlatform::Android => Platforms::only(Platform::Android),
            CheckPlatform::Ios => Platforms::only(Platform::Ios),
            CheckPlatform::Web => Platforms::only(Platform::Web),
        },
        paths: true,
    };
    let mut run = Run {
        files: Vec::new(),
        unreadable: Vec::new(),
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Note => Severity::Note,
        },
    };
    let read = if args.images {
        // Images are loaded once for every endpoint, so all are read before any is reviewed.
        let mut units: Vec<Unit> = Vec::new();
        let read = input::read(&args.source, config, &mut |u| units.push(u)).await;
        let facts = images::gather(&units).await;
        for unit in units {
            run.files
                .push(report::review_unit(unit, &options, Some(&facts)));
        }
        read
    } else {
        // One endpoint at a time: its bytes and locations are dropped once it is reviewed.
        let files = &mut run.files;
        input::read(&args.source, config, &mut |u| {
            files.push(report::review_unit(u, &options, None));
        })
        .await
    };
    match read {
        Ok(unreadable) => run.unreadable = unreadable,
        Err(e) => return fail(&e),
    }

    let mut stderr = std::io::stderr().lock();
    for bad in &run.unreadable {
        // Not eprintln!: it panics when standard error is closed.
        let _ = writeln!(stderr, "{}", crate::text::clean(&bad.text));
    }
    drop(stderr);
    let out = match args.format {
        CheckFormat::Text => text::render(&run),
        CheckFormat::Json => json::render(&run),
        CheckFormat::Sarif => sarif::render(&run),
        CheckFormat::Github => github::render(&run),
        CheckFormat::Junit => junit::render(&run),
    };
    if let Err(code) = write_stdout(out.as_bytes()) {
        return code;
    }
    if !run.unreadable.is_empty() {
        ExitCode::from(EXIT_INPUT)
    } else if run.failed() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
