//! The report as one standalone HTML document: styles inline, charts as inline SVG, no script,
//! no external resource, so the file reads the same saved to disk, mailed, or printed.

use crate::heat_map::{HeatMapText, PlacedRisk, heat_map_svg};
use crate::labels::{Labels, Words};
use crate::model::{
    ActionEntry, AgendaDay, AssessmentResult, CategoryBoard, HistoryEntry, Note, NoteGroup, Report, RiskEntry,
    VoteResult,
};
use converge_core::Language;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// Screen and print. Pages break before each major section; cards and charts do not split.
pub const STYLE: &str = r#"
:root { color-scheme: light; --ink: #1c2430; --muted: #5b6675; --line: #d5dae1; --accent: #2f6fde; --soft: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; font: 11pt/1.5 "Source Sans 3", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 .5em; }
h1 { font-size: 2.1rem; margin-top: 0; }
h2 { font-size: 1.5rem; border-bottom: 2px solid var(--ink); padding-bottom: .2em; }
h3 { font-size: 1.2rem; }
h4 { font-size: 1rem; }
p, ul, ol, table { margin: .4em 0 .9em; }
.muted { color: var(--muted); }
.cover { border-bottom: 4px solid var(--accent); padding-bottom: 1.5rem; margin-bottom: 2rem; }
.cover .kicker { text-transform: uppercase; letter-spacing: .08em; color: var(--muted); font-size: .9rem; margin: 0; }
.cover dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 1rem 0 0; }
.cover dt { color: var(--muted); }
.cover dd { margin: 0; }
.notice { background: #fff6db; border-left: 4px solid #e0a800; padding: .5rem .8rem; }
nav.toc ol { columns: 2; padding-left: 1.4rem; }
nav.toc a { color: var(--ink); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); font-size: .9rem; }
td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.board { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .8rem; }
.group { background: var(--soft); border-radius: 6px; padding: .4rem .8rem; break-inside: avoid; }
.group h4 { margin: .4rem 0; }
.group ul { padding-left: 1.1rem; }
.merged, .builds-on { display: block; font-size: .9rem; color: var(--muted); }
.gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: .8rem; list-style: none; padding: 0; }
.gallery li { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; break-inside: avoid; }
.gallery .card { font-size: .85rem; color: var(--muted); display: block; }
.chart { max-width: 30rem; display: block; margin: .5rem 0; break-inside: avoid; }
.bars { list-style: none; padding: 0; }
.bars li { display: grid; grid-template-columns: 2.5rem 1fr; gap: .2rem .6rem; margin-bottom: .5rem; break-inside: avoid; }
.bars .rank { font-weight: 700; text-align: right; }
.bars svg { width: 100%; height: .8rem; display: block; }
.bars .margin { grid-column: 2; font-size: .85rem; color: var(--muted); }
.tie { font-size: .8rem; border: 1px solid var(--muted); border-radius: 3px; padding: 0 .3rem; margin-left: .3rem; }
.action { border: 1px solid var(--line); border-left: 5px solid var(--accent); border-radius: 6px; padding: .4rem 1rem .8rem; margin: 1rem 0; break-inside: avoid-page; }
.action h4 { margin-top: .6rem; font-size: 1.1rem; }
.action dl { display: grid; grid-template-columns: 11rem 1fr; gap: .2rem 1rem; margin: .5rem 0; }
.action dt { color: var(--muted); }
.action dd { margin: 0; white-space: pre-line; }
.overdue { color: #b42318; font-weight: 700; }
.provenance li { margin-bottom: .2rem; }
.kind { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr)); gap: .8rem; }
.figure { background: var(--soft); border-radius: 6px; padding: .6rem .8rem; }
.figure .value { font-size: 1.6rem; font-weight: 700; display: block; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; word-break: break-all; background: var(--soft); padding: .5rem; display: block; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  @page { size: A4; margin: 18mm 16mm 20mm; }
  h2 { break-before: page; }
  nav.toc h2 { break-before: auto; }
  h2, h3, h4 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  nav.toc a::after { content: none; }
  .notice { border: 1px solid #e0a800; }
}
"#;

/// The report as a complete HTML document in the report's language.
pub fn render(report: &Report) -> String {
    document(report).into_string()
}

/// The sections, in order: (anchor, heading).
fn sections(labels: &Labels) -> [(&'static str, &'static str); 12] {
    [
        ("purpose", labels.purpose),
        ("participation", labels.participation),
        ("vision", labels.vision),
        ("swot", labels.swot),
        ("challenges", labels.challenges),
        ("ideas", labels.ideas),
        ("votes", labels.votes),
        ("actions", labels.actions),
        ("risks", labels.risks),
        ("fairness", labels.fairness),
        ("fates", labels.fates),
        ("record", labels.record),
    ]
}

fn words(report: &Report) -> Words {
    Words(Language::parse(report.language).unwrap_or_default())
}

fn document(report: &Report) -> Markup {
    let labels = report.labels;
    let words = words(report);
    html! {
        (DOCTYPE)
        html lang=(report.language) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (labels.report) " — " (report.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                header.cover {
                    p.kicker { (labels.report) }
                    h1 { (report.title) }
                    dl {
                        dt { (labels.workshop_dates) }
                        dd { (dates(words, &report.purpose.dates)) }
                        @if let Some(closed) = &report.purpose.closed_on {
                            dt { (labels.workshop_closed_on) }
                            dd { (words.date(closed)) }
                        }
                        dt { (labels.generated_on) }
                        dd { (words.date_time(&report.generated_at)) }
                        @if let Some(progress) = &report.follow_up {
                            dt { (labels.follow_up_as_of) }
                            dd { a href="#follow-up" { (words.date(&progress.as_of)) } }
                        }
                        dt { (head_hash_label(report)) }
                        dd { code { (short_hash(&report.record.head_hash)) } }
                    }
                    @if report.purpose.closed_on.is_none() {
                        p.notice { (labels.workshop_open) }
                    }
                }
                nav.toc aria-labelledby="toc-heading" {
                    h2 #toc-heading { (labels.contents) }
                    ol {
                        @for (anchor, heading) in sections(labels) {
                            li { a href={ "#" (anchor) } { (heading) } }
                        }
                    }
                }
                (purpose(report, words))
                (participation(report, words))
                (vision(report))
                (swot(report))
                (challenges(report))
                (ideas(report, words))
                (votes(report, words))
                (actions(report))
                (risks(report, words))
                (fairness(report, words))
                (fates(report))
                (record(report))
                (follow_up(report))
            }
        }
    }
}

