//! Output into a closed pipe ends quietly: `kasir … | head -1` neither panics ("failed
//! printing to stdout: Broken pipe") nor prints an error, and exits 0, for every kind of
//! output the binary has (`println!`, a report's bytes, clap's help).

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn kasir(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kasir"));
    c.arg("--data-dir").arg(dir).env_remove("KASIR_CONFIG").env_remove("KASIR_PIN").env_remove("KASIR_LOG");
    c
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kasir(dir.path()).args(["init", "--demo"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    dir
}

/// Runs `args` with its standard output a pipe whose reading end is already closed, so the
/// very first write fails with EPIPE: no race with how much the pipe buffers.
fn into_closed_pipe(dir: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    kasir(dir).args(args).stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).output().unwrap()
}

#[test]
fn every_kind_of_output_into_a_closed_pipe_ends_quietly() {
    let dir = demo();
    let from = "--from=2020-01-01";
    let to = "--to=2099-12-31";
    let commands: &[&[&str]] = &[
        &["--help"],
        &["report", "--help"],
        &["catalog", "search", "indomie"],
        &["catalog", "lookup", "8997908345093"],
        &["ledger", "verify"],
        &["ledger", "show", "1"],
        &["shift", "status"],
        &["report", "x", "--manager", "M01", "--pin", "1234"],
        &["report", "sales", "--manager", "M01", "--pin", "1234", from, to, "--format", "csv"],
        &["report", "sales", "--manager", "M01", "--pin", "1234", from, to, "--format", "json"],
    ];
    for args in commands {
        let out = into_closed_pipe(dir.path(), args);
        let stderr = text(&out.stderr);
        assert!(
            out.status.success(),
            "kasir {} into a closed pipe: {:?}\n{stderr}",
            args.join(" "),
            out.status
        );
        assert!(stderr.is_empty(), "kasir {} into a closed pipe said:\n{stderr}", args.join(" "));
    }
    // Errors still reach stderr and still fail, closed stdout or not.
    let out = into_closed_pipe(dir.path(), &["report", "x", "--manager", "M01", "--pin", "9999"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("M01"), "the refusal is said: {}", text(&out.stderr));
}

#[test]
fn a_long_listing_piped_into_head_stops_quietly() {
    let dir = demo();
    // 2,000 products with long names: their listing is far more than a pipe buffers (64 KiB),
    // so `kasir` is still writing when `head` has had its line and gone.
    let mut csv = String::from("sku,name,price,tax_class\n");
    for i in 0..2000 {
        csv.push_str(&format!(
            "PIPA-{i:04},Pipa Paralon Putih {i:04} untuk Saluran Air Rumah Tangga,25000,PPN\n"
        ));
    }
    let file = dir.path().join("pipa.csv");
    std::fs::write(&file, csv).unwrap();
    let out = kasir(dir.path()).args(["catalog", "import"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full =
        kasir(dir.path()).args(["catalog", "search", "--limit", "5000", "pipa", "paralon"]).output().unwrap();
    assert!(full.stdout.len() > 128 * 1024, "only {} bytes", full.stdout.len());

    let script =
        r#"set -o pipefail; "$0" --data-dir "$1" catalog search --limit 5000 pipa paralon | head -1"#;
    let out = Command::new("bash")
        .args(["-c", script, env!("CARGO_BIN_EXE_kasir")])
        .arg(dir.path())
        .env_remove("KASIR_CONFIG")
        .env_remove("KASIR_PIN")
        .output()
        .unwrap();
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(out.status.success(), "{:?}\n{stderr}", out.status);
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains("Pipa Paralon"), "{stdout}");
}
