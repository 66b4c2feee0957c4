//! The behavioural test suite every store backend runs, in a crate of its own that backends
//! take as a dev-dependency, so none of it is compiled into the binary. Each check takes a
//! fresh, empty store.
//! A backend's tests call [`run_all`] with a factory of empty stores, or each check on its own
//! (one test per check names the failing behaviour in the test report).
//!
//! The checks use a Tokio runtime (`tokio::spawn`, timeouts) and panic with a message on the
//! first broken expectation. They state behaviour the traits leave implicit, so every backend
//! agrees on it:
//! * `append` needs no index entry: appending at 0 starts a workshop's log; `create_workshop`
//!   refuses an id that has an entry or events already;
//! * an empty `append` writes nothing but still checks `expected_seq`;
//! * a session is valid while `now < expires_at`, a setup token likewise; a new password ends
//!   every session of its account;
//! * join codes and emails are matched case-insensitively (ASCII);
//! * a `LogGrew` may cover several appends: listeners read everything after what they have;
//! * an archived workshop keeps its join code, which opens nothing until it is restored;
//! * a follow-up token hash names one workshop, and a deleted workshop's page is not found.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test-only crate: a failed set-up stops the test loudly")]

use converge_store::chain::{GENESIS, event_hash};
use converge_store::{
    EventLog, LogGrew, NewAccount, NewEvent, ParticipantProfile, Session, Snapshot, Store, StoreError, StoredEvent,
    TotpState, WorkshopEntry,
};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;
use uuid::Uuid;

/// Runs every check, each on a store from `make`.
pub async fn run_all<S, F, Fut>(make: F)
where
    S: Store,
    F: Fn() -> Fut,
    Fut: Future<Output = S>,
{
    appends_get_consecutive_seqs_from_one_and_chained_hashes(make().await).await;
    an_append_at_a_stale_seq_is_a_conflict_and_writes_nothing(make().await).await;
    an_empty_append_writes_nothing_and_still_checks_the_seq(make().await).await;
    an_append_needs_no_index_entry(make().await).await;
    creating_a_workshop_records_its_entry_and_first_events(make().await).await;
    creating_a_workshop_with_a_taken_id_or_join_code_is_a_duplicate_and_writes_nothing(make().await).await;
    reading_returns_the_events_after_a_seq_up_to_a_limit(make().await).await;
    the_head_is_the_last_event(make().await).await;
    subscribers_hear_of_appends_and_not_of_failed_ones(make().await).await;
    of_concurrent_appends_at_the_same_seq_exactly_one_wins(make().await).await;
    concurrent_appends_to_different_workshops_all_succeed(make().await).await;
    snapshots_round_trip_and_the_latest_wins(make().await).await;
    an_email_is_taken_whatever_its_case(make().await).await;
    sessions_expire_and_can_be_deleted(make().await).await;
    an_accounts_sessions_are_listed_touched_and_ended_but_one(make().await).await;
    a_new_password_ends_every_session_of_its_account(make().await).await;
    a_totp_step_is_accepted_once_and_recovery_codes_once_each(make().await).await;
    a_setup_token_is_single_use_and_expires(make().await).await;
    api_tokens_resolve_to_their_account(make().await).await;
    profiles_are_put_listed_and_erased(make().await).await;
    workshops_of_lists_an_owners_live_workshops_newest_first(make().await).await;
    join_codes_match_whatever_their_case_and_deleted_workshops_free_them(make().await).await;
    a_new_join_code_replaces_the_old_one_and_a_taken_one_is_refused(make().await).await;
    an_archived_workshop_stays_listed_and_its_join_code_is_kept_but_opens_nothing(make().await).await;
    a_follow_up_page_is_found_by_its_token_hash_until_withdrawn_or_deleted(make().await).await;
    card_images_come_back_byte_for_byte_per_workshop_and_card(make().await).await;
    ping_answers(make().await).await;
}

// Fixtures.

fn event(n: u32) -> NewEvent {
    NewEvent {
        kind: format!("kind_{n}"),
        // Non-ASCII and a newline: the payload must come back byte for byte, or hashes break.
        payload: format!("{{\"n\":{n},\"text\":\"Participation citoyenne 2029 — idée\\n\"}}"),
        recorded_at: 1_700_000_000_000 + i64::from(n),
    }
}

fn events(range: std::ops::Range<u32>) -> Vec<NewEvent> {
    range.map(event).collect()
}

fn entry(id: Uuid, join_code: &str, owner: Uuid, created_at: i64) -> WorkshopEntry {
    WorkshopEntry {
        id,
        join_code: join_code.to_owned(),
        owner,
        title: format!("Atelier {join_code}"),
        created_at,
        archived: false,
        deleted: false,
    }
}

