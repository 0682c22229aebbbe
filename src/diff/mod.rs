//! The diff engine, the one judge: for each claim, [`judge`] compares the values its sources
//! state and gives one verdict, the consensus (when a majority of sources share a figure), the
//! outliers and any source that contradicts itself; [`judge_all`] judges every claim of a
//! store. Deterministic: same observations, same findings.

mod judging;

pub use judging::judge_all;

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use serde::Serialize;

use crate::corpus::When;
use crate::observation::Observation;
use crate::rules::{Rule, RuleSet};
use crate::value::{
    hedge::hedge_word, Alike, Kind, Qualifier, Relation, Tolerance, Unresolved, Value,
};

/// The verdict on one claim, from least to most serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// No source states it.
    NotFound,
    /// Sources mention it, but no value could be resolved.
    Unresolved,
    /// Only one source states it.
    SingleSource,
    /// Every stated figure is the same within tolerance.
    Agree,
    /// An `over_time` claim whose figures differ only by when they were stated: each source
    /// states the newest figure of its time.
    Revised,
    /// Stated figures differ, though the statements could all be true.
    Differ,
    /// The statements cannot all be true.
    Conflict,
}

impl Verdict {
    /// All verdicts, most serious first (report order).
    pub(crate) const BY_SEVERITY: [Verdict; 7] = [
        Verdict::Conflict,
        Verdict::Differ,
        Verdict::Revised,
        Verdict::Agree,
        Verdict::SingleSource,
        Verdict::Unresolved,
        Verdict::NotFound,
    ];

    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::NotFound => "not-found",
            Verdict::Unresolved => "unresolved",
            Verdict::SingleSource => "single-source",
            Verdict::Agree => "agree",
            Verdict::Revised => "revised",
            Verdict::Differ => "differ",
            Verdict::Conflict => "conflict",
        }
    }

    /// True for verdicts that are discrepancies.
    pub fn is_discrepancy(self) -> bool {
        matches!(self, Verdict::Differ | Verdict::Conflict)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The outcome for one claim.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Index of the rule.
    pub rule: usize,
    /// The verdict.
    pub verdict: Verdict,
    /// Every observation, by source then position, for a caller that reads them back from
    /// the store (the judge leaves it empty: the store keeps the evidence).
    pub observations: Vec<Observation>,
    /// The value a strict majority of the sources state, with those sources.
    pub consensus: Option<(Value, Vec<usize>)>,
    /// Sources that state a value outside the consensus.
    pub outliers: Vec<usize>,
    /// Sources that state two values that are not the same.
    pub internal: Vec<usize>,
    /// For each observation, how it relates to the claim's reference value (if any).
    pub versus_reference: Vec<Option<Relation>>,
    /// Remarks: qualifier differences and the like.
    pub notes: Vec<Note>,
    /// `over_time` claims: each distinct figure with when it was first and last stated and
    /// by whom, the oldest first (dated statements only); empty for other claims.
    pub timeline: Vec<Step>,
    /// `over_time` claims: sources that stated an older figure after a newer one was first
    /// stated elsewhere, beyond the claim's window.
    pub stale: Vec<Stale>,
}

/// One figure of a timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// The figure (as its first statement gives it).
    pub figure: Value,
    /// When it was first stated.
    pub first: When,
    /// When it was last stated.
    pub last: When,
    /// The sources that state it, in order.
    pub sources: Vec<usize>,
}

/// A source that stated an older figure after a newer one was out.
#[derive(Clone, Debug, PartialEq)]
pub struct Stale {
    /// The source.
    pub source: usize,
    /// What it stated.
    pub stated: Value,
    /// When it stated it.
    pub published: When,
    /// The newer figure first stated elsewhere before that (beyond the window).
    pub newer: Value,
    /// When the newer figure was first stated.
    pub newer_since: When,
}

/// A remark on a finding, as data; the report puts it in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// The sources state the same figure, hedged differently: each statement's hedge
    /// ([`Qualifier::Exact`] for none) and its source, in the finding's order.
    DifferentQualifiers(Vec<(Qualifier, usize)>),
    /// Figures attributed to different parties differ; they are not compared with each
    /// other: each party and the sources that attribute a figure to it, in order.
    DifferentParties(Vec<(String, Vec<usize>)>),
    /// The sources write one name (or place) in different ways that are all the same name:
    /// the kind, and each statement's name as written, how it is the same name as the first
    /// one ([`Alike`]; `None` when written alike) and its source, in the finding's order.
    SameName(Kind, Vec<(String, Option<Alike>, usize)>),
}

