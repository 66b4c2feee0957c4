//! The engine: finds or starts a workshop's actor, and offers the operations the edge needs.

use crate::actor::{self, Handle, LiveState, Message};
use crate::{EngineError, now, random};
use converge_core::{
    AccountId, ActivityId, ActivityKind, ActivitySpec, Actor, Command, DisplayName, Language, ParticipantId, Prompt,
    ServiceName, Title, WorkshopId, decide_create,
};
use converge_store::chain::{hex, sha256_hex};
use converge_store::{ParticipantProfile, Store, StoreError, StoredEvent, WorkshopEntry};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OnceCell, broadcast, oneshot};
use uuid::Uuid;

/// How many times a new workshop draws another join code when the first is taken.
const JOIN_CODE_ATTEMPTS: usize = 8;

/// The server-side secret that signs participant tokens. Kept in the data folder, so tokens
/// survive a restart of the laptop in the middle of a workshop.
#[derive(Clone)]
pub(crate) struct Secret(pub [u8; 32]);

/// How long a workshop's actor stays in memory with nothing to do and nobody following live.
/// The next request loads it again from its snapshot and log.
pub const DEFAULT_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

#[derive(Clone)]
pub struct Engine {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) secret: Secret,
    actors: Arc<Mutex<HashMap<WorkshopId, Arc<OnceCell<Handle>>>>>,
    idle_after: std::time::Duration,
    /// Taken while the follow-up index is written from a workshop's state, so that of two
    /// writes the later one always reads the later state (`follow_up_pages.rs`).
    pub(crate) follow_up_index: Arc<tokio::sync::Mutex<()>>,
}

/// What deleting a workshop did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removal {
    /// Its follow-up page is public: it was archived, and the page stays up.
    Archived,
    Deleted,
}

/// An activity to put on a new workshop's agenda, with its text not yet validated.
#[derive(Debug, Clone)]
pub struct ActivityDraft {
    /// A name for this activity within the agenda, so later ones can say they work on it.
    pub key: Option<String>,
    pub kind: ActivityKind,
    pub title: String,
    pub prompt: String,
    /// The configuration; its `sources` are filled from `source_keys`.
    pub config: converge_core::ActivityConfig,
    /// The keys of the earlier activities this one works on.
    pub source_keys: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct NewWorkshop {
    pub title: String,
    pub language: Language,
    pub agenda: Vec<ActivityDraft>,
}

/// What joining gives a participant.
#[derive(Debug, Clone)]
pub struct Joined {
    pub workshop: WorkshopId,
    pub participant: ParticipantId,
    /// The signed token for the participant's later requests (cookie or bearer).
    pub token: String,
}

impl Engine {
    /// `secret` signs participant tokens; keep it stable across restarts.
    pub fn new(store: Arc<dyn Store>, secret: [u8; 32]) -> Engine {
        let engine = Engine {
            store,
            secret: Secret(secret),
            actors: Arc::default(),
            idle_after: DEFAULT_IDLE_AFTER,
            follow_up_index: Arc::default(),
        };
        engine.forward_log_growth();
        engine
    }

    /// The same engine, with workshops leaving memory after `idle_after` without activity.
    pub fn with_idle_after(mut self, idle_after: std::time::Duration) -> Engine {
        self.idle_after = idle_after;
        self
    }

    /// How many workshops have a running actor.
    pub fn n_live_workshops(&self) -> usize {
        let actors = self.actors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        actors.values().filter(|cell| cell.get().is_some_and(|handle| !handle.messages.is_closed())).count()
    }

    pub fn store(&self) -> &dyn Store {
        self.store.as_ref()
    }

    /// Lets each live actor hear when its log grew elsewhere (another node sharing the database).
    fn forward_log_growth(&self) {
        let mut growth = self.store.subscribe();
        let actors = Arc::downgrade(&self.actors);
        tokio::spawn(async move {
            loop {
                let grew = match growth.recv().await {
                    Ok(grew) => grew,
                    Err(broadcast::error::RecvError::Lagged(_)) => continue,
                    Err(broadcast::error::RecvError::Closed) => return,
                };
                let Some(actors) = actors.upgrade() else { return };
                let handle = {
                    let actors = actors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                    actors.get(&WorkshopId::from_uuid(grew.workshop)).and_then(|cell| cell.get().cloned())
                };
                if let Some(handle) = handle {
                    let _ = handle.messages.try_send(Message::LogGrew { seq: grew.seq });
                }
            }
        });
    }

