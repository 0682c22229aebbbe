//! The report: finished findings as data, versioned (`schema_version`) and serialisable. Every
//! output format is a view of this one model; no format decides anything on its own.

mod build;
pub mod explain;
pub mod html;
pub mod json;
pub mod markdown;
pub(crate) mod table;
pub mod value;

pub use crate::source::{Source, SourceId};
pub use build::{build, Accept, Built};

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

use crate::corpus::When;
use crate::diagnostic::Diagnostic;
use crate::diff::{Finding, Note, Verdict};
use crate::observation::Observation;
use crate::rules::spec::EventSpec;
use crate::rules::RuleSet;
use crate::value::name::alike_words;
use crate::value::{hedge::hedge_word, Alike, Kind, Qualifier, Relation, Scalar, Summary};

/// The version of the JSON contract; bumped on any incompatible change.
pub(crate) const SCHEMA_VERSION: u32 = 3;

/// The whole report. `C` holds the claims: a `Vec<Claim>` but while the JSON is streamed
/// (see [`Built::write_json`]), when they are read back as they are written.
#[derive(Clone, Debug, Serialize)]
pub struct Report<C = Vec<Claim>> {
    /// Version of this contract.
    pub schema_version: u32,
    /// The program that wrote it.
    pub tool: Tool,
    /// Events named by the claim files.
    pub events: Vec<EventSpec>,
    /// Counts at a glance.
    pub summary: Totals,
    /// The articles compared.
    pub sources: Vec<Source>,
    /// One entry per claim, most serious first.
    pub claims: C,
    /// Warnings and skipped inputs.
    pub diagnostics: Vec<Diagnostic>,
    /// Where each source id is in `sources`, built on the first lookup: the views name
    /// every observation's outlet, and a search per name is quadratic in the sources.
    #[serde(skip)]
    index: OnceLock<HashMap<SourceId, usize>>,
}

/// Name and version of the program.
#[derive(Clone, Debug, Serialize)]
pub struct Tool {
    /// `claimdiff`.
    pub name: String,
    /// Its version.
    pub version: String,
}

/// Counts of sources, claims and verdicts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    /// Articles read.
    pub sources: usize,
    /// Claims checked.
    pub claims: usize,
    /// Claims whose verdict is `differ` or `conflict`.
    pub discrepancies: usize,
    /// `conflict` verdicts.
    pub conflict: usize,
    /// `differ` verdicts.
    pub differ: usize,
    /// `revised` verdicts.
    pub revised: usize,
    /// `agree` verdicts.
    pub agree: usize,
    /// `single-source` verdicts.
    pub single_source: usize,
    /// `unresolved` verdicts.
    pub unresolved: usize,
    /// `not-found` verdicts.
    pub not_found: usize,
}

impl Totals {
    /// Each verdict with its count, most serious first.
    pub(crate) fn by_verdict(&self) -> [(usize, Verdict); 7] {
        [
            (self.conflict, Verdict::Conflict),
            (self.differ, Verdict::Differ),
            (self.revised, Verdict::Revised),
            (self.agree, Verdict::Agree),
            (self.single_source, Verdict::SingleSource),
            (self.unresolved, Verdict::Unresolved),
            (self.not_found, Verdict::NotFound),
        ]
    }
}

/// The finding on one claim. `O` holds the observations: a `Vec<ObservationEntry>` but while
/// the JSON is streamed.
#[derive(Clone, Debug, Serialize)]
pub struct Claim<O = Vec<ObservationEntry>> {
    /// Claim id.
    pub id: String,
    /// What the fact is.
    pub label: String,
    /// Value kind.
    pub kind: Kind,
    /// What is counted or measured.
    pub unit: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// The value a majority of sources state, if any.
    pub consensus: Option<Consensus>,
    /// Source ids stating something else.
    pub outliers: Vec<SourceId>,
    /// Source ids that contradict themselves.
    pub internal_discrepancies: Vec<SourceId>,
    /// The curated true value.
    pub reference: Option<ReferenceValue>,
    /// The review note of a baseline that accepts this outcome; `null` when not accepted.
    pub accepted: Option<String>,
    /// Remarks.
    pub notes: Vec<String>,
    /// `over_time` claims: each distinct figure, the oldest first; empty otherwise.
    pub timeline: Vec<TimelineStep>,
    /// `over_time` claims: sources that stated an older figure after a newer one was out.
    pub stale: Vec<StaleSource>,
    /// What each source states, with evidence.
    pub observations: O,
}

