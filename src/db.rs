//! Database connection: SQLite tuned for concurrent writers, or PostgreSQL; failure classes.

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, RuntimeErr, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
    Value,
};
use std::time::Duration;

/// Ids bound in one `IN (…)` list by the batch reads that ask a rule of many vendors at once:
/// well below SQLite's 32,766 and PostgreSQL's 65,535 parameters, and above any market's
/// applicants, so such a read is one query.
pub const IDS_PER_QUERY: usize = 10_000;

/// A raw SQL statement under construction for either backend: placeholders `?` (SQLite) or
/// `$n` (PostgreSQL), numbered as values are bound.
#[derive(Debug)]
pub struct Sql {
    backend: DbBackend,
    /// The SQL text so far.
    pub text: String,
    values: Vec<Value>,
}

impl Sql {
    /// An empty statement for `backend`.
    pub fn new(backend: DbBackend) -> Self {
        Self {
            backend,
            text: String::new(),
            values: Vec::new(),
        }
    }

    /// Appends SQL text.
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.text.push_str(sql);
        self
    }

    /// Appends a bound value's placeholder.
    pub fn bind(&mut self, value: impl Into<Value>) -> &mut Self {
        self.values.push(value.into());
        match self.backend {
            DbBackend::Postgres => {
                let n = self.values.len();
                self.text.push_str(&format!("${n}"));
            }
            _ => self.text.push('?'),
        }
        self
    }

    /// The finished statement.
    pub fn build(self) -> Statement {
        Statement::from_sql_and_values(self.backend, self.text, self.values)
    }
}

/// The `host:port` of a PostgreSQL URL reached over TCP (`None` for SQLite, a Unix socket, or
/// a URL this cannot read).
fn postgres_address(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))?;
    let authority = rest.split(['/', '?']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.is_empty() || host_port.contains(',') {
        return None;
    }
    let has_port = match host_port.rsplit_once(':') {
        // `[::1]` alone has colons but no port.
        Some((h, p)) => {
            !h.is_empty()
                && !p.is_empty()
                && p.chars().all(|c| c.is_ascii_digit())
                && (!h.starts_with('[') || h.ends_with(']'))
        }
        None => false,
    };
    Some(if has_port {
        host_port.to_owned()
    } else {
        format!("{host_port}:5432")
    })
}

/// Opens the pool and applies the settings each backend needs. A PostgreSQL server that
/// cannot be reached is said so ("connection refused at db:5432"): the pool alone only says
/// it timed out waiting, which hides the cause from the operator.
pub async fn connect(url: &str, pool_size: u32) -> Result<DatabaseConnection, DbErr> {
    if let Some(address) = postgres_address(url) {
        let reached = tokio::time::timeout(
            Duration::from_secs(5),
            tokio::net::TcpStream::connect(&address),
        )
        .await;
        match reached {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                return Err(DbErr::Conn(sea_orm::RuntimeErr::Internal(format!(
                    "cannot reach PostgreSQL at {address}: {e}"
                ))));
            }
            Err(_) => {
                return Err(DbErr::Conn(sea_orm::RuntimeErr::Internal(format!(
                    "cannot reach PostgreSQL at {address}: no answer within 5 s"
                ))));
            }
        }
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool_size.max(1))
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        // A connection lives at most this long, whatever state it is in: a safety net for
        // one left inside a transaction nothing will end (sqlx #4393, cancelled BEGIN on
        // PostgreSQL; `run_to_end` keeps our requests from being cancelled, and this keeps a
        // cancellation from anywhere else from failing queries for longer).
        .max_lifetime(Duration::from_secs(15 * 60))
        .sqlx_logging(false);
    if url.starts_with("sqlite:") {
        ensure_sqlite_dir(url);
        // sea-orm would otherwise use one connection and rollback-journal mode (PITFALLS.md).
        options.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true)
                .create_if_missing(true)
        });
    }
    Database::connect(options).await
}

/// The file of a file-backed SQLite URL (`None` for PostgreSQL and in-memory databases).
pub fn sqlite_file(url: &str) -> Option<&std::path::Path> {
    if !url.starts_with("sqlite:") {
        return None;
    }
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or("");
    (!path.is_empty() && !path.starts_with(":memory:")).then(|| std::path::Path::new(path))
}

/// Creates the folder of a file-backed SQLite URL so `cargo run` works on a fresh clone.
fn ensure_sqlite_dir(url: &str) {
    let Some(path) = sqlite_file(url) else {
        return;
    };
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        let _ = std::fs::create_dir_all(parent);
    }
}

/// Starts a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred read-then-write transaction fails with SQLITE_BUSY under load.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// How [`lock_rows`] locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLock {
    /// Others may read and share-lock the rows, not change them (`FOR SHARE`).
    Share,
    /// The writer's own (`FOR NO KEY UPDATE`: rows that only refer to it, as a foreign key
    /// does, are not held up).
    Update,
}

/// Takes row locks on `table`'s rows `ids` (in id order, so two lockers cannot deadlock on
/// them) until the transaction ends: on PostgreSQL, where writers run side by side; SQLite's
/// write transaction already excludes every other writer. A check run after the lock is taken
/// reads what the writer before it committed.
pub async fn lock_rows(
    db: &impl ConnectionTrait,
    table: &str,
    ids: &[i32],
    mode: RowLock,
) -> Result<(), DbErr> {
    if db.get_database_backend() != DbBackend::Postgres || ids.is_empty() {
        return Ok(());
    }
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let mut sql = Sql::new(DbBackend::Postgres);
        sql.push(&format!("SELECT id FROM {table} WHERE id IN ("));
        for (k, id) in chunk.iter().enumerate() {
            if k > 0 {
                sql.push(", ");
            }
            sql.bind(*id);
        }
        sql.push(match mode {
            RowLock::Share => ") ORDER BY id FOR SHARE",
            RowLock::Update => ") ORDER BY id FOR NO KEY UPDATE",
        });
        db.query_all_raw(sql.build()).await?;
    }
    Ok(())
}

