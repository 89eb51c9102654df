//! Head office rotates and revokes a terminal's token, is too busy to check tokens, and sets
//! documents aside: the terminal keeps a rotated token before its next request and loses no
//! sale, obeys a token an administrator puts in by hand, and says each of these in words in
//! both languages. Over real HTTP on loopback: the real head office where it can do the thing,
//! and where it cannot be made to (a busy answer, a document set aside, a new token that is not
//! this terminal's) a small stand-in that speaks the same contract and records which token
//! each request carried.

mod common;
#[path = "support/standin.rs"]
mod standin;

use std::path::Path;
use std::process::{Command, Output};

use common::Shop;
use common::headoffice::{
    FaultProxy, HeadOffice, LOSE_ANSWER, headoffice_figures, holds_the_whole_ledger, ledger_tip,
    terminal_figures,
};
use kasir::app::config::{Config, Environment};
use kasir::messages::{Explain, Locale};
use kasir::store::rotation::TokenInUse;
use kasir::sync::{SyncError, SyncSettings, Syncer};
use kasir_core::wire::SetAside;

fn sale(i: usize) -> String {
    let items = [("MIE-001", 1 + i % 4), ("AIR-600", 1 + i % 2), ("SUS-1L", 1)];
    let lines: Vec<String> =
        items[..1 + i % 3].iter().map(|(sku, q)| format!(r#"{{"sku":"{sku}","quantity":{q}}}"#)).collect();
    format!(
        r#"{{"cashier":"K01","items":[{}],"tenders":[{{"kind":"cash","amount":"100000"}}]}}"#,
        lines.join(",")
    )
}

fn ring_up(shop: &Shop, from: usize, n: usize) {
    for i in from..from + n {
        shop.sell(&sale(i));
    }
}

/// Points the shop's own kasir.toml at head office with `token`, in `locale`, as an
/// administrator would edit it.
fn configure(shop: &Shop, url: &str, token: &str, locale: &str) {
    let path = shop.paths.config();
    let mut file: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
    let mut set = |section: &str, key: &str, value: &str| {
        let table = file.entry(section).or_insert_with(|| toml::Value::Table(Default::default()));
        table.as_table_mut().unwrap().insert(key.into(), toml::Value::String(value.into()));
    };
    set("headoffice", "url", url);
    set("headoffice", "token", token);
    set("store", "locale", locale);
    std::fs::write(&path, file.to_string()).unwrap();
}

/// The shop's kasir.toml as the terminal reads it (no KASIR_HEADOFFICE_TOKEN).
fn config(shop: &Shop) -> Config {
    let path = shop.paths.config();
    Config::parse_with(&std::fs::read_to_string(&path).unwrap(), "kasir.toml", &Environment::default())
        .unwrap()
}

fn new_syncer(shop: &Shop) -> Syncer {
    let settings = SyncSettings::from_config(&config(shop)).unwrap().unwrap();
    Syncer::new(settings, &shop.ledger_path()).unwrap()
}

fn token_in_use(shop: &Shop) -> TokenInUse {
    let token = config(shop).headoffice.unwrap().token.unwrap();
    shop.ledger().token_in_use(&token).unwrap()
}

/// The token kept in the ledger file's sync state, read with plain SQL.
fn rotated_token(shop: &Shop) -> Option<String> {
    common::sql(&shop.ledger())
        .query_row("SELECT rotated_token FROM sync_state WHERE id = 1", [], |r| r.get(0))
        .unwrap()
}

/// Runs the `kasir` binary on the shop's data directory, as a manager would.
async fn kasir(dir: &Path, args: &[&str]) -> Output {
    let (dir, args): (std::path::PathBuf, Vec<String>) =
        (dir.to_owned(), args.iter().map(|a| a.to_string()).collect());
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_kasir"))
            .arg("--data-dir")
            .arg(&dir)
            .args(&args)
            .env_remove("KASIR_CONFIG")
            .env_remove("KASIR_HEADOFFICE_TOKEN")
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Everything a command printed, checked to hold no token.
fn printed(out: &Output, tokens: &[&str]) -> String {
    let all = format!("{}{}", text(&out.stdout), text(&out.stderr));
    for token in tokens {
        let secret = token.split_once('.').unwrap().1;
        assert!(!all.contains(secret), "a token was printed:\n{all}");
    }
    all
}

/// Head office's answer to a plain authenticated request with `token`.
async fn answer_to(url: &str, token: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{url}/api/v1/changes?since=0&limit=1"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotation_without_a_lost_sale() {
    let ho = HeadOffice::start().await;
    let old = ho.terminal("S01", "T01").await;
    let proxy = FaultProxy::start(ho.addr).await;
    let shop = Shop::new();
    configure(&shop, &proxy.url(), &old, "id-ID");
    let kasir_toml = std::fs::read(shop.paths.config()).unwrap();
    let syncer = new_syncer(&shop);

    ring_up(&shop, 0, 5);
    assert_eq!(syncer.once().await.unwrap().waiting, 0);
    assert_eq!(token_in_use(&shop), TokenInUse::Configured);

    // `kasir-headoffice terminal rotate`; the terminal sells on, and the answer that carries
    // the first new token is lost on the way back (head office stored the batch).
    ho.storage.rotate_token("S01", "T01").await.unwrap();
    ring_up(&shop, 5, 3);
    proxy.set(LOSE_ANSWER);
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unreachable { .. }), "{e}");
    assert_eq!(rotated_token(&shop), None, "no new token arrived");

    // The terminal comes again with the old token, gets a fresh new one, keeps it before the
    // next request and uses it from there on.
    let round = syncer.once().await.unwrap();
    assert_eq!(round.waiting, 0);
    let new = rotated_token(&shop).expect("the new token is kept in the ledger file");
    assert!(new.starts_with("S01-T01.") && new.len() == "S01-T01.".len() + 64, "in head office's form");
    assert_ne!(new, old);
    assert!(matches!(token_in_use(&shop), TokenInUse::Rotated { .. }));

    // More sales, with the new token, in this process and in another one (`kasir sync`).
    ring_up(&shop, 8, 4);
    assert_eq!(syncer.once().await.unwrap().waiting, 0);
    ring_up(&shop, 12, 2);
    let out = kasir(shop.dir.path(), &["sync", "--once"]).await;
    let said = printed(&out, &[&old, &new]);
    assert!(out.status.success(), "{said}");

    // Every sale at head office exactly once.
    let seq = holds_the_whole_ledger(&ho, &shop, "T01").await;
    assert_eq!(seq, 15, "the shift and 14 sales");
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&shop));
    assert_eq!(syncer.status().unwrap().waiting, 0);

    // The old token is refused now, the new one taken; kasir.toml was never touched.
    assert_eq!(answer_to(&ho.url(), &old).await, 401, "the old token is retired");
    assert_eq!(answer_to(&ho.url(), &new).await, 200);
    assert_eq!(std::fs::read(shop.paths.config()).unwrap(), kasir_toml, "kasir.toml is untouched");

    // `kasir sync status` says which token is sent, never the token.
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    let said = printed(&out, &[&old, &new]);
    assert!(said.contains("token: token baru dari kantor pusat"), "{said}");
}

