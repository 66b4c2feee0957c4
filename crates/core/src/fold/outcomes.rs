//! The fold of the outcomes: action cards edited, withdrawn and agreed on, mitigations, fates.

use crate::outcomes::{ActionCard, FateDecision, GivenStance, Stance};
use crate::{ActionId, ContributionId, Subject, TimedEvent, Workshop};

impl Workshop {
    pub(super) fn action_edited(
        &mut self,
        timed: &TimedEvent,
        action_id: &ActionId,
        editor: &Subject,
        revision: &u32,
        card: &ActionCard,
        sources: &[ContributionId],
    ) {
        if let Some(action) = self.action_mut(*action_id) {
            action.card = card.clone();
            sources.clone_into(&mut action.sources);
            action.revision = *revision;
            action.edited_at = timed.at;
            action.last_editor = *editor;
        }
    }

    pub(super) fn action_withdrawn(&mut self, action_id: &ActionId) {
        if let Some(action) = self.action_mut(*action_id) {
            action.withdrawn = true;
        }
    }

    pub(super) fn consensus_given(
        &mut self,
        action_id: &ActionId,
        participant: &Subject,
        stance: &Stance,
        reason: &str,
    ) {
        if let Some(action) = self.action_mut(*action_id) {
            // A stance is given on the card as it reads when it is recorded.
            let given = GivenStance { stance: *stance, reason: reason.to_owned(), revision: action.revision };
            action.consensus.insert(*participant, given);
        }
    }

    pub(super) fn mitigations_linked(&mut self, risk: &ContributionId, actions: &[ActionId]) {
        if actions.is_empty() {
            self.mitigations.remove(risk);
        } else {
            self.mitigations.insert(*risk, actions.to_vec());
        }
    }

    pub(super) fn fates_decided(&mut self, contributions: &[ContributionId], decision: &FateDecision) {
        for id in contributions {
            match decision {
                FateDecision::Undecided => self.fate_decisions.remove(id),
                decided => self.fate_decisions.insert(*id, decided.clone()),
            };
        }
    }
}
