//! A board as a picture, for the facilitator's slides: one SVG document laid out on the server
//! (notes as cards with their text wrapped, a SWOT's quadrants and a sorting board's categories
//! as cells, a ranking as bars, an action plan's cards under their jurisdictions, a risk map's
//! heat map beside its numbered risks), and the name it is downloaded under (`file_name`). Every text goes through maud, which escapes it, and characters
//! XML cannot hold are left out, so no note can break the document or add to it. Authors are
//! named only where the projection would name them: never in an anonymous activity.

use super::vote::RankedItem;
use super::{View, generic};
use crate::Lang;
use converge_core::outcomes::Action;
use converge_core::{Activity, ActivityKind, Contribution, ContributionKind, Workshop};
use maud::{Markup, PreEscaped, html};

/// The picture's width; its height follows the board.
const WIDTH: f64 = 1600.0;
const MARGIN: f64 = 48.0;
const GAP: f64 = 20.0;
/// Cards: their text's size, its line height, and the room around it.
const FONT: f64 = 18.0;
const LINE: f64 = 24.0;
const PAD: f64 = 12.0;
/// The narrowest a column of cards gets before a cell takes fewer of them.
const CARD_MIN_WIDTH: f64 = 300.0;
/// The head of a ranking a slide holds; the rest is said in one line.
const RANKED_SHOWN: usize = 15;
/// Lines of a card's text at most; a longer text ends with "…".
const MAX_LINES: usize = 12;
/// An average character's width, as a share of the type's size, for wrapping.
const CHAR_WIDTH: f64 = 0.56;
const INK: &str = "#1c2430";
const MUTED: &str = "#5b6675";

/// One cell of the board: a heading (a quadrant, a category, a table) over its notes.
struct Cell<'a> {
    heading: String,
    fill: &'static str,
    notes: Vec<&'a Contribution>,
    /// An action plan's cards, after the notes.
    actions: Vec<&'a Action>,
}

impl<'a> Cell<'a> {
    fn of_notes(heading: String, fill: &'static str, notes: Vec<&'a Contribution>) -> Cell<'a> {
        Cell { heading, fill, notes, actions: Vec::new() }
    }
}

/// The name a board's picture is downloaded under: the workshop's title and the activity's, as
/// lower-case ASCII words joined by dashes (`atelier-wallonie-vote.svg`), never a path.
pub fn file_name(workshop: &Workshop, activity: &Activity, extension: &str) -> String {
    let parts: Vec<String> =
        [slug(&workshop.title, 60), slug(&activity.title, 60)].into_iter().filter(|part| !part.is_empty()).collect();
    let stem = if parts.is_empty() { "board".to_owned() } else { parts.join("-") };
    format!("{stem}.{extension}")
}

/// A text as lower-case ASCII letters and digits, accents taken off the letters that have them,
/// anything else a single dash between words; at most `max` characters, cut between words.
pub(crate) fn slug(text: &str, max: usize) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => "e",
            'ì' | 'í' | 'î' | 'ï' | 'ī' => "i",
            'ł' | 'ľ' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        if folded == "-" {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push_str(folded);
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > max {
        // Between words when there is one to cut at, else inside the only word.
        let cut = slug[..=max].rfind('-').filter(|at| *at > 0).unwrap_or(max);
        slug.truncate(cut);
    }
    slug.trim_end_matches('-').to_owned()
}

