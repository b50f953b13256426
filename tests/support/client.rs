//! A client that calls the router directly and keeps cookies like a browser.

use axum::body::Body;
use http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use std::collections::BTreeMap;
use tower::ServiceExt;

/// A browser-like client: a cookie jar and helpers for JSON, forms and pages.
#[derive(Clone)]
pub struct Client {
    router: axum::Router,
    /// Cookies by name.
    pub cookies: BTreeMap<String, String>,
    /// Extra headers sent with every request (e.g. Accept-Language).
    pub headers: HeaderMap,
    /// The address the requests come from, as a server started with connection info sees it
    /// (none by default, as when the router is called directly).
    pub peer: Option<std::net::SocketAddr>,
}

/// A response, fully read.
pub struct Resp {
    /// Status.
    pub status: StatusCode,
    /// Headers.
    pub headers: HeaderMap,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Resp {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as an HTML document.
    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.text())
    }

    /// Text of every element matching `css`.
    pub fn select(&self, css: &str) -> Vec<String> {
        let doc = self.html();
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    }

    /// Value of attribute `attr` of the first element matching `css`.
    pub fn attr(&self, css: &str, attr: &str) -> Option<String> {
        let doc = self.html();
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .next()
            .and_then(|e| e.value().attr(attr).map(str::to_owned))
    }

    /// Values of attribute `attr` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let doc = self.html();
        let sel = scraper::Selector::parse(css).expect("selector");
        doc.select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The `error.code` of a JSON error envelope.
    pub fn error_code(&self) -> String {
        let v = self.json();
        assert!(
            v["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "envelope without message: {v}"
        );
        v["error"]["code"].as_str().unwrap_or_default().to_owned()
    }

    /// The `Location` header.
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

impl Client {
    /// A client without cookies.
    pub fn new(router: axum::Router) -> Client {
        Client {
            router,
            cookies: BTreeMap::new(),
            headers: HeaderMap::new(),
            peer: None,
        }
    }

    /// The same client, its requests coming from `ip`.
    pub fn at_address(mut self, ip: &str) -> Client {
        let ip: std::net::IpAddr = ip.parse().expect("an IP address");
        self.peer = Some(std::net::SocketAddr::new(ip, 40000));
        self
    }

    /// The same cookies against another router (another process over the same database).
    pub fn on(&self, router: axum::Router) -> Client {
        Client {
            router,
            ..self.clone()
        }
    }

    /// Sends a request; a 5xx answer fails the test (no request in the suite may produce one).
    pub async fn send(&mut self, request: Request<Body>) -> Resp {
        let resp = self.send_allowing_5xx(request).await;
        assert!(
            !resp.status.is_server_error(),
            "server error {}: {}",
            resp.status,
            resp.text()
        );
        resp
    }

    /// Sends a request and returns whatever comes back.
    pub async fn send_allowing_5xx(&mut self, mut request: Request<Body>) -> Resp {
        for (k, v) in &self.headers {
            request.headers_mut().insert(k, v.clone());
        }
        if let Some(peer) = self.peer {
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(peer));
        }
        if !self.cookies.is_empty() {
            let jar = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            request
                .headers_mut()
                .insert(header::COOKIE, jar.parse().expect("cookie header"));
        }
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible router");
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap_or_default();
            let pair = set.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                let expired = set.contains("Max-Age=0");
                if expired || value.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_owned(), value.to_owned());
                }
            }
        }
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    /// A request without body.
    pub async fn call(&mut self, method: Method, path: &str) -> Resp {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .body(Body::empty())
            .expect("request");
        self.send(req).await
    }

    /// GET.
    pub async fn get(&mut self, path: &str) -> Resp {
        self.call(Method::GET, path).await
    }

    /// A JSON request.
    pub async fn json(&mut self, method: Method, path: &str, body: &Value) -> Resp {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(req).await
    }

    /// POST JSON.
    pub async fn post_json(&mut self, path: &str, body: &Value) -> Resp {
        self.json(Method::POST, path, body).await
    }

    /// A raw body with a content type.
    pub async fn raw(
        &mut self,
        method: Method,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> Resp {
        let req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body.to_vec()))
            .expect("request");
        self.send(req).await
    }

    /// POST an urlencoded form as-is (no CSRF token added).
    pub async fn post_form_raw(&mut self, path: &str, pairs: &[(&str, &str)]) -> Resp {
        let body = serde_urlencoded::to_string(pairs).expect("form");
        self.raw(
            Method::POST,
            path,
            "application/x-www-form-urlencoded",
            body.as_bytes(),
        )
        .await
    }

    /// POST a form the way a browser would after loading `page`: with the page's `_csrf`.
    pub async fn submit(&mut self, page: &str, action: &str, pairs: &[(&str, &str)]) -> Resp {
        let token = self.csrf_from(page).await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(pairs);
        self.post_form_raw(action, &all).await
    }

    /// POST a multipart form (text fields only) with the CSRF token of `page` in the query,
    /// as the site forms do.
    pub async fn submit_multipart(
        &mut self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Resp {
        let token = self.csrf_from(page).await;
        let boundary = "----nightmarket-test-boundary";
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let sep = if action.contains('?') { '&' } else { '?' };
        let uri = format!("{action}{sep}_csrf={}", urlencoding(&token));
        self.raw(
            Method::POST,
            &uri,
            &format!("multipart/form-data; boundary={boundary}"),
            body.as_bytes(),
        )
        .await
    }

    /// The CSRF token embedded in `page`'s forms.
    pub async fn csrf_from(&mut self, page: &str) -> String {
        let resp = self.get(page).await;
        resp.attr("input[name=_csrf]", "value")
            .unwrap_or_else(|| panic!("no _csrf on {page}: {}", resp.status))
    }

    /// Logs in through the API; panics unless it works.
    pub async fn login(&mut self, login: &str, password: &str) -> Resp {
        let resp = self
            .post_json(
                "/api/v1/session",
                &serde_json::json!({"login": login, "password": password}),
            )
            .await;
        assert_eq!(
            resp.status,
            StatusCode::OK,
            "login {login}: {}",
            resp.text()
        );
        resp
    }
}

fn urlencoding(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)])
        .unwrap_or_default()
        .trim_start_matches("x=")
        .to_owned()
}
