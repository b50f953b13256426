//! The house rules, checked on the source: modules import each other only down the declared
//! order of ARCHITECTURE.md (shell, then services one after another, then the audiences, then
//! the top), so no two features import each other and no shell module knows a feature; and no
//! source file grows past 500 lines.
//!
//! `cargo test --test integration architecture -- --nocapture` also prints the figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The shell: what every feature may use. It imports no feature.
const SHELL: &[&str] = &[
    "api",
    "assets",
    "audit",
    "backup",
    "cache",
    "clock",
    "config",
    "core_text",
    "db",
    "error",
    "errors_layer",
    "extract",
    "health",
    "i18n",
    "idempotency",
    "identity",
    "mask",
    "normalize",
    "notices",
    "openapi",
    "registry",
    "run_to_end",
    "serde_detail",
    "state",
    "telemetry",
    "views",
    "web",
];

/// The pure core crate's modules, re-exported by the server: anyone may use them.
const CORE: &[&str] = &["allocation", "geometry", "layout"];

/// The services, one per aggregate, in their declared order: each may import only those
/// before it.
const SERVICES: &[&str] = &[
    "accounts",
    "vendors",
    "sites",
    "markets",
    "documents",
    "conduct",
    "applications",
    "bookings",
    "complaints",
    "allocations",
    "permits",
    "sales",
    "reports",
];

/// Pages for one audience: they use services and the shell, never each other.
const AUDIENCES: &[&str] = &["admin", "home", "public", "vendor_pages"];

/// What assembles everything: may import anything, and nothing imports it.
const TOP: &[&str] = &["app", "cli", "seed"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Core,
    Shell,
    Service(usize),
    Audience,
    Top,
}

fn layer_of(module: &str) -> Option<Layer> {
    if CORE.contains(&module) {
        Some(Layer::Core)
    } else if SHELL.contains(&module) {
        Some(Layer::Shell)
    } else if let Some(i) = SERVICES.iter().position(|m| *m == module) {
        Some(Layer::Service(i))
    } else if AUDIENCES.contains(&module) {
        Some(Layer::Audience)
    } else if TOP.contains(&module) {
        Some(Layer::Top)
    } else {
        None
    }
}

