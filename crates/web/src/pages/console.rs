//! The facilitator's console: the next step (the room on to the next activity in one click),
//! the agenda with every control that runs the room (open, close, timer, focus, order), the
//! room itself (roles, tables, who is here), and one page per activity with its board and its
//! settings.
//!
//! Every control is a plain form that posts and comes back, so the console works without
//! JavaScript; the live regions refresh as the room moves. Each control on an activity, a
//! participant or a contribution is a route of its own, named by its last segment
//! (`…/activities/{activity_id}/timer-start`, `…/participants/{participant_id}/seat`,
//! `…/contributions/{contribution_id}/merge`), with a form of just the fields it reads.

use super::activities::{self, Draft};
use super::facilitator::is_loopback;
use super::layout::{EventKinds, Frame, PageContext, csrf_field, page};
use crate::access::OwnedWorkshop;
use crate::auth::Facilitator;
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use crate::i18n::Lang;
use crate::{AppState, join_url};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Redirect;
use converge_core::Take;
use converge_core::voting::{VoteConfig, VoteMethod};
use converge_core::{
    Activity, ActivityConfig, ActivityId, ActivityKind, ActivitySettings, ActivitySpec, Actor, BUILTIN_DECK,
    BrainwritingConfig, Category, Command, ContributionId, ContributionKind, Criterion, DomainError, KindSettings,
    ParticipantId, Prompt, Role, Title, Workshop, WorkshopId, config_limits, limits,
};
use converge_engine::EngineError;
use converge_i18n::FluentValue;
use converge_views::pages::console::{
    activity_controls, activity_head, activity_path, add_activity_form, cockpit, joining_controls, next_step_control,
    participant_controls, progress_line, projection_controls, screen_link_controls, tenths_text, undo_controls,
};
use converge_views::pages::facilitator::live;
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashMap;

pub(super) fn console_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}")
}

pub async fn console(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Markup, PageError> {
    let lang = context.lang;
    let entry = app.engine.workshop_entry(id).await?;
    let profiles = app.engine.profiles(id).await?;
    let workshop = &state.workshop;
    let join_link = join_url(&app, &headers, &entry.join_code);
    let screen_url = super::screen_link::console_screen_url(&app, &headers, workshop);
    let now = converge_engine::now();
    let n_participants = workshop.participants.len();
    let closed = workshop.closed_at.is_some();
    let name = |participant: &ParticipantId| profiles.get(participant).map_or("?", |profile| profile.name.as_str());
    // Whom a duplicate can be merged into: everyone in the room but the facilitators.
    let people: Vec<(ParticipantId, &str)> = workshop
        .participants
        .values()
        .filter(|participant| participant.role != Role::Facilitator)
        .map(|participant| (participant.id, name(&participant.id)))
        .collect();
    Ok(page(
        &context,
        Frame {
            title: &workshop.title,
            live: Some(live(id, state.seq, &context.path, EventKinds::ALL)),
            body_class: "console",
        },
        html! {
            header.workshop-head {
                h1 { (workshop.title) }
            }
            (cockpit(&context, workshop, &entry.join_code, now))
            div #setup-live data-live {
                section.setup {
                    h2 { (lang.t("console-setup-heading")) }
                    // Nobody joins a closed workshop: no code to hand out.
                    @if !closed {
                        div.join-box {
                            span.muted { (lang.t("console-join-code")) }
                            strong.code data-join-code { (entry.join_code) }
                            a.join-url href=(join_link) { (join_link) }
                            (joining_controls(&context, workshop))
                        }
                    }
                    p.actions {
                        a.button.secondary data-screen-link href={ "/facilitator/workshops/" (id) "/screen" } target="_blank" {
                            (lang.t("console-open-screen"))
                        }
                        a.button.secondary href={ "/api/v1/workshops/" (id) "/export" } download={ "converge-" (id) ".json" } {
                            (lang.t("console-export"))
                        }
                    }
                    @if !closed && is_loopback(&join_link) {
                        p.notice { (lang.t("console-loopback-notice")) }
                    }
                }
            }
            // Closed too: the thank-you screen may go on showing, and its address be revoked.
            (screen_link_controls(&context, id, screen_url.as_deref()))
            div #outcomes-live data-live {
                (super::fates::console_outcomes(lang, workshop))
                (super::report::console_links(lang, workshop))
            }
            @if !closed {
                section.card {
                    h3 { (lang.t("console-add-activity-heading")) }
                    (add_activity_form(&context, id))
                }
            }
            div #room-live data-live {
                section {
                    h2 { (lang.t_args("console-participants-count", &[("count", FluentValue::from(n_participants))])) }
                    ul.participants {
                        @for participant in workshop.participants.values() {
                            li class=(if participant.present { "" } else { "absent" }) {
                                (name(&participant.id))
                                @if let Some(service) = profiles.get(&participant.id).map(|p| p.service.as_str()).filter(|s| !s.is_empty()) {
                                    span.muted { " · " (service) }
                                }
                                @if let Some(table) = workshop.table_of(participant.id) {
                                    span.badge { (lang.t_args("console-table", &[("table", FluentValue::from(table + 1))])) }
                                }
                                " "
                                @if participant.role == Role::Facilitator {
                                    span.badge { (lang.t("role-facilitator")) }
                                } @else if closed {
                                    span.badge { (lang.t(&format!("role-{}", participant.role.as_str()))) }
                                } @else {
                                    (participant_controls(&context, workshop, participant.id, participant.role, participant.present, &people, &state.keyring))
                                }
                            }
                        }
                    }
                }
            }
            @if !closed { section.card {
                h3 { (lang.t("console-tables-heading")) }
                p.hint { (lang.t("console-tables-hint")) }
                form.inline-form method="post" action={ "/facilitator/workshops/" (id) "/tables" } {
                    (csrf_field(&context.csrf))
                    label for="table_size" { (lang.t("console-table-size-label")) }
                    input #table_size type="number" name="table_size" min=(config_limits::TABLE_SIZE_MIN)
                        max=(config_limits::TABLE_SIZE_MAX) value="6";
                    button type="submit" { (lang.t("console-form-tables-button")) }
                }
            } }
        },
    ))
}

