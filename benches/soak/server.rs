//! The server the soak runs against: the real binary in its own process on a fresh folder
//! with the demo loaded, and the ids an order form needs.

/// The real server in its own process on a fresh folder, stopped when dropped.
pub struct Server {
    pub child: std::process::Child,
    pub base: String,
    dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub async fn serve() -> anyhow::Result<Server> {
    let dir = tempfile::tempdir()?;
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let program = std::env::var("WHISKERWORKS_SOAK_SERVER")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_whiskerworks").to_string());
    let child = std::process::Command::new(program)
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .env("WHISKERWORKS_DATA_DIR", dir.path())
        .env("WHISKERWORKS_LOG", "warn")
        .spawn()?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
        dir,
    };
    crate::common::wait_until_up(&server.base, 1200).await?;
    Ok(server)
}

/// The demo's first service and the demo client's first address.
pub fn order_ids(server: &Server) -> anyhow::Result<(i64, i64)> {
    let conn = rusqlite::Connection::open_with_flags(
        whiskerworks::db::db_path(server.dir.path()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?;
    let service = conn.query_row(
        "SELECT id FROM services WHERE active = 1 ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    let address = conn.query_row(
        "SELECT a.id FROM client_addresses a JOIN users u ON u.id = a.client_id
         WHERE u.email = 'client@example.com' ORDER BY a.id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    Ok((service, address))
}
