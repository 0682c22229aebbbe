//! `claimdiff review`: applies the claims to a draft and reports where it departs from what
//! the sources and the curated references say — as diagnostics with severities that mean
//! something (error: contradicts the sources' consensus or the reference; warning: the sources
//! disagree, so attribute the figure; note: no source states it).

pub mod render;

use std::collections::BTreeSet;

use serde::Serialize;

use crate::corpus::{Article, When};
use crate::diff::{Finding, Step, Verdict};
use crate::observation::Observation;
use crate::rules::RuleSet;
use crate::value::{Kind, Relation, Summary, Unresolved, Value};

/// The version of the review JSON contract.
pub(crate) const REVIEW_SCHEMA_VERSION: u32 = 1;

/// How serious a departure is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The draft states a fact no source states.
    Note,
    /// The sources disagree on the fact; the draft should attribute its figure.
    Warning,
    /// The draft contradicts the sources' consensus or the curated reference.
    Error,
}

impl Level {
    /// The name printed in diagnostics.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What one source states, shown under a departure.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Statement {
    /// Source id.
    pub source: String,
    /// Its outlet.
    pub outlet: String,
    /// The text as written.
    pub raw: String,
    /// The normalised value, as a reader would say it.
    pub display: String,
    /// The source file.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// Why a statement of the draft is a departure, as data; [`render::message`] puts it in
/// words, and its [`Level`] follows from it.
#[derive(Clone, Debug, PartialEq)]
pub enum Why {
    /// The draft's value cannot be read: of the claim's kind, as written, and why.
    Unreadable {
        /// The claim's kind.
        kind: Kind,
        /// Why it cannot be read.
        why: Unresolved,
    },
    /// The draft's value departs from the curated reference.
    AgainstReference,
    /// A name that is only a variant of the claim's canonical name.
    OffCanonical {
        /// The name as the draft writes it.
        written: String,
        /// The canonical name.
        canonical: String,
    },
    /// No source states the fact.
    NotInSources,
    /// The sources disagree and the draft's value fits none of them.
    FitsNoSource,
    /// The sources disagree: the draft should say whose figure it gives (the outlets whose
    /// value it matches).
    Attribute {
        /// The outlets whose value the draft's matches.
        backing: Vec<String>,
    },
    /// The draft's value departs from what the sources agree on (as a reader says it).
    AgainstSources {
        /// The sources' value.
        consensus: String,
    },
    /// A claim that changes over time: the draft's value is not the sources' latest figure as
    /// of the draft's time.
    NotLatest {
        /// The latest figure, as a reader says it.
        latest: String,
        /// When it was first stated.
        since: String,
    },
}

impl Why {
    /// How serious a departure of this kind is.
    pub fn level(&self) -> Level {
        match self {
            Why::Unreadable { .. } | Why::NotInSources => Level::Note,
            Why::Attribute { .. } => Level::Warning,
            Why::AgainstReference
            | Why::OffCanonical { .. }
            | Why::FitsNoSource
            | Why::AgainstSources { .. }
            | Why::NotLatest { .. } => Level::Error,
        }
    }
}

/// One place where the draft departs from the sources.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Departure {
    /// Why it is a departure.
    #[serde(skip)]
    pub why: Why,
    /// How serious it is.
    pub level: Level,
    /// Claim id.
    pub claim: String,
    /// Claim label.
    pub label: String,
    /// What is wrong, in one sentence ([`render::message`] of `why`).
    pub message: String,
    /// The draft's text as written.
    pub raw: String,
    /// The draft's value, if it could be read.
    pub value: Option<Summary>,
    /// 1-based line in the draft.
    pub line: usize,
    /// 1-based column in the draft.
    pub column: usize,
    /// Byte range in the draft.
    pub span: [usize; 2],
    /// What the sources state.
    pub sources: Vec<Statement>,
    /// The curated reference, as "value (source)", when the claim has one.
    pub reference: Option<String>,
}

