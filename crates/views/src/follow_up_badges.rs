//! An action's follow-up at a glance — its status and whether an update is overdue — wherever
//! actions are shown: the action plan, the follow-up pages (the commissioner's and the public
//! one), a participant's own contributions.

use crate::Lang;
use converge_core::{Action, ActionStatus, CalendarDate, Timestamp};
use maud::{Markup, html};

/// An action's status as a badge.
pub fn status_badge(lang: Lang, status: ActionStatus) -> Markup {
    html! {
        span class={ "badge followup-status status-" (status.as_str()) } data-status=(status.as_str()) {
            (status_label(lang, status))
        }
    }
}

pub fn status_label(lang: Lang, status: ActionStatus) -> String {
    lang.t(&format!("followup-status-{}", status.as_str()))
}

/// The overdue flag, shown wherever an action's follow-up is.
pub fn overdue_flag(lang: Lang, action: &Action, now: Timestamp) -> Markup {
    html! {
        @if action.follow_up.is_overdue(CalendarDate::of(now)) {
            @let due = action.follow_up.next_update_due.map(|due| lang.date(due)).unwrap_or_default();
            span.badge.overdue data-overdue title=(lang.t_args("followup-overdue-since", &[("date", due.into())])) {
                (lang.t("followup-overdue"))
            }
        }
    }
}
