//! Arguments of the commands for large corpora: inspecting compiled rules and the map and
//! reduce steps (`extract`, `diff`).

use std::path::PathBuf;

use clap::Args;

use super::{ClaimsArgs, ColorArgs, OutputArgs, QuietArgs, ReportArgs};
use crate::app::{DiffOptions, ExtractOptions, RulesOptions};

/// Arguments of `claimdiff rules`.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// Print only `CLAIM_ID<TAB>REGEX`, one line per pattern, flags inline (for ripgrep or a
    /// script).
    #[arg(long)]
    pub expanded: bool,
}

/// Arguments of `claimdiff extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    // Not `ArticlesArgs`: no default, since the articles may all come from `--files-from`.
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Also read article paths, one a line, from this file (`-`: standard input), as
    /// Hadoop Streaming and Spark's `RDD.pipe` feed them.
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,

    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// Write the observations here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `claimdiff diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// Observation files written by `claimdiff extract`, in the order of their articles.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,

    // The claim files given to `extract`.
    #[command(flatten)]
    pub claims: ClaimsArgs,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,

    #[command(flatten)]
    pub color: ColorArgs,
}

impl RulesArgs {
    /// The plain options for `rules`.
    pub fn into_options(self) -> RulesOptions {
        RulesOptions {
            claims: self.claims.claims,
            expanded: self.expanded,
        }
    }
}

impl ExtractArgs {
    /// The plain options for `extract`.
    pub fn into_options(self) -> ExtractOptions {
        ExtractOptions {
            articles: self.articles,
            files_from: self.files_from,
            claims: self.claims.claims,
            output: self.output,
        }
    }
}

impl DiffArgs {
    /// The plain options for `diff`.
    pub fn into_options(self) -> DiffOptions {
        DiffOptions {
            files: self.files,
            claims: self.claims.claims,
            format: self.report.format.into(),
            fail_on: self.report.fail_on.into(),
            output: self.output.output,
            quiet: self.quiet.quiet,
            color: self.color.color.into(),
        }
    }
}
