//! Load for a Converge server, over HTTP as phones and API clients send it:
//!
//! * [`room`]: N participants each on the workshop's live stream, posting notes at a set rate
//!   (and changing votes beside them): acknowledged writes per second, acknowledgement latency,
//!   the time from a note's send to its arrival on every other stream, what never arrives, the
//!   server's memory idle and under load;
//! * [`votes`]: as many durable votes as the server acknowledges, from many concurrent voters;
//! * [`raw`]: the same durable work straight into SQLite in one process, the machine's limit,
//!   to give Converge's rate as a ratio of it.
//!
//! The `converge-load` binary runs them and prints the figures BENCHMARKS.md records.

pub mod client;
pub mod histogram;
pub mod raw;
pub mod room;
pub mod server;
pub mod stream;
pub mod votes;

/// Raises this process's open-file limit to its hard limit: a room of 2,000 participants is
/// 4,000 sockets and more (a stream each, and their posts), past the usual soft limit of 1,024.
/// Returns the limit now in force.
pub fn raise_open_file_limit() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let limit = getrlimit(Resource::Nofile);
    if limit.current != limit.maximum {
        let raised = rustix::process::Rlimit { current: limit.maximum, maximum: limit.maximum };
        if setrlimit(Resource::Nofile, raised).is_ok() {
            return raised.current;
        }
    }
    limit.current
}
