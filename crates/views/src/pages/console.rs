//! Pieces of the facilitator's console and of an activity's page: the next step, the focus bar,
//! the projection's direction, an activity's head and the buttons that act on it, the form that
//! adds an activity, the joining controls, the screen link's (the projection's address without
//! sign-in) and the controls of each participant. The pages themselves are still put together
//! in `converge-web`'s `pages::console`.

use crate::Lang;
use crate::layout::{PageContext, csrf_field};
use crate::timer::timer;
use converge_core::progress::ProgressKind;
use converge_core::undo::UndoableMove;
use converge_core::{
    Activity, ActivityId, ActivityKind, ActivityStatus, BoardPart, JoinPanel, ParticipantId, Quadrant, Role, Step,
    Workshop, WorkshopId, limits,
};
use converge_i18n::FluentValue;
use maud::{Markup, html};

/// The kinds a facilitator can add to an agenda from the console.
pub const ADDABLE_KINDS: [ActivityKind; 10] = [
    ActivityKind::PhotoLanguage,
    ActivityKind::Swot,
    ActivityKind::Challenges,
    ActivityKind::Reformulate,
    ActivityKind::Categorize,
    ActivityKind::Brainwriting,
    ActivityKind::Assess,
    ActivityKind::Vote,
    ActivityKind::ActionPlan,
    ActivityKind::RiskMap,
];

pub fn activity_path(id: WorkshopId, activity: ActivityId) -> String {
    format!("/facilitator/workshops/{id}/activities/{activity}")
}

pub fn focus_bar(context: &PageContext, workshop: &Workshop) -> Markup {
    let lang = context.lang;
    html! {
        @if let Some(focused) = workshop.focus.and_then(|focus| workshop.activity(focus)) {
            form.notice.focus-bar method="post" action={ "/facilitator/workshops/" (workshop.id) "/focus" } {
                (csrf_field(&context.csrf))
                span { (lang.t_args("console-focus-on", &[("title", focused.title.as_str().into())])) }
                " "
                button.secondary type="submit" { (lang.t("console-focus-release")) }
            }
        }
    }
}

/// How the projection screen is directed beyond the focus: the card in the spotlight (and the
/// way back to the board), the join panel, and the authors' names. `back` is the activity page
/// to come back to, if the controls sit on one.
pub fn projection_controls(context: &PageContext, workshop: &Workshop, back: Option<ActivityId>) -> Markup {
    let lang = context.lang;
    let projection = workshop.projection;
    let path = format!("/facilitator/workshops/{}/projection", workshop.id);
    let back_field = html! {
        @if let Some(activity) = back { input type="hidden" name="back_activity" value=(activity); }
    };
    html! {
        div.projection-controls role="group" aria-labelledby="projection-controls-label" {
            span #projection-controls-label.projection-label { (lang.t("projection-controls-label")) }
            @if let Some(spotlit) = projection.spotlight.and_then(|id| workshop.contribution(id)) {
                form.inline-controls method="post" action={ (path) "/spotlight" } {
                    (csrf_field(&context.csrf))
                    (back_field)
                    span.badge.focus { (lang.t_args("projection-spotlight-on", &[("text", excerpt(&spotlit.text).into())])) }
                    " "
                    button.secondary type="submit" { (lang.t("projection-spotlight-off")) }
                }
            }
            (zoom_control(context, workshop, back, &back_field))
            form.inline-controls method="post" action={ (path) "/join-panel" } {
                (csrf_field(&context.csrf))
                (back_field)
                span.muted { (lang.t("projection-join-panel")) }
                @for panel in JoinPanel::ALL {
                    button.quiet type="submit" name="panel" value=(panel.as_str())
                        aria-pressed=(if projection.join_panel == panel { "true" } else { "false" }) {
                        (lang.t(&format!("projection-join-panel-{}", panel.as_str())))
                    }
                }
            }
            form.inline-controls method="post" action={ (path) "/names" } {
                (csrf_field(&context.csrf))
                (back_field)
                input type="hidden" name="hidden" value=(if projection.names_hidden { "false" } else { "true" });
                button.quiet type="submit" {
                    (lang.t(if projection.names_hidden { "projection-names-show" } else { "projection-names-hide" }))
                }
            }
        }
    }
}