    /// The running actor of a workshop, started (or started again after it stopped when idle)
    /// as needed.
    async fn handle(&self, id: WorkshopId) -> Result<Handle, EngineError> {
        let handle = self.handle_once(id).await?;
        if !handle.messages.is_closed() {
            return Ok(handle);
        }
        self.forget(id);
        self.handle_once(id).await
    }

    /// Drops the engine's memory of a workshop's actor, e.g. one that stopped when idle.
    fn forget(&self, id: WorkshopId) {
        let mut actors = self.actors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if actors.get(&id).and_then(|cell| cell.get()).is_some_and(|handle| handle.messages.is_closed()) {
            actors.remove(&id);
        }
    }

    async fn handle_once(&self, id: WorkshopId) -> Result<Handle, EngineError> {
        let cell = {
            let mut actors = self.actors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            actors.entry(id).or_default().clone()
        };
        let store = self.store.clone();
        let idle_after = self.idle_after;
        let result = cell
            .get_or_try_init(|| async move {
                let state = actor::load(store.as_ref(), id).await?.ok_or(EngineError::WorkshopNotFound)?;
                if state.workshop.deleted {
                    // The log says deleted: make sure the index agrees, even if the deletion was
                    // interrupted between the two writes.
                    store.mark_workshop_deleted(id.as_uuid()).await?;
                } else if store
                    .workshop_entry(id.as_uuid())
                    .await?
                    .is_some_and(|entry| entry.archived != state.workshop.archived)
                {
                    // Likewise for archiving and restoring.
                    store.set_workshop_archived(id.as_uuid(), state.workshop.archived).await?;
                }
                Ok::<_, EngineError>(actor::spawn(store, state, idle_after))
            })
            .await
            .cloned();
        if result.is_err() {
            // Do not keep an empty cell for every id someone guessed.
            let mut actors = self.actors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if actors.get(&id).is_some_and(|cell| cell.get().is_none()) {
                actors.remove(&id);
            }
        }
        result
    }

    /// The current state of a workshop.
    pub async fn state(&self, id: WorkshopId) -> Result<Arc<LiveState>, EngineError> {
        let handle = self.handle(id).await?;
        let state = handle.state.borrow().clone();
        Ok(state)
    }

    /// The record of the days of a closed workshop: its log folded up to the closing (and the
    /// counts the closing froze), with the sequence number and hash of that last event. What
    /// was appended after it is follow-up. `None` while the workshop is open.
    pub async fn state_at_closure(&self, id: WorkshopId) -> Result<Option<LiveState>, EngineError> {
        let now = self.state(id).await?;
        let Some(closure_seq) = now.workshop.closure_seq else { return Ok(None) };
        if closure_seq == now.seq {
            return Ok(Some((*now).clone()));
        }
        let mut state = crate::actor::replay(self.store.as_ref(), id, None, closure_seq)
            .await?
            .ok_or(EngineError::WorkshopNotFound)?;
        state.keyring = now.keyring.clone();
        Ok(Some(state))
    }

    /// Checks `command` as `actor` would have it, appends its events durably, and returns them.
    /// Publishing a follow-up page also keeps the store's index of pages (`follow_up_pages.rs`),
    /// whoever publishes it.
    pub async fn execute(
        &self,
        id: WorkshopId,
        actor: Actor,
        command: Command,
    ) -> Result<Vec<StoredEvent>, EngineError> {
        let publishes = match &command {
            Command::PublishFollowUp { token } => {
                self.before_publishing(id, token.as_deref()).await?;
                true
            }
            _ => false,
        };
        let stored = self.send(id, actor, command).await;
        if publishes {
            // Refused too: the index then returns to the page the workshop still has.
            self.after_publishing(id).await;
        }
        stored
    }

    async fn send(&self, id: WorkshopId, actor: Actor, command: Command) -> Result<Vec<StoredEvent>, EngineError> {
        let (reply, answer) = oneshot::channel();
        let mut message = Message::Command { actor, command: Box::new(command), reply };
        // Twice at most: the actor may stop when idle between finding it and sending to it.
        for _ in 0..2 {
            let handle = self.handle(id).await?;
            match handle.messages.send(message).await {
                Ok(()) => return answer.await.map_err(|_| EngineError::ShuttingDown)?,
                Err(tokio::sync::mpsc::error::SendError(returned)) => {
                    message = returned;
                    self.forget(id);
                }
            }
        }
        Err(EngineError::Busy)
    }

