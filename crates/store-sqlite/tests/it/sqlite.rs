//! What the conformance suite cannot see: durability settings, restarts, migrations and the
//! database-level guards of the SQLite file.

use converge_store::{Directory, EventLog, NewAccount, NewEvent, StoredEvent, WorkshopEntry};
use converge_store_sqlite::{SCHEMA_VERSION, SqliteStore};
use std::sync::Arc;
use uuid::Uuid;

fn event(n: u64) -> NewEvent {
    NewEvent {
        kind: "vote_cast".to_owned(),
        payload: format!("{{\"vote\":{n}}}"),
        recorded_at: 1_700_000_000_000 + n as i64,
    }
}

#[tokio::test]
async fn the_writer_runs_with_wal_and_full_sync() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    let store = SqliteStore::open(&path).unwrap();
    let settings = store.writer_settings().await.unwrap();
    assert_eq!(settings.journal_mode, "wal");
    assert_eq!(settings.synchronous, 2, "FULL: the WAL is fsynced at every commit");
    assert!(settings.foreign_keys);
    assert_eq!(settings.busy_timeout_ms, 5000);
    assert_eq!(settings.schema_version, SCHEMA_VERSION);

    // WAL mode is recorded in the file itself, so every later connection uses it too.
    let other = rusqlite::Connection::open(&path).unwrap();
    let journal_mode: String = other.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
    assert_eq!(journal_mode, "wal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_dropping_and_reopening_the_store() {
    const N_WORKSHOPS: usize = 8;
    const N_APPENDS: u64 = 25;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    let store = Arc::new(SqliteStore::open(&path).unwrap());

    let writers: Vec<_> = (0..N_WORKSHOPS)
        .map(|_| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let workshop = Uuid::new_v4();
                let mut acknowledged: Vec<StoredEvent> = Vec::new();
                for seq in 0..N_APPENDS {
                    acknowledged.extend(store.append(workshop, seq, vec![event(seq)]).await.unwrap());
                }
                (workshop, acknowledged)
            })
        })
        .collect();
    let mut acknowledged = Vec::new();
    for writer in writers {
        acknowledged.push(writer.await.unwrap());
    }
    let account = NewAccount {
        id: Uuid::new_v4(),
        email: "durable@example.org".to_owned(),
        display_name: "D".to_owned(),
        password_hash: "h".to_owned(),
        created_at: 1,
    };
    store.create_account(account.clone()).await.unwrap();

    // Reopen right away: dropping the last clone waits for the writer to close the file.
    drop(Arc::into_inner(store).expect("the writers are done"));
    let store = SqliteStore::open(&path).unwrap();
    for (workshop, events) in &acknowledged {
        assert_eq!(&store.read(*workshop, 0, usize::MAX).await.unwrap(), events, "every acknowledged event, as hashed");
    }
    assert_eq!(store.account(account.id).await.unwrap().map(|found| found.email), Some(account.email));

    // After a restart the head comes from the file: the next append continues the chain.
    let (workshop, events) = &acknowledged[0];
    let next = store.append(*workshop, N_APPENDS, vec![event(N_APPENDS)]).await.unwrap();
    assert_eq!(next[0].seq, N_APPENDS + 1);
    let expected_hash = converge_store::chain::event_hash(
        *workshop,
        N_APPENDS + 1,
        next[0].recorded_at,
        &next[0].kind,
        &events[events.len() - 1].hash,
        &next[0].payload,
    );
    assert_eq!(next[0].hash, expected_hash);
}

#[tokio::test]
async fn reopening_a_migrated_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    let store = SqliteStore::open(&path).unwrap();
    let entry = WorkshopEntry {
        id: Uuid::new_v4(),
        join_code: "REOPEN".to_owned(),
        owner: Uuid::new_v4(),
        title: "t".to_owned(),
        created_at: 1,
        archived: false,
        deleted: false,
    };
    store.create_workshop(entry.clone(), vec![event(0)]).await.unwrap();
    drop(store);

    let schema_before = schema_sql(&path);
    for _ in 0..2 {
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.writer_settings().await.unwrap().schema_version, SCHEMA_VERSION);
        assert_eq!(store.workshop_entry(entry.id).await.unwrap(), Some(entry.clone()));
    }
    assert_eq!(schema_sql(&path), schema_before);
}

fn schema_sql(path: &std::path::Path) -> Vec<String> {
    let connection = rusqlite::Connection::open(path).unwrap();
    let mut statement = connection.prepare("select coalesce(sql, name) from sqlite_schema order by name").unwrap();
    statement.query_map([], |row| row.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
}

#[tokio::test]
async fn opening_creates_the_file_and_its_missing_directories() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("venue").join("converge.db");
    let store = SqliteStore::open(&path).unwrap();
    store.ping().await.unwrap();
    assert!(path.exists());
}

#[tokio::test]
async fn the_file_refuses_to_rewrite_or_remove_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    let store = SqliteStore::open(&path).unwrap();
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, vec![event(0)]).await.unwrap();

    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.busy_timeout(std::time::Duration::from_secs(5)).unwrap();
    let rewrite = connection.execute("update event set payload = '{}' where workshop_id = ?1", [workshop.to_string()]);
    assert!(rewrite.unwrap_err().to_string().contains("append-only"));
    let remove = connection.execute("delete from event where workshop_id = ?1", [workshop.to_string()]);
    assert!(remove.unwrap_err().to_string().contains("append-only"));
    assert_eq!(store.read(workshop, 0, 10).await.unwrap().len(), 1);
}

#[tokio::test]
async fn uuids_are_stored_as_lower_case_hyphenated_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("converge.db");
    let store = SqliteStore::open(&path).unwrap();
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, vec![event(0)]).await.unwrap();
    let connection = rusqlite::Connection::open(&path).unwrap();
    let stored: String = connection.query_row("select workshop_id from event", [], |row| row.get(0)).unwrap();
    assert_eq!(stored, workshop.hyphenated().to_string());
}
