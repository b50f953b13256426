//! Sending one SMS: a [`SmsProvider`] interface, the HTTP gateway adapter in the shape of the
//! common Chinese SMS APIs (phone, signature, template id, parameters as JSON), and a log-only
//! provider for a server without a gateway.

use crate::config::SmsConfig;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// One message for the gateway.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SmsMessage {
    /// The mobile number.
    pub phone: String,
    /// The signature (签名).
    pub sign_name: String,
    /// The gateway's template id for this kind of notice.
    pub template_id: String,
    /// The template's parameters: the notice's arguments as flat strings, and `text`.
    pub params: serde_json::Value,
    /// Our id of the message, for the gateway to drop a repeat (Aliyun's `OutId`).
    pub out_id: String,
}

/// The template's parameters for a stored notice: every argument as flat text in Chinese (a
/// gateway's template variables are strings: a nested message — an outcome, a status — is
/// formatted, a list joined), and `text`, the whole notice as the vendor's inbox shows it, for
/// a template that is one variable. An argument named `text` would be shadowed: none is.
pub fn template_params(message_id: &str, args: &str) -> serde_json::Value {
    let msg = crate::i18n::Msg::stored(message_id.to_owned(), args);
    let lang = crate::i18n::Lang::Zh;
    let mut params: serde_json::Map<String, serde_json::Value> = msg
        .flat_args(lang)
        .into_iter()
        .map(|(k, v)| (k, serde_json::Value::from(v)))
        .collect();
    params.insert("text".into(), msg.get(lang).into());
    serde_json::Value::Object(params)
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Worth trying again later: the gateway is down, busy or unreachable.
    Transient(String),
    /// The gateway refused this message for good (a bad number, an unknown template).
    Permanent(String),
}

/// A boxed future of a send, so that providers can be held as trait objects.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SendError>> + Send + 'a>>;

/// Delivers a message to a phone.
pub trait SmsProvider: Send + Sync {
    /// Sends one message; `Ok` once the gateway has accepted it.
    fn send<'a>(&'a self, message: &'a SmsMessage) -> SendFuture<'a>;

    /// Whether an accepted message reaches a phone (false for the log-only provider, so the
    /// outbox says "not sent" rather than "sent").
    fn delivers(&self) -> bool {
        true
    }
}

/// Without a gateway: one log line per message, recorded as not sent.
#[derive(Debug, Default, Clone, Copy)]
pub struct LogSms;

impl SmsProvider for LogSms {
    fn send<'a>(&'a self, message: &'a SmsMessage) -> SendFuture<'a> {
        Box::pin(async move {
            tracing::info!(
                sms.phone = %crate::mask::mask_phone(&message.phone),
                sms.template = %message.template_id,
                sms.out_id = %message.out_id,
                "sms (no gateway configured)"
            );
            Ok(())
        })
    }

    fn delivers(&self) -> bool {
        false
    }
}

/// An HTTP SMS gateway: `POST <url>` with `{phone, sign_name, template_id, params, out_id}` and
/// `Authorization: Bearer <key>`. A 2xx answer whose JSON `code` is absent, `"OK"` or `0` is
/// accepted; 5xx, 429 and network errors are retried; any other answer fails the message.
#[derive(Debug, Clone)]
pub struct HttpSms {
    client: reqwest::Client,
    url: String,
    key: Option<String>,
}

impl HttpSms {
    /// The adapter for `url` (10 s per request).
    pub fn new(url: &str, key: Option<String>) -> Result<Self, reqwest::Error> {
        Ok(Self {
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()?,
            url: url.to_owned(),
            key,
        })
    }
}

impl SmsProvider for HttpSms {
    fn send<'a>(&'a self, message: &'a SmsMessage) -> SendFuture<'a> {
        Box::pin(async move {
            let mut request = self.client.post(&self.url).json(message);
            if let Some(key) = &self.key {
                request = request.bearer_auth(key);
            }
            let response = request
                .send()
                .await
                .map_err(|e| SendError::Transient(format!("gateway unreachable: {e}")))?;
            let status = response.status();
            let body = response.text().await.unwrap_or_default();
            let short: String = body.chars().take(200).collect();
            if status.is_server_error() || status.as_u16() == 429 {
                return Err(SendError::Transient(format!("gateway {status}: {short}")));
            }
            if !status.is_success() {
                return Err(SendError::Permanent(format!("gateway {status}: {short}")));
            }
            let code = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("code").cloned());
            match code {
                None => Ok(()),
                Some(serde_json::Value::String(s)) if s.eq_ignore_ascii_case("ok") || s == "0" => {
                    Ok(())
                }
                Some(serde_json::Value::Number(n)) if n.as_i64() == Some(0) => Ok(()),
                Some(other) => Err(SendError::Permanent(format!("gateway refused: {other}"))),
            }
        })
    }
}

/// The provider the configuration names: the HTTP gateway when `url` is set, else the log.
pub fn provider(config: &SmsConfig) -> anyhow::Result<std::sync::Arc<dyn SmsProvider>> {
    Ok(match &config.url {
        Some(url) => std::sync::Arc::new(HttpSms::new(url, config.key.clone())?),
        None => std::sync::Arc::new(LogSms),
    })
}
