//! For benches: papers written as a corpus file and opened through a warm
//! cache, as the reader opens a corpus after its first time.

use paperboat::corpus::Paper;

/// Papers written as a corpus file and opened twice through a cache: the
/// second open, from the cache, is what is searched.
pub struct Warm {
    pub catalog: paperboat::catalog::Catalog,
    _dir: tempfile::TempDir,
}

pub fn warm_catalog(papers: Vec<Paper>) -> Warm {
    use paperboat::catalog::{CacheUse, open_file};
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("corpus.json");
    let corpus = paperboat::corpus::Corpus {
        name: "synthetic".into(),
        papers,
    };
    std::fs::write(&file, corpus.to_json()).unwrap();
    drop(corpus);
    let cache = dir.path().join("cache");
    let options = paperboat::corpus::LoadOptions::default();
    drop(open_file(&file, options, Some(&cache)).unwrap());
    let opened = open_file(&file, options, Some(&cache)).unwrap();
    assert_eq!(opened.cache, CacheUse::Used);
    assert!(opened.catalog.has_abstracts());
    Warm {
        catalog: opened.catalog,
        _dir: dir,
    }
}
