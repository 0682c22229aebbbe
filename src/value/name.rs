//! Names, titles and places as values: the words as written, folded for comparison, and how
//! they stand to the claim's canonical name and its known aliases.
//!
//! Folding ignores case, diacritics, punctuation and single-letter initials ("Anna K.
//! Berg" is "anna berg"). Words are compared one by one with Jaro-Winkler similarity,
//! in order or as sorted sets (so "Deputy State Secretary" has the words of "Deputy
//! Secretary of State"); a phrase's score is that of its least similar word. Two words that
//! spell one name in different romanisations or scripts ("Sergey"/"Sergei", "Фомин"/"Fomin")
//! score 1, and a word is a misspelling of another only if a letter or two differ ("formin"
//! for "Fomin", not "Fomenko"). A captured phrase is trimmed to the run of words that best
//! matches a known name, so a pattern may capture "Orlov as saying" and keep "Orlov"; without
//! one, to its first run of capitalised words, and a capture with none is not a name.
//!
//! A person's name is the same name as another written differently ([`Alike`]): the family
//! name alone ("Mr Orlov"), the family name first ("Han Seong-min" and "Seong-min Han"),
//! without middle names or initials, or in another romanisation or script. A place is the same
//! place with or without the place it lies in ("Seoul's Itaewon", "the Itaewon district of
//! Seoul" and "Itaewon").

use serde::{Deserialize, Serialize};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use super::unresolved::{Reason, Unresolved};
use super::Relation;

/// The similarity at or above which two names are variants of one another.
pub(crate) const DEFAULT_THRESHOLD: f64 = 0.85;

/// The most words a `{name}` capture holds.
const MAX_WORDS: usize = 6;

/// What a claim of kind `name` (or `place`) knows about the right name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NameSpec {
    /// The right name ("Pavel Orlov").
    pub canonical: String,
    /// Other correct forms ("Gen. Pavel Orlov").
    pub aliases: Vec<String>,
    /// Similarity from which a name is a spelling variant rather than another name.
    pub threshold: f64,
}

impl NameSpec {
    /// A spec with no canonical name (names are compared with each other only).
    pub(crate) const EMPTY: NameSpec = NameSpec {
        canonical: String::new(),
        aliases: Vec::new(),
        threshold: DEFAULT_THRESHOLD,
    };
}

/// What a name stands for: a person or body (or a title), or a place. People have family
/// names and given names; places lie in other places.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sort {
    /// A person's or body's name, or a title.
    Person,
    /// A place.
    Place,
}

/// A name value (of a claim of kind `name` or `place`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Name {
    /// The words as written (after trimming); for a place, the place itself without the
    /// places it lies in.
    pub written: String,
    /// The same, folded for comparison.
    pub folded: String,
    /// The canonical name it is a form or variant of, if it is close enough to one.
    pub canonical: Option<String>,
    /// How similar it is to the closest known form (1 for an exact form).
    pub similarity: f64,
    /// It is a known form, or the same name written differently ([`Alike`]).
    pub exact: bool,
    /// The threshold it was judged with.
    pub threshold: f64,
    /// Places: the places it lies in, as written, innermost first ("Seoul" for "Seoul's
    /// Itaewon"); empty for names.
    pub within: Vec<String>,
}

/// Why two differently written names are the same name (the diff engine notes it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Alike {
    /// Only case, accents or an honorific differ ("Mr Orlov" and "Orlov").
    Written,
    /// The same words spelled in another romanisation or script, or joined otherwise
    /// ("Sergey"/"Sergei", "Фомин"/"Fomin", "Seong-min"/"Seongmin").
    Spelling,
    /// The family name first in one, last in the other ("Han Seong-min", "Seong-min Han").
    Order,
    /// One is the family name alone ("Fomin" and "Alexander Fomin").
    FamilyName,
    /// One leaves out middle names or initials ("Alexander V. Grushko", "Alexander Grushko").
    MiddleName,
    /// Places: one also names the place it lies in ("Seoul's Itaewon" and "Itaewon").
    Within,
}

impl Name {
    /// How `self` relates to `other`; symmetric. Two forms of the canonical name are the same,
    /// a variant of it differs, and an unrelated name conflicts.
    pub fn relate(&self, other: &Name) -> Relation {
        self.relate_as(other, Sort::Person)
    }

    /// [`Name::relate`] for places: the same place is the same whatever place it is said to
    /// lie in; a place and a place it lies in differ (one is more precise, both are true).
    pub fn relate_place(&self, other: &Name) -> Relation {
        let inner = self.relate_as(other, Sort::Place);
        if inner == Relation::Same {
            return Relation::Same;
        }
        let holds = |a: &Name, b: &Name| {
            a.within
                .iter()
                .any(|w| same_words(&place_words(&fold(w)), &place_words(&b.folded)))
        };
        if holds(self, other) || holds(other, self) {
            Relation::Differ
        } else {
            inner
        }
    }

    fn relate_as(&self, other: &Name, sort: Sort) -> Relation {
        if self.folded == other.folded {
            return Relation::Same;
        }
        match (&self.canonical, &other.canonical) {
            (Some(a), Some(b)) if a == b => {
                if self.exact && other.exact {
                    Relation::Same
                } else {
                    Relation::Differ
                }
            }
            (Some(_), Some(_)) => Relation::Conflict,
            _ if alike_as(&self.written, &other.written, sort).is_some() => Relation::Same,
            _ => {
                let threshold = self.threshold.max(other.threshold);
                let (a, b) = (words(&self.folded), words(&other.folded));
                // Names of different lengths are never similar (see `similarity`).
                match score(&a, &b) {
                    Score {
                        similarity,
                        misspelt: true,
                    } if similarity >= threshold => Relation::Differ,
                    _ => Relation::Conflict,
                }
            }
        }
    }

    /// Why `self` and `other`, written differently, are the same name; `None` when they are
    /// written alike (folded the same, same places around) or are not the same name.
    pub(crate) fn alike(&self, other: &Name, sort: Sort) -> Option<Alike> {
        if self.written == other.written && self.within == other.within {
            return None;
        }
        if sort == Sort::Place {
            if self.relate_place(other) != Relation::Same {
                return None;
            }
            let (a, b) = (place_words(&self.folded), place_words(&other.folded));
            return Some(if self.within != other.within {
                Alike::Within
            } else if a != b {
                Alike::Spelling
            } else {
                Alike::Written
            });
        }
        alike_as(&self.written, &other.written, sort)
    }

    /// The name as a reader would see it, with how it stands to the canonical name.
    pub(crate) fn describe(&self) -> String {
        let within = match self.within.as_slice() {
            [] => String::new(),
            places => format!(" (in {})", places.join(", ")),
        };
        match (&self.canonical, self.exact) {
            (Some(_), true) | (None, _) => format!("{}{within}", self.written),
            (Some(c), false) => format!("{}{within} (variant of {c})", self.written),
        }
    }
}

