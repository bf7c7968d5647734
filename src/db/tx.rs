//! The value a write works with: the open transaction (it derefs to the connection) and what
//! must happen once that transaction has committed.

use std::cell::RefCell;
use std::ops::Deref;

use rusqlite::Connection;

use crate::live::{Audience, Hub};

/// One write's view of the transaction it runs in (see `db::write_tx`). Code that changes
/// data takes `&WriteTx` when it has something to do after the commit; reads take
/// `&Connection` and accept it as well.
pub struct WriteTx<'c> {
    conn: &'c Connection,
    effects: RefCell<Effects>,
}

/// What a committed write still does; dropped unrun when the write rolls back.
#[derive(Default)]
pub(super) struct Effects {
    notes: Vec<(Audience, String)>,
    after: Vec<Box<dyn FnOnce() + Send>>,
}

impl<'c> WriteTx<'c> {
    pub(super) fn new(conn: &'c Connection) -> WriteTx<'c> {
        WriteTx {
            conn,
            effects: RefCell::default(),
        }
    }

    /// Tells the browsers of `audience` watching `topic` (see `live`), once committed.
    pub fn note(&self, audience: Audience, topic: impl Into<String>) {
        self.effects
            .borrow_mut()
            .notes
            .push((audience, topic.into()));
    }

    /// Runs `effect` after the commit (never when the write rolls back), on the writer's
    /// thread before its call returns.
    pub fn after_commit(&self, effect: impl FnOnce() + Send + 'static) {
        self.effects.borrow_mut().after.push(Box::new(effect));
    }

    pub(super) fn into_effects(self) -> Effects {
        self.effects.into_inner()
    }
}

impl Deref for WriteTx<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Effects {
    /// Publishes the noted topics, then runs the after-commit effects in order.
    pub(super) fn run(self, live: &Hub) {
        if !self.notes.is_empty() {
            live.publish(self.notes);
        }
        for effect in self.after {
            effect();
        }
    }
}
