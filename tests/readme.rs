//! The README's examples, run as written: every `sh` block whose commands start with
//! `kasir --data-dir /tmp/…` runs in order with the real binary, each block in fresh
//! directories of its own, and every command must succeed. A comment naming a receipt number
//! (`# S01-T01-000002`) must be what the command printed.

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

#[test]
fn every_example_in_the_readme_runs_as_written() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let blocks = blocks();
    assert!(blocks.len() >= 3, "the README's kasir examples were not found");
    for block in blocks {
        let mut dirs: HashMap<String, tempfile::TempDir> = HashMap::new();
        for line in block {
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
        }
    }
}
