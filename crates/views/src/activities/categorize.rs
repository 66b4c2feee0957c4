//! The categorize activity: the notes of earlier activities (its sources) sorted into the
//! activity's categories on one board that the whole room shares.
//!
//! The board has a column per category and one for the notes not sorted yet, each with its
//! total. Every note carries its own "move to" form (a select and a button), which is how a
//! phone or a keyboard sorts; `assets/sort.js` adds drag and drop on large screens by filling in
//! and sending that same form, so there is one way to sort, seen by the server the same way.
//! Participants post to their sort route while the activity is open; the facilitator posts to
//! the contribution's `categorize` action, which also works once the activity is closed.

use super::{View, moderation};
use crate::layout::csrf_field;
use converge_core::{ActivityStatus, Category, Contribution, Role};
use maud::{Markup, html};

/// What the board's notes offer: a form to move them, and where it posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Controls {
    /// A participant sorting while the activity is open.
    Participant,
    /// The facilitator, on the activity's page in the console.
    Facilitator,
    /// Nothing to press: the projection, or a participant once sorting is over.
    None,
}

/// One column of the board: a category, or the notes not sorted yet (`category` is `None`).
struct Column<'a> {
    category: Option<&'a Category>,
    notes: Vec<&'a Contribution>,
}

pub fn participant(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let may_sort = view.activity.status == ActivityStatus::Open && view.role.is_some_and(Role::may_contribute);
    let controls = if may_sort { Controls::Participant } else { Controls::None };
    html! {
        // The whole board is live: totals move as the room sorts. A phone whose "move to" control
        // is in use keeps its board until the control is left (app.js).
        div #sort-board-live.sort-area data-live data-sort-area {
            // Between the page's h1 and the categories' h3.
            h2 { (lang.t("sort-board-heading")) }
            @if view.activity.settings.sources.is_empty() {
                p.notice { (lang.t("sort-no-sources")) }
            } @else {
                @if may_sort {
                    p.hint { (lang.t("sort-hint")) " " span.sort-drag-hint { (lang.t("sort-hint-drag")) } }
                } @else {
                    p.hint { (lang.t("sort-readonly-hint")) }
                }
                (board(view, controls))
            }
        }
    }
}

/// The facilitator's board sits inside the activity page's live region, so it needs none of its own.
pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    html! {
        div.sort-area data-sort-area {
            h2 { (lang.t("sort-board-heading")) }
            @if view.activity.settings.sources.is_empty() {
                p.notice { (lang.t("sort-no-sources-facilitator")) }
            } @else {
                p.hint { (lang.t("sort-facilitator-hint")) " " span.sort-drag-hint { (lang.t("sort-hint-drag")) } }
                (board(view, Controls::Facilitator))
            }
        }
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    html! {
        div.sort-area.sort-projection {
            @if !view.activity.settings.sources.is_empty() { (board(view, Controls::None)) }
        }
    }
}

/// The notes to sort, in the order they were posted, split into columns: unsorted first (the
/// pile still to sort, at the top of a phone's screen), then the categories in their order.
fn columns<'a>(view: &View<'a>) -> Vec<Column<'a>> {
    let activity = view.activity;
    let categories = activity.settings.categories();
    let mut columns: Vec<Column<'a>> = std::iter::once(None)
        .chain(categories.iter().map(Some))
        .map(|category| Column { category, notes: Vec::new() })
        .collect();
    for note in view.workshop.source_contributions(activity) {
        // A placement in a category that no longer exists counts as unsorted; the fold drops
        // those anyway, this only keeps a note from vanishing if it ever did not.
        let column = activity
            .placements
            .get(&note.id)
            .and_then(|placed| categories.iter().position(|category| category.id == *placed))
            .map_or(0, |position| position + 1);
        if let Some(column) = columns.get_mut(column) {
            column.notes.push(note);
        }
    }
    columns
}

