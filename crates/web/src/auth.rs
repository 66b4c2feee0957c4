//! Who is calling: a facilitator (session cookie or `cvf_` bearer token) or a participant
//! (per-workshop cookie or `cvp_` bearer token). An invalid credential is an error, never a
//! silent "anonymous".

use crate::error::{ApiError, Failure, PageError};
use crate::{AppState, cookies};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use converge_core::{AccountId, Actor, ParticipantId, Role, WorkshopId};
use converge_engine::LiveState;
use converge_store::Account;

/// Whatever credentials a request carries, checked.
pub struct Credentials {
    pub account: Option<Account>,
    /// A request with a bearer token is judged by that token alone, never by cookies as well.
    bearer: bool,
    /// The participant token presented as a bearer token, if any.
    bearer_participant: Option<(WorkshopId, ParticipantId)>,
    headers: HeaderMap,
}

impl Credentials {
    pub async fn from_headers(app: &AppState, headers: &HeaderMap) -> Result<Credentials, Failure> {
        let mut credentials =
            Credentials { account: None, bearer: false, bearer_participant: None, headers: headers.clone() };
        if let Some(value) = headers.get(header::AUTHORIZATION) {
            credentials.bearer = true;
            let (scheme, token) =
                value.to_str().ok().and_then(|value| value.split_once(' ')).ok_or(Failure::Unauthenticated)?;
            if !scheme.eq_ignore_ascii_case("bearer") {
                return Err(Failure::Unauthenticated);
            }
            let token = token.trim();
            if token.starts_with("cvf_") {
                credentials.account = Some(app.engine.api_token_account(token).await?.ok_or(Failure::Unauthenticated)?);
            } else if token.starts_with("cvp_") {
                credentials.bearer_participant =
                    Some(app.engine.verify_participant_token(token).ok_or(Failure::Unauthenticated)?);
            } else {
                return Err(Failure::Unauthenticated);
            }
            return Ok(credentials);
        }
        if let Some(token) = cookies::get(headers, cookies::SESSION) {
            // An expired session is treated as signed out: the browser is sent to sign in.
            credentials.account = app.engine.session_account(&token).await?;
        }
        Ok(credentials)
    }

    /// The participant this request speaks for in `workshop`, from a bearer token or the
    /// workshop's cookie. A forged cookie is refused.
    pub fn participant_in(&self, app: &AppState, workshop: WorkshopId) -> Result<Option<ParticipantId>, Failure> {
        if let Some((token_workshop, participant)) = self.bearer_participant {
            return if token_workshop == workshop { Ok(Some(participant)) } else { Err(Failure::Forbidden) };
        }
        if self.bearer {
            return Ok(None);
        }
        let Some(token) = cookies::get(&self.headers, &cookies::participant(workshop.as_uuid())) else {
            return Ok(None);
        };
        match app.engine.verify_participant_token(&token) {
            Some((token_workshop, participant)) if token_workshop == workshop => Ok(Some(participant)),
            _ => Err(Failure::Unauthenticated),
        }
    }

    pub fn is_authenticated(&self) -> bool {
        self.account.is_some() || self.bearer_participant.is_some()
    }

    /// How this request acts in `state`'s workshop, preferring the facilitator account.
    /// Fails unless the caller belongs to the workshop.
    pub fn actor_in(&self, app: &AppState, state: &LiveState) -> Result<(Actor, Role), Failure> {
        let workshop = &state.workshop;
        if let Some(account) = &self.account
            && let Some(facilitator) = workshop.facilitator_for(AccountId::from_uuid(account.id))
        {
            return Ok((Actor::Account(AccountId::from_uuid(account.id)), facilitator.role));
        }
        if let Some(participant) = self.participant_in(app, workshop.id)? {
            if let Some(known) = workshop.participants.get(&participant) {
                return Ok((Actor::Participant(participant), known.role));
            }
            // A duplicate merged into the participant they are: their device acts as that person.
            if let Some(into) = workshop.merged.get(&participant)
                && let Some(known) = workshop.participants.get(into)
            {
                return Ok((Actor::Participant(*into), known.role));
            }
            // Their token is signed and still reads: the workshop's record says it no longer counts.
            if workshop.removed.contains_key(&participant) {
                return Err(converge_core::DomainError::ParticipantRemoved.into());
            }
        }
        if self.is_authenticated() || self.participant_in(app, workshop.id)?.is_some() {
            Err(Failure::Forbidden)
        } else {
            Err(Failure::Unauthenticated)
        }
    }
}

impl FromRequestParts<AppState> for Credentials {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Credentials::from_headers(app, &parts.headers).await?)
    }
}

/// A signed-in facilitator, required by the facilitator pages.
pub struct Facilitator(pub Account);

impl Facilitator {
    pub fn id(&self) -> AccountId {
        AccountId::from_uuid(self.0.id)
    }
}

impl FromRequestParts<AppState> for Facilitator {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let token = cookies::get(&parts.headers, cookies::SESSION).ok_or(PageError(Failure::Unauthenticated))?;
        match app.engine.session_account(&token).await? {
            Some(account) => Ok(Facilitator(account)),
            None => Err(PageError(Failure::Unauthenticated)),
        }
    }
}