/// The activity the projection shows alone: the focused one, or else the one open activity.
fn projected(workshop: &Workshop) -> Option<&Activity> {
    workshop.focus.and_then(|focus| workshop.activity(focus)).or_else(|| {
        let mut open = workshop.open_activities();
        match (open.next(), open.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    })
}

/// The parts of an activity's board the projection can zoom on.
pub fn board_parts(workshop: &Workshop, activity: &Activity) -> Vec<BoardPart> {
    let mut parts: Vec<BoardPart> = match activity.kind() {
        ActivityKind::Swot => Quadrant::SWOT.into_iter().map(|quadrant| BoardPart::Quadrant { quadrant }).collect(),
        ActivityKind::Assess => Quadrant::MATRIX.into_iter().map(|quadrant| BoardPart::Quadrant { quadrant }).collect(),
        ActivityKind::Categorize => activity
            .settings
            .categories()
            .iter()
            .map(|category| BoardPart::Category { category: category.id })
            .collect(),
        _ => Vec::new(),
    };
    let n_tables =
        activity.brainwriting.as_ref().map_or(workshop.tables.len(), |brainwriting| brainwriting.tables.len());
    parts.extend((0..n_tables).filter_map(|table| u32::try_from(table).ok()).map(|table| BoardPart::Table { table }));
    parts
}

/// A part of a board as a control names it.
pub fn part_label(lang: Lang, activity: &Activity, part: BoardPart) -> String {
    match part {
        BoardPart::Category { category } => activity
            .settings
            .categories()
            .iter()
            .find(|known| known.id == category)
            .map_or_else(|| "?".to_owned(), |category| category.name.clone()),
        BoardPart::Quadrant { quadrant } => lang.t(match quadrant {
            Quadrant::Strength => "board-swot-strengths",
            Quadrant::Weakness => "board-swot-weaknesses",
            Quadrant::Opportunity => "board-swot-opportunities",
            Quadrant::Threat => "board-swot-threats",
            Quadrant::QuickWin => "assess-quadrant-quick_win",
            Quadrant::BigBet => "assess-quadrant-big_bet",
            Quadrant::FillIn => "assess-quadrant-fill_in",
            Quadrant::MoneyPit => "assess-quadrant-money_pit",
        }),
        BoardPart::Table { table } => lang.t_args("bw-table", &[("table", (u64::from(table) + 1).into())]),
    }
}

/// Zooms the projection on one part of the projected board, or gives the whole board back. On
/// an activity's page, only when that activity is the one projected.
fn zoom_control(context: &PageContext, workshop: &Workshop, back: Option<ActivityId>, back_field: &Markup) -> Markup {
    let lang = context.lang;
    let Some(activity) = projected(workshop)
        .filter(|activity| activity.status != ActivityStatus::Draft && back.is_none_or(|page| page == activity.id))
    else {
        return html! {};
    };
    let parts = board_parts(workshop, activity);
    let current = workshop.projection.zoom.filter(|zoom| zoom.activity_id == activity.id).map(|zoom| zoom.part);
    html! {
        @if !parts.is_empty() {
            form.inline-controls #projection-zoom method="post"
                action={ "/facilitator/workshops/" (workshop.id) "/projection/zoom" } {
                (csrf_field(&context.csrf))
                (back_field)
                input type="hidden" name="activity_id" value=(activity.id);
                label for="zoom-part" { (lang.t("projection-zoom-label")) }
                select #zoom-part name="part" {
                    option value="" selected[current.is_none()] { (lang.t("projection-zoom-whole")) }
                    @for part in parts {
                        option value=(part.to_value()) selected[current == Some(part)] { (part_label(lang, activity, part)) }
                    }
                }
                button.quiet type="submit" { (lang.t("projection-zoom-button")) }
            }
        }
    }
}

/// The first words of a text, for a control that names it.
pub fn excerpt(text: &str) -> String {
    const WORDS: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= WORDS { words.join(" ") } else { format!("{} …", words[..WORDS].join(" ")) }
}

