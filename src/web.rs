//! Small HTTP helpers shared by features: cookies, redirects, local `next` paths, client address.

use axum::response::{IntoResponse, Redirect, Response};
use http::{HeaderMap, HeaderValue, header};
use std::net::IpAddr;

/// The value of cookie `name`, if the request carries it.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_string())
}

/// Attributes of a cookie we set.
#[derive(Clone, Copy, Debug)]
pub struct CookieSpec<'a> {
    /// Cookie name (already carrying `__Host-` where wanted).
    pub name: &'a str,
    /// Sent only over HTTPS.
    pub secure: bool,
    /// Invisible to scripts.
    pub http_only: bool,
    /// `Lax` or `Strict`.
    pub same_site: &'a str,
    /// Lifetime in seconds; `None` for a browser-session cookie.
    pub max_age: Option<i64>,
}

impl CookieSpec<'_> {
    /// The `Set-Cookie` header value for `value`.
    pub fn header(&self, value: &str) -> HeaderValue {
        let mut s = format!("{}={value}; Path=/; SameSite={}", self.name, self.same_site);
        if self.http_only {
            s.push_str("; HttpOnly");
        }
        if self.secure {
            s.push_str("; Secure");
        }
        if let Some(age) = self.max_age {
            s.push_str(&format!("; Max-Age={age}"));
        }
        HeaderValue::from_str(&s).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The `Set-Cookie` header value that removes the cookie.
    pub fn removal(&self) -> HeaderValue {
        CookieSpec {
            max_age: Some(0),
            ..*self
        }
        .header("")
    }
}

/// A 303 redirect (POST → redirect → GET) that also sets the given cookies.
pub fn see_other_with(location: &str, cookies: Vec<HeaderValue>) -> Response {
    let mut response = Redirect::to(location).into_response();
    for c in cookies {
        response.headers_mut().append(header::SET_COOKIE, c);
    }
    response
}

/// `next` if it is a path on this site (`/x`, not `//host` or `https://…`), else `/`.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.starts_with("/\\")
                && !p.chars().any(|c| c.is_control()) =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

/// The client's address, from the connection (never from a forgeable header).
pub fn client_ip(extensions: &http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
}

/// Extractor for the client's address (absent when the server was not started with
/// connection info, as in tests that call the router directly).
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub Option<IpAddr>);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(&parts.extensions)))
    }
}

/// Random URL-safe token of `bytes` random bytes.
pub fn random_token(bytes: usize) -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(buf)
}

/// Whether `s` can only be a `host[:port]` (letters, digits, `.-:[]`): nothing that could
/// carry a path, a query or markup into a URL built from it.
pub fn is_host_and_port(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
}

/// Percent-encodes a value for a query string.
pub fn encode_query(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(local_path(Some("/sites/1")), "/sites/1");
        assert_eq!(local_path(Some("//evil.example")), "/");
        assert_eq!(local_path(Some("https://evil.example")), "/");
        assert_eq!(local_path(Some("/\\evil")), "/");
        assert_eq!(local_path(None), "/");
    }

    #[test]
    fn cookies_are_found_among_several() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; lang=en; b=2"),
        );
        assert_eq!(cookie(&h, "lang").as_deref(), Some("en"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
