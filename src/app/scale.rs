//! `rules`, `extract` and `diff`: inspecting compiled rules, and the map and reduce steps for
//! corpora spread over many machines.

use std::io::{self, Write};
use std::path::PathBuf;

use anyhow::Context as _;

use super::check::{outcome_of, render_report, FailOn, Format, ReportView};
use super::{fail, inputs_label, load_rules, Outcome, READ_BACK};
use crate::corpus;
use crate::diagnostic::{Code, Diagnostic};
use crate::report;
use crate::rules;
use crate::shard::{self, Gathered};
use crate::terminal::ColorChoice;

/// Options of `claimdiff rules`.
#[derive(Clone, Debug)]
pub struct RulesOptions {
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Only the expanded regexes, one per line.
    pub expanded: bool,
}

/// Options of `claimdiff extract`.
#[derive(Clone, Debug)]
pub struct ExtractOptions {
    /// Article inputs.
    pub articles: Vec<PathBuf>,
    /// A file listing more article paths, one a line (`-`: standard input).
    pub files_from: Option<PathBuf>,
    /// Claim file inputs.
    pub claims: Vec<PathBuf>,
    /// Where to write the observations (standard output when `None`).
    pub output: Option<PathBuf>,
}

/// Options of `claimdiff diff`.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// Observation files, in the order of their articles.
    pub files: Vec<PathBuf>,
    /// Claim file inputs (the ones given to `extract`).
    pub claims: Vec<PathBuf>,
    /// Output format.
    pub format: Format,
    /// Exit-code threshold.
    pub fail_on: FailOn,
    /// Write the report to this file (atomically) instead of standard output.
    pub output: Option<PathBuf>,
    /// Hide warnings.
    pub quiet: bool,
    /// When to colour the table.
    pub color: ColorChoice,
}

/// `claimdiff rules`: the compiled rules, or only their expanded regexes.
pub fn show_rules(
    opts: &RulesOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    let text = if opts.expanded {
        rules::show::expanded(&rules)
    } else {
        rules::show::listing(&rules)
    };
    out.write_all(crate::terminal::printable_lines(&text).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// `claimdiff extract`: the map step. Scans articles and writes an observation file; the
/// articles' warnings travel in the file, for the report of the reduce step.
pub fn extract_observations(
    opts: &ExtractOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    let files = or_fail!(err, shard_files(opts));
    // Into a file, atomically: a run killed mid-write leaves the old file (or none), never a
    // truncated observation file that `diff` would read as complete.
    let scan = |writer: &mut dyn Write| {
        let mut buffered = io::BufWriter::new(writer);
        shard::write_scan(&rules, &files, &mut buffered)?;
        buffered.flush()
    };
    match &opts.output {
        Some(path) => crate::output::write_atomic_with(path, scan)?,
        None => scan(out)?,
    }
    Ok(Outcome::Clean)
}

/// `claimdiff diff`: the reduce step. Reads observation files into a store (a temporary
/// file, as `check` keeps its observations) and reports as `check` does.
pub fn diff_observations(
    opts: &DiffOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let rules = or_fail!(err, load_rules(&opts.claims));
    let mut gathered = Gathered::new(&rules).context("cannot keep the observations")?;
    for path in &opts.files {
        let read = match std::fs::File::open(path) {
            Ok(f) => {
                let name = path.display().to_string();
                shard::read(&rules, &name, io::BufReader::new(f), &mut gathered)
                    .map_err(|e| e.to_string())
            }
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        };
        if let Err(msg) = read {
            return fail(err, &[Diagnostic::error(Code::ObservationFile, path, msg)]);
        }
    }
    if gathered.sources() == 0 {
        let label = inputs_label(&opts.files);
        return fail(
            err,
            &[Diagnostic::error(
                Code::NoArticles,
                label,
                "no articles to compare: the observation files list no source",
            )],
        );
    }
    if opts.format == Format::Html {
        let d = Diagnostic::error(Code::UnsupportedFormat, inputs_label(&opts.files), "the HTML page shows the articles' text, which observation files do not carry: use `check --format html`");
        return fail(err, &[d]);
    }
    let observed = gathered.finish().context("cannot keep the observations")?;
    let report = report::build(&rules, observed, None)
        .and_then(|built| built.into_report())
        .context(READ_BACK)?;
    super::print_diagnostics(err, &report.diagnostics, opts.quiet)?;
    let view = ReportView {
        format: opts.format,
        color: opts.color,
        to_file: opts.output.is_some(),
    };
    super::emit(
        opts.output.as_deref(),
        &render_report(&report, &[], view),
        out,
    )?;
    Ok(outcome_of(&report, opts.fail_on))
}

/// The article files of one shard: the named inputs, then the `--files-from` list.
pub(crate) fn shard_files(opts: &ExtractOptions) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let (mut files, problems) = corpus::article_files(&opts.articles);
    if !problems.is_empty() {
        return Err(problems);
    }
    if let Some(list) = &opts.files_from {
        let text = if list.as_os_str() == "-" {
            io::read_to_string(io::stdin())
        } else {
            std::fs::read_to_string(list)
        }
        .map_err(|e| {
            vec![Diagnostic::error(
                Code::CannotRead,
                list,
                format!("cannot read the file list: {e}"),
            )]
        })?;
        files.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(PathBuf::from),
        );
    } else if opts.articles.is_empty() {
        return Err(vec![Diagnostic::error(
            Code::NoArticles,
            "-",
            "no articles: give ARTICLES or --files-from FILE",
        )]);
    }
    Ok(files)
}
