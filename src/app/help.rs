//! What the help says, as rows: every mode's keys from its own table, the line editor's keys,
//! and the badges. `ui` draws the rows; `update` scrolls them, so it knows how many there are.

use super::input::EDITING;
use super::keys::Mode;

/// The badges a campaign row can carry, and what each means.
pub const LEGEND: &[(&str, &str)] = &[
    ("+", "new since the last fetch"),
    ("~", "changed since the last fetch"),
    ("−", "removed by the last fetch"),
    ("⌛", "ended: past its EndDate, or one devices cannot read"),
    ("⊘", "capped: displays reached a cap"),
    ("✕", "a problem: see Findings"),
    ("★", "the message a device shows for the trigger (t)"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpRow {
    Heading(&'static str),
    Key {
        label: &'static str,
        help: &'static str,
    },
    Badge {
        mark: &'static str,
        meaning: &'static str,
    },
    Blank,
}

/// Every row of the help, top to bottom.
pub fn help_rows() -> Vec<HelpRow> {
    let mut rows = Vec::new();
    for mode in Mode::ALL {
        if !rows.is_empty() {
            rows.push(HelpRow::Blank);
        }
        rows.push(HelpRow::Heading(mode.title()));
        rows.extend(
            mode.bindings()
                .iter()
                // A pair's second binding is written on its first's row.
                .filter(|b| !b.label.is_empty())
                .map(|b| HelpRow::Key {
                    label: b.label,
                    help: b.help,
                }),
        );
    }
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Typing (filter and prompt)"));
    rows.extend(EDITING.iter().map(|b| HelpRow::Key {
        label: b.label,
        help: b.help,
    }));
    rows.push(HelpRow::Blank);
    rows.push(HelpRow::Heading("Badges"));
    rows.extend(
        LEGEND
            .iter()
            .map(|&(mark, meaning)| HelpRow::Badge { mark, meaning }),
    );
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_binding_of_every_mode_has_a_row() {
        let rows = help_rows();
        for mode in Mode::ALL {
            assert!(rows.contains(&HelpRow::Heading(mode.title())));
            for b in mode.bindings().iter().filter(|b| !b.label.is_empty()) {
                let row = HelpRow::Key {
                    label: b.label,
                    help: b.help,
                };
                assert!(rows.contains(&row), "{mode:?}: {}", b.label);
            }
        }
        assert_eq!(
            rows.iter()
                .filter(|r| matches!(r, HelpRow::Badge { .. }))
                .count(),
            LEGEND.len()
        );
    }
}
