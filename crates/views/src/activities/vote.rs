//! The vote activity: one ballot per method, shaped for a phone, and the results.
//!
//! Every ballot is a plain form posted to `pages::ballots` (`POST /w/{id}/a/{activity_id}/ballot`)
//! that works without JavaScript: number inputs for dots (which `assets/ballot.js` turns into
//! − and + buttons around each idea's count), checkboxes for approval, a row of radio
//! buttons per item for scores and majority-judgment grades, a rank select per item for the
//! ranked methods, and two big buttons for one pair at a time (Bradley–Terry). The participant's
//! current ballot is shown filled in, so voting again starts from it and replaces it.
//!
//! Results come from the results document (`converge_engine::results`): the one frozen into the
//! record at close when there is one, else counted afresh from the ballots. Participants see them
//! once the vote is closed; the facilitator's board shows the count as it stands; the projection
//! shows them once closed, so the room's early votes do not sway the late ones.
//! Charts are inline SVG drawn with presentation attributes (`fill`, `x`, `width`), never `style`,
//! which the CSP forbids.

use super::View;
use crate::Lang;
use crate::layout::csrf_field;
use converge_core::results::methods::{MajorityJudgmentResult, ScoreAggregate};
use converge_core::results::{Count, MethodResult, Results};
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::{ActivityStatus, ContributionId, ParticipantId, Role, Scope, Subject};
use converge_i18n::FluentValue;
use maud::{Markup, html};
use std::collections::BTreeMap;

pub fn participant(view: &View<'_>) -> Markup {
    participant_with(view, None)
}