/// One activity as the facilitator runs it: its controls, its board, and its settings.
#[derive(Deserialize, Default)]
pub struct ActivityPageQuery {
    /// What the last save of the shortlist came to: `saved`, or `confirm-empty` when it asks
    /// before emptying the activity.
    #[serde(default)]
    shortlist: Option<String>,
}

pub async fn activity_page(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    ValidQuery(query): ValidQuery<ActivityPageQuery>,
) -> Result<Markup, PageError> {
    use converge_views::pages::selection::ShortlistSaved;
    let saved = match query.shortlist.as_deref() {
        Some("saved") => ShortlistSaved::Saved,
        Some("confirm-empty") => ShortlistSaved::ConfirmEmpty,
        _ => ShortlistSaved::No,
    };
    let lang = context.lang;
    let workshop = &state.workshop;
    let activity = workshop.activity(activity_id).ok_or(PageError::from(Failure::NotFound))?;
    let position = workshop.activities.iter().position(|candidate| candidate.id == activity_id).unwrap_or_default();
    let profiles = app.engine.profiles(id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let now = converge_engine::now();
    let draft = Draft::default();
    let view = activities::View {
        lang,
        csrf: &context.csrf,
        workshop,
        activity,
        names: &names,
        keyring: &state.keyring,
        viewer: workshop.facilitator_for(facilitator.id()).map(|participant| participant.id),
        role: Some(Role::Facilitator),
        now,
        draft: &draft,
    };
    let mut page_live = live(id, state.seq, &context.path, EventKinds::ALL);
    page_live.activity = Some(activities::related_activities(workshop, activity));
    Ok(page(
        &context,
        Frame { title: &activity.title, live: Some(page_live), body_class: "console" },
        html! {
            p { a href=(console_path(id)) { "← " (workshop.title) } }
            h1 { (activity.title) }
            @if !activity.prompt.is_empty() { p.prompt { (activity.prompt) } }
            // On the page of the activity the room is on, the step to the next one.
            div #next-step-live data-live {
                @if workshop.current_activity().is_some_and(|current| current.id == activity_id) {
                    (next_step_control(&context, workshop, "activity"))
                }
            }
            div #activity-live data-live {
                (activity_head(&context, workshop, activity))
                (progress_line(lang, workshop, activity))
                (activity_controls(&context, workshop, activity, position, now, "activity"))
                (undo_controls(&context, workshop, Some(activity.id)))
                @if workshop.closed_at.is_none() { (projection_controls(&context, workshop, Some(activity.id))) }
                // A closed workshop's activities are its sealed record: shown as a participant
                // reads a closed activity, without the controls that would change them.
                @if workshop.closed_at.is_some() {
                    (activities::participant(&view))
                } @else {
                    (activities::facilitator(&view))
                }
            }
            // Outside the live region: boxes being ticked are never swapped away.
            (converge_views::pages::selection::shortlist_form(&context, workshop, activity, saved))
            @if workshop.closed_at.is_none() {
                details.card.settings {
                    summary { (lang.t("activity-settings-heading")) }
                    (settings_form(&context, workshop, activity, position))
                }
            }
        },
    ))
}

fn settings_form(context: &PageContext, workshop: &Workshop, activity: &Activity, position: usize) -> Markup {
    let lang = context.lang;
    let settings = &activity.settings;
    html! {
        // Saving the settings changes which forms the page shows (a shortlist, a brainwriting's
        // sheets): the page is loaded afresh.
        form #activity-settings.stack method="post" data-reload action={ (activity_path(workshop.id, activity.id)) "/edit" } {
            (csrf_field(&context.csrf))
            label for="title" { (lang.t("console-activity-title-label")) }
            input #title name="title" required maxlength=(limits::TITLE_MAX) value=(activity.title);
            label for="prompt" { (lang.t("console-activity-prompt-label")) }
            textarea #prompt name="prompt" rows="3" maxlength=(limits::PROMPT_MAX) { (activity.prompt) }
            label for="minutes" { (lang.t("settings-minutes-label")) }
            input #minutes type="number" name="minutes" min="1" max=(config_limits::MINUTES_MAX)
                value=[settings.minutes];
            @let fixed = workshop.anonymity_fixed(activity).filter(|_| {
                // Turning it on stays possible but in a brainwriting under way.
                settings.anonymous || activity.brainwriting.is_some()
            });
            label.check {
                input type="checkbox" name="anonymous" value="on" checked[settings.anonymous] disabled[fixed.is_some()];
                " " (lang.t("settings-anonymous-label"))
            }
            @if let Some(reason) = fixed {
                // A disabled box is not sent: the setting travels as it is.
                @if settings.anonymous { input type="hidden" name="anonymous" value="on"; }
                p.hint { (lang.t(&format!("error-invalid_config-{reason}"))) }
            } @else {
                p.hint { (lang.t("activity-anonymous-notice")) }
            }
            label.check {
                input type="checkbox" name="lock_at_zero" value="on" checked[settings.lock_at_zero];
                " " (lang.t("settings-lock-at-zero-label"))
            }
            @if position > 0 {
                fieldset {
                    legend { (lang.t("settings-sources-label")) }
                    @for earlier in &workshop.activities[..position] {
                        label.check {
                            input type="checkbox" name="source" value=(earlier.id) checked[settings.sources.contains(&earlier.id)];
                            " " (earlier.title)
                        }
                    }
                }
            }
            @if position > 0 { (take_fields(lang, settings)) }
            (kind_settings_fields(lang, workshop, settings))
            button type="submit" { (lang.t("settings-save-button")) }
        }
    }
}

/// Which of the sources' outputs the activity takes: a rule, and its number for a top N or dots.
fn take_fields(lang: Lang, settings: &ActivitySettings) -> Markup {
    let take = settings.take.unwrap_or(Take::All);
    let (rule, number) = match take {
        Take::All => ("all", None),
        Take::Categories => ("categories", None),
        Take::Shortlist => ("shortlist", None),
        Take::Top { n } => ("top", Some(n)),
        Take::MinDots { k } => ("dots", Some(k)),
    };
    html! {
        label for="take" { (lang.t("settings-take-label")) }
        select #take name="take" {
            @for option in ["all", "shortlist", "top", "dots", "categories"] {
                option value=(option) selected[option == rule] { (lang.t(&format!("settings-take-{option}"))) }
            }
        }
        label for="take_number" { (lang.t("settings-take-number-label")) }
        input #take_number type="number" name="take_number" min="1" max=(converge_core::selection::TAKE_MAX)
            value=[number];
        p.hint { (lang.t("settings-take-hint")) }
    }
}

