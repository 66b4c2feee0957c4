//! The brainwriting activity (6-3-5): each table writes on sheets that pass from member to
//! member at every round, each idea building on those already on the sheet.
//!
//! Who holds which sheet is decided in `converge_core::brainwriting`; an idea records the sheet
//! (table, sheet, round) its author held when posting it, so a sheet's ideas are the activity's
//! contributions that name it, in the order they were posted (which is also round order).
//!
//! A participant's page shows their current sheet with a note form outside any live region, so
//! nothing typed is ever swapped away; the writing box comes first, the sheet's ideas (to tick
//! those the new one builds on) under it, and the questions of the sources fold away after the
//! first round. The round number sits in a live region; when it changes under an untouched form,
//! `assets/sort.js` reloads the page onto the new sheet, and otherwise shows a notice, leaving
//! the text where it is.

use super::{View, generic, moderation};
use crate::layout::csrf_field;
use converge_core::brainwriting::{Rotation, SheetIdx};
use converge_core::{Contribution, ParticipantId, Role, Scope, SheetRef, Subject};
use maud::{Markup, html};
use std::collections::BTreeMap;

/// Up to this many ideas at a table, the projection shows them sheet by sheet, each chain whole;
/// above it, the table's ideas newest first, the room following what is being written.
const FEW_IDEAS_PER_TABLE: usize = 12;

pub fn participant(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let rules = view.activity.settings.brainwriting_rules();
    let Some(brainwriting) = &view.activity.brainwriting else {
        return html! {
            div #brainwriting-live data-live {
                p.notice { (lang.t("bw-not-started")) }
                p.hint { (rules_line(view)) }
            }
        };
    };
    let round = brainwriting.round;
    let Some(sheet) = viewer_seat(view).and_then(|seat| brainwriting.sheet_of(&seat)) else {
        return no_sheet(view, round);
    };
    let ideas = ideas_on(view, sheet);
    // The sheet lies in front of the viewer alone this round: what is on it for this round is theirs.
    let written = ideas.iter().filter(|idea| idea.sheet == Some(sheet)).count();
    let remaining = (rules.ideas_per_round as usize).saturating_sub(written);
    // A refused post comes back with its text: keep the form for it even when the round's
    // ideas are spent, so the text can be copied or kept for the next round.
    let show_form = view.can_contribute() && (remaining > 0 || !view.draft.text.is_empty());
    html! {
        div #brainwriting-live.bw-status data-live data-bw-round=(round) {
            h2 { (sheet_heading(view, sheet)) }
            (sheet_question(view, sheet.sheet, true))
            (away_notice(view))
            @if view.can_contribute() {
                p { (lang.t_args("bw-remaining", &[("count", remaining.into())])) }
            }
            p.hint { (rules_line(view)) }
            p.notice hidden data-bw-round-moved { (lang.t("bw-round-moved")) }
        }
        div.bw-writing data-bw-form-round=(round) {
            @if show_form {
                // The writing box first, the sheet's ideas under it: on a phone the box is in
                // sight at once, and the button stays in sight below (sorting.css).
                (generic::note_form_around(view, &[sheet_fields(sheet)], &[builds_on_choices(view, &ideas)]))
            } @else {
                (generic::sent_notice(view))
                h3 { (lang.t("bw-sheet-ideas-heading")) }
                (sheet_ideas(view, &ideas))
            }
        }
    }
}

/// The category a sheet works on and the questions filed under it, when the brainwriting takes
/// the categories of a categorize board: sheets take the categories in turn.
fn sheet_question(view: &View<'_>, sheet: u32, with_questions: bool) -> Markup {
    let Some((category, questions)) = view.workshop.sheet_category(view.activity, sheet) else {
        return html! {};
    };
    html! {
        div.bw-question {
            p { strong { (view.lang.t_args("bw-sheet-category", &[("category", category.name.as_str().into())])) } }
            @if with_questions && !questions.is_empty() {
                ul {
                    @for question in questions { li { (question.text) } }
                }
            }
        }
    }
}

