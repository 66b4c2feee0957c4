//! The fold of who is in the room: joining, roles, removal, merging and seats.

use crate::state::Participant;
use crate::{AccountId, ParticipantId, Role, Subject, TimedEvent, Workshop};

impl Workshop {
    pub(super) fn participant_seated(&mut self, participant_id: &ParticipantId, table: &Option<u32>) {
        for seats in &mut self.tables {
            seats.retain(|seated| seated != participant_id);
        }
        if let Some(table) = table {
            let table = *table as usize;
            if table >= self.tables.len() {
                self.tables.resize(table + 1, Vec::new());
            }
            self.tables[table].push(*participant_id);
        }
    }

    pub(super) fn participant_joined(
        &mut self,
        timed: &TimedEvent,
        participant_id: &ParticipantId,
        role: &Role,
        profile_commitment: &str,
        account: &Option<AccountId>,
    ) {
        self.participants.insert(
            *participant_id,
            Participant {
                id: *participant_id,
                role: *role,
                profile_commitment: profile_commitment.to_owned(),
                account: *account,
                joined_at: timed.at,
                present: true,
            },
        );
    }

    pub(super) fn participant_removed(&mut self, participant_id: &ParticipantId) {
        if let Some(participant) = self.participants.remove(participant_id) {
            self.removed.insert(*participant_id, participant);
        }
        for seats in &mut self.tables {
            seats.retain(|seated| seated != participant_id);
        }
    }

    pub(super) fn participant_merged(&mut self, duplicate: &ParticipantId, into: &ParticipantId) {
        if self.participants.remove(duplicate).is_some() {
            self.merged.insert(*duplicate, *into);
        }
        for seats in &mut self.tables {
            seats.retain(|seated| seated != duplicate);
        }
        // Signed words name their author: they now name the person.
        for contribution in &mut self.contributions {
            if contribution.author == Subject::Named(*duplicate) {
                contribution.author = Subject::Named(*into);
            }
        }
    }

    pub(super) fn participant_role_changed(&mut self, participant_id: &ParticipantId, role: &Role) {
        if let Some(participant) = self.participants.get_mut(participant_id) {
            participant.role = *role;
        }
    }
}
