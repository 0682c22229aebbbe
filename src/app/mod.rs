//! The only place the pipeline stages are wired together: one function per subcommand, in
//! the submodules by audience (`check` for fact-checkers, `review` for editors, `maintain`
//! for claim-file maintainers, `scale` for large corpora), and the helpers they share here.

/// Unwraps an `Ok`, or prints the diagnostics of an `Err` and ends the calling command with
/// exit code 2 (the preamble every command shares: load the rules, the articles, …).
macro_rules! or_fail {
    ($err:expr, $result:expr) => {
        match $result {
            Ok(value) => value,
            Err(diags) => return $crate::app::fail($err, &diags),
        }
    };
}

mod check;
mod entry;
mod maintain;
mod review;
mod scale;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use check::{check, explain, CheckOptions, ExplainOptions, FailOn, Format};
pub use entry::{check_articles, read_articles, render};
pub use maintain::{
    coverage, lint, suggest, test, value, CoverageFormat, CoverageOptions, SuggestOptions,
    TestFormat, TestOptions, ValueFormat, ValueQuery,
};
pub use review::{review, ReviewFormat, ReviewOptions};
pub use scale::{
    diff_observations, extract_observations, show_rules, DiffOptions, ExtractOptions, RulesOptions,
};

use anyhow::Context as _;

use crate::corpus::{self, Article, When};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::paths;
use crate::report::{self, Accept, Report};
use crate::rules::{self, LoadedFile, RuleSet};
use crate::ruletest::golden;
use crate::scan;
use crate::store::{self, Observed};
use crate::terminal::Progress;

/// How a run ended; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the `--fail-on` level (exit 0).
    Clean,
    /// Discrepancies at or above the `--fail-on` level (exit 1).
    Findings,
    /// Usage, claim-file or input error (exit 2).
    Error,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::Error => 2,
        })
    }
}

/// File extensions read when a folder of claim files is given.
pub(crate) const CLAIM_EXTENSIONS: &[&str] = &["yaml", "yml"];

/// What to run: one subcommand with its plain options. The command line parser
/// builds it; nothing here knows how the options were given.
#[derive(Clone, Debug)]
pub enum Command {
    /// `check`: compare what the articles state and report the discrepancies.
    Check(CheckOptions),
    /// `explain`: the evidence for one claim.
    Explain(ExplainOptions),
    /// `test`: the claim files' rule tests and golden reports.
    Test(TestOptions),
    /// `review`: where a draft departs from the sources.
    Review(ReviewOptions),
    /// `lint`: check these claim files without a corpus.
    Lint(Vec<PathBuf>),
    /// `schema`: the JSON Schema of claim files.
    Schema,
    /// `value`: how a phrase normalises.
    Value(ValueQuery),
    /// `rules`: the compiled rules.
    Rules(RulesOptions),
    /// `coverage`: what the rules missed.
    Coverage(CoverageOptions),
    /// `suggest`: a draft claim file from the articles.
    Suggest(SuggestOptions),
    /// `extract`: the map step.
    Extract(ExtractOptions),
    /// `diff`: the reduce step.
    Diff(DiffOptions),
}

/// Runs one command on the process's standard output and error.
pub fn run(command: Command) -> anyhow::Result<Outcome> {
    let stdout = io::stdout();
    // Standard error is locked per write, never for the whole command: the progress bar
    // draws from the scanning threads, which would wait forever on a lock held here.
    let mut stderr = io::stderr();
    let out = &mut stdout.lock();
    let err = &mut stderr;
    match command {
        Command::Check(opts) => check(&opts, out, err),
        Command::Explain(opts) => explain(&opts, out, err),
        Command::Test(opts) => test(&opts, out, err),
        Command::Review(opts) => review(&opts, out, err),
        Command::Lint(paths) => lint(&paths, out, err),
        Command::Schema => {
            out.write_all(rules::schema::claim_file_schema().as_bytes())?;
            Ok(Outcome::Clean)
        }
        Command::Value(query) => value(&query, out),
        Command::Rules(opts) => show_rules(&opts, out, err),
        Command::Coverage(opts) => coverage(&opts, out, err),
        Command::Suggest(opts) => suggest(&opts, out, err),
        Command::Extract(opts) => extract_observations(&opts, out, err),
        Command::Diff(opts) => diff_observations(&opts, out, err),
    }
}

/// The message of an error that ended a run, safe to print on a terminal: it may name files
/// whose names hold control characters.
pub fn error_message(err: &anyhow::Error) -> String {
    crate::terminal::printable_lines(&format!("{err:#}")).into_owned()
}

/// True when `err` comes from writing to a closed pipe (`claimdiff check | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Finds, reads and compiles claim files; every problem comes back at once.
pub fn load_rules(inputs: &[PathBuf]) -> Result<RuleSet, Vec<Diagnostic>> {
    let loaded = load_claim_files(inputs)?;
    rules::compile(&loaded)
}

/// The claim files named by `inputs` (files, folders, globs); golden reports are not claim
/// files and are skipped.
pub fn claim_file_paths(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let (mut files, problems) = paths::expand(inputs, CLAIM_EXTENSIONS);
    files.retain(|f| !golden::is_golden(f));
    (files, problems)
}

