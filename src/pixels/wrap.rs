//! Text broken into lines that fit a width, where the Unicode line breaking rules allow, by the
//! fonts' real advances; a word wider than the line breaks between clusters. And one line cut
//! with an ellipsis, as the web renderer's header is. Each line keeps the stretches a system
//! font draws, so the picture uses the face the line was measured with.

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::{Shaped, shape};
use super::list::{SystemFont, SystemRun};

/// More text than any screen shows; what is past it is never measured.
const MAX_CHARS: usize = 4000;

/// Lines ready to draw, and what could not be drawn.
#[derive(Debug, Default, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<String>,
    /// For each line, the stretches a system font draws.
    pub fonts: Vec<Vec<SystemRun>>,
    /// Characters no face has a glyph for.
    pub missing: Vec<char>,
    /// Characters drawn with a system font, and which.
    pub system: Vec<(char, SystemFont)>,
}

impl Wrapped {
    fn take_notes(&mut self, shaped: &Shaped) {
        for c in &shaped.missing {
            if !self.missing.contains(c) {
                self.missing.push(*c);
            }
        }
        for drawn in &shaped.system {
            if !self.system.contains(drawn) {
                self.system.push(*drawn);
            }
        }
    }

    fn push(&mut self, line: &str, runs: Vec<SystemRun>) {
        self.lines.push(line.to_string());
        self.fonts.push(runs);
    }
}

/// The parts of `runs` inside `text[from..to]`, as offsets into that line.
fn runs_in(runs: &[SystemRun], from: usize, to: usize) -> Vec<SystemRun> {
    runs.iter()
        .filter(|r| r.from < to && r.to > from)
        .map(|r| SystemRun {
            from: r.from.max(from) - from,
            to: r.to.min(to) - from,
            font: r.font,
        })
        .collect()
}

/// A paragraph's shaped clusters as running widths, for widths of any span in O(log n).
struct Widths {
    starts: Vec<usize>,
    before: Vec<f32>,
    total: f32,
}

impl Widths {
    fn new(shaped: &Shaped) -> Widths {
        let (mut starts, mut before, mut total) = (Vec::new(), Vec::new(), 0.0);
        for (at, advance) in shaped.starts() {
            starts.push(at);
            before.push(total);
            total += advance;
        }
        Widths {
            starts,
            before,
            total,
        }
    }

    /// The width of everything before byte `offset`.
    fn x(&self, offset: usize) -> f32 {
        match self.starts.partition_point(|&s| s < offset) {
            i if i < self.before.len() => self.before[i],
            _ => self.total,
        }
    }

    fn span(&self, text: &str, from: usize, to: usize) -> f32 {
        let trimmed = from + text[from..to].trim_end().len();
        self.x(trimmed) - self.x(from)
    }
}

/// `text` in lines of at most `width` points, its own line breaks kept; at most `max_lines`.
/// `system`: characters no bundled face has may be drawn with a system font.
pub fn wrap(
    text: &str,
    (size, weight, system): (f32, u16, bool),
    width: f32,
    max_lines: usize,
) -> Wrapped {
    let mut out = Wrapped::default();
    let text = match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    for para in text.split('\n') {
        if out.lines.len() >= max_lines {
            break;
        }
        wrap_paragraph(para, (size, weight, system), width, max_lines, &mut out);
    }
    out.lines.truncate(max_lines);
    out.fonts.truncate(max_lines);
    out
}

fn wrap_paragraph(
    para: &str,
    (size, weight, system): (f32, u16, bool),
    width: f32,
    max_lines: usize,
    out: &mut Wrapped,
) {
    if para.is_empty() {
        out.push("", Vec::new());
        return;
    }
    let shaped = shape(para, size, weight, system);
    out.take_notes(&shaped);
    let widths = Widths::new(&shaped);
    let breaks: Vec<(usize, BreakOpportunity)> = linebreaks(para).collect();
    let emit = |from: usize, to: usize, out: &mut Wrapped| {
        let line = para[from..to].trim_end();
        out.push(line, runs_in(&shaped.runs, from, from + line.len()));
    };
    let (mut start, mut fit, mut i) = (0, None, 0);
    while i < breaks.len() && out.lines.len() < max_lines {
        let (at, kind) = breaks[i];
        if widths.span(para, start, at) <= width {
            fit = Some(at);
            // The paragraph's end after a split word has nothing left to emit.
            if kind == BreakOpportunity::Mandatory && (start < at || at < para.len()) {
                emit(start, at, out);
                (start, fit) = (at, None);
            }
            i += 1;
        } else if let Some(end) = fit.take() {
            emit(start, end, out);
            start = end;
        } else {
            // One word wider than the line: as many clusters as fit on each line.
            start = split_word(
                para,
                &widths,
                start,
                at,
                width,
                &mut |a, b, o| emit(a, b, o),
                out,
            );
        }
    }
    if start < para.len() && out.lines.len() < max_lines {
        emit(start, para.len(), out);
    }
}

