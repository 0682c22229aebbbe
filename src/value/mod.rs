//! The value model: what a matched phrase means once normalised, and how two values compare.
//!
//! Every kind of claim (count, date, duration, name) normalises into a [`Value`] or into an
//! "unresolved" reason — never a guess. Comparison gives a [`Relation`] that the diff engine
//! turns into verdicts.

pub mod interval;
pub mod number;
pub mod quantity;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use interval::Interval;
pub use quantity::{Measure, Qualifier};

/// The kind of fact a claim states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// How many of something: people, troops, members.
    Count,
    /// A calendar day, month or year, possibly relative to publication.
    Date,
    /// A length of time.
    Duration,
    /// A person's (or body's) name or title.
    Name,
}

impl Kind {
    /// All kinds, in documentation order.
    pub const ALL: [Kind; 4] = [Kind::Count, Kind::Date, Kind::Duration, Kind::Name];

    /// The name used in claim files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Name => "name",
        }
    }

    /// True when the engine can normalise this kind.
    pub fn is_supported(self) -> bool {
        matches!(self, Kind::Count)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    /// A count of things.
    Count(Measure),
}

/// What normalisation needs to know about where the text came from.
#[derive(Clone, Copy, Debug, Default)]
pub struct Context {
    /// The publication date that relative dates resolve against.
    pub published: Option<jiff::civil::Date>,
}

/// The outcome of normalising one phrase: a value or the reason it is unresolved, and the
/// steps taken, so a rule author can see why.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalised {
    /// The value, or why there is none.
    pub value: Result<Value, String>,
    /// Which hedge, scale word, reference day and rule of resolution applied.
    pub trace: Vec<String>,
}

/// Normalises `raw`, a phrase captured for a claim of `kind`.
pub fn normalise(kind: Kind, raw: &str, ctx: &Context) -> Normalised {
    let _ = ctx;
    let mut trace = Vec::new();
    let value = match kind {
        Kind::Count => quantity::parse_quantity(raw, 0.0, &mut trace).map(Value::Count),
        other => Err(format!("values of kind `{other}` are not supported yet")),
    };
    Normalised { value, trace }
}

/// How far two figures may differ and still count as the same figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Tolerance {
    /// Absolute difference allowed.
    pub absolute: f64,
    /// Difference allowed as a fraction of the larger figure.
    pub relative: f64,
}

impl Tolerance {
    /// True when `a` and `b` are the same figure within this tolerance.
    pub fn same(&self, a: f64, b: f64) -> bool {
        (a - b).abs() <= self.slack(a, b)
    }

    fn slack(&self, a: f64, b: f64) -> f64 {
        self.absolute.max(self.relative * a.abs().max(b.abs()))
    }

    /// `interval` widened by the tolerance on each bounded side.
    pub fn widen(&self, interval: Interval) -> Interval {
        Interval {
            low: interval.low.map(|l| l - self.slack(l, l)),
            high: interval.high.map(|h| h + self.slack(h, h)),
            ..interval
        }
    }
}

/// How two values relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// The same stated figure (qualifiers may differ).
    Same,
    /// Different stated figures whose intervals overlap: both could be true.
    Differ,
    /// Disjoint intervals: they cannot both be true.
    Conflict,
}

impl Value {
    /// The kind of this value.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Count(_) => Kind::Count,
        }
    }

    /// How `self` relates to `other`; symmetric.
    pub fn relate(&self, other: &Value, tol: &Tolerance) -> Relation {
        match (self, other) {
            (Value::Count(a), Value::Count(b)) => relate_measures(a, b, tol),
        }
    }

    /// True when two values state the same figure with the same hedge.
    pub fn same_wording(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Count(a), Value::Count(b)) => a.qualifier == b.qualifier,
        }
    }

    /// The value as a reader would say it ("more than 13,000").
    pub fn describe(&self) -> String {
        match self {
            Value::Count(m) => m.describe_with(number::format_plain),
        }
    }

    /// The qualifier, where the kind has one.
    pub fn qualifier(&self) -> Option<Qualifier> {
        match self {
            Value::Count(m) => Some(m.qualifier),
        }
    }

    /// The machine-readable summary used by reports.
    pub fn summary(&self) -> Summary {
        match self {
            Value::Count(m) => measure_summary(Kind::Count, m, self.describe()),
        }
    }
}