    /// Live events of a workshop, from now on. Subscribe before reading the backlog so nothing
    /// falls between the two; duplicates are recognised by their sequence number.
    pub async fn subscribe(&self, id: WorkshopId) -> Result<broadcast::Receiver<Arc<StoredEvent>>, EngineError> {
        Ok(self.handle(id).await?.live.subscribe())
    }

    /// Events after `after_seq`, at most `limit`, straight from the log.
    pub async fn events(&self, id: WorkshopId, after_seq: u64, limit: usize) -> Result<Vec<StoredEvent>, EngineError> {
        Ok(self.store.read(id.as_uuid(), after_seq, limit).await?)
    }

    /// A workshop's whole log, read in pages; empty when there is no such workshop.
    pub async fn whole_log(&self, id: WorkshopId) -> Result<Vec<StoredEvent>, EngineError> {
        self.log_until(id, u64::MAX).await
    }

    /// The log up to event `until`, inclusive: e.g. a closed workshop's record up to its
    /// closing (`Workshop::closure_seq`), which verifies on its own as the chain's beginning.
    pub async fn log_until(&self, id: WorkshopId, until: u64) -> Result<Vec<StoredEvent>, EngineError> {
        let mut events: Vec<StoredEvent> = Vec::new();
        loop {
            let after = events.last().map_or(0, |event| event.seq);
            if after >= until {
                return Ok(events);
            }
            let limit = usize::try_from(until - after).unwrap_or(usize::MAX).min(5000);
            let page = self.store.read(id.as_uuid(), after, limit).await?;
            if page.is_empty() {
                return Ok(events);
            }
            events.extend(page);
        }
    }

    /// Creates a workshop owned by `account`, who becomes its facilitator.
    pub async fn create_workshop(
        &self,
        account: AccountId,
        request: NewWorkshop,
    ) -> Result<WorkshopEntry, EngineError> {
        let owner = self.store.account(account.as_uuid()).await?.ok_or(EngineError::InvalidCredentials)?;
        let title = Title::parse(&request.title)?;
        let mut keys: HashMap<String, ActivityId> = HashMap::new();
        let mut agenda = Vec::with_capacity(request.agenda.len());
        for draft in request.agenda {
            let activity_id = ActivityId::from_uuid(Uuid::now_v7());
            let mut config = draft.config;
            for key in &draft.source_keys {
                let source = keys.get(key).ok_or(converge_core::DomainError::InvalidConfig { reason: "sources" })?;
                config.sources.push(*source);
            }
            if let Some(key) = draft.key {
                keys.insert(key, activity_id);
            }
            agenda.push(ActivitySpec {
                activity_id,
                kind: draft.kind,
                title: Title::parse(&draft.title)?,
                prompt: Prompt::parse(&draft.prompt)?,
                config,
            });
        }
        let id = WorkshopId::from_uuid(Uuid::now_v7());
        let facilitator = ParticipantId::from_uuid(Uuid::now_v7());
        let profile = self.profile(id, facilitator, &owner.display_name, "");
        let events =
            decide_create(title.as_str(), request.language, account, facilitator, commitment(&profile), agenda)?;
        let at = now();
        let new_events: Vec<_> = events.iter().map(|event| actor::to_new_event(event, at)).collect();
        for _ in 0..JOIN_CODE_ATTEMPTS {
            let entry = WorkshopEntry {
                id: id.as_uuid(),
                join_code: random::join_code(),
                owner: account.as_uuid(),
                title: title.as_str().to_owned(),
                created_at: at.0,
                archived: false,
                deleted: false,
            };
            // The profile first: if the log write then fails, an unused profile is harmless,
            // whereas a facilitator without a name would not be.
            self.store.put_profile(profile.clone()).await?;
            match self.store.create_workshop(entry.clone(), new_events.clone()).await {
                Ok(_) => {
                    tracing::info!(workshop.id = %id, "workshop {id} created");
                    return Ok(entry);
                }
                Err(StoreError::JoinCodeTaken) => continue,
                Err(error) => return Err(error.into()),
            }
        }
        Err(EngineError::Busy)
    }

    /// The live workshop a join code opens, if any.
    pub async fn workshop_by_join_code(&self, join_code: &str) -> Result<Option<WorkshopEntry>, EngineError> {
        let code = random::normalise_join_code(join_code);
        Ok(self.store.workshop_by_join_code(&code).await?)
    }

