//! "My contributions": what became of each of a participant's contributions, with the path from
//! their note to any action it fed and where that action now stands. Anonymous contributions are listed too: the page is only
//! ever about the one who asks, so nobody else learns they wrote them. The markup is in
//! `converge_views::pages::mine`.

use crate::AppState;
use crate::access::Member;
use crate::error::{Failure, PageError};
use crate::extract::ValidPath;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use converge_core::{Actor, WorkshopId};
use converge_views::layout::PageContext;

/// `GET /w/{id}/mine`.
pub async fn my_contributions(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
    member: Member,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let workshop = &member.state.workshop;
    let me = match member.actor {
        Actor::Participant(participant) => Some(participant),
        Actor::Account(account) => workshop.facilitator_for(account).map(|participant| participant.id),
        Actor::Newcomer => None,
    };
    let Some(me) = me else { return Err(PageError::from(Failure::Forbidden)) };
    let your_code = match member.actor {
        Actor::Participant(participant) => Some(super::participant::your_code(&app, &headers, lang, id, participant)),
        _ => None,
    };
    let markup = converge_views::pages::mine::my_contributions(
        &context,
        workshop,
        &member.state.keyring,
        me,
        member.state.seq,
        converge_engine::now(),
        your_code,
    );
    Ok(markup.into_response())
}
