//! The participant's pages, phone first: the workshop's agenda and one activity at a time.

use super::activities::{self, Draft};
use super::layout::{EventKinds, Frame, Live, PageContext, form_error, page};
use crate::AppState;
use crate::access::Member;
use crate::error::{Answer, Failure, PageError, add_retry_after};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{
    ActivityId, ActivityStatus, Actor, Command, ContributionId, ContributionKind, ParticipantId, SheetRef, WorkshopId,
};
use converge_engine::EngineError;
use converge_views::pages::console::activity_status;
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::HashMap;

fn live(id: WorkshopId, seq: u64, page: String, kinds: EventKinds, activity: Option<String>) -> Option<Live> {
    let follow_focus = Some(format!("/w/{id}/a/"));
    Some(Live { stream: format!("/api/v1/workshops/{id}/events"), seq, page, kinds, activity, follow_focus })
}

/// The participant's personal code and link, large enough to photograph: their way back in on
/// another device, and to their contributions for as long as the workshop lasts.
pub(super) fn your_code(
    app: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    id: WorkshopId,
    participant: ParticipantId,
) -> Markup {
    let code = app.engine.resume_code(id, participant);
    let link = format!("{}/w/{id}/resume?code={code}", crate::public_base(app, headers));
    html! {
        section.card.your-code {
            h2 { (lang.t("your-code-heading")) }
            p.code.personal-code data-resume-code { (code) }
            p.hint { (lang.t("your-code-hint")) }
            p { (lang.t("your-code-link")) }
            p { a.join-url href=(link) { (link) } }
        }
    }
}

pub async fn home(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
    member: Member,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let profiles = app.engine.profiles(id).await?;
    let you = match member.actor {
        Actor::Participant(participant) => profiles.get(&participant).map(|p| p.name.clone()),
        _ => None,
    };
    let workshop = &member.state.workshop;
    let me = match member.actor {
        Actor::Participant(participant) => workshop.participants.get(&participant),
        _ => None,
    };
    let focused = workshop.focus.and_then(|focus| workshop.activity(focus));
    Ok(page(
        &context,
        Frame {
            title: &workshop.title,
            live: live(id, member.state.seq, format!("/w/{id}"), Live::AGENDA, None),
            body_class: "",
        },
        html! {
            h1 { (workshop.title) }
            @if let Some(name) = you {
                p.muted { (lang.t_args("participant-welcome", &[("name", name.into())])) }
            }
            div #agenda-live data-live {
                @if workshop.closed_at.is_some() {
                    div.notice.closed-thanks role="status" {
                        p { (lang.t("participant-closed-thanks")) }
                        p { a.button href={ "/w/" (id) "/mine" } { (lang.t("participant-closed-mine")) } }
                    }
                } @else if let Some(table) = me.and_then(|me| workshop.table_of(me.id)) {
                    p.notice.table-notice { (lang.t_args("participant-your-table", &[("table", (table + 1).into())])) }
                }
                @if let Some(focused) = focused {
                    // Without JavaScript a phone is not sent anywhere: show the way instead.
                    p { a.button.focus-link data-activity-link href={ "/w/" (id) "/a/" (focused.id) } {
                        (lang.t_args("participant-go-to", &[("title", focused.title.as_str().into())]))
                    } }
                } @else if workshop.open_activities().next().is_none() && workshop.closed_at.is_none() {
                    p.notice { (lang.t("participant-waiting")) }
                }
                ol.agenda {
                    @for activity in &workshop.activities {
                        li.card {
                            div.activity-head {
                                // Closed activities stay reachable: their boards are the results.
                                @if activity.is_visible_to(member.role) {
                                    a data-activity-link href={ "/w/" (id) "/a/" (activity.id) } { (activity.title) }
                                } @else {
                                    span { (activity.title) }
                                }
                                (activity_status(lang, workshop, activity))
                            }
                        }
                    }
                }
            }
            p { a.mine-link href={ "/w/" (id) "/mine" } { (lang.t("mine-link")) } }
            @if let Actor::Participant(participant) = member.actor {
                (your_code(&app, &headers, lang, id, participant))
            }
            // Live, so that closing the workshop takes the button away on every open phone.
            // Presence is for the room; a closed workshop has no room any more.
            div #presence-live data-live {
                @if let Some(me) = me.filter(|_| workshop.closed_at.is_none()) {
                    form.presence method="post" action={ "/w/" (id) "/presence" } {
                        (super::layout::csrf_field(&context.csrf))
                        @if me.present {
                            p.hint { (lang.t("participant-leave-hint")) }
                            button.secondary type="submit" { (lang.t("participant-leave-button")) }
                        } @else {
                            input type="hidden" name="present" value="true";
                            p.notice { (lang.t("participant-away-notice")) }
                            button type="submit" { (lang.t("participant-return-button")) }
                        }
                    }
                }
            }
        },
    )
    .into_response())
}

