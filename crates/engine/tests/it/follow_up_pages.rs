//! Public follow-up pages through the engine on a real SQLite store: found by their token in
//! the store's index, kept up when their workshop is "deleted" (it is archived instead) until it
//! is deleted for good, and found in a data folder written before the index existed.

use converge_core::{AccountId, Actor, Command, Language, WorkshopId};
use converge_engine::{Engine, EngineError, NewWorkshop, Removal};
use converge_store::Store;
use converge_store_sqlite::SqliteStore;
use converge_test_support::engine::TestEngine;
use std::sync::Arc;

struct Setup {
    dir: tempfile::TempDir,
    engine: Engine,
    account: AccountId,
    workshop: WorkshopId,
}

async fn setup() -> Setup {
    let test = TestEngine::new();
    let account = test.facilitator().await;
    let (workshop, _) = test.workshop(account, Vec::new()).await;
    // Only the engine holds the store: dropping it closes the database.
    let TestEngine { dir, engine, .. } = test;
    Setup { dir, engine, account, workshop }
}

async fn found(engine: &Engine, token: &str) -> Option<WorkshopId> {
    engine.published_follow_up(token).await.unwrap().map(|state| state.workshop.id)
}

#[tokio::test]
async fn a_published_page_is_found_by_its_token_until_it_is_withdrawn() {
    let Setup { engine, account, workshop, .. } = setup().await;
    assert_eq!(found(&engine, "0123456789abcdef0123456789abcdef").await, None);
    let token = engine.publish_follow_up(workshop, account, true).await.unwrap().unwrap();
    assert_eq!(token.len(), 32);
    assert_eq!(found(&engine, &token).await, Some(workshop));
    assert_eq!(found(&engine, &token.to_uppercase()).await, None, "the address is exact");
    assert_eq!(engine.publish_follow_up(workshop, account, true).await.unwrap(), Some(token.clone()), "kept");

    // A refused publication under another token leaves the page where it is.
    let joined = engine.join(&engine.workshops_of(account).await.unwrap()[0].join_code, "Bea", "").await.unwrap();
    let forged = Command::PublishFollowUp { token: Some("forged-token-0123456789".into()) };
    assert!(engine.execute(workshop, Actor::Participant(joined.participant), forged).await.is_err());
    assert_eq!(found(&engine, "forged-token-0123456789").await, None);
    assert_eq!(found(&engine, &token).await, Some(workshop), "the published page is still found");

    assert_eq!(engine.publish_follow_up(workshop, account, false).await.unwrap(), None);
    assert_eq!(found(&engine, &token).await, None, "a withdrawn page is gone");
}

#[tokio::test]
async fn deleting_a_workshop_with_a_public_page_archives_it_until_it_is_deleted_for_good() {
    let Setup { engine, account, workshop, .. } = setup().await;
    let token = engine.publish_follow_up(workshop, account, true).await.unwrap().unwrap();
    assert_eq!(engine.delete_workshop(workshop, account).await.unwrap(), Removal::Archived);
    assert!(engine.workshops_of(account).await.unwrap().is_empty(), "it leaves the list");
    let archived = engine.archived_workshops_of(account).await.unwrap();
    assert_eq!(archived.iter().map(|entry| entry.id).collect::<Vec<_>>(), vec![workshop.as_uuid()]);
    assert!(engine.workshop_by_join_code(&archived[0].join_code).await.unwrap().is_none(), "nobody joins it");
    assert_eq!(found(&engine, &token).await, Some(workshop), "its public page stays up");
    assert_eq!(
        engine.delete_workshop(workshop, account).await.unwrap(),
        Removal::Archived,
        "deleting again is no second step"
    );

    engine.restore_workshop(workshop, account).await.unwrap();
    assert_eq!(engine.workshops_of(account).await.unwrap().len(), 1);
    assert!(engine.archived_workshops_of(account).await.unwrap().is_empty());
    assert!(!engine.state(workshop).await.unwrap().workshop.archived);
    assert!(
        matches!(
            engine.delete_workshop_for_good(workshop, account).await,
            Err(EngineError::Domain(converge_core::DomainError::FollowUpPagePublished))
        ),
        "a public page goes down only from the archive"
    );

    engine.archive_workshop(workshop, account).await.unwrap();
    engine.delete_workshop_for_good(workshop, account).await.unwrap();
    assert_eq!(found(&engine, &token).await, None, "deleted for good, the page is gone");
    assert!(engine.archived_workshops_of(account).await.unwrap().is_empty());
    assert!(matches!(engine.workshop_entry(workshop).await, Err(EngineError::WorkshopNotFound)));

    // Without a public page, deleting takes one step.
    let request = NewWorkshop { title: "Autre".into(), language: Language::Fr, agenda: Vec::new() };
    let other = WorkshopId::from_uuid(engine.create_workshop(account, request).await.unwrap().id);
    assert_eq!(engine.delete_workshop(other, account).await.unwrap(), Removal::Deleted);
}

#[tokio::test]
async fn a_page_published_before_the_index_existed_is_indexed_once_at_start_up() {
    let Setup { dir, engine, account, workshop } = setup().await;
    let token = engine.publish_follow_up(workshop, account, true).await.unwrap().unwrap();
    let request = NewWorkshop { title: "Sans page".into(), language: Language::Fr, agenda: Vec::new() };
    let unpublished = engine.create_workshop(account, request).await.unwrap().id;
    drop(engine);

    // The folder as a version without the index left it once migrated: the token is in the log
    // only, and no workshop was ever indexed.
    let path = dir.path().join("converge.db");
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.execute("update workshop set follow_up_token_hash = null, follow_up_indexed = 0", []).unwrap();
    drop(connection);

    let store = Arc::new(SqliteStore::open(&path).unwrap());
    let engine = Engine::new(store.clone() as Arc<dyn Store>, [1; 32]);
    assert_eq!(found(&engine, &token).await, None, "not found before the start-up pass");
    assert_eq!(engine.index_follow_up_pages().await.unwrap(), 1, "one page among the two workshops");
    assert_eq!(found(&engine, &token).await, Some(workshop));
    assert!(
        converge_store::Directory::workshops_without_follow_up_index(store.as_ref()).await.unwrap().is_empty(),
        "both are indexed now, {unpublished} without a page"
    );
    assert_eq!(engine.index_follow_up_pages().await.unwrap(), 0, "the next start reads no log");
    assert_eq!(engine.n_live_workshops(), 1, "only the workshop whose page was read since runs");
}