/// The first and last characters of a hash, for the cover; the record section has it whole.
fn short_hash(hash: &str) -> String {
    if hash.len() > 20 { format!("{}…{}", &hash[..12], &hash[hash.len() - 8..]) } else { hash.to_owned() }
}

fn nothing(labels: &Labels) -> Markup {
    html! { p.muted { (labels.nothing_here) } }
}

fn dates(words: Words, dates: &[String]) -> String {
    dates.iter().map(|date| words.date(date)).collect::<Vec<_>>().join(", ")
}

fn purpose(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    html! {
        section #purpose {
            h2 { (labels.purpose) }
            p { strong { (report.purpose.title) } " — " (dates(words, &report.purpose.dates)) }
            h3 { (labels.agenda) }
            @if report.agenda.is_empty() { (nothing(labels)) }
            @for day in &report.agenda { (agenda_day(labels, day)) }
        }
    }
}

fn agenda_day(labels: &Labels, day: &AgendaDay) -> Markup {
    html! {
        @if let Some(number) = day.day {
            h4 { (labels.day) " " (number) }
        }
        table {
            thead {
                tr {
                    th scope="col" { (labels.activity) }
                    th scope="col" { (labels.kind) }
                    th scope="col" { (labels.prompt) }
                    th scope="col" { (labels.status) }
                    th.number scope="col" { (labels.contributions) }
                }
            }
            tbody {
                @for activity in &day.activities {
                    tr {
                        th scope="row" { (activity.title) }
                        td { (activity.kind_label) }
                        td { (activity.prompt) }
                        td { (activity.status_label) }
                        td.number { (activity.contributions) }
                    }
                }
            }
        }
    }
}

