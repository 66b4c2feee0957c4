//! Closing records the count: closing a vote or an assessment, alone or with the workshop,
//! appends its frozen result in the same write; the frozen result is the last live count;
//! closing twice changes nothing; and a closed workshop's record keeps its head.

use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
use converge_core::{
    AccountId, ActivityConfig, ActivityId, ActivityKind, ActivitySpec, Actor, Command, ContributionId, DomainError,
    ParticipantId, Prompt, Title, WorkshopId,
};
use converge_engine::{Engine, EngineError};
use converge_test_support::engine::{ChallengesRoom, TestEngine};
use proptest::prelude::*;
use std::collections::BTreeSet;
use uuid::Uuid;

struct OpenVote {
    _dir: tempfile::TempDir,
    engine: Engine,
    account: AccountId,
    workshop: WorkshopId,
    ideas: Vec<ContributionId>,
    vote: ActivityId,
    people: Vec<ParticipantId>,
}

/// A workshop with `n_ideas` challenges, an open approval vote on them and `n_people` people.
async fn open_vote(n_ideas: usize, n_people: usize) -> OpenVote {
    let ChallengesRoom { dir, engine, account, workshop, activity: challenges, people, .. } =
        TestEngine::new().challenges_room(n_people).await;
    let facilitating = Actor::Account(account);
    let mut ideas = Vec::new();
    for n in 0..n_ideas {
        let id = ContributionId::from_uuid(Uuid::now_v7());
        let post = Command::PostContribution {
            contribution_id: id,
            activity_id: challenges,
            kind: None,
            text: format!("Idée {n}"),
            links: vec![],
            card: None,
            sheet: None,
        };
        engine.execute(workshop, Actor::Participant(people[n % n_people]), post).await.unwrap();
        ideas.push(id);
    }
    let vote = ActivityId::from_uuid(Uuid::now_v7());
    let spec = ActivitySpec {
        activity_id: vote,
        kind: ActivityKind::Vote,
        title: Title::parse("Vote").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig {
            sources: vec![challenges],
            vote: Some(VoteConfig::new(VoteMethod::Approval)),
            ..ActivityConfig::default()
        },
    };
    engine.execute(workshop, facilitating, Command::AddActivity(spec)).await.unwrap();
    engine.execute(workshop, facilitating, Command::OpenActivity { activity_id: vote }).await.unwrap();
    OpenVote { _dir: dir, engine, account, workshop, ideas, vote, people }
}

impl OpenVote {
    async fn cast(&self, who: usize, approved: BTreeSet<ContributionId>) {
        let command = Command::CastBallot { activity_id: self.vote, ballot: Ballot::Approval { approved } };
        self.engine.execute(self.workshop, Actor::Participant(self.people[who]), command).await.unwrap();
    }

    async fn facilitate(&self, command: Command) -> Result<Vec<converge_store::StoredEvent>, EngineError> {
        self.engine.execute(self.workshop, Actor::Account(self.account), command).await
    }

    /// The count as it stands now, worked out from the state the pages read.
    async fn live_count(&self) -> serde_json::Value {
        let state = self.engine.state(self.workshop).await.unwrap();
        let activity = state.workshop.activity(self.vote).unwrap();
        converge_engine::results::results(&state.workshop, activity).unwrap().to_value()
    }

    async fn frozen(&self) -> Option<serde_json::Value> {
        let state = self.engine.state(self.workshop).await.unwrap();
        let frozen = state.workshop.activity(self.vote).unwrap().frozen_result.clone();
        frozen.map(|raw| serde_json::from_str(&raw).unwrap())
    }

    async fn head(&self) -> (u64, String) {
        let state = self.engine.state(self.workshop).await.unwrap();
        (state.seq, state.head_hash.clone())
    }
}

fn kinds(events: &[converge_store::StoredEvent]) -> Vec<&str> {
    events.iter().map(|event| event.kind.as_str()).collect()
}

#[tokio::test]
async fn closing_a_vote_freezes_its_count_in_the_same_append() {
    let room = open_vote(3, 3).await;
    room.cast(0, [room.ideas[0]].into()).await;
    room.cast(1, [room.ideas[0], room.ideas[2]].into()).await;
    let live = room.live_count().await;
    let events = room.facilitate(Command::CloseActivity { activity_id: room.vote }).await.unwrap();
    assert_eq!(kinds(&events), ["activity_closed", "results_frozen"]);
    assert_eq!(room.frozen().await, Some(live));
    // A second click: nothing more to close, nothing frozen twice.
    let again = room.facilitate(Command::CloseActivity { activity_id: room.vote }).await;
    assert!(matches!(again, Err(EngineError::Domain(DomainError::ActivityNotOpenToClose))));
    let events = room.facilitate(Command::CloseWorkshop).await.unwrap();
    assert_eq!(kinds(&events), ["workshop_closed"]);
}

#[tokio::test]
async fn a_reopened_vote_is_counted_again_when_it_closes_again() {
    let room = open_vote(2, 2).await;
    room.cast(0, [room.ideas[0]].into()).await;
    room.facilitate(Command::CloseActivity { activity_id: room.vote }).await.unwrap();
    room.facilitate(Command::OpenActivity { activity_id: room.vote }).await.unwrap();
    assert_eq!(room.frozen().await, None);
    room.cast(1, [room.ideas[1]].into()).await;
    let live = room.live_count().await;
    let events = room.facilitate(Command::CloseActivity { activity_id: room.vote }).await.unwrap();
    assert_eq!(kinds(&events), ["activity_closed", "results_frozen"]);
    assert_eq!(room.frozen().await.unwrap()["n_ballots"], 2);
    assert_eq!(room.frozen().await, Some(live));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever the ballots, closing the workshop while the vote runs freezes the vote's last
    /// live count in the closing append; closing again and anything but the follow-up leave
    /// the record's head where it was.
    #[test]
    fn closing_the_workshop_freezes_the_last_live_count_and_ends_the_record(
        ballots in proptest::collection::vec((0usize..4, proptest::collection::btree_set(0usize..3, 0..=3)), 0..10),
        late in 0usize..4,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let room = open_vote(3, 4).await;
            for (who, picks) in ballots {
                room.cast(who, picks.iter().map(|pick| room.ideas[*pick]).collect()).await;
            }
            let live = room.live_count().await;
            let events = room.facilitate(Command::CloseWorkshop).await.unwrap();
            assert_eq!(kinds(&events), ["workshop_closed", "results_frozen"]);
            assert_eq!(room.frozen().await, Some(live));
            let head = room.head().await;
            assert_eq!(room.facilitate(Command::CloseWorkshop).await.unwrap(), Vec::new());
            let ballot = Command::CastBallot { activity_id: room.vote, ballot: Ballot::Approval { approved: BTreeSet::new() } };
            let refused = room.engine.execute(room.workshop, Actor::Participant(room.people[late]), ballot).await;
            assert!(matches!(refused, Err(EngineError::Domain(DomainError::WorkshopClosed))), "{refused:?}");
            let reopen = room.facilitate(Command::OpenActivity { activity_id: room.vote }).await;
            assert!(matches!(reopen, Err(EngineError::Domain(DomainError::WorkshopClosed))), "{reopen:?}");
            assert_eq!(room.head().await, head);
        });
    }
}
