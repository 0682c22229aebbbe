//! Off-topic claim variants: rules about another story, as most rules of a large claim file
//! are. Every literal word of four letters or more in a variant's patterns, word groups and
//! names becomes an invented word that no generated article can contain, so the literal
//! prefilter skips the rule; blocks, group names, escapes and regex syntax are kept.

use std::collections::{HashMap, HashSet};

use serde_yaml::{Mapping, Value};

use super::Rng;

/// Keys whose text is a pattern, a word group or a name (a string or a list of them).
const WORDED_KEYS: &[&str] = &["patterns", "context", "exclude", "canonical", "aliases"];

/// Shortest word replaced, as for on-topic variants.
const MIN_WORD: usize = 4;

/// Consonants and vowels that invented words are built from.
const CONSONANTS: &[u8] = b"bdfgklmnprstvz";
const VOWELS: &[u8] = b"aeiou";

/// Fragments of corpus words up to this length are kept in a set; longer invented words
/// (drawn only after many rejections) are checked against the words themselves.
const FRAGMENT_MAX: usize = 8;

/// Makes words that occur in no generated article, not even inside a longer word: patterns
/// are not anchored to word boundaries, so an invented `tore` would match "store".
#[derive(Clone, Debug)]
pub struct Inventor {
    words: Vec<String>,
    fragments: HashSet<String>,
}

impl Inventor {
    /// An inventor avoiding `words` (any case; split into runs of letters).
    pub fn new<I, S>(words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut runs: Vec<String> = words
            .into_iter()
            .flat_map(|w| letter_runs(w.as_ref()).collect::<Vec<_>>())
            .collect();
        runs.sort();
        runs.dedup();
        let mut fragments = HashSet::new();
        for run in &runs {
            let chars: Vec<char> = run.chars().collect();
            for start in 0..chars.len() {
                for end in start + MIN_WORD..=(start + FRAGMENT_MAX).min(chars.len()) {
                    fragments.insert(chars[start..end].iter().collect::<String>());
                }
            }
        }
        Inventor {
            words: runs,
            fragments,
        }
    }

    /// A new lower-case word of 2 to 4 consonant-vowel syllables (longer after many
    /// rejections), found in none of the avoided words.
    pub fn word(&self, rng: &mut Rng) -> String {
        for tries in 0.. {
            let syllables = 2 + rng.below(3) + tries / 64;
            let mut word = String::with_capacity(2 * syllables);
            for _ in 0..syllables {
                word.push(char::from(CONSONANTS[rng.below(CONSONANTS.len())]));
                word.push(char::from(VOWELS[rng.below(VOWELS.len())]));
            }
            if self.is_free(&word) {
                return word;
            }
        }
        unreachable!("a word longer than every avoided word is always free")
    }

    /// True when `word` (lower case) is no avoided word nor part of one.
    pub fn is_free(&self, word: &str) -> bool {
        if word.len() <= FRAGMENT_MAX {
            !self.fragments.contains(word)
        } else {
            !self.words.iter().any(|w| w.contains(word))
        }
    }
}

/// Variant `j` of `sample` about another story: its words invented (one invented word per
/// original word, whatever its case) and its examples dropped, since they quote the sample's
/// story.
pub fn variant(sample: &Mapping, j: usize, rng: &mut Rng, inventor: &Inventor) -> Mapping {
    let mut claim = sample.clone();
    let text = |key: &str| claim.get(key).and_then(Value::as_str).unwrap_or("");
    let id = format!("{}_v{j}", text("id"));
    let label = format!("{} (off-topic variant {j})", text("label"));
    claim.insert("id".into(), id.into());
    claim.insert("label".into(), label.into());
    claim.remove("examples");
    let mut invented = HashMap::new();
    for key in WORDED_KEYS {
        match claim.get_mut(*key) {
            Some(Value::String(s)) => *s = replace_words(s, rng, inventor, &mut invented),
            Some(Value::Sequence(items)) => {
                for item in items.iter_mut() {
                    if let Value::String(s) = item {
                        *s = replace_words(s, rng, inventor, &mut invented);
                    }
                }
            }
            _ => {}
        }
    }
    claim
}

