//! The participant's pages, phone first: the workshop's agenda and one activity at a time.

use super::layout::{Frame, Live, PageContext, csrf_field, form_error, page};
use crate::auth::Credentials;
use crate::error::{Failure, OrPage, PageError};
use crate::i18n::Lang;
use crate::AppState;
use crate::extract::{ValidForm, ValidPath};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{
    Activity, ActivityId, ActivityStatus, Actor, Command, ContributionId, ContributionKind, ParticipantId, Role, Workshop,
    WorkshopId, limits,
};
use converge_engine::{EngineError, LiveState};
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The activity's status as a badge.
pub fn activity_status(lang: Lang, activity: &Activity) -> Markup {
    let key = match activity.status {
        ActivityStatus::Open if activity.times_opened > 1 => "status-reopened",
        ActivityStatus::Open => "status-open",
        ActivityStatus::Closed => "status-closed",
        ActivityStatus::Draft => "status-draft",
    };
    html! { span class={ "badge status-" (activity.status.as_str()) } { (lang.t(key)) } }
}

/// The contributions of an activity, newest first, with their authors' names.
pub fn contribution_list(lang: Lang, workshop: &Workshop, activity: &Activity, names: &HashMap<ParticipantId, &str>) -> Markup {
    let contributions: Vec<_> = workshop.contributions_in(activity.id).collect();
    html! {
        @if contributions.is_empty() {
            p.muted { (lang.t("notes-empty")) }
        } @else {
            ul.notes {
                @for contribution in contributions.iter().rev() {
                    li class={ "note kind-" (contribution.kind.as_str()) } {
                        @if activity.kind.accepted_contributions().len() > 1 {
                            span.badge { (lang.t(&format!("kind-{}", contribution.kind.as_str()))) }
                        }
                        p.note-text { (contribution.text) }
                        p.note-author { (names.get(&contribution.author).copied().unwrap_or("?")) }
                    }
                }
            }
        }
    }
}

/// The participant (or the workshop's own facilitator) this browser is in `id`, or a redirect to join.
async fn member(app: &AppState, context: &PageContext, headers: &HeaderMap, id: WorkshopId) -> Result<Member, Response> {
    let lang = context.lang;
    let fail = |failure: Failure| PageError::new(failure, lang).into_response();
    let state = app.engine.state(id).await.map_err(|error| fail(error.into()))?;
    if state.workshop.deleted {
        return Err(fail(Failure::NotFound));
    }
    let credentials = Credentials::from_headers(app, headers).await.map_err(fail)?;
    match credentials.actor_in(app, &state) {
        Ok((actor, role)) => Ok(Member { state, actor, role }),
        Err(Failure::Unauthenticated) => Err(Redirect::to("/join").into_response()),
        // Someone outside the workshop learns nothing about it, not even that it exists.
        Err(Failure::Forbidden) => Err(fail(Failure::NotFound)),
        Err(failure) => Err(fail(failure)),
    }
}

struct Member {
    state: Arc<LiveState>,
    actor: Actor,
    role: Role,
}

fn live(id: WorkshopId, seq: u64, page: String, kinds: &'static str, activity: Option<ActivityId>) -> Option<Live> {
    let activity = activity.map(|activity| activity.to_string());
    Some(Live { stream: format!("/api/v1/workshops/{id}/events"), seq, page, kinds, activity })
}