/// Emits full lines of the word `para[start..end]`; returns where the rest starts.
fn split_word(
    para: &str,
    widths: &Widths,
    start: usize,
    end: usize,
    width: f32,
    emit: &mut dyn FnMut(usize, usize, &mut Wrapped),
    out: &mut Wrapped,
) -> usize {
    let mut line = start;
    let cluster_starts = widths
        .starts
        .iter()
        .copied()
        .filter(|&s| s > start && s < end);
    for next in cluster_starts.chain(std::iter::once(end)) {
        if widths.span(para, line, next) > width {
            // The cluster before `next` overflows: the line ends before it, unless it is alone.
            let cut = widths
                .starts
                .iter()
                .copied()
                .rfind(|&s| s > line && s < next)
                .unwrap_or(next);
            emit(line, cut, out);
            line = cut;
        }
    }
    if line == start {
        // Nothing fitted: the whole word goes on a line of its own rather than looping.
        emit(start, end, out);
        return end;
    }
    line
}

/// `text` on one line of `width` points: cut with `…` when it is wider.
pub fn ellipsis(text: &str, (size, weight, system): (f32, u16, bool), width: f32) -> Wrapped {
    let text = match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => &text[..cut],
        None => text,
    };
    let shaped = shape(text, size, weight, system);
    let mut out = Wrapped::default();
    out.take_notes(&shaped);
    let widths = Widths::new(&shaped);
    if widths.total <= width {
        out.push(text, runs_in(&shaped.runs, 0, text.len()));
        return out;
    }
    let room = width - super::fonts::measure("…", size, weight);
    let end = widths
        .starts
        .iter()
        .copied()
        .take_while(|&s| widths.span(text, 0, s) <= room)
        .last()
        .unwrap_or(0);
    let kept = text[..end].trim_end();
    out.push(&format!("{kept}…"), runs_in(&shaped.runs, 0, kept.len()));
    out
}

#[cfg(test)]
mod tests {
    use super::super::fonts::measure;
    use super::*;

    #[test]
    fn lines_fit_and_keep_every_word() {
        let text = "Winter sale: forty percent off every coat and boot until Sunday night";
        let w = wrap(text, (16.0, 400, false), 150.0, 99);
        assert!(w.lines.len() >= 3, "{:?}", w.lines);
        for line in &w.lines {
            assert!(measure(line, 16.0, 400) <= 150.0, "{line:?}");
        }
        assert_eq!(w.lines.join(" "), text);
    }

    #[test]
    fn own_breaks_are_kept_and_lines_are_capped() {
        let w = wrap("one\n\ntwo", (16.0, 400, false), 300.0, 99);
        assert_eq!(w.lines, ["one", "", "two"]);
        let w = wrap("a b c d e f g", (16.0, 400, false), 10.0, 2);
        assert_eq!(w.lines.len(), 2);
    }

    #[test]
    fn a_long_word_breaks_between_letters() {
        let w = wrap(
            "Supercalifragilisticexpialidocious",
            (16.0, 400, false),
            60.0,
            99,
        );
        assert!(w.lines.len() > 2, "{:?}", w.lines);
        assert_eq!(w.lines.concat(), "Supercalifragilisticexpialidocious");
        for line in &w.lines {
            assert!(measure(line, 16.0, 400) <= 60.0, "{line:?}");
        }
        // Narrower than one letter: one letter a line, never an endless loop.
        assert_eq!(
            wrap("MMM", (16.0, 400, false), 1.0, 99).lines,
            ["M", "M", "M"]
        );
    }

    #[test]
    fn ellipsis_cuts_to_the_width() {
        let cut = ellipsis(
            "A header far too long for its banner",
            (16.0, 600, false),
            120.0,
        );
        let line = &cut.lines[0];
        assert!(
            line.ends_with('…') && measure(line, 16.0, 600) <= 120.0,
            "{line}"
        );
        assert_eq!(
            ellipsis("Short", (16.0, 600, false), 120.0).lines,
            ["Short"]
        );
    }
}
