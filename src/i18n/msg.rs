//! A text with values (an error naming a field, a notice with a count): a message id and its
//! arguments, formatted in the reader's language when it is shown, and storable as JSON so a
//! notice written today reads in a language added tomorrow.

use super::texts::layout::LIST_SEPARATOR;
use super::{Lang, T, bundles};
use fluent_bundle::{FluentArgs, FluentValue};
use serde_json::{Map, Value};
use std::borrow::Cow;

/// A message id and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Msg {
    id: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
}

/// The value of one argument of a [`Msg`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// Shown as it is: a market's name, a stall code, a date, a detail from a parser.
    Text(String),
    /// A number; Fluent picks the plural form by it (`{ $count -> [one] … *[other] … }`).
    Number(i64),
    /// Another message, formatted in the same language: a status word, part of a sentence.
    Msg(Msg),
    /// Items shown as they are, joined by the language's list separator.
    List(Vec<String>),
}

impl Msg {
    /// The message `id` with `args`, e.g.
    /// `Msg::with("bookings-notice-cancelled", [("what", what.into())])`.
    pub fn with(id: &'static str, args: impl IntoIterator<Item = (&'static str, Arg)>) -> Self {
        Self {
            id: Cow::Borrowed(id),
            args: args
                .into_iter()
                .map(|(k, v)| (Cow::Borrowed(k), v))
                .collect(),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> String {
        let mut args = FluentArgs::with_capacity(self.args.len());
        for (name, value) in &self.args {
            let value: FluentValue = match value {
                Arg::Text(s) => s.as_str().into(),
                Arg::Number(n) => (*n).into(),
                Arg::Msg(m) => m.get(lang).into(),
                Arg::List(items) => items.join(LIST_SEPARATOR.get(lang)).into(),
            };
            args.set(name.as_ref(), value);
        }
        bundles::format(lang, &self.id, &args)
    }

    /// Each argument as plain text in `lang` (a number written out, a nested message
    /// formatted, a list joined): what an SMS template's flat string variables take.
    pub fn flat_args(&self, lang: Lang) -> Vec<(String, String)> {
        self.args
            .iter()
            .map(|(name, value)| {
                let text = match value {
                    Arg::Text(s) => s.clone(),
                    Arg::Number(n) => n.to_string(),
                    Arg::Msg(m) => m.get(lang),
                    Arg::List(items) => items.join(LIST_SEPARATOR.get(lang)),
                };
                (name.to_string(), text)
            })
            .collect()
    }

    /// The message id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The arguments as a JSON object (`{"count": 3, "status": {"id": …, "args": {…}}}`), to
    /// store beside the id.
    pub fn args_json(&self) -> Value {
        Value::Object(
            self.args
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_json()))
                .collect(),
        )
    }

    /// A message read back from its stored id and arguments; arguments that do not parse are
    /// left out (the text then shows what Fluent makes of a missing value, never an error).
    pub fn stored(id: String, args: &str) -> Self {
        let args = match serde_json::from_str::<Value>(args) {
            Ok(Value::Object(map)) => from_json_object(map),
            _ => Vec::new(),
        };
        Self {
            id: Cow::Owned(id),
            args,
        }
    }
}

fn from_json_object(map: Map<String, Value>) -> Vec<(Cow<'static, str>, Arg)> {
    map.into_iter()
        .map(|(k, v)| (Cow::Owned(k), Arg::from_json(v)))
        .collect()
}

impl Arg {
    fn to_json(&self) -> Value {
        match self {
            Arg::Text(s) => Value::from(s.as_str()),
            Arg::Number(n) => Value::from(*n),
            Arg::Msg(m) => serde_json::json!({ "id": m.id(), "args": m.args_json() }),
            Arg::List(items) => Value::from(items.clone()),
        }
    }

    fn from_json(value: Value) -> Arg {
        match value {
            Value::String(s) => Arg::Text(s),
            Value::Number(n) => n
                .as_i64()
                .map_or_else(|| Arg::Text(n.to_string()), Arg::Number),
            Value::Array(items) => Arg::List(
                items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect(),
            ),
            Value::Object(mut map) => {
                let id = match map.remove("id") {
                    Some(Value::String(id)) => id,
                    _ => String::new(),
                };
                let args = match map.remove("args") {
                    Some(Value::Object(args)) => from_json_object(args),
                    _ => Vec::new(),
                };
                Arg::Msg(Msg {
                    id: Cow::Owned(id),
                    args,
                })
            }
            other => Arg::Text(other.to_string()),
        }
    }
}

impl From<T> for Msg {
    fn from(t: T) -> Self {
        Msg::with(t.0, [])
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

impl From<i32> for Arg {
    fn from(n: i32) -> Self {
        Arg::Number(n.into())
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Arg::Number(n.into())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<T> for Arg {
    fn from(t: T) -> Self {
        Arg::Msg(t.into())
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Self {
        Arg::Msg(m)
    }
}

impl From<Vec<String>> for Arg {
    fn from(items: Vec<String>) -> Self {
        Arg::List(items)
    }
}
