//! Generated claim files: the sample claims first, unchanged, then variants of them. A share
//! of the variants is on topic: their literal pattern and context words are swapped for words
//! of the sample articles, so they match almost every article (the worst case for the
//! prefilter). The others are about other stories (`off_topic`), as most rules of a large
//! claim file are.

use serde_yaml::{Mapping, Value};

use super::off_topic::{self, Inventor};
use super::Rng;
use claimdiff::rules::LoadedFile;

/// Stream of the generator used for on-topic variants (articles use their index).
const CLAIMS_STREAM: u64 = u64::MAX;

/// Stream that decides each variant's topic and invents off-topic words, apart from
/// [`CLAIMS_STREAM`] so that with every variant on topic the file is what it was before
/// off-topic variants existed.
const TOPIC_STREAM: u64 = u64::MAX - 1;

/// The words variants draw on.
#[derive(Clone, Debug)]
pub struct VariantWords {
    /// Words of the sample articles, for on-topic variants.
    pub vocabulary: Vec<String>,
    /// Invented words, for off-topic variants.
    pub inventor: Inventor,
}

/// A claim file of `count` rules varied from `files`, as YAML; each variant is on topic with
/// probability `on_topic`.
pub fn claim_file(
    files: &[LoadedFile],
    count: usize,
    seed: u64,
    on_topic: f64,
    words: &VariantWords,
) -> Result<String, String> {
    let mut event = None;
    let mut samples: Vec<Mapping> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file.path)
            .map_err(|e| format!("cannot read {}: {e}", file.path.display()))?;
        let yaml: Mapping = serde_yaml::from_str(&text)
            .map_err(|e| format!("cannot read {}: {e}", file.path.display()))?;
        if event.is_none() {
            event = yaml.get("event").cloned();
        }
        if let Some(Value::Sequence(claims)) = yaml.get("claims") {
            samples.extend(claims.iter().filter_map(|c| c.as_mapping().cloned()));
        }
    }
    if samples.is_empty() {
        return Err("no sample claims to vary".into());
    }
    let mut rng = Rng::new(seed, CLAIMS_STREAM);
    let mut topic_rng = Rng::new(seed, TOPIC_STREAM);
    let claims: Vec<Value> = (0..count)
        .map(|j| {
            let sample = &samples[j % samples.len()];
            Value::Mapping(if j < samples.len() {
                sample.clone()
            } else if topic_rng.fraction() < on_topic {
                variant(sample, j, &mut rng, &words.vocabulary)
            } else {
                off_topic::variant(sample, j, &mut topic_rng, &words.inventor)
            })
        })
        .collect();
    let mut out = Mapping::new();
    if let Some(event) = event {
        out.insert("event".into(), event);
    }
    out.insert("claims".into(), Value::Sequence(claims));
    serde_yaml::to_string(&out).map_err(|e| e.to_string())
}