/// What kind of failure a database error is, as far as a caller needs to know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbFailure {
    /// A unique constraint (or exclusion constraint) refused the write; the constraint's name.
    Conflict(String),
    /// A foreign key refused the write.
    ForeignKey,
    /// Busy, locked, serialization failure, deadlock, or the server is unreachable: try later.
    Unavailable,
    /// Anything else: a bug.
    Other,
}

/// Classifies a database error, including the cases `DbErr::sql_err` does not recognise.
pub fn classify(err: &DbErr) -> DbFailure {
    if let Some(sql) = err.sql_err() {
        return match sql {
            sea_orm::SqlErr::UniqueConstraintViolation(m) => DbFailure::Conflict(m),
            sea_orm::SqlErr::ForeignKeyConstraintViolation(_) => DbFailure::ForeignKey,
            _ => DbFailure::Other,
        };
    }
    match err {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => return DbFailure::Unavailable,
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            use sea_orm::sqlx::Error as E;
            match e.as_ref() {
                E::Database(db) => {
                    let code = db.code().map(|c| c.to_string()).unwrap_or_default();
                    if db
                        .try_downcast_ref::<sea_orm::sqlx::sqlite::SqliteError>()
                        .is_some()
                    {
                        return classify_sqlite_code(&code);
                    }
                    return match code.as_str() {
                        // PostgreSQL exclusion constraint (time ranges that overlap).
                        "23P01" => DbFailure::Conflict(db.message().to_string()),
                        // Serialization failure, deadlock, too many connections, shutting down,
                        // disk full, out of memory, I/O error on the server.
                        "40001" | "40P01" | "53000" | "53100" | "53200" | "53300" | "57P01"
                        | "57P02" | "57P03" | "58030" => DbFailure::Unavailable,
                        // Connection exceptions (class 08).
                        c if c.starts_with("08") => DbFailure::Unavailable,
                        _ => DbFailure::Other,
                    };
                }
                E::PoolTimedOut | E::PoolClosed | E::Io(_) | E::Tls(_) | E::WorkerCrashed => {
                    return DbFailure::Unavailable;
                }
                _ => {}
            }
        }
        _ => {}
    }
    DbFailure::Other
}

/// Classifies a SQLite result code. sqlx reports the *extended* code (`SQLITE_IOERR_WRITE` is
/// 778, `SQLITE_BUSY_SNAPSHOT` 517), so the primary code is its low byte.
fn classify_sqlite_code(code: &str) -> DbFailure {
    const BUSY: i32 = 5;
    const LOCKED: i32 = 6;
    const NOMEM: i32 = 7;
    const READONLY: i32 = 8;
    const IOERR: i32 = 10;
    const FULL: i32 = 13;
    const CANTOPEN: i32 = 14;
    match code.parse::<i32>().map(|c| c & 0xff) {
        // A full or read-only disk, or a failing one, is an outage of the store, not a bug:
        // 503 and a logged error, while reads may go on.
        Ok(BUSY | LOCKED | NOMEM | READONLY | IOERR | FULL | CANTOPEN) => DbFailure::Unavailable,
        _ => DbFailure::Other,
    }
}

/// `true` when the URL names a PostgreSQL database.
pub fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_address_of_a_postgres_url_is_read_for_the_reachability_check() {
        use super::postgres_address as a;
        assert_eq!(
            a("postgres://u:p@db.example:6543/nm").as_deref(),
            Some("db.example:6543")
        );
        assert_eq!(
            a("postgres://postgres@127.0.0.1/nm").as_deref(),
            Some("127.0.0.1:5432")
        );
        assert_eq!(
            a("postgresql://[::1]:5433/nm?sslmode=disable").as_deref(),
            Some("[::1]:5433")
        );
        assert_eq!(a("postgres://[::1]/nm").as_deref(), Some("[::1]:5432"));
        assert_eq!(a("sqlite://data/x.db?mode=rwc"), None);
        // A Unix socket (no host) is left to the driver.
        assert_eq!(a("postgres:///nm?host=/var/run/postgresql"), None);
    }

    use super::{DbFailure, classify_sqlite_code};

    #[test]
    fn a_full_read_only_or_failing_sqlite_disk_is_an_outage_not_a_bug() {
        // SQLITE_FULL, SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE,
        // SQLITE_IOERR_FSYNC, SQLITE_CANTOPEN, SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED.
        for code in ["13", "8", "1032", "778", "1034", "14", "517", "6"] {
            assert_eq!(classify_sqlite_code(code), DbFailure::Unavailable, "{code}");
        }
    }

    #[test]
    fn a_sqlite_constraint_or_syntax_error_stays_a_bug() {
        // SQLITE_ERROR, SQLITE_CONSTRAINT_CHECK, SQLITE_CONSTRAINT_NOTNULL, SQLITE_MISMATCH.
        for code in ["1", "275", "1299", "20", ""] {
            assert_eq!(classify_sqlite_code(code), DbFailure::Other, "{code}");
        }
    }
}