/// The fields of the settings form that belong to the activity's kind.
fn kind_settings_fields(lang: Lang, workshop: &Workshop, settings: &ActivitySettings) -> Markup {
    match &settings.kind {
        KindSettings::PhotoLanguage { deck } => deck_select(lang, workshop, deck.as_deref()),
        KindSettings::Categorize { categories } => {
            let names: Vec<&str> = categories.iter().map(|category| category.name.as_str()).collect();
            html! {
                label for="categories" { (lang.t("settings-categories-label")) }
                textarea #categories name="categories" rows="5" { (names.join("\n")) }
            }
        }
        KindSettings::ActionPlan { .. } => html! {
            label for="jurisdictions" { (lang.t("actions-settings-jurisdictions-label")) }
            textarea #jurisdictions name="jurisdictions" rows="4" {
                (activities::action_plan::jurisdiction_lines(lang, settings))
            }
            p.hint { (lang.t("actions-settings-jurisdictions-hint")) }
        },
        KindSettings::Assess { criteria, impact_threshold_tenths, feasibility_threshold_tenths } => {
            let lines: Vec<String> = criteria
                .iter()
                .map(|criterion| format!("{} | {} | {}", criterion.id, criterion.name, criterion.weight))
                .collect();
            html! {
                label for="criteria" { (lang.t("settings-criteria-label")) }
                textarea #criteria name="criteria" rows="5" { (lines.join("\n")) }
                p.hint { (lang.t("settings-thresholds-hint")) }
                label for="impact_threshold" { (lang.t("settings-impact-threshold-label")) }
                input #impact_threshold type="number" name="impact_threshold" min="1" max="5" step="0.1"
                    value=(tenths_text(*impact_threshold_tenths));
                label for="feasibility_threshold" { (lang.t("settings-feasibility-threshold-label")) }
                input #feasibility_threshold type="number" name="feasibility_threshold" min="1" max="5" step="0.1"
                    value=(tenths_text(*feasibility_threshold_tenths));
            }
        }
        KindSettings::Vote(rules) => html! {
            label for="vote_method" { (lang.t("settings-vote-method-label")) }
            select #vote_method name="vote_method" {
                @for method in VoteMethod::ALL {
                    option value=(method.as_str()) selected[method == rules.method] {
                        (lang.t(&format!("vote-method-{}", method.as_str())))
                    }
                }
            }
            label for="dots_budget" { (lang.t("settings-dots-budget-label")) }
            input #dots_budget type="number" name="dots_budget" min="1" max="100" value=(rules.dots_budget);
            label for="dots_cap" { (lang.t("settings-dots-cap-label")) }
            input #dots_cap type="number" name="dots_cap" min="1" max="100" value=(rules.dots_cap);
            label for="grades" { (lang.t("settings-grades-label")) }
            input #grades type="number" name="grades" min="2" max="10" value=(rules.grades);
            label.check {
                input type="checkbox" name="rank_by_median" value="on" checked[rules.rank_by_median];
                " " (lang.t("settings-rank-by-median-label"))
            }
        },
        KindSettings::Brainwriting(rules) => html! {
            label for="ideas_per_round" { (lang.t("settings-ideas-per-round-label")) }
            input #ideas_per_round type="number" name="ideas_per_round" min="1"
                max=(config_limits::IDEAS_PER_ROUND_MAX) value=(rules.ideas_per_round);
            label for="round_minutes" { (lang.t("settings-round-minutes-label")) }
            input #round_minutes type="number" name="round_minutes" min="1"
                max=(config_limits::ROUND_MINUTES_MAX) value=(rules.round_minutes);
            label for="brainwriting_table_size" { (lang.t("console-table-size-label")) }
            input #brainwriting_table_size type="number" name="table_size" min=(config_limits::TABLE_SIZE_MIN)
                max=(config_limits::TABLE_SIZE_MAX) value=(rules.table_size);
        },
        KindSettings::Swot
        | KindSettings::Challenges
        | KindSettings::Reformulate
        | KindSettings::RiskMap
        | KindSettings::OpinionMap => html! {},
    }
}

/// The deck a photo-language activity draws from: ours, or one of the workshop's own.
fn deck_select(lang: Lang, workshop: &Workshop, deck: Option<&str>) -> Markup {
    let current = deck.unwrap_or(BUILTIN_DECK);
    let label = |name: &str, count: usize| {
        let name = if name == crate::deck::OWN_DECK { lang.t("decks-own-name") } else { name.to_owned() };
        lang.t_args("decks-deck-option", &[("name", name.into()), ("count", FluentValue::from(count))])
    };
    html! {
        label for="deck" { (lang.t("decks-settings-label")) }
        select #deck name="deck" {
            option value=(BUILTIN_DECK) selected[current == BUILTIN_DECK] {
                (lang.t_args("decks-builtin-option", &[("count", FluentValue::from(crate::deck::builtin().len()))]))
            }
            @for (name, cards) in &workshop.decks {
                option value=(name) selected[current == name] { (label(name, cards.len())) }
            }
            // A deck a template named before anything was uploaded to it stays chosen.
            @if current != BUILTIN_DECK && !workshop.decks.contains_key(current) {
                option value=(current) selected { (label(current, 0)) }
            }
        }
        p.hint { (lang.t("decks-settings-hint")) }
    }
}

