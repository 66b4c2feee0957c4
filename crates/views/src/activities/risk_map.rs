//! The risk map: the room posts risks, each participant rates every risk's likelihood and impact
//! from 1 to 5, and links the actions of the plan that mitigate it. Ratings aggregate into a mean
//! and a spread (how much the room disagrees) and place each risk on the heat map, which the
//! console and the projection show.
//!
//! A risk's rating is one small form of radio buttons (a tap per scale and one to send), so a
//! phone rates a risk in three taps without JavaScript.

use super::{View, generic, moderation, vote::decimal};
use crate::Lang;
use crate::layout::csrf_field;
use converge_core::outcomes::{Action, RiskSummary, outcome_limits};
use converge_core::{ActivityId, Contribution, ContributionId, ContributionKind, WorkshopId};
use converge_report::heat_map::{HeatMapText, PlacedRisk, heat_map_svg};
use maud::{Markup, PreEscaped, html};

pub fn risk_path(workshop: WorkshopId, activity: ActivityId, risk: ContributionId) -> String {
    format!("/w/{workshop}/a/{activity}/risks/{risk}")
}

/// A risk with its number on this map, its ratings summed up, and the viewer's own rating.
struct Rated<'a> {
    number: usize,
    risk: &'a Contribution,
    summary: Option<RiskSummary>,
    mine: Option<(u8, u8)>,
}

/// The activity's risks in the order they were posted, merged duplicates left out (they are
/// rated through the risk they were merged into), numbered from 1.
fn rated<'a>(view: &View<'a>) -> Vec<Rated<'a>> {
    let ratings = &view.activity.risk_ratings;
    view.workshop
        .contributions_in(view.activity.id)
        .filter(|note| note.kind == ContributionKind::Risk && note.merged_into.is_none())
        .enumerate()
        .map(|(index, risk)| {
            let by_rater = ratings.get(&risk.id);
            Rated {
                number: index + 1,
                risk,
                summary: by_rater.and_then(|by| RiskSummary::of(by.values().copied())),
                mine: view.viewer.and_then(|viewer| {
                    by_rater.and_then(|by| {
                        view.keyring.find(by, viewer, converge_core::Scope::Rating(view.activity.id)).copied()
                    })
                }),
            }
        })
        .collect()
}

/// The viewer may rate now, as `decide` will accept it. The facilitator's console offers no
/// rating: they run the room.
fn may_rate(view: &View<'_>) -> bool {
    !view.is_facilitator() && view.role.is_some_and(|role| view.workshop.may_give_a_view(view.activity, role).is_ok())
}

/// The viewer may link mitigating actions now, as `decide` will accept it.
fn may_link(view: &View<'_>) -> bool {
    view.role.is_some_and(|role| view.workshop.may_work_on(view.activity, role).is_ok())
}

pub fn participant(view: &View<'_>) -> Markup {
    let risks = rated(view);
    html! {
        @if view.can_contribute() { (generic::note_form(view, &[])) }
        div #risks-live data-live {
            h2 { (view.lang.t_args("risks-heading", &[("count", risks.len().into())])) }
            @if risks.is_empty() {
                p.muted { (view.lang.t("risks-empty")) }
            } @else {
                ol.risk-list {
                    @for rated in &risks { (risk_item(view, rated)) }
                }
                details.heat-map-details {
                    summary { (view.lang.t("risks-heat-map-title")) }
                    (heat_map(view.lang, &risks))
                }
            }
        }
    }
}

/// The console: the heat map, then every risk by severity with its figures and mitigations.
pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let risks = rated(view);
    let mut by_severity: Vec<&Rated<'_>> = risks.iter().collect();
    by_severity.sort_by(|a, b| severity(b).total_cmp(&severity(a)));
    html! {
        @if risks.is_empty() {
            p.muted { (lang.t("risks-empty")) }
        } @else {
            (heat_map(lang, &risks))
            h2 { (lang.t_args("risks-heading", &[("count", risks.len().into())])) }
            ol.risk-list.by-severity {
                @for rated in by_severity { (risk_item(view, rated)) }
            }
        }
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let risks = rated(view);
    html! {
        @if risks.is_empty() {
            p.lead { (lang.t("risks-empty")) }
        } @else {
            div.risk-projection {
                (heat_map(lang, &risks))
                ol.risk-legend {
                    @for rated in &risks {
                        li value=(rated.number) {
                            span.risk-text { (rated.risk.text) }
                            " " span.risk-figures { (figures(lang, rated.summary)) }
                        }
                    }
                }
            }
        }
    }
}

/// Likelihood × impact of the means; unrated risks come last.
fn severity(rated: &Rated<'_>) -> f64 {
    rated.summary.map_or(-1.0, |summary| summary.likelihood_mean * summary.impact_mean)
}

