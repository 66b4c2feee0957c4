//! Each step feeds the next: what an activity takes from its sources. The rule picks only among
//! the sources' live, non-merged outputs; a top N is the same whatever order ties come in; a
//! hand shortlist is the facilitator's until the activity opens; a rule needs a source that can
//! feed it.

use crate::support::decide;
use crate::support::*;
use converge_core::results::{MethodResult, ResultsDocument};
use converge_core::selection::resolve;
use converge_core::*;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const IDEAS: u128 = 0;
const SCORES: u128 = 60;
const VOTE: u128 = 61;

fn facilitating() -> Actor {
    Actor::Account(account())
}

fn criteria() -> Vec<Criterion> {
    vec![Criterion { id: "impact".into(), name: "Impact".into(), weight: 1 }]
}

/// Ideas (activity 0, challenges) from `n` posts, an assessment of them taking `take`, and a vote
/// on the assessment's top three.
fn room(n: u128, take: Option<Take>) -> Workshop {
    let mut workshop = workshop();
    let assess = ActivitySpec {
        config: ActivityConfig {
            sources: vec![activity(IDEAS)],
            take,
            criteria: criteria(),
            ..ActivityConfig::default()
        },
        ..spec(SCORES, ActivityKind::Assess)
    };
    run(&mut workshop, facilitating(), Command::AddActivity(assess));
    let vote = ActivitySpec {
        config: ActivityConfig {
            sources: vec![activity(SCORES)],
            take: Some(Take::Top { n: 3 }),
            ..ActivityConfig::default()
        },
        ..spec(VOTE, ActivityKind::Vote)
    };
    run(&mut workshop, facilitating(), Command::AddActivity(vote));
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(IDEAS) });
    let person = join(&mut workshop, 1);
    for k in 0..n {
        run(&mut workshop, Actor::Participant(person), post(activity(IDEAS), k, &format!("idée {k}")));
    }
    workshop
}

fn idea(k: u128) -> ContributionId {
    ContributionId::from_uuid(id(10_000 + k))
}

/// A dot vote's count over `items`, ranked in `tiers`, with `dots` per item.
fn count(
    activity_id: ActivityId,
    items: &[ContributionId],
    tiers: Vec<Vec<ContributionId>>,
    dots: &[u64],
) -> ResultsDocument {
    let sample = include_str!("../results_samples/dots.json");
    let mut document = ResultsDocument::from_json(sample).unwrap();
    let ResultsDocument::Counted(count) = &mut document else { panic!("a counted sample") };
    count.activity_id = activity_id;
    count.items = items.to_vec();
    count.ranking = tiers;
    if let MethodResult::Dots(result) = &mut count.result {
        result.dots = dots.to_vec();
    }
    document
}

#[test]
fn a_shortlist_is_the_facilitators_until_the_activity_opens() {
    let mut workshop = room(5, Some(Take::Shortlist));
    let scores = workshop.activity(activity(SCORES)).unwrap().clone();
    // Before any tick, the assessment would take nothing; the console says so.
    assert_eq!(workshop.items_of(&scores).len(), 0);
    let foreign = ContributionId::from_uuid(id(99_999));
    let set = |items| Command::SetShortlist { activity_id: activity(SCORES), items };
    assert_eq!(decide(&workshop, facilitating(), set(vec![foreign])), Err(DomainError::NotASource));
    // Ticked in any order, twice: recorded once each, in the order they were posted.
    let events = decide(&workshop, facilitating(), set(vec![idea(3), idea(1), idea(3)])).unwrap();
    assert_eq!(events, vec![Event::ShortlistSet { activity_id: activity(SCORES), items: vec![idea(1), idea(3)] }]);
    apply_all(&mut workshop, 0, &events);
    let scores = workshop.activity(activity(SCORES)).unwrap().clone();
    assert_eq!(workshop.items_of(&scores), BTreeSet::from([idea(1), idea(3)]));
    assert_eq!(resolve(&workshop, &scores, &BTreeMap::new()), vec![idea(1), idea(3)]);
    // The same ticks again record nothing.
    assert_eq!(decide(&workshop, facilitating(), set(vec![idea(1), idea(3)])), Ok(Vec::new()));
    // A participant cannot shortlist.
    let person = *workshop.participants.keys().find(|p| **p != facilitator()).unwrap();
    assert!(decide(&workshop, Actor::Participant(person), set(vec![idea(2)])).is_err());
    // Once opened, the shortlist is on the record as it was.
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(SCORES) });
    assert_eq!(decide(&workshop, facilitating(), set(vec![idea(2)])), Err(DomainError::ShortlistLocked));
}