/// The regex (no captures) for a name or title: up to six words, each starting with a letter,
/// joined by spaces or hyphens. Trimming against the claim's names happens when it is read.
///
/// A name starts at the start of a word, never after a digit ("1st Deputy Minister" gives
/// "Deputy Minister"). The boundary is an ASCII one, before an ASCII first letter only: a
/// Unicode `\b` makes the regex crate's lazy DFA give up at the first curly quote of a
/// sentence, which made these patterns the slowest of a scan (5× slower searches). A first
/// letter outside ASCII needs no boundary (a leftmost match starts at its word's first
/// letter anyway), except after a digit or `_` ("2Émile"), where one may now start.
pub(crate) fn name_regex() -> String {
    let word = r"\p{L}[\p{L}\p{M}'’.-]*";
    let first = r"(?:(?-u:\b)[a-zA-Z]|[\p{L}--[a-zA-Z]])[\p{L}\p{M}'’.-]*";
    format!(r"{first}(?:\s+{word}){{0,{}}}", MAX_WORDS - 1)
}

/// The regex for a place: a name whose words may also be joined by a comma ("Itaewon,
/// Seoul").
pub(crate) fn place_regex() -> String {
    let word = r"\p{L}[\p{L}\p{M}'’.-]*";
    let first = r"(?:(?-u:\b)[a-zA-Z]|[\p{L}--[a-zA-Z]])[\p{L}\p{M}'’.-]*";
    format!(r"{first}(?:,?\s+{word}){{0,{}}}", MAX_WORDS - 1)
}

/// Reads a captured name against `spec`; the trace says what was trimmed and why. A capture
/// with no capitalised word that is no known form is not a name ("has", "said", "the").
pub(crate) fn parse_name(
    raw: &str,
    spec: &NameSpec,
    trace: &mut Vec<String>,
) -> Result<Name, Unresolved> {
    parse_as(raw, spec, Sort::Person, trace)
}

/// Reads a captured place against `spec`: the places it is said to lie in ("Seoul's
/// Itaewon", "Itaewon, Seoul", "the Itaewon district of Seoul", "Itaewon in Seoul") are kept
/// apart from the place itself, which is read as a name is.
pub(crate) fn parse_place(
    raw: &str,
    spec: &NameSpec,
    trace: &mut Vec<String>,
) -> Result<Name, Unresolved> {
    let (place, within) = split_place(raw);
    if !within.is_empty() {
        trace.push(format!(
            "`{place}` lies in {}: the place is `{place}`",
            within
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut name = parse_as(&place, spec, Sort::Place, trace)?;
    name.within = within;
    Ok(name)
}

fn parse_as(
    raw: &str,
    spec: &NameSpec,
    sort: Sort,
    trace: &mut Vec<String>,
) -> Result<Name, Unresolved> {
    let written: Vec<&str> = raw.split_whitespace().take(MAX_WORDS).collect();
    if written.iter().all(|w| fold(w).is_empty()) {
        return Err(Unresolved::new(
            Reason::Unreadable,
            format!("`{}` has no name in it", raw.trim()),
        ));
    }
    let known = known_forms(spec, sort);
    let (mut start, mut end, mut form) = match best_window(&written, &known, spec.threshold) {
        Some((s, e, form)) => (s, e, Some(form)),
        None => {
            let Some((s, e)) = name_run(&written) else {
                return Err(Unresolved::new(
                    Reason::Unreadable,
                    format!(
                        "`{}` is not a name: no capitalised word{}",
                        raw.trim(),
                        if spec.canonical.is_empty() {
                            ""
                        } else {
                            ", and no form of the claim's name"
                        }
                    ),
                ));
            };
            (s, e, None)
        }
    };
    if sort == Sort::Person && form.as_ref().is_some_and(|f| !is_title(f)) {
        let (s, e) = extend_name(&written, start, end);
        if (s, e) != (start, end) {
            let whole = written[s..e].join(" ");
            trace.push(format!(
                "`{}` is part of the name `{whole}`: the whole name is compared",
                written[start..end].join(" ")
            ));
            (start, end) = (s, e);
            let (best, closest) = best_form(&words(&fold(&whole)), &known);
            form = closest.filter(|_| best.similarity >= spec.threshold && best.misspelt);
        }
    }
    let kept = written[start..end].join(" ");
    let kept = kept.trim_end_matches([',', '.', ';', ':']).to_string();
    if end - start != written.len() {
        trace.push(format!("trimmed `{}` to `{kept}`", written.join(" ")));
    }
    let folded = words(&fold(&kept)).join(" ");
    let kept_words = words(&folded);
    // How close it is to the known forms, whether or not it is one of them.
    let (closest, nearest) = best_form_of_any(&kept_words, &known);
    let score = match &form {
        Some(f) => similarity(
            &kept_words,
            &f.iter().map(String::as_str).collect::<Vec<_>>(),
        ),
        None => closest.similarity,
    };
    let form = form.map(|f| f.join(" "));
    let alike = match &form {
        Some(f) if f == &folded => None,
        Some(_) => std::iter::once(&spec.canonical)
            .chain(&spec.aliases)
            .find_map(|n| alike_as(&kept, n, sort)),
        None => None,
    };
    let exact = form.as_deref() == Some(folded.as_str()) || alike.is_some();
    let similarity = match &form {
        _ if exact => 1.0,
        // The same words in another order score 1 word by word; say how far the wording is.
        Some(f) => score.min(strsim::jaro_winkler(&folded, f)),
        None => score,
    };
    trace.push(match_note(
        form.as_deref(),
        exact,
        alike,
        score,
        spec,
        (nearest.map(|n| n.join(" ")), closest),
    ));
    Ok(Name {
        written: kept,
        folded,
        canonical: form.map(|_| spec.canonical.clone()),
        similarity,
        exact,
        threshold: spec.threshold,
        within: Vec::new(),
    })
}

fn match_note(
    form: Option<&str>,
    exact: bool,
    alike: Option<Alike>,
    score: f64,
    spec: &NameSpec,
    (nearest, closest): (Option<String>, Score),
) -> String {
    match form {
        Some(f) if exact => match alike {
            None => format!("exactly the known form \"{f}\""),
            Some(how) => format!("the same name as \"{f}\": {}", alike_words(how)),
        },
        Some(f) if score >= 1.0 => {
            format!("the words of \"{f}\" in another order or with other little words: a variant")
        }
        Some(f) => format!(
            "a variant of \"{f}\" (similarity {score:.2} ≥ {:.2})",
            spec.threshold
        ),
        None if spec.canonical.is_empty() => "no canonical name to compare with".into(),
        None => match nearest {
            Some(n) if closest.similarity >= spec.threshold && !closest.misspelt => format!(
                "not a form of \"{}\": similar to \"{n}\" (similarity {:.2}), but more than a \
                 letter or two differ: another name",
                spec.canonical, closest.similarity
            ),
            _ => format!(
                "not a form of \"{}\" (similarity {:.2} < {:.2})",
                spec.canonical, closest.similarity, spec.threshold
            ),
        },
    }
}

/// How two forms are the same name, in words (traces and notes).
pub(crate) fn alike_words(how: Alike) -> &'static str {
    match how {
        Alike::Written => "written differently",
        Alike::Spelling => "another spelling or script",
        Alike::Order => "the other name order (family name first or last)",
        Alike::FamilyName => "the family name alone",
        Alike::MiddleName => "without a middle name or initial",
        Alike::Within => "with or without the place it lies in",
    }
}

/// Lower case, diacritics and punctuation removed, single-letter initials dropped (single
/// digits stay: "Article 4"); a hyphen separates words ("Jong-un" is "jong un").
///
/// Diacritics go by Unicode decomposition (NFKD without combining marks, so "Erdoğan",
/// "Trọng" and "Đoković" fold whatever the script's accents), then the letters that do not
/// decompose are spelled in Latin letters (ı, đ, ł, ø, ß, æ, œ). Other scripts stay as they
/// are: "Фомин" is another spelling of "Fomin" (see [`Alike::Spelling`]), not the same text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            c if c.is_alphanumeric() => c.to_lowercase().for_each(|l| push_latin(&mut out, l)),
            '\'' | '’' | '.' => {}
            _ => out.push(' '),
        }
    }
    out.split_whitespace()
        .filter(|w| w.chars().count() > 1 || has_digit(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The little words names and titles are compared without.
fn is_little(word: &str) -> bool {
    matches!(word, "of" | "the" | "for" | "and")
}

/// How two folded word lists compare: the least similar word pair, in order or as sorted
/// sets (whichever is higher), ignoring the little words "of", "the", "for", "and"; and
/// whether every word of that pairing is a misspelling of its partner at most.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Score {
    similarity: f64,
    misspelt: bool,
}

/// Similarity of two folded word lists: the least similar word pair, in order or as sorted
/// sets (whichever is higher), ignoring the little words "of", "the", "for", "and". Words
/// that are one name in two romanisations or scripts score 1; words with digits score 1 if
/// equal and 0 otherwise ("Article 4" is not "Article 5").
pub fn similarity(a: &[&str], b: &[&str]) -> f64 {
    score(a, b).similarity
}

fn score(a: &[&str], b: &[&str]) -> Score {
    fn content<'w>(w: &[&'w str]) -> Vec<&'w str> {
        w.iter().copied().filter(|w| !is_little(w)).collect()
    }
    let count = |w: &[&str]| w.iter().filter(|w| !is_little(w)).count();
    // Most pairs differ in length: answered before anything is gathered.
    if count(a) == 0 || count(a) != count(b) {
        return Score::default();
    }
    let (a, b) = (content(a), content(b));
    let pairwise = |x: &[&str], y: &[&str]| {
        x.iter().zip(y).fold(
            Score {
                similarity: 1.0,
                misspelt: true,
            },
            |s, (p, q)| Score {
                similarity: s.similarity.min(word_similarity(p, q)),
                misspelt: s.misspelt && misspelling(p, q),
            },
        )
    };
    let (mut sa, mut sb) = (a.clone(), b.clone());
    sa.sort();
    sb.sort();
    let (in_order, sorted) = (pairwise(&a, &b), pairwise(&sa, &sb));
    if sorted.similarity > in_order.similarity {
        sorted
    } else {
        in_order
    }
}