/// Whether a module of layer `from` may import one of layer `to`.
fn allowed(from: Layer, to: Layer) -> bool {
    match (from, to) {
        (_, Layer::Core) => true,
        (Layer::Top, _) => true,
        (_, Layer::Top) => false,
        (Layer::Core, _) => false,
        (Layer::Shell, to) => to == Layer::Shell,
        (Layer::Service(i), Layer::Service(j)) => j < i,
        (Layer::Service(_), to) => to == Layer::Shell,
        (Layer::Audience, Layer::Audience) => false,
        (Layer::Audience, _) => true,
    }
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The file's module path below `src/` (`src/bookings/place.rs` → `[bookings, place]`).
fn module_path(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src_dir()).expect("under src");
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments (doc comments name other modules freely).
fn code_only(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Top-level modules a file's code names: `crate::x`, `crate::{x, y::z}` (across lines) and
/// `super::` chains that climb to the crate root.
fn referenced_modules(file: &Path) -> BTreeSet<String> {
    let code = code_only(&std::fs::read_to_string(file).expect("readable source"));
    referenced_in(&code, module_path(file).len())
}

/// [`referenced_modules`] of `code` in a file `depth` modules below the crate root.
fn referenced_in(code: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let ident = |from: usize| -> String {
        code[from..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut i = 0;
    while let Some(pos) = code[i..].find("crate::") {
        let at = i + pos;
        i = at + "crate::".len();
        let boundary = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if !boundary {
            continue;
        }
        if bytes.get(i) == Some(&b'{') {
            // A group: the first identifier of each top-level item.
            let mut level = 0;
            let mut item_start = true;
            for (k, c) in code[i..].char_indices() {
                match c {
                    '{' => {
                        level += 1;
                        if level == 1 {
                            item_start = true;
                        }
                    }
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    ',' if level == 1 => item_start = true,
                    c if item_start && level == 1 && (c.is_ascii_alphabetic() || c == '_') => {
                        found.insert(ident(i + k));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(i));
        }
    }
    // `super::super::x` from `a/b/c.rs` (depth 3) climbs to the root after three steps.
    let mut i = 0;
    while let Some(pos) = code[i..].find("super::") {
        let mut at = i + pos;
        let mut steps = 0;
        while code[at..].starts_with("super::") {
            steps += 1;
            at += "super::".len();
        }
        i = at;
        if steps >= depth && depth > 0 {
            found.insert(ident(at));
        }
    }
    found
}

/// Every import edge between top-level modules: (from, to) → files.
fn edges() -> BTreeMap<(String, String), Vec<String>> {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let mut edges: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for file in files {
        let path = module_path(&file);
        let Some(from) = path.first().cloned() else {
            continue;
        };
        if from == "lib" || from == "main" {
            continue;
        }
        for to in referenced_modules(&file) {
            if to != from && !to.is_empty() {
                let rel = file.strip_prefix(src_dir()).unwrap().display().to_string();
                edges.entry((from.clone(), to)).or_default().push(rel);
            }
        }
    }
    edges
}

fn is_feature(module: &str) -> bool {
    matches!(layer_of(module), Some(Layer::Service(_) | Layer::Audience))
}

#[test]
fn every_module_imports_only_down_the_declared_order() {
    let mut faults = Vec::new();
    for ((from, to), files) in edges() {
        let (Some(a), b) = (layer_of(&from), layer_of(&to)) else {
            faults.push(format!(
                "src/{from}: a top-level module in no layer — declare it in tests/architecture.rs and ARCHITECTURE.md"
            ));
            continue;
        };
        // A name that is no module of ours (a crate, a macro) is not an edge.
        let Some(b) = b else { continue };
        if !allowed(a, b) {
            faults.push(format!(
                "{from} ({a:?}) imports {to} ({b:?}) in {}",
                files.join(", ")
            ));
        }
    }
    faults.sort();
    faults.dedup();
    assert!(
        faults.is_empty(),
        "imports against the order:\n{}",
        faults.join("\n")
    );
}

#[test]
fn no_two_features_import_each_other_and_the_figures_say_so() {
    let edges = edges();
    let feature_edges: Vec<_> = edges
        .iter()
        .filter(|((a, b), _)| is_feature(a) && is_feature(b))
        .collect();
    let imports: usize = feature_edges.iter().map(|(_, files)| files.len()).sum();
    let pairs: BTreeSet<(String, String)> =
        feature_edges.iter().map(|(k, _)| (*k).clone()).collect();
    let both_ways: Vec<_> = pairs
        .iter()
        .filter(|(a, b)| a < b && pairs.contains(&(b.clone(), a.clone())))
        .collect();
    let shell_to_feature = edges
        .keys()
        .filter(|(a, b)| layer_of(a) == Some(Layer::Shell) && is_feature(b))
        .count();
    eprintln!(
        "house: {} feature→feature imports (files) over {} module pairs; {} pairs both ways; {} shell→feature edges",
        imports,
        pairs.len(),
        both_ways.len(),
        shell_to_feature
    );
    assert!(
        both_ways.is_empty(),
        "features importing each other: {both_ways:?}"
    );
    assert_eq!(shell_to_feature, 0, "the shell imports a feature");
}

#[test]
fn no_source_file_is_over_500_lines_outside_tests_and_texts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "core/src", "entity/src", "migration/src"] {
        let dir = root.join(dir);
        if dir.exists() {
            rust_files(&dir, &mut files);
        }
    }
    let mut long: Vec<String> = files
        .iter()
        .filter(|f| {
            let name = f.file_name().unwrap().to_string_lossy();
            !(name.contains("tests") || name == "texts.rs")
        })
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).ok()?.lines().count();
            (lines > 500).then(|| {
                format!(
                    "{} ({lines} lines)",
                    f.strip_prefix(root).unwrap().display()
                )
            })
        })
        .collect();
    long.sort();
    eprintln!("house: {} source files over 500 lines", long.len());
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn architecture_md_declares_the_same_order() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .expect("ARCHITECTURE.md");
    let line = doc
        .lines()
        .find(|l| l.starts_with("Services, in order:"))
        .expect("ARCHITECTURE.md has a line `Services, in order: a → b → …`");
    let listed: Vec<&str> = line
        .trim_start_matches("Services, in order:")
        .split('→')
        .map(|s| s.trim().trim_matches('`'))
        .collect();
    assert_eq!(
        listed, SERVICES,
        "ARCHITECTURE.md and tests/architecture.rs disagree"
    );
}

#[test]
fn the_checker_sees_groups_across_lines_and_super_chains_and_refuses_upward_imports() {
    let code = code_only(
        "use crate::{a, b::{c, d},\n    e::f};\n// crate::commented\nlet x = super::super::g::h();\nlet y = crate::i::j;",
    );
    let found: Vec<String> = referenced_in(&code, 2).into_iter().collect();
    assert_eq!(found, ["a", "b", "e", "g", "i"]);
    assert!(
        referenced_in("super::x", 2).is_empty(),
        "one step up stays inside the module"
    );
    let bookings = layer_of("bookings").unwrap();
    let markets = layer_of("markets").unwrap();
    assert!(allowed(bookings, markets));
    assert!(!allowed(markets, bookings));
    assert!(!allowed(Layer::Shell, markets));
    assert!(!allowed(Layer::Audience, Layer::Audience));
    assert!(!allowed(Layer::Service(0), Layer::Audience));
}

#[test]
fn no_module_of_the_server_sits_in_an_import_cycle_shell_included() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in edges().into_keys() {
        if layer_of(&to).is_some() {
            graph.entry(from).or_default().insert(to);
        }
    }
    let mut on_cycle = Vec::new();
    for start in graph.keys() {
        // Does `start` reach itself?
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            if m == start {
                on_cycle.push(start.clone());
                break;
            }
            if seen.insert(m.clone()) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
    }
    eprintln!("house: {} modules on an import cycle", on_cycle.len());
    assert!(
        on_cycle.is_empty(),
        "modules importing themselves through others: {on_cycle:?}"
    );
}
