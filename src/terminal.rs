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
