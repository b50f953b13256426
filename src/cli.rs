//! The command line fixed by API.md: `serve`, `migrate`, `create-user`, `seed --demo`; and
//! `openapi`, which prints the API description for validators.

use crate::accounts::users;
use crate::app::router;
use crate::config::{Config, redact_url};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::identity::Role;
use crate::seed::{self, Credential};
use crate::state::AppState;
use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::io::BufRead;
use std::net::SocketAddr;

/// nightmarket: night markets and convenience markets of a county.
#[derive(Debug, Parser)]
#[command(name = "nightmarket", version, about)]
pub struct Cli {
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate, seed an empty database, and serve HTTP.
    Serve(ServeArgs),
    /// Apply migrations and exit.
    Migrate(DbArgs),
    /// Create an account; the password is read from standard input (one line).
    CreateUser(CreateUserArgs),
    /// Give an account a new password, read from standard input (one line); ends its sessions.
    ResetPassword(ResetPasswordArgs),
    /// Seed data.
    Seed(SeedArgs),
    /// Write a consistent backup of the database (SQLite: VACUUM INTO; PostgreSQL: pg_dump).
    Backup(BackupArgs),
    /// Check the audit log's hash chain; exits non-zero naming the first broken row. Prints
    /// the newest row's anchor (`ID:HASH`) to note down outside the database; `--expect` with
    /// an anchor noted before also finds rows removed up to it or a chain written anew.
    AuditVerify(AuditVerifyArgs),
    /// Print the OpenAPI 3.1 document of the JSON API (as `/api/v1/openapi.json`); no database.
    Openapi,
}

/// Options of `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write (must not exist yet).
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
}

/// Where the database is.
#[derive(Debug, Args, Default)]
pub struct DbArgs {
    /// Database URL (default: `DATABASE_URL`, else a SQLite file under `data/`).
    #[arg(long)]
    pub database_url: Option<String>,
}

/// Options of `audit-verify`.
#[derive(Debug, Args)]
pub struct AuditVerifyArgs {
    /// The database.
    #[command(flatten)]
    pub db: DbArgs,
    /// An anchor printed by an earlier run (`ID:HASH`): that row must still be there with
    /// that hash.
    #[arg(long)]
    pub expect: Option<String>,
}

/// Options of `serve`.
#[derive(Debug, Args, Default)]
pub struct ServeArgs {
    /// Address to listen on (default: `BIND_ADDR`, else 127.0.0.1:3000).
    #[arg(long)]
    pub bind: Option<String>,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
    /// Do not seed the demo county on an empty database (the admin account is still created).
    #[arg(long)]
    pub no_seed: bool,
}

/// Options of `create-user`.
#[derive(Debug, Args)]
pub struct CreateUserArgs {
    /// Login name.
    #[arg(long)]
    pub login: String,
    /// Display name.
    #[arg(long)]
    pub name: String,
    /// admin, bureau, manager or vendor.
    #[arg(long, value_parser = ["admin", "bureau", "manager", "vendor"])]
    pub role: String,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `reset-password`.
#[derive(Debug, Args)]
pub struct ResetPasswordArgs {
    /// Login name of the account.
    #[arg(long)]
    pub login: String,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
}

/// Options of `seed`.
#[derive(Debug, Args)]
pub struct SeedArgs {
    /// Seed the Minle demo county (sites, demo accounts).
    #[arg(long, required = true)]
    pub demo: bool,
    /// Database.
    #[command(flatten)]
    pub db: DbArgs,
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let mut config = Config::load()?;
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => {
            if let Some(bind) = args.bind {
                config.bind_addr = bind;
            }
            apply_db(&mut config, args.db);
            serve(config, !args.no_seed).await
        }
        Command::Migrate(args) => {
            apply_db(&mut config, args);
            crate::telemetry::init(&config.log_format);
            open(&config).await?;
            println!("migrations applied: {}", redact_url(&config.database_url));
            Ok(())
        }
        Command::CreateUser(args) => {
            apply_db(&mut config, args.db.clone_args());
            create_user(config, args).await
        }
        Command::ResetPassword(args) => {
            apply_db(&mut config, args.db);
            let password = password_from_stdin()?;
            let db = open_existing(&config).await?;
            let state = AppState::new(db, config);
            let txn = crate::db::begin_write(&state.db).await?;
            match users::reset_password(&txn, &state.passwords, &args.login, password).await {
                Ok(user) => {
                    txn.commit().await?;
                    println!(
                        "new password set for `{}`; its sessions are ended",
                        user.login
                    );
                    Ok(())
                }
                Err(AppError::NotFound) => {
                    anyhow::bail!("no account has the login `{}`", args.login)
                }
                Err(err) => anyhow::bail!("{} / {}", err.message(Lang::En), err.message(Lang::Zh)),
            }
        }
        Command::Backup(args) => {
            apply_db(&mut config, args.db);
            let db = open_existing(&config).await?;
            crate::backup::backup(&db, &config.database_url, &args.out).await?;
            println!("backup written to {}", args.out.display());
            Ok(())
        }
        Command::AuditVerify(args) => {
            apply_db(&mut config, args.db);
            let db = open_existing(&config).await?;
            println!(
                "{}",
                crate::audit::anchor::check(&db, args.expect.as_deref()).await?
            );
            Ok(())
        }
        Command::Openapi => {
            println!("{}", crate::app::api_document().to_pretty_json()?);
            Ok(())
        }
        Command::Seed(args) => {
            apply_db(&mut config, args.db);
            let db = open(&config).await?;
            let state = AppState::new(db, config);
            let mut created = seed::first_run(&state.db, &state.passwords, args.demo).await?;
            if created.is_empty() {
                created = seed::seed_demo(&state.db, &state.passwords).await?;
            }
            if created.is_empty() {
                println!("the demo county is already there; nothing to do");
            } else {
                print_credentials(&created, None);
            }
            Ok(())
        }
    }
}