fn new_account(email: &str) -> NewAccount {
    NewAccount {
        id: Uuid::new_v4(),
        email: email.to_owned(),
        display_name: "Camille".to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        created_at: 1_700_000_000_000,
    }
}

/// Checks that `stored` is a well-formed log of `workshop` from seq 1: consecutive seqs, hashes
/// recomputed from the fields and chained from [`GENESIS`].
#[track_caller]
fn assert_chained(workshop: Uuid, stored: &[StoredEvent]) {
    let mut prev = GENESIS.to_owned();
    for (idx, event) in stored.iter().enumerate() {
        assert_eq!(event.workshop, workshop);
        assert_eq!(event.seq, idx as u64 + 1, "seqs start at 1 and are consecutive");
        let expected = event_hash(workshop, event.seq, event.recorded_at, &event.kind, &prev, &event.payload);
        assert_eq!(event.hash, expected, "the hash of event {} is chained to the one before", event.seq);
        prev.clone_from(&event.hash);
    }
}

#[track_caller]
fn assert_same_content(stored: &[StoredEvent], sent: &[NewEvent]) {
    assert_eq!(stored.len(), sent.len());
    for (stored, sent) in stored.iter().zip(sent) {
        assert_eq!((&stored.kind, &stored.payload, stored.recorded_at), (&sent.kind, &sent.payload, sent.recorded_at));
    }
}

async fn all_events<S: EventLog + ?Sized>(store: &S, workshop: Uuid) -> Vec<StoredEvent> {
    store.read(workshop, 0, usize::MAX).await.expect("read the whole log")
}

/// The next announcement, failing the check rather than hanging if none comes.
async fn next_announcement(receiver: &mut broadcast::Receiver<LogGrew>) -> LogGrew {
    match tokio::time::timeout(Duration::from_secs(10), receiver.recv()).await {
        Ok(Ok(growth)) => growth,
        Ok(Err(error)) => panic!("the announcement channel failed: {error}"),
        Err(_) => panic!("no LogGrew within 10 s"),
    }
}

// The log.

pub async fn appends_get_consecutive_seqs_from_one_and_chained_hashes<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    let first = store.append(workshop, 0, events(0..3)).await.expect("first append");
    assert_same_content(&first, &events(0..3));
    let second = store.append(workshop, 3, events(3..5)).await.expect("second append");
    assert_same_content(&second, &events(3..5));
    assert_eq!(second[0].seq, 4);

    let returned: Vec<StoredEvent> = first.into_iter().chain(second).collect();
    assert_chained(workshop, &returned);
    assert_eq!(all_events(&store, workshop).await, returned, "reads return exactly what appends returned");
}

pub async fn an_append_at_a_stale_seq_is_a_conflict_and_writes_nothing<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, events(0..2)).await.expect("first append");
    let before = all_events(&store, workshop).await;

    for stale in [0, 1, 3, 10] {
        match store.append(workshop, stale, events(10..13)).await {
            Err(StoreError::Conflict { workshop: w, expected, actual }) => {
                assert_eq!((w, expected, actual), (workshop, stale, 2));
            }
            other => panic!("append at {stale} on a log at 2 must be a conflict, got {other:?}"),
        }
    }
    assert_eq!(all_events(&store, workshop).await, before, "a conflicting append writes nothing");
    match store.append(Uuid::new_v4(), 5, events(0..1)).await {
        Err(StoreError::Conflict { expected: 5, actual: 0, .. }) => {}
        other => panic!("append at 5 on an empty log must be a conflict, got {other:?}"),
    }
}

pub async fn an_empty_append_writes_nothing_and_still_checks_the_seq<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    assert_eq!(store.append(workshop, 0, Vec::new()).await.expect("empty append on an empty log"), Vec::new());
    store.append(workshop, 0, events(0..1)).await.expect("first append");
    assert_eq!(store.append(workshop, 1, Vec::new()).await.expect("empty append at the head"), Vec::new());
    assert!(matches!(
        store.append(workshop, 0, Vec::new()).await,
        Err(StoreError::Conflict { expected: 0, actual: 1, .. })
    ));
    assert_eq!(all_events(&store, workshop).await.len(), 1);
}

pub async fn an_append_needs_no_index_entry<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, events(0..1)).await.expect("an append starts a log without an index entry");
    assert_eq!(store.workshop_entry(workshop).await.expect("entry"), None, "an append does not invent an entry");
    // The id is taken by the log, so it cannot start a second history.
    match store.create_workshop(entry(workshop, "LOGONLY", Uuid::new_v4(), 1), events(5..6)).await {
        Err(StoreError::Duplicate("workshop")) => {}
        other => panic!("creating a workshop over an existing log must be Duplicate(\"workshop\"), got {other:?}"),
    }
    assert_eq!(all_events(&store, workshop).await.len(), 1);
}

