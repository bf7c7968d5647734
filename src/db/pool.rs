//! The read-only connection pool. Each pooled connection is opened read-only (a write that
//! bypasses the writer fails loudly) and carries the database's `Writer`, so code holding
//! one reads on it directly and writes with `db::write_tx(conn, ...)`.

use std::ops::{Deref, DerefMut};
use std::path::PathBuf;

use rusqlite::{Connection, OpenFlags};

use super::Writer;

/// A pooled read-only connection and the way to write.
pub struct Conn {
    conn: Connection,
    writer: Writer,
}

impl Conn {
    /// The database's writer.
    pub fn writer(&self) -> &Writer {
        &self.writer
    }
}

impl Deref for Conn {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        &self.conn
    }
}

impl DerefMut for Conn {
    fn deref_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// What `db::write_tx` writes through: a pooled connection, or the writer itself.
pub trait WriteAccess {
    fn writer(&self) -> &Writer;
}

impl WriteAccess for Conn {
    fn writer(&self) -> &Writer {
        Conn::writer(self)
    }
}

impl WriteAccess for r2d2::PooledConnection<Manager> {
    fn writer(&self) -> &Writer {
        Conn::writer(self)
    }
}

impl WriteAccess for Writer {
    fn writer(&self) -> &Writer {
        self
    }
}

/// Opens the pool's read-only connections to one database file.
pub struct Manager {
    path: PathBuf,
    writer: Writer,
}

impl Manager {
    pub fn new(path: PathBuf, writer: Writer) -> Manager {
        Manager { path, writer }
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = rusqlite::Error;

    fn connect(&self) -> rusqlite::Result<Conn> {
        let conn = Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?;
        super::configure_reader(&conn)?;
        Ok(Conn {
            conn,
            writer: self.writer.clone(),
        })
    }

    fn is_valid(&self, conn: &mut Conn) -> rusqlite::Result<()> {
        conn.execute_batch("")
    }

    fn has_broken(&self, _: &mut Conn) -> bool {
        false
    }
}
