//! The HTML view of a report: one self-contained page (inline CSS and SVG, no script, no
//! network) with the summary on top, a card per claim, the sources, and each article's text with
//! its matched claims highlighted.
//!
//! Markup is written with maud: its `html!` macro escapes every spliced value by default, so
//! article and claim text cannot become markup unless wrapped in `PreEscaped`, which this module
//! uses only for its own stylesheet. A Content-Security-Policy that allows no script at all
//! backs that up.

mod chart;
mod text;

pub use chart::{day_number, position};

use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::{interval_notation, Claim, ObservationEntry, Report, SourceId};
use crate::corpus::{Article, DatedBy};

const STYLE: &str = include_str!("style.css");

/// Styles of timelines (claims judged over time), added only to a page that has one.
const TIMELINE_STYLE: &str = "\
.verdict.revised { background: #1f7a8c; }
.card[data-verdict=\"revised\"] { border-left-color: #1f7a8c; }
.superseded { color: var(--muted); }
svg .step { fill: none; stroke: #1f7a8c; stroke-width: 2; }
svg .mark { fill: #1f7a8c; }
svg .mark.stale { fill: #c0392b; }
";
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Renders the page. `articles` supply the texts quoted and shown; the report decides the rest.
pub fn render(report: &Report, articles: &[Article]) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "claimdiff report" }
                style { (PreEscaped(STYLE)) }
                @if report.claims.iter().any(|c| !c.timeline.is_empty()) {
                    style { (PreEscaped(TIMELINE_STYLE)) }
                }
            }
            body {
                (summary(report))
                section #claims {
                    h2 { "Claims" }
                    @for claim in &report.claims { (card(report, claim, articles)) }
                }
                (sources(report))
                (article_texts(report, articles))
            }
        }
    };
    let mut out = page.into_string();
    out.push('\n');
    out
}

/// The anchor of a claim's card.
pub(crate) fn card_anchor(claim_id: &str) -> String {
    format!("claim-{claim_id}")
}

fn summary(report: &Report) -> Markup {
    let s = &report.summary;
    html! {
        header #summary {
            h1 { "claimdiff report" }
            @for e in &report.events {
                p.event {
                    strong { (e.name) }
                    @if let Some(d) = &e.date { " · " (d) }
                    @if let Some(p) = &e.place { " · " (p) }
                }
            }
            p.totals {
                (s.sources) " sources · " (s.claims) " claims · "
                strong { (s.discrepancies) @if s.discrepancies == 1 { " discrepancy" } @else { " discrepancies" } }
            }
            ul.verdicts {
                @for (n, v) in s.by_verdict() {
                    @if n > 0 { li { span class={ "verdict " (v.as_str()) } { (v.as_str()) } " " (n) } }
                }
            }
            ol.overview {
                @for c in &report.claims {
                    li {
                        span class={ "verdict " (c.verdict.as_str()) } { (c.verdict.as_str()) }
                        " " a href={ "#" (card_anchor(&c.id)) } { (c.label) }
                        @if let Some(v) = &c.consensus { " — " (v.value.display) }
                    }
                }
            }
        }
    }
}

fn card(report: &Report, claim: &Claim, articles: &[Article]) -> Markup {
    let anchor = card_anchor(&claim.id);
    html! {
        article.card id=(anchor) data-verdict=(claim.verdict.as_str()) {
            h3 {
                span class={ "verdict " (claim.verdict.as_str()) } { (claim.verdict.as_str()) }
                " " (claim.label)
            }
            p.meta {
                code { (claim.id) } " · " (claim.kind)
                @if let Some(u) = &claim.unit { " · " (u) }
            }
            (card_facts(report, claim))
            @if let Some(svg) = chart::chart(report, claim) { figure { (svg) } }
            @if let Some(svg) = chart::timeline_chart(report, claim) { figure { (svg) } }
            @if claim.observations.is_empty() { p.none { "No source states it." } }
            @else { (statements(report, claim, articles, &anchor)) }
        }
    }
}