fn word_similarity(p: &str, q: &str) -> f64 {
    if p == q {
        1.0
    } else if has_digit(p) || has_digit(q) {
        0.0
    } else if same_key(p, q) {
        1.0
    } else {
        strsim::jaro_winkler(p, q)
    }
}

/// Whether two folded words have the same [`key`].
fn same_key(p: &str, q: &str) -> bool {
    with_keys(p, q, |kp, kq| kp == kq)
}

/// `f` of the [`key`]s of two folded words. Names repeat across a corpus, so each thread
/// remembers the keys it has made (up to a few thousand words, then starts afresh).
fn with_keys<T>(p: &str, q: &str, f: impl FnOnce(&str, &str) -> T) -> T {
    use std::cell::RefCell;
    use std::collections::HashMap;
    const REMEMBERED: usize = 4096;
    thread_local! {
        static KEYS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        if keys.len() > REMEMBERED {
            keys.clear();
        }
        for w in [p, q] {
            if !keys.contains_key(w) {
                keys.insert(w.to_string(), key(w));
            }
        }
        match (keys.get(p), keys.get(q)) {
            (Some(kp), Some(kq)) => f(kp, kq),
            _ => f(&key(p), &key(q)),
        }
    })
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// `p` could be `q` misspelt: the same word in another romanisation, or one letter off
/// (two in a long word): "formin" for "fomin", not "fomenko".
fn misspelling(p: &str, q: &str) -> bool {
    if p == q {
        return true;
    }
    if has_digit(p) || has_digit(q) {
        return false;
    }
    with_keys(p, q, |kp, kq| {
        let shorter = kp.chars().count().min(kq.chars().count());
        let budget = if shorter >= 8 { 2 } else { 1 };
        kp == kq || strsim::osa_distance(kp, kq) <= budget
    })
}

