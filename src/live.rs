//! Live updates. A write notes on its transaction which topics it touched for whom
//! ("order-42" for its client and worker, "bell" for a new notification, "queue" for the
//! managers; `WriteTx::note`); once the write has committed, the database's writer publishes
//! them to its hub, and each signed-in browser's one event stream passes on those meant for
//! it. A rolled-back write publishes nothing. Idle streams cost no database work: the hub is
//! memory only. It keeps the latest events so a reconnecting stream resumes from its last id,
//! and counts the streams each session holds open. When the process begins to stop, the hub
//! closes: every stream ends at once (the browser reconnects, to the next process) instead of
//! holding the shutdown for its whole grace period.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::identity::Role;

/// Who a change concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    User(i64),
    Role(Role),
}

impl Audience {
    pub fn includes(&self, user_id: i64, role: Role) -> bool {
        match self {
            Audience::User(id) => *id == user_id,
            Audience::Role(r) => *r == role,
        }
    }
}

/// A published change: its id (for resuming), who it concerns and the topic.
#[derive(Debug)]
pub struct Event {
    pub id: u64,
    pub audience: Audience,
    pub topic: String,
}

/// Noted for a user when some of their sessions end (logout, a password change or reset,
/// deactivation, a role change): their streams check whether their own session still lives
/// and close if not. For the streams only, never sent on to a browser.
pub const SESSIONS_ENDED: &str = "sessions-ended";

/// Events kept for streams that reconnect.
const KEPT: usize = 1024;

pub struct Hub {
    sender: broadcast::Sender<Arc<Event>>,
    kept: Mutex<VecDeque<Arc<Event>>>,
    next_id: AtomicU64,
    /// Streams open per session (by the session's token hash).
    streams: Mutex<HashMap<String, usize>>,
    /// Turns true once when shutdown begins; every stream ends then.
    closing: tokio::sync::watch::Sender<bool>,
}

/// One open stream's place among its session's; given back when dropped, which happens when
/// the stream ends or its client goes away.
pub struct StreamPlace {
    hub: Arc<Hub>,
    session: String,
}

impl Drop for StreamPlace {
    fn drop(&mut self) {
        let mut streams = self.hub.streams.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(open) = streams.get_mut(&self.session) {
            *open -= 1;
            if *open == 0 {
                streams.remove(&self.session);
            }
        }
    }
}

impl Default for Hub {
    fn default() -> Hub {
        Hub::new()
    }
}

impl Hub {
    /// An empty hub; each database's writer holds one (`db::Writer::live`), so two apps in
    /// one process, as in tests, never hear each other.
    pub fn new() -> Hub {
        Hub {
            sender: broadcast::channel(KEPT).0,
            kept: Mutex::new(VecDeque::with_capacity(KEPT)),
            next_id: AtomicU64::new(1),
            streams: Mutex::default(),
            closing: tokio::sync::watch::Sender::new(false),
        }
    }

    /// Ends every stream, now and as soon as one opens: the process is stopping.
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Follows the hub's closing (a stream waits on it beside its events).
    pub fn closing(&self) -> tokio::sync::watch::Receiver<bool> {
        self.closing.subscribe()
    }

    /// A place for one more stream of `session`, or `None` when it holds `max` already.
    pub fn claim_stream(self: &Arc<Self>, session: &str, max: usize) -> Option<StreamPlace> {
        let mut streams = self.streams.lock().unwrap_or_else(|e| e.into_inner());
        let open = streams.entry(session.to_string()).or_default();
        if *open >= max {
            return None;
        }
        *open += 1;
        Some(StreamPlace {
            hub: Arc::clone(self),
            session: session.to_string(),
        })
    }

    /// Publishes changes now. Code that changes data notes them on its write instead
    /// (`WriteTx::note`), so nothing is told before it is committed.
    pub fn publish(&self, changes: Vec<(Audience, String)>) {
        let mut kept = self.kept.lock().expect("hub lock");
        for (audience, topic) in changes {
            let id = self.next_id.fetch_add(1, Ordering::SeqCst);
            let event = Arc::new(Event {
                id,
                audience,
                topic,
            });
            if kept.len() == KEPT {
                kept.pop_front();
            }
            kept.push_back(event.clone());
            // No stream listening is fine: nobody is waiting for this one.
            let _ = self.sender.send(event);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.sender.subscribe()
    }

    /// The kept events after `last_id`, or `None` when some of them are no longer kept (the
    /// stream must then tell its page to refresh everything).
    pub fn since(&self, last_id: u64) -> Option<Vec<Arc<Event>>> {
        let kept = self.kept.lock().expect("hub lock");
        let oldest = kept
            .front()
            .map_or(self.next_id.load(Ordering::SeqCst), |e| e.id);
        if last_id + 1 < oldest {
            return None;
        }
        Some(kept.iter().filter(|e| e.id > last_id).cloned().collect())
    }

    /// The id the next event will have (a new stream starts after the current last one).
    pub fn last_id(&self) -> u64 {
        self.next_id.load(Ordering::SeqCst) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_resumes_after_its_last_id_or_learns_it_missed_too_much() {
        let hub = Hub::new();
        let changes = (0..KEPT + 10).map(|i| (Audience::Role(Role::Manager), format!("t{i}")));
        hub.publish(changes.collect());
        assert!(hub.since(3).is_none(), "events 4..10 are no longer kept");
        let last = hub.last_id();
        assert_eq!(hub.since(last - 2).unwrap().len(), 2);
        assert!(Audience::Role(Role::Manager).includes(1, Role::Manager));
        assert!(!Audience::User(2).includes(1, Role::Manager));
    }

    #[test]
    fn a_session_holds_at_most_its_streams_and_a_closed_one_frees_its_place() {
        let hub = Arc::new(Hub::new());
        let first = hub.claim_stream("a", 2).unwrap();
        let second = hub.claim_stream("a", 2).unwrap();
        assert!(hub.claim_stream("a", 2).is_none());
        assert!(
            hub.claim_stream("b", 2).is_some(),
            "another session is apart"
        );
        drop(first);
        assert!(hub.claim_stream("a", 2).is_some());
        drop(second);
        assert!(
            hub.streams.lock().unwrap().is_empty(),
            "nothing kept once all close"
        );
    }
}
