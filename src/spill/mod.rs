//! The spill file: observations parked in an anonymous temporary file while a large corpus is
//! scanned, so memory holds where each one is (its byte offset, grouped by rule) and, while
//! writing, at most one block of text per rule (32 KB, or one larger record). Records are the
//! observation lines of [`crate::shard`], one JSON object a line, written in blocks of one
//! rule's records, so a rule's observations are read back from a few contiguous stretches of
//! the file rather than one small record in every buffer's worth.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

mod offsets;

use rayon::prelude::*;
use serde::Deserialize;

use crate::observation::Observation;
use crate::rules::RuleSet;
use crate::shard;
use crate::value::Value;
use offsets::Offsets;

/// Bytes of one rule's records gathered before they are written as a block; also the read
/// buffer's size, so a block is read in one call.
const BLOCK: usize = 1 << 15;

/// Observations being written; [`SpillWriter::finish`] makes them readable.
#[derive(Debug)]
pub struct SpillWriter {
    file: BufWriter<File>,
    written: u64,
    by_rule: Vec<Offsets>,
    /// Each rule's records not yet written, and where each starts in it.
    pending: Vec<(Vec<u8>, Vec<usize>)>,
}

/// Observations encoded as records, ready for [`SpillWriter::push_encoded`]: the encoding
/// (most of the cost of spilling) can run in parallel, the writing in order.
#[derive(Debug, Default)]
pub struct Encoded {
    bytes: Vec<u8>,
    /// The rule of each record and where it is in `bytes`.
    records: Vec<(usize, std::ops::Range<usize>)>,
}

impl Encoded {
    /// Encodes `o` after the records already here.
    pub fn add(&mut self, rules: &RuleSet, o: &Observation) -> io::Result<()> {
        let start = self.bytes.len();
        serde_json::to_writer(&mut self.bytes, &shard::observation_record(rules, o))?;
        self.bytes.push(b'\n');
        self.records.push((o.rule, start..self.bytes.len()));
        Ok(())
    }
}

/// Observations written to a temporary file, readable rule by rule.
#[derive(Debug)]
pub struct Spill {
    file: File,
    by_rule: Vec<Offsets>,
}

impl SpillWriter {
    /// An empty spill file for the observations of `rules` (deleted when dropped).
    pub fn new(rules: &RuleSet) -> io::Result<Self> {
        Ok(SpillWriter {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
            written: 0,
            by_rule: vec![Offsets::default(); rules.rules.len()],
            pending: vec![(Vec::new(), Vec::new()); rules.rules.len()],
        })
    }

    /// Writes one observation; `o.rule` must index `rules`.
    pub fn push(&mut self, rules: &RuleSet, o: &Observation) -> io::Result<()> {
        let mut encoded = Encoded::default();
        encoded.add(rules, o)?;
        self.push_encoded(&encoded)
    }

    /// Writes observations encoded beforehand (in any thread), in their order.
    pub fn push_encoded(&mut self, encoded: &Encoded) -> io::Result<()> {
        for (rule, range) in &encoded.records {
            let record = &encoded.bytes[range.clone()];
            if *rule >= self.pending.len() {
                return Err(io::Error::other(format!("no rule {rule}")));
            }
            // A block never grows past BLOCK (unless one record is larger): it is written first.
            if self.pending[*rule].0.len() + record.len() > BLOCK {
                self.write_block(*rule)?;
            }
            let (block, starts) = &mut self.pending[*rule];
            starts.push(block.len());
            block.extend_from_slice(record);
        }
        Ok(())
    }

    /// Writes rule `rule`'s pending records and notes where each one is.
    fn write_block(&mut self, rule: usize) -> io::Result<()> {
        let (block, starts) = &mut self.pending[rule];
        self.file.write_all(block)?;
        for &start in starts.iter() {
            self.by_rule[rule].push(self.written + start as u64);
        }
        self.written += block.len() as u64;
        block.clear();
        starts.clear();
        Ok(())
    }

    /// Ends writing.
    pub fn finish(mut self) -> io::Result<Spill> {
        for rule in 0..self.pending.len() {
            self.write_block(rule)?;
        }
        let file = self.file.into_inner().map_err(|e| e.into_error())?;
        let mut by_rule = self.by_rule;
        by_rule.iter_mut().for_each(Offsets::shrink_to_fit);
        Ok(Spill { file, by_rule })
    }
}

impl Spill {
    /// How many observations rule `rule` has.
    pub fn count(&self, rule: usize) -> usize {
        self.by_rule.get(rule).map_or(0, Offsets::len)
    }

