//! The JSON view of a report: the versioned contract documented in `docs/report-json.md`.

use std::io::Write as _;

use serde::Serialize;
use serde_json::value::RawValue;

use super::Report;

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Writes the same bytes as [`render`] straight to `out`, without holding the text; the claims
/// may be any serialisable form of them (see [`super::Built::write_json`]).
pub fn write<C: Serialize>(
    report: &Report<C>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut buffered, report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// How deep an observation entry sits in the report: in the `observations` list of a claim
/// in the `claims` list of the report object.
pub(crate) const OBSERVATION_DEPTH: usize = 4;

/// Serialises values as the pretty JSON [`write()`] gives them at one depth of nesting: what a
/// parallel writer makes ahead, to be written in place of the values.
#[derive(Clone, Debug)]
pub struct Fragments {
    depth: usize,
    /// The lines the pretty printer writes before and after a value nested `depth` deep in
    /// lists of one item.
    open: String,
    close: String,
}

impl Fragments {
    /// Fragments for values `depth` levels deep.
    pub(crate) fn at_depth(depth: usize) -> Self {
        let open = (0..depth)
            .map(|d| format!("{}[\n", INDENT.repeat(d)))
            .chain([INDENT.repeat(depth)])
            .collect();
        let close = (0..depth)
            .rev()
            .map(|d| format!("\n{}]", INDENT.repeat(d)))
            .collect();
        Fragments { depth, open, close }
    }

    /// `value` as written at this depth.
    pub fn of<T: Serialize>(&self, value: &T) -> std::io::Result<Box<RawValue>> {
        // The pretty printer has no starting depth: the value is written inside lists of
        // one item, whose opening and closing lines are then cut off. The buffer has room
        // for a typical entry, so that the text is not copied as it grows.
        let mut bytes = Vec::with_capacity(2048);
        serde_json::to_writer_pretty(&mut bytes, &Nested(value, self.depth))?;
        let mut text = String::from_utf8(bytes).map_err(std::io::Error::other)?;
        if !(text.starts_with(&self.open) && text.ends_with(&self.close)) {
            return Err(std::io::Error::other(
                "a nested JSON value is not where it should be",
            ));
        }
        text.truncate(text.len() - self.close.len());
        text.drain(..self.open.len());
        RawValue::from_string(text).map_err(std::io::Error::other)
    }
}

/// One level of indentation, as serde_json's pretty printer writes it.
const INDENT: &str = "  ";

/// A value inside this many lists of one item.
struct Nested<'a, T>(&'a T, usize);

impl<T: Serialize> Serialize for Nested<'_, T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq as _;
        if self.1 == 0 {
            return self.0.serialize(s);
        }
        let mut seq = s.serialize_seq(Some(1))?;
        seq.serialize_element(&Nested(self.0, self.1 - 1))?;
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_is_the_value_as_written_at_its_depth() {
        #[derive(Serialize)]
        struct Entry {
            name: &'static str,
            list: Vec<u8>,
            empty: Vec<u8>,
        }
        let entry = Entry {
            name: "a \"quoted\"\nline",
            list: vec![1, 2],
            empty: Vec::new(),
        };
        for depth in 0..5 {
            let whole = serde_json::to_string_pretty(&Nested(&entry, depth)).unwrap();
            let fragment = Fragments::at_depth(depth).of(&entry).unwrap();
            let spliced = serde_json::to_string_pretty(&Nested(&fragment.as_ref(), depth)).unwrap();
            assert_eq!(spliced, whole, "depth {depth}");
        }
    }
}
