//! The SMS gateway's settings (issue 18, point 6): where notices go to reach phones. The shape
//! of the common Chinese SMS APIs (Aliyun 短信服务, Tencent Cloud SMS): a signature name, one
//! template id per kind of notice, the parameters as a JSON object, a key.

use serde::Deserialize;
use std::collections::BTreeMap;

/// `[sms]` in `nightmarket.toml`, or `APP__SMS_*` variables.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct SmsConfig {
    /// The gateway's URL (`http://…`); unset, messages are written to the log instead.
    pub url: Option<String>,
    /// The key sent as `Authorization: Bearer …`.
    pub key: Option<String>,
    /// The signature (签名) the gateway prints before every message.
    pub sign_name: String,
    /// Template id per notice kind (`offer`, `booking_cancelled`, …); `*` for every other kind.
    pub templates: BTreeMap<String, String>,
    /// Attempts before a message is marked failed.
    pub max_attempts: i32,
    /// The first retry waits this long; each next one twice as long.
    pub backoff_base_ms: u64,
    /// No retry waits longer than this.
    pub backoff_max_ms: u64,
    /// How long a worker holds a claimed message before another process may take it over.
    pub lease_ms: u64,
    /// How often the worker looks for due messages when nothing wakes it.
    pub poll_ms: u64,
    /// Messages claimed at a time.
    pub batch: u64,
    /// Whether `serve` starts the worker (several processes may all run it).
    pub worker: bool,
}

impl Default for SmsConfig {
    fn default() -> Self {
        Self {
            url: None,
            key: None,
            sign_name: "民乐夜市".into(),
            templates: BTreeMap::new(),
            max_attempts: 8,
            backoff_base_ms: 2_000,
            backoff_max_ms: 300_000,
            lease_ms: 60_000,
            poll_ms: 1_000,
            batch: 50,
            worker: true,
        }
    }
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmsConfig")
            .field("url", &self.url)
            .field("key", &self.key.as_ref().map(|_| "…"))
            .field("templates", &self.templates)
            .finish_non_exhaustive()
    }
}

impl SmsConfig {
    /// The template id for a notice kind: its own, else `*`, else the kind itself.
    pub fn template_for(&self, kind: &str) -> String {
        self.templates
            .get(kind)
            .or_else(|| self.templates.get("*"))
            .cloned()
            .unwrap_or_else(|| kind.to_owned())
    }

    /// Applies `APP__SMS_URL`, `APP__SMS_KEY`, `APP__SMS_SIGN_NAME`, `APP__SMS_TEMPLATES`
    /// (`offer=SMS_1,*=SMS_0`), `APP__SMS_MAX_ATTEMPTS`, `APP__SMS_BACKOFF_BASE_MS`,
    /// `APP__SMS_BACKOFF_MAX_MS`, `APP__SMS_LEASE_MS`, `APP__SMS_POLL_MS`, `APP__SMS_WORKER`.
    pub fn apply_env(&mut self, var: &impl Fn(&str) -> Option<String>) -> anyhow::Result<()> {
        if let Some(v) = var("APP__SMS_URL") {
            self.url = Some(v);
        }
        self.url = self
            .url
            .take()
            .map(|u| u.trim().to_owned())
            .filter(|u| !u.is_empty());
        if let Some(u) = &self.url {
            anyhow::ensure!(
                u.starts_with("http://") || u.starts_with("https://"),
                "sms.url must start with http:// or https://: `{u}`"
            );
        }
        if let Some(v) = var("APP__SMS_KEY") {
            self.key = Some(v);
        }
        if let Some(v) = var("APP__SMS_SIGN_NAME") {
            self.sign_name = v;
        }
        if let Some(v) = var("APP__SMS_TEMPLATES") {
            for pair in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                let (kind, id) = pair.split_once('=').ok_or_else(|| {
                    anyhow::anyhow!("APP__SMS_TEMPLATES: `{pair}` is not kind=id")
                })?;
                self.templates
                    .insert(kind.trim().to_owned(), id.trim().to_owned());
            }
        }
        let number = |key: &str| -> anyhow::Result<Option<u64>> {
            var(key)
                .map(|v| {
                    v.trim()
                        .parse::<u64>()
                        .map_err(|e| anyhow::anyhow!("{key}: {e}"))
                })
                .transpose()
        };
        if let Some(v) = number("APP__SMS_MAX_ATTEMPTS")? {
            self.max_attempts = i32::try_from(v)?;
        }
        if let Some(v) = number("APP__SMS_BACKOFF_BASE_MS")? {
            self.backoff_base_ms = v;
        }
        if let Some(v) = number("APP__SMS_BACKOFF_MAX_MS")? {
            self.backoff_max_ms = v;
        }
        if let Some(v) = number("APP__SMS_LEASE_MS")? {
            self.lease_ms = v;
        }
        if let Some(v) = number("APP__SMS_POLL_MS")? {
            self.poll_ms = v;
        }
        if let Some(v) = var("APP__SMS_WORKER") {
            self.worker = !matches!(v.trim(), "0" | "false" | "off" | "no");
        }
        anyhow::ensure!(
            self.max_attempts >= 1,
            "sms.max_attempts must be at least 1"
        );
        anyhow::ensure!(self.lease_ms >= 1_000, "sms.lease_ms must be at least 1000");
        Ok(())
    }
}
