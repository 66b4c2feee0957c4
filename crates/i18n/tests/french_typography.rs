//! French typography in the French catalogue, so that it stays true as messages are added.
//!
//! The rule, in the text of every message (its value, its attributes and the variants of its
//! selectors; not in placeables, comments or keys):
//! - a narrow no-break space (U+202F) before `;`, `!` and `?`;
//! - a no-break space (U+00A0) before `:`, after `«` and before `»`;
//! - the typographic apostrophe `’`, never `'`.
//!
//! A mark not followed by a space or the end of the text is not punctuation of the sentence
//! (`http://`, `0.0.0.0:8080`, `?code=`) and is left alone; so are `!?` and `?!` after the
//! first mark.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use std::path::Path;

const NO_BREAK: char = '\u{00A0}';
const NARROW_NO_BREAK: char = '\u{202F}';

/// Where the text of a catalogue line starts, or `None` for a line without text (a comment,
/// a blank line, the closing brace of a selector).
fn text_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('}') {
        return None;
    }
    let is_key = |text: &str| {
        text.split_once('=').is_some_and(|(key, _)| {
            let key = key.trim().trim_start_matches(['-', '.']);
            !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    };
    // `key = …`, `-term = …`, `    .attribute = …`
    if (line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-') || trimmed.starts_with('.')) && is_key(line) {
        return line.find('=').map(|at| at + 1);
    }
    // `   [one] …`, `  *[other] …`
    if trimmed.starts_with('[') || trimmed.starts_with("*[") {
        return line.find(']').map(|at| at + 1);
    }
    Some(0)
}

/// The text of a line with each placeable (`{ … }`, nested or not) as one `{`, so that what
/// stands before and after a placeable is seen side by side. A selector's opening (`{ $n ->`)
/// takes the rest of the line.
fn text_of(line: &str) -> Vec<char> {
    let mut text = Vec::new();
    let mut depth = 0usize;
    for c in line.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    text.push('{');
                }
                depth += 1;
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => text.push(c),
            _ => {}
        }
    }
    text
}

/// What is wrong with the typography of one line's text, if anything.
fn faults(text: &[char]) -> Vec<String> {
    let mut faults = Vec::new();
    // The text starts after the spaces that follow `=`.
    let first = text.iter().position(|c| *c != ' ').unwrap_or(text.len());
    for (at, &c) in text.iter().enumerate().skip(first) {
        let before = if at > first { text.get(at - 1).copied() } else { None };
        let after = text.get(at + 1).copied();
        let ends_a_word = after.is_none_or(|next| next.is_whitespace() || "!?»).,".contains(next));
        match c {
            '\'' => faults.push(format!("a straight apostrophe at {at}: write ’")),
            ':' if ends_a_word && before.is_some() && before != Some(NO_BREAK) => {
                faults.push(format!("`:` at {at} wants a no-break space (U+00A0) before it"))
            }
            ';' | '!' | '?'
                if ends_a_word
                    && before.is_some()
                    && before != Some(NARROW_NO_BREAK)
                    && !before.is_some_and(|b| "!?".contains(b)) =>
            {
                faults.push(format!("`{c}` at {at} wants a narrow no-break space (U+202F) before it"))
            }
            '«' if after != Some(NO_BREAK) => faults.push(format!("`«` at {at} wants a no-break space after it")),
            '»' if before.is_some() && before != Some(NO_BREAK) => {
                faults.push(format!("`»` at {at} wants a no-break space before it"))
            }
            _ => {}
        }
    }
    faults
}

#[test]
fn every_french_message_follows_french_typography() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/fr");
    let mut files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|entry| entry.unwrap().path()).collect();
    files.sort();
    assert!(files.len() > 5, "the French catalogue is in {}", folder.display());
    let mut wrong = Vec::new();
    for file in files.iter().filter(|path| path.extension().is_some_and(|extension| extension == "ftl")) {
        let source = std::fs::read_to_string(file).unwrap();
        for (number, line) in source.lines().enumerate() {
            let Some(start) = text_start(line) else { continue };
            for fault in faults(&text_of(&line[start..])) {
                let name = file.file_name().unwrap().to_string_lossy();
                wrong.push(format!("{name}:{}: {fault}\n    {line}", number + 1));
            }
        }
    }
    assert!(wrong.is_empty(), "French typography broken in {} places:\n{}", wrong.len(), wrong.join("\n"));
}

#[test]
fn the_rule_is_checked_as_stated() {
    let check = |line: &str| faults(&text_of(&line[text_start(line).unwrap()..]));
    assert!(check("k = Raison\u{a0}: { $reason }").is_empty());
    assert!(!check("k = Raison : { $reason }").is_empty(), "an ordinary space before a colon");
    assert!(!check("k = Raison: x").is_empty(), "no space before a colon");
    assert!(!check("k = Prêts ?").is_empty());
    assert!(check("k = Prêts\u{202f}?").is_empty());
    assert!(check("k = «\u{a0}{ $title }\u{a0}»").is_empty());
    assert!(!check("k = « { $title } »").is_empty());
    assert!(!check("k = l'animateur").is_empty());
    assert!(check("k = --public-url http://<adresse>:8080 et /join?code=AB").is_empty(), "addresses are left alone");
    assert!(check("k = { $count ->").is_empty());
    assert!(check("   *[other] { $count } notes\u{a0}: { $names }").is_empty());
    assert!(!check("   *[other] { $count } notes : { $names }").is_empty());
    assert!(check("k = { \"'\" }").is_empty(), "placeables are not text");
}
