//! Named building blocks (`{quantity}`, `{number}`, `{date}`, `{duration}`, `{name}`,
//! `{place}`) that claim patterns use instead of hand-written regexes. Each expands to the engine's own
//! pattern (kept beside its parser in `value`) and captures the value in the group `value`.

use crate::value::date_phrase::date_regex;
use crate::value::duration::duration_regex;
use crate::value::name::{name_regex, place_regex};
use crate::value::number::number_regex;
use crate::value::quantity::quantity_regex;
use crate::value::Kind;

/// One building block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    /// The name written between braces.
    pub name: &'static str,
    /// The claim kind whose values it captures.
    pub kind: Kind,
    /// What it matches, for the reference documentation.
    pub summary: &'static str,
}

/// Every building block, in documentation order.
pub(crate) const BLOCKS: &[Block] = &[
    Block {
        name: "quantity",
        kind: Kind::Count,
        summary: "a figure with its hedge: \"more than 2,500\", \"an estimated 40,000\", \"eight\", \"between 10 and 15 million\", \"tens of thousands\"",
    },
    Block {
        name: "number",
        kind: Kind::Count,
        summary: "a bare figure without hedge: \"2,500\", \"1.2 million\", \"thirty\"",
    },
    Block {
        name: "date",
        kind: Kind::Date,
        summary: "a date with its hedge: \"on Jan. 12\", \"January 12, 2022\", \"on Sunday and Monday\", \"since July 2019\", \"in October last year\", \"seven years ago\", \"in more than two years\"",
    },
    Block {
        name: "duration",
        kind: Kind::Duration,
        summary: "a length of time with its hedge: \"nearly four hours\", \"four-hour\", \"two and a half years\", \"more than two years\"",
    },
    Block {
        name: "name",
        kind: Kind::Name,
        summary: "a name or title of up to six words, trimmed against the claim's `canonical` name and `aliases`: \"Pavel Orlov\", \"Deputy Secretary of State\"",
    },
    Block {
        name: "place",
        kind: Kind::Place,
        summary: "a place of up to six words, with the places it lies in: \"Itaewon\", \"Seoul's Itaewon\", \"the Itaewon district of Seoul\", \"Itaewon, Seoul\"",
    },
];

/// Looks a block up by name.
pub fn find(name: &str) -> Option<&'static Block> {
    BLOCKS.iter().find(|b| b.name == name)
}

/// The regex a block expands to, without the capture group.
pub(crate) fn regex_of(block: &Block) -> String {
    match block.name {
        "quantity" => quantity_regex(),
        "date" => date_regex(),
        "duration" => duration_regex(),
        "name" => name_regex(),
        "place" => place_regex(),
        _ => number_regex(),
    }
}

/// The names of all blocks, formatted for messages: "`{quantity}`, `{number}`".
pub(crate) fn known_list() -> String {
    BLOCKS
        .iter()
        .map(|b| format!("`{{{}}}`", b.name))
        .collect::<Vec<_>>()
        .join(", ")
}