/// The sheet the form is shown for: if the sheets are passed on before it is sent, the idea is
/// refused with its text kept rather than filed on the sheet the writer holds by then.
fn sheet_fields(sheet: SheetRef) -> Markup {
    html! {
        input type="hidden" name="sheet_table" value=(sheet.table);
        input type="hidden" name="sheet" value=(sheet.sheet);
        input type="hidden" name="sheet_round" value=(sheet.round);
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let Some(brainwriting) = &view.activity.brainwriting else {
        return html! {
            section.card.bw-start {
                p { (rules_line(view)) }
                p { (lang.t("bw-start-explain")) }
                p { (lang.t_args("bw-start-tables", &[("tables", view.workshop.tables.len().into())])) }
                p.hint {
                    (lang.t("bw-start-how-tables")) " "
                    a href={ "/facilitator/workshops/" (view.workshop.id) } { (lang.t("bw-console-link")) }
                }
                form method="post" action=(view.facilitator_action("brainwriting-start")) {
                    (csrf_field(view.csrf))
                    input type="hidden" name="back" value="activity";
                    button type="submit" { (lang.t("bw-start-button")) }
                }
            }
        };
    };
    let rules = view.activity.settings.brainwriting_rules();
    let seated = seated_participants(view);
    html! {
        div.bw-round-bar {
            h2 { (lang.t_args("bw-round", &[("round", (brainwriting.round + 1).into())])) }
            @if brainwriting.is_last_round() {
                p.notice { (lang.t("bw-last-round")) }
            } @else {
                form method="post" action=(view.facilitator_action("next-round")) {
                    (csrf_field(view.csrf))
                    input type="hidden" name="back" value="activity";
                    button type="submit" { (lang.t("bw-next-round-button")) }
                }
            }
        }
        p.hint { (lang.t_args("bw-next-round-hint", &[("minutes", rules.round_minutes.into())])) " " (rules_line(view)) }
        @if view.activity.status != converge_core::ActivityStatus::Open {
            p.notice { (lang.t("bw-open-hint")) }
        }
        @for (table, rotation) in brainwriting.tables.iter().enumerate() {
            section.bw-table {
                h3 { (lang.t_args("bw-table", &[("table", (table + 1).into())])) }
                (members(view, rotation, &seated))
                @if view.activity.settings.anonymous {
                    (table_ideas(view, table as u32))
                } @else {
                div.bw-sheets {
                    @for sheet in 0..rotation.n_sheets() {
                        @let sheet_ref = SheetRef { table: table as u32, sheet: sheet as u32, round: brainwriting.round };
                        @let ideas = ideas_on(view, sheet_ref);
                        article.bw-sheet {
                            h4 { (sheet_title(view, rotation, sheet, &seated)) }
                            (sheet_question(view, sheet as u32, false))
                            // Who holds which sheet would tell who wrote what: shown only
                            // where ideas are signed.
                            @if !view.activity.settings.anonymous {
                                @if let Some(holder) = rotation
                                    .holder_of(SheetIdx(sheet), brainwriting.round as usize)
                                    .and_then(|holder| seated.get(holder))
                                {
                                    p.muted.bw-holder {
                                        @if view.workshop.participants.get(holder).is_some_and(|holder| holder.present) {
                                            (lang.t_args("bw-held-by", &[("name", name_of(view, *holder).into())]))
                                        } @else {
                                            (lang.t("bw-waiting"))
                                        }
                                    }
                                }
                            }
                            (sheet_ideas(view, &ideas))
                        }
                    }
                }
                }
            }
        }
        (stray_ideas(view))
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let Some(brainwriting) = &view.activity.brainwriting else {
        return html! { p.lead { (lang.t("bw-not-started")) } };
    };
    let seated = seated_participants(view);
    // As dense as the busiest table.
    let busiest = (0..brainwriting.tables.len())
        .map(|table| {
            view.workshop
                .contributions_in(view.activity.id)
                .filter(|idea| idea.sheet.is_some_and(|sheet| sheet.table as usize == table))
                .count()
        })
        .max()
        .unwrap_or_default();
    html! {
        p.bw-round-big { (lang.t_args("bw-round", &[("round", (brainwriting.round + 1).into())])) }
        // The tables stand side by side and stay on the screen; what pages is the ideas of
        // each (or its sheets, while they are few: a table of seven blank sheets is taller than
        // a projector on its own).
        div.bw-projection data-density=[super::density(view, busiest)] {
            @for (table, rotation) in brainwriting.tables.iter().enumerate() {
                (table_projection_section(view, table, rotation, &seated, FEW_IDEAS_PER_TABLE))
            }
        }
    }
}

/// One table alone on the projection: its sheets and their ideas, which it has room to show
/// whole.
pub fn table_projection(view: &View<'_>, table: u32) -> Option<Markup> {
    let brainwriting = view.activity.brainwriting.as_ref()?;
    let rotation = brainwriting.tables.get(usize::try_from(table).ok()?)?;
    let seated = seated_participants(view);
    Some(html! {
        p.bw-round-big { (view.lang.t_args("bw-round", &[("round", (brainwriting.round + 1).into())])) }
        div.bw-projection.bw-zoomed data-zoomed {
            (table_projection_section(view, table as usize, rotation, &seated, usize::MAX))
        }
    })
}

/// A table on the projection: who sits there (where names may show), then its ideas: sheet by
/// sheet up to `few` of them, else newest first (in an anonymous brainwriting, in the order of
/// their texts, which tells no seat). The ideas page when the screen cannot hold them.
fn table_projection_section(
    view: &View<'_>,
    table: usize,
    rotation: &Rotation<Subject>,
    seated: &BTreeMap<Subject, ParticipantId>,
    few: usize,
) -> Markup {
    let lang = view.lang;
    let sheets: Vec<Vec<&Contribution>> = (0..rotation.n_sheets())
        .map(|sheet| ideas_on(view, SheetRef { table: table as u32, sheet: sheet as u32, round: 0 }))
        .collect();
    let n_ideas: usize = sheets.iter().map(Vec::len).sum();
    html! {
                section.bw-table {
                    h3 {
                        (lang.t_args("bw-table", &[("table", (table + 1).into())]))
                        " " span.badge.bw-count { (lang.t_args("bw-ideas-count", &[("count", n_ideas.into())])) }
                    }
                    // Who sits where, while the room finds its tables; once ideas come, they
                    // take the room (a table zoomed on keeps its members).
                    @if !view.names_off_screen() && (n_ideas == 0 || few == usize::MAX) {
                        (members(view, rotation, seated))
                    }
                    @if view.activity.settings.anonymous {
                        (table_ideas(view, table as u32))
                    } @else if n_ideas <= few {
                        div.bw-sheets data-fit-items {
                            @for (sheet, ideas) in sheets.iter().enumerate() {
                                article.bw-sheet {
                                    h4 { (sheet_title(view, rotation, sheet, seated)) }
                                    (sheet_ideas(view, ideas))
                                }
                            }
                        }
                    } @else {
                        (latest_ideas(view, table as u32))
                    }
                }
    }
}

/// A table's ideas, the newest first, each with its round and its author where they may show.
fn latest_ideas(view: &View<'_>, table: u32) -> Markup {
    let ideas: Vec<&Contribution> = view
        .workshop
        .contributions_in(view.activity.id)
        .filter(|idea| idea.sheet.is_some_and(|sheet| sheet.table == table))
        .collect();
    html! {
        ol.bw-ideas.bw-latest {
            @for idea in ideas.iter().rev() {
                li data-contribution=(idea.id) {
                    p.note-text { (idea.text) }
                    @let meta = idea_meta(view, idea);
                    @if !meta.is_empty() { p.bw-idea-meta { (meta) } }
                }
            }
        }
    }
}

/// A participant without a sheet: they were not in the room when the tables were formed.
fn no_sheet(view: &View<'_>, round: u32) -> Markup {
    let lang = view.lang;
    html! {
        div #brainwriting-live data-live data-bw-round=(round) {
            h2 { (lang.t_args("bw-round", &[("round", (round + 1).into())])) }
            p.notice { (lang.t("bw-no-table")) }
        }
    }
}

/// A participant marked away: their sheet waits at their seat, and one tap says they are back.
fn away_notice(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let away = view
        .viewer
        .and_then(|viewer| view.workshop.participants.get(&viewer))
        .is_some_and(|participant| !participant.present);
    html! {
        @if away && view.role.is_some_and(|role| role != Role::Facilitator) {
            p.notice { (lang.t("bw-away")) }
            form method="post" action={ "/w/" (view.workshop.id) "/presence" } {
                (csrf_field(view.csrf))
                input type="hidden" name="present" value="true";
                button type="submit" { (lang.t("bw-back-button")) }
            }
        }
    }
}

/// "Round N — your sheet (started by X)", without X's name where ideas are anonymous.
fn sheet_heading(view: &View<'_>, sheet: SheetRef) -> String {
    let lang = view.lang;
    let round = sheet.round + 1;
    let starter = view
        .activity
        .brainwriting
        .as_ref()
        .and_then(|brainwriting| brainwriting.tables.get(sheet.table as usize))
        .and_then(|rotation| rotation.starter_of(SheetIdx(sheet.sheet as usize)).copied());
    match starter {
        Some(starter) if Some(starter) == viewer_seat(view) => {
            lang.t_args("bw-your-own-sheet", &[("round", round.into())])
        }
        Some(starter) => match visible_name(view, starter, &seated_participants(view)) {
            Some(name) => lang.t_args("bw-your-sheet", &[("round", round.into()), ("name", name.into())]),
            None => {
                lang.t_args("bw-your-sheet-anonymous", &[("round", round.into()), ("number", (sheet.sheet + 1).into())])
            }
        },
        None => lang.t_args("bw-round", &[("round", round.into())]),
    }
}

/// "X's sheet", or "Sheet n" where ideas are anonymous: the starter wrote its first ideas.
fn sheet_title(
    view: &View<'_>,
    rotation: &Rotation<Subject>,
    sheet: usize,
    seated: &BTreeMap<Subject, ParticipantId>,
) -> String {
    match rotation.starter_of(SheetIdx(sheet)).and_then(|starter| visible_name(view, *starter, seated)) {
        Some(name) => view.lang.t_args("bw-sheet-of", &[("name", name.into())]),
        None => view.lang.t_args("bw-sheet-number", &[("number", (sheet + 1).into())]),
    }
}

/// Who sits at a table, by name in alphabetical order: which table someone sits at is no
/// secret in the room, the order of the seats is.
fn members(view: &View<'_>, rotation: &Rotation<Subject>, seated: &BTreeMap<Subject, ParticipantId>) -> Markup {
    let mut members: Vec<(&str, bool)> = rotation
        .seats()
        .iter()
        .filter_map(|seat| seated.get(seat))
        .map(|member| {
            (name_of(view, *member), view.workshop.participants.get(member).is_some_and(|member| member.present))
        })
        .collect();
    members.sort_unstable();
    html! {
        p.bw-members {
            span.muted { (view.lang.t("bw-members")) }
            @for (name, present) in members {
                " "
                @if present {
                    span.badge { (name) }
                } @else {
                    span.badge.absent { (name) " " (view.lang.t("bw-absent")) }
                }
            }
        }
    }
}

/// The viewer's seat: their pseudonym for this brainwriting, or their id on older records.
fn viewer_seat(view: &View<'_>) -> Option<Subject> {
    let brainwriting = view.activity.brainwriting.as_ref()?;
    let viewer = view.viewer?;
    let seated = |seat: &Subject| brainwriting.tables.iter().any(|rotation| rotation.seats().contains(seat));
    let named = Subject::Named(viewer);
    if seated(&named) {
        return Some(named);
    }
    view.keyring.subject(viewer, Scope::Seat(view.activity.id)).filter(seated)
}

/// Every seat's participant, worked out on the server from the keys: for names shown where
/// they may be (table members; holders and starters where ideas are signed), never sent as such.
fn seated_participants(view: &View<'_>) -> BTreeMap<Subject, ParticipantId> {
    let mut seated = BTreeMap::new();
    for participant in view.workshop.participants.keys() {
        seated.insert(Subject::Named(*participant), *participant);
        if let Some(seat) = view.keyring.subject(*participant, Scope::Seat(view.activity.id)) {
            seated.insert(seat, *participant);
        }
    }
    seated
}

fn rules_line(view: &View<'_>) -> String {
    let rules = view.activity.settings.brainwriting_rules();
    view.lang.t_args("bw-rules", &[("ideas", rules.ideas_per_round.into()), ("minutes", rules.round_minutes.into())])
}

/// The ideas on a sheet (whatever the round in `sheet`), in the order they were written.
fn ideas_on<'a>(view: &View<'a>, sheet: SheetRef) -> Vec<&'a Contribution> {
    view.workshop
        .contributions_in(view.activity.id)
        .filter(|idea| idea.sheet.is_some_and(|on| on.table == sheet.table && on.sheet == sheet.sheet))
        .collect()
}

