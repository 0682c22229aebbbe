//! The terminal view of a report: one table row per claim, discrepancies first, each source's
//! wording with line:column, and a summary line.

use prettytable::format::consts::FORMAT_BOX_CHARS;
use prettytable::{Cell, Row, Table};

use super::{Claim, Report, SourceId};
use crate::diff::Verdict;
use crate::terminal::printable_lines;

/// Longest line in a table cell; prettytable does not wrap.
const NOTE_WIDTH: usize = 72;

/// Renders the report as a text table followed by a summary line.
pub fn render(report: &Report) -> String {
    let mut table = Table::new();
    table.set_format(*FORMAT_BOX_CHARS);
    table.set_titles(Row::new(vec![
        Cell::new("verdict"),
        Cell::new("claim"),
        Cell::new("sources say"),
    ]));
    for claim in &report.claims {
        table.add_row(Row::new(vec![
            Cell::new(claim.verdict.as_str()),
            // Outlets, wordings and labels come from files: made printable before layout.
            Cell::new(&printable_lines(&format!(
                "{}\n({})",
                claim.label, claim.id
            ))),
            Cell::new(&printable_lines(&statements(report, claim))),
        ]));
    }
    let mut out = table.to_string();
    out.push_str(&summary_line(report));
    out.push('\n');
    out
}

fn statements(report: &Report, claim: &Claim) -> String {
    if claim.observations.is_empty() {
        return "—".to_string();
    }
    let mut lines: Vec<String> = claim
        .observations
        .iter()
        .map(|o| {
            let said = match (&o.value, &o.unresolved) {
                (Some(v), _) if v.display != o.raw => format!("\"{}\" = {}", o.raw, v.display),
                (_, Some(why)) => format!("\"{}\" unresolved: {why}", o.raw),
                _ => format!("\"{}\"", o.raw),
            };
            let mut party = o
                .attributed_to
                .as_ref()
                .map_or(String::new(), |p| format!(", per {p}"));
            if o.superseded {
                party.push_str(", an earlier figure (superseded)");
            }
            format!(
                "{}: {said} ({}:{}){party}",
                report.outlet_of(&o.source),
                o.line,
                o.column
            )
        })
        .collect();
    let outlets = |ids: &[SourceId]| {
        let names: Vec<&str> = ids.iter().map(|id| report.outlet_of(id)).collect();
        names.join(", ")
    };
    if let Some(c) = &claim.consensus {
        if !claim.outliers.is_empty() {
            let outliers = outlets(&claim.outliers);
            lines.push(format!(
                "consensus: {}; outliers: {outliers}",
                c.value.display
            ));
        }
    }
    if !claim.internal_discrepancies.is_empty() {
        let who = outlets(&claim.internal_discrepancies);
        lines.push(format!("contradicts itself: {who}"));
    }
    lines.extend(super::latest_line(report, claim));
    lines.extend(super::stale_lines(report, claim));

    if let Some(note) = &claim.accepted {
        lines.push(format!("accepted (baseline): {note}"));
    }
    lines.extend(claim.notes.iter().cloned());
    lines
        .iter()
        .flat_map(|l| textwrap::wrap(l, wrapping()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Lines are wrapped only at spaces: a quoted match is never split inside a word, not even at
/// a hyphen ("combat-ready"); a word longer than a line stands on a line of its own.
fn wrapping() -> textwrap::Options<'static> {
    textwrap::Options::new(NOTE_WIDTH)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// Colours the verdict that opens each row of a rendered table, leaving the layout as it was.
pub(crate) fn colorize(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len() + 256);
    for line in rendered.split_inclusive('\n') {
        let colored = line.strip_prefix("│ ").and_then(|rest| {
            let verdict = Verdict::BY_SEVERITY
                .into_iter()
                .find(|v| rest.starts_with(&format!("{} ", v.as_str())))?;
            let tail = &rest[verdict.as_str().len()..];
            Some(format!(
                "│ {}{}\x1b[0m{tail}",
                ansi(verdict),
                verdict.as_str()
            ))
        });
        out.push_str(colored.as_deref().unwrap_or(line));
    }
    out
}

/// The ANSI style of a verdict: red, yellow, green, blue, dim.
fn ansi(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Conflict => "\x1b[1;31m",
        Verdict::Differ => "\x1b[1;33m",
        Verdict::Agree => "\x1b[32m",
        Verdict::Revised => "\x1b[36m",
        Verdict::SingleSource => "\x1b[34m",
        Verdict::Unresolved | Verdict::NotFound => "\x1b[2m",
    }
}

/// "5 sources, 7 claims: 1 differ, 3 agree, ..." (zero counts left out).
pub(crate) fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let parts: Vec<String> = s
        .by_verdict()
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, verdict)| format!("{n} {verdict}"))
        .collect();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}: {}",
        plural(s.sources, "source"),
        plural(s.claims, "claim"),
        if parts.is_empty() {
            "nothing to compare".to_string()
        } else {
            parts.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorize_wraps_only_the_verdict_and_keeps_the_layout() {
        let table = "┌──┐\n│ differ        │ x │\n│               │ y │\n│ agree         │ z │\n";
        let colored = colorize(table);
        assert!(colored.contains("│ \x1b[1;33mdiffer\x1b[0m        │ x │"));
        assert!(colored.contains("│ \x1b[32magree\x1b[0m         │ z │"));
        let plain = colored
            .replace("\x1b[1;33m", "")
            .replace("\x1b[32m", "")
            .replace("\x1b[0m", "");
        assert_eq!(plain, table);
    }
}