/// Romanisation equivalences, applied in order to a word in Latin letters before two
/// spellings are compared: "Aleksandr"/"Alexander", "Sergey"/"Sergei", "Seong"/"Sung",
/// "Dmitriy"/"Dmitry", "Choe"/"Choi".
const ROMANISATION: &[(&str, &str)] = &[
    ("ks", "x"),
    ("kh", "h"),
    ("ph", "f"),
    ("eo", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("oe", "oi"),
    ("iy", "y"),
    ("ey", "ei"),
    ("yy", "y"),
];

/// A folded word spelled for comparison across romanisations and scripts: a word wholly in
/// another script is transliterated to Latin letters (`any_ascii`), then the romanisation
/// equivalences apply; a final "y" is "i", a final "-er" after a consonant is "-r", a leading
/// "ye"/"iu"/"ia" is "e"/"yu"/"ya", and doubled letters are single. A word that mixes Latin
/// letters with another script ("Afentа" with a Cyrillic "а") is a misspelling, not another
/// script: it is kept as it is.
fn key(word: &str) -> String {
    let latin = word.chars().filter(char::is_ascii_alphanumeric).count();
    let mut s = if latin == word.chars().count() {
        word.to_string()
    } else if latin > 0 {
        return word.to_string();
    } else {
        any_ascii::any_ascii(word)
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect()
    };
    for (from, to) in ROMANISATION {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    for (from, to) in [("ye", "e"), ("iu", "yu"), ("ia", "ya")] {
        if s.len() > from.len() + 1 && s.starts_with(from) {
            s = format!("{to}{}", &s[from.len()..]);
        }
    }
    if s.len() > 2 && s.ends_with('y') {
        s.pop();
        s.push('i');
    }
    let vowel = |c: u8| b"aeiouy".contains(&c);
    let b = s.as_bytes();
    if b.len() > 3 && s.ends_with("er") && !vowel(b[b.len() - 3]) {
        s.remove(s.len() - 2);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn words(folded: &str) -> Vec<&str> {
    folded.split_whitespace().collect()
}

/// Words that make a name a title: titles get no shortened forms ("Minister" alone is not
/// "Deputy Foreign Minister").
const TITLE_WORDS: &[&str] = &[
    "minister",
    "secretary",
    "deputy",
    "general",
    "president",
    "chief",
    "director",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "head",
    "chair",
    "chairman",
    "envoy",
    "commander",
    "prime",
    "vice",
    "state",
    "foreign",
    "defense",
    "defence",
];

/// Words that never start a name, capitalised or not (at the start of a sentence they are):
/// pronouns, determiners, auxiliaries, conjunctions, prepositions, question words and
/// sentence adverbs. Single letters ("a", "I") fold to nothing anyway.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "an",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "him",
    "them",
    "us",
    "me",
    "who",
    "whom",
    "whose",
    "what",
    "which",
    "why",
    "when",
    "where",
    "how",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "would",
    "should",
    "could",
    "might",
    "must",
    "shall",
    "also",
    "and",
    "or",
    "but",
    "nor",
    "so",
    "yet",
    "not",
    "no",
    "to",
    "of",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "than",
    "then",
    "there",
    "here",
    "if",
    "while",
    "after",
    "before",
    "however",
    "meanwhile",
    "both",
    "all",
    "some",
    "many",
    "most",
    "other",
    "another",
    "such",
    "only",
    "just",
    "even",
    "still",
    "already",
    "now",
    "according",
    "about",
    "into",
    "over",
    "under",
    "against",
    "since",
    "during",
    "until",
    "because",
    "although",
    "though",
    "instead",
    "yesterday",
    "today",
];

/// Words that say what kind of place a place is: "the Itaewon district" is "Itaewon".
const PLACE_WORDS: &[&str] = &[
    "district",
    "area",
    "neighbourhood",
    "neighborhood",
    "quarter",
    "region",
    "province",
    "county",
    "city",
    "town",
    "village",
    "borough",
    "suburb",
    "ward",
    "municipality",
    "prefecture",
    "oblast",
    "island",
    "islands",
    "dong",
    "gu",
];

/// The known forms of the right name: each name in full and, for a person's name (not a
/// title), its family name and its first and last words.
fn known_forms(spec: &NameSpec, sort: Sort) -> Vec<Vec<String>> {
    let mut forms: Vec<Vec<String>> = Vec::new();
    let names = std::iter::once(&spec.canonical).chain(&spec.aliases);
    for name in names {
        let w: Vec<String> = fold(name).split_whitespace().map(String::from).collect();
        let (Some(first), Some(last)) = (w.first().cloned(), w.last().cloned()) else {
            continue;
        };
        let mut candidates = vec![w.clone()];
        let title = w.iter().any(|x| TITLE_WORDS.contains(&x.as_str()));
        if sort == Sort::Person && !title && w.len() <= 3 && !w.iter().any(|x| has_digit(x)) {
            match Person::of(name).filter(|p| p.tokens.len() > 1) {
                Some(p) if p.family() == 0 => {
                    candidates.push(
                        fold(&p.written[0])
                            .split_whitespace()
                            .map(String::from)
                            .collect(),
                    );
                }
                _ => {
                    candidates.push(vec![first, last.clone()]);
                    candidates.push(vec![last]);
                }
            }
        }
        for c in candidates {
            if !c.is_empty() && !forms.contains(&c) {
                forms.push(c);
            }
        }
    }
    forms
}

/// The run of words that best matches a known form at or above `threshold` (a misspelling
/// at most): (start, end, form); ties go to the longer run, then the earlier one.
fn best_window(
    written: &[&str],
    known: &[Vec<String>],
    threshold: f64,
) -> Option<(usize, usize, Vec<String>)> {
    // Folding works word by word (white space only ever separates), so a run's folded words
    // are its words' folded words: each written word is folded once.
    let folded: Vec<String> = written.iter().map(|w| fold(w)).collect();
    let forms: Vec<Vec<&str>> = known
        .iter()
        .map(|form| form.iter().map(String::as_str).collect())
        .collect();
    let mut best: Option<(usize, usize, f64, usize)> = None;
    for start in 0..written.len() {
        for end in start + 1..=written.len() {
            let w: Vec<&str> = folded[start..end]
                .iter()
                .flat_map(|f| f.split_whitespace())
                .collect();
            // A run that starts or ends with a little word ("and League Secretary General")
            // is never better than the run without it.
            if w.first().is_some_and(|x| is_little(x)) || w.last().is_some_and(|x| is_little(x)) {
                continue;
            }

            for (k, f) in forms.iter().enumerate() {
                let s = score(&w, f);
                if s.similarity < threshold || !s.misspelt {
                    continue;
                }
                let better = best.as_ref().is_none_or(|(st, e, b, _)| {
                    s.similarity > *b + 1e-9
                        || ((s.similarity - *b).abs() <= 1e-9 && end - start > e - st)
                });
                if s.similarity > 0.0 && better {
                    best = Some((start, end, s.similarity, k));
                }
            }
        }
    }
    best.map(|(s, e, _, k)| (s, e, known[k].clone()))
}

/// Without a known name to trim against: the first run of capitalised words, after any
/// function words, honorifics and lower-case title words in front ("the minister Sergei
/// Volkov" gives "Sergei Volkov"); numbers belong to the run ("Article 5", "Gate 10"). `None`
/// when the capture has no such run: "has said the fire began" is not a name.
/// Whether `raw` holds a run of capitalised name words (after function words, pronouns and
/// lower-case titles): the cheap test that a capture is a name, before it is read in full.
pub(crate) fn has_name_run(raw: &str) -> bool {
    let written: Vec<&str> = raw.split_whitespace().take(MAX_WORDS).collect();
    name_run(&written).is_some()
}

fn name_run(written: &[&str]) -> Option<(usize, usize)> {
    let skippable = |w: &str| {
        let f = fold(w);
        let lower = !w.starts_with(char::is_uppercase);
        f.is_empty()
            || words(&f).iter().all(|x| {
                FUNCTION_WORDS.contains(x)
                    || (lower && (TITLE_WORDS.contains(x) || HONORIFICS.contains(x)))
            }) && !is_acronym(w)
    };
    let start = written.iter().position(|w| !skippable(w))?;
    if !is_capitalised(written[start]) {
        return None;
    }
    let stops = |w: &str| w.ends_with([',', ';', ':', '.']) && !is_abbreviation(w);
    let mut end = start + 1;
    while end < written.len() && !stops(written[end - 1]) {
        let w = written[end];
        let number = w.starts_with(|c: char| c.is_ascii_digit());
        let after_number = written[end - 1].starts_with(|c: char| c.is_ascii_digit())
            && w.contains('.')
            && w.len() <= 4;
        if !(is_capitalised(w) || number || after_number) {
            break;
        }
        end += 1;
    }
    Some((start, end))
}

/// "U.S.", "p.m.", "Gen.": a word with a full stop inside, or a short capitalised word ending
/// in one, does not end a name's run the way a sentence's last word does.
fn is_abbreviation(w: &str) -> bool {
    let bare = w.trim_end_matches('.');
    bare.contains('.') || bare.chars().count() == 1 || HONORIFICS.contains(&fold(bare).as_str())
}

/// An all-capital word of two letters or more ("WHO", "US"): a name, never a function word.
fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() > 1 && letters.iter().all(|c| c.is_uppercase())
}

/// A word that may be (part of) a name: capitalised, or in a script without capitals, and
/// not a function word ("He", "The", "Also" at the start of a sentence).
fn is_capitalised(w: &str) -> bool {
    let Some(first) = w.chars().find(|c| c.is_alphanumeric()) else {
        return false;
    };
    let cased = first.is_uppercase() || (first.is_alphabetic() && !first.is_lowercase());
    if !cased {
        return false;
    }
    if is_acronym(w) {
        return true;
    }
    let f = fold(w);
    // An initial ("V.") folds to nothing but belongs to the name.
    f.is_empty() || !words(&f).iter().all(|x| FUNCTION_WORDS.contains(x))
}

/// Letters that Unicode does not decompose into a base letter and a mark.
fn push_latin(out: &mut String, c: char) {
    match c {
        'ı' => out.push('i'),
        'đ' | 'ð' => out.push('d'),
        'ł' => out.push('l'),
        'ø' => out.push('o'),
        'ħ' => out.push('h'),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'þ' => out.push_str("th"),
        c => out.push(c),
    }
}

/// A form with a title word in it ("Secretary General") is a title, not a person's name.
fn is_title(form: &[String]) -> bool {
    form.iter().any(|x| TITLE_WORDS.contains(&x.as_str()))
}

/// Honorifics and ranks written without a full stop: never part of a name.
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady", "gen", "col", "sen", "rep", "gov",
];

/// Widens `start..end` over the capitalised words next to it that belong to the same name:
/// not title words, little words, honorifics or abbreviations ending in ".", and not across
/// a comma or the end of a sentence.
fn extend_name(written: &[&str], mut start: usize, mut end: usize) -> (usize, usize) {
    let stops = |w: &str| w.ends_with([',', ';', ':', '.']);
    while start > 0 && is_name_word(written[start - 1]) && !stops(written[start - 1]) {
        start -= 1;
    }
    while end < written.len() && !stops(written[end - 1]) && is_name_word(written[end]) {
        end += 1;
    }
    (start, end)
}

fn is_name_word(word: &str) -> bool {
    let bare = word.trim_end_matches([',', ';', ':']);
    if !is_capitalised(bare) || bare.ends_with('.') {
        return false;
    }
    let folded = fold(bare);
    let w = words(&folded);
    !w.is_empty()
        && w.iter()
            .all(|x| !TITLE_WORDS.contains(x) && !is_little(x) && !HONORIFICS.contains(x))
}

/// The known person's-name form closest to `w`, and its score.
fn best_form(w: &[&str], known: &[Vec<String>]) -> (Score, Option<Vec<String>>) {
    closest_form(w, known.iter().filter(|f| !is_title(f)))
}

/// The known form (name or title) closest to `w`, and its score.
fn best_form_of_any(w: &[&str], known: &[Vec<String>]) -> (Score, Option<Vec<String>>) {
    closest_form(w, known.iter())
}

fn closest_form<'k>(
    w: &[&str],
    known: impl Iterator<Item = &'k Vec<String>>,
) -> (Score, Option<Vec<String>>) {
    let mut best = (Score::default(), None);
    for form in known {
        let f: Vec<&str> = form.iter().map(String::as_str).collect();
        let score = if w == f.as_slice() {
            Score {
                similarity: 1.0,
                misspelt: true,
            }
        } else {
            score(w, &f)
        };
        if score.similarity > best.0.similarity {
            best = (score, Some(form.clone()));
        }
    }
    best
}