pub async fn creating_a_workshop_records_its_entry_and_first_events<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let workshop = entry(Uuid::new_v4(), "WAL2029", owner, 1_700_000_000_000);
    let stored = store.create_workshop(workshop.clone(), events(0..2)).await.expect("create");
    assert_same_content(&stored, &events(0..2));
    assert_chained(workshop.id, &stored);
    assert_eq!(store.workshop_entry(workshop.id).await.expect("entry"), Some(workshop.clone()));
    assert_eq!(all_events(&store, workshop.id).await, stored);
    store.append(workshop.id, 2, events(2..3)).await.expect("append after create");

    let empty = entry(Uuid::new_v4(), "EMPTY1", owner, 1_700_000_000_001);
    assert_eq!(store.create_workshop(empty.clone(), Vec::new()).await.expect("create without events"), Vec::new());
    assert_eq!(store.workshop_entry(empty.id).await.expect("entry"), Some(empty));
}

pub async fn creating_a_workshop_with_a_taken_id_or_join_code_is_a_duplicate_and_writes_nothing<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let first = entry(Uuid::new_v4(), "TAKEN1", owner, 1);
    store.create_workshop(first.clone(), events(0..2)).await.expect("create");

    let same_id = entry(first.id, "OTHER1", owner, 2);
    match store.create_workshop(same_id, events(5..6)).await {
        Err(StoreError::Duplicate("workshop")) => {}
        other => panic!("a taken id must be Duplicate(\"workshop\"), got {other:?}"),
    }
    assert_eq!(store.workshop_entry(first.id).await.expect("entry"), Some(first.clone()), "the entry is unchanged");
    assert_eq!(all_events(&store, first.id).await.len(), 2, "the log is unchanged");
    assert_eq!(store.workshop_by_join_code("OTHER1").await.expect("lookup"), None);

    for code in ["TAKEN1", "taken1"] {
        let same_code = entry(Uuid::new_v4(), code, owner, 3);
        match store.create_workshop(same_code.clone(), events(5..6)).await {
            Err(StoreError::JoinCodeTaken) => {}
            other => panic!("a taken join code ({code}) must be JoinCodeTaken, got {other:?}"),
        }
        assert_eq!(store.workshop_entry(same_code.id).await.expect("entry"), None, "no entry is written");
        assert_eq!(all_events(&store, same_code.id).await, Vec::new(), "no event is written");
        assert_eq!(store.head(same_code.id).await.expect("head"), None);
    }
    assert_eq!(store.workshops_of(owner).await.expect("list"), vec![first]);
}

pub async fn reading_returns_the_events_after_a_seq_up_to_a_limit<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    let other = Uuid::new_v4();
    let stored = store.append(workshop, 0, events(0..10)).await.expect("append");
    store.append(other, 0, events(0..3)).await.expect("append to another workshop");

    assert_eq!(store.read(workshop, 0, 100).await.expect("read"), stored);
    assert_eq!(store.read(workshop, 4, 3).await.expect("read"), stored[4..7].to_vec());
    assert_eq!(store.read(workshop, 8, 100).await.expect("read"), stored[8..].to_vec());
    assert_eq!(store.read(workshop, 10, 100).await.expect("read"), Vec::new());
    assert_eq!(store.read(workshop, 0, 0).await.expect("read"), Vec::new());
    assert_eq!(store.read(workshop, u64::MAX, usize::MAX).await.expect("read"), Vec::new());
    assert_eq!(store.read(Uuid::new_v4(), 0, 100).await.expect("read an unknown workshop"), Vec::new());
}

pub async fn the_head_is_the_last_event<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    assert_eq!(store.head(workshop).await.expect("head"), None);
    store.append(workshop, 0, events(0..2)).await.expect("append");
    let stored = store.append(workshop, 2, events(2..4)).await.expect("append");
    assert_eq!(store.head(workshop).await.expect("head"), stored.last().cloned());
}