/// Replaces every word of `text` found by [`syntax_free_words`] with an invented word of
/// the same capitalisation shape, the same one for the same word (`invented` remembers them
/// by lower-case original).
fn replace_words(
    text: &str,
    rng: &mut Rng,
    inventor: &Inventor,
    invented: &mut HashMap<String, String>,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    for (start, end) in syntax_free_words(text) {
        let original = &text[start..end];
        let new = invented
            .entry(original.to_ascii_lowercase())
            .or_insert_with(|| inventor.word(rng));
        out.push_str(&text[copied..start]);
        out.push_str(&shaped(new, original));
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// `word` (lower case) in the capitalisation shape of `original`: ALLCAPS, Capitalised or
/// lower case.
pub fn shaped(word: &str, original: &str) -> String {
    if original.len() > 1 && original.bytes().all(|b| b.is_ascii_uppercase()) {
        word.to_ascii_uppercase()
    } else if original
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_uppercase())
    {
        let mut out = word.to_string();
        out[..1].make_ascii_uppercase();
        out
    } else {
        word.to_string()
    }
}

/// Byte ranges of the literal ASCII words (4 letters or more, any case) of a pattern, word
/// group or name: not block names or repetitions (`{quantity}`, `{0,3}`), group names
/// (`(?P<value>`), flags (`(?i)`), escapes (`\w`, `\p{Greek}`, `\x{41}`) or POSIX classes
/// (`[[:alpha:]]`), and not part of a longer word with other letters or digits.
pub fn syntax_free_words(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    // Where the last skipped piece of syntax ended: a word may start right after it.
    let mut syntax_end = 0;
    while i < bytes.len() {
        let skipped = match bytes[i] {
            b'\\' => Some(after_escape(text, i)),
            b'{' => Some(after(bytes, i, b'}')),
            b'(' if bytes.get(i + 1) == Some(&b'?') => Some(after_group_prefix(bytes, i + 2)),
            b'[' if bytes.get(i + 1) == Some(&b':') => after_posix_class(bytes, i + 2),
            _ => None,
        };
        if let Some(next) = skipped {
            i = next;
            syntax_end = next;
            continue;
        }
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let before = if start == syntax_end {
            None
        } else {
            text[..start].chars().next_back()
        };
        if i - start >= MIN_WORD && !joined(before) && !joined(text[i..].chars().next()) {
            words.push((start, i));
        }
    }
    words
}

/// The ASCII letter runs of `text`, lower-cased.
fn letter_runs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= MIN_WORD)
        .map(str::to_ascii_lowercase)
}

/// The index after the first `close` from `from` on (the end when there is none).
fn after(bytes: &[u8], from: usize, close: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == close)
        .map_or(bytes.len(), |p| from + p + 1)
}

/// The index after the escape starting with the backslash at `at`.
fn after_escape(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let Some(c) = text[at + 1..].chars().next() else {
        return bytes.len();
    };
    let next = at + 1 + c.len_utf8();
    let digits = match c {
        'x' => 2,
        'u' => 4,
        'U' => 8,
        'p' | 'P' if bytes.get(next) == Some(&b'{') => return after(bytes, next, b'}'),
        'p' | 'P' => return next + text[next..].chars().next().map_or(0, char::len_utf8),
        _ => return next,
    };
    if bytes.get(next) == Some(&b'{') {
        return after(bytes, next, b'}');
    }
    let hex = bytes[next..]
        .iter()
        .take(digits)
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    next + hex
}

