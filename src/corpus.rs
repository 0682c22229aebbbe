//! Articles: finding them, reading them, and their metadata from YAML front matter.
//!
//! Metadata is never guessed from the text: an article without front matter loads with its
//! outlet taken from the file name and no publication date, and says so in a warning.

use std::collections::{BTreeMap, HashSet};
use std::hash::Hash;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};
use crate::paths;
use crate::rules::load::yaml_diagnostic;
use crate::text::LineIndex;

/// File extensions read when a folder of articles is given.
pub(crate) const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text"];

/// The most unknown front matter keys named one by one in an article's warnings; the others
/// are counted in one more.
const MAX_KEY_WARNINGS: usize = 10;

/// One article and its metadata.
#[derive(Clone, Debug)]
pub struct Article {
    /// Short unique id (the file stem).
    pub id: String,
    /// Where it was read from (`-` for standard input).
    pub path: PathBuf,
    /// Who published it.
    pub outlet: String,
    /// When it was published; relative dates resolve against it.
    pub published: Option<Date>,
    /// When its statements were made (`updated`, else `published`): the judge orders
    /// statements by it.
    pub time: Option<When>,
    /// Where `time` (and `published`) came from.
    pub dated_by: Option<DatedBy>,
    /// Where it was published.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// The whole file as read (front matter included), so line numbers are the file's.
    pub text: String,
    /// The byte range of the body (after the front matter).
    pub body: Range<usize>,
    /// Line starts of `text`.
    pub lines: LineIndex,
}

/// Article metadata as written in front matter.
#[derive(Debug, Deserialize)]
struct FrontMatter {
    outlet: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    url: Option<String>,
    title: Option<String>,
    #[serde(flatten)]
    other: BTreeMap<String, serde_yaml::Value>,
}

/// What is kept of an article once it has been scanned: its metadata, not its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceMeta {
    /// Short unique id (the file stem; the path when two stems collide).
    pub id: String,
    /// Where it was read from (`-` for standard input).
    pub path: PathBuf,
    /// Who published it.
    pub outlet: String,
    /// When it was published.
    pub published: Option<Date>,
    /// When its statements were made.
    pub time: Option<When>,
    /// Where `time` came from.
    pub dated_by: Option<DatedBy>,
    /// Where it was published.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
}

/// When an article's statements were made: an instant, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct When {
    /// Seconds since the Unix epoch; for a day alone, the first second of the day (UTC).
    pub seconds: i64,
    /// The offset from UTC written with it, in seconds.
    pub offset: i32,
    /// Only the day was written: the statement may be from any time of it.
    pub day_only: bool,
}

/// Seconds in a day.
const DAY: i64 = 86_400;

impl When {
    /// A day, with no time of day.
    pub fn day(date: Date) -> When {
        let seconds = date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_or(0, |z| z.timestamp().as_second());
        When {
            seconds,
            offset: 0,
            day_only: true,
        }
    }

    /// `2022-01-12` or an RFC 3339 date-time (`2022-01-12T16:53:00-05:00`; without an offset,
    /// UTC).
    pub fn parse(text: &str) -> Option<When> {
        let text = text.trim();
        let has_time = text.contains(['T', 't', ' ']);
        if let Some(date) = text.parse::<Date>().ok().filter(|_| !has_time) {
            return Some(When::day(date));
        }
        if let Ok(t) = text.parse::<jiff::Timestamp>() {
            return Some(When {
                seconds: t.as_second(),
                offset: written_offset(text).unwrap_or(0),
                day_only: false,
            });
        }
        let civil = text.parse::<jiff::civil::DateTime>().ok()?;
        let z = civil.to_zoned(jiff::tz::TimeZone::UTC).ok()?;
        Some(When {
            seconds: z.timestamp().as_second(),
            offset: 0,
            day_only: false,
        })
    }

    /// The earliest second the statement may have been made in.
    pub fn earliest(&self) -> i64 {
        self.seconds
    }

    /// The latest second the statement may have been made in (a day alone: its last).
    pub fn latest(&self) -> i64 {
        if self.day_only {
            self.seconds + DAY - 1
        } else {
            self.seconds
        }
    }

