//! The claim file "as written": serde structs that mirror the YAML exactly and reject unknown
//! keys. Values that can be checked on their own (ids, patterns, word lists, tolerances) are
//! validated while they are read, so errors carry the location of the node.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{de, Deserialize, Deserializer, Serialize};

use super::pattern::{parse_str, PatternSpec};
use crate::value::{Kind, Tense};

/// The keys a claim may have; kept in step with `ClaimSpec` by a test.
pub const CLAIM_KEYS: &[&str] = &[
    "id",
    "label",
    "kind",
    "unit",
    "patterns",
    "context",
    "exclude",
    "scope",
    "tolerance",
    "reference",
    "case_sensitive",
    "note",
    "examples",
    "tense",
    "canonical",
    "aliases",
    "threshold",
    "over_time",
    "window",
];

/// One claim file.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimFileSpec {
    /// What the claims are about.
    #[serde(default)]
    pub event: Option<EventSpec>,
    /// The claims.
    pub claims: Vec<ClaimSpec>,
}

/// The event a claim file covers.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    /// A short name for the event.
    pub name: String,
    /// When it happened (free text, usually an ISO date).
    #[serde(default)]
    pub date: Option<String>,
    /// Where it happened.
    #[serde(default)]
    pub place: Option<String>,
}

/// One claim as written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// Stable identifier: lower-case letters, digits and `_`.
    pub id: ClaimId,
    /// What the fact is, in words a fact-checker understands.
    pub label: String,
    /// What kind of value the claim states.
    pub kind: Kind,
    /// What is counted or measured ("people", "troops").
    #[serde(default)]
    pub unit: Option<String>,
    /// Regexes with building blocks; at least one unless the claim has `near`.
    #[serde(default)]
    pub patterns: Vec<PatternSpec>,
    /// Words that must be near a value of the claim's kind, in the same clause, whatever the
    /// word order: the rule form that tolerates paraphrase.
    #[serde(default)]
    pub near: Option<NearSpec>,
    /// Read comparisons and changes ("3,000 more than last year", "up 20%", "an hour longer
    /// than expected") as the claim's figure; by default they are not the figure.
    #[serde(default)]
    pub differences: bool,
    /// Keep only values the sentence attributes to one of these parties ("police",
    /// "organi*"): "police said", "according to police", "police put the figure at".
    #[serde(default)]
    pub attributed_to: Vec<WordsSpec>,
    /// Word groups that must each appear in the sentence of a match.
    #[serde(default)]
    pub context: Vec<WordsSpec>,
    /// Word groups none of which may appear in the sentence of a match.
    #[serde(default)]
    pub exclude: Vec<WordsSpec>,
    /// Where `context` and `exclude` words are looked for: the match's `sentence` (default)
    /// or its `paragraph`.
    #[serde(default)]
    pub scope: Scope,
    /// How far figures may differ and still count as the same.
    #[serde(default)]
    pub tolerance: Option<ToleranceSpec>,
    /// The true value, from a primary source, when known.
    #[serde(default)]
    pub reference: Option<ReferenceSpec>,
    /// Match patterns case-sensitively (default: case-insensitive).
    #[serde(default)]
    pub case_sensitive: bool,
    /// Free-form note for maintainers.
    #[serde(default)]
    pub note: Option<String>,
    /// Rule tests: text that must match with a given value, and text that must not match.
    #[serde(default)]
    pub examples: Vec<ExampleSpec>,
    /// Dates: which way bare weekdays ("on Thursday") and "in N years" point from
    /// publication: `past` (default, reported events) or `future` (scheduled events).
    #[serde(default)]
    pub tense: Option<Tense>,
    /// Names and places: the right name, title or place ("Pavel Orlov", "Itaewon").
    #[serde(default)]
    pub canonical: Option<String>,
    /// Names and places: other correct forms of the canonical name.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Names and places: similarity (0–1, Jaro-Winkler per word) from which a name that is a
    /// letter or two off is a spelling variant of the canonical name rather than another name;
    /// default 0.85.
    #[serde(default)]
    pub threshold: Option<Threshold>,
    /// The figure changes as the story develops (death tolls, injured, missing, arrested,
    /// evacuated): sources are compared as a timeline, by when each stated its figure, and a
    /// difference that time explains is a revision, not a conflict.
    #[serde(default)]
    pub over_time: bool,
    /// With `over_time`: how far apart two statements must be for time to explain their
    /// difference ("6h", "90m", "1d", "12 hours"); default 6 hours.
    #[serde(default)]
    pub window: Option<String>,
}

