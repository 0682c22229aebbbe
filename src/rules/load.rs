//! Reads claim files with strict, located errors — every bad claim in every file, not only the
//! first.
//!
//! A file is first read whole. If that fails, each item of its `claims` list is read again on
//! its own (padded so that line and column numbers stay those of the file), so that one bad
//! claim does not hide the next.

use std::path::{Path, PathBuf};

use serde::de::IgnoredAny;

use super::quoting;
use super::spec::{ClaimFileSpec, ClaimSpec};
use crate::diagnostic::{Code, Diagnostic};

pub use super::spec::CLAIM_KEYS;

/// A claim file that was read without error.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its contents as written.
    pub spec: ClaimFileSpec,
    /// For each claim, the line and column where its item starts.
    pub claim_positions: Vec<(usize, usize)>,
    /// For each claim, the line and column where each of its patterns is written (the first
    /// character inside its quotes), as far as the text shows it; else the claim's position.
    pub pattern_positions: Vec<Vec<(usize, usize)>>,
}

/// Reads every file; returns the ones that read cleanly and the diagnostics of the others.
pub fn load_claim_files(paths: &[PathBuf]) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_text(path).and_then(|text| parse_claim_file(path, &text)) {
            Ok(file) => loaded.push(file),
            Err(mut diags) => problems.append(&mut diags),
        }
    }
    (loaded, problems)
}

/// Reads every file, keeping the claims that read cleanly even from files with errors: what
/// compiling needs to find the errors those claims have too (a kind that does not fit a
/// block, a duplicate id), so that one run reports every error. The files returned are
/// incomplete wherever there are diagnostics: never use them to run.
pub(crate) fn load_claim_files_partly(paths: &[PathBuf]) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match read_text(path) {
            Ok(text) => {
                let (file, mut diags) = parse_claim_file_partly(path, &text);
                loaded.extend(file);
                problems.append(&mut diags);
            }
            Err(mut diags) => problems.append(&mut diags),
        }
    }
    (loaded, problems)
}