impl DbArgs {
    fn clone_args(&self) -> DbArgs {
        DbArgs {
            database_url: self.database_url.clone(),
        }
    }
}

fn apply_db(config: &mut Config, args: DbArgs) {
    if let Some(url) = args.database_url {
        config.database_url = url;
    }
}

/// [`open`] for commands that work on a database that is already there (reset a password,
/// back up, verify): a mistyped SQLite path is said to be one, not made into a new, empty
/// database whose missing accounts would mislead the operator.
/// The same for an existing but empty database (a PostgreSQL database created and never
/// served, or the wrong one): it is refused before anything is created in it, so a backup
/// of it does not pass for one, nor a verification for a pass, and a restore into it still
/// finds it empty.
async fn open_existing(config: &Config) -> anyhow::Result<DatabaseConnection> {
    if let Some(file) = crate::db::sqlite_file(&config.database_url) {
        anyhow::ensure!(
            file.exists(),
            "there is no database at {} (check --database-url or DATABASE_URL)",
            file.display()
        );
    }
    let probe = crate::db::connect(&config.database_url, 1)
        .await
        .with_context(|| format!("cannot open {}", redact_url(&config.database_url)))?;
    use sea_orm::ConnectionTrait;
    let migrated = probe
        .query_one_raw(sea_orm::Statement::from_string(
            probe.get_database_backend(),
            "SELECT COUNT(*) FROM seaql_migrations",
        ))
        .await
        .is_ok();
    probe.close().await.ok();
    anyhow::ensure!(
        migrated,
        "{} holds no nightmarket tables: is it the right database? (check --database-url or \
         DATABASE_URL; `nightmarket migrate` or `serve` creates them)",
        redact_url(&config.database_url)
    );
    open(config).await
}

/// Connects and migrates.
pub async fn open(config: &Config) -> anyhow::Result<DatabaseConnection> {
    let db = crate::db::connect(&config.database_url, config.db_pool_size)
        .await
        .with_context(|| format!("cannot open {}", redact_url(&config.database_url)))?;
    // Several processes starting at once on one PostgreSQL (a first deploy, an upgrade) would
    // race to create the same tables: they take turns on an advisory lock, held on a
    // connection of its own, and each after the first finds nothing left to apply.
    use sea_orm::ConnectionTrait;
    let turn = if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        let lock = crate::db::connect(&config.database_url, 1).await?;
        lock.execute_unprepared(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))
            .await
            .context("cannot take the migration lock")?;
        Some(lock)
    } else {
        None
    };
    let migrated = Migrator::up(&db, None).await.context("migration failed");
    if let Some(lock) = turn {
        lock.execute_unprepared(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))
            .await
            .ok();
        lock.close().await.ok();
    }
    migrated?;
    Ok(db)
}

/// The advisory lock key migrations take turns on (any fixed number; "nightmkt" in ASCII).
const MIGRATION_LOCK: i64 = 0x6e69_6768_746d_6b74;

