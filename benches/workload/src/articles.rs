//! Generated articles: each one a sample article with its figures, dates, surnames, outlet,
//! hedges and paragraph order varied. The sample's own text is the only source of words.

use jiff::civil::Date;
use jiff::Span;

use super::Rng;
use claimdiff::corpus::Article;

/// Suffixes that turn a sample outlet into another plausible outlet.
const OUTLET_SUFFIXES: &[&str] = &[
    "",
    " Online",
    " International",
    " Weekly",
    " Daily",
    " Europe",
    " Wire",
    " Digest",
];

/// Paraphrases between hedges the value engine reads alike, and one reporting verb.
const PARAPHRASES: &[(&str, &str)] = &[
    ("more than", "over"),
    ("about", "around"),
    ("nearly", "almost"),
    ("at least", "no fewer than"),
    ("some", "an estimated"),
    ("said", "stated"),
];

/// Number words that may be swapped for a neighbour.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];

/// What the generator draws from: the samples, their outlets and their surnames.
#[derive(Clone, Debug)]
pub struct Pool {
    samples: Vec<Sample>,
    outlets: Vec<String>,
    surnames: Vec<String>,
}

#[derive(Clone, Debug)]
struct Sample {
    published: Option<Date>,
    title: Option<String>,
    body: String,
}

impl Pool {
    /// Collects samples, outlets and surnames ("Firstname Surname" pairs) from `templates`.
    pub fn new(templates: &[Article]) -> Self {
        let mut outlets: Vec<String> = templates.iter().map(|a| a.outlet.clone()).collect();
        outlets.sort();
        outlets.dedup();
        let mut surnames: Vec<String> = templates
            .iter()
            .flat_map(|a| surnames_in(a.body_text()))
            .collect();
        surnames.sort();
        surnames.dedup();
        let samples = templates
            .iter()
            .map(|a| Sample {
                published: a.published,
                title: a.title.clone(),
                body: a.body_text().to_string(),
            })
            .collect();
        Pool {
            samples,
            outlets,
            surnames,
        }
    }
}

/// Lower-case words (4 to 12 letters) of the samples, sorted: what rule variants draw on.
pub fn vocabulary(templates: &[Article]) -> Vec<String> {
    let mut words: Vec<String> = templates
        .iter()
        .flat_map(|a| words_of(a.body_text()))
        .filter(|w| (4..=12).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Every word a generated article can hold: the samples' text, titles and outlets, and the
/// outlet suffixes, paraphrases and number words the generator adds.
pub fn written_words(templates: &[Article]) -> Vec<String> {
    let own = OUTLET_SUFFIXES
        .iter()
        .chain(PARAPHRASES.iter().map(|(_, to)| to))
        .chain(NUMBER_WORDS);
    templates
        .iter()
        .flat_map(|a| {
            let text = [a.body_text(), &a.outlet, a.title.as_deref().unwrap_or("")];
            text.into_iter().flat_map(words_of)
        })
        .chain(own.flat_map(|w| words_of(w)))
        .map(str::to_lowercase)
        .collect()
}

/// Article `index` of the workload seeded with `seed`, front matter included.
pub fn article(pool: &Pool, seed: u64, index: usize) -> String {
    let mut rng = Rng::new(seed, index as u64);
    let Some(sample) = pool.samples.get(rng.below(pool.samples.len())) else {
        return String::new();
    };
    let outlet = format!(
        "{}{}",
        rng.pick(&pool.outlets).map_or("", String::as_str),
        rng.pick(OUTLET_SUFFIXES).unwrap_or(&"")
    );
    let published = sample.published.and_then(|d| {
        d.checked_add(Span::new().days(rng.below(7) as i64 - 3))
            .ok()
    });
    let mut body = reorder_paragraphs(&sample.body, &mut rng);
    body = vary_numbers(&body, &mut rng);
    body = vary_words(&body, &mut rng, pool);
    let mut out = String::from("---\n");
    out.push_str(&format!("outlet: {}\n", quoted(&outlet)));
    if let Some(date) = published {
        out.push_str(&format!("published: {date}\n"));
    }
    if let Some(title) = &sample.title {
        out.push_str(&format!(
            "title: {}\n",
            quoted(&vary_numbers(title, &mut rng))
        ));
    }
    out.push_str("---\n");
    out.push_str(&body);
    out
}

/// A YAML double-quoted string (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// Drops a few paragraphs (never the first) and swaps a few neighbours.
fn reorder_paragraphs(body: &str, rng: &mut Rng) -> String {
    let mut paragraphs: Vec<&str> = body.split("\n\n").collect();
    let mut i = 1;
    while i < paragraphs.len() {
        if rng.chance(0.08) {
            paragraphs.remove(i);
            continue;
        }
        if i + 1 < paragraphs.len() && rng.chance(0.08) {
            paragraphs.swap(i, i + 1);
        }
        i += 1;
    }
    paragraphs.join("\n\n")
}

/// Changes about a third of the figures: years by a year or so, other whole numbers by up to
/// ±20 % at their own precision; separators are kept.
pub fn vary_numbers(text: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b',') {
            end += 1;
        }
        while end > i && bytes[end - 1] == b',' {
            end -= 1;
        }
        let figure = &text[i..end];
        let decimal =
            bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !decimal && rng.chance(0.35) {
            if let Some(new) = vary_figure(figure, rng) {
                out.push_str(&text[copied..i]);
                out.push_str(&new);
                copied = end;
            }
        }
        i = end.max(i + 1);
    }
    out.push_str(&text[copied..]);
    out
}