/// The categories a facilitator typed, one per line, keeping the ids of the existing ones so
/// sorted notes stay where they are: a name kept keeps its id; a line where an old name is gone
/// is a rename and takes the first id no longer used; the rest are new. A removed category's
/// notes go back to unsorted.
fn categories_from_lines(existing: &[Category], lines: &str) -> Vec<Category> {
    let names: Vec<&str> = lines.lines().map(str::trim).filter(|name| !name.is_empty()).collect();
    let mut free: Vec<u32> = existing
        .iter()
        .filter(|category| !names.contains(&category.name.as_str()))
        .map(|category| category.id)
        .collect();
    free.reverse();
    let mut next = existing.iter().map(|category| category.id + 1).max().unwrap_or(0);
    names
        .iter()
        .map(|name| {
            let id = match existing.iter().find(|category| category.name == *name) {
                Some(kept) => kept.id,
                None => free.pop().unwrap_or_else(|| {
                    next += 1;
                    next - 1
                }),
            };
            Category { id, name: (*name).to_owned() }
        })
        .collect()
}

/// Reads the settings form into a configuration, starting from the current settings so those the
/// form does not show (a deck, a day) are kept. Category ids stay with their line position's
/// category when names are edited, so sorted notes stay sorted.
fn config_from_form(activity: &Activity, form: &EditActivityForm) -> Result<ActivityConfig, DomainError> {
    let number = |field: &Option<String>, reason: &'static str| -> Result<Option<u32>, DomainError> {
        match trimmed(field) {
            None | Some("") => Ok(None),
            Some(raw) => raw.parse().map(Some).map_err(|_| DomainError::InvalidConfig { reason }),
        }
    };
    let current = &activity.settings;
    let minutes = number(&form.minutes, "minutes")?;
    let kind = match &current.kind {
        // A name that is not a key is refused by the configuration's own check.
        KindSettings::PhotoLanguage { deck } => KindSettings::PhotoLanguage {
            deck: trimmed(&form.deck).filter(|deck| !deck.is_empty()).map(str::to_owned).or_else(|| deck.clone()),
        },
        KindSettings::Categorize { categories } => KindSettings::Categorize {
            categories: categories_from_lines(categories, trimmed(&form.categories).unwrap_or_default()),
        },
        KindSettings::ActionPlan { jurisdictions } => KindSettings::ActionPlan {
            jurisdictions: match trimmed(&form.jurisdictions) {
                Some(lines) => activities::action_plan::jurisdictions_from_lines(current, lines),
                None => jurisdictions.clone(),
            },
        },
        KindSettings::Assess { .. } => {
            let mut criteria = Vec::new();
            for line in
                trimmed(&form.criteria).unwrap_or_default().lines().map(str::trim).filter(|line| !line.is_empty())
            {
                let parts: Vec<&str> = line.split('|').map(str::trim).collect();
                let (id, name, weight) = match parts.as_slice() {
                    [id, name] => (*id, *name, 1),
                    [id, name, weight] => {
                        (*id, *name, weight.parse().map_err(|_| DomainError::InvalidConfig { reason: "criteria" })?)
                    }
                    _ => return Err(DomainError::InvalidConfig { reason: "criteria" }),
                };
                criteria.push(Criterion { id: id.to_owned(), name: name.to_owned(), weight });
            }
            let tenths = |field: &Option<String>| -> Result<Option<u32>, DomainError> {
                match trimmed(field) {
                    None | Some("") => Ok(None),
                    Some(raw) => raw
                        .replace(',', ".")
                        .parse::<f64>()
                        .ok()
                        .filter(|value| value.is_finite())
                        .map(|value| Some((value * 10.0).round() as u32))
                        .ok_or(DomainError::InvalidConfig { reason: "thresholds" }),
                }
            };
            KindSettings::Assess {
                criteria,
                impact_threshold_tenths: tenths(&form.impact_threshold)?,
                feasibility_threshold_tenths: tenths(&form.feasibility_threshold)?,
            }
        }
        KindSettings::Vote(defaults) => {
            let method = trimmed(&form.vote_method).and_then(VoteMethod::parse).unwrap_or(defaults.method);
            KindSettings::Vote(VoteConfig {
                method,
                dots_budget: number(&form.dots_budget, "vote")?.unwrap_or(defaults.dots_budget),
                dots_cap: number(&form.dots_cap, "vote")?.unwrap_or(defaults.dots_cap),
                grades: number(&form.grades, "vote")?.map_or(defaults.grades, |grades| grades.min(255) as u8),
                rank_by_median: trimmed(&form.rank_by_median) == Some("on"),
                ..*defaults
            })
        }
        KindSettings::Brainwriting(_) => {
            let defaults = BrainwritingConfig::default();
            KindSettings::Brainwriting(BrainwritingConfig {
                ideas_per_round: number(&form.ideas_per_round, "brainwriting")?.unwrap_or(defaults.ideas_per_round),
                round_minutes: number(&form.round_minutes, "brainwriting")?.unwrap_or(defaults.round_minutes),
                table_size: number(&form.table_size, "brainwriting")?.unwrap_or(defaults.table_size),
            })
        }
        other @ (KindSettings::Swot
        | KindSettings::Challenges
        | KindSettings::Reformulate
        | KindSettings::RiskMap
        | KindSettings::OpinionMap) => other.clone(),
    };
    let take = match trimmed(&form.take) {
        None => current.take,
        Some("" | "all") => None,
        Some(rule) => {
            let number = number(&form.take_number, "take")?;
            let text = match (rule, number) {
                ("top" | "dots", Some(number)) => format!("{rule} {number}"),
                ("top" | "dots", None) => return Err(DomainError::InvalidConfig { reason: "take" }),
                (rule, _) => rule.to_owned(),
            };
            Some(Take::from_text(&text).ok_or(DomainError::InvalidConfig { reason: "take" })?)
        }
    };
    let sources: Vec<ActivityId> = form.source.iter().filter_map(|value| value.parse::<ActivityId>().ok()).collect();
    // A rule picks among the sources' outputs: with every source unticked, there is none to keep.
    let take = if sources.is_empty() && trimmed(&form.take).is_none() { None } else { take };
    let settings = ActivitySettings {
        day: current.day,
        minutes,
        anonymous: trimmed(&form.anonymous) == Some("on"),
        lock_at_zero: trimmed(&form.lock_at_zero) == Some("on"),
        sources,
        take,
        kind,
    };
    Ok(settings.to_config())
}

