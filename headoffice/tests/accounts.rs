//! Head office's web accounts on both engines: administrators and analysts added from the
//! command line with a password from standard input, kept out of every store's change feed,
//! listed; sessions that end when they expire, are ended, or their user is deactivated or
//! given a new password; wrong passwords counted into a lockout; failed logins kept and listed.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{DateTime, TimeDelta, Utc};
use common::TestDb;
use common::serve::database_url;
use kasir_core::office::OfficeRole;
use kasir_core::policy::Role;
use kasir_core::wire::ChangeItem;
use kasir_headoffice::accounts::{LoginFailure, NewOfficeUser, hash_password, verify_password};
use kasir_headoffice::auth::hash_pin;
use kasir_headoffice::storage::NewUser;
use kasir_headoffice::{Storage, StorageError};

/// `kasir-headoffice` with `stdin` on its standard input, off the async runtime: whether it
/// succeeded, and everything it printed.
async fn run_with_stdin(db: &TestDb, args: &[&str], stdin: &str) -> (bool, String) {
    let database = database_url(&db.database);
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(common::serve::BIN)
            .args(&args)
            .env("KASIR_HEADOFFICE_DATABASE", &database)
            .env_remove("KASIR_PIN")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The command may refuse before reading: a closed pipe is not this test's failure.
        let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
        let out = child.wait_with_output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
        )
    })
    .await
    .unwrap()
}

async fn cli(db: &TestDb, args: &[&str]) -> (bool, String) {
    run_with_stdin(db, args, "").await
}

fn manager(code: &str, stores: &[&str]) -> NewUser {
    NewUser {
        code: code.into(),
        name: format!("Manager {code}"),
        role: Role::Manager,
        pin_hash: hash_pin(code, "1234").unwrap(),
        stores: stores.iter().map(|s| s.to_string()).collect(),
    }
}

fn office(code: &str, role: OfficeRole, password: &str) -> NewOfficeUser {
    NewOfficeUser {
        code: code.into(),
        name: format!("Office {code}"),
        role,
        password_hash: hash_password(password).unwrap(),
    }
}

fn utc(t: &str) -> DateTime<Utc> {
    t.parse().unwrap()
}

/// The codes of the users a store's terminals hear of, from the start of its feed.
async fn fed_users(s: &dyn Storage, store: &str) -> Vec<String> {
    let page = s.changes(store, 0, 1000).await.unwrap();
    assert!(!page.more);
    page.changes
        .into_iter()
        .filter_map(|c| match c.item {
            ChangeItem::User(u) => Some(u.code),
            _ => None,
        })
        .collect()
}