fn vary_figure(figure: &str, rng: &mut Rng) -> Option<String> {
    let plain: String = figure.chars().filter(|&c| c != ',').collect();
    let value: u64 = plain.parse().ok()?;
    let grouped = figure.contains(',');
    if !grouped && plain.len() == 4 && (1900..2100).contains(&value) {
        return Some((value + rng.below(3) as u64).saturating_sub(1).to_string());
    }
    let zeros = plain.len() - plain.trim_end_matches('0').len();
    let unit = 10u64.checked_pow(zeros.min(plain.len().saturating_sub(1)) as u32)?;
    let factor = 0.8 + 0.4 * (rng.below(1001) as f64 / 1000.0);
    let scaled = ((value as f64 * factor / unit as f64).round() as u64).max(1) * unit;
    Some(if grouped {
        group_thousands(scaled)
    } else {
        scaled.to_string()
    })
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Paraphrases hedges, swaps number words for neighbours and one surname for another.
fn vary_words(body: &str, rng: &mut Rng, pool: &Pool) -> String {
    let mut text = body.to_string();
    for (from, to) in PARAPHRASES {
        if rng.chance(0.5) {
            text = replace_words(&text, from, to);
        }
    }
    for (i, word) in NUMBER_WORDS.iter().enumerate() {
        if rng.chance(0.3) {
            let neighbour = NUMBER_WORDS[(i + 1).min(NUMBER_WORDS.len() - 1)];
            text = replace_words(&text, word, neighbour);
        }
    }
    let present: Vec<&String> = pool
        .surnames
        .iter()
        .filter(|s| text.contains(s.as_str()))
        .collect();
    if let (Some(old), Some(new)) = (rng.pick(&present), rng.pick(&pool.surnames)) {
        text = replace_words(&text, old, new);
    }
    text
}

/// Replaces whole-word occurrences of `from` (ASCII word boundaries).
fn replace_words(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(from) {
        let end = at + from.len();
        let before = text[..at].chars().next_back();
        let after = text[end..].chars().next();
        let bounded = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        if at >= copied && bounded(before) && bounded(after) {
            out.push_str(&text[copied..at]);
            out.push_str(to);
            copied = end;
        }
    }
    out.push_str(&text[copied..]);
    out
}

fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The second word of each "Firstname Surname" pair of capitalised words.
fn surnames_in(text: &str) -> Vec<String> {
    let capitalised = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(|c| c.is_ascii_uppercase())
            && w.len() >= 3
            && chars.all(|c| c.is_ascii_lowercase())
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|w| capitalised(w[0]) && capitalised(w[1]))
        .map(|w| w[1].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_keep_their_shape() {
        let mut rng = Rng::new(1, 1);
        for _ in 0..50 {
            let out = vary_numbers(
                "killed 14,000 people, 100,000 troops in 2014 and 3.5",
                &mut rng,
            );
            assert!(out.ends_with(" and 3.5"), "{out}");
            assert!(out.contains(" people, "), "{out}");
        }
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            replace_words("about roundabout about.", "about", "around"),
            "around roundabout around."
        );
    }

    #[test]
    fn surnames_come_from_name_pairs() {
        assert_eq!(
            surnames_in("said Jens Stoltenberg today"),
            vec!["Stoltenberg"]
        );
    }
}
