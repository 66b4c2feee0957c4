//! The fold: how each event changes a [`Workshop`]. The state of a workshop is always the
//! fold of its log, so replaying a log anywhere, or resuming from a snapshot of the state, gives
//! the same state. [`Workshop::apply`] hands each event to the fold of its area, one module each.

mod agenda;
mod contributions;
mod follow_up;
mod outcomes;
mod participants;
mod screen_link;
mod voting;
mod workshop;

use crate::outcomes::{Action, FollowUp};
use crate::state::{Activity, Contribution};
use crate::{ActionId, ActivityId, ContributionId, Event, ParticipantId, TimedEvent, Workshop, WorkshopId};
use std::collections::BTreeMap;

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
            removed: BTreeMap::new(),
            merged: BTreeMap::new(),
            joining_locked: false,
            contributions: Vec::new(),
            focus: None,
            projection: crate::Projection::default(),
            tables: Vec::new(),
            decks: BTreeMap::new(),
            actions: Vec::new(),
            mitigations: BTreeMap::new(),
            fate_decisions: BTreeMap::new(),
            closed_at: None,
            closure_seq: None,
            follow_up_token: None,
            archived: false,
            deleted: false,
            screen_link: None,
            screen_links_issued: 0,
            recent_moves: Vec::new(),
        };
        for event in events {
            workshop.apply(event);
        }
        Some(workshop)
    }

    /// Folds one event into the state. Events are facts that were checked when decided, so
    /// this never fails; an event that refers to something unknown changes nothing.
    pub fn apply(&mut self, timed: &TimedEvent) {
        self.remember_move(timed);
        match &timed.event {
            Event::WorkshopCreated { .. } => {}
            Event::ActivityAdded { activity_id, kind, title, prompt, config } => {
                self.activities.push(Activity::added(*activity_id, *kind, title, prompt, config))
            }
            Event::ActivityUpdated { activity_id, title, prompt, config } => {
                self.activity_updated(activity_id, title, prompt, config)
            }
            Event::ActivityRemoved { activity_id } => self.activity_removed(activity_id),
            Event::ActivityMoved { activity_id, position } => self.activity_moved(activity_id, position),
            Event::TimerStarted { activity_id, remaining_ms } => self.timer_started(timed, activity_id, remaining_ms),
            Event::TimerPaused { activity_id } => self.timer_paused(timed, activity_id),
            Event::TimerExtended { activity_id, extra_ms } => self.timer_extended(timed, activity_id, extra_ms),
            Event::TimerShortened { activity_id, less_ms } => self.timer_shortened(timed, activity_id, less_ms),
            Event::MoveUndone { seq } => self.move_undone(*seq),
            restored @ Event::ActivityRestored { .. } => self.activity_restored(restored),
            Event::FocusChanged { activity_id } => {
                self.focus = *activity_id;
                // A spotlight belongs to the moment: the room moves on, the board comes back.
                self.projection.spotlight = None;
                self.projection.zoom = None;
            }
            Event::ProjectionZoomed { zoom } => self.projection.zoom = *zoom,
            Event::SpotlightChanged { contribution_id } => self.projection.spotlight = *contribution_id,
            Event::JoinPanelChanged { panel } => self.projection.join_panel = *panel,
            Event::NamesOnScreenChanged { hidden } => self.projection.names_hidden = *hidden,
            Event::TablesFormed { tables } => self.tables.clone_from(tables),
            Event::ParticipantSeated { participant_id, table } => self.participant_seated(participant_id, table),
            Event::ParticipantLeft { participant_id } => self.set_presence(*participant_id, false),
            Event::ParticipantReturned { participant_id } => self.set_presence(*participant_id, true),
            Event::ParticipantJoined { participant_id, role, profile_commitment, account } => {
                self.participant_joined(timed, participant_id, role, profile_commitment, account)
            }
            Event::ParticipantRemoved { participant_id } => self.participant_removed(participant_id),
            Event::ParticipantMerged { duplicate, into } => self.participant_merged(duplicate, into),
            Event::JoiningLocked { locked } => self.joining_locked = *locked,
            Event::JoinCodeRenewed => {}
            Event::ParticipantRoleChanged { participant_id, role } => {
                self.participant_role_changed(participant_id, role)
            }
            Event::ActivityOpened { activity_id } => self.activity_opened(activity_id),
            Event::ActivityClosed { activity_id } => self.activity_closed(activity_id),
            Event::ContributionPosted { contribution_id, activity_id, author, kind, text, links, card, sheet } => {
                self.contributions.push(Contribution {
                    id: *contribution_id,
                    activity_id: *activity_id,
                    author: *author,
                    kind: *kind,
                    text: text.clone(),
                    links: links.clone(),
                    posted_at: timed.at,
                    seq: timed.seq,
                    card: card.clone(),
                    sheet: *sheet,
                    merged_into: None,
                    hidden: None,
                    removed: false,
                    edited: false,
                })
            }
            Event::ContributionMoved { contribution_id, kind } => self.contribution_moved(contribution_id, kind),
            Event::ContributionsMerged { into, merged } => self.contributions_merged(into, merged),
            Event::ContributionCategorized { activity_id, contribution_id, category } => {
                self.contribution_categorized(activity_id, contribution_id, category)
            }
            Event::ContributionHidden { contribution_id, reason } => {
                self.contribution_hidden(*contribution_id, Some(reason.clone()))
            }
            Event::ContributionShown { contribution_id } => self.contribution_hidden(*contribution_id, None),
            Event::ContributionEdited { contribution_id, text, .. } => self.contribution_edited(*contribution_id, text),
            Event::ContributionRemoved { contribution_id, .. } => self.contribution_removed(*contribution_id),
            Event::ContributionUnmerged { contribution_id } => self.contribution_unmerged(*contribution_id),
            Event::BrainwritingStarted { activity_id, tables } => self.brainwriting_started(activity_id, tables),
            Event::BrainwritingRoundStarted { activity_id, round } => {
                self.brainwriting_round_started(activity_id, round)
            }
            Event::DeckCardAdded { deck, card_id, title, image_sha256, width, height } => {
                self.deck_card_added(deck, card_id, title, image_sha256, width, height)
            }
            Event::DeckCardRemoved { deck, card_id } => self.deck_card_removed(deck, card_id),
            Event::BallotCast { activity_id, voter, ballot } => self.ballot_cast(activity_id, voter, ballot),
            Event::ItemAssessed { activity_id, assessor, item, scores } => {
                self.item_assessed(activity_id, assessor, item, scores)
            }
            Event::ResultsFrozen { activity_id, result } => self.results_frozen(timed, activity_id, result),
            Event::ShortlistSet { activity_id, items } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.shortlist.clone_from(items);
                }
            }
            Event::SelectionRecorded { activity_id, items } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.selection = Some(items.clone());
                }
            }
            Event::ActionDrafted { action_id, activity_id, author, card, sources } => self.actions.push(Action {
                id: *action_id,
                activity_id: *activity_id,
                author: *author,
                card: card.clone(),
                sources: sources.clone(),
                revision: 1,
                drafted_at: timed.at,
                edited_at: timed.at,
                last_editor: *author,
                withdrawn: false,
                consensus: BTreeMap::new(),
                follow_up: FollowUp::default(),
            }),
            Event::ActionEdited { action_id, editor, revision, card, sources } => {
                self.action_edited(timed, action_id, editor, revision, card, sources)
            }
            Event::ActionWithdrawn { action_id } => self.action_withdrawn(action_id),
            Event::ConsensusGiven { action_id, participant, stance, reason } => {
                self.consensus_given(action_id, participant, stance, reason)
            }
            Event::RiskRated { activity_id, rater, risk, likelihood, impact } => {
                self.risk_rated(activity_id, rater, risk, likelihood, impact)
            }
            Event::MitigationsLinked { risk, actions } => self.mitigations_linked(risk, actions),
            Event::FatesDecided { contributions, decision } => self.fates_decided(contributions, decision),
            Event::WorkshopClosed => self.workshop_closed(timed),
            Event::ActionStatusUpdated { action_id, status, note, next_update_due, effective_on } => {
                self.action_status_updated(timed, action_id, status, note, next_update_due, effective_on)
            }
            Event::CommitmentSet { action_id, answerable, next_update_due } => {
                self.commitment_set(timed, action_id, answerable, next_update_due)
            }
            Event::FollowUpPublished { token } => self.follow_up_token.clone_from(token),
            Event::WorkshopDeleted => self.deleted = true,
            Event::WorkshopArchived => self.archived = true,
            Event::WorkshopRestored => self.archived = false,
            Event::ScreenLinkIssued { generation } => self.screen_link_issued(*generation),
            Event::ScreenLinkRevoked => self.screen_link = None,
        }
    }

    fn action_mut(&mut self, id: ActionId) -> Option<&mut Action> {
        self.actions.iter_mut().find(|action| action.id == id)
    }

    fn set_presence(&mut self, participant_id: ParticipantId, present: bool) {
        if let Some(participant) = self.participants.get_mut(&participant_id) {
            participant.present = present;
        }
    }

    fn activity_mut(&mut self, id: ActivityId) -> Option<&mut Activity> {
        self.activities.iter_mut().find(|activity| activity.id == id)
    }

    fn contribution_mut(&mut self, id: ContributionId) -> Option<&mut Contribution> {
        self.contributions.iter_mut().find(|contribution| contribution.id == id)
    }
}