/// A person's name as compared with another written differently: its words without
/// honorifics, titles or initials, each folded whole ("Seong-min" is one word, "seongmin").
#[derive(Debug)]
struct Person {
    /// The written words kept, in order.
    written: Vec<String>,
    /// Each folded, hyphens and all joined.
    tokens: Vec<String>,
    /// Each spelled for comparison across romanisations ([`key`]).
    keys: Vec<String>,
    /// Each was written with a hyphen ("Seong-min").
    hyphened: Vec<bool>,
    /// Initials left out ("V." in "Alexander V. Grushko").
    initials: usize,
}

impl Person {
    /// `None` for a title, a phrase with a number, or nothing left.
    fn of(written: &str) -> Option<Person> {
        let mut p = Person {
            written: Vec::new(),
            tokens: Vec::new(),
            keys: Vec::new(),
            hyphened: Vec::new(),
            initials: 0,
        };
        for w in written.split_whitespace() {
            let f = fold(w);
            let parts = words(&f);
            if parts.is_empty() {
                p.initials += usize::from(w.chars().any(char::is_alphabetic));
                continue;
            }
            let honorific = parts
                .iter()
                .all(|x| HONORIFICS.contains(x) || FUNCTION_WORDS.contains(x));
            if p.tokens.is_empty() && honorific {
                continue;
            }
            if parts
                .iter()
                .any(|x| TITLE_WORDS.contains(x) || is_little(x) || has_digit(x))
            {
                return None;
            }
            let token = parts.concat();
            p.keys.push(key(&token));
            p.tokens.push(token);
            p.hyphened.push(w.trim_matches('-').contains('-'));
            p.written.push(w.to_string());
        }
        (!p.tokens.is_empty()).then_some(p)
    }

    /// Which word is the family name: the last, unless only the last is hyphenated, which
    /// makes it the given name ("Han Seong-min": the first).
    fn family(&self) -> usize {
        let last = self.tokens.len() - 1;
        if last > 0 && self.hyphened[last] && !self.hyphened[0] {
            0
        } else {
            last
        }
    }

    /// The keys but the one at `skip`, joined.
    fn joined(&self, skip: Option<usize>) -> String {
        self.keys
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != skip)
            .map(|(_, k)| k.as_str())
            .collect()
    }
}

