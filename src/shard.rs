//! Observation files: the JSON Lines contract between `claimdiff extract` (the map step, one
//! process per shard of articles) and `claimdiff diff` (the reduce step). Documented in
//! `docs/performance.md`; `FORMAT_VERSION` is bumped on any incompatible change.
//!
//! One JSON object per line, told apart by `"type"`: a `header` first (format, version, the
//! claim ids in order), then each `source` followed by its `observation`s, then the
//! `diagnostic`s of the shard in reading order. Observations carry their value already
//! normalised, so the reduce step only compares.

use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, DatedBy, SourceMeta};
use crate::diagnostic::{Code, Diagnostic};
use crate::observation::Observation;
use crate::rules::RuleSet;
use crate::scan::{self, FileOutcome};
use crate::source::{self, Source, SourceId, UniqueIds};
use crate::store::record::{span, stated_value, RecordError, ValueRecord};
use crate::store::{Observed, StoreWriter};
use crate::terminal::Progress;
use crate::value::{Reason, Unresolved};

/// The name in every header line.
pub(crate) const FORMAT_NAME: &str = "claimdiff-observations";

/// The version of the line format.
pub(crate) const FORMAT_VERSION: u32 = 4;

/// The oldest version this build reads (version 1 has no `reason` for unresolved values: they
/// read as `other`).
const OLDEST_READ: u32 = 1;

/// One line of an observation file.
// Records are made, written and read one at a time: boxing the observation would cost an
// allocation per line for no memory saved.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub(crate) enum Record {
    /// First line: what the file is and which claims produced it.
    Header(Header),
    /// An article that was read.
    Source(SourceRecord),
    /// One match, normalised.
    Observation(ObservationRecord),
    /// A problem with an article.
    Diagnostic(DiagnosticRecord),
}

/// A problem with an article, as observation files write it: the diagnostic with its code
/// (files written before codes existed read as `other`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct DiagnosticRecord {
    /// What kind of problem it is.
    #[serde(default)]
    pub code: Code,
    /// The diagnostic.
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

impl From<Diagnostic> for DiagnosticRecord {
    fn from(diagnostic: Diagnostic) -> Self {
        DiagnosticRecord {
            code: diagnostic.code,
            diagnostic,
        }
    }
}

impl From<DiagnosticRecord> for Diagnostic {
    fn from(record: DiagnosticRecord) -> Self {
        Diagnostic {
            code: record.code,
            ..record.diagnostic
        }
    }
}

/// The first line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Header {
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
pub(crate) struct SourceRecord {
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
    /// When its statements were made (a date or an RFC 3339 date-time; absent in files
    /// written by versions 1 to 3, and when unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Where the time came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dated_by: Option<DatedBy>,
    /// Where it was published.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

/// One observation; `source` refers to a source record of the same file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ObservationRecord {
    /// Index of the source in this file.
    pub source: usize,
    /// The claim id.
    pub claim: String,
    /// The captured text, white space collapsed.
    pub raw: String,
    /// The normalised value; `null` when unresolved.
    pub value: Option<ValueRecord>,
    /// Why the value could not be resolved, in words.
    pub unresolved: Option<String>,
    /// Why, as data (absent when resolved, and in files written by version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
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
    /// Who the sentence attributes the value to (absent when it does not say, and in files
    /// written by versions 1 and 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// When the source stated it (absent when unknown, and in files written by versions 1
    /// to 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article marks the figure as an earlier one (absent when not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
}

/// Scans `files` and writes their observations as an observation file, a file at a time, in
/// reading order; the articles' problems come last.
pub(crate) fn write_scan(
    rules: &RuleSet,
    files: &[PathBuf],
    out: &mut dyn Write,
) -> io::Result<()> {
    write_line(out, &header(rules))?;
    let mut diagnostics = Vec::new();
    let mut ids = UniqueIds::default();
    let mut base = 0;
    // The lines of a group of files are gathered while the scan runs, then written.
    for group in files.chunks(WRITTEN_TOGETHER) {
        let mut lines = Vec::new();
        let read = scan_group(rules, group, base, &mut ids, &mut lines, &mut diagnostics)?;
        out.write_all(&lines)?;
        base += read;
    }
    for d in diagnostics {
        write_line(out, &Record::Diagnostic(d.into()))?;
    }
    Ok(())
}

/// Files whose lines are gathered before they are written.
const WRITTEN_TOGETHER: usize = 8 * scan::CHUNK;

