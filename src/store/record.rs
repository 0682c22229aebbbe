//! The store's records: how one observation is written in the store (one JSON object a line)
//! and how a value is written in any file of ours (the store and the shard files). These are
//! types of their own, versioned here, so changing the in-memory [`Value`] never changes a
//! file's layout by accident: a change to the value model must be mirrored here on purpose.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::corpus::When;
use crate::observation::Observation;
use crate::value::date::{DateHedge, DateValue, Granularity};
use crate::value::interval::Interval;
use crate::value::name::Name;
use crate::value::{Measure, Qualifier};
use crate::value::{Reason, Unresolved, Value};

/// One observation as the store keeps it; its rule is known from where it is kept.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StoredObservation {
    /// Index of the source.
    pub source: usize,
    /// The captured text, white space collapsed.
    pub raw: String,
    /// The normalised value; `null` when unresolved.
    pub value: Option<ValueRecord>,
    /// Why the value could not be resolved.
    pub unresolved: Option<UnresolvedRecord>,
    /// How the value was resolved.
    pub trace: Vec<String>,
    /// Byte range of the value in the article file.
    pub span: [usize; 2],
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// The sentence, white space collapsed.
    pub sentence: String,
    /// Byte range of the sentence.
    pub sentence_span: [usize; 2],
    /// The pattern that matched, as written.
    pub pattern: String,
    /// Who the sentence attributes the value to (absent when it does not say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<String>,
    /// When the source stated it (absent when unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<When>,
    /// The article marks the figure as an earlier one (absent when not).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub superseded: bool,
}

impl StoredObservation {
    /// The record of `o`.
    pub fn of(o: &Observation) -> Self {
        StoredObservation {
            source: o.source,
            raw: o.raw.clone(),
            value: o.value.as_ref().ok().map(ValueRecord::from),
            unresolved: o.value.as_ref().err().map(UnresolvedRecord::from),
            trace: o.trace.clone(),
            span: [o.span.start, o.span.end],
            line: o.line,
            column: o.column,
            sentence: o.sentence.clone(),
            sentence_span: [o.sentence_span.start, o.sentence_span.end],
            pattern: o.pattern.clone(),
            attributed_to: o.attributed_to.clone(),
            published: o.published,
            superseded: o.superseded,
        }
    }

    /// The observation this record holds, as one of rule `rule`'s.
    pub(crate) fn into_observation(self, rule: usize) -> Result<Observation, RecordError> {
        Ok(Observation {
            rule,
            source: self.source,
            raw: self.raw,
            value: stated_value(self.value, self.unresolved.map(Unresolved::from))?,
            trace: self.trace,
            span: span(self.span)?,
            line: self.line,
            column: self.column,
            sentence: self.sentence,
            sentence_span: span(self.sentence_span)?,
            pattern: self.pattern,
            attributed_to: self.attributed_to,
            published: self.published,
            superseded: self.superseded,
        })
    }
}

/// What is wrong with a record that parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Neither a value nor a reason it is unresolved.
    #[error("an observation needs `value` or `unresolved`")]
    NoValue,
    /// A byte range that ends before it starts.
    #[error("span [{0}, {1}] ends before it starts")]
    BackwardSpan(usize, usize),
}

/// A record's value, or why it is unresolved; an error when it has neither.
pub(crate) fn stated_value(
    value: Option<ValueRecord>,
    unresolved: Option<Unresolved>,
) -> Result<Result<Value, Unresolved>, RecordError> {
    match (value, unresolved) {
        (Some(v), _) => Ok(Ok(Value::from(v))),
        (None, Some(why)) => Ok(Err(why)),
        (None, None) => Err(RecordError::NoValue),
    }
}

/// Why a value is unresolved, as the store writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnresolvedRecord {
    /// Why, as data.
    pub reason: Reason,
    /// Why, in words.
    pub detail: String,
}

impl From<&Unresolved> for UnresolvedRecord {
    fn from(u: &Unresolved) -> Self {
        UnresolvedRecord {
            reason: u.reason,
            detail: u.detail.clone(),
        }
    }
}

impl From<UnresolvedRecord> for Unresolved {
    fn from(u: UnresolvedRecord) -> Self {
        Unresolved::new(u.reason, u.detail)
    }
}