/// One figure of a claim's timeline.
#[derive(Clone, Debug, Serialize)]
pub struct TimelineStep {
    /// The figure.
    pub figure: Summary,
    /// When it was first stated.
    #[serde(serialize_with = "when_text")]
    pub first_stated: When,
    /// When it was last stated.
    #[serde(serialize_with = "when_text")]
    pub last_stated: When,
    /// The sources that state it.
    pub sources: Vec<SourceId>,
}

/// A source still stating an older figure.
#[derive(Clone, Debug, Serialize)]
pub struct StaleSource {
    /// The source id.
    pub source: SourceId,
    /// What it stated.
    pub stated: Summary,
    /// When it stated it.
    #[serde(serialize_with = "when_text")]
    pub published: When,
    /// The newer figure it missed.
    pub newer_figure: Summary,
    /// When the newer figure was first stated.
    #[serde(serialize_with = "when_text")]
    pub newer_since: When,
}

fn when_text<S: Serializer>(when: &When, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(when)
}

/// The majority value.
#[derive(Clone, Debug, Serialize)]
pub struct Consensus {
    /// The value.
    pub value: Summary,
    /// Source ids that state it.
    pub sources: Vec<SourceId>,
}

/// A curated true value.
#[derive(Clone, Debug, Serialize)]
pub struct ReferenceValue {
    /// As written in the claim file.
    pub text: String,
    /// Normalised.
    pub value: Summary,
    /// Who says so.
    pub source: String,
    /// Where to read it.
    pub url: Option<String>,
}

/// One source's statement.
#[derive(Clone, Debug, Serialize)]
pub struct ObservationEntry {
    /// Source id.
    pub source: SourceId,
    /// The text as written.
    pub raw: String,
    /// The normalised value; `null` when unresolved.
    pub value: Option<Summary>,
    /// Why the value could not be resolved; `null` when resolved.
    pub unresolved: Option<String>,
    /// How it was resolved.
    pub trace: Vec<String>,
    /// 1-based line in the source file.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// Byte range `[start, end)` of the value in the source file.
    pub span: [usize; 2],
    /// The sentence it came from, or for a sentence longer than 400 bytes an excerpt of it
    /// around the value, with `…` where the sentence goes on.
    pub sentence: String,
    /// Byte range `[start, end)` of that sentence in the source file. In the JSON only when
    /// `sentence` is an excerpt (so reports of short sentences are as they were); the evidence
    /// views (`explain`, HTML) use it to quote the article's own text.
    #[serde(skip_serializing_if = "whole_sentence")]
    pub sentence_span: [usize; 2],
    /// The pattern that matched.
    pub pattern: String,
    /// Who the sentence attributes the value to ("police", "health ministry"); `null` when
    /// it does not say.
    pub attributed_to: Option<String>,
    /// When the source stated it; `null` when the article has no time.
    #[serde(serialize_with = "crate::source::when_text")]
    pub published: Option<When>,
    /// The article marks the figure as an earlier one ("up from 19"): not its statement.
    pub superseded: bool,
    /// `same`, `differ` or `conflict` against the reference value; `null` without one.
    #[serde(serialize_with = "relation_name")]
    pub versus_reference: Option<Relation>,
}