/// A rule test: `match` (with the expected `value`) or `no_match`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExampleSpec {
    /// `text` must match, and the value must normalise to the same value as `value`.
    Match {
        /// The text to run the rule on.
        text: String,
        /// The expected value, written as an article would ("more than 2,500").
        value: String,
        /// The publication date relative dates resolve against.
        published: Option<String>,
    },
    /// `text` must not match.
    NoMatch {
        /// The text to run the rule on.
        text: String,
        /// The publication date relative dates resolve against.
        published: Option<String>,
    },
}

impl<'de> Deserialize<'de> for ExampleSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw {
            #[serde(rename = "match")]
            matches: Option<String>,
            value: Option<String>,
            no_match: Option<String>,
            published: Option<String>,
        }
        let raw = Raw::deserialize(deserializer)?;
        match (raw.matches, raw.value, raw.no_match) {
            (Some(text), Some(value), None) => Ok(ExampleSpec::Match { text, value, published: raw.published }),
            (None, None, Some(text)) => Ok(ExampleSpec::NoMatch { text, published: raw.published }),
            (Some(_), None, None) => Err(de::Error::custom("an example with `match` needs the expected `value`")),
            _ => Err(de::Error::custom(
                "invalid example: expected either `match` (text) with `value` (the expected value), or `no_match` (text)",
            )),
        }
    }
}

impl ExampleSpec {
    /// The example's text.
    pub fn text(&self) -> &str {
        match self {
            ExampleSpec::Match { text, .. } | ExampleSpec::NoMatch { text, .. } => text,
        }
    }

    /// The example's publication date, as written.
    pub fn published(&self) -> Option<&str> {
        match self {
            ExampleSpec::Match { published, .. } | ExampleSpec::NoMatch { published, .. } => {
                published.as_deref()
            }
        }
    }
}

/// The stretch of text around a match in which context words are looked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The sentence the match starts in.
    #[default]
    Sentence,
    /// The paragraph the match starts in.
    Paragraph,
}

/// Words that must be near the value: `near: {words: ["killed|dead|died"], within: 6}`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NearSpec {
    /// Word groups; each must have a word within `within` words of the value, in its clause.
    pub words: Vec<WordsSpec>,
    /// How many words may stand between the value and a near word (default 6, at most 20).
    #[serde(default = "default_within")]
    pub within: Within,
}

/// How many words may separate a value from a `near` word: 0 to 20.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Within(pub u8);

/// The default distance of `near` words.
pub const DEFAULT_WITHIN: u8 = 6;

fn default_within() -> Within {
    Within(DEFAULT_WITHIN)
}

impl<'de> Deserialize<'de> for Within {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let expected = "invalid `within`: expected a number of words from 0 to 20, such as 6";
        let n = u64::deserialize(deserializer).map_err(|_| de::Error::custom(expected))?;
        u8::try_from(n)
            .ok()
            .filter(|n| *n <= 20)
            .map(Within)
            .ok_or_else(|| de::Error::custom(expected))
    }
}

/// A claim identifier.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ClaimId(pub String);

impl<'de> Deserialize<'de> for ClaimId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = String::deserialize(deserializer)?;
        let valid = !id.is_empty()
            && id.starts_with(|c: char| c.is_ascii_lowercase())
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if valid {
            Ok(ClaimId(id))
        } else {
            Err(de::Error::custom(format!(
                "invalid claim id `{id}`: expected lower-case letters, digits and `_`, starting with a letter"
            )))
        }
    }
}

/// A group of alternative words, written `"killed|died|dead"`; a trailing `*` matches any
/// ending (`expel*`), and a space matches any white space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordsSpec {
    /// The alternatives as written.
    pub alternatives: Vec<String>,
}

impl<'de> Deserialize<'de> for WordsSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        parse_str(deserializer, WordsSpec::parse)
    }
}