/// The participant's page; `submitted` is a refused ballot, shown again so nothing typed is lost.
pub fn participant_with(view: &View<'_>, submitted: Option<&Ballot>) -> Markup {
    let lang = view.lang;
    let items = items(view);
    let rules = view.activity.settings.vote_rules();
    let may_vote =
        view.activity.status == ActivityStatus::Open && view.role.is_some_and(Role::votes) && view.viewer.is_some();
    html! {
        (method_heading(lang, &rules))
        @if items.is_empty() {
            p.notice { (lang.t("votes-no-items")) }
        } @else if may_vote {
            (ballot_form(view, &rules, &items, submitted))
        } @else if view.activity.status == ActivityStatus::Closed {
            div #vote-results-live data-live { (results_section(view, Audience::Room)) }
        } @else {
            p.hint { (lang.t("votes-not-open")) }
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let rules = view.activity.settings.vote_rules();
    html! {
        (method_heading(lang, &rules))
        @if view.activity.settings.sources.is_empty() {
            p.notice { (lang.t("votes-no-sources-facilitator")) }
        } @else if items(view).is_empty() {
            p.notice { (lang.t("votes-no-items")) }
        }
        (turnout(view))
        (results_section(view, Audience::Facilitator))
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    let lang = view.lang;
    html! {
        @if view.activity.status == ActivityStatus::Closed {
            (results_section(view, Audience::Room))
        } @else {
            (method_heading(lang, &view.activity.settings.vote_rules()))
            (turnout(view))
        }
    }
}

/// Who looks at results: both see the count once closed; while it runs, the facilitator is told
/// when it will appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Audience {
    Facilitator,
    Room,
}

/// The items on the ballot, in the activity's order, with their texts.
pub(super) fn items(view: &View<'_>) -> Vec<(ContributionId, String)> {
    view.workshop
        .items_of(view.activity)
        .into_iter()
        .map(|id| (id, view.workshop.contribution(id).map(|note| note.text.clone()).unwrap_or_default()))
        .collect()
}

fn method_heading(lang: Lang, rules: &VoteConfig) -> Markup {
    let method = rules.method.as_str();
    html! {
        p.vote-method {
            span.badge { (lang.t(&format!("vote-method-{method}"))) }
        }
        p.hint { (how_to_vote(lang, rules)) }
    }
}

/// One sentence telling the participant what the ballot asks of them.
fn how_to_vote(lang: Lang, rules: &VoteConfig) -> String {
    match rules.method {
        VoteMethod::Dots => lang.t_args(
            "votes-how-dots",
            &[("budget", FluentValue::from(rules.dots_budget)), ("cap", FluentValue::from(rules.dots_cap))],
        ),
        VoteMethod::Approval => lang.t("votes-how-approval"),
        VoteMethod::Score => lang.t_args(
            "votes-how-score",
            &[("min", FluentValue::from(rules.score_min)), ("max", FluentValue::from(rules.score_max))],
        ),
        VoteMethod::MajorityJudgment => lang.t("votes-how-majority_judgment"),
        VoteMethod::BradleyTerry => lang.t("votes-how-bradley_terry"),
        _ => lang.t("votes-how-ranked"),
    }
}

/// How many have voted, out of those who vote (not the facilitator, not observers).
fn turnout(view: &View<'_>) -> Markup {
    let activity = view.activity;
    let voters = if activity.settings.vote_rules().method == VoteMethod::BradleyTerry {
        activity.comparisons.iter().map(|(voter, _, _)| *voter).collect::<std::collections::BTreeSet<_>>().len()
    } else {
        activity.ballots.len()
    };
    let room = view.workshop.n_voters();
    html! {
        p.vote-turnout data-ballots=(voters) {
            (view.lang.t_args(
                "votes-turnout",
                &[("count", FluentValue::from(voters)), ("room", FluentValue::from(room))],
            ))
        }
    }
}

fn ballot_form(
    view: &View<'_>,
    rules: &VoteConfig,
    items: &[(ContributionId, String)],
    submitted: Option<&Ballot>,
) -> Markup {
    let lang = view.lang;
    let recorded = view
        .viewer
        .and_then(|viewer| view.keyring.find(&view.activity.ballots, viewer, Scope::Ballot(view.activity.id)));
    // A refused ballot is shown again as it was typed, to fix; the one recorded stays the other.
    let current = submitted.or(recorded);
    let action = format!("/w/{}/a/{}/ballot", view.workshop.id, view.activity.id);
    if rules.method == VoteMethod::BradleyTerry {
        return pairwise(view, items, &action);
    }
    let submit = html! {
        button type="submit" {
            @if recorded.is_some() { (lang.t("votes-submit-again")) } @else { (lang.t("votes-submit")) }
        }
    };
    html! {
        form #ballot.stack.card.ballot method="post" action=(action) {
            // In the form: sending lands on `#ballot`, and the phone must see that it was recorded.
            @if submitted.is_none() && recorded.is_some() {
                p.notice.vote-recorded { (lang.t("votes-ballot-recorded")) }
            }
            (csrf_field(view.csrf))
            @match rules.method {
                // The dots' counter sits beside the button, in a bar that stays in sight.
                VoteMethod::Dots => (dots(lang, rules, items, current, submit)),
                VoteMethod::Approval => { (approval(items, current)) (submit) }
                VoteMethod::Score => { (scores(lang, rules, items, current)) (submit) }
                VoteMethod::MajorityJudgment => { (grades(lang, rules, items, current)) (submit) }
                _ => { (ranking(lang, items, current)) (submit) }
            }
        }
    }
}

/// A number input per idea: the ballot without JavaScript. `assets/ballot.js` hides the inputs
/// and shows each idea's stepper instead (− and + around the count, which set the input), keeps
/// the counter and the button in sight at the foot of the screen, and says every change in the
/// `data-dots-live` region from the templates it carries.
fn dots(
    lang: Lang,
    rules: &VoteConfig,
    items: &[(ContributionId, String)],
    current: Option<&Ballot>,
    submit: Markup,
) -> Markup {
    let given = |item: &ContributionId| match current {
        Some(Ballot::Dots { dots }) => dots.get(item).copied().unwrap_or(0),
        _ => 0,
    };
    let spent: u64 = items.iter().map(|(item, _)| u64::from(given(item))).sum();
    let on_item = |form: u64| {
        lang.t_args(
            "votes-dots-on-item",
            &[("count", FluentValue::from(form)), ("shown", FluentValue::from("{n}")), ("item", "{item}".into())],
        )
    };
    html! {
        ul.ballot-items {
            @for (item, text) in items {
                li.ballot-item.dots-item data-dots-item {
                    label.ballot-text id={ "dots-label-" (item) } for={ "dots-" (item) } { (text) }
                    input.dots-input id={ "dots-" (item) } type="number" name={ "dots-" (item) } min="0"
                        max=(rules.dots_cap) step="1" inputmode="numeric" value=(given(item));
                    div.dots-stepper role="group" aria-labelledby={ "dots-label-" (item) } hidden data-dots-stepper {
                        button.dots-step type="button" data-dots-step="-1"
                            aria-label=(lang.t_args("votes-dots-remove", &[("item", text.as_str().into())])) { "−" }
                        span.dots-count data-dots-count { (given(item)) }
                        button.dots-step type="button" data-dots-step="1"
                            aria-label=(lang.t_args("votes-dots-add", &[("item", text.as_str().into())])) { "+" }
                    }
                }
            }
        }
        div.dots-bar {
            (dots_counter(lang, rules, spent))
            p.visually-hidden aria-live="polite" data-dots-live data-item-one=(on_item(1))
                data-item-other=(on_item(2)) {}
            (submit)
        }
    }
}

/// How many dots are left, or how many too many were placed (a refused ballot shown again).
/// The sentence's forms ride along as templates, so `assets/ballot.js` says it again in the
/// page's language as dots are placed; it announces it in `data-dots-live` with the idea's
/// count, so the counter itself is no live region (it would say it twice).
fn dots_counter(lang: Lang, rules: &VoteConfig, spent: u64) -> Markup {
    let budget = u64::from(rules.dots_budget);
    let sentence = |form: u64, shown: FluentValue<'_>, over: bool| {
        let (key, selector) = if over { ("votes-dots-over", "over") } else { ("votes-dots-remaining", "remaining") };
        lang.t_args(
            key,
            &[(selector, FluentValue::from(form)), ("shown", shown), ("budget", FluentValue::from(rules.dots_budget))],
        )
    };
    let placeholder = || FluentValue::from("{n}");
    let now = if spent > budget {
        sentence(spent - budget, FluentValue::from(spent - budget), true)
    } else {
        sentence(budget - spent, FluentValue::from(budget - spent), false)
    };
    html! {
        p.dots-budget.over[spent > budget] data-dots-counter data-budget=(budget)
            data-left-one=(sentence(1, placeholder(), false)) data-left-other=(sentence(2, placeholder(), false))
            data-over-one=(sentence(1, placeholder(), true)) data-over-other=(sentence(2, placeholder(), true)) {
            (now)
        }
    }
}

