//! Why a phrase has no value: a reason to act on (for programs and tests) and the detail a
//! reader is shown, which names the words that could not be read.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a phrase could not be resolved, as data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Reason {
    /// A relative date or span ("on Monday", "two years ago") and no publication date to
    /// count from.
    NoPublicationDate,
    /// A day, month or weekday that does not exist, or contradicts the rest of the phrase
    /// ("February 30", "Tuesday, January 12, 2022" when the 12th is a Wednesday).
    ImpossibleDate,
    /// A figure or date beyond what can be represented.
    OutOfRange,
    /// A range whose ends run backwards.
    Backwards,
    /// Words that could mean more than one value, so none is chosen.
    Ambiguous,
    /// Words that are not a value of the claim's kind.
    Unreadable,
    /// A reason not recorded (observation files written before reasons were).
    Other,
}

impl Reason {
    /// The reason's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NoPublicationDate => "no-publication-date",
            Reason::ImpossibleDate => "impossible-date",
            Reason::OutOfRange => "out-of-range",
            Reason::Backwards => "backwards",
            Reason::Ambiguous => "ambiguous",
            Reason::Unreadable => "unreadable",
            Reason::Other => "other",
        }
    }
}

/// Why a phrase has no value: the reason, and the detail shown to a reader.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unresolved {
    /// Why, as data.
    pub reason: Reason,
    /// Why, in words, naming what could not be read.
    pub detail: String,
}

impl Unresolved {
    /// An unresolved value for `reason`, told as `detail`.
    pub fn new(reason: Reason, detail: impl Into<String>) -> Self {
        Unresolved {
            reason,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Unresolved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for Unresolved {}