/// The whole review.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    /// Version of this contract.
    pub schema_version: u32,
    /// The draft's path.
    pub draft: String,
    /// The date relative dates in the draft resolve against.
    pub published: Option<String>,
    /// Claim ids the draft accepts with `<!-- claimdiff: allow ID -->`.
    pub allowed: Vec<String>,
    /// The departures, in draft order.
    pub departures: Vec<Departure>,
}

impl Review {
    /// The most serious level found.
    pub fn worst(&self) -> Option<Level> {
        self.departures.iter().map(|d| d.level).max()
    }
}

/// Reviews the draft's observations against the sources' findings.
pub fn review(
    rules: &RuleSet,
    findings: &[Finding],
    sources: &[Article],
    draft: &Article,
    draft_obs: &[Observation],
) -> Review {
    let allowed = allowed_claims(draft.body_text());
    let mut departures: Vec<Departure> = draft_obs
        .iter()
        .filter(|o| !allowed.contains(&rules.rules[o.rule].id))
        .filter_map(|o| {
            let finding = findings.iter().find(|f| f.rule == o.rule)?;
            judge(rules, finding, sources, o, draft.time)
        })
        .collect();
    departures.sort_by_key(|d| (d.span[0], d.claim.clone()));
    Review {
        schema_version: REVIEW_SCHEMA_VERSION,
        draft: draft.path.display().to_string(),
        published: draft.published.map(|d| d.to_string()),
        allowed: allowed.into_iter().collect(),
        departures,
    }
}

/// Claim ids named in `<!-- claimdiff: allow a, b -->` markers.
pub(crate) fn allowed_claims(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for part in text.split("<!--").skip(1) {
        let comment = part.split("-->").next().unwrap_or_default().trim();
        if let Some(ids) = comment
            .strip_prefix("claimdiff:")
            .map(str::trim)
            .and_then(|c| c.strip_prefix("allow"))
        {
            out.extend(
                ids.split([',', ' '])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
        }
    }
    out
}

fn judge(
    rules: &RuleSet,
    finding: &Finding,
    sources: &[Article],
    o: &Observation,
    draft_time: Option<When>,
) -> Option<Departure> {
    let rule = &rules.rules[o.rule];
    // Figures the sources themselves give as earlier ones are not what they state.
    let stated: Vec<&Observation> = finding
        .observations
        .iter()
        .filter(|s| !s.superseded)
        .collect();
    let statements: Vec<Statement> = stated
        .iter()
        .filter_map(|s| {
            s.value
                .as_ref()
                .ok()
                .map(|v| statement(&sources[s.source], s, v))
        })
        .collect();
    let reference = rule.reference.as_ref();
    let reference_text = reference.map(|r| format!("{} ({})", r.value.describe(), r.source));
    let why = match &o.value {
        Err(why) => Why::Unreadable {
            kind: rule.kind,
            why: why.clone(),
        },
        Ok(v) => {
            let against_reference = reference.map(|r| v.relate(&r.value, &rule.tolerance));
            let timed = rule.over_time.map(|window| (window, draft_time));
            let values: Vec<&Value> = stated
                .iter()
                .filter_map(|s| s.value.as_ref().ok())
                .collect();
            let asked = Asked {
                finding,
                values: &values,
                tol: &rule.tolerance,
                timed,
            };
            verdict_for(&asked, v, &statements, against_reference)?
        }
    };
    let value = o.value.as_ref().ok();
    let message = render::message(
        &rule.label,
        &o.raw,
        value,
        &statements,
        reference_text.as_deref(),
        &why,
    );
    Some(Departure {
        level: why.level(),
        why,
        claim: rule.id.clone(),
        label: rule.label.clone(),
        message,
        raw: o.raw.clone(),
        value: o.value.as_ref().ok().map(Value::summary),
        line: o.line,
        column: o.column,
        span: [o.span.start, o.span.end],
        sources: statements,
        reference: reference_text,
    })
}

/// What a draft's value is judged against: the claim's finding, the values its sources state
/// (in the finding's order, earlier figures left out), the tolerance, and for a claim that
/// changes over time its window and the draft's time.
struct Asked<'a> {
    finding: &'a Finding,
    values: &'a [&'a Value],
    tol: &'a crate::value::Tolerance,
    timed: Option<(i64, Option<When>)>,
}