fn card_facts(report: &Report, claim: &Claim) -> Markup {
    let names = |ids: &[SourceId]| {
        ids.iter()
            .map(|id| report.outlet_of(id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        @if let Some(c) = &claim.consensus {
            p { "Consensus: " strong { (c.value.display) } " (" (names(&c.sources)) ")" }
        }
        @if !claim.outliers.is_empty() { p { "Outliers: " (names(&claim.outliers)) } }
        @if !claim.internal_discrepancies.is_empty() {
            p { "Contradicts itself: " (names(&claim.internal_discrepancies)) }
        }
        @if let Some(r) = &claim.reference {
            p.reference {
                "Reference: " strong { (r.value.display) } " — "
                @match safe_url(r.url.as_deref()) {
                    Some(u) => a href=(u) { (r.source) },
                    None => (r.source),
                }
            }
        }
        @for n in &claim.notes { p.note { (n) } }
        @if claim.timeline.len() > 1 {
            p { "Timeline:" }
            ol.timeline {
                @for line in super::timeline_lines(report, claim) { li { (line) } }
            }
        }
        @if let Some(latest) = super::latest_line(report, claim) { p { (latest) } }
        @for line in super::stale_lines(report, claim) { p.stale { (line) } }
    }
}

fn statements(report: &Report, claim: &Claim, articles: &[Article], card: &str) -> Markup {
    html! {
        table.statements {
            thead { tr { th { "Source" } th { "Says" } th { "Value" } th { "Sentence" } } }
            tbody {
                @for (i, o) in claim.observations.iter().enumerate() {
                    (statement(report, o, articles, &text::evidence_anchor(card, i), !claim.timeline.is_empty()))
                }
            }
        }
    }
}

/// One statement's row; `timed` adds when it was stated (claims judged over time).
fn statement(
    report: &Report,
    o: &ObservationEntry,
    articles: &[Article],
    anchor: &str,
    timed: bool,
) -> Markup {
    let article = articles.iter().find(|a| a.id == o.source);
    html! {
        tr {
            td { (report.outlet_of(&o.source)) }
            td {
                "“" (o.raw) "”"
                @if let Some(party) = &o.attributed_to { br; small { "per " (party) } }
                @if o.superseded { br; small.superseded { "an earlier figure (superseded)" } }
                @if let Some(at) = o.published.filter(|_| timed) { br; small { "stated " (at) } }
            }
            td {
                @match (&o.value, &o.unresolved) {
                    (Some(v), _) => {
                        (v.display)
                        @if !v.kind.is_name() && (v.low != v.high || v.low.is_none()) { br; small { (interval_notation(v)) } }
                    },
                    (None, Some(why)) => { em { "unresolved: " (why) } },
                    (None, None) => "—",
                }
            }
            td {
                (text::sentence(article, o)) " "
                a.where href={ "#" (anchor) } { "line " (o.line) ":" (o.column) }
            }
        }
    }
}

fn sources(report: &Report) -> Markup {
    html! {
        section #sources {
            h2 { "Sources" }
            table.sources {
                thead { tr { th { "Outlet" } th { "Published" } th { "Article" } th { "File" } } }
                tbody {
                    @for s in &report.sources {
                        tr {
                            td { a href={ "#article-" (s.id) } { (s.outlet) } }
                            td {
                                (s.published.as_deref().unwrap_or("—"))
                                @match (s.dated_by, s.time) {
                                    (Some(DatedBy::Url), _) => { br; small { "from its URL" } },
                                    (Some(DatedBy::Flag), Some(t)) => { br; small { (t) " (--published)" } },
                                    (_, Some(t)) if !t.day_only => { br; small { (t) } },
                                    _ => {},
                                }
                            }
                            td {
                                @let title = s.title.as_deref().unwrap_or("(no title)");
                                @match safe_url(s.url.as_deref()) {
                                    Some(u) => { a href=(u) { (title) } br; small.url { (u) } },
                                    None => (title),
                                }
                            }
                            td { code { (s.path) } }
                        }
                    }
                }
            }
        }
    }
}

fn article_texts(report: &Report, articles: &[Article]) -> Markup {
    html! {
        section #articles {
            h2 { "Articles" }
            @for a in articles {
                article.source-text id={ "article-" (a.id) } {
                    h3 { (a.outlet) @if let Some(t) = &a.title { " — " (t) } }
                    (text::article_body(a, &text::highlights(report, a)))
                }
            }
        }
    }
}

/// Only web addresses become links: a `javascript:` or `data:` URL in front matter stays text.
fn safe_url(url: Option<&str>) -> Option<&str> {
    url.filter(|u| u.starts_with("https://") || u.starts_with("http://"))
}