both!(an_administrator_is_added_from_the_command_line, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    let before = s.changes("S01", 0, 1000).await.unwrap();

    let add = ["user", "add", "--code", "A01", "--name", "Ana", "--role", "admin"];
    // Too short: refused in words, nothing written.
    let (ok, text) = run_with_stdin(&db, &add, "kopi123\n").await;
    assert!(!ok && text.contains("at least 10 characters"), "{text}");
    assert_eq!(s.login_record("A01").await.unwrap(), None);
    // No PIN, no store for an administrator.
    let (ok, text) =
        run_with_stdin(&db, &[&add[..], &["--store", "S01"]].concat(), "kopi susu gula aren\n").await;
    assert!(!ok && text.contains("no PIN and work in no store"), "{text}");
    assert_eq!(s.login_record("A01").await.unwrap(), None);

    let (ok, text) = run_with_stdin(&db, &add, "kopi susu gula aren\n").await;
    assert!(ok && text.contains("user A01 added as admin"), "{text}");
    let record = s.login_record("A01").await.unwrap().expect("the administrator can log in");
    assert_eq!((record.user.role, record.user.name.as_str()), (OfficeRole::Admin, "Ana"));
    assert!(record.user.stores.is_empty() && record.active && record.failures == 0);
    let phc = record.password_hash.expect("a password was set");
    assert!(verify_password(&phc, "kopi susu gula aren"), "{phc}");
    assert!(!verify_password(&phc, "kopi susu gula aren\n"));

    // An analyst the same way (a password piped without a final newline).
    let (ok, text) = run_with_stdin(
        &db,
        &["user", "add", "--code", "N01", "--name", "Nia", "--role", "analyst"],
        "teh manis dingin",
    )
    .await;
    assert!(ok, "{text}");
    let analyst = s.login_record("N01").await.unwrap().unwrap();
    assert_eq!(analyst.user.role, OfficeRole::Analyst);
    assert!(verify_password(analyst.password_hash.as_deref().unwrap(), "teh manis dingin"));

    // The code is the chain's: a second A01 is refused.
    let (ok, text) = run_with_stdin(&db, &add, "another long one\n").await;
    assert!(!ok && text.contains("a user with code A01 already exists"), "{text}");

    // Neither reaches a terminal: the feed holds no user, and neither can be put in a store
    // or given a PIN.
    assert_eq!(fed_users(s, "S01").await, Vec::<String>::new());
    for refused in [
        s.set_user_stores("A01", &["S01".to_owned()]).await,
        s.set_user_pin("N01", &hash_pin("N01", "1234").unwrap()).await,
    ] {
        assert!(
            matches!(&refused, Err(StorageError::Invalid(why)) if why.contains("no PIN and work in no store")),
            "{refused:?}"
        );
    }
    let (ok, text) = cli(&db, &["user", "set-stores", "A01", "--store", "S01"]).await;
    assert!(!ok && text.contains("work in no store"), "{text}");
    assert_eq!(fed_users(s, "S01").await, Vec::<String>::new());
    let after = s.changes("S01", before.next, 1000).await.unwrap();
    assert!(after.changes.is_empty(), "{after:?}");

    // A cashier next to them is fed as before; `user list` shows all three.
    s.add_user(&NewUser { role: Role::Cashier, ..manager("K01", &["S01"]) }).await.unwrap();
    assert_eq!(fed_users(s, "S01").await, ["K01"]);
    assert_eq!(s.users(None).await.unwrap().iter().map(|u| u.code.as_str()).collect::<Vec<_>>(), ["K01"]);
    let (ok, text) = cli(&db, &["user", "list"]).await;
    assert!(ok, "{text}");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!((lines[0][0], lines[0][2], lines[0][3]), ("A01", "admin", "active"), "{text}");
    assert_eq!((lines[1][0], lines[1][3]), ("K01", "cashier"), "{text}");
    assert_eq!((lines[2][0], lines[2][2]), ("N01", "analyst"), "{text}");
    let (ok, text) = cli(&db, &["user", "list", "--store", "S01"]).await;
    assert!(ok && text.lines().count() == 1 && text.starts_with("K01"), "{text}");
});

both!(web_passwords_are_for_office_roles_only, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_user(&manager("M01", &["S01"])).await.unwrap();
    s.add_user(&NewUser { role: Role::Supervisor, ..manager("P01", &["S01"]) }).await.unwrap();

    // A manager has no password until head office gives one, and cannot log in before.
    let record = s.login_record("M01").await.unwrap().unwrap();
    assert_eq!(
        (record.user.role, record.user.stores.clone(), record.password_hash),
        (OfficeRole::Manager, vec!["S01".to_owned()], None)
    );
    let (ok, text) = run_with_stdin(&db, &["user", "password", "--code", "M01"], "rahasia toko satu\n").await;
    assert!(ok && text.contains("web password of user M01 set"), "{text}");
    let phc = s.login_record("M01").await.unwrap().unwrap().password_hash.unwrap();
    assert!(verify_password(&phc, "rahasia toko satu"));

    // A supervisor works at the counter: refused, nothing written.
    let (ok, text) = run_with_stdin(&db, &["user", "password", "--code", "P01"], "rahasia toko satu\n").await;
    assert!(
        !ok && text.contains(
            "cashiers and supervisors work at the counter; only administrators, analysts and managers log in to the web app"
        ),
        "{text}"
    );
    assert_eq!(s.login_record("P01").await.unwrap(), None, "a supervisor never logs in to the web");
    let (ok, text) = run_with_stdin(&db, &["user", "password", "--code", "X99"], "rahasia toko satu\n").await;
    assert!(!ok && text.contains("user X99 is not known"), "{text}");
    let (ok, text) = run_with_stdin(&db, &["user", "password", "--code", "M01"], "pendek\n").await;
    assert!(!ok && text.contains("at least 10 characters"), "{text}");
    assert_eq!(s.login_record("M01").await.unwrap().unwrap().password_hash.unwrap(), phc, "unchanged");

    // The manager still reaches the terminals with their PIN, never with the password.
    let page = s.changes("S01", 0, 1000).await.unwrap();
    for c in page.changes {
        if let ChangeItem::User(u) = c.item {
            assert!(u.pin_hash.starts_with("$argon2id$") && u.pin_hash != phc, "{u:?}");
        }
    }
    assert_eq!(fed_users(s, "S01").await, ["M01", "P01"]);

    // The storage refuses a manager as an office user, and a hash that is not argon2id.
    let refused = s.add_office_user(&office("M09", OfficeRole::Manager, "rahasia toko satu")).await;
    assert!(matches!(refused, Err(StorageError::Invalid(_))), "{refused:?}");
    let refused = s
        .add_office_user(&NewOfficeUser {
            password_hash: "plain".into(),
            ..office("A09", OfficeRole::Admin, "x".repeat(10).as_str())
        })
        .await;
    assert!(matches!(refused, Err(StorageError::Invalid(_))), "{refused:?}");
    assert_eq!(s.login_record("A09").await.unwrap(), None);
});

