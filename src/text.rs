//! Text geometry: byte offsets to line:column, and sentence boundaries.
//!
//! Sentences matter because claim context words must stand in the same sentence as the match,
//! and because every observation quotes its sentence as evidence.

use std::ops::Range;

/// Maps byte offsets of one text to 1-based line and column (columns count characters).
///
/// Built once per text in linear time; a lookup is a binary search for the line and for the
/// nearest character mark, then a count of at most [`MARK_STRIDE`] bytes: logarithmic in the
/// text's size however long its lines (a 32 MB text on one line is located as fast as any).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Byte offsets (character boundaries) about every [`MARK_STRIDE`] bytes, from 0.
    marks: Vec<usize>,
    /// The number of characters before each mark.
    chars: Vec<usize>,
}

/// The distance between two character marks of a [`LineIndex`], in bytes.
pub(crate) const MARK_STRIDE: usize = 1024;

impl LineIndex {
    /// Indexes the line starts and character marks of `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = vec![0];
        let mut chars = vec![0];
        let mut at = 0;
        while at + MARK_STRIDE < text.len() {
            let mut next = at + MARK_STRIDE;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            let count = chars.last().copied().unwrap_or(0) + text[at..next].chars().count();
            marks.push(next);
            chars.push(count);
            at = next;
        }
        LineIndex {
            starts,
            marks,
            chars,
        }
    }

    /// The 1-based line and column of byte `offset` in `text` (the text this index was built on).
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = match (
            self.chars_before(text, start),
            self.chars_before(text, offset),
        ) {
            (Some(a), Some(b)) => b - a + 1,
            _ => 1,
        };
        (line, column)
    }

    /// The number of characters before byte `offset` of `text`; `None` inside a character.
    fn chars_before(&self, text: &str, offset: usize) -> Option<usize> {
        let i = self.marks.partition_point(|&m| m <= offset).max(1) - 1;
        let (mark, before) = (*self.marks.get(i)?, *self.chars.get(i)?);
        Some(before + text.get(mark..offset)?.chars().count())
    }
}

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "maj", "sgt", "capt", "cmdr", "adm",
    "gov", "sen", "rep", "pres", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues",
    "wed", "thu", "thurs", "fri", "sat", "sun", "approx", "est", "dept", "univ", "fig", "mt", "ft",
    "ave", "blvd", "etc", "e.g", "i.e", "al",
];

/// Splits `text` into sentence byte ranges (trimmed of surrounding white space).
///
/// A sentence ends at a blank line; at a line break unless the line clearly wraps mid-sentence
/// (it ends in a lower-case word or comma and the next line starts in lower case); and at `.`,
/// `!` or `?` (with any closing quotes) followed by space and a capital, digit or quote — unless
/// the word before the period is a known abbreviation, an initial or a dotted acronym.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let end = if c == b'\n' {
            line_break_ends(text, i).then_some(i)
        } else if matches!(c, b'.' | b'!' | b'?') {
            punctuation_ends(text, i)
        } else {
            None
        };
        if let Some(end) = end {
            push_trimmed(text, start..end, &mut out);
            start = end;
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Splits `text` into paragraphs: ended by a blank line, or by a line break after a line that
/// ends a sentence (scraped news often has one paragraph per line).
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n') {
        let blank_follows = text[i + 1..]
            .trim_start_matches([' ', '\t', '\r'])
            .starts_with('\n');
        let ends_line = text[..i]
            .trim_end_matches([' ', '\t', '\r'])
            .ends_with(['.', '!', '?', '"', '”', '’', ':']);
        if blank_follows || ends_line {
            push_trimmed(text, start..i, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// The index of the sentence range that contains `offset`, if any.
pub(crate) fn sentence_at(sentences: &[Range<usize>], offset: usize) -> Option<usize> {
    let i = sentences.partition_point(|r| r.end <= offset);
    (i < sentences.len() && sentences[i].start <= offset).then_some(i)
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

fn line_break_ends(text: &str, nl: usize) -> bool {
    let before = text[..nl].trim_end_matches([' ', '\t', '\r']);
    let after = &text[nl + 1..];
    let next = after.trim_start_matches([' ', '\t', '\r']);
    if next.starts_with('\n') || before.ends_with('\n') || before.is_empty() {
        return true;
    }
    let wraps_before = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_lowercase() || c == ',' || c == '-');
    let wraps_after = next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    !(wraps_before && wraps_after)
}

/// If the terminal punctuation at `i` ends a sentence, the byte offset where it ends.
fn punctuation_ends(text: &str, i: usize) -> Option<usize> {
    let rest = &text[i + 1..];
    let closers = rest
        .char_indices()
        .find(|(_, c)| !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '.' | '!' | '?'))
        .map_or(rest.len(), |(k, _)| k);
    let end = i + 1 + closers;
    let after = &text[end..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    if spaces == 0 && !after.is_empty() {
        return None;
    }
    let next = after[spaces..].chars().next();
    let opens = next.is_none_or(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '\n')
    });
    if !opens || (text.as_bytes()[i] == b'.' && is_abbreviation(&text[..i])) {
        return None;
    }
    Some(end)
}

fn is_abbreviation(before: &str) -> bool {
    let word: &str = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    let dotted = word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.');
    let lower = word.to_lowercase();
    single_initial || dotted || ABBREVIATIONS.contains(&lower.as_str())
}

/// The longest sentence (in bytes as written) that an observation quotes whole; a longer one
/// is quoted as an excerpt around the value ([`excerpt`]).
pub(crate) const EXCERPT_LIMIT: usize = 400;

/// The stretch of `text` quoted as the evidence for the value at `value` in `sentence`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// Byte range of the stretch in the text.
    pub range: Range<usize>,
    /// The sentence goes on before it.
    pub cut_before: bool,
    /// The sentence goes on after it.
    pub cut_after: bool,
}

