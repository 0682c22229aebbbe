//! A report whose observations stay in a spill file: the claims are judged one at a time
//! (pass 1), and the JSON reads each claim's observations back while it writes them (pass 2),
//! so memory holds the verdicts and the sources, never every observation at once.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{claim_entry, into_observation_entry, json, Claim, ObservationEntry, Report, SourceId};
use crate::diff;
use crate::ordered;
use crate::rules::RuleSet;
use crate::scan::Spilled;
use crate::spill::{decode_observation, decode_statement, Order, RawBatch, Spill};
use crate::value::Value;

/// A judged report whose observations are still in the spill file.
#[derive(Debug)]
pub struct SpilledReport<'r> {
    /// The report; every claim's `observations` are empty (see [`SpilledReport::into_report`]).
    pub report: Report,
    evidence: Evidence<'r>,
}

/// Gives the baseline note that accepts a claim, if any.
pub type Accept<'a> = dyn Fn(&Claim) -> Option<String> + Sync + 'a;

impl<'r> SpilledReport<'r> {
    /// Judges the claims of a spilled scan one at a time; `accept`, when there is a
    /// baseline, gives the note that accepts a claim (shown with its observations), if any.
    /// Without one, a claim's observations are never turned into report entries here.
    pub fn build(rules: &'r RuleSet, scan: Spilled, accept: Option<&Accept>) -> io::Result<Self> {
        let Spilled {
            sources,
            observations: mut spill,
            diagnostics,
        } = scan;
        // One copy of the sources, whose ids every claim's lists share.
        let source_id = |i: usize| sources.get(i).map_or_else(|| "".into(), |s| s.id.clone());
        let outlet = |i: usize| {
            sources
                .get(i)
                .map_or_else(String::new, |s| s.outlet.clone())
        };
        // Judging a claim holds ~100 bytes per observation: claims with many are judged one
        // at a time (reading them back is parallel still), the others in parallel, one per
        // thread at a time, the largest first.
        let mut by_size: Vec<usize> = (0..rules.rules.len()).collect();
        by_size.sort_by_key(|&rule| std::cmp::Reverse(spill.count(rule)));
        let large = by_size.partition_point(|&rule| spill.count(rule) > JUDGED_ALONE);
        let (alone, together) = by_size.split_at(large);
        let mut judged = Vec::with_capacity(rules.rules.len());
        let mut orders = Vec::with_capacity(rules.rules.len());
        let mut keep = |claim: io::Result<(usize, Claim, Option<Order>)>| {
            let (rule, entry, order) = claim?;
            judged.push((rule, entry));
            orders.push((rule, order));
            Ok::<(), io::Error>(())
        };
        let spilled = &spill;
        let judge = |&rule: &usize| judge_claim(rules, spilled, rule, &outlet, &source_id);
        ordered::map_in_order(alone.iter(), 1, judge, &mut keep)?;
        let threads = rayon::current_num_threads();
        ordered::map_in_order(together.iter(), threads, judge, &mut keep)?;
        for (rule, order) in orders {
            // The second pass reads them in the finding's order.
            if let Some(order) = order {
                spill.set_order(rule, order);
            }
        }
        judged.sort_by_key(|(rule, c)| diff::report_order(c.verdict, *rule));
        let (rule_of_claim, claims) = judged.into_iter().unzip();
        let mut report = Report::from_claims(rules, sources, claims, diagnostics);
        let evidence = Evidence {
            rules,
            spill,
            rule_of_claim,
            ids: report.sources.iter().map(|s| s.id.clone()).collect(),
            entries: json::Fragments::at_depth(json::OBSERVATION_DEPTH),
        };
        if let Some(accept) = accept {
            // A baseline compares a claim with its observations: read back one claim's at a
            // time.
            for (i, claim) in report.claims.iter_mut().enumerate() {
                claim.observations = evidence.of_claim(i).collect::<io::Result<_>>()?;
                claim.accepted = accept(claim);
                claim.observations = Vec::new();
            }
        }
        Ok(SpilledReport { report, evidence })
    }

    /// Writes the report as JSON (the bytes of [`json::write`]), reading each claim's
    /// observations back as they are written.
    pub fn write_json(self, out: &mut dyn Write) -> io::Result<()> {
        let SpilledReport { report, evidence } = self;
        let streamed = report.map_claims(|claims| Claims {
            claims,
            evidence: &evidence,
        });
        json::write(&streamed, out)
    }

