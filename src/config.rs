//! Configuration: defaults, then an optional `nightmarket.toml`, then the environment, then flags.

mod sms;
use serde::Deserialize;
pub use sms::SmsConfig;
use std::path::{Path, PathBuf};

/// Where the server listens and what it talks to. Secrets never reach `Debug`.
#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address to serve on, `127.0.0.1:3000` by default.
    pub bind_addr: String,
    /// `sqlite://…` (default: a file under `data/`) or `postgres://…`.
    pub database_url: String,
    /// Served over HTTPS (directly or behind a TLS proxy): cookies become `Secure` and `__Host-`.
    pub https: bool,
    /// Per-client-address limits; `relaxed` turns them off for load tests and test suites.
    pub limits: LimitsMode,
    /// How long a login session lives without being used, in minutes.
    pub session_idle_minutes: i64,
    /// Longest life of a login session, in hours.
    pub session_max_hours: i64,
    /// Connections in the database pool.
    pub db_pool_size: u32,
    /// `text` (default) or `json` log lines.
    pub log_format: String,
    /// Requests served at once by this process; more are answered 503 at once instead of
    /// queueing until they time out.
    pub max_in_flight: usize,
    /// Staff (manager, bureau, admin) without a TOTP second factor are sent to enrolment
    /// after logging in on the pages.
    pub require_totp_for_staff: bool,
    /// The address people reach this server at, e.g. `https://market.minle.gov.cn`, for URLs
    /// that leave the browser (permit QR codes). Unset, the request's `Host` is used, which a
    /// proxy or a crafted request can change: set it in production.
    pub public_url: Option<String>,
    /// 64 hex digits (32 random bytes) that seal TOTP secrets in the database; the same in
    /// every process sharing it. Unset, TOTP secrets are stored in clear text.
    pub secret_key: Option<String>,
    /// Basemap tiles for the site map, a URL template with `{z}`, `{x}`, `{y}` (and `{s}` for
    /// subdomains), e.g. Tianditu with the operator's key. Unset: a scaled grid.
    pub map_tiles_url: Option<String>,
    /// The coordinate system of those tiles: `wgs84` (Tianditu, default) or `gcj02` (Amap,
    /// Tencent); points drawn on GCJ-02 tiles are converted on the way in.
    pub map_tiles_crs: String,
    /// The SMS gateway notices go through (issue 18): `[sms]`, `APP__SMS_*`.
    pub sms: SmsConfig,
    /// Load balancers and proxies in front of the processes (addresses or networks such as
    /// `10.0.0.0/8`): only from them is `X-Forwarded-For` believed, so per-address limits
    /// count each client, not the balancer. Empty (the default): the connection's address.
    pub trusted_proxies: Vec<String>,
}

/// The longest idle time a login session may be given: a week.
pub const MAX_SESSION_IDLE_MINUTES: i64 = 7 * 24 * 60;
/// The longest life a login session may be given: 30 days.
pub const MAX_SESSION_HOURS: i64 = 30 * 24;

/// Whether per-client-address throttling is on.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LimitsMode {
    /// Per-address limits on (the default).
    Normal,
    /// Per-address limits off; per-account login throttling stays on.
    Relaxed,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind_addr: "127.0.0.1:3000".into(),
            database_url: default_sqlite_url(),
            https: false,
            limits: LimitsMode::Normal,
            session_idle_minutes: 30,
            session_max_hours: 12,
            db_pool_size: 8,
            log_format: "text".into(),
            max_in_flight: 512,
            require_totp_for_staff: false,
            public_url: None,
            secret_key: None,
            map_tiles_url: None,
            map_tiles_crs: "wgs84".into(),
            sms: SmsConfig::default(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("bind_addr", &self.bind_addr)
            .field("database", &redact_url(&self.database_url))
            .field("https", &self.https)
            .field("limits", &self.limits)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish_non_exhaustive()
    }
}

/// The default embedded database: `data/nightmarket.db` beside the working directory.
pub fn default_sqlite_url() -> String {
    "sqlite://data/nightmarket.db?mode=rwc".into()
}

