//! The follow-up page for the commissioner: every action of the plan with its status, its
//! history and its public commitment, a form per action to post an update and set the
//! commitment, the public page published or withdrawn, and the dry run of a CSV import. The
//! pieces the public page shares (`commitment_line`, `history`, `by_jurisdiction`) live here.

use crate::Lang;
use crate::activities::action_plan::jurisdiction_name;
use crate::follow_up_badges::{overdue_flag, status_badge, status_label};
use crate::layout::{Frame, PageContext, csrf_field, form_error, page};
use converge_core::followup_import::{self, DryRun};
use converge_core::outcomes::outcome_limits::{NOTE_MAX, OWNER_MAX};
use converge_core::{Action, ActionId, ActionStatus, CalendarDate, Timestamp, Workshop, WorkshopId};
use converge_i18n::FluentValue;
use maud::{Markup, html};

pub fn follow_up_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}/follow-up")
}

// --- Pieces shared with the public page -----------------------------------------------------

/// Who answers for an action and when its next update is due.
pub fn commitment_line(lang: Lang, action: &Action) -> Markup {
    let follow_up = &action.follow_up;
    html! {
        p.commitment {
            @if follow_up.answerable.is_empty() {
                span.muted { (lang.t("followup-no-answerable")) }
            } @else {
                (lang.t_args("followup-answerable-is", &[("name", follow_up.answerable.as_str().into())]))
            }
            " · "
            @match (follow_up.next_update_due, follow_up.status.is_final()) {
                (_, true) => span.muted { (lang.t("followup-no-update-expected")) },
                (Some(due), false) => span { (lang.t_args("followup-next-update-due", &[("date", lang.date(due).into())])) },
                (None, false) => span.muted { (lang.t("followup-no-due-date")) },
            }
        }
    }
}

/// Every status update of an action, newest first: the day the progress happened, and the day
/// it was recorded when that was later.
pub fn history(lang: Lang, action: &Action) -> Markup {
    html! {
        @if action.follow_up.history.is_empty() {
            p.muted { (lang.t("followup-history-empty")) }
        } @else {
            ol.history reversed {
                @for entry in action.follow_up.history.iter().rev() {
                    li {
                        time datetime=(entry.effective_on) { (lang.date(entry.effective_on)) }
                        @if entry.recorded_on() != entry.effective_on {
                            " " span.muted.recorded-on {
                                (lang.t_args("followup-recorded-on", &[("date", lang.date(entry.recorded_on()).into())]))
                            }
                        }
                        " " (status_badge(lang, entry.status))
                        @if !entry.note.is_empty() { p.note-text { (entry.note) } }
                    }
                }
            }
        }
    }
}

/// The plan's actions grouped by jurisdiction, in the order the action plans name them.
pub fn by_jurisdiction(lang: Lang, workshop: &Workshop) -> Vec<(String, Vec<&Action>)> {
    let mut ranked: Vec<(usize, usize, String, &Action)> = workshop
        .plan()
        .map(|action| {
            let position = workshop.activities.iter().position(|activity| activity.id == action.activity_id);
            let activity = position.map(|position| &workshop.activities[position]);
            let keys = activity.map(|activity| activity.settings.jurisdiction_keys()).unwrap_or_default();
            let rank = keys.iter().position(|key| *key == action.card.jurisdiction).unwrap_or(keys.len());
            let name = activity.map_or_else(
                || action.card.jurisdiction.clone(),
                |activity| jurisdiction_name(lang, &activity.settings, &action.card.jurisdiction),
            );
            (position.unwrap_or(usize::MAX), rank, name, action)
        })
        .collect();
    ranked.sort_by_key(|(position, rank, _, _)| (*position, *rank));
    let mut groups: Vec<(String, Vec<&Action>)> = Vec::new();
    for (_, _, name, action) in ranked {
        match groups.iter_mut().find(|(known, _)| *known == name) {
            Some((_, actions)) => actions.push(action),
            None => groups.push((name, vec![action])),
        }
    }
    groups
}