/// The stretch of `sentence` quoted for `value`: the whole sentence when it is at most `limit`
/// bytes; else at most `limit` bytes around the value, cut between words (and never inside a
/// character), the value always whole unless it is itself longer than `limit`. Costs
/// O(`limit`), whatever the sentence's length.
pub(crate) fn excerpt(
    text: &str,
    sentence: Range<usize>,
    value: Range<usize>,
    limit: usize,
) -> Excerpt {
    let s = sentence.start.min(text.len())..sentence.end.min(text.len());
    if s.len() <= limit {
        return Excerpt {
            range: s,
            cut_before: false,
            cut_after: false,
        };
    }
    let v_start = value.start.clamp(s.start, s.end);
    let v_end = value.end.clamp(v_start, s.end);
    let (mut start, mut end) = if v_end - v_start >= limit {
        (v_start, v_start + limit)
    } else {
        let room = limit - (v_end - v_start);
        let before = (room / 2).min(v_start - s.start);
        let after = (room - before).min(s.end - v_end);
        let before = (room - after).min(v_start - s.start);
        (v_start - before, v_end + after)
    };
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Between words: a cut start moves on past the word it falls in (not past the value), a
    // cut end back before it.
    if start > s.start && !text[..start].ends_with(char::is_whitespace) {
        if let Some(space) = text[start..v_start.max(start)].find(char::is_whitespace) {
            start += space;
        }
    }
    if end < s.end && !text[end..].starts_with(char::is_whitespace) {
        if let Some(space) = text[v_end.min(end)..end].rfind(char::is_whitespace) {
            end = v_end.min(end) + space;
        }
    }
    let range = trim_range(text, start..end);
    Excerpt {
        cut_before: range.start > s.start,
        cut_after: range.end < s.end,
        range,
    }
}

/// `range` without the white space at its ends.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let inner = &text[range.clone()];
    let start = range.start + (inner.len() - inner.trim_start().len());
    let end = range.end - (inner.len() - inner.trim_end().len());
    start..end.max(start)
}