/// A second `terminal rotate` before the terminal used its new token, and two syncers of the
/// terminal racing with the token in use (as a sale's own sync does beside the background
/// one): neither locks the terminal out, and every sale reaches head office once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rotating_again_or_syncers_racing_never_lock_the_terminal_out() {
    let ho = HeadOffice::start().await;
    let old = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    configure(&shop, &ho.url(), &old, "en");
    ring_up(&shop, 0, 2);
    new_syncer(&shop).once().await.unwrap();
    let held = async || ho.storage.credentials("S01", "T01").await.unwrap().unwrap().token_hash;

    ho.storage.rotate_token("S01", "T01").await.unwrap();
    ring_up(&shop, 2, 1);
    new_syncer(&shop).once().await.unwrap();
    let first = rotated_token(&shop).expect("the first new token is kept");
    ho.storage.rotate_token("S01", "T01").await.unwrap();
    ring_up(&shop, 3, 1);
    assert_eq!(new_syncer(&shop).once().await.unwrap().waiting, 0, "the token handed out still gets in");
    let second = rotated_token(&shop).expect("the second rotation hands out another");
    assert_ne!(second, first);
    new_syncer(&shop).once().await.unwrap();
    assert_eq!(held().await, kasir_headoffice::auth::hash_token(&second), "the second rotation is over");

    for round in 0..3 {
        ho.storage.rotate_token("S01", "T01").await.unwrap();
        ring_up(&shop, 4 + round * 2, 2);
        let (a, b) = (new_syncer(&shop), new_syncer(&shop));
        // One of the two may find the other's documents in the way; neither is locked out.
        let _ = tokio::join!(a.once(), b.once());
        for _ in 0..2 {
            assert_eq!(new_syncer(&shop).once().await.unwrap().waiting, 0, "round {round}");
        }
    }
    holds_the_whole_ledger(&ho, &shop, "T01").await;
}