fn participation(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    let participation = &report.participation;
    html! {
        section #participation {
            h2 { (labels.participation) }
            p { (labels.participation_intro) }
            table {
                thead {
                    tr { th scope="col" { (labels.role) } th.number scope="col" { (labels.people) } }
                }
                tbody {
                    @for count in &participation.by_role {
                        tr { th scope="row" { (count.label) } td.number { (count.count) } }
                    }
                    tr { th scope="row" { (labels.total) } td.number { strong { (participation.total) } } }
                }
            }
            table {
                thead {
                    tr {
                        th scope="col" { (labels.service) }
                        th.number scope="col" { (labels.people) }
                        th.number scope="col" { (labels.contributions) }
                        th.number scope="col" { (labels.share) }
                    }
                }
                tbody {
                    @for row in &participation.by_service {
                        tr {
                            th scope="row" { (row.service) }
                            td.number { (row.people) }
                            td.number { (row.contributions) }
                            td.number { (words.percent(row.share)) }
                        }
                    }
                }
            }
            p.muted { (labels.fairness_intro) }
        }
    }
}

fn note_item(labels: &Labels, note: &Note) -> Markup {
    html! {
        li {
            (note.text)
            @for linked in &note.builds_on {
                span.builds-on { (labels.builds_on) (labels.colon) (linked) }
            }
            @if !note.merged.is_empty() {
                span.merged { (labels.merged_notes) (labels.colon) (note.merged.join(" · ")) }
            }
        }
    }
}

fn group(labels: &Labels, group: &NoteGroup) -> Markup {
    html! {
        div.group {
            h4 { (group.label) " " span.muted { "(" (group.notes.len()) ")" } }
            @if group.notes.is_empty() { (nothing(labels)) }
            ul { @for note in &group.notes { (note_item(labels, note)) } }
        }
    }
}

fn vision(report: &Report) -> Markup {
    let labels = report.labels;
    html! {
        section #vision {
            h2 { (labels.vision) }
            @if report.vision.is_empty() { (nothing(labels)) }
            ul.gallery {
                @for card in &report.vision {
                    li {
                        @if let Some(card_id) = &card.card_id {
                            span.card { (labels.card) (labels.colon) (card.card_title.as_deref().unwrap_or(card_id)) }
                        }
                        (card.text)
                        @if !card.merged.is_empty() {
                            span.merged { (labels.merged_notes) (labels.colon) (card.merged.join(" · ")) }
                        }
                    }
                }
            }
        }
    }
}

fn swot(report: &Report) -> Markup {
    let labels = report.labels;
    html! {
        section #swot {
            h2 { (labels.swot) }
            @if report.swot.is_empty() { (nothing(labels)) }
            @for board in &report.swot {
                h3 { (board.activity_title) }
                div.board { @for quadrant in &board.quadrants { (group(labels, quadrant)) } }
            }
        }
    }
}

fn category_board(labels: &Labels, board: &CategoryBoard) -> Markup {
    html! {
        h3 { (board.activity_title) }
        div.board { @for category in &board.categories { (group(labels, category)) } }
    }
}

fn challenges(report: &Report) -> Markup {
    let labels = report.labels;
    html! {
        section #challenges {
            h2 { (labels.challenges) }
            @if report.challenges.is_empty() { (nothing(labels)) }
            @for board in &report.challenges { (category_board(labels, board)) }
        }
    }
}

fn optional(words: Words, value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |value| words.decimal(value, 2))
}

fn ideas(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    html! {
        section #ideas {
            h2 { (labels.ideas) }
            @if report.idea_lists.is_empty() && report.assessments.is_empty() { (nothing(labels)) }
            @for list in &report.idea_lists {
                h3 { (list.activity_title) " " span.muted { "(" (list.notes.len()) ")" } }
                ul { @for note in &list.notes { (note_item(labels, note)) } }
            }
            @for assessment in &report.assessments { (assessment_section(labels, words, assessment)) }
        }
    }
}