#[test]
fn a_recorded_selection_is_what_the_activity_works_on_whatever_comes_later() {
    let mut workshop = room(4, Some(Take::Shortlist));
    run(
        &mut workshop,
        facilitating(),
        Command::SetShortlist { activity_id: activity(SCORES), items: vec![idea(0), idea(2)] },
    );
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(SCORES) });
    apply_all(&mut workshop, 0, &[Event::SelectionRecorded { activity_id: activity(SCORES), items: vec![idea(2)] }]);
    let scores = workshop.activity(activity(SCORES)).unwrap().clone();
    assert_eq!(workshop.items_of(&scores), BTreeSet::from([idea(2)]));
    // Scoring an item that was not carried is refused.
    let person = *workshop.participants.keys().find(|p| **p != facilitator()).unwrap();
    let score =
        |item| Command::AssessItem { activity_id: activity(SCORES), item, scores: [("impact".into(), 4)].into() };
    assert!(decide(&workshop, Actor::Participant(person), score(idea(2))).is_ok());
    assert!(decide(&workshop, Actor::Participant(person), score(idea(0))).is_err());
}

#[test]
fn a_rule_needs_a_source_that_can_feed_it() {
    let workshop = room(2, None);
    let add = |n: u128, kind: ActivityKind, sources: Vec<ActivityId>, take: Take| {
        let config = ActivityConfig { sources, take: Some(take), ..ActivityConfig::default() };
        let config =
            if kind == ActivityKind::Assess { ActivityConfig { criteria: criteria(), ..config } } else { config };
        decide(&workshop, facilitating(), Command::AddActivity(ActivitySpec { config, ..spec(n, kind) }))
    };
    let refused = Err(DomainError::InvalidConfig { reason: "take" });
    // A top N of notes that nobody ranked, dots from an assessment, categories for a vote.
    assert_eq!(add(70, ActivityKind::Vote, vec![activity(IDEAS)], Take::Top { n: 3 }), refused);
    assert_eq!(add(71, ActivityKind::Vote, vec![activity(SCORES)], Take::MinDots { k: 2 }), refused);
    assert_eq!(add(72, ActivityKind::Vote, vec![activity(IDEAS)], Take::Categories), refused);
    assert!(add(73, ActivityKind::ActionPlan, vec![activity(VOTE)], Take::Top { n: 5 }).is_ok());
    assert!(add(74, ActivityKind::Vote, vec![activity(SCORES)], Take::Top { n: 5 }).is_ok());
}

#[test]
fn a_chain_carries_its_selection_on() {
    let mut workshop = room(6, Some(Take::Shortlist));
    run(
        &mut workshop,
        facilitating(),
        Command::SetShortlist { activity_id: activity(SCORES), items: vec![idea(0), idea(1), idea(4), idea(5)] },
    );
    let vote = workshop.activity(activity(VOTE)).unwrap().clone();
    // The vote's pool is the assessment's items, not every idea.
    let pool: Vec<ContributionId> = workshop.source_pool(&vote).iter().map(|item| item.id).collect();
    assert_eq!(pool, vec![idea(0), idea(1), idea(4), idea(5)]);
    let items = pool.clone();
    let counts = BTreeMap::from([(
        activity(SCORES),
        count(activity(SCORES), &items, vec![vec![idea(5)], vec![idea(4), idea(0)], vec![idea(1)]], &[1, 0, 1, 3]),
    )]);
    // The top three: the winner, then the tie in the order the ideas were posted.
    assert_eq!(resolve(&workshop, &vote, &counts), vec![idea(5), idea(0), idea(4)]);
}