fn read_text(path: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| {
        vec![Diagnostic::error(
            Code::CannotRead,
            path,
            format!("cannot read the claim file: {e}"),
        )]
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![Diagnostic::error(
            Code::NotUtf8,
            path,
            format!(
                "the claim file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )]
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// Parses one claim file's text.
pub fn parse_claim_file(path: &Path, text: &str) -> Result<LoadedFile, Vec<Diagnostic>> {
    match parse_claim_file_partly(path, text) {
        (Some(file), diags) if diags.is_empty() => Ok(file),
        (_, diags) => Err(diags),
    }
}

/// Parses one claim file's text: the file (with only the claims that read cleanly, when
/// some do not) and every problem found.
fn parse_claim_file_partly(path: &Path, text: &str) -> (Option<LoadedFile>, Vec<Diagnostic>) {
    if text.trim().is_empty() {
        let d = Diagnostic::error(
            Code::EmptyClaimFile,
            path,
            "the claim file is empty: expected a mapping with a `claims` list",
        );
        return (None, vec![d]);
    }
    if let Err(d) = super::preflight::check(path, text) {
        return (None, vec![d]);
    }
    if let Err(err) = serde_yaml::from_str::<serde_yaml::Value>(text) {
        let mut d = with_quoting_hint(yaml_diagnostic(path, &err), text);
        let separator = text.lines().skip(1).position(|l| l.trim_end() == "---");
        if let (None, Some(n)) = (d.line, separator) {
            d = d.at(n + 2, 1).with_help(
                "a claim file is one YAML document; this `---` starts another (is this an article with front matter?)",
            );
        }
        return (None, vec![d]);
    }
    let items = split_items(text);
    match serde_yaml::from_str::<ClaimFileSpec>(text) {
        Ok(spec) => {
            let claim_positions = if items.len() == spec.claims.len() {
                items.iter().map(|i| (i.line, i.column)).collect()
            } else {
                vec![(1, 1); spec.claims.len()]
            };
            let pattern_positions = pattern_positions(text, &spec, &claim_positions);
            let file = LoadedFile {
                path: path.to_path_buf(),
                spec,
                claim_positions,
                pattern_positions,
            };
            (Some(file), Vec::new())
        }
        Err(whole) => {
            let mut diags = Vec::new();
            let mut claims = Vec::new();
            let mut claim_positions = Vec::new();
            for item in &items {
                let (claim, mut problems) = read_item(path, text, item);
                diags.append(&mut problems);
                if let Some(claim) = claim {
                    claims.push(claim);
                    claim_positions.push((item.line, item.column));
                }
            }
            if diags.is_empty() {
                diags.push(with_quoting_hint(yaml_diagnostic(path, &whole), text));
            }
            let event = serde_yaml::from_str::<Header>(text)
                .ok()
                .and_then(|h| h.event);
            let spec = ClaimFileSpec { event, claims };
            let pattern_positions = pattern_positions(text, &spec, &claim_positions);
            let file = LoadedFile {
                path: path.to_path_buf(),
                spec,
                claim_positions,
                pattern_positions,
            };
            (Some(file), diags)
        }
    }
}

/// The header of a claim file whose claims do not all read.
#[derive(serde::Deserialize)]
struct Header {
    #[serde(default)]
    event: Option<super::spec::EventSpec>,
}

/// Where each claim's patterns are written: searched in order from the claim's `patterns` key
/// to the next claim, in any of the forms YAML allows (plain, single- or double-quoted).
fn pattern_positions(
    text: &str,
    spec: &ClaimFileSpec,
    claims: &[(usize, usize)],
) -> Vec<Vec<(usize, usize)>> {
    let lines: Vec<&str> = text.lines().collect();
    spec.claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let start = claims[i];
            let end = claims
                .get(i + 1)
                .map_or(lines.len(), |c| c.0.saturating_sub(1));
            let first = (start.0..=end)
                .find(|&n| {
                    lines.get(n - 1).is_some_and(|l| {
                        l.trim_start()
                            .trim_start_matches("- ")
                            .starts_with("patterns:")
                    })
                })
                .unwrap_or(start.0);
            let mut cursor = (first, 0);
            claim
                .patterns
                .iter()
                .map(|p| match find_written(&lines, cursor, end, &p.source) {
                    Some((line, byte)) => {
                        let width = lines[line - 1][byte..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                        cursor = (line, byte + width);
                        let column = lines[line - 1][..byte].chars().count() + 1;
                        (line, column)
                    }
                    None => start,
                })
                .collect()
        })
        .collect()
}

/// The first place at or after `from` (line, byte) and up to line `end` where `source` is
/// written plain, single-quoted or double-quoted.
fn find_written(
    lines: &[&str],
    from: (usize, usize),
    end: usize,
    source: &str,
) -> Option<(usize, usize)> {
    let forms = [
        source.to_string(),
        source.replace('\'', "''"),
        source.replace('\\', "\\\\").replace('"', "\\\""),
    ];
    (from.0..=end.min(lines.len())).find_map(|n| {
        let line = lines.get(n.checked_sub(1)?)?;
        let skip = if n == from.0 {
            from.1.min(line.len())
        } else {
            0
        };
        let rest = line.get(skip..)?;
        forms
            .iter()
            .filter_map(|f| rest.find(f.as_str()))
            .min()
            .map(|at| (n, skip + at))
    })
}

/// One item of the `claims` list: where it starts (1-based line, column of its first key)
/// and its byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Item {
    line: usize,
    column: usize,
    start: usize,
    end: usize,
    dash: usize,
}

/// Finds the block-style items of the top-level `claims` list.
fn split_items(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut offset = 0;
    let mut in_claims = false;
    let mut indent: Option<usize> = None;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let content = line.trim_end();
        let trimmed = content.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let this_indent = content.len() - trimmed.len();
        if this_indent == 0 && !trimmed.starts_with('-') {
            close_last(&mut items, start);
            in_claims = trimmed
                .split('#')
                .next()
                .is_some_and(|k| k.trim_end() == "claims:");
            indent = None;
            continue;
        }
        if !in_claims {
            continue;
        }
        let is_dash = trimmed == "-" || trimmed.starts_with("- ");
        let item_indent = *indent.get_or_insert(this_indent);
        if is_dash && this_indent == item_indent {
            close_last(&mut items, start);
            let column = this_indent + 1 + (trimmed.len() - trimmed[1..].trim_start().len());
            items.push(Item {
                line: n + 1,
                column,
                start,
                end: text.len(),
                dash: start + this_indent,
            });
        } else if this_indent < item_indent {
            close_last(&mut items, start);
            in_claims = false;
        }
    }
    items
}

fn close_last(items: &mut [Item], at: usize) {
    if let Some(last) = items.last_mut() {
        if last.end > at {
            last.end = at;
        }
    }
}

/// Reads one item on its own: the claim, or every problem it has — each unknown key, each
/// key whose value is wrong, each bad element of a list (every bad pattern, not only the
/// first).
fn read_item(path: &Path, text: &str, item: &Item) -> (Option<ClaimSpec>, Vec<Diagnostic>) {
    let mut padded = "\n".repeat(item.line - 1);
    padded.push_str(&text[item.start..item.dash]);
    padded.push(' ');
    padded.push_str(&text[item.dash + 1..item.end]);
    let whole = match serde_yaml::from_str::<ClaimSpec>(&padded) {
        Ok(claim) => return (Some(claim), Vec::new()),
        Err(err) => err,
    };
    let mut diags = unknown_keys(path, &padded);
    for block in key_blocks(&padded, item.column - 1) {
        diags.extend(key_errors(path, &padded, &block, item.column - 1));
    }
    if diags.is_empty() {
        diags.push(yaml_diagnostic(path, &whole));
    }
    let mut diags: Vec<Diagnostic> = diags
        .into_iter()
        .map(|d| with_quoting_hint(d, text))
        .collect();
    diags.sort_by_key(|d| (d.line, d.column));
    diags.dedup();
    (None, diags)
}

/// One top-level key of a claim and the byte range of its lines.
struct KeyBlock {
    key: String,
    line: usize,
    start: usize,
    end: usize,
}

/// The top-level keys of one claim (written at `indent`), each with its lines.
fn key_blocks(padded: &str, indent: usize) -> Vec<KeyBlock> {
    let mut blocks: Vec<KeyBlock> = Vec::new();
    let mut offset = 0;
    for (n, line) in padded.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if trimmed.trim_end().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if line.len() - trimmed.len() != indent {
            continue;
        }
        let key: String = trimmed
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if key.is_empty() || !trimmed[key.len()..].trim_start().starts_with(':') {
            continue;
        }
        if let Some(last) = blocks.last_mut() {
            last.end = start;
        }
        blocks.push(KeyBlock {
            key,
            line: n + 1,
            start,
            end: padded.len(),
        });
    }
    blocks
}

/// Values that stand in for the keys a claim needs while one other key is checked.
const FILLERS: &[(&str, &str)] = &[
    ("id", "filler"),
    ("label", "filler"),
    ("kind", "count"),
    ("patterns", "['{quantity}']"),
];

/// The problems of one key of a claim, read on its own; lists are read element by element.
fn key_errors(path: &Path, padded: &str, block: &KeyBlock, indent: usize) -> Vec<Diagnostic> {
    let mut doc = "\n".repeat(block.line - 1);
    doc.push_str(&padded[block.start..block.end]);
    if !doc.ends_with('\n') {
        doc.push('\n');
    }
    match block.key.as_str() {
        "patterns" => return element_errors::<super::pattern::PatternSpec>(path, &doc),
        "context" | "exclude" => return element_errors::<super::spec::WordsSpec>(path, &doc),
        "examples" => return element_errors::<super::spec::ExampleSpec>(path, &doc),
        "aliases" => return element_errors::<String>(path, &doc),
        key if !CLAIM_KEYS.contains(&key) => return Vec::new(),
        _ => {}
    }
    for (key, value) in FILLERS.iter().filter(|(k, _)| *k != block.key) {
        doc.push_str(&format!("{}{key}: {value}\n", " ".repeat(indent)));
    }
    match serde_yaml::from_str::<ClaimSpec>(&doc) {
        Ok(_) => Vec::new(),
        Err(err) => vec![yaml_diagnostic(path, &err)],
    }
}

/// Every bad element of the list under the one key of `doc`: read once per bad element, each
/// time skipping the elements already reported, so that each error keeps its own location.
fn element_errors<T: serde::de::DeserializeOwned>(path: &Path, doc: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut skip = 0;
    while out.len() < 1000 {
        let at = std::cell::Cell::new(None);
        let check = elements::OneList::<T>::new(skip, &at);
        let Err(err) =
            serde::de::DeserializeSeed::deserialize(check, serde_yaml::Deserializer::from_str(doc))
        else {
            break;
        };
        out.push(yaml_diagnostic(path, &err));
        match at.get() {
            Some(i) => skip = i + 1,
            None => break,
        }
    }
    out
}

/// A mapping of one key to a list, read element by element.
mod elements {
    use std::cell::Cell;
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::{
        self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
    };

    /// Reads `{key: [elements]}`, skipping the first `skip` elements; `at` is the index of the
    /// element being read when an error came.
    pub(super) struct OneList<'a, T> {
        skip: usize,
        at: &'a Cell<Option<usize>>,
        element: PhantomData<T>,
    }

    impl<'a, T> OneList<'a, T> {
        pub(super) fn new(skip: usize, at: &'a Cell<Option<usize>>) -> Self {
            OneList {
                skip,
                at,
                element: PhantomData,
            }
        }
    }

    impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for OneList<'_, T> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de, T: DeserializeOwned> Visitor<'de> for OneList<'_, T> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while map.next_key::<IgnoredAny>()?.is_some() {
                map.next_value_seed(List::<T> {
                    skip: self.skip,
                    at: self.at,
                    element: PhantomData,
                })?;
            }
            Ok(())
        }
    }

    struct List<'a, T> {
        skip: usize,
        at: &'a Cell<Option<usize>>,
        element: PhantomData<T>,
    }

    impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for List<'_, T> {
        type Value = ();
        fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de, T: DeserializeOwned> Visitor<'de> for List<'_, T> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            for i in 0.. {
                self.at.set(Some(i));
                let more = if i < self.skip {
                    seq.next_element::<IgnoredAny>()?.is_some()
                } else {
                    seq.next_element::<T>()?.is_some()
                };
                if !more {
                    break;
                }
            }
            self.at.set(None);
            Ok(())
        }
    }
}

