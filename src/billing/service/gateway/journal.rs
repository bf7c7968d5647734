//! The simulator's memory on disk: a JSON-lines file of every token, charge and payout it
//! made, replayed at start and appended to as it goes, so the "outside system" outlives a
//! restart of the app. Holds no card numbers: a token keeps only brand, last4 and behaviour.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{ChargeResult, MoneyRequest};

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum Record {
    Token {
        token: String,
        brand: String,
        last4: String,
        /// None: the card succeeds; Some: every charge on it is declined with this code.
        decline_code: Option<String>,
    },
    Charge {
        key: String,
        request: MoneyRequest,
        result: ChargeResult,
    },
    Payout {
        key: String,
        request: MoneyRequest,
        result: ChargeResult,
    },
}

pub(super) struct Journal {
    file: File,
}

impl Journal {
    /// Opens (or creates) the journal and returns the records it already holds. Lines that do
    /// not parse (a crash mid-write, or a record kind from a newer version) are skipped.
    pub(super) fn open(path: &Path) -> io::Result<(Journal, Vec<Record>)> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(path)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let records = parse(path, &bytes);
        // A half-written last line must not swallow the next record appended after it.
        if bytes.last().is_some_and(|&b| b != b'\n') {
            file.write_all(b"\n")?;
            file.flush()?;
        }
        Ok((Journal { file }, records))
    }

    /// The records of an existing journal, read without opening it for writing (`check`
    /// changes nothing in the folder it checks); none when there is no file.
    pub(super) fn read(path: &Path) -> io::Result<Vec<Record>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(parse(path, &bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// Appends one record as one line, in a single write, and flushes it.
    pub(super) fn append(&mut self, record: &Record) -> io::Result<()> {
        let mut line = serde_json::to_vec(record).map_err(io::Error::other)?;
        line.push(b'\n');
        self.file.write_all(&line)?;
        self.file.flush()
    }
}

/// Lines that do not parse (a crash mid-write, or a record kind from a newer version) are
/// skipped.
fn parse(path: &Path, bytes: &[u8]) -> Vec<Record> {
    let mut records = Vec::new();
    for (number, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(record) => records.push(record),
            // The line number only: the content is ours, but a log stays small this way.
            Err(_) => tracing::warn!(
                path = %path.display(),
                line = number + 1,
                "golden hat journal: unreadable line skipped"
            ),
        }
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::service::gateway::ChargeStatus;

    fn token(n: u32) -> Record {
        Record::Token {
            token: format!("tok_{n}"),
            brand: "visa".into(),
            last4: "4242".into(),
            decline_code: None,
        }
    }

    #[test]
    fn records_survive_a_reopen_and_a_torn_last_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("golden-hat.jsonl");
        let (mut journal, old) = Journal::open(&path).unwrap();
        assert!(old.is_empty());
        journal.append(&token(1)).unwrap();
        let charge = Record::Charge {
            key: "k1".into(),
            request: MoneyRequest {
                token: "tok_1".into(),
                amount_minor: 100,
                currency: "EUR".into(),
                description: "visit".into(),
            },
            result: ChargeResult {
                id: "ch_000001".into(),
                status: ChargeStatus::Succeeded,
                decline_code: None,
            },
        };
        journal.append(&charge).unwrap();
        drop(journal);
        // A crash mid-write leaves half a line without its newline.
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(br#"{"kind":"charge","key":"k2","req"#).unwrap();
        drop(f);

        let (mut journal, replayed) = Journal::open(&path).unwrap();
        assert_eq!(replayed, vec![token(1), charge.clone()]);
        journal.append(&token(2)).unwrap();
        drop(journal);
        let (_, replayed) = Journal::open(&path).unwrap();
        assert_eq!(replayed, vec![token(1), charge, token(2)]);
    }
}
