//! Form building blocks: the CSRF field, labelled inputs with hints and errors.

use super::PageCtx;
use maud::{Markup, html};

/// The hidden `_csrf` input every form carries.
pub fn csrf_field(ctx: &PageCtx) -> Markup {
    html! { input type="hidden" name=(crate::identity::csrf::FIELD) value=(ctx.csrf); }
}

/// The type of a date box holding `value`: `text` for a refused value that is no date (a date
/// box shows such a value as empty: the person would see neither what they typed nor why it
/// was refused), else `date`.
pub fn date_kind(value: &str) -> &'static str {
    if !value.is_empty() && crate::extract::Date::parse(value).is_none() {
        "text"
    } else {
        "date"
    }
}

/// One text-like input.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// Field name.
    pub name: &'a str,
    /// The element's id where a page holds several forms with this field (else `f-{name}`).
    pub id: Option<&'a str>,
    /// Visible label.
    pub label: &'a str,
    /// Current value.
    pub value: &'a str,
    /// `text`, `password`, `tel`, `date`, …
    pub kind: &'a str,
    /// Keyboard hint for phones: `numeric`, `tel`, `text`.
    pub inputmode: Option<&'a str>,
    /// Browser autofill hint.
    pub autocomplete: Option<&'a str>,
    /// Help text under the label.
    pub hint: Option<&'a str>,
    /// The error to show, if the last submission failed on this field.
    pub error: Option<&'a str>,
    /// Must be filled in.
    pub required: bool,
}

impl Input<'_> {
    /// The input's type. A refused value that is no date is given back in a text box: a
    /// date box shows such a value as empty, and the person would see neither what they
    /// typed nor why it was refused.
    fn shown_kind(&self) -> &str {
        match self.kind {
            "" => "text",
            "date" => date_kind(self.value),
            kind => kind,
        }
    }

    /// Renders label, hint, input and error, linked for screen readers.
    pub fn render(&self) -> Markup {
        let id = self
            .id
            .map_or_else(|| format!("f-{}", self.name), str::to_owned);
        let hint_id = format!("{id}-hint");
        let err_id = format!("{id}-err");
        let described = match (self.hint.is_some(), self.error.is_some()) {
            (true, true) => Some(format!("{hint_id} {err_id}")),
            (true, false) => Some(hint_id.clone()),
            (false, true) => Some(err_id.clone()),
            (false, false) => None,
        };
        html! {
            div class={ "field" @if self.error.is_some() { " has-error" } } {
                label for=(id) { (self.label) }
                @if let Some(hint) = self.hint { p.hint id=(hint_id) { (hint) } }
                input id=(id) name=(self.name) type=(self.shown_kind())
                    value=(self.value)
                    inputmode=[self.inputmode]
                    autocomplete=[self.autocomplete]
                    aria-describedby=[described]
                    aria-invalid=[self.error.map(|_| "true")]
                    required[self.required];
                @if let Some(err) = self.error { p.error id=(err_id) role="alert" { "⚠ " (err) } }
            }
        }
    }
}
