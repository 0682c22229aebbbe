//! Diagnostics: located, user-facing problems found in claim files and articles.
//!
//! Errors stay structured (path, line, column, message, help) until a printer shows them.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the run is complete.
    Warning,
    /// Something could not be used; for claim files, the run stops.
    Error,
}

/// One problem, located in a file where possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
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
    /// An error about `path` with no location inside it.
    pub fn error(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, path, message)
    }

    /// A warning about `path` with no location inside it.
    pub fn warning(path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, path, message)
    }

    fn new(severity: Severity, path: impl AsRef<Path>, message: impl Into<String>) -> Self {
        Diagnostic {
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
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error("claims/a.yaml", "unknown key `patern`")
            .at(3, 5)
            .with_help("did you mean `patterns`?");
        assert_eq!(
            d.to_string(),
            "error: claims/a.yaml:3:5: unknown key `patern`\n  help: did you mean `patterns`?"
        );
    }

    #[test]
    fn display_without_location() {
        let d = Diagnostic::warning("a.txt", "no front matter");
        assert_eq!(d.to_string(), "warning: a.txt: no front matter");
    }
}
