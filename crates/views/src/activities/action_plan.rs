//! The action plan: cards drafted from what the workshop retained, edited together, and checked
//! for consensus (agree / can live with it / object, with a reason).
//!
//! The activity page lists the cards with their consensus and one-tap stances, and the material
//! to draft from (ideas first) with a "draft from this idea" link. Writing happens on pages of
//! their own — a new card (`…/actions/new`) and one card (`…/actions/{action}`) — whose forms sit
//! outside the live regions, so what is being typed never changes under the typist. An edit names
//! the revision it started from and the values it started from: when someone saved first, the
//! card page shows the card as it now is, what was typed, and the form with both changes merged.

use super::View;
use crate::Lang;
use crate::layout::csrf_field;
use converge_core::outcomes::{self, Action, ActionCard, GivenStance, Material, Stance, outcome_limits};
use converge_core::{
    ActionId, ActivityKind, ActivitySettings, Contribution, ContributionId, ContributionKind, Jurisdiction, Language,
    Scope, Workshop, WorkshopId, limits,
};
use maud::{Markup, html};
use std::collections::BTreeMap;

/// Where a card's forms post and its pages are.
pub fn plan_path(workshop: WorkshopId, activity: converge_core::ActivityId) -> String {
    format!("/w/{workshop}/a/{activity}/actions")
}

pub fn card_path(workshop: WorkshopId, activity: converge_core::ActivityId, action: ActionId) -> String {
    format!("/w/{workshop}/a/{activity}/actions/{action}")
}

/// The card fields a person writes, in the order of the form: (field, label key, multi-line,
/// longest text). The field names are the core's, so its error messages name the same field.
pub const CARD_FIELDS: [(&str, &str, bool, usize); 9] = [
    ("title", "actions-field-title", false, limits::TITLE_MAX),
    ("description", "actions-field-description", true, limits::NOTE_MAX),
    ("rationale", "actions-field-rationale", true, limits::NOTE_MAX),
    ("owner", "actions-field-owner", false, outcome_limits::OWNER_MAX),
    ("jurisdiction", "actions-field-jurisdiction", false, 40),
    ("horizon", "actions-field-horizon", false, outcome_limits::HORIZON_MAX),
    ("first_steps", "actions-field-first_steps", true, limits::NOTE_MAX),
    ("resources", "actions-field-resources", true, limits::NOTE_MAX),
    ("indicators", "actions-field-indicators", true, limits::NOTE_MAX),
];

/// A card as a form holds it: what is typed and the sources ticked.
pub type CardForm = converge_core::outcomes::CardEdit;

/// An edit that came too late: someone saved the card after the editor loaded it.
pub struct Conflict<'a> {
    /// What the editor sent.
    pub attempted: &'a CardForm,
    /// The fields both changed, each their own way.
    pub clashing: Vec<&'static str>,
}

pub use converge_core::outcomes::merge_edit;

/// The jurisdictions of an activity as (key, name): its own, or the three defaults named in
/// the reader's language.
pub fn jurisdictions(lang: Lang, settings: &ActivitySettings) -> Vec<(String, String)> {
    if settings.jurisdictions().is_empty() {
        converge_core::outcomes::DEFAULT_JURISDICTIONS
            .iter()
            .map(|key| ((*key).to_owned(), lang.t(&format!("actions-jurisdiction-{key}"))))
            .collect()
    } else {
        settings.jurisdictions().iter().map(|j| (j.key.clone(), j.name.clone())).collect()
    }
}

pub fn jurisdiction_name(lang: Lang, settings: &ActivitySettings, key: &str) -> String {
    jurisdictions(lang, settings).into_iter().find(|(known, _)| known == key).map_or_else(|| key.to_owned(), |(_, n)| n)
}

/// The settings field: one jurisdiction per line, the defaults written out when there are none.
pub fn jurisdiction_lines(lang: Lang, settings: &ActivitySettings) -> String {
    jurisdictions(lang, settings).into_iter().map(|(_, name)| name).collect::<Vec<_>>().join("\n")
}

