//! Rules of the projection screen's address that needs no sign-in: giving one, renewing it,
//! taking it back. The facilitator's alone. The address itself (a keyed hash of the workshop and
//! the generation) is the engine's; the record only counts generations.

use super::{Deciding, require_facilitator};
use crate::{DomainError, Event};

/// A new generation of the address, the previous one stopping; unless `renew` is false and the
/// workshop has one already, which is kept (a second click hands out the same address).
pub(super) fn issue_screen_link(cx: &Deciding<'_>, renew: bool) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.screen_link.is_some() && !renew {
        return Ok(Vec::new());
    }
    // Counted from the last one ever given, revoked or not, so a revoked address never returns.
    Ok(vec![Event::ScreenLinkIssued { generation: workshop.screen_links_issued.saturating_add(1) }])
}

pub(super) fn revoke_screen_link(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    Ok(if workshop.screen_link.is_some() { vec![Event::ScreenLinkRevoked] } else { Vec::new() })
}