/// The order of findings: most serious first, then in the order the claims were written.
pub(crate) fn report_order(verdict: Verdict, rule: usize) -> (Option<usize>, usize) {
    (
        Verdict::BY_SEVERITY.iter().position(|v| *v == verdict),
        rule,
    )
}

/// How an observation of `rule` relates to the rule's reference value; `None` without a
/// reference or a resolved value.
pub fn versus_reference(rule: &Rule, value: &Result<Value, Unresolved>) -> Option<Relation> {
    match (&rule.reference, value) {
        (Some(reference), Ok(v)) => Some(v.relate(&reference.value, &rule.tolerance)),
        _ => None,
    }
}

/// What judging needs of one observation.
#[derive(Clone, Copy, Debug)]
pub struct Stated<'a> {
    /// The source that states it.
    pub source: usize,
    /// The value, or why it is unresolved.
    pub value: &'a Result<Value, Unresolved>,
    /// The party the sentence attributes it to.
    pub party: Option<&'a str>,
    /// When the source stated it.
    pub at: Option<When>,
    /// The article marks it as an earlier figure: not the source's statement.
    pub superseded: bool,
}

/// A resolved statement: source, value, party.
type Resolved<'a> = (usize, &'a Value, Option<&'a str>);

/// Whether two statements are one figure's: not when they are attributed to two different
/// parties ("organisers said 2 million, police 338,000" are two parties' figures).
fn comparable(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// Judges rule `rule` from what each observation states, in the finding's order (by source,
/// then position); the finding has no observations, its `versus_reference` follows `stated`.
/// Every claim is judged this way, without holding its observations' evidence.
pub fn judge(rules: &RuleSet, rule: usize, stated: &[Stated<'_>]) -> Finding {
    let r = &rules.rules[rule];
    let tol = &r.tolerance;
    // A figure the article marks as earlier ("up from 19") is shown, not judged.
    let current: Vec<&Stated<'_>> = stated.iter().filter(|s| !s.superseded).collect();
    // A rounded figure beside the precise one it rounds in the same article ("more than 150"
    // in the lede, "153" in the body) is that figure stated twice: the precise one is judged.
    let current: Vec<&Stated<'_>> = current
        .chunk_by(|a, b| a.source == b.source)
        .flat_map(|run| run.iter().copied().filter(|s| !rounds_its_own(s, run)))
        .collect();
    let resolved: Vec<Resolved<'_>> = current
        .iter()
        .filter_map(|s| s.value.as_ref().ok().map(|v| (s.source, v, s.party)))
        .collect();
    let sources: BTreeSet<usize> = resolved.iter().map(|(s, ..)| *s).collect();
    let distinct = distinct_values(&resolved);
    let mut timeline = Vec::new();
    let mut stale = Vec::new();
    let (worst, across_parties) = match r.over_time {
        None => worst_relation(&distinct, tol),
        Some(window) => {
            let dated: Vec<Timed<'_>> = current
                .iter()
                .filter_map(|s| s.value.as_ref().ok().map(|v| (s.source, v, s.party, s.at)))
                .collect();
            timeline = timeline_of(&dated, tol);
            stale = stale_sources(&dated, &timeline, window, tol);
            worst_over_time(&dated, &stale, window, tol)
        }
    };
    let internal = match r.over_time {
        None => self_contradicting(&resolved, tol),
        // Figures one article gives for different times ("151 as of Sunday … 156 on
        // Monday") are a timeline, not a contradiction.
        Some(window) => {
            let dated: Vec<Timed<'_>> = current
                .iter()
                .filter_map(|s| s.value.as_ref().ok().map(|v| (s.source, v, s.party, s.at)))
                .collect();
            contradicting_in_window(&dated, window, tol)
        }
    };
    let revised = timeline.len() > 1 && sources.len() > 1;
    let verdict = match (
        stated.is_empty(),
        current.is_empty(),
        resolved.is_empty(),
        worst,
    ) {
        (true, _, _, _) | (_, true, _, _) => Verdict::NotFound,
        (_, _, true, _) => Verdict::Unresolved,
        (_, _, _, Relation::Conflict) => Verdict::Conflict,
        (_, _, _, Relation::Differ) => Verdict::Differ,
        _ if sources.len() == 1 => Verdict::SingleSource,
        _ if revised => Verdict::Revised,
        _ => Verdict::Agree,
    };
    let (consensus, outliers) = match r.over_time {
        None => consensus(&distinct, sources.len(), tol),
        // A figure of an earlier time is no outlier: the stale sources are.
        Some(_) => {
            let late: BTreeSet<usize> = stale.iter().map(|s| s.source).collect();
            (None, late.into_iter().collect())
        }
    };
    let versus_reference = stated
        .iter()
        .map(|s| versus_reference(r, s.value))
        .collect();
    let mut notes = Vec::new();
    if across_parties {
        notes.push(parties_note(&resolved));
    }
    if matches!(verdict, Verdict::Agree | Verdict::SingleSource) {
        notes.extend(qualifier_note(&resolved));
        notes.extend(same_name_note(r.kind, &resolved));
    }
    Finding {
        rule,
        verdict,
        observations: Vec::new(),
        consensus,
        outliers,
        internal,
        versus_reference,
        notes,
        timeline,
        stale,
    }
}

/// Whether `s` is a bound ("more than 150") that a precise figure of the same source (`run`,
/// the source's statements) lies within ("153").
fn rounds_its_own(s: &Stated<'_>, run: &[&Stated<'_>]) -> bool {
    let Ok(v) = s.value else { return false };
    run.iter()
        .any(|o| matches!(o.value, Ok(w) if v.bounds(w) && comparable(s.party, o.party)))
}

/// A resolved statement with its time: source, value, party, when.
type Timed<'a> = (usize, &'a Value, Option<&'a str>, Option<When>);

/// The distinct figures of the dated statements (the same within tolerance is one figure),
/// each with when it was first and last stated and by whom, the first stated first.
fn timeline_of(dated: &[Timed<'_>], tol: &Tolerance) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    // Values shared in memory find their step once.
    let mut known: HashMap<*const Value, usize> = HashMap::new();
    for &(source, value, _, at) in dated {
        let Some(at) = at else { continue };
        let slot = match known.get(&(value as *const Value)) {
            Some(&slot) => Some(slot),
            None => steps
                .iter()
                .position(|s| s.figure.relate(value, tol) == Relation::Same),
        };
        match slot.map(|i| (i, &mut steps[i])) {
            Some((i, step)) => {
                known.insert(value as *const Value, i);
                if at.earliest() < step.first.earliest() {
                    step.first = at;
                }
                if at.latest() > step.last.latest() {
                    step.last = at;
                }
                // Statements come by source: a source seen before is the last one.
                if step.sources.last() != Some(&source) {
                    step.sources.push(source);
                }
            }
            None => {
                known.insert(value as *const Value, steps.len());
                steps.push(Step {
                    figure: value.clone(),
                    first: at,
                    last: at,
                    sources: vec![source],
                });
            }
        }
    }
    steps.sort_by_key(|s| (s.first.earliest(), s.first.latest()));
    steps
}

/// The step of the timeline that `value` belongs to.
fn step_of(timeline: &[Step], value: &Value, tol: &Tolerance) -> Option<usize> {
    timeline
        .iter()
        .position(|s| s.figure.relate(value, tol) == Relation::Same)
}

/// Statements of a figure made after a newer figure had been first stated elsewhere more
/// than `window` seconds before: each source once, against the newest figure it could have
/// known.
fn stale_sources(
    dated: &[Timed<'_>],
    timeline: &[Step],
    window: i64,
    tol: &Tolerance,
) -> Vec<Stale> {
    let mut stale: Vec<Stale> = Vec::new();
    let mut listed = BTreeSet::new();
    let mut steps: HashMap<*const Value, Option<usize>> = HashMap::new();
    for &(source, value, _, at) in dated {
        let own = *steps
            .entry(value as *const Value)
            .or_insert_with(|| step_of(timeline, value, tol));
        let (Some(at), Some(own)) = (at, own) else {
            continue;
        };
        let newer = timeline
            .iter()
            .enumerate()
            .filter(|(i, s)| {
                *i > own
                    && s.first.earliest() > timeline[own].first.earliest()
                    && s.first.latest() + window < at.earliest()
            })
            .map(|(_, s)| s)
            .next_back();
        if let Some(newer) = newer {
            if !listed.insert(source) {
                continue;
            }
            stale.push(Stale {
                source,
                stated: value.clone(),
                published: at,
                newer: newer.figure.clone(),
                newer_since: newer.first,
            });
        }
    }
    stale.sort_by_key(|s| s.source);
    stale
}

/// The most serious relation that time does not explain: between two statements made within
/// `window` of each other (or of which one is undated), and between a stale statement and
/// the newer figure it missed. As for claims without time, figures of different parties
/// differ at most (the second value says whether such a difference was seen).
fn worst_over_time(
    dated: &[Timed<'_>],
    stale: &[Stale],
    window: i64,
    tol: &Tolerance,
) -> (Relation, bool) {
    let mut worst = Relation::Same;
    let mut across = false;
    // Each distinct value of each party once, with the times it was stated for: distinct
    // values are few, statements may be very many.
    let mut index: HashMap<(*const Value, Option<&str>), usize> = HashMap::new();
    let mut groups: Vec<TimedValue<'_>> = Vec::new();
    for &(_, value, party, at) in dated {
        let slot = *index
            .entry((value as *const Value, party))
            .or_insert_with(|| {
                groups.push(TimedValue {
                    value,
                    party,
                    times: Vec::new(),
                    undated: false,
                });
                groups.len() - 1
            });
        match at {
            Some(at) => groups[slot].times.push((at.earliest(), at.latest())),
            None => groups[slot].undated = true,
        }
    }
    let spans: Vec<Spans> = groups.iter().map(|g| Spans::of(&g.times)).collect();
    for (i, a) in groups.iter().enumerate() {
        for (j, b) in groups.iter().enumerate().skip(i + 1) {
            let relation = a.value.relate(b.value, tol);
            if relation == Relation::Same {
                continue;
            }
            // Time explains a difference only between statements more than `window` apart;
            // an undated statement is close to every other.
            let close = a.undated || b.undated || spans[j].near_any(&a.times, window);
            if !close {
                continue;
            }
            if comparable(a.party, b.party) {
                worst = worst.max(relation);
            } else {
                across = true;
                worst = worst.max(relation.min(Relation::Differ));
            }
        }
    }
    for s in stale {
        worst = worst.max(s.stated.relate(&s.newer, tol));
    }
    (worst, across)
}

/// A distinct value of one party and the times it was stated for (first and last second of
/// each), and whether it was also stated undated.
struct TimedValue<'a> {
    value: &'a Value,
    party: Option<&'a str>,
    times: Vec<(i64, i64)>,
    undated: bool,
}

/// Times sorted by their first second, with the latest last second up to each: which of
/// them come within a window of a time is found by a binary search.
struct Spans {
    starts: Vec<i64>,
    latest_end: Vec<i64>,
}

impl Spans {
    fn of(times: &[(i64, i64)]) -> Spans {
        let mut sorted = times.to_vec();
        sorted.sort_unstable();
        let mut latest = i64::MIN;
        let latest_end = sorted
            .iter()
            .map(|&(_, end)| {
                latest = latest.max(end);
                latest
            })
            .collect();
        Spans {
            starts: sorted.iter().map(|t| t.0).collect(),
            latest_end,
        }
    }

    /// Whether any of these times is within `window` of any of `times`.
    fn near_any(&self, times: &[(i64, i64)], window: i64) -> bool {
        times.iter().any(|&(start, end)| {
            // Those that start no later than `end + window`; of them, one must end no
            // earlier than `start - window`.
            let upto = self
                .starts
                .partition_point(|&s| s <= end.saturating_add(window));
            upto > 0 && self.latest_end[upto - 1] >= start.saturating_sub(window)
        })
    }
}

/// The distinct values among `resolved`, in order of first appearance, each with the sources
/// stating it. Identical values are always the same (`relate` is reflexive), so comparing
/// distinct values alone keeps the diff near-linear in the number of observations.
fn distinct_values<'a>(resolved: &[Resolved<'a>]) -> Vec<Distinct<'a>> {
    let mut index: HashMap<(String, Option<&str>), usize> = HashMap::new();
    // Observations may share one value in memory (a spilled scan's are read back so): the
    // same place, the same value, without writing it out.
    let mut by_place: HashMap<(*const Value, Option<&str>), usize> = HashMap::new();
    let mut distinct: Vec<Distinct<'a>> = Vec::new();
    for &(source, value, party) in resolved {
        let slot = *by_place
            .entry((value as *const Value, party))
            .or_insert_with(|| {
                // The debug form prints every field, floats exactly: equal text, equal value.
                *index
                    .entry((format!("{value:?}"), party))
                    .or_insert_with(|| {
                        distinct.push((value, party, BTreeSet::new()));
                        distinct.len() - 1
                    })
            });
        distinct[slot].2.insert(source);
    }
    distinct
}

