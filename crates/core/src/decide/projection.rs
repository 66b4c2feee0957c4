//! The facilitator's direction of the projection screen: a spotlight, a zoom, the join panel,
//! names.

use super::{Deciding, require_facilitator};
use crate::{ActivityKind, ActivityStatus, BoardPart, ContributionId, DomainError, Event, JoinPanel, Quadrant, Zoom};

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

/// Zooms on one part of a board the room has seen: a category of a sorting board, a quadrant of
/// a SWOT or of an assessment's matrix, a table of the room.
pub(super) fn zoom(cx: &Deciding<'_>, zoom: Option<Zoom>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if let Some(Zoom { activity_id, part }) = zoom {
        let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
        if activity.status == ActivityStatus::Draft {
            return Err(DomainError::ActivityNotOpen);
        }
        match part {
            BoardPart::Category { category } => {
                if activity.kind() != ActivityKind::Categorize {
                    return Err(DomainError::WrongActivityKind);
                }
                if !activity.settings.categories().iter().any(|known| known.id == category) {
                    return Err(DomainError::UnknownCategory(category));
                }
            }
            BoardPart::Quadrant { quadrant } => {
                let fits = match activity.kind() {
                    ActivityKind::Swot => Quadrant::SWOT.contains(&quadrant),
                    ActivityKind::Assess => Quadrant::MATRIX.contains(&quadrant),
                    _ => false,
                };
                if !fits {
                    return Err(DomainError::WrongActivityKind);
                }
            }
            BoardPart::Table { table } => {
                // A brainwriting's own tables, or else the room's seating.
                let n_tables = activity
                    .brainwriting
                    .as_ref()
                    .map_or(workshop.tables.len(), |brainwriting| brainwriting.tables.len());
                if usize::try_from(table).map_or(true, |table| table >= n_tables) {
                    return Err(DomainError::UnknownTable(table));
                }
            }
        }
    }
    // Zooming on a part asks to see it: a note in the spotlight gives way.
    let mut events = Vec::new();
    if zoom.is_some() && workshop.projection.spotlight.is_some() {
        events.push(Event::SpotlightChanged { contribution_id: None });
    }
    if workshop.projection.zoom != zoom {
        events.push(Event::ProjectionZoomed { zoom });
    }
    Ok(events)
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