    /// Rule `rule`'s observations in their current order, each with its place in the file
    /// (for [`Spill::reorder`]). Readers share the file's position: read with one at a time.
    pub fn read(&self, rule: usize) -> Records<'_, Observation> {
        self.records(rule, |line, rule| {
            let record: shard::ObservationRecord =
                serde_json::from_slice(line).map_err(io::Error::other)?;
            record.into_observation(rule).map_err(io::Error::other)
        })
    }

    /// [`Spill::read`], reading of each observation only what judging needs: who states
    /// which value, and where. The evidence text is skipped, not decoded.
    pub fn read_stated(&self, rule: usize) -> Records<'_, Statement> {
        self.records(rule, |line, _| {
            let record: StatedRecord = serde_json::from_slice(line).map_err(io::Error::other)?;
            let value =
                shard::stated_value(record.value, record.unresolved).map_err(io::Error::other)?;
            Ok(Statement {
                source: record.source,
                start: record.span[0],
                value,
            })
        })
    }

    fn records<T>(&self, rule: usize, parse: Parse<T>) -> Records<'_, T> {
        Records {
            reader: BufReader::with_capacity(BLOCK, &self.file),
            at: None,
            offsets: self.by_rule.get(rule).map(Offsets::iter),
            rule,
            lines: Vec::new(),
            parse,
            ready: Vec::new().into_iter(),
        }
    }

    /// Sets the order [`Spill::read`] gives rule `rule`'s observations in: `places` are the
    /// places it gave, rearranged.
    pub fn reorder(&mut self, rule: usize, places: Vec<u64>) {
        if let Some(offsets) = self.by_rule.get_mut(rule) {
            if offsets.len() == places.len() {
                *offsets = Offsets::from_slice(&places);
            }
        }
    }
}

/// What one observation states: the source, where its value starts, and the value (or why
/// it is unresolved).
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    /// Index of the source.
    pub source: usize,
    /// Byte offset of the value in the article file.
    pub start: usize,
    /// The value, or why it could not be resolved.
    pub value: Result<Value, String>,
}

/// The fields of an observation record that [`Statement`] needs; the others are skipped.
#[derive(Deserialize)]
struct StatedRecord {
    source: usize,
    value: Option<Value>,
    unresolved: Option<String>,
    span: [usize; 2],
}

/// Turns a record line of rule `rule` into what is read.
type Parse<T> = fn(&[u8], usize) -> io::Result<T>;

/// Records read from the file before they are decoded together, in parallel.
const BATCH: usize = 1024;

/// The records of one rule, read back in order: a batch of lines is read, then decoded in
/// parallel (rayon).
#[derive(Debug)]
pub struct Records<'a, T> {
    reader: BufReader<&'a File>,
    /// The file position the reader is at; `None` before the first seek.
    at: Option<u64>,
    offsets: Option<offsets::Iter<'a>>,
    rule: usize,
    /// The lines of the batch being read, one after the other.
    lines: Vec<u8>,
    parse: Parse<T>,
    /// The decoded batch.
    ready: std::vec::IntoIter<io::Result<(u64, T)>>,
}

impl<T: Send> Iterator for Records<'_, T> {
    type Item = io::Result<(u64, T)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(next) = self.ready.next() {
            return Some(next);
        }
        // Where each line of the batch starts, and its offset in the file.
        let mut batch: Vec<(u64, usize)> = Vec::with_capacity(BATCH);
        self.lines.clear();
        let mut failed = None;
        while batch.len() < BATCH {
            let Some(offset) = self.offsets.as_mut().and_then(Iterator::next) else {
                break;
            };
            batch.push((offset, self.lines.len()));
            if let Err(e) = self.read_at(offset) {
                failed = Some(e);
                break;
            }
        }
        let (lines, rule, parse) = (&self.lines, self.rule, self.parse);
        let ends = batch.iter().skip(1).map(|b| b.1).chain([lines.len()]);
        let spans: Vec<(u64, std::ops::Range<usize>)> = batch
            .iter()
            .zip(ends)
            .map(|(&(offset, start), end)| (offset, start..end))
            .collect();
        let mut decoded: Vec<io::Result<(u64, T)>> = spans
            .into_par_iter()
            .map(|(offset, span)| parse(&lines[span], rule).map(|t| (offset, t)))
            .collect();
        if let Some(e) = failed {
            decoded.pop();
            decoded.push(Err(e));
            // Nothing is read after an error.
            self.offsets = None;
        }
        self.ready = decoded.into_iter();
        self.ready.next()
    }
}

impl<T> Records<'_, T> {
    /// Appends the record at `offset` to the batch's lines.
    fn read_at(&mut self, offset: u64) -> io::Result<()> {
        let buffered = self.reader.buffer().len() as u64;
        match self.at.and_then(|at| offset.checked_sub(at)) {
            // A record a little further on is often still in the buffer (n fits: n ≤ its size).
            Some(n) if n <= buffered => self.reader.seek_relative(n as i64)?,
            _ => {
                self.reader.seek(SeekFrom::Start(offset))?;
            }
        }
        let n = self.reader.read_until(b'\n', &mut self.lines)?;
        self.at = Some(offset + n as u64);
        Ok(())
    }
}