pub fn activity_head(context: &PageContext, workshop: &Workshop, activity: &Activity) -> Markup {
    let lang = context.lang;
    let n_contributions = workshop.contributions_in(activity.id).count();
    html! {
        div.activity-head {
            a href=(activity_path(workshop.id, activity.id)) { strong { (activity.title) } }
            span.badge { (lang.t(&format!("activity-kind-{}", activity.kind().as_str()))) }
            @if let Some(minutes) = activity.settings.minutes {
                span.muted { (lang.t_args("console-minutes", &[("minutes", FluentValue::from(minutes))])) }
            }
            @if activity.kind().accepts_contributions() {
                span.muted { (lang.t_args("console-contributions-count", &[("count", FluentValue::from(n_contributions))])) }
            }
            @if workshop.focus == Some(activity.id) {
                span.badge.focus { (lang.t("console-focused")) }
            }
            (activity_status(lang, workshop, activity))
            @if activity.status != ActivityStatus::Draft {
                (export_links(lang, workshop, activity))
            }
            (super::selection::summary(lang, workshop, activity))
        }
    }
}

/// The board as a picture for slides: the SVG from the server, and a PNG the browser draws from
/// it (app.js shows that button; without a script there is the SVG).
fn export_links(lang: Lang, workshop: &Workshop, activity: &Activity) -> Markup {
    let svg = format!("{}/board.svg", activity_path(workshop.id, activity.id));
    html! {
        span.board-export {
            a.button.secondary.quiet href=(svg) download=(crate::activities::file_name(workshop, activity, "svg")) data-board-svg {
                (lang.t("board-export-svg"))
            }
            " "
            button.secondary.quiet type="button" hidden data-board-png=(svg)
                data-board-png-name=(crate::activities::file_name(workshop, activity, "png")) {
                (lang.t("board-export-png"))
            }
        }
    }
}

/// The buttons that act on an activity. `back` says where each comes back to.
pub fn activity_controls(
    context: &PageContext,
    workshop: &Workshop,
    activity: &Activity,
    position: usize,
    now: converge_core::Timestamp,
    back: &str,
) -> Markup {
    let lang = context.lang;
    let id = workshop.id;
    let action = |name: &str| format!("/facilitator/workshops/{id}/activities/{}/{name}", activity.id);
    let button = |name: &str, label: String, class: &str| {
        html! {
            form.inline method="post" action=(action(name)) {
                (csrf_field(&context.csrf))
                input type="hidden" name="back" value=(back);
                button type="submit" class=(class) { (label) }
            }
        }
    };
    let (transition, transition_label, transition_class) = match activity.status {
        ActivityStatus::Open => ("close", lang.t("console-close-button"), "danger"),
        ActivityStatus::Closed => ("open", lang.t("console-reopen-button"), ""),
        ActivityStatus::Draft => ("open", lang.t("console-open-button"), ""),
    };
    // A timer that ran out shows "start" again, to start it afresh.
    let running =
        matches!(activity.timer, Some(timer @ converge_core::Timer::Running { .. }) if timer.remaining_ms(now) > 0);
    // A closed workshop's record is sealed: nothing here would be accepted any more.
    if workshop.closed_at.is_some() {
        return html! {};
    }
    let closed = activity.status == ActivityStatus::Closed;
    html! {
        (timer(lang, activity, now))
        div.controls {
            (button(transition, transition_label, transition_class))
            @if workshop.focus != Some(activity.id) {
                form.inline method="post" action={ "/facilitator/workshops/" (id) "/focus" } {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="activity_id" value=(activity.id);
                    input type="hidden" name="back" value=(back);
                    button.secondary type="submit" { (lang.t("console-focus-button")) }
                }
            }
            // A closed activity's time is over: no timer until it is reopened.
            @if running {
                (button("timer-pause", lang.t("console-timer-pause"), "secondary"))
            } @else if !closed {
                (timer_start_form(context, workshop, activity, back))
            }
            @if !closed && activity.timer.is_some() {
                (button("timer-shorten", lang.t("console-timer-shorten"), "secondary"))
            }
            @if !closed { (button("timer-extend", lang.t("console-timer-extend"), "secondary")) }
            @if activity.settings.lock_at_zero && !closed {
                span.badge.lock { (lang.t("console-lock-at-zero-badge")) }
            }
            @if back == "console" {
                @if position > 0 { (button("move-up", lang.t("console-move-up"), "secondary quiet")) }
                @if position + 1 < workshop.activities.len() {
                    (button("move-down", lang.t("console-move-down"), "secondary quiet"))
                }
                @if !workshop.has_room_input(activity) {
                    (button("remove", lang.t("console-remove"), "danger quiet"))
                }
            }
        }
    }
}

