//! The Markdown view of a report, for pasting into a ticket: a summary line, then one table per
//! discrepancy (source, wording, value, quoted sentence, link to the article), then the other
//! claims in a list. Article text is escaped so it cannot break a table or inject markup.

use std::fmt::Write as _;

use super::{Claim, ObservationEntry, Report};
use crate::source::id_list;

/// Renders the report as GitHub-flavoured Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::from("# claimdiff report\n\n");
    let _ = writeln!(out, "{}\n", summary(report));
    for claim in report.claims.iter().filter(|c| c.verdict.is_discrepancy()) {
        discrepancy(&mut out, report, claim);
    }
    let others: Vec<&Claim> = report
        .claims
        .iter()
        .filter(|c| !c.verdict.is_discrepancy())
        .collect();
    if !others.is_empty() {
        out.push_str("## Other claims\n\n");
        for claim in others {
            let value = claim
                .consensus
                .as_ref()
                .map(|c| format!(": {}", escape(&c.value.display)))
                .unwrap_or_default();
            let value = match super::latest_line(report, claim) {
                Some(latest) => format!(": {}", escape(&latest)),
                None => value,
            };
            let _ = writeln!(
                out,
                "- **{}** {} (`{}`){value}",
                claim.verdict,
                escape(&claim.label),
                claim.id
            );
            if claim.timeline.len() > 1 {
                for line in super::timeline_lines(report, claim) {
                    let _ = writeln!(out, "  - {}", escape(&line));
                }
            }
        }
        out.push('\n');
    }
    out
}

/// "**5 sources, 7 claims, 2 discrepancies** (1 conflict, 1 differ); 3 agree, 1 not-found".
pub fn summary(report: &Report) -> String {
    let s = &report.summary;
    let counts = |discrepancy: bool| {
        s.by_verdict()
            .into_iter()
            .filter(|(n, v)| *n > 0 && v.is_discrepancy() == discrepancy)
            .map(|(n, v)| format!("{n} {v}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut line = format!(
        "**{} sources, {} claims, {} discrepanc{}**",
        s.sources,
        s.claims,
        s.discrepancies,
        if s.discrepancies == 1 { "y" } else { "ies" }
    );
    let (bad, rest) = (counts(true), counts(false));
    if !bad.is_empty() {
        let _ = write!(line, " ({bad})");
    }
    if !rest.is_empty() {
        let _ = write!(line, "; {rest}");
    }
    line
}

fn discrepancy(out: &mut String, report: &Report, claim: &Claim) {
    let _ = writeln!(
        out,
        "## {}: {} (`{}`)\n",
        claim.verdict,
        escape(&claim.label),
        claim.id
    );
    if let Some(c) = &claim.consensus {
        let _ = writeln!(
            out,
            "Consensus: {} ({}); outliers: {}.\n",
            escape(&c.value.display),
            id_list(&c.sources, ", "),
            id_list(&claim.outliers, ", ")
        );
    }
    if let Some(r) = &claim.reference {
        let _ = writeln!(
            out,
            "Reference: {} ({}).\n",
            escape(&r.value.display),
            escape(&r.source)
        );
    }
    let timed = !claim.timeline.is_empty();
    if timed {
        out.push_str("Timeline:\n\n");
        for line in super::timeline_lines(report, claim) {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        out.push('\n');
        for line in super::stale_lines(report, claim) {
            let _ = writeln!(out, "- {}", escape(&line));
        }
        if !claim.stale.is_empty() {
            out.push('\n');
        }
        out.push_str(
            "| source | published | wording | value | sentence |\n|---|---|---|---|---|\n",
        );
    } else {
        out.push_str("| source | wording | value | sentence |\n|---|---|---|---|\n");
    }
    for o in &claim.observations {
        let published = match o.published.filter(|_| timed) {
            Some(at) => format!(" {at} |"),
            None if timed => " — |".to_string(),
            None => String::new(),
        };
        let mut wording = match &o.attributed_to {
            Some(p) => format!("{} (per {})", escape(&o.raw), escape(p)),
            None => escape(&o.raw),
        };
        if o.superseded {
            wording.push_str(" (earlier figure, superseded)");
        }
        let _ = writeln!(
            out,
            "| {} |{published} {} | {} | “{}” (line {}) |",
            source_link(report, &o.source),
            wording,
            value_of(o),
            escape(&o.sentence),
            o.line
        );
    }
    for note in &claim.notes {
        let _ = writeln!(out, "\n{}", escape(note));
    }
    out.push('\n');
}

fn value_of(o: &ObservationEntry) -> String {
    match (&o.value, &o.unresolved) {
        (Some(v), _) => escape(&v.display),
        (None, Some(why)) => format!("unresolved: {}", escape(why)),
        (None, None) => "—".to_string(),
    }
}

/// The outlet, linked to the article when it has a web address.
fn source_link(report: &Report, id: &str) -> String {
    let outlet = escape(report.outlet_of(id));
    let url = report
        .source(id)
        .and_then(|s| s.url.as_deref())
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    match url {
        Some(url) => format!("[{outlet}]({})", escape_url(url)),
        None => outlet,
    }
}

/// Escapes text for a Markdown table cell: `|` and line breaks would end the cell; emphasis,
/// code and link characters and raw HTML would change what is shown.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' => {}
            '\n' => out.push(' '),
            // Escape sequences from a file would act on the terminal the report is read in.
            c => out.push_str(&crate::terminal::printable(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Percent-encodes the characters that would end a Markdown link target or a table cell.
fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '|' => out.push_str("%7C"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_metacharacters_and_html_are_escaped() {
        assert_eq!(escape("a | b\nc"), "a \\| b c");
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("*bold* [link]"), "\\*bold\\* \\[link\\]");
    }

    #[test]
    fn urls_cannot_end_the_link_early() {
        assert_eq!(escape_url("https://x/a (b)|c"), "https://x/a%20%28b%29%7Cc");
    }
}
