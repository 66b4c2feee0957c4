//! What an activity takes from its sources, on the console: how many items its rule keeps ("12
//! ideas retained out of 74") before it opens and what it carried once it has, the facilitator's
//! shortlist with a box per item, and the scores that got items there (an assessment's weighted
//! score, a vote's rank or dots), which the action plan's retained ideas show too.

use crate::Lang;
use crate::layout::{PageContext, csrf_field};
use converge_core::results::MethodResult;
use converge_core::selection::works_on_items;
use converge_core::{Activity, ActivityId, ContributionId, Take, Workshop};
use converge_i18n::FluentValue;
use maud::{Markup, html};
use std::collections::BTreeMap;

/// One count an item went through: the activity's title, its rank there and, where the method
/// gives one, its figure (a weighted score, a number of dots).
pub struct Score<'a> {
    pub counted_in: &'a str,
    pub rank: usize,
    pub figure: Option<String>,
}

/// The counts that lie upstream of `activity` (its sources, their sources, …) and may be read:
/// closed votes and assessments, nearest first.
fn upstream_counts<'a>(workshop: &'a Workshop, activity: &Activity) -> Vec<&'a Activity> {
    let mut seen: Vec<ActivityId> = Vec::new();
    let mut queue: Vec<ActivityId> = activity.settings.sources.clone();
    let mut counts = Vec::new();
    while let Some(id) = queue.first().copied() {
        queue.remove(0);
        if seen.contains(&id) {
            continue;
        }
        seen.push(id);
        let Some(source) = workshop.activity(id) else { continue };
        if works_on_items(source.kind()) {
            if source.results_readable() && source.frozen_result.is_some() {
                counts.push(source);
            }
            queue.extend(source.settings.sources.iter().copied());
        }
    }
    counts
}

/// The scores each item got in the counts upstream of `activity`, nearest count first.
pub fn scores_of<'a>(
    lang: Lang,
    workshop: &'a Workshop,
    activity: &Activity,
) -> BTreeMap<ContributionId, Vec<Score<'a>>> {
    let mut scores: BTreeMap<ContributionId, Vec<Score<'a>>> = BTreeMap::new();
    for source in upstream_counts(workshop, activity) {
        let Some(document) = source.frozen_results() else { continue };
        let Some(count) = document.count() else { continue };
        let mut above = 0;
        for tier in &count.ranking {
            for item in tier {
                let position = count.position(*item);
                let figure = match (&count.result, position) {
                    (MethodResult::Assessment(outcome), Some(position)) => {
                        outcome.assessment.items.get(position).and_then(|item| item.weighted_score).map(|score| {
                            lang.t_args("selection-score", &[("score", FluentValue::from(format!("{score:.1}")))])
                        })
                    }
                    (MethodResult::Dots(result), Some(position)) => result
                        .dots
                        .get(position)
                        .map(|dots| lang.t_args("selection-dots", &[("count", FluentValue::from(*dots))])),
                    _ => None,
                };
                scores.entry(*item).or_default().push(Score {
                    counted_in: source.title.as_str(),
                    rank: above + 1,
                    figure,
                });
            }
            above += tier.len();
        }
    }
    scores
}

/// An item's scores as small badges: "n° 3 · 4.2" with the count's title on hover.
pub fn score_badges(lang: Lang, scores: &[Score<'_>]) -> Markup {
    html! {
        @for score in scores {
            span.badge.rank title=(score.counted_in) {
                (lang.t_args("actions-rank", &[("rank", score.rank.into())]))
                @if let Some(figure) = &score.figure { " · " (figure) }
            }
            " "
        }
    }
}

/// How many items the rule keeps out of what the sources offer: recorded once the activity has
/// opened, else what it would take now. Nothing for an activity that takes everything.
pub fn summary(lang: Lang, workshop: &Workshop, activity: &Activity) -> Markup {
    let Some(take) = activity.settings.take.filter(|take| !take.is_all()) else {
        return html! {};
    };
    let total = workshop.source_pool(activity).len();
    let (count, key) = match &activity.selection {
        Some(chosen) => (chosen.len(), "selection-recorded"),
        None => (converge_engine::results::selection_of(workshop, activity).len(), "selection-preview"),
    };
    let rule = rule_text(lang, take);
    html! {
        p.selection-summary data-selection-count=(count) {
            (lang.t_args(key, &[("count", FluentValue::from(count)), ("total", FluentValue::from(total))]))
            " " span.muted { "(" (rule) ")" }
        }
    }
}

/// The rule in words: "the facilitator's shortlist", "the top 10", …
pub fn rule_text(lang: Lang, take: Take) -> String {
    match take {
        Take::All => lang.t("settings-take-all"),
        Take::Categories => lang.t("settings-take-categories"),
        Take::Shortlist => lang.t("settings-take-shortlist"),
        Take::Top { n } => lang.t_args("selection-rule-top", &[("n", FluentValue::from(n))]),
        Take::MinDots { k } => lang.t_args("selection-rule-dots", &[("k", FluentValue::from(k))]),
    }
}

/// What became of the last save of the shortlist, as the page it comes back to says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShortlistSaved {
    /// Nothing was just saved: the count alone.
    No,
    /// Saved: the count, said as a confirmation.
    Saved,
    /// Nothing ticked, where the shortlist held items: asked before emptying the activity.
    ConfirmEmpty,
}

