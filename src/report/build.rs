//! The one report builder: [`build`] judges every claim of a store ([`diff::judge_all`]),
//! applies the baseline once, and gives a [`Built`] report whose observations stay in the
//! store until they are written (the JSON reads each claim's back while it writes them) or
//! read back whole ([`Built::into_report`], for every other view). Memory holds the verdicts
//! and the sources, never every observation at once.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{claim_entry, into_observation_entry, json, Claim, ObservationEntry, Report, SourceId};
use crate::diagnostic::Diagnostic;
use crate::diff;
use crate::ordered;
use crate::rules::RuleSet;
use crate::source::Source;
use crate::store::{decode_observation, Observed, Store};

/// A judged report whose observations are still in the store.
#[derive(Debug)]
pub struct Built<'r> {
    /// The report; every claim's `observations` are empty (see [`Built::into_report`]).
    pub report: Report,
    evidence: Evidence<'r>,
}

/// Gives the baseline note that accepts a claim, if any.
pub type Accept<'a> = dyn Fn(&Claim) -> Option<String> + Sync + 'a;

/// Judges the claims of `observed` and assembles the report; `accept`, when there is a
/// baseline, gives the note that accepts a claim (shown with its observations), if any.
/// Without one, a claim's observations are never turned into report entries here.
pub fn build<'r>(
    rules: &'r RuleSet,
    observed: Observed,
    accept: Option<&Accept>,
) -> io::Result<Built<'r>> {
    let Observed {
        sources,
        mut store,
        diagnostics,
    } = observed;
    let findings = diff::judge_all(rules, &mut store)?;
    let claims: Vec<Claim> = findings
        .par_iter()
        .map(|f| claim_entry(rules, f, &sources))
        .collect();
    let rule_of_claim = findings.iter().map(|f| f.rule).collect();
    drop(findings);
    let mut built = assemble(rules, sources, store, rule_of_claim, claims, diagnostics);
    if let Some(accept) = accept {
        // A baseline compares a claim with its observations: read back one claim's at a
        // time.
        for (i, claim) in built.report.claims.iter_mut().enumerate() {
            claim.observations = built.evidence.of_claim(i).collect::<io::Result<_>>()?;
            claim.accepted = accept(claim);
            claim.observations = Vec::new();
        }
    }
    Ok(built)
}

fn assemble(
    rules: &RuleSet,
    sources: Vec<Source>,
    store: Store,
    rule_of_claim: Vec<usize>,
    claims: Vec<Claim>,
    diagnostics: Vec<Diagnostic>,
) -> Built<'_> {
    let report = Report::from_claims(rules, sources, claims, diagnostics);
    let evidence = Evidence {
        rules,
        store,
        rule_of_claim,
        ids: report.sources.iter().map(|s| s.id.clone()).collect(),
        entries: json::Fragments::at_depth(json::OBSERVATION_DEPTH),
    };
    Built { report, evidence }
}

impl Built<'_> {
    /// Writes the report as JSON (the bytes of [`json::write`]), reading each claim's
    /// observations back as they are written.
    pub fn write_json(self, out: &mut dyn Write) -> io::Result<()> {
        let Built { report, evidence } = self;
        let streamed = report.map_claims(|claims| Claims {
            claims,
            evidence: &evidence,
        });
        json::write(&streamed, out)
    }

    /// The whole report, every observation read back into memory.
    pub fn into_report(self) -> io::Result<Report> {
        let Built {
            mut report,
            evidence,
        } = self;
        for (i, claim) in report.claims.iter_mut().enumerate() {
            claim.observations = evidence.of_claim(i).collect::<io::Result<_>>()?;
        }
        Ok(report)
    }
}

/// The claims' observations, read back as report entries.
#[derive(Debug)]
struct Evidence<'r> {
    rules: &'r RuleSet,
    store: Store,
    /// The rule of each claim, in report order.
    rule_of_claim: Vec<usize>,
    /// The id of each source.
    ids: Vec<SourceId>,
    /// How an observation entry is written in the JSON report.
    entries: json::Fragments,
}

impl Evidence<'_> {
    fn count(&self, claim: usize) -> usize {
        self.rule_of_claim
            .get(claim)
            .map_or(0, |&rule| self.store.count(rule))
    }

    fn of_claim(&self, claim: usize) -> impl Iterator<Item = io::Result<ObservationEntry>> + '_ {
        let rule = self.rule_of_claim.get(claim).copied().unwrap_or(usize::MAX);
        let source_id = |i: usize| self.ids.get(i).cloned().unwrap_or_else(|| "".into());
        self.store.read(rule).map(move |r| {
            let (_, o) = r?;
            let rel = self
                .rules
                .rules
                .get(rule)
                .and_then(|r| diff::versus_reference(r, &o.value));
            Ok(into_observation_entry(o, rel, &source_id))
        })
    }
}

impl Evidence<'_> {
    /// Turns a spilled record of a rule into its observation entry as JSON, serialised for
    /// its place in the report.
    fn json_entry(&self, line: &[u8], rule: usize) -> io::Result<Box<RawValue>> {
        let o = decode_observation(line, rule)?;
        let rel = self
            .rules
            .rules
            .get(rule)
            .and_then(|r| diff::versus_reference(r, &o.value));
        let source_id = |i: usize| self.ids.get(i).cloned().unwrap_or_else(|| "".into());
        self.entries.of(&into_observation_entry(o, rel, &source_id))
    }
}

/// The claims, serialised with their observations read back one at a time.
struct Claims<'a> {
    claims: Vec<Claim>,
    evidence: &'a Evidence<'a>,
}

impl Serialize for Claims<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.claims.len()))?;
        for (claim, c) in self.claims.iter().zip(0..) {
            let entries = ClaimEntries {
                evidence: self.evidence,
                claim: c,
            };
            seq.serialize_element(&claim.clone().with_observations(entries))?;
        }
        seq.end()
    }
}

/// One claim's observations, read back as they are serialised.
struct ClaimEntries<'a> {
    evidence: &'a Evidence<'a>,
    claim: usize,
}

impl Serialize for ClaimEntries<'_> {
    /// The entries are serialised in the pool's threads, a few batches at a time, while this
    /// thread writes the ones before, in order.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let evidence = self.evidence;
        let mut seq = s.serialize_seq(Some(evidence.count(self.claim)))?;
        let rule = evidence
            .rule_of_claim
            .get(self.claim)
            .copied()
            .unwrap_or(usize::MAX);
        let encode = |line: &[u8], rule: usize| evidence.json_entry(line, rule);
        let mut raw = evidence.store.read_raw(rule);
        let batches = std::iter::from_fn(|| raw.next_batch_of(WRITE_BATCH));
        let ahead = 2 * rayon::current_num_threads() + 2;
        ordered::map_in_order(
            batches,
            ahead,
            |batch| batch.decode_here(&encode),
            |entries| {
                entries.into_iter().try_for_each(|entry| {
                    let (_, entry) = entry.map_err(S::Error::custom)?;
                    seq.serialize_element(&entry)
                })
            },
        )?;
        seq.end()
    }
}

/// Observation entries serialised together, as one piece of work: enough to outweigh handing
/// it to a thread, few enough that the batches in flight take a few megabytes.
const WRITE_BATCH: usize = 256;