    /// Seconds between the two, 0 when they may be the same moment (a day holds its times).
    pub fn apart(&self, other: &When) -> i64 {
        (other.earliest() - self.latest())
            .max(self.earliest() - other.latest())
            .max(0)
    }

    /// The day, in its own offset.
    pub fn date(&self) -> Date {
        self.zoned().date()
    }

    fn zoned(&self) -> jiff::Zoned {
        let offset = jiff::tz::Offset::from_seconds(self.offset).unwrap_or(jiff::tz::Offset::UTC);
        jiff::Timestamp::from_second(self.seconds)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned(jiff::tz::TimeZone::fixed(offset))
    }
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.day_only {
            return write!(f, "{}", self.date());
        }
        let z = self.zoned();
        let offset = if self.offset == 0 {
            "Z".to_string()
        } else {
            let sign = if self.offset < 0 { '-' } else { '+' };
            let a = self.offset.unsigned_abs();
            format!("{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
        };
        write!(f, "{}T{}{offset}", z.date(), z.time().strftime("%H:%M:%S"))
    }
}

/// The offset at the end of an RFC 3339 date-time, in seconds.
fn written_offset(text: &str) -> Option<i32> {
    if text.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let tail = text.get(text.len().checked_sub(6)?..)?;
    let sign = match tail.as_bytes()[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i32 = tail.get(1..3)?.parse().ok()?;
    let minutes: i32 = tail.get(4..6)?.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

/// Where an article's time came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatedBy {
    /// The front matter's `published`.
    Published,
    /// The front matter's `updated`.
    Updated,
    /// A date in the article's URL (the front matter has none).
    Url,
    /// The `--published` option (the article has no date of its own).
    Flag,
}

impl DatedBy {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            DatedBy::Published => "published",
            DatedBy::Updated => "updated",
            DatedBy::Url => "url",
            DatedBy::Flag => "flag",
        }
    }
}

/// Month names as URLs write them.
const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `/2022/10/30/`, `/2022/oct/30/` and `20221030` in a URL.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)/((?:19|20)\d\d)/(\d{1,2}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*/(\d{1,2})(?:/|$|[^\d])",
        r"|(?:^|[^\d])((?:19|20)\d\d)-?(\d\d)-?(\d\d)(?:[^\d]|$)",
    ))
    .unwrap_or_else(|e| panic!("built-in URL date regex: {e}"))
});

/// The date a URL is dated by, if it has one.
pub(crate) fn date_in_url(url: &str) -> Option<Date> {
    URL_DATE.captures_iter(url).find_map(|c| {
        let (y, m, d) = match (c.get(1), c.get(4)) {
            (Some(y), _) => (y, c.get(2)?, c.get(3)?),
            (None, Some(y)) => (y, c.get(5)?, c.get(6)?),
            _ => return None,
        };
        let month = m.as_str().to_lowercase();
        let month = match MONTHS.iter().position(|n| *n == month) {
            Some(i) => i as i8 + 1,
            None => month.parse().ok()?,
        };
        Date::new(y.as_str().parse().ok()?, month, d.as_str().parse().ok()?).ok()
    })
}

/// Reads every article named by `inputs` (files, folders, globs, `-` for stdin). Bad articles
/// become diagnostics and are skipped; the others load. Holds every text in memory: large
/// corpora go through [`article_files`] and [`read_article`] one file at a time instead.
pub fn load_articles(inputs: &[PathBuf]) -> (Vec<Article>, Vec<Diagnostic>) {
    load_articles_dated(inputs, None)
}

/// [`load_articles`], dating articles that have no time of their own `undated` (the
/// `--published` option) when given.
pub fn load_articles_dated(
    inputs: &[PathBuf],
    undated: Option<When>,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let (files, mut problems) = article_files(inputs);
    let mut articles: Vec<Article> = Vec::new();
    for path in files {
        match read_article_dated(&path, undated) {
            Ok((article, mut diags)) => {
                problems.append(&mut diags);
                articles.push(article);
            }
            Err(d) => problems.push(d),
        }
    }
    let mut metas: Vec<SourceMeta> = articles.iter().map(Article::meta).collect();
    unique_ids(&mut metas);
    for (article, meta) in articles.iter_mut().zip(metas) {
        article.id = meta.id;
    }
    (articles, problems)
}

