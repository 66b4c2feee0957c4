//! The load generator at CI size, against the real binary: a room of 50 participants, each on
//! the live stream, posting 20 notes a second and changing votes for 5 s; then 20 voters casting
//! ballots as fast as they are acknowledged. Every note must be acknowledged and reach every
//! stream exactly once, every ballot be recorded, nothing fail. No timing is checked here: the
//! figures come from a release build and are in BENCHMARKS.md ("Load").

use converge_load::room::{self, RoomConfig};
use converge_load::server::ServerProcess;
use converge_load::votes::{self, VotesConfig};
use std::path::Path;
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_converge");

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_note_reaches_every_stream_of_a_room_under_load() {
    let server = ServerProcess::start(Path::new(BIN)).expect("the server starts");
    let config = RoomConfig {
        participants: 50,
        posts_per_second: 20.0,
        duration: Duration::from_secs(5),
        votes_per_second: 10.0,
        // A slow CI machine may lag: wait long enough that only a lost note counts as missed.
        drain: Duration::from_secs(30),
    };
    let report = room::run(server.target.clone(), config).await.expect("the room runs");
    eprintln!("{report}");
    assert!(report.errors.is_empty(), "errors under load: {:?}", report.errors);
    assert_eq!(report.streams_connected, 50);
    assert_eq!((report.posts_sent, report.posts_acknowledged), (100, 100));
    assert_eq!((report.votes_sent, report.votes_acknowledged), (50, 50));
    assert_eq!(report.deliveries_expected, 100 * 50);
    assert_eq!(report.deliveries_missed, 0, "notes acknowledged but never delivered to some stream");
    assert_eq!(report.duplicate_deliveries, 0, "a note arrived twice on one stream");
    // Every stream other than the author's timed each note.
    assert_eq!(report.delivery.count, 100 * 49);
    let memory = report.memory_end.expect("the server's memory is read from /proc");
    assert!(memory.peak_kb >= memory.rss_kb && memory.rss_kb > 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_voters_get_every_ballot_acknowledged() {
    let server = ServerProcess::start(Path::new(BIN)).expect("the server starts");
    let config = VotesConfig { voters: 20, workshops: 2, duration: Duration::from_secs(2) };
    let report = votes::run(server.target.clone(), config).await.expect("the votes run");
    eprintln!("{report}");
    assert!(report.errors.is_empty(), "errors under load: {:?}", report.errors);
    assert!(report.acknowledged >= 20, "fewer ballots than voters were acknowledged");
    let bytes = report.payload_bytes.expect("the ballots are read back from the database");
    assert!(bytes > 50.0, "a stored ballot of {bytes} bytes");
}
