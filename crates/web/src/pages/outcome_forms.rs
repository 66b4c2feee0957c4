//! The pages and forms of the action plan and the risk map. Every form posts and redirects, so a
//! phone without JavaScript does everything; a refusal shows the page again with the message and
//! what was typed.
//!
//! - `GET  /w/{id}/a/{activity_id}/actions/new[?source=<contribution>]`: a new card, filled in
//!   from the idea it is drafted from.
//! - `POST /w/{id}/a/{activity_id}/actions`: drafts it (`action_id` is chosen by the page, so a
//!   form sent twice drafts one card).
//! - `GET  /w/{id}/a/{activity_id}/actions/{action_id}`: one card, its consensus form and its edit
//!   form.
//! - `POST …/actions/{action_id}/edit`: saves an edit made from `base_revision`. The form also
//!   carries the values the editor started from (`was_*`), so a conflict is answered with the
//!   card as it now is, what was typed, and the two merged into the form.
//! - `POST …/actions/{action_id}/consensus`: `stance` (`agree`, `can_live_with`, `object`) and a
//!   `reason`, required for an objection.
//! - `POST …/actions/{action_id}/withdraw`: the facilitator takes a card out of the plan.
//! - `POST /w/{id}/a/{activity_id}/risks/{risk}/rating`: `likelihood` and `impact`, 1 to 5.
//! - `POST /w/{id}/a/{activity_id}/risks/{risk}/mitigations`: the ticked `action`s, all of them.

use super::activities::action_plan::{self, CardForm, Conflict};
use super::activities::{self, Draft, View};
use super::layout::{Frame, Live, PageContext, csrf_field, form_error, page};
use super::participant::{activity_page_with, member_again};
use crate::AppState;
use crate::access::Member;
use crate::error::{Answer, Failure, PageError};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{
    ActionId, ActivityId, ActivityKind, ActivityStatus, Actor, Command, ContributionId, DomainError, ParticipantId,
    Role, Scope, Stance, WorkshopId,
};
use converge_engine::EngineError;
use converge_views::pages::console::activity_status;
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashMap;

/// The participant through whom the member acts here.
fn viewer_of(member: &Member) -> Option<ParticipantId> {
    match member.actor {
        Actor::Participant(participant) => Some(participant),
        Actor::Account(account) => member.state.workshop.facilitator_for(account).map(|participant| participant.id),
        Actor::Newcomer => None,
    }
}

/// Where the member sees the activity: the console for the facilitator, the phone page otherwise.
fn list_path(member: &Member, id: WorkshopId, activity_id: ActivityId) -> String {
    if member.role == Role::Facilitator {
        format!("/facilitator/workshops/{id}/activities/{activity_id}")
    } else {
        format!("/w/{id}/a/{activity_id}")
    }
}

/// Runs a form's command as the member. The outer error is a page of its own (a forbidden command,
/// an engine failure); the inner one is a refusal the form shows again.
pub(super) async fn execute_form_command(
    app: &AppState,
    member: &Member,
    command: Command,
) -> Result<Result<(), DomainError>, PageError> {
    match app.engine.execute(member.state.workshop.id, member.actor, command).await {
        Ok(_) => Ok(Ok(())),
        Err(EngineError::Domain(error)) if !error.is_forbidden() => Ok(Err(error)),
        Err(error) => Err(PageError::from(error)),
    }
}

/// The member as they are after a refusal (someone else may have changed the workshop meanwhile),
/// and the refusal's message in their language, to show the page again.
async fn after_refusal(
    app: &AppState,
    member: &Member,
    error: DomainError,
    lang: crate::Lang,
) -> Result<(Member, String), PageError> {
    let fresh = member_again(app, member, member.state.workshop.id).await?;
    Ok((fresh, Failure::from(error).message(lang)))
}

/// Where the member goes back to after rating a risk or linking its mitigations.
fn risk_path(member: &Member, id: WorkshopId, activity_id: ActivityId, risk: ContributionId) -> String {
    format!("{}#risk-{risk}", list_path(member, id, activity_id))
}

