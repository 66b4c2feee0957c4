//! A data folder written by an earlier version opens in this one: its accounts, sessions and
//! workshops are all there after the schema is brought up to date, and nothing else changes.
//!
//! The earlier file is made here from the earlier migration scripts themselves, with rows
//! written as that version wrote them, so the test follows every future migration too.

use converge_store::{Directory, EventLog, NewEvent};
use converge_store_sqlite::{SCHEMA_VERSION, SqliteStore};
use uuid::Uuid;

const VERSION_2: &[&str] =
    &[include_str!("../../migrations/0001_initial.sql"), include_str!("../../migrations/0002_card_image.sql")];

const ACCOUNT: &str = "0190a5c3-0000-7000-8000-000000000001";
const WORKSHOP: &str = "0190a5c3-0000-7000-8000-000000000002";
const SESSION_HASH: &str = "5e55100000000000000000000000000000000000000000000000000000000000";
const CREATED_AT: i64 = 1_750_000_000_000;

fn write_version_2_file(path: &std::path::Path) {
    let connection = rusqlite::Connection::open(path).unwrap();
    for script in VERSION_2 {
        connection.execute_batch(script).unwrap();
    }
    connection.pragma_update(None, "user_version", 2).unwrap();
    connection
        .execute(
            "insert into account (account_id, email, display_name, password_hash, created_at) values (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![ACCOUNT, "ann@example.org", "Ann", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", CREATED_AT],
        )
        .unwrap();
    connection
        .execute(
            "insert into session (token_hash, account_id, created_at, expires_at) values (?1, ?2, ?3, ?4)",
            rusqlite::params![SESSION_HASH, ACCOUNT, CREATED_AT, CREATED_AT + 36 * 3600 * 1000],
        )
        .unwrap();
    connection
        .execute(
            "insert into workshop (workshop_id, join_code, owner_id, title, created_at) values (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![WORKSHOP, "ABCD-1234", ACCOUNT, "Atelier d’avant", CREATED_AT],
        )
        .unwrap();
}

#[tokio::test]
async fn a_file_of_the_previous_schema_opens_with_its_accounts_sessions_and_workshops() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    write_version_2_file(&path);

    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.writer_settings().await.unwrap().schema_version, SCHEMA_VERSION);

    let account = store.account_by_email("ANN@example.org").await.unwrap().expect("the account is kept");
    assert_eq!(account.id.to_string(), ACCOUNT);
    assert_eq!(account.display_name, "Ann");

    // A session opened before the upgrade stays signed in; it was last seen when it began.
    let session = store.session(SESSION_HASH, CREATED_AT + 1).await.unwrap().expect("the session is kept");
    assert_eq!(session.account.to_string(), ACCOUNT);
    assert_eq!(session.last_used_at, CREATED_AT);
    assert_eq!(session.user_agent, "");

    // The workshop is listed and its log takes events.
    let workshop = Uuid::parse_str(WORKSHOP).unwrap();
    let entry = store.workshop_entry(workshop).await.unwrap().expect("the workshop is kept");
    assert_eq!(entry.title, "Atelier d’avant");
    assert!(!entry.archived, "nothing was archived before archiving existed");
    assert_eq!(store.workshop_by_join_code("abcd-1234").await.unwrap().map(|entry| entry.id), Some(workshop));
    // Its follow-up page, if it published one, is known to its log only: the engine reads it
    // once, then records what it found.
    assert_eq!(store.workshops_without_follow_up_index().await.unwrap(), vec![workshop]);
    store.set_follow_up_token(workshop, None).await.unwrap();
    assert_eq!(store.workshops_without_follow_up_index().await.unwrap(), Vec::<Uuid>::new());
    let event = NewEvent { kind: "note_posted".to_owned(), payload: "{}".to_owned(), recorded_at: CREATED_AT + 2 };
    let stored = store.append(workshop, 0, vec![event]).await.unwrap();
    assert_eq!(stored.len(), 1);
    drop(store);

    // Opening again finds nothing left to migrate and changes nothing.
    let store = SqliteStore::open(&path).unwrap();
    assert_eq!(store.writer_settings().await.unwrap().schema_version, SCHEMA_VERSION);
    assert!(store.session(SESSION_HASH, CREATED_AT + 1).await.unwrap().is_some());
}
