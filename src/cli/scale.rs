//! Arguments of the commands for large corpora: inspecting compiled rules, the map and reduce
//! steps (`extract`, `diff`) and the benchmark workload generator.

use std::path::PathBuf;

use clap::Args;

use super::{ClaimsArgs, QuietArgs, ReportArgs, DEFAULT_ARTICLES, DEFAULT_CLAIMS};
use crate::app::{DiffOptions, ExtractOptions, RulesOptions};
use crate::workload::WorkloadOptions;

/// Arguments of `claimdiff rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    #[command(flatten)]
    pub claims: ClaimsArgs,

    /// Print only `CLAIM_ID<TAB>REGEX`, one line per pattern, flags inline (for ripgrep or a
    /// script).
    #[arg(long)]
    pub expanded: bool,
}

/// Arguments of `claimdiff extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
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
pub struct DiffArgs {
    /// Observation files written by `claimdiff extract`, in the order of their articles.
    #[arg(value_name = "FILES", required = true)]
    pub files: Vec<PathBuf>,

    // The claim files given to `extract`.
    #[command(flatten)]
    pub claims: ClaimsArgs,

    #[command(flatten)]
    pub report: ReportArgs,

    #[command(flatten)]
    pub quiet: QuietArgs,
}

/// Arguments of `claimdiff bench-corpus`.
#[derive(Debug, Args)]
pub struct BenchCorpusArgs {
    /// How many articles to write.
    #[arg(long, default_value_t = 1000)]
    pub articles: usize,

    /// How many claim rules to write.
    #[arg(long, default_value_t = 100)]
    pub rules: usize,

    /// The seed: the same seed writes the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// The share of rule variants about the sample story, from 0 to 1; the others are about
    /// other stories, with invented words the prefilter skips. 1 makes every variant match
    /// almost every article (the worst case).
    #[arg(
        long,
        value_name = "SHARE",
        default_value_t = 0.1,
        value_parser = parse_share,
        allow_negative_numbers = true
    )]
    pub on_topic: f64,

    /// Sample articles to vary.
    #[arg(long, value_name = "PATH", default_value = DEFAULT_ARTICLES)]
    pub templates: Vec<PathBuf>,

    /// Sample claim files to vary.
    #[arg(
        short = 'c',
        long = "claims",
        value_name = "PATH",
        default_value = DEFAULT_CLAIMS
    )]
    pub claims: Vec<PathBuf>,

    /// The folder to write `articles/` and `claims.yaml` into.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

fn parse_share(text: &str) -> Result<f64, String> {
    text.parse::<f64>()
        .ok()
        .filter(|share| (0.0..=1.0).contains(share))
        .ok_or_else(|| format!("`{text}` is not a share: expected a number from 0 to 1"))
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
            quiet: self.quiet.quiet,
        }
    }
}

impl BenchCorpusArgs {
    /// The plain options for `bench-corpus`.
    pub fn into_options(self) -> WorkloadOptions {
        WorkloadOptions {
            articles: self.articles,
            rules: self.rules,
            seed: self.seed,
            on_topic: self.on_topic,
            templates: self.templates,
            claims: self.claims,
            out: self.out,
        }
    }
}
