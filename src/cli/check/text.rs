//! The text report: a `FILE:LINE:COL: error[PV012] campaign …` line per finding, as compilers
//! print them so editors can jump to each, then one summary line.

use std::fmt::Write;

use super::Run;
use super::report::Located;
use crate::rules::check::{Platforms, Severity};
use crate::text::clean;

pub(super) fn render(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        for located in &file.findings {
            let _ = writeln!(out, "{}", line(&file.name, located));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(run));
    out.push('\n');
    out
}

/// `FILE:LINE:COL: error[PV012] campaign X, card 2: message (android, ios)`; live endpoints
/// have no line and column.
pub(super) fn line(file: &str, located: &Located) -> String {
    let place = match located.at {
        Some(at) => format!("{}:{}:{}", clean(file), at.line, at.column),
        None => clean(file).into_owned(),
    };
    format!(
        "{place}: {}[{}] {}",
        located.finding.severity(),
        located.finding.rule.id,
        words(located)
    )
}

/// `campaign X, card 2: message (android, ios)`, cleaned for a terminal: shared with GitHub's
/// annotations.
pub(super) fn words(located: &Located) -> String {
    let finding = &located.finding;
    let card = finding.card.map(|c| format!(", card {}", c + 1));
    let on = (finding.platforms != Platforms::ALL)
        .then(|| format!(" ({})", finding.platforms.names().join(", ")));
    clean(&format!(
        "campaign {}{}: {}{}",
        located.campaign_id,
        card.unwrap_or_default(),
        finding.message,
        on.unwrap_or_default()
    ))
    .into_owned()
}

/// `3 errors, 5 warnings, 2 notes in 14 campaigns (2 files)`, or `no findings in …`.
pub(super) fn summary(run: &Run) -> String {
    let count = |severity: Severity| {
        run.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|l| l.finding.severity() == severity)
            .count()
    };
    let counts: Vec<String> = Severity::ALL
        .into_iter()
        .map(|s| (count(s), s.word()))
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    let found = if counts.is_empty() {
        "no findings".to_string()
    } else {
        counts.join(", ")
    };
    let live = run.files.iter().any(|f| !f.is_file);
    let unit = if live { "endpoint" } else { "file" };
    let mut read = plural(run.files.len(), unit);
    if !run.unreadable.is_empty() {
        let _ = write!(read, ", {} unreadable", run.unreadable.len());
    }
    format!(
        "{found} in {} ({read})",
        plural(run.campaigns(), "campaign")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_the_rest_plural() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "note"), "0 notes");
        assert_eq!(plural(14, "campaign"), "14 campaigns");
    }
}