/// A sheet's ideas, numbered, each with its round, its author as this viewer may see them, and
/// the numbers of the ideas on the sheet it builds on. Only numbers, never the linked text
/// again: each idea is written out once.
fn sheet_ideas(view: &View<'_>, ideas: &[&Contribution]) -> Markup {
    let lang = view.lang;
    html! {
        @if ideas.is_empty() {
            p.muted { (lang.t("bw-sheet-empty")) }
        } @else {
            ol.bw-ideas {
                @for idea in ideas {
                    li data-contribution=(idea.id) {
                        p.note-text { (idea.text) }
                        @let meta = idea_meta(view, idea);
                        @if !meta.is_empty() { p.bw-idea-meta { (meta) } }
                        (builds_on(view, idea, ideas))
                        (moderation::note_controls(view, idea))
                    }
                }
            }
        }
    }
}

/// "Round r · author" where ideas are signed. Where they are anonymous, only the viewer's own
/// ideas say anything: a round, with a sheet, tells the seat it was written from.
fn idea_meta(view: &View<'_>, idea: &Contribution) -> String {
    let round = idea.sheet.map_or(0, |sheet| sheet.round) + 1;
    match view.author_of(idea) {
        Some(author) => view.lang.t_args("bw-idea-meta", &[("round", round.into()), ("author", author.into())]),
        None if view.activity.settings.anonymous => String::new(),
        None => view.lang.t_args("bw-idea-round", &[("round", round.into())]),
    }
}