/// Starts the timer for the minutes in the field beside the button: the activity's planned
/// minutes to begin with; empty for a paused timer, which then resumes where it stopped.
fn timer_start_form(context: &PageContext, workshop: &Workshop, activity: &Activity, back: &str) -> Markup {
    let lang = context.lang;
    let paused = matches!(activity.timer, Some(converge_core::Timer::Paused { remaining_ms }) if remaining_ms > 0);
    let planned = activity.settings.minutes.unwrap_or(5);
    let field = format!("timer-minutes-{}", activity.id);
    let offers_lock = back != "console" || workshop.current_activity().is_some_and(|current| current.id == activity.id);
    html! {
        form.inline.timer-start method="post"
            action={ "/facilitator/workshops/" (workshop.id) "/activities/" (activity.id) "/timer-start" } {
            (csrf_field(&context.csrf))
            input type="hidden" name="back" value=(back);
            label.visually-hidden for=(field) { (lang.t("console-timer-minutes-label")) }
            @if paused {
                input id=(field) type="number" name="minutes" min="1" max=(converge_core::config_limits::MINUTES_MAX)
                    inputmode="numeric" placeholder=(planned);
            } @else {
                input id=(field) type="number" name="minutes" min="1" max=(converge_core::config_limits::MINUTES_MAX)
                    inputmode="numeric" value=(planned);
            }
            span.unit aria-hidden="true" { "min" }
            // The lock of posting at zero, chosen as the timer starts (the marker says the form
            // asked, so an unticked box lifts the lock): where the room is, and on the
            // activity's own page; the agenda's other rows stay short.
            @if offers_lock {
                input type="hidden" name="lock_choice" value="1";
                label.lock-choice {
                    input type="checkbox" name="lock_at_zero" value="on" checked[activity.settings.lock_at_zero];
                    " " (lang.t("console-timer-lock-label"))
                }
            }
            button.secondary type="submit" {
                (lang.t(if paused { "console-timer-resume" } else { "console-timer-start" }))
            }
        }
    }
}

/// How far the room is in the activity: "14 sur 20 ont voté". Counts only, never who.
pub fn progress_line(lang: Lang, workshop: &Workshop, activity: &Activity) -> Markup {
    let Some(progress) = workshop.progress(activity) else { return html! {} };
    // A round is only "this round" while the activity runs.
    if activity.status == ActivityStatus::Draft
        || (activity.status == ActivityStatus::Closed && progress.kind == ProgressKind::FinishedRound)
    {
        return html! {};
    }
    html! {
        p.progress data-progress=(progress.kind.as_str()) {
            (lang.t_args(&format!("console-progress-{}", progress.kind.as_str()), &[
                ("done", FluentValue::from(progress.done)),
                ("present", FluentValue::from(progress.present)),
            ]))
            " "
            meter min="0" max=(progress.present.max(1)) value=(progress.done) aria-hidden="true" {}
        }
    }
}

/// "Annuler" for the last structural moves, most recent first, each naming what it puts back:
/// on the console (`on` is `None`) the agenda's; on an activity's page, those of its notes
/// (a note moved to another quadrant, sorted into another category).
pub fn undo_controls(context: &PageContext, workshop: &Workshop, on: Option<ActivityId>) -> Markup {
    const SHOWN: usize = 3;
    let lang = context.lang;
    let concerns = |undo: &UndoableMove| match (undo, on) {
        (UndoableMove::ActivityRemoved { .. } | UndoableMove::ActivityMoved { .. }, None) => true,
        (UndoableMove::ContributionCategorized { activity_id, .. }, Some(on)) => *activity_id == on,
        (
            UndoableMove::ContributionMoved { contribution_id, .. }
            | UndoableMove::ContributionsMerged { into: contribution_id, .. },
            Some(on),
        ) => workshop.contribution(*contribution_id).is_some_and(|note| note.activity_id == on),
        _ => false,
    };
    let shown: Vec<_> =
        workshop.recent_moves.iter().rev().filter(|recent| concerns(&recent.undo)).take(SHOWN).collect();
    if workshop.closed_at.is_some() || shown.is_empty() {
        return html! {};
    }
    let back = if on.is_some() { "activity" } else { "console" };
    let title_of = |id: ActivityId| workshop.activity(id).map(|activity| activity.title.clone()).unwrap_or_default();
    html! {
        div.undo-moves role="group" aria-labelledby="undo-moves-label" {
            span #undo-moves-label.projection-label { (lang.t("console-undo-label")) }
            @for recent in shown {
                @let what = match &recent.undo {
                    UndoableMove::ActivityRemoved { activity, .. } => activity.title.clone(),
                    UndoableMove::ActivityMoved { activity_id, .. } => title_of(*activity_id),
                    UndoableMove::ContributionMoved { contribution_id, .. }
                    | UndoableMove::ContributionCategorized { contribution_id, .. }
                    | UndoableMove::ContributionsMerged { into: contribution_id, .. } => {
                        workshop.contribution(*contribution_id).map(|note| excerpt(&note.text)).unwrap_or_default()
                    }
                };
                form.inline method="post" action={ "/facilitator/workshops/" (workshop.id) "/undo" } data-undo=(recent.undo.as_str()) {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="seq" value=(recent.seq);
                    input type="hidden" name="back" value=(back);
                    button.quiet type="submit" {
                        (lang.t_args(&format!("console-undo-{}", recent.undo.as_str()), &[("what", what.into())]))
                    }
                }
            }
        }
    }
}

