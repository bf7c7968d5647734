//! `GET /events`: the signed-in user's one server-sent event stream. Each event is a topic
//! ("order-42", "bell", "queue") that pages listen for to refresh a part of themselves; a
//! reconnecting browser sends the last id it saw and gets what it missed, or "resync" when
//! that is no longer kept. Waiting costs no database work: the events come from the
//! in-memory hub (`live`), and a comment every 25 s keeps proxies from closing the stream.
//!
//! A stream lives no longer than its session. Every explicit end of a session (logout,
//! password change or reset, deactivation, role change) notes `live::SESSIONS_ENDED` for the
//! user when it commits; the user's streams then ask whether their own session still lives
//! (a couple of indexed reads) and close if not. They ask the same before each topic they
//! pass on and on each keep-alive tick, which covers idle and absolute expiry, where nothing
//! is told, and a signal lost to a lagging receiver. One signal per user and a re-check is
//! simpler than a channel per session, and a stream cannot miss its end by missing a message.
//! A session holds a few streams at most (`max_streams_per_session`, one per tab): one more
//! is refused with 429.
//!
//! When shutdown begins the hub closes and every stream ends at once, with a short `retry` so
//! the browser's EventSource reconnects (to the next process) within a second or so; an open
//! stream would otherwise hold the process for its whole shutdown grace.

use std::sync::Arc;
use std::time::Duration;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use futures_util::stream;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

use crate::auth::handlers::session::session_lives;
use crate::error::AppError;
use crate::identity::{CurrentUser, Role};
use crate::live::{Event, SESSIONS_ENDED, StreamPlace};
use crate::state::AppState;
use crate::web::ctx::Ctx;

const KEEP_ALIVE: Duration = Duration::from_secs(25);
/// The last frame of a stream ended by shutdown: reconnect after a second, by when the next
/// process is usually listening (the browser's own default is a few seconds).
const RECONNECT_SOON: &[u8] = b"retry: 1000\n\n";
/// `Retry-After` for a stream over its session's limit, in seconds.
const RETRY_STREAM_AFTER: u64 = 5;

fn frame(id: u64, topic: &str) -> Bytes {
    Bytes::from(format!("id: {id}\nevent: {topic}\ndata: {topic}\n\n"))
}

/// What the stream knows between two events.
struct Listener {
    events: broadcast::Receiver<Arc<Event>>,
    state: web::Data<AppState>,
    session_hash: String,
    /// Held while the stream is open: the session's place for it.
    _place: StreamPlace,
    user_id: i64,
    role: Role,
    /// Frames to send before waiting again (the backlog of a reconnect).
    queued: Vec<Bytes>,
    /// The last event id sent or skipped: the backlog may overlap the live events.
    seen: u64,
    /// Turns true when the process begins to stop.
    closing: watch::Receiver<bool>,
    /// The last frame is sent: the body ends at the next poll.
    ended: bool,
}

/// What a stream woke up for.
enum Woke {
    Closing,
    Received(Result<Result<Arc<Event>, RecvError>, tokio::time::error::Elapsed>),
}

impl Listener {
    async fn next(mut self) -> Option<(Result<Bytes, actix_web::Error>, Listener)> {
        if self.ended {
            return None;
        }
        if *self.closing.borrow() {
            return self.last_frame();
        }
        if !self.queued.is_empty() {
            let frame = self.queued.remove(0);
            return Some((Ok(frame), self));
        }
        loop {
            let woke = tokio::select! {
                biased;
                _ = self.closing.wait_for(|closing| *closing) => Woke::Closing,
                received = tokio::time::timeout(KEEP_ALIVE, self.events.recv()) => Woke::Received(received),
            };
            let received = match woke {
                Woke::Closing => return self.last_frame(),
                Woke::Received(received) => received,
            };
            let frame = match received {
                Err(_) => Bytes::from_static(b": keep-alive\n\n"),
                Ok(Ok(event)) if event.id <= self.seen => continue,
                Ok(Ok(event)) => {
                    self.seen = event.id;
                    if !event.audience.includes(self.user_id, self.role) {
                        continue;
                    }
                    if event.topic == SESSIONS_ENDED {
                        if self.session_lives() {
                            continue;
                        }
                        return None;
                    }
                    frame(event.id, &event.topic)
                }
                // Too slow to keep up: the page refreshes what it shows instead.
                Ok(Err(RecvError::Lagged(_))) => frame(self.seen, "resync"),
                Ok(Err(RecvError::Closed)) => return None,
            };
            // Ending the body ends the response: the browser sees the stream close.
            if !self.session_lives() {
                return None;
            }
            return Some((Ok(frame), self));
        }
    }

    /// Tells the browser to reconnect soon, then ends the body (shutdown).
    fn last_frame(mut self) -> Option<(Result<Bytes, actix_web::Error>, Listener)> {
        self.ended = true;
        Some((Ok(Bytes::from_static(RECONNECT_SOON)), self))
    }

    fn session_lives(&self) -> bool {
        session_lives(&self.state, &self.session_hash)
    }
}

/// The frames a (re)connecting stream starts with, and the last event id they account for.
fn backlog(state: &AppState, user: &CurrentUser, resumed_from: Option<u64>) -> (Vec<Bytes>, u64) {
    let Some(last) = resumed_from else {
        let connected = Bytes::from_static(b": connected\n\n");
        return (vec![connected], state.live.last_id());
    };
    match state.live.since(last) {
        Some(missed) => {
            let mine = missed
                .iter()
                .filter(|e| e.audience.includes(user.id, user.role) && e.topic != SESSIONS_ENDED)
                .map(|e| frame(e.id, &e.topic));
            let seen = missed.last().map_or(last, |e| e.id);
            (mine.collect(), seen)
        }
        None => (
            vec![frame(state.live.last_id(), "resync")],
            state.live.last_id(),
        ),
    }
}

pub async fn stream(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let max = state.settings().security.max_streams_per_session;
    // A place frees when a stream closes; a browser's reconnect backs off a few seconds.
    let place = state
        .live
        .claim_stream(&user.session_hash, max)
        .ok_or(AppError::Throttled(RETRY_STREAM_AFTER))?;
    // Subscribe before reading the backlog, so nothing falls between the two.
    let events = state.live.subscribe();
    let resumed_from = req
        .headers()
        .get("Last-Event-ID")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let (queued, seen) = backlog(&state, user, resumed_from);
    let listener = Listener {
        events,
        session_hash: user.session_hash.clone(),
        _place: place,
        user_id: user.id,
        role: user.role,
        queued,
        seen,
        closing: state.live.closing(),
        ended: false,
        state,
    };
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/event-stream"))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(stream::unfold(listener, Listener::next)))
}