    /// The whole report, every observation read back into memory.
    pub fn into_report(self) -> io::Result<Report> {
        let SpilledReport {
            mut report,
            evidence,
        } = self;
        for (i, claim) in report.claims.iter_mut().enumerate() {
            claim.observations = evidence.of_claim(i).collect::<io::Result<_>>()?;
        }
        Ok(report)
    }
}

/// Claims with more observations than this are judged one at a time (a few megabytes each).
const JUDGED_ALONE: usize = 1 << 15;

/// Statements decoded together, as one piece of work, while a claim is judged.
const JUDGE_BATCH: usize = 512;

/// Judges rule `rule`'s claim from its spilled observations; gives its entry and, when they
/// must be reported in another order than the spill keeps them in, that order.
fn judge_claim(
    rules: &RuleSet,
    spill: &Spill,
    rule: usize,
    outlet: &impl Fn(usize) -> String,
    source_id: &impl Fn(usize) -> SourceId,
) -> io::Result<(usize, Claim, Option<Order>)> {
    // Only who states which value is read back, not the evidence. The spill keeps a rule's
    // records in reading order, which is the finding's order (by source, then place) as a
    // rule's matches in an article are ordered by place: then only the source and the value
    // of each are kept, 16 bytes.
    let mut values = Values::default();
    let mut read: Vec<(usize, usize)> = Vec::with_capacity(spill.count(rule));
    let mut last = None;
    let mut in_order = true;
    // Batches are decoded in the pool while this thread takes in the ones before.
    let mut raw = spill.read_raw(rule);
    let batches = std::iter::from_fn(|| raw.next_batch_of(JUDGE_BATCH));
    let ahead = 2 * rayon::current_num_threads();
    let decode = |batch: RawBatch| batch.decode_here(&decode_statement);
    ordered::map_in_order(batches, ahead, decode, |statements| {
        for r in statements {
            let (_, s) = r?;
            let key = (s.source, s.start);
            in_order &= last.is_none_or(|last| last <= key);
            last = Some(key);
            read.push((s.source, values.add(s.value)));
        }
        Ok::<(), io::Error>(())
    })?;
    let order = if in_order {
        None
    } else {
        // Read again, with each record's place, to put them in order.
        let mut placed = Vec::with_capacity(read.len());
        for (r, (_, v)) in spill.read_stated(rule).zip(&read) {
            let (at, s) = r?;
            placed.push((s.source, s.start, at, *v));
        }
        placed.sort_by_key(|&(source, start, ..)| (source, start));
        read = placed
            .iter()
            .map(|&(source, _, _, v)| (source, v))
            .collect();
        Some(Order::of(&placed.iter().map(|p| p.2).collect::<Vec<_>>()))
    };
    let stated: Vec<diff::Stated<'_>> = read
        .iter()
        .map(|&(source, v)| (source, values.get(v)))
        .collect();
    drop(read);
    let finding = diff::judge_stated(rules, rule, &stated, outlet);
    Ok((rule, claim_entry(rules, &finding, source_id), order))
}

/// One rule's values, each kept once however many observations state it: a claim that
/// thousands of sources state holds a handful of values.
#[derive(Debug, Default)]
struct Values {
    values: Vec<Result<Value, String>>,
    /// The place in `values` of each value's debug form (which prints every field, floats
    /// exactly: equal text, equal value).
    index: HashMap<String, usize>,
}

impl Values {
    fn add(&mut self, value: Result<Value, String>) -> usize {
        let values = &mut self.values;
        *self.index.entry(format!("{value:?}")).or_insert_with(|| {
            values.push(value);
            values.len() - 1
        })
    }

    fn get(&self, at: usize) -> &Result<Value, String> {
        &self.values[at]
    }
}

/// The claims' observations, read back as report entries.
#[derive(Debug)]
struct Evidence<'r> {
    rules: &'r RuleSet,
    spill: Spill,
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
            .map_or(0, |&rule| self.spill.count(rule))
    }

    fn of_claim(&self, claim: usize) -> impl Iterator<Item = io::Result<ObservationEntry>> + '_ {
        let rule = self.rule_of_claim.get(claim).copied().unwrap_or(usize::MAX);
        let source_id = |i: usize| self.ids.get(i).cloned().unwrap_or_else(|| "".into());
        self.spill.read(rule).map(move |r| {
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
        let mut raw = evidence.spill.read_raw(rule);
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
