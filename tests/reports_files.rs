//! Reports saved by `kasir report … --save` land in the data directory's `reports/` under
//! names a store manager can read and sort (`Z-0001_S01-T01_2026-12-01.pdf`), and a second
//! report of the same name never overwrites the first.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn kasir(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kasir"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("KASIR_CONFIG")
        .env_remove("KASIR_PIN")
        .output()
        .unwrap()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = kasir(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "kasir {}: {stderr}", args.join(" "));
    stderr
}

/// The files in `reports/`, by name.
fn saved(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("reports"))
        .map(|d| d.map(|e| e.unwrap().file_name().into_string().unwrap()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

const M01: [&str; 4] = ["--manager", "M01", "--pin", "1234"];

fn report(kind: &[&str], more: &[&str]) -> Vec<String> {
    ["report"].iter().chain(kind).chain(&M01).chain(more).map(|s| s.to_string()).collect()
}

fn run(dir: &Path, args: Vec<String>) -> String {
    ok(dir, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn saved_reports_have_readable_names_and_never_overwrite_each_other() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "--demo"]);
    ok(dir, &["sell", "examples/sale.json", "--pin", "1111"]);

    // A sales report's name is its dates: the second one of the same dates gets "-2".
    let sales = ["sales", "--from", "2026-01-01", "--to", "2099-12-31"];
    let said = run(dir, report(&sales, &["--format", "pdf", "--save"]));
    let first = PathBuf::from(dir).join("reports/sales_S01-T01_2026-01-01_2099-12-31.pdf");
    assert!(said.contains(&first.display().to_string()), "{said}");
    let first_bytes = std::fs::read(&first).unwrap();
    assert!(first_bytes.starts_with(b"%PDF-"));
    // More sold in between: the second report differs, and both are kept.
    ok(dir, &["sell", "examples/sale.json", "--pin", "1111"]);
    run(dir, report(&sales, &["--format", "pdf", "--save"]));
    run(dir, report(&sales, &["--format", "csv", "--save"]));
    assert_eq!(
        saved(dir),
        [
            "sales_S01-T01_2026-01-01_2099-12-31-2.pdf",
            "sales_S01-T01_2026-01-01_2099-12-31.csv",
            "sales_S01-T01_2026-01-01_2099-12-31.pdf",
        ]
    );
    assert_eq!(std::fs::read(&first).unwrap(), first_bytes, "the earlier report is untouched");
    assert_ne!(
        std::fs::read(dir.join("reports/sales_S01-T01_2026-01-01_2099-12-31-2.pdf")).unwrap(),
        first_bytes
    );

    // Two Xs: each kept, named by the business day and the time it was read.
    run(dir, report(&["x"], &["--format", "pdf", "--save"]));
    run(dir, report(&["x"], &["--format", "pdf", "--save"]));
    let xs: Vec<String> = saved(dir).into_iter().filter(|n| n.starts_with("X_")).collect();
    assert_eq!(xs.len(), 2, "{xs:?}");
    for x in &xs {
        // X_S01-T01_2026-12-01_1430.pdf (or …_1430-2.pdf for the second in the same minute).
        let parts: Vec<&str> = x.trim_end_matches(".pdf").split('_').collect();
        assert_eq!(parts[..2], ["X", "S01-T01"], "{x}");
        assert!(parts[2].parse::<chrono::NaiveDate>().is_ok(), "{x}");
        assert!(parts[3].len() >= 4 && parts[3][..4].chars().all(|c| c.is_ascii_digit()), "{x}");
        assert!(!x.contains(' '), "{x}");
    }

    // The Z after the shift is closed: Z-0001, its business day.
    ok(dir, &["shift", "close", "--user", "K01", "--pin", "1111", "--count", "examples/count.json"]);
    let said = run(dir, report(&["z"], &["--format", "pdf", "--save"]));
    let z: Vec<String> = saved(dir).into_iter().filter(|n| n.starts_with("Z-")).collect();
    assert_eq!(z.len(), 1, "{z:?}");
    assert!(z[0].starts_with("Z-0001_S01-T01_") && z[0].ends_with(".pdf"), "{z:?}");
    assert!(z[0]["Z-0001_S01-T01_".len()..].trim_end_matches(".pdf").parse::<chrono::NaiveDate>().is_ok());
    assert!(said.contains(&z[0]), "{said}");
}

#[test]
fn a_pdf_needs_a_file_or_the_reports_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    ok(dir, &["init", "--demo"]);
    let out = kasir(dir, &["report", "x", "--manager", "M01", "--pin", "1234", "--format", "pdf"]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--output") && said.contains("--save"), "{said}");
    let out = kasir(
        dir,
        &[
            "report",
            "x",
            "--manager",
            "M01",
            "--pin",
            "1234",
            "--save",
            "--output",
            "x.pdf",
            "--format",
            "pdf",
        ],
    );
    assert!(!out.status.success(), "--save and --output are one or the other");
    assert!(saved(dir).is_empty(), "nothing was saved");
}
