//! The coverage report as text for a rule author and as the versioned JSON
//! (`coverage_version`, documented in docs/claims.md, "The coverage loop").

use std::fmt::Write as _;

use serde::Serialize;

use super::{ClaimCoverage, Coverage, Place, COVERAGE_VERSION};

/// Claim by claim: its id and label, the missed values with their sentences, the excluded
/// matches with the word that excluded them, and a closing count.
pub fn text(coverage: &Coverage) -> String {
    let mut out = String::new();
    for claim in &coverage.claims {
        claim_text(claim, &mut out);
        out.push('\n');
    }
    let skipped = coverage
        .claims
        .iter()
        .filter(|c| c.skipped.is_some())
        .count();
    let _ = write!(
        out,
        "{}: {} missed, {} excluded",
        plural(coverage.claims.len(), "claim"),
        coverage.missed(),
        coverage.excluded()
    );
    if skipped > 0 {
        let _ = write!(out, ", {skipped} skipped");
    }
    out.push('\n');
    out
}

fn claim_text(claim: &ClaimCoverage, out: &mut String) {
    let _ = writeln!(out, "{} — {}", claim.id, claim.label);
    match (&claim.skipped, claim.missed.len()) {
        (Some(why), _) => {
            let _ = writeln!(out, "  missed: not looked for: {why}");
        }
        (None, 0) => out.push_str("  missed: none\n"),
        (None, n) => {
            let _ = writeln!(
                out,
                "  missed: {} among the claim's words that no pattern matched",
                plural(n, &claim.kind.to_string())
            );
            for m in &claim.missed {
                let _ = writeln!(out, "    {} “{}”: {}", place(&m.place), m.value, m.sentence);
            }
        }
    }
    if claim.excluded.is_empty() {
        out.push_str("  excluded: none\n");
        return;
    }
    let _ = writeln!(
        out,
        "  excluded: {} that the claim's words turned away",
        plural(claim.excluded.len(), "match")
    );
    for x in &claim.excluded {
        let _ = writeln!(out, "    {} “{}”: {}", place(&x.place), x.value, x.reason);
    }
}

fn place(p: &Place) -> String {
    format!("{}:{}:{}", p.path.display(), p.line, p.column)
}

fn plural(n: usize, word: &str) -> String {
    let ending = match (n, word.ends_with("ch")) {
        (1, _) => "",
        (_, true) => "es",
        _ => "s",
    };
    format!("{n} {word}{ending}")
}

/// The JSON document: `{"coverage_version": 1, "claims": [...]}`, pretty-printed, with a
/// trailing newline.
pub fn json(coverage: &Coverage) -> String {
    let doc = JsonCoverage {
        coverage_version: COVERAGE_VERSION,
        claims: coverage
            .claims
            .iter()
            .map(|c| JsonClaim {
                id: &c.id,
                label: &c.label,
                skipped: c.skipped.map(|s| s.to_string()),
                missed: c
                    .missed
                    .iter()
                    .map(|m| JsonMissed {
                        path: m.place.path.display().to_string(),
                        line: m.place.line,
                        column: m.place.column,
                        value: &m.value,
                        sentence: &m.sentence,
                    })
                    .collect(),
                excluded: c
                    .excluded
                    .iter()
                    .map(|x| JsonExcluded {
                        path: x.place.path.display().to_string(),
                        line: x.place.line,
                        column: x.place.column,
                        value: &x.value,
                        reason: x.reason.to_string(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut out =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonCoverage<'a> {
    coverage_version: u32,
    claims: Vec<JsonClaim<'a>>,
}

#[derive(Serialize)]
struct JsonClaim<'a> {
    id: &'a str,
    label: &'a str,
    /// Why missed sentences were not looked for (`null`: they were).
    skipped: Option<String>,
    missed: Vec<JsonMissed<'a>>,
    excluded: Vec<JsonExcluded<'a>>,
}

#[derive(Serialize)]
struct JsonMissed<'a> {
    path: String,
    line: usize,
    column: usize,
    value: &'a str,
    sentence: &'a str,
}

#[derive(Serialize)]
struct JsonExcluded<'a> {
    path: String,
    line: usize,
    column: usize,
    value: &'a str,
    reason: String,
}