/// The article files named by `inputs`, in reading order (`-`, standard input, first);
/// missing inputs come back as error diagnostics.
pub fn article_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let named: Vec<PathBuf> = inputs
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    let (files, problems) = paths::expand(&named, ARTICLE_EXTENSIONS);
    let stdin = inputs.iter().any(|p| p.as_os_str() == "-");
    let list = stdin
        .then(|| PathBuf::from("-"))
        .into_iter()
        .chain(files)
        .collect();
    (list, problems)
}

/// Reads and parses one article file (`-` reads standard input).
pub fn read_article(path: &Path) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    read_article_dated(path, None)
}

/// [`read_article`]; an article with no time of its own is dated `undated` (the
/// `--published` option) when given.
pub fn read_article_dated(
    path: &Path,
    undated: Option<When>,
) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    let read = read_bytes_of(path);
    read.map(|(mut article, diagnostics)| {
        if let Some(when) = undated.filter(|_| article.time.is_none()) {
            article.published = Some(when.date());
            article.time = Some(when);
            article.dated_by = Some(DatedBy::Flag);
        }
        (article, diagnostics)
    })
}

fn read_bytes_of(path: &Path) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map(|_| bytes)
    } else {
        std::fs::read(path)
    };
    match bytes {
        Ok(bytes) => parse_article(path, &bytes),
        Err(e) => Err(Diagnostic::error(
            Code::CannotRead,
            path,
            format!("cannot read the article: {e}"),
        )),
    }
}

/// Makes ids unique in reading order: a stem seen before is replaced by the full path.
pub fn unique_ids(sources: &mut [SourceMeta]) {
    unique_in_order(sources, |s| &mut s.id, |s| s.path.display().to_string());
}

/// Makes the ids `id` gives unique in order: an id seen before is replaced by what `by_path`
/// gives (the item's path). Shared by the sources of a scan and of a report.
pub(crate) fn unique_in_order<T, K: Eq + Hash + Clone>(
    items: &mut [T],
    id: impl Fn(&mut T) -> &mut K,
    by_path: impl Fn(&T) -> K,
) {
    let mut seen = HashSet::with_capacity(items.len());
    for item in items {
        if !seen.insert(id(item).clone()) {
            let renamed = by_path(item);
            seen.insert(renamed.clone());
            *id(item) = renamed;
        }
    }
}