/// The heat map of the rated risks, each marked with its number.
fn heat_map(lang: Lang, risks: &[Rated<'_>]) -> Markup {
    let (svg, placed) = heat_map_chart(lang, risks);
    html! {
        figure.heat-map-figure {
            // The chart escapes every text it holds (converge_report::heat_map).
            (PreEscaped(svg))
            figcaption.hint {
                @if placed == 0 { (lang.t("risks-heat-map-empty")) } @else { (lang.t("risks-heat-map-caption")) }
            }
        }
    }
}

/// The heat map as an `<svg>` element (every text in it escaped), and how many risks it places.
fn heat_map_chart(lang: Lang, risks: &[Rated<'_>]) -> (String, usize) {
    let labels: Vec<String> = risks.iter().map(|rated| rated.number.to_string()).collect();
    let placed: Vec<PlacedRisk<'_>> = risks
        .iter()
        .zip(&labels)
        .filter_map(|(rated, label)| {
            let (likelihood, impact) = rated.summary?.cell();
            Some(PlacedRisk { label, text: &rated.risk.text, likelihood, impact })
        })
        .collect();
    let (title, likelihood, impact) =
        (lang.t("risks-heat-map-title"), lang.t("risks-likelihood"), lang.t("risks-impact"));
    let svg = heat_map_svg(&placed, &HeatMapText { title: &title, likelihood: &likelihood, impact: &impact });
    (svg, placed.len())
}

/// The map for the board's picture (`export.rs`): the heat map as an `<svg>` element, and each
/// risk with its number on it and its figures in words.
pub(super) fn for_export<'a>(view: &View<'a>) -> (String, Vec<(usize, &'a Contribution, String)>) {
    let risks = rated(view);
    let (svg, _) = heat_map_chart(view.lang, &risks);
    let listed = risks.iter().map(|rated| (rated.number, rated.risk, figures(view.lang, rated.summary))).collect();
    (svg, listed)
}

/// "Likelihood 3.5 (± 1.5) · impact 4.5 (± 0.5) · 2 ratings", or that nobody rated it yet.
fn figures(lang: Lang, summary: Option<RiskSummary>) -> String {
    match summary {
        None => lang.t("risks-not-rated"),
        Some(summary) => lang.t_args(
            "risks-figures",
            &[
                ("likelihood", decimal(lang, summary.likelihood_mean, 1).into()),
                ("likelihood_spread", decimal(lang, summary.likelihood_spread, 1).into()),
                ("impact", decimal(lang, summary.impact_mean, 1).into()),
                ("impact_spread", decimal(lang, summary.impact_spread, 1).into()),
                ("raters", summary.raters.into()),
            ],
        ),
    }
}

fn risk_item(view: &View<'_>, rated: &Rated<'_>) -> Markup {
    let lang = view.lang;
    // A withdrawn card no longer mitigates anything; saving the links drops it.
    let mitigations: Vec<&Action> = view
        .workshop
        .mitigations_of(rated.risk.id)
        .iter()
        .filter_map(|id| view.workshop.action(*id))
        .filter(|action| !action.withdrawn)
        .collect();
    html! {
        li.risk id={ "risk-" (rated.risk.id) } value=(rated.number) {
            p.risk-text { (rated.risk.text) }
            @let merged = view.workshop.merged_into(rated.risk.id).count();
            @if merged > 0 {
                p.hint { (lang.t_args("note-merged-count", &[("count", (merged + 1).into())])) }
            }
            p.risk-figures { (figures(lang, rated.summary)) }
            @if may_rate(view) { (rating_form(view, rated)) }
            (mitigation_section(view, rated.risk.id, &mitigations))
            (moderation::note_controls(view, rated.risk))
        }
    }
}

/// Two rows of five radio buttons and one button to send them.
fn rating_form(view: &View<'_>, rated: &Rated<'_>) -> Markup {
    let lang = view.lang;
    let (likelihood, impact) = rated.mine.map_or((None, None), |(l, i)| (Some(l), Some(i)));
    html! {
        form.rating method="post" data-keep-choices action={ (risk_path(view.workshop.id, view.activity.id, rated.risk.id)) "/rating" } {
            (csrf_field(view.csrf))
            (scale(lang, "likelihood", "risks-likelihood", likelihood))
            (scale(lang, "impact", "risks-impact", impact))
            button type="submit" { (lang.t(if rated.mine.is_some() { "risks-rate-again-button" } else { "risks-rate-button" })) }
        }
    }
}

fn scale(lang: Lang, name: &str, legend: &str, chosen: Option<u8>) -> Markup {
    html! {
        fieldset.choice-row.rating-scale {
            legend { (lang.t(legend)) " " span.hint { (lang.t(&format!("{legend}-scale"))) } }
            @for value in 1..=outcome_limits::RATING_MAX {
                label.choice {
                    input type="radio" name=(name) value=(value) required checked[chosen == Some(value)];
                    span { (value) }
                }
            }
        }
    }
}

/// The actions that mitigate a risk, and the checklist of the plan's actions to change them.
fn mitigation_section(view: &View<'_>, risk: ContributionId, linked: &[&Action]) -> Markup {
    let lang = view.lang;
    let plan: Vec<&Action> = view.workshop.plan().collect();
    html! {
        div.mitigations {
            @if linked.is_empty() {
                p.hint { (lang.t("risks-no-mitigation")) }
            } @else {
                p.link-label { (lang.t("risks-mitigated-by")) }
                ul { @for action in linked { li { (action.card.title) } } }
            }
            @if may_link(view) && !plan.is_empty() {
                details.link-actions {
                    summary { (lang.t("risks-link-summary")) }
                    form.stack method="post" data-keep-choices
                        action={ (risk_path(view.workshop.id, view.activity.id, risk)) "/mitigations" } {
                        (csrf_field(view.csrf))
                        @for action in &plan {
                            label.check {
                                input type="checkbox" name="action" value=(action.id)
                                    checked[linked.iter().any(|linked| linked.id == action.id)];
                                " " (action.card.title)
                            }
                        }
                        button.secondary type="submit" { (lang.t("risks-link-button")) }
                    }
                }
            }
        }
    }
}