fn approval(items: &[(ContributionId, String)], current: Option<&Ballot>) -> Markup {
    let approved =
        |item: &ContributionId| matches!(current, Some(Ballot::Approval { approved }) if approved.contains(item));
    html! {
        ul.ballot-items {
            @for (item, text) in items {
                li.ballot-item {
                    label.check.approve {
                        input type="checkbox" name="approve" value=(item) checked[approved(item)];
                        " " span.ballot-text { (text) }
                    }
                }
            }
        }
    }
}

/// The widest score range shown as radio buttons; a wider one gets a number input.
const RADIO_SCORES_MAX: i32 = 10;

fn scores(lang: Lang, rules: &VoteConfig, items: &[(ContributionId, String)], current: Option<&Ballot>) -> Markup {
    let given = |item: &ContributionId| match current {
        Some(Ballot::Scores { scores }) => scores.get(item).copied(),
        _ => None,
    };
    let as_radios = rules.score_max - rules.score_min <= RADIO_SCORES_MAX;
    html! {
        ul.ballot-items {
            @for (item, text) in items {
                li.ballot-item {
                    @if as_radios {
                        fieldset.choice-row {
                            legend.ballot-text { (text) }
                            label.choice {
                                input type="radio" name={ "score-" (item) } value="" checked[given(item).is_none()];
                                span { (lang.t("votes-no-score")) }
                            }
                            @for score in rules.score_min..=rules.score_max {
                                label.choice {
                                    input type="radio" name={ "score-" (item) } value=(score)
                                        checked[given(item) == Some(score)];
                                    span { (score) }
                                }
                            }
                        }
                    } @else {
                        label.ballot-text for={ "score-" (item) } { (text) }
                        input id={ "score-" (item) } type="number" name={ "score-" (item) } min=(rules.score_min)
                            max=(rules.score_max) inputmode="numeric" value=[given(item)];
                    }
                }
            }
        }
    }
}

/// The name of a grade in the page's language: the six usual mentions when there are six,
/// numbered grades otherwise. 0 is the lowest.
pub(super) fn grade_name(lang: Lang, n_grades: u8, grade: u8) -> String {
    if n_grades == 6 {
        lang.t(&format!("votes-grade6-{grade}"))
    } else {
        lang.t_args(
            "votes-grade-numbered",
            &[("grade", FluentValue::from(u32::from(grade) + 1)), ("max", FluentValue::from(n_grades))],
        )
    }
}

