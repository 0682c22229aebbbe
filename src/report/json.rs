//! The JSON view of a report: the versioned contract documented in `docs/report-json.md`.

use std::io::Write as _;

use serde::Serialize;

use super::Report;

/// Renders the report as pretty-printed JSON with a trailing newline.
pub fn render(report: &Report) -> String {
    let mut out =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    out.push('\n');
    out
}

/// Writes the same bytes as [`render`] straight to `out`, without holding the text; the claims
/// may be any serialisable form of them (see [`super::streamed`]).
pub fn write<C: Serialize>(
    report: &Report<C>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut buffered, report)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}