/// A terminal on a rotated token A (its configured token retired a rotation ago) keeps B from
/// a second rotation; then stale requests still carrying A make head office hand out two more,
/// and B falls out of the two it keeps. Refused with B, the terminal goes back to A (still
/// head office's token), takes the next new token, and every sale arrives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_token_pushed_out_by_stale_requests_goes_back_to_the_one_before() {
    let ho = HeadOffice::start().await;
    let configured = ho.terminal("S01", "T01").await;
    let shop = Shop::new();
    configure(&shop, &ho.url(), &configured, "en");
    ring_up(&shop, 0, 1);
    new_syncer(&shop).once().await.unwrap();
    let held = async || ho.storage.credentials("S01", "T01").await.unwrap().unwrap().token_hash;

    ho.storage.rotate_token("S01", "T01").await.unwrap();
    new_syncer(&shop).once().await.unwrap();
    let a = rotated_token(&shop).expect("the first rotation's token");
    new_syncer(&shop).once().await.unwrap();
    assert_eq!(held().await, kasir_headoffice::auth::hash_token(&a), "A is head office's token now");
    assert_eq!(answer_to(&ho.url(), &configured).await, 401, "the configured token is retired");

    // The second rotation's token B reaches the terminal with the last answer of a round (as
    // the terminal keeps it), and the terminal has not sent it yet.
    ho.storage.rotate_token("S01", "T01").await.unwrap();
    let new_token = async |token: &str| {
        let answer = reqwest::Client::new()
            .get(format!("{}/api/v1/changes?since=0&limit=1", ho.url()))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status().as_u16(), 200);
        answer.headers().get("Kasir-New-Token").map(|v| v.to_str().unwrap().to_owned())
    };
    let b = new_token(&a).await.expect("the second rotation hands out B");
    let side = kasir::store::side::SideStore::open(&shop.ledger_path()).unwrap();
    assert!(side.keep_rotated_token(&configured, &a, &b).unwrap());
    drop(side);
    // Two stale requests with A: head office hands out two more, and lets B go.
    assert!(new_token(&a).await.is_some());
    assert!(new_token(&a).await.is_some());
    assert_eq!(answer_to(&ho.url(), &b).await, 401, "B is out of head office's two");

    ring_up(&shop, 1, 2);
    let round = new_syncer(&shop).once().await.unwrap();
    assert_eq!(round.waiting, 0, "refused with B, the terminal got in with A");
    let c = rotated_token(&shop).expect("a new token answered to A");
    assert!(c != a && c != b);
    new_syncer(&shop).once().await.unwrap();
    assert_eq!(held().await, kasir_headoffice::auth::hash_token(&c), "the rotation is over");
    assert_eq!(answer_to(&ho.url(), &a).await, 401, "A is retired now");
    holds_the_whole_ledger(&ho, &shop, "T01").await;
    assert_eq!(headoffice_figures(&ho, "S01").await, terminal_figures(&shop));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_revoked_terminal_says_so_in_both_languages_and_keeps_selling() {
    let ho = HeadOffice::start().await;
    let token = ho.terminal("S01", "T01").await;
    ho.terminal("S01", "T02").await;
    let shop = Shop::new();
    configure(&shop, &ho.url(), &token, "id-ID");
    let syncer = new_syncer(&shop);
    ring_up(&shop, 0, 2);
    assert_eq!(syncer.once().await.unwrap().waiting, 0);

    // `kasir-headoffice terminal revoke`: the terminal sells on, and keeps what it sells.
    ho.storage.revoke_terminal("S01", "T01").await.unwrap();
    ring_up(&shop, 2, 1);
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Revoked), "{e:?}");
    let s = syncer.status().unwrap();
    assert_eq!(s.waiting, 1);
    let en = s.last_error_in(Locale::En).unwrap();
    let id = s.last_error_in(Locale::Id).unwrap();
    assert!(en.starts_with("Head office has revoked this terminal's access"), "{en}");
    assert!(en.contains("terminal new-token"), "{en}");
    assert!(id.starts_with("Kantor pusat telah mencabut akses terminal ini"), "{id}");

    // `kasir sync` and `kasir sync status` say it in the shop's language.
    let out = kasir(shop.dir.path(), &["sync", "--once"]).await;
    assert!(!out.status.success());
    assert!(printed(&out, &[&token]).contains("mencabut akses terminal ini"));
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    let said = printed(&out, &[&token]);
    assert!(said.contains("kesalahan terakhir: Kantor pusat telah mencabut akses terminal ini"), "{said}");
    configure(&shop, &ho.url(), &token, "en");
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    let said = printed(&out, &[&token]);
    assert!(said.contains("last error: Head office has revoked this terminal's access"), "{said}");
    assert!(said.contains("documents waiting: 1 (head office holds up to 3)"), "{said}");
    let out = kasir(shop.dir.path(), &["sync", "--once"]).await;
    assert!(printed(&out, &[&token]).contains("Head office has revoked this terminal's access"));

    // The way back: a token given by hand (`terminal new-token`) in kasir.toml, and the sale
    // made while revoked arrives, on the same ledger.
    let fresh = kasir_headoffice::auth::new_token(&kasir_core::chain::Origin {
        store: "S01".into(),
        terminal: "T01".into(),
    });
    ho.storage.replace_token("S01", "T01", &kasir_headoffice::auth::hash_token(&fresh)).await.unwrap();
    configure(&shop, &ho.url(), &fresh, "en");
    let back = new_syncer(&shop).once().await.unwrap();
    assert_eq!((back.stored, back.waiting, back.delivered_seq), (1, 0, 4), "{back:?}");

    // A wrong token is still the wrong-token message, not a revocation.
    let other = Shop::new();
    let wrong = format!("S01-T02.{}", "0".repeat(64));
    configure(&other, &ho.url(), &wrong, "en");
    let e = new_syncer(&other).once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unauthorized(_)), "{e:?}");
    assert!(e.explain(Locale::En).starts_with("Head office refused this terminal's token"), "{e}");
}

