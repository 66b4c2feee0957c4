//! Events: the facts a workshop's log records. Their JSON form is what the hash chain covers,
//! so a variant or field, once released, is never renamed or repurposed.
//!
//! Personal data stays out of events: a participant's name and service live beside the log and
//! are referred to here by a salted commitment, so they can be erased without breaking the chain.

use crate::{
    AccountId, ActivityId, ActivityKind, ContributionId, ContributionKind, Language, ParticipantId, Role, Timestamp,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    WorkshopCreated {
        title: String,
        language: Language,
        created_by: AccountId,
    },
    ActivityAdded {
        activity_id: ActivityId,
        kind: ActivityKind,
        title: String,
        prompt: String,
    },
    ParticipantJoined {
        participant_id: ParticipantId,
        role: Role,
        /// Hex SHA-256 of a random salt and the participant's profile, both kept outside the log.
        profile_commitment: String,
        /// The facilitator account behind this participant, for facilitators only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    ParticipantRoleChanged {
        participant_id: ParticipantId,
        role: Role,
    },
    ActivityOpened {
        activity_id: ActivityId,
    },
    ActivityClosed {
        activity_id: ActivityId,
    },
    ContributionPosted {
        contribution_id: ContributionId,
        activity_id: ActivityId,
        author: ParticipantId,
        kind: ContributionKind,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<ContributionId>,
    },
    WorkshopDeleted,
}

impl Event {
    /// The tag of the event, as stored beside its payload.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::WorkshopCreated { .. } => "workshop_created",
            Event::ActivityAdded { .. } => "activity_added",
            Event::ParticipantJoined { .. } => "participant_joined",
            Event::ParticipantRoleChanged { .. } => "participant_role_changed",
            Event::ActivityOpened { .. } => "activity_opened",
            Event::ActivityClosed { .. } => "activity_closed",
            Event::ContributionPosted { .. } => "contribution_posted",
            Event::WorkshopDeleted => "workshop_deleted",
        }
    }
}

/// An event with its place in the log and the moment it was recorded, as the fold needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedEvent {
    pub seq: u64,
    pub at: Timestamp,
    pub event: Event,
}

/// An activity to put on a new workshop's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySpec {
    pub activity_id: ActivityId,
    pub kind: ActivityKind,
    pub title: crate::Title,
    pub prompt: crate::Prompt,
}
