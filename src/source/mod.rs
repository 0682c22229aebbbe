//! The sources of a run as every later stage names them: an article's metadata with a short
//! id unique in the run, made once while the articles are read and shared by the store, the
//! judge and the report.

mod id;

pub use id::{join as id_list, SourceId};

use std::collections::HashSet;

use serde::Serialize;

use crate::corpus::{DatedBy, SourceMeta, When};

/// One article.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Short unique id.
    pub id: SourceId,
    /// Who published it.
    pub outlet: String,
    /// Publication date (ISO 8601), if known.
    pub published: Option<String>,
    /// When its statements were made (`updated`, else `published`), as written.
    #[serde(serialize_with = "crate::source::when_text")]
    pub time: Option<When>,
    /// Where the time came from.
    pub dated_by: Option<DatedBy>,
    /// Where it was published.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// The file read.
    pub path: String,
}

impl From<&SourceMeta> for Source {
    fn from(a: &SourceMeta) -> Self {
        Source {
            id: SourceId::from(a.id.as_str()),
            outlet: a.outlet.clone(),
            published: a.published.map(|d| d.to_string()),
            time: a.time,
            dated_by: a.dated_by,
            url: a.url.clone(),
            title: a.title.clone(),
            path: a.path.display().to_string(),
        }
    }
}

impl From<SourceMeta> for Source {
    fn from(a: SourceMeta) -> Self {
        Source {
            id: SourceId::from(a.id.as_str()),
            outlet: a.outlet,
            published: a.published.map(|d| d.to_string()),
            time: a.time,
            dated_by: a.dated_by,
            url: a.url,
            title: a.title,
            path: a.path.display().to_string(),
        }
    }
}

/// A time as the reports write it: `2022-10-30` or `2022-10-30T09:00:00+09:00`.
pub(crate) fn when_text<S: serde::Serializer>(
    when: &Option<When>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match when {
        Some(w) => s.collect_str(w),
        None => s.serialize_none(),
    }
}

/// Makes ids unique in reading order, as [`crate::corpus::unique_ids`] does: an id seen before
/// is replaced by the source's path. The ids are shared, not copied, while they are checked.
pub fn unique_ids(sources: &mut [Source]) {
    crate::corpus::unique_in_order(sources, |s| &mut s.id, |s| SourceId::from(s.path.as_str()));
}

/// [`unique_ids`] one source at a time, for sources handed on as they are read.
#[derive(Debug, Default)]
pub(crate) struct UniqueIds {
    seen: HashSet<String>,
}

impl UniqueIds {
    /// The id `id` keeps, or `path` when an earlier source has it already.
    pub fn unique(&mut self, id: String, path: &str) -> String {
        if self.seen.insert(id.clone()) {
            return id;
        }
        self.seen.insert(path.to_string());
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metas() -> Vec<SourceMeta> {
        let meta = |id: &str, path: &str| SourceMeta {
            id: id.into(),
            path: path.into(),
            outlet: "Outlet".into(),
            published: None,
            time: None,
            dated_by: None,
            url: None,
            title: None,
        };
        vec![
            meta("a", "x/a.md"),
            meta("b", "x/b.txt"),
            meta("a", "y/a.md"),
            meta("y/a.md", "z/y/a.md.md"),
        ]
    }

    #[test]
    fn source_ids_are_made_unique_as_the_corpus_makes_them() {
        let mut expected = metas();
        crate::corpus::unique_ids(&mut expected);
        let mut sources: Vec<Source> = metas().into_iter().map(Source::from).collect();
        unique_ids(&mut sources);
        let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        let want: Vec<&str> = expected.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, want);
        assert_eq!(ids, ["a", "b", "y/a.md", "z/y/a.md.md"]);
    }

    #[test]
    fn ids_made_unique_one_at_a_time_are_the_ids_made_unique_at_once() {
        let mut expected = metas();
        crate::corpus::unique_ids(&mut expected);
        let mut ids = UniqueIds::default();
        let got: Vec<String> = metas()
            .into_iter()
            .map(|m| ids.unique(m.id, &m.path.display().to_string()))
            .collect();
        let want: Vec<String> = expected.into_iter().map(|m| m.id).collect();
        assert_eq!(got, want);
    }
}
