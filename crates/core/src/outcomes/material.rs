//! The material of an action plan: what the workshop retained that cards may be drafted from.

use crate::outcomes::FateDecision;
use crate::{Activity, Contribution, ContributionId, ContributionKind, Workshop};
use std::collections::BTreeMap;

/// A contribution offered as material, with how a closed vote or assessment ranked it.
pub struct Material<'a> {
    pub contribution: &'a Contribution,
    /// (rank, the vote or assessment's title).
    pub rank: Option<(usize, &'a str)>,
}

/// The order material is offered in: ideas first, then questions and challenges, SWOT notes,
/// visions. `None` for what is not material (risks, statements).
pub fn material_priority(kind: ContributionKind) -> Option<u8> {
    match kind {
        ContributionKind::Idea => Some(0),
        ContributionKind::Question => Some(1),
        ContributionKind::Challenge => Some(2),
        ContributionKind::Strength
        | ContributionKind::Weakness
        | ContributionKind::Opportunity
        | ContributionKind::Threat => Some(3),
        ContributionKind::Vision => Some(4),
        ContributionKind::Risk | ContributionKind::Statement => None,
    }
}

/// What the workshop retained, grouped by activity (ideas' activities first): merged notes and
/// those the facilitator decided not to retain are left out; ranked items come first. `ranks`
/// are the best ranks the closed counts gave, by contribution (reading the frozen results is
/// the engine's job).
pub fn material<'a>(
    workshop: &'a Workshop,
    ranks: &BTreeMap<ContributionId, (usize, &'a str)>,
) -> Vec<(&'a Activity, Vec<Material<'a>>)> {
    let mut groups: Vec<(u8, usize, &Activity, Vec<Material<'_>>)> = Vec::new();
    for (position, activity) in workshop.activities.iter().enumerate() {
        let mut items: Vec<Material<'_>> = workshop
            .contributions_in(activity.id)
            .filter(|c| c.merged_into.is_none() && material_priority(c.kind).is_some())
            .filter(|c| !matches!(workshop.fate_decisions.get(&c.id), Some(FateDecision::NotRetained { .. })))
            .map(|contribution| Material { contribution, rank: ranks.get(&contribution.id).copied() })
            .collect();
        if items.is_empty() {
            continue;
        }
        items.sort_by_key(|item| item.rank.map_or(usize::MAX, |(rank, _)| rank));
        let priority = items.iter().filter_map(|item| material_priority(item.contribution.kind)).min().unwrap_or(9);
        groups.push((priority, position, activity, items));
    }
    groups.sort_by_key(|(priority, position, ..)| (*priority, *position));
    groups.into_iter().map(|(_, _, activity, items)| (activity, items)).collect()
}