/// Why the written names `a` and `b` are one name written differently, if they are.
fn alike_as(a: &str, b: &str, sort: Sort) -> Option<Alike> {
    if sort == Sort::Place {
        let (fa, fb) = (fold(a), fold(b));
        let (wa, wb) = (place_words(&fa), place_words(&fb));
        return if wa == wb {
            Some(Alike::Written)
        } else {
            same_words(&wa, &wb).then_some(Alike::Spelling)
        };
    }
    let (a, b) = (Person::of(a)?, Person::of(b)?);
    if a.keys == b.keys {
        return Some(if a.tokens != b.tokens {
            Alike::Spelling
        } else if a.initials != b.initials {
            Alike::MiddleName
        } else {
            Alike::Written
        });
    }
    if a.joined(None) == b.joined(None) {
        return Some(Alike::Spelling);
    }
    let (short, long) = if a.keys.len() <= b.keys.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.keys.len() == 1 {
        return (short.keys[0] == long.keys[long.family()]).then_some(Alike::FamilyName);
    }
    let ends = |p: &Person| [0, p.keys.len() - 1];
    for pa in ends(&a) {
        for pb in ends(&b) {
            if a.keys[pa] == b.keys[pb] && a.joined(Some(pa)) == b.joined(Some(pb)) {
                return Some(if (pa == 0) != (pb == 0) {
                    Alike::Order
                } else {
                    Alike::Spelling
                });
            }
        }
    }
    let (sk, lk) = (&short.keys, &long.keys);
    (sk.len() < lk.len() && sk.first() == lk.first() && sk.last() == lk.last())
        .then_some(Alike::MiddleName)
}

/// A place's folded words without the words that say what kind of place it is ("itaewon
/// district" is "itaewon"), unless nothing else is left.
fn place_words(folded: &str) -> Vec<&str> {
    let all = words(folded);
    let kept: Vec<&str> = all
        .iter()
        .copied()
        .filter(|w| !PLACE_WORDS.contains(w) && !FUNCTION_WORDS.contains(w))
        .collect();
    if kept.is_empty() {
        all
    } else {
        kept
    }
}

/// The same words, spelled in any romanisation or script.
fn same_words(a: &[&str], b: &[&str]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(p, q)| p == q || same_key(p, q))
}

