//! claimdiff checks whether news sources agree: curated claim rules are matched against
//! articles, each match is normalised into a value that keeps its meaning, and the values are
//! compared across sources.
//!
//! The pipeline, wired in [`app`] only (docs/architecture.md has the map): claim files →
//! [`rules`] → articles ([`corpus`]) → [`extract`] → [`observation`] (values: [`value`]) →
//! [`store`] → [`diff`] (the judge) → [`report`] (the one report builder and its views).
//!
//! # Example
//!
//! The library's entry point does what `claimdiff check` does:
//!
//! ```
//! use std::path::PathBuf;
//!
//! use claimdiff::diagnostic::Diagnostic;
//!
//! fn first(problems: Vec<Diagnostic>) -> anyhow::Error {
//!     anyhow::anyhow!("{}", problems[0])
//! }
//!
//! # fn main() -> anyhow::Result<()> {
//! let rules = claimdiff::load_rules(&[PathBuf::from("claims")]).map_err(first)?;
//! let (articles, warnings) = claimdiff::read_articles(&[PathBuf::from("seeds")]).map_err(first)?;
//! let report = claimdiff::check_articles(&rules, &articles, warnings)?;
//!
//! for claim in report.claims.iter().filter(|c| c.verdict.is_discrepancy()) {
//!     println!("{}: {}", claim.id, claim.verdict);
//! }
//! let markdown = claimdiff::render(&report, &articles, claimdiff::Format::Markdown);
//! assert!(markdown.contains("donbas_death_toll"));
//! # Ok(())
//! # }
//! ```

pub mod app;
pub(crate) mod clause;

pub use app::{check_articles, load_rules, read_articles, render, Format};

pub mod cli;
pub mod corpus;
pub mod coverage;
pub mod diagnostic;
pub mod diff;
pub mod extract;
pub mod lint;
pub mod observation;
pub(crate) mod ordered;
pub(crate) mod output;
pub(crate) mod paths;
pub mod report;
pub mod review;
pub mod rules;
pub mod ruletest;
pub(crate) mod scan;
pub(crate) mod shard;
pub mod source;
pub mod store;
pub mod suggest;
pub mod terminal;
pub(crate) mod text;
pub mod value;