/// Scans `files`, whose first source is number `base`, appending their lines to `lines`;
/// gives how many sources were read.
fn scan_group(
    rules: &RuleSet,
    files: &[PathBuf],
    base: usize,
    ids: &mut UniqueIds,
    lines: &mut Vec<u8>,
    diagnostics: &mut Vec<Diagnostic>,
) -> io::Result<usize> {
    let mut read = 0;
    // The observations' lines are made in the scanning threads; the source line, whose id
    // must be unique among the sources before it, here.
    let encode = |outcome: FileOutcome, source: usize| {
        let scanned = outcome.scanned.map(|(meta, observations)| {
            let mut bytes = Vec::new();
            let written = scan::renumbered(observations, base + source).try_for_each(|o| {
                let record = Record::Observation(observation_record(rules, &o));
                write_line(&mut bytes, &record)
            });
            (meta, written.map(|()| bytes))
        });
        (scanned, outcome.diagnostics)
    };
    let progress = Progress::hidden();
    scan::scan_in_order(
        rules,
        files,
        &progress,
        scan::CHUNK,
        None,
        encode,
        |(scanned, d)| {
            diagnostics.extend(d);
            if let Some((mut meta, observations)) = scanned {
                meta.id = ids.unique(meta.id, &meta.path.display().to_string());
                write_line(lines, &Record::Source(source_record(base + read, &meta)))?;
                lines.extend_from_slice(&observations?);
                read += 1;
            }
            Ok::<(), io::Error>(())
        },
    )?;
    Ok(read)
}

fn header(rules: &RuleSet) -> Record {
    Record::Header(Header {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        tool_version: env!("CARGO_PKG_VERSION").into(),
        claims: rules.rules.iter().map(|r| r.id.clone()).collect(),
    })
}

/// Observation files being read into one store, file after file.
#[derive(Debug)]
pub struct Gathered {
    sources: Vec<Source>,
    store: StoreWriter,
    diagnostics: Vec<Diagnostic>,
}

/// What is wrong with an observation file.
#[derive(Debug, thiserror::Error)]
pub enum ShardError {
    /// A line could not be read.
    #[error("{name}:{line}: cannot read: {error}")]
    Read {
        /// The file.
        name: String,
        /// 1-based line.
        line: usize,
        /// Why.
        error: io::Error,
    },
    /// A line is not what it should be.
    #[error("{name}:{line}: {problem}")]
    Line {
        /// The file.
        name: String,
        /// 1-based line.
        line: usize,
        /// What is wrong with it.
        problem: LineProblem,
    },
    /// No header: not an observation file.
    #[error("{name}: empty: expected a `{FORMAT_NAME}` header line")]
    Empty {
        /// The file.
        name: String,
    },
    /// The store could not be written.
    #[error("cannot keep the observations: {0}")]
    Store(#[from] io::Error),
}

/// What is wrong with one line of an observation file.
#[derive(Debug, thiserror::Error)]
pub enum LineProblem {
    /// Not JSON of a record.
    #[error("not an observation record: {0}")]
    NotARecord(serde_json::Error),
    /// A header of another format or version.
    #[error(
        "format `{format}` version {version}: expected `{FORMAT_NAME}` version {OLDEST_READ} to {FORMAT_VERSION}"
    )]
    Format {
        /// The format named.
        format: String,
        /// Its version.
        version: u32,
    },
    /// A header naming other claims.
    #[error("extracted with other claims: run `diff` with the claim files given to `extract`")]
    OtherClaims,
    /// A record before the header.
    #[error("expected the header line first")]
    NoHeader,
    /// Sources numbered out of order.
    #[error("source {found} out of order: expected {expected}")]
    SourceOrder {
        /// The number found.
        found: usize,
        /// The number expected.
        expected: usize,
    },
    /// A publication date that is not one.
    #[error("invalid date `{0}`")]
    Date(String),
    /// An observation of a source not yet listed.
    #[error("observation of source {0} before its source line")]
    UnknownSource(usize),
    /// An observation of a claim the header does not name.
    #[error("unknown claim `{0}`")]
    UnknownClaim(String),
    /// An observation record that parsed but holds no value.
    #[error("{0}")]
    Record(#[from] RecordError),
}

impl Gathered {
    /// Nothing read yet; the observations will be kept in a temporary file.
    pub fn new(rules: &RuleSet) -> io::Result<Self> {
        Ok(Gathered {
            sources: Vec::new(),
            store: StoreWriter::spilled(rules)?,
            diagnostics: Vec::new(),
        })
    }

    /// How many sources have been read.
    pub fn sources(&self) -> usize {
        self.sources.len()
    }

