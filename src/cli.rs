//! The command line (clap derive). The `///` comments are the help text. Arguments are turned
//! into plain option structs here; nothing below this module knows about clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::app::{CheckOptions, FailOn, Format, ValueFormat, ValueQuery};
use crate::value::{Kind, NameSpec, Tense, ValueOptions};

/// Checks whether news sources agree: matches curated claim rules against articles and
/// reports where their figures, dates and names differ.
#[derive(Debug, Parser)]
#[command(name = "claimdiff", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compare what the articles state for every claim and report the discrepancies.
    Check(CheckArgs),
    /// Show how a phrase normalises, with the trace of how it was read.
    Value(ValueArgs),
}

/// Arguments of `claimdiff value`.
#[derive(Debug, Args)]
pub struct ValueArgs {
    /// The phrase, as an article would write it ("nearly four hours").
    #[arg(value_name = "PHRASE", required = true, num_args = 1..)]
    pub phrase: Vec<String>,

    /// The kind of value to read it as.
    #[arg(short, long, value_enum, default_value_t = KindArg::Count)]
    pub kind: KindArg,

    /// The publication day that relative dates resolve against (YYYY-MM-DD).
    #[arg(long = "ref", value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub reference_day: Option<jiff::civil::Date>,

    /// Dates: resolve bare weekdays to the past (reported events) or the future.
    #[arg(long, value_enum, default_value_t = TenseArg::Past)]
    pub tense: TenseArg,

    /// Names: the right name to compare with.
    #[arg(long, value_name = "NAME")]
    pub canonical: Option<String>,

    /// Names: another correct form of the canonical name (repeatable).
    #[arg(long = "alias", value_name = "NAME")]
    pub aliases: Vec<String>,

    /// Names: similarity from which a name is a spelling variant (0–1).
    #[arg(long, default_value_t = crate::value::name::DEFAULT_THRESHOLD)]
    pub threshold: f64,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ValueFormatArg::Text)]
    pub format: ValueFormatArg,
}

/// `--kind` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A count of things.
    Count,
    /// A date.
    Date,
    /// A length of time.
    Duration,
    /// A name or title.
    Name,
}

/// `--tense` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TenseArg {
    /// The most recent such day on or before the reference day.
    Past,
    /// The next such day on or after the reference day.
    Future,
}

/// `claimdiff value --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ValueFormatArg {
    /// Lines for a person.
    Text,
    /// JSON for value test suites.
    Json,
}

fn parse_day(text: &str) -> Result<jiff::civil::Date, String> {
    text.parse::<jiff::civil::Date>()
        .map_err(|_| format!("`{text}` is not a day: expected YYYY-MM-DD"))
}

impl ValueArgs {
    /// The plain query for the `value` command.
    pub fn into_query(self) -> ValueQuery {
        ValueQuery {
            phrase: self.phrase.join(" "),
            kind: match self.kind {
                KindArg::Count => Kind::Count,
                KindArg::Date => Kind::Date,
                KindArg::Duration => Kind::Duration,
                KindArg::Name => Kind::Name,
            },
            reference_day: self.reference_day,
            options: ValueOptions {
                tense: match self.tense {
                    TenseArg::Past => Tense::Past,
                    TenseArg::Future => Tense::Future,
                },
                name: self.canonical.map(|canonical| NameSpec {
                    canonical,
                    aliases: self.aliases,
                    threshold: self.threshold,
                }),
            },
            format: match self.format {
                ValueFormatArg::Text => ValueFormat::Text,
                ValueFormatArg::Json => ValueFormat::Json,
            },
        }
    }
}

/// Arguments of `claimdiff check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles: files, folders (read recursively), globs, or `-` for one article on stdin.
    /// [default: seeds/]
    #[arg(value_name = "ARTICLES")]
    pub articles: Vec<PathBuf>,

    /// Claim files or folders of them (repeatable). [default: claims/]
    #[arg(short = 'c', long = "claims", value_name = "PATH")]
    pub claims: Vec<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// Exit with 1 when a claim's verdict is at least this serious.
    #[arg(long, value_enum, default_value_t = FailOnArg::Differ)]
    pub fail_on: FailOnArg,

    /// Do not print warnings (errors are always printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// `--format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A table for the terminal.
    Table,
    /// The versioned JSON report.
    Json,
}

/// `--fail-on` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOnArg {
    /// Fail only when statements cannot all be true.
    Conflict,
    /// Fail when stated figures differ (or conflict).
    Differ,
    /// Never fail because of findings.
    Never,
}

impl CheckArgs {
    /// The plain options for the `check` command, with defaults filled in.
    pub fn into_options(self) -> CheckOptions {
        CheckOptions {
            articles: if self.articles.is_empty() {
                vec![PathBuf::from("seeds")]
            } else {
                self.articles
            },
            claims: if self.claims.is_empty() {
                vec![PathBuf::from("claims")]
            } else {
                self.claims
            },
            format: match self.format {
                FormatArg::Table => Format::Table,
                FormatArg::Json => Format::Json,
            },
            fail_on: match self.fail_on {
                FailOnArg::Conflict => FailOn::Conflict,
                FailOnArg::Differ => FailOn::Differ,
                FailOnArg::Never => FailOn::Never,
            },
            quiet: self.quiet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_defaults_to_the_bundled_folders() {
        let cli = Cli::parse_from(["claimdiff", "check"]);
        let Command::Check(args) = cli.command else {
            panic!("expected the check command");
        };
        let opts = args.into_options();
        assert_eq!(opts.articles, vec![PathBuf::from("seeds")]);
        assert_eq!(opts.claims, vec![PathBuf::from("claims")]);
        assert_eq!(opts.fail_on, FailOn::Differ);
    }

    #[test]
    fn value_joins_the_phrase_and_reads_the_reference_day() {
        let cli = Cli::parse_from([
            "claimdiff",
            "value",
            "on",
            "Wednesday",
            "--kind",
            "date",
            "--ref",
            "2022-01-12",
        ]);
        let Command::Value(args) = cli.command else {
            panic!("expected the value command");
        };
        let q = args.into_query();
        assert_eq!(q.phrase, "on Wednesday");
        assert_eq!(q.kind, Kind::Date);
        assert_eq!(
            q.reference_day.map(|d| d.to_string()).as_deref(),
            Some("2022-01-12")
        );
    }
}