/// The stated figures decide first: the same figure with different hedges is the same
/// (the hedges are noted by the diff engine, not flagged). Different figures conflict when
/// their intervals, widened by the tolerance, are disjoint, and differ otherwise.
fn relate_measures(a: &Measure, b: &Measure, tol: &Tolerance) -> Relation {
    if tol.same(a.stated.0, b.stated.0) && tol.same(a.stated.1, b.stated.1) {
        Relation::Same
    } else if !tol.widen(a.interval).overlaps(&tol.widen(b.interval)) {
        Relation::Conflict
    } else {
        Relation::Differ
    }
}

/// A number or an ISO date, for machine-readable bounds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A figure (counts; durations in seconds).
    Number(f64),
    /// An ISO 8601 date, or a name.
    Text(String),
}

/// The machine-readable form of a value (part of the JSON contract).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    /// The value's kind.
    pub kind: Kind,
    /// How a reader would say it.
    pub display: String,
    /// The stated figure, or `[low, high]` for a stated range.
    pub stated: Vec<Scalar>,
    /// The hedge, where the kind has one.
    pub qualifier: Option<Qualifier>,
    /// Lower bound of what the statement allows; `null` when unbounded.
    pub low: Option<Scalar>,
    /// Upper bound; `null` when unbounded.
    pub high: Option<Scalar>,
    /// The lower bound is excluded.
    pub low_open: bool,
    /// The upper bound is excluded.
    pub high_open: bool,
    /// The statement is approximate.
    pub approx: bool,
}

fn measure_summary(kind: Kind, m: &Measure, display: String) -> Summary {
    let stated = if m.stated.0 == m.stated.1 {
        vec![Scalar::Number(m.stated.0)]
    } else {
        vec![Scalar::Number(m.stated.0), Scalar::Number(m.stated.1)]
    };
    Summary {
        kind,
        display,
        stated,
        qualifier: Some(m.qualifier),
        low: m.interval.low.map(Scalar::Number),
        high: m.interval.high.map(Scalar::Number),
        low_open: m.interval.low_open,
        high_open: m.interval.high_open,
        approx: m.approx,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(text: &str) -> Value {
        normalise(Kind::Count, text, &Context::default())
            .value
            .unwrap()
    }

    #[test]
    fn different_lower_bounds_differ_but_do_not_conflict() {
        let t = Tolerance::default();
        assert_eq!(
            count("more than 13,000").relate(&count("more than 14,000"), &t),
            Relation::Differ
        );
    }

    #[test]
    fn distinct_exact_figures_conflict() {
        let t = Tolerance::default();
        assert_eq!(
            count("3,000").relate(&count("10,000"), &t),
            Relation::Conflict
        );
    }

    #[test]
    fn qualifiers_alone_do_not_make_a_difference() {
        let t = Tolerance::default();
        assert_eq!(
            count("around 100,000").relate(&count("over 100,000"), &t),
            Relation::Same
        );
        assert_eq!(
            count("an estimated 100,000").relate(&count("100,000"), &t),
            Relation::Same
        );
        assert_eq!(
            count("over 100,000").relate(&count("100,000"), &t),
            Relation::Same
        );
    }

    #[test]
    fn tolerance_absorbs_small_differences() {
        let t = Tolerance {
            absolute: 0.0,
            relative: 0.05,
        };
        assert_eq!(count("3,000").relate(&count("3,100"), &t), Relation::Same);
        assert_eq!(
            count("3,000").relate(&count("3,500"), &t),
            Relation::Conflict
        );
    }

    #[test]
    fn relate_is_symmetric_for_sample_pairs() {
        let t = Tolerance::default();
        let phrases = [
            "more than 13,000",
            "nearly 13,000",
            "13,000",
            "about 14,000",
            "tens of thousands",
            "up to 12,000",
        ];
        for a in phrases {
            for b in phrases {
                assert_eq!(
                    count(a).relate(&count(b), &t),
                    count(b).relate(&count(a), &t),
                    "{a} / {b}"
                );
            }
        }
    }

    #[test]
    fn unsupported_kinds_are_unresolved_with_a_reason() {
        let n = normalise(Kind::Name, "Fomin", &Context::default());
        assert!(n.value.unwrap_err().contains("not supported"));
    }
}