/// A relation to the reference value by its name in reports.
pub(crate) fn relation_str(r: Relation) -> &'static str {
    match r {
        Relation::Same => "same",
        Relation::Differ => "differ",
        Relation::Conflict => "conflict",
    }
}

fn relation_name<S: Serializer>(r: &Option<Relation>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(r) => s.serialize_str(relation_str(*r)),
        None => s.serialize_none(),
    }
}

impl Report {
    /// Assembles the report from finished claims (in report order) and the sources, whose
    /// ids the claims share.
    pub(crate) fn from_claims(
        rules: &RuleSet,
        sources: Vec<Source>,
        claims: Vec<Claim>,
        diagnostics: Vec<Diagnostic>,
    ) -> Self {
        let mut summary = Totals {
            sources: sources.len(),
            claims: claims.len(),
            ..Totals::default()
        };
        for c in &claims {
            let slot = match c.verdict {
                Verdict::Conflict => &mut summary.conflict,
                Verdict::Differ => &mut summary.differ,
                Verdict::Agree => &mut summary.agree,
                Verdict::Revised => &mut summary.revised,
                Verdict::SingleSource => &mut summary.single_source,
                Verdict::Unresolved => &mut summary.unresolved,
                Verdict::NotFound => &mut summary.not_found,
            };
            *slot += 1;
        }
        summary.discrepancies = summary.conflict + summary.differ;
        Report {
            schema_version: SCHEMA_VERSION,
            tool: Tool {
                name: env!("CARGO_PKG_NAME").into(),
                version: env!("CARGO_PKG_VERSION").into(),
            },
            events: rules.events.clone(),
            summary,
            sources,
            claims,
            diagnostics,
            index: OnceLock::new(),
        }
    }

    /// The most serious verdict among the claims no baseline accepts.
    pub(crate) fn worst_verdict(&self) -> Option<Verdict> {
        self.claims
            .iter()
            .filter(|c| c.accepted.is_none())
            .map(|c| c.verdict)
            .max()
    }

    /// The outlet of a source id (the id itself if unknown).
    pub(crate) fn outlet_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.source(id).map_or(id, |s| s.outlet.as_str())
    }

    /// The source of an id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.sources.len());
            for (i, s) in self.sources.iter().enumerate() {
                // The first source of an id wins, as a search from the start would find.
                index.entry(s.id.clone()).or_insert(i);
            }
            index
        });
        index.get(id).and_then(|&i| self.sources.get(i))
    }
}

impl<C> Report<C> {
    /// The same report with its claims replaced by `f` of them.
    pub(crate) fn map_claims<D>(self, f: impl FnOnce(C) -> D) -> Report<D> {
        Report {
            schema_version: self.schema_version,
            tool: self.tool,
            events: self.events,
            summary: self.summary,
            sources: self.sources,
            claims: f(self.claims),
            diagnostics: self.diagnostics,
            index: self.index,
        }
    }
}

impl<O> Claim<O> {
    /// The same claim with `observations` in place of its own.
    pub(crate) fn with_observations<P>(self, observations: P) -> Claim<P> {
        Claim {
            id: self.id,
            label: self.label,
            kind: self.kind,
            unit: self.unit,
            verdict: self.verdict,
            consensus: self.consensus,
            outliers: self.outliers,
            internal_discrepancies: self.internal_discrepancies,
            reference: self.reference,
            accepted: self.accepted,
            notes: self.notes,
            timeline: self.timeline,
            stale: self.stale,
            observations,
        }
    }
}