/// A table's ideas in an anonymous brainwriting, for the board and the screen: in the order of
/// their texts, neither by sheet nor by round, which together tell the seat each came from.
fn table_ideas(view: &View<'_>, table: u32) -> Markup {
    let mut ideas: Vec<&Contribution> = view
        .workshop
        .contributions_in(view.activity.id)
        .filter(|idea| idea.sheet.is_some_and(|sheet| sheet.table == table))
        .collect();
    ideas.sort_by(|a, b| a.text.cmp(&b.text).then(a.id.cmp(&b.id)));
    html! {
        @if ideas.is_empty() {
            p.muted { (view.lang.t("bw-sheet-empty")) }
        } @else {
            ul.bw-ideas.bw-table-ideas {
                @for idea in ideas {
                    li data-contribution=(idea.id) {
                        p.note-text { (idea.text) }
                        (moderation::note_controls(view, idea))
                    }
                }
            }
        }
    }
}

fn builds_on(view: &View<'_>, idea: &Contribution, sheet: &[&Contribution]) -> Markup {
    let numbers: Vec<String> = idea
        .links
        .iter()
        .filter_map(|link| sheet.iter().position(|other| other.id == *link))
        .map(|position| format!("{}", position + 1))
        .collect();
    let elsewhere = idea.links.iter().any(|link| !sheet.iter().any(|other| other.id == *link));
    html! {
        @if !numbers.is_empty() {
            p.bw-builds-on { "↳ " (view.lang.t_args("bw-builds-on", &[("numbers", numbers.join(", ").into())])) }
        }
        @if elsewhere {
            p.bw-builds-on { "↳ " (view.lang.t("bw-builds-on-other")) }
        }
    }
}