/// A form of the page that was refused, shown again with what was typed.
#[derive(Debug, Default)]
pub struct Refused {
    pub action: Option<ActionId>,
    pub message: String,
    pub status: String,
    pub note: String,
    pub due: String,
    /// The date of the progress, as typed.
    pub effective: String,
    pub answerable: String,
}

/// The follow-up page; `base` is the public address of this server (for the public page's
/// link), `imported` how many rows the last import applied.
pub fn render(
    context: &PageContext,
    workshop: &Workshop,
    base: &str,
    now: Timestamp,
    imported: Option<usize>,
    refused: Option<&Refused>,
) -> Markup {
    let lang = context.lang;
    let title = lang.t("followup-title");
    let id = workshop.id;
    let path = follow_up_path(id);
    let n_overdue = workshop.plan().filter(|action| action.follow_up.is_overdue(CalendarDate::of(now))).count();
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href={ "/facilitator/workshops/" (id) } { "← " (workshop.title) } }
            h1 { (title) }
            @if workshop.closed_at.is_none() {
                p.notice { (lang.t("followup-not-closed")) " " a href={ "/facilitator/workshops/" (id) "/close" } { (lang.t("close-link")) } }
            }
            @if let Some(imported) = imported {
                p.notice role="status" { (lang.t_args("followup-imported", &[("count", FluentValue::from(imported))])) }
            }
            @if let Some(refused) = refused.filter(|refused| refused.action.is_none()) {
                (form_error(Some(&refused.message)))
            }
            section.card #public-page {
                h2 { (lang.t("followup-public-heading")) }
                @if let Some(token) = &workshop.follow_up_token {
                    @let url = format!("{base}/follow/{token}");
                    p { (lang.t("followup-published-at")) " " a.join-url data-public-follow-up href=(url) { (url) } }
                    p.hint { (lang.t("followup-published-hint")) }
                    form.inline method="post" action={ (path) "/publish" } {
                        (csrf_field(&context.csrf))
                        input type="hidden" name="publish" value="false";
                        button.danger type="submit" { (lang.t("followup-unpublish-button")) }
                    }
                } @else {
                    p { (lang.t("followup-not-published")) }
                    p.hint { (lang.t("followup-publish-hint")) }
                    form.inline method="post" action={ (path) "/publish" } {
                        (csrf_field(&context.csrf))
                        input type="hidden" name="publish" value="true";
                        button type="submit" { (lang.t("followup-publish-button")) }
                    }
                }
            }
            h2 { (lang.t_args("followup-plan-heading", &[("count", FluentValue::from(workshop.plan().count()))])) }
            @if n_overdue > 0 {
                p.error { (lang.t_args("followup-overdue-count", &[("count", FluentValue::from(n_overdue))])) }
            }
            @if workshop.plan().next().is_none() {
                p.muted { (lang.t("followup-no-actions")) }
            }
            @for (jurisdiction, actions) in by_jurisdiction(lang, workshop) {
                section.jurisdiction {
                    h3 { (jurisdiction) }
                    @for action in actions {
                        (action_card(context, workshop, action, now, refused.filter(|refused| refused.action == Some(action.id))))
                    }
                }
            }
            section.card #import {
                h2 { (lang.t("followup-import-heading")) }
                p.hint { (lang.t("followup-import-hint")) }
                // The header line as the file has it, breakable after each comma on a phone.
                p.hint {
                    code {
                        @for (index, column) in followup_import::COLUMNS.iter().enumerate() {
                            @if index > 0 { "," wbr; }
                            (column)
                        }
                    }
                }
                p.hint { (lang.t("followup-import-statuses")) " " code { (ActionStatus::ALL.map(ActionStatus::as_str).join(", ")) } }
                p { a href={ (path) "/actions.csv" } download { (lang.t("followup-import-template")) } }
                (import_form(context, id, ""))
            }
        },
    )
}