/// A YAML error caused by a value that needs other quoting (a `"` or `\d` inside double
/// quotes, an unquoted `{` or `: `) is placed at that value, with a hint on how to quote it.
/// Syntax errors are looked for from the line the parser's message names ("while parsing …
/// at line 6") to the line where it stopped; a value read as a mapping or a list where a
/// string was expected, on its own line.
fn with_quoting_hint(d: Diagnostic, text: &str) -> Diagnostic {
    let Some(line) = d.line else { return d };
    if d.help.is_some() {
        return d;
    }
    let syntax = d.message.contains(" while ");
    let wrong_type =
        d.message.contains("invalid type: map") || d.message.contains("invalid type: sequence");
    let from = match (syntax, wrong_type) {
        (true, _) => quoting::context_line(&d.message).unwrap_or(line).min(line),
        (false, true) => line,
        (false, false) => return d,
    };
    match quoting::find(text, from, line) {
        Some(hint) => d.at(hint.line, hint.column).with_help(hint.help),
        None => d,
    }
}

/// Unknown top-level keys of one claim, each with a suggestion when one is close.
fn unknown_keys(path: &Path, padded: &str) -> Vec<Diagnostic> {
    let Ok(map) = serde_yaml::from_str::<std::collections::BTreeMap<String, IgnoredAny>>(padded)
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for key in map.keys().filter(|k| !CLAIM_KEYS.contains(&k.as_str())) {
        let (line, column) = key_position(padded, key).unwrap_or((1, 1));
        let help = match suggest(key, CLAIM_KEYS) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("a claim's keys are {}", CLAIM_KEYS.join(", ")),
        };
        let d = Diagnostic::error(
            Code::UnknownKey,
            path,
            format!("unknown key `{key}` in a claim"),
        )
        .at(line, column)
        .with_help(help);
        out.push(d);
    }
    out
}

