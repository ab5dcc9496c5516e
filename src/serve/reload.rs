//! Reloading when files change: poll the fingerprints (size, modification time, inode) of the
//! files, wait until a change has held still for one interval (a file being written keeps
//! changing), read everything again off the async threads, then swap the snapshot. Requests
//! running meanwhile keep the snapshot they started with; none is dropped or delayed.
//!
//! Polling rather than file-system notifications: it works the same on every platform, on
//! network and container file systems, and for editors that replace files by renaming; a
//! second of delay does not matter for open data.

use super::State;
use super::snapshot::LoadSummary;
use super::source::{self, LoadError};
use std::sync::Arc;
use std::time::Duration;

/// The outcome of [`State::reload`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reload {
    /// The new data is served.
    Replaced(LoadSummary),
    /// These files are not well-formed JSON (perhaps still being written): the data served so far
    /// stays until they change again.
    KeptBroken { files: Vec<String> },
}

/// What the watcher did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReloadEvent {
    /// A change was read: either served, or refused because a file is broken.
    Reloaded(Reload),
    /// A file could not be read (deleted, permissions): the data served so far stays.
    Failed(LoadError),
}

pub(crate) async fn watch(
    state: State,
    interval: Duration,
    on_event: Arc<dyn Fn(ReloadEvent) + Send + Sync>,
) {
    let mut last = state.read_fingerprint();
    loop {
        tokio::time::sleep(interval).await;
        let sources = state.sources().to_vec();
        let Ok(now) = tokio::task::spawn_blocking(move || source::fingerprint(&sources)).await
        else {
            continue;
        };
        let changed = now != state.read_fingerprint();
        let settled = now == last;
        last = now;
        if !changed || !settled {
            continue;
        }
        // Changed since the last reading, and the same as one interval ago: read it.
        let reader = state.clone();
        match tokio::task::spawn_blocking(move || reader.reload()).await {
            Ok(Ok(reload)) => on_event(ReloadEvent::Reloaded(reload)),
            Ok(Err(e)) => on_event(ReloadEvent::Failed(e)),
            Err(_) => {}
        }
    }
}
