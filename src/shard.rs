//! Observation files: the JSON Lines contract between `claimdiff extract` (the map step, one
//! process per shard of articles) and `claimdiff diff` (the reduce step). Documented in
//! `docs/performance.md`; [`FORMAT_VERSION`] is bumped on any incompatible change.
//!
//! One JSON object per line, told apart by `"type"`: a `header` first (format, version, the
//! claim ids in order), then each `source` followed by its `observation`s, then the
//! `diagnostic`s of the shard in reading order. Observations carry their value already
//! normalised, so the reduce step only compares.

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, SourceMeta};
use crate::diagnostic::Diagnostic;
use crate::observation::Observation;
use crate::rules::RuleSet;
use crate::scan::Scanned;
use crate::value::Value;

/// The name in every header line.
pub const FORMAT_NAME: &str = "claimdiff-observations";

/// The version of the line format.
pub const FORMAT_VERSION: u32 = 1;

/// One line of an observation file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Record {
    /// First line: what the file is and which claims produced it.
    Header(Header),
    /// An article that was read.
    Source(SourceRecord),
    /// One match, normalised.
    Observation(ObservationRecord),
    /// A problem with an article.
    Diagnostic(Diagnostic),
}

/// The first line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The line format's version.
    pub version: u32,
    /// The claimdiff version that wrote it.
    pub tool_version: String,
    /// The claim ids the extraction ran, in rule order.
    pub claims: Vec<String>,
}

/// An article's metadata; `source` numbers the sources of this file from 0.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceRecord {
    /// Index of the source in this file.
    pub source: usize,
    /// Short id (made unique again across files by the reduce step).
    pub id: String,
    /// The file read.
    pub path: String,
    /// Who published it.
    pub outlet: String,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

/// One observation; `source` refers to a source record of the same file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservationRecord {
    /// Index of the source in this file.
    pub source: usize,
    /// The claim id.
    pub claim: String,
    /// The captured text, white space collapsed.
    pub raw: String,
    /// The normalised value; `null` when unresolved.
    pub value: Option<Value>,
    /// Why the value could not be resolved.
    pub unresolved: Option<String>,
    /// How the value was resolved.
    pub trace: Vec<String>,
    /// Byte range of the value in the article file.
    pub span: [usize; 2],
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// The sentence, white space collapsed.
    pub sentence: String,
    /// Byte range of the sentence.
    pub sentence_span: [usize; 2],
    /// The pattern that matched, as written.
    pub pattern: String,
}

/// Writes a scan as an observation file.
pub fn write(rules: &RuleSet, scanned: &Scanned, out: &mut dyn Write) -> io::Result<()> {
    let header = Record::Header(Header {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        claims: rules.rules.iter().map(|r| r.id.clone()).collect(),
    });
    write_line(out, &header)?;
    let mut observations = scanned.observations.iter().peekable();
    for (i, meta) in scanned.sources.iter().enumerate() {
        write_line(out, &Record::Source(source_record(i, meta)))?;
        while let Some(o) = observations.next_if(|o| o.source == i) {
            write_line(out, &Record::Observation(observation_record(rules, o)))?;
        }
    }
    for d in &scanned.diagnostics {
        write_line(out, &Record::Diagnostic(d.clone()))?;
    }
    Ok(())
}