pub fn add_activity_form(context: &PageContext, id: WorkshopId) -> Markup {
    let lang = context.lang;
    html! {
        form #add-activity.stack method="post" action={ "/facilitator/workshops/" (id) "/activities" } {
            (csrf_field(&context.csrf))
            label for="new-kind" { (lang.t("console-activity-kind-label")) }
            select #new-kind name="kind" {
                @for kind in ADDABLE_KINDS {
                    option value=(kind.as_str()) { (lang.t(&format!("activity-kind-{}", kind.as_str()))) }
                }
            }
            label for="new-title" { (lang.t("console-activity-title-label")) }
            input #new-title name="title" required maxlength=(limits::TITLE_MAX);
            label for="new-prompt" { (lang.t("console-activity-prompt-label")) }
            textarea #new-prompt name="prompt" rows="2" maxlength=(limits::PROMPT_MAX) {}
            button type="submit" { (lang.t("console-add-activity-button")) }
        }
    }
}

/// Lock or reopen joining, and renew the join code.
pub fn joining_controls(context: &PageContext, workshop: &Workshop) -> Markup {
    let lang = context.lang;
    let action = format!("/facilitator/workshops/{}/joining", workshop.id);
    let locked = workshop.joining_locked;
    html! {
        @if locked {
            p.notice.joining-locked { (lang.t("console-joining-locked")) }
        }
        form.inline method="post" action=(action) {
            (csrf_field(&context.csrf))
            input type="hidden" name="action" value=(if locked { "unlock" } else { "lock" });
            button.secondary type="submit" {
                (lang.t(if locked { "console-joining-unlock" } else { "console-joining-lock" }))
            }
        }
        details.new-join-code {
            summary { (lang.t("console-new-code")) }
            form.inline method="post" action=(action) {
                (csrf_field(&context.csrf))
                input type="hidden" name="action" value="new-code";
                p.hint { (lang.t("console-new-code-hint")) }
                button.danger type="submit" { (lang.t("console-new-code-button")) }
            }
        }
    }
}

