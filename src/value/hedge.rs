//! Hedges: the words before or after a figure that qualify it ("more than", "nearly", "an
//! estimated", "or more", "-plus"), the qualifier each means, and the regex that finds them.

use serde::{Deserialize, Serialize};

/// How a figure is qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// A bare figure.
    Exact,
    /// "more than", "over", "above": excluded lower bound.
    MoreThan,
    /// "at least", "no fewer than": included lower bound.
    AtLeast,
    /// "just over": a little above.
    JustOver,
    /// "fewer than", "under", "below": excluded upper bound.
    LessThan,
    /// "at most", "no more than": included upper bound.
    AtMost,
    /// "up to", "as many as": included upper bound, stressing the size.
    UpTo,
    /// "nearly", "almost", "just under", "close to": a little below.
    Nearly,
    /// "about", "around", "some", "an estimated", "roughly": either side.
    Approximately,
    /// "between X and Y", "X-Y", "X to Y".
    Range,
    /// "hundreds", "thousands", "tens of thousands": an order of magnitude.
    Vague,
}

/// Hedge phrases and their qualifiers; longer phrases first so they win.
const HEDGES: &[(&str, Qualifier)] = &[
    ("no fewer than", Qualifier::AtLeast),
    ("no less than", Qualifier::AtLeast),
    ("no more than", Qualifier::AtMost),
    ("in excess of", Qualifier::MoreThan),
    ("an estimated", Qualifier::Approximately),
    ("approximately", Qualifier::Approximately),
    ("as many as", Qualifier::UpTo),
    ("upwards of", Qualifier::MoreThan),
    ("more than", Qualifier::MoreThan),
    ("fewer than", Qualifier::LessThan),
    ("less than", Qualifier::LessThan),
    ("just under", Qualifier::Nearly),
    ("just below", Qualifier::Nearly),
    ("just over", Qualifier::JustOver),
    ("just above", Qualifier::JustOver),
    ("estimated", Qualifier::Approximately),
    ("at least", Qualifier::AtLeast),
    ("close to", Qualifier::Nearly),
    ("precisely", Qualifier::Exact),
    ("at most", Qualifier::AtMost),
    ("roughly", Qualifier::Approximately),
    ("exactly", Qualifier::Exact),
    ("nearly", Qualifier::Nearly),
    ("almost", Qualifier::Nearly),
    ("around", Qualifier::Approximately),
    ("about", Qualifier::Approximately),
    ("up to", Qualifier::UpTo),
    ("above", Qualifier::MoreThan),
    ("under", Qualifier::LessThan),
    ("below", Qualifier::LessThan),
    ("some", Qualifier::Approximately),
    ("over", Qualifier::MoreThan),
];

/// The canonical phrase for a qualifier.
pub(crate) fn hedge_word(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "exactly",
        Qualifier::MoreThan => "more than",
        Qualifier::AtLeast => "at least",
        Qualifier::JustOver => "just over",
        Qualifier::LessThan => "fewer than",
        Qualifier::AtMost => "at most",
        Qualifier::UpTo => "up to",
        Qualifier::Nearly => "nearly",
        Qualifier::Approximately => "about",
        Qualifier::Range => "between",
        Qualifier::Vague => "some order of",
    }
}

/// The regex (no captures) for any hedge phrase ("more than", "an estimated", "nearly").
pub(crate) fn hedge_regex() -> String {
    let hedges: Vec<&str> = HEDGES.iter().map(|(h, _)| *h).collect();
    hedges.join("|").replace(' ', r"\s+")
}

/// Hedges written after the figure, and their qualifiers.
const TRAILING_HEDGES: &[(&str, Qualifier)] = &[
    (" or more", Qualifier::AtLeast),
    (" or fewer", Qualifier::AtMost),
    (" or less", Qualifier::AtMost),
    (" or so", Qualifier::Approximately),
    ("-plus", Qualifier::AtLeast),
    ("+", Qualifier::AtLeast),
];

/// The regex (no captures) for a hedge written after the figure ("30 or more", "80,000-plus").
pub(crate) fn trailing_hedge_regex() -> &'static str {
    r"(?:\s+or\s+(?:more|fewer|less|so)(?-u:\b)|-plus(?-u:\b)|\+)"
}

/// "30 or more" → (at least, "30").
pub(crate) fn split_trailing_hedge<'a>(
    text: &'a str,
    trace: &mut Vec<String>,
) -> Option<(Qualifier, &'a str)> {
    let (hedge, q) = TRAILING_HEDGES.iter().find(|(h, _)| text.ends_with(h))?;
    trace.push(format!("hedge \"{}\": {}", hedge.trim(), meaning(*q)));
    text.strip_suffix(hedge).map(|figure| (*q, figure.trim()))
}

/// What a qualifier does to the interval, for traces.
fn meaning(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "the figure is exact",
        Qualifier::MoreThan => "a lower bound, excluded",
        Qualifier::AtLeast => "a lower bound, included",
        Qualifier::JustOver => "a little above (within 10 %)",
        Qualifier::LessThan => "an upper bound, excluded",
        Qualifier::AtMost | Qualifier::UpTo => "an upper bound, included",
        Qualifier::Nearly => "a little below (within 10 %), never above",
        Qualifier::Approximately => "approximate (±10 %)",
        Qualifier::Range => "a range",
        Qualifier::Vague => "an order of magnitude",
    }
}

/// "more than 12,500" → (more than, "12,500"); no hedge is exact.
pub(crate) fn split_hedge<'a>(text: &'a str, trace: &mut Vec<String>) -> (Qualifier, &'a str) {
    for (hedge, q) in HEDGES {
        if let Some(rest) = text.strip_prefix(hedge).and_then(|r| r.strip_prefix(' ')) {
            trace.push(format!("hedge \"{hedge}\": {}", meaning(*q)));
            return (*q, rest);
        }
    }
    trace.push("no hedge: the figure is exact".to_string());
    (Qualifier::Exact, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_hedges_win() {
        let (q, rest) = split_hedge("just under 4", &mut Vec::new());
        assert_eq!((q, rest), (Qualifier::Nearly, "4"));
        let (q, rest) = split_hedge("no more than 4", &mut Vec::new());
        assert_eq!((q, rest), (Qualifier::AtMost, "4"));
    }

    #[test]
    fn hedges_after_the_figure() {
        let split = |t| split_trailing_hedge(t, &mut Vec::new());
        assert_eq!(split("30 or more"), Some((Qualifier::AtLeast, "30")));
        assert_eq!(split("80,000-plus"), Some((Qualifier::AtLeast, "80,000")));
        assert_eq!(
            split("a dozen or so"),
            Some((Qualifier::Approximately, "a dozen"))
        );
        assert_eq!(split("30"), None);
    }

    #[test]
    fn every_qualifier_has_a_phrase() {
        assert_eq!(hedge_word(Qualifier::MoreThan), "more than");
        assert_eq!(hedge_word(Qualifier::Nearly), "nearly");
    }
}
