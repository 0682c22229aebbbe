//! The value model: what a matched phrase means once normalised, and how two values compare.
//!
//! Every kind of claim (count, date, duration, name, place) normalises into a [`Value`] or into an
//! "unresolved" reason — never a guess. Comparison gives a [`Relation`] that the diff engine
//! turns into verdicts.

pub(crate) mod calendar;
pub mod date;
pub(crate) mod date_forms;
pub mod date_phrase;
pub mod duration;
pub(crate) mod hedge;
pub mod interval;
pub(crate) mod magnitude;
pub(crate) mod measure;
pub mod name;
pub mod number;
pub mod quantity;
pub mod share;
pub mod unresolved;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use calendar::Tense;
pub use date::{DateHedge, DateValue, Granularity};
pub use hedge::Qualifier;
pub use interval::Interval;
pub use measure::Measure;
pub use name::{Alike, Name, NameSpec};
pub use unresolved::{Reason, Unresolved};

/// The kind of fact a claim states.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
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
    /// A place: a district, a city, a venue.
    Place,
}

impl Kind {
    /// All kinds, in documentation order.
    pub const ALL: [Kind; 5] = [
        Kind::Count,
        Kind::Date,
        Kind::Duration,
        Kind::Name,
        Kind::Place,
    ];

    /// Names and places: values with no bounds, compared by their words.
    pub fn is_name(self) -> bool {
        matches!(self, Kind::Name | Kind::Place)
    }

    /// The name used in claim files and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Count => "count",
            Kind::Date => "date",
            Kind::Duration => "duration",
            Kind::Name => "name",
            Kind::Place => "place",
        }
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
    /// A day, or span of days, at some granularity.
    Date(DateValue),
    /// A length of time, in seconds.
    Duration(Measure),
    /// A name or title.
    Name(Name),
    /// A place (a name, and the places it is said to lie in).
    Place(Name),
}

/// What a claim tells normalisation beyond its kind: which way relative dates point, and the
/// right name for a claim of kind `name`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueOptions {
    /// Which way bare weekdays and "in N years" point from publication.
    pub tense: Tense,
    /// The canonical name and its aliases.
    pub name: Option<NameSpec>,
}

static NO_OPTIONS: ValueOptions = ValueOptions {
    tense: Tense::Past,
    name: None,
};

/// What normalisation needs to know about where the text came from and the claim it is for.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The publication date that relative dates resolve against.
    pub published: Option<jiff::civil::Date>,
    /// The claim's value options.
    pub options: &'a ValueOptions,
}

impl Default for Context<'_> {
    fn default() -> Self {
        Context {
            published: None,
            options: &NO_OPTIONS,
        }
    }
}

impl<'a> Context<'a> {
    /// A context for an article published on `published`, with no claim options.
    pub fn published(published: Option<jiff::civil::Date>) -> Self {
        Context {
            published,
            options: &NO_OPTIONS,
        }
    }

    /// The same context with a claim's options.
    pub fn with_options(self, options: &'a ValueOptions) -> Self {
        Context { options, ..self }
    }
}

/// The outcome of normalising one phrase: a value or the reason it is unresolved, and the
/// steps taken, so a rule author can see why.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalised {
    /// The value, or why there is none.
    pub value: Result<Value, Unresolved>,
    /// Which hedge, scale word, reference day and rule of resolution applied.
    pub trace: Vec<String>,
}

/// Normalises `raw`, a phrase captured for a claim of `kind`.
pub fn normalise(kind: Kind, raw: &str, ctx: &Context) -> Normalised {
    let mut trace = Vec::new();
    let value = match kind {
        Kind::Count => quantity::parse_quantity(raw, 0.0, &mut trace).map(Value::Count),
        Kind::Date => {
            if let Some(p) = ctx.published {
                trace.push(format!("reference day {p} (publication)"));
            }
            let env = calendar::Env {
                published: ctx.published,
                tense: ctx.options.tense,
            };
            date_phrase::parse_date(raw, &env, &mut trace).map(Value::Date)
        }
        Kind::Duration => duration::parse_duration(raw, &mut trace).map(Value::Duration),
        Kind::Name | Kind::Place => {
            let empty = NameSpec::EMPTY;
            let spec = ctx.options.name.as_ref().unwrap_or(&empty);
            return remembered_name(kind, raw, spec);
        }
    };
    Normalised { value, trace }
}