pub async fn subscribers_hear_of_appends_and_not_of_failed_ones<S: Store>(store: S) {
    let mut receiver = store.subscribe();
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, events(0..3)).await.expect("append");
    assert_eq!(next_announcement(&mut receiver).await, LogGrew { workshop, seq: 3 });

    let created = entry(Uuid::new_v4(), "HEARME", Uuid::new_v4(), 1);
    store.create_workshop(created.clone(), events(0..1)).await.expect("create");
    assert_eq!(next_announcement(&mut receiver).await, LogGrew { workshop: created.id, seq: 1 });

    // A failed append announces nothing: the next announcement is the next successful append.
    store.append(workshop, 1, events(3..4)).await.expect_err("stale append");
    store.create_workshop(entry(Uuid::new_v4(), "HEARME", Uuid::new_v4(), 2), events(0..1)).await.expect_err("dup");
    let marker = Uuid::new_v4();
    store.append(marker, 0, events(0..1)).await.expect("append");
    assert_eq!(next_announcement(&mut receiver).await, LogGrew { workshop: marker, seq: 1 });
}

pub async fn of_concurrent_appends_at_the_same_seq_exactly_one_wins<S: Store>(store: S) {
    const N_WRITERS: u32 = 50;
    let store = Arc::new(store);
    let workshop = Uuid::new_v4();
    store.append(workshop, 0, events(0..1)).await.expect("first append");

    let writers: Vec<_> = (0..N_WRITERS)
        .map(|n| {
            let store = Arc::clone(&store);
            tokio::spawn(async move { store.append(workshop, 1, events(100 + 2 * n..102 + 2 * n)).await })
        })
        .collect();
    let mut winners = Vec::new();
    for writer in writers {
        match writer.await.expect("the writer task panicked") {
            Ok(stored) => winners.push(stored),
            Err(StoreError::Conflict { expected: 1, actual: 3, .. }) => {}
            Err(other) => panic!("a losing append must be Conflict {{ expected: 1, actual: 3 }}, got {other}"),
        }
    }
    assert_eq!(winners.len(), 1, "exactly one of {N_WRITERS} appends at the same seq wins");
    let log = all_events(store.as_ref(), workshop).await;
    assert_eq!(log.len(), 3, "only the winner's events are written");
    assert_eq!(log[1..], winners[0][..]);
    assert_chained(workshop, &log);
}

pub async fn concurrent_appends_to_different_workshops_all_succeed<S: Store>(store: S) {
    const N_WORKSHOPS: usize = 50;
    const N_ROUNDS: u64 = 4;
    let store = Arc::new(store);
    let workshops: Vec<Uuid> = (0..N_WORKSHOPS).map(|_| Uuid::new_v4()).collect();
    let writers: Vec<_> = workshops
        .iter()
        .map(|&workshop| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                for round in 0..N_ROUNDS {
                    store.append(workshop, round, events(0..1)).await?;
                }
                Ok::<_, StoreError>(())
            })
        })
        .collect();
    for writer in writers {
        writer.await.expect("the writer task panicked").expect("appends to different workshops do not conflict");
    }
    for workshop in workshops {
        let log = all_events(store.as_ref(), workshop).await;
        assert_eq!(log.len() as u64, N_ROUNDS);
        assert_chained(workshop, &log);
    }
}

pub async fn snapshots_round_trip_and_the_latest_wins<S: Store>(store: S) {
    let workshop = Uuid::new_v4();
    assert_eq!(store.load_snapshot(workshop).await.expect("load"), None);
    let stored = store.append(workshop, 0, events(0..5)).await.expect("append");
    let first = Snapshot { seq: 2, hash: stored[1].hash.clone(), state: vec![0, 1, 2, 255] };
    store.save_snapshot(workshop, first.clone()).await.expect("save");
    assert_eq!(store.load_snapshot(workshop).await.expect("load"), Some(first));
    let latest = Snapshot { seq: 5, hash: stored[4].hash.clone(), state: b"state at 5".to_vec() };
    store.save_snapshot(workshop, latest.clone()).await.expect("save");
    assert_eq!(store.load_snapshot(workshop).await.expect("load"), Some(latest));
    assert_eq!(store.load_snapshot(Uuid::new_v4()).await.expect("load"), None);
}

// The directory.

pub async fn an_email_is_taken_whatever_its_case<S: Store>(store: S) {
    assert_eq!(store.count_accounts().await.expect("count"), 0);
    let account = new_account("Camille.Dupont@spw.wallonie.be");
    store.create_account(account.clone()).await.expect("create");
    assert_eq!(store.count_accounts().await.expect("count"), 1);

    let found = store.account_by_email("camille.dupont@SPW.wallonie.be").await.expect("lookup").expect("found");
    assert_eq!(
        (found.id, &found.email, &found.display_name, &found.password_hash, found.created_at),
        (account.id, &account.email, &account.display_name, &account.password_hash, account.created_at)
    );
    assert_eq!(store.account(account.id).await.expect("by id"), Some(found));
    assert_eq!(store.account(Uuid::new_v4()).await.expect("by id"), None);
    assert_eq!(store.account_by_email("nobody@example.org").await.expect("lookup"), None);

    match store.create_account(new_account("CAMILLE.DUPONT@spw.wallonie.be")).await {
        Err(StoreError::Duplicate("email")) => {}
        other => panic!("a taken email must be Duplicate(\"email\"), got {other:?}"),
    }
    assert_eq!(store.count_accounts().await.expect("count"), 1);
}

