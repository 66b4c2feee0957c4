//! The engine on a real SQLite store in a temporary folder, and the workshop most engine tests
//! start from. One set-up for every test that calls the engine directly.

use converge_core::{AccountId, ActivityId, ActivityKind, Actor, Command, Language, ParticipantId, WorkshopId};
use converge_engine::{ActivityDraft, Engine, NewWorkshop};
use converge_store::Store;
use converge_store_sqlite::SqliteStore;
use std::path::PathBuf;
use std::sync::Arc;

/// The secret the tests' engines sign participant tokens with.
pub const SECRET: [u8; 32] = [1; 32];

/// The facilitator account the tests sign in as.
pub const FACILITATOR_EMAIL: &str = "ann@example.org";

/// An engine on its own SQLite file, deleted with the folder when this is dropped.
pub struct TestEngine {
    pub dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub engine: Engine,
}

impl TestEngine {
    /// A new, empty store and an engine on it, signing with [`SECRET`].
    pub fn new() -> TestEngine {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let store = Arc::new(SqliteStore::open(&dir.path().join("converge.db")).expect("a new SQLite store"));
        let engine = Engine::new(store.clone() as Arc<dyn Store>, SECRET);
        TestEngine { dir, store, engine }
    }

    /// The database file, to open it again as a restarted server would.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("converge.db")
    }

    /// Adds the facilitator account Ann.
    pub async fn facilitator(&self) -> AccountId {
        self.engine
            .add_facilitator(FACILITATOR_EMAIL, "Ann", "long enough password")
            .await
            .expect("the facilitator account is added")
    }

    /// Creates a French workshop named "Atelier" with `agenda`: its id and join code.
    pub async fn workshop(&self, account: AccountId, agenda: Vec<ActivityDraft>) -> (WorkshopId, String) {
        let request = NewWorkshop { title: "Atelier".into(), language: Language::Fr, agenda };
        let entry = self.engine.create_workshop(account, request).await.expect("the workshop is created");
        (WorkshopId::from_uuid(entry.id), entry.join_code)
    }

    /// A workshop whose one activity, challenges, is open, with `n_people` people joined
    /// (named `P0`, `P1`, …).
    pub async fn challenges_room(self, n_people: usize) -> ChallengesRoom {
        let account = self.facilitator().await;
        let (workshop, join_code) = self.workshop(account, vec![challenges()]).await;
        let activity = self.engine.state(workshop).await.expect("the workshop's state").workshop.activities[0].id;
        let open = Command::OpenActivity { activity_id: activity };
        self.engine.execute(workshop, Actor::Account(account), open).await.expect("the challenges open");
        let mut people = Vec::new();
        for n in 0..n_people {
            let joined = self.engine.join(&join_code, &format!("P{n}"), "").await.expect("a person joins");
            people.push(joined.participant);
        }
        let TestEngine { dir, store, engine } = self;
        ChallengesRoom { dir, store, engine, account, workshop, join_code, activity, people }
    }
}

impl Default for TestEngine {
    fn default() -> Self {
        TestEngine::new()
    }
}

/// A workshop on a [`TestEngine`] whose challenges are open, with people in it.
pub struct ChallengesRoom {
    pub dir: tempfile::TempDir,
    pub store: Arc<SqliteStore>,
    pub engine: Engine,
    /// The facilitator's account, Ann.
    pub account: AccountId,
    pub workshop: WorkshopId,
    pub join_code: String,
    /// The challenges activity, open.
    pub activity: ActivityId,
    pub people: Vec<ParticipantId>,
}

/// A challenges activity without settings, as the first of an agenda.
pub fn challenges() -> ActivityDraft {
    ActivityDraft {
        key: None,
        kind: ActivityKind::Challenges,
        title: "Défis".into(),
        prompt: String::new(),
        config: Default::default(),
        source_keys: Vec::new(),
    }
}