/// The index after a group's `?` prefix: a name (`P<value>`, `<value>`) or flags (`i`,
/// `-u`, `:`).
fn after_group_prefix(bytes: &[u8], from: usize) -> usize {
    match bytes.get(from) {
        Some(b'P') if bytes.get(from + 1) == Some(&b'<') => after(bytes, from + 1, b'>'),
        Some(b'<') => after(bytes, from, b'>'),
        _ => {
            let flags = bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_alphabetic() || **b == b'-')
                .count();
            from + flags
        }
    }
}

/// The index after a POSIX class name whose letters start at `from` (`alpha:]`), if it is
/// one.
fn after_posix_class(bytes: &[u8], from: usize) -> Option<usize> {
    let letters = bytes[from..]
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let end = from + letters;
    bytes[end..].starts_with(b":]").then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        syntax_free_words(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect()
    }

    #[test]
    fn syntax_is_not_words() {
        assert_eq!(
            words(r"(?i){quantity} (?P<value>\w+) (?:Spanish |fire-fighting )*crews"),
            vec!["Spanish", "fire", "fighting", "crews"]
        );
        assert_eq!(
            words(r"\bWord\p{Greek}\pLetter \x{1F600}abcd [[:alpha:]]+ (?<name>x) \u00e9tude"),
            vec!["Word", "etter", "abcd", "tude"]
        );
        assert_eq!(
            words("(?:\\w+ ){0,3}(?:of|at|stands at) {date}"),
            vec!["stands"]
        );
    }

    #[test]
    fn parts_of_longer_words_are_not_words() {
        assert_eq!(
            words("Lisbon’s café2 abcd_e flood*|EU-Mercosur"),
            vec!["Lisbon", "flood", "Mercosur"]
        );
    }

    #[test]
    fn shapes_follow_the_original() {
        assert_eq!(shaped("kobama", "UNESCO"), "KOBAMA");
        assert_eq!(shaped("kobama", "Lisbon"), "Kobama");
        assert_eq!(shaped("kobama", "crews"), "kobama");
        assert_eq!(shaped("kobama", "McDonald"), "Kobama");
    }

    #[test]
    fn invented_words_are_no_avoided_word_or_part_of_one() {
        let inventor = Inventor::new(["store", "Bakery", "ba-ba"]);
        assert!(!inventor.is_free("tore"));
        assert!(!inventor.is_free("bake"));
        assert!(!inventor.is_free("store"));
        assert!(inventor.is_free("baba"));
        let mut rng = Rng::new(1, 1);
        for _ in 0..200 {
            let w = inventor.word(&mut rng);
            assert!((4..=8).contains(&w.len()), "{w}");
            assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
        }
    }

    #[test]
    fn rejected_words_are_drawn_again() {
        // Every two-syllable word is taken: only longer ones can be drawn.
        let all: Vec<String> = CONSONANTS
            .iter()
            .flat_map(|&a| VOWELS.iter().map(move |&b| [a, b]))
            .flat_map(|x| {
                CONSONANTS.iter().flat_map(move |&c| {
                    VOWELS
                        .iter()
                        .map(move |&d| String::from_utf8(vec![x[0], x[1], c, d]).unwrap())
                })
            })
            .collect();
        let inventor = Inventor::new(&all);
        let mut rng = Rng::new(2, 2);
        for _ in 0..50 {
            assert!(inventor.word(&mut rng).len() >= 6);
        }
    }

    #[test]
    fn the_same_word_gets_the_same_invention() {
        let inventor = Inventor::new(["other"]);
        let mut rng = Rng::new(3, 3);
        let mut invented = HashMap::new();
        let a = replace_words("crews|Crews", &mut rng, &inventor, &mut invented);
        let b = replace_words("CREWS", &mut rng, &inventor, &mut invented);
        let (x, y) = a.split_once('|').unwrap();
        assert_eq!(shaped(x, "Crews"), y);
        assert_eq!(x.to_ascii_uppercase(), b);
    }

    /// A claim file of `claims` (YAML list items), each turned into its off-topic variant.
    fn off_topic_file(claims: &str) -> (String, Vec<Mapping>) {
        let samples: Vec<Mapping> = serde_yaml::from_str(claims).unwrap();
        let inventor = Inventor::new(["flood", "died", "people", "Lisbon"]);
        let mut rng = Rng::new(4, 4);
        let variants: Vec<Mapping> = samples
            .iter()
            .enumerate()
            .map(|(j, s)| variant(s, j, &mut rng, &inventor))
            .collect();
        let mut file = Mapping::new();
        file.insert("claims".into(), serde_yaml::to_value(&variants).unwrap());
        (serde_yaml::to_string(&file).unwrap(), variants)
    }

    fn strings<'a>(claim: &'a Mapping, key: &str) -> Vec<&'a str> {
        match claim.get(key) {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Sequence(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn off_topic_variants_keep_blocks_group_names_and_syntax() {
        let (text, variants) = off_topic_file(
            r#"
- id: toll
  label: Flood toll
  kind: count
  unit: people
  patterns:
    - "(?P<value>[0-9]+) (?:people|residents) died in Lisbon"
    - "(?i)\\bflood(?:ed|ing)? (?:\\w+ ){0,3}{quantity}"
  context: ["flood*|storm surge"]
  exclude: ["drill*"]
  examples:
    - match: "12 people died in Lisbon"
      value: "12"
"#,
        );
        let claim = &variants[0];
        let patterns = strings(claim, "patterns");
        assert!(
            patterns[0].starts_with("(?P<value>[0-9]+) (?:"),
            "{patterns:?}"
        );
        assert!(patterns[0].contains(" in "), "{patterns:?}");
        assert!(patterns[1].starts_with("(?i)\\b"), "{patterns:?}");
        assert!(patterns[1].contains("(?:ed|ing)? (?:\\w+ ){0,3}{quantity}"));
        assert!(strings(claim, "context")[0].contains("*|"));
        assert!(strings(claim, "exclude")[0].ends_with('*'));
        assert_eq!(claim.get("id").and_then(Value::as_str), Some("toll_v0"));
        assert!(claim.get("examples").is_none());
        let all = ["patterns", "context", "exclude"].map(|k| strings(claim, k).join(" "));
        for word in [
            "flood",
            "people",
            "residents",
            "died",
            "Lisbon",
            "storm",
            "drill",
        ] {
            assert!(
                all.iter().all(|s| !s.contains(word)),
                "{word} kept: {all:?}"
            );
        }
        let file = claimdiff::rules::load::parse_claim_file(std::path::Path::new("v.yaml"), &text);
        claimdiff::rules::compile(&[file.unwrap()]).unwrap();
    }

    #[test]
    fn off_topic_names_are_invented_alike_in_canonical_aliases_and_patterns() {
        let (text, variants) = off_topic_file(
            r#"
- id: chief
  label: Fire chief
  kind: name
  canonical: Pavel Orlov
  aliases: ["Gen. Pavel Orlov", "PAVEL ORLOV"]
  patterns: ["fire chief,? (?:Gen\\. )?{name}", "{name},? Pavel Orlov"]
"#,
        );
        let claim = &variants[0];
        let canonical = strings(claim, "canonical")[0];
        assert_ne!(canonical, "Pavel Orlov");
        assert_eq!(
            strings(claim, "aliases"),
            vec![format!("Gen. {canonical}"), canonical.to_ascii_uppercase()]
        );
        assert!(strings(claim, "patterns")[0].ends_with(" (?:Gen\\. )?{name}"));
        assert_eq!(
            strings(claim, "patterns")[1],
            format!("{{name}},? {canonical}")
        );
        let file = claimdiff::rules::load::parse_claim_file(std::path::Path::new("v.yaml"), &text);
        claimdiff::rules::compile(&[file.unwrap()]).unwrap();
    }
}
