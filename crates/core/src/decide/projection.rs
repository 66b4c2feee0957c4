//! The facilitator's direction of the projection screen: a spotlight, the join panel, names.

use super::{Deciding, require_facilitator};
use crate::{ActivityStatus, ContributionId, DomainError, Event, JoinPanel};

pub(super) fn spotlight(cx: &Deciding<'_>, contribution_id: Option<ContributionId>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if let Some(id) = contribution_id {
        let contribution = workshop.contribution(id).ok_or(DomainError::UnknownContribution(id))?;
        // The room has not seen a draft activity: nothing of it goes on the screen.
        let shown = workshop
            .activity(contribution.activity_id)
            .is_some_and(|activity| activity.status != ActivityStatus::Draft);
        if !shown {
            return Err(DomainError::ActivityNotOpen);
        }
        // A note hidden from the room or removed is not put in front of it.
        if contribution.removed {
            return Err(DomainError::ContributionGone);
        }
        if contribution.hidden.is_some() {
            return Err(DomainError::ContributionHidden);
        }
    }
    if workshop.projection.spotlight == contribution_id {
        return Ok(Vec::new());
    }
    Ok(vec![Event::SpotlightChanged { contribution_id }])
}

pub(super) fn set_join_panel(cx: &Deciding<'_>, panel: JoinPanel) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.projection.join_panel == panel {
        return Ok(Vec::new());
    }
    Ok(vec![Event::JoinPanelChanged { panel }])
}

pub(super) fn hide_names(cx: &Deciding<'_>, hidden: bool) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.projection.names_hidden == hidden {
        return Ok(Vec::new());
    }
    Ok(vec![Event::NamesOnScreenChanged { hidden }])
}
