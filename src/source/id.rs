//! The id of a source as the report's lists hold it: one shared string per source, so a
//! claim that names a hundred thousand sources holds pointers (8 bytes each), not copies.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A source id, shared by every list in a report that names the source; serialised as the
/// plain string.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(Arc<Box<str>>);

impl SourceId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0[..]
    }
}

impl Deref for SourceId {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SourceId {
    fn from(id: &str) -> Self {
        SourceId(Arc::new(Box::from(id)))
    }
}

impl std::borrow::Borrow<str> for SourceId {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SourceId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<str> for SourceId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SourceId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SourceId {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SourceId> for String {
    fn eq(&self, other: &SourceId) -> bool {
        self.as_str() == other.as_str()
    }
}

/// The ids joined by `sep`, as text.
pub fn join(ids: &[SourceId], sep: &str) -> String {
    ids.iter()
        .map(SourceId::as_str)
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_string_and_serialise_as_it() {
        let id = SourceId::from("a0000001");
        let copy = id.clone();
        assert!(std::ptr::eq(id.as_str(), copy.as_str()));
        assert_eq!(serde_json::to_string(&copy).unwrap(), "\"a0000001\"");
    }
}