/// Reads one article from its bytes; warnings come back beside it.
pub fn parse_article(path: &Path, bytes: &[u8]) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
    let mut warnings = Vec::new();
    let utf16 = decode_utf16(bytes);
    let bytes = match &utf16 {
        Some(text) => {
            warnings.push(Diagnostic::warning(
                Code::Utf16,
                path,
                "UTF-16 text (it starts with a UTF-16 byte-order mark): read as UTF-16",
            ));
            text.as_bytes()
        }
        None => bytes,
    };
    if bytes.contains(&0) {
        return Err(Diagnostic::error(
            Code::BinaryFile,
            path,
            "skipped: a binary file (it contains NUL bytes), not an article",
        ));
    }
    let text = match String::from_utf8(bytes.to_vec()) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            warnings.push(Diagnostic::warning(Code::NotUtf8, path, format!(
                "not valid UTF-8 (first bad byte at offset {at}): read with invalid bytes replaced by U+FFFD"
            )));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    let (front, body) = split_front_matter(path, &text)?;
    if text[body.clone()].trim().is_empty() {
        return Err(Diagnostic::error(
            Code::EmptyArticle,
            path,
            "skipped: the article is empty (no text after the front matter)",
        ));
    }
    let stem = stem_of(path);
    let meta = match front {
        Some(yaml) => Some(read_front_matter(path, &text, yaml)?),
        None => {
            warnings.push(Diagnostic::warning(Code::NoFrontMatter, path, format!(
                "no front matter: outlet taken from the file name (`{stem}`), no publication date, so relative dates stay unresolved"
            )));
            None
        }
    };
    let meta = meta.unwrap_or(FrontMatter {
        outlet: None,
        published: None,
        updated: None,
        url: None,
        title: None,
        other: BTreeMap::new(),
    });
    let written = |key: &str, text_of: Option<&str>| -> Result<Option<When>, Diagnostic> {
        text_of
            .map(|p| {
                When::parse(p).ok_or_else(|| {
                    located(Code::FrontMatter, path, &text, key, format!(
                        "invalid `{key}` date `{p}`: expected a date (2022-01-12) or an RFC 3339 date-time (2022-01-12T16:53:00-05:00)"
                    ))
                })
            })
            .transpose()
    };
    let published_at = written("published", meta.published.as_deref())?;
    let updated_at = written("updated", meta.updated.as_deref())?;
    let from_url = meta.url.as_deref().and_then(date_in_url);
    let (published, time, dated_by) = match (published_at, updated_at, from_url) {
        (Some(p), Some(u), _) => (Some(p.date()), Some(u), Some(DatedBy::Updated)),
        (Some(p), None, _) => (Some(p.date()), Some(p), Some(DatedBy::Published)),
        (None, Some(u), _) => (Some(u.date()), Some(u), Some(DatedBy::Updated)),
        (None, None, Some(day)) => {
            warnings.push(
                located(
                    Code::NoPublicationDate,
                    path,
                    &text,
                    "url",
                    format!("front matter has no `published` date: dated {day} by its URL"),
                )
                .into_warning(),
            );
            (Some(day), Some(When::day(day)), Some(DatedBy::Url))
        }
        (None, None, None) => {
            if front.is_some() {
                warnings.push(
                    located(
                        Code::NoPublicationDate,
                        path,
                        &text,
                        "---",
                        "front matter has no `published` date: relative dates will stay unresolved"
                            .into(),
                    )
                    .into_warning(),
                );
            }
            (None, None, None)
        }
    };
    let mut meta = meta;
    if meta.outlet.as_deref().is_some_and(|o| o.trim().is_empty()) {
        meta.outlet = None;
    }
    if front.is_some() && meta.outlet.is_none() {
        warnings.push(Diagnostic::warning(
            Code::NoOutlet,
            path,
            format!("front matter has no `outlet`: using the file name `{stem}`"),
        ));
    }
    // A few warnings and a count: each is located by a pass over the text, and 100,000 keys
    // would make that quadratic (and the output unreadable).
    for key in meta.other.keys().take(MAX_KEY_WARNINGS) {
        let shown = crate::text::clip(key, 80);
        warnings.push(
            located(
                Code::UnknownFrontMatterKey,
                path,
                &text,
                key,
                format!(
                    "unknown front matter key `{shown}` ignored: expected outlet, published, updated, url, title"
                ),
            )
            .into_warning(),
        );
    }
    if meta.other.len() > MAX_KEY_WARNINGS {
        warnings.push(Diagnostic::warning(
            Code::UnknownFrontMatterKey,
            path,
            format!(
                "{} more unknown front matter keys ignored",
                meta.other.len() - MAX_KEY_WARNINGS
            ),
        ));
    }
    Ok((
        Article {
            id: stem.clone(),
            path: path.to_path_buf(),
            outlet: meta.outlet.unwrap_or(stem),
            published,
            time,
            dated_by,
            url: meta.url,
            title: meta.title,
            lines: LineIndex::new(&text),
            body,
            text,
        },
        warnings,
    ))
}

impl Article {
    /// The metadata that outlives the text.
    pub fn meta(&self) -> SourceMeta {
        SourceMeta {
            id: self.id.clone(),
            path: self.path.clone(),
            outlet: self.outlet.clone(),
            published: self.published,
            time: self.time,
            dated_by: self.dated_by,
            url: self.url.clone(),
            title: self.title.clone(),
        }
    }

    /// The body text.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// 1-based line and column of byte `offset` of the whole text.
    pub(crate) fn locate(&self, offset: usize) -> (usize, usize) {
        self.lines.locate(&self.text, offset)
    }
}

trait IntoWarning {
    fn into_warning(self) -> Diagnostic;
}

impl IntoWarning for Diagnostic {
    fn into_warning(mut self) -> Diagnostic {
        self.severity = crate::diagnostic::Severity::Warning;
        self
    }
}