/// The board of `view`'s activity as an SVG document.
pub fn board_svg(view: &View<'_>) -> String {
    let lang = view.lang;
    let activity = view.activity;
    let title_lines = wrap(&activity.title, chars_in(WIDTH - 2.0 * MARGIN, 34.0));
    let prompt_lines = wrap(&activity.prompt, chars_in(WIDTH - 2.0 * MARGIN, 20.0));
    let prompt_top = MARGIN + 42.0 * title_lines.len() as f64;
    let head = html! {
        @for (n, line) in title_lines.iter().enumerate() {
            text x=(MARGIN) y=(num(MARGIN + 34.0 + 42.0 * n as f64)) font-size="34" font-weight="700" fill=(INK) { (line) }
        }
        @for (n, line) in prompt_lines.iter().enumerate() {
            text x=(MARGIN) y=(num(prompt_top + 22.0 + 28.0 * n as f64)) font-size="20" fill=(MUTED) { (line) }
        }
    };
    let mut y = prompt_top + 28.0 * prompt_lines.len() as f64;
    y += GAP;
    let (body, height) = match ranked(view) {
        Some(items) => ranking(lang, &items, y),
        None if activity.kind() == ActivityKind::RiskMap => risk_board(view, y),
        None => cells_board(view, &cells(view), y),
    };
    let total = (y + height + MARGIN).ceil();
    let svg = html! {
        svg xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(total) viewBox={ "0 0 " (WIDTH) " " (total) }
            font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" {
            title { (clean(&activity.title)) }
            rect x="0" y="0" width=(WIDTH) height=(total) fill="#ffffff" {}
            (head)
            (body)
        }
    };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}\n", svg.into_string())
}

/// A vote's or an assessment's ranking, once its results may be read.
fn ranked(view: &View<'_>) -> Option<Vec<RankedItem>> {
    matches!(view.activity.kind(), ActivityKind::Vote | ActivityKind::Assess)
        .then(|| super::vote::ranked_items(view))
        .flatten()
        .filter(|items| !items.is_empty())
}

/// The cells of a board: a SWOT's four quadrants, a sorting board's categories (and what is
/// not sorted yet), a brainwriting's tables, or else one cell of every note.
fn cells<'a>(view: &View<'a>) -> Vec<Cell<'a>> {
    let lang = view.lang;
    let activity = view.activity;
    let own: Vec<&Contribution> =
        view.workshop.contributions_in(activity.id).filter(|note| note.merged_into.is_none()).collect();
    match activity.kind() {
        ActivityKind::Swot => generic::SWOT_KINDS
            .into_iter()
            .zip(["#e3f3ea", "#fdecea", "#e8eefb", "#f6f2e6"])
            .map(|(kind, fill)| {
                Cell::of_notes(
                    swot_heading(lang, kind),
                    fill,
                    own.iter().filter(|note| note.kind == kind).copied().collect(),
                )
            })
            .collect(),
        ActivityKind::Categorize => {
            let categories = activity.settings.categories();
            let sources: Vec<&Contribution> = view.workshop.source_contributions(activity).collect();
            let in_category = |category: Option<u32>| -> Vec<&'a Contribution> {
                sources
                    .iter()
                    .filter(|note| {
                        let placed = activity
                            .placements
                            .get(&note.id)
                            .filter(|placed| categories.iter().any(|known| known.id == **placed));
                        placed.copied() == category
                    })
                    .copied()
                    .collect()
            };
            let mut cells: Vec<Cell<'a>> = categories
                .iter()
                .map(|category| Cell::of_notes(category.name.clone(), "#eef1f6", in_category(Some(category.id))))
                .collect();
            let unsorted = in_category(None);
            if !unsorted.is_empty() {
                cells.push(Cell::of_notes(lang.t("sort-unsorted"), "#f7f7f7", unsorted));
            }
            cells
        }
        ActivityKind::Brainwriting => {
            let n_tables = activity.brainwriting.as_ref().map_or(0, |brainwriting| brainwriting.tables.len());
            let mut cells: Vec<Cell<'a>> = (0..n_tables)
                .map(|table| {
                    Cell::of_notes(
                        lang.t_args("bw-table", &[("table", (table + 1).into())]),
                        "#eef1f6",
                        own.iter()
                            .filter(|idea| {
                                idea.sheet.is_some_and(|sheet| usize::try_from(sheet.table).is_ok_and(|at| at == table))
                            })
                            .copied()
                            .collect(),
                    )
                })
                .collect();
            let elsewhere: Vec<&Contribution> = own
                .iter()
                .filter(|idea| {
                    idea.sheet.is_none_or(|sheet| usize::try_from(sheet.table).is_ok_and(|at| at >= n_tables))
                })
                .copied()
                .collect();
            if !elsewhere.is_empty() || cells.is_empty() {
                cells.push(Cell::of_notes(String::new(), "#eef1f6", elsewhere));
            }
            cells
        }
        // The plan's cards under their jurisdictions, as the projection groups them.
        ActivityKind::ActionPlan => {
            let plan = super::action_plan::plan(view);
            let cells: Vec<Cell<'a>> = super::action_plan::groups(lang, &activity.settings, &plan)
                .into_iter()
                .map(|(key, name)| Cell {
                    heading: name,
                    fill: "#eef1f6",
                    notes: Vec::new(),
                    actions: plan.iter().filter(|action| action.card.jurisdiction == key).copied().collect(),
                })
                .filter(|cell| !cell.actions.is_empty())
                .collect();
            if cells.is_empty() { vec![Cell::of_notes(String::new(), "#eef1f6", Vec::new())] } else { cells }
        }
        _ => vec![Cell::of_notes(String::new(), "#eef1f6", own)],
    }
}

