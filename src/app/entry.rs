//! The library's entry point: load claims, read articles, check, render — what `claimdiff
//! check` does, for a program that embeds claimdiff (see the crate's example).

use std::path::PathBuf;

use super::check::{render_report, ReportView};
use super::{load_corpus, report_of_articles, Format};
use crate::corpus::Article;
use crate::diagnostic::Diagnostic;
use crate::report::Report;
use crate::rules::RuleSet;
use crate::terminal::{ColorChoice, Progress};

/// Reads the articles named by `inputs` (files, folders read recursively, globs; `-` for
/// standard input). Unreadable articles become warnings beside the others; a missing input or
/// a corpus with no readable article is an error.
pub fn read_articles(
    inputs: &[PathBuf],
) -> Result<(Vec<Article>, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_corpus(inputs)
}

/// Checks `articles` against `rules`: every claim judged, most serious first, with the
/// problems met reading the articles (`diagnostics`) kept in the report.
pub fn check_articles(
    rules: &RuleSet,
    articles: &[Article],
    diagnostics: Vec<Diagnostic>,
) -> anyhow::Result<Report> {
    report_of_articles(rules, articles, diagnostics, &Progress::hidden(), None)
}

/// The report in `format`, without colour; the HTML page quotes `articles` (the others do
/// not need them: pass `&[]`).
pub fn render(report: &Report, articles: &[Article], format: Format) -> String {
    let view = ReportView {
        format,
        color: ColorChoice::Never,
        to_file: true,
    };
    render_report(report, articles, view)
}