use standin::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_put_in_by_hand_wins_over_a_rotated_one_and_a_foreign_one_is_ignored() {
    let ho = Standin::start().await;
    let shop = Shop::new();
    let configured = token_of("S01-T01", 'a');
    configure(&shop, &ho.url(), &configured, "en");
    let kasir_toml = std::fs::read(shop.paths.config()).unwrap();
    ring_up(&shop, 0, 2);

    // Another terminal's token, or one not in head office's form, is not taken.
    for foreign in [token_of("S01-T02", 'b'), format!("S01-T01.{}", "b".repeat(63)), "S01-T01.".into()] {
        ho.script().new_token = Some(foreign);
        new_syncer(&shop).once().await.unwrap();
        assert!(ho.tokens().iter().all(|t| *t == configured));
        assert_eq!(token_in_use(&shop), TokenInUse::Configured);
        assert_eq!(rotated_token(&shop), None);
    }

    // A new token for this terminal: the very next request carries it (the feed, in the same
    // round), and every later one, in this process or another.
    let rotated = token_of("S01-T01", 'c');
    ho.script().new_token = Some(rotated.clone());
    ring_up(&shop, 2, 1);
    let syncer = new_syncer(&shop);
    syncer.once().await.unwrap();
    let sent = ho.tokens();
    assert!(sent.len() >= 2, "a push and the feed");
    assert_eq!(sent[0], configured, "the answer to the first request carried the new token");
    assert!(sent[1..].iter().all(|t| *t == rotated), "every request after it carries the new token");
    ho.script().new_token = None;
    ring_up(&shop, 3, 1);
    syncer.once().await.unwrap();
    let out = kasir(shop.dir.path(), &["sync", "--once"]).await;
    assert!(out.status.success(), "{}", printed(&out, &[&configured, &rotated]));
    assert!(ho.tokens().iter().all(|t| *t == rotated));
    assert_eq!(std::fs::read(shop.paths.config()).unwrap(), kasir_toml, "kasir.toml is untouched");
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    let said = printed(&out, &[&configured, &rotated]);
    assert!(said.contains("token: the new one head office gave in place of kasir.toml's"), "{said}");

    // An administrator puts another token in kasir.toml: it is sent, the rotated one ignored.
    let by_hand = token_of("S01-T01", 'd');
    configure(&shop, &ho.url(), &by_hand, "en");
    new_syncer(&shop).once().await.unwrap();
    assert!(ho.tokens().iter().all(|t| *t == by_hand));
    assert_eq!(token_in_use(&shop), TokenInUse::Configured);
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    assert!(printed(&out, &[&by_hand, &rotated]).contains("token: as configured"));

    // With the token it replaced back in kasir.toml the rotated one stands for it again,
    // until it is cleared (as `kasir join` does when it writes a new token).
    configure(&shop, &ho.url(), &configured, "en");
    new_syncer(&shop).once().await.unwrap();
    assert!(ho.tokens().iter().all(|t| *t == rotated));
    shop.ledger().clear_rotated_token().unwrap();
    new_syncer(&shop).once().await.unwrap();
    assert!(ho.tokens().iter().all(|t| *t == configured));
    assert_eq!(rotated_token(&shop), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_head_office_keeps_the_sales_and_says_so_calmly() {
    let ho = Standin::start().await;
    let shop = Shop::new();
    let token = token_of("S01-T01", 'a');
    configure(&shop, &ho.url(), &token, "id-ID");
    let syncer = new_syncer(&shop);
    ring_up(&shop, 0, 3);

    ho.script().busy = Some(7);
    let e = syncer.once().await.unwrap_err();
    assert!(matches!(e, SyncError::Busy { retry_after_secs: Some(7) }), "{e:?}");
    assert_eq!(ho.tokens().len(), 1, "nothing else is asked of a busy head office in that round");
    let s = syncer.status().unwrap();
    assert_eq!(s.waiting, 4, "the shift and three sales wait");
    let en = s.last_error_in(Locale::En).unwrap();
    let id = s.last_error_in(Locale::Id).unwrap();
    assert!(
        en.starts_with("Head office is busy checking tokens: the sales wait here") && en.contains("7 s"),
        "{en}"
    );
    assert!(id.starts_with("Kantor pusat sedang sibuk memeriksa token") && id.contains("7 detik"), "{id}");
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    assert!(printed(&out, &[&token]).contains("Kantor pusat sedang sibuk"));

    ho.script().busy = None;
    let round = syncer.once().await.unwrap();
    assert_eq!((round.waiting, round.delivered_seq), (0, 4));
    assert_eq!(syncer.status().unwrap().last_error, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_set_aside_is_said_in_both_languages_until_a_later_one() {
    let ho = Standin::start().await;
    let shop = Shop::new();
    let token = token_of("S01-T01", 'a');
    configure(&shop, &ho.url(), &token, "id-ID");
    let syncer = new_syncer(&shop);
    let receipt = shop.sell(&sale(0));
    ring_up(&shop, 1, 2);
    let reason = "line 1: quantity -5 of MIE-001 is below zero";
    ho.script().set_aside = vec![SetAside { seq: 2, receipt: receipt.clone(), reason: reason.into() }];

    let round = syncer.once().await.unwrap();
    assert_eq!(round.waiting, 0, "a document set aside is delivered all the same");
    assert_eq!(round.set_aside.len(), 1);
    let note = syncer.status().unwrap().set_aside.expect("the set-aside is kept");
    assert_eq!((note.seq, note.receipt.as_str(), note.reason.as_str()), (2, receipt.as_str(), reason));
    assert_eq!(
        note.explain(Locale::En),
        format!(
            "Head office set aside receipt {receipt} (kept out of its figures and stock): {reason}; ask head office"
        )
    );
    assert!(note.explain(Locale::Id).starts_with(&format!("Kantor pusat menyisihkan struk {receipt}")));
    let out = kasir(shop.dir.path(), &["sync", "status"]).await;
    let said = printed(&out, &[&token]);
    assert!(
        said.contains(&format!("Kantor pusat menyisihkan struk {receipt}")) && said.contains(reason),
        "{said}"
    );

    // A later one replaces it; an earlier one heard again does not.
    ring_up(&shop, 3, 2);
    let later = SetAside { seq: 5, receipt: "S01-T01-000005".into(), reason: "amount out of range".into() };
    ho.script().set_aside = vec![later.clone()];
    syncer.once().await.unwrap();
    ho.script().set_aside = vec![SetAside { seq: 2, receipt, reason: reason.into() }];
    syncer.once().await.unwrap();
    let note = syncer.status().unwrap().set_aside.unwrap();
    assert_eq!((note.seq, note.receipt, note.reason), (later.seq, later.receipt, later.reason));
}

/// The checkout screen's status bar says both, in the cashier's language of the moment.
#[test]
fn the_status_bar_says_a_document_set_aside_and_a_revoked_token_in_words() {
    use common::gui::{send, start_with};
    use kasir::gui::Message;

    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let ho = rt.block_on(Standin::start());
    let url = ho.url();
    let (shop, mut app) = start_with(|c| {
        c.headoffice = Some(kasir::app::config::HeadOfficeConfig {
            url: url.clone(),
            token: Some(token_of("S01-T01", 'a')),
            ca_file: None,
            interval: std::time::Duration::from_secs(1),
            timeout: std::time::Duration::from_secs(2),
        });
    });
    let receipt = shop.sell(&sale(0));
    let syncer =
        Syncer::new(SyncSettings::from_config(&shop.config).unwrap().unwrap(), &shop.ledger_path()).unwrap();
    ho.script().set_aside = vec![SetAside { seq: 2, receipt: receipt.clone(), reason: "quantity -5".into() }];
    rt.block_on(syncer.once()).unwrap();
    ho.script().revoked = true;
    shop.sell(&sale(1));
    assert!(matches!(rt.block_on(syncer.once()), Err(SyncError::Revoked)));

    send(&mut app, Message::Sync(syncer.status().unwrap()));
    let text = app.sync_text();
    assert!(text.starts_with("Kantor pusat: 1 menunggu"), "{text}");
    assert!(text.contains(" · Kantor pusat telah mencabut akses terminal ini"), "{text}");
    assert!(text.contains(&format!(" · Kantor pusat menyisihkan struk {receipt} ")), "{text}");
    send(&mut app, Message::ToggleLanguage);
    let text = app.sync_text();
    assert!(text.contains(" · Head office has revoked this terminal's access"), "{text}");
    assert!(
        text.ends_with(&format!(
            " · Head office set aside receipt {receipt} (kept out of its figures and stock): quantity -5; ask head office"
        )),
        "{text}"
    );
}

/// Head office refuses the rotated token the terminal kept (it was rotated again, or two
/// requests raced and the other's token was used... or forgotten): the terminal tries the
/// configured token, which head office takes until a new one is used, and forgets the dead
/// one instead of sending it for ever. Refused both ways, it says the token is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_rotated_token_falls_back_to_the_configured_one() {
    let ho = Standin::start().await;
    let shop = Shop::new();
    let configured = token_of("S01-T01", 'a');
    configure(&shop, &ho.url(), &configured, "en");
    ring_up(&shop, 0, 1);
    let dead = token_of("S01-T01", 'c');
    ho.script().new_token = Some(dead.clone());
    new_syncer(&shop).once().await.unwrap();
    assert_eq!(rotated_token(&shop).as_deref(), Some(dead.as_str()));
    ho.tokens();

    {
        let mut s = ho.script();
        s.new_token = None;
        s.refused = vec![dead.clone()];
    }
    ring_up(&shop, 1, 1);
    new_syncer(&shop).once().await.unwrap();
    let sent = ho.tokens();
    assert_eq!(
        sent[..2],
        [dead.clone(), configured.clone()],
        "the refused push is sent again with the configured token"
    );
    assert!(sent[2..].iter().all(|t| *t == configured), "the rotated token is not sent again");
    assert_eq!(rotated_token(&shop), None, "the refused rotated token is forgotten");
    assert_eq!(token_in_use(&shop), TokenInUse::Configured);
    assert_eq!(ho.script().held, ledger_tip(&shop).0, "the sale rung up meanwhile reached head office");

    // Both refused: a wrong token in words, and the rotated one kept (it was not the cause).
    ho.script().new_token = Some(dead.clone());
    new_syncer(&shop).once().await.unwrap();
    assert_eq!(rotated_token(&shop).as_deref(), Some(dead.as_str()));
    ho.tokens();
    {
        let mut s = ho.script();
        s.new_token = None;
        s.refused = vec![dead.clone(), configured.clone()];
    }
    ring_up(&shop, 2, 1);
    let e = new_syncer(&shop).once().await.unwrap_err();
    assert!(matches!(e, SyncError::Unauthorized(_)), "{e:?}");
    assert_eq!(ho.tokens()[..2], [dead.clone(), configured.clone()]);
    assert_eq!(rotated_token(&shop).as_deref(), Some(dead.as_str()));
}
