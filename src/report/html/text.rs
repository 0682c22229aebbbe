//! Quoted article text in the HTML page: a sentence with its value highlighted (in a card), and
//! a whole article with every matched claim highlighted and linked to its card.
//!
//! Every piece of article text goes through maud's escaping `(…)` splice; nothing here builds
//! markup from strings.

use maud::{html, Markup};

use crate::corpus::Article;
use crate::report::{ObservationEntry, Report};

/// One highlighted stretch of an article: a claim's value.
#[derive(Clone, Debug)]
pub(crate) struct Highlight {
    /// Byte range in the article's file text.
    pub span: [usize; 2],
    /// Anchor of this highlight, so a card can link to it.
    pub anchor: String,
    /// Anchor of the card it belongs to.
    pub card: String,
    /// Tooltip: the claim and the value.
    pub title: String,
    /// Anchors of highlights that overlap this one and are shown by it.
    pub aliases: Vec<String>,
}

/// The anchor of observation `index` of the claim with card anchor `card`.
pub(crate) fn evidence_anchor(card: &str, index: usize) -> String {
    format!("{card}-ev{index}")
}

/// The sentence of `o`, value highlighted, quoted from the article's own text when available.
/// A long sentence is quoted as a bounded excerpt around the value, `…` where it goes on.
pub fn sentence(article: Option<&Article>, o: &ObservationEntry) -> Markup {
    let [v0, v1] = o.span;
    let parts = article.and_then(|a| {
        let cut = crate::text::excerpt(
            &a.text,
            o.sentence_span[0]..o.sentence_span[1],
            v0..v1,
            crate::text::EXCERPT_LIMIT,
        );
        let (start, end) = (cut.range.start.min(v0), cut.range.end.max(v1));
        Some((
            cut.cut_before,
            a.text.get(start..v0)?,
            a.text.get(v0..v1)?,
            a.text.get(v1..end)?,
            cut.cut_after,
        ))
    });
    match parts {
        Some((cut_before, before, value, after, cut_after)) => html! {
            q.sentence {
                @if cut_before { "… " }
                (before) mark { (value) } (after)
                @if cut_after { " …" }
            }
        },
        None => html! { q.sentence { (o.sentence) } },
    }
}

/// Every highlight in `article`, by position; one that overlaps an earlier one is shown by it
/// (its anchor becomes an alias there, so links to it still land).
pub(crate) fn highlights(report: &Report, article: &Article) -> Vec<Highlight> {
    let mut found: Vec<Highlight> = Vec::new();
    for claim in &report.claims {
        let card = super::card_anchor(&claim.id);
        for (i, o) in claim.observations.iter().enumerate() {
            if o.source != article.id {
                continue;
            }
            let value = o
                .value
                .as_ref()
                .map_or("unresolved", |v| v.display.as_str());
            found.push(Highlight {
                span: o.span,
                anchor: evidence_anchor(&card, i),
                title: format!("{}: {value}", claim.label),
                card: card.clone(),
                aliases: Vec::new(),
            });
        }
    }
    found.sort_by_key(|h| h.span);
    let mut kept: Vec<Highlight> = Vec::new();
    for h in found {
        match kept.last_mut() {
            Some(k) if h.span[0] < k.span[1] => k.aliases.push(h.anchor),
            _ => kept.push(h),
        }
    }
    kept
}

/// The body of `article` with its highlights, each a link to its claim's card.
pub(crate) fn article_body(article: &Article, highlights: &[Highlight]) -> Markup {
    let text = &article.text;
    let mut at = article.body.start;
    let mut pieces: Vec<Markup> = Vec::new();
    for h in highlights {
        let [s, e] = h.span;
        let (Some(before), Some(value)) = (text.get(at..s), text.get(s..e)) else {
            continue;
        };
        pieces.push(html! {
            (before)
            @for alias in &h.aliases { span id=(alias) {} }
            mark id=(h.anchor) title=(h.title) { a href={ "#" (h.card) } { (value) } }
        });
        at = e;
    }
    let rest = text.get(at..).unwrap_or_default();
    html! {
        div.article-text { @for p in pieces { (p) } (rest) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn article_text_is_escaped_and_aliases_become_anchors() {
        let text = "---\noutlet: X\n---\n<b>9,000</b> visitors\n";
        let (article, _) =
            crate::corpus::parse_article(Path::new("x.txt"), text.as_bytes()).expect("article");
        let at = text.find("9,000").expect("value");
        let h = |anchor: &str, span: [usize; 2]| Highlight {
            span,
            anchor: anchor.into(),
            card: "claim-a".into(),
            title: "t".into(),
            aliases: Vec::new(),
        };
        let html = article_body(
            &article,
            &[Highlight {
                aliases: vec!["b-ev0".into()],
                ..h("a-ev0", [at, at + 5])
            }],
        )
        .into_string();
        assert!(html.contains("&lt;b&gt;<span id=\"b-ev0\"></span><mark id=\"a-ev0\""));
        assert!(html.contains("9,000</a></mark>&lt;/b&gt; visitors"));
    }
}
