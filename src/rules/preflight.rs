//! Bounds checked on YAML before it is deserialised: flow nesting depth, then alias expansion.
//!
//! The YAML scanner is quadratic in the depth of flow collections (`[[[[…]]]]`): a document
//! nested 100,000 deep takes minutes before the YAML library's own recursion limit (128) ever
//! refuses it. [`check`] first measures that depth in one pass over the text and refuses a
//! document nested deeper than [`MAX_FLOW_DEPTH`].
//!
//! An anchor (`&big`) and its aliases (`*big`) let a few bytes stand for a large value many
//! times over: a 1 MB string referenced by 4,000 aliases is 4 GB once read. [`check`] then walks
//! the document as the YAML library replays it, counting what each scalar and node would cost
//! without copying any of it, and refuses the document as soon as that total passes a budget
//! proportional to the input's size ([`budget`]). A document without aliases always fits.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{Code, Diagnostic};

/// What every node costs besides its text: a document of many tiny nodes cannot hide behind
/// short strings.
const NODE_COST: usize = 1;

/// How many times its own size a document may expand to, and the floor for tiny documents.
const EXPANSION_FACTOR: usize = 16;
const EXPANSION_FLOOR: usize = 1 << 20;

/// The expanded size allowed to a YAML document of `len` bytes.
pub(crate) fn budget(len: usize) -> usize {
    len.saturating_mul(EXPANSION_FACTOR)
        .saturating_add(EXPANSION_FLOOR)
}

/// `Err` with a located diagnostic when the aliases of `yaml` expand it past [`budget`];
/// `Ok` otherwise, including for YAML that does not parse (its reader reports that).
pub(crate) fn check(path: &Path, yaml: &str) -> Result<(), Diagnostic> {
    if let Some((line, column)) = too_deep(yaml) {
        return Err(Diagnostic::error(
            Code::Yaml,
            path,
            format!("refused: flow collections (`[`, `{{`) nested more than {MAX_FLOW_DEPTH} deep"),
        )
        .at(line, column)
        .with_help("YAML is read to a depth of 128 at most: flatten the structure"));
    }
    if !yaml.contains('*') {
        // No alias can be written without `*`: nothing to expand.
        return Ok(());
    }
    let allowed = budget(yaml.len());
    let left = Cell::new(allowed);
    let over = Cell::new(false);
    let measure = Measure {
        left: &left,
        over: &over,
    };
    let result = measure.deserialize(serde_yaml::Deserializer::from_str(yaml));
    match result {
        Err(e) if over.get() => {
            let mut d = Diagnostic::error(Code::Yaml, path, String::new());
            if let Some(at) = e.location() {
                d = d.at(at.line(), at.column());
            }
            let anchor = d.line.zip(d.column).and_then(|at| anchor_at(yaml, at));
            let what = match &anchor {
                Some(name) => format!(
                    "the value anchored here (`&{name}`) is repeated by {} aliases (`*{name}`)",
                    yaml.matches(&format!("*{name}")).count()
                ),
                None => "its aliases repeat anchored values".to_string(),
            };
            d.message = format!(
                "refused: {what}: its {} bytes as written would expand to more than {allowed} bytes (the limit: {EXPANSION_FACTOR} times the input, plus 1 MiB)",
                yaml.len()
            );
            Err(d.with_help("an alias may repeat a value, not multiply the input: write the value out, or refer to it fewer times"))
        }
        _ => Ok(()),
    }
}

/// The deepest flow nesting read at all: far above the YAML library's recursion limit (128),
/// so that only documents it would refuse anyway are refused early.
pub(crate) const MAX_FLOW_DEPTH: usize = 1000;

/// The 1-based line and column where `yaml`'s flow collections (`[`, `{`) pass
/// [`MAX_FLOW_DEPTH`], if they do. One pass; an over-estimate at worst (brackets inside quoted
/// or plain scalars count too, comments do not), which matters only past the limit.
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut line = 1;
    let mut line_start = 0;
    let mut comment = false;
    let mut previous = b'\n';
    for (i, &b) in yaml.as_bytes().iter().enumerate() {
        match b {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                comment = false;
            }
            _ if comment => {}
            b'#' if previous.is_ascii_whitespace() => comment = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    let column = yaml[line_start..i].chars().count() + 1;
                    return Some((line, column));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = b;
    }
    None
}

/// The anchor name written at 1-based `(line, column)` of `yaml`, if an anchor starts there.
fn anchor_at(yaml: &str, (line, column): (usize, usize)) -> Option<String> {
    let text = yaml.lines().nth(line.checked_sub(1)?)?;
    let rest: String = text.chars().skip(column.checked_sub(1)?).collect();
    let name: String = rest
        .strip_prefix('&')?
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}'))
        .take(64)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Visits a document, spending the budget on each node and the bytes of each scalar.
#[derive(Clone, Copy)]
struct Measure<'a> {
    left: &'a Cell<usize>,
    over: &'a Cell<bool>,
}

impl Measure<'_> {
    fn spend<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let cost = bytes.saturating_add(NODE_COST);
        match self.left.get().checked_sub(cost) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.over.set(true);
                Err(E::custom("alias expansion over budget"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Measure<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Measure<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<(), E> {
        self.spend(s.len())
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<(), E> {
        self.spend(b.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value whatever its shape.
        let ((), variant) = data.variant_seed(self)?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bomb(copies: usize) -> String {
        let mut yaml = format!("big: &big \"{}\"\nrefs: [", "x".repeat(64 * 1024));
        yaml.push_str(&vec!["*big"; copies].join(", "));
        yaml.push_str("]\n");
        yaml
    }

    #[test]
    fn documents_without_aliases_always_fit() {
        // A `*` in a string: the walk runs, and a document without aliases fits.
        let many_small = format!("['a*b', {}]", vec!["0"; 100_000].join(","));
        assert!(check(Path::new("a.yaml"), &many_small).is_ok());
        assert!(check(Path::new("a.yaml"), "a: 1\nb: [x, y, {c: d}]\n").is_ok());
    }

    #[test]
    fn a_few_aliases_are_fine_and_many_are_refused_with_a_location() {
        assert!(check(Path::new("a.yaml"), &bomb(10)).is_ok());
        let d = check(Path::new("a.yaml"), &bomb(1000)).unwrap_err();
        assert!(
            d.message.contains("(`&big`) is repeated by 1000 aliases"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (Some(1), Some(6)), "{d:?}");
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_the_scanner_sees_it() {
        let deep = format!("a: 1\nx: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let d = check(Path::new("a.yaml"), &deep).unwrap_err();
        assert_eq!(
            (d.line, d.column),
            (Some(2), Some(4 + MAX_FLOW_DEPTH)),
            "{d:?}"
        );
        assert!(
            d.message.contains("nested more than 1000 deep"),
            "{}",
            d.message
        );
        let fine = format!(
            "x: {}{}\n# {}\n",
            "[".repeat(100),
            "]".repeat(100),
            "[".repeat(5000)
        );
        assert!(check(Path::new("a.yaml"), &fine).is_ok());
    }

    #[test]
    fn yaml_that_does_not_parse_is_left_to_its_reader() {
        assert!(check(Path::new("a.yaml"), "a: [unclosed\n").is_ok());
        assert!(check(Path::new("a.yaml"), "a: 1\n---\nb: 2\n").is_ok());
    }
}
