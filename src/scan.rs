//! Streams articles through extraction: each file is read, matched, normalised and dropped, so
//! memory never holds the corpus; the caller takes each file's observations in reading order
//! (the store keeps them, the map step writes them out). Files are scanned in parallel
//! (rayon), a chunk at a time (matched together, a pattern at a time); results are handed on in
//! reading order, so the output does not depend on the number of threads.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::corpus::{self, Article, SourceMeta, When};
use crate::diagnostic::Diagnostic;
use crate::extract::extract_all;
use crate::observation::{observe, Observation};
use crate::rules::RuleSet;
use crate::terminal::Progress;

/// Files scanned together before their results are handed on: enough to keep the threads
/// busy and to run each pattern over many articles at once (see `extract_all`), few
/// enough that their texts and observations take little memory.
pub const CHUNK: usize = 128;

/// Scans `files` `chunk` at a time, in parallel within a chunk; `finish` turns each file's
/// outcome (and the index its source will have: the number of files read before it) into
/// what `each` takes, in the scanning threads; `each` gets them in reading order. Stops at
/// the first error `each` returns.
///
/// `each` runs on one chunk's results while the next chunk is scanned: the thread that runs
/// it joins the scan when it is done, so no core waits for the writing.
pub(crate) fn scan_in_order<T: Send, E: Send>(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
    undated: Option<When>,
    finish: impl Fn(FileOutcome, usize) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), E> + Send,
) -> Result<(), E> {
    let mut next_source = 0;
    let mut scanned: Vec<T> = Vec::new();
    for part in files.chunks(chunk.max(1)) {
        let before = std::mem::take(&mut scanned);
        let (handed, next) = rayon::join(
            || before.into_iter().try_for_each(&mut each),
            || scan_files(rules, part, progress, undated, &mut next_source, &finish),
        );
        handed?;
        scanned = next;
    }
    scanned.into_iter().try_for_each(&mut each)?;
    progress.finish();
    Ok(())
}

/// One file's observations, as those of source `source`.
pub(crate) fn renumbered(
    observations: Vec<Observation>,
    source: usize,
) -> impl Iterator<Item = Observation> {
    observations.into_iter().map(move |mut o| {
        o.source = source;
        o
    })
}

/// The result of one file: its metadata and observations (unless it was skipped) and its
/// diagnostics.
#[derive(Debug)]
pub(crate) struct FileOutcome {
    /// The article's metadata and observations (of source 0); `None` when it was skipped.
    pub scanned: Option<(SourceMeta, Vec<Observation>)>,
    /// Problems with the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, matches and normalises `paths` in parallel and hands each outcome to `finish`
/// with its source index (counted on from `next_source`); the results are in the paths'
/// order. The articles are matched together, a pattern at a time ([`extract_all`]).
fn scan_files<T: Send>(
    rules: &RuleSet,
    paths: &[PathBuf],
    progress: &Progress,
    undated: Option<When>,
    next_source: &mut usize,
    finish: &(impl Fn(FileOutcome, usize) -> T + Sync),
) -> Vec<T> {
    let read: Vec<_> = paths
        .par_iter()
        .map(|p| corpus::read_article_dated(p, undated))
        .collect();
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