/// `text` in at most `max` characters (the `…` included), whatever it holds: [`shorten`], then,
/// when a first word alone is longer, cut inside it. For quoting input of any size in a
/// message (a 48 MB pattern is quoted in a line, not repeated whole).
pub(crate) fn clip(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let short = shorten(text, max);
    if short.chars().count() <= max {
        return short;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…").into()
}

/// `text` in at most `max` characters (the `…` included), cut only between words: at the
/// last white space that leaves room for the `…`, never inside a word nor inside a character.
/// A first word longer than `max` is kept whole, since half a word would misquote it.
pub(crate) fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= max {
        return text.into();
    }
    let room = text
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..room];
    let boundary = match text[room..].chars().next() {
        Some(c) if c.is_whitespace() => Some(room),
        _ => head.rfind(char::is_whitespace),
    };
    let cut = match boundary {
        Some(at) => head[..at].trim_end(),
        None => {
            let end = text.find(char::is_whitespace).unwrap_or(text.len());
            &text[..end]
        }
    };
    if cut.is_empty() || cut.len() == text.len() {
        return text.into();
    }
    format!("{cut}…").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_a_long_line_count_characters_exactly() {
        let text = format!("a\n{}x\n{}y", "é€😀b ".repeat(3000), "z".repeat(5000));
        let idx = LineIndex::new(&text);
        assert!(idx.marks.len() > 10);
        for (offset, c) in text.char_indices() {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() + 1;
            let column = text[line_start..offset].chars().count() + 1;
            if offset % 7 == 0 || c == 'x' || c == 'y' {
                assert_eq!(idx.locate(&text, offset), (line, column), "at {offset}");
            }
        }
        assert_eq!(idx.locate(&text, text.len()), (3, 5002));
    }

    #[test]
    fn a_lookup_counts_at_most_one_stride_of_bytes() {
        // Whatever the line's length, the characters counted at lookup are those between the
        // nearest mark and the offset: never more than a stride (plus one character).
        let text = "é".repeat(1 << 20);
        let idx = LineIndex::new(&text);
        for offset in (0..text.len()).step_by(4099) {
            let i = idx.marks.partition_point(|&m| m <= offset) - 1;
            assert!(offset - idx.marks[i] <= MARK_STRIDE + 3, "at {offset}");
        }
        assert_eq!(idx.locate(&text, text.len() - 2), (1, (1 << 20)));
    }

    #[test]
    fn a_short_sentence_is_its_own_excerpt() {
        let text = "The storm destroyed 40 homes.";
        let e = excerpt(text, 0..text.len(), 20..22, 400);
        assert_eq!(
            (e.range, e.cut_before, e.cut_after),
            (0..text.len(), false, false)
        );
    }

    #[test]
    fn a_long_sentence_is_cut_around_the_value_between_words() {
        let text = format!(
            "{}destroyed 40 homes{}",
            "ab cd ".repeat(500),
            " éf gh".repeat(500)
        );
        let value = text.find("40").unwrap()..text.find("40").unwrap() + 2;
        let e = excerpt(&text, 0..text.len(), value.clone(), 100);
        assert!(e.cut_before && e.cut_after);
        assert!(e.range.len() <= 100 && e.range.len() > 80, "{:?}", e.range);
        assert!(e.range.start <= value.start && value.end <= e.range.end);
        let quoted = &text[e.range.clone()];
        assert!(
            quoted.starts_with("ab ") || quoted.starts_with("cd "),
            "{quoted}"
        );
        assert!(quoted.ends_with("éf") || quoted.ends_with("gh"), "{quoted}");
        // At the sentence's start, the room goes after the value.
        let head = excerpt(&text, 0..text.len(), 0..2, 100);
        assert!(!head.cut_before && head.cut_after);
        assert!(head.range.len() > 90);
    }

    #[test]
    fn an_excerpt_never_cuts_inside_a_character_even_without_spaces() {
        let text = "é".repeat(1000);
        let e = excerpt(&text, 0..text.len(), 1000..1002, 101);
        assert!(text.is_char_boundary(e.range.start) && text.is_char_boundary(e.range.end));
        assert!(e.range.len() <= 101);
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn locate_counts_characters_not_bytes() {
        let text = "ab\n“quoted” x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.locate(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.locate(text, x), (2, 10));
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let s = split(
            "U.S. Trade Secretary Anna R. Lind met on Mar. 3 with Col. Gen. Orlov. Then it ended.",
        );
        assert_eq!(
            s,
            vec![
                "U.S. Trade Secretary Anna R. Lind met on Mar. 3 with Col. Gen. Orlov.",
                "Then it ended."
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        let s = split("He said: “No.” She left! Did he? Yes.");
        assert_eq!(s, vec!["He said: “No.”", "She left!", "Did he?", "Yes."]);
    }

    #[test]
    fn line_breaks_split_paragraphs_but_not_wrapped_prose() {
        let s = split(
            "Headline without stop\nFirst line wraps\nacross lines, and\nends here.\n\nNext.",
        );
        assert_eq!(
            s,
            vec![
                "Headline without stop",
                "First line wraps\nacross lines, and\nends here.",
                "Next."
            ]
        );
    }

    #[test]
    fn ellipsis_before_lower_case_does_not_split() {
        assert_eq!(
            split("A nation... has rights."),
            vec!["A nation... has rights."]
        );
    }

    #[test]
    fn paragraphs_split_at_blank_lines_and_finished_lines() {
        let text = "Title\n\nOne. Two.\nThree.\n\nFour wraps\nhere.";
        let p: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(p, vec!["Title", "One. Two.", "Three.", "Four wraps\nhere."]);
    }

    #[test]
    fn sentence_at_finds_the_enclosing_range() {
        let text = "One. Two.";
        let s = sentences(text);
        assert_eq!(sentence_at(&s, 6), Some(1));
        assert_eq!(sentence_at(&s, 0), Some(0));
        assert_eq!(sentence_at(&s, 3), Some(0));
    }

    #[test]
    fn shortened_text_ends_between_words() {
        assert_eq!(shorten("Wire B", 22), "Wire B");
        assert_eq!(
            shorten("The Valley Evening Chronicle Online", 22),
            "The Valley Evening…"
        );
        assert_eq!(shorten("ab cd", 4), "ab…");
        assert_eq!(shorten("ab cd ef", 6), "ab cd…");
        assert_eq!(
            shorten("Überschwemmungskatastrophe heute", 10),
            "Überschwemmungskatastrophe…"
        );
        assert_eq!(
            shorten("Überschwemmungskatastrophe", 10),
            "Überschwemmungskatastrophe"
        );
        assert_eq!(shorten("«Nous» sommes là", 9), "«Nous»…");
    }

    proptest::proptest! {
        #[test]
        fn shortening_never_cuts_a_word_or_panics(text in "[a-zé’ «»\\n]{0,40}", max in 0usize..30) {
            let short = shorten(&text, max);
            if let Some(kept) = short.strip_suffix('…') {
                proptest::prop_assert!(text.starts_with(kept));
                let next = text[kept.len()..].chars().next();
                proptest::prop_assert!(next.is_some_and(char::is_whitespace), "{text:?} → {short:?}");
            } else {
                proptest::prop_assert_eq!(short.as_ref(), text.as_str());
            }
        }
    }
}