impl Config {
    /// Defaults → `nightmarket.toml` (or the file named by `NIGHTMARKET_CONFIG`) → environment.
    pub fn load() -> anyhow::Result<Self> {
        // A file the operator named must be there: a typo would run production on defaults.
        let named = std::env::var_os("NIGHTMARKET_CONFIG").map(PathBuf::from);
        let path = named
            .clone()
            .unwrap_or_else(|| PathBuf::from("nightmarket.toml"));
        let mut config = Self::from_file(&path, named.is_some())?;
        config.apply_env(|key| std::env::var(key).ok())?;
        config.check()?;
        Ok(config)
    }

    fn from_file(path: &Path, required: bool) -> anyhow::Result<Self> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                toml::from_str(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(Self::default()),
            Err(e) => Err(anyhow::anyhow!(
                "{} (named by NIGHTMARKET_CONFIG): {e}",
                path.display()
            )),
        }
    }

    /// Values no server can run with, refused at start-up rather than found out by users
    /// (a session that ends before its next request, a pool of no connections).
    pub fn check(&self) -> anyhow::Result<()> {
        crate::forwarded::TrustedProxies::parse(&self.trusted_proxies)?;
        // Upper ends too: a session's expiry is now + this, and a number past what a date
        // can hold made every login panic.
        anyhow::ensure!(
            (1..=MAX_SESSION_IDLE_MINUTES).contains(&self.session_idle_minutes),
            "session_idle_minutes must be from 1 to {MAX_SESSION_IDLE_MINUTES} (a week), not {}",
            self.session_idle_minutes
        );
        anyhow::ensure!(
            (1..=MAX_SESSION_HOURS).contains(&self.session_max_hours),
            "session_max_hours must be from 1 to {MAX_SESSION_HOURS} (30 days), not {}",
            self.session_max_hours
        );
        anyhow::ensure!(
            self.db_pool_size > 0 && self.max_in_flight > 0,
            "db_pool_size and max_in_flight must be at least 1"
        );
        anyhow::ensure!(
            matches!(self.log_format.as_str(), "text" | "json"),
            "log_format must be `text` or `json`, not `{}`",
            self.log_format
        );
        Ok(())
    }

    /// Applies `DATABASE_URL`, `BIND_ADDR`, `NIGHTMARKET_LIMITS` and `APP__<FIELD>` variables.
    pub fn apply_env(&mut self, var: impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        let get = |plain: &str, app: &str| var(app).or_else(|| var(plain));
        if let Some(v) = get("DATABASE_URL", "APP__DATABASE_URL") {
            self.database_url = v;
        }
        if let Some(v) = get("BIND_ADDR", "APP__BIND_ADDR") {
            self.bind_addr = v;
        }
        if let Some(v) = get("NIGHTMARKET_LIMITS", "APP__LIMITS") {
            self.limits = match v.trim() {
                "relaxed" => LimitsMode::Relaxed,
                "normal" | "" => LimitsMode::Normal,
                other => {
                    anyhow::bail!("NIGHTMARKET_LIMITS must be `relaxed` or `normal`, not `{other}`")
                }
            };
        }
        if let Some(v) = var("APP__HTTPS") {
            self.https = parse_bool("APP__HTTPS", &v)?;
        }
        number(
            &var,
            "APP__SESSION_IDLE_MINUTES",
            &mut self.session_idle_minutes,
        )?;
        number(&var, "APP__SESSION_MAX_HOURS", &mut self.session_max_hours)?;
        number(&var, "APP__DB_POOL_SIZE", &mut self.db_pool_size)?;
        number(&var, "APP__MAX_IN_FLIGHT", &mut self.max_in_flight)?;
        if let Some(v) = var("APP__REQUIRE_TOTP_FOR_STAFF") {
            self.require_totp_for_staff = parse_bool("APP__REQUIRE_TOTP_FOR_STAFF", &v)?;
        }
        if let Some(v) = var("APP__LOG_FORMAT") {
            self.log_format = v;
        }
        if let Some(v) = var("APP__PUBLIC_URL") {
            self.public_url = Some(v);
        }
        if let Some(v) = var("APP__SECRET_KEY") {
            self.secret_key = Some(v);
        }
        if let Some(v) = get("MAP_TILES_URL", "APP__MAP_TILES_URL") {
            self.map_tiles_url = Some(v);
        }
        if let Some(v) = get("MAP_TILES_CRS", "APP__MAP_TILES_CRS") {
            self.map_tiles_crs = v;
        }
        self.map_tiles_url = match self.map_tiles_url.take().map(|u| u.trim().to_owned()) {
            None => None,
            Some(u) if u.is_empty() => None,
            Some(u) => {
                tiles_origin(&u)?;
                Some(u)
            }
        };
        anyhow::ensure!(
            matches!(self.map_tiles_crs.trim(), "wgs84" | "gcj02"),
            "map_tiles_crs must be `wgs84` or `gcj02`, not `{}`",
            self.map_tiles_crs
        );
        self.secret_key = self
            .secret_key
            .take()
            .map(|k| k.trim().to_owned())
            .filter(|k| !k.is_empty());
        if let Some(k) = &self.secret_key {
            parse_secret_key(k)?;
        }
        if let Some(v) = var("APP__TRUSTED_PROXIES") {
            self.trusted_proxies = v.split(',').map(|e| e.trim().to_owned()).collect();
        }
        self.sms.apply_env(&var)?;
        self.public_url = match self.public_url.take().map(|u| u.trim().to_owned()) {
            None => None,
            Some(u) if u.is_empty() => None,
            Some(u) => Some(public_origin(&u)?),
        };
        Ok(())
    }

    /// Whether per-client-address limits apply.
    pub fn per_address_limits(&self) -> bool {
        self.limits == LimitsMode::Normal
    }
}

