//! The core crate (`core/`: geometry, layout, allocation) stays pure: neither it nor anything it
//! pulls in at run time is a web framework, a database layer, the entities, the views, the API
//! schema or the async runtime. `.ci/run` runs the same `cargo tree` check.

use std::collections::BTreeSet;
use std::process::Command;

const FORBIDDEN: [&str; 6] = ["axum", "sea-orm", "entity", "maud", "utoipa", "tokio"];

/// Every package the core depends on through normal dependencies, however indirectly, on this
/// platform: the names `cargo tree -p nightmarket-core -e normal` lists.
fn core_dependency_tree() -> BTreeSet<String> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "-p", "nightmarket-core", "-e", "normal"])
        .args(["--prefix", "none"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_core_crate_depends_on_no_web_database_view_or_runtime_crate() {
    let tree = core_dependency_tree();
    assert!(
        tree.contains("geo"),
        "the walk found the core's own dependencies: {tree:?}"
    );
    let found: Vec<&str> = FORBIDDEN
        .into_iter()
        .filter(|f| tree.contains(*f))
        .collect();
    assert!(
        found.is_empty(),
        "nightmarket-core must stay pure, but depends on {found:?}"
    );
}

#[test]
fn the_core_manifest_names_none_of_them_directly() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/core/Cargo.toml"))
        .expect("read core/Cargo.toml");
    let manifest: toml::Table = manifest.parse().expect("core/Cargo.toml is TOML");
    let deps = manifest["dependencies"].as_table().expect("[dependencies]");
    for f in FORBIDDEN {
        assert!(!deps.contains_key(f), "core/Cargo.toml names {f}");
    }
}