fn assessment_section(labels: &Labels, words: Words, assessment: &AssessmentResult) -> Markup {
    html! {
        h3 { (labels.assessment) " — " (assessment.activity_title) }
        p.muted { (labels.assessors) (labels.colon) (assessment.n_assessors) }
        @if !assessment.frozen { p.notice { (labels.provisional) } }
        @if assessment.error.is_some() {
            p.notice { (labels.count_impossible) }
        } @else {
            @if let Some(sentence) = &assessment.explanation { p { (sentence) } }
            table {
                thead {
                    tr {
                        th.number scope="col" { (labels.rank) }
                        th scope="col" { (labels.item) }
                        th.number scope="col" { (labels.weighted_score) }
                        @for criterion in &assessment.criteria { th.number scope="col" { (criterion.name) } }
                        @if assessment.has_matrix { th scope="col" { (labels.quadrant) } }
                    }
                }
                tbody {
                    @for item in &assessment.items {
                        tr {
                            td.number {
                                (item.rank)
                                @if item.tied { span.tie { (labels.tie) } }
                            }
                            th scope="row" {
                                @if assessment.has_matrix { span.muted { (item.number) ". " } }
                                (item.text)
                            }
                            td.number { (optional(words, item.weighted_score)) }
                            @for mean in &item.criterion_means { td.number { (optional(words, *mean)) } }
                            @if assessment.has_matrix { td { (item.quadrant_label.unwrap_or("—")) } }
                        }
                    }
                }
            }
            @if assessment.has_matrix {
                h4 { (labels.matrix) }
                (matrix(labels, words, assessment))
            }
        }
    }
}

/// Scores 1 to 5 across 60..380 and up 340..20, as on the console.
fn to_x(feasibility: f64) -> f64 {
    60.0 + (feasibility - 1.0) / 4.0 * 320.0
}

fn to_y(impact: f64) -> f64 {
    340.0 - (impact - 1.0) / 4.0 * 320.0
}

/// The impact/feasibility matrix: items as numbered points, the quadrants shaded and named. The
/// table above says which number is which idea and its quadrant, so colour is never needed.
fn matrix(labels: &Labels, words: Words, assessment: &AssessmentResult) -> Markup {
    const CLOSE: f64 = 20.0;
    let mut placed: Vec<(usize, f64, f64)> = Vec::new();
    for item in &assessment.items {
        let (Some(feasibility), Some(impact)) = (item.feasibility, item.impact) else { continue };
        let (x, y) = (to_x(feasibility), to_y(impact));
        // Points on top of one another fan out on a ring so every number stays readable.
        let crowd = placed.iter().filter(|(_, ox, oy)| (ox - x).hypot(oy - y) < CLOSE).count();
        let (x, y) = if crowd == 0 {
            (x, y)
        } else {
            let ring = 1 + (crowd - 1) / 6;
            let angle = crowd as f64 * std::f64::consts::TAU / (6.0 * ring as f64);
            let radius = 22.0 * ring as f64;
            ((x + radius * angle.cos()).clamp(62.0, 378.0), (y + radius * angle.sin()).clamp(22.0, 338.0))
        };
        placed.push((item.number, x, y));
    }
    let middle = 3.0;
    let quadrants = [
        ("quick_win", 376.0, 34.0, "end"),
        ("big_bet", 64.0, 34.0, "start"),
        ("fill_in", 376.0, 330.0, "end"),
        ("money_pit", 64.0, 330.0, "start"),
    ];
    html! {
        svg.chart viewBox="0 0 400 400" role="img" aria-label=(labels.matrix) xmlns="http://www.w3.org/2000/svg" {
            title { (labels.matrix) }
            rect x=(to_x(middle)) y="20" width=(to_x(5.0) - to_x(middle)) height=(to_y(middle) - 20.0) fill="#e3f3ea" {}
            rect x="60" y="20" width=(to_x(middle) - 60.0) height=(to_y(middle) - 20.0) fill="#e8eefb" {}
            rect x=(to_x(middle)) y=(to_y(middle)) width=(to_x(5.0) - to_x(middle)) height=(340.0 - to_y(middle)) fill="#f6f2e6" {}
            rect x="60" y=(to_y(middle)) width=(to_x(middle) - 60.0) height=(340.0 - to_y(middle)) fill="#fdecea" {}
            line x1="60" y1="340" x2="380" y2="340" stroke="#5b6675" stroke-width="1.5" {}
            line x1="60" y1="20" x2="60" y2="340" stroke="#5b6675" stroke-width="1.5" {}
            @for tick in 1..=5 {
                text x=(to_x(f64::from(tick))) y="356" font-size="12" text-anchor="middle" fill="#5b6675" { (tick) }
                text x="50" y=(to_y(f64::from(tick)) + 4.0) font-size="12" text-anchor="end" fill="#5b6675" { (tick) }
            }
            text x="220" y="386" font-size="14" text-anchor="middle" fill="#1c2430" { (labels.axis_feasibility) }
            text x="16" y="180" font-size="14" text-anchor="middle" fill="#1c2430" transform="rotate(-90 16 180)" {
                (labels.axis_impact)
            }
            @for (key, x, y, anchor) in quadrants {
                text x=(x) y=(y) font-size="13" font-weight="600" text-anchor=(anchor) fill="#1c2430" {
                    (words.quadrant(key))
                }
            }
            @for (number, x, y) in &placed {
                circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="11" fill="#2f6fde" stroke="#ffffff" stroke-width="2" {}
                text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 4.5)) font-size="12" font-weight="700"
                    text-anchor="middle" fill="#ffffff" { (number) }
            }
        }
    }
}

