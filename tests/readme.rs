//! The README's examples, run as written and in the order a reader meets them: every `sh`
//! block whose commands start with `kasir --data-dir /tmp/…` runs with the real binary, each
//! `/tmp/NAME` one fresh directory for the whole README (so a later section goes on from the
//! store an earlier one set up), and every command must succeed. A comment naming a receipt
//! number (`# S01-T01-000002`) must be what the command printed; one naming a saved report
//! (`# reports/Z-0001_S01-T01_….pdf`) must be a file the command saved there.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const README: &str = include_str!("../README.md");

/// The `sh` blocks of the README, each as its commands (continuation lines joined).
fn blocks() -> Vec<Vec<String>> {
    let mut blocks = Vec::new();
    let mut current: Option<Vec<String>> = None;
    let mut pending = String::new();
    for line in README.lines() {
        match (&mut current, line.trim_start()) {
            (None, l) if l.starts_with("```sh") => current = Some(Vec::new()),
            (Some(_), l) if l.starts_with("```") => blocks.extend(current.take()),
            (Some(commands), l) => {
                pending.push_str(l.trim_end_matches('\\'));
                if !l.ends_with('\\') {
                    commands.push(std::mem::take(&mut pending));
                }
            }
            (None, _) => {}
        }
    }
    blocks.into_iter().filter(|b| b.iter().any(|c| c.starts_with("kasir --data-dir /tmp/"))).collect()
}

/// Words of a command line: plain words and "double-quoted" ones; a `#` outside quotes ends it.
fn words(line: &str) -> (Vec<String>, String) {
    let (mut out, mut word, mut quoted, mut any) = (Vec::new(), String::new(), false, false);
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            '#' if !quoted && word.is_empty() => return (out, chars.collect()),
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    (out, String::new())
}

/// The commands of the README's "Set up" section: a new user's first steps.
fn set_up_commands() -> Vec<String> {
    let section = README.split("\n## Set up").nth(1).expect("a Set up section");
    let section = section.split("\n## ").next().unwrap();
    let block = section.split("```sh").nth(1).expect("its commands").split("```").next().unwrap();
    block.lines().filter(|l| !l.trim().is_empty()).map(str::to_owned).collect()
}

#[test]
fn setting_up_is_two_commands() {
    let commands = set_up_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    assert!(
        commands[0].starts_with("cargo run --release") && commands[1].starts_with("cargo test --workspace")
    );
}

/// Whether `dir/reports/` holds a file named like `pattern` (`reports/Z-0001_S01-T01_….pdf`:
/// what comes before and after the `…`).
fn saved_as(dir: &std::path::Path, pattern: &str) -> bool {
    let name = pattern.trim_start_matches("reports/");
    let (before, after) = name.split_once('…').unwrap_or((name, ""));
    std::fs::read_dir(dir.join("reports")).into_iter().flatten().flatten().any(|e| {
        let file = e.file_name().into_string().unwrap_or_default();
        file.starts_with(before) && file.ends_with(after)
    })
}

#[test]
fn every_example_in_the_readme_runs_as_written_in_order() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let blocks = blocks();
    assert!(blocks.len() >= 3, "the README's kasir examples were not found");
    // One fresh directory per name for the whole README, made when the name first appears.
    let mut dirs: HashMap<String, tempfile::TempDir> = HashMap::new();
    let mut ran = 0;
    for line in blocks.into_iter().flatten() {
        let (args, comment) = words(&line);
        assert_eq!(args[..2], ["kasir", "--data-dir"], "{line}");
        let dir = dirs.entry(args[2].clone()).or_insert_with(|| tempfile::tempdir().unwrap());
        let out = Command::new(env!("CARGO_BIN_EXE_kasir"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(&args[3..])
            .current_dir(&root)
            .env_remove("KASIR_CONFIG")
            .env_remove("KASIR_DATA_DIR")
            .env_remove("KASIR_PIN")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{line}\n{stdout}{}", String::from_utf8_lossy(&out.stderr));
        if let Some(receipt) = comment.split([',', ' ']).find(|w| w.starts_with("S01-T01-")) {
            assert!(stdout.contains(receipt), "{line}: {receipt} not in\n{stdout}");
        }
        if let Some(saved) = comment.split(' ').find(|w| w.starts_with("reports/")) {
            assert!(saved_as(dir.path(), saved), "{line}: no {saved} in {}", dir.path().display());
        }
        ran += 1;
    }
    assert!(ran >= 10, "only {ran} README commands ran");
    // The day's sections go on from the sale's store: one directory served them all.
    assert!(dirs.contains_key("/tmp/toko") && dirs.contains_key("/tmp/warung"), "{:?}", dirs.keys());
}
