//! The projection screen's address that needs no sign-in (`/screen/{id}/{token}`): for a second
//! computer, the venue's TV, someone following from afar.
//!
//! The token is stored nowhere: it is a keyed hash (HMAC-SHA-256 under the server's secret) of
//! the workshop and the generation the record names (`ScreenLinkIssued`), 120 bits written in
//! 24 characters of lower-case base 32, so it goes in a URL as it is and nobody guesses it. The
//! record holds only generation numbers, since the log is shown to whoever verifies it. Renewing
//! gives a new generation, so the previous address stops working; revoking leaves none; a
//! deleted workshop's address opens nothing. Which token is valid is decided here, compared in
//! constant time, never at the edge.

use crate::engine::Secret;
use crate::{Engine, EngineError, LiveState};
use converge_core::{Actor, Command, Workshop, WorkshopId};
use hmac::{KeyInit, Mac};
use std::sync::Arc;

/// How many bytes of the keyed hash the token keeps: 120 bits, a whole number of base-32 symbols.
const TOKEN_BYTES: usize = 15;

impl Engine {
    /// The token of `workshop`'s screen address as it stands, if it has one.
    pub fn screen_token(&self, workshop: &Workshop) -> Option<String> {
        let generation = workshop.screen_link?;
        Some(derive(&self.secret, workshop.id, generation))
    }

    /// Workshop `id` as it stands, if `token` is its current screen address; `None` for an
    /// unknown or deleted workshop, a token from another workshop or generation, or none.
    pub async fn workshop_for_screen_token(
        &self,
        id: WorkshopId,
        token: &str,
    ) -> Result<Option<Arc<LiveState>>, EngineError> {
        let state = match self.state(id).await {
            Ok(state) => state,
            Err(EngineError::WorkshopNotFound) => return Ok(None),
            Err(error) => return Err(error),
        };
        let valid = !state.workshop.deleted
            && self
                .screen_token(&state.workshop)
                .is_some_and(|current| crate::accounts::constant_time_eq(current.as_bytes(), token.as_bytes()));
        Ok(valid.then_some(state))
    }

    /// Gives workshop `id`'s screen an address (a new one when `renew`, the previous one stopping;
    /// otherwise the one it has, if any). Returns its token as it stands afterwards (`None` only
    /// when it was revoked meanwhile).
    pub async fn issue_screen_link(
        &self,
        id: WorkshopId,
        actor: Actor,
        renew: bool,
    ) -> Result<Option<String>, EngineError> {
        self.execute(id, actor, Command::IssueScreenLink { renew }).await?;
        Ok(self.screen_token(&self.state(id).await?.workshop))
    }

    /// Workshop `id`'s screen address stops working.
    pub async fn revoke_screen_link(&self, id: WorkshopId, actor: Actor) -> Result<(), EngineError> {
        self.execute(id, actor, Command::RevokeScreenLink).await?;
        Ok(())
    }
}

fn derive(secret: &Secret, workshop: WorkshopId, generation: u64) -> String {
    #[allow(clippy::expect_used, reason = "HMAC takes keys of any length")]
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&secret.0).expect("HMAC takes keys of any length");
    mac.update(format!("screen\n{}\n{generation}", workshop.as_uuid()).as_bytes());
    let digest = mac.finalize().into_bytes();
    crate::totp::base32_encode(&digest[..TOKEN_BYTES]).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_short_url_safe_and_differ_by_workshop_generation_and_secret() {
        let secret = Secret([7; 32]);
        let (w1, w2) =
            (WorkshopId::from_uuid(uuid::Uuid::from_u128(1)), WorkshopId::from_uuid(uuid::Uuid::from_u128(2)));
        let token = derive(&secret, w1, 1);
        assert_eq!(token.len(), 24);
        assert!(token.bytes().all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b)), "{token}");
        assert_eq!(token, derive(&secret, w1, 1), "the same address every time it is asked for");
        assert_ne!(token, derive(&secret, w1, 2));
        assert_ne!(token, derive(&secret, w2, 1));
        assert_ne!(token, derive(&Secret([8; 32]), w1, 1));
    }
}