fn swot_heading(lang: Lang, kind: ContributionKind) -> String {
    lang.t(match kind {
        ContributionKind::Strength => "board-swot-strengths",
        ContributionKind::Weakness => "board-swot-weaknesses",
        ContributionKind::Opportunity => "board-swot-opportunities",
        _ => "board-swot-threats",
    })
}

/// The cells in rows: two a row for a SWOT (its 2×2), up to four a row otherwise, each row as
/// tall as its tallest cell. Returns the markup and its height from `top`.
fn cells_board(view: &View<'_>, cells: &[Cell<'_>], top: f64) -> (Markup, f64) {
    let per_row = match view.activity.kind() {
        ActivityKind::Swot => 2,
        ActivityKind::ActionPlan => cells.len().clamp(1, 3),
        _ => cells.len().clamp(1, 4),
    };
    let cell_width = (WIDTH - 2.0 * MARGIN - GAP * (per_row as f64 - 1.0)) / per_row as f64;
    let mut y = top;
    let mut parts = Vec::new();
    for row in cells.chunks(per_row) {
        let laid: Vec<(Markup, f64)> = row
            .iter()
            .enumerate()
            .map(|(n, cell)| cell_markup(view, cell, MARGIN + n as f64 * (cell_width + GAP), y, cell_width))
            .collect();
        let height = laid.iter().map(|(_, height)| *height).fold(0.0_f64, f64::max);
        parts.push(html! {
            @for (n, (markup, _)) in laid.iter().enumerate() {
                rect x=(num(MARGIN + n as f64 * (cell_width + GAP))) y=(num(y)) width=(num(cell_width)) height=(num(height))
                    rx="10" fill=(row[n].fill) {}
                (markup)
            }
        });
        y += height + GAP;
    }
    let height = (y - top - GAP).max(0.0);
    (html! { @for part in &parts { (part) } }, height)
}