/// Splits a captured place into the place and the places it lies in, innermost first:
/// "Seoul's Itaewon" (a possessive), "Itaewon, Seoul" (after a comma), "the Itaewon district
/// of Seoul" (after "of" following a kind of place), "Itaewon in Seoul".
fn split_place(raw: &str) -> (String, Vec<String>) {
    let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let run = |w: &[&str]| name_run(w).map(|(s, e)| w[s..e].join(" "));
    // After a comma: the containing places, each a run of capitalised words.
    let mut parts = raw.split(", ");
    let place = parts.next().unwrap_or_default();
    let mut after_comma: Vec<String> = Vec::new();
    for part in parts {
        let w: Vec<&str> = part.split_whitespace().collect();
        match name_run(&w) {
            Some((0, e)) => after_comma.push(w[..e].join(" ")),
            _ => break,
        }
    }
    // "X in Y", "the X district of Y".
    let mut w: Vec<&str> = place.split_whitespace().collect();
    let mut around: Vec<String> = Vec::new();
    let cut = (1..w.len()).find(|&i| {
        let kind_of = PLACE_WORDS.contains(&fold(w[i - 1]).as_str());
        let joins = w[i] == "in" || (w[i] == "of" && kind_of);
        joins && name_run(&w[i + 1..]).is_some_and(|(s, _)| s == 0)
    });
    if let Some(i) = cut {
        around.extend(run(&w[i + 1..]));
        w.truncate(i);
    }
    // "Seoul's Itaewon": the possessives in front, outermost first.
    let mut owners: Vec<String> = Vec::new();
    if let Some(last) = w
        .iter()
        .rposition(|x| x.ends_with("'s") || x.ends_with("’s"))
        .filter(|&i| i + 1 < w.len())
    {
        let mut group: Vec<&str> = Vec::new();
        for x in &w[..=last] {
            match x.strip_suffix("'s").or_else(|| x.strip_suffix("’s")) {
                Some(stem) => {
                    group.push(stem);
                    owners.extend(run(&group));
                    group.clear();
                }
                None => group.push(x),
            }
        }
        w.drain(..=last);
    }
    // "the Itaewon district": the article goes.
    let start = w
        .iter()
        .position(|x| !FUNCTION_WORDS.contains(&fold(x).as_str()))
        .unwrap_or(0);
    let mut within: Vec<String> = owners.into_iter().rev().collect();
    within.extend(around);
    within.extend(after_comma);
    for w in &mut within {
        w.truncate(w.trim_end_matches([',', '.', ';', ':']).len());
    }
    within.dedup();
    (w[start..].join(" "), within)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn spec(canonical: &str) -> NameSpec {
        NameSpec {
            canonical: canonical.into(),
            aliases: Vec::new(),
            threshold: DEFAULT_THRESHOLD,
        }
    }

    fn name(raw: &str, canonical: &str) -> Name {
        parse_name(raw, &spec(canonical), &mut Vec::new()).unwrap()
    }

    #[test]
    fn a_misspelling_is_a_variant_that_differs() {
        let right = name("Pavel Orlov", "Pavel Orlov");
        let wrong = name("Pavel orlow.", "Pavel Orlov");
        assert_eq!(wrong.written, "Pavel orlow");
        assert!(!wrong.exact);
        assert_eq!(wrong.canonical.as_deref(), Some("Pavel Orlov"));
        assert_eq!(right.relate(&wrong), Relation::Differ);
        assert_eq!(wrong.relate(&right), Relation::Differ);
    }

    #[test]
    fn little_words_at_the_edges_are_trimmed() {
        let s = NameSpec {
            canonical: "Secretary General".into(),
            aliases: vec!["League Secretary General".into()],
            threshold: DEFAULT_THRESHOLD,
        };
        let n = parse_name("and League Secretary General", &s, &mut Vec::new()).unwrap();
        assert_eq!(n.written, "League Secretary General");
        assert!(n.exact);
    }

    #[test]
    fn the_surname_alone_is_the_same_name() {
        let short = name("Orlov as saying that", "Pavel Orlov");
        assert_eq!(short.written, "Orlov");
        assert!(short.exact);
        assert_eq!(
            short.relate(&name("Pavel Orlov", "Pavel Orlov")),
            Relation::Same
        );
    }

    #[test]
    fn another_name_conflicts() {
        let other = name("Pavel Sokolov", "Pavel Orlov");
        assert_eq!(other.canonical, None);
        assert_eq!(
            other.relate(&name("Pavel Orlov", "Pavel Orlov")),
            Relation::Conflict
        );
    }

    #[test]
    fn case_diacritics_and_initials_are_ignored() {
        assert_eq!(fold("Anna K. Berg"), "anna berg");
        assert_eq!(fold("Müller’s Šefčovič"), "mullers sefcovic");
        let a = name("deputy foreign minister", "Deputy Foreign Minister");
        assert!(a.exact);
    }

    #[test]
    fn reordered_titles_are_variants() {
        let canonical = "Deputy Secretary of State";
        let right = name("Deputy Secretary of State", canonical);
        let reordered = name("Deputy State Secretary", canonical);
        assert_eq!(reordered.canonical.as_deref(), Some(canonical));
        assert!(!reordered.exact);
        assert_eq!(right.relate(&reordered), Relation::Differ);
    }

    #[test]
    fn a_different_title_is_not_a_shortened_form() {
        let t = name("Deputy Defense Minister", "Deputy Foreign Minister");
        assert!(!t.exact);
        let right = name("deputy foreign minister", "Deputy Foreign Minister");
        assert_eq!(t.relate(&right), Relation::Conflict);
    }

    #[test]
    fn titles_are_trimmed_to_the_known_form() {
        let t = name(
            "U.S. Deputy Secretary of State",
            "Deputy Secretary of State",
        );
        assert_eq!(t.written, "Deputy Secretary of State");
        assert!(t.exact);
    }

    #[test]
    fn without_a_canonical_name_similar_names_differ() {
        let a = parse_name("Pavel Orlov", &NameSpec::EMPTY, &mut Vec::new()).unwrap();
        let b = parse_name("Pavel Orlow", &NameSpec::EMPTY, &mut Vec::new()).unwrap();
        let c = parse_name("Maria Lind", &NameSpec::EMPTY, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Differ);
        assert_eq!(a.relate(&c), Relation::Conflict);
    }

    fn relate(a: &str, b: &str, canonical: &str) -> Relation {
        name(a, canonical).relate(&name(b, canonical))
    }

    #[test]
    fn trimming_never_hides_another_person() {
        let n = name("President Mara Castell", "Jon Castell");
        assert_eq!(n.written, "Mara Castell");
        assert_eq!(n.canonical, None);
        let right = "Jon Castell";
        assert_eq!(
            relate("President Mara Castell", right, right),
            Relation::Conflict
        );
        let full = "Ilkin Bayram Ozturk";
        assert_eq!(
            relate("President Ilkin Bayram Ozturk", full, full),
            Relation::Same
        );
        assert_eq!(
            relate("President Ilkin Bayam Ozturk", full, full),
            Relation::Differ
        );
        assert_eq!(
            relate("President Sevil Ozturk", full, full),
            Relation::Conflict
        );
    }

    #[test]
    fn ranks_abbreviations_and_clauses_stay_outside_the_name() {
        assert_eq!(
            name("Col. Gen. Pavel Orlov", "Pavel Orlov").written,
            "Pavel Orlov"
        );
        assert_eq!(name("Mr Orlov, Anna", "Pavel Orlov").written, "Orlov");
        let n = name("Pavel orlow.", "Pavel Orlov");
        assert!(!n.exact && n.canonical.is_some());
    }

    #[test]
    fn titles_are_not_extended_over_capitalised_words() {
        let t = name("League Secretary General", "Secretary General");
        assert_eq!(t.written, "Secretary General");
        assert!(t.exact);
    }

    #[test]
    fn other_scripts_fold_to_latin_letters() {
        assert_eq!(fold("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(fold("Novak Đoković"), "novak dokovic");
        assert_eq!(fold("Nguyễn Phú Trọng"), "nguyen phu trong");
        assert_eq!(fold("Łukasz Øster Straße Ærø"), "lukasz oster strasse aero");
        assert_eq!(fold("Kim Jong-un"), fold("Kim Jong Un"));
        assert_eq!(
            relate("Novak Đoković", "Dokovic", "Novak Dokovic"),
            Relation::Same
        );
        let e = NameSpec::EMPTY;
        let a = parse_name("Nguyễn Phú Trọng", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Nguyen Phu Trong", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
    }

    #[test]
    fn without_a_canonical_name_a_surname_is_the_same_person() {
        let e = NameSpec::EMPTY;
        let a = parse_name("Castell", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Jon Castell", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
        assert_eq!(b.relate(&a), Relation::Same);
    }

    #[test]
    fn the_block_takes_lower_case_words_too() {
        let re = Regex::new(&format!("(?i)Minister {}", name_regex())).unwrap();
        let caps = re.find("Deputy Defense Minister Pavel orlow.").unwrap();
        assert!(caps.as_str().ends_with("orlow."));
    }

    #[test]
    fn a_name_starts_at_the_first_letter_of_a_word() {
        let re = Regex::new(&format!(
            r"(?i)(?P<value>{}),?\s+Pavel\s+Orlov",
            name_regex()
        ))
        .unwrap();
        let value = |text: &str| re.captures(text).map(|c| c["value"].to_string());
        let cases = [
            (
                "It named “deputy minister Pavel Orlov” as envoy.",
                "deputy minister",
            ),
            (
                "Then Šefčovič’s deputy, Pavel Orlov, spoke.",
                "Then Šefčovič’s deputy",
            ),
            (
                "Russia's 1st Deputy Minister Pavel Orlov",
                "Deputy Minister",
            ),
            (
                "In the 2010s Deputy Minister Pavel Orlov",
                "Deputy Minister",
            ),
            ("a F-16s pilot, Pavel Orlov", "pilot"),
            (
                "officials said deputyminister Pavel Orlov",
                "officials said deputyminister",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(value(text).as_deref(), Some(expected), "{text}");
        }
        // Searched from inside a word (where the last match ended), it starts at the next.
        let text = "Ministers Deputy Minister Pavel Orlov";
        let mut locs = re.capture_locations();
        re.captures_read_at(&mut locs, text, 3).unwrap();
        let (start, end) = locs.get(1).unwrap();
        assert_eq!(&text[start..end], "Deputy Minister");
    }
    fn bare(raw: &str) -> Result<Name, Unresolved> {
        parse_name(raw, &NameSpec::EMPTY, &mut Vec::new())
    }

    fn place(raw: &str) -> Name {
        parse_place(raw, &NameSpec::EMPTY, &mut Vec::new()).unwrap()
    }

    #[test]
    fn function_words_pronouns_and_verbs_are_not_names() {
        for raw in [
            "has said the fire began at",
            "said the blaze was under control.",
            "claimed that",
            "he",
            "the",
            "also",
            "why",
            "fire",
            "He said",
            "The",
            "Also claimed",
            "Why",
        ] {
            assert!(bare(raw).is_err(), "{raw}");
            assert!(
                parse_name(raw, &spec("Han Seong-min"), &mut Vec::new()).is_err(),
                "{raw}"
            );
        }
        // Capitalised words, or a known form in any case, are names.
        assert_eq!(
            bare("the minister Sergei Volkov said").unwrap().written,
            "Sergei Volkov"
        );
        assert_eq!(bare("WHO officials").unwrap().written, "WHO");
        assert_eq!(
            name("deputy foreign minister", "Deputy Foreign Minister").written,
            "deputy foreign minister"
        );
    }

    #[test]
    fn the_family_name_alone_is_the_same_person() {
        let full = "Han Seong-min";
        for short in ["Han", "Mr Han", "Mr. Han"] {
            let n = name(short, full);
            assert!(n.exact, "{short}");
            assert_eq!(relate(short, full, full), Relation::Same, "{short}");
        }
        // The family name of a name written family name first is not its last word.
        assert_eq!(relate("Min", full, full), Relation::Conflict);
        let e = NameSpec::EMPTY;
        let a = parse_name("Mr Han", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Seong-min Han", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
        assert_eq!(a.alike(&b, Sort::Person), Some(Alike::FamilyName));
        // A given name alone is not the person.
        let given = parse_name("Alexander", &e, &mut Vec::new()).unwrap();
        let whole = parse_name("Alexander Fomin", &e, &mut Vec::new()).unwrap();
        assert_eq!(given.relate(&whole), Relation::Conflict);
    }

    #[test]
    fn family_name_first_or_last_is_the_same_person() {
        let full = "Choi Seong-beom";
        assert_eq!(relate("Seong-beom Choi", full, full), Relation::Same);
        assert!(name("Seong-beom Choi", full).exact);
        let e = NameSpec::EMPTY;
        let a = parse_name("Choi Seong-beom", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Seongbeom Choi", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
        assert_eq!(a.alike(&b, Sort::Person), Some(Alike::Order));
    }

    #[test]
    fn middle_names_and_initials_may_be_left_out() {
        let full = "Alexander Grushko";
        assert_eq!(relate("Alexander V. Grushko", full, full), Relation::Same);
        let e = NameSpec::EMPTY;
        let a = parse_name("Alexander V. Grushko", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Alexander Grushko", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
        assert_eq!(a.alike(&b, Sort::Person), Some(Alike::MiddleName));
        let c = parse_name("Alexander Vasilyevich Grushko", &e, &mut Vec::new()).unwrap();
        assert_eq!(c.alike(&b, Sort::Person), Some(Alike::MiddleName));
    }

    #[test]
    fn romanisations_and_scripts_are_one_spelling() {
        for (a, b) in [
            ("Aleksandr", "Alexander"),
            ("Sergey", "Sergei"),
            ("Seong", "Sung"),
            ("Dmitriy", "Dmitry"),
            ("Yevgeny", "Evgeniy"),
            ("Yuriy", "Iurii"),
            ("Choe", "Choi"),
            ("Фомин", "Fomin"),
            ("Сергей", "Sergey"),
        ] {
            assert_eq!(key(&fold(a)), key(&fold(b)), "{a} / {b}");
        }
        let full = "Alexander Fomin";
        for other in ["Aleksandr Fomin", "Фомин", "Александр Фомин"] {
            assert!(name(other, full).exact, "{other}");
            assert_eq!(relate(other, full, full), Relation::Same, "{other}");
        }
        let e = NameSpec::EMPTY;
        let a = parse_name("Sergey Volkov", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Сергей Волков", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Same);
        assert_eq!(a.alike(&b, Sort::Person), Some(Alike::Spelling));
        let c = parse_name("Sung-min Han", &e, &mut Vec::new()).unwrap();
        let d = parse_name("Han Seong-min", &e, &mut Vec::new()).unwrap();
        assert_eq!(c.relate(&d), Relation::Same);
    }

    #[test]
    fn misspellings_are_variants_and_other_surnames_other_people() {
        let full = "Alexander Fomin";
        let wrong = name("Alexander formin", full);
        assert!(!wrong.exact && wrong.canonical.is_some());
        assert_eq!(relate("Alexander formin", full, full), Relation::Differ);
        assert_eq!(relate("formin", "Fomin", full), Relation::Differ);
        // A Latin word with one Cyrillic letter is a misspelling, not another script.
        let e = NameSpec::EMPTY;
        let a = parse_name("Afenta", &e, &mut Vec::new()).unwrap();
        let b = parse_name("Afentа", &e, &mut Vec::new()).unwrap();
        assert_eq!(a.relate(&b), Relation::Differ);
        // Jaro-Winkler scores "Fomenko" 0.85 against "Fomin": another name all the same.
        let other = name("Fomenko", full);
        assert_eq!(other.canonical, None);
        assert!(other.similarity >= DEFAULT_THRESHOLD - 0.01);
        assert_eq!(relate("Fomenko", full, full), Relation::Conflict);
        assert_eq!(relate("Alexander Fomenko", full, full), Relation::Conflict);
        let c = parse_name("Fomenko", &e, &mut Vec::new()).unwrap();
        let d = parse_name("Fomin", &e, &mut Vec::new()).unwrap();
        assert_eq!(c.relate(&d), Relation::Conflict);
    }

    #[test]
    fn a_number_or_a_time_makes_another_name() {
        let e = NameSpec::EMPTY;
        let parse = |raw: &str| parse_name(raw, &e, &mut Vec::new()).unwrap();
        let (four, five) = (parse("Article 4"), parse("Article 5"));
        assert_eq!(
            (four.written.as_str(), five.written.as_str()),
            ("Article 4", "Article 5")
        );
        assert_eq!(four.relate(&five), Relation::Conflict);
        let (early, late) = (parse("Flight 10:00 p.m."), parse("Flight 10:40 p.m."));
        assert_eq!(early.relate(&late), Relation::Conflict);
        assert_eq!(
            name("Article 5", "Article 4").relate(&name("Article 4", "Article 4")),
            Relation::Conflict
        );
    }

    #[test]
    fn below_the_threshold_the_similarity_is_the_computed_one() {
        let mut trace = Vec::new();
        let n = parse_name("Pavel Sokolov", &spec("Pavel Orlov"), &mut trace).unwrap();
        assert!(
            n.similarity > 0.0 && n.similarity < DEFAULT_THRESHOLD,
            "{}",
            n.similarity
        );
        let last = trace.last().unwrap();
        assert!(last.contains(&format!("{:.2}", n.similarity)), "{last}");
    }

    #[test]
    fn a_place_is_the_same_in_the_places_it_lies_in() {
        let bare = place("Itaewon");
        for raw in [
            "Seoul's Itaewon",
            "Seoul’s Itaewon district",
            "the Itaewon district of Seoul",
            "Itaewon, Seoul",
            "Itaewon in Seoul",
        ] {
            let p = place(raw);
            assert_eq!(
                p.written.split_whitespace().next(),
                Some("Itaewon"),
                "{raw}"
            );
            assert_eq!(p.within, ["Seoul"], "{raw}");
            assert_eq!(p.relate_place(&bare), Relation::Same, "{raw}");
            assert_eq!(p.alike(&bare, Sort::Place), Some(Alike::Within), "{raw}");
        }
        assert_eq!(place("Itaewon-dong").relate_place(&bare), Relation::Same);
        // The city it lies in is less precise: both are true, they differ.
        assert_eq!(
            place("Seoul").relate_place(&place("Seoul's Itaewon")),
            Relation::Differ
        );
        assert_eq!(place("Hongdae").relate_place(&bare), Relation::Conflict);
        assert_eq!(place("Itaewon").describe(), "Itaewon");
        assert_eq!(place("Seoul's Itaewon").describe(), "Itaewon (in Seoul)");
    }

    #[test]
    fn a_place_is_read_against_the_canonical_place() {
        let s = spec("Itaewon");
        let p = parse_place("Seoul's Itaewn", &s, &mut Vec::new()).unwrap();
        assert_eq!(p.canonical.as_deref(), Some("Itaewon"));
        assert!(!p.exact);
        let q = parse_place("the Itaewon district of Seoul", &s, &mut Vec::new()).unwrap();
        assert!(q.exact);
        assert_eq!(p.relate_place(&q), Relation::Differ);
    }
}