both!(sessions_end_when_they_should, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_store("S01", "Toko Satu").await.unwrap();
    s.add_store("S02", "Toko Dua").await.unwrap();
    s.add_office_user(&office("A01", OfficeRole::Admin, "kopi susu gula aren")).await.unwrap();
    s.add_user(&manager("M01", &["S01", "S02"])).await.unwrap();
    s.set_password("M01", &hash_password("rahasia toko satu").unwrap()).await.unwrap();
    let now = Utc::now();
    let later = now + TimeDelta::hours(8);

    s.create_session("tA", "A01", "csrf-a", later).await.unwrap();
    let found = s.session("tA", now).await.unwrap().expect("a live session");
    assert_eq!(
        (found.user.code.as_str(), found.user.role, found.csrf.as_str()),
        ("A01", OfficeRole::Admin, "csrf-a")
    );
    assert_eq!(found.expires_at.timestamp_micros(), later.timestamp_micros());
    assert_eq!(s.session("nope", now).await.unwrap(), None);

    // Past its expiry it is gone.
    assert_eq!(s.session("tA", later + TimeDelta::seconds(1)).await.unwrap(), None);
    assert!(s.session("tA", later - TimeDelta::seconds(1)).await.unwrap().is_some());

    // Ended (logged out).
    s.end_session("tA").await.unwrap();
    assert_eq!(s.session("tA", now).await.unwrap(), None);

    // A manager's session carries their stores.
    s.create_session("tM", "M01", "csrf-m", later).await.unwrap();
    let m = s.session("tM", now).await.unwrap().unwrap();
    assert_eq!(
        (m.user.role, m.user.stores.clone()),
        (OfficeRole::Manager, vec!["S01".to_owned(), "S02".to_owned()])
    );

    // A new password ends every session of the user, and only theirs.
    s.create_session("tA2", "A01", "csrf-a2", later).await.unwrap();
    s.create_session("tM2", "M01", "csrf-m2", later).await.unwrap();
    let (ok, text) =
        run_with_stdin(&db, &["user", "password", "--code", "M01"], "rahasia baru sekali\n").await;
    assert!(ok, "{text}");
    assert_eq!(s.session("tM", now).await.unwrap(), None);
    assert_eq!(s.session("tM2", now).await.unwrap(), None);
    assert!(s.session("tA2", now).await.unwrap().is_some(), "another user's session stays");

    // Deactivating ends them too (from the command line, as head office would).
    let (ok, text) = cli(&db, &["user", "deactivate", "A01"]).await;
    assert!(ok, "{text}");
    assert_eq!(s.session("tA2", now).await.unwrap(), None);
    assert!(!s.login_record("A01").await.unwrap().unwrap().active);

    // No session for a deactivated user, a cashier or an unknown code.
    s.add_user(&NewUser { role: Role::Cashier, ..manager("K01", &["S01"]) }).await.unwrap();
    for code in ["A01", "K01", "X99"] {
        let refused = s.create_session("tX", code, "c", later).await;
        assert!(refused.is_err(), "{code}: {refused:?}");
        assert_eq!(s.session("tX", now).await.unwrap(), None, "{code}");
    }
});

