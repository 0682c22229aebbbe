//! The observation store: every observation of a run, grouped by rule, as records (one JSON
//! object a line, `record`) kept in memory for small runs or in an anonymous temporary file
//! for large ones. Both backings are read the same way, so the judge and the report have one
//! road whatever the size. Memory holds where each record is (its byte offset, grouped by rule)
//! and, while writing, at most one block of records per rule (32 KB, or one larger record):
//! a rule's observations are read back from a few contiguous stretches rather than one small
//! record in every buffer's worth.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Seek, SeekFrom, Write};

mod fill;
mod offsets;
mod positioned;
pub(crate) mod record;

pub use crate::scan::CHUNK;
pub use fill::{observe_articles, scan_files, scan_files_dated, Observed};

use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::When;
use crate::observation::Observation;
use crate::rules::RuleSet;
use crate::value::{Unresolved, Value};
use offsets::Offsets;
use positioned::{Backing, Positioned};
use record::{RecordError, StoredObservation, ValueRecord};

/// The version of the store's record layout (`record`). The store lives for one run, so a
/// change needs no migration; the number says which layout this build writes, and a test
/// pins the layout to it.
pub const RECORD_VERSION: u32 = 4;

/// Bytes of one rule's records gathered before they are written as a block; also the read
/// buffer's size, so a block is read in one call.
const BLOCK: usize = 1 << 15;

/// Observations being written; [`StoreWriter::finish`] makes them readable.
#[derive(Debug)]
pub struct StoreWriter {
    sink: Sink,
    written: u64,
    by_rule: Vec<Offsets>,
    /// Each rule's records not yet written, and where each starts in it.
    pending: Vec<(Vec<u8>, Vec<usize>)>,
}

/// Where records are written.
#[derive(Debug)]
enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

/// Observations encoded as records, ready for [`StoreWriter::push_encoded`]: the encoding
/// (most of the cost of spilling) can run in parallel, the writing in order.
#[derive(Debug, Default)]
pub(crate) struct Encoded {
    bytes: Vec<u8>,
    /// The rule of each record and where it is in `bytes`.
    records: Vec<(usize, std::ops::Range<usize>)>,
}

impl Encoded {
    /// Encodes `o` after the records already here.
    pub(crate) fn add(&mut self, o: &Observation) -> io::Result<()> {
        let start = self.bytes.len();
        serde_json::to_writer(&mut self.bytes, &StoredObservation::of(o))?;
        self.bytes.push(b'\n');
        self.records.push((o.rule, start..self.bytes.len()));
        Ok(())
    }
}

/// Every observation of a run, readable rule by rule.
#[derive(Debug)]
pub struct Store {
    backing: Backing,
    by_rule: Vec<Offsets>,
}

impl StoreWriter {
    /// An empty store for the observations of `rules`, kept in an anonymous temporary file
    /// (deleted when dropped): for corpora of any size.
    pub fn spilled(rules: &RuleSet) -> io::Result<Self> {
        let file = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        Ok(Self::with_sink(rules, Sink::File(file)))
    }

    /// An empty store for the observations of `rules`, kept in memory: for a corpus that is
    /// held in memory anyway.
    pub fn in_memory(rules: &RuleSet) -> Self {
        Self::with_sink(rules, Sink::Memory(Vec::new()))
    }

    fn with_sink(rules: &RuleSet, sink: Sink) -> Self {
        StoreWriter {
            sink,
            written: 0,
            by_rule: vec![Offsets::default(); rules.rules.len()],
            pending: vec![(Vec::new(), Vec::new()); rules.rules.len()],
        }
    }

    /// Writes one observation.
    pub fn push(&mut self, o: &Observation) -> io::Result<()> {
        let mut encoded = Encoded::default();
        encoded.add(o)?;
        self.push_encoded(&encoded)
    }

    /// Writes observations encoded beforehand (in any thread), in their order.
    pub(crate) fn push_encoded(&mut self, encoded: &Encoded) -> io::Result<()> {
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
        match &mut self.sink {
            Sink::File(file) => file.write_all(block)?,
            Sink::Memory(bytes) => bytes.extend_from_slice(block),
        }
        for &start in starts.iter() {
            self.by_rule[rule].push(self.written + start as u64);
        }
        self.written += block.len() as u64;
        block.clear();
        starts.clear();
        Ok(())
    }

