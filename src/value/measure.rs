//! A figure with its meaning: what was stated, how it was hedged ([`Qualifier`]) and the
//! interval the true value may lie in. Counts and durations are both measures.
//!
//! Conventions (documented in `docs/values.md`): approximate hedges ("about", "around",
//! "some", "an estimated") allow ±10 %; "nearly"/"almost" mean at most 10 % below and never
//! above; "just over" at most 10 % above.

use serde::{Deserialize, Serialize};

use super::hedge::{hedge_word, Qualifier};
use super::interval::Interval;

/// A numeric value with its meaning: what was stated, how it was hedged, what it allows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// The stated figure, or both ends of a stated range (equal for a single figure).
    pub stated: (f64, f64),
    /// The hedge.
    pub qualifier: Qualifier,
    /// Where the true value may lie.
    pub interval: Interval,
    /// The hedge makes the figure approximate.
    pub approx: bool,
    /// The figure is a share of a whole, in per cent ("nine in ten" is 90).
    pub share: bool,
    /// Durations in months or years, which have no fixed length: the shortest and longest
    /// calendar length as fractions of the average one (a month is 28 to 31 days).
    #[serde(skip)]
    pub calendar: Option<(f64, f64)>,
}

impl Measure {
    /// A measure for `stated` qualified by `qualifier`; `floor` is the smallest possible value.
    pub(crate) fn hedged(stated: f64, qualifier: Qualifier, floor: f64) -> Self {
        let open = |low: Option<f64>, high: Option<f64>, low_open, high_open| Interval {
            low,
            high,
            low_open,
            high_open,
        };
        let x = stated;
        let interval = match qualifier {
            Qualifier::Exact | Qualifier::Range | Qualifier::Vague => Interval::point(x),
            Qualifier::MoreThan => open(Some(x), None, true, false),
            Qualifier::AtLeast => open(Some(x), None, false, false),
            Qualifier::JustOver => open(Some(x), Some(x + x / 10.0), true, false),
            Qualifier::LessThan => open(Some(floor), Some(x), false, true),
            Qualifier::AtMost | Qualifier::UpTo => Interval::closed(floor, x),
            Qualifier::Nearly => open(Some(x - x / 10.0), Some(x), false, true),
            Qualifier::Approximately => Interval::closed(x - x / 10.0, x + x / 10.0),
        };
        let approx = matches!(
            qualifier,
            Qualifier::JustOver | Qualifier::Nearly | Qualifier::Approximately | Qualifier::Vague
        );
        Measure {
            stated: (x, x),
            qualifier,
            interval,
            approx,
            share: false,
            calendar: None,
        }
    }

    /// A stated range `[low, high]`; `vague` excludes the upper end.
    pub(crate) fn range(low: f64, high: f64, vague: bool) -> Self {
        let mut interval = Interval::closed(low, high);
        interval.high_open = vague;
        Measure {
            stated: (low, high),
            qualifier: if vague {
                Qualifier::Vague
            } else {
                Qualifier::Range
            },
            interval,
            approx: vague,
            share: false,
            calendar: None,
        }
    }

    /// The same statement in a unit `factor` times smaller ("four hours" → 14,400 seconds).
    pub fn scaled(&self, factor: f64) -> Self {
        let by = |x: Option<f64>| x.map(|v| v * factor);
        Measure {
            stated: (self.stated.0 * factor, self.stated.1 * factor),
            interval: Interval {
                low: by(self.interval.low),
                high: by(self.interval.high),
                ..self.interval
            },
            ..self.clone()
        }
    }

    /// The measure as a reader would say it, with `fmt` formatting each figure.
    pub(crate) fn describe_with(&self, fmt: impl Fn(f64) -> String) -> String {
        let (a, b) = self.stated;
        match self.qualifier {
            Qualifier::Range if self.approx => format!("about {}–{}", fmt(a), fmt(b)),
            Qualifier::Range => format!("{}–{}", fmt(a), fmt(b)),
            Qualifier::Vague => format!("{}–{} (order of magnitude)", fmt(a), fmt(b)),
            Qualifier::Exact => fmt(a),
            q => format!("{} {}", hedge_word(q), fmt(a)),
        }
    }
}
