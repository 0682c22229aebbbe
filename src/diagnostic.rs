//! Diagnostics: located, user-facing problems found in claim files and articles.
//!
//! Errors stay structured (path, line, column, message, help) until a printer shows them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::terminal::{printable, printable_lines};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the run is complete.
    Warning,
    /// Something could not be used; for claim files, the run stops.
    Error,
}

/// What kind of problem a diagnostic is: stable, for programs and tests to act on (the
/// message is for people and may be reworded).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Code {
    /// An input path that does not exist.
    NoSuchFile,
    /// A glob that does not parse.
    InvalidGlob,
    /// A glob that matches no file.
    GlobMatchesNothing,
    /// A file or folder that cannot be read.
    CannotRead,
    /// A file or folder that cannot be written.
    CannotWrite,
    /// A FIFO, socket or device met in a folder or glob: skipped, never opened.
    NotARegularFile,
    /// Text in UTF-16, read as such.
    Utf16,
    /// Text that is not UTF-8.
    NotUtf8,
    /// A binary file given as an article.
    BinaryFile,
    /// An article with no text.
    EmptyArticle,
    /// An article without front matter.
    NoFrontMatter,
    /// Front matter without `outlet`.
    NoOutlet,
    /// Front matter without `published`: relative dates stay unresolved.
    NoPublicationDate,
    /// Front matter that does not parse, or a field in it that is wrong.
    FrontMatter,
    /// A front matter key that is not known.
    UnknownFrontMatterKey,
    /// A YAML file that does not parse or does not fit its format.
    Yaml,
    /// An unknown key in a claim.
    UnknownKey,
    /// Two claims with one id.
    DuplicateId,
    /// A claim that does not compile (a pattern, an option, a reference value).
    InvalidClaim,
    /// An empty claim file.
    EmptyClaimFile,
    /// No claim files among the inputs.
    NoClaimFiles,
    /// No articles among the inputs.
    NoArticles,
    /// A claim id that no claim file defines.
    UnknownClaim,
    /// A date given on the command line that is not one.
    InvalidDate,
    /// A draft without a date.
    UndatedDraft,
    /// The store's temporary file cannot be written.
    TemporaryFile,
    /// An observation file that is not one, or does not fit the claims.
    ObservationFile,
    /// A format the inputs cannot give (the HTML page from observation files).
    UnsupportedFormat,
    /// A claim without examples.
    NoExamples,
    /// An example the claim gets wrong.
    FailingExample,
    /// A pattern that matches the empty string.
    EmptyMatch,
    /// A pattern that works, but slowly or not as meant.
    RiskyPattern,
    /// A count of casualties or the like judged without `over_time`.
    ChangesOverTime,
    /// Anything else (and what older observation files carry).
    #[default]
    Other,
}

impl Code {
    /// The code's stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::NoSuchFile => "no-such-file",
            Code::InvalidGlob => "invalid-glob",
            Code::GlobMatchesNothing => "glob-matches-nothing",
            Code::CannotRead => "cannot-read",
            Code::CannotWrite => "cannot-write",
            Code::NotARegularFile => "not-a-regular-file",
            Code::Utf16 => "utf16",
            Code::NotUtf8 => "not-utf8",
            Code::BinaryFile => "binary-file",
            Code::EmptyArticle => "empty-article",
            Code::NoFrontMatter => "no-front-matter",
            Code::NoOutlet => "no-outlet",
            Code::NoPublicationDate => "no-publication-date",
            Code::FrontMatter => "front-matter",
            Code::UnknownFrontMatterKey => "unknown-front-matter-key",
            Code::Yaml => "yaml",
            Code::UnknownKey => "unknown-key",
            Code::DuplicateId => "duplicate-id",
            Code::InvalidClaim => "invalid-claim",
            Code::EmptyClaimFile => "empty-claim-file",
            Code::NoClaimFiles => "no-claim-files",
            Code::NoArticles => "no-articles",
            Code::UnknownClaim => "unknown-claim",
            Code::InvalidDate => "invalid-date",
            Code::UndatedDraft => "undated-draft",
            Code::TemporaryFile => "temporary-file",
            Code::ObservationFile => "observation-file",
            Code::UnsupportedFormat => "unsupported-format",
            Code::NoExamples => "no-examples",
            Code::FailingExample => "failing-example",
            Code::EmptyMatch => "empty-match",
            Code::RiskyPattern => "risky-pattern",
            Code::ChangesOverTime => "changes-over-time",
            Code::Other => "other",
        }
    }
}