pub fn participant_controls(
    context: &PageContext,
    workshop: &Workshop,
    participant: ParticipantId,
    current: Role,
    present: bool,
    people: &[(ParticipantId, &str)],
    keyring: &converge_core::Keyring,
) -> Markup {
    let lang = context.lang;
    let base = format!("/facilitator/workshops/{}/participants/{participant}", workshop.id);
    let n_tables = workshop.tables.len() as u32;
    let current_table = workshop.table_of(participant);
    html! {
        form.inline.role-form method="post" action={ (base) "/role" } {
            (csrf_field(&context.csrf))
            label.visually-hidden for={ "role-" (participant) } { (lang.t("console-role-label")) }
            select id={ "role-" (participant) } name="role" {
                @for role in [Role::Participant, Role::Expert, Role::Observer] {
                    option value=(role.as_str()) selected[role == current] { (lang.t(&format!("role-{}", role.as_str()))) }
                }
            }
            button.secondary type="submit" { (lang.t("console-role-button")) }
        }
        form.inline.role-form method="post" action={ (base) "/seat" } {
            (csrf_field(&context.csrf))
            label.visually-hidden for={ "table-" (participant) } { (lang.t("console-table-label")) }
            select id={ "table-" (participant) } name="table" {
                option value="" selected[current_table.is_none()] { (lang.t("console-no-table")) }
                // One more than there are, to open a new table.
                @for table in 0..=n_tables {
                    option value=(table) selected[current_table == Some(table)] {
                        (lang.t_args("console-table", &[("table", FluentValue::from(table + 1))]))
                    }
                }
            }
            button.secondary type="submit" { (lang.t("console-seat-button")) }
        }
        form.inline method="post" action={ (base) (if present { "/leave" } else { "/return" }) } {
            (csrf_field(&context.csrf))
            button.secondary type="submit" {
                (lang.t(if present { "console-mark-absent" } else { "console-mark-present" }))
            }
        }
        details.remove-participant {
            summary { (lang.t("console-remove-participant")) }
            form.inline method="post" action={ (base) "/remove" } {
                (csrf_field(&context.csrf))
                p.hint { (lang.t("console-remove-participant-hint")) }
                button.danger type="submit" { (lang.t("console-remove-participant-button")) }
            }
            @let others: Vec<&(ParticipantId, &str)> = people.iter().filter(|(id, _)| *id != participant).collect();
            // Only a duplicate who never acted in confidence can be merged without telling how.
            @if !others.is_empty() && !workshop.acted_in_confidence(keyring, participant) {
                form.inline.merge-participant method="post" action={ (base) "/merge" } {
                    (csrf_field(&context.csrf))
                    p.hint { (lang.t("console-merge-participant-hint")) }
                    label for={ "merge-" (participant) } { (lang.t("console-merge-participant-label")) }
                    select id={ "merge-" (participant) } name="into" {
                        @for (id, name) in others { option value=(id) { (name) } }
                    }
                    button.secondary type="submit" { (lang.t("console-merge-participant-button")) }
                }
            }
        }
    }
}

/// A threshold in tenths as the settings form shows it, e.g. `3.5`; empty when unset.
pub fn tenths_text(tenths: Option<u32>) -> String {
    tenths.map(|tenths| format!("{}.{}", tenths / 10, tenths % 10)).unwrap_or_default()
}

/// The activity's status as a badge.
pub fn activity_status(lang: Lang, workshop: &converge_core::Workshop, activity: &Activity) -> Markup {
    let key = match activity.status {
        ActivityStatus::Open if activity.times_opened > 1 => "status-reopened",
        ActivityStatus::Open => "status-open",
        ActivityStatus::Closed => "status-closed",
        // Once the workshop is closed, an activity never opened will not come any more.
        ActivityStatus::Draft if workshop.closed_at.is_some() => "status-not-held",
        ActivityStatus::Draft => "status-draft",
    };
    html! { span class={ "badge status-" (activity.status.as_str()) } { (lang.t(key)) } }
}

/// The cockpit, the console's first block: what the room needs to join and the screen to
/// project, the next step, the activity the room is on with its controls, how the screens are
/// directed and what can be undone; beside it, the agenda. The room's setup, the reports and the
/// closing come below it on the page.
pub fn cockpit(context: &PageContext, workshop: &Workshop, join_code: &str, now: converge_core::Timestamp) -> Markup {
    let lang = context.lang;
    let closed = workshop.closed_at.is_some();
    // The activity the room is on, with its place on the agenda; its controls lead the page.
    let current = workshop
        .current_activity()
        .filter(|_| !closed)
        .and_then(|current| workshop.activities.iter().enumerate().find(|(_, activity)| activity.id == current.id));
    html! {
    // The cockpit: what runs now and the next move, beside the agenda, in the first screen
    // of a laptop. The room's setup, the reports and the closing come below.
    div.cockpit {
        div #next-step-live.now data-live {
            // What the room needs to join and the screen to project, always at hand.
            @if !closed {
                p.room-line {
                    span.muted { (lang.t("console-join-code")) } " "
                    strong.code { (join_code) } " "
                    a.button.secondary.quiet href={ "/facilitator/workshops/" (workshop.id) "/screen" } target="_blank" {
                        (lang.t("console-open-screen"))
                    }
                }
            }
            (next_step_control(context, workshop, "console"))
            @if let Some((position, current)) = current {
                section.current-activity aria-labelledby="current-activity-label" {
                    h2 #current-activity-label.eyebrow { (lang.t("console-current-heading")) }
                    ol.agenda {
                        li.card.current data-activity=(current.id) {
                            (activity_head(context, workshop, current))
                            (progress_line(lang, workshop, current))
                            (activity_controls(context, workshop, current, position, now, "console"))
                        }
                    }
                }
            }
            // How the screens are directed, and what can be undone: beside the agenda.
            div.direction {
                (focus_bar(context, workshop))
                @if !closed { (projection_controls(context, workshop, None)) }
                (undo_controls(context, workshop, None))
            }
        }
        div #agenda-live data-live {
            section.agenda-panel {
                h2 { (lang.t("console-agenda-heading")) }
                ol.agenda {
                    @for (position, activity) in workshop.activities.iter().enumerate() {
                        @let day_changes = position == 0
                            || workshop.activities[position - 1].settings.day != activity.settings.day;
                        @if day_changes && let Some(day) = activity.settings.day {
                            li.day-heading { h3 { (lang.t_args("console-day", &[("day", FluentValue::from(day))])) } }
                        }
                        @if current.is_some_and(|(_, current)| current.id == activity.id) {
                            // Its controls are in the panel above (or first on a phone).
                            li.card.current-mark {
                                (activity_head(context, workshop, activity))
                            }
                        } @else {
                            li.card data-activity=(activity.id) {
                                (activity_head(context, workshop, activity))
                                (progress_line(lang, workshop, activity))
                                (activity_controls(context, workshop, activity, position, now, "console"))
                            }
                        }
                    }
                }
            }
        }
    }
    }
}