/// Reads one observation file; `name` is used in error messages.
pub fn read(rules: &RuleSet, name: &str, input: impl BufRead) -> Result<Scanned, String> {
    let mut scanned = Scanned::default();
    let mut header_seen = false;
    // Concatenated files (`cat`, `hdfs dfs -getmerge`) repeat the header; each header starts
    // a new numbering of sources.
    let mut base = 0;
    let claims: HashMap<&str, usize> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for (n, line) in input.lines().enumerate() {
        let at = |msg: String| format!("{name}:{}: {msg}", n + 1);
        let line = line.map_err(|e| at(format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record = serde_json::from_str(&line)
            .map_err(|e| at(format!("not an observation record: {e}")))?;
        match record {
            Record::Header(h) => {
                check_header(rules, &h).map_err(at)?;
                header_seen = true;
                base = scanned.sources.len();
            }
            _ if !header_seen => return Err(at("expected the header line first".into())),
            Record::Source(mut s) => {
                s.source += base;
                add_source(&mut scanned, s).map_err(at)?;
            }
            Record::Observation(mut o) => {
                o.source += base;
                add_observation(&claims, &mut scanned, o).map_err(at)?;
            }
            Record::Diagnostic(d) => scanned.diagnostics.push(d),
        }
    }
    if !header_seen {
        return Err(format!(
            "{name}: empty: expected a `{FORMAT_NAME}` header line"
        ));
    }
    Ok(scanned)
}

fn write_line(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    out.write_all(b"\n")
}

fn source_record(i: usize, meta: &SourceMeta) -> SourceRecord {
    SourceRecord {
        source: i,
        id: meta.id.clone(),
        path: meta.path.display().to_string(),
        outlet: meta.outlet.clone(),
        published: meta.published.map(|d| d.to_string()),
        url: meta.url.clone(),
        title: meta.title.clone(),
    }
}

/// The record of an observation.
pub fn observation_record(rules: &RuleSet, o: &Observation) -> ObservationRecord {
    ObservationRecord {
        source: o.source,
        claim: rules.rules[o.rule].id.clone(),
        raw: o.raw.clone(),
        value: o.value.as_ref().ok().cloned(),
        unresolved: o.value.as_ref().err().cloned(),
        trace: o.trace.clone(),
        span: [o.span.start, o.span.end],
        line: o.line,
        column: o.column,
        sentence: o.sentence.clone(),
        sentence_span: [o.sentence_span.start, o.sentence_span.end],
        pattern: o.pattern.clone(),
    }
}

fn check_header(rules: &RuleSet, h: &Header) -> Result<(), String> {
    if h.format != FORMAT_NAME || h.version != FORMAT_VERSION {
        return Err(format!(
            "format `{}` version {}: expected `{FORMAT_NAME}` version {FORMAT_VERSION}",
            h.format, h.version
        ));
    }
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    if h.claims.iter().map(String::as_str).ne(ids.iter().copied()) {
        return Err(
            "extracted with other claims: run `diff` with the claim files given to `extract`"
                .into(),
        );
    }
    Ok(())
}

fn add_source(scanned: &mut Scanned, s: SourceRecord) -> Result<(), String> {
    if s.source != scanned.sources.len() {
        return Err(format!(
            "source {} out of order: expected {}",
            s.source,
            scanned.sources.len()
        ));
    }
    let published = match s.published.as_deref() {
        Some(p) => Some(corpus::parse_published(p).ok_or_else(|| format!("invalid date `{p}`"))?),
        None => None,
    };
    scanned.sources.push(SourceMeta {
        id: s.id,
        path: PathBuf::from(s.path),
        outlet: s.outlet,
        published,
        url: s.url,
        title: s.title,
    });
    Ok(())
}

fn add_observation(
    claims: &HashMap<&str, usize>,
    scanned: &mut Scanned,
    o: ObservationRecord,
) -> Result<(), String> {
    if o.source >= scanned.sources.len() {
        return Err(format!(
            "observation of source {} before its source line",
            o.source
        ));
    }
    let Some(&rule) = claims.get(o.claim.as_str()) else {
        return Err(format!("unknown claim `{}`", o.claim));
    };
    scanned.observations.push(o.into_observation(rule)?);
    Ok(())
}

/// An observation record's value, or why it is unresolved; an error when it has neither.
pub fn stated_value(
    value: Option<Value>,
    unresolved: Option<String>,
) -> Result<Result<Value, String>, String> {
    match (value, unresolved) {
        (Some(v), _) => Ok(Ok(v)),
        (None, Some(why)) => Ok(Err(why)),
        (None, None) => Err("an observation needs `value` or `unresolved`".into()),
    }
}

impl ObservationRecord {
    /// The observation this record holds, as one of rule `rule`'s.
    pub fn into_observation(self, rule: usize) -> Result<Observation, String> {
        let value = stated_value(self.value, self.unresolved)?;
        Ok(Observation {
            rule,
            source: self.source,
            raw: self.raw,
            value,
            trace: self.trace,
            span: self.span[0]..self.span[1],
            line: self.line,
            column: self.column,
            sentence: self.sentence,
            sentence_span: self.sentence_span[0]..self.sentence_span[1],
            pattern: self.pattern,
        })
    }
}
