//! The catalogues against the code that speaks: every key a source file of a crate that renders
//! words passes to `t` or `t_args` exists in every catalogue, and every message file of a
//! language is loaded. The crates are walked, so a new page is checked as it lands.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use converge_i18n::CATALOGUES;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The crates whose sources say things through `Lang`.
const SPEAKING_CRATES: [&str; 3] = ["web", "views", "i18n"];

fn catalogue_keys(files: &[&str]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|source| source.lines())
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
        .collect()
}

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The keys a source file passes to `t` or `t_args` as a literal, on the call's line or, once
/// formatted, on the next one.
fn keys_used(source: &str) -> Vec<&str> {
    // The needles are built, not written out, so that this file does not find itself.
    let (t, t_args) = (format!(".{}(", "t"), format!(".{}(", "t_args"));
    let calls = source.split(t.as_str()).skip(1).chain(source.split(t_args.as_str()).skip(1));
    calls
        .filter_map(|after| after.trim_start().strip_prefix('"'))
        .map(|literal| literal.split('"').next().unwrap_or_default())
        .collect()
}

#[test]
fn every_key_the_code_uses_exists_in_every_catalogue() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let sources: Vec<PathBuf> =
        SPEAKING_CRATES.iter().flat_map(|name| rust_files(&crates.join(name).join("src"))).collect();
    assert!(sources.len() > 30, "the walk found too few source files: {sources:?}");
    let mut n_keys = 0;
    for (language, files) in CATALOGUES {
        let catalogue = catalogue_keys(files);
        for path in &sources {
            let source = std::fs::read_to_string(path).unwrap();
            for key in keys_used(&source) {
                n_keys += 1;
                assert!(
                    catalogue.contains(key),
                    "{} uses `{key}`, which the {} catalogue lacks",
                    path.display(),
                    language.as_str()
                );
            }
        }
    }
    assert!(n_keys > 500, "the walk found too few keys in use: {n_keys}");
}

#[test]
fn every_message_file_of_a_language_is_in_its_catalogue() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for (language, files) in CATALOGUES {
        let folder = locales.join(language.as_str());
        let mut n_files = 0;
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|extension| extension == "ftl") {
                n_files += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(files.contains(&text.as_str()), "{} is not loaded in CATALOGUES", path.display());
            }
        }
        assert_eq!(n_files, files.len(), "{}: a file in CATALOGUES is not in {}", language.as_str(), folder.display());
    }
}
