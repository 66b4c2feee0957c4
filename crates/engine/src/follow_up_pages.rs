//! Public follow-up pages: publishing one at an unguessable address, finding a workshop by that
//! address, and the store's index that makes finding it one lookup.
//!
//! The token is part of the record (`FollowUpPublished`); the store's directory keeps the
//! SHA-256 of the token beside each workshop, so `/follow/{token}` never reads every workshop.
//! It keeps a hash rather than the token, as for sessions and API tokens: the index holds no
//! address that opens a page, and a lookup compares hashes, never bytes someone typed against
//! the secret. (The token itself is in the log, which is the record and is kept as such.)
//!
//! The index is only a way in: a page is shown when the workshop's own state names the token
//! asked for and the workshop is not deleted. So an index entry that outlived its page is
//! harmless, and the index is written where a missing entry would not be: before the event
//! that publishes a token, after the one that withdraws it.

use crate::actor;
use crate::{Engine, EngineError, LiveState, random};
use converge_core::{AccountId, Actor, Command, WorkshopId};
use converge_store::chain::{hex, sha256_hex};
use std::sync::Arc;

/// The hash the directory keeps of a follow-up page's token.
fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

impl Engine {
    /// Publishes the workshop's follow-up page (`true`), keeping its address if it has one, or
    /// withdraws it. Returns the address's token while published.
    pub async fn publish_follow_up(
        &self,
        id: WorkshopId,
        account: AccountId,
        publish: bool,
    ) -> Result<Option<String>, EngineError> {
        let current = self.state(id).await?.workshop.follow_up_token.clone();
        let token = match (current, publish) {
            (Some(current), true) => Some(current),
            // 128 bits from the OS, as 32 hex characters: a link nobody can guess.
            (None, true) => Some(hex(&random::bytes::<16>())),
            (_, false) => None,
        };
        self.execute(id, Actor::Account(account), Command::PublishFollowUp { token: token.clone() }).await?;
        Ok(token)
    }

    /// The workshop whose follow-up page is published at `token`, archived or not; `None` for
    /// an address that opens nothing (never published, withdrawn, deleted).
    pub async fn published_follow_up(&self, token: &str) -> Result<Option<Arc<LiveState>>, EngineError> {
        let Some(id) = self.store.workshop_by_follow_up_token(&token_hash(token)).await? else {
            return Ok(None);
        };
        let state = match self.state(WorkshopId::from_uuid(id)).await {
            Ok(state) => state,
            Err(EngineError::WorkshopNotFound) => return Ok(None),
            Err(error) => return Err(error),
        };
        let published = state.workshop.follow_up_token.as_deref() == Some(token) && !state.workshop.deleted;
        Ok(published.then_some(state))
    }

    /// Before a `PublishFollowUp` goes to the log: a new token enters the index first, so that
    /// no moment (nor a crash) leaves the log naming a page the index cannot find.
    pub(crate) async fn before_publishing(&self, id: WorkshopId, token: Option<&str>) -> Result<(), EngineError> {
        if let Some(token) = token {
            self.store.set_follow_up_token(id.as_uuid(), Some(&token_hash(token))).await?;
        }
        Ok(())
    }

    /// After a `PublishFollowUp`, accepted or not: the index follows the state as it now is.
    /// Of two publishings at once, the later writer reads the later state, so the index ends
    /// where the log does. A failure here is only logged: the page stays reachable (its entry
    /// was written first) and a withdrawn page's entry leads nowhere.
    pub(crate) async fn after_publishing(&self, id: WorkshopId) {
        let _writing = self.follow_up_index.lock().await;
        let result = match self.state(id).await {
            Ok(state) if !state.workshop.deleted => {
                let hash = state.workshop.follow_up_token.as_deref().map(token_hash);
                self.store.set_follow_up_token(id.as_uuid(), hash.as_deref()).await.map_err(EngineError::from)
            }
            Ok(_) => Ok(()),
            Err(error) => Err(error),
        };
        if let Err(error) = result {
            tracing::warn!(workshop.id = %id, %error, "could not bring the follow-up index up to date");
        }
    }

    /// Indexes the follow-up pages of the workshops the index does not know about yet: those
    /// listed before it existed, whose token only their log holds. Each log is read once (the
    /// workshop is then indexed, page or not), so after the first start this is one query.
    /// Returns how many published pages it found.
    pub async fn index_follow_up_pages(&self) -> Result<usize, EngineError> {
        let unindexed = self.store.workshops_without_follow_up_index().await?;
        if unindexed.is_empty() {
            return Ok(0);
        }
        tracing::info!(workshops = unindexed.len(), "indexing the follow-up pages of workshops from before the index");
        let mut n_pages = 0;
        for uuid in unindexed {
            let id = WorkshopId::from_uuid(uuid);
            let _writing = self.follow_up_index.lock().await;
            // Read without starting an actor: most of these workshops are long finished.
            let token = match actor::load(self.store.as_ref(), id).await? {
                Some(state) if !state.workshop.deleted => state.workshop.follow_up_token,
                _ => None,
            };
            let hash = token.as_deref().map(token_hash);
            match self.store.set_follow_up_token(uuid, hash.as_deref()).await {
                Ok(()) => n_pages += usize::from(hash.is_some()),
                // Two workshops published under one token (never by Converge, which draws it
                // at random): neither is indexed for it, and the next start tries again.
                Err(converge_store::StoreError::Duplicate(_)) => {
                    tracing::warn!(workshop.id = %id, "another workshop's follow-up page has the same address")
                }
                Err(error) => return Err(error.into()),
            }
        }
        Ok(n_pages)
    }
}
