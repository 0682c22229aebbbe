//! claimdiff checks whether news sources agree: curated claim rules are matched against
//! articles, each match is normalised into a value that keeps its meaning, and the values are
//! compared across sources.
//!
//! The pipeline, wired in [`app`] only:
//! claim files → [`rules`] → articles ([`corpus`]) → [`extract`] → [`value`] → [`diff`] →
//! [`report`].

pub mod app;
pub mod cli;
pub mod corpus;
pub mod diagnostic;
pub mod diff;
pub mod extract;
pub mod lint;
pub mod observation;
pub mod ordered;
pub mod output;
pub mod paths;
pub mod report;
pub mod review;
pub mod rules;
pub mod ruletest;
pub mod scan;
pub mod shard;
pub mod source;
pub mod store;
pub mod terminal;
pub mod text;
pub mod value;
