//! Streams articles through extraction: each file is read, matched, normalised and dropped, so
//! memory holds the sources' metadata and the observations, never the corpus. Files are
//! scanned in parallel (rayon); results are merged in reading order, so the output does not
//! depend on the number of threads.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::corpus::{self, SourceMeta};
use crate::diagnostic::Diagnostic;
use crate::extract::extract;
use crate::observation::{observe, Observation};
use crate::rules::RuleSet;
use crate::terminal::Progress;

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
    let outcomes: Vec<FileOutcome> = files
        .par_iter()
        .map(|p| {
            let outcome = scan_file(rules, p);
            progress.step();
            outcome
        })
        .collect();
    progress.finish();
    let mut scanned = Scanned::default();
    for outcome in outcomes {
        scanned.append(outcome);
    }
    corpus::unique_ids(&mut scanned.sources);
    scanned
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
        let source = self.sources.len();
        self.sources.push(meta);
        self.observations
            .extend(observations.into_iter().map(|mut o| {
                o.source = source;
                o
            }));
    }
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