impl WordsSpec {
    /// Reads `"killed|died|expel*"`.
    fn parse(text: &str) -> Result<Self, String> {
        let alternatives: Vec<String> = text.split('|').map(|w| w.trim().to_string()).collect();
        for word in &alternatives {
            let stem = word.strip_suffix('*').unwrap_or(word);
            let ok = !stem.is_empty()
                && stem
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '’' | '.'));
            if !ok {
                return Err(format!(
                    "invalid word `{word}` in `{text}`: expected words separated by `|`, each of letters, digits, spaces, `-`, `'` or `.`, with an optional trailing `*`"
                ));
            }
        }
        Ok(WordsSpec { alternatives })
    }
}

/// A tolerance: an absolute number (`500`) or a percentage (`"5%"`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ToleranceSpec {
    /// Figures may differ by this much.
    Absolute(f64),
    /// Figures may differ by this fraction of the larger one.
    Relative(f64),
}

impl<'de> Deserialize<'de> for ToleranceSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(f64),
            Text(String),
        }
        let expected = "a non-negative number (`500`) or a percentage (`\"5%\"`)";
        match Raw::deserialize(deserializer)
            .map_err(|_| de::Error::custom(format!("invalid tolerance: expected {expected}")))?
        {
            Raw::Number(x) if x >= 0.0 && x.is_finite() => Ok(ToleranceSpec::Absolute(x)),
            Raw::Text(t) => t
                .trim()
                .strip_suffix('%')
                .and_then(|p| p.trim().parse::<f64>().ok())
                .filter(|p| (0.0..=100.0).contains(p))
                .map(|p| ToleranceSpec::Relative(p / 100.0))
                .ok_or_else(|| {
                    de::Error::custom(format!("invalid tolerance `{t}`: expected {expected}"))
                }),
            Raw::Number(x) => Err(de::Error::custom(format!(
                "invalid tolerance `{x}`: expected {expected}"
            ))),
        }
    }
}

/// The curated true value of a claim.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferenceSpec {
    /// The value, written as the articles would ("2,600", "more than 2,500").
    pub value: String,
    /// Who says so (a primary source).
    pub source: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A similarity threshold, between 0 (exclusive) and 1 (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Threshold(pub f64);

impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let x = f64::deserialize(deserializer).map_err(|_| {
            de::Error::custom("invalid threshold: expected a number between 0 and 1, such as 0.85")
        })?;
        if x > 0.0 && x <= 1.0 {
            Ok(Threshold(x))
        } else {
            Err(de::Error::custom(format!(
                "invalid threshold `{x}`: expected a number between 0 and 1, such as 0.85"
            )))
        }
    }
}

impl JsonSchema for Threshold {
    fn schema_name() -> Cow<'static, str> {
        "Threshold".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "number",
            "exclusiveMinimum": 0,
            "maximum": 1,
            "description": "Similarity (0 < t <= 1) from which a name is a spelling variant of the canonical name."
        })
    }
}

/// A string schema with a description (and an optional regex `pattern`).
fn string_schema(description: &str, pattern: Option<&str>) -> Schema {
    match pattern {
        Some(p) => json_schema!({ "type": "string", "description": description, "pattern": p }),
        None => json_schema!({ "type": "string", "description": description }),
    }
}

impl JsonSchema for ClaimId {
    fn schema_name() -> Cow<'static, str> {
        "ClaimId".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_schema(
            "Stable identifier: lower-case letters, digits and `_`, starting with a letter.",
            Some("^[a-z][a-z0-9_]*$"),
        )
    }
}

impl JsonSchema for Within {
    fn schema_name() -> Cow<'static, str> {
        "Within".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": 20,
            "default": 6,
            "description": "How many words may stand between the value and a near word."
        })
    }
}

impl JsonSchema for WordsSpec {
    fn schema_name() -> Cow<'static, str> {
        "Words".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_schema(
            "Alternative words separated by `|`; a trailing `*` matches any ending (`expel*`).",
            None,
        )
    }
}

impl JsonSchema for ToleranceSpec {
    fn schema_name() -> Cow<'static, str> {
        "Tolerance".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How far figures may differ and still be the same: an absolute number or a percentage such as \"5%\".",
            "oneOf": [
                { "type": "number", "minimum": 0 },
                { "type": "string", "pattern": "^\\s*[0-9]+(\\.[0-9]+)?\\s*%$" }
            ]
        })
    }
}