/// One cell at (`x`, `y`), `width` wide: its heading and count, then its notes as cards in as
/// many columns as fit, each card going to the shortest column. Returns its height.
fn cell_markup(view: &View<'_>, cell: &Cell<'_>, x: f64, y: f64, width: f64) -> (Markup, f64) {
    let inner = width - 2.0 * PAD;
    let n_columns = ((inner + GAP) / (CARD_MIN_WIDTH + GAP)).floor().max(1.0);
    let card_width = (inner - GAP * (n_columns - 1.0)) / n_columns;
    let has_heading = !cell.heading.is_empty();
    let cards_top = y + PAD + if has_heading { 40.0 } else { 0.0 };
    let mut bottoms = vec![cards_top; n_columns as usize];
    let mut cards = Vec::new();
    let notes = cell.notes.iter().map(|note| Err(*note));
    for item in notes.chain(cell.actions.iter().map(|action| Ok(*action))) {
        let (column, _) = bottoms
            .iter()
            .enumerate()
            .fold((0, f64::INFINITY), |best, (n, bottom)| if *bottom < best.1 { (n, *bottom) } else { best });
        let card_x = x + PAD + column as f64 * (card_width + GAP);
        let (markup, height) = match item {
            Err(note) => card(view, note, card_x, bottoms[column], card_width),
            Ok(action) => action_card(view.lang, action, card_x, bottoms[column], card_width),
        };
        cards.push(markup);
        bottoms[column] += height + 10.0;
    }
    let bottom = bottoms.iter().copied().fold(cards_top, f64::max);
    let height = bottom - y + PAD;
    let markup = html! {
        @if has_heading {
            text x=(num(x + PAD)) y=(num(y + PAD + 24.0)) font-size="24" font-weight="700" fill=(INK) {
                (clean(&cell.heading))
                tspan fill=(MUTED) font-weight="400" { " (" (cell.notes.len() + cell.actions.len()) ")" }
            }
        }
        @for card in &cards { (card) }
    };
    (markup, height.max(if has_heading { 60.0 } else { 0.0 }))
}

/// A note as a card: its text wrapped to the card's width, and its author where the room may
/// see it.
fn card(view: &View<'_>, note: &Contribution, x: f64, y: f64, width: f64) -> (Markup, f64) {
    let lines = wrap(&note.text, chars_in(width - 2.0 * PAD, FONT));
    let author = view.author_of(note).map(clean);
    let height = 2.0 * PAD + LINE * lines.len() as f64 + if author.is_some() { 22.0 } else { 0.0 };
    let markup = html! {
        rect x=(num(x)) y=(num(y)) width=(num(width)) height=(num(height)) rx="6" fill="#ffffff" stroke="#d5dbe5" {}
        text x=(num(x + PAD)) y=(num(y + PAD)) font-size=(FONT) fill=(INK) {
            @for (n, line) in lines.iter().enumerate() {
                tspan x=(num(x + PAD)) y=(num(y + PAD + LINE * (n as f64 + 1.0) - 6.0)) { (line) }
            }
        }
        @if let Some(author) = author {
            text x=(num(x + PAD)) y=(num(y + height - PAD)) font-size="14" fill=(MUTED) { (author) }
        }
    };
    (markup, height)
}

/// An action card: its title, who carries it and by when, what it is and its first steps.
fn action_card(lang: Lang, action: &Action, x: f64, y: f64, width: f64) -> (Markup, f64) {
    let card = &action.card;
    let inner = width - 2.0 * PAD;
    // Bold type is wider: wrapped as if larger.
    let title = wrap(&card.title, chars_in(inner, 22.0));
    // Who carries it, then by when, each on its own line(s).
    let meta: Vec<String> =
        [("actions-owner-is", "owner", &card.owner), ("actions-horizon-is", "horizon", &card.horizon)]
            .into_iter()
            .filter(|(_, _, value)| !value.is_empty())
            .flat_map(|(key, name, value)| {
                wrap(&lang.t_args(key, &[(name, value.as_str().into())]), chars_in(inner, 15.0))
            })
            .collect();
    let mut body: Vec<String> = wrap(&card.description, chars_in(inner, 16.0)).into_iter().take(5).collect();
    if !card.first_steps.is_empty() {
        let steps = lang.t_args("actions-export-first-steps", &[("steps", card.first_steps.as_str().into())]);
        body.extend(wrap(&steps, chars_in(inner, 16.0)).into_iter().take(4));
    }
    let mut lines: Vec<(f64, f64, &str, &str, &str)> = Vec::new();
    let mut bottom = y + PAD;
    for line in &title {
        bottom += 26.0;
        lines.push((bottom - 6.0, 20.0, "700", INK, line));
    }
    for line in &meta {
        bottom += 21.0;
        lines.push((bottom - 5.0, 15.0, "400", MUTED, line));
    }
    if !body.is_empty() {
        bottom += 4.0;
    }
    for line in &body {
        bottom += 22.0;
        lines.push((bottom - 5.0, 16.0, "400", INK, line));
    }
    let height = bottom + PAD - y;
    let markup = html! {
        rect x=(num(x)) y=(num(y)) width=(num(width)) height=(num(height)) rx="6" fill="#ffffff" stroke="#d5dbe5" {}
        @for (baseline, size, weight, fill, line) in &lines {
            text x=(num(x + PAD)) y=(num(*baseline)) font-size=(size) font-weight=(weight) fill=(fill) { (line) }
        }
    };
    (markup, height)
}

