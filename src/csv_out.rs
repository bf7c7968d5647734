//! The one CSV writer of every export (reports' period exports, billing's invoice CSVs):
//! RFC 4180 fields, quoted where needed, rows ending in CRLF.

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row, CRLF-terminated, appended to `out`.
pub fn row(fields: &[String], out: &mut String) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f));
    }
    out.push_str("\r\n");
}
