//! The argument groups subcommands share (`#[command(flatten)]`): the claim files, the
//! articles, the report's format and threshold, and where messages and the report go. Each
//! flag and each default is declared here once, so every subcommand spells it the same way
//! and clap shows the default in `--help`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::app::{FailOn, Format};
use crate::terminal::ColorChoice;

/// The claim files read when none are named: the bundled folder.
pub(crate) const DEFAULT_CLAIMS: &str = "claims";

/// The articles read when none are named: the bundled sample corpus.
pub(crate) const DEFAULT_ARTICLES: &str = "seeds";

/// The claim files, by flag: `-c/--claims PATH`, repeatable.
#[derive(Debug, Args)]
pub(crate) struct ClaimsArgs {
    /// Claim files or folders of them (repeatable).
    #[arg(
        short = 'c',
        long = "claims",
        value_name = "PATH",
        default_value = DEFAULT_CLAIMS
    )]
    pub claims: Vec<PathBuf>,
}

/// The claim files as the positional inputs, for the commands whose subject they are (`test`,
/// `lint`).
#[derive(Debug, Args)]
pub(crate) struct ClaimPathsArgs {
    /// Claim files or folders of them.
    #[arg(value_name = "PATHS", default_value = DEFAULT_CLAIMS)]
    pub paths: Vec<PathBuf>,
}

/// The articles, as positional inputs.
#[derive(Debug, Args)]
pub(crate) struct ArticlesArgs {
    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    #[arg(value_name = "ARTICLES", default_value = DEFAULT_ARTICLES)]
    pub articles: Vec<PathBuf>,
}

/// How a claims report is written and when it fails the run (`check`, `diff`).
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Exit with 1 when a claim's verdict is at least this serious.
    #[arg(long, value_enum, default_value_t = FailOnArg::Differ)]
    pub fail_on: FailOnArg,
}

/// `-q/--quiet`.
#[derive(Debug, Args)]
pub(crate) struct QuietArgs {
    /// Do not print warnings (errors are always printed) or a progress bar.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--color`.
#[derive(Debug, Args)]
pub(crate) struct ColorArgs {
    /// When to colour the output; `auto` colours a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,
}

/// `-o/--output FILE` for a report.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Write the report to FILE (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--color` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorArg {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorArg> for ColorChoice {
    fn from(arg: ColorArg) -> Self {
        match arg {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        }
    }
}

/// `--format` values of the claims report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// A table for the terminal.
    Table,
    /// The versioned JSON report.
    Json,
    /// Markdown to paste into a ticket: a summary, then a table per discrepancy.
    Markdown,
    /// One self-contained HTML page (use with `--output`).
    Html,
}

impl From<FormatArg> for Format {
    fn from(arg: FormatArg) -> Self {
        match arg {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

/// `--fail-on` values of the claims report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOnArg {
    /// Fail only when statements cannot all be true.
    Conflict,
    /// Fail when stated figures differ (or conflict).
    Differ,
    /// Never fail because of findings.
    Never,
}

impl From<FailOnArg> for FailOn {
    fn from(arg: FailOnArg) -> Self {
        match arg {
            FailOnArg::Conflict => FailOn::Conflict,
            FailOnArg::Differ => FailOn::Differ,
            FailOnArg::Never => FailOn::Never,
        }
    }
}