/// One problem, located in a file where possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What kind of problem it is. Not in the report's JSON (schema version 1 has no field
    /// for it); observation files carry it.
    #[serde(skip)]
    pub code: Code,
    /// How bad it is.
    pub severity: Severity,
    /// The file it is about (`-` for standard input).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong, lower-case, saying what was expected.
    pub message: String,
    /// A hint on how to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error of kind `code` about `path`, with no location inside it.
    pub fn error(code: Code, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, path, message)
    }

    /// A warning of kind `code` about `path`, with no location inside it.
    pub fn warning(code: Code, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, path, message)
    }

    fn new(
        code: Code,
        severity: Severity,
        path: impl AsRef<Path>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            path: path.as_ref().to_path_buf(),
            line: None,
            column: None,
            message: message.into(),
            help: None,
        }
    }

    /// Places the diagnostic at `line:column` (both 1-based).
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Adds a hint.
    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The longest word a message shows whole: a longer one is input quoted in it (a value, a
/// key, a pattern), shown by its start.
const LONGEST_WORD: usize = 120;

/// The longest message shown whole.
const LONGEST_MESSAGE: usize = 4000;

/// `message` with its overlong words cut (`…`) and, past [`LONGEST_MESSAGE`] characters, its
/// end left out: however large the input it quotes, a message stays a few lines.
pub(crate) fn bounded(message: &str) -> std::borrow::Cow<'_, str> {
    let overlong = message
        .split_whitespace()
        .any(|w| w.len() > LONGEST_WORD && w.chars().count() > LONGEST_WORD);
    if !overlong && message.len() <= LONGEST_MESSAGE {
        return message.into();
    }
    let mut out = String::with_capacity(message.len().min(LONGEST_MESSAGE + 64));
    let mut word = 0usize;
    let mut total = 0usize;
    for c in message.chars() {
        if c.is_whitespace() {
            word = 0;
        } else {
            word += 1;
        }
        match word {
            w if w <= LONGEST_WORD => out.push(c),
            w if w == LONGEST_WORD + 1 => out.push('…'),
            _ => continue,
        }
        total += 1;
        if total >= LONGEST_MESSAGE {
            out.push_str(" …");
            break;
        }
    }
    out.into()
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        // What a diagnostic quotes comes from files and their names: made printable.
        let path = self.path.display().to_string();
        write!(f, "{label}: {}", printable(&path))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", printable_lines(&bounded(&self.message)))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable_lines(&bounded(help)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_input_is_shown_by_its_start() {
        let key = "k".repeat(100_000);
        let d = Diagnostic::error(
            Code::Yaml,
            "a.yaml",
            format!("unknown key `{key}`, expected x"),
        )
        .with_help(format!("quote '{key}'"));
        let shown = d.to_string();
        assert!(shown.len() < 400, "{shown}");
        assert!(
            shown.contains("unknown key `kkkk") && shown.ends_with("…"),
            "{shown}"
        );
        assert!(shown.contains("… expected x"), "{shown}");
        let many = "word ".repeat(10_000);
        assert!(bounded(&many).chars().count() <= LONGEST_MESSAGE + 2);
        assert!(matches!(
            bounded("short `message`"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error(Code::UnknownKey, "claims/a.yaml", "unknown key `patern`")
            .at(3, 5)
            .with_help("did you mean `patterns`?");
        assert_eq!(
            d.to_string(),
            "error: claims/a.yaml:3:5: unknown key `patern`\n  help: did you mean `patterns`?"
        );
    }

    #[test]
    fn display_without_location() {
        let d = Diagnostic::warning(Code::NoFrontMatter, "a.txt", "no front matter");
        assert_eq!(d.to_string(), "warning: a.txt: no front matter");
    }
}