/// The jurisdictions a facilitator typed, one per line. Names kept keep their key (cards refer to
/// keys); a renamed line takes the key of the first name no longer there; new names get a key
/// made from the name. The defaults, left as written in either language, stay the defaults.
pub fn jurisdictions_from_lines(settings: &ActivitySettings, lines: &str) -> Vec<Jurisdiction> {
    let names: Vec<&str> = lines.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let existing: Vec<(String, Vec<String>)> = if settings.jurisdictions().is_empty() {
        converge_core::outcomes::DEFAULT_JURISDICTIONS
            .iter()
            .map(|key| {
                let named = |language| Lang(language).t(&format!("actions-jurisdiction-{key}"));
                ((*key).to_owned(), vec![named(Language::Fr), named(Language::En)])
            })
            .collect()
    } else {
        settings.jurisdictions().iter().map(|j| (j.key.clone(), vec![j.name.clone()])).collect()
    };
    let unchanged_defaults = settings.jurisdictions().is_empty()
        && names.len() == existing.len()
        && names.iter().zip(&existing).all(|(name, (_, known))| known.iter().any(|known| known == name));
    if unchanged_defaults {
        return Vec::new();
    }
    let kept = |name: &str| existing.iter().find(|(_, known)| known.iter().any(|known| known == name));
    let mut freed: Vec<&String> = existing
        .iter()
        .filter(|(_, known)| !names.iter().any(|name| known.iter().any(|known| known == name)))
        .map(|(key, _)| key)
        .collect();
    freed.reverse();
    let mut result: Vec<Jurisdiction> = Vec::new();
    for name in names {
        let key = match kept(name) {
            Some((key, _)) => key.clone(),
            None => match freed.pop() {
                Some(key) => key.clone(),
                None => {
                    let taken = |key: &str| {
                        result.iter().any(|j| j.key == key) || existing.iter().any(|(known, _)| known == key)
                    };
                    let base = key_from_name(name);
                    let mut key = base.clone();
                    let mut n = 2;
                    while taken(&key) {
                        key = format!("{}-{n}", base.chars().take(36).collect::<String>());
                        n += 1;
                    }
                    key
                }
            },
        };
        if !result.iter().any(|j| j.key == key) {
            result.push(Jurisdiction { key, name: name.to_owned() });
        }
    }
    result
}

/// A key for a new jurisdiction: its name in lower-case ASCII, other characters as dashes.
fn key_from_name(name: &str) -> String {
    let mut key = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            key.push(c);
        } else if !key.ends_with('-') && !key.is_empty() {
            key.push('-');
        }
    }
    let key: String = key.trim_end_matches('-').chars().take(40).collect();
    if key.is_empty() { "jurisdiction".to_owned() } else { key }
}

/// The cards of this activity's plan, in the order they were drafted.
pub(super) fn plan<'a>(view: &View<'a>) -> Vec<&'a Action> {
    view.workshop.plan().filter(|action| action.activity_id == view.activity.id).collect()
}

/// True when the viewer may draft and edit cards here now, as `decide` will accept it.
pub fn may_write(view: &View<'_>) -> bool {
    view.role.is_some_and(|role| view.workshop.may_work_on(view.activity, role).is_ok())
}

/// True when the viewer may give their stance now, as `decide` will accept it. The facilitator's
/// console offers no stance: they run the room.
pub fn may_take_a_stance(view: &View<'_>) -> bool {
    !view.is_facilitator() && view.role.is_some_and(|role| view.workshop.may_give_a_view(view.activity, role).is_ok())
}

pub fn participant(view: &View<'_>) -> Markup {
    let lang = view.lang;
    html! {
        @if may_write(view) {
            p { a.button href={ (plan_path(view.workshop.id, view.activity.id)) "/new" } { (lang.t("actions-new-button")) } }
        }
        div #retained-live data-live {
            (retained_section(view))
        }
        div #plan-live data-live {
            (plan_list(view, false))
        }
        div #material-live data-live {
            (material_section(view))
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let withdrawn: Vec<&Action> = view
        .workshop
        .actions
        .iter()
        .filter(|action| action.activity_id == view.activity.id && action.withdrawn)
        .collect();
    html! {
        p {
            a.button href={ (plan_path(view.workshop.id, view.activity.id)) "/new" } { (lang.t("actions-new-button")) }
            " "
            span.hint { (lang.t("actions-facilitator-sources-optional")) }
        }
        (retained_section(view))
        (plan_list(view, true))
        @if !withdrawn.is_empty() {
            details.withdrawn-actions {
                summary { (lang.t_args("actions-withdrawn-count", &[("count", withdrawn.len().into())])) }
                ul {
                    @for action in withdrawn {
                        li { a href=(card_path(view.workshop.id, view.activity.id, action.id)) { (action.card.title) } }
                    }
                }
            }
        }
        details.material-console {
            summary { (lang.t("actions-material-heading")) }
            (material_section(view))
        }
    }
}

