//! The fold of what the room writes: notes moved, merged and sorted, brainwriting's rotations,
//! and the workshop's decks.

use crate::brainwriting::Rotation;
use crate::state::{Brainwriting, DeckCard};
use crate::{ActivityId, ContributionId, ContributionKind, Subject, Workshop};

impl Workshop {
    pub(super) fn contribution_moved(&mut self, contribution_id: &ContributionId, kind: &ContributionKind) {
        if let Some(contribution) = self.contribution_mut(*contribution_id) {
            contribution.kind = *kind;
        }
    }

    pub(super) fn contributions_merged(&mut self, into: &ContributionId, merged: &[ContributionId]) {
        for id in merged {
            if let Some(contribution) = self.contribution_mut(*id) {
                contribution.merged_into = Some(*into);
            }
        }
    }

    /// Hides a note (`Some(reason)`) or shows it again; a hidden note leaves the projection's
    /// spotlight.
    pub(super) fn contribution_hidden(&mut self, contribution_id: ContributionId, reason: Option<String>) {
        if reason.is_some() && self.projection.spotlight == Some(contribution_id) {
            self.projection.spotlight = None;
        }
        if let Some(contribution) = self.contribution_mut(contribution_id) {
            contribution.hidden = reason;
        }
    }

    pub(super) fn contribution_edited(&mut self, contribution_id: ContributionId, text: &str) {
        if let Some(contribution) = self.contribution_mut(contribution_id) {
            text.clone_into(&mut contribution.text);
            contribution.edited = true;
        }
    }

    pub(super) fn contribution_removed(&mut self, contribution_id: ContributionId) {
        if self.projection.spotlight == Some(contribution_id) {
            self.projection.spotlight = None;
        }
        if let Some(contribution) = self.contribution_mut(contribution_id) {
            contribution.removed = true;
        }
    }

    pub(super) fn contribution_unmerged(&mut self, contribution_id: ContributionId) {
        if let Some(contribution) = self.contribution_mut(contribution_id) {
            contribution.merged_into = None;
        }
    }

    pub(super) fn contribution_categorized(
        &mut self,
        activity_id: &ActivityId,
        contribution_id: &ContributionId,
        category: &Option<u32>,
    ) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            match category {
                Some(category) => activity.placements.insert(*contribution_id, *category),
                None => activity.placements.remove(contribution_id),
            };
        }
    }

    pub(super) fn brainwriting_started(&mut self, activity_id: &ActivityId, tables: &[Vec<Subject>]) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            let rotations = tables
                .iter()
                .filter_map(|seats| {
                    let mut rotation = Rotation::new(seats.clone()).ok()?;
                    rotation.start_round();
                    Some(rotation)
                })
                .collect();
            activity.brainwriting = Some(Brainwriting { tables: rotations, round: 0 });
        }
    }

    pub(super) fn brainwriting_round_started(&mut self, activity_id: &ActivityId, round: &u32) {
        if let Some(activity) = self.activity_mut(*activity_id)
            && let Some(brainwriting) = &mut activity.brainwriting
        {
            while brainwriting.round < *round {
                for rotation in &mut brainwriting.tables {
                    rotation.start_round();
                }
                brainwriting.round += 1;
            }
        }
    }

    pub(super) fn deck_card_added(
        &mut self,
        deck: &str,
        card_id: &str,
        title: &str,
        image_sha256: &str,
        width: &u32,
        height: &u32,
    ) {
        self.decks.entry(deck.to_owned()).or_default().push(DeckCard {
            id: card_id.to_owned(),
            title: title.to_owned(),
            image_sha256: image_sha256.to_owned(),
            width: *width,
            height: *height,
        });
    }

    pub(super) fn deck_card_removed(&mut self, deck: &str, card_id: &str) {
        if let Some(cards) = self.decks.get_mut(deck) {
            cards.retain(|card| card.id != *card_id);
            // A deck exists while it has cards, as it came to exist with its first.
            if cards.is_empty() {
                self.decks.remove(deck);
            }
        }
    }
}