fn board(view: &View<'_>, controls: Controls) -> Markup {
    let lang = view.lang;
    let columns = columns(view);
    let n_notes: usize = columns.iter().map(|column| column.notes.len()).sum();
    html! {
        @if n_notes == 0 {
            p.muted { (lang.t("sort-no-notes")) }
        }
        div.sort-board data-sort-board {
            @for column in &columns {
                (column_section(view, column, controls))
            }
        }
    }
}

/// One category alone on the projection, its notes over the whole board's width.
pub fn category_projection(view: &View<'_>, category: u32) -> Option<Markup> {
    let columns = columns(view);
    let column = columns.iter().find(|column| column.category.is_some_and(|known| known.id == category))?;
    Some(html! {
        div.sort-area.sort-projection {
            div.sort-board.sort-zoomed data-zoomed { (column_section(view, column, Controls::None)) }
        }
    })
}

fn column_section(view: &View<'_>, column: &Column<'_>, controls: Controls) -> Markup {
    let lang = view.lang;
    let category_value = column.category.map(|category| category.id.to_string()).unwrap_or_default();
    let n = column.notes.len();
    html! {
        section class=(if column.category.is_none() { "sort-column unsorted" } else { "sort-column" })
            data-sort-column data-category=(category_value) data-count=(n) {
            h3.sort-column-head {
                span.sort-name {
                    @match column.category {
                        Some(category) => (category.name),
                        None => (lang.t("sort-unsorted")),
                    }
                }
                " "
                span.sort-count { (lang.t_args("sort-count", &[("count", n.into())])) }
            }
            ul.sort-notes data-sort-list {
                @for note in &column.notes {
                    (sort_note(view, note, column.category, controls))
                }
            }
            @if column.notes.is_empty() {
                p.muted.sort-empty { (lang.t("sort-column-empty")) }
            }
        }
    }
}

/// One note on the board with its "move to" form. The select is labelled "Move to" and
/// described by the note's text, so a screen reader says which note it moves.
fn sort_note(view: &View<'_>, note: &Contribution, current: Option<&Category>, controls: Controls) -> Markup {
    let lang = view.lang;
    let n_merged = view.workshop.merged_into(note.id).count();
    let text_id = format!("note-text-{}", note.id);
    let select_id = format!("move-{}", note.id);
    let current_id = current.map(|category| category.id);
    let action = match controls {
        Controls::Participant => Some(format!("/w/{}/a/{}/sort", view.workshop.id, view.activity.id)),
        Controls::Facilitator => {
            Some(format!("/facilitator/workshops/{}/contributions/{}/categorize", view.workshop.id, note.id))
        }
        Controls::None => None,
    };
    html! {
        li.note.sort-note id={ "note-" (note.id) } data-sort-note=(note.id) {
            p.note-text id=(text_id) { (note.text) }
            @if n_merged > 0 {
                p.note-author { (lang.t_args("sort-merged-count", &[("count", (n_merged + 1).into())])) }
            }
            p.note-author {
                @match view.author_of(note) {
                    Some(author) => (author),
                    None => (lang.t("sort-anonymous")),
                }
            }
            @if let Some(action) = action {
                form.sort-move method="post" action=(action) data-sort-form {
                    (csrf_field(view.csrf))
                    @if controls == Controls::Participant {
                        input type="hidden" name="contribution_id" value=(note.id);
                    } @else {
                        input type="hidden" name="activity_id" value=(view.activity.id);
                    }
                    label for=(select_id) { (lang.t("sort-move-label")) }
                    select id=(select_id) name="category" aria-describedby=(text_id) {
                        option value="" selected[current_id.is_none()] { (lang.t("sort-unsorted")) }
                        @for category in view.activity.settings.categories() {
                            option value=(category.id) selected[current_id == Some(category.id)] { (category.name) }
                        }
                    }
                    button.secondary type="submit" { (lang.t("sort-move-button")) }
                }
            }
            // The facilitator moderates the notes being sorted here: they are the sources'
            // notes, so hiding one hides it wherever the room sees it.
            @if controls == Controls::Facilitator { (moderation::note_controls(view, note)) }
        }
    }
}