async fn serve(config: Config, seed_demo: bool) -> anyhow::Result<()> {
    crate::telemetry::init(&config.log_format);
    // An address, or a host name with a port (`localhost:3000`), as operators write them.
    let addr: SocketAddr = match config.bind_addr.parse() {
        Ok(addr) => addr,
        Err(_) => tokio::net::lookup_host(config.bind_addr.as_str())
            .await
            .ok()
            .and_then(|mut found| found.next())
            .with_context(|| {
                format!(
                    "bad bind address {} (an address or host name with a port, e.g. 127.0.0.1:3000)",
                    config.bind_addr
                )
            })?,
    };
    // The port first: a first run that could not serve must not create the admin account and
    // lose its password, printed only once it serves.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    let db = open(&config).await?;
    let mut state = AppState::new(db, config);
    if let Some(user) =
        crate::accounts::totp::store::first_unopenable(&state.db, &state.secrets).await?
    {
        anyhow::bail!(
            "the TOTP secrets in this database were sealed with another secret_key (user {user}'s does not open): \
             start with the secret_key they were sealed with (APP__SECRET_KEY, the same in every process)"
        );
    }
    if state.config.sms.worker {
        let provider = crate::notices::sms::provider(&state.config.sms)?;
        let worker =
            crate::notices::worker::start(state.db.clone(), provider, state.config.sms.clone());
        state.notifier = std::sync::Arc::new(crate::notices::worker::WakingNotifier(worker.wake));
    }
    if !state.secrets.seals() {
        tracing::warn!("secret_key is not set: TOTP secrets are stored in clear text");
    }
    let sealed =
        crate::accounts::totp::store::seal_clear_secrets(&state.db, &state.secrets).await?;
    if sealed > 0 {
        tracing::info!(sealed, "sealed TOTP secrets stored in clear text");
    }
    let created = seed::first_run(&state.db, &state.passwords, seed_demo).await?;
    let local = listener.local_addr()?;
    tracing::info!(bind = %local, database = %redact_url(&state.config.database_url), "serving");
    print_credentials(&created, Some(local));
    println!("nightmarket is serving on http://{local}/ — log in at http://{local}/login");
    // The morning reminder for missing sales reports: safe with several processes (each
    // reminder is claimed by a row the database keeps unique).
    let (db, notifier) = (state.db.clone(), state.notifier.clone());
    tokio::spawn(async move {
        let every = std::time::Duration::from_secs(600);
        crate::notices::run_periodically(notifier, every, "sales reminders", || {
            crate::sales::reminders::send_due(&db, chrono::Utc::now())
        })
        .await;
    });
    // A suspended vendor's bookings of the suspension's nights: released and re-let (safe with
    // several processes: a released booking is gone).
    let (db, notifier) = (state.db.clone(), state.notifier.clone());
    tokio::spawn(async move {
        let every = std::time::Duration::from_secs(60);
        crate::notices::run_periodically(notifier, every, "suspension sweep", || {
            crate::bookings::suspended::release(&db)
        })
        .await;
    });
    // The reports' per-session entries of the last year, read once in the background so the
    // first report after a start does not pay for them (see `reports::digest_cache`).
    let (db, caches) = (state.db.clone(), state.caches.clone());
    tokio::spawn(async move {
        let cache = caches.of::<crate::reports::digest_cache::DigestCache>();
        match crate::reports::digest::Digest::warm(&db, &cache).await {
            Ok(sessions) => tracing::info!(sessions, "report entries read"),
            Err(e) => tracing::warn!(error = %e, "report entries not read; the first report will"),
        }
    });
    let app = router(state.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    state.db.close().await.ok();
    tracing::info!("stopped");
    Ok(())
}

/// Prints first-run passwords once; they are stored only as hashes.
fn print_credentials(created: &[Credential], addr: Option<SocketAddr>) {
    if created.is_empty() {
        return;
    }
    println!();
    println!("================================================================");
    println!(" First run: these accounts were created. The passwords are shown");
    println!(" ONCE and stored only as hashes — write them down now.");
    println!(" 首次运行：已创建以下账号。密码只显示这一次，请立即记下。");
    println!("----------------------------------------------------------------");
    for c in created {
        println!(
            "  {:<8} login: {:<12} password: {}",
            c.role.as_str(),
            c.login,
            c.password
        );
    }
    if let Some(addr) = addr {
        println!("----------------------------------------------------------------");
        println!(" Log in / 登录: http://{addr}/login");
    }
    println!("================================================================");
    println!();
}

async fn create_user(config: Config, args: CreateUserArgs) -> anyhow::Result<()> {
    let role = Role::parse(&args.role).context("unknown role")?;
    let password = password_from_stdin()?;
    let db = open(&config).await?;
    let mut state = AppState::new(db, config);
    if state.config.sms.worker {
        let provider = crate::notices::sms::provider(&state.config.sms)?;
        let worker =
            crate::notices::worker::start(state.db.clone(), provider, state.config.sms.clone());
        state.notifier = std::sync::Arc::new(crate::notices::worker::WakingNotifier(worker.wake));
    }
    let result = async {
        let prepared = users::prepare(
            &state.passwords,
            users::NewUser {
                login: args.login,
                name: args.name,
                role,
                password,
            },
        )
        .await?;
        let txn = crate::db::begin_write(&state.db).await?;
        let user = users::insert(&txn, None, prepared).await?;
        txn.commit().await?;
        Ok::<_, AppError>(user)
    }
    .await;
    match result {
        Ok(user) => {
            println!("created {} `{}` (id {})", user.role, user.login, user.id);
            if role == Role::Vendor {
                // API.md keeps the role here; the profile (ID number, trade) is registration's.
                eprintln!(
                    "note: this vendor account has no vendor profile (ID number, trade, phone) and cannot apply; \
                     vendors who are to apply register themselves at /register with their mobile number \
                     / 注意：此账号没有摊主档案，无法申请；需要申请的摊主请用手机号在 /register 注册"
                );
            }
            Ok(())
        }
        Err(err) => anyhow::bail!("{} / {}", err.message(Lang::En), err.message(Lang::Zh)),
    }
}

/// One line of standard input, without its line ending: a password never on the command line.
fn password_from_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