/// A risk map: the heat map with the risks placed by their numbers, and beside it every risk,
/// numbered, with what the room made of it.
fn risk_board(view: &View<'_>, top: f64) -> (Markup, f64) {
    // The heat map's own proportions (converge_report::heat_map), drawn at this width.
    const MAP_WIDTH: f64 = 620.0;
    const MAP_HEIGHT: f64 = MAP_WIDTH * 432.0 / 440.0;
    let (map, risks) = super::risk_map::for_export(view);
    let legend_x = MARGIN + MAP_WIDTH + 40.0;
    let text_x = legend_x + 44.0;
    let text_width = WIDTH - MARGIN - text_x;
    let mut y = top;
    let mut rows = Vec::new();
    for (number, risk, figures) in &risks {
        let lines = wrap(&risk.text, chars_in(text_width, 20.0));
        let figures_lines = wrap(figures, chars_in(text_width, 15.0));
        let row_top = y;
        rows.push(html! {
            circle cx=(num(legend_x + 15.0)) cy=(num(row_top + 15.0)) r="15" fill=(INK) {}
            text x=(num(legend_x + 15.0)) y=(num(row_top + 20.0)) font-size="15" font-weight="700" text-anchor="middle"
                fill="#ffffff" { (number) }
            @for (n, line) in lines.iter().enumerate() {
                text x=(num(text_x)) y=(num(row_top + 21.0 + 26.0 * n as f64)) font-size="20" fill=(INK) { (line) }
            }
            @for (n, line) in figures_lines.iter().enumerate() {
                text x=(num(text_x)) y=(num(row_top + 26.0 * lines.len() as f64 + 16.0 + 20.0 * n as f64))
                    font-size="15" fill=(MUTED) { (line) }
            }
        });
        y += (26.0 * lines.len() as f64 + 20.0 * figures_lines.len() as f64).max(30.0) + 18.0;
    }
    let height = (y - top).max(MAP_HEIGHT);
    let markup = html! {
        // The chart escapes every text it holds; it scales to the box it is given.
        svg x=(MARGIN) y=(num(top)) width=(MAP_WIDTH) height=(num(MAP_HEIGHT)) { (PreEscaped(map)) }
        @for row in &rows { (row) }
        @if risks.is_empty() {
            text x=(num(legend_x)) y=(num(top + 24.0)) font-size="20" fill=(MUTED) { (view.lang.t("risks-empty")) }
        }
    };
    (markup, height)
}

