//! Reports saved as files: a name a store manager can read and sort in a folder, and a save
//! that never overwrites an earlier report.
//!
//! Names start with the kind, so a folder lists the Zs together in the order they were taken
//! (the Z number is zero-padded), then the Xs and the sales reports by date:
//!
//! ```text
//! Z-0003_S01-T01_2026-12-01.pdf
//! X_S01-T01_2026-12-01_1430.pdf        (the business day, then the time it was read)
//! X_S01-T01_2026-12-01_1430-2.pdf      (a second X in the same minute)
//! sales_S01-T01_2026-11-01_2026-11-30.csv
//! ```
//!
//! No spaces or characters a shell or another operating system would trip on.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use thiserror::Error;

/// Which report, as its file name and title need it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReportKind {
    /// A reading of the open business day, taken at a moment (several may be taken a day).
    X { business_date: NaiveDate, taken_at: NaiveDateTime },
    /// The close of a business day, and the ledger document that froze it.
    Z { number: u64, business_date: NaiveDate, receipt: String },
    /// Sales for the dates `from..=to`.
    Sales { from: NaiveDate, to: NaiveDate },
}

impl ReportKind {
    /// The name without its extension, for terminal `till` (`S01-T01`).
    pub fn file_stem(&self, till: &str) -> String {
        let till = safe(till);
        match self {
            ReportKind::X { business_date, taken_at } => {
                format!("X_{till}_{business_date}_{}", taken_at.format("%H%M"))
            }
            ReportKind::Z { number, business_date, .. } => format!("Z-{number:04}_{till}_{business_date}"),
            ReportKind::Sales { from, to } => format!("sales_{till}_{from}_{to}"),
        }
    }
}

/// Letters, digits and `-` stay; anything else (a space, a slash) becomes `-`.
fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

/// Where the screen and `kasir report … --save` keep reports: `reports/` in the data directory.
pub fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("reports")
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("the folder {} cannot be made: {source}", dir.display())]
    Folder { dir: PathBuf, source: std::io::Error },
    #[error("{} cannot be written: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Writes `bytes` into `dir` (made if missing) as `STEM.EXTENSION`, or `STEM-2.EXTENSION`,
/// `STEM-3…` when that name is taken: an earlier report is never overwritten, also when two
/// saves race (the file is created only if it does not exist, in one step).
pub fn save_new(dir: &Path, stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf, SaveError> {
    std::fs::create_dir_all(dir).map_err(|source| SaveError::Folder { dir: dir.to_owned(), source })?;
    for n in 1u32.. {
        let name = if n == 1 { format!("{stem}.{extension}") } else { format!("{stem}-{n}.{extension}") };
        let path = dir.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                return match written {
                    Ok(()) => Ok(path),
                    Err(source) => {
                        // A half-written report would be read as a whole one.
                        let _ = std::fs::remove_file(&path);
                        Err(SaveError::Write { path, source })
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(SaveError::Write { path, source }),
        }
    }
    unreachable!("u32 names run out only after four billion reports of one minute")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn names_read_and_sort_as_a_manager_expects() {
        let taken_at = date("2026-12-01").and_hms_opt(14, 30, 5).unwrap();
        let x = ReportKind::X { business_date: date("2026-12-01"), taken_at };
        assert_eq!(x.file_stem("S01-T01"), "X_S01-T01_2026-12-01_1430");
        let z = |number| ReportKind::Z { number, business_date: date("2026-12-01"), receipt: String::new() };
        assert_eq!(z(3).file_stem("S01-T01"), "Z-0003_S01-T01_2026-12-01");
        // Zero-padded, so Z 10 sorts after Z 9.
        assert!(z(9).file_stem("S01-T01") < z(10).file_stem("S01-T01"));
        let sales = ReportKind::Sales { from: date("2026-11-01"), to: date("2026-11-30") };
        assert_eq!(sales.file_stem("S01 T/1"), "sales_S01-T-1_2026-11-01_2026-11-30");
    }

    #[test]
    fn a_second_save_of_the_same_name_gets_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join("reports");
        let first = save_new(&reports, "Z-0001_S01-T01_2026-12-01", "pdf", b"first").unwrap();
        let second = save_new(&reports, "Z-0001_S01-T01_2026-12-01", "pdf", b"second").unwrap();
        let third = save_new(&reports, "Z-0001_S01-T01_2026-12-01", "pdf", b"third").unwrap();
        assert_eq!(first.file_name().unwrap(), "Z-0001_S01-T01_2026-12-01.pdf");
        assert_eq!(second.file_name().unwrap(), "Z-0001_S01-T01_2026-12-01-2.pdf");
        assert_eq!(third.file_name().unwrap(), "Z-0001_S01-T01_2026-12-01-3.pdf");
        assert_eq!(std::fs::read(&first).unwrap(), b"first", "the earlier report is kept");
        assert_eq!(std::fs::read(&second).unwrap(), b"second");
        // Another extension is another name.
        let csv = save_new(&reports, "Z-0001_S01-T01_2026-12-01", "csv", b"x").unwrap();
        assert_eq!(csv.file_name().unwrap(), "Z-0001_S01-T01_2026-12-01.csv");
    }
}