/// Where a control comes back to: the console, or the activity's own page.
fn back_to(back: Option<&String>, id: WorkshopId, activity: ActivityId) -> Redirect {
    match back.map(|back| back.trim()) {
        Some("activity") => Redirect::to(&activity_path(id, activity)),
        _ => Redirect::to(&console_path(id)),
    }
}

/// Runs a facilitator's command; refusals that only mean "already so" (a double click) pass.
pub(super) async fn run(
    app: &AppState,
    facilitator: &Facilitator,
    id: WorkshopId,
    command: Command,
) -> Result<(), PageError> {
    match app.engine.execute(id, Actor::Account(facilitator.id()), command).await {
        Ok(_)
        | Err(EngineError::Domain(
            DomainError::ActivityAlreadyOpen
            | DomainError::ActivityNotOpenToClose
            | DomainError::TimerAlreadyRunning
            | DomainError::TimerNotRunning
            | DomainError::BrainwritingAlreadyStarted,
        )) => Ok(()),
        Err(error) => Err(PageError::from(error)),
    }
}

/// Where a button on an activity comes back to.
#[derive(Deserialize)]
pub struct BackForm {
    /// `activity` to come back to the activity's own page; the console otherwise.
    back: Option<String>,
}

/// Presses a button on an activity of the workshop, 404 when it has no such activity: runs the
/// command made for the activity's place on the agenda, and comes back where the button says.
async fn press(
    app: &AppState,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    (id, activity_id): (WorkshopId, ActivityId),
    BackForm { back }: BackForm,
    command: impl FnOnce(u32) -> Command,
) -> Result<Redirect, PageError> {
    let position = agenda_position(&state.workshop, activity_id)?;
    run(app, &facilitator, id, command(position)).await?;
    Ok(back_to(back.as_ref(), id, activity_id))
}

/// Where an activity stands on the agenda; 404 when the workshop has no such activity.
fn agenda_position(workshop: &Workshop, activity_id: ActivityId) -> Result<u32, PageError> {
    let position = workshop.activities.iter().position(|candidate| candidate.id == activity_id);
    Ok(position.ok_or(PageError(Failure::NotFound))? as u32)
}

/// `POST .../activities/{activity_id}/open`: opens the activity, or reopens a closed one.
pub async fn open_activity(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::OpenActivity { activity_id }).await
}

/// `POST .../activities/{activity_id}/close`.
pub async fn close_activity(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::CloseActivity { activity_id }).await
}

#[derive(Deserialize)]
pub struct StartTimerForm {
    back: Option<String>,
    /// The minutes to run, as typed; empty: what was left at the pause, or the planned time.
    minutes: Option<String>,
    /// Present when the form offers the lock of posting at zero: `lock_at_zero` ticked or not.
    lock_choice: Option<String>,
    lock_at_zero: Option<String>,
}

/// `POST .../activities/{activity_id}/timer-start`: the minutes typed beside the button, or else
/// what was left when it was paused, or else the activity's planned time; and the lock of
/// posting at zero as ticked beside it.
pub async fn start_timer(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<StartTimerForm>,
) -> Result<Redirect, PageError> {
    let minutes = match trimmed(&form.minutes) {
        None | Some("") => None,
        Some(raw) => {
            Some(raw.parse::<u32>().map_err(|_| PageError::from(DomainError::InvalidConfig { reason: "minutes" }))?)
        }
    };
    // Minutes typed for a paused timer set it afresh; the same as planned resumes it.
    let paused_planned = owned.state.workshop.activity(activity_id).is_some_and(|activity| {
        matches!(activity.timer, Some(converge_core::Timer::Paused { .. })) && activity.settings.minutes == minutes
    });
    let minutes = minutes.filter(|_| !paused_planned);
    let lock_at_zero = form.lock_choice.is_some().then(|| trimmed(&form.lock_at_zero) == Some("on"));
    press(&app, owned, (id, activity_id), BackForm { back: form.back }, |_| Command::StartTimer {
        activity_id,
        minutes,
        lock_at_zero,
    })
    .await
}

/// `POST .../activities/{activity_id}/timer-pause`.
pub async fn pause_timer(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::PauseTimer { activity_id }).await
}

/// `POST .../activities/{activity_id}/timer-extend`: one more minute.
pub async fn extend_timer(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::ExtendTimer { activity_id, minutes: 1 }).await
}

/// `POST .../activities/{activity_id}/timer-shorten`: one minute less.
pub async fn shorten_timer(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::ShortenTimer { activity_id, minutes: 1 }).await
}

#[derive(Deserialize)]
pub struct UndoForm {
    /// The move to undo, by its place in the log.
    seq: Option<String>,
    back: Option<String>,
}

/// `POST .../undo`: one of the recent structural moves put back; comes back to the console, or
/// to the page of the activity the move concerned.
pub async fn undo(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<UndoForm>,
) -> Result<Redirect, PageError> {
    let seq = trimmed(&form.seq)
        .and_then(|raw| raw.parse::<u64>().ok())
        .ok_or(PageError::from(Failure::BadRequest("seq".into())))?;
    let concerns = state.workshop.activity_of_move(seq);
    run(&app, &facilitator, id, Command::Undo { seq }).await?;
    Ok(match concerns {
        Some(activity_id) => back_to(form.back.as_ref(), id, activity_id),
        None => Redirect::to(&console_path(id)),
    })
}

/// `POST .../activities/{activity_id}/move-up`: one place earlier on the agenda.
pub async fn move_activity_up(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |position| Command::MoveActivity {
        activity_id,
        position: position.saturating_sub(1),
    })
    .await
}

/// `POST .../activities/{activity_id}/move-down`: one place later on the agenda.
pub async fn move_activity_down(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |position| Command::MoveActivity {
        activity_id,
        position: position + 1,
    })
    .await
}

/// `POST .../activities/{activity_id}/brainwriting-start`.
pub async fn start_brainwriting(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::StartBrainwriting { activity_id }).await
}

/// `POST .../activities/{activity_id}/next-round`: the brainwriting's sheets move on.
pub async fn next_round(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<BackForm>,
) -> Result<Redirect, PageError> {
    press(&app, owned, (id, activity_id), form, |_| Command::NextRound { activity_id }).await
}