fn votes(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    html! {
        section #votes {
            h2 { (labels.votes) }
            @if report.votes.is_empty() { (nothing(labels)) }
            @for vote in &report.votes { (vote_section(labels, words, vote)) }
        }
    }
}

fn vote_section(labels: &Labels, words: Words, vote: &VoteResult) -> Markup {
    html! {
        h3 { (vote.activity_title) }
        p.muted { (labels.method) (labels.colon) (vote.method_label) " · " (words.ballots(vote.n_ballots)) }
        @if !vote.frozen { p.notice { (labels.provisional) } }
        @if vote.error.is_some() {
            p.notice { (labels.count_impossible) }
        } @else {
            @if let Some(sentence) = &vote.explanation { p { (sentence) } }
            ol.bars {
                @for item in &vote.ranking {
                    li {
                        span.rank { (item.rank) }
                        div {
                            (item.text)
                            @if item.tied { span.tie { (labels.tie) } }
                            @if let Some(value) = &item.value_text { " " span.muted { "— " (value) } }
                            svg viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" xmlns="http://www.w3.org/2000/svg" {
                                rect x="0" y="0" width="100" height="4" fill="#e8ecf2" {}
                                rect x="0" y="0" width=(format!("{:.2}", item.bar * 100.0)) height="4" fill="#2f6fde" {}
                            }
                        }
                        @if let Some(margin) = &item.margin { span.margin { (margin) } }
                    }
                }
            }
        }
    }
}

fn actions(report: &Report) -> Markup {
    let labels = report.labels;
    html! {
        section #actions {
            h2 { (labels.actions) }
            @if report.n_actions == 0 {
                p { (labels.no_actions) }
            } @else {
                p { (labels.actions_intro) }
                ul {
                    @for group in report.actions.iter().filter(|group| !group.actions.is_empty()) {
                        li { a href={ "#jurisdiction-" (group.key) } { (group.name) } " (" (group.actions.len()) ")" }
                    }
                }
            }
            @for group in report.actions.iter().filter(|group| !group.actions.is_empty()) {
                h3 id={ "jurisdiction-" (group.key) } { (group.name) }
                @for action in &group.actions { (action_card(report, action)) }
            }
        }
    }
}