fn verdict_for(
    asked: &Asked<'_>,
    v: &Value,
    statements: &[Statement],
    against_reference: Option<Relation>,
) -> Option<Why> {
    let (finding, tol) = (asked.finding, asked.tol);
    if matches!(
        against_reference,
        Some(Relation::Differ | Relation::Conflict)
    ) {
        return Some(Why::AgainstReference);
    }
    if let Some(why) = off_canonical(v) {
        return Some(why);
    }
    if statements.is_empty() {
        return Some(Why::NotInSources);
    }
    if let (Some((window, draft_time)), false) = (asked.timed, finding.timeline.is_empty()) {
        return not_latest(&finding.timeline, v, tol, window, draft_time);
    }
    if matches!(finding.verdict, Verdict::Differ | Verdict::Conflict) {
        let values = asked.values;
        // Above or below every source: no source backs it, however they disagree.
        if values
            .iter()
            .all(|sv| v.relate(sv, tol) == Relation::Conflict)
            || outside_every(v, values, tol)
        {
            return Some(Why::FitsNoSource);
        }
        // A clear majority is what the sources say, disagreeing outlets aside.
        if let Some((consensus, _)) = &finding.consensus {
            return match v.relate(consensus, tol) {
                Relation::Same => None,
                _ => Some(Why::AgainstSources {
                    consensus: consensus.describe(),
                }),
            };
        }
        // The canonical name needs no attribution, whatever variants the sources use.
        if matches!(v, Value::Name(n) | Value::Place(n) if n.exact && n.canonical.is_some()) {
            return None;
        }
        let backing = values
            .iter()
            .zip(statements)
            .filter(|(sv, _)| v.relate(sv, tol) == Relation::Same)
            .map(|(_, s)| s.outlet.clone())
            .collect();
        return Some(Why::Attribute { backing });
    }

    let consensus = finding
        .consensus
        .as_ref()
        .map(|(value, _)| value.clone())
        .or_else(|| {
            finding
                .observations
                .iter()
                .find_map(|o| o.value.clone().ok())
        })?;
    match v.relate(&consensus, tol) {
        Relation::Same => None,
        Relation::Differ | Relation::Conflict => Some(Why::AgainstSources {
            consensus: consensus.describe(),
        }),
    }
}

/// The figures a draft of `draft_time` may state: the latest first stated by then, and one it
/// replaced within `window` before (the draft may not have seen it yet). A draft without a
/// time is judged against the latest figure.
fn not_latest(
    timeline: &[Step],
    v: &Value,
    tol: &crate::value::Tolerance,
    window: i64,
    draft_time: Option<When>,
) -> Option<Why> {
    let known: Vec<&Step> = match draft_time {
        Some(t) => timeline
            .iter()
            .filter(|s| s.first.earliest() <= t.latest())
            .collect(),
        None => timeline.iter().collect(),
    };
    let latest = known.last().copied().or(timeline.first())?;
    let recent = |s: &Step| match draft_time {
        Some(t) => {
            t.earliest() - latest.first.latest() <= window
                && s.figure.relate(&latest.figure, tol) != Relation::Same
        }
        None => false,
    };
    let fits = v.relate(&latest.figure, tol) == Relation::Same
        || known
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|s| recent(s) && v.relate(&s.figure, tol) == Relation::Same);
    (!fits).then(|| Why::NotLatest {
        latest: latest.figure.describe(),
        since: latest.first.to_string(),
    })
}