/// The next step, the console's first control, worded from `Workshop::next_step`: on the
/// brainwriting the room is on, handing out the sheets, then passing them on (one click a round)
/// until the last round; elsewhere, one click closes what runs before the next activity on the
/// agenda, opens it, sends every screen there and starts its timer, as `Command::NextStep`
/// decides. The form names the activity (and the round) its button shows, so a second click
/// records nothing. `back` is `console` or `activity` (the page of the activity the room moves
/// to). Nothing once the agenda is done or the workshop closed.
pub fn next_step_control(context: &PageContext, workshop: &Workshop, back: &str) -> Markup {
    let lang = context.lang;
    let step = workshop.next_step().filter(|_| workshop.closed_at.is_none());
    let Some(step) = step else { return html! {} };
    if let Step::MoveOn(next) = step
        && workshop.awaits_shortlist(next)
    {
        return shortlist_first(lang, workshop, next);
    }
    let (label, effects, back) = match step {
        Step::StartSheets(activity) | Step::PassSheets { activity, .. } => {
            let (label, effects) = sheets_step(lang, activity, step.round().unwrap_or_default());
            (label, effects, back)
        }
        Step::MoveOn(next) => {
            let (label, effects) = move_on_step(lang, workshop, next);
            // A brainwriting's sheets are handed out from its own page too, beside its tables:
            // the step lands there.
            let back = if next.kind() == ActivityKind::Brainwriting && next.brainwriting.is_none() {
                "activity"
            } else {
                back
            };
            (label, effects, back)
        }
    };
    html! {
        form.next-step method="post" action={ "/facilitator/workshops/" (workshop.id) "/next-step" } data-next-step {
            (csrf_field(&context.csrf))
            input type="hidden" name="to" value=(step.activity().id);
            @if let Some(round) = step.round() {
                input type="hidden" name="round" value=(round);
            }
            input type="hidden" name="back" value=(back);
            button type="submit" { (label) }
            p.hint { (lang.t("console-next-step-intro")) " " (effects.join(", ")) }
            @if step.round().is_some() && let Some(after) = after_the_sheets(lang, workshop, step.activity()) {
                p.hint { (after) }
            }
        }
    }
}

/// The next step when the next activity works on a hand shortlist still empty: opened now, it
/// would have nothing to work on (the domain refuses it), so the step leads to the shortlist.
fn shortlist_first(lang: Lang, workshop: &Workshop, next: &Activity) -> Markup {
    let title = [("title", FluentValue::from(next.title.as_str()))];
    html! {
        div.next-step data-next-step-shortlist {
            a.button href={ "/facilitator/workshops/" (workshop.id) "/activities/" (next.id) "#shortlist" } {
                (lang.t_args("console-next-step-shortlist", &title))
            }
            p.hint { (lang.t_args("console-next-step-shortlist-hint", &title)) }
        }
    }
}

