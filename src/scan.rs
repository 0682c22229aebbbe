//! Streams articles through extraction: each file is read, matched, normalised and dropped, so
//! memory holds the sources' metadata and the observations, never the corpus; a
//! [`Spilled`] scan parks the observations in a temporary file too. Files are scanned in
//! parallel (rayon), a chunk at a time; results are merged in reading order, so the output
//! does not depend on the number of threads.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::{self, SourceMeta};
use crate::diagnostic::Diagnostic;
use crate::extract::extract;
use crate::observation::{observe, Observation};
use crate::rules::RuleSet;
use crate::spill::{Spill, SpillWriter};
use crate::terminal::Progress;

/// Files scanned in parallel before their results are handed on: enough to keep the threads
/// busy, few enough that their observations take little memory.
pub const CHUNK: usize = 256;

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
    let done: Result<(), std::convert::Infallible> =
        scan_in_order(rules, files, progress, CHUNK, |outcome| {
            scanned.append(outcome);
            Ok(())
        });
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
    /// The articles read, in reading order; ids are unique.
    pub sources: Vec<SourceMeta>,
    /// Every observation; `source` indexes `sources`.
    pub observations: Spill,
    /// Problems with the articles, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

/// [`scan_with_progress`], writing the observations to a spill file as it goes; `chunk` files
/// are scanned at a time ([`CHUNK`] unless testing).
pub fn scan_spilled(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
) -> std::io::Result<Spilled> {
    let mut spill = SpillWriter::new(rules)?;
    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    scan_in_order(rules, files, progress, chunk, |outcome| {
        diagnostics.extend(outcome.diagnostics);
        if let Some((meta, observations)) = outcome.scanned {
            for o in renumbered(observations, sources.len()) {
                spill.push(rules, &o)?;
            }
            sources.push(meta);
        }
        Ok::<(), std::io::Error>(())
    })?;
    corpus::unique_ids(&mut sources);
    Ok(Spilled {
        sources,
        observations: spill.finish()?,
        diagnostics,
    })
}

/// Scans `files` `chunk` at a time, in parallel within a chunk, and hands each file's outcome
/// to `each` in reading order; stops at the first error `each` returns.
fn scan_in_order<E>(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
    mut each: impl FnMut(FileOutcome) -> Result<(), E>,
) -> Result<(), E> {
    for part in files.chunks(chunk.max(1)) {
        let outcomes: Vec<FileOutcome> = part
            .par_iter()
            .map(|p| {
                let outcome = scan_file(rules, p);
                progress.step();
                outcome
            })
            .collect();
        for outcome in outcomes {
            each(outcome)?;
        }
    }
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

fn scan_file(rules: &RuleSet, path: &Path) -> FileOutcome {
    match corpus::read_article(path) {
        Ok((article, diagnostics)) => {
            let matches = extract(rules, &article);
            let observations = observe(rules, &article, 0, matches);
            FileOutcome {
                scanned: Some((article.meta(), observations)),
                diagnostics,
            }
        }
        Err(d) => FileOutcome {
            scanned: None,
            diagnostics: vec![d],
        },
    }
}
