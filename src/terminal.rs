//! The terminal: whether to colour output (`--color`, `NO_COLOR`) and the progress bar shown on
//! standard error while a long run reads its articles.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// `--color`: when to colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour (overrides `NO_COLOR`).
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// True when output to a stream that `is_terminal` (or not) should be coloured.
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color(),
        }
    }

    /// True when standard output should be coloured.
    pub(crate) fn for_stdout(self) -> bool {
        self.enabled(std::io::stdout().is_terminal())
    }
}

/// `NO_COLOR` set to anything but the empty string (<https://no-color.org>).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// How long a run goes before its progress bar appears, unless
/// `CLAIMDIFF_PROGRESS_DELAY_MS` says otherwise.
const PATIENCE: Duration = Duration::from_millis(300);

/// [`PATIENCE`], or the milliseconds `CLAIMDIFF_PROGRESS_DELAY_MS` gives (0: at once; what
/// is not a whole number is ignored). A test that must see the bar cannot rely on a run
/// lasting 300 ms.
fn patience() -> Duration {
    std::env::var("CLAIMDIFF_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.trim().parse().ok())
        .map_or(PATIENCE, Duration::from_millis)
}

/// A progress bar over the articles of a run: drawn on standard error only when it is a
/// terminal, the run is not `--quiet`, and the run has lasted more than a moment.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    patience: Duration,
    allowed: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A bar over `total` steps; `quiet` keeps it hidden.
    pub fn new(total: usize, quiet: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg}") {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_prefix("reading articles");
        Progress {
            bar,
            started: Instant::now(),
            patience: patience(),
            allowed: !quiet && std::io::stderr().is_terminal(),
            shown: AtomicBool::new(false),
        }
    }

    /// A bar that never shows.
    pub fn hidden() -> Self {
        let mut p = Self::new(0, true);
        p.allowed = false;
        p
    }

    /// One step done; safe to call from several threads at once.
    pub(crate) fn step(&self) {
        if self.allowed
            && self.started.elapsed() >= self.patience
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        self.bar.inc(1);
    }

    /// Removes the bar from the screen.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_and_always_ignore_the_terminal() {
        assert!(!ColorChoice::Never.enabled(true));
        assert!(ColorChoice::Always.enabled(false));
        assert!(!ColorChoice::Auto.enabled(false));
    }
}

/// `text` safe to print on a terminal: every control character is made visible, so text from
/// articles and file names (an outlet, a front matter key, a path) cannot move the cursor,
/// recolour, retitle or clear the terminal, even with colour off. C0 controls and DEL become
/// their Unicode control pictures (ESC is `␛`, as `explain`'s snippets show it), C1 controls
/// and the bidirectional overrides their `\u{…}` escape. Borrowed when nothing needs escaping.
pub(crate) fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(text, false)
}

/// [`printable`], keeping line breaks: for the multi-line text of a table cell or a message.
pub(crate) fn printable_lines(text: &str) -> std::borrow::Cow<'_, str> {
    escape_controls(text, true)
}

fn escape_controls(text: &str, keep_newlines: bool) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| needs_escape(c) && !(keep_newlines && c == '\n');
    if !text.contains(unsafe_char) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if let Some(picture) = control_picture(c) {
            out.push(picture);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        }
    }
    out.into()
}

/// Control characters (C0, DEL, C1) and the bidirectional embeddings, overrides and isolates.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The Unicode control picture of a C0 control or DEL (U+2400–U+2421).
fn control_picture(c: char) -> Option<char> {
    match u32::from(c) {
        n @ 0..=0x1f => char::from_u32(0x2400 + n),
        0x7f => Some('\u{2421}'),
        _ => None,
    }
}

#[cfg(test)]
mod printable_tests {
    use super::*;

    #[test]
    fn controls_become_visible_and_plain_text_is_borrowed() {
        assert!(matches!(
            printable("Wire B — é"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(printable("a\u{1b}[31mb\u{7}"), "a␛[31mb␇");
        assert_eq!(
            printable("x\u{9b}2J\u{202e}y\u{7f}"),
            "x\\u{9b}2J\\u{202e}y␡"
        );
        assert_eq!(printable("one\ntwo"), "one␊two");
        assert_eq!(printable_lines("one\ntwo\u{1b}"), "one\ntwo␛");
    }
}