/// Finds and reads claim files (golden reports are skipped); every problem comes back at once,
/// in file order, then line order: those of reading, and those of compiling the claims that
/// did read.
pub fn load_claim_files(inputs: &[PathBuf]) -> Result<Vec<LoadedFile>, Vec<Diagnostic>> {
    let (files, mut problems) = claim_file_paths(inputs);
    if files.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::error(
            Code::NoClaimFiles,
            inputs_label(inputs),
            "no claim files found: expected .yaml or .yml files",
        ));
    }
    let (loaded, mut load_problems) = rules::load::load_claim_files_partly(&files);
    problems.append(&mut load_problems);
    if problems.is_empty() {
        return Ok(loaded);
    }
    // The claims that did read are compiled too, so that their errors come in the same run.
    if let Err(mut more) = rules::compile(&loaded) {
        problems.append(&mut more);
    }
    let file_order = |d: &Diagnostic| files.iter().position(|f| *f == d.path);
    problems.sort_by_key(|d| (file_order(d), d.line, d.column));
    Err(problems)
}

/// Reads the articles; an unusable corpus (missing input, nothing readable) is an error.
pub(crate) fn load_corpus(
    inputs: &[PathBuf],
) -> Result<(Vec<Article>, Vec<Diagnostic>), Vec<Diagnostic>> {
    load_corpus_dated(inputs, None)
}

/// [`load_corpus`], dating articles without a time of their own `undated` when given.
pub(crate) fn load_corpus_dated(
    inputs: &[PathBuf],
    undated: Option<When>,
) -> Result<(Vec<Article>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (articles, mut diagnostics) = corpus::load_articles_dated(inputs, undated);
    if diagnostics
        .iter()
        .any(|d| d.is_error() && d.code == Code::NoSuchFile)
    {
        return Err(diagnostics);
    }
    if articles.is_empty() {
        diagnostics.push(Diagnostic::error(
            Code::NoArticles,
            inputs_label(inputs),
            "no articles to compare: expected .txt or .md files",
        ));
        return Err(diagnostics);
    }
    Ok((articles, diagnostics))
}

/// Lists the articles and scans them a chunk of files at a time, in parallel, keeping the
/// observations in a temporary file; a missing input or an empty corpus stops the run.
pub(crate) fn scan_articles(
    rules: &RuleSet,
    inputs: &[PathBuf],
    quiet: bool,
    undated: Option<When>,
) -> Result<Observed, Vec<Diagnostic>> {
    let (files, problems) = corpus::article_files(inputs);
    if problems
        .iter()
        .any(|d| d.is_error() && d.code == Code::NoSuchFile)
    {
        return Err(problems);
    }
    let progress = Progress::new(files.len(), quiet);
    let mut scanned = match store::scan_files_dated(rules, &files, &progress, scan::CHUNK, undated)
    {
        Ok(scanned) => scanned,
        Err(e) => return Err(vec![cannot_keep(e)]),
    };
    let mut diagnostics = problems;
    diagnostics.append(&mut scanned.diagnostics);
    scanned.diagnostics = diagnostics;
    if scanned.sources.is_empty() {
        scanned.diagnostics.push(Diagnostic::error(
            Code::NoArticles,
            inputs_label(inputs),
            "no articles to compare: expected .txt or .md files",
        ));
        return Err(scanned.diagnostics);
    }
    Ok(scanned)
}

/// The error when the store's temporary file cannot be written.
fn cannot_keep(e: io::Error) -> Diagnostic {
    let message = format!("cannot keep the observations in a temporary file: {e}");
    Diagnostic::error(Code::TemporaryFile, std::env::temp_dir(), message)
}

/// What reading the store back can fail with.
const READ_BACK: &str = "cannot read the observations back from the store";

/// The whole report on articles held in memory (every view but the streamed JSON), through
/// the one store, judge and report builder; `accept` gives a baseline's note that accepts a
/// claim. Steps `progress` once per article.
pub(crate) fn report_of_articles(
    rules: &RuleSet,
    articles: &[Article],
    diagnostics: Vec<Diagnostic>,
    progress: &Progress,
    accept: Option<&Accept>,
) -> anyhow::Result<Report> {
    let observed = store::observe_articles(rules, articles, diagnostics, progress)
        .context("cannot keep the observations in memory")?;
    let built = report::build(rules, observed, accept).context(READ_BACK)?;
    built.into_report().context(READ_BACK)
}

/// The `--published` option's time; an error names what it expects.
pub(crate) fn undated_time(written: Option<&str>) -> Result<Option<When>, Vec<Diagnostic>> {
    let Some(text) = written else {
        return Ok(None);
    };
    When::parse(text).map(Some).ok_or_else(|| {
        vec![Diagnostic::error(
            Code::InvalidDate,
            "--published",
            format!("invalid `--published` date `{text}`: expected a date (2022-01-12) or an RFC 3339 date-time (2022-01-12T16:53:00-05:00)"),
        )]
    })
}

/// Writes a rendering to `path` atomically, or to `out`.
pub(crate) fn emit(path: Option<&Path>, rendered: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    match path {
        Some(path) => crate::output::write_atomic(path, rendered.as_bytes()),
        None => {
            out.write_all(rendered.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

pub(crate) fn inputs_label(inputs: &[PathBuf]) -> PathBuf {
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    PathBuf::from(names.join(", "))
}

pub(crate) fn fail(err: &mut dyn Write, diagnostics: &[Diagnostic]) -> anyhow::Result<Outcome> {
    print_diagnostics(err, diagnostics, false)?;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    writeln!(
        err,
        "claimdiff: stopped after {errors} error{}",
        if errors == 1 { "" } else { "s" }
    )?;
    Ok(Outcome::Error)
}

pub(crate) fn print_diagnostics(
    err: &mut dyn Write,
    diagnostics: &[Diagnostic],
    quiet: bool,
) -> io::Result<()> {
    for d in diagnostics {
        if quiet && d.severity == Severity::Warning {
            continue;
        }
        writeln!(err, "{d}")?;
    }
    Ok(())
}