/// A byte range as written, checked to run forwards.
pub(crate) fn span([start, end]: [usize; 2]) -> Result<Range<usize>, RecordError> {
    if end < start {
        return Err(RecordError::BackwardSpan(start, end));
    }
    Ok(start..end)
}

/// A value as our files write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum ValueRecord {
    /// A count.
    Count(MeasureRecord),
    /// A date.
    Date(DateRecord),
    /// A duration, in seconds.
    Duration(MeasureRecord),
    /// A name.
    Name(NameRecord),
    /// A place.
    Place(NameRecord),
}

/// A count or duration as our files write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MeasureRecord {
    /// The stated figure, or both ends of a range.
    pub stated: (f64, f64),
    /// The hedge.
    pub qualifier: Qualifier,
    /// Where the true value may lie.
    pub interval: IntervalRecord,
    /// The hedge makes the figure approximate.
    pub approx: bool,
    /// A share of a whole, in per cent.
    pub share: bool,
    /// Months or years: the shortest and longest calendar length as fractions of the
    /// average one. Absent for other figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<(f64, f64)>,
}

/// An interval as our files write it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IntervalRecord {
    /// Lower bound; `null` is minus infinity.
    pub low: Option<f64>,
    /// Upper bound; `null` is plus infinity.
    pub high: Option<f64>,
    /// The lower bound is excluded.
    pub low_open: bool,
    /// The upper bound is excluded.
    pub high_open: bool,
}

/// A date as our files write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DateRecord {
    /// First stated day.
    pub first: jiff::civil::Date,
    /// Last stated day.
    pub last: jiff::civil::Date,
    /// How precise the statement is.
    pub granularity: Granularity,
    /// The hedge.
    pub hedge: DateHedge,
    /// First possible day; `null` when unbounded.
    pub low: Option<jiff::civil::Date>,
    /// Last possible day; `null` when unbounded.
    pub high: Option<jiff::civil::Date>,
    /// The statement is approximate.
    pub approx: bool,
}

/// A name as our files write it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NameRecord {
    /// The words as written.
    pub written: String,
    /// The same, folded for comparison.
    pub folded: String,
    /// The canonical name it is a form or variant of.
    pub canonical: Option<String>,
    /// How similar it is to the closest known form.
    pub similarity: f64,
    /// It is exactly a known form.
    pub exact: bool,
    /// The threshold it was judged with.
    pub threshold: f64,
    /// Places: the places it lies in (absent for names and places in nothing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

impl From<&Value> for ValueRecord {
    fn from(v: &Value) -> Self {
        match v {
            Value::Count(m) => ValueRecord::Count(MeasureRecord::from(m)),
            Value::Date(d) => ValueRecord::Date(DateRecord::from(d)),
            Value::Duration(m) => ValueRecord::Duration(MeasureRecord::from(m)),
            Value::Name(n) => ValueRecord::Name(NameRecord::from(n)),
            Value::Place(n) => ValueRecord::Place(NameRecord::from(n)),
        }
    }
}

impl From<ValueRecord> for Value {
    fn from(v: ValueRecord) -> Self {
        match v {
            ValueRecord::Count(m) => Value::Count(Measure::from(m)),
            ValueRecord::Date(d) => Value::Date(DateValue::from(d)),
            ValueRecord::Duration(m) => Value::Duration(Measure::from(m)),
            ValueRecord::Name(n) => Value::Name(Name::from(n)),
            ValueRecord::Place(n) => Value::Place(Name::from(n)),
        }
    }
}

impl From<&Measure> for MeasureRecord {
    fn from(m: &Measure) -> Self {
        let i = &m.interval;
        MeasureRecord {
            stated: m.stated,
            qualifier: m.qualifier,
            interval: IntervalRecord {
                low: i.low,
                high: i.high,
                low_open: i.low_open,
                high_open: i.high_open,
            },
            approx: m.approx,
            share: m.share,
            calendar: m.calendar,
        }
    }
}