impl JsonSchema for ExampleSpec {
    fn schema_name() -> Cow<'static, str> {
        "Example".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A rule test: `match` text with its expected `value`, or `no_match` text.",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "match": { "type": "string", "description": "Text the claim must match." },
                        "value": { "type": "string", "description": "The value it must normalise to, written as an article would." },
                        "published": { "type": "string", "description": "Publication date for relative dates (default: the event's date)." }
                    },
                    "required": ["match", "value"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "no_match": { "type": "string", "description": "Text the claim must not match." },
                        "published": { "type": "string" }
                    },
                    "required": ["no_match"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(yaml: &str) -> Result<ClaimSpec, serde_yaml::Error> {
        serde_yaml::from_str(yaml)
    }

    const BASE: &str = "id: a\nlabel: A\nkind: count\npatterns: ['{quantity} people']\n";

    #[test]
    fn a_minimal_claim_reads() {
        let c = claim(BASE).unwrap();
        assert_eq!(c.id.0, "a");
        assert_eq!(c.patterns.len(), 1);
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_location() {
        let err = claim(&format!("{BASE}patern: x\n")).unwrap_err();
        assert!(err.to_string().contains("unknown field `patern`"), "{err}");
        assert_eq!(err.location().unwrap().line(), 5);
    }

    #[test]
    fn unknown_kinds_are_rejected() {
        let err = claim("id: a\nlabel: A\nkind: dat\npatterns: ['{quantity}']\n").unwrap_err();
        assert!(err.to_string().contains("unknown variant `dat`"), "{err}");
    }

    #[test]
    fn tolerances_read_as_numbers_or_percentages() {
        let c = claim(&format!("{BASE}tolerance: '5%'\n")).unwrap();
        assert_eq!(c.tolerance, Some(ToleranceSpec::Relative(0.05)));
        let c = claim(&format!("{BASE}tolerance: 500\n")).unwrap();
        assert_eq!(c.tolerance, Some(ToleranceSpec::Absolute(500.0)));
        assert!(claim(&format!("{BASE}tolerance: lots\n")).is_err());
    }

    #[test]
    fn examples_read_as_match_or_no_match() {
        let c = claim(&format!("{BASE}examples:\n  - match: 'about 5 people'\n    value: about 5\n  - no_match: 'five cats'\n")).unwrap();
        assert_eq!(c.examples.len(), 2);
        assert!(matches!(c.examples[1], ExampleSpec::NoMatch { .. }));
        let err = claim(&format!("{BASE}examples:\n  - match: 'about 5 people'\n")).unwrap_err();
        assert!(
            err.to_string().contains("needs the expected `value`"),
            "{err}"
        );
        assert!(claim(&format!("{BASE}examples:\n  - no_match: x\n    value: y\n")).is_err());
    }

    #[test]
    fn name_keys_read_and_thresholds_are_checked() {
        let c = claim("id: a\nlabel: A\nkind: name\npatterns: ['{name}']\ncanonical: Pavel Orlov\naliases: [Gen. Pavel Orlov]\nthreshold: 0.9\n").unwrap();
        assert_eq!(c.canonical.as_deref(), Some("Pavel Orlov"));
        assert_eq!(c.aliases.len(), 1);
        assert_eq!(c.threshold, Some(Threshold(0.9)));
        let err = claim("id: a\nlabel: A\nkind: name\npatterns: ['{name}']\nthreshold: 2\n");
        assert!(err.unwrap_err().to_string().contains("invalid threshold"));
    }

    #[test]
    fn tense_reads_past_or_future() {
        let c =
            claim("id: a\nlabel: A\nkind: date\npatterns: ['{date}']\ntense: future\n").unwrap();
        assert_eq!(c.tense, Some(Tense::Future));
        assert!(
            claim("id: a\nlabel: A\nkind: date\npatterns: ['{date}']\ntense: later\n").is_err()
        );
    }

    #[test]
    fn bad_ids_and_words_are_rejected() {
        assert!(claim("id: Bad-Id\nlabel: A\nkind: count\npatterns: ['{quantity}']\n").is_err());
        assert!(claim(&format!("{BASE}context: ['kill(ed']\n")).is_err());
    }
}