/// Refuses a route of one kind of activity called on another: the caller is in, the activity
/// just does not do that.
fn require_kind(member: &Member, activity_id: ActivityId, kind: ActivityKind) -> Result<(), PageError> {
    let activity = member.state.workshop.activity(activity_id).ok_or(PageError::from(Failure::NotFound))?;
    if activity.kind() != kind {
        return Err(PageError::from(DomainError::WrongActivityKind));
    }
    Ok(())
}

/// A page of the action plan (a new card, one card): the activity's header and state, then
/// `body`. It refreshes itself live at `address`, and never follows the room's focus: someone
/// writing a card stays on it.
#[allow(clippy::too_many_arguments)]
async fn plan_page(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    title: &str,
    address: String,
    status: StatusCode,
    error: Option<&str>,
    body: impl FnOnce(&View<'_>) -> Markup,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let workshop = &member.state.workshop;
    let activity = workshop.activity(activity_id).ok_or(PageError::from(Failure::NotFound))?;
    if activity.kind() != ActivityKind::ActionPlan || !activity.is_visible_to(member.role) {
        return Err(PageError::from(Failure::NotFound));
    }
    let profiles = app.engine.profiles(workshop.id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let draft = Draft::default();
    let view = View {
        lang,
        csrf: &context.csrf,
        workshop,
        activity,
        names: &names,
        keyring: &member.state.keyring,
        viewer: viewer_of(member),
        role: Some(member.role),
        now: converge_engine::now(),
        draft: &draft,
    };
    let live = Live {
        stream: format!("/api/v1/workshops/{}/events", workshop.id),
        seq: member.state.seq,
        page: address,
        kinds: Live::ACTIVITY,
        activity: Some(activities::related_activities(workshop, activity)),
        // A phone on a card goes where the facilitator sends every screen, as on any page.
        follow_focus: (member.role != Role::Facilitator).then(|| format!("/w/{}/a/", workshop.id)),
    };
    let markup = page(
        context,
        Frame { title, live: Some(live), body_class: "" },
        html! {
            p { a href=(list_path(member, workshop.id, activity.id)) { "← " (activity.title) } }
            div #card-state data-live data-live-state=(activity.status.as_str()) {
                (activity_status(lang, workshop, activity))
                @if activity.status != ActivityStatus::Open {
                    p.notice { (lang.t(if member.role == Role::Facilitator {
                        "actions-closed-facilitator-notice"
                    } else {
                        "participant-activity-not-open"
                    })) }
                }
            }
            (form_error(error))
            (body(&view))
        },
    );
    Ok((status, markup).into_response())
}

#[derive(Deserialize)]
pub struct NewCardQuery {
    /// The contribution the card is drafted from.
    source: Option<String>,
}

/// The form for a new card, filled in from the idea it is drafted from when one is named.
pub async fn new_card_page(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((_, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    ValidQuery(query): ValidQuery<NewCardQuery>,
) -> Result<Response, PageError> {
    let workshop = &member.state.workshop;
    let mut form = CardForm::default();
    if let Some(source) =
        query.source.and_then(|raw| raw.parse::<ContributionId>().ok()).and_then(|id| workshop.contribution(id))
    {
        form.card.title = action_plan::title_from(&source.text);
        form.card.description.clone_from(&source.text);
        form.sources.push(source.id);
    }
    render_new_card(&app, &context, &member, activity_id, &form, uuid::Uuid::now_v7(), Answer::Ok.status(), None).await
}

#[allow(clippy::too_many_arguments)]
async fn render_new_card(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    form: &CardForm,
    action_id: uuid::Uuid,
    status: StatusCode,
    error: Option<&str>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let id = member.state.workshop.id;
    let title = lang.t("actions-new-heading");
    let address = format!("{}/new", action_plan::plan_path(id, activity_id));
    plan_page(app, context, member, activity_id, &title, address, status, error, |view| {
        let mut form = form.clone();
        if form.card.jurisdiction.is_empty() {
            form.card.jurisdiction = view.activity.settings.jurisdiction_keys().into_iter().next().unwrap_or_default();
        }
        html! {
            h1 { (title) }
            @if action_plan::may_write(view) {
                (action_plan::card_form(view, &action_plan::plan_path(id, activity_id), &form, None, Some(action_id)))
            }
        }
    })
    .await
}

/// A card form as the card pages post it: the card's fields as typed, the sources ticked, and,
/// when editing, the values and sources the editor started from (`was_*`), the revision they
/// started from, or, when drafting, the card's id chosen by the page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CardFields {
    #[serde(flatten)]
    card: CardText,
    #[serde(default)]
    source: Vec<String>,
    #[serde(default)]
    was_title: Option<String>,
    #[serde(default)]
    was_description: String,
    #[serde(default)]
    was_rationale: String,
    #[serde(default)]
    was_owner: String,
    #[serde(default)]
    was_jurisdiction: String,
    #[serde(default)]
    was_horizon: String,
    #[serde(default)]
    was_first_steps: String,
    #[serde(default)]
    was_resources: String,
    #[serde(default)]
    was_indicators: String,
    #[serde(default)]
    was_source: Vec<String>,
    #[serde(default)]
    base_revision: Option<String>,
    #[serde(default)]
    action_id: Option<String>,
}

/// The text fields of a card, each empty when not sent.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CardText {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    owner: String,
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    horizon: String,
    #[serde(default)]
    first_steps: String,
    #[serde(default)]
    resources: String,
    #[serde(default)]
    indicators: String,
}

impl CardText {
    fn into_card(self) -> converge_core::outcomes::ActionCard {
        let CardText {
            title,
            description,
            rationale,
            owner,
            jurisdiction,
            horizon,
            first_steps,
            resources,
            indicators,
        } = self;
        converge_core::outcomes::ActionCard {
            title,
            description,
            rationale,
            owner,
            jurisdiction,
            horizon,
            first_steps,
            resources,
            indicators,
        }
    }
}

/// The contributions ticked, in order, each once; what is not an id is left out.
fn sources_ticked(raw: &[String]) -> Vec<ContributionId> {
    let mut sources = Vec::new();
    for source in raw.iter().filter_map(|value| value.trim().parse::<ContributionId>().ok()) {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    sources
}

impl CardFields {
    /// The card and sources as sent.
    fn attempted(&self) -> CardForm {
        let card = self.card.clone();
        CardForm { card: card.into_card(), sources: sources_ticked(&self.source) }
    }

    /// The values an edit started from, when the form carries them.
    fn started_from(&self) -> Option<CardForm> {
        let title = self.was_title.clone()?;
        let card = CardText {
            title,
            description: self.was_description.clone(),
            rationale: self.was_rationale.clone(),
            owner: self.was_owner.clone(),
            jurisdiction: self.was_jurisdiction.clone(),
            horizon: self.was_horizon.clone(),
            first_steps: self.was_first_steps.clone(),
            resources: self.was_resources.clone(),
            indicators: self.was_indicators.clone(),
        };
        Some(CardForm { card: card.into_card(), sources: sources_ticked(&self.was_source) })
    }
}

pub async fn draft_card(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    FormFields(fields): FormFields<CardFields>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    require_kind(&member, activity_id, ActivityKind::ActionPlan)?;
    if let Actor::Participant(participant) = member.actor {
        app.limits
            .post_per_participant
            .check(&participant.to_string())
            .map_err(|wait| PageError::from(Failure::TooManyRequests(wait)))?;
    }
    let form = fields.attempted();
    let chosen = fields.action_id.as_deref().and_then(|raw| uuid::Uuid::try_parse(raw.trim()).ok());
    let action_id = chosen.unwrap_or_else(uuid::Uuid::now_v7);
    let command = Command::DraftAction {
        action_id: ActionId::from_uuid(action_id),
        activity_id,
        card: form.card.clone(),
        sources: form.sources.clone(),
    };
    let card = action_plan::card_path(id, activity_id, ActionId::from_uuid(action_id));
    match execute_form_command(&app, &member, command).await? {
        Ok(()) => Ok(Redirect::to(&card).into_response()),
        // The same form sent again (a retry on a flaky network): the card is there already.
        Err(DomainError::DuplicateAction(existing))
            if member.state.workshop.action(existing).is_some_and(|action| {
                viewer_of(&member).is_some_and(|viewer| {
                    member.state.keyring.is(viewer, Scope::Draft(action.activity_id), &action.author)
                })
            }) =>
        {
            Ok(Redirect::to(&card).into_response())
        }
        Err(error) => {
            let (fresh, message) = after_refusal(&app, &member, error, lang).await?;
            let status = Answer::Refused.status();
            render_new_card(&app, &context, &fresh, activity_id, &form, action_id, status, Some(&message)).await
        }
    }
}

/// What the card page shows besides the card: a refused edit or stance, kept as typed.
enum Shown<'a> {
    Card,
    /// An edit to show again in the form (opened), from this revision and these values.
    Editing {
        form: &'a CardForm,
        revision: u32,
        started_from: &'a CardForm,
        conflict: Option<Conflict<'a>>,
    },
    Stance(Stance, &'a str),
}

pub async fn card_page(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((_, activity_id, action_id)): ValidPath<(WorkshopId, ActivityId, ActionId)>,
    member: Member,
) -> Result<Response, PageError> {
    render_card(&app, &context, &member, activity_id, action_id, Answer::Ok.status(), None, Shown::Card).await
}

#[allow(clippy::too_many_arguments)]
async fn render_card(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    action_id: ActionId,
    status: StatusCode,
    error: Option<&str>,
    shown: Shown<'_>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let workshop = &member.state.workshop;
    let action = workshop
        .action(action_id)
        .filter(|action| action.activity_id == activity_id)
        .ok_or(PageError::from(Failure::NotFound))?;
    let address = action_plan::card_path(workshop.id, activity_id, action_id);
    let current = CardForm { card: action.card.clone(), sources: action.sources.clone() };
    plan_page(app, context, member, activity_id, &action.card.title, address.clone(), status, error, |view| {
        let (form, revision, started, conflict, open) = match &shown {
            Shown::Editing { form, revision, started_from, conflict } => {
                (*form, *revision, *started_from, conflict.as_ref(), true)
            }
            _ => (&current, action.revision, &current, None, false),
        };
        let stance = match shown {
            Shown::Stance(stance, reason) => Some((stance, reason)),
            _ => None,
        };
        html! {
            @if let Some(conflict) = conflict { (action_plan::conflict_notice(view, conflict, action)) }
            div #card-live data-live { (action_plan::card_details(view, action)) }
            @if action.withdrawn {
                p.notice { (lang.t("actions-withdrawn-notice")) }
            } @else {
                @if action_plan::may_take_a_stance(view) { (action_plan::consensus_form(view, action, stance)) }
                @if action_plan::may_write(view) {
                    details #edit.card open[open] {
                        summary { (lang.t("actions-edit-summary")) }
                        (action_plan::card_form(view, &format!("{address}/edit"), form, Some((revision, started)), None))
                    }
                }
                // Withdrawing changes the plan: not once the workshop's record is sealed.
                @if view.is_facilitator() && view.workshop.closed_at.is_none() {
                    form method="post" action={ (address) "/withdraw" } {
                        (csrf_field(view.csrf))
                        p.hint { (lang.t("actions-withdraw-hint")) }
                        button.danger type="submit" { (lang.t("actions-withdraw-button")) }
                    }
                }
            }
        }
    })
    .await
}

pub async fn edit_card(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id, action_id)): ValidPath<(WorkshopId, ActivityId, ActionId)>,
    member: Member,
    FormFields(fields): FormFields<CardFields>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    require_kind(&member, activity_id, ActivityKind::ActionPlan)?;
    let attempted = fields.attempted();
    let base_revision = fields
        .base_revision
        .as_deref()
        .and_then(|raw| raw.parse::<u32>().ok())
        .ok_or(PageError::from(Failure::BadRequest("base_revision".into())))?;
    let command = Command::EditAction {
        action_id,
        base_revision,
        card: attempted.card.clone(),
        sources: attempted.sources.clone(),
    };
    let address = action_plan::card_path(id, activity_id, action_id);
    let Err(error) = execute_form_command(&app, &member, command).await? else {
        return Ok(Redirect::to(&format!("{address}#card")).into_response());
    };
    let (fresh, message) = after_refusal(&app, &member, error.clone(), lang).await?;
    let started = fields.started_from();
    match error {
        DomainError::EditConflict { .. } => {
            let action = fresh.state.workshop.action(action_id).ok_or(PageError::from(Failure::NotFound))?;
            let current = CardForm { card: action.card.clone(), sources: action.sources.clone() };
            let (merged, clashing) = match &started {
                Some(started) => action_plan::merge_edit(started, &attempted, &current),
                // Without the values it started from, every field sent counts as changed.
                None => (attempted.clone(), Vec::new()),
            };
            let shown = Shown::Editing {
                form: &merged,
                revision: action.revision,
                started_from: &current,
                conflict: Some(Conflict { attempted: &attempted, clashing }),
            };
            render_card(
                &app,
                &context,
                &fresh,
                activity_id,
                action_id,
                Answer::Conflict.status(),
                Some(&message),
                shown,
            )
            .await
        }
        _ => {
            let started = started.unwrap_or_else(|| attempted.clone());
            let shown =
                Shown::Editing { form: &attempted, revision: base_revision, started_from: &started, conflict: None };
            let status = Answer::Refused.status();
            render_card(&app, &context, &fresh, activity_id, action_id, status, Some(&message), shown).await
        }
    }
}

