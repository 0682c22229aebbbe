//! Judging every claim of a store: each rule's statements (who states which value) are read
//! back and handed to the one judge, [`super::judge`]. Claims are judged in parallel, the
//! largest first; a claim with very many observations is judged alone, so two large ones never
//! hold their statements at once.

use std::collections::HashMap;
use std::io;

use super::{judge, report_order, Finding, Stated};
use crate::corpus::When;
use crate::ordered;
use crate::rules::RuleSet;
use crate::store::{decode_statement, Order, RawBatch, Store};
use crate::value::{Unresolved, Value};

/// Claims with more observations than this are judged one at a time (a few megabytes each).
const JUDGED_ALONE: usize = 1 << 15;

/// Statements decoded together, as one piece of work, while a claim is judged.
const JUDGE_BATCH: usize = 512;

/// Judges every rule's observations in `store`; findings come most serious first, then in the
/// order the claims were written, and `store` reads each rule's observations back in its
/// finding's order (by source, then position) afterwards.
pub fn judge_all(rules: &RuleSet, store: &mut Store) -> io::Result<Vec<Finding>> {
    // Judging a claim holds ~16 bytes per observation: claims with many are judged one at a
    // time (reading them back is parallel still), the others in parallel, one per thread at
    // a time, the largest first.
    let mut by_size: Vec<usize> = (0..rules.rules.len()).collect();
    by_size.sort_by_key(|&rule| std::cmp::Reverse(store.count(rule)));
    let large = by_size.partition_point(|&rule| store.count(rule) > JUDGED_ALONE);
    let (alone, together) = by_size.split_at(large);
    let mut findings = Vec::with_capacity(rules.rules.len());
    let mut orders = Vec::with_capacity(rules.rules.len());
    let mut keep = |judged: io::Result<(Finding, Option<Order>)>| {
        let (finding, order) = judged?;
        orders.push((finding.rule, order));
        findings.push(finding);
        Ok::<(), io::Error>(())
    };
    let stored = &*store;
    let judge_one = |&rule: &usize| judge_rule(rules, stored, rule);
    ordered::map_in_order(alone.iter(), 1, judge_one, &mut keep)?;
    let threads = rayon::current_num_threads();
    ordered::map_in_order(together.iter(), threads, judge_one, &mut keep)?;
    for (rule, order) in orders {
        if let Some(order) = order {
            store.set_order(rule, order);
        }
    }
    findings.sort_by_key(|f| report_order(f.verdict, f.rule));
    Ok(findings)
}

/// Judges rule `rule` from its stored observations; gives its finding and, when they must be
/// read back in another order than the store keeps them in, that order.
fn judge_rule(rules: &RuleSet, store: &Store, rule: usize) -> io::Result<(Finding, Option<Order>)> {
    // Only who states which value is read back, not the evidence. The store keeps a rule's
    // records in reading order, which is the finding's order (by source, then place) as a
    // rule's matches in an article are ordered by place: then only the source and the value
    // of each are kept, 16 bytes.
    let mut values = Values::default();
    let mut read: Vec<Read> = Vec::with_capacity(store.count(rule));
    let mut parties = Parties::default();
    let mut last = None;
    let mut in_order = true;
    // Batches are decoded in the pool while this thread takes in the ones before.
    let mut raw = store.read_raw(rule);
    let batches = std::iter::from_fn(|| raw.next_batch_of(JUDGE_BATCH));
    let ahead = 2 * rayon::current_num_threads();
    let decode = |batch: RawBatch| batch.decode_here(&decode_statement);
    ordered::map_in_order(batches, ahead, decode, |statements| {
        for r in statements {
            let (_, s) = r?;
            let key = (s.source, s.start);
            in_order &= last.is_none_or(|last| last <= key);
            last = Some(key);
            let party = s.attributed_to.map(|p| parties.add(p));
            read.push((
                s.source,
                values.add(s.value),
                party,
                s.published,
                s.superseded,
            ));
        }
        Ok::<(), io::Error>(())
    })?;
    let order = if in_order {
        None
    } else {
        // Read again, with each record's place, to put them in order.
        let mut placed = Vec::with_capacity(read.len());
        for (r, &(_, v, p, when, old)) in store.read_stated(rule).zip(&read) {
            let (at, s) = r?;
            placed.push((s.source, s.start, at, (s.source, v, p, when, old)));
        }
        placed.sort_by_key(|&(source, start, ..)| (source, start));
        read = placed.iter().map(|p| p.3).collect();
        Some(Order::of(&placed.iter().map(|p| p.2).collect::<Vec<_>>()))
    };
    let stated: Vec<Stated<'_>> = read
        .iter()
        .map(|&(source, v, p, at, superseded)| Stated {
            source,
            value: values.get(v),
            party: p.map(|p| parties.get(p)),
            at,
            superseded,
        })
        .collect();
    drop(read);
    Ok((judge(rules, rule, &stated), order))
}

/// One statement as judging keeps it: source, value and party (by their places), when, and
/// whether the article marks it as an earlier figure.
type Read = (usize, usize, Option<usize>, Option<When>, bool);

/// The parties a rule's values are attributed to, each kept once.
#[derive(Debug, Default)]
struct Parties {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Parties {
    fn add(&mut self, party: String) -> usize {
        let names = &mut self.names;
        *self.index.entry(party.clone()).or_insert_with(|| {
            names.push(party);
            names.len() - 1
        })
    }

    fn get(&self, at: usize) -> &str {
        &self.names[at]
    }
}

/// One rule's values, each kept once however many observations state it: a claim that
/// thousands of sources state holds a handful of values.
#[derive(Debug, Default)]
struct Values {
    values: Vec<Result<Value, Unresolved>>,
    /// The place in `values` of each value's debug form (which prints every field, floats
    /// exactly: equal text, equal value).
    index: HashMap<String, usize>,
}

impl Values {
    fn add(&mut self, value: Result<Value, Unresolved>) -> usize {
        let values = &mut self.values;
        *self.index.entry(format!("{value:?}")).or_insert_with(|| {
            values.push(value);
            values.len() - 1
        })
    }

    fn get(&self, at: usize) -> &Result<Value, Unresolved> {
        &self.values[at]
    }
}
