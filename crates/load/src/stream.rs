//! One participant's live stream (`GET /api/v1/workshops/{id}/events`), read as a phone's page
//! reads it, noting which of the run's notes arrive and when.
//!
//! Each note the run posts says who posted it and when, in its text: `load-note {index}
//! {sent_us}`, `sent_us` counted from the run's epoch. A stream that sees the note records the
//! delay since it was sent, with no table shared between the poster and thousands of readers.

use crate::histogram::Histogram;
use futures_util::StreamExt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::watch;

const MARKER: &str = "\"text\":\"load-note ";

/// The text of the run's note number `index`, sent `sent_us` after the epoch.
pub fn note_text(index: u64, sent_us: u64) -> String {
    format!("load-note {index} {sent_us}")
}

/// What every stream of a run adds to.
pub struct Deliveries {
    pub epoch: Instant,
    /// From a note's send to its arrival on the streams of everyone but its author.
    pub latency: Histogram,
    /// Notes seen for the first time on a stream (the author's own included).
    pub delivered: AtomicU64,
    /// A note seen twice on one stream.
    pub duplicates: AtomicU64,
    /// How many participants post: note `index` is by participant `index % posters`.
    pub posters: u64,
}

impl Deliveries {
    pub fn new(epoch: Instant, posters: usize) -> Deliveries {
        Deliveries {
            epoch,
            latency: Histogram::default(),
            delivered: AtomicU64::new(0),
            duplicates: AtomicU64::new(0),
            posters: posters as u64,
        }
    }

    pub fn micros_since_epoch(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_micros()).unwrap_or(u64::MAX)
    }
}

/// What one stream saw by the time it was stopped.
pub struct StreamOutcome {
    /// Bit `i` is set when note `i` arrived.
    pub seen: Vec<u64>,
    /// Why the stream ended before it was told to stop, if it did.
    pub failure: Option<String>,
}

impl StreamOutcome {
    pub fn saw(&self, index: u64) -> bool {
        self.seen.get((index / 64) as usize).is_some_and(|word| word & (1 << (index % 64)) != 0)
    }
}

/// An open stream, answered 200 by the server and not yet read.
pub struct OpenStream {
    response: reqwest::Response,
}

/// Opens participant `token`'s stream of `workshop`, starting after sequence number `after`.
/// Once this returns, the server has subscribed the stream: every later event reaches it.
pub async fn open(
    http: &reqwest::Client,
    base: &str,
    workshop: &str,
    token: &str,
    after: u64,
) -> Result<OpenStream, String> {
    let url = format!("{base}/api/v1/workshops/{workshop}/events?after={after}");
    let response = http.get(url).bearer_auth(token).send().await.map_err(|error| {
        if error.is_connect() { "stream: could not connect".to_owned() } else { "stream: request failed".to_owned() }
    })?;
    if response.status() != 200 {
        return Err(format!("stream: HTTP {}", response.status().as_u16()));
    }
    Ok(OpenStream { response })
}

impl OpenStream {
    /// Reads the stream of participant number `me` until `stop` turns true.
    pub async fn follow(self, me: u64, deliveries: Arc<Deliveries>, mut stop: watch::Receiver<bool>) -> StreamOutcome {
        let mut body = self.response.bytes_stream();
        let mut buffer: Vec<u8> = Vec::with_capacity(8192);
        let mut outcome = StreamOutcome { seen: Vec::new(), failure: None };
        loop {
            let chunk = tokio::select! {
                chunk = body.next() => chunk,
                _ = stop.wait_for(|stopped| *stopped) => return outcome,
            };
            let chunk = match chunk {
                Some(Ok(chunk)) => chunk,
                Some(Err(_)) => {
                    outcome.failure = Some("stream: connection broken".to_owned());
                    return outcome;
                }
                None => {
                    outcome.failure = Some("stream: ended by the server".to_owned());
                    return outcome;
                }
            };
            let received_us = deliveries.micros_since_epoch();
            // Only the new bytes can complete an event: look for its end from just before them.
            let search_from = buffer.len().saturating_sub(1);
            buffer.extend_from_slice(&chunk);
            let mut consumed = 0;
            let mut from = search_from;
            while let Some(end) = find(&buffer[from..], b"\n\n").map(|at| from + at) {
                note_arrival(&buffer[consumed..end], me, received_us, &deliveries, &mut outcome.seen);
                consumed = end + 2;
                from = consumed;
            }
            buffer.drain(..consumed);
        }
    }
}

/// Records the run's note in one event block, if it carries one.
fn note_arrival(block: &[u8], me: u64, received_us: u64, deliveries: &Deliveries, seen: &mut Vec<u64>) {
    let Ok(block) = std::str::from_utf8(block) else { return };
    let Some(at) = block.find(MARKER) else { return };
    let mut numbers = block[at + MARKER.len()..].split(|c: char| !c.is_ascii_digit()).filter(|part| !part.is_empty());
    let (Some(Ok(index)), Some(Ok(sent_us))) =
        (numbers.next().map(str::parse::<u64>), numbers.next().map(str::parse::<u64>))
    else {
        return;
    };
    let word = (index / 64) as usize;
    if seen.len() <= word {
        seen.resize(word + 1, 0);
    }
    let bit = 1 << (index % 64);
    if seen[word] & bit != 0 {
        deliveries.duplicates.fetch_add(1, Ordering::Relaxed);
        return;
    }
    seen[word] |= bit;
    deliveries.delivered.fetch_add(1, Ordering::Relaxed);
    if index % deliveries.posters != me {
        deliveries.latency.record(Duration::from_micros(received_us.saturating_sub(sent_us)));
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_in_an_event_block_is_counted_once() {
        let deliveries = Deliveries::new(Instant::now(), 10);
        let mut seen = Vec::new();
        let block = format!(
            "id: 9\ndata: {{\"seq\":9,\"kind\":\"contribution_posted\",\"payload\":{{\"author\":null,{MARKER}{} x\"}}}}",
            "130 1000"
        );
        note_arrival(block.as_bytes(), 3, 1500, &deliveries, &mut seen);
        note_arrival(block.as_bytes(), 3, 1600, &deliveries, &mut seen);
        assert_eq!(deliveries.delivered.load(Ordering::Relaxed), 1);
        assert_eq!(deliveries.duplicates.load(Ordering::Relaxed), 1);
        assert_eq!(deliveries.latency.max(), Some(Duration::from_micros(500)));
        let outcome = StreamOutcome { seen, failure: None };
        assert!(outcome.saw(130) && !outcome.saw(129) && !outcome.saw(100_000));
    }

    #[test]
    fn the_author_stream_counts_the_delivery_but_not_the_latency() {
        let deliveries = Deliveries::new(Instant::now(), 10);
        let mut seen = Vec::new();
        let block = format!("data: {{\"text\":\"{}\"}}", note_text(13, 5));
        note_arrival(block.as_bytes(), 3, 50, &deliveries, &mut seen);
        assert_eq!(deliveries.delivered.load(Ordering::Relaxed), 1);
        assert_eq!(deliveries.latency.count(), 0);
        note_arrival(b": keep-alive", 3, 50, &deliveries, &mut seen);
        assert_eq!(deliveries.delivered.load(Ordering::Relaxed), 1);
    }
}