/// A stance on a card.
#[derive(Deserialize)]
pub struct ConsensusForm {
    stance: Option<String>,
    reason: Option<String>,
    /// The revision of the card the stance was given on.
    revision: Option<String>,
    /// `card` to come back to the card's page; the plan otherwise.
    #[serde(rename = "return")]
    back: Option<String>,
}

pub async fn give_consensus(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id, action_id)): ValidPath<(WorkshopId, ActivityId, ActionId)>,
    member: Member,
    FormFields(form): FormFields<ConsensusForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    require_kind(&member, activity_id, ActivityKind::ActionPlan)?;
    let stance =
        trimmed(&form.stance).and_then(Stance::parse).ok_or(PageError::from(Failure::BadRequest("stance".into())))?;
    let reason = trimmed(&form.reason).unwrap_or_default();
    // The revision of the card the stance was given on; a form without one (an older page)
    // counts for the card as it is.
    let revision = trimmed(&form.revision).and_then(|revision| revision.parse().ok());
    let command = Command::GiveConsensus { action_id, revision, stance, reason: reason.to_owned() };
    match execute_form_command(&app, &member, command).await? {
        Ok(()) if trimmed(&form.back) == Some("card") => {
            Ok(Redirect::to(&format!("{}#consensus", action_plan::card_path(id, activity_id, action_id)))
                .into_response())
        }
        Ok(()) => {
            Ok(Redirect::to(&format!("{}#action-{action_id}", list_path(&member, id, activity_id))).into_response())
        }
        Err(error) => {
            let (fresh, message) = after_refusal(&app, &member, error, lang).await?;
            let status = Answer::Refused.status();
            let shown = Shown::Stance(stance, reason);
            render_card(&app, &context, &fresh, activity_id, action_id, status, Some(&message), shown).await
        }
    }
}

