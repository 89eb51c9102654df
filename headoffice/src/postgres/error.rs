//! PostgreSQL's errors as head office says them: the client's own text is often only "db
//! error" or "error connecting to server", so a connection that cannot be made says why
//! (refused, authentication, no such database) and where (server, user, database; never the
//! password), and anything else carries the server's SQLSTATE and message.

use crate::storage::StorageError;

impl From<tokio_postgres::Error> for StorageError {
    fn from(e: tokio_postgres::Error) -> StorageError {
        StorageError::Database(postgres_cause(&e))
    }
}

impl From<deadpool_postgres::PoolError> for StorageError {
    fn from(e: deadpool_postgres::PoolError) -> StorageError {
        use deadpool_postgres::PoolError;
        StorageError::Database(match e {
            PoolError::Backend(e) => format!("no PostgreSQL connection: {}", postgres_cause(&e)),
            PoolError::Timeout(_) => "no PostgreSQL connection: every connection stayed busy".to_owned(),
            other => format!("no PostgreSQL connection: {other}"),
        })
    }
}

/// What went wrong with PostgreSQL, in words: the client's own text for most errors is only
/// "db error" or "error connecting to server". A connection that cannot be made says why
/// (refused, no such host, authentication, no such database); anything else carries the
/// server's SQLSTATE and message.
pub fn postgres_cause(e: &tokio_postgres::Error) -> String {
    use tokio_postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        let why = if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            "authentication failed (check the user and password in the database URL)"
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            "the database does not exist (create it, or check its name in the database URL)"
        } else if *code == SqlState::TOO_MANY_CONNECTIONS {
            "the server has no free connection slots"
        } else {
            return format!("{}: {}", code.code(), db.message());
        };
        return format!("{why}: {}", db.message());
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind;
            return match io.kind() {
                ErrorKind::ConnectionRefused => {
                    "connection refused (is PostgreSQL running and listening on that host and port?)"
                        .to_owned()
                }
                ErrorKind::TimedOut => "the connection timed out".to_owned(),
                _ => format!("cannot reach the server: {io}"),
            };
        }
        source = s.source();
    }
    if e.is_closed() {
        return "the server closed the connection".to_owned();
    }
    e.to_string()
}

/// Which PostgreSQL server, user and database a URL names, for messages: never the password.
pub fn postgres_target(config: &tokio_postgres::Config) -> String {
    use tokio_postgres::config::Host;
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .zip(config.get_ports().iter().chain(std::iter::repeat(&5432)))
        .map(|(h, port)| match h {
            Host::Tcp(name) => format!("{name}:{port}"),
            #[cfg(unix)]
            Host::Unix(path) => format!("{} (port {port})", path.display()),
        })
        .collect();
    let hosts = if hosts.is_empty() { "localhost:5432".to_owned() } else { hosts.join(", ") };
    let user = config.get_user().unwrap_or("(the system user)");
    let database = config.get_dbname().unwrap_or(user);
    format!("PostgreSQL at {hosts} as user {user}, database {database}")
}
