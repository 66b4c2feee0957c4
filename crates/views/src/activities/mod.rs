//! What each kind of activity shows: to a participant on a phone, to the facilitator running
//! it, and on the projection screen. Every kind has its module; the pages around them (the
//! header, the status, the live wiring) are shared.
//!
//! Forms here post to the routes in `pages::participant` (contributions, sorting) and
//! `pages::facilitator` (the facilitator's actions); every form carries the CSRF field.

pub mod action_plan;
pub mod assess;
mod brainwriting;
mod categorize;
mod challenges;
mod export;
mod generic;
mod moderation;
mod photo_language;
mod reformulate;
pub mod risk_map;
mod swot;
pub mod vote;

use crate::Lang;
use converge_core::{
    Activity, ActivityId, ActivityKind, BoardPart, Contribution, Keyring, ParticipantId, Quadrant, Role, Scope,
    Subject, Timestamp, Workshop,
};
use maud::{Markup, html};
use std::collections::HashMap;

/// Everything a view needs to render one activity for one viewer.
pub struct View<'a> {
    pub lang: Lang,
    pub csrf: &'a str,
    pub workshop: &'a Workshop,
    pub activity: &'a Activity,
    /// Display names by participant.
    pub names: &'a HashMap<ParticipantId, &'a str>,
    /// The participant looking; `None` on the projection screen.
    pub viewer: Option<ParticipantId>,
    /// The participants' keys: to recognise the viewer's own ballot, stance or anonymous note.
    pub keyring: &'a Keyring,
    /// The viewer's role; `None` on the projection screen.
    pub role: Option<Role>,
    pub now: Timestamp,
    /// What the participant had typed when their post was refused, to show it again.
    pub draft: &'a Draft,
}

/// A contribution being written: the fields of the note form, as refused (to fix) or as the
/// last note left them (its kind, and that it was sent).
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub text: String,
    pub kind: String,
    /// A note was just sent from this form: the form says so.
    pub sent: bool,
    pub card: String,
    pub links: Vec<uuid::Uuid>,
    pub contribution_id: Option<uuid::Uuid>,
    /// The brainwriting sheet the form was shown for.
    pub sheet: Option<converge_core::SheetRef>,
}

impl<'a> View<'a> {
    /// The notes of `activity` this viewer's lists show, in the order they were posted: what
    /// the room sees and, for a participant, their own notes the facilitator hid, in their
    /// place, where the note's card says why (`generic::note`). Removed notes are gone.
    pub fn listed_in(&self, activity: ActivityId) -> impl Iterator<Item = &'a Contribution> + use<'a, '_> {
        let own_hidden_too = !self.is_facilitator() && self.role.is_some();
        self.workshop.recorded_in(activity).filter(move |note| {
            note.is_visible() || (own_hidden_too && !note.removed && note.hidden.is_some() && self.wrote(note))
        })
    }

    pub fn is_facilitator(&self) -> bool {
        self.role == Some(Role::Facilitator)
    }

    /// True when the viewer may post here now.
    pub fn can_contribute(&self) -> bool {
        self.activity.status == converge_core::ActivityStatus::Open
            && self.role.is_some_and(Role::may_contribute)
            && self.activity.kind().accepts_contributions()
    }

    /// True when `subject`, acting in `scope`, is the viewer.
    pub fn is_viewer(&self, scope: Scope, subject: &Subject) -> bool {
        self.viewer.is_some_and(|viewer| self.keyring.is(viewer, scope, subject))
    }

    /// True when the viewer wrote `contribution`.
    pub fn wrote(&self, contribution: &Contribution) -> bool {
        self.is_viewer(Scope::Contribution(contribution.id), &contribution.author)
    }

    /// True on the projection screen when the facilitator keeps names off it.
    pub fn names_off_screen(&self) -> bool {
        self.role.is_none() && self.viewer.is_none() && self.workshop.projection.names_hidden
    }

    /// The author's name as this viewer may see it: in anonymous activities, only the author
    /// sees it (the facilitator does not); on the projection, nobody's when names are kept off.
    pub fn author_of(&self, contribution: &Contribution) -> Option<&str> {
        if self.names_off_screen() {
            return None;
        }
        let anonymous = matches!(contribution.author, Subject::Pseudonym(_))
            || self.workshop.activity(contribution.activity_id).is_none_or(|activity| activity.settings.anonymous);
        match (anonymous, contribution.author) {
            (false, Subject::Named(author)) => Some(self.names.get(&author).copied().unwrap_or("?")),
            _ if self.wrote(contribution) => self.viewer.map(|viewer| self.names.get(&viewer).copied().unwrap_or("?")),
            _ => None,
        }
    }

    /// The address contributions of this activity are posted to.
    pub fn post_action(&self) -> String {
        format!("/w/{}/a/{}/notes", self.workshop.id, self.activity.id)
    }

    /// The address of a facilitator's action on this activity.
    pub fn facilitator_action(&self, action: &str) -> String {
        format!("/facilitator/workshops/{}/activities/{}/{action}", self.workshop.id, self.activity.id)
    }
}

