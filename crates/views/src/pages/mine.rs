//! "My contributions": what became of each of a participant's contributions, with the path from
//! their note to any action it fed and where that action now stands. Anonymous contributions
//! are listed too: the page is only ever about the one who asks, so nobody else learns they
//! wrote them.

use crate::follow_up_badges::{overdue_flag, status_badge};
use crate::layout::{EventKinds, Frame, Live, PageContext, page};
use crate::pages::fates::{excerpt, fate_words};
use converge_core::outcomes::Step;
use converge_core::{Contribution, Keyring, Outcome, ParticipantId, Scope, Timestamp, Workshop};
use maud::{Markup, html};

/// The event kinds that change a fate or a path.
pub const FATE_KINDS: EventKinds = EventKinds(&[
    "contributions_merged",
    "contribution_hidden",
    "contribution_shown",
    "contribution_edited",
    "contribution_removed",
    "contribution_unmerged",
    "action_drafted",
    "action_edited",
    "action_withdrawn",
    "fates_decided",
    "action_status_updated",
    "commitment_set",
    "workshop_deleted",
]);

/// The page of `me`, who holds `keyring`'s key to recognise their own contributions; `seq` is
/// the live state's position in the log, `your_code` the participant's way back in (none for a
/// facilitator).
pub fn my_contributions(
    context: &PageContext,
    workshop: &Workshop,
    keyring: &Keyring,
    me: ParticipantId,
    seq: u64,
    now: Timestamp,
    your_code: Option<Markup>,
) -> Markup {
    let lang = context.lang;
    let id = workshop.id;
    let fed = workshop.actions_fed();
    let text_of = |step: &Step| match step {
        Step::Contribution(id) => workshop.contribution(*id).map(|c| excerpt(&c.text)).unwrap_or_default(),
        Step::Action(id) => workshop.action(*id).map(|action| action.card.title.clone()).unwrap_or_default(),
    };
    let title = lang.t("mine-title");
    let wrote =
        |contribution: &Contribution| keyring.is(me, Scope::Contribution(contribution.id), &contribution.author);
    // Their notes the facilitator hid are theirs still, with the reason; removed ones are gone.
    let n_mine =
        workshop.contributions.iter().filter(|contribution| wrote(contribution) && !contribution.removed).count();
    page(
        context,
        Frame {
            title: &title,
            live: Some(Live {
                stream: format!("/api/v1/workshops/{id}/events"),
                seq,
                page: format!("/w/{id}/mine"),
                kinds: FATE_KINDS,
                activity: None,
                follow_focus: Some(format!("/w/{id}/a/")),
            }),
            body_class: "",
        },
        html! {
            p { a href={ "/w/" (id) } { "← " (workshop.title) } }
            h1 { (title) }
            p.hint { (lang.t("mine-private-hint")) }
            div #mine-live data-live {
                @if n_mine == 0 {
                    p.muted { (lang.t("mine-none")) }
                }
                @for activity in &workshop.activities {
                    @let mine: Vec<&Contribution> = workshop.recorded_in(activity.id).filter(|c| wrote(c) && !c.removed).collect();
                    @if !mine.is_empty() {
                        section.card {
                            h2 { (activity.title) }
                            @if activity.settings.anonymous {
                                p.hint { (lang.t("mine-anonymous-hint")) }
                            }
                            ul.mine {
                                @for contribution in mine {
                                    @let fate = workshop.fate_with(contribution.id, &fed);
                                    li.mine-item #{ "mine-" (contribution.id) } data-contribution=(contribution.id) {
                                        span.badge { (lang.t(&format!("kind-{}", contribution.kind.as_str()))) }
                                        p.note-text { (contribution.text) }
                                        @if let Some(reason) = &contribution.hidden {
                                            p.hidden-reason { (lang.t_args("mine-hidden", &[("reason", reason.as_str().into())])) }
                                        }
                                        p.fate-line { strong { (lang.t("mine-fate-label")) } " " (fate_words(lang, workshop, &fate)) }
                                        @if let Outcome::BecameAction(actions) = &fate.outcome {
                                            @for action in actions {
                                                @if let Some(path) = workshop.path_to_action(contribution.id, *action) {
                                                    ol.path aria-label=(lang.t("mine-path-label")) {
                                                        @for (index, step) in path.iter().enumerate() {
                                                            li class=(match step { Step::Action(_) => "path-action", _ => "path-note" }) {
                                                                @match (index, step) {
                                                                    (0, _) => { (lang.t_args("mine-path-yours", &[("text", text_of(step).into())])) }
                                                                    (_, Step::Action(id)) => {
                                                                        (lang.t_args("mine-path-action", &[("title", text_of(step).into())]))
                                                                        // What became of the action since, as the follow-up says.
                                                                        @if let Some(action) = workshop.action(*id) {
                                                                            " " (status_badge(lang, action.follow_up.status))
                                                                            " " (overdue_flag(lang, action, now))
                                                                        }
                                                                    }
                                                                    (_, Step::Contribution(id)) if fate.merged_into == Some(*id) => {
                                                                        (lang.t_args("mine-path-merged-into", &[("text", text_of(step).into())]))
                                                                    }
                                                                    _ => { (lang.t_args("mine-path-built-on", &[("text", text_of(step).into())])) }
                                                                }
                                                            }
                                                        }
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if let Some(your_code) = your_code {
                (your_code)
            }
        },
    )
}
