//! Filling a store: the observations of article files scanned a chunk at a time (each file
//! read, matched and dropped), or of articles already in memory, with the sources they come
//! from.

use std::io;
use std::path::PathBuf;

use super::{Encoded, Store, StoreWriter};
use crate::corpus::{Article, When};
use crate::diagnostic::Diagnostic;
use crate::extract::extract;
use crate::observation::observe;
use crate::rules::RuleSet;
use crate::scan::{self, FileOutcome};
use crate::source::{self, Source};
use crate::terminal::Progress;

/// The observations of a run and where they come from.
#[derive(Debug)]
pub struct Observed {
    /// The articles read, in reading order, as the report lists them; ids are unique.
    pub sources: Vec<Source>,
    /// Every observation; `source` indexes `sources`.
    pub store: Store,
    /// Problems with the articles, in reading order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Scans `files` (as listed by [`crate::corpus::article_files`]) `chunk` at a time
/// ([`scan::CHUNK`] unless testing) into a store in a temporary file. The observations are
/// encoded in the scanning threads and written in reading order.
pub fn scan_files(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
) -> io::Result<Observed> {
    scan_files_dated(rules, files, progress, chunk, None)
}

/// [`scan_files`], dating articles that have no time of their own `undated` (the
/// `--published` option) when given.
pub fn scan_files_dated(
    rules: &RuleSet,
    files: &[PathBuf],
    progress: &Progress,
    chunk: usize,
    undated: Option<When>,
) -> io::Result<Observed> {
    let mut store = StoreWriter::spilled(rules)?;
    // Room for every source at once: a list grown by doubling would hold up to twice that.
    let mut sources = Vec::with_capacity(files.len());
    let mut diagnostics = Vec::new();
    let encode = |outcome: FileOutcome, source: usize| {
        let scanned = outcome.scanned.map(|(meta, observations)| {
            let mut encoded = Encoded::default();
            let written = scan::renumbered(observations, source).try_for_each(|o| encoded.add(&o));
            // Made the report's source here, in parallel: the metadata is never held twice.
            (Source::from(meta), written.map(|()| encoded))
        });
        (scanned, outcome.diagnostics)
    };
    scan::scan_in_order(
        rules,
        files,
        progress,
        chunk,
        undated,
        encode,
        |(scanned, d)| {
            diagnostics.extend(d);
            if let Some((source, encoded)) = scanned {
                store.push_encoded(&encoded?)?;
                sources.push(source);
            }
            Ok::<(), io::Error>(())
        },
    )?;
    source::unique_ids(&mut sources);
    Ok(Observed {
        sources,
        store: store.finish()?,
        diagnostics,
    })
}

/// Matches articles already in memory (their ids unique) into a store in memory, stepping
/// `progress` once per article; `diagnostics` are the problems met reading them.
pub fn observe_articles(
    rules: &RuleSet,
    articles: &[Article],
    diagnostics: Vec<Diagnostic>,
    progress: &Progress,
) -> io::Result<Observed> {
    let mut store = StoreWriter::in_memory(rules);
    for (i, a) in articles.iter().enumerate() {
        for o in observe(rules, a, i, extract(rules, a)) {
            store.push(&o)?;
        }
        progress.step();
    }
    progress.finish();
    Ok(Observed {
        sources: articles.iter().map(|a| Source::from(a.meta())).collect(),
        store: store.finish()?,
        diagnostics,
    })
}