/// A name or place as [`normalise`] reads it. Reading one weighs every window of its words
/// against the claim's known forms, and a corpus names the same people again and again, so
/// each thread remembers what it has read (up to a few thousand phrases, then starts afresh):
/// the same words and the same claim options give the same value (names do not depend on
/// the publication day).
fn remembered_name(kind: Kind, raw: &str, spec: &NameSpec) -> Normalised {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const REMEMBERED: usize = 4096;
    thread_local! {
        static READ: RefCell<HashMap<String, Normalised>> = RefCell::new(HashMap::new());
    }
    let key = format!(
        "{kind}\u{0}{raw}\u{0}{}\u{0}{}\u{0}{}",
        spec.canonical,
        spec.aliases.join("\u{1}"),
        spec.threshold
    );
    if let Some(hit) = READ.with(|read| read.borrow().get(&key).cloned()) {
        return hit;
    }
    let mut trace = Vec::new();
    let value = match kind {
        Kind::Place => name::parse_place(raw, spec, &mut trace).map(Value::Place),
        _ => name::parse_name(raw, spec, &mut trace).map(Value::Name),
    };
    let read = Normalised { value, trace };
    READ.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > REMEMBERED {
            cache.clear();
        }
        cache.insert(key, read.clone());
    });
    read
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
    pub(crate) fn widen(&self, interval: Interval) -> Interval {
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
            Value::Date(_) => Kind::Date,
            Value::Duration(_) => Kind::Duration,
            Value::Name(_) => Kind::Name,
            Value::Place(_) => Kind::Place,
        }
    }

    /// How `self` relates to `other`; symmetric. Values of different kinds conflict.
    pub fn relate(&self, other: &Value, tol: &Tolerance) -> Relation {
        match (self, other) {
            (Value::Count(a), Value::Count(b)) | (Value::Duration(a), Value::Duration(b)) => {
                relate_measures(a, b, tol)
            }
            (Value::Date(a), Value::Date(b)) => a.relate(b, tol),
            (Value::Name(a), Value::Name(b)) => a.relate(b),
            (Value::Place(a), Value::Place(b)) => a.relate_place(b),
            _ => Relation::Conflict,
        }
    }

    /// True when two values state the same figure with the same hedge.
    pub(crate) fn same_wording(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Count(a), Value::Count(b)) | (Value::Duration(a), Value::Duration(b)) => {
                a.qualifier == b.qualifier
            }
            (Value::Date(a), Value::Date(b)) => a.hedge == b.hedge,
            (Value::Name(a), Value::Name(b)) | (Value::Place(a), Value::Place(b)) => {
                a.written == b.written && a.within == b.within
            }
            _ => false,
        }
    }

    /// The value as a reader would say it ("more than 12,500", "since July 2019").
    pub(crate) fn describe(&self) -> String {
        match self {
            Value::Count(m) if m.share => m.describe_with(|x| {
                format!("{}%", number::format_plain((x * 100.0).round() / 100.0))
            }),
            Value::Count(m) => m.describe_with(number::format_plain),
            Value::Date(d) => d.describe(),
            Value::Duration(m) => m.describe_with(duration::format_duration),
            Value::Name(n) | Value::Place(n) => n.describe(),
        }
    }

    /// Why two names (or places), written differently, are the same name; `None` for other
    /// values, for names written alike and for different names.
    pub fn alike(&self, other: &Value) -> Option<Alike> {
        match (self, other) {
            (Value::Name(a), Value::Name(b)) => a.alike(b, name::Sort::Person),
            (Value::Place(a), Value::Place(b)) => a.alike(b, name::Sort::Place),
            _ => None,
        }
    }

    /// Whether this figure is a bound ("more than 150") that a precise `other` ("153") lies
    /// within: a rounded figure and the precise one it rounds.
    pub fn bounds(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Count(a), Value::Count(b)) | (Value::Duration(a), Value::Duration(b)) => {
                matches!(
                    a.qualifier,
                    Qualifier::MoreThan
                        | Qualifier::AtLeast
                        | Qualifier::JustOver
                        | Qualifier::LessThan
                        | Qualifier::AtMost
                        | Qualifier::UpTo
                ) && b.qualifier == Qualifier::Exact
                    && a.interval.covers(&b.interval)
            }
            _ => false,
        }
    }

    /// The qualifier, where the kind has one (counts and durations).
    pub fn qualifier(&self) -> Option<Qualifier> {
        match self {
            Value::Count(m) | Value::Duration(m) => Some(m.qualifier),
            Value::Date(_) | Value::Name(_) | Value::Place(_) => None,
        }
    }

    /// The machine-readable summary used by reports.
    pub fn summary(&self) -> Summary {
        match self {
            Value::Count(m) => measure_summary(Kind::Count, m, self.describe()),
            Value::Duration(m) => measure_summary(Kind::Duration, m, self.describe()),
            Value::Date(d) => date_summary(d),
            Value::Name(n) => name_summary(Kind::Name, n),
            Value::Place(n) => name_summary(Kind::Place, n),
        }
    }
}

/// The stated figures decide first: the same figure with different hedges is the same
/// (the hedges are noted by the diff engine, not flagged). Different figures conflict when
/// their intervals, widened by the tolerance, are disjoint, and differ otherwise.
///
/// A share (per cent) and an absolute figure are never the same figure: at best they differ.
fn relate_measures(a: &Measure, b: &Measure, tol: &Tolerance) -> Relation {
    if a.share != b.share {
        return if !tol.widen(a.interval).overlaps(&tol.widen(b.interval)) {
            Relation::Conflict
        } else {
            Relation::Differ
        };
    }
    let same_figure = tol.same(a.stated.0, b.stated.0) && tol.same(a.stated.1, b.stated.1);
    if same_figure || within_calendar(a, b, tol) || within_calendar(b, a, tol) {
        Relation::Same
    } else if !tol.widen(a.interval).overlaps(&tol.widen(b.interval)) {
        Relation::Conflict
    } else {
        Relation::Differ
    }
}