/// A distinct value, the party it is attributed to, and the sources that state it so.
type Distinct<'a> = (&'a Value, Option<&'a str>, BTreeSet<usize>);

/// The most serious relation between any two of the values, and whether values attributed
/// to different parties differ (such a difference is at most [`Relation::Differ`]).
///
/// A figure stated without attribution that is one party's figure (the same as a figure
/// attributed to it) is that party's figure as far as the other parties are concerned.
fn worst_relation(distinct: &[Distinct<'_>], tol: &Tolerance) -> (Relation, bool) {
    let mut worst = Relation::Same;
    let mut across = false;
    if distinct.iter().all(|(_, party, _)| party.is_none()) {
        // No parties (the common case): one figure's statements, compared until a conflict.
        for (i, (a, _, _)) in distinct.iter().enumerate() {
            for (b, _, _) in &distinct[i + 1..] {
                worst = worst.max(a.relate(b, tol));
                if worst == Relation::Conflict {
                    return (worst, false);
                }
            }
        }
        return (worst, false);
    }
    // For each unattributed value, a party whose figure it is.
    let party_of: Vec<Option<&str>> = distinct
        .iter()
        .map(|(a, pa, _)| match pa {
            Some(p) => Some(*p),
            None => distinct
                .iter()
                .find(|(b, pb, _)| pb.is_some() && a.relate(b, tol) == Relation::Same)
                .and_then(|(_, pb, _)| *pb),
        })
        .collect();
    for (i, (a, _, _)) in distinct.iter().enumerate() {
        for (j, (b, _, _)) in distinct.iter().enumerate().skip(i + 1) {
            let relation = a.relate(b, tol);
            if !comparable(party_of[i], party_of[j]) {
                // Each party said its figure: the statements can all be true, so the
                // difference is shown (never hidden) but is not a conflict.
                across |= relation != Relation::Same;
                worst = worst.max(relation.min(Relation::Differ));
                continue;
            }
            worst = worst.max(relation);
        }
    }
    (worst, across)
}

/// The parties figures are attributed to, each with the sources that attribute one to it.
fn parties_note(resolved: &[Resolved<'_>]) -> Note {
    let mut parties: Vec<(String, Vec<usize>)> = Vec::new();
    for &(source, _, party) in resolved {
        let Some(party) = party else { continue };
        match parties.iter_mut().find(|(p, _)| p == party) {
            Some((_, sources)) if sources.last() != Some(&source) => sources.push(source),
            Some(_) => {}
            None => parties.push((party.to_string(), vec![source])),
        }
    }
    Note::DifferentParties(parties)
}

/// Sources that state two values that are not the same; `resolved` is in the finding's
/// order, so each source's values are next to each other.
///
/// A rounded figure and a precise one inside its bounds ("more than 150" in the lede, "153"
/// in the body) are one statement made twice, not a contradiction.
fn self_contradicting(resolved: &[Resolved<'_>], tol: &Tolerance) -> Vec<usize> {
    debug_assert!(resolved.windows(2).all(|w| w[0].0 <= w[1].0));
    resolved
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| {
            run.iter().enumerate().any(|(i, (_, a, pa))| {
                run[i + 1..].iter().any(|(_, b, pb)| {
                    comparable(*pa, *pb)
                        && a.relate(b, tol) != Relation::Same
                        && !a.bounds(b)
                        && !b.bounds(a)
                })
            })
        })
        .map(|run| run[0].0)
        .collect()
}

/// [`self_contradicting`] for statements with times: two figures of one source contradict
/// each other only when they are stated for times within `window` of each other.
fn contradicting_in_window(dated: &[Timed<'_>], window: i64, tol: &Tolerance) -> Vec<usize> {
    dated
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| {
            run.iter().enumerate().any(|(i, &(_, a, pa, ta))| {
                run[i + 1..].iter().any(|&(_, b, pb, tb)| {
                    let close = match (ta, tb) {
                        (Some(ta), Some(tb)) => ta.apart(&tb) <= window,
                        _ => true,
                    };
                    close
                        && comparable(pa, pb)
                        && a.relate(b, tol) != Relation::Same
                        && !a.bounds(b)
                        && !b.bounds(a)
                })
            })
        })
        .map(|run| run[0].0)
        .collect()
}

/// Groups values that are the same; the group stated by a strict majority of the sources
/// (and by at least two) is the consensus.
fn consensus(
    distinct: &[Distinct<'_>],
    n_sources: usize,
    tol: &Tolerance,
) -> (Option<(Value, Vec<usize>)>, Vec<usize>) {
    let mut groups: Vec<(&Value, BTreeSet<usize>)> = Vec::new();
    for (value, _, stated_by) in distinct {
        match groups
            .iter_mut()
            .find(|(rep, _)| rep.relate(value, tol) == Relation::Same)
        {
            Some((_, members)) => members.extend(stated_by),
            None => groups.push((value, stated_by.clone())),
        }
    }
    let best = groups
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, m))| (m.len(), std::cmp::Reverse(*i)));
    let Some((best_idx, (rep, members))) = best else {
        return (None, Vec::new());
    };
    if members.len() < 2 || members.len() * 2 <= n_sources {
        return (None, Vec::new());
    }
    let outliers: BTreeSet<usize> = groups
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best_idx)
        .flat_map(|(_, (_, m))| m.iter().copied())
        .collect();
    (
        (Some(((*rep).clone(), members.iter().copied().collect()))),
        outliers.into_iter().collect(),
    )
}

