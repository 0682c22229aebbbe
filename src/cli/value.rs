//! Arguments of `claimdiff value`: a phrase and how to read it.

use clap::{Args, ValueEnum};

use crate::app::{ValueFormat, ValueQuery};
use crate::value::{Kind, NameSpec, Tense, ValueOptions};

/// Arguments of `claimdiff value`.
#[derive(Debug, Args)]
pub(crate) struct ValueArgs {
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
pub(crate) enum KindArg {
    /// A count of things.
    Count,
    /// A date.
    Date,
    /// A length of time.
    Duration,
    /// A name or title.
    Name,
    /// A place.
    Place,
}

/// `--tense` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum TenseArg {
    /// The most recent such day on or before the reference day.
    Past,
    /// The next such day on or after the reference day.
    Future,
}

/// `claimdiff value --format` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValueFormatArg {
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
    pub(crate) fn into_query(self) -> ValueQuery {
        ValueQuery {
            phrase: self.phrase.join(" "),
            kind: match self.kind {
                KindArg::Count => Kind::Count,
                KindArg::Date => Kind::Date,
                KindArg::Duration => Kind::Duration,
                KindArg::Name => Kind::Name,
                KindArg::Place => Kind::Place,
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
