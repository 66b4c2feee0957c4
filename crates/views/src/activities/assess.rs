//! The assess activity: participants score each item (a source contribution) from 1 to 5 on the
//! activity's criteria, and the room sees the ranking by weighted score and the impact/
//! feasibility matrix.
//!
//! A phone shows one item at a time: every item has its own small form (posted to
//! `pages::ballots`, `POST /w/{id}/a/{activity_id}/assess`), and `votes.css` shows only the item
//! the address points at (`#item-…`) or, by default, the first one not assessed yet. Without that
//! CSS the forms simply stack, which is the grid view. A saved item sends the participant on to
//! the next one they have not assessed. Scores can be revised until the activity closes.

use super::View;
use super::vote::{Audience, decimal, document, explanation, item_texts, results_head};
use crate::Lang;
use crate::layout::csrf_field;
use converge_core::results::methods::{DistributionSummary, MatrixPlacement};
use converge_core::results::{MethodResult, Results};
use converge_core::voting::{ASSESSMENT_MAX, ASSESSMENT_MIN, CriterionScores};
use converge_core::{ActivityStatus, ContributionId, Role};
use converge_i18n::FluentValue;
use maud::{Markup, html};

pub fn participant(view: &View<'_>) -> Markup {
    participant_with(view, None)
}