/// `POST .../activities/{activity_id}/remove`: comes back to the console, the activity's own
/// page being gone.
pub async fn remove_activity(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
) -> Result<Redirect, PageError> {
    agenda_position(&state.workshop, activity_id)?;
    run(&app, &facilitator, id, Command::RemoveActivity { activity_id }).await?;
    Ok(Redirect::to(&console_path(id)))
}

/// The settings form of an activity. Every setting is read as the text sent, so that an empty
/// one keeps its default and a malformed one is refused by the setting's own check.
#[derive(Deserialize)]
pub struct EditActivityForm {
    title: Option<String>,
    prompt: Option<String>,
    minutes: Option<String>,
    anonymous: Option<String>,
    /// `on`: posting stops when the timer reaches zero.
    lock_at_zero: Option<String>,
    /// The activities this one works on, one field per box ticked.
    #[serde(default)]
    source: Vec<String>,
    deck: Option<String>,
    categories: Option<String>,
    jurisdictions: Option<String>,
    criteria: Option<String>,
    vote_method: Option<String>,
    dots_budget: Option<String>,
    dots_cap: Option<String>,
    grades: Option<String>,
    rank_by_median: Option<String>,
    impact_threshold: Option<String>,
    feasibility_threshold: Option<String>,
    ideas_per_round: Option<String>,
    round_minutes: Option<String>,
    table_size: Option<String>,
    /// Which of the sources' outputs it takes: `all`, `categories`, `shortlist`, `top`, `dots`;
    /// the rule is kept when the field is not sent.
    take: Option<String>,
    /// The N of a top N, the k of a dots rule.
    take_number: Option<String>,
}

#[derive(Deserialize)]
pub struct ShortlistForm {
    /// The ids of the items ticked, one field per box.
    #[serde(default)]
    item: Vec<String>,
    /// Present once the facilitator confirmed that nothing is to be ticked.
    confirm_empty: Option<String>,
}

/// `POST .../activities/{activity_id}/shortlist`: records the items the facilitator ticked and
/// comes back to the activity's page, which says how many are retained. Nothing ticked where the
/// shortlist held items would leave the activity with nothing: the page asks first.
pub async fn set_shortlist(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<ShortlistForm>,
) -> Result<Redirect, PageError> {
    let mut items = Vec::with_capacity(form.item.len());
    for raw in &form.item {
        items
            .push(raw.trim().parse::<ContributionId>().map_err(|_| PageError(Failure::from(DomainError::NotASource)))?);
    }
    let held = state.workshop.activity(activity_id).is_some_and(|activity| !activity.shortlist.is_empty());
    // The confirmation's button empties the shortlist, whatever boxes a page loaded afresh
    // (without the script) shows ticked again.
    if form.confirm_empty.is_some() {
        items.clear();
    } else if items.is_empty() && held {
        return Ok(Redirect::to(&format!("{}?shortlist=confirm-empty#shortlist", activity_path(id, activity_id))));
    }
    run(&app, &facilitator, id, Command::SetShortlist { activity_id, items }).await?;
    Ok(Redirect::to(&format!("{}?shortlist=saved#shortlist", activity_path(id, activity_id))))
}

/// `POST .../activities/{activity_id}/edit`: saves the settings form and comes back to the
/// activity's page.
pub async fn edit_activity(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    FormFields(form): FormFields<EditActivityForm>,
) -> Result<Redirect, PageError> {
    let activity = state.workshop.activity(activity_id).ok_or(PageError(Failure::NotFound))?;
    let config = config_from_form(activity, &form)?;
    let title = trimmed(&form.title).unwrap_or_default().to_owned();
    let prompt = trimmed(&form.prompt).unwrap_or_default().to_owned();
    run(&app, &facilitator, id, Command::UpdateActivity { activity_id, title, prompt, config }).await?;
    Ok(Redirect::to(&activity_path(id, activity_id)))
}

#[derive(Deserialize)]
pub struct NewActivityForm {
    kind: Option<String>,
    title: Option<String>,
    prompt: Option<String>,
}

pub async fn add_activity(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<NewActivityForm>,
) -> Result<Redirect, PageError> {
    let lang = context.lang;
    let kind =
        trimmed(&form.kind).and_then(ActivityKind::parse).ok_or(PageError::from(Failure::BadRequest("kind".into())))?;
    let mut config = converge_engine::templates::starting_config(kind, lang.0);
    // A new activity joins the last day of the agenda, so days stay in one block each.
    config.day = state.workshop.activities.last().and_then(|last| last.settings.day);
    let spec = ActivitySpec {
        activity_id: ActivityId::from_uuid(uuid::Uuid::now_v7()),
        kind,
        title: Title::parse(trimmed(&form.title).unwrap_or_default())?,
        prompt: Prompt::parse(trimmed(&form.prompt).unwrap_or_default())?,
        config,
    };
    let activity_id = spec.activity_id;
    run(&app, &facilitator, id, Command::AddActivity(spec)).await?;
    Ok(Redirect::to(&activity_path(id, activity_id)))
}

#[derive(Deserialize)]
pub struct FocusForm {
    activity_id: Option<String>,
    back: Option<String>,
}

/// Sends every screen to an activity, or lets them roam when no activity is given.
pub async fn set_focus(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<FocusForm>,
) -> Result<Redirect, PageError> {
    let activity_id = trimmed(&form.activity_id).and_then(|raw| raw.parse::<ActivityId>().ok());
    run(&app, &facilitator, id, Command::SetFocus { activity_id }).await?;
    Ok(match activity_id {
        Some(activity_id) => back_to(form.back.as_ref(), id, activity_id),
        None => Redirect::to(&console_path(id)),
    })
}

#[derive(Deserialize)]
pub struct NextStepForm {
    /// The activity the button named: once the room is there, a second click records nothing.
    to: Option<ActivityId>,
    /// On a brainwriting, the round the button showed beginning (0: the sheets handed out).
    round: Option<u32>,
    back: Option<String>,
}

