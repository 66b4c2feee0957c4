//! The engine on a real SQLite store: batching, acknowledgements, snapshots and reloading.

use converge_core::{ActivityKind, Actor, Command, ContributionId, ParticipantId};
use converge_engine::{Engine, EngineError};
use converge_store::{EventLog, Snapshot, Store};
use converge_test_support::engine::{ChallengesRoom, TestEngine};
use std::sync::Arc;
use uuid::Uuid;

/// A workshop with its challenges open and `n_participants` people.
async fn setup(n_participants: usize) -> ChallengesRoom {
    TestEngine::new().challenges_room(n_participants).await
}

fn post(activity: converge_core::ActivityId, text: String) -> (ContributionId, Command) {
    let id = ContributionId::from_uuid(Uuid::now_v7());
    (
        id,
        Command::PostContribution {
            contribution_id: id,
            activity_id: activity,
            kind: None,
            text,
            links: vec![],
            card: None,
            sheet: None,
        },
    )
}

/// Posts `n` notes at once, spread over the participants; returns each note's id and seq.
async fn post_concurrently(
    setup: &ChallengesRoom,
    n: usize,
) -> Vec<(ContributionId, Vec<converge_store::StoredEvent>)> {
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..n {
        let engine = setup.engine.clone();
        let (workshop, activity) = (setup.workshop, setup.activity);
        let author = setup.people[i % setup.people.len()];
        tasks.spawn(async move {
            let (id, command) = post(activity, format!("note {i}"));
            (id, engine.execute(workshop, Actor::Participant(author), command).await.unwrap())
        });
    }
    tasks.join_all().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_commands_each_get_exactly_their_own_events() {
    let setup = setup(10).await;
    let before = setup.engine.state(setup.workshop).await.unwrap().seq;
    let replies = post_concurrently(&setup, 200).await;
    let mut seqs = Vec::new();
    for (id, events) in &replies {
        assert_eq!(events.len(), 1);
        let payload: serde_json::Value = serde_json::from_str(&events[0].payload).unwrap();
        assert_eq!(payload["contribution_id"], id.to_string(), "a reply carries another command's event");
        seqs.push(events[0].seq);
    }
    seqs.sort();
    assert_eq!(seqs, (before + 1..=before + 200).collect::<Vec<_>>());
    let state = setup.engine.state(setup.workshop).await.unwrap();
    assert_eq!(state.seq, before + 200);
    assert_eq!(state.workshop.contributions.len(), 200);
}

#[tokio::test]
async fn a_refused_command_in_a_batch_does_not_affect_the_others() {
    let setup = setup(2).await;
    let stranger = ParticipantId::from_uuid(Uuid::now_v7());
    let (_, good) = post(setup.activity, "bonne idée".into());
    let (_, empty) = post(setup.activity, "   ".into());
    let (_, intruder) = post(setup.activity, "intrus".into());
    let (a, b, c) = tokio::join!(
        setup.engine.execute(setup.workshop, Actor::Participant(setup.people[0]), good),
        setup.engine.execute(setup.workshop, Actor::Participant(setup.people[1]), empty),
        setup.engine.execute(setup.workshop, Actor::Participant(stranger), intruder),
    );
    assert!(a.is_ok());
    assert!(b.is_err() && c.is_err());
    assert_eq!(setup.engine.state(setup.workshop).await.unwrap().workshop.contributions.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_workshop_reloads_from_its_snapshot_to_the_same_state() {
    let setup = setup(20).await;
    post_concurrently(&setup, 1100).await;
    let live = setup.engine.state(setup.workshop).await.unwrap();
    // The actor writes the snapshot after acknowledging the batch that crossed 1,000 events.
    let mut snapshot = None;
    for _ in 0..200 {
        snapshot = setup.store.load_snapshot(setup.workshop.as_uuid()).await.unwrap();
        if snapshot.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(snapshot.is_some_and(|snapshot| snapshot.seq >= 1000), "a snapshot is written after 1,000 events");

    let reloaded = Engine::new(setup.store.clone() as Arc<dyn Store>, [1; 32]);
    let state = reloaded.state(setup.workshop).await.unwrap();
    assert_eq!(state.seq, live.seq);
    assert_eq!(state.head_hash, live.head_hash);
    assert_eq!(state.workshop, live.workshop);

    // And the snapshot is what was read: one that matches the log's head is taken as it is.
    let mut marked = live.workshop.clone();
    marked.title = "read from the snapshot".into();
    let body = serde_json::json!({"fold_version": converge_engine::FOLD_VERSION, "workshop": marked});
    let snapshot = Snapshot { seq: live.seq, hash: live.head_hash.clone(), state: body.to_string().into_bytes() };
    setup.store.save_snapshot(setup.workshop.as_uuid(), snapshot).await.unwrap();
    let reloaded = Engine::new(setup.store.clone() as Arc<dyn Store>, [1; 32]);
    assert_eq!(reloaded.state(setup.workshop).await.unwrap().workshop.title, "read from the snapshot");
}

#[tokio::test]
async fn a_snapshot_that_does_not_match_the_log_is_ignored() {
    let setup = setup(3).await;
    post_concurrently(&setup, 10).await;
    let live = setup.engine.state(setup.workshop).await.unwrap();
    let forged = Snapshot { seq: 3, hash: "0".repeat(64), state: b"{\"fold_version\":4}".to_vec() };
    setup.store.save_snapshot(setup.workshop.as_uuid(), forged).await.unwrap();

    let reloaded = Engine::new(setup.store.clone() as Arc<dyn Store>, [1; 32]);
    let state = reloaded.state(setup.workshop).await.unwrap();
    assert_eq!(state.workshop, live.workshop);
    assert_eq!(state.seq, live.seq);
}

#[tokio::test]
async fn participant_tokens_are_bound_to_their_workshop_and_signature() {
    let setup = setup(1).await;
    let token = setup.engine.participant_token(setup.workshop, setup.people[0]);
    assert_eq!(setup.engine.verify_participant_token(&token), Some((setup.workshop, setup.people[0])));
    let mut tampered = token.clone();
    tampered.replace_range(5..6, if &token[5..6] == "0" { "1" } else { "0" });
    assert_eq!(setup.engine.verify_participant_token(&tampered), None);
    let other_secret = Engine::new(setup.store.clone() as Arc<dyn Store>, [2; 32]);
    assert_eq!(other_secret.verify_participant_token(&token), None);
    for garbage in ["", "cvp_", "cvp_a.b.c", "cvp_..", "cvf_abc"] {
        assert_eq!(setup.engine.verify_participant_token(garbage), None, "{garbage:?}");
    }
}

#[tokio::test]
async fn an_idle_workshop_leaves_memory_and_comes_back_on_the_next_request() {
    let setup = setup(2).await;
    let engine = Engine::new(setup.store.clone() as Arc<dyn Store>, [1; 32])
        .with_idle_after(std::time::Duration::from_millis(100));
    let before = engine.state(setup.workshop).await.unwrap().workshop.clone();
    assert_eq!(engine.n_live_workshops(), 1);
    let following = engine.subscribe(setup.workshop).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(engine.n_live_workshops(), 1, "a workshop someone follows live stays");
    drop(following);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(engine.n_live_workshops(), 0);

    let (_, command) = post(setup.activity, "de retour".into());
    let events = engine.execute(setup.workshop, Actor::Participant(setup.people[0]), command).await.unwrap();
    assert_eq!(events.len(), 1);
    let after = engine.state(setup.workshop).await.unwrap();
    assert_eq!(after.workshop.contributions.len(), before.contributions.len() + 1);
}

#[tokio::test]
async fn the_matrix_splits_at_the_facilitators_thresholds_and_score_votes_can_rank_by_median() {
    use converge_core::voting::{Ballot, VoteConfig, VoteMethod};
    use converge_core::{ActivityConfig, ActivitySpec, Criterion, Prompt, Title};
    let setup = setup(3).await;
    let account = converge_core::AccountId::from_uuid(
        setup.engine.account_by_email("ann@example.org").await.unwrap().unwrap().id,
    );
    // One idea, scored 3 on impact and 3 on feasibility by everyone.
    let (idea, command) = post(setup.activity, "une idée".into());
    setup.engine.execute(setup.workshop, Actor::Participant(setup.people[0]), command).await.unwrap();
    let add = |kind, config| ActivitySpec {
        activity_id: converge_core::ActivityId::from_uuid(Uuid::now_v7()),
        kind,
        title: Title::parse("Évaluer").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config,
    };
    let criteria = vec![
        Criterion { id: "impact".into(), name: "Impact".into(), weight: 1 },
        Criterion { id: "feasibility".into(), name: "Faisabilité".into(), weight: 1 },
    ];
    let assess = add(
        ActivityKind::Assess,
        ActivityConfig {
            sources: vec![setup.activity],
            criteria,
            impact_threshold_tenths: Some(35),
            ..ActivityConfig::default()
        },
    );
    let vote = add(
        ActivityKind::Vote,
        ActivityConfig {
            sources: vec![setup.activity],
            vote: Some(VoteConfig { rank_by_median: true, ..VoteConfig::new(VoteMethod::Score) }),
            ..ActivityConfig::default()
        },
    );
    let (assess_id, vote_id) = (assess.activity_id, vote.activity_id);
    for spec in [assess, vote] {
        let id = spec.activity_id;
        setup.engine.execute(setup.workshop, Actor::Account(account), Command::AddActivity(spec)).await.unwrap();
        setup
            .engine
            .execute(setup.workshop, Actor::Account(account), Command::OpenActivity { activity_id: id })
            .await
            .unwrap();
    }
    for participant in &setup.people {
        let scores = [("impact".to_owned(), 3u8), ("feasibility".to_owned(), 3u8)].into();
        let command = Command::AssessItem { activity_id: assess_id, item: idea, scores };
        setup.engine.execute(setup.workshop, Actor::Participant(*participant), command).await.unwrap();
        let ballot = Ballot::Scores { scores: [(idea, 4)].into() };
        let command = Command::CastBallot { activity_id: vote_id, ballot };
        setup.engine.execute(setup.workshop, Actor::Participant(*participant), command).await.unwrap();
    }
    // Nobody reads a count while it runs; closed, it is read.
    assert!(matches!(
        setup.engine.results(setup.workshop, assess_id).await,
        Err(EngineError::Domain(converge_core::DomainError::ActivityStillOpen))
    ));
    for activity_id in [assess_id, vote_id] {
        let close = Command::CloseActivity { activity_id };
        setup.engine.execute(setup.workshop, Actor::Account(account), close).await.unwrap();
    }
    let assessment = setup.engine.results(setup.workshop, assess_id).await.unwrap().unwrap().to_value();
    // Impact 3 is below the facilitator's 3.5, feasibility 3 at the default middle: a fill-in.
    assert_eq!(assessment["result"]["matrix"][0]["quadrant"], "fill_in", "{assessment}");
    let vote = setup.engine.results(setup.workshop, vote_id).await.unwrap().unwrap().to_value();
    assert_eq!(vote["result"]["aggregate"], "median");
}
