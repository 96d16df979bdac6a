//! The rule catalogue in words: `--rules`, `--explain ID`, and the README's table, all made
//! from `RULES` so none of them can drift from what `check` applies.

use std::fmt::Write;
use std::process::ExitCode;

use super::super::args::CheckArgs;
use super::super::{fail, write_stdout};
use crate::rules::check::{RULES, Rule, rule};
use crate::text::clean;

/// Prints the catalogue or one rule when the flags ask for it; `None` when they do not.
pub(super) fn answer(args: &CheckArgs) -> Option<ExitCode> {
    let text = if args.rules {
        rules_text()
    } else {
        let id = args.explain.as_deref()?;
        match rule(id) {
            Some(found) => explain(found),
            None => {
                return Some(fail(&format!(
                    "no rule \"{}\": `pinview check --rules` lists every rule's id",
                    clean(id)
                )));
            }
        }
    };
    Some(match write_stdout(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    })
}

/// The summary, marked when the rule needs `--images`.
fn summary(rule: &Rule, images_flag: &str) -> String {
    if rule.needs_images {
        format!("{} (with {images_flag})", rule.summary)
    } else {
        rule.summary.to_string()
    }
}

/// One line per rule: id, severity, name and summary in aligned columns.
pub fn rules_text() -> String {
    let name_width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "{:<6} {:<8} {:<name_width$} SUMMARY\n",
        "ID", "SEVERITY", "NAME"
    );
    for r in RULES {
        let _ = writeln!(
            out,
            "{:<6} {:<8} {:<name_width$} {}",
            r.id,
            r.severity.word(),
            r.name,
            summary(r, "--images")
        );
    }
    out.push_str("\n`pinview check --explain ID` tells what a rule checks and why.\n");
    out
}

/// The README's table: a Markdown row per rule.
pub fn rules_markdown() -> String {
    let mut out = String::from("| Id | Severity | Name | Summary |\n| --- | --- | --- | --- |\n");
    for r in RULES {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} |",
            r.id,
            r.severity.word(),
            r.name,
            summary(r, "`--images`").replace('|', "\\|")
        );
    }
    out
}

/// A rule's id, name, severity, summary and explanation, wrapped for a terminal.
fn explain(rule: &Rule) -> String {
    let body = textwrap::fill(rule.explanation, 88);
    format!(
        "{} {} ({})\n{}\n\n{body}\n",
        rule.id,
        rule.name,
        rule.severity.word(),
        summary(rule, "--images")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_one_row_in_each_table() {
        let text = rules_text();
        let markdown = rules_markdown();
        for r in RULES {
            assert_eq!(text.matches(&format!("{} ", r.id)).count(), 1, "{}", r.id);
            assert!(markdown.contains(&format!("| {} | {} | `{}` |", r.id, r.severity, r.name)));
        }
        assert_eq!(markdown.lines().count(), RULES.len() + 2);
    }

    #[test]
    fn an_explanation_names_the_rule_and_keeps_every_word() {
        let r = RULES[0];
        let text = explain(r);
        assert!(text.starts_with(&format!("{} {} ({})\n", r.id, r.name, r.severity)));
        let words = |s: &str| s.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert!(words(&text).ends_with(&words(r.explanation)));
    }
}