pub async fn withdraw_card(
    State(app): State<AppState>,
    ValidPath((id, activity_id, action_id)): ValidPath<(WorkshopId, ActivityId, ActionId)>,
    member: Member,
) -> Result<Response, PageError> {
    require_kind(&member, activity_id, ActivityKind::ActionPlan)?;
    app.engine.execute(id, member.actor, Command::WithdrawAction { action_id }).await?;
    Ok(Redirect::to(&list_path(&member, id, activity_id)).into_response())
}

/// Shows the risk map again with a refusal, 422.
async fn refuse_on_map(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    error: DomainError,
) -> Result<Response, PageError> {
    let (fresh, message) = after_refusal(app, member, error, context.lang).await?;
    activity_page_with(app, context, &fresh, activity_id, &Draft::default(), Some(&message), activities::participant)
        .await
}

/// A risk's rating on the map's two scales.
#[derive(Deserialize)]
pub struct RatingForm {
    likelihood: Option<String>,
    impact: Option<String>,
}

pub async fn rate_risk(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id, risk)): ValidPath<(WorkshopId, ActivityId, ContributionId)>,
    member: Member,
    FormFields(form): FormFields<RatingForm>,
) -> Result<Response, PageError> {
    // A scale left unchosen or not a number is off the scale: the core says what the scale is.
    let rating = |field: &Option<String>| trimmed(field).and_then(|raw| raw.parse::<u8>().ok()).unwrap_or(0);
    let command =
        Command::RateRisk { activity_id, risk, likelihood: rating(&form.likelihood), impact: rating(&form.impact) };
    match execute_form_command(&app, &member, command).await? {
        Ok(()) => Ok(Redirect::to(&risk_path(&member, id, activity_id, risk)).into_response()),
        Err(error) if member.state.workshop.activity(activity_id).is_some() => {
            refuse_on_map(&app, &context, &member, activity_id, error).await
        }
        Err(error) => Err(PageError::from(error)),
    }
}