/// Whether the draft's figure lies above the figure of every source, or below every one.
fn outside_every(v: &Value, values: &[&Value], tol: &crate::value::Tolerance) -> bool {
    let Some((low, high)) = stated_span(v) else {
        return false;
    };
    let spans: Option<Vec<(f64, f64)>> = values.iter().map(|s| stated_span(s)).collect();
    let Some(spans) = spans.filter(|s| !s.is_empty()) else {
        return false;
    };
    let none_same = values.iter().all(|s| v.relate(s, tol) != Relation::Same);
    none_same && (spans.iter().all(|s| low > s.1) || spans.iter().all(|s| high < s.0))
}

/// The stated figure (both ends of a stated range) of a count, a duration or a date (as day
/// numbers).
fn stated_span(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Count(m) | Value::Duration(m) => Some(m.stated),
        Value::Date(d) => {
            let epoch = jiff::civil::date(1970, 1, 1);
            let day = |date: jiff::civil::Date| f64::from((date - epoch).get_days());
            Some((day(d.first), day(d.last)))
        }
        Value::Name(_) | Value::Place(_) => None,
    }
}

/// A name that is only a variant of the claim's canonical name is an error whatever the
/// sources say: the canonical name is curated.
fn off_canonical(v: &Value) -> Option<Why> {
    let (Value::Name(name) | Value::Place(name)) = v else {
        return None;
    };
    let canonical = name.canonical.as_deref()?;
    (!name.exact).then(|| Why::OffCanonical {
        written: name.written.clone(),
        canonical: canonical.to_string(),
    })
}

fn statement(article: &Article, o: &Observation, v: &Value) -> Statement {
    Statement {
        source: article.id.clone(),
        outlet: article.outlet.clone(),
        raw: o.raw.clone(),
        display: v.describe(),
        path: article.path.display().to_string(),
        line: o.line,
        column: o.column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds of departure of each fixture draft, in draft order.
    fn whys(draft: &str) -> Vec<Why> {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review");
        let rules = crate::app::load_rules(&[fixtures.join("claims")]).expect("the claims load");
        let (sources, _) = crate::corpus::load_articles(&[fixtures.join("sources")]);
        let progress = crate::terminal::Progress::hidden();
        let mut observed = crate::store::observe_articles(&rules, &sources, Vec::new(), &progress)
            .expect("kept in memory");
        let mut findings = crate::diff::judge_all(&rules, &mut observed.store).expect("judged");
        for f in &mut findings {
            f.observations = observed
                .store
                .read(f.rule)
                .map(|r| r.expect("read").1)
                .collect();
        }
        let (draft, _) = crate::corpus::read_article(&fixtures.join("drafts").join(draft))
            .expect("the draft reads");
        let draft_obs =
            crate::observation::observe(&rules, &draft, 0, crate::extract::extract(&rules, &draft));
        let review = review(&rules, &findings, &sources, &draft, &draft_obs);
        review.departures.into_iter().map(|d| d.why).collect()
    }

    #[test]
    fn each_kind_of_departure_is_told_apart() {
        assert_eq!(
            whys("departures.md"),
            [
                Why::AgainstSources {
                    consensus: "about 2,000".into()
                },
                Why::NotInSources
            ]
        );
        assert!(
            matches!(&whys("formin.md")[..], [Why::OffCanonical { written, .. }] if written == "Alexander formin")
        );
        assert_eq!(whys("toll-low.md"), [Why::FitsNoSource]);
        // Above every source is an error, however the sources disagree among themselves.
        assert_eq!(whys("toll.md"), [Why::FitsNoSource]);
        assert_eq!(
            whys("toll-between.md"),
            [Why::Attribute { backing: vec![] }]
        );
        assert!(whys("clean.md").is_empty());
        assert_eq!(Why::Attribute { backing: vec![] }.level(), Level::Warning);
        assert_eq!(Why::NotInSources.level(), Level::Note);
    }

    #[test]
    fn allow_markers_name_claims() {
        let text = "Text <!-- claimdiff: allow death_toll --> more <!--claimdiff: allow a, b-->\n<!-- other -->";
        let ids: Vec<String> = allowed_claims(text).into_iter().collect();
        assert_eq!(ids, ["a", "b", "death_toll"]);
    }
}