/// `POST .../next-step`: the next step in one click: on a brainwriting, its sheets handed out or
/// passed on; otherwise the room moves on to the next activity (closing what ran before it,
/// opening it, every screen sent there, its timer started). Comes back to the console, or to
/// the page of the activity the room is now on.
pub async fn next_step(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<NextStepForm>,
) -> Result<Redirect, PageError> {
    run(&app, &facilitator, id, Command::NextStep { to: form.to, round: form.round }).await?;
    let now_on = match form.to {
        Some(to) => Some(to),
        None => app.engine.state(id).await?.workshop.focus,
    };
    Ok(match now_on {
        Some(activity_id) => back_to(form.back.as_ref(), id, activity_id),
        None => Redirect::to(&console_path(id)),
    })
}

#[derive(Deserialize)]
pub struct JoiningForm {
    action: Option<String>,
}

/// Who may still join: `lock` and `unlock` joining, or `new-code` for a join code that went
/// round too widely (the old one stops working at once).
pub async fn joining(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<JoiningForm>,
) -> Result<Redirect, PageError> {
    match trimmed(&form.action) {
        Some("lock") => run(&app, &facilitator, id, Command::LockJoining { locked: true }).await?,
        Some("unlock") => run(&app, &facilitator, id, Command::LockJoining { locked: false }).await?,
        Some("new-code") => {
            app.engine.rotate_join_code(id, facilitator.id()).await?;
        }
        _ => return Err(PageError::from(Failure::BadRequest("action".into()))),
    }
    Ok(Redirect::to(&console_path(id)))
}

#[derive(Deserialize)]
pub struct TablesForm {
    table_size: Option<String>,
}

pub async fn form_tables(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<TablesForm>,
) -> Result<Redirect, PageError> {
    let size: usize = trimmed(&form.table_size).and_then(|raw| raw.trim().parse().ok()).unwrap_or(6);
    let limits = config_limits::TABLE_SIZE_MIN as usize..=config_limits::TABLE_SIZE_MAX as usize;
    if !limits.contains(&size) {
        return Err(PageError::from(DomainError::InvalidConfig { reason: "table_size" }));
    }
    app.engine.seat_room(id, facilitator.id(), size).await?;
    Ok(Redirect::to(&console_path(id)))
}

/// Runs a control on someone in the room and comes back to the console.
async fn run_to_console(
    app: &AppState,
    facilitator: &Facilitator,
    id: WorkshopId,
    command: Command,
) -> Result<Redirect, PageError> {
    run(app, facilitator, id, command).await?;
    Ok(Redirect::to(&console_path(id)))
}

#[derive(Deserialize)]
pub struct RoleForm {
    role: Role,
}

/// `POST .../participants/{participant_id}/role`.
pub async fn change_role(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, participant_id)): ValidPath<(WorkshopId, ParticipantId)>,
    FormFields(RoleForm { role }): FormFields<RoleForm>,
) -> Result<Redirect, PageError> {
    run_to_console(&app, &facilitator, id, Command::ChangeRole { participant_id, role }).await
}

#[derive(Deserialize)]
pub struct SeatForm {
    /// A table's number; empty, or anything but a number, unseats.
    table: Option<String>,
}

/// `POST .../participants/{participant_id}/seat`: at a table, or at none.
pub async fn seat_participant(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, participant_id)): ValidPath<(WorkshopId, ParticipantId)>,
    FormFields(form): FormFields<SeatForm>,
) -> Result<Redirect, PageError> {
    let table = trimmed(&form.table).and_then(|raw| raw.parse::<u32>().ok());
    run_to_console(&app, &facilitator, id, Command::SeatParticipant { participant_id, table }).await
}

/// `POST .../participants/{participant_id}/leave`: marks them absent.
pub async fn mark_absent(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, participant_id)): ValidPath<(WorkshopId, ParticipantId)>,
) -> Result<Redirect, PageError> {
    run_to_console(&app, &facilitator, id, Command::SetPresence { participant_id, present: false }).await
}

/// `POST .../participants/{participant_id}/return`: marks them present again.
pub async fn mark_present(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, participant_id)): ValidPath<(WorkshopId, ParticipantId)>,
) -> Result<Redirect, PageError> {
    run_to_console(&app, &facilitator, id, Command::SetPresence { participant_id, present: true }).await
}

/// `POST .../participants/{participant_id}/remove`.
pub async fn remove_participant(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, participant_id)): ValidPath<(WorkshopId, ParticipantId)>,
) -> Result<Redirect, PageError> {
    run_to_console(&app, &facilitator, id, Command::RemoveParticipant { participant_id }).await
}

#[derive(Deserialize)]
pub struct MergeParticipantForm {
    /// The participant the one in the path is a duplicate of.
    into: ParticipantId,
}

/// `POST .../participants/{participant_id}/merge`: a duplicate into the one they are.
pub async fn merge_participant(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath((id, duplicate)): ValidPath<(WorkshopId, ParticipantId)>,
    FormFields(MergeParticipantForm { into }): FormFields<MergeParticipantForm>,
) -> Result<Redirect, PageError> {
    run_to_console(&app, &facilitator, id, Command::MergeParticipant { duplicate, into }).await
}

/// Runs a control on a contribution of the workshop, 404 when it has no such contribution, and
/// comes back to an activity's page: `back`, or the one the contribution was posted in.
async fn control_contribution(
    app: &AppState,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    (id, contribution_id): (WorkshopId, ContributionId),
    back: Option<ActivityId>,
    command: Command,
) -> Result<Redirect, PageError> {
    let contribution = state.workshop.contribution(contribution_id).ok_or(PageError(Failure::NotFound))?;
    let back = back.unwrap_or(contribution.activity_id);
    run(app, &facilitator, id, command).await?;
    Ok(Redirect::to(&activity_path(id, back)))
}

#[derive(Deserialize)]
pub struct MoveContributionForm {
    kind: ContributionKind,
}

/// `POST .../contributions/{contribution_id}/move`: to another kind, e.g. another SWOT quadrant.
pub async fn move_contribution(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, contribution_id)): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(MoveContributionForm { kind }): FormFields<MoveContributionForm>,
) -> Result<Redirect, PageError> {
    let command = Command::MoveContribution { contribution_id, kind };
    control_contribution(&app, owned, (id, contribution_id), None, command).await
}

#[derive(Deserialize)]
pub struct MergeContributionForm {
    /// The contribution the one in the path duplicates.
    into: ContributionId,
}