/// The report entry of a finding, without its observations (the store keeps them);
/// `sources` are the run's, which the finding's indices name.
pub(crate) fn claim_entry(rules: &RuleSet, f: &Finding, sources: &[Source]) -> Claim {
    let source_id = |i: usize| sources.get(i).map_or_else(|| "".into(), |s| s.id.clone());
    let outlet = |i: usize| sources.get(i).map_or("", |s| s.outlet.as_str());
    let rule = &rules.rules[f.rule];
    let ids = |v: &[usize]| v.iter().map(|&i| source_id(i)).collect::<Vec<_>>();
    Claim {
        id: rule.id.clone(),
        label: rule.label.clone(),
        kind: rule.kind,
        unit: rule.unit.clone(),
        verdict: f.verdict,
        consensus: f.consensus.as_ref().map(|(v, s)| Consensus {
            value: v.summary(),
            sources: ids(s),
        }),
        outliers: ids(&f.outliers),
        internal_discrepancies: ids(&f.internal),
        reference: rule.reference.as_ref().map(|r| ReferenceValue {
            text: r.text.clone(),
            value: r.value.summary(),
            source: r.source.clone(),
            url: r.url.clone(),
        }),
        accepted: None,
        notes: f.notes.iter().map(|n| note_text(n, &outlet)).collect(),
        timeline: f
            .timeline
            .iter()
            .map(|s| TimelineStep {
                figure: s.figure.summary(),
                first_stated: s.first,
                last_stated: s.last,
                sources: ids(&s.sources),
            })
            .collect(),
        stale: f
            .stale
            .iter()
            .map(|s| StaleSource {
                source: source_id(s.source),
                stated: s.stated.summary(),
                published: s.published,
                newer_figure: s.newer.summary(),
                newer_since: s.newer_since,
            })
            .collect(),
        observations: Vec::new(),
    }
}

/// A note in words: "same figure, different qualifiers: about (A); more than (B, C)".
fn note_text<'a>(note: &Note, outlet: &impl Fn(usize) -> &'a str) -> String {
    match note {
        Note::DifferentQualifiers(stated) => {
            let mut seen: Vec<(&str, Vec<&str>)> = Vec::new();
            for &(q, source) in stated {
                let word = match q {
                    Qualifier::Exact => "no hedge",
                    q => hedge_word(q),
                };
                let name = outlet(source);
                match seen.iter_mut().find(|(w, _)| *w == word) {
                    Some((_, names)) if !names.contains(&name) => names.push(name),
                    Some(_) => {}
                    None => seen.push((word, vec![name])),
                }
            }
            let parts: Vec<String> = seen
                .iter()
                .map(|(w, names)| format!("{w} ({})", names.join(", ")))
                .collect();
            format!("same figure, different qualifiers: {}", parts.join("; "))
        }
        Note::DifferentParties(parties) => {
            let parts: Vec<String> = parties
                .iter()
                .map(|(party, sources)| {
                    let names: Vec<&str> = sources.iter().map(|&s| outlet(s)).collect();
                    format!("{party} ({})", names.join(", "))
                })
                .collect();
            format!(
                "figures attributed to different parties (each said its own, so at most differ): {}",
                parts.join("; ")
            )
        }
        Note::SameName(kind, forms) => {
            let mut seen: Vec<(&str, Option<Alike>, Vec<&str>)> = Vec::new();
            for (written, how, source) in forms {
                let name = outlet(*source);
                match seen.iter_mut().find(|(w, _, _)| *w == written.as_str()) {
                    Some((_, _, names)) if !names.contains(&name) => names.push(name),
                    Some(_) => {}
                    None => seen.push((written, *how, vec![name])),
                }
            }
            let parts: Vec<String> = seen
                .iter()
                .map(|(w, how, names)| match how {
                    Some(how) => format!("{w}, {} ({})", alike_words(*how), names.join(", ")),
                    None => format!("{w} ({})", names.join(", ")),
                })
                .collect();
            let what = if *kind == Kind::Place {
                "place"
            } else {
                "name"
            };
            format!("same {what}, written differently: {}", parts.join("; "))
        }
    }
}