/// The plan as the room sees it: cards grouped by jurisdiction, each with its consensus bar.
pub fn projection(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let cards = plan(view);
    html! {
        @if cards.is_empty() {
            p.lead { (lang.t("actions-empty")) }
        }
        div.plan-by-jurisdiction {
            @for (key, name) in groups(lang, &view.activity.settings, &cards) {
                @let in_group: Vec<&&Action> = cards.iter().filter(|action| action.card.jurisdiction == key).collect();
                @if !in_group.is_empty() {
                    section.jurisdiction-group {
                        h3 { (name) " " span.badge { (in_group.len()) } }
                        ol.action-cards {
                            @for action in in_group {
                                li.action-card.projected {
                                    p.action-title { (action.card.title) }
                                    @if !action.card.owner.is_empty() || !action.card.horizon.is_empty() {
                                        p.action-meta { (meta_line(lang, &action.card)) }
                                    }
                                    (consensus_bar(lang, action))
                                    (follow_up_status(view, action))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The jurisdictions to group cards under: the activity's, then any key a card still carries
/// after its jurisdiction was taken out of the settings, so no card drops out of sight.
pub(super) fn groups(lang: Lang, settings: &ActivitySettings, cards: &[&Action]) -> Vec<(String, String)> {
    let mut groups = jurisdictions(lang, settings);
    for action in cards {
        if !groups.iter().any(|(key, _)| *key == action.card.jurisdiction) {
            groups.push((action.card.jurisdiction.clone(), action.card.jurisdiction.clone()));
        }
    }
    groups
}

/// Owner and horizon, on one line.
fn meta_line(lang: Lang, card: &ActionCard) -> String {
    let mut parts = Vec::new();
    if !card.owner.is_empty() {
        parts.push(lang.t_args("actions-owner-is", &[("owner", card.owner.as_str().into())]));
    }
    if !card.horizon.is_empty() {
        parts.push(lang.t_args("actions-horizon-is", &[("horizon", card.horizon.as_str().into())]));
    }
    parts.join(" · ")
}

/// The cards of the plan, newest last, each with its consensus, the viewer's one-tap stances, and
/// for the facilitator the objections with who raised them and the withdraw button.
fn plan_list(view: &View<'_>, console: bool) -> Markup {
    let lang = view.lang;
    let cards = plan(view);
    html! {
        h2 { (lang.t_args("actions-plan-heading", &[("count", cards.len().into())])) }
        @if cards.is_empty() {
            p.muted { (lang.t("actions-empty")) }
        } @else {
            ol.action-cards {
                @for action in &cards {
                    li.action-card id={ "action-" (action.id) } {
                        h3.action-title {
                            a href=(card_path(view.workshop.id, view.activity.id, action.id)) { (action.card.title) }
                        }
                        p.action-meta {
                            span.badge.jurisdiction { (jurisdiction_name(lang, &view.activity.settings, &action.card.jurisdiction)) }
                            @let meta = meta_line(lang, &action.card);
                            @if !meta.is_empty() { " " (meta) }
                        }
                        @if !action.card.description.is_empty() {
                            p.action-description { (action.card.description) }
                        }
                        (consensus_bar(lang, action))
                        (follow_up_status(view, action))
                        @if console {
                            (objections(view, action))
                            // Two taps: a card withdrawn stays withdrawn.
                            details.withdraw {
                                summary { (lang.t("actions-withdraw-summary")) }
                                form.inline method="post" action={ (card_path(view.workshop.id, view.activity.id, action.id)) "/withdraw" } {
                                    (csrf_field(view.csrf))
                                    p.hint { (lang.t("actions-withdraw-hint")) }
                                    button.danger type="submit" { (lang.t("actions-withdraw-button")) }
                                }
                            }
                        } @else if may_take_a_stance(view) {
                            (quick_stance(view, action))
                        }
                        p.action-links {
                            a href=(card_path(view.workshop.id, view.activity.id, action.id)) {
                                (lang.t(if console {
                                    "actions-open-card-facilitator"
                                } else if may_write(view) {
                                    "actions-open-card-edit"
                                } else {
                                    "actions-open-card"
                                }))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where the action stands after the workshop, with the overdue flag, once there is a follow-up.
fn follow_up_status(view: &View<'_>, action: &Action) -> Markup {
    let followed = view.workshop.closed_at.is_some() || !action.follow_up.history.is_empty();
    html! {
        @if followed {
            p.action-follow-up {
                (crate::follow_up_badges::status_badge(view.lang, action.follow_up.status))
                " " (crate::follow_up_badges::overdue_flag(view.lang, action, view.now))
            }
        }
    }
}

/// The viewer's latest stance, if they gave one, on whichever revision of the card.
fn given_stance<'a>(view: &View<'_>, action: &'a Action) -> Option<&'a GivenStance> {
    let viewer = view.viewer?;
    view.keyring.find(&action.consensus, viewer, Scope::Stance(action.activity_id))
}

/// The viewer's stance on the card as it reads now, if they gave one.
fn stance_of(view: &View<'_>, action: &Action) -> Option<(Stance, String)> {
    given_stance(view, action)
        .filter(|given| given.revision == action.revision)
        .map(|given| (given.stance, given.reason.clone()))
}

/// "You said X on an earlier version: read it again and say it again", when the card changed
/// after the viewer gave their stance.
fn stale_stance_notice(view: &View<'_>, action: &Action) -> Markup {
    let lang = view.lang;
    html! {
        @if let Some(given) = given_stance(view, action).filter(|given| given.revision != action.revision) {
            p.notice.stale-stance {
                (lang.t_args("actions-stance-stale", &[("stance", lang.t(&format!("actions-stance-{}", given.stance.as_str())).into())]))
            }
        }
    }
}

/// Agree or can-live-with in one tap; an objection needs a reason, written on the card's page.
fn quick_stance(view: &View<'_>, action: &Action) -> Markup {
    let lang = view.lang;
    let mine = stance_of(view, action).map(|(stance, _)| stance);
    html! {
        form.quick-stance method="post" action={ (card_path(view.workshop.id, view.activity.id, action.id)) "/consensus" } {
            (csrf_field(view.csrf))
            input type="hidden" name="return" value="list";
            input type="hidden" name="revision" value=(action.revision);
            @for stance in [Stance::Agree, Stance::CanLiveWith] {
                button type="submit" name="stance" value=(stance.as_str())
                    class={ "stance stance-" (stance.as_str()) @if mine == Some(stance) { " chosen" } }
                    aria-pressed=(if mine == Some(stance) { "true" } else { "false" }) {
                    (lang.t(&format!("actions-stance-{}", stance.as_str())))
                }
            }
            a.button.secondary.stance-object href={ (card_path(view.workshop.id, view.activity.id, action.id)) "#consensus" }
                aria-current=[(mine == Some(Stance::Object)).then_some("true")] {
                (lang.t("actions-stance-object-link"))
            }
        }
        @if let Some(stance) = mine {
            p.hint { (lang.t_args("actions-your-stance", &[("stance", lang.t(&format!("actions-stance-{}", stance.as_str())).into())])) }
        }
        (stale_stance_notice(view, action))
    }
}

/// The colours of the stances, as SVG fills: agree, can live with it, object.
const STANCE_FILLS: [&str; 3] = ["#2e8540", "#e0a526", "#b42318"];

/// The consensus as one bar (agree, can live with it, object) and the counts in words.
pub fn consensus_bar(lang: Lang, action: &Action) -> Markup {
    let counts = action.consensus_counts();
    let stale = action.stale_stances();
    let total: usize = counts.iter().sum();
    let words = lang.t_args(
        "actions-consensus-counts",
        &[("agree", counts[0].into()), ("live", counts[1].into()), ("object", counts[2].into())],
    );
    let mut start = 0.0;
    let mut segments = Vec::new();
    for (index, count) in counts.iter().enumerate() {
        let width = if total == 0 { 0.0 } else { *count as f64 * 100.0 / total as f64 };
        if *count > 0 {
            segments.push((index, start, width));
        }
        start += width;
    }
    html! {
        div.consensus {
            @if total > 0 {
                svg.consensus-bar viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label=(words) {
                    title { (words) }
                    @for (index, x, width) in &segments {
                        rect x=(format!("{x:.3}")) y="0" width=(format!("{width:.3}")) height="6" fill=(STANCE_FILLS[*index]) {}
                    }
                }
                p.consensus-counts { (words) }
            } @else {
                p.consensus-counts.muted { (lang.t("actions-consensus-none")) }
            }
            @if stale > 0 {
                p.consensus-counts.consensus-stale.muted { (lang.t_args("actions-consensus-stale", &[("count", stale.into())])) }
            }
        }
    }
}

/// The objections to the card as it reads now, with their reasons: the facilitator's view.
/// Never who raised them: a stance is given in confidence.
pub fn objections(view: &View<'_>, action: &Action) -> Markup {
    let lang = view.lang;
    let raised: Vec<&str> = action.objections().collect();
    let earlier: Vec<&str> = action.earlier_objections().collect();
    html! {
        @if !raised.is_empty() || !earlier.is_empty() {
            div.objections {
                @if !raised.is_empty() {
                    p.link-label { (lang.t_args("actions-objections-heading", &[("count", raised.len().into())])) }
                    ul {
                        @for reason in raised {
                            li { span.objection-reason { (reason) } }
                        }
                    }
                }
                @if !earlier.is_empty() {
                    p.link-label { (lang.t("actions-objections-earlier")) }
                    ul.earlier {
                        @for reason in earlier {
                            li { span.objection-reason { (reason) } }
                        }
                    }
                }
            }
        }
    }
}

/// The full card: every field written, its sources and the risks it mitigates.
pub fn card_details(view: &View<'_>, action: &Action) -> Markup {
    let lang = view.lang;
    let sources: Vec<&Contribution> =
        action.sources.iter().filter_map(|source| view.workshop.contribution(*source)).collect();
    let risks: Vec<&Contribution> = view
        .workshop
        .risks_mitigated_by(action.id)
        .filter_map(|risk| view.workshop.contribution(risk))
        .filter(|risk| risk.merged_into.is_none())
        .collect();
    html! {
        article.action-card.full id="card" {
            h2.action-title { (action.card.title) }
            p.action-meta {
                span.badge.jurisdiction { (jurisdiction_name(lang, &view.activity.settings, &action.card.jurisdiction)) }
                " "
                span.muted { (lang.t_args("actions-revision", &[("revision", action.revision.into())])) }
                @if action.withdrawn { " " span.badge.withdrawn { (lang.t("actions-withdrawn")) } }
            }
            dl.card-fields {
                @for (field, label, ..) in CARD_FIELDS {
                    @if !matches!(field, "title" | "jurisdiction") && !action.card.field(field).is_empty() {
                        dt { (lang.t(label)) }
                        dd { (action.card.field(field)) }
                    }
                }
            }
            (consensus_bar(lang, action))
            (follow_up_status(view, action))
            @if view.is_facilitator() { (objections(view, action)) }
            section.card-sources {
                h3 { (lang.t_args("actions-sources-heading", &[("count", sources.len().into())])) }
                @if sources.is_empty() {
                    p.muted { (lang.t("actions-sources-none")) }
                } @else {
                    ul {
                        @for source in sources {
                            li {
                                span.badge { (lang.t(&format!("kind-{}", source.kind.as_str()))) }
                                " " (source.text)
                                @if let Some(from) = view.workshop.activity(source.activity_id) {
                                    " " span.muted { "(" (from.title) ")" }
                                }
                            }
                        }
                    }
                }
            }
            @if !risks.is_empty() {
                section.card-risks {
                    h3 { (lang.t("actions-mitigates-heading")) }
                    ul { @for risk in risks { li { (risk.text) } } }
                }
            }
        }
    }
}

/// The consensus form of the card page: the three stances and the reason an objection needs.
pub fn consensus_form(view: &View<'_>, action: &Action, chosen: Option<(Stance, &str)>) -> Markup {
    let lang = view.lang;
    let current = stance_of(view, action);
    let (stance, reason) = match chosen {
        Some((stance, reason)) => (Some(stance), reason.to_owned()),
        None => (current.as_ref().map(|(stance, _)| *stance), current.map(|(_, reason)| reason).unwrap_or_default()),
    };
    html! {
        form #consensus.stack.card method="post" action={ (card_path(view.workshop.id, view.activity.id, action.id)) "/consensus" } {
            (csrf_field(view.csrf))
            input type="hidden" name="return" value="card";
            input type="hidden" name="revision" value=(action.revision);
            (stale_stance_notice(view, action))
            fieldset.choice-row {
                legend { (lang.t("actions-consensus-legend")) }
                @for option in Stance::ALL {
                    label.choice {
                        input type="radio" name="stance" value=(option.as_str()) required checked[stance == Some(option)];
                        span { (lang.t(&format!("actions-stance-{}", option.as_str()))) }
                    }
                }
            }
            label for="reason" { (lang.t("actions-reason-label")) }
            textarea #reason name="reason" rows="3" maxlength=(outcome_limits::NOTE_MAX) { (reason) }
            p.hint { (lang.t("actions-reason-hint")) }
            button type="submit" { (lang.t("actions-consensus-button")) }
        }
    }
}

/// What an editor typed that is not on the card as it now is, after a conflict.
pub fn conflict_notice(view: &View<'_>, conflict: &Conflict<'_>, current: &Action) -> Markup {
    let lang = view.lang;
    let changed: Vec<(&str, &str)> = CARD_FIELDS
        .iter()
        .filter(|(field, ..)| conflict.attempted.card.field(field).trim() != current.card.field(field).trim())
        .map(|(field, label, ..)| (*label, conflict.attempted.card.field(field)))
        .collect();
    html! {
        section.conflict.card {
            h2 { (lang.t("actions-conflict-yours-heading")) }
            @if changed.is_empty() && conflict.attempted.sources == current.sources {
                p { (lang.t("actions-conflict-nothing-lost")) }
            } @else {
                dl.card-fields.attempted {
                    @for (label, value) in changed {
                        dt { (lang.t(label)) }
                        dd { @if value.is_empty() { span.muted { (lang.t("actions-conflict-emptied")) } } @else { (value) } }
                    }
                }
                @if !conflict.clashing.is_empty() {
                    p.notice {
                        (lang.t("actions-conflict-clashing"))
                        " "
                        @for (index, field) in conflict.clashing.iter().enumerate() {
                            @if index > 0 { ", " }
                            @let label = CARD_FIELDS.iter().find(|(name, ..)| name == field).map_or("", |(_, label, ..)| label);
                            strong { (lang.t(label)) }
                        }
                    }
                }
                p.hint { (lang.t("actions-conflict-merged-hint")) }
            }
        }
    }
}

/// The card form: every field, the jurisdiction among the activity's, and the checklist of the
/// material it comes from. `editing` carries the revision and the values the editor starts from.
pub fn card_form(
    view: &View<'_>,
    action: &str,
    form: &CardForm,
    editing: Option<(u32, &CardForm)>,
    fresh_id: Option<uuid::Uuid>,
) -> Markup {
    let lang = view.lang;
    let options = jurisdictions(lang, &view.activity.settings);
    let prefix = if editing.is_some() { "edit" } else { "new" };
    html! {
        form.stack.card-form method="post" action=(action) id={ (prefix) "-card-form" } {
            (csrf_field(view.csrf))
            @if let Some(id) = fresh_id {
                // Chosen now, so that sending this form twice drafts the card once.
                input type="hidden" name="action_id" value=(id);
            }
            @if let Some((revision, started_from)) = editing {
                input type="hidden" name="base_revision" value=(revision);
                @for (field, ..) in CARD_FIELDS {
                    input type="hidden" name={ "was_" (field) } value=(started_from.card.field(field));
                }
                @for source in &started_from.sources {
                    input type="hidden" name="was_source" value=(source);
                }
            }
            @for (field, label, multiline, max) in CARD_FIELDS {
                @let id = format!("{prefix}-{field}");
                label for=(id) { (lang.t(label)) }
                @if field == "jurisdiction" {
                    select #(id) name="jurisdiction" required {
                        @for (key, name) in &options {
                            option value=(key) selected[form.card.jurisdiction == *key] { (name) }
                        }
                    }
                } @else if multiline {
                    textarea #(id) name=(field) rows="3" maxlength=(max) { (form.card.field(field)) }
                } @else {
                    input #(id) name=(field) maxlength=(max) value=(form.card.field(field)) required[field == "title"];
                }
            }
            (sources_checklist(view, &form.sources))
            button type="submit" { (lang.t(if editing.is_some() { "actions-save-button" } else { "actions-draft-button" })) }
        }
    }
}

/// One contribution the plan may draw on, with the rank a vote or an assessment gave it.
/// The ranks frozen into the record by closed votes and assessments: best rank per contribution.
fn frozen_ranks(workshop: &Workshop) -> BTreeMap<ContributionId, (usize, &str)> {
    let mut ranks: BTreeMap<ContributionId, (usize, &str)> = BTreeMap::new();
    for activity in workshop.activities.iter().filter(|a| matches!(a.kind(), ActivityKind::Vote | ActivityKind::Assess))
    {
        let Some(document) = activity.frozen_results() else {
            continue;
        };
        let mut above = 0;
        for ids in document.count().map(|count| count.ranking.as_slice()).unwrap_or_default() {
            for id in ids {
                let rank = above + 1;
                let better = ranks.get(id).is_none_or(|(known, _)| rank < *known);
                if better {
                    ranks.insert(*id, (rank, activity.title.as_str()));
                }
            }
            above += ids.len();
        }
    }
    ranks
}

/// The ideas the plan took from its sources (the vote's top, a shortlist…), each with the scores
/// that got it there and its "draft from this idea" link. Nothing when the plan takes everything.
fn retained_section(view: &View<'_>) -> Markup {
    let lang = view.lang;
    if view.activity.settings.take.is_none_or(converge_core::Take::is_all) {
        return html! {};
    }
    let retained: Vec<&Contribution> = view.workshop.source_contributions(view.activity).collect();
    let scores = crate::pages::selection::scores_of(lang, view.workshop, view.activity);
    // In the order of the nearest count, as the rule took them.
    let mut ordered = retained.clone();
    ordered.sort_by_key(|item| scores.get(&item.id).and_then(|scores| scores.first()).map_or(usize::MAX, |s| s.rank));
    let new_card = format!("{}/new", plan_path(view.workshop.id, view.activity.id));
    html! {
        section.retained-ideas {
            h2 { (lang.t_args("actions-retained-heading", &[("count", ordered.len().into())])) }
            @if ordered.is_empty() {
                p.muted { (lang.t("actions-retained-none")) }
            }
            ol.material-list {
                @for item in ordered {
                    li.material-item {
                        @if let Some(scores) = scores.get(&item.id) {
                            (crate::pages::selection::score_badges(lang, scores))
                        }
                        span.material-text { (item.text) }
                        @if may_write(view) {
                            " "
                            a.draft-from href={ (new_card) "?source=" (item.id) } { (lang.t("actions-draft-from")) }
                        }
                    }
                }
            }
        }
    }
}

/// The material on the activity page, each idea with its "draft from this idea" link.
fn material_section(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let mut groups = outcomes::material(view.workshop, &frozen_ranks(view.workshop));
    // Phones re-fetch this page at every event of the plan: when the workshop has ideas, they
    // alone are listed here, and the whole material is on the new card's page.
    let has_ideas =
        groups.iter().any(|(_, items)| items.iter().any(|item| item.contribution.kind == ContributionKind::Idea));
    let all = groups.len();
    if has_ideas && !view.is_facilitator() {
        groups.retain(|(_, items)| items.iter().any(|item| item.contribution.kind == ContributionKind::Idea));
    }
    let fed = view.workshop.actions_fed();
    let new_card = format!("{}/new", plan_path(view.workshop.id, view.activity.id));
    html! {
        h2 { (lang.t(if has_ideas && !view.is_facilitator() { "actions-ideas-heading" } else { "actions-material-heading" })) }
        @if groups.is_empty() {
            p.muted { (lang.t("actions-material-empty")) }
        }
        // The first group (the ideas, when there are some) and every group of ideas open.
        @for (index, (activity, items)) in groups.iter().enumerate() {
            details.material-group open[index == 0 || items.iter().any(|item| item.contribution.kind == ContributionKind::Idea)] {
                summary { (activity.title) " " span.badge { (items.len()) } }
                ul.material-list {
                    @for item in items {
                        li.material-item {
                            (material_label(lang, item))
                            @let feeds = fed.get(&item.contribution.id).map_or(0, Vec::len);
                            @if feeds > 0 {
                                " " span.badge.fed { (lang.t_args("actions-already-in", &[("count", feeds.into())])) }
                            }
                            @if may_write(view) {
                                " "
                                a.draft-from href={ (new_card) "?source=" (item.contribution.id) } {
                                    (lang.t(if item.contribution.kind == ContributionKind::Idea {
                                        "actions-draft-from"
                                    } else {
                                        "actions-draft-from-note"
                                    }))
                                }
                            }
                        }
                    }
                }
            }
        }
        @if groups.len() < all && may_write(view) {
            p { a href=(new_card) { (lang.t("actions-more-material")) } }
        }
    }
}

/// A piece of material: its kind, text, and rank where a vote or assessment gave one.
fn material_label(lang: Lang, item: &Material<'_>) -> Markup {
    html! {
        @if let Some((rank, counted_in)) = item.rank {
            span.badge.rank title=(counted_in) { (lang.t_args("actions-rank", &[("rank", rank.into())])) }
            " "
        }
        span.badge { (lang.t(&format!("kind-{}", item.contribution.kind.as_str()))) }
        " "
        span.material-text { (item.contribution.text) }
    }
}

/// The checklist of material a card comes from. Sources already ticked that are not material
/// (a note decided not retained since, say) stay listed, ticked, so saving keeps them.
fn sources_checklist(view: &View<'_>, ticked: &[ContributionId]) -> Markup {
    let lang = view.lang;
    let groups = outcomes::material(view.workshop, &frozen_ranks(view.workshop));
    let offered: Vec<ContributionId> =
        groups.iter().flat_map(|(_, items)| items.iter().map(|item| item.contribution.id)).collect();
    let others: Vec<&Contribution> =
        ticked.iter().filter(|id| !offered.contains(id)).filter_map(|id| view.workshop.contribution(*id)).collect();
    html! {
        fieldset.sources-checklist {
            legend { (lang.t("actions-sources-legend")) }
            p.hint {
                (lang.t(if view.is_facilitator() { "actions-sources-hint-facilitator" } else { "actions-sources-hint" }))
            }
            @if !others.is_empty() {
                @for contribution in others {
                    label.check {
                        input type="checkbox" name="source" value=(contribution.id) checked;
                        " " (contribution.text)
                    }
                }
            }
            @for (index, (activity, items)) in groups.iter().enumerate() {
                @let any_ticked = items.iter().any(|item| ticked.contains(&item.contribution.id));
                @let ideas = items.iter().any(|item| item.contribution.kind == ContributionKind::Idea);
                details.material-group open[index == 0 || any_ticked || ideas] {
                    summary { (activity.title) " " span.badge { (items.len()) } }
                    @for item in items {
                        label.check.material-item {
                            input type="checkbox" name="source" value=(item.contribution.id)
                                checked[ticked.contains(&item.contribution.id)];
                            " " (material_label(lang, item))
                        }
                    }
                }
            }
        }
    }
}

/// The start of a text short enough for a card's title.
pub fn title_from(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let max = limits::TITLE_MAX - 1;
    match text.char_indices().nth(max) {
        None => text,
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rsplit_once(' ').map_or(head, |(words, _)| words);
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::ActivityConfig;

    fn form(title: &str, description: &str, owner: &str, sources: &[u128]) -> CardForm {
        CardForm {
            card: ActionCard {
                title: title.into(),
                description: description.into(),
                owner: owner.into(),
                jurisdiction: "shared".into(),
                ..ActionCard::default()
            },
            sources: sources.iter().map(|n| ContributionId::from_uuid(uuid::Uuid::from_u128(*n))).collect(),
        }
    }

    #[test]
    fn an_edit_carried_over_keeps_both_changes() {
        let started = form("Guichet", "", "", &[1, 2]);
        // Someone else retitled the card and added a source.
        let current = form("Guichet unique", "", "", &[1, 2, 3]);
        // This editor wrote a description and dropped a source.
        let attempted = form("Guichet", "Un seul point de contact", "", &[1]);
        let (merged, clashing) = merge_edit(&started, &attempted, &current);
        assert_eq!(merged, form("Guichet unique", "Un seul point de contact", "", &[1, 3]));
        assert!(clashing.is_empty());
    }

    #[test]
    fn a_field_both_changed_keeps_the_editors_value_and_is_named() {
        let started = form("Guichet", "", "SPW", &[1]);
        let current = form("Guichet", "", "SPF", &[1]);
        let attempted = form("Guichet", "", "Région", &[1]);
        let (merged, clashing) = merge_edit(&started, &attempted, &current);
        assert_eq!(merged.card.owner, "Région");
        assert_eq!(clashing, vec!["owner"]);
        // The same change on both sides is no clash.
        let (_, clashing) = merge_edit(&started, &current, &current);
        assert!(clashing.is_empty());
    }

    #[test]
    fn jurisdictions_keep_their_keys_across_renames() {
        let plan = |config: &ActivityConfig| ActivitySettings::from_record(ActivityKind::ActionPlan, config);
        let defaults = plan(&ActivityConfig::default());
        let french = jurisdiction_lines(Lang(Language::Fr), &defaults);
        assert!(jurisdictions_from_lines(&defaults, &french).is_empty(), "the defaults as shown stay the defaults");
        let english = jurisdiction_lines(Lang(Language::En), &defaults);
        assert!(jurisdictions_from_lines(&defaults, &english).is_empty());
        let renamed =
            french.replacen(&Lang(Language::Fr).t("actions-jurisdiction-government"), "Le gouvernement wallon", 1);
        let set = jurisdictions_from_lines(&defaults, &format!("{renamed}\nLes communes"));
        let keys: Vec<&str> = set.iter().map(|j| j.key.as_str()).collect();
        assert_eq!(keys, vec!["administration", "government", "shared", "les-communes"]);
        assert_eq!(set[1].name, "Le gouvernement wallon");
        let edited = ActivityConfig { jurisdictions: set, ..ActivityConfig::default() };
        let again = plan(&edited);
        let reordered = jurisdictions_from_lines(&again, "Les communes\nL’Europe\nLe gouvernement wallon");
        let keys: Vec<&str> = reordered.iter().map(|j| j.key.as_str()).collect();
        assert_eq!(keys, vec!["les-communes", "administration", "government"], "a new name takes a freed key");
        let own_id = converge_core::ActivityId::from_uuid(uuid::Uuid::nil());
        assert!(ActivitySettings::parse(ActivityKind::ActionPlan, &edited, own_id, &[]).is_ok());
    }

    #[test]
    fn keys_are_made_from_names() {
        assert_eq!(key_from_name("Les Pouvoirs locaux (communes)"), "les-pouvoirs-locaux-communes");
        assert_eq!(key_from_name("Fédéral"), "federal");
        assert_eq!(key_from_name("!!!"), "jurisdiction");
    }

    #[test]
    fn titles_from_long_ideas_are_cut_on_a_word() {
        assert_eq!(title_from("  Un   guichet\nunique "), "Un guichet unique");
        let long = "mot ".repeat(60);
        let title = title_from(&long);
        assert!(title.chars().count() <= limits::TITLE_MAX && title.ends_with("mot…"), "{title}");
    }
}
