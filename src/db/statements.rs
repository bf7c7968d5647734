//! Reading rows cheaply: `query_row` on a statement prepared once per connection, and columns
//! found by position at compile time instead of by name for every value.

use rusqlite::Connection;

/// `query_row` on a statement prepared once per connection and kept (`STATEMENT_CACHE`):
/// rusqlite's own `query_row` parses and plans its SQL again on every call.
pub trait QueryRowCached {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>;
}

impl QueryRowCached for Connection {
    fn query_row_cached<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: rusqlite::Params,
        F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }
}

/// The position of `name` in `columns`, so a row is read by name without rusqlite's search
/// of the statement's column names on every value. Used as `const { column(COLUMNS, "id") }`
/// it costs nothing at run time and a name missing from the list fails the build; a test
/// beside each list checks it against its statement.
pub const fn column(columns: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < columns.len() {
        let (a, b) = (columns[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("no such column in the list")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_found_by_its_whole_name() {
        const COLUMNS: &[&str] = &["id", "status", "status_at"];
        assert_eq!(const { column(COLUMNS, "id") }, 0);
        assert_eq!(column(COLUMNS, "status"), 1);
        assert_eq!(column(COLUMNS, "status_at"), 2);
        assert!(std::panic::catch_unwind(|| column(COLUMNS, "stat")).is_err());
    }
}