/// Finds the front matter block: `(Some(yaml range), body range)`.
fn split_front_matter<'a>(
    path: &Path,
    text: &'a str,
) -> Result<(Option<&'a str>, Range<usize>), Diagnostic> {
    let Some(first_end) = text.find('\n') else {
        return Ok((None, 0..text.len()));
    };
    if text[..first_end].trim_end() != "---" {
        return Ok((None, 0..text.len()));
    }
    let mut offset = first_end + 1;
    for line in text[offset..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            let yaml = &text[first_end + 1..offset];
            return Ok((Some(yaml), offset + line.len()..text.len()));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        Code::FrontMatter,
        path,
        "broken front matter: the opening `---` has no closing `---` line",
    )
    .at(1, 1))
}

fn read_front_matter(path: &Path, text: &str, yaml: &str) -> Result<FrontMatter, Diagnostic> {
    let padded = format!("\n{yaml}");
    if yaml.trim().is_empty() {
        return Ok(FrontMatter {
            outlet: None,
            published: None,
            updated: None,
            url: None,
            title: None,
            other: BTreeMap::new(),
        });
    }
    crate::rules::preflight::check(path, &padded).map_err(|mut d| {
        d.code = Code::FrontMatter;
        d.message = format!("skipped: broken front matter: {}", d.message);
        d
    })?;
    serde_yaml::from_str::<FrontMatter>(&padded).map_err(|e| {
        let mut d = yaml_diagnostic(path, &e);
        d.code = Code::FrontMatter;
        d.message = format!("broken front matter: {}", d.message);
        let _ = text;
        d
    })
}

fn located(code: Code, path: &Path, text: &str, key: &str, message: String) -> Diagnostic {
    let position = text.lines().enumerate().find_map(|(n, line)| {
        let rest = line.strip_prefix(key)?;
        (key == "---" || rest.trim_start().starts_with(':')).then_some(n + 1)
    });
    let d = Diagnostic::error(code, path, message);
    match position {
        Some(line) => d.at(line, 1),
        None => d,
    }
}

/// Text that starts with a UTF-16 byte-order mark, decoded (invalid units replaced).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect(),
    )
}

/// `2022-01-12` or an RFC 3339 date-time; the date is the one written, in its own offset.
pub(crate) fn parse_published(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    let valid =
        text.parse::<jiff::Timestamp>().is_ok() || text.parse::<jiff::civil::DateTime>().is_ok();
    if valid {
        text.get(..10)?.parse::<Date>().ok()
    } else {
        None
    }
}