pub async fn home(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Response, PageError> {
    let member = match member(&app, &context, &headers, id).await {
        Ok(member) => member,
        Err(response) => return Ok(response),
    };
    let lang = context.lang;
    let profiles = app.engine.profiles(id).await.or_page(lang)?;
    let you = match member.actor {
        Actor::Participant(participant) => profiles.get(&participant).map(|p| p.name.clone()),
        _ => None,
    };
    let workshop = &member.state.workshop;
    Ok(page(
        &context,
        Frame { title: &workshop.title, live: live(id, member.state.seq, format!("/w/{id}"), Live::AGENDA, None), body_class: "" },
        html! {
            h1 { (workshop.title) }
            @if let Some(name) = you {
                p.muted { (lang.t_args("participant-welcome", &[("name", name.into())])) }
            }
            div #agenda-live data-live {
                @if workshop.open_activities().next().is_none() {
                    p.notice { (lang.t("participant-waiting")) }
                }
                ol.agenda {
                    @for activity in &workshop.activities {
                        li.card {
                            div.activity-head {
                                @if activity.status == ActivityStatus::Open {
                                    a data-activity-link href={ "/w/" (id) "/a/" (activity.id) } { (activity.title) }
                                } @else {
                                    span { (activity.title) }
                                }
                                (activity_status(lang, activity))
                            }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

pub async fn activity_page(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
) -> Result<Response, PageError> {
    let member = match member(&app, &context, &headers, id).await {
        Ok(member) => member,
        Err(response) => return Ok(response),
    };
    render_activity(&app, &context, &member, activity_id, &NoteForm::default(), None).await
}

async fn render_activity(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    form: &NoteForm,
    error: Option<&str>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let workshop = &member.state.workshop;
    let activity = workshop.activity(activity_id).ok_or(PageError::new(Failure::NotFound, lang))?;
    let profiles = app.engine.profiles(workshop.id).await.or_page(lang)?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let kinds = activity.kind.accepted_contributions();
    let can_post = activity.status == ActivityStatus::Open && member.role.may_contribute() && !kinds.is_empty();
    let markup = page(
        context,
        Frame { title: &activity.title, live: live(
                workshop.id,
                member.state.seq,
                format!("/w/{}/a/{}", workshop.id, activity.id),
                Live::NOTES,
                Some(activity.id),
            ),
            body_class: "",
        },
        html! {
            p { a href={ "/w/" (workshop.id) } { "← " (workshop.title) } }
            h1 { (activity.title) }
            @if !activity.prompt.is_empty() { p.prompt { (activity.prompt) } }
            div #activity-state data-live data-live-state=(activity.status.as_str()) {
                (activity_status(lang, activity))
                @if activity.status != ActivityStatus::Open {
                    p.notice { (lang.t("participant-activity-not-open")) }
                }
            }
            (form_error(error))
            @if can_post {
                form #note-form.stack.card method="post" action={ "/w/" (workshop.id) "/a/" (activity.id) "/notes" } {
                    (csrf_field(&context.csrf))
                    // Chosen now, so that sending this form twice records the note once.
                    input type="hidden" name="contribution_id" value=(form.contribution_id.unwrap_or_else(uuid::Uuid::now_v7));
                    @if kinds.len() > 1 {
                        label for="kind" { (lang.t("note-kind-label")) }
                        select #kind name="kind" required {
                            @for kind in kinds {
                                option value=(kind.as_str()) selected[form.kind == kind.as_str()] {
                                    (lang.t(&format!("kind-{}", kind.as_str())))
                                }
                            }
                        }
                    }
                    label for="text" { (lang.t("note-text-label")) }
                    textarea #text name="text" required maxlength=(limits::NOTE_MAX) rows="4" { (form.text) }
                    button type="submit" { (lang.t("note-post-button")) }
                }
            }
            div #notes-live data-live {
                h2 { (lang.t("notes-heading")) }
                (contribution_list(lang, workshop, activity, &names))
            }
        },
    );
    let status = if error.is_some() { axum::http::StatusCode::UNPROCESSABLE_ENTITY } else { axum::http::StatusCode::OK };
    Ok((status, markup).into_response())
}

#[derive(Deserialize, Default)]
pub struct NoteForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    card: String,
    #[serde(default, deserialize_with = "uuid_or_none")]
    contribution_id: Option<uuid::Uuid>,
}

/// A missing or malformed id gets a fresh one rather than failing the post.
fn uuid_or_none<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<uuid::Uuid>, D::Error> {
    let raw = String::deserialize(deserializer)?;
    Ok(uuid::Uuid::try_parse(&raw).ok())
}

pub async fn post_note(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    ValidForm(form): ValidForm<NoteForm>,
) -> Result<Response, PageError> {
    let member = match member(&app, &context, &headers, id).await {
        Ok(member) => member,
        Err(response) => return Ok(response),
    };
    let lang = context.lang;
    if let Actor::Participant(participant) = member.actor {
        app.limits
            .post_per_participant
            .check(&participant.to_string())
            .map_err(|wait| PageError::new(Failure::TooManyRequests(wait), lang))?;
    }
    let kind = match form.kind.as_str() {
        "" => None,
        raw => Some(ContributionKind::parse(raw).ok_or(PageError::new(Failure::BadRequest("kind".into()), lang))?),
    };
    let command = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(form.contribution_id.unwrap_or_else(uuid::Uuid::now_v7)),
        activity_id,
        kind,
        text: form.text.clone(),
        links: Vec::new(),
        card: Some(form.card.clone()).filter(|card| !card.is_empty()),
    };
    match app.engine.execute(id, member.actor, command).await {
        Ok(_) => Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}")).into_response()),
        Err(EngineError::Domain(error)) if !error.is_forbidden() => {
            // Show the form again with what was typed, so nothing is lost to a refusal.
            let fresh = match member_again(&app, &member, id).await {
                Ok(state) => state,
                Err(error) => return Err(PageError::new(error, lang)),
            };
            let message = Failure::from(error).message(lang);
            render_activity(&app, &context, &fresh, activity_id, &form, Some(&message)).await
        }
        Err(error) => Err(PageError::new(error, lang)),
    }
}

async fn member_again(app: &AppState, member: &Member, id: WorkshopId) -> Result<Member, EngineError> {
    Ok(Member { state: app.engine.state(id).await?, actor: member.actor, role: member.role })
}
