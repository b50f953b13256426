//! serde's rejections (English, naming Rust types: "invalid length 0, expected struct
//! LoginBody with 3 elements") read into what a client can act on: the field at fault and a
//! message in the request's language. The parser's own words never reach the client.

use crate::error::AppError;
use crate::i18n::Msg;

/// What serde said, by kind.
#[derive(Debug, PartialEq, Eq)]
enum Fault {
    /// A required field is absent.
    Missing(String),
    /// A field the body may not carry.
    Unknown(String),
    /// A value outside an enumeration, with the values allowed (API names, not Rust ones).
    Variant { value: String, allowed: Vec<String> },
    /// A value of the wrong type, or refused by the field's own parser.
    Wrong,
    /// Anything else: the body's shape as a whole.
    Shape,
}

/// The path of the field at fault ("schedule[0].weekdays") and the fault.
fn read(detail: &str) -> (Option<String>, Fault) {
    let text = detail
        .split_once("target type: ")
        .map_or(detail, |(_, rest)| rest)
        .trim_start_matches("Failed to deserialize query string: ");
    // serde_path_to_error puts the path first ("name: invalid type"), "." for the root.
    let (path, message) = match text.split_once(": ") {
        Some((p, m)) if !p.is_empty() && !p.contains(' ') => {
            (Some(p.to_owned()).filter(|p| p != "."), m)
        }
        _ => (None, text),
    };
    let ticked = |m: &str| m.split('`').nth(1).map(str::to_owned);
    let join = |parent: Option<String>, name: String| match parent {
        Some(p) => format!("{p}.{name}"),
        None => name,
    };
    if let Some(name) = message.strip_prefix("missing field ").and_then(ticked) {
        return (Some(join(path, name.clone())), Fault::Missing(name));
    }
    if let Some(name) = message.strip_prefix("unknown field ").and_then(ticked) {
        return (Some(join(path, name.clone())), Fault::Unknown(name));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let mut ticks = rest.split('`').skip(1).step_by(2).map(str::to_owned);
        if let Some(value) = ticks.next() {
            return (
                path,
                Fault::Variant {
                    value,
                    allowed: ticks.collect(),
                },
            );
        }
    }
    let wrong = [
        "invalid type",
        "invalid value",
        "invalid digit",
        "cannot parse",
    ]
    .iter()
    .any(|p| message.starts_with(p));
    match path {
        Some(p) if wrong || !message.contains("struct ") => (Some(p), Fault::Wrong),
        p => (p, Fault::Shape),
    }
}

/// The message for a fault at `field`.
fn message(field: Option<&str>, fault: &Fault) -> Msg {
    let field = field.unwrap_or("").to_owned();
    match fault {
        Fault::Missing(_) => Msg::with("errors-body-missing", [("field", field.into())]),
        Fault::Unknown(_) => Msg::with("errors-body-unknown", [("field", field.into())]),
        Fault::Variant { value, allowed } => Msg::with(
            "errors-body-variant",
            [
                ("field", field.into()),
                ("value", value.clone().into()),
                ("allowed", allowed.join(", ").into()),
            ],
        ),
        Fault::Wrong if !field.is_empty() => {
            Msg::with("errors-body-wrong", [("field", field.into())])
        }
        Fault::Wrong | Fault::Shape => Msg::with("errors-body-shape", []),
    }
}

/// A JSON body serde refused: 422 `invalid_body`, naming the field where serde did.
pub fn body_error(detail: &str) -> AppError {
    let (field, fault) = read(detail);
    AppError::Invalid {
        code: "invalid_body",
        message: message(field.as_deref(), &fault),
        field,
    }
}

/// A JSON value refused inside a body that was read whole (`policy` of an allocation run): the
/// field within it, and the words for the fault. serde_json names no path for a value, so the
/// member holding a refused variant is found by its value.
pub fn value_fault(
    field: &str,
    value: &serde_json::Value,
    e: &serde_json::Error,
) -> (Option<String>, Msg) {
    let text = e.to_string();
    let member = text
        .strip_prefix("unknown variant `")
        .and_then(|rest| rest.split('`').next())
        .and_then(|bad| {
            value
                .as_object()?
                .iter()
                .find(|(_, v)| v.as_str() == Some(bad))
                .map(|(k, _)| k.clone())
        });
    let path = member.map_or_else(|| field.to_owned(), |k| format!("{field}.{k}"));
    let (at, fault) = read(&format!("{path}: {text}"));
    let at = at.or_else(|| Some(field.to_owned()));
    let words = message(at.as_deref(), &fault);
    (at, words)
}

/// A query string serde refused: 400 `malformed_query`, naming the parameter where it can.
pub fn query_error(detail: &str) -> AppError {
    let (field, fault) = read(detail);
    let message = match (&field, &fault) {
        (None, Fault::Shape | Fault::Wrong) => Msg::with("errors-query-shape", []),
        _ => message(field.as_deref(), &fault),
    };
    AppError::bad_request("malformed_query", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AXUM: &str = "Failed to deserialize the JSON body into the target type: ";

    #[test]
    fn serde_rejections_become_a_field_and_a_kind() {
        let cases = [
            (
                "name: missing field `phone` at line 1 column 2",
                Some("name.phone"),
                Fault::Missing("phone".into()),
            ),
            (
                ".: missing field `login` at line 1 column 2",
                Some("login"),
                Fault::Missing("login".into()),
            ),
            (
                "schedule[0].weekdays[1]: invalid type: string \"x\", expected u8 at line 1 column 9",
                Some("schedule[0].weekdays[1]"),
                Fault::Wrong,
            ),
            (
                "policy: unknown variant `lottery`, expected `fair` or `serial` at line 1 column 3",
                Some("policy"),
                Fault::Variant {
                    value: "lottery".into(),
                    allowed: vec!["fair".into(), "serial".into()],
                },
            ),
            (
                ".: unknown field `foo`, expected one of `a`, `b` at line 1 column 5",
                Some("foo"),
                Fault::Unknown("foo".into()),
            ),
            (
                "invalid length 0, expected struct LoginBody with 3 elements at line 1 column 2",
                None,
                Fault::Shape,
            ),
            (
                ".: invalid type: sequence, expected struct LoginBody at line 1 column 0",
                None,
                Fault::Shape,
            ),
        ];
        for (detail, field, fault) in cases {
            let (f, k) = read(&format!("{AXUM}{detail}"));
            assert_eq!((f.as_deref(), &k), (field, &fault), "{detail}");
        }
    }

    #[test]
    fn no_rust_type_reaches_the_client() {
        for lang in [crate::i18n::Lang::Zh, crate::i18n::Lang::En] {
            for detail in [
                "invalid length 0, expected struct LoginBody with 3 elements",
                "policy: invalid type: integer `3`, expected struct Policy",
                "Failed to deserialize query string: invalid digit found in string",
            ] {
                for e in [body_error(detail), query_error(detail)] {
                    let text = e.message(lang);
                    assert!(
                        !text.contains("struct") && !text.contains("invalid digit"),
                        "{text}"
                    );
                }
            }
        }
    }
}
