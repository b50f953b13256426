//! axe-core (vendored, `vendor/axe-core/`) run in the page: every `serious` or `critical`
//! violation is a problem, named by rule, element and page.

use super::Browser;
use serde_json::json;

/// axe-core 4.14.1 as published on npm (see `vendor/axe-core/README.md`).
const AXE: &str = include_str!("vendor/axe-core/axe.min.js");

/// Runs axe on the document and returns its serious and critical findings, one line per
/// element. WebDriver waits for the returned promise.
const RUN: &str = "return window.axe.run(document, { resultTypes: ['violations'] }).then((r) => \
    r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') \
      .flatMap((v) => v.nodes.map((n) => \
        `axe ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${v.help} — ${n.html.slice(0, 120)}`)));";

impl Browser {
    /// The serious and critical axe-core violations of the current page.
    pub(super) async fn axe(&self) -> Vec<String> {
        let found = self.exec(&format!("{AXE}\n;{RUN}"), json!([])).await;
        found
            .as_array()
            .expect("axe-core answers a list")
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    }
}
