//! Rules of the counts: ballots, assessments and risk ratings, each given in confidence under
//! a pseudonym (or under the id an older record already names the voter by).

use super::{Deciding, acting, require_contributor, require_voter, role_of};
use crate::{
    ActivityId, ActivityKind, ActivityStatus, ContributionId, ContributionKind, DomainError, Event, Scope, Subject,
};

pub(super) fn cast_ballot(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    ballot: crate::voting::Ballot,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_voter(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::Vote {
        return Err(DomainError::WrongActivityKind);
    }
    // A voter named by id in an older record keeps that one voice.
    let named = Subject::Named(participant);
    let voter = if activity.ballots.contains_key(&named) || activity.comparisons.iter().any(|(who, ..)| *who == named) {
        named
    } else {
        acting(keyring, participant, Scope::Ballot(activity_id))?
    };
    if activity.status != ActivityStatus::Open {
        return Err(DomainError::ActivityNotOpen);
    }
    ballot.check(&activity.settings.vote_rules(), &workshop.items_of(activity))?;
    // Each participant answers each pair once, so nobody outweighs the room by repeating.
    if let crate::voting::Ballot::Pairwise { winner, loser } = &ballot
        && activity
            .comparisons
            .iter()
            .any(|(who, a, b)| *who == voter && ((a == winner && b == loser) || (a == loser && b == winner)))
    {
        return Err(DomainError::InvalidBallot { reason: "pair_answered" });
    }
    if ballot.replaces_previous() && activity.ballots.get(&voter) == Some(&ballot) {
        return Ok(Vec::new());
    }
    Ok(vec![Event::BallotCast { activity_id, voter, ballot }])
}

pub(super) fn assess_item(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    item: ContributionId,
    scores: crate::voting::CriterionScores,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_voter(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::Assess {
        return Err(DomainError::WrongActivityKind);
    }
    let named = Subject::Named(participant);
    let assessor = if activity.assessments.values().any(|by| by.contains_key(&named)) {
        named
    } else {
        acting(keyring, participant, Scope::Assessment(activity_id))?
    };
    if activity.status != ActivityStatus::Open {
        return Err(DomainError::ActivityNotOpen);
    }
    if !workshop.items_of(activity).contains(&item) {
        return Err(DomainError::NotAnItem);
    }
    crate::voting::check_assessment(&scores, activity.settings.criteria())?;
    if activity.assessments.get(&item).and_then(|by| by.get(&assessor)) == Some(&scores) {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ItemAssessed { activity_id, assessor, item, scores }])
}

pub(super) fn rate_risk(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    risk: ContributionId,
    likelihood: u8,
    impact: u8,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let participant = require_contributor(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::RiskMap {
        return Err(DomainError::WrongActivityKind);
    }
    let named = Subject::Named(participant);
    let rater = if activity.risk_ratings.values().any(|by| by.contains_key(&named)) {
        named
    } else {
        acting(keyring, participant, Scope::Rating(activity_id))?
    };
    workshop.may_give_a_view(activity, role_of(workshop, participant))?;
    let known = workshop.contribution(risk).is_some_and(|contribution| {
        contribution.activity_id == activity_id
            && contribution.kind == ContributionKind::Risk
            && contribution.merged_into.is_none()
    });
    if !known {
        return Err(DomainError::NotARisk);
    }
    let on_scale = 1..=crate::outcomes::outcome_limits::RATING_MAX;
    if !on_scale.contains(&likelihood) || !on_scale.contains(&impact) {
        return Err(DomainError::InvalidRating);
    }
    if activity.risk_ratings.get(&risk).and_then(|by| by.get(&rater)) == Some(&(likelihood, impact)) {
        return Ok(Vec::new());
    }
    Ok(vec![Event::RiskRated { activity_id, rater, risk, likelihood, impact }])
}