/// Sets `field` from the number in the variable `key`, when set; a bad one names the variable.
fn number<N>(var: impl Fn(&str) -> Option<String>, key: &str, field: &mut N) -> anyhow::Result<()>
where
    N: std::str::FromStr,
    N::Err: std::fmt::Display,
{
    if let Some(v) = var(key) {
        *field = v
            .trim()
            .parse()
            .map_err(|e| anyhow::anyhow!("{key}=`{v}`: {e}"))?;
    }
    Ok(())
}

/// `scheme://host[:port]` without a trailing slash; anything else is refused at start-up
/// rather than printed into every QR code.
fn public_origin(url: &str) -> anyhow::Result<String> {
    let url = url.trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| {
            anyhow::anyhow!("public_url must start with https:// or http://: `{url}`")
        })?;
    anyhow::ensure!(
        crate::web::is_host_and_port(rest),
        "public_url must be scheme://host[:port] with no path: `{url}`"
    );
    Ok(url.to_owned())
}

/// The origin of a tile URL template for the page's Content-Security-Policy (`img-src`): a
/// `{s}` subdomain becomes `*`; anything but an absolute http(s) URL is refused at start-up.
pub fn tiles_origin(template: &str) -> anyhow::Result<String> {
    let (scheme, rest) = template
        .split_once("://")
        .filter(|(s, _)| matches!(*s, "http" | "https"))
        .ok_or_else(|| anyhow::anyhow!("map_tiles_url must start with https:// or http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host: Vec<String> = host
        .split('.')
        .map(|label| {
            if label.contains('{') {
                "*".to_owned()
            } else {
                label.to_owned()
            }
        })
        .collect();
    let host = host.join(".");
    anyhow::ensure!(
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '*' | ':')),
        "map_tiles_url has no usable host: `{template}`"
    );
    Ok(format!("{scheme}://{host}"))
}

/// A yes/no setting from the variable `key`; a bad one names the variable, as numbers do.
fn parse_bool(key: &str, v: &str) -> anyhow::Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" | "" => Ok(false),
        other => {
            anyhow::bail!("{key} must be true or false (also 1/0, yes/no, on/off), not `{other}`")
        }
    }
}

/// A database URL with its password replaced, for logs.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            // Only a password that is there is masked: `user:***@` for a URL without one
            // would send someone debugging a login down the wrong path.
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A `secret_key` setting: 64 hexadecimal digits.
pub fn parse_secret_key(hex: &str) -> anyhow::Result<[u8; 32]> {
    let hex = hex.trim();
    anyhow::ensure!(
        hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()),
        "secret_key must be 64 hexadecimal digits (32 random bytes, e.g. `openssl rand -hex 32`)"
    );
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16)?;
    }
    Ok(key)
}

