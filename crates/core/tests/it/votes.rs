//! Votes and assessments: ballots are checked against their vote, a revote replaces, votes
//! after close are refused, and results are frozen only once the activity is closed.

use crate::support::decide;
use crate::support::*;
use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::*;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A workshop with ideas (activity 0, challenges) and a vote on them (activity 1).
fn room(method: VoteMethod) -> (Workshop, Vec<ParticipantId>, Vec<ContributionId>) {
    let mut workshop = workshop();
    let vote = ActivitySpec {
        activity_id: activity(50),
        kind: ActivityKind::Vote,
        title: Title::parse("Vote").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig {
            sources: vec![activity(0)],
            vote: Some(VoteConfig::new(method)),
            ..ActivityConfig::default()
        },
    };
    run(&mut workshop, Actor::Account(account()), Command::AddActivity(vote));
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(0) });
    let people: Vec<ParticipantId> = (1..=3).map(|n| join(&mut workshop, n)).collect();
    for (n, person) in people.iter().enumerate() {
        run(&mut workshop, Actor::Participant(*person), post(activity(0), n as u128, &format!("idée {n}")));
    }
    let items = workshop.contributions.iter().map(|c| c.id).collect();
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(50) });
    (workshop, people, items)
}

fn cast(workshop: &Workshop, voter: ParticipantId, ballot: Ballot) -> Result<Vec<Event>, DomainError> {
    decide(workshop, Actor::Participant(voter), Command::CastBallot { activity_id: activity(50), ballot })
}

#[test]
fn a_revote_replaces_the_previous_ballot() {
    let (mut workshop, people, items) = room(VoteMethod::Approval);
    for approved in [vec![items[0]], vec![items[1], items[2]]] {
        let events = cast(&workshop, people[0], Ballot::Approval { approved: approved.into_iter().collect() }).unwrap();
        apply_all(&mut workshop, 0, &events);
    }
    let vote = workshop.activity(activity(50)).unwrap();
    assert_eq!(vote.ballots.len(), 1);
    let voter = pseudonym(&workshop, people[0], Scope::Ballot(activity(50)));
    assert_eq!(vote.ballots[&voter], Ballot::Approval { approved: [items[1], items[2]].into() });
    assert!(!vote.ballots.contains_key(&Subject::Named(people[0])), "the ballot box names nobody");
}

#[test]
fn overspent_dots_and_grades_out_of_range_are_refused() {
    let (workshop, people, items) = room(VoteMethod::Dots);
    let overspent = Ballot::Dots { dots: [(items[0], 3), (items[1], 3)].into() };
    assert_eq!(cast(&workshop, people[0], overspent), Err(DomainError::InvalidBallot { reason: "over_budget" }));
    let (workshop, people, items) = room(VoteMethod::MajorityJudgment);
    let grades: BTreeMap<_, _> = items.iter().map(|item| (*item, 9)).collect();
    assert_eq!(
        cast(&workshop, people[0], Ballot::Grades { grades }),
        Err(DomainError::InvalidBallot { reason: "out_of_range" })
    );
}

#[test]
fn a_ballot_on_something_else_than_the_items_is_refused() {
    let (workshop, people, _) = room(VoteMethod::Approval);
    let stranger = ContributionId::from_uuid(id(999_999));
    let ballot = Ballot::Approval { approved: [stranger].into() };
    assert_eq!(cast(&workshop, people[0], ballot), Err(DomainError::InvalidBallot { reason: "unknown_item" }));
}

#[test]
fn votes_after_close_are_refused() {
    let (mut workshop, people, items) = room(VoteMethod::Approval);
    run(&mut workshop, Actor::Account(account()), Command::CloseActivity { activity_id: activity(50) });
    let late = Ballot::Approval { approved: [items[0]].into() };
    assert_eq!(cast(&workshop, people[0], late), Err(DomainError::ActivityNotOpen));
}

