//! The projection screen's address through the engine: which token opens which workshop, and
//! that renewing, revoking or deleting closes the previous one; also after a restart, since the
//! token is derived, not stored.

use converge_core::{Actor, Command, DomainError, Language, WorkshopId};
use converge_engine::{Engine, EngineError, NewWorkshop};
use converge_store::{EventLog, Store};
use converge_store_sqlite::SqliteStore;
use converge_test_support::engine::{SECRET, TestEngine};
use std::sync::Arc;

async fn opens(engine: &Engine, workshop: WorkshopId, token: &str) -> bool {
    engine.workshop_for_screen_token(workshop, token).await.unwrap().is_some()
}

#[tokio::test]
async fn only_the_current_address_opens_the_screen_of_its_own_workshop() {
    let room = TestEngine::new().challenges_room(1).await;
    let (engine, workshop) = (&room.engine, room.workshop);
    let facilitating = Actor::Account(room.account);
    assert_eq!(engine.screen_token(&engine.state(workshop).await.unwrap().workshop), None);

    let first = engine.issue_screen_link(workshop, facilitating, false).await.unwrap().unwrap();
    assert!(opens(engine, workshop, &first).await);
    assert!(!opens(engine, workshop, &first.to_uppercase()).await);
    assert!(!opens(engine, workshop, &first[..23]).await);
    assert_eq!(engine.issue_screen_link(workshop, facilitating, false).await.unwrap().as_deref(), Some(&*first));

    // Another workshop of the same facilitator: the token is not its.
    let request = NewWorkshop { title: "Autre".into(), language: Language::Fr, agenda: Vec::new() };
    let other = WorkshopId::from_uuid(engine.create_workshop(room.account, request).await.unwrap().id);
    assert!(!opens(engine, other, &first).await);
    assert!(!opens(engine, WorkshopId::from_uuid(uuid::Uuid::now_v7()), &first).await);

    let second = engine.issue_screen_link(workshop, facilitating, true).await.unwrap().unwrap();
    assert_ne!(second, first);
    assert!(!opens(engine, workshop, &first).await, "renewing ends the previous address");
    assert!(opens(engine, workshop, &second).await);

    engine.revoke_screen_link(workshop, facilitating).await.unwrap();
    assert!(!opens(engine, workshop, &second).await, "revoking ends it");
    let third = engine.issue_screen_link(workshop, facilitating, false).await.unwrap().unwrap();
    assert!(![&first, &second].contains(&&third), "a revoked address never comes back");

    let participant = Actor::Participant(room.people[0]);
    for refused in [
        engine.issue_screen_link(workshop, participant, true).await.map(|_| ()),
        engine.revoke_screen_link(workshop, participant).await,
    ] {
        assert!(matches!(refused, Err(EngineError::Domain(DomainError::FacilitatorOnly))), "{refused:?}");
    }

    engine.execute(workshop, facilitating, Command::DeleteWorkshop).await.unwrap();
    assert!(!opens(engine, workshop, &third).await, "a deleted workshop's address opens nothing");
}

#[tokio::test]
async fn the_address_survives_a_restart_and_the_log_never_holds_it() {
    let room = TestEngine::new().challenges_room(0).await;
    let token =
        room.engine.issue_screen_link(room.workshop, Actor::Account(room.account), false).await.unwrap().unwrap();
    let log = room.store.read(room.workshop.as_uuid(), 0, 1000).await.unwrap();
    assert!(log.iter().all(|event| !event.payload.contains(&token)), "the token is never recorded");
    assert!(log.iter().any(|event| event.kind == "screen_link_issued"));

    // The server stops and starts again on the same folder.
    let converge_test_support::engine::ChallengesRoom { dir, store, engine, workshop, .. } = room;
    drop((engine, store));
    let store = Arc::new(SqliteStore::open(&dir.path().join("converge.db")).unwrap()) as Arc<dyn Store>;
    let restarted = Engine::new(store.clone(), SECRET);
    assert!(opens(&restarted, workshop, &token).await);
    let other_secret = Engine::new(store, [9; 32]);
    assert!(!opens(&other_secret, workshop, &token).await, "the token is the server's secret's");
}