pub async fn sessions_expire_and_can_be_deleted<S: Store>(store: S) {
    let account = new_account("session@example.org");
    store.create_account(account.clone()).await.expect("account");
    let session = new_session("a1b2", account.id, 1_000);
    store.create_session(session.clone()).await.expect("create");

    assert_eq!(store.session("a1b2", 1_000).await.expect("lookup"), Some(session.clone()));
    assert_eq!(store.session("a1b2", 1_999).await.expect("lookup"), Some(session));
    assert_eq!(store.session("a1b2", 2_000).await.expect("lookup"), None, "expired at expires_at");
    assert_eq!(store.session("unknown", 1_000).await.expect("lookup"), None);

    store.delete_session("a1b2").await.expect("delete");
    assert_eq!(store.session("a1b2", 1_000).await.expect("lookup"), None);
    store.delete_session("a1b2").await.expect("deleting a missing session is not an error");
}

fn new_session(token_hash: &str, account: Uuid, created_at: i64) -> Session {
    Session {
        token_hash: token_hash.to_owned(),
        account,
        created_at,
        expires_at: created_at + 1_000,
        last_used_at: created_at,
        user_agent: "Firefox on Linux".to_owned(),
    }
}

pub async fn an_accounts_sessions_are_listed_touched_and_ended_but_one<S: Store>(store: S) {
    let (ann, bob) = (new_account("ann@example.org"), new_account("bob@example.org"));
    store.create_account(ann.clone()).await.expect("account");
    store.create_account(bob.clone()).await.expect("account");
    for session in
        [new_session("old", ann.id, 1_000), new_session("new", ann.id, 1_500), new_session("bob", bob.id, 1_500)]
    {
        store.create_session(session).await.expect("create");
    }
    let hashes = |sessions: Vec<Session>| sessions.into_iter().map(|session| session.token_hash).collect::<Vec<_>>();
    assert_eq!(hashes(store.sessions_of(ann.id, 1_600).await.expect("list")), ["new", "old"], "last used first");
    store.touch_session("old", 1_700).await.expect("touch");
    store.touch_session("old", 1_650).await.expect("a late touch never moves the time back");
    assert_eq!(store.session("old", 1_800).await.expect("lookup").expect("live").last_used_at, 1_700);
    assert_eq!(hashes(store.sessions_of(ann.id, 1_800).await.expect("list")), ["old", "new"]);
    assert_eq!(hashes(store.sessions_of(ann.id, 2_000).await.expect("list")), ["new"], "expired ones are not listed");

    store.delete_sessions_of(ann.id, Some("new")).await.expect("delete");
    assert_eq!(hashes(store.sessions_of(ann.id, 1_600).await.expect("list")), ["new"]);
    assert!(store.session("bob", 1_600).await.expect("lookup").is_some(), "another account's session stays");
    store.delete_sessions_of(ann.id, None).await.expect("delete");
    assert!(store.sessions_of(ann.id, 1_600).await.expect("list").is_empty());
}

pub async fn a_new_password_ends_every_session_of_its_account<S: Store>(store: S) {
    let (ann, bob) = (new_account("ann@example.org"), new_account("bob@example.org"));
    store.create_account(ann.clone()).await.expect("account");
    store.create_account(bob.clone()).await.expect("account");
    store.create_session(new_session("ann", ann.id, 1_000)).await.expect("create");
    store.create_session(new_session("bob", bob.id, 1_000)).await.expect("create");
    store.set_password_hash(ann.id, "$argon2id$new").await.expect("set");
    assert_eq!(store.account(ann.id).await.expect("read").expect("account").password_hash, "$argon2id$new");
    assert_eq!(store.session("ann", 1_100).await.expect("lookup"), None);
    assert!(store.session("bob", 1_100).await.expect("lookup").is_some());
}