/// Largest request body accepted on most routes (a site's GeoJSON is the biggest honest input).
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// Largest request body any route accepts: a form with three photos (the upload routes'
/// own limits are applied before routing, by `documents::limit`).
pub const LARGEST_BODY_BYTES: usize = 36 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_the_file_and_app_prefix_wins() {
        let mut config: Config = toml::from_str("bind_addr = \"0.0.0.0:8080\"").unwrap();
        config
            .apply_env(|k| match k {
                "DATABASE_URL" => Some("postgres://a".into()),
                "APP__DATABASE_URL" => Some("postgres://b".into()),
                "NIGHTMARKET_LIMITS" => Some("relaxed".into()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.bind_addr, "0.0.0.0:8080");
        assert_eq!(config.database_url, "postgres://b");
        assert!(!config.per_address_limits());
    }

    #[test]
    fn the_public_url_is_checked_and_loses_its_trailing_slash() {
        let mut config = Config::default();
        config
            .apply_env(|k| (k == "APP__PUBLIC_URL").then(|| "https://market.minle.gov.cn/".into()))
            .unwrap();
        assert_eq!(
            config.public_url.as_deref(),
            Some("https://market.minle.gov.cn")
        );
        for bad in [
            "market.minle.gov.cn",
            "https://x/permit",
            "javascript:alert(1)",
            "https://",
        ] {
            let mut config = Config::default();
            assert!(
                config
                    .apply_env(|k| (k == "APP__PUBLIC_URL").then(|| bad.into()))
                    .is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_unknown_key_in_the_file_is_an_error() {
        assert!(toml::from_str::<Config>("bind = 1").is_err());
    }

    #[test]
    fn passwords_are_redacted_from_database_urls() {
        assert_eq!(
            redact_url("postgres://nm:secret@db:5432/nm"),
            "postgres://nm:***@db:5432/nm"
        );
        assert_eq!(redact_url("sqlite://data/x.db"), "sqlite://data/x.db");
        // No password given: nothing to hide, and no *** to suggest one.
        assert_eq!(
            redact_url("postgres://postgres@127.0.0.1:5432/nm"),
            "postgres://postgres@127.0.0.1:5432/nm"
        );
    }

    #[test]
    fn a_bad_yes_or_no_names_its_variable() {
        let err = Config::default()
            .apply_env(|k| (k == "APP__HTTPS").then(|| "maybe".into()))
            .unwrap_err();
        assert!(err.to_string().contains("APP__HTTPS"), "{err}");
    }

    #[test]
    fn values_no_server_can_run_with_are_refused_at_start_up() {
        assert!(Config::default().check().is_ok());
        for bad in [
            Config {
                session_idle_minutes: -5,
                ..Config::default()
            },
            Config {
                session_max_hours: 0,
                ..Config::default()
            },
            // Past what a date can hold: every login would have panicked.
            Config {
                session_idle_minutes: 99_999_999_999_999,
                session_max_hours: 99_999_999_999,
                ..Config::default()
            },
            Config {
                trusted_proxies: vec!["lb.local".into()],
                ..Config::default()
            },
            Config {
                log_format: "xml".into(),
                ..Config::default()
            },
            Config {
                db_pool_size: 0,
                ..Config::default()
            },
        ] {
            assert!(bad.check().is_err(), "{bad:?}");
        }
        let mut c = Config::default();
        let e = c
            .apply_env(|k| (k == "APP__SESSION_IDLE_MINUTES").then(|| "abc".into()))
            .unwrap_err();
        assert!(e.to_string().contains("APP__SESSION_IDLE_MINUTES"), "{e}");
    }

    #[test]
    fn a_config_file_named_by_the_operator_must_exist() {
        let missing = std::path::Path::new("/nonexistent/nightmarket.toml");
        assert!(Config::from_file(missing, true).is_err());
        assert!(Config::from_file(missing, false).is_ok());
    }
}
