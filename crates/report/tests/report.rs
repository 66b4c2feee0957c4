//! The report of a fixed scripted workshop: its HTML against a reviewed snapshot, its CSV
//! tables read back, and anonymity checked in every output.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use converge_fixtures as support;

use converge_report::csv::{Table, table};
use converge_report::html::render;
use support::{HIDDEN_SERVICE, scripted};

#[test]
fn the_html_report_matches_its_snapshot() {
    let fixture = scripted();
    let html = render(&fixture.report());
    // One tag per line, so a change reads as a small diff.
    insta::assert_snapshot!("scripted_report_fr", html.replace("><", ">\n<"));
}

#[test]
fn the_html_report_is_standalone_escaped_and_complete() {
    let fixture = scripted();
    let report = fixture.report();
    let html = render(&report);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no script, and a note's markup is escaped");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"), "nothing is fetched");
    // One stylesheet, exactly the constant a server allows by its hash.
    assert_eq!(html.matches("<style").count(), 1);
    assert!(html.contains(&format!("<style>{}</style>", converge_report::html::STYLE)));
    assert!(!html.contains(" style=\""), "no inline style attribute, which a hash does not allow");
    // Every section the contents list is there.
    for anchor in [
        "purpose",
        "participation",
        "vision",
        "swot",
        "challenges",
        "ideas",
        "votes",
        "actions",
        "risks",
        "fairness",
        "fates",
        "record",
    ] {
        assert!(html.contains(&format!("href=\"#{anchor}\"")), "{anchor} in the contents");
        assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor} section");
    }
    assert!(html.contains(&fixture.head_hash), "the whole head hash");
    assert!(html.contains("converge verify"));
    // Both charts are inline.
    assert!(html.contains("class=\"heat-map\""));
    assert!(html.contains("Matrice impact / faisabilité"));
    // Withdrawn actions are not in the plan; the others are, under their jurisdiction.
    assert!(!html.contains("Une idée retirée"));
    assert!(html.contains("Le prochain gouvernement") && html.contains("L’administration elle-même"));
    assert_eq!(report.n_actions, 2);
}

#[test]
fn the_english_report_speaks_english() {
    let fixture = scripted();
    let report = converge_report::build(
        &fixture.workshop,
        &fixture.participants,
        &fixture.results,
        &fixture.head_hash,
        fixture.seq,
        support::GENERATED_AT,
        converge_core::Language::En,
    );
    let html = render(&report);
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Action plan") && html.contains("The next government"));
    assert!(!html.contains("Plan d’action</h2>"));
}

fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark first");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().expect("a header row").iter().map(str::to_owned).collect();
    let rows =
        reader.records().map(|record| record.expect("a well-formed row").iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

#[test]
fn the_csv_tables_parse_back_with_a_row_per_record() {
    let fixture = scripted();
    let workshop = &fixture.workshop;
    let report = fixture.report();

    let (header, rows) = read(&table(&report, Table::Contributions));
    assert_eq!(header[0], "id");
    assert_eq!(rows.len(), workshop.contributions.len());
    for (row, contribution) in rows.iter().zip(&workshop.contributions) {
        assert_eq!(row[0], contribution.id.to_string());
    }

    let (header, rows) = read(&table(&report, Table::Assessments));
    let assess = workshop.activities.iter().find(|a| a.kind() == converge_core::ActivityKind::Assess).unwrap();
    let items = workshop.items_of(assess).len();
    assert_eq!(rows.len(), items * assess.settings.criteria().len(), "one row per item and criterion");
    let mean = header.iter().position(|name| name == "mean").unwrap();
    assert!(rows.iter().all(|row| row[mean].parse::<f64>().is_ok()), "means use a decimal point");

    let (_, rows) = read(&table(&report, Table::Votes));
    let vote = workshop.activities.iter().find(|a| a.kind() == converge_core::ActivityKind::Vote).unwrap();
    assert_eq!(rows.len(), workshop.items_of(vote).len());
    assert_eq!(rows[0][5], "1", "ranked best first");

    let (header, rows) = read(&table(&report, Table::Actions));
    assert_eq!(rows.len(), workshop.plan().count());
    let sources = header.iter().position(|name| name == "source_ids").unwrap();
    let first = workshop.plan().next().unwrap();
    assert!(
        rows.iter().any(|row| row[1] == first.id.to_string() && row[sources].contains(&first.sources[0].to_string()))
    );

    let (_, rows) = read(&table(&report, Table::Risks));
    let risks = workshop.contributions.iter().filter(|c| c.kind == converge_core::ContributionKind::Risk).count();
    assert_eq!(rows.len(), risks);
}

#[test]
fn csv_cells_that_look_like_formulas_are_inert() {
    let fixture = scripted();
    let (_, rows) = read(&table(&fixture.report(), Table::Contributions));
    let cell = rows.iter().flatten().find(|cell| cell.contains("SOMME(A1:A9)")).unwrap();
    assert!(cell.starts_with("'="), "{cell}");
}

#[test]
fn anonymous_authors_appear_in_no_output() {
    let fixture = scripted();
    let report = fixture.report();
    let html = render(&report);
    let hidden = fixture.anonymous_author.to_string();
    let json = serde_json::to_string(&report).unwrap();
    // No participant is identified anywhere, let alone an anonymous author.
    for participant in &fixture.everyone {
        let id = participant.to_string();
        assert!(!html.contains(&id) && !json.contains(&id), "participant {id} appears");
    }
    assert!(!html.contains(&hidden));
    // The anonymous author's service shows once, in the head count of the participation
    // table, and with no signed contribution; never beside what they wrote.
    assert_eq!(html.matches(HIDDEN_SERVICE).count(), 1, "{HIDDEN_SERVICE} shows beside something");
    let row = report.participation.by_service.iter().find(|row| row.service == HIDDEN_SERVICE).unwrap();
    assert_eq!((row.people, row.contributions), (1, 0));
    for which in Table::ALL {
        let text = String::from_utf8(table(&report, which)).unwrap();
        assert!(!text.contains(HIDDEN_SERVICE), "{} names the anonymous author's service", which.as_str());
        assert!(!text.contains(&hidden), "{} holds the anonymous author's id", which.as_str());
    }
    // Their contributions are there, unattributed.
    let (header, rows) = read(&table(&report, Table::Contributions));
    let service = header.iter().position(|name| name == "service").unwrap();
    let text = header.iter().position(|name| name == "text").unwrap();
    let theirs = rows.iter().find(|row| row[text] == "Les services travaillent en silo").unwrap();
    assert_eq!(theirs[service], "");
    let signed = rows.iter().find(|row| row[text] == "Des agents motivés").unwrap();
    assert_eq!(signed[service], "SPW Mobilité", "signed contributions keep their service");
}