/// The participant's page; `submitted` is a refused assessment, shown again on its item.
pub fn participant_with(view: &View<'_>, submitted: Option<(ContributionId, &CriterionScores)>) -> Markup {
    let lang = view.lang;
    let items = super::vote::items(view);
    let may_assess =
        view.activity.status == ActivityStatus::Open && view.role.is_some_and(Role::votes) && view.viewer.is_some();
    html! {
        @if items.is_empty() {
            p.notice { (lang.t("assess-no-items")) }
        } @else if may_assess {
            (sheet(view, &items, submitted))
        } @else if view.activity.status == ActivityStatus::Closed {
            div #assess-results-live data-live { (results_section(view, Audience::Room)) }
        } @else {
            p.hint { (lang.t("assess-not-open")) }
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let assessors = view
        .activity
        .assessments
        .values()
        .flat_map(|by_assessor| by_assessor.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    html! {
        @if view.activity.settings.sources.is_empty() {
            p.notice { (lang.t("votes-no-sources-facilitator")) }
        }
        (criteria_list(view))
        p.vote-turnout data-assessors=(assessors) {
            (lang.t_args("assess-assessors", &[("count", FluentValue::from(assessors))]))
        }
        (results_section(view, Audience::Facilitator))
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    html! {
        @if view.activity.status == ActivityStatus::Closed {
            (results_section(view, Audience::Room))
        } @else {
            (criteria_list(view))
        }
    }
}

fn criteria_list(view: &View<'_>) -> Markup {
    let lang = view.lang;
    html! {
        p.hint { (lang.t("assess-criteria-intro")) }
        ul.criteria-list {
            @for criterion in view.activity.settings.criteria() {
                li {
                    (criterion.name)
                    @if criterion.weight != 1 {
                        " "
                        span.muted {
                            (lang.t_args("assess-weight", &[("weight", FluentValue::from(criterion.weight))]))
                        }
                    }
                }
            }
        }
    }
}

/// The viewer's scores of one item.
fn scores_of<'a>(view: &View<'a>, item: ContributionId) -> Option<&'a CriterionScores> {
    let viewer = view.viewer?;
    view.keyring.find(view.activity.assessments.get(&item)?, viewer, converge_core::Scope::Assessment(view.activity.id))
}

/// The item after `current` (in order, wrapping) that the viewer has not assessed yet.
pub fn next_unassessed(view: &View<'_>, current: ContributionId) -> Option<ContributionId> {
    let items: Vec<ContributionId> = view.workshop.items_of(view.activity).into_iter().collect();
    let at = items.iter().position(|item| *item == current).unwrap_or(0);
    (1..items.len()).map(|offset| items[(at + offset) % items.len()]).find(|item| scores_of(view, *item).is_none())
}

fn sheet(
    view: &View<'_>,
    items: &[(ContributionId, String)],
    submitted: Option<(ContributionId, &CriterionScores)>,
) -> Markup {
    let lang = view.lang;
    let done = items.iter().filter(|(item, _)| scores_of(view, *item).is_some()).count();
    // The item shown when the address names none: the refused one, else the first not assessed.
    let current = submitted
        .map(|(item, _)| item)
        .or_else(|| items.iter().map(|(item, _)| *item).find(|item| scores_of(view, *item).is_none()));
    let action = format!("/w/{}/a/{}/assess", view.workshop.id, view.activity.id);
    let criteria = view.activity.settings.criteria();
    html! {
        p.assess-progress data-assessed=(done) {
            (lang.t_args(
                "assess-progress",
                &[("done", FluentValue::from(done)), ("total", FluentValue::from(items.len()))],
            ))
        }
        @if done == items.len() {
            p.notice #assess-done { (lang.t("assess-all-done")) }
        }
        nav.assess-nav aria-label=(lang.t("assess-nav-label")) {
            ol {
                @for (position, (item, text)) in items.iter().enumerate() {
                    li class=(if scores_of(view, *item).is_some() { "assessed" } else { "" }) {
                        a href={ "#item-" (item) } title=(text)
                            aria-current=[(current == Some(*item)).then_some("step")] {
                            (position + 1)
                            @if scores_of(view, *item).is_some() {
                                span.visually-hidden { " " (lang.t("assess-assessed-mark")) }
                                " ✓"
                            }
                        }
                    }
                }
            }
        }
        div.assess-items {
            @for (position, (item, text)) in items.iter().enumerate() {
                @let shown = submitted
                    .filter(|(refused, _)| refused == item)
                    .map(|(_, scores)| scores)
                    .or(scores_of(view, *item));
                @let class = if current == Some(*item) { "assess-item card current" } else { "assess-item card" };
                section id={ "item-" (item) } class=(class) {
                    p.muted { (lang.t_args("assess-item-position", &[
                        ("position", FluentValue::from(position + 1)),
                        ("total", FluentValue::from(items.len())),
                    ])) }
                    h2.assess-text { (text) }
                    form.stack method="post" action=(action) {
                        (csrf_field(view.csrf))
                        input type="hidden" name="item" value=(item);
                        @for criterion in criteria {
                            @let given = shown.and_then(|scores| scores.get(&criterion.id)).copied();
                            fieldset.choice-row.score-row {
                                legend { (criterion.name) }
                                @for score in ASSESSMENT_MIN..=ASSESSMENT_MAX {
                                    label.choice {
                                        input type="radio" name={ "score-" (criterion.id) } value=(score)
                                            checked[given == Some(score)];
                                        span { (score) }
                                    }
                                }
                            }
                        }
                        p.hint { (lang.t("assess-scale-hint")) }
                        button type="submit" {
                            @if scores_of(view, *item).is_some() {
                                (lang.t("assess-save-again"))
                            } @else {
                                (lang.t("assess-save"))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The results zoomed on one quadrant of the matrix: the ranked items that fall in it, and the
/// matrix with only their points. Before the results, the criteria as usual.
pub fn quadrant_projection(view: &View<'_>, quadrant: converge_core::Quadrant) -> Markup {
    html! {
        @if view.activity.status == ActivityStatus::Closed {
            (results_in(view, Audience::Room, Some(quadrant.as_str())))
        } @else {
            (criteria_list(view))
        }
    }
}

fn results_section(view: &View<'_>, audience: Audience) -> Markup {
    results_in(view, audience, None)
}

/// The results, all of them or (`only`) those of one quadrant of the matrix.
fn results_in(view: &View<'_>, audience: Audience, only: Option<&str>) -> Markup {
    let lang = view.lang;
    if !view.activity.results_readable() {
        return match audience {
            Audience::Facilitator => html! { p.hint.results-at-close { (lang.t("votes-results-at-close")) } },
            Audience::Room => html! {},
        };
    }
    let Some(Results { document, frozen }) = document(view) else { return html! {} };
    let Some(count) = document.count() else {
        return html! { p.notice { (lang.t("votes-results-impossible")) } };
    };
    let texts = item_texts(view, count);
    let tiers = count.tiers();
    let outcome = match &count.result {
        MethodResult::Assessment(outcome) => Some(outcome),
        _ => None,
    };
    let criteria: Vec<&str> = outcome
        .map(|outcome| outcome.criteria.iter().map(|criterion| criterion.name.as_str()).collect())
        .unwrap_or_default();
    let assessed = |index: usize| outcome.and_then(|outcome| outcome.assessment.items.get(index));
    let summary = |index: usize, criterion: usize| assessed(index)?.criteria.get(criterion)?.summary.as_ref();
    // The projection shows the head of the ranking; the whole of it is on the phones, the
    // console and in the report.
    let in_quadrant = |index: usize| {
        only.is_none_or(|quadrant| {
            outcome.and_then(|outcome| outcome.matrix.as_deref()).is_some_and(|placements| {
                placements.iter().any(|placement| placement.item.0 == index && placement.quadrant.as_str() == quadrant)
            })
        })
    };
    let shown = super::vote::shown_on(view, tiers.iter().flatten().filter(|index| in_quadrant(**index)).count());
    let ranked: Vec<(usize, bool)> = tiers
        .iter()
        .flat_map(|tier| tier.iter().map(move |index| (*index, tier.len() > 1)))
        .filter(|(index, _)| in_quadrant(*index))
        .take(shown)
        .collect();
    let n_rest = tiers.iter().flatten().filter(|index| in_quadrant(**index)).count() - ranked.len();
    html! {
        section.results data-results="assessment" {
            (results_head(lang, count, frozen))
            @if let Some(quadrant) = only {
                h3.stage-zoom-heading data-zoomed=(quadrant) { (lang.t(&format!("assess-quadrant-{quadrant}"))) }
            }
            @if let Some(sentence) = explanation(lang, count, &texts) {
                p.explanation data-explanation { (sentence) }
            }
            // Ranked cards, not a table: an idea's text keeps the whole width, whatever the
            // number of criteria, and the criteria sit side by side under it.
            @let top = outcome
                .map(|outcome| outcome.assessment.items.iter().filter_map(|item| item.weighted_score).fold(0.0_f64, f64::max))
                .unwrap_or_default();
            ol.assessment-ranking {
                @for &(index, tied) in &ranked {
                    li.assessed-item data-item=(index) value=(number_of(&tiers, index))
                        data-legend=(number_of(&tiers, index)) {
                        p.result-text {
                            (texts.get(index).map_or("?", String::as_str))
                            @if tied { " " span.badge.tie { (lang.t("votes-tie")) } }
                        }
                        @let weighted = assessed(index).and_then(|item| item.weighted_score);
                        p.assessed-score {
                            span.assessed-weighted { (lang.t("assess-weighted")) " " strong { (optional(lang, weighted)) } }
                            @if let Some(weighted) = weighted.filter(|_| top > 0.0) {
                                (super::vote::support_bar(weighted / top))
                            }
                        }
                        @if !criteria.is_empty() {
                            dl.assessed-criteria {
                                @for (criterion, name) in criteria.iter().enumerate() {
                                    div {
                                        dt { (name) }
                                        (criterion_figures(lang, summary(index, criterion)))
                                    }
                                }
                            }
                        }
                    }
                }
                @if n_rest > 0 {
                    li.result-rest { (lang.t_args("results-rest-elsewhere", &[("count", n_rest.into())])) }
                }
            }
            p.hint { (lang.t("assess-table-hint")) }
            @if let Some(placements) = outcome.and_then(|outcome| outcome.matrix.as_deref()) {
                @let listed: Vec<&MatrixPlacement> =
                    placements.iter().filter(|placement| ranked.iter().any(|(index, _)| *index == placement.item.0)).collect();
                (matrix(lang, &listed, &texts, &tiers))
            }
        }
    }
}

/// An item's number: its place in the ranking, read down the list (tied items get the next
/// numbers, with their "tied" badge). The matrix's points carry the same numbers.
fn number_of(tiers: &[Vec<usize>], index: usize) -> usize {
    tiers.iter().flatten().position(|item| *item == index).map_or(0, |position| position + 1)
}

/// One item's summary on one criterion: the mean, then the median.
fn criterion_figures(lang: Lang, summary: Option<&DistributionSummary>) -> Markup {
    html! {
        dd {
            strong { (optional(lang, summary.map(|summary| summary.mean))) }
            @if let Some(median) = summary.map(|summary| summary.median) {
                " " span.muted { (lang.t_args("assess-median", &[("median", decimal(lang, median, 1).into())])) }
            }
        }
    }
}

fn optional(lang: Lang, value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |value| decimal(lang, value, 2))
}

/// The quadrants, as the results document names them, with where their label goes: (key, x, y,
/// anchor) in the chart's coordinates. The labels sit outside the plot, above and below the
/// corner they name, so no point ever covers them.
const QUADRANTS: [(&str, f64, f64, &str); 4] = [
    ("quick_win", RIGHT, TOP - 10.0, "end"),
    ("big_bet", LEFT, TOP - 10.0, "start"),
    ("fill_in", RIGHT, BOTTOM + 62.0, "end"),
    ("money_pit", LEFT, BOTTOM + 62.0, "start"),
];

/// The quadrants' colours, in the order of `QUADRANTS`.
const QUADRANT_FILLS: [&str; 4] = ["#e3f3ea", "#e8eefb", "#f6f2e6", "#fdecea"];

/// The chart's plot area: scores 1 to 5 map to `LEFT..RIGHT` across and `BOTTOM..TOP` up.
const LEFT: f64 = 60.0;
const RIGHT: f64 = 380.0;
const TOP: f64 = 40.0;
const BOTTOM: f64 = 360.0;
/// A point's radius, and the least distance between two points' centres: they never touch.
const POINT_RADIUS: f64 = 11.0;
const POINT_GAP: f64 = 2.0 * POINT_RADIUS + 2.0;

fn to_x(feasibility: f64) -> f64 {
    LEFT + (feasibility - 1.0) / 4.0 * (RIGHT - LEFT)
}

fn to_y(impact: f64) -> f64 {
    BOTTOM - (impact - 1.0) / 4.0 * (BOTTOM - TOP)
}

/// Where the numbered points go: each where its scores put it, unless an earlier point is
/// there, in which case at the nearest free place around it (on rings ever wider, tried in a
/// fixed order), inside the plot. Deterministic, and no two points closer than `POINT_GAP`
/// while the plot has room for them (hundreds; the chart never shows that many).
pub(crate) fn spread(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let inside = |(x, y): (f64, f64)| {
        (x.clamp(LEFT + POINT_RADIUS, RIGHT - POINT_RADIUS), y.clamp(TOP + POINT_RADIUS, BOTTOM - POINT_RADIUS))
    };
    let mut placed: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for &point in points {
        let wanted = inside(point);
        let free = |(x, y): (f64, f64), placed: &[(f64, f64)]| {
            placed.iter().all(|(ox, oy)| (ox - x).hypot(oy - y) >= POINT_GAP)
        };
        let found = std::iter::once(wanted)
            .chain((1..=60_u32).flat_map(|ring| {
                // Rings half a gap apart, with points about half a gap apart on each.
                let radius = f64::from(ring) * POINT_GAP / 2.0;
                let n = 6 * ring;
                (0..n).map(move |step| {
                    let angle = f64::from(step) * std::f64::consts::TAU / f64::from(n) - std::f64::consts::FRAC_PI_2;
                    (point.0 + radius * angle.cos(), point.1 + radius * angle.sin())
                })
            }))
            .map(inside)
            .find(|candidate| free(*candidate, &placed));
        placed.push(found.unwrap_or(wanted));
    }
    placed
}

/// The impact/feasibility matrix as a scatter chart: feasibility across, impact up, the middle
/// of the scale splitting the quadrants. Points carry numbers; the list under the chart says
/// which item each number is, and in which quadrant, so the chart is readable without colour.
fn matrix(lang: Lang, placements: &[&MatrixPlacement], texts: &[String], tiers: &[Vec<usize>]) -> Markup {
    let mut points: Vec<(usize, f64, f64, &str)> = placements
        .iter()
        .filter_map(|placement| {
            Some((placement.item.0, placement.feasibility?, placement.impact?, placement.quadrant.as_str()))
        })
        .collect();
    points.sort_by_key(|(index, ..)| number_of(tiers, *index));
    let middle = f64::midpoint(f64::from(ASSESSMENT_MIN), f64::from(ASSESSMENT_MAX));
    let positions: Vec<(f64, f64)> = spread(
        &points.iter().map(|(_, feasibility, impact, _)| (to_x(*feasibility), to_y(*impact))).collect::<Vec<_>>(),
    );
    let (mx, my) = (to_x(middle), to_y(middle));
    html! {
        section.matrix {
            h3 { (lang.t("assess-matrix-heading")) }
            svg.matrix-chart viewBox={ "0 0 400 " (BOTTOM + 72.0) } role="img" aria-label=(lang.t("assess-matrix-heading")) {
                title { (lang.t("assess-matrix-heading")) }
                rect x=(mx) y=(TOP) width=(RIGHT - mx) height=(my - TOP) fill=(QUADRANT_FILLS[0]) {}
                rect x=(LEFT) y=(TOP) width=(mx - LEFT) height=(my - TOP) fill=(QUADRANT_FILLS[1]) {}
                rect x=(mx) y=(my) width=(RIGHT - mx) height=(BOTTOM - my) fill=(QUADRANT_FILLS[2]) {}
                rect x=(LEFT) y=(my) width=(mx - LEFT) height=(BOTTOM - my) fill=(QUADRANT_FILLS[3]) {}
                line x1=(LEFT) y1=(BOTTOM) x2=(RIGHT) y2=(BOTTOM) stroke="#5b6675" stroke-width="1.5" {}
                line x1=(LEFT) y1=(TOP) x2=(LEFT) y2=(BOTTOM) stroke="#5b6675" stroke-width="1.5" {}
                @for tick in 1..=5 {
                    text x=(to_x(f64::from(tick))) y=(BOTTOM + 16.0) font-size="12" text-anchor="middle" fill="#5b6675" { (tick) }
                    text x=(LEFT - 10.0) y=(to_y(f64::from(tick)) + 4.0) font-size="12" text-anchor="end" fill="#5b6675" {
                        (tick)
                    }
                }
                text x=(f64::midpoint(LEFT, RIGHT)) y=(BOTTOM + 38.0) font-size="14" text-anchor="middle" fill="#1c2430" {
                    (lang.t("assess-axis-feasibility"))
                }
                @let impact_y = f64::midpoint(TOP, BOTTOM);
                text x="16" y=(impact_y) font-size="14" text-anchor="middle" fill="#1c2430"
                    transform={ "rotate(-90 16 " (impact_y) ")" } {
                    (lang.t("assess-axis-impact"))
                }
                // Each quadrant's name outside the plot, by its corner, with a swatch of its colour.
                @for ((key, x, y, anchor), fill) in QUADRANTS.into_iter().zip(QUADRANT_FILLS) {
                    @let (swatch_x, text_x) = if anchor == "end" { (x - 12.0, x - 16.0) } else { (x, x + 16.0) };
                    rect x=(swatch_x) y=(y - 11.0) width="12" height="12" fill=(fill) stroke="#5b6675" stroke-width="1" {}
                    text.quadrant-label x=(text_x) y=(y) font-size="14" font-weight="600" text-anchor=(anchor)
                        fill="#1c2430" {
                        (lang.t(&format!("assess-quadrant-{key}")))
                    }
                }
                @for ((index, _, _, _), (x, y)) in points.iter().zip(&positions) {
                    g.matrix-point data-mark=(number_of(tiers, *index)) {
                        circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r=(POINT_RADIUS)
                            fill="#1f5bc0" stroke="#ffffff" stroke-width="2" {}
                        text x=(format!("{x:.1}")) y=(format!("{:.1}", y + 4.5))
                            font-size="12" font-weight="700" text-anchor="middle" fill="#ffffff" { (number_of(tiers, *index)) }
                    }
                }
            }
            ol.matrix-legend data-fit-whole {
                @for (index, _, _, quadrant) in &points {
                    @let text = texts.get(*index).map_or("?", String::as_str);
                    li value=(number_of(tiers, *index)) {
                        // The stage shows one line of it (the ranking beside it pages).
                        span.legend-text { (text) }
                        span.legend-quadrant { " — " span.badge { (lang.t(&format!("assess-quadrant-{quadrant}"))) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn closest(positions: &[(f64, f64)]) -> f64 {
        let mut closest = f64::INFINITY;
        for (i, (x, y)) in positions.iter().enumerate() {
            for (ox, oy) in &positions[i + 1..] {
                closest = closest.min((x - ox).hypot(y - oy));
            }
        }
        closest
    }

    #[test]
    fn items_with_the_same_scores_get_points_apart_around_their_place() {
        let same = vec![(to_x(5.0), to_y(5.0)); 12];
        let positions = spread(&same);
        assert!(closest(&positions) >= 2.0 * POINT_RADIUS, "{positions:?}");
        assert_eq!(positions[0], (RIGHT - POINT_RADIUS, TOP + POINT_RADIUS), "the first keeps its corner");
        assert!(positions.iter().all(|(x, y)| (to_x(5.0) - x).hypot(to_y(5.0) - y) < 5.0 * POINT_GAP), "{positions:?}");
        assert_eq!(spread(&same), positions, "the same scores give the same chart");
    }

    proptest! {
        /// No two points are closer than their diameter, and every point stays inside the plot,
        /// wherever the scores put them (on the scale's steps, where ties are most likely, or
        /// anywhere between).
        #[test]
        fn numbered_points_never_overlap(
            scores in proptest::collection::vec(
                prop_oneof![(1u8..=5, 1u8..=5).prop_map(|(f, i)| (f64::from(f), f64::from(i))), (1.0f64..=5.0, 1.0f64..=5.0)],
                0..60,
            )
        ) {
            let points: Vec<(f64, f64)> = scores.iter().map(|(feasibility, impact)| (to_x(*feasibility), to_y(*impact))).collect();
            let positions = spread(&points);
            prop_assert_eq!(positions.len(), points.len());
            prop_assert!(closest(&positions) >= 2.0 * POINT_RADIUS);
            for (x, y) in &positions {
                prop_assert!((LEFT + POINT_RADIUS..=RIGHT - POINT_RADIUS).contains(x));
                prop_assert!((TOP + POINT_RADIUS..=BOTTOM - POINT_RADIUS).contains(y));
            }
        }
    }
}