proptest! {
    /// Whatever the order of ballots and revotes, the box holds one ballot per voter: the last.
    #[test]
    fn the_box_holds_each_voters_last_ballot(sequence in proptest::collection::vec((0usize..3, 0usize..3), 1..30)) {
        let (mut workshop, people, items) = room(VoteMethod::Approval);
        let mut last = BTreeMap::new();
        for (who, what) in sequence {
            let ballot = Ballot::Approval { approved: [items[what]].into() };
            let events = cast(&workshop, people[who], ballot.clone()).unwrap();
            apply_all(&mut workshop, 0, &events);
            last.insert(pseudonym(&workshop, people[who], Scope::Ballot(activity(50))), ballot);
        }
        prop_assert_eq!(&workshop.activity(activity(50)).unwrap().ballots, &last);
    }
}

#[test]
fn a_pair_is_answered_once_per_participant_and_the_rules_lock_once_ballots_are_in() {
    let (mut workshop, people, items) = room(VoteMethod::BradleyTerry);
    let answer = Ballot::Pairwise { winner: items[0], loser: items[1] };
    let events = cast(&workshop, people[0], answer).unwrap();
    apply_all(&mut workshop, 0, &events);
    let again = Ballot::Pairwise { winner: items[1], loser: items[0] };
    assert_eq!(cast(&workshop, people[0], again.clone()), Err(DomainError::InvalidBallot { reason: "pair_answered" }));
    assert!(cast(&workshop, people[1], again).is_ok(), "someone else may answer the same pair");
    let vote = workshop.activity(activity(50)).unwrap();
    let switch = Command::UpdateActivity {
        activity_id: activity(50),
        title: vote.title.clone(),
        prompt: vote.prompt.clone(),
        config: ActivityConfig { vote: Some(VoteConfig::new(VoteMethod::Approval)), ..vote.settings.to_config() },
    };
    assert_eq!(
        decide(&workshop, Actor::Account(account()), switch),
        Err(DomainError::InvalidConfig { reason: "vote_locked" })
    );
}

fn merge(duplicate: ParticipantId, into: ParticipantId) -> Command {
    Command::MergeParticipant { duplicate, into }
}

#[test]
fn a_duplicate_who_only_signed_merges_and_their_words_follow() {
    let (mut workshop, people, items) = room(VoteMethod::Approval);
    let signed = items[0];
    assert_eq!(workshop.contribution(signed).unwrap().author, Subject::Named(people[0]));
    run(&mut workshop, Actor::Account(account()), merge(people[0], people[1]));
    assert_eq!(workshop.contribution(signed).unwrap().author, Subject::Named(people[1]));
    assert!(!workshop.participants.contains_key(&people[0]));
    assert_eq!(workshop.merged.get(&people[0]), Some(&people[1]));
    // One voice: the merged person votes once, under the identity they now have.
    let ballot = Ballot::Approval { approved: [items[1]].into() };
    assert_eq!(cast(&workshop, people[0], ballot), Err(DomainError::UnknownParticipant(people[0])));
}

#[test]
fn a_duplicate_who_acted_in_confidence_is_not_merged_since_it_would_tell_how() {
    let (mut workshop, people, items) = room(VoteMethod::Approval);
    let events = cast(&workshop, people[0], Ballot::Approval { approved: [items[1]].into() }).unwrap();
    apply_all(&mut workshop, 0, &events);
    let before = workshop.clone();
    assert_eq!(
        decide(&workshop, Actor::Account(account()), merge(people[0], people[1])),
        Err(DomainError::MergeWouldReveal)
    );
    assert_eq!(workshop, before);
    // Whoever did not act in confidence still merges, into someone who did.
    run(&mut workshop, Actor::Account(account()), merge(people[2], people[0]));
    assert_eq!(
        decide(&workshop, Actor::Account(account()), merge(people[1], people[1])),
        Err(DomainError::MergeIntoItself)
    );
    assert_eq!(
        decide(&workshop, Actor::Participant(people[1]), merge(people[1], people[0])),
        Err(DomainError::FacilitatorOnly)
    );
    assert_eq!(
        decide(&workshop, Actor::Account(account()), merge(facilitator(), people[0])),
        Err(DomainError::FacilitatorOnly)
    );
}
