//! Generated claim files: the sample claims first, unchanged, then variants of them with
//! their literal pattern and context words swapped for words of the sample articles — as a
//! large claim file about many stories would look to the matcher.

use serde_yaml::{Mapping, Value};

use super::Rng;
use crate::rules::LoadedFile;

/// Stream of the generator used for claims (articles use their index).
const CLAIMS_STREAM: u64 = u64::MAX;

/// A claim file of `count` rules varied from `files`, as YAML.
pub fn claim_file(
    files: &[LoadedFile],
    count: usize,
    seed: u64,
    vocabulary: &[String],
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
    let claims: Vec<Value> = (0..count)
        .map(|j| {
            let sample = &samples[j % samples.len()];
            if j < samples.len() {
                Value::Mapping(sample.clone())
            } else {
                Value::Mapping(variant(sample, j, &mut rng, vocabulary))
            }
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