pub fn import_form(context: &PageContext, id: WorkshopId, text: &str) -> Markup {
    let lang = context.lang;
    html! {
        // Multipart, so a file arrives as its bytes and its encoding can be checked; the form
        // token is its first field (`security::csrf`).
        form #import-form.stack method="post" enctype="multipart/form-data"
            action={ (follow_up_path(id)) "/import" } {
            // The form token first: the check reads it from the start of the upload.
            (csrf_field(&context.csrf))
            label for="import-file" { (lang.t("followup-import-file-label")) }
            input #import-file type="file" name="file" accept=".csv,text/csv";
            label for="import-text" { (lang.t("followup-import-text-label")) }
            textarea #import-text name="text" rows="6" { (text) }
            button type="submit" { (lang.t("followup-import-check-button")) }
        }
    }
}

fn action_card(
    context: &PageContext,
    workshop: &Workshop,
    action: &Action,
    now: Timestamp,
    refused: Option<&Refused>,
) -> Markup {
    let lang = context.lang;
    let path = follow_up_path(workshop.id);
    let follow_up = &action.follow_up;
    let chosen = refused.and_then(|refused| ActionStatus::parse(&refused.status)).unwrap_or(follow_up.status);
    let due_value = follow_up.next_update_due.map(|due| due.to_string()).unwrap_or_default();
    let today = CalendarDate::of(now);
    // An update sets the next date: proposed ahead of today, never the one that has passed.
    let proposed_due = follow_up.proposed_next_update(today).to_string();
    html! {
        article.card.followup-action #{ "action-" (action.id) } data-action=(action.id) {
            div.activity-head {
                strong { (action.card.title) }
                span { (status_badge(lang, follow_up.status)) " " (overdue_flag(lang, action, now)) }
            }
            p.muted.action-id { (lang.t("followup-action-id")) " " code { (action.id) } }
            (commitment_line(lang, action))
            (history(lang, action))
            @if let Some(refused) = refused {
                (form_error(Some(&refused.message)))
            }
            details.followup-forms open[refused.is_some()] {
                summary { (lang.t("followup-update-summary")) }
                form.stack method="post" action={ (path) "/status" } {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="action_id" value=(action.id);
                    label for={ "status-" (action.id) } { (lang.t("followup-status-label")) }
                    select id={ "status-" (action.id) } name="status" {
                        @for status in ActionStatus::ALL {
                            option value=(status.as_str()) selected[status == chosen] { (status_label(lang, status)) }
                        }
                    }
                    label for={ "note-" (action.id) } { (lang.t("followup-note-label")) }
                    textarea id={ "note-" (action.id) } name="note" rows="3" maxlength=(NOTE_MAX) {
                        (refused.map(|refused| refused.note.as_str()).unwrap_or_default())
                    }
                    p.hint { (lang.t("followup-note-hint")) }
                    label for={ "effective-" (action.id) } { (lang.t("followup-effective-label")) }
                    input id={ "effective-" (action.id) } type="date" name="effective_on" max=(today)
                        aria-describedby={ "effective-hint-" (action.id) }
                        value=(refused.map_or(today.to_string(), |refused| refused.effective.clone()));
                    p.hint id={ "effective-hint-" (action.id) } { (lang.t("followup-effective-hint")) }
                    label for={ "due-" (action.id) } { (lang.t("followup-next-due-label")) }
                    input id={ "due-" (action.id) } type="date" name="next_update_due" min=(today)
                        aria-describedby={ "due-hint-" (action.id) }
                        value=(refused.map_or(proposed_due.as_str(), |refused| refused.due.as_str()));
                    p.hint id={ "due-hint-" (action.id) } { (lang.t("followup-next-due-hint")) }
                    button type="submit" { (lang.t("followup-update-button")) }
                }
                form.stack method="post" action={ (path) "/commitment" } {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="action_id" value=(action.id);
                    label for={ "answerable-" (action.id) } { (lang.t("followup-answerable-label")) }
                    input id={ "answerable-" (action.id) } name="answerable" maxlength=(OWNER_MAX)
                        value=(refused.map_or(follow_up.answerable.as_str(), |refused| refused.answerable.as_str()));
                    label for={ "commitment-due-" (action.id) } { (lang.t("followup-next-due-label")) }
                    input id={ "commitment-due-" (action.id) } type="date" name="next_update_due" value=(due_value);
                    button.secondary type="submit" { (lang.t("followup-commitment-button")) }
                }
            }
        }
    }
}