pub async fn a_totp_step_is_accepted_once_and_recovery_codes_once_each<S: Store>(store: S) {
    let account = new_account("totp@example.org");
    store.create_account(account.clone()).await.expect("account");
    assert_eq!(store.totp(account.id).await.expect("read"), None);
    assert!(!store.use_totp_step(account.id, 10).await.expect("use"), "no step is accepted without a secret");

    store.set_totp(account.id, Some("00ff")).await.expect("set");
    assert_eq!(store.totp(account.id).await.expect("read"), Some(TotpState { secret: "00ff".into(), last_step: None }));
    assert!(store.use_totp_step(account.id, 10).await.expect("use"));
    assert!(!store.use_totp_step(account.id, 10).await.expect("use"), "the same step twice");
    assert!(!store.use_totp_step(account.id, 9).await.expect("use"), "an earlier step");
    assert!(store.use_totp_step(account.id, 11).await.expect("use"));
    assert_eq!(store.totp(account.id).await.expect("read").expect("on").last_step, Some(11));

    store.add_recovery_codes(account.id, vec!["r1".into(), "r2".into()]).await.expect("add");
    assert_eq!(store.count_recovery_codes(account.id).await.expect("count"), 2);
    assert!(store.use_recovery_code(account.id, "r1").await.expect("use"));
    assert!(!store.use_recovery_code(account.id, "r1").await.expect("use"), "a code is used once");
    assert!(!store.use_recovery_code(account.id, "unknown").await.expect("use"));
    assert_eq!(store.count_recovery_codes(account.id).await.expect("count"), 1);

    store.set_totp(account.id, None).await.expect("turn off");
    assert_eq!(store.totp(account.id).await.expect("read"), None);
    assert_eq!(store.count_recovery_codes(account.id).await.expect("count"), 0, "codes end with their enrolment");
}

pub async fn a_setup_token_is_single_use_and_expires<S: Store>(store: S) {
    store.create_setup_token("setup", 2_000).await.expect("create");
    assert!(store.setup_token_valid("setup", 1_000).await.expect("valid"));
    assert!(store.setup_token_valid("setup", 1_000).await.expect("valid"), "checking does not use it up");
    assert!(!store.setup_token_valid("setup", 2_000).await.expect("valid"), "expired at expires_at");
    assert!(!store.setup_token_valid("unknown", 1_000).await.expect("valid"));

    assert!(store.consume_setup_token("setup", 1_500).await.expect("consume"));
    assert!(!store.consume_setup_token("setup", 1_500).await.expect("consume"), "a token is used once");
    assert!(!store.setup_token_valid("setup", 1_500).await.expect("valid"));

    store.create_setup_token("late", 2_000).await.expect("create");
    assert!(!store.consume_setup_token("late", 2_000).await.expect("consume"), "an expired token cannot be used");
    assert!(!store.consume_setup_token("unknown", 1_000).await.expect("consume"));
}

pub async fn api_tokens_resolve_to_their_account<S: Store>(store: S) {
    let account = new_account("api@example.org");
    store.create_account(account.clone()).await.expect("account");
    store.create_api_token("token-hash", account.id, 1_000).await.expect("create");
    assert_eq!(store.api_token_account("token-hash").await.expect("lookup"), Some(account.id));
    assert_eq!(store.api_token_account("other").await.expect("lookup"), None);
}

pub async fn profiles_are_put_listed_and_erased<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let workshop = entry(Uuid::new_v4(), "PROFIL", owner, 1);
    let other_workshop = entry(Uuid::new_v4(), "PROFIL2", owner, 2);
    store.create_workshop(workshop.clone(), Vec::new()).await.expect("create");
    store.create_workshop(other_workshop.clone(), Vec::new()).await.expect("create");
    let profile = |workshop: Uuid, name: &str| ParticipantProfile {
        workshop,
        participant: Uuid::new_v4(),
        name: name.to_owned(),
        service: "SPW Mobilité".to_owned(),
        salt: "00112233445566778899aabbccddeeff".to_owned(),
    };
    let ana = profile(workshop.id, "Ana");
    let mut bruno = profile(workshop.id, "Bruno");
    let elsewhere = profile(other_workshop.id, "Chloé");
    for p in [&ana, &bruno, &elsewhere] {
        store.put_profile(p.clone()).await.expect("put");
    }
    bruno.service = "SPW Intérieur".to_owned();
    store.put_profile(bruno.clone()).await.expect("putting again replaces");

    let sorted = |mut profiles: Vec<ParticipantProfile>| {
        profiles.sort_by_key(|p| p.participant);
        profiles
    };
    assert_eq!(sorted(store.profiles(workshop.id).await.expect("list")), sorted(vec![ana.clone(), bruno.clone()]));

    store.erase_profile(workshop.id, ana.participant).await.expect("erase");
    let remaining = store.profiles(workshop.id).await.expect("list");
    assert!(
        !remaining.iter().any(|p| p.participant == ana.participant
            && (p.name == ana.name || p.service == ana.service || p.salt == ana.salt)),
        "an erased profile keeps none of its personal data"
    );
    assert!(remaining.contains(&bruno));
    assert_eq!(store.profiles(other_workshop.id).await.expect("list"), vec![elsewhere]);
}