/// The latest figure of a claim's timeline in words: "latest: 156, first stated
/// 2031-05-12T18:00:00+02:00 (Evening Post)"; `None` without a timeline of two figures.
/// Sources that disagree within one window have no latest figure between them: the line is
/// given for a revision, and beside stale sources.
pub(crate) fn latest_line(report: &Report, claim: &Claim) -> Option<String> {
    let revised = claim.verdict == Verdict::Revised || !claim.stale.is_empty();
    if claim.timeline.len() < 2 || !revised {
        return None;
    }
    let last = claim.timeline.last()?;
    Some(format!(
        "latest: {}, first stated {} ({})",
        last.figure.display,
        last.first_stated,
        outlets(report, &last.sources)
    ))
}

/// Each stale source in words: "stale: Late Gazette stated 149 at …, after 151 was first
/// stated at …".
pub(crate) fn stale_lines(report: &Report, claim: &Claim) -> Vec<String> {
    claim
        .stale
        .iter()
        .map(|s| {
            format!(
                "stale: {} stated {} at {}, after {} was first stated at {}",
                report.outlet_of(&s.source),
                s.stated.display,
                s.published,
                s.newer_figure.display,
                s.newer_since
            )
        })
        .collect()
}

/// The timeline in words, one line per figure: "149 — first 2031-05-10T08:00:00+02:00, last
/// … (Harbour Wire)".
pub(crate) fn timeline_lines(report: &Report, claim: &Claim) -> Vec<String> {
    claim
        .timeline
        .iter()
        .map(|s| {
            let when = if s.first_stated == s.last_stated {
                format!("{}", s.first_stated)
            } else {
                format!("{} to {}", s.first_stated, s.last_stated)
            };
            format!(
                "{}: {when} ({})",
                s.figure.display,
                outlets(report, &s.sources)
            )
        })
        .collect()
}

/// The outlets of source ids, joined with commas.
fn outlets(report: &Report, ids: &[SourceId]) -> String {
    let names: Vec<&str> = ids.iter().map(|id| report.outlet_of(id)).collect();
    names.join(", ")
}

/// [`observation_entry`], taking the observation's text instead of copying it (a streamed
/// report turns every observation read back into an entry).
pub(crate) fn into_observation_entry(
    o: Observation,
    rel: Option<Relation>,
    source_id: &impl Fn(usize) -> SourceId,
) -> ObservationEntry {
    let (value, unresolved) = match o.value {
        Ok(v) => (Some(v.summary()), None),
        Err(why) => (None, Some(why.detail)),
    };
    ObservationEntry {
        source: source_id(o.source),
        raw: o.raw,
        value,
        unresolved,
        trace: o.trace,
        line: o.line,
        column: o.column,
        span: [o.span.start, o.span.end],
        sentence: o.sentence,
        sentence_span: [o.sentence_span.start, o.sentence_span.end],
        pattern: o.pattern,
        attributed_to: o.attributed_to,
        published: o.published,
        superseded: o.superseded,
        versus_reference: rel,
    }
}

/// A value's bounds in interval notation: `(13000, ∞)`, `[14200, 14400]`, `[30, 30]`.
pub(crate) fn interval_notation(v: &Summary) -> String {
    let low = v.low.as_ref().map_or("−∞".to_string(), scalar_text);
    let high = v.high.as_ref().map_or("∞".to_string(), scalar_text);
    let open = if v.low_open || v.low.is_none() {
        '('
    } else {
        '['
    };
    let close = if v.high_open || v.high.is_none() {
        ')'
    } else {
        ']'
    };
    format!("{open}{low}, {high}{close}")
}

/// A bound as a reader writes it: `2,500`, `110,000` (float noise rounded away), dates as written.
pub(crate) fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Number(n) => {
            let rounded = (n * 1e6).round() / 1e6;
            crate::value::number::format_plain(rounded)
        }
        Scalar::Text(t) => t.clone(),
    }
}

/// A sentence short enough to be quoted whole: its span is not written in the JSON.
fn whole_sentence(span: &[usize; 2]) -> bool {
    span[1].saturating_sub(span[0]) <= crate::text::EXCERPT_LIMIT
}
