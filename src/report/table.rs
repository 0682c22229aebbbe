//! The terminal view of a report: one table row per claim, discrepancies first, each source's
//! wording with line:column, and a summary line.

use prettytable::format::consts::FORMAT_BOX_CHARS;
use prettytable::{Cell, Row, Table};

use super::{Claim, Report};

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
            Cell::new(&format!("{}\n({})", claim.label, claim.id)),
            Cell::new(&statements(report, claim)),
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
            format!(
                "{}: {said} ({}:{})",
                report.outlet_of(&o.source),
                o.line,
                o.column
            )
        })
        .collect();
    let outlets = |ids: &[String]| {
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

    if let Some(note) = &claim.accepted {
        lines.push(format!("accepted (baseline): {note}"));
    }
    lines.extend(claim.notes.iter().cloned());
    lines
        .iter()
        .flat_map(|l| textwrap::wrap(l, NOTE_WIDTH))
        .collect::<Vec<_>>()
        .join("\n")
}

/// "5 sources, 7 claims: 1 differ, 3 agree, ..." (zero counts left out).
pub fn summary_line(report: &Report) -> String {
    let s = &report.summary;
    let parts: Vec<String> = [
        (s.conflict, "conflict"),
        (s.differ, "differ"),
        (s.agree, "agree"),
        (s.single_source, "single-source"),
        (s.unresolved, "unresolved"),
        (s.not_found, "not-found"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, name)| format!("{n} {name}"))
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