/// The facilitator's shortlist: every item the sources offer with a box, ticked when chosen, and
/// its scores; until the activity first opens. Nothing for another rule. Its status line (a live
/// region, so a save in place updates it) counts what is retained, says so after a save, and asks
/// before a save with nothing ticked would leave the activity with nothing.
pub fn shortlist_form(
    context: &PageContext,
    workshop: &Workshop,
    activity: &Activity,
    saved: ShortlistSaved,
) -> Markup {
    if activity.settings.take != Some(Take::Shortlist) || activity.times_opened > 0 || workshop.closed_at.is_some() {
        return html! {};
    }
    let lang = context.lang;
    let pool = workshop.source_pool(activity);
    let scores = scores_of(lang, workshop, activity);
    // Ranked items first, in their order; the rest as they were posted.
    let mut items: Vec<_> = pool.iter().enumerate().collect();
    items.sort_by_key(|(posted, item)| {
        (scores.get(&item.id).and_then(|scores| scores.first()).map_or(usize::MAX, |score| score.rank), *posted)
    });
    let action = format!("/facilitator/workshops/{}/activities/{}/shortlist", workshop.id, activity.id);
    html! {
        form #shortlist.card.stack method="post" action=(action) {
            (csrf_field(&context.csrf))
            h2 { (lang.t("shortlist-heading")) }
            p.hint { (lang.t("shortlist-hint")) }
            @if pool.is_empty() {
                p.muted { (lang.t("shortlist-empty")) }
            }
            ul.shortlist {
                @for (_, item) in &items {
                    li {
                        label.check {
                            input type="checkbox" name="item" value=(item.id) checked[activity.shortlist.contains(&item.id)];
                            " "
                            @if let Some(scores) = scores.get(&item.id) { (score_badges(lang, scores)) }
                            (item.text)
                        }
                    }
                }
            }
            button type="submit" { (lang.t("shortlist-save-button")) }
            (shortlist_status(lang, workshop, activity, saved))
        }
    }
}

fn shortlist_status(lang: Lang, workshop: &Workshop, activity: &Activity, saved: ShortlistSaved) -> Markup {
    let count = converge_engine::results::selection_of(workshop, activity).len();
    let total = workshop.source_pool(activity).len();
    let retained =
        lang.t_args("selection-preview", &[("count", FluentValue::from(count)), ("total", FluentValue::from(total))]);
    html! {
        div #shortlist-status-live.shortlist-status data-live {
            @match saved {
                ShortlistSaved::ConfirmEmpty => {
                    div.notice role="alert" {
                        p { (lang.t_args("shortlist-confirm-empty", &[("title", activity.title.as_str().into())])) }
                        button.danger type="submit" name="confirm_empty" value="1" { (lang.t("shortlist-confirm-empty-button")) }
                    }
                }
                ShortlistSaved::Saved => {
                    p.saved role="status" data-shortlist-saved=(count) {
                        (lang.t("shortlist-saved")) " " strong { (retained) }
                    }
                }
                ShortlistSaved::No => {
                    @if !activity.shortlist.is_empty() {
                        p.muted data-shortlist-count=(count) { (retained) }
                    }
                }
            }
        }
    }
}
