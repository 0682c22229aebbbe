//! The views of `claimdiff value`: one phrase, what it normalised to and the trace of how,
//! as text for a rule author or as JSON for value test suites.

use serde_json::{json, Map, Value as Json};

use crate::value::{Kind, Normalised, Scalar};

/// One normalised phrase and what it was read against.
#[derive(Clone, Debug)]
pub(crate) struct ValueReport<'a> {
    /// The phrase as given.
    pub phrase: &'a str,
    /// The kind it was read as.
    pub kind: Kind,
    /// The reference (publication) day, if given.
    pub reference_day: Option<String>,
    /// The outcome.
    pub normalised: &'a Normalised,
}

/// The fields of a value's summary, null when the phrase is unresolved.
const SUMMARY_FIELDS: &[&str] = &[
    "display",
    "stated",
    "qualifier",
    "low",
    "high",
    "low_open",
    "high_open",
    "approx",
    "granularity",
    "canonical",
    "similarity",
];

/// JSON: the value's summary fields (`kind`, `low`, `high`, `low_open`, `high_open`,
/// `approx`, `stated`, `granularity`, …) plus `phrase`, `reference_day`, `trace`, and
/// `unresolved` (the reason, or `null`); every field is present whether or not the phrase
/// resolved.
pub(crate) fn render_json(r: &ValueReport) -> String {
    let mut map = match &r.normalised.value {
        Ok(v) => match serde_json::to_value(v.summary()) {
            Ok(Json::Object(m)) => m,
            _ => Map::new(),
        },
        // Every field of a resolved value is present (null) so the shape never changes.
        Err(_) => SUMMARY_FIELDS
            .iter()
            .map(|k| (k.to_string(), Json::Null))
            .collect(),
    };
    map.insert("kind".into(), json!(r.kind));
    map.insert("phrase".into(), json!(r.phrase));
    map.insert("reference_day".into(), json!(r.reference_day));
    map.insert(
        "unresolved".into(),
        json!(r
            .normalised
            .value
            .as_ref()
            .err()
            .map(|why| why.detail.as_str())),
    );
    map.insert("trace".into(), json!(r.normalised.trace));
    let mut out = serde_json::to_string_pretty(&Json::Object(map))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Text: one field a line, then the trace.
pub(crate) fn render_text(r: &ValueReport) -> String {
    let mut lines = vec![
        format!("phrase:      {}", r.phrase),
        format!("kind:        {}", r.kind),
        format!(
            "reference:   {}",
            r.reference_day.as_deref().unwrap_or("none (no --ref)")
        ),
    ];
    match &r.normalised.value {
        Ok(v) => {
            let s = v.summary();
            lines.push(format!("value:       {}", s.display));
            let stated: Vec<String> = s.stated.iter().map(scalar).collect();
            let unit = if r.kind == Kind::Duration {
                " (seconds)"
            } else {
                ""
            };
            lines.push(format!("stated:      {}{unit}", stated.join(" to ")));
            if let Some(g) = s.granularity {
                lines.push(format!("granularity: {}", g.as_str()));
            }
            if !r.kind.is_name() {
                lines.push(format!("low:         {}", bound(&s.low, s.low_open)));
                lines.push(format!("high:        {}", bound(&s.high, s.high_open)));
                lines.push(format!(
                    "approx:      {}",
                    if s.approx { "yes" } else { "no" }
                ));
            }
            if let Some(c) = &s.canonical {
                lines.push(format!("canonical:   {c}"));
            }
            if let Some(sim) = s.similarity {
                lines.push(format!("similarity:  {sim:.2}"));
            }
        }
        Err(why) => lines.push(format!("unresolved:  {why}")),
    }
    lines.push("trace:".into());
    lines.extend(r.normalised.trace.iter().map(|t| format!("  - {t}")));
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn scalar(s: &Scalar) -> String {
    match s {
        Scalar::Number(x) => crate::value::number::format_plain(*x),
        Scalar::Text(t) => t.clone(),
    }
}

fn bound(b: &Option<Scalar>, open: bool) -> String {
    match b {
        None => "unbounded".into(),
        Some(s) if open => format!("{} (excluded)", scalar(s)),
        Some(s) => format!("{} (included)", scalar(s)),
    }
}
