//! The OpenAPI document holds what OpenAPI 3.1 requires of it, checked here so that a plain
//! `cargo test` catches what a standard validator (`.ci/run`: openapi-spec-validator) and the
//! clients generated from the document would reject.

use crate::support::TestApp;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::process::Command;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

async fn served() -> Value {
    TestApp::new()
        .await
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
}

/// Every operation as (`METHOD /path`, path item, operation).
fn operations(spec: &Value) -> Vec<(String, &Value, &Value)> {
    let mut out = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(op) = item.get(method) {
                out.push((format!("{} {path}", method.to_uppercase()), item, op));
            }
        }
    }
    out
}

#[tokio::test]
async fn every_response_of_every_operation_says_what_it_means() {
    let spec = served().await;
    let mut faults = Vec::new();
    for (name, _, op) in operations(&spec) {
        let responses = op["responses"].as_object().expect("responses");
        if responses.is_empty() {
            faults.push(format!("{name}: no responses"));
        }
        for (status, response) in responses {
            let described = response["description"]
                .as_str()
                .is_some_and(|d| !d.trim().is_empty());
            if !described {
                faults.push(format!("{name} {status}: no description"));
            }
            let code_like = status.len() == 3
                && status.starts_with(['1', '2', '3', '4', '5'])
                && (status[1..].chars().all(|c| c.is_ascii_digit()) || &status[1..] == "XX");
            if !(code_like || status == "default") {
                faults.push(format!("{name}: response key {status} is not a status"));
            }
            if status == "204" && response.get("content").is_some() {
                faults.push(format!("{name} 204: a body on No Content"));
            }
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

#[tokio::test]
async fn every_operation_is_named_once_tagged_with_a_declared_tag_and_summarised() {
    let spec = served().await;
    assert!(
        spec["openapi"]
            .as_str()
            .unwrap_or_default()
            .starts_with("3.1."),
        "{}",
        spec["openapi"]
    );
    let declared: BTreeSet<&str> = spec["tags"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t["name"].as_str())
        .collect();
    let mut ids: HashMap<&str, String> = HashMap::new();
    let mut faults = Vec::new();
    for (name, _, op) in operations(&spec) {
        match op["operationId"].as_str() {
            Some(id) => {
                if let Some(first) = ids.insert(id, name.clone()) {
                    faults.push(format!("{name}: operationId {id} is also {first}'s"));
                }
            }
            None => faults.push(format!("{name}: no operationId")),
        }
        let tags = op["tags"].as_array().map(Vec::as_slice).unwrap_or_default();
        if tags.is_empty() {
            faults.push(format!("{name}: no tag"));
        }
        for tag in tags {
            let tag = tag.as_str().unwrap_or_default();
            if !declared.contains(tag) {
                faults.push(format!("{name}: tag {tag} is not declared"));
            }
        }
        if op["summary"].as_str().unwrap_or_default().trim().is_empty() {
            faults.push(format!("{name}: no summary"));
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

#[tokio::test]
async fn every_path_parameter_is_declared_required_and_every_reference_resolves() {
    let spec = served().await;
    let mut faults = Vec::new();
    for (name, item, op) in operations(&spec) {
        let path = name.split_once(' ').map(|(_, p)| p).unwrap_or_default();
        let in_template: BTreeSet<&str> = path
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(p, _)| p))
            .collect();
        let params = [&item["parameters"], &op["parameters"]]
            .into_iter()
            .filter_map(Value::as_array)
            .flatten();
        let mut declared = BTreeSet::new();
        let mut seen = BTreeSet::new();
        for p in params {
            let (at, pname) = (
                p["in"].as_str().unwrap_or_default(),
                p["name"].as_str().unwrap_or_default(),
            );
            if !seen.insert((at, pname)) {
                faults.push(format!("{name}: parameter {pname} in {at} twice"));
            }
            if p.get("schema").is_none() && p.get("content").is_none() {
                faults.push(format!("{name}: parameter {pname} has no schema"));
            }
            if at == "path" {
                declared.insert(pname);
                if p["required"] != Value::Bool(true) {
                    faults.push(format!("{name}: path parameter {pname} is not required"));
                }
            }
        }
        if declared != in_template {
            faults.push(format!(
                "{name}: path parameters {declared:?}, template {in_template:?}"
            ));
        }
    }
    let mut refs = Vec::new();
    collect_refs(&spec, &mut refs);
    assert!(!refs.is_empty(), "the document uses shared schemas");
    for r in refs {
        let target = r
            .strip_prefix('#')
            .and_then(|pointer| spec.pointer(pointer));
        if target.is_none() {
            faults.push(format!("$ref {r} resolves to nothing"));
        }
    }
    assert!(faults.is_empty(), "{faults:#?}");
}

fn collect_refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v.as_str()) {
                    ("$ref", Some(r)) => out.push(r),
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn the_command_line_prints_the_document_the_server_serves() {
    let out = Command::new(env!("CARGO_BIN_EXE_nightmarket"))
        .arg("openapi")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run nightmarket openapi");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(printed, served().await);
}

/// A PATCH changes only what it names, so its body requires no field: a schema that lists one
/// as required makes clients (and schemathesis) treat a valid partial change as invalid. The
/// classic slip is `#[schema(value_type = …)]` on an `Option` field without `Option<…>`.
/// The one exception is a PATCH whose only change is that field.
#[tokio::test]
async fn no_patch_body_requires_a_field() {
    let spec = served().await;
    let mut faults = Vec::new();
    let mut patches = 0;
    for (name, _, op) in operations(&spec) {
        if !name.starts_with("PATCH ") {
            continue;
        }
        let Some(schema) = op.pointer("/requestBody/content/application~1json/schema") else {
            continue;
        };
        patches += 1;
        let schema = match schema["$ref"].as_str() {
            Some(r) => spec.pointer(r.trim_start_matches('#')).expect("resolves"),
            None => schema,
        };
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let expected: &[&str] = match name.as_str() {
            // Ending a schedule row early or extending it: the new last day is the change.
            "PATCH /api/v1/schedule-rows/{id}" => &["to"],
            _ => &[],
        };
        if required != expected {
            faults.push(format!("{name}: requires {required:?}"));
        }
    }
    assert!(patches >= 3, "the document has PATCH bodies ({patches})");
    assert!(faults.is_empty(), "{faults:#?}");
}