fn field(label: &str, value: &str) -> Markup {
    html! {
        @if !value.trim().is_empty() {
            dt { (label) }
            dd { (value) }
        }
    }
}

fn action_card(report: &Report, action: &ActionEntry) -> Markup {
    let labels = report.labels;
    html! {
        article.action id={ "action-" (action.number) } {
            h4 { (action.number) ". " (action.title) }
            dl {
                (field(labels.description, &action.description))
                (field(labels.rationale, &action.rationale))
                (field(labels.owner, &action.owner))
                (field(labels.jurisdiction, &action.jurisdiction_name))
                (field(labels.horizon, &action.horizon))
                (field(labels.first_steps, &action.first_steps))
                (field(labels.resources, &action.resources))
                (field(labels.indicators, &action.indicators))
                dt { (labels.consensus) }
                dd { (action.consensus_text) }
                @if !action.objections.is_empty() {
                    dt { (labels.objections) }
                    dd { ul { @for reason in &action.objections { li { (reason) } } } }
                }
                // A closure report is the record of the days: what became of the action since
                // is the follow-up's, shown apart when asked for.
                @if !report.record.at_closure {
                    (follow_up_fields(report, action.status_label, action.overdue, &action.answerable, action.next_update_due.as_deref(), &action.history))
                }
                @if !action.mitigates.is_empty() {
                    dt { (labels.mitigates) }
                    dd { ul { @for risk in &action.mitigates { li { (risk) } } } }
                }
            }
            @if !action.provenance.is_empty() {
                h5.kind { (labels.provenance) }
                ol.provenance {
                    @for source in &action.provenance {
                        li {
                            span.kind { (source.kind_label) } " · " span.muted { (source.activity_title) } br;
                            (source.text)
                        }
                    }
                }
            }
        }
    }
}

fn risks(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    let marks: Vec<String> = report.risks.iter().map(|risk| risk.number.to_string()).collect();
    let placed: Vec<PlacedRisk<'_>> = report
        .risks
        .iter()
        .zip(&marks)
        .filter_map(|(risk, mark)| {
            Some(PlacedRisk {
                label: mark,
                text: &risk.text,
                likelihood: risk.likelihood_cell?,
                impact: risk.impact_cell?,
            })
        })
        .collect();
    let chart = heat_map_svg(
        &placed,
        &HeatMapText { title: labels.heat_map, likelihood: labels.likelihood, impact: labels.impact },
    );
    html! {
        section #risks {
            h2 { (labels.risks) }
            @if report.risks.is_empty() {
                (nothing(labels))
            } @else {
                h3 { (labels.heat_map) }
                div.chart { (PreEscaped(chart)) }
                table {
                    thead {
                        tr {
                            th.number scope="col" { "#" }
                            th scope="col" { (labels.risk) }
                            th.number scope="col" { (labels.likelihood) }
                            th.number scope="col" { (labels.impact) }
                            th.number scope="col" { (labels.raters) }
                            th scope="col" { (labels.mitigated_by) }
                        }
                    }
                    tbody { @for risk in &report.risks { (risk_row(labels, words, risk)) } }
                }
                p.muted { "± " (labels.spread) }
            }
        }
    }
}

fn rating(words: Words, mean: Option<f64>, spread: Option<f64>) -> String {
    match (mean, spread) {
        (Some(mean), Some(spread)) => format!("{} ± {}", words.decimal(mean, 1), words.decimal(spread, 1)),
        _ => "—".to_owned(),
    }
}

fn risk_row(labels: &Labels, words: Words, risk: &RiskEntry) -> Markup {
    html! {
        tr {
            td.number { (risk.number) }
            th scope="row" { (risk.text) }
            @if risk.raters == 0 {
                td.number colspan="2" { (labels.not_rated) }
            } @else {
                td.number { (rating(words, risk.likelihood_mean, risk.likelihood_spread)) }
                td.number { (rating(words, risk.impact_mean, risk.impact_spread)) }
            }
            td.number { (risk.raters) }
            td { (risk.mitigations.join(" · ")) }
        }
    }
}

