//! The evidence view of one claim (`claimdiff explain`): per source, a rustc-style snippet of the
//! sentence with the value underlined, the normalised value and how it was resolved.
//!
//! Snippets are drawn by annotate-snippets (the renderer rustc's own diagnostics use): it needs
//! only a source string, a starting line and byte spans, which is exactly what an observation
//! carries; miette would want the evidence wrapped in its error/diagnostic traits.

use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::{interval_notation, Claim, ObservationEntry, Report, SourceId};
use crate::corpus::Article;
use crate::terminal::{printable, printable_lines};

/// Renders the evidence for `claim`. `articles` supply the text the sentences are quoted from;
/// `styled` adds terminal colours.
pub fn render(report: &Report, claim: &Claim, articles: &[Article], styled: bool) -> String {
    let mut out = printable_lines(&header(report, claim)).into_owned();
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Unicode)
    .term_width(usize::MAX / 4);
    for o in &claim.observations {
        let article = articles.iter().find(|a| a.id == o.source);
        let said = format!("{} says “{}”", report.outlet_of(&o.source), o.raw);
        let said = printable(&said).into_owned();
        let group = Group::with_title(Level::INFO.primary_title(said));
        let group = match article {
            Some(a) => match snippet(a, o) {
                (snippet, Some(origin)) => group.element(origin).element(snippet),
                (snippet, None) => group.element(snippet),
            },
            None => {
                group.element(Level::NOTE.message(format!("sentence: {}", printable(&o.sentence))))
            }
        };
        let report_groups = [group.elements(facts(o, !claim.timeline.is_empty()))];
        let _ = writeln!(out, "\n{}", renderer.render(&report_groups));
    }
    out
}

fn header(report: &Report, claim: &Claim) -> String {
    let mut out = format!("claim `{}`: {} ({}", claim.id, claim.label, claim.kind);
    if let Some(unit) = &claim.unit {
        let _ = write!(out, ", {unit}");
    }
    let _ = writeln!(out, ")\nverdict: {}", claim.verdict);
    if let Some(c) = &claim.consensus {
        let _ = writeln!(
            out,
            "consensus: {} ({})",
            c.value.display,
            names(report, &c.sources)
        );
    }
    if !claim.outliers.is_empty() {
        let _ = writeln!(out, "outliers: {}", names(report, &claim.outliers));
    }
    if !claim.internal_discrepancies.is_empty() {
        let _ = writeln!(
            out,
            "contradicts itself: {}",
            names(report, &claim.internal_discrepancies)
        );
    }
    if let Some(r) = &claim.reference {
        let _ = writeln!(out, "reference: {} ({})", r.value.display, r.source);
    }
    for note in &claim.notes {
        let _ = writeln!(out, "note: {note}");
    }
    if !claim.timeline.is_empty() {
        out.push_str("timeline:\n");
        for line in super::timeline_lines(report, claim) {
            let _ = writeln!(out, "  {line}");
        }
    }
    for line in super::latest_line(report, claim)
        .into_iter()
        .chain(super::stale_lines(report, claim))
    {
        let _ = writeln!(out, "{line}");
    }
    if claim.observations.is_empty() {
        out.push_str("no source states it\n");
    }
    out
}

fn names(report: &Report, ids: &[SourceId]) -> String {
    ids.iter()
        .map(|id| report.outlet_of(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sentence as it stands in the file, value underlined. Whatever precedes the sentence on its
/// first line is blanked out, so the snippet shows the sentence alone while the location
/// annotate-snippets computes (line:column of the value) stays the file's.
///
/// Far into a long line (more than [`LONGEST_LEAD`] characters), blanking would cost the
/// column for each observation: the stretch is then shown alone, and the location is given
/// as an origin of its own (`path:line:column` of the value), which comes back beside it.
fn snippet<'a>(
    article: &'a Article,
    o: &'a ObservationEntry,
) -> (
    Snippet<'a, annotate_snippets::Annotation<'a>>,
    Option<Origin<'a>>,
) {
    // A match may run past its sentence; the quoted stretch always holds the whole value. A
    // long sentence is quoted as a bounded excerpt around the value.
    let cut = crate::text::excerpt(
        &article.text,
        o.sentence_span[0]..o.sentence_span[1],
        o.span[0]..o.span[1],
        crate::text::EXCERPT_LIMIT,
    );
    let start = cut.range.start.min(o.span[0]);
    let end = cut.range.end.max(o.span[1]);
    let sentence = article.text.get(start..end).unwrap_or(&o.sentence);
    let (line, column) = article.locate(start);
    let long_lead = column - 1 > LONGEST_LEAD;
    let blank = if long_lead {
        String::new()
    } else {
        " ".repeat(column - 1)
    };
    let value = blank.len() + o.span[0] - start..blank.len() + o.span[1] - start;
    let label = o
        .value
        .as_ref()
        .map_or_else(|| "unresolved".to_string(), |v| v.display.clone());
    let path = printable(&article.path.to_string_lossy()).into_owned();
    let snippet = Snippet::source(format!("{blank}{sentence}"))
        .line_start(line)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(value).label(label));
    if long_lead {
        let origin = Origin::path(path).line(o.line).char_column(o.column);
        (snippet, Some(origin))
    } else {
        (snippet.path(path), None)
    }
}

/// The most characters blanked before a quoted stretch so that its columns are the file's.
const LONGEST_LEAD: usize = 400;

/// What is known of one statement; `timed` adds when it was stated (claims judged over time).
fn facts(o: &ObservationEntry, timed: bool) -> Vec<annotate_snippets::Message<'static>> {
    let mut facts = Vec::new();
    if o.superseded {
        facts.push(Level::NOTE.message(
            "superseded: the article gives it as an earlier figure, not as its statement",
        ));
    }
    if let Some(at) = o.published.filter(|_| timed) {
        facts.push(Level::NOTE.message(format!("stated: {at}")));
    }
    match (&o.value, &o.unresolved) {
        (Some(v), _) if v.kind.is_name() => {
            facts.push(Level::NOTE.message(format!("value: {}", v.display)))
        }
        (Some(v), _) => facts.push(Level::NOTE.message(format!(
            "value: {} — allows {}",
            v.display,
            interval_notation(v)
        ))),
        (None, Some(why)) => facts.push(Level::WARNING.message(format!("unresolved: {why}"))),
        (None, None) => {}
    }
    for step in &o.trace {
        facts.push(Level::NOTE.message(format!("resolved: {step}")));
    }
    if let Some(rel) = o.versus_reference {
        let rel = super::relation_str(rel);
        facts.push(Level::NOTE.message(format!("versus the reference: {rel}")));
    }
    if let Some(party) = &o.attributed_to {
        facts.push(Level::NOTE.message(format!("attributed to: {party}")));
    }
    facts.push(Level::NOTE.message(format!("pattern: {}", o.pattern)));
    facts
}
