//! Benchmark workloads for `benches/run.sh`: a corpus of N articles and a claim file of R
//! rules, generated deterministically from a seed, by varying the sample articles and claim
//! files it is given (figures, dates, surnames, outlets, paraphrases, rule words). Nothing
//! about any event is built in: every text comes from the templates read at run time. Not
//! part of claimdiff: it uses the library's public API like any other user.
//!
//! Article `i` depends only on the seed, `i` and the templates, so a corpus of 1,000 articles
//! is the first 1,000 of a corpus of 100,000.

pub mod articles;
pub mod claims;
pub mod off_topic;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use claimdiff::corpus::{self, Article};
use claimdiff::diagnostic::{Code, Diagnostic};
use claimdiff::rules;

/// Options of `bench-corpus`.
#[derive(Clone, Debug)]
pub struct WorkloadOptions {
    /// How many articles to write.
    pub articles: usize,
    /// How many rules to write.
    pub rules: usize,
    /// The seed every choice derives from.
    pub seed: u64,
    /// The share of rule variants about the sample story (the others are about invented
    /// ones), from 0 to 1.
    pub on_topic: f64,
    /// Sample articles to vary.
    pub templates: Vec<PathBuf>,
    /// Sample claim files to vary.
    pub claims: Vec<PathBuf>,
    /// The folder to write into.
    pub out: PathBuf,
}

/// What was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The folder of articles.
    pub articles: PathBuf,
    /// The claim file.
    pub claims: PathBuf,
    /// Bytes of article text written.
    pub bytes: u64,
}

/// Articles per sub-folder, so no folder grows huge.
pub const ARTICLES_PER_FOLDER: usize = 1000;

/// Reads the templates and writes the workload under `opts.out`.
pub fn generate(opts: &WorkloadOptions) -> Result<Written, Vec<Diagnostic>> {
    let templates = read_templates(&opts.templates)?;
    let (files, problems) = rules::load_claim_files(&claim_files(&opts.claims)?);
    if !problems.is_empty() {
        return Err(problems);
    }
    let words = claims::VariantWords {
        vocabulary: articles::vocabulary(&templates),
        inventor: off_topic::Inventor::new(articles::written_words(&templates)),
    };
    let claim_text = claims::claim_file(&files, opts.rules, opts.seed, opts.on_topic, &words)
        .map_err(|e| vec![Diagnostic::error(Code::Other, &opts.out, e)])?;
    let dir = opts.out.join("articles");
    let claims_path = opts.out.join("claims.yaml");
    let io_error = |path: &Path, e: std::io::Error| {
        vec![Diagnostic::error(
            Code::CannotWrite,
            path,
            format!("cannot write: {e}"),
        )]
    };
    std::fs::create_dir_all(&dir).map_err(|e| io_error(&dir, e))?;
    std::fs::write(&claims_path, claim_text).map_err(|e| io_error(&claims_path, e))?;
    let pool = articles::Pool::new(&templates);
    let bytes = (0..opts.articles)
        .into_par_iter()
        .map(|i| {
            let text = articles::article(&pool, opts.seed, i);
            let path = article_path(&dir, i);
            write_article(&path, &text).map_err(|e| io_error(&path, e))?;
            Ok(text.len() as u64)
        })
        .sum::<Result<u64, Vec<Diagnostic>>>()?;
    Ok(Written {
        articles: dir,
        claims: claims_path,
        bytes,
    })
}

/// Where article `i` is written: `DIR/000/a0000042.txt`.
pub fn article_path(dir: &Path, i: usize) -> PathBuf {
    dir.join(format!("{:03}", i / ARTICLES_PER_FOLDER))
        .join(format!("a{i:07}.txt"))
}

fn write_article(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

fn read_templates(inputs: &[PathBuf]) -> Result<Vec<Article>, Vec<Diagnostic>> {
    let (templates, problems) = corpus::load_articles(inputs);
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    if templates.is_empty() {
        return Err(vec![Diagnostic::error(
            Code::NoArticles,
            inputs.first().map_or_else(PathBuf::new, PathBuf::clone),
            "no sample articles to vary: expected .txt or .md files",
        )]);
    }
    Ok(templates)
}

fn claim_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let (files, problems) = claimdiff::app::claim_file_paths(inputs);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(files)
}

/// The repository's root, where the bundled `seeds/` and `claims/` are.
#[cfg(test)]
pub(crate) fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A small deterministic generator (SplitMix64): the same seed gives the same workload on
/// every platform and with every crate version.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for stream `stream` of `seed` (streams are independent).
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F));
        rng.next_u64();
        rng
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `[0, 1)`.
    pub fn fraction(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.fraction() <= p
    }

    /// One item of `items` (`None` when empty).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_streams_are_deterministic_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Rng::new(7, 1).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        assert_ne!(Rng::new(7, 1).next_u64(), Rng::new(7, 2).next_u64());
        assert_ne!(Rng::new(7, 1).next_u64(), Rng::new(8, 1).next_u64());
    }

    fn workload(seed: u64, out: &Path) -> Written {
        workload_on_topic(seed, 0.5, out)
    }

    fn workload_on_topic(seed: u64, on_topic: f64, out: &Path) -> Written {
        let root = repo_root();
        generate(&WorkloadOptions {
            articles: 30,
            rules: 20,
            seed,
            on_topic,
            templates: vec![root.join("seeds")],
            claims: vec![root.join("claims")],
            out: out.to_path_buf(),
        })
        .unwrap()
    }

    fn contents(written: &Written) -> Vec<u8> {
        let mut bytes = std::fs::read(&written.claims).unwrap();
        for i in 0..30 {
            bytes.extend(std::fs::read(article_path(&written.articles, i)).unwrap());
        }
        bytes
    }

    #[test]
    fn the_same_seed_writes_the_same_bytes() {
        let (a, b, c) = (
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
            tempfile::tempdir().unwrap(),
        );
        let first = contents(&workload(42, a.path()));
        assert_eq!(first, contents(&workload(42, b.path())));
        assert_ne!(first, contents(&workload(43, c.path())));
    }

    #[test]
    fn the_workload_loads_and_compiles() {
        let dir = tempfile::tempdir().unwrap();
        let written = workload(7, dir.path());
        let rules = claimdiff::app::load_rules(&[written.claims]).unwrap();
        assert_eq!(rules.rules.len(), 20);
        let (articles, problems) = corpus::load_articles(&[written.articles]);
        assert_eq!(articles.len(), 30);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(articles.iter().all(|a| a.published.is_some()));
    }

    #[test]
    fn off_topic_rules_load_and_lint_without_errors() {
        let dir = tempfile::tempdir().unwrap();
        let written = workload_on_topic(7, 0.0, dir.path());
        let rules = claimdiff::app::load_rules(&[written.claims]).unwrap();
        assert_eq!(rules.rules.len(), 20);
        let problems = claimdiff::lint::lint(&rules, &claimdiff::ruletest::run_examples(&rules));
        let errors: Vec<_> = problems.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn articles_are_spread_over_folders() {
        let p = article_path(Path::new("d"), 12_345);
        assert_eq!(p, Path::new("d/012/a0012345.txt"));
    }
}