fn fairness(report: &Report, words: Words) -> Markup {
    let labels = report.labels;
    let fairness = &report.fairness;
    html! {
        section #fairness {
            h2 { (labels.fairness) }
            div.figures {
                div.figure { span.value { (fairness.contributions) } (labels.contributions) }
                div.figure { span.value { (fairness.anonymous) } (labels.anonymous_contributions) }
                div.figure {
                    span.value { (fairness.participants_who_contributed) " / " (fairness.participants_counted) }
                    (labels.contributors)
                }
                div.figure { span.value { (words.decimal(fairness.gini, 2)) } (labels.gini) }
            }
            p.muted { (labels.gini_explained) }
            p.muted { (labels.fairness_intro) }
        }
    }
}

fn fates(report: &Report) -> Markup {
    let labels = report.labels;
    let fates = &report.fates;
    let rows = [
        (labels.fate_became_action, fates.became_action),
        (labels.fate_retained, fates.retained),
        (labels.fate_not_retained, fates.not_retained),
        (labels.fate_pending, fates.pending),
        (labels.fate_merged, fates.merged),
    ];
    html! {
        section #fates {
            h2 { (labels.fates) }
            table {
                tbody {
                    @for (label, count) in rows {
                        tr { th scope="row" { (label) } td.number { (count) } }
                    }
                    tr { th scope="row" { (labels.total) } td.number { strong { (fates.total) } } }
                }
            }
        }
    }
}

fn head_hash_label(report: &Report) -> &'static str {
    if report.record.at_closure { report.labels.head_hash_at_closure } else { report.labels.head_hash }
}

fn record(report: &Report) -> Markup {
    let labels = report.labels;
    let events = if report.record.at_closure { labels.closing_event } else { labels.events };
    html! {
        section #record {
            h2 { (labels.record) }
            p { (head_hash_label(report)) (labels.colon.trim_end()) }
            code.hash { (report.record.head_hash) }
            p { (labels.workshop_id) (labels.colon) code { (report.workshop_id) } }
            p { (events) (labels.colon) (report.record.seq) }
            p { (report.record.verify_sentence) }
        }
    }
}

/// Where an action stands: its status, who answers, the next update due and the history.
fn follow_up_fields(
    report: &Report,
    status_label: &str,
    overdue: bool,
    answerable: &str,
    next_update_due: Option<&str>,
    history: &[HistoryEntry],
) -> Markup {
    let labels = report.labels;
    let words = words(report);
    html! {
        dt { (labels.follow_up) }
        dd {
            (status_label)
            @if overdue { " — " span.overdue { (labels.overdue) } }
        }
        (field(labels.answerable, answerable))
        @if let Some(due) = next_update_due { (field(labels.next_update_due, &words.date(due))) }
        @if !history.is_empty() {
            dt { (labels.history) }
            dd {
                ul {
                    @for entry in history {
                        li {
                            (words.date(&entry.date)) " — " (entry.status_label)
                            @if !entry.note.is_empty() { (labels.colon) (entry.note) }
                        }
                    }
                }
            }
        }
    }
}

/// The follow-up since the closing, dated and apart from the sealed record.
fn follow_up(report: &Report) -> Markup {
    let labels = report.labels;
    let words = words(report);
    let Some(progress) = &report.follow_up else { return html! {} };
    html! {
        section #follow-up {
            h2 { (labels.follow_up_as_of) " " (words.date(&progress.as_of)) }
            p.muted { (labels.follow_up_apart) }
            @if progress.actions.is_empty() { (nothing(labels)) }
            @for action in &progress.actions {
                article.action {
                    h3 { (action.number) ". " (action.title) }
                    dl {
                        (field(labels.jurisdiction, &action.jurisdiction_name))
                        (follow_up_fields(report, action.status_label, action.overdue, &action.answerable, action.next_update_due.as_deref(), &action.history))
                    }
                }
            }
            p.muted {
                (labels.follow_up_log) (labels.colon) (progress.seq) " · " code { (short_hash(&progress.head_hash)) }
            }
        }
    }
}