    /// Ends writing.
    pub fn finish(mut self) -> io::Result<Store> {
        for rule in 0..self.pending.len() {
            self.write_block(rule)?;
        }
        let backing = match self.sink {
            Sink::File(file) => Backing::File(file.into_inner().map_err(|e| e.into_error())?),
            Sink::Memory(bytes) => Backing::Memory(bytes),
        };
        let mut by_rule = self.by_rule;
        by_rule.iter_mut().for_each(Offsets::shrink_to_fit);
        Ok(Store { backing, by_rule })
    }
}

impl Store {
    /// How many observations rule `rule` has.
    pub fn count(&self, rule: usize) -> usize {
        self.by_rule.get(rule).map_or(0, Offsets::len)
    }

    /// Rule `rule`'s observations in their current order (the finding's, once judged), each
    /// with its place in the store. Each reader has its own place: any number may read at
    /// once, from any threads.
    pub fn read(&self, rule: usize) -> Records<'_, Observation, impl Decode<Observation>> {
        self.read_with(rule, decode_observation)
    }

    /// [`Store::read`], reading of each observation only what judging needs: who states
    /// which value, and where. The evidence text is skipped, not decoded.
    pub fn read_stated(&self, rule: usize) -> Records<'_, Statement, impl Decode<Statement>> {
        self.read_with(rule, decode_statement)
    }

    /// Rule `rule`'s records, each turned by `decode` into what is read (in the threads of
    /// the pool, a batch at a time).
    pub fn read_with<T, D: Decode<T>>(&self, rule: usize, decode: D) -> Records<'_, T, D> {
        Records {
            raw: self.read_raw(rule),
            decode,
            ready: Vec::new().into_iter(),
        }
    }

    /// Rule `rule`'s records as lines, a batch at a time, for a reader that decodes one
    /// batch while it uses the one before.
    pub(crate) fn read_raw(&self, rule: usize) -> RawRecords<'_> {
        RawRecords {
            reader: BufReader::with_capacity(BLOCK, Positioned::new(&self.backing)),
            at: None,
            offsets: self.by_rule.get(rule).map(Offsets::iter),
            rule,
        }
    }

    /// Sets the order [`Store::read`] gives rule `rule`'s observations in (packed beforehand,
    /// which can be done in parallel).
    pub(crate) fn set_order(&mut self, rule: usize, order: Order) {
        if let Some(offsets) = self.by_rule.get_mut(rule) {
            if offsets.len() == order.0.len() {
                *offsets = order.0;
            }
        }
    }
}

/// A rule's observations rearranged: the places [`Store::read`] gave, in a new order, packed
/// as small as the store keeps them.
#[derive(Debug)]
pub(crate) struct Order(Offsets);

impl Order {
    /// The order of `places`.
    pub fn of(places: &[u64]) -> Self {
        Order(Offsets::from_slice(places))
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
    pub value: Result<Value, Unresolved>,
    /// Who the sentence attributes it to.
    pub attributed_to: Option<String>,
    /// When the source stated it.
    pub published: Option<When>,
    /// The article marks it as an earlier figure.
    pub superseded: bool,
}

/// The fields of an observation record that [`Statement`] needs; the others are skipped.
#[derive(Deserialize)]
struct StatedRecord {
    source: usize,
    value: Option<ValueRecord>,
    unresolved: Option<record::UnresolvedRecord>,
    span: [usize; 2],
    #[serde(default)]
    attributed_to: Option<String>,
    #[serde(default)]
    published: Option<When>,
    #[serde(default)]
    superseded: bool,
}

/// Turns a record line of rule `rule` into what is read.
pub trait Decode<T>: Fn(&[u8], usize) -> io::Result<T> + Sync {}

impl<T, F: Fn(&[u8], usize) -> io::Result<T> + Sync> Decode<T> for F {}

/// Decodes a record line of rule `rule` into the observation it was written from.
pub(crate) fn decode_observation(line: &[u8], rule: usize) -> io::Result<Observation> {
    let record: StoredObservation = serde_json::from_slice(line).map_err(io::Error::other)?;
    record.into_observation(rule).map_err(io::Error::other)
}

/// Turns a record line into what [`Store::read_stated`] gives: the evidence text is skipped,
/// not decoded.
pub(crate) fn decode_statement(line: &[u8], _rule: usize) -> io::Result<Statement> {
    let record: StatedRecord = serde_json::from_slice(line).map_err(io::Error::other)?;
    let value = record::stated_value(record.value, record.unresolved.map(Into::into))
        .map_err(|e: RecordError| io::Error::other(e))?;
    Ok(Statement {
        source: record.source,
        start: record.span[0],
        value,
        attributed_to: record.attributed_to,
        published: record.published,
        superseded: record.superseded,
    })
}

/// Records read from the file before they are decoded together, in parallel.
const BATCH: usize = 1024;

/// The records of one rule, read back in order: a batch of lines is read, then decoded in
/// parallel (rayon) by `D`.
#[derive(Debug)]
pub struct Records<'a, T, D> {
    raw: RawRecords<'a>,
    decode: D,
    /// The decoded batch.
    ready: std::vec::IntoIter<io::Result<(u64, T)>>,
}