/// `POST .../contributions/{contribution_id}/merge`: into another, as a duplicate.
pub async fn merge_contribution(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, contribution_id)): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(MergeContributionForm { into }): FormFields<MergeContributionForm>,
) -> Result<Redirect, PageError> {
    let command = Command::MergeContributions { into, merged: vec![contribution_id] };
    control_contribution(&app, owned, (id, contribution_id), None, command).await
}

#[derive(Deserialize)]
pub struct CategorizeForm {
    /// The categorize activity sorting it.
    activity_id: ActivityId,
    /// A category's id; empty, or anything but a number, unsorts.
    category: Option<String>,
}

/// `POST .../contributions/{contribution_id}/categorize`: comes back to the sorting activity.
pub async fn categorize(
    State(app): State<AppState>,
    owned: OwnedWorkshop,
    ValidPath((id, contribution_id)): ValidPath<(WorkshopId, ContributionId)>,
    FormFields(form): FormFields<CategorizeForm>,
) -> Result<Redirect, PageError> {
    let category = trimmed(&form.category).and_then(|raw| raw.parse::<u32>().ok());
    let command = Command::Categorize { activity_id: form.activity_id, contribution_id, category };
    control_contribution(&app, owned, (id, contribution_id), Some(form.activity_id), command).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn categories(names: &[(u32, &str)]) -> Vec<Category> {
        names.iter().map(|(id, name)| Category { id: *id, name: (*name).to_owned() }).collect()
    }

    #[test]
    fn editing_category_names_keeps_the_ids_of_those_kept() {
        let existing = categories(&[(0, "Culture"), (1, "Outils"), (2, "Coordination")]);
        // Removing a line and reordering keep every remaining category's id.
        assert_eq!(
            categories_from_lines(&existing, "Coordination\nCulture"),
            categories(&[(2, "Coordination"), (0, "Culture")])
        );
        // A renamed line takes the id of the name that is gone.
        assert_eq!(
            categories_from_lines(&existing, "Culture\nMéthodes\nCoordination"),
            categories(&[(0, "Culture"), (1, "Méthodes"), (2, "Coordination")])
        );
        // A new line gets a new id.
        assert_eq!(
            categories_from_lines(&existing, "Culture\nOutils\nCoordination\nDroit"),
            categories(&[(0, "Culture"), (1, "Outils"), (2, "Coordination"), (3, "Droit")])
        );
    }

    fn activity(kind: ActivityKind) -> Activity {
        let config = converge_engine::templates::starting_config(kind, converge_core::Language::Fr);
        Activity {
            id: ActivityId::from_uuid(uuid::Uuid::from_u128(1)),
            title: "Activité".into(),
            prompt: String::new(),
            settings: ActivitySettings::from_record(kind, &config),
            status: converge_core::ActivityStatus::Draft,
            times_opened: 0,
            timer: None,
            placements: Default::default(),
            brainwriting: None,
            ballots: Default::default(),
            comparisons: Vec::new(),
            assessments: Default::default(),
            frozen_result: None,
            risk_ratings: Default::default(),
            shortlist: Vec::new(),
            selection: None,
        }
    }

    /// Every field of the settings form filled in, as a hand-made request could send it.
    fn every_field() -> EditActivityForm {
        let some = |value: &str| Some(value.to_owned());
        EditActivityForm {
            title: some("Activité"),
            prompt: some(""),
            minutes: some("20"),
            anonymous: some("on"),
            lock_at_zero: None,
            source: Vec::new(),
            deck: some("builtin"),
            categories: some("Culture\nOutils"),
            jurisdictions: some("La ville"),
            criteria: some("impact | Impact | 2"),
            vote_method: some("borda"),
            dots_budget: some("5"),
            dots_cap: some("3"),
            grades: some("6"),
            rank_by_median: None,
            impact_threshold: some("3"),
            feasibility_threshold: some("2,5"),
            ideas_per_round: some("2"),
            round_minutes: some("4"),
            table_size: some("5"),
            take: some("all"),
            take_number: None,
        }
    }

    #[test]
    fn the_settings_form_reads_what_an_activity_takes() {
        let activity = activity(ActivityKind::Vote);
        let form = |take: &str, number: Option<&str>| EditActivityForm {
            take: Some(take.to_owned()),
            take_number: number.map(str::to_owned),
            ..every_field()
        };
        assert_eq!(config_from_form(&activity, &form("top", Some("10"))).unwrap().take, Some(Take::Top { n: 10 }));
        assert_eq!(config_from_form(&activity, &form("dots", Some("2"))).unwrap().take, Some(Take::MinDots { k: 2 }));
        assert_eq!(config_from_form(&activity, &form("shortlist", None)).unwrap().take, Some(Take::Shortlist));
        assert_eq!(config_from_form(&activity, &form("all", None)).unwrap().take, None);
        for (take, number) in [("top", None), ("top", Some("ten")), ("best", Some("3"))] {
            assert_eq!(
                config_from_form(&activity, &form(take, number)),
                Err(DomainError::InvalidConfig { reason: "take" }),
                "{take} {number:?}"
            );
        }
    }

    #[test]
    fn the_settings_form_sends_only_the_activitys_own_kind_of_settings() {
        for kind in ActivityKind::ALL {
            let activity = activity(kind);
            let config = config_from_form(&activity, &every_field()).unwrap();
            assert_eq!(config.option_of_another_kind(kind), None, "{kind:?}");
            let settings = ActivitySettings::parse(kind, &config, activity.id, &[]).unwrap();
            assert_eq!((settings.kind(), settings.minutes, settings.anonymous), (kind, Some(20), true));
        }
    }

    #[test]
    fn what_the_form_does_not_show_is_kept() {
        let mut activity = activity(ActivityKind::PhotoLanguage);
        activity.settings.day = Some(2);
        activity.settings.kind = KindSettings::PhotoLanguage { deck: Some("ours".into()) };
        let form = EditActivityForm { deck: None, ..every_field() };
        let settings =
            ActivitySettings::from_record(ActivityKind::PhotoLanguage, &config_from_form(&activity, &form).unwrap());
        assert_eq!((settings.day, settings.deck()), (Some(2), Some("ours")));
    }
}