fn variant(sample: &Mapping, j: usize, rng: &mut Rng, vocabulary: &[String]) -> Mapping {
    let mut claim = sample.clone();
    let text = |key: &str| {
        claim
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let id = format!("{}_v{j}", text("id"));
    let label = format!("{} (variant {j})", text("label"));
    claim.insert("id".into(), id.into());
    claim.insert("label".into(), label.into());
    for (key, share) in [("patterns", 0.5), ("context", 0.3)] {
        if let Some(Value::Sequence(items)) = claim.get_mut(key) {
            for item in items.iter_mut() {
                if let Value::String(s) = item {
                    *s = vary_literal_words(s, rng, share, vocabulary);
                }
            }
        }
    }
    claim
}

/// Swaps literal lower-case words (4 letters or more) of a pattern or word group for
/// vocabulary words, each with probability `share` and at least one. Block names
/// (`{quantity}`), group names (`<value>`) and escapes are not words.
pub fn vary_literal_words(text: &str, rng: &mut Rng, share: f64, vocabulary: &[String]) -> String {
    let words = literal_words(text);
    let forced = rng.below(words.len());
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (n, (start, end)) in words.into_iter().enumerate() {
        if n != forced && !rng.chance(share) {
            continue;
        }
        if let Some(word) = rng.pick(vocabulary) {
            out.push_str(&text[copied..start]);
            out.push_str(word);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn literal_words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_lowercase() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        let before = start.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(i).copied();
        let named =
            matches!(before, Some(b'{' | b'<' | b'\\')) || matches!(after, Some(b'}' | b'>'));
        let inside_word = before.is_some_and(|b| b.is_ascii_alphanumeric());
        if i - start >= 4 && !named && !inside_word {
            words.push((start, i));
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::articles;
    use claimdiff::corpus::{self, Article};

    /// The bundled sample claims and articles.
    fn samples() -> (Vec<LoadedFile>, Vec<Article>) {
        let root = crate::repo_root();
        let (paths, problems) = claimdiff::app::claim_file_paths(&[root.join("claims")]);
        assert!(problems.is_empty(), "{problems:?}");
        let (files, problems) = claimdiff::rules::load_claim_files(&paths);
        assert!(problems.is_empty(), "{problems:?}");
        let (templates, _) = corpus::load_articles(&[root.join("seeds")]);
        (files, templates)
    }

    fn generated(count: usize, seed: u64, on_topic: f64) -> (String, Vec<Article>) {
        let (files, templates) = samples();
        let words = VariantWords {
            vocabulary: articles::vocabulary(&templates),
            inventor: Inventor::new(articles::written_words(&templates)),
        };
        let text = claim_file(&files, count, seed, on_topic, &words).unwrap();
        (text, templates)
    }

    /// How many variants are on topic and how many off topic.
    fn topics(text: &str) -> (usize, usize) {
        (
            text.matches(" (variant ").count(),
            text.matches(" (off-topic variant ").count(),
        )
    }

    #[test]
    fn the_share_sets_how_many_variants_are_on_topic() {
        let (all, _) = generated(200, 1, 1.0);
        let (none, _) = generated(200, 1, 0.0);
        let (some, _) = generated(200, 1, 0.25);
        let variants = topics(&all).0;
        assert!(variants > 150, "{variants}");
        assert_eq!(topics(&all), (variants, 0));
        assert_eq!(topics(&none), (0, variants));
        let (on, off) = topics(&some);
        assert_eq!(on + off, variants);
        assert!((20..=70).contains(&on), "{on} of {variants}");
    }

    #[test]
    fn the_same_seed_gives_the_same_claim_file() {
        assert_eq!(generated(80, 9, 0.3).0, generated(80, 9, 0.3).0);
        assert_ne!(generated(80, 9, 0.3).0, generated(80, 10, 0.3).0);
    }

    #[test]
    fn off_topic_words_occur_in_no_article() {
        let (text, templates) = generated(120, 2, 0.0);
        let written = articles::written_words(&templates).join(" ").to_lowercase();
        let file: Mapping = serde_yaml::from_str(&text).unwrap();
        let claims = file.get("claims").and_then(Value::as_sequence).unwrap();
        let mut checked = 0;
        for claim in claims.iter().filter_map(Value::as_mapping) {
            let label = claim.get("label").and_then(Value::as_str).unwrap();
            if !label.contains("(off-topic variant ") {
                continue;
            }
            for key in ["patterns", "context", "exclude", "canonical", "aliases"] {
                let texts: Vec<&str> = match claim.get(key) {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Sequence(items)) => {
                        items.iter().filter_map(Value::as_str).collect()
                    }
                    _ => Vec::new(),
                };
                for t in texts {
                    for (a, b) in off_topic::syntax_free_words(t) {
                        let word = t[a..b].to_lowercase();
                        assert!(!written.contains(&word), "{word} in an article ({t})");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    #[test]
    fn names_and_escapes_are_not_words() {
        let text = r"{quantity} (?P<value>\w+) (?:troops|soldiers) mass";
        let found: Vec<&str> = literal_words(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(found, vec!["troops", "soldiers", "mass"]);
    }

    #[test]
    fn at_least_one_word_changes() {
        let vocab = vec!["zebra".to_string()];
        let mut rng = Rng::new(3, 3);
        let out = vary_literal_words("{quantity} troops", &mut rng, 0.0, &vocab);
        assert_eq!(out, "{quantity} zebra");
    }
}