/// The activities whose events change this activity's views: itself, its sources, and the
/// activities that work on it (a reformulation shows on the challenge it rewrites), as the
/// space-separated list pages give their live script.
pub fn related_activities(workshop: &Workshop, activity: &Activity) -> String {
    let mut related = vec![activity.id];
    related.extend(activity.settings.sources.iter().copied());
    related.extend(
        workshop.activities.iter().filter(|other| other.settings.sources.contains(&activity.id)).map(|other| other.id),
    );
    // A risk map offers the plan's actions as mitigations, and a card shows the risks it mitigates.
    let counterpart = match activity.kind() {
        ActivityKind::RiskMap => Some(ActivityKind::ActionPlan),
        ActivityKind::ActionPlan => Some(ActivityKind::RiskMap),
        _ => None,
    };
    related.extend(workshop.activities.iter().filter(|other| Some(other.kind()) == counterpart).map(|other| other.id));
    related.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
}

/// How densely the projection lays out a board of `count` items (`data-density`, read by
/// `stage.css`): a few stand large in wide columns, many in narrower columns of smaller type. The
/// stage's fitting then takes the largest size at which they fit, and pages only when even the
/// smallest readable one cannot hold them.
/// Only the projection says it: `None` on a phone or the console.
pub(crate) fn density(view: &View<'_>, count: usize) -> Option<&'static str> {
    let on_the_stage = view.role.is_none() && view.viewer.is_none();
    on_the_stage.then_some(match count {
        0..=6 => "roomy",
        7..=12 => "medium",
        _ => "dense",
    })
}

/// What an activity's sources produced, shown as the questions to work on: the reformulated
/// challenges become the prompts of brainwriting. Folded unless `open`.
fn source_prompts(view: &View<'_>, open: bool) -> Markup {
    let prompts: Vec<&Contribution> = view.workshop.source_contributions(view.activity).collect();
    html! {
        @if !prompts.is_empty() {
            details.source-prompts open[open] {
                summary { (view.lang.t("activity-source-prompts")) }
                ul {
                    @for prompt in prompts {
                        li { (prompt.text) }
                    }
                }
            }
        }
    }
}

/// The participant's part of the activity page: the forms to contribute and what they see,
/// then their own notes the facilitator hid, with the reason.
pub fn participant(view: &View<'_>) -> Markup {
    html! { (participant_board(view)) (moderation::hidden_notes(view)) }
}

fn participant_board(view: &View<'_>) -> Markup {
    match view.activity.kind() {
        ActivityKind::PhotoLanguage => photo_language::participant(view),
        ActivityKind::Swot => swot::participant(view),
        ActivityKind::Challenges => challenges::participant(view),
        ActivityKind::Reformulate => reformulate::participant(view),
        ActivityKind::Categorize => categorize::participant(view),
        ActivityKind::Brainwriting => {
            // The questions are read in the first round; after it they fold away, so the writing
            // box comes first on a phone.
            let first_round = view.activity.brainwriting.as_ref().is_none_or(|brainwriting| brainwriting.round == 0);
            // By category, each sheet shows its own questions instead.
            let by_category = view.activity.settings.take == Some(converge_core::Take::Categories);
            html! {
                @if !by_category { (source_prompts(view, first_round)) }
                (brainwriting::participant(view))
            }
        }
        ActivityKind::Vote => vote::participant(view),
        ActivityKind::Assess => assess::participant(view),
        ActivityKind::ActionPlan => action_plan::participant(view),
        ActivityKind::RiskMap => risk_map::participant(view),
        _ => generic::participant(view),
    }
}

/// The facilitator's board for the activity, with the controls that act on contributions,
/// then the notes hidden from the room, to show them again.
pub fn facilitator(view: &View<'_>) -> Markup {
    html! { (facilitator_board(view)) (moderation::hidden_notes(view)) }
}

fn facilitator_board(view: &View<'_>) -> Markup {
    match view.activity.kind() {
        ActivityKind::PhotoLanguage => photo_language::facilitator(view),
        ActivityKind::Swot => swot::facilitator(view),
        ActivityKind::Challenges => challenges::facilitator(view),
        ActivityKind::Reformulate => reformulate::facilitator(view),
        ActivityKind::Categorize => categorize::facilitator(view),
        ActivityKind::Brainwriting => html! { (source_prompts(view, true)) (brainwriting::facilitator(view)) },
        ActivityKind::Vote => vote::facilitator(view),
        ActivityKind::Assess => assess::facilitator(view),
        ActivityKind::ActionPlan => action_plan::facilitator(view),
        ActivityKind::RiskMap => risk_map::facilitator(view),
        _ => generic::facilitator(view),
    }
}

/// The activity on the projection zoomed on one part of its board: a SWOT or matrix quadrant, a
/// category, a table (a brainwriting's, with its sheets, or else who sits there). A part the
/// board does not have (any more) shows the whole board.
pub fn projection_zoomed(view: &View<'_>, part: BoardPart) -> Markup {
    let zoomed = match (view.activity.kind(), part) {
        (ActivityKind::Swot, BoardPart::Quadrant { quadrant }) => swot::quadrant_projection(view, quadrant),
        (ActivityKind::Assess, BoardPart::Quadrant { quadrant }) if Quadrant::MATRIX.contains(&quadrant) => {
            Some(assess::quadrant_projection(view, quadrant))
        }
        (ActivityKind::Categorize, BoardPart::Category { category }) => categorize::category_projection(view, category),
        (ActivityKind::Brainwriting, BoardPart::Table { table }) if view.activity.brainwriting.is_some() => {
            brainwriting::table_projection(view, table)
        }
        (_, BoardPart::Table { table })
            if usize::try_from(table).is_ok_and(|table| table < view.workshop.tables.len()) =>
        {
            Some(crate::seating::tables(view.lang, view.workshop, view.names, Some(table)))
        }
        _ => None,
    };
    zoomed.unwrap_or_else(|| projection(view))
}

/// The activity as the room sees it on the projection screen: large, no controls, no names in
/// anonymous activities.
pub fn projection(view: &View<'_>) -> Markup {
    match view.activity.kind() {
        ActivityKind::PhotoLanguage => photo_language::projection(view),
        ActivityKind::Swot => swot::projection(view),
        ActivityKind::Challenges => challenges::projection(view),
        ActivityKind::Reformulate => reformulate::projection(view),
        ActivityKind::Categorize => categorize::projection(view),
        ActivityKind::Brainwriting => html! { (source_prompts(view, true)) (brainwriting::projection(view)) },
        ActivityKind::Vote => vote::projection(view),
        ActivityKind::Assess => assess::projection(view),
        ActivityKind::ActionPlan => action_plan::projection(view),
        ActivityKind::RiskMap => risk_map::projection(view),
        _ => generic::projection(view),
    }
}

/// The board of an activity as an SVG document, for the facilitator's slides.
pub use export::{board_svg, file_name};
