//! What `converge serve` does between opening its data folder and accepting connections. A
//! library function rather than part of `main`, so that the tests' in-process server
//! (`converge-test-support`) starts the very same way as the binary.

use anyhow::Context;
use converge_engine::Engine;
use converge_web::AppState;
use converge_web::net::{Cidr, ConnectionLimits};
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

/// How a server is reached, from `converge serve`'s flags.
#[derive(Default)]
pub struct ServeOptions {
    /// The address participants use; when unset, the address the facilitator's browser used.
    pub public_url: Option<String>,
    /// Reverse proxies whose forwarding headers say who the client is.
    pub trusted_proxies: Vec<Cidr>,
    /// A folder of templates offered besides the shipped ones.
    pub templates: Option<std::path::PathBuf>,
}

/// Prepares a server on an open data folder: indexes the follow-up pages published before this
/// version, then builds the state its routes share. Called before listening, so that no
/// published page is a 404 even for a moment; the index reads only the workshops never indexed,
/// so nothing after the first start.
pub async fn prepare(engine: Engine, options: ServeOptions, shutdown: CancellationToken) -> anyhow::Result<AppState> {
    // A bad template refuses the start, naming its file and line: better than a facilitator
    // finding it missing in front of the room.
    let templates = match &options.templates {
        Some(folder) => {
            let templates = converge_engine::templates::with_folder(folder)?;
            let extra = templates.len() - converge_engine::templates::shipped().len();
            tracing::info!(templates = extra, "offering {extra} templates from {}", folder.display());
            Some(templates)
        }
        None => None,
    };
    let n_pages = engine.index_follow_up_pages().await.context("cannot index the follow-up pages")?;
    if n_pages > 0 {
        tracing::info!(pages = n_pages, "indexed {n_pages} follow-up pages published before this version");
    }
    let mut state = AppState::new(engine, options.public_url, shutdown);
    state.trusted_proxies = Arc::new(options.trusted_proxies);
    if let Some(templates) = templates {
        state.templates = Arc::new(templates);
    }
    Ok(state)
}

/// The connection caps of this process, after raising its open-file limit to the hard limit.
pub fn connection_limits() -> ConnectionLimits {
    ConnectionLimits::for_descriptors(raise_open_file_limit())
}

/// Raises the open-file limit to the hard limit: every phone in the room holds a live stream
/// open, and a large room needs thousands of sockets, past the usual soft limit of 1,024.
/// Returns the limit now in force, which sizes the connection caps.
fn raise_open_file_limit() -> u64 {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current != limit.maximum {
            match setrlimit(Resource::Nofile, Rlimit { current: limit.maximum, ..limit }) {
                Ok(()) => return limit.maximum.unwrap_or(u64::MAX),
                Err(error) => {
                    tracing::warn!(%error, "cannot raise the open-file limit; a large room may be refused connections")
                }
            }
        }
        limit.current.unwrap_or(u64::MAX)
    }
    #[cfg(not(unix))]
    {
        // Windows has no such limit on sockets; the caps follow a large room.
        8192
    }
}