/// The closest known word, if it is close enough to be a likely typo.
pub(crate) fn suggest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::jaro_winkler(word, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(n, line)| {
        let trimmed = line.trim_start();
        let rest = trimmed.strip_prefix(key)?;
        rest.trim_start()
            .starts_with(':')
            .then(|| (n + 1, line.len() - trimmed.len() + 1))
    })
}

/// A YAML error as a diagnostic: its location, and its message without the location text
/// that the YAML library appends.
pub(crate) fn yaml_diagnostic(path: &Path, err: &serde_yaml::Error) -> Diagnostic {
    let message = err.to_string();
    match err.location() {
        Some(loc) => {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            let message = message.replacen(&suffix, "", 1);
            Diagnostic::error(Code::Yaml, path, message).at(loc.line(), loc.column())
        }
        None => Diagnostic::error(Code::Yaml, path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LoadedFile, Vec<Diagnostic>> {
        parse_claim_file(Path::new("c.yaml"), text)
    }

    const GOOD: &str = "event:\n  name: E\nclaims:\n  - id: a\n    label: A\n    kind: count\n    patterns: ['{quantity} people']\n\n  - id: b\n    label: B\n    kind: count\n    patterns: ['{quantity} troops']\n";

    #[test]
    fn a_good_file_reads_with_claim_positions() {
        let f = parse(GOOD).unwrap();
        assert_eq!(f.spec.claims.len(), 2);
        assert_eq!(f.claim_positions, vec![(4, 5), (9, 5)]);
    }

    #[test]
    fn every_bad_claim_is_reported_with_its_location() {
        let text = GOOD
            .replace(
                "kind: count\n    patterns: ['{quantity} people']",
                "kind: cont\n    patterns: ['{quantity} people']",
            )
            .replace("'{quantity} troops'", "'{quantity} (troops'");
        let diags = parse(&text).unwrap_err();
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert_eq!((diags[0].line, diags[0].column), (Some(6), Some(11)));
        assert!(
            diags[0].message.contains("unknown variant `cont`"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[1].line, Some(12));
        assert!(
            diags[1].message.contains("invalid regex"),
            "{}",
            diags[1].message
        );
    }

    #[test]
    fn every_bad_pattern_and_key_of_one_claim_is_reported_where_it_is_written() {
        let text = GOOD.replace(
            "    patterns: ['{quantity} troops']\n",
            "    patterns:\n      - '{quantity} (troops'\n      - '{quantity} soldiers'\n      - '{quantity} [men'\n    scope: everywhere\n",
        );
        let diags = parse(&text).unwrap_err();
        let places: Vec<_> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            places,
            vec![
                (Some(13), Some(9)),
                (Some(15), Some(9)),
                (Some(16), Some(12))
            ],
            "{diags:?}"
        );
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let text = GOOD.replace(
            "    patterns: ['{quantity} troops']",
            "    patern: ['{quantity} troops']",
        );
        let diags = parse(&text).unwrap_err();
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (Some(12), Some(5)));
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `patterns`?"));
    }

    #[test]
    fn malformed_yaml_is_located() {
        let diags = parse("claims:\n  - id: a\n   label: [unclosed\n").unwrap_err();
        assert_eq!(diags.len(), 1);
        assert!(diags[0].line.is_some());
    }

    #[test]
    fn header_errors_are_reported_when_claims_are_fine() {
        let diags = parse(&GOOD.replace("  name: E", "  nam: E")).unwrap_err();
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.contains("unknown field `nam`"),
            "{}",
            diags[0].message
        );
        assert_eq!(diags[0].line, Some(2));
    }

    #[test]
    fn a_second_document_is_located() {
        let diags = parse("---\noutlet: X\n---\nSome article text.\n").unwrap_err();
        assert_eq!(diags[0].line, Some(3));
        assert!(diags[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("one YAML document"));
    }

    #[test]
    fn empty_files_are_errors() {
        assert!(parse("  \n").unwrap_err()[0].message.contains("empty"));
    }

    #[test]
    fn claim_keys_match_the_spec() {
        let yaml = "id: a\nlabel: A\nkind: count\nunit: u\npatterns: ['{quantity}']\ncontext: []\nexclude: []\nscope: paragraph\ntolerance: 1\nreference: {value: '1', source: s}\ncase_sensitive: false\nnote: n\nexamples: []\ntense: past\ncanonical: c\naliases: [d]\nthreshold: 0.9\nover_time: true\nwindow: 6h\n";
        let map: std::collections::BTreeMap<String, IgnoredAny> =
            serde_yaml::from_str(yaml).unwrap();
        assert_eq!(map.len(), CLAIM_KEYS.len());
        assert!(serde_yaml::from_str::<ClaimSpec>(yaml).is_ok());
    }
}