    /// Gives a workshop a new join code, for a facilitator whose code went round too widely:
    /// the old code joins nothing any more. Returns the new code.
    pub async fn rotate_join_code(&self, id: WorkshopId, account: AccountId) -> Result<String, EngineError> {
        let state = self.state(id).await?;
        if state.workshop.deleted {
            return Err(EngineError::WorkshopNotFound);
        }
        if state.workshop.facilitator_for(account).is_none() {
            return Err(EngineError::Domain(converge_core::DomainError::FacilitatorOnly));
        }
        for _ in 0..JOIN_CODE_ATTEMPTS {
            let code = random::join_code();
            match self.store.set_join_code(id.as_uuid(), &code).await {
                Ok(()) => {
                    tracing::info!(workshop.id = %id, "join code renewed");
                    // Screens showing the old code follow this event to the new one.
                    self.execute(id, Actor::Account(account), Command::RenewJoinCode).await?;
                    return Ok(code);
                }
                Err(StoreError::JoinCodeTaken) => continue,
                Err(error) => return Err(error.into()),
            }
        }
        Err(EngineError::Busy)
    }

    /// Joins the workshop whose join code this is, as a participant.
    pub async fn join(&self, join_code: &str, name: &str, service: &str) -> Result<Joined, EngineError> {
        let name = DisplayName::parse(name)?;
        let service = ServiceName::parse(service)?;
        let code = random::normalise_join_code(join_code);
        let entry = self.store.workshop_by_join_code(&code).await?.ok_or(EngineError::UnknownJoinCode)?;
        let workshop = WorkshopId::from_uuid(entry.id);
        let participant = ParticipantId::from_uuid(Uuid::now_v7());
        let profile = self.profile(workshop, participant, name.as_str(), service.as_str());
        let profile_commitment = commitment(&profile);
        self.store.put_profile(profile).await?;
        let joined = self
            .execute(workshop, Actor::Newcomer, Command::Join { participant_id: participant, profile_commitment })
            .await;
        if let Err(error) = joined {
            // No event refers to this person: keep nothing of theirs.
            if let Err(erase_error) = self.store.erase_profile(workshop.as_uuid(), participant.as_uuid()).await {
                tracing::warn!(%erase_error, "could not erase the profile of a refused join");
            }
            return Err(error);
        }
        Ok(Joined { workshop, participant, token: self.participant_token(workshop, participant) })
    }

    /// Erases a participant's personal data (name and service). The log keeps only the salted
    /// commitment to their profile, which reveals nothing once the salt is gone with it, so the
    /// record still verifies and their contributions stay, without a name.
    pub async fn erase_participant(&self, id: WorkshopId, participant: ParticipantId) -> Result<(), EngineError> {
        let state = self.state(id).await?;
        if !state.workshop.participants.contains_key(&participant) {
            return Err(EngineError::Domain(converge_core::DomainError::UnknownParticipant(participant)));
        }
        self.store.erase_profile(id.as_uuid(), participant.as_uuid()).await?;
        Ok(())
    }

    fn profile(
        &self,
        workshop: WorkshopId,
        participant: ParticipantId,
        name: &str,
        service: &str,
    ) -> ParticipantProfile {
        ParticipantProfile {
            workshop: workshop.as_uuid(),
            participant: participant.as_uuid(),
            name: name.to_owned(),
            service: service.to_owned(),
            salt: hex(&random::bytes::<16>()),
        }
    }

    /// Names and services of a workshop's participants, by participant.
    pub async fn profiles(&self, id: WorkshopId) -> Result<HashMap<ParticipantId, ParticipantProfile>, EngineError> {
        let profiles = self.store.profiles(id.as_uuid()).await?;
        Ok(profiles.into_iter().map(|profile| (ParticipantId::from_uuid(profile.participant), profile)).collect())
    }

    /// Seats everyone present who contributes (not the facilitators, not observers) at tables of
    /// `table_size`, mixing services as evenly as the counts allow.
    pub async fn seat_room(&self, id: WorkshopId, account: AccountId, table_size: usize) -> Result<(), EngineError> {
        let size = std::num::NonZeroUsize::new(table_size)
            .ok_or(converge_core::DomainError::InvalidConfig { reason: "table_size" })?;
        let state = self.state(id).await?;
        let profiles = self.profiles(id).await?;
        let people: Vec<(ParticipantId, Option<String>)> = state
            .workshop
            .participants
            .values()
            .filter(|participant| participant.present && participant.role.may_contribute())
            .filter(|participant| participant.role != converge_core::Role::Facilitator)
            .map(|participant| {
                let service = profiles.get(&participant.id).map(|profile| profile.service.trim().to_lowercase());
                (participant.id, service.filter(|service| !service.is_empty()))
            })
            .collect();
        let tables = converge_core::tables::assign_tables(&people, size);
        self.execute(id, Actor::Account(account), Command::FormTables { tables }).await?;
        Ok(())
    }