pub async fn workshops_of_lists_an_owners_live_workshops_newest_first<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let oldest = entry(Uuid::new_v4(), "OLD001", owner, 10);
    let newest = entry(Uuid::new_v4(), "NEW001", owner, 30);
    let middle = entry(Uuid::new_v4(), "MID001", owner, 20);
    let someone_elses = entry(Uuid::new_v4(), "ELSE01", Uuid::new_v4(), 40);
    for workshop in [&oldest, &newest, &middle, &someone_elses] {
        store.create_workshop(workshop.clone(), events(0..1)).await.expect("create");
    }
    assert_eq!(store.workshops_of(owner).await.expect("list"), vec![newest.clone(), middle.clone(), oldest.clone()]);

    store.mark_workshop_deleted(newest.id).await.expect("delete");
    assert_eq!(store.workshops_of(owner).await.expect("list"), vec![middle, oldest]);
    let deleted = store.workshop_entry(newest.id).await.expect("entry").expect("a deleted workshop keeps its entry");
    assert!(deleted.deleted);
    assert_eq!(all_events(&store, newest.id).await.len(), 1, "deleting hides a workshop, its log stays");
    assert_eq!(store.workshops_of(Uuid::new_v4()).await.expect("list"), Vec::new());
    store.mark_workshop_deleted(Uuid::new_v4()).await.expect("deleting an unknown workshop is not an error");
}

pub async fn join_codes_match_whatever_their_case_and_deleted_workshops_free_them<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let first = entry(Uuid::new_v4(), "K7Q2ZX", owner, 1);
    store.create_workshop(first.clone(), Vec::new()).await.expect("create");
    assert_eq!(store.workshop_by_join_code("K7Q2ZX").await.expect("lookup"), Some(first.clone()));
    assert_eq!(store.workshop_by_join_code("k7q2zx").await.expect("lookup"), Some(first.clone()));
    assert_eq!(store.workshop_by_join_code("K7Q2Z").await.expect("lookup"), None);

    store.mark_workshop_deleted(first.id).await.expect("delete");
    assert_eq!(
        store.workshop_by_join_code("K7Q2ZX").await.expect("lookup"),
        None,
        "a deleted workshop is not joinable"
    );

    let second = entry(Uuid::new_v4(), "K7Q2ZX", owner, 2);
    store.create_workshop(second.clone(), Vec::new()).await.expect("a deleted workshop's code can be reused");
    assert_eq!(store.workshop_by_join_code("k7Q2zX").await.expect("lookup"), Some(second));
}

pub async fn a_new_join_code_replaces_the_old_one_and_a_taken_one_is_refused<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let first = entry(Uuid::new_v4(), "AAAA11", owner, 1);
    let second = entry(Uuid::new_v4(), "BBBB22", owner, 2);
    store.create_workshop(first.clone(), Vec::new()).await.expect("create");
    store.create_workshop(second.clone(), Vec::new()).await.expect("create");
    store.set_join_code(first.id, "CCCC33").await.expect("a free code");
    assert_eq!(store.workshop_by_join_code("AAAA11").await.expect("lookup"), None, "the old code joins nothing");
    let moved = store.workshop_by_join_code("cccc33").await.expect("lookup").expect("the new code joins");
    assert_eq!((moved.id, moved.join_code.as_str()), (first.id, "CCCC33"));
    assert!(matches!(store.set_join_code(first.id, "bbbb22").await, Err(StoreError::JoinCodeTaken)));
    assert_eq!(store.workshop_entry(first.id).await.expect("entry").expect("kept").join_code, "CCCC33");
}

pub async fn an_archived_workshop_stays_listed_and_its_join_code_is_kept_but_opens_nothing<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let older = entry(Uuid::new_v4(), "ARCH01", owner, 1);
    let archived = entry(Uuid::new_v4(), "ARCH02", owner, 2);
    for workshop in [&older, &archived] {
        store.create_workshop(workshop.clone(), Vec::new()).await.expect("create");
    }
    store.set_workshop_archived(archived.id, true).await.expect("archive");
    let as_archived = WorkshopEntry { archived: true, ..archived.clone() };
    assert_eq!(
        store.workshops_of(owner).await.expect("list"),
        vec![as_archived.clone(), older.clone()],
        "an archived workshop is still its owner's, flagged"
    );
    assert_eq!(store.workshop_entry(archived.id).await.expect("entry"), Some(as_archived));
    assert_eq!(store.workshop_by_join_code("ARCH02").await.expect("lookup"), None, "nobody joins it");
    let squatter = entry(Uuid::new_v4(), "arch02", owner, 3);
    assert!(
        matches!(store.create_workshop(squatter, Vec::new()).await, Err(StoreError::JoinCodeTaken)),
        "its code stays reserved for when it is restored"
    );
    assert!(matches!(store.set_join_code(older.id, "ARCH02").await, Err(StoreError::JoinCodeTaken)));

    store.set_workshop_archived(archived.id, false).await.expect("restore");
    assert_eq!(store.workshop_by_join_code("arch02").await.expect("lookup"), Some(archived.clone()));
    assert_eq!(store.workshops_of(owner).await.expect("list"), vec![archived, older]);
    store.set_workshop_archived(Uuid::new_v4(), true).await.expect("archiving an unknown workshop is not an error");
}

