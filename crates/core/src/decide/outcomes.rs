//! Rules of the outcomes: action cards (drafting, editing, withdrawing, consensus), the
//! actions that mitigate a risk, and the fate of contributions that fed no action.

use super::{
    Deciding, acting, action_plan, action_sources, live_action, require_contributor, require_facilitator, role_of,
};
use crate::outcomes::{ActionCard, FateDecision, GivenStance, Stance};
use crate::{ActionId, ActivityId, ContributionId, ContributionKind, DomainError, Event, Scope, Subject};

pub(super) fn draft_action(
    cx: &Deciding<'_>,
    action_id: ActionId,
    activity_id: ActivityId,
    card: ActionCard,
    sources: Vec<ContributionId>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_contributor(workshop, actor)?;
    let facilitating = require_facilitator(workshop, actor).is_ok();
    if workshop.action(action_id).is_some() {
        return Err(DomainError::DuplicateAction(action_id));
    }
    let author = acting(keyring, participant, Scope::Draft(activity_id))?;
    let activity = action_plan(workshop, activity_id)?;
    workshop.may_work_on(activity, role_of(workshop, participant))?;
    let card = ActionCard::parse(card, &activity.settings.jurisdiction_keys())?;
    let sources = action_sources(workshop, sources, facilitating)?;
    Ok(vec![Event::ActionDrafted { action_id, activity_id, author, card, sources }])
}

pub(super) fn edit_action(
    cx: &Deciding<'_>,
    action_id: ActionId,
    base_revision: u32,
    card: ActionCard,
    sources: Vec<ContributionId>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_contributor(workshop, actor)?;
    let facilitating = require_facilitator(workshop, actor).is_ok();
    let action = live_action(workshop, action_id)?;
    let editor = acting(keyring, participant, Scope::Edit(action.activity_id))?;
    let activity = action_plan(workshop, action.activity_id)?;
    workshop.may_work_on(activity, role_of(workshop, participant))?;
    if base_revision != action.revision {
        return Err(DomainError::EditConflict { current: action.revision });
    }
    let card = ActionCard::parse(card, &activity.settings.jurisdiction_keys())?;
    let sources = action_sources(workshop, sources, facilitating)?;
    if card == action.card && sources == action.sources {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ActionEdited { action_id, editor, revision: action.revision + 1, card, sources }])
}

pub(super) fn withdraw_action(cx: &Deciding<'_>, action_id: ActionId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let action = workshop.action(action_id).ok_or(DomainError::UnknownAction(action_id))?;
    if action.withdrawn {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ActionWithdrawn { action_id }])
}

pub(super) fn give_consensus(
    cx: &Deciding<'_>,
    action_id: ActionId,
    revision: Option<u32>,
    stance: Stance,
    reason: String,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_contributor(workshop, actor)?;
    let action = live_action(workshop, action_id)?;
    let activity = action_plan(workshop, action.activity_id)?;
    workshop.may_give_a_view(activity, role_of(workshop, participant))?;
    // A stance agrees with a text: given on a text that changed meanwhile, it would be
    // counted for words its giver never read.
    if revision.is_some_and(|revision| revision != action.revision) {
        return Err(DomainError::CardChanged { current: action.revision });
    }
    let reason = crate::outcomes::note(&reason, "reason", false)?;
    if stance == Stance::Object && reason.is_empty() {
        return Err(DomainError::ReasonRequired);
    }
    let named = Subject::Named(participant);
    let participant = if action.consensus.contains_key(&named) {
        named
    } else {
        acting(keyring, participant, Scope::Stance(action.activity_id))?
    };
    let given = GivenStance { stance, reason: reason.clone(), revision: action.revision };
    if action.consensus.get(&participant) == Some(&given) {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ConsensusGiven { action_id, participant, stance, reason }])
}

pub(super) fn link_mitigations(
    cx: &Deciding<'_>,
    risk: ContributionId,
    actions: Vec<ActionId>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    let participant = require_contributor(workshop, actor)?;
    let contribution = workshop.contribution(risk).filter(|c| c.kind == ContributionKind::Risk);
    let contribution = contribution.ok_or(DomainError::NotARisk)?;
    let activity =
        workshop.activity(contribution.activity_id).ok_or(DomainError::UnknownActivity(contribution.activity_id))?;
    workshop.may_work_on(activity, role_of(workshop, participant))?;
    let max = crate::outcomes::outcome_limits::MITIGATIONS_MAX;
    if actions.len() > max {
        return Err(DomainError::BatchTooLarge { max });
    }
    let mut unique = Vec::with_capacity(actions.len());
    for action in actions {
        live_action(workshop, action)?;
        if !unique.contains(&action) {
            unique.push(action);
        }
    }
    if workshop.mitigations_of(risk) == unique.as_slice() {
        return Ok(Vec::new());
    }
    Ok(vec![Event::MitigationsLinked { risk, actions: unique }])
}

pub(super) fn decide_fates(
    cx: &Deciding<'_>,
    contributions: Vec<ContributionId>,
    decision: FateDecision,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let max = crate::outcomes::outcome_limits::FATE_BATCH_MAX;
    if contributions.len() > max {
        return Err(DomainError::BatchTooLarge { max });
    }
    let decision = match decision {
        FateDecision::NotRetained { reason } => {
            let reason = crate::outcomes::note(&reason, "reason", false)?;
            if reason.is_empty() {
                return Err(DomainError::ReasonRequired);
            }
            FateDecision::NotRetained { reason }
        }
        other => other,
    };
    let mut unique = Vec::with_capacity(contributions.len());
    for id in contributions {
        let contribution = workshop.contribution(id).ok_or(DomainError::UnknownContribution(id))?;
        if contribution.merged_into.is_some() {
            return Err(DomainError::FateOfMergedNote);
        }
        let current = workshop.fate_decisions.get(&id).unwrap_or(&FateDecision::Undecided);
        if *current != decision && !unique.contains(&id) {
            unique.push(id);
        }
    }
    if unique.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![Event::FatesDecided { contributions: unique, decision }])
}