fn grades(lang: Lang, rules: &VoteConfig, items: &[(ContributionId, String)], current: Option<&Ballot>) -> Markup {
    let given = |item: &ContributionId| match current {
        Some(Ballot::Grades { grades }) => grades.get(item).copied(),
        _ => None,
    };
    html! {
        ul.ballot-items {
            @for (item, text) in items {
                li.ballot-item {
                    fieldset.choice-row.grade-row {
                        legend.ballot-text { (text) }
                        @for grade in 0..rules.grades {
                            label class={ "choice grade-" (grade_class(rules.grades, grade)) } {
                                // Every item must be graded: the browser says so before posting.
                                input type="radio" name={ "grade-" (item) } value=(grade) required
                                    checked[given(item) == Some(grade)];
                                span { (grade_name(lang, rules.grades, grade)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A grade's colour class, 0 (worst) to 5 (best), whatever the number of grades.
fn grade_class(n_grades: u8, grade: u8) -> u8 {
    let steps = u32::from(n_grades.max(2) - 1);
    ((u32::from(grade) * 5 + steps / 2) / steps).min(5) as u8
}

fn ranking(lang: Lang, items: &[(ContributionId, String)], current: Option<&Ballot>) -> Markup {
    // Equal ranks are ties, so the rank of an item is its tier's position (dense ranks).
    let rank_of = |item: &ContributionId| match current {
        Some(Ballot::Ranking { tiers }) => tiers.iter().position(|tier| tier.contains(item)).map(|tier| tier + 1),
        _ => None,
    };
    // `assets/ballot.js` adds drag-to-rank on top of the selects: it shows the drag hint, and
    // fills the live region from the `data-rank-moved` template (`{item}`, `{position}`, `{total}`).
    let moved = lang.t_args(
        "votes-rank-moved",
        &[("item", "{item}".into()), ("position", "{position}".into()), ("total", "{total}".into())],
    );
    html! {
        p.hint { (lang.t("votes-rank-hint")) }
        p.hint data-rank-drag-hint hidden { (lang.t("votes-rank-drag-hint")) }
        p.visually-hidden data-rank-live aria-live="polite" {}
        ul.ballot-items data-rank-list data-rank-moved=(moved) data-rank-handle-label=(lang.t("votes-rank-handle")) {
            @for (item, text) in items {
                li.ballot-item.rank-item data-rank-item {
                    label.ballot-text for={ "rank-" (item) } { (text) }
                    select.rank-select id={ "rank-" (item) } name={ "rank-" (item) } {
                        option value="" selected[rank_of(item).is_none()] { (lang.t("votes-unranked")) }
                        @for rank in 1..=items.len() {
                            option value=(rank) selected[rank_of(item) == Some(rank)] { (rank) }
                        }
                    }
                }
            }
        }
    }
}

/// The next pair for `viewer`: among the pairs they compared least, the first from a starting
/// point of their own (so a room does not all start on the same pair), the two sides swapped
/// on every other round (so neither item always sits on the left). Deterministic: the same
/// answers give the same next pair.
pub(super) fn next_pair(
    items: &[ContributionId],
    comparisons: &[(Subject, ContributionId, ContributionId)],
    viewer: ParticipantId,
    voter: Subject,
) -> Option<(ContributionId, ContributionId)> {
    let n = items.len();
    if n < 2 {
        return None;
    }
    let position = |item: &ContributionId| items.iter().position(|known| known == item);
    let mut counts: BTreeMap<(usize, usize), u32> = BTreeMap::new();
    for (_, winner, loser) in comparisons.iter().filter(|(who, _, _)| *who == voter) {
        if let (Some(a), Some(b)) = (position(winner), position(loser)) {
            *counts.entry((a.min(b), a.max(b))).or_default() += 1;
        }
    }
    let pairs: Vec<(usize, usize)> = (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
    let start = (viewer.as_uuid().as_u128() % pairs.len() as u128) as usize;
    let (a, b) = (0..pairs.len())
        .map(|offset| pairs[(start + offset) % pairs.len()])
        .min_by_key(|pair| counts.get(pair).copied().unwrap_or(0))?;
    let round = counts.get(&(a, b)).copied().unwrap_or(0) as usize;
    if (a + b + round).is_multiple_of(2) { Some((items[a], items[b])) } else { Some((items[b], items[a])) }
}

fn pairwise(view: &View<'_>, items: &[(ContributionId, String)], action: &str) -> Markup {
    let lang = view.lang;
    let ids: Vec<ContributionId> = items.iter().map(|(id, _)| *id).collect();
    let Some(viewer) = view.viewer else { return html! {} };
    // A voter named by id in an older record keeps their answers; otherwise their pseudonym.
    let named = Subject::Named(viewer);
    let voter = if view.activity.comparisons.iter().any(|(who, ..)| *who == named) {
        named
    } else {
        match view.keyring.subject(viewer, Scope::Ballot(view.activity.id)) {
            Some(voter) => voter,
            None => return html! {},
        }
    };
    let answered = view.activity.comparisons.iter().filter(|(who, _, _)| *who == voter).count();
    let text =
        |id: ContributionId| items.iter().find(|(item, _)| *item == id).map(|(_, text)| text.as_str()).unwrap_or("");
    html! {
        p.hint { (lang.t_args("votes-pairs-answered", &[("count", FluentValue::from(answered))])) }
        @if let Some((left, right)) = next_pair(&ids, &view.activity.comparisons, viewer, voter) {
            div #ballot.pair data-pair={ (left) " " (right) } {
                p.pair-question { (lang.t("votes-pair-question")) }
                @for (winner, loser) in [(left, right), (right, left)] {
                    form.pair-choice method="post" action=(action) {
                        (csrf_field(view.csrf))
                        input type="hidden" name="winner" value=(winner);
                        input type="hidden" name="loser" value=(loser);
                        button.pair-button type="submit" { (text(winner)) }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Results

/// The activity's count as the engine decides it: frozen when recorded, else counted now.
pub(super) fn document(view: &View<'_>) -> Option<Results> {
    converge_engine::results::current(view.workshop, view.activity)
}

/// The texts of a count's items, by index; an item gone from the workshop shows as "?".
pub(super) fn item_texts(view: &View<'_>, count: &Count) -> Vec<String> {
    count
        .items
        .iter()
        .map(|id| view.workshop.contribution(*id).map_or_else(|| "?".to_owned(), |note| note.text.clone()))
        .collect()
}

/// A number as the page's language writes it: a decimal comma in French.
pub(super) fn decimal(lang: Lang, value: f64, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    match lang.0 {
        converge_core::Language::Fr => text.replace('.', ","),
        converge_core::Language::En => text,
    }
}

/// The winners' texts in quotes, joined.
pub(super) fn winners_text(lang: Lang, texts: &[String], winners: &[usize]) -> String {
    let quoted: Vec<String> = winners
        .iter()
        .filter_map(|index| texts.get(*index))
        .map(|text| lang.t_args("votes-quoted", &[("text", text.as_str().into())]))
        .collect();
    quoted.join(", ")
}

/// The heading of the results: frozen or provisional, and how many ballots.
pub(super) fn results_head(lang: Lang, count: &Count, frozen: bool) -> Markup {
    let n_ballots = count.n_ballots as u64;
    html! {
        div.results-head {
            h2 { (lang.t("votes-results-heading")) }
            @if frozen {
                span.badge.frozen data-frozen { (lang.t("votes-frozen-badge")) }
            } @else {
                span.badge.provisional { (lang.t("votes-provisional-badge")) }
            }
            span.muted { (lang.t_args("votes-ballots-count", &[("count", FluentValue::from(n_ballots))])) }
        }
    }
}

fn results_section(view: &View<'_>, audience: Audience) -> Markup {
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
    let result = &count.result;
    let n_grades = view.activity.settings.vote_rules().grades;
    html! {
        section.results data-results=(result.method().as_str()) {
            (results_head(lang, count, frozen))
            @if let Some(sentence) = explanation(lang, count, &texts) {
                p.explanation data-explanation { (sentence) }
            }
            // Items nobody supported are told in one line, not listed one by one (with their
            // texts behind it, for whoever wants them).
            @let supported = tiers.iter().take_while(|tier| !tier.iter().all(|index| unsupported(result, *index))).count();
            // On the projection, whole tiers up to the head of the ranking.
            @let limit = shown_on(view, usize::MAX);
            @let listed = tiers[..supported]
                .iter()
                .scan(0, |n, tier| { let before = *n; *n += tier.len(); Some(before) })
                .take_while(|before| *before < limit)
                .count();
            @let n_unlisted: usize = tiers[listed..supported].iter().map(Vec::len).sum();
            @let rest: Vec<usize> = tiers[supported..].iter().flatten().copied().collect();
            ol.results-ranking {
                @for (position, tier) in tiers[..listed].iter().enumerate() {
                    li.result-tier value=(tiers[..position].iter().map(Vec::len).sum::<usize>() + 1) {
                        @if tier.len() > 1 {
                            span.badge.tie { (lang.t("votes-tie")) }
                        }
                        ul.tier-items {
                            @for index in tier {
                                li.result-item data-item=(index) {
                                    span.result-text { (texts.get(*index).map_or("?", String::as_str)) }
                                    @if let Some(score) = score_text(lang, result, *index, n_grades) {
                                        " " span.result-score { (score) }
                                    }
                                    @if let MethodResult::MajorityJudgment(judged) = result {
                                        (grade_bar(lang, judged, *index, n_grades))
                                    } @else if let Some(share) = support_share(result, *index) {
                                        (support_bar(share))
                                    }
                                }
                            }
                        }
                        @if let Some(gap) = gap_text(lang, result, position) {
                            p.result-gap { (gap) }
                        }
                    }
                }
                @if n_unlisted > 0 {
                    li.result-rest { (lang.t_args("results-rest-elsewhere", &[("count", n_unlisted.into())])) }
                }
                @if !rest.is_empty() {
                    li.result-rest {
                        details {
                            summary { (lang.t_args(rest_message(result), &[("count", FluentValue::from(rest.len()))])) }
                            ul.tier-items {
                                @for index in &rest {
                                    li.result-item data-item=(index) {
                                        span.result-text { (texts.get(*index).map_or("?", String::as_str)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if matches!(result, MethodResult::MajorityJudgment(_)) {
                (grade_legend(lang, n_grades))
            }
        }
    }
}

/// What an item scored, in words, for the method.
fn score_text(lang: Lang, result: &MethodResult, index: usize, n_grades: u8) -> Option<String> {
    let count = |values: &[u64], message: &str| {
        let n = i64::try_from(*values.get(index)?).ok()?;
        Some(lang.t_args(message, &[("count", FluentValue::from(n))]))
    };
    let signed = |values: &[i64], message: &str| {
        let n = *values.get(index)?;
        Some(lang.t_args(message, &[("count", FluentValue::from(n))]))
    };
    match result {
        MethodResult::Dots(result) => count(&result.dots, "votes-score-dots"),
        MethodResult::Approval(result) => count(&result.approvals, "votes-score-approval"),
        MethodResult::Plurality(result) => count(&result.first_preferences, "votes-score-plurality"),
        MethodResult::Borda(result) => signed(&result.scores, "votes-score-borda"),
        MethodResult::Copeland(result) => signed(&result.scores, "votes-score-copeland"),
        MethodResult::Minimax(result) => signed(&result.largest_defeat_margins, "votes-score-minimax"),
        MethodResult::Score(result) => {
            let mean = result.summaries.get(index)?.as_ref()?.mean;
            Some(lang.t_args("votes-score-mean", &[("mean", decimal(lang, mean, 2).into())]))
        }
        MethodResult::MajorityJudgment(result) => {
            let grade = result.majority_grades.get(index).copied().flatten()?;
            let name = grade_name(lang, n_grades, grade);
            Some(lang.t_args("votes-score-grade", &[("grade", name.into())]))
        }
        MethodResult::InstantRunoff(result) => {
            let (round, votes) = result.rounds.iter().enumerate().rev().find_map(|(round, tallies)| {
                tallies.tallies.get(index).copied().flatten().map(|votes| (round, votes))
            })?;
            Some(lang.t_args(
                "votes-score-runoff",
                &[("count", FluentValue::from(votes)), ("round", FluentValue::from(round + 1))],
            ))
        }
        MethodResult::BradleyTerry(result) => {
            let strength = *result.strengths.get(index)?;
            Some(lang.t_args("votes-score-strength", &[("strength", decimal(lang, strength, 2).into())]))
        }
        MethodResult::Schulze(_) | MethodResult::Assessment(_) => None,
    }
}

/// How many of a ranking's `total` items a view lists: the head of it on the projection, which
/// must stay readable from the back of the room; all of them elsewhere.
pub(super) fn shown_on(view: &View<'_>, total: usize) -> usize {
    const ON_THE_STAGE: usize = 12;
    if view.role.is_none() { total.min(ON_THE_STAGE) } else { total }
}

/// True when nobody supported the item at all, for the methods that count support.
fn unsupported(result: &MethodResult, index: usize) -> bool {
    let none = |values: &[u64]| values.get(index).is_some_and(|n| *n == 0);
    match result {
        MethodResult::Dots(result) => none(&result.dots),
        MethodResult::Approval(result) => none(&result.approvals),
        MethodResult::Plurality(result) => none(&result.first_preferences),
        _ => false,
    }
}

/// The line that stands for the items nobody supported.
fn rest_message(result: &MethodResult) -> &'static str {
    match result {
        MethodResult::Approval(_) => "votes-rest-approval",
        MethodResult::Plurality(_) => "votes-rest-plurality",
        _ => "votes-rest-dots",
    }
}

/// How long an item's bar is, as a share of the leader's, for the methods that give each item
/// an amount of support; `None` for those that only rank.
fn support_share(result: &MethodResult, index: usize) -> Option<f64> {
    fn share<T: Copy + Into<f64>>(values: &[T], index: usize) -> Option<f64> {
        let value: f64 = (*values.get(index)?).into();
        let top = values.iter().map(|value| (*value).into()).fold(0.0_f64, f64::max);
        (top > 0.0).then(|| (value / top).clamp(0.0, 1.0))
    }
    let counts = |values: &[u64]| -> Option<f64> {
        let values: Vec<f64> = values.iter().map(|value| *value as f64).collect();
        share(&values, index)
    };
    match result {
        MethodResult::Dots(result) => counts(&result.dots),
        MethodResult::Approval(result) => counts(&result.approvals),
        MethodResult::Plurality(result) => counts(&result.first_preferences),
        MethodResult::Score(result) => {
            let means: Vec<f64> =
                result.summaries.iter().map(|summary| summary.as_ref().map_or(0.0, |summary| summary.mean)).collect();
            share(&means, index)
        }
        MethodResult::BradleyTerry(result) => share(&result.strengths, index),
        _ => None,
    }
}

/// An item's support as a bar: drawn, not styled, so that it needs no inline style.
pub(super) fn support_bar(share: f64) -> Markup {
    let width = format!("{:.3}", share * 100.0);
    html! {
        svg.support-bar viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" {
            rect x="0" y="0" width="100" height="6" fill="#e6eaf2" {}
            rect x="0" y="0" width=(width) height="6" fill="#3259c7" {}
        }
    }
}

/// How far a tier is ahead of the next one, in words.
fn gap_text(lang: Lang, result: &MethodResult, tier: usize) -> Option<String> {
    let whole = |gaps: &[i64]| gaps.get(tier).map(ToString::to_string);
    let text = match result {
        MethodResult::BradleyTerry(result) => {
            let share = result.win_probability_over_next_tier.get(tier)?;
            return Some(
                lang.t_args("votes-gap-probability", &[("percent", FluentValue::from((share * 100.0).round()))]),
            );
        }
        MethodResult::Schulze(_) | MethodResult::MajorityJudgment(_) | MethodResult::InstantRunoff(_) => return None,
        // An assessment's page says its gaps in its own table.
        MethodResult::Assessment(_) => return None,
        MethodResult::Score(result) => decimal(lang, *result.gaps_to_next_tier.get(tier)?, 2),
        MethodResult::Dots(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Approval(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Plurality(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Borda(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Copeland(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Minimax(result) => whole(&result.gaps_to_next_tier)?,
    };
    Some(lang.t_args("votes-gap", &[("gap", text.into())]))
}

/// One sentence saying how the winner was decided, ties said as such.
pub(super) fn explanation(lang: Lang, count: &Count, texts: &[String]) -> Option<String> {
    let method = count.result.method();
    let n_ballots = count.n_ballots as u64;
    let winners: Vec<usize> = count.winners.iter().filter_map(|winner| count.position(*winner)).collect();
    if n_ballots == 0 || winners.is_empty() {
        return Some(lang.t("votes-explain-none"));
    }
    let first = winners[0];
    let whole = |values: &[i64]| values.get(first).map(ToString::to_string).unwrap_or_default();
    let counted = |values: &[u64]| {
        values.get(first).and_then(|n| i64::try_from(*n).ok()).map(|n| n.to_string()).unwrap_or_default()
    };
    // Score voting ranks by the mean or, when the facilitator chose it, by the median.
    let mut by_median = false;
    let mut grade = String::new();
    let score_arg = match &count.result {
        MethodResult::Dots(result) => counted(&result.dots),
        MethodResult::Approval(result) => counted(&result.approvals),
        MethodResult::Plurality(result) => counted(&result.first_preferences),
        MethodResult::Borda(result) => whole(&result.scores),
        MethodResult::Copeland(result) => whole(&result.scores),
        MethodResult::Minimax(result) => whole(&result.largest_defeat_margins),
        MethodResult::Score(result) => {
            by_median = result.aggregate == ScoreAggregate::Median;
            let summary = result.summaries.get(first).and_then(Option::as_ref);
            summary
                .map(|summary| decimal(lang, if by_median { summary.median } else { summary.mean }, 2))
                .unwrap_or_default()
        }
        MethodResult::InstantRunoff(result) => result.rounds.len().to_string(),
        MethodResult::Assessment(outcome) => outcome
            .assessment
            .items
            .get(first)
            .and_then(|item| item.weighted_score)
            .map(|score| decimal(lang, score, 2))
            .unwrap_or_default(),
        MethodResult::MajorityJudgment(result) => {
            if let Some(majority) = result.majority_grades.get(first).copied().flatten() {
                let n_grades = result.distributions.get(first).map_or(6, Vec::len);
                grade = grade_name(lang, u8::try_from(n_grades).unwrap_or(6), majority);
            }
            String::new()
        }
        MethodResult::Schulze(_) | MethodResult::BradleyTerry(_) => String::new(),
    };
    let key =
        if by_median { "votes-explain-score_median".to_owned() } else { format!("votes-explain-{}", method.as_str()) };
    Some(lang.t_args(
        &key,
        &[
            ("winner", winners_text(lang, texts, &winners).into()),
            ("count", FluentValue::from(winners.len())),
            ("score", score_arg.into()),
            ("grade", grade.into()),
            ("ballots", FluentValue::from(n_ballots)),
        ],
    ))
}

/// The colours of the grades, worst to best, as SVG fills.
const GRADE_FILLS: [&str; 6] = ["#b42318", "#e0703a", "#f2b33d", "#c9d56b", "#6dbb63", "#1f7a4d"];

/// An item's grades as one horizontal bar, worst grade on the left, with the median marked: the
/// majority grade is the one under the middle line.
fn grade_bar(lang: Lang, result: &MajorityJudgmentResult, index: usize, n_grades: u8) -> Markup {
    let counts: Vec<u64> = result.distributions.get(index).cloned().unwrap_or_default();
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return html! {};
    }
    let mut segments = Vec::new();
    let mut start = 0.0;
    for (grade, count) in counts.iter().enumerate() {
        let width = *count as f64 * 100.0 / total as f64;
        if *count > 0 {
            segments.push((grade, start, width, *count));
        }
        start += width;
    }
    let label: Vec<String> = counts
        .iter()
        .enumerate()
        .map(|(grade, count)| {
            let name = grade_name(lang, n_grades, u8::try_from(grade).unwrap_or(0));
            lang.t_args("votes-grade-count", &[("grade", name.into()), ("count", FluentValue::from(*count))])
        })
        .collect();
    let label = label.join(", ");
    html! {
        svg.grade-bar viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label=(label) {
            title { (label) }
            @for (grade, x, width, _) in &segments {
                rect x=(format!("{x:.3}")) y="0" width=(format!("{width:.3}")) height="10"
                    fill=(GRADE_FILLS[usize::from(grade_class(n_grades, u8::try_from(*grade).unwrap_or(0)))]) {}
            }
            line x1="50" y1="0" x2="50" y2="10" stroke="#1c2430" stroke-width="0.6" {}
        }
    }
}

fn grade_legend(lang: Lang, n_grades: u8) -> Markup {
    html! {
        ul.grade-legend {
            @for grade in 0..n_grades {
                li {
                    svg.swatch viewBox="0 0 10 10" aria-hidden="true" {
                        rect width="10" height="10" fill=(GRADE_FILLS[usize::from(grade_class(n_grades, grade))]) {}
                    }
                    " " (grade_name(lang, n_grades, grade))
                }
            }
            li.muted { (lang.t("votes-median-line")) }
        }
    }
}

/// One item of a ranking as a picture shows it: its place, text, score in words and bar.
pub(super) struct RankedItem {
    pub place: usize,
    pub text: String,
    pub score: Option<String>,
    pub share: Option<f64>,
}

/// A vote's or an assessment's ranking, every item in order, when its results may be read.
pub(super) fn ranked_items(view: &View<'_>) -> Option<Vec<RankedItem>> {
    if !view.activity.results_readable() {
        return None;
    }
    let Results { document, .. } = document(view)?;
    let count = document.count()?;
    let texts = item_texts(view, count);
    let result = &count.result;
    let n_grades = view.activity.settings.vote_rules().grades;
    let weighted = |index: usize| match result {
        MethodResult::Assessment(outcome) => outcome.assessment.items.get(index).and_then(|item| item.weighted_score),
        _ => None,
    };
    let top_weighted = (0..count.items.len()).filter_map(weighted).fold(0.0_f64, f64::max);
    let tiers = count.tiers();
    let mut items = Vec::new();
    for (position, tier) in tiers.iter().enumerate() {
        let place = tiers[..position].iter().map(Vec::len).sum::<usize>() + 1;
        for index in tier {
            let (score, share) = match weighted(*index) {
                Some(score) => (
                    Some(format!("{} {}", view.lang.t("assess-weighted"), decimal(view.lang, score, 2))),
                    (top_weighted > 0.0).then(|| score / top_weighted),
                ),
                None => (score_text(view.lang, result, *index, n_grades), support_share(result, *index)),
            };
            items.push(RankedItem { place, text: texts.get(*index).cloned().unwrap_or_default(), score, share });
        }
    }
    Some(items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn item(n: u128) -> ContributionId {
        ContributionId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn pairs_go_to_the_least_compared_first_and_cover_every_pair() {
        let items: Vec<ContributionId> = (1..=4).map(item).collect();
        let viewer = ParticipantId::from_uuid(Uuid::from_u128(77));
        let voter = Subject::Named(viewer);
        let mut comparisons = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..6 {
            let (a, b) = next_pair(&items, &comparisons, viewer, voter).expect("a pair");
            assert_ne!(a, b);
            assert!(seen.insert((a.min(b), a.max(b))), "a pair came back before every pair was seen");
            comparisons.push((voter, a, b));
        }
        assert_eq!(seen.len(), 6);
        // Someone else's answers do not count for this viewer.
        let other = Subject::Named(ParticipantId::from_uuid(Uuid::from_u128(78)));
        assert_eq!(
            next_pair(&items, &[], viewer, voter),
            next_pair(&items, &[(other, items[0], items[1])], viewer, voter)
        );
        assert_eq!(next_pair(&items[..1], &[], viewer, voter), None);
    }

    #[test]
    fn grade_classes_spread_over_the_palette() {
        assert_eq!((0..6).map(|grade| grade_class(6, grade)).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
        assert_eq!(grade_class(2, 0), 0);
        assert_eq!(grade_class(2, 1), 5);
        assert!((0..10).all(|grade| grade_class(10, grade) <= 5));
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(decimal(Lang(converge_core::Language::Fr), 3.456, 2), "3,46");
        assert_eq!(decimal(Lang(converge_core::Language::En), 3.456, 1), "3.5");
    }
}