/// The sheet's ideas as checkboxes in the note form: the ones the new idea builds on are ticked.
fn builds_on_choices(view: &View<'_>, ideas: &[&Contribution]) -> Markup {
    let lang = view.lang;
    html! {
        @if ideas.is_empty() {
            p.muted { (lang.t("bw-blank-sheet")) }
        } @else {
            fieldset.bw-builds-on-choices {
                legend { (lang.t("bw-builds-on-legend")) }
                ol.bw-ideas {
                    @for idea in ideas {
                        li {
                            label.check {
                                input type="checkbox" name="link" value=(idea.id)
                                    checked[view.draft.links.contains(&idea.id.as_uuid())];
                                span {
                                    span.note-text { (idea.text) }
                                    @let meta = idea_meta(view, idea);
                                    @if !meta.is_empty() { " " span.bw-idea-meta { "— " (meta) } }
                                }
                            }
                            (builds_on(view, idea, ideas))
                        }
                    }
                }
            }
        }
    }
}

/// Ideas of this activity that name no sheet of its tables. Posting refuses them, so this is
/// empty; it is here so the board can never hide an idea.
fn stray_ideas(view: &View<'_>) -> Markup {
    let tables = view.activity.brainwriting.as_ref().map(|brainwriting| &brainwriting.tables);
    let on_a_sheet = |idea: &&Contribution| {
        idea.sheet.is_some_and(|sheet| {
            tables
                .and_then(|tables| tables.get(sheet.table as usize))
                .is_some_and(|rotation| (sheet.sheet as usize) < rotation.n_sheets())
        })
    };
    let stray: Vec<&Contribution> =
        view.workshop.contributions_in(view.activity.id).filter(|idea| !on_a_sheet(idea)).collect();
    html! {
        @if !stray.is_empty() {
            section.bw-table {
                h3 { (view.lang.t("bw-other-ideas")) }
                (sheet_ideas(view, &stray))
            }
        }
    }
}

/// A seat's name where names may be shown: everywhere but in anonymous activities, where
/// nobody but the person themselves sees it (the facilitator neither).
fn visible_name<'a>(view: &View<'a>, seat: Subject, seated: &BTreeMap<Subject, ParticipantId>) -> Option<&'a str> {
    let who = *seated.get(&seat)?;
    let hidden = (view.activity.settings.anonymous && view.viewer != Some(who)) || view.names_off_screen();
    if hidden { None } else { Some(view.names.get(&who).copied().unwrap_or("?")) }
}

/// A member's name for the facilitator's board.
fn name_of<'a>(view: &View<'a>, who: ParticipantId) -> &'a str {
    view.names.get(&who).copied().unwrap_or("?")
}