fn stem_of(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<(Article, Vec<Diagnostic>), Diagnostic> {
        parse_article(Path::new("a/2022-outlet.txt"), text.as_bytes())
    }

    #[test]
    fn front_matter_gives_metadata_and_keeps_file_lines() {
        let (a, warnings) =
            parse("---\noutlet: Wire\npublished: 2022-01-12\nurl: https://x\n---\nBody here.\n")
                .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(a.outlet, "Wire");
        assert_eq!(a.published, Some(jiff::civil::date(2022, 1, 12)));
        assert_eq!(a.body_text(), "Body here.\n");
        assert_eq!(a.locate(a.body.start), (6, 1));
    }

    #[test]
    fn rfc3339_keeps_the_written_date() {
        assert_eq!(
            parse_published("2022-01-12T22:08:00-05:00"),
            Some(jiff::civil::date(2022, 1, 12))
        );
        assert_eq!(parse_published("Jan 12"), None);
    }

    #[test]
    fn times_are_dates_or_date_times_and_updated_wins() {
        let (a, w) = parse(
            "---\noutlet: W\npublished: 2022-10-30T09:00:00+09:00\nupdated: 2022-10-30T15:30:00+09:00\n---\nBody\n",
        )
        .unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.published, Some(jiff::civil::date(2022, 10, 30)));
        assert_eq!(a.dated_by, Some(DatedBy::Updated));
        let time = a.time.unwrap();
        assert_eq!(time.to_string(), "2022-10-30T15:30:00+09:00");
        assert_eq!(When::parse(&time.to_string()), Some(time));
        let day = When::parse("2022-10-30").unwrap();
        assert!(day.day_only);
        assert_eq!(day.to_string(), "2022-10-30");
        assert_eq!(day.apart(&When::parse("2022-10-30T18:00:00Z").unwrap()), 0);
        assert_eq!(
            day.apart(&When::parse("2022-10-31T06:00:00Z").unwrap()),
            6 * 3600 + 1
        );
        assert_eq!(
            When::parse("2022-10-30T09:00:00Z").unwrap().to_string(),
            "2022-10-30T09:00:00Z"
        );
    }

    #[test]
    fn a_url_dates_an_article_without_a_date() {
        for (url, day) in [
            ("https://x.org/world/2022/10/30/crush-toll", (2022, 10, 30)),
            ("https://x.org/world/2022/oct/31/crush", (2022, 10, 31)),
            ("https://x.org/news/20221101-toll.html", (2022, 11, 1)),
        ] {
            assert_eq!(
                date_in_url(url),
                Some(jiff::civil::date(day.0, day.1, day.2)),
                "{url}"
            );
        }
        assert_eq!(date_in_url("https://x.org/story/12345"), None);
        let (a, w) = parse("---\noutlet: W\nurl: https://x.org/2022/10/30/a\n---\nBody\n").unwrap();
        assert_eq!(a.dated_by, Some(DatedBy::Url));
        assert_eq!(a.published, Some(jiff::civil::date(2022, 10, 30)));
        assert_eq!(w[0].code, Code::NoPublicationDate);
        assert!(w[0].message.contains("by its URL"), "{}", w[0].message);
    }

    #[test]
    fn no_front_matter_warns_and_never_guesses_a_date() {
        let (a, warnings) = parse("Thursday, December 8, 2022\n\nText.\n").unwrap();
        assert_eq!(a.outlet, "2022-outlet");
        assert_eq!(a.published, None);
        assert_eq!(warnings[0].code, Code::NoFrontMatter);
    }

    #[test]
    fn broken_front_matter_is_an_error() {
        assert_eq!(
            parse("---\noutlet: X\nBody").unwrap_err().code,
            Code::FrontMatter
        );
        let e = parse("---\noutlet: [x\n---\nBody\n").unwrap_err();
        assert_eq!(e.code, Code::FrontMatter, "{e}");
        assert!(e.line.is_some());
    }

    #[test]
    fn missing_date_and_bad_date() {
        let (_, w) = parse("---\noutlet: X\n---\nBody\n").unwrap();
        assert_eq!(w[0].code, Code::NoPublicationDate);
        let e = parse("---\noutlet: X\npublished: yesterday\n---\nBody\n").unwrap_err();
        assert_eq!(e.code, Code::FrontMatter);
        assert_eq!(e.line, Some(3));
    }

    #[test]
    fn binary_empty_and_non_utf8_inputs() {
        let binary = parse_article(Path::new("b"), b"ab\0cd").unwrap_err();
        assert_eq!(binary.code, Code::BinaryFile);
        assert_eq!(parse("   \n").unwrap_err().code, Code::EmptyArticle);
        let (a, w) = parse_article(Path::new("c.txt"), b"caf\xe9 text").unwrap();
        assert!(a.text.contains('\u{fffd}'));
        assert_eq!(w[0].code, Code::NotUtf8);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Storm text.".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let (a, w) = parse_article(Path::new("u.txt"), &bytes).unwrap();
        assert_eq!(a.body_text(), "Storm text.");
        assert_eq!(w[0].code, Code::Utf16);
    }

    #[test]
    fn an_empty_outlet_is_no_outlet() {
        let (a, w) = parse("---\noutlet: ''\npublished: 2022-01-12\n---\nBody\n").unwrap();
        assert_eq!(a.outlet, "2022-outlet");
        assert!(w.iter().any(|d| d.code == Code::NoOutlet), "{w:?}");
    }

    #[test]
    fn bom_and_crlf_are_accepted() {
        let (a, _) =
            parse("\u{feff}---\r\noutlet: X\r\npublished: 2022-01-12\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(a.outlet, "X");
        assert_eq!(a.body_text().trim_end(), "Body");
    }
}