impl From<MeasureRecord> for Measure {
    fn from(m: MeasureRecord) -> Self {
        let i = m.interval;
        Measure {
            stated: m.stated,
            qualifier: m.qualifier,
            interval: Interval {
                low: i.low,
                high: i.high,
                low_open: i.low_open,
                high_open: i.high_open,
            },
            approx: m.approx,
            share: m.share,
            calendar: m.calendar,
        }
    }
}

impl From<&DateValue> for DateRecord {
    fn from(d: &DateValue) -> Self {
        DateRecord {
            first: d.first,
            last: d.last,
            granularity: d.granularity,
            hedge: d.hedge,
            low: d.low,
            high: d.high,
            approx: d.approx,
        }
    }
}

impl From<DateRecord> for DateValue {
    fn from(d: DateRecord) -> Self {
        DateValue {
            first: d.first,
            last: d.last,
            granularity: d.granularity,
            hedge: d.hedge,
            low: d.low,
            high: d.high,
            approx: d.approx,
        }
    }
}

impl From<&Name> for NameRecord {
    fn from(n: &Name) -> Self {
        NameRecord {
            written: n.written.clone(),
            folded: n.folded.clone(),
            canonical: n.canonical.clone(),
            similarity: n.similarity,
            exact: n.exact,
            threshold: n.threshold,
            within: n.within.clone(),
        }
    }
}

impl From<NameRecord> for Name {
    fn from(n: NameRecord) -> Self {
        Name {
            written: n.written,
            folded: n.folded,
            canonical: n.canonical,
            similarity: n.similarity,
            exact: n.exact,
            threshold: n.threshold,
            within: n.within,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{normalise, Context, Kind};

    #[test]
    fn an_unresolved_value_keeps_its_reason() {
        let why = Unresolved::new(Reason::NoPublicationDate, "on Monday needs a date");
        let json = serde_json::to_string(&UnresolvedRecord::from(&why)).unwrap();
        assert_eq!(
            json,
            r#"{"reason":"no-publication-date","detail":"on Monday needs a date"}"#
        );
        let back: UnresolvedRecord = serde_json::from_str(&json).unwrap();
        assert_eq!(Unresolved::from(back), why);
    }

    /// The layout of a record, pinned: a change here must bump
    /// [`super::super::RECORD_VERSION`] (and `shard::FORMAT_VERSION` when observation files
    /// change too).
    #[test]
    fn a_record_is_laid_out_as_version_1_says() {
        assert_eq!(super::super::RECORD_VERSION, 4);
        let value = normalise(Kind::Count, "more than 13,000", &Context::default()).value;
        let o = Observation {
            rule: 0,
            source: 2,
            raw: "more than 13,000".into(),
            value,
            trace: vec!["hedge".into()],
            span: 10..26,
            line: 3,
            column: 5,
            sentence: "More than 13,000 people have died.".into(),
            sentence_span: 0..34,
            pattern: "{quantity} people".into(),
            attributed_to: Some("police".into()),
            published: crate::corpus::When::parse("2022-10-30T09:00:00+09:00"),
            superseded: true,
        };
        let json = serde_json::to_string(&StoredObservation::of(&o)).unwrap();
        assert_eq!(
            json,
            r#"{"source":2,"raw":"more than 13,000","value":{"Count":{"stated":[13000.0,13000.0],"qualifier":"more_than","interval":{"low":13000.0,"high":null,"low_open":true,"high_open":false},"approx":false,"share":false}},"unresolved":null,"trace":["hedge"],"span":[10,26],"line":3,"column":5,"sentence":"More than 13,000 people have died.","sentence_span":[0,34],"pattern":"{quantity} people","attributed_to":"police","published":{"seconds":1667088000,"offset":32400,"day_only":false},"superseded":true}"#
        );
        let back: StoredObservation = serde_json::from_str(&json).unwrap();
        let back = back.into_observation(0).unwrap();
        assert_eq!(
            (back.value, back.span, back.attributed_to),
            (o.value, o.span, o.attributed_to)
        );
        assert_eq!((back.published, back.superseded), (o.published, true));
    }

    #[test]
    fn a_month_keeps_its_calendar_lengths() {
        let value = normalise(Kind::Duration, "three months", &Context::default())
            .value
            .unwrap();
        let back = Value::from(ValueRecord::from(&value));
        assert_eq!(back, value);
    }
}