/// The button's words and what one click does, for a step on a brainwriting's sheets: `round`
/// begins (0 when they are handed out).
fn sheets_step(lang: Lang, activity: &Activity, round: u32) -> (String, Vec<String>) {
    let rules = activity.settings.brainwriting_rules();
    let rounds = activity.brainwriting.as_ref().map(|sheets| sheets.rounds_per_cycle() as u32);
    let label = match rounds {
        Some(rounds) => lang.t_args(
            "console-next-step-pass-sheets",
            &[("round", FluentValue::from(round + 1)), ("rounds", FluentValue::from(rounds))],
        ),
        None => lang.t("console-next-step-start-sheets"),
    };
    let effects = vec![
        if rounds.is_some() {
            lang.t("console-next-step-sheets-passed")
        } else {
            lang.t("console-next-step-sheets-handed")
        },
        lang.t_args("console-next-step-timer", &[("minutes", FluentValue::from(rules.round_minutes))]),
    ];
    (label, effects)
}

/// After a brainwriting's last round, where the next step leads: said beside the sheets' step.
fn after_the_sheets(lang: Lang, workshop: &Workshop, activity: &Activity) -> Option<String> {
    let position = workshop.activities.iter().position(|each| each.id == activity.id)?;
    let after = workshop.activities.get(position + 1)?;
    Some(lang.t_args("console-next-step-after-sheets", &[("title", after.title.as_str().into())]))
}

/// The button's words and what one click does, for a move on to `next`.
fn move_on_step(lang: Lang, workshop: &Workshop, next: &Activity) -> (String, Vec<String>) {
    let position = workshop.activities.iter().position(|activity| activity.id == next.id).unwrap_or_default();
    let mut effects: Vec<String> = workshop.activities[..position]
        .iter()
        .filter(|earlier| earlier.status == ActivityStatus::Open)
        .map(|earlier| lang.t_args("console-next-step-closes", &[("title", earlier.title.as_str().into())]))
        .collect();
    if next.status != ActivityStatus::Open {
        effects.push(lang.t_args("console-next-step-opens", &[("title", next.title.as_str().into())]));
    }
    effects.push(lang.t("console-next-step-screens"));
    if let Some(minutes) = next.timer_on_arrival() {
        effects.push(lang.t_args("console-next-step-timer", &[("minutes", FluentValue::from(minutes))]));
    }
    (lang.t_args("console-next-step", &[("title", next.title.as_str().into())]), effects)
}

/// The projection screen's address that needs no sign-in (`screen_url`, when it has one):
/// shown whole to copy, with renewing and revoking; or the button that creates it. A live region,
/// so a link made or taken back elsewhere (another tab, the API) shows at once.
pub fn screen_link_controls(context: &PageContext, id: WorkshopId, screen_url: Option<&str>) -> Markup {
    let lang = context.lang;
    let action = |control: &str| format!("/facilitator/workshops/{id}/screen-link/{control}");
    html! {
        div #screen-link-live.screen-link data-live {
            section #screen-link {
                h2 { (lang.t("console-screen-link-heading")) }
                p.hint { (lang.t("console-screen-link-hint")) }
                @if let Some(url) = screen_url {
                    label for="screen-url" { (lang.t("console-screen-link-label")) }
                    // Read-only text, so the whole address is selected and copied at once.
                    input #screen-url.screen-url type="text" readonly value=(url) data-screen-url=(url);
                    p {
                        a href=(url) target="_blank" rel="noopener" { (lang.t("console-screen-link-open")) }
                    }
                    details.renew-screen-link {
                        summary { (lang.t("console-screen-link-renew")) }
                        form.inline method="post" action=(action("renew")) {
                            (csrf_field(&context.csrf))
                            p.hint { (lang.t("console-screen-link-renew-hint")) }
                            button.danger type="submit" { (lang.t("console-screen-link-renew-button")) }
                        }
                    }
                    form.inline method="post" action=(action("revoke")) {
                        (csrf_field(&context.csrf))
                        button.secondary type="submit" { (lang.t("console-screen-link-revoke")) }
                    }
                } @else {
                    p.muted { (lang.t("console-screen-link-none")) }
                    form.inline method="post" action=(action("create")) {
                        (csrf_field(&context.csrf))
                        button.secondary type="submit" { (lang.t("console-screen-link-create")) }
                    }
                }
            }
        }
    }
}