/// The dry run of an import: the changes it would make, the rows it refuses (`rejection_words`,
/// one per rejection, in order), and the form that applies it when nothing is refused.
pub fn dry_run_page(
    context: &PageContext,
    workshop: &Workshop,
    run: &DryRun,
    rejection_words: &[String],
    text: &str,
    error: Option<&str>,
    today: CalendarDate,
) -> Markup {
    let lang = context.lang;
    let title = lang.t("followup-import-title");
    let path = follow_up_path(workshop.id);
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href=(path) { "← " (lang.t("followup-title")) } }
            h1 { (title) }
            p.notice role="status" { (lang.t("followup-import-nothing-applied")) }
            (form_error(error))
            section.card #import-changes {
                h2 { (lang.t_args("followup-import-changes", &[("count", FluentValue::from(run.changes.len()))])) }
                @if !run.changes.is_empty() {
                    table.import-table {
                        thead { tr {
                            th { (lang.t("followup-import-line")) }
                            th { (lang.t("followup-import-action")) }
                            th { (lang.t("followup-import-change")) }
                            th { (lang.t("followup-note-label")) }
                        } }
                        tbody {
                            @for change in &run.changes {
                                tr data-line=(change.line) {
                                    td { (change.line) }
                                    td { (change.title) }
                                    td {
                                        (status_label(lang, change.from)) " → " strong { (status_label(lang, change.update.status)) }
                                        @if let Some(due) = change.update.next_update_due {
                                            br; span.muted { (lang.t_args("followup-next-update-due", &[("date", lang.date(due).into())])) }
                                        }
                                        @if let Some(effective) = change.update.effective_on.filter(|day| *day != today) {
                                            br; span.muted { (lang.t_args("followup-effective-on", &[("date", lang.date(effective).into())])) }
                                        }
                                    }
                                    td { (change.update.note) }
                                }
                            }
                        }
                    }
                }
            }
            section.card #import-rejections {
                h2 { (lang.t_args("followup-import-rejections", &[("count", FluentValue::from(run.rejections.len()))])) }
                @if !run.rejections.is_empty() {
                    ul.rejections {
                        @for (rejection, words) in run.rejections.iter().zip(rejection_words) {
                            li.error data-line=[rejection.line] {
                                @if let Some(line) = rejection.line {
                                    strong { (lang.t_args("followup-import-at-line", &[("line", FluentValue::from(line))])) }
                                    " "
                                }
                                (words)
                            }
                        }
                    }
                }
            }
            @if run.can_apply() {
                form #import-apply.stack method="post" enctype="multipart/form-data"
                    action={ (path) "/import/apply" } {
                    // The form token first: the check reads it from the start of the upload.
                    (csrf_field(&context.csrf))
                    // The very text checked here goes back and is checked again before anything
                    // is applied; what this page says is never trusted on its own. The line
                    // break after the tag is eaten by the HTML parser, not by the text.
                    textarea name="text" hidden readonly { "\n" (text) }
                    p { (lang.t_args("followup-import-apply-hint", &[("count", FluentValue::from(run.changes.len()))])) }
                    button type="submit" { (lang.t("followup-import-apply-button")) }
                }
            } @else {
                p.error { (lang.t("followup-import-cannot-apply")) }
            }
            section.card {
                h2 { (lang.t("followup-import-again")) }
                (import_form(context, workshop.id, text))
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::{
        AccountId, ActionCard, ActivityConfig, ActivityId, ActivityKind, ActivitySpec, Actor, Command, Event, Keyring,
        Language, ParticipantId, Prompt, StatusUpdate, TimedEvent, Title, decide, decide_create,
    };
    use uuid::Uuid;

    fn date(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).unwrap()
    }

    /// Noon UTC of a day after 2026-12-01.
    fn noon_of(day: &str) -> Timestamp {
        const DECEMBER_1ST_2026_NOON: i64 = 1_796_126_400_000;
        Timestamp(DECEMBER_1ST_2026_NOON + date("2026-12-01").days_until(date(day)) * 86_400_000)
    }

    /// One action, created on 2026-12-01, and one update posted on `posted` about `happened`.
    fn updated_action(happened: &str, posted: &str) -> Action {
        let account = AccountId::from_uuid(Uuid::from_u128(1));
        let plan = ActivityId::from_uuid(Uuid::from_u128(2));
        let spec = ActivitySpec {
            activity_id: plan,
            kind: ActivityKind::ActionPlan,
            title: Title::parse("Plan").unwrap(),
            prompt: Prompt::parse("").unwrap(),
            config: ActivityConfig::default(),
        };
        let facilitator = ParticipantId::from_uuid(Uuid::from_u128(3));
        let mut events = decide_create("Atelier", Language::Fr, account, facilitator, "c".into(), vec![spec]).unwrap();
        let action_id = ActionId::from_uuid(Uuid::from_u128(4));
        let card =
            ActionCard { title: "Une grille".into(), jurisdiction: "administration".into(), ..Default::default() };
        let timed = |events: &[Event], day: &str| -> Vec<TimedEvent> {
            events.iter().map(|event| TimedEvent { seq: 1, at: noon_of(day), event: event.clone() }).collect()
        };
        let mut workshop =
            Workshop::from_events(WorkshopId::from_uuid(Uuid::nil()), &timed(&events, "2026-12-01")).unwrap();
        // The facilitator drafts under a pseudonym, which needs their key.
        let mut keyring = Keyring::new();
        keyring.insert(facilitator, vec![3; 16]);
        let mut run = |workshop: &mut Workshop, command: Command, day: &str| {
            events = decide(workshop, Actor::Account(account), command, &keyring).unwrap();
            for event in timed(&events, day) {
                workshop.apply(&event);
            }
        };
        run(&mut workshop, Command::DraftAction { action_id, activity_id: plan, card, sources: vec![] }, "2026-12-01");
        let update = StatusUpdate {
            action_id,
            status: ActionStatus::InProgress,
            note: "Tests lancés".into(),
            next_update_due: Some(date("2027-01-15")),
            effective_on: Some(date(happened)),
        };
        run(&mut workshop, Command::UpdateActionStatuses { updates: vec![update], today: date(posted) }, posted);
        workshop.action(action_id).unwrap().clone()
    }

    #[test]
    fn the_history_shows_the_day_of_the_progress_and_the_day_it_was_recorded_when_later() {
        let later = history(Lang(Language::Fr), &updated_action("2026-12-07", "2026-12-10")).into_string();
        assert!(later.contains("<time datetime=\"2026-12-07\">7 décembre 2026</time>"), "{later}");
        assert!(later.contains("(enregistrée le 10 décembre 2026)"), "{later}");
        let english = history(Lang(Language::En), &updated_action("2026-12-07", "2026-12-10")).into_string();
        assert!(english.contains(">7 December 2026</time>") && english.contains("(recorded on 10 December 2026)"));

        let same_day = history(Lang(Language::Fr), &updated_action("2026-12-10", "2026-12-10")).into_string();
        assert!(same_day.contains(">10 décembre 2026</time>"));
        assert!(!same_day.contains("enregistrée"), "{same_day}");
    }

    #[test]
    fn the_commitment_line_and_the_overdue_flag_write_dates_out() {
        let action = updated_action("2026-12-07", "2026-12-10");
        let line = commitment_line(Lang(Language::Fr), &action).into_string();
        assert!(line.contains("prochaine mise à jour attendue le 15 janvier 2027"), "{line}");
        let flag = overdue_flag(Lang(Language::En), &action, noon_of("2027-01-16")).into_string();
        assert!(flag.contains("The update was due on 15 January 2027."), "{flag}");
        assert!(overdue_flag(Lang(Language::En), &action, noon_of("2027-01-15")).into_string().is_empty());
    }
}
