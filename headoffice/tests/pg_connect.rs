//! A PostgreSQL connection that cannot be made says why, and where: the server, user and
//! database (never a password), and whether the connection was refused, the login failed or
//! the database does not exist.

use kasir_headoffice::Database;

async fn open_error(url: &str) -> String {
    match Database::Postgres(url.to_owned()).open().await {
        Ok(_) => panic!("{url} opened"),
        Err(e) => e.to_string(),
    }
}

fn closed_port() -> u16 {
    // Bound and let go: nothing listens there now.
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[tokio::test]
async fn a_closed_port_is_a_refused_connection_at_that_address() {
    let port = closed_port();
    let said = open_error(&format!("postgres://kasir:s3cret-pw@127.0.0.1:{port}/kasir_ho")).await;
    assert!(
        said.contains(&format!("PostgreSQL at 127.0.0.1:{port} as user kasir, database kasir_ho")),
        "{said}"
    );
    assert!(said.contains("connection refused"), "{said}");
    assert!(!said.contains("s3cret-pw"), "the password is never said: {said}");
}

#[tokio::test]
async fn a_user_postgres_does_not_know_is_an_authentication_failure() {
    let said = open_error("postgres://no_such_kasir_user:pw-not-shown@127.0.0.1:5432/postgres").await;
    assert!(said.contains("as user no_such_kasir_user, database postgres"), "{said}");
    assert!(said.contains("authentication failed"), "{said}");
    assert!(!said.contains("pw-not-shown"), "{said}");
}

#[tokio::test]
async fn a_database_that_does_not_exist_is_said_so() {
    let said = open_error("postgres://postgres@127.0.0.1:5432/kasir_no_such_database").await;
    assert!(said.contains("database kasir_no_such_database"), "{said}");
    assert!(said.contains("the database does not exist"), "{said}");
}

#[test]
fn the_command_line_says_it_too() {
    let port = closed_port();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kasir-headoffice"))
        .args(["terminals"])
        .env("KASIR_HEADOFFICE_DATABASE", format!("postgres://kasir:hunter2@127.0.0.1:{port}/ho"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains(&format!("127.0.0.1:{port}")) && said.contains("connection refused"), "{said}");
    assert!(!said.contains("hunter2"), "{said}");
}