    /// The count of a vote or an assessment: frozen into the record if it was, else as it stands
    /// (`results::current`). Refused while the activity runs.
    pub async fn results(
        &self,
        id: WorkshopId,
        activity_id: ActivityId,
    ) -> Result<Option<converge_core::results::Results>, EngineError> {
        let state = self.state(id).await?;
        let activity = state
            .workshop
            .activity(activity_id)
            .ok_or(EngineError::Domain(converge_core::DomainError::UnknownActivity(activity_id)))?;
        if !activity.results_readable() {
            return Err(EngineError::Domain(converge_core::DomainError::ActivityStillOpen));
        }
        Ok(crate::results::current(&state.workshop, activity))
    }

    /// The workshops an account created, newest first, archived ones left out.
    pub async fn workshops_of(&self, account: AccountId) -> Result<Vec<WorkshopEntry>, EngineError> {
        let mut entries = self.store.workshops_of(account.as_uuid()).await?;
        entries.retain(|entry| !entry.archived);
        Ok(entries)
    }

    /// The workshops an account archived, newest first.
    pub async fn archived_workshops_of(&self, account: AccountId) -> Result<Vec<WorkshopEntry>, EngineError> {
        let mut entries = self.store.workshops_of(account.as_uuid()).await?;
        entries.retain(|entry| entry.archived);
        Ok(entries)
    }

    pub async fn workshop_entry(&self, id: WorkshopId) -> Result<WorkshopEntry, EngineError> {
        match self.store.workshop_entry(id.as_uuid()).await? {
            Some(entry) if !entry.deleted => Ok(entry),
            _ => Err(EngineError::WorkshopNotFound),
        }
    }

    /// Deletes a workshop, or archives it when its follow-up page is public: a page people were
    /// given the address of never goes down in one step ([`Engine::delete_workshop_for_good`]
    /// is the second). Deleting twice is harmless, and so is archiving twice.
    pub async fn delete_workshop(&self, id: WorkshopId, account: AccountId) -> Result<Removal, EngineError> {
        let state = self.state(id).await?;
        if state.workshop.follow_up_token.is_some() && !state.workshop.deleted {
            self.archive_workshop(id, account).await?;
            return Ok(Removal::Archived);
        }
        self.delete_workshop_for_good(id, account).await?;
        Ok(Removal::Deleted)
    }

    /// Deletes a workshop: its log records the deletion and it leaves every list, its follow-up
    /// page with it. The log is kept. A workshop whose page is public must be archived first
    /// (`FollowUpPagePublished`). Deleting twice is harmless: the second time only makes sure
    /// the index agrees.
    pub async fn delete_workshop_for_good(&self, id: WorkshopId, account: AccountId) -> Result<(), EngineError> {
        match self.execute(id, Actor::Account(account), Command::DeleteWorkshop).await {
            Ok(_) | Err(EngineError::Domain(converge_core::DomainError::WorkshopDeleted)) => {}
            Err(error) => return Err(error),
        }
        self.store.mark_workshop_deleted(id.as_uuid()).await?;
        Ok(())
    }

    /// Archives a workshop: the log records it, then the index lists it apart. Its follow-up
    /// page stays up and its join code opens nothing until it is restored.
    pub async fn archive_workshop(&self, id: WorkshopId, account: AccountId) -> Result<(), EngineError> {
        self.execute(id, Actor::Account(account), Command::ArchiveWorkshop).await?;
        // Written even when the log said so already, so a retry mends an interrupted archiving.
        self.store.set_workshop_archived(id.as_uuid(), true).await?;
        Ok(())
    }

    /// Brings an archived workshop back to the facilitator's list.
    pub async fn restore_workshop(&self, id: WorkshopId, account: AccountId) -> Result<(), EngineError> {
        self.execute(id, Actor::Account(account), Command::RestoreWorkshop).await?;
        self.store.set_workshop_archived(id.as_uuid(), false).await?;
        Ok(())
    }
}

/// The salted commitment to a participant's profile that the log records in its place.
pub fn commitment(profile: &ParticipantProfile) -> String {
    sha256_hex(format!("{}\n{}\n{}", profile.salt, profile.name, profile.service).as_bytes())
}
