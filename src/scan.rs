//! Streams articles through extraction: each file is read, matched, normalised and dropped, so
//! memory holds the sources' metadata and the observations, never the corpus; a
//! [`Spilled`] scan parks the observations in a temporary file too. Files are scanned in
//! parallel (rayon), a chunk at a time (matched together, a pattern at a time); results are
//! merged in reading order, so the output does not depend on the number of threads.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, Article, SourceMeta};
use crate::diagnostic::Diagnostic;
use crate::extract::extract_all;
use crate::observation::{observe, Observation};
use crate::report::{self, Source};
use crate::rules::RuleSet;
use crate::spill::{Encoded, Spill, SpillWriter};
use crate::terminal::Progress;

/// Files scanned together before their results are handed on: enough to keep the threads
/// busy and to run each pattern over many articles at once (see [`extract_all`]), few
/// enough that their texts and observations take little memory.
pub const CHUNK: usize = 128;

/// What a scan of many articles leaves behind.
#[derive(Clone, Debug, Default)]
pub struct Scanned {
    /// The articles read, in reading order; ids are unique.
    pub sources: Vec<SourceMeta>,
    /// Every observation; `source` indexes `sources`.
    pub observations: Vec<Observation>,
    /// Problems with the articles, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Scans `files` (as listed by [`corpus::article_files`]) with `rules`.
pub fn scan(rules: &RuleSet, files: &[PathBuf]) -> Scanned {
    scan_with_progress(rules, files, &Progress::hidden())
}

/// [`scan`], stepping `progress` once per file (from whichever thread read it).
pub fn scan_with_progress(rules: &RuleSet, files: &[PathBuf], progress: &Progress) -> Scanned {
    let mut scanned = Scanned::default();
    let done: Result<(), std::convert::Infallible> = scan_in_order(
        rules,
        files,
        progress,
        CHUNK,
        |outcome, _| outcome,
        |outcome| {
            scanned.append(outcome);
            Ok(())
        },
    );
    match done {
        Ok(()) => {}
        Err(never) => match never {},
    }
    corpus::unique_ids(&mut scanned.sources);
    scanned
}

/// What a scan leaves behind when the observations are spilled to a temporary file.
#[derive(Debug)]
pub struct Spilled {
    /// The articles read, in reading order, as the report lists them; ids are unique.
    pub sources: Vec<Source>,
    /// Every observation; `source` indexes `sources`.
    pub observations: Spill,
    /// Problems with the articles, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

/// [`scan_with_progress`], writing the observations to a spill file as it goes; `chunk` files
/// are scanned at a time ([`CHUNK`] unless testing). The observations are encoded in the
/// scanning threads and written in reading order.
pub fn scan_spilled(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
) -> std::io::Result<Spilled> {
    let mut spill = SpillWriter::new(rules)?;
    // Room for every source at once: a list grown by doubling would hold up to twice that.
    let mut sources = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    let encode = |outcome: FileOutcome, source: usize| {
        let scanned = outcome.scanned.map(|(meta, observations)| {
            let mut encoded = Encoded::default();
            let written = renumbered(observations, source).try_for_each(|o| encoded.add(rules, &o));
            // Made the report's source here, in parallel: the metadata is never held twice.
            (Source::from(meta), written.map(|()| encoded))
        });
        (scanned, outcome.diagnostics)
    };
    scan_in_order(rules, files, progress, chunk, encode, |(scanned, d)| {
        diagnostics.extend(d);
        if let Some((source, encoded)) = scanned {
            spill.push_encoded(&encoded?)?;
            sources.push(source);
        }
        Ok::<(), std::io::Error>(())
    })?;
    report::unique_ids(&mut sources);
    Ok(Spilled {
        sources,
        observations: spill.finish()?,
        diagnostics,
    })
}

/// Scans `files` `chunk` at a time, in parallel within a chunk; `finish` turns each file's
/// outcome (and the index its source will have: the number of files read before it) into
/// what `each` takes, in the scanning threads; `each` gets them in reading order. Stops at
/// the first error `each` returns.
///
/// `each` runs on one chunk's results while the next chunk is scanned: the thread that runs
/// it joins the scan when it is done, so no core waits for the writing.
fn scan_in_order<T: Send, E: Send>(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
    finish: impl Fn(FileOutcome, usize) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E> + Send,
) -> Result<(), E> {
    let mut next_source = 0;
    let mut scanned: Vec<T> = Vec::new();
    for part in files.chunks(chunk.max(1)) {
        let before = std::mem::take(&mut scanned);
        let (handed, next) = rayon::join(
            || before.into_iter().try_for_each(&mut each),
            || scan_files(rules, part, progress, &mut next_source, &finish),
        );
        handed?;
        scanned = next;
    }
    scanned.into_iter().try_for_each(&mut each)?;
    progress.finish();
    Ok(())
}

impl Scanned {
    /// Adds another scan's results after these ones, renumbering its sources; ids are made
    /// unique again.
    pub fn extend(&mut self, other: Scanned) {
        let offset = self.sources.len();
        self.sources.extend(other.sources);
        self.observations
            .extend(other.observations.into_iter().map(|mut o| {
                o.source += offset;
                o
            }));
        self.diagnostics.extend(other.diagnostics);
        corpus::unique_ids(&mut self.sources);
    }

    fn append(&mut self, outcome: FileOutcome) {
        self.diagnostics.extend(outcome.diagnostics);
        let Some((meta, observations)) = outcome.scanned else {
            return;
        };
        self.observations
            .extend(renumbered(observations, self.sources.len()));
        self.sources.push(meta);
    }
}

/// One file's observations, as those of source `source`.
fn renumbered(observations: Vec<Observation>, source: usize) -> impl Iterator<Item = Observation> {
    observations.into_iter().map(move |mut o| {
        o.source = source;
        o
    })
}

/// The result of one file: its metadata and observations (unless it was skipped) and its
/// diagnostics.
struct FileOutcome {
    scanned: Option<(SourceMeta, Vec<Observation>)>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, matches and normalises `paths` in parallel and hands each outcome to `finish`
/// with its source index (counted on from `next_source`); the results are in the paths'
/// order. The articles are matched together, a pattern at a time ([`extract_all`]).
fn scan_files<T: Send>(
    rules: &RuleSet,
    paths: &[PathBuf],
    progress: &Progress,
    next_source: &mut usize,
    finish: &(impl Fn(FileOutcome, usize) -> T + Sync),
) -> Vec<T> {
    let read: Vec<_> = paths.par_iter().map(|p| corpus::read_article(p)).collect();
    let articles: Vec<&Article> = read
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .map(|(a, _)| a)
        .collect();
    let mut matches = extract_all(rules, &articles).into_iter();
    let read: Vec<_> = read
        .into_iter()
        .map(|r| {
            let source = *next_source;
            let r = r.map(|(article, diagnostics)| {
                *next_source += 1;
                (article, diagnostics, matches.next().unwrap_or_default())
            });
            (r, source)
        })
        .collect();
    read.into_par_iter()
        .map(|(r, source)| {
            let outcome = match r {
                Ok((article, diagnostics, matches)) => FileOutcome {
                    scanned: Some((article.meta(), observe(rules, &article, 0, matches))),
                    diagnostics,
                },
                Err(d) => FileOutcome {
                    scanned: None,
                    diagnostics: vec![d],
                },
            };
            progress.step();
            finish(outcome, source)
        })
        .collect()
}