/// The actions that mitigate a risk, one field per box ticked.
#[derive(Deserialize)]
pub struct MitigationsForm {
    #[serde(default)]
    action: Vec<String>,
}

pub async fn link_mitigations(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id, risk)): ValidPath<(WorkshopId, ActivityId, ContributionId)>,
    member: Member,
    FormFields(form): FormFields<MitigationsForm>,
) -> Result<Response, PageError> {
    require_kind(&member, activity_id, ActivityKind::RiskMap)?;
    if member.state.workshop.contribution(risk).is_none_or(|risk| risk.activity_id != activity_id) {
        return refuse_on_map(&app, &context, &member, activity_id, DomainError::NotARisk).await;
    }
    let actions: Vec<ActionId> = form.action.iter().filter_map(|value| value.trim().parse::<ActionId>().ok()).collect();
    match execute_form_command(&app, &member, Command::LinkMitigations { risk, actions }).await? {
        Ok(()) => Ok(Redirect::to(&risk_path(&member, id, activity_id, risk)).into_response()),
        Err(error) => refuse_on_map(&app, &context, &member, activity_id, error).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::Language;

    fn fields(pairs: &[(&str, &str)]) -> CardFields {
        let pairs = pairs.iter().map(|(key, value)| ((*key).to_owned(), (*value).to_owned())).collect();
        crate::extract::from_pairs(pairs).unwrap()
    }

    const A: &str = "0190a0b0-0000-7000-8000-000000000001";
    const B: &str = "0190a0b0-0000-7000-8000-000000000002";

    #[test]
    fn a_card_form_reads_its_fields_and_sources() {
        let form = fields(&[
            ("_csrf", "x"),
            ("title", "Un guichet"),
            ("jurisdiction", "shared"),
            ("source", A),
            ("source", "pas un id"),
            ("source", A),
            ("source", B),
            ("was_title", "Ancien"),
        ])
        .attempted();
        assert_eq!(form.card.title, "Un guichet");
        assert_eq!(form.card.jurisdiction, "shared");
        assert_eq!(form.sources, vec![A.parse().unwrap(), B.parse().unwrap()]);
        let started = fields(&[("title", "Neuf"), ("was_title", "Ancien"), ("was_source", B)]).started_from().unwrap();
        assert_eq!(started.card.title, "Ancien");
        assert_eq!(started.sources, vec![B.parse().unwrap()]);
        assert!(fields(&[("title", "Neuf")]).started_from().is_none());
    }

    /// Every key these pages use exists in both languages, those built at run time included.
    #[test]
    fn every_key_of_the_outcome_pages_exists() {
        let sources = [
            include_str!("outcome_forms.rs"),
            include_str!("../../../views/src/activities/action_plan.rs"),
            include_str!("../../../views/src/activities/risk_map.rs"),
        ];
        let mut keys: Vec<String> = Vec::new();
        for source in sources {
            for fragment in source.split(".t(\"").skip(1).chain(source.split(".t_args(\"").skip(1)) {
                keys.push(fragment.split('"').next().unwrap_or_default().to_owned());
            }
            for fragment in source.split("\"actions-").skip(1) {
                let key = fragment.split('"').next().unwrap_or_default();
                if !key.is_empty() && !key.ends_with('-') && !key.contains('{') {
                    keys.push(format!("actions-{key}"));
                }
            }
        }
        keys.extend(Stance::ALL.iter().map(|stance| format!("actions-stance-{}", stance.as_str())));
        keys.extend(
            converge_core::outcomes::DEFAULT_JURISDICTIONS.iter().map(|key| format!("actions-jurisdiction-{key}")),
        );
        keys.extend(["risks-likelihood-scale", "risks-impact-scale"].map(str::to_owned));
        for language in [Language::Fr, Language::En] {
            for key in &keys {
                assert_ne!(&crate::Lang(language).t(key), key, "{key} is missing in {}", language.as_str());
            }
        }
    }
}
