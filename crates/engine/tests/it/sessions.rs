//! Session timeouts, with the clock moved by writing sessions whose times lie in the past: a
//! session ends at its absolute lifetime however busy, and earlier when left unused.

use converge_core::AccountId;
use converge_engine::accounts::{SESSION_IDLE_LIMIT_MS, SESSION_LIFETIME_MS};
use converge_engine::{Engine, now};
use converge_store::chain::sha256_hex;
use converge_store::{Directory, Session};
use converge_store_sqlite::SqliteStore;
use converge_test_support::engine::TestEngine;
use std::sync::Arc;

const MINUTE: i64 = 60 * 1000;

struct Setup {
    _dir: tempfile::TempDir,
    store: Arc<SqliteStore>,
    engine: Engine,
    account: AccountId,
}

async fn setup() -> Setup {
    let test = TestEngine::new();
    let account = test.facilitator().await;
    let TestEngine { dir, store, engine } = test;
    Setup { _dir: dir, store, engine, account }
}

impl Setup {
    /// A session as if opened `age` ago and last used `idle` ago; returns its token.
    async fn session_aged(&self, token: &str, age: i64, idle: i64) -> String {
        let now = now().0;
        let session = Session {
            token_hash: sha256_hex(token.as_bytes()),
            account: self.account.as_uuid(),
            created_at: now - age,
            expires_at: now - age + SESSION_LIFETIME_MS,
            last_used_at: now - idle,
            user_agent: String::new(),
        };
        self.store.create_session(session).await.unwrap();
        token.to_owned()
    }

    async fn is_live(&self, token: &str) -> bool {
        self.engine.session_account(token).await.unwrap().is_some()
    }
}

#[tokio::test]
async fn a_session_ends_at_its_lifetime_however_recently_used() {
    let setup = setup().await;
    let fresh = setup.session_aged("fresh", SESSION_LIFETIME_MS - MINUTE, MINUTE).await;
    let over = setup.session_aged("over", SESSION_LIFETIME_MS + MINUTE, MINUTE).await;
    assert!(setup.is_live(&fresh).await, "a minute before its lifetime is up");
    assert!(!setup.is_live(&over).await, "a minute after, though used a minute ago");
}

#[tokio::test]
async fn a_session_left_unused_ends_and_is_no_longer_listed() {
    let setup = setup().await;
    let busy = setup.session_aged("busy", 2 * SESSION_IDLE_LIMIT_MS, SESSION_IDLE_LIMIT_MS - MINUTE).await;
    let idle = setup.session_aged("idle", 2 * SESSION_IDLE_LIMIT_MS, SESSION_IDLE_LIMIT_MS + MINUTE).await;
    let listed = setup.engine.sessions_of(setup.account, &busy).await.unwrap();
    assert_eq!(listed.len(), 1, "the idle session is not listed: {listed:?}");
    assert!(listed[0].current);
    assert!(!setup.is_live(&idle).await, "unused for longer than the idle limit");
    assert!(setup.store.session(&sha256_hex(idle.as_bytes()), now().0).await.unwrap().is_none(), "and deleted");

    // Using a session moves its idle limit on.
    assert!(setup.is_live(&busy).await);
    let stored = setup.store.session(&sha256_hex(busy.as_bytes()), now().0).await.unwrap().unwrap();
    assert!(now().0 - stored.last_used_at < MINUTE, "the use was recorded");
}

#[tokio::test]
async fn an_operator_ends_every_session_of_an_account() {
    let setup = setup().await;
    let laptop = setup.session_aged("laptop", MINUTE, MINUTE).await;
    let phone = setup.session_aged("phone", MINUTE, MINUTE).await;
    assert_eq!(setup.engine.end_all_sessions(setup.account).await.unwrap(), 2);
    assert!(!setup.is_live(&laptop).await);
    assert!(!setup.is_live(&phone).await);
}