/// The hedges of a figure stated with more than one (no hedge counting as one).
fn qualifier_note(resolved: &[Resolved<'_>]) -> Option<Note> {
    let stated: Vec<(Qualifier, usize)> = resolved
        .iter()
        .filter_map(|&(source, value, _)| value.qualifier().map(|q| (q, source)))
        .collect();
    let first = stated.first()?.0;
    let word = |q: Qualifier| (q != Qualifier::Exact).then(|| hedge_word(q));
    stated
        .iter()
        .any(|&(q, _)| word(q) != word(first))
        .then_some(Note::DifferentQualifiers(stated))
}

/// Names (or places) written in more than one way, all the same name: how each is the same
/// as the first.
fn same_name_note(kind: Kind, resolved: &[Resolved<'_>]) -> Option<Note> {
    let &(_, first, _) = resolved.first()?;
    let forms: Vec<(String, Option<Alike>, usize)> = resolved
        .iter()
        .map(|&(source, v, _)| (v.describe(), first.alike(v), source))
        .collect();
    forms
        .iter()
        .any(|(_, how, _)| how.is_some())
        .then_some(Note::SameName(kind, forms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{compile, load::parse_claim_file};
    use crate::value::{normalise, Context};

    fn count(raw: &str) -> Result<Value, Unresolved> {
        normalise(Kind::Count, raw, &Context::default()).value
    }

    #[test]
    fn shared_and_copied_values_are_judged_alike() {
        let yaml = "claims:\n  - id: homes\n    label: Homes\n    kind: count\n    patterns: ['{quantity} homes']\n";
        let file = parse_claim_file(std::path::Path::new("c.yaml"), yaml).unwrap();
        let rules = compile(&[file]).unwrap();
        let (forty, forty_again, fifty) = (count("40"), count("forty"), count("50"));
        // Sources 0 and 1 share one value in memory, source 2 states an equal copy; source 3
        // says 40 and then 50; source 4 says 50.
        let at = |source, value| Stated {
            source,
            value,
            party: None,
            at: None,
            superseded: false,
        };
        let stated: Vec<Stated<'_>> = vec![
            at(0, &forty),
            at(1, &forty),
            at(2, &forty_again),
            at(3, &forty),
            at(3, &fifty),
            at(4, &fifty),
        ];
        let f = judge(&rules, 0, &stated);
        assert_eq!(f.verdict, Verdict::Conflict);
        let (value, sources) = f.consensus.expect("a majority states 40");
        assert_eq!(Ok(value), forty);
        assert_eq!(sources, [0, 1, 2, 3]);
        assert_eq!(f.outliers, [3, 4]);
        assert_eq!(f.internal, [3], "only source 3 contradicts itself");
        assert!(f.observations.is_empty());
        assert_eq!(f.versus_reference.len(), stated.len());
    }

    fn over_time_rules() -> RuleSet {
        let yaml = "claims:\n  - id: toll\n    label: Toll\n    kind: count\n    over_time: true\n    window: 6h\n    patterns: ['{quantity} dead']\n";
        let file = parse_claim_file(std::path::Path::new("c.yaml"), yaml).unwrap();
        compile(&[file]).unwrap()
    }

    fn when(text: &str) -> Option<When> {
        When::parse(text)
    }

    #[test]
    fn over_time_differences_beyond_the_window_are_revisions() {
        let rules = over_time_rules();
        let (a, b, c) = (count("149"), count("151"), count("156"));
        let st = |source, value, at: &str| Stated {
            source,
            value,
            party: None,
            at: when(at),
            superseded: false,
        };
        let rising = [
            st(0, &a, "2031-05-10T08:00:00Z"),
            st(1, &b, "2031-05-11T08:00:00Z"),
            st(2, &c, "2031-05-12T08:00:00Z"),
        ];
        let f = judge(&rules, 0, &rising);
        assert_eq!(f.verdict, Verdict::Revised);
        assert_eq!(f.timeline.len(), 3);
        assert_eq!(f.timeline[2].sources, [2]);
        assert!(f.stale.is_empty() && f.consensus.is_none());
        // Within six hours of each other, 149 and 151 are a disagreement.
        let close = [
            st(0, &a, "2031-05-10T08:00:00Z"),
            st(1, &b, "2031-05-10T13:59:00Z"),
        ];
        assert_eq!(judge(&rules, 0, &close).verdict, Verdict::Conflict);
        // A day without a time holds every time of it.
        let day = [st(0, &a, "2031-05-10"), st(1, &b, "2031-05-10T23:00:00Z")];
        assert_eq!(judge(&rules, 0, &day).verdict, Verdict::Conflict);
        // An undated statement is compared as without time.
        let undated = [
            st(0, &a, "2031-05-10T08:00:00Z"),
            Stated {
                at: None,
                ..st(1, &b, "2031-05-12T08:00:00Z")
            },
        ];
        assert_eq!(judge(&rules, 0, &undated).verdict, Verdict::Conflict);
        // A source at 149 two days after 151 was out is stale.
        let late = [
            st(0, &a, "2031-05-10T08:00:00Z"),
            st(1, &b, "2031-05-11T08:00:00Z"),
            st(2, &a, "2031-05-12T08:00:00Z"),
        ];
        let f = judge(&rules, 0, &late);
        assert_eq!(f.verdict, Verdict::Conflict);
        assert_eq!(f.stale.len(), 1);
        assert_eq!(
            (f.stale[0].source, &f.stale[0].newer),
            (2, b.as_ref().unwrap())
        );
        assert_eq!(f.outliers, [2]);
    }

    #[test]
    fn superseded_and_rounded_figures_are_no_self_contradiction() {
        let yaml = "claims:\n  - id: toll\n    label: Toll\n    kind: count\n    patterns: ['{quantity} dead']\n";
        let file = parse_claim_file(std::path::Path::new("c.yaml"), yaml).unwrap();
        let rules = compile(&[file]).unwrap();
        let (now, before, rounded) = (count("25"), count("19"), count("more than 20"));
        let st = |source, value, superseded| Stated {
            source,
            value,
            party: None,
            at: None,
            superseded,
        };
        let f = judge(
            &rules,
            0,
            &[
                st(0, &rounded, false),
                st(0, &now, false),
                st(0, &before, true),
                st(1, &now, false),
            ],
        );
        assert_eq!(f.verdict, Verdict::Agree);
        assert!(f.internal.is_empty());
        let (a, b) = (count("more than 13,000"), count("more than 14,000"));
        let f = judge(&rules, 0, &[st(0, &a, false), st(1, &b, false)]);
        assert_eq!(f.verdict, Verdict::Differ);
    }
}