/// "three months" (84 to 93 days by the calendar) states the same length as "90 days".
fn within_calendar(a: &Measure, b: &Measure, tol: &Tolerance) -> bool {
    let Some((lo, hi)) = a.calendar else {
        return false;
    };
    let span = tol.widen(Interval::closed(a.stated.0 * lo, a.stated.1 * hi));
    span.contains(b.stated.0) && span.contains(b.stated.1)
}

/// A number or an ISO date, for machine-readable bounds. Whole numbers serialise as JSON
/// integers (`13000`, not `13000.0`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Scalar {
    /// A figure (counts; durations in seconds).
    Number(f64),
    /// An ISO 8601 date, or a name.
    Text(String),
}

impl Serialize for Scalar {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const EXACT_INTEGERS: f64 = 9_007_199_254_740_992.0; // 2^53
        match self {
            Scalar::Number(x) if x.fract() == 0.0 && x.abs() < EXACT_INTEGERS => {
                serializer.serialize_i64(*x as i64)
            }
            Scalar::Number(x) => serializer.serialize_f64(*x),
            Scalar::Text(t) => serializer.serialize_str(t),
        }
    }
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
    /// Dates: how precise the statement is (`day`, `week`, `month`, `season`, `year_part`,
    /// `year`, `decade`); `null` for other kinds.
    pub granularity: Option<Granularity>,
    /// Names and places: the claim's canonical name this one is a form or variant of; `null` otherwise.
    pub canonical: Option<String>,
    /// Names and places: similarity to the closest known form (1 for an exact form); `null` otherwise.
    pub similarity: Option<f64>,
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
        granularity: None,
        canonical: None,
        similarity: None,
    }
}

/// Dates: stated and allowed days as ISO dates, bounds inclusive.
fn date_summary(d: &DateValue) -> Summary {
    let iso = |x: jiff::civil::Date| Scalar::Text(x.to_string());
    let stated = if d.first == d.last {
        vec![iso(d.first)]
    } else {
        vec![iso(d.first), iso(d.last)]
    };
    Summary {
        kind: Kind::Date,
        display: d.describe(),
        stated,
        qualifier: None,
        low: d.low.map(iso),
        high: d.high.map(iso),
        low_open: false,
        high_open: false,
        approx: d.approx,
        granularity: Some(d.granularity),
        canonical: None,
        similarity: None,
    }
}

/// Names and places have no bounds: the stated name, its canonical name and the similarity.
fn name_summary(kind: Kind, n: &Name) -> Summary {
    Summary {
        kind,
        display: n.describe(),
        stated: vec![Scalar::Text(n.written.clone())],
        qualifier: None,
        low: None,
        high: None,
        low_open: false,
        high_open: false,
        approx: false,
        granularity: None,
        canonical: n.canonical.clone(),
        similarity: Some(n.similarity),
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
            count("more than 12,500").relate(&count("more than 15,000"), &t),
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
            count("around 80,000").relate(&count("over 80,000"), &t),
            Relation::Same
        );
        assert_eq!(
            count("an estimated 80,000").relate(&count("80,000"), &t),
            Relation::Same
        );
        assert_eq!(
            count("over 80,000").relate(&count("80,000"), &t),
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
            "more than 12,500",
            "nearly 12,500",
            "12,500",
            "about 15,000",
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
    fn a_share_and_a_count_are_never_the_same_figure() {
        let t = Tolerance::default();
        assert_eq!(count("45%").relate(&count("45"), &t), Relation::Differ);
        assert_eq!(count("45").relate(&count("45%"), &t), Relation::Differ);
    }

    fn duration(text: &str) -> Value {
        normalise(Kind::Duration, text, &Context::default())
            .value
            .unwrap()
    }

    #[test]
    fn calendar_lengths_are_the_same_as_their_days() {
        let t = Tolerance::default();
        let same = [
            ("a year", "365 days"),
            ("a year", "366 days"),
            ("a year", "12 months"),
            ("three months", "90 days"),
            ("two decades", "20 years"),
        ];
        for (a, b) in same {
            assert_eq!(
                duration(a).relate(&duration(b), &t),
                Relation::Same,
                "{a}/{b}"
            );
            assert_eq!(
                duration(b).relate(&duration(a), &t),
                Relation::Same,
                "{b}/{a}"
            );
        }
        let year_weeks = duration("a year").relate(&duration("52 weeks"), &t);
        assert_ne!(year_weeks, Relation::Conflict);
        assert_eq!(
            duration("a year").relate(&duration("two years"), &t),
            Relation::Conflict
        );
    }

    #[test]
    fn relative_dates_without_publication_are_unresolved_with_a_reason() {
        let n = normalise(Kind::Date, "on Wednesday", &Context::default());
        assert_eq!(n.value.unwrap_err().reason, Reason::NoPublicationDate);
    }
}