pub async fn a_follow_up_page_is_found_by_its_token_hash_until_withdrawn_or_deleted<S: Store>(store: S) {
    let owner = Uuid::new_v4();
    let (first, second) = (entry(Uuid::new_v4(), "PAGE01", owner, 1), entry(Uuid::new_v4(), "PAGE02", owner, 2));
    for workshop in [&first, &second] {
        store.create_workshop(workshop.clone(), Vec::new()).await.expect("create");
    }
    assert_eq!(
        store.workshops_without_follow_up_index().await.expect("list"),
        Vec::<Uuid>::new(),
        "a workshop created here is indexed from the start"
    );
    let hash = |token: &str| converge_store::chain::sha256_hex(token.as_bytes());
    let (token, new_token) = (hash("first-page-token-0123456789"), hash("second-page-token-0123456789"));
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), None);

    store.set_follow_up_token(first.id, Some(&token)).await.expect("publish");
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), Some(first.id));
    assert_eq!(store.workshop_by_follow_up_token(&token.to_uppercase()).await.expect("lookup"), None, "exact match");
    assert!(
        matches!(
            store.set_follow_up_token(second.id, Some(&token)).await,
            Err(StoreError::Duplicate("follow-up token"))
        ),
        "a token opens one page"
    );
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), Some(first.id));

    store.set_follow_up_token(first.id, Some(&new_token)).await.expect("a new address");
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), None, "the old address is gone");
    assert_eq!(store.workshop_by_follow_up_token(&new_token).await.expect("lookup"), Some(first.id));
    store.set_follow_up_token(second.id, Some(&token)).await.expect("a freed token hash can be used again");
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), Some(second.id));

    store.set_follow_up_token(second.id, None).await.expect("withdraw");
    assert_eq!(store.workshop_by_follow_up_token(&token).await.expect("lookup"), None);
    store.set_workshop_archived(first.id, true).await.expect("archive");
    assert_eq!(
        store.workshop_by_follow_up_token(&new_token).await.expect("lookup"),
        Some(first.id),
        "an archived workshop's page stays up"
    );
    store.mark_workshop_deleted(first.id).await.expect("delete");
    assert_eq!(store.workshop_by_follow_up_token(&new_token).await.expect("lookup"), None, "a deleted one's does not");
    store.set_follow_up_token(Uuid::new_v4(), Some(&token)).await.expect("an unknown workshop is not an error");
    assert_eq!(store.workshops_without_follow_up_index().await.expect("list"), Vec::<Uuid>::new());
}

pub async fn card_images_come_back_byte_for_byte_per_workshop_and_card<S: Store>(store: S) {
    let (workshop, other_workshop) = (Uuid::new_v4(), Uuid::new_v4());
    // Every byte value, and a NUL first: an image is binary, never text.
    let image: Vec<u8> = (0..=255u8).chain(std::iter::repeat_n(0x89, 300_000)).collect();
    let sha = converge_store::chain::sha256_hex(&image);
    assert_eq!(store.card_image(workshop, "c1").await.expect("read"), None, "nothing before it is put");
    store.put_card_image(workshop, "c1", &sha, image.clone(), "image/png").await.expect("put");
    assert_eq!(store.card_image(workshop, "c1").await.expect("read"), Some(("image/png".to_owned(), image.clone())));
    assert_eq!(store.card_image(other_workshop, "c1").await.expect("read"), None, "images belong to one workshop");
    assert_eq!(store.card_image(workshop, "c2").await.expect("read"), None);

    let replacement = vec![1, 2, 3];
    let replacement_sha = converge_store::chain::sha256_hex(&replacement);
    store.put_card_image(workshop, "c1", &replacement_sha, replacement.clone(), "image/png").await.expect("put again");
    assert_eq!(store.card_image(workshop, "c1").await.expect("read"), Some(("image/png".to_owned(), replacement)));
}

pub async fn ping_answers<S: Store>(store: S) {
    store.ping().await.expect("ping");
}