    /// Everything read, ready to judge; source ids are made unique across the files.
    pub fn finish(self) -> io::Result<Observed> {
        let mut sources = self.sources;
        source::unique_ids(&mut sources);
        Ok(Observed {
            sources,
            store: self.store.finish()?,
            diagnostics: self.diagnostics,
        })
    }
}

/// Reads one observation file into `into`, after the files read before; `name` is used in
/// error messages. Observations go to the store as they are read, never all held at once.
pub fn read(
    rules: &RuleSet,
    name: &str,
    input: impl BufRead,
    into: &mut Gathered,
) -> Result<(), ShardError> {
    let mut header_seen = false;
    // Concatenated files (`cat`, `hdfs dfs -getmerge`) repeat the header; each header starts
    // a new numbering of sources. Messages number the sources as this file does.
    let start = into.sources.len();
    let mut base = start;
    let claims: HashMap<&str, usize> = rules
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    for (n, line) in input.lines().enumerate() {
        let at = |problem: LineProblem| ShardError::Line {
            name: name.into(),
            line: n + 1,
            problem,
        };
        let line = line.map_err(|error| ShardError::Read {
            name: name.into(),
            line: n + 1,
            error,
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Record =
            serde_json::from_str(&line).map_err(|e| at(LineProblem::NotARecord(e)))?;
        match record {
            Record::Header(h) => {
                check_header(rules, &h).map_err(at)?;
                header_seen = true;
                base = into.sources.len();
            }
            _ if !header_seen => return Err(at(LineProblem::NoHeader)),
            Record::Source(s) => add_source(into, start, base, s).map_err(at)?,
            Record::Observation(mut o) => {
                o.source += base - start;
                let o = observation(&claims, into.sources.len() - start, o)
                    .map(|mut o| {
                        o.source += start;
                        o
                    })
                    .map_err(at)?;
                into.store.push(&o)?;
            }
            Record::Diagnostic(d) => into.diagnostics.push(d.into()),
        }
    }
    if !header_seen {
        return Err(ShardError::Empty { name: name.into() });
    }
    Ok(())
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
        time: meta.time.map(|t| t.to_string()),
        dated_by: meta.dated_by,
        url: meta.url.clone(),
        title: meta.title.clone(),
    }
}

/// The record of an observation.
fn observation_record(rules: &RuleSet, o: &Observation) -> ObservationRecord {
    ObservationRecord {
        source: o.source,
        claim: rules.rules[o.rule].id.clone(),
        raw: o.raw.clone(),
        value: o.value.as_ref().ok().map(ValueRecord::from),
        unresolved: o.value.as_ref().err().map(|why| why.detail.clone()),
        reason: o.value.as_ref().err().map(|why| why.reason),
        trace: o.trace.clone(),
        span: [o.span.start, o.span.end],
        line: o.line,
        column: o.column,
        sentence: o.sentence.clone(),
        sentence_span: [o.sentence_span.start, o.sentence_span.end],
        pattern: o.pattern.clone(),
        attributed_to: o.attributed_to.clone(),
        published: o.published.map(|t| t.to_string()),
        superseded: o.superseded,
    }
}

fn check_header(rules: &RuleSet, h: &Header) -> Result<(), LineProblem> {
    if h.format != FORMAT_NAME || !(OLDEST_READ..=FORMAT_VERSION).contains(&h.version) {
        return Err(LineProblem::Format {
            format: h.format.clone(),
            version: h.version,
        });
    }
    let ids: Vec<&str> = rules.rules.iter().map(|r| r.id.as_str()).collect();
    if h.claims.iter().map(String::as_str).ne(ids.iter().copied()) {
        return Err(LineProblem::OtherClaims);
    }
    Ok(())
}

/// Adds a source of the file whose first source is `start`, numbered from `base`.
fn add_source(
    into: &mut Gathered,
    start: usize,
    base: usize,
    s: SourceRecord,
) -> Result<(), LineProblem> {
    let (found, expected) = (s.source + base - start, into.sources.len() - start);
    if found != expected {
        return Err(LineProblem::SourceOrder { found, expected });
    }
    let published = match s.published.as_deref() {
        Some(p) => Some(corpus::parse_published(p).ok_or_else(|| LineProblem::Date(p.into()))?),
        None => None,
    };
    let time = match s.time.as_deref() {
        Some(t) => Some(corpus::When::parse(t).ok_or_else(|| LineProblem::Date(t.into()))?),
        None => None,
    };
    into.sources.push(Source {
        id: SourceId::from(s.id.as_str()),
        outlet: s.outlet,
        published: published.map(|d| d.to_string()),
        time,
        dated_by: s.dated_by,
        url: s.url,
        title: s.title,
        path: s.path,
    });
    Ok(())
}

fn observation(
    claims: &HashMap<&str, usize>,
    sources: usize,
    o: ObservationRecord,
) -> Result<Observation, LineProblem> {
    if o.source >= sources {
        return Err(LineProblem::UnknownSource(o.source));
    }
    let Some(&rule) = claims.get(o.claim.as_str()) else {
        return Err(LineProblem::UnknownClaim(o.claim));
    };
    Ok(Observation {
        rule,
        source: o.source,
        raw: o.raw,
        value: stated_value(
            o.value,
            o.unresolved
                .map(|detail| Unresolved::new(o.reason.unwrap_or(Reason::Other), detail)),
        )?,
        trace: o.trace,
        span: span(o.span)?,
        line: o.line,
        column: o.column,
        sentence: o.sentence,
        sentence_span: span(o.sentence_span)?,
        pattern: o.pattern,
        attributed_to: o.attributed_to,
        published: match o.published.as_deref() {
            Some(t) => Some(corpus::When::parse(t).ok_or_else(|| LineProblem::Date(t.into()))?),
            None => None,
        },
        superseded: o.superseded,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn problems_with_articles_keep_their_code_through_an_observation_file() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("plain.txt");
        std::fs::write(
            &article,
            "No front matter here. More than 40 homes were lost.\n",
        )
        .unwrap();
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{quantity} homes']\n";
        let file = crate::rules::load::parse_claim_file(Path::new("c.yaml"), yaml).unwrap();
        let rules = crate::rules::compile(&[file]).unwrap();
        let mut written = Vec::new();
        write_scan(&rules, &[article], &mut written).unwrap();
        let text = String::from_utf8(written.clone()).unwrap();
        assert!(text.contains("\"code\":\"no-front-matter\""), "{text}");
        let mut gathered = Gathered::new(&rules).unwrap();
        read(&rules, "shard", written.as_slice(), &mut gathered).unwrap();
        let observed = gathered.finish().unwrap();
        assert_eq!(observed.diagnostics[0].code, Code::NoFrontMatter);
        assert_eq!(observed.store.count(0), 1);
    }

    #[test]
    fn versions_1_and_2_are_read_and_others_refused() {
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{quantity} homes']\n";
        let file = crate::rules::load::parse_claim_file(Path::new("c.yaml"), yaml).unwrap();
        let rules = crate::rules::compile(&[file]).unwrap();
        let header = |version: u32| Header {
            format: FORMAT_NAME.into(),
            version,
            tool_version: "0".into(),
            claims: vec!["homes".into()],
        };
        assert!(check_header(&rules, &header(1)).is_ok());
        assert!(check_header(&rules, &header(FORMAT_VERSION)).is_ok());
        for refused in [0, FORMAT_VERSION + 1] {
            let problem = check_header(&rules, &header(refused)).unwrap_err();
            assert!(matches!(problem, LineProblem::Format { version, .. } if version == refused));
        }
        // A version 1 observation (no `reason`) reads with the reason `other`.
        let line = r#"{"type":"observation","source":0,"claim":"homes","raw":"x","value":null,"unresolved":"why","trace":[],"span":[0,1],"line":1,"column":1,"sentence":"x","sentence_span":[0,1],"pattern":"p"}"#;
        let Record::Observation(o) = serde_json::from_str::<Record>(line).unwrap() else {
            panic!("an observation record");
        };
        let claims = HashMap::from([("homes", 0)]);
        let o = observation(&claims, 1, o).unwrap();
        assert_eq!(o.value.unwrap_err().reason, Reason::Other);
        let backward = line.replace("\"span\":[0,1]", "\"span\":[5,1]");
        let Record::Observation(o) = serde_json::from_str::<Record>(&backward).unwrap() else {
            panic!("an observation record");
        };
        assert!(matches!(
            observation(&claims, 1, o),
            Err(LineProblem::Record(RecordError::BackwardSpan(5, 1)))
        ));
    }

    #[test]
    fn a_diagnostic_written_before_codes_reads_as_other() {
        let line = r#"{"type":"diagnostic","severity":"warning","path":"a.txt","line":null,"column":null,"message":"no front matter"}"#;
        let Record::Diagnostic(d) = serde_json::from_str::<Record>(line).unwrap() else {
            panic!("a diagnostic record");
        };
        assert_eq!(Diagnostic::from(d).code, Code::Other);
    }
}