proptest! {
    /// Whatever the count says (items it never had, ties in any order, merges since), a rule
    /// takes only live, non-merged outputs of the sources, at most N for a top N, and the same N
    /// whatever order a tie is listed in.
    #[test]
    fn a_selection_is_a_subset_of_the_live_pool_and_ties_do_not_move_it(
        n_ideas in 1u128..12,
        merges in proptest::collection::vec((0u128..12, 0u128..12), 0..4),
        tier_of in proptest::collection::vec(0usize..4, 12),
        dots in proptest::collection::vec(0u64..6, 12),
        top in 1u32..8,
        k in 1u32..5,
        shuffle in any::<u64>(),
    ) {
        let mut workshop = room(n_ideas, Some(Take::Shortlist));
        for (from, into) in merges {
            let (from, into) = (idea(from % n_ideas), idea(into % n_ideas));
            if let Ok(events) = decide(&workshop, facilitating(), Command::MergeContributions { into, merged: vec![from] }) {
                apply_all(&mut workshop, 0, &events);
            }
        }
        let all: Vec<ContributionId> = (0..n_ideas).map(idea).collect();
        let everything: Vec<ContributionId> =
            workshop.source_pool(workshop.activity(activity(SCORES)).unwrap()).iter().map(|c| c.id).collect();
        run(&mut workshop, facilitating(), Command::SetShortlist { activity_id: activity(SCORES), items: everything });
        let live: BTreeSet<ContributionId> =
            workshop.contributions.iter().filter(|c| c.merged_into.is_none()).map(|c| c.id).collect();
        // The count knows every idea, merged ones and one foreign item included.
        let mut items = all.clone();
        items.push(ContributionId::from_uuid(id(77_777)));
        let tiers = |rotate: usize| -> Vec<Vec<ContributionId>> {
            (0..4).map(|tier| {
                let mut members: Vec<ContributionId> =
                    items.iter().enumerate().filter(|(i, _)| tier_of[i % 12] == tier).map(|(_, id)| *id).collect();
                if !members.is_empty() { let len = members.len(); members.rotate_left(rotate % len); }
                members
            }).collect()
        };
        let item_dots: Vec<u64> = (0..items.len()).map(|i| dots[i % 12]).collect();
        let mut vote = workshop.activity(activity(VOTE)).unwrap().clone();
        for take in [Take::Top { n: top }, Take::MinDots { k }, Take::All, Take::Shortlist] {
            vote.settings.take = Some(take);
            let first = resolve(&workshop, &vote, &BTreeMap::from([(activity(SCORES), count(activity(SCORES), &items, tiers(0), &item_dots))]));
            let again = resolve(&workshop, &vote, &BTreeMap::from([(activity(SCORES), count(activity(SCORES), &items, tiers(shuffle as usize), &item_dots))]));
            prop_assert!(first.iter().all(|item| live.contains(item)), "{:?} took {:?} outside {:?}", take, first, live);
            prop_assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), first.len(), "twice the same item");
            if let Take::Top { n } = take {
                prop_assert!(first.len() <= n as usize);
                prop_assert_eq!(&first, &again, "a tie listed in another order moved the top N");
            } else {
                prop_assert_eq!(first.iter().collect::<BTreeSet<_>>(), again.iter().collect::<BTreeSet<_>>());
            }
        }
    }
}

#[test]
fn the_next_step_leads_to_an_empty_hand_shortlist_first_and_never_opens_it_empty() {
    let mut workshop = room(3, Some(Take::Shortlist));
    for between in [1, 2] {
        run(&mut workshop, facilitating(), Command::RemoveActivity { activity_id: activity(between) });
    }
    let to_scores = Command::NextStep { to: Some(activity(SCORES)), round: None };
    assert!(workshop.awaits_shortlist(workshop.activity(activity(SCORES)).unwrap()));
    assert_eq!(decide(&workshop, facilitating(), to_scores.clone()), Err(DomainError::NothingShortlisted));
    assert_eq!(DomainError::NothingShortlisted.code(), "nothing_shortlisted");

    run(&mut workshop, facilitating(), Command::SetShortlist { activity_id: activity(SCORES), items: vec![idea(1)] });
    assert!(!workshop.awaits_shortlist(workshop.activity(activity(SCORES)).unwrap()));
    run(&mut workshop, facilitating(), to_scores);
    assert_eq!(workshop.activity(activity(SCORES)).unwrap().status, ActivityStatus::Open);

    // With nothing to pick from, or another rule, nothing waits.
    let nothing_posted = room(0, Some(Take::Shortlist));
    assert!(!nothing_posted.awaits_shortlist(nothing_posted.activity(activity(SCORES)).unwrap()));
    let everything = room(3, None);
    assert!(!everything.awaits_shortlist(everything.activity(activity(SCORES)).unwrap()));
}