impl<T: Send, D: Decode<T>> Iterator for Records<'_, T, D> {
    type Item = io::Result<(u64, T)>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(next) = self.ready.next() {
            return Some(next);
        }
        self.ready = self.raw.next_batch()?.decode(&self.decode).into_iter();
        self.ready.next()
    }
}

/// The records of one rule as lines, read a batch at a time.
#[derive(Debug)]
pub(crate) struct RawRecords<'a> {
    reader: BufReader<Positioned<'a>>,
    /// The file position the reader is at; `None` before the first seek.
    at: Option<u64>,
    offsets: Option<offsets::Iter<'a>>,
    rule: usize,
}

/// Up to 1,024 records of one rule, read and not yet decoded.
#[derive(Debug)]
pub(crate) struct RawBatch {
    rule: usize,
    /// The lines, one after the other.
    lines: Vec<u8>,
    /// Each record's place in the file and in `lines`.
    spans: Vec<(u64, std::ops::Range<usize>)>,
    /// The error that ended the reading, after the records read before it.
    failed: Option<io::Error>,
}

impl RawRecords<'_> {
    /// The next batch, or `None` when every record has been read.
    pub(crate) fn next_batch(&mut self) -> Option<RawBatch> {
        self.next_batch_of(BATCH)
    }

    /// The next batch of at most `size` records, or `None` when every record has been read.
    pub(crate) fn next_batch_of(&mut self, size: usize) -> Option<RawBatch> {
        let size = size.max(1);
        let mut batch = RawBatch {
            rule: self.rule,
            lines: Vec::new(),
            spans: Vec::with_capacity(size),
            failed: None,
        };
        while batch.spans.len() < size {
            let Some(offset) = self.offsets.as_mut().and_then(Iterator::next) else {
                break;
            };
            let start = batch.lines.len();
            if let Err(e) = self.read_at(offset, &mut batch.lines) {
                batch.failed = Some(e);
                // Nothing is read after an error.
                self.offsets = None;
                break;
            }
            batch.spans.push((offset, start..batch.lines.len()));
        }
        (!batch.spans.is_empty() || batch.failed.is_some()).then_some(batch)
    }

    /// Appends the record at `offset` to `lines`.
    fn read_at(&mut self, offset: u64, lines: &mut Vec<u8>) -> io::Result<()> {
        let buffered = self.reader.buffer().len() as u64;
        match self.at.and_then(|at| offset.checked_sub(at)) {
            // A record a little further on is often still in the buffer (n fits: n ≤ its size).
            Some(n) if n <= buffered => self.reader.seek_relative(n as i64)?,
            _ => {
                self.reader.seek(SeekFrom::Start(offset))?;
            }
        }
        let n = self.reader.read_until(b'\n', lines)?;
        self.at = Some(offset + n as u64);
        Ok(())
    }
}

impl RawBatch {
    /// Decodes the records in parallel (rayon), in order; a reading error comes last.
    pub(crate) fn decode<T: Send>(self, decode: &impl Decode<T>) -> Vec<io::Result<(u64, T)>> {
        let RawBatch {
            rule,
            lines,
            spans,
            failed,
        } = self;
        let mut decoded: Vec<io::Result<(u64, T)>> = spans
            .into_par_iter()
            .map(|(offset, span)| decode(&lines[span], rule).map(|t| (offset, t)))
            .collect();
        decoded.extend(failed.map(Err));
        decoded
    }

    /// [`RawBatch::decode`] on this thread only: for a batch that is itself one of many
    /// decoded in parallel.
    pub(crate) fn decode_here<T>(self, decode: &impl Decode<T>) -> Vec<io::Result<(u64, T)>> {
        let decoded = self.spans.iter().map(|(offset, span)| {
            decode(&self.lines[span.clone()], self.rule).map(|t| (*offset, t))
        });
        decoded.chain(self.failed.map(Err)).collect()
    }
}
