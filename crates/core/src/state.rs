//! The state of one workshop: the fold of its events. It serialises so the engine can keep
//! snapshots; a snapshot is only ever a shortcut to the same fold.

use crate::{
    AccountId, ActivityId, ActivityKind, ActivityStatus, ContributionId, ContributionKind, Event, Language,
    ParticipantId, Role, TimedEvent, Timestamp, WorkshopId,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: WorkshopId,
    pub title: String,
    pub language: Language,
    pub created_by: AccountId,
    pub created_at: Timestamp,
    /// The agenda, in order.
    pub activities: Vec<Activity>,
    pub participants: BTreeMap<ParticipantId, Participant>,
    /// In the order they were posted.
    pub contributions: Vec<Contribution>,
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub kind: ActivityKind,
    pub title: String,
    pub prompt: String,
    pub status: ActivityStatus,
    /// How many times the activity was opened; above one it was re-opened.
    pub times_opened: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub role: Role,
    pub profile_commitment: String,
    pub account: Option<AccountId>,
    pub joined_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: ContributionId,
    pub activity_id: ActivityId,
    pub author: ParticipantId,
    pub kind: ContributionKind,
    pub text: String,
    pub links: Vec<ContributionId>,
    pub posted_at: Timestamp,
    /// The sequence number of the event that recorded it.
    pub seq: u64,
}

impl Workshop {
    /// Folds a whole log. Returns `None` when the log does not start with `WorkshopCreated`.
    pub fn from_events<'a>(id: WorkshopId, events: impl IntoIterator<Item = &'a TimedEvent>) -> Option<Workshop> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let Event::WorkshopCreated { title, language, created_by } = &first.event else {
            return None;
        };
        let mut workshop = Workshop {
            id,
            title: title.clone(),
            language: *language,
            created_by: *created_by,
            created_at: first.at,
            activities: Vec::new(),
            participants: BTreeMap::new(),
            contributions: Vec::new(),
            deleted: false,
        };
        for event in events {
            workshop.apply(event);
        }
        Some(workshop)
    }

    /// Folds one event into the state. Events are facts that were checked when decided, so
    /// this never fails; an event that refers to something unknown changes nothing.
    pub fn apply(&mut self, timed: &TimedEvent) {
        match &timed.event {
            Event::WorkshopCreated { .. } => {}
            Event::ActivityAdded { activity_id, kind, title, prompt } => self.activities.push(Activity {
                id: *activity_id,
                kind: *kind,
                title: title.clone(),
                prompt: prompt.clone(),
                status: ActivityStatus::Draft,
                times_opened: 0,
            }),
            Event::ParticipantJoined { participant_id, role, profile_commitment, account } => {
                self.participants.insert(
                    *participant_id,
                    Participant {
                        id: *participant_id,
                        role: *role,
                        profile_commitment: profile_commitment.clone(),
                        account: *account,
                        joined_at: timed.at,
                    },
                );
            }
            Event::ParticipantRoleChanged { participant_id, role } => {
                if let Some(participant) = self.participants.get_mut(participant_id) {
                    participant.role = *role;
                }
            }
            Event::ActivityOpened { activity_id } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.status = ActivityStatus::Open;
                    activity.times_opened += 1;
                }
            }
            Event::ActivityClosed { activity_id } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.status = ActivityStatus::Closed;
                }
            }
            Event::ContributionPosted { contribution_id, activity_id, author, kind, text, links } => {
                self.contributions.push(Contribution {
                    id: *contribution_id,
                    activity_id: *activity_id,
                    author: *author,
                    kind: *kind,
                    text: text.clone(),
                    links: links.clone(),
                    posted_at: timed.at,
                    seq: timed.seq,
                })
            }
            Event::WorkshopDeleted => self.deleted = true,
        }
    }

    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|activity| activity.id == id)
    }

    fn activity_mut(&mut self, id: ActivityId) -> Option<&mut Activity> {
        self.activities.iter_mut().find(|activity| activity.id == id)
    }

    pub fn contribution(&self, id: ContributionId) -> Option<&Contribution> {
        self.contributions.iter().find(|contribution| contribution.id == id)
    }

    pub fn contributions_in(&self, activity: ActivityId) -> impl Iterator<Item = &Contribution> {
        self.contributions.iter().filter(move |contribution| contribution.activity_id == activity)
    }

    /// The participant through which a facilitator account acts in this workshop.
    pub fn facilitator_for(&self, account: AccountId) -> Option<&Participant> {
        self.participants
            .values()
            .find(|participant| participant.account == Some(account) && participant.role == Role::Facilitator)
    }

    pub fn open_activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities.iter().filter(|activity| activity.status == ActivityStatus::Open)
    }
}
