//! Views of a [`Review`]: diagnostics with rustc-style snippets for people, versioned JSON,
//! SARIF 2.1.0 for code-review tools, and GitHub workflow annotations.

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Renderer, Snippet};
use serde_json::{json, Value as Json};

use super::{Departure, Level, Review, Statement, Why};
use crate::value::Value;

/// `DRAFT:line:col: severity: message`, the draft line with the value underlined, and who
/// says what among the sources; a summary line last.
pub fn text(review: &Review, draft_text: &str) -> String {
    let renderer = Renderer::plain()
        .decor_style(DecorStyle::Ascii)
        .term_width(usize::MAX / 4);
    let mut out = String::new();
    for d in &review.departures {
        out.push_str(&format!(
            "{}:{}:{}: {}: {}\n",
            review.draft,
            d.line,
            d.column,
            d.level.as_str(),
            d.message
        ));
        out.push_str(&renderer.render(&[snippet_group(d, draft_text)]));
        out.push_str("\n\n");
    }
    let count = |l: Level, word: &str| {
        let n = review.departures.iter().filter(|d| d.level == l).count();
        format!("{n} {word}{}", if n == 1 { "" } else { "s" })
    };
    let (e, w, n) = (
        count(Level::Error, "error"),
        count(Level::Warning, "warning"),
        count(Level::Note, "note"),
    );
    out.push_str(&format!("{}: {e}, {w}, {n}\n", review.draft));

    out
}

fn snippet_group<'a>(d: &'a Departure, text: &'a str) -> Group<'a> {
    let line_start = text
        .get(..d.span[0])
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = text
        .get(d.span[1]..)
        .and_then(|a| a.find('\n'))
        .map_or(text.len(), |i| d.span[1] + i);
    let line = text.get(line_start..line_end).unwrap_or_default();
    let span = d.span[0] - line_start..d.span[1] - line_start;
    let label = d
        .value
        .as_ref()
        .map_or_else(|| "unresolved".to_string(), |v| v.display.clone());
    let level = match d.level {
        Level::Error => SnippetLevel::ERROR,
        Level::Warning => SnippetLevel::WARNING,
        Level::Note => SnippetLevel::NOTE,
    };
    let mut facts: Vec<annotate_snippets::Message<'a>> = d
        .sources
        .iter()
        .map(|s| {
            let same = s.raw.to_lowercase() == s.display.to_lowercase();
            let value = if same {
                String::new()
            } else {
                format!(" = {}", s.display)
            };
            let at = format!("{}:{}:{}", s.path, s.line, s.column);
            SnippetLevel::NOTE.message(format!("{} says “{}”{value} ({at})", s.outlet, s.raw))
        })
        .collect();
    if let Some(r) = &d.reference {
        facts.push(SnippetLevel::NOTE.message(format!("reference: {r}")));
    }
    Group::with_level(level)
        .element(
            Snippet::source(line)
                .line_start(d.line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span).label(label)),
        )
        .elements(facts)
}

/// The review as pretty JSON (schema_version 1).
pub fn json(review: &Review) -> String {
    let mut out = serde_json::to_string_pretty(review).unwrap_or_default();
    out.push('\n');
    out
}

/// SARIF 2.1.0: one run, one result per departure, located in the draft, with related
/// locations pointing at the sources' statements.
pub fn sarif(review: &Review) -> String {
    let results: Vec<Json> = review
        .departures
        .iter()
        .map(|d| sarif_result(review, d))
        .collect();
    let mut rule_ids: Vec<&str> = review.departures.iter().map(|d| d.claim.as_str()).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<Json> = rule_ids
        .iter()
        .map(|id| {
            let label = review
                .departures
                .iter()
                .find(|d| d.claim == *id)
                .map_or("", |d| d.label.as_str());
            json!({ "id": id, "shortDescription": { "text": label } })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": env!("CARGO_PKG_NAME"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "results": results
        }]
    });
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_default();
    out.push('\n');
    out
}

fn sarif_result(review: &Review, d: &Departure) -> Json {
    let related: Vec<Json> = d
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({
                "id": i,
                "message": { "text": format!("{} says “{}” ({})", s.outlet, s.raw, s.display) },
                "physicalLocation": {
                    "artifactLocation": { "uri": s.path },
                    "region": { "startLine": s.line, "startColumn": s.column }
                }
            })
        })
        .collect();
    json!({
        "ruleId": d.claim,
        "level": d.level.as_str(),
        "message": { "text": d.message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": review.draft },
                "region": {
                    "startLine": d.line,
                    "startColumn": d.column,
                    "snippet": { "text": d.raw }
                }
            }
        }],
        "relatedLocations": related
    })
}

/// GitHub workflow commands: `::error file=…,line=…,col=…,title=…::message`.
pub(crate) fn github(review: &Review) -> String {
    review
        .departures
        .iter()
        .map(|d| {
            let sources: Vec<String> = d
                .sources
                .iter()
                .map(|s| format!("{} says {}", s.outlet, s.display))
                .collect();
            let message = if sources.is_empty() {
                d.message.clone()
            } else {
                format!("{}\n{}", d.message, sources.join("\n"))
            };
            format!(
                "::{} file={},line={},col={},title={}::{}\n",
                d.level.as_str(),
                escape_property(&review.draft),
                d.line,
                d.column,
                escape_property(&format!("claimdiff {}", d.claim)),
                escape_data(&message)
            )
        })
        .collect()
}

/// Escapes a workflow-command message (`%`, CR, LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A departure in one sentence: the claim's label, then what is wrong with the draft's `raw`
/// text (its value `value`, when it could be read) given what the sources state and the
/// curated reference.
pub fn message(
    label: &str,
    raw: &str,
    value: Option<&Value>,
    sources: &[Statement],
    reference: Option<&str>,
    why: &Why,
) -> String {
    let said = value.map(Value::describe).unwrap_or_default();
    let who = || {
        sources
            .iter()
            .map(|s| format!("{} says {}", s.outlet, s.display))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let what = match why {
        Why::Unreadable { kind, why } => format!("cannot read the draft's {kind} “{raw}”: {why}"),
        Why::AgainstReference => format!(
            "the draft says {said}, but the reference says {}",
            reference.unwrap_or_default()
        ),
        Why::OffCanonical { written, canonical } => {
            format!("the draft writes “{written}”, a variant of the canonical {canonical}")
        }
        Why::NotInSources => format!("the draft says {said}, but no source states this"),
        Why::FitsNoSource => format!(
            "the sources disagree ({}), and the draft's {said} fits none of them",
            who()
        ),
        Why::Attribute { backing } => {
            let whose = if backing.is_empty() {
                "matches none of them".to_string()
            } else {
                format!("matches {}", backing.join(", "))
            };
            format!(
                "the sources disagree ({}); the draft's {said} {whose}: attribute it",
                who()
            )
        }
        Why::AgainstSources { consensus } => {
            format!("the draft says {said}, but the sources say {consensus}")
        }
        Why::NotLatest { latest, since } => format!(
            "the draft says {said}, but the sources' latest figure as of the draft's date is {latest} (first stated {since})"
        ),
    };
    format!("{label}: {what}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_escape_their_separators() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