/// A ranking as bars: each item's place, its text (wrapped), what it scored, and a bar as long
/// as its share of the leader's support.
fn ranking(lang: Lang, items: &[RankedItem], top: f64) -> (Markup, f64) {
    let text_width = WIDTH - 2.0 * MARGIN - 80.0;
    // The rows start under the heading.
    let mut y = top + 44.0;
    let mut rows = Vec::new();
    for item in items.iter().take(RANKED_SHOWN) {
        let lines = wrap(&item.text, chars_in(text_width, 22.0));
        let row_top = y;
        let text_height = 30.0 * lines.len() as f64;
        let score_y = row_top + text_height + 22.0;
        let bar_y = score_y + 10.0;
        let height = text_height + 22.0 + if item.share.is_some() { 30.0 } else { 10.0 };
        rows.push(html! {
            text x=(MARGIN) y=(num(row_top + 26.0)) font-size="26" font-weight="700" fill="#3259c7" { (item.place) }
            text x=(MARGIN + 80.0) y=(num(row_top)) font-size="22" fill=(INK) {
                @for (n, line) in lines.iter().enumerate() {
                    tspan x=(MARGIN + 80.0) y=(num(row_top + 24.0 + 30.0 * n as f64)) { (line) }
                }
            }
            @if let Some(score) = &item.score {
                text x=(MARGIN + 80.0) y=(num(score_y)) font-size="16" fill=(MUTED) { (clean(score)) }
            }
            @if let Some(share) = item.share {
                rect x=(MARGIN + 80.0) y=(num(bar_y)) width=(num(text_width)) height="12" rx="6" fill="#e6eaf2" {}
                rect x=(MARGIN + 80.0) y=(num(bar_y)) width=(num(text_width * share.clamp(0.0, 1.0))) height="12" rx="6"
                    fill="#3259c7" {}
            }
        });
        y += height + 18.0;
    }
    let n_rest = items.len().saturating_sub(RANKED_SHOWN);
    let rest_y = y + 10.0;
    if n_rest > 0 {
        y += 40.0;
    }
    let markup = html! {
        text x=(MARGIN) y=(num(top + 24.0)) font-size="24" font-weight="700" fill=(INK) { (lang.t("votes-results-heading")) }
        @for row in &rows { (row) }
        @if n_rest > 0 {
            text x=(MARGIN + 80.0) y=(num(rest_y)) font-size="18" fill=(MUTED) {
                (lang.t_args("results-rest-elsewhere", &[("count", n_rest.into())]))
            }
        }
    };
    (markup, y - top)
}

/// How many characters of type `size` a line `width` wide holds.
fn chars_in(width: f64, size: f64) -> usize {
    ((width / (size * CHAR_WIDTH)).floor() as usize).max(8)
}

/// A number for an attribute: one decimal at most.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded:.1}") }
}

/// A text with only what XML can hold: no control characters (tabs and line breaks become
/// spaces), nothing of the non-characters U+FFFE and U+FFFF. Maud escapes the rest.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !c.is_control() && !matches!(*c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// A text broken into lines of at most `max` characters, between words; a word longer than a
/// line is cut. Past `MAX_LINES` the last line ends with "…".
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in clean(text).split(' ').filter(|word| !word.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        let needed =
            if line.is_empty() { word.chars().count() } else { line.chars().count() + 1 + word.chars().count() };
        if needed > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_and_only_cut_a_word_longer_than_a_line() {
        assert_eq!(wrap("Un guichet unique pour les aides", 12), ["Un guichet", "unique pour", "les aides"]);
        assert_eq!(wrap("abcdefghijklmnop", 8), ["abcdefgh", "ijklmnop"]);
        assert!(wrap("", 10).is_empty());
        let long = "mot ".repeat(200);
        let lines = wrap(&long, 10);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(lines.iter().all(|line| line.chars().count() <= 12));
        assert!(lines.last().is_some_and(|line| line.ends_with('…')));
    }

    #[test]
    fn a_picture_is_named_by_a_slug_of_its_titles() {
        assert_eq!(slug("Atelier Wallonie", 60), "atelier-wallonie");
        assert_eq!(slug("Plan d'action : les réformes retenues", 60), "plan-d-action-les-reformes-retenues");
        assert_eq!(slug("Évaluation multicritère — cœur & âme", 60), "evaluation-multicritere-coeur-ame");
        assert_eq!(slug("  ../../etc/passwd\"\r\n ", 60), "etc-passwd", "nothing of a path or a header");
        assert_eq!(slug("日本語", 60), "", "nothing left of a title without Latin letters");
        assert_eq!(slug("Smarter Democracy Hackathon – Wallonie", 20), "smarter-democracy", "cut between words");
        assert_eq!(slug("Anticonstitutionnellement", 10), "anticonsti", "or inside the only word");
        assert!(slug(&"é".repeat(100), 60).len() <= 60);
    }

    #[test]
    fn what_xml_cannot_hold_is_left_out() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\ne\u{FFFF}"), "abc d e");
    }
}
