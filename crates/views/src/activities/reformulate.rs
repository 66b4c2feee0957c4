//! Reformulation: participants pick a challenge and rewrite it as an actionable question ("How
//! might we…?"). Each reformulation links to its source challenge; the results group the
//! questions under the challenge they came from, and the challenges' own views show the way back
//! (`reformulations_by_challenge`).

use super::{View, generic};
use converge_core::{Contribution, ContributionId, ContributionKind, Workshop};
use maud::{Markup, html};
use std::collections::HashMap;

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        @if view.can_contribute() { (generic::note_form(view, &[challenge_picker(view)])) }
        div #reformulations-live data-live {
            h2 { (view.lang.t("board-reformulations-heading")) }
            (by_challenge(view))
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    by_challenge(view)
}

pub fn projection(view: &View<'_>) -> Markup {
    by_challenge(view)
}

/// The challenges this activity reformulates: those of its source activities, or every challenge
/// of the workshop when it has none. Merged duplicates are left out: they read as the note they
/// were merged into.
fn challenges<'a>(view: &View<'a>) -> Vec<&'a Contribution> {
    let workshop = view.workshop;
    let candidates: Vec<&Contribution> = if view.activity.settings.sources.is_empty() {
        workshop.contributions.iter().filter(|note| note.merged_into.is_none() && note.is_visible()).collect()
    } else {
        workshop.source_contributions(view.activity).collect()
    };
    candidates.into_iter().filter(|note| note.kind == ContributionKind::Challenge).collect()
}

/// The challenges as radio buttons named `link`: the post links to the one picked.
fn challenge_picker(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let challenges = challenges(view);
    html! {
        fieldset.challenge-picker {
            legend { (lang.t("board-challenge-picker-legend")) }
            @if challenges.is_empty() {
                p.notice { (lang.t("board-no-challenges")) }
            }
            @for challenge in &challenges {
                label.challenge-choice {
                    input type="radio" name="link" value=(challenge.id) required
                        checked[view.draft.links.contains(&challenge.id.as_uuid())];
                    span { (challenge.text) }
                }
            }
        }
        p.hint { (lang.t("board-reformulate-hint")) }
    }
}

/// Every reformulation, under the challenge it came from, in the order of the challenges.
fn by_challenge(view: &View<'_>) -> Markup {
    let questions: Vec<&Contribution> =
        view.listed_in(view.activity.id).filter(|note| note.merged_into.is_none()).collect();
    let mut groups: Vec<(&Contribution, Vec<&Contribution>)> = Vec::new();
    for question in &questions {
        for challenge in source_challenges(view.workshop, question) {
            match groups.iter_mut().find(|(source, _)| source.id == challenge.id) {
                Some((_, group)) => group.push(question),
                None => groups.push((challenge, vec![question])),
            }
        }
    }
    groups.sort_by_key(|(challenge, _)| challenge.seq);
    html! {
        @if groups.is_empty() {
            p.muted { (view.lang.t("notes-empty")) }
        } @else {
            div.reformulation-groups data-fit-items data-density=[super::density(view, questions.len())] {
                @for (challenge, group) in &groups {
                    section.reformulation-group {
                        div.source-challenge {
                            p.link-label { (view.lang.t("board-source-challenge")) }
                            p.source-challenge-text { (challenge.text) }
                        }
                        ul.notes {
                            @for question in group { (generic::note(view, question, html! {})) }
                        }
                    }
                }
            }
        }
    }
}

/// The challenges a reformulation links to, read as the note they were merged into if merged.
fn source_challenges<'a>(workshop: &'a Workshop, question: &Contribution) -> Vec<&'a Contribution> {
    let mut sources: Vec<&Contribution> = Vec::new();
    for link in &question.links {
        let Some(linked) = workshop.contribution(*link) else { continue };
        let shown = linked.merged_into.and_then(|into| workshop.contribution(into)).unwrap_or(linked);
        if shown.kind == ContributionKind::Challenge && !sources.iter().any(|source| source.id == shown.id) {
            sources.push(shown);
        }
    }
    sources
}

/// For each challenge (as shown: a merged duplicate counts for the note it was merged into), the
/// reformulations that link to it, in posting order.
pub fn reformulations_by_challenge(workshop: &Workshop) -> HashMap<ContributionId, Vec<&Contribution>> {
    let mut by_challenge: HashMap<ContributionId, Vec<&Contribution>> = HashMap::new();
    let questions = workshop.contributions.iter().filter(|note| {
        note.kind == ContributionKind::Question
            && note.merged_into.is_none()
            && note.is_visible()
            && !note.links.is_empty()
    });
    for question in questions {
        for challenge in source_challenges(workshop, question) {
            by_challenge.entry(challenge.id).or_default().push(question);
        }
    }
    by_challenge
}
