//! Claim rules: the YAML "as written" (`spec`), the building blocks patterns may use
//! ([`blocks`], [`pattern`]), loading with located errors ([`load`]) and the compiled rules
//! the matcher runs ([`compile()`]).

pub mod blocks;
pub mod compile;
pub mod load;
pub mod near;
pub mod pattern;
pub mod prefilter;
pub(crate) mod preflight;
pub(crate) mod quoting;
pub mod schema;
pub(crate) mod show;
pub(crate) mod spec;

pub use compile::{compile, Rule, RuleSet};
pub use load::{load_claim_files, LoadedFile};