/// What the redirect after a note says to the activity page: that the note was sent, and its
/// kind, which the form offers again for the next one.
#[derive(Deserialize)]
pub struct AfterNote {
    sent: Option<String>,
    kind: Option<String>,
}

pub async fn activity_page(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((_, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    ValidQuery(after): ValidQuery<AfterNote>,
    member: Member,
) -> Result<Response, PageError> {
    let draft = Draft {
        sent: after.sent.as_deref() == Some("1"),
        kind: after
            .kind
            .as_deref()
            .and_then(ContributionKind::parse)
            .map(|kind| kind.as_str().to_owned())
            .unwrap_or_default(),
        ..Draft::default()
    };
    render_activity(&app, &context, &member, activity_id, &draft, None).await
}

async fn render_activity(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    draft: &Draft,
    error: Option<&str>,
) -> Result<Response, PageError> {
    activity_page_with(app, context, member, activity_id, draft, error, activities::participant).await
}

/// A participant's activity page, its body rendered by `body` (the activity's own view, or a
/// form shown again with what was refused) and, after a refusal, the message above it.
pub(super) async fn activity_page_with(
    app: &AppState,
    context: &PageContext,
    member: &Member,
    activity_id: ActivityId,
    draft: &Draft,
    error: Option<&str>,
    body: impl FnOnce(&activities::View<'_>) -> maud::Markup,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let workshop = &member.state.workshop;
    let activity = workshop
        .activity(activity_id)
        .filter(|activity| activity.is_visible_to(member.role))
        .ok_or(PageError::from(Failure::NotFound))?;
    let profiles = app.engine.profiles(workshop.id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let viewer = match member.actor {
        Actor::Participant(participant) => Some(participant),
        Actor::Account(account) => workshop.facilitator_for(account).map(|participant| participant.id),
        Actor::Newcomer => None,
    };
    let view = activities::View {
        lang,
        csrf: &context.csrf,
        workshop,
        activity,
        names: &names,
        keyring: &member.state.keyring,
        viewer,
        role: Some(member.role),
        now: converge_engine::now(),
        draft,
    };
    let markup = page(
        context,
        Frame {
            title: &activity.title,
            live: live(
                workshop.id,
                member.state.seq,
                format!("/w/{}/a/{}", workshop.id, activity.id),
                Live::ACTIVITY,
                Some(activities::related_activities(workshop, activity)),
            ),
            body_class: "",
        },
        html! {
            p { a href={ "/w/" (workshop.id) } { "← " (workshop.title) } }
            h1 { (activity.title) }
            @if !activity.prompt.is_empty() { p.prompt { (activity.prompt) } }
            div #activity-state data-live data-live-state=(activity.status.as_str()) {
                (activity_status(lang, workshop, activity))
                (super::timer::timer(lang, activity, view.now))
                @if activity.status != ActivityStatus::Open {
                    p.notice { (lang.t("participant-activity-not-open")) }
                }
                @if activity.settings.anonymous {
                    p.hint { (lang.t("activity-anonymous-notice")) }
                }
            }
            (form_error(error))
            (body(&view))
        },
    );
    let status = if error.is_some() { Answer::Refused.status() } else { Answer::Ok.status() };
    Ok((status, markup).into_response())
}

/// The note form. Links come as repeated `link` fields.
#[derive(Deserialize)]
pub struct NoteForm {
    #[serde(default)]
    text: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    card: String,
    #[serde(default)]
    link: Vec<String>,
    contribution_id: Option<String>,
    sheet_table: Option<String>,
    sheet: Option<String>,
    sheet_round: Option<String>,
}

fn draft_from(form: NoteForm) -> Draft {
    let number = |field: &Option<String>| trimmed(field).and_then(|raw| raw.parse::<u32>().ok());
    // All three or none: a partial sheet is no sheet, and the rules decide on the sheet held now.
    let sheet = match (number(&form.sheet_table), number(&form.sheet), number(&form.sheet_round)) {
        (Some(table), Some(sheet), Some(round)) => Some(SheetRef { table, sheet, round }),
        _ => None,
    };
    Draft {
        text: form.text,
        kind: form.kind,
        sent: false,
        card: form.card,
        links: form.link.iter().filter_map(|value| uuid::Uuid::try_parse(value).ok()).collect(),
        // A missing or malformed id gets a fresh one rather than failing the post.
        contribution_id: form.contribution_id.as_deref().and_then(|value| uuid::Uuid::try_parse(value).ok()),
        sheet,
    }
}

pub async fn post_note(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    FormFields(form): FormFields<NoteForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    if let Actor::Participant(participant) = member.actor {
        app.limits
            .post_per_participant
            .check(&participant.to_string())
            .map_err(|wait| PageError::from(Failure::TooManyRequests(wait)))?;
    }
    let draft = draft_from(form);
    let kind = match draft.kind.as_str() {
        "" => None,
        raw => Some(ContributionKind::parse(raw).ok_or(PageError::from(Failure::BadRequest("kind".into())))?),
    };
    let command = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(draft.contribution_id.unwrap_or_else(uuid::Uuid::now_v7)),
        activity_id,
        kind,
        text: draft.text.clone(),
        links: draft.links.iter().copied().map(ContributionId::from_uuid).collect(),
        card: Some(draft.card.clone()).filter(|card| !card.is_empty()),
        sheet: draft.sheet,
    };
    match app.engine.execute(id, member.actor, command).await {
        // Back to the form, which says the note was sent and keeps its kind for the next one;
        // the address's anchor is the text box, which the browser focuses with or without a
        // script, ready for the next note.
        Ok(_) => {
            let kind = kind.map(|kind| format!("&kind={}", kind.as_str())).unwrap_or_default();
            Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}?sent=1{kind}#text")).into_response())
        }
        Err(EngineError::Domain(error)) if !error.is_forbidden() => {
            // Show the form again with what was typed, so nothing is lost to a refusal.
            let fresh = match member_again(&app, &member, id).await {
                Ok(state) => state,
                Err(error) => return Err(PageError::from(error)),
            };
            let message = Failure::from(error).message(lang);
            render_activity(&app, &context, &fresh, activity_id, &draft, Some(&message)).await
        }
        // The server cannot store anything for now: keep the typed text on the page, with
        // the status and wait that say so, so the phone can send it again in a moment.
        Err(error @ EngineError::Store(converge_store::StoreError::DiskFull)) => {
            let failure = Failure::from(error);
            let fresh = member_again(&app, &member, id).await?;
            let message = failure.message(lang);
            let mut response = render_activity(&app, &context, &fresh, activity_id, &draft, Some(&message)).await?;
            *response.status_mut() = failure.status();
            if let Some(wait) = failure.retry_after() {
                add_retry_after(&mut response, wait);
            }
            Ok(response)
        }
        Err(error) => Err(PageError::from(error)),
    }
}

#[derive(Deserialize)]
pub struct SortForm {
    contribution_id: Option<String>,
    category: Option<String>,
}

/// Places a note in a category of a categorize activity.
pub async fn sort_note(
    State(app): State<AppState>,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
    member: Member,
    FormFields(form): FormFields<SortForm>,
) -> Result<Response, PageError> {
    let contribution_id = trimmed(&form.contribution_id)
        .and_then(|raw| raw.parse::<ContributionId>().ok())
        .ok_or(PageError::from(Failure::BadRequest("contribution_id".into())))?;
    let category = trimmed(&form.category).and_then(|raw| raw.parse::<u32>().ok());
    let command = Command::Categorize { activity_id, contribution_id, category };
    app.engine.execute(id, member.actor, command).await?;
    Ok(Redirect::to(&format!("/w/{id}/a/{activity_id}#note-{contribution_id}")).into_response())
}

#[derive(Deserialize)]
pub struct PresenceForm {
    #[serde(default)]
    present: Vec<String>,
}

/// A participant says they leave the room for now, or that they are back: brainwriting goes on
/// without them meanwhile.
pub async fn set_presence(
    State(app): State<AppState>,
    ValidPath(id): ValidPath<WorkshopId>,
    member: Member,
    FormFields(form): FormFields<PresenceForm>,
) -> Result<Response, PageError> {
    let Actor::Participant(participant_id) = member.actor else {
        return Err(PageError::from(Failure::Forbidden));
    };
    let present = form.present.iter().any(|value| value == "true");
    app.engine.execute(id, member.actor, Command::SetPresence { participant_id, present }).await?;
    Ok(Redirect::to(&format!("/w/{id}")).into_response())
}

pub(super) async fn member_again(app: &AppState, member: &Member, id: WorkshopId) -> Result<Member, EngineError> {
    Ok(Member { state: app.engine.state(id).await?, actor: member.actor, role: member.role })
}
