//! The printed report, read back: it parses, has its pages, says what the record says, prints
//! what people wrote as they wrote it, and names nobody.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod support;

use converge_core::{AccountId, Event, Language, TimedEvent, Timestamp, Workshop, WorkshopId};
use converge_report::ReportParticipants;
use converge_report_pdf::{Charts, render};
use std::collections::BTreeMap;
use support::{ACTION_TITLES, ANONYMOUS_NOTES, ANONYMOUS_SERVICE, HOSTILE_NOTE, WORKSHOP_TITLE, scripted};

/// The page count and the text of every page, whitespace collapsed to single spaces (lines
/// break anywhere, and a table cell is its own run of text).
fn read_back(pdf: &[u8]) -> (usize, String) {
    assert!(pdf.starts_with(b"%PDF-"), "a PDF starts with its header");
    let document = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).expect("the text extracts");
    (pages.len(), text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn small_pdf() -> Vec<u8> {
    let report = scripted().report();
    render(&report, &Charts::of(&report)).expect("the report renders")
}

#[test]
fn the_report_reads_back_with_its_pages_actions_and_final_hash() {
    let scripted = scripted();
    let report = scripted.report();
    let (pages, text) = read_back(&render(&report, &Charts::of(&report)).unwrap());

    // A title page, the contents, then each of the eleven sections from a page of its own.
    assert!(pages >= 13, "{pages} pages");
    assert!(text.contains(&format!("page 1 / {pages}")), "pages are numbered out of their total");
    assert!(text.contains(&format!("page {pages} / {pages}")));
    assert!(text.contains("Sommaire"), "the table of contents is there");
    for heading in ["Objet et déroulement", "Qui a participé", "Plan d’action", "Registre et vérification"] {
        assert!(text.contains(heading), "section {heading:?}");
    }
    assert!(text.contains(WORKSHOP_TITLE), "the French title survives with its accents and apostrophe");
    assert_eq!(report.n_actions, 3);
    for title in &ACTION_TITLES[..3] {
        assert!(text.contains(title), "action {title:?} is in the text");
    }
    assert!(text.contains(&scripted.head_hash), "the log's final hash is printed whole");
    assert!(text.contains("converge verify"), "with how to check it");
}

#[test]
fn notes_that_look_like_markup_are_printed_as_written() {
    let (_, text) = read_back(&small_pdf());
    assert!(text.contains(HOSTILE_NOTE), "typst markup, HTML and brackets in a note show literally");
    // A word longer than a line and scripts the fonts lack lay out too (wrapped, or drawn as
    // missing glyphs), and what follows them is still there.
    assert!(text.contains("https://exemple.be/") && text.contains(" fin S’appuie sur"), "{text}");
}

#[test]
fn the_author_of_an_anonymous_note_is_never_named() {
    let (_, text) = read_back(&small_pdf());
    for note in ANONYMOUS_NOTES {
        assert!(text.contains(note), "the anonymous note {note:?} is in the report");
    }
    // The only person of that service wrote only anonymously: the service is counted in the
    // participation table and the fairness table, and printed nowhere else (not beside any of
    // the three notes).
    assert_eq!(text.matches(ANONYMOUS_SERVICE).count(), 2, "{text}");
}

#[test]
fn the_same_record_gives_the_same_pdf() {
    assert!(small_pdf() == small_pdf(), "no clock, no randomness: the PDF depends on the record alone");
}

#[test]
fn an_english_report_has_english_furniture() {
    let scripted = scripted();
    let report = converge_report::build(
        &scripted.workshop,
        &scripted.participants,
        &scripted.results,
        &scripted.head_hash,
        scripted.seq,
        Timestamp(1_782_000_000_000),
        Language::En,
    );
    let (pages, text) = read_back(&render(&report, &Charts::of(&report)).unwrap());
    assert!(text.contains("Contents") && text.contains("Action plan") && text.contains("Risk heat map"));
    assert!(text.contains(&format!("page 2 / {pages}")));
    assert!(text.contains("Assessors: "), "English sets no space before a colon");
}

#[test]
fn a_workshop_with_nothing_in_it_still_prints() {
    let created = TimedEvent {
        seq: 1,
        at: Timestamp(1_781_000_000_000),
        event: Event::WorkshopCreated {
            title: "Atelier vide".into(),
            language: Language::Fr,
            created_by: AccountId::from_uuid(uuid::Uuid::from_u128(1)),
        },
    };
    let workshop = Workshop::from_events(WorkshopId::from_uuid(uuid::Uuid::from_u128(2)), [&created]).unwrap();
    let report = converge_report::build(
        &workshop,
        &ReportParticipants::default(),
        &BTreeMap::new(),
        "00",
        1,
        Timestamp(1_781_000_000_000),
        Language::Fr,
    );
    let charts = Charts::of(&report);
    assert_eq!(charts.names().count(), 0, "no risk, no heat map");
    let (_, text) = read_back(&render(&report, &charts).unwrap());
    assert!(text.contains("Atelier vide") && text.contains("Rien à signaler"));
    assert!(text.contains("L’atelier n’est pas encore clôturé"), "an open workshop says its report is provisional");
}

#[test]
fn a_wallonia_sized_workshop_prints_every_action() {
    let fixture = converge_fixtures::wallonia_sized();
    let report = fixture.report();
    assert!(fixture.workshop.contributions.len() >= 550, "{}", fixture.workshop.contributions.len());
    assert_eq!(report.n_actions, 19);
    let started = std::time::Instant::now();
    let pdf = render(&report, &Charts::of(&report)).unwrap();
    eprintln!("{} kB in {:?}", pdf.len() / 1024, started.elapsed());
    let (pages, text) = read_back(&pdf);
    eprintln!("{pages} pages");
    for action in fixture.workshop.plan() {
        let title = action.card.title.as_str();
        assert!(text.contains(title), "action {title:?} is in the text");
    }
}