both!(wrong_passwords_lock_from_the_fifth, |db: TestDb| async move {
    let s = db.storage.as_ref();
    s.add_office_user(&office("A01", OfficeRole::Admin, "kopi susu gula aren")).await.unwrap();
    let at = utc("2026-11-02T09:00:00Z");
    for n in 1..=4 {
        assert_eq!(s.count_login_failure("A01", at).await.unwrap(), n);
        let r = s.login_record("A01").await.unwrap().unwrap();
        assert_eq!((r.failures, r.locked_until), (n, None), "{n}");
    }
    assert_eq!(s.count_login_failure("A01", at).await.unwrap(), 5);
    let r = s.login_record("A01").await.unwrap().unwrap();
    assert_eq!((r.failures, r.locked_until), (5, Some(at + TimeDelta::seconds(30))));
    let later = at + TimeDelta::seconds(45);
    assert_eq!(s.count_login_failure("A01", later).await.unwrap(), 6);
    assert_eq!(
        s.login_record("A01").await.unwrap().unwrap().locked_until,
        Some(later + TimeDelta::seconds(60))
    );

    // A good password: the count starts again.
    s.clear_login_failures("A01").await.unwrap();
    let r = s.login_record("A01").await.unwrap().unwrap();
    assert_eq!((r.failures, r.locked_until), (0, None));
    assert!(matches!(s.count_login_failure("X99", at).await, Err(StorageError::UnknownUser(_))));

    // A new password set by head office unlocks too.
    for _ in 0..5 {
        s.count_login_failure("A01", at).await.unwrap();
    }
    s.set_password("A01", &hash_password("a brand new password").unwrap()).await.unwrap();
    let r = s.login_record("A01").await.unwrap().unwrap();
    assert_eq!((r.failures, r.locked_until), (0, None));
});

both!(failed_logins_are_kept_and_listed, |db: TestDb| async move {
    let s = db.storage.as_ref();
    let failure = |at: &str, code: &str, reason: &str| LoginFailure {
        at: utc(at),
        user_code: code.into(),
        reason: reason.into(),
        remote: "192.0.2.7".into(),
    };
    s.record_login_failure(&failure("2026-11-02T09:00:00Z", "A01", "wrong_password")).await.unwrap();
    s.record_login_failure(&failure("2026-11-01T08:00:00Z", "ZZ", "unknown_user")).await.unwrap();
    // Anyone may type anything: kept printable and short, never refused.
    s.record_login_failure(&failure(
        "2026-11-03T10:00:00Z",
        &format!("\u{1b}[2J\0{}", "x".repeat(300)),
        "unknown_user",
    ))
    .await
    .unwrap();
    let refused = s.record_login_failure(&failure("2026-11-03T10:00:00Z", "A01", "bad_mood")).await;
    assert!(matches!(refused, Err(StorageError::Invalid(_))), "{refused:?}");

    let all = s.login_failures(None).await.unwrap();
    let listed: Vec<(&str, &str)> = all.iter().map(|f| (f.user_code.as_str(), f.reason.as_str())).collect();
    assert_eq!(listed[..2], [("ZZ", "unknown_user"), ("A01", "wrong_password")]);
    assert_eq!(all[2].user_code.chars().count(), 64);
    assert!(!all[2].user_code.chars().any(char::is_control), "{:?}", all[2].user_code);
    assert_eq!(all[0].at, utc("2026-11-01T08:00:00Z"));
    let since = s.login_failures(Some(utc("2026-11-02T00:00:00Z"))).await.unwrap();
    assert_eq!(since.len(), 2);

    let (ok, text) = cli(&db, &["security-events"]).await;
    assert!(ok, "{text}");
    assert!(text.contains("Failed logins to the web app"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("2026-11-02 09:00:00 +00:00 A01")
            && l.contains("wrong_password")
            && l.ends_with("from 192.0.2.7")),
        "{text}"
    );
    let (ok, text) = cli(&db, &["security-events", "--since", "2026-11-02"]).await;
    assert!(ok && !text.contains("ZZ") && text.contains("A01"), "{text}");
});
