//! The module-cycle check of `cargo xtask test`: inside each library crate, the top-level modules
//! must form layers, each using only the ones below it.
//!
//! It reads source as text: every `crate::name` path in a module's files (its `#[cfg(test)]`
//! tail left out) is an edge to module `name`, or, when `name` is an item the crate root
//! re-exports (`pub use module::{Name, ..}`), to the module it comes from. A module folder
//! (`src/state/`) is one node. The crate root is a node too, above every module it declares:
//! a module that uses an item defined in `lib.rs`/`main.rs` closes a cycle through it. A cycle
//! fails the check, naming its modules.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The crates whose modules must not import each other in a circle. Not the sandbox: its
/// handler modules take the shared `Sandbox` state, which in turn owns their stores (axum's usual
/// shape), so its modules and its root refer to each other by design.
pub const LAYERED_CRATES: [&str; 5] = [
    "crates/core/src",
    "crates/x509/src",
    "crates/wasm/src",
    "crates/proxy/src",
    "web/src",
];

/// Which top-level module uses which, read from the sources under `src`.
pub fn module_graph(src: &Path) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let modules = top_level_modules(src)?;
    let root_text = ["lib.rs", "main.rs"]
        .iter()
        .find_map(|f| fs::read_to_string(src.join(f)).ok())
        .unwrap_or_default();
    let mut root_items = root_reexports(&root_text, &modules);
    for item in root_definitions(without_test_tail(&root_text)) {
        root_items.insert(item.to_string(), CRATE_ROOT.to_string());
    }
    let mut graph = BTreeMap::new();
    graph.insert(CRATE_ROOT.to_string(), modules.keys().cloned().collect());
    for (module, files) in &modules {
        let mut uses = BTreeSet::new();
        for file in files {
            let text = fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            for name in crate_paths(without_test_tail(&text)) {
                let target = if modules.contains_key(name) {
                    Some(name)
                } else {
                    root_items.get(name).map(String::as_str)
                };
                if let Some(target) = target.filter(|t| *t != module) {
                    uses.insert(target.to_string());
                }
            }
        }
        graph.insert(module.clone(), uses);
    }
    Ok(graph)
}

/// The first cycle in `graph`, as the modules along it (first one repeated at the end).
pub fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<&'a str, Mark>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = path.iter().position(|n| *n == node).unwrap_or(0);
                let mut cycle: Vec<String> =
                    path.iter().skip(start).map(|n| n.to_string()).collect();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node, Mark::Open);
        path.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, marks, path) {
                return Some(cycle);
            }
        }
        path.pop();
        marks.insert(node, Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut marks, &mut Vec::new()) {
            return Some(cycle);
        }
    }
    None
}

/// Fails on the first crate of [`LAYERED_CRATES`] whose modules use each other in a circle.
pub fn check(root: &Path) -> Result<(), String> {
    for src in LAYERED_CRATES {
        let graph = module_graph(&root.join(src))?;
        if let Some(cycle) = find_cycle(&graph) {
            return Err(format!(
                "{src}: modules import each other in a circle: {}",
                cycle.join(" -> ")
            ));
        }
    }
    println!(
        "module layering: no import cycles in {}",
        LAYERED_CRATES.join(", ")
    );
    Ok(())
}

/// The node standing for `lib.rs`/`main.rs`.
const CRATE_ROOT: &str = "(crate root)";

/// Module name to its files: `src/name.rs`, or every `.rs` file under `src/name/`.
fn top_level_modules(src: &Path) -> Result<BTreeMap<String, Vec<std::path::PathBuf>>, String> {
    let mut modules = BTreeMap::new();
    let entries = fs::read_dir(src).map_err(|e| format!("cannot list {}: {e}", src.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(stem) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if path.is_dir() {
            let mut files = Vec::new();
            collect_rs(&path, &mut files);
            modules.entry(stem).or_insert_with(Vec::new).extend(files);
        } else if path.extension().is_some_and(|e| e == "rs") && stem != "lib" && stem != "main" {
            modules.entry(stem).or_insert_with(Vec::new).push(path);
        }
    }
    Ok(modules)
}

fn collect_rs(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_rs(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// Items the crate root re-exports (`pub use module::{A, B}` / `pub use module::A`), mapped to
/// the module they come from, so that `crate::A` counts as a use of that module.
fn root_reexports(
    root: &str,
    modules: &BTreeMap<String, Vec<std::path::PathBuf>>,
) -> BTreeMap<String, String> {
    let mut items = BTreeMap::new();
    for statement in root.split(';') {
        let Some(rest) = statement.trim().strip_prefix("pub use ") else {
            continue;
        };
        let rest = rest
            .trim_start_matches("crate::")
            .trim_start_matches("self::");
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        if !modules.contains_key(module) {
            continue;
        }
        let names = names.trim().trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            let name = name.split("::").last().unwrap_or("").trim();
            let name = name.split(" as ").last().unwrap_or("").trim();
            if !name.is_empty() && name != "*" {
                items.insert(name.to_string(), module.to_string());
            }
        }
    }
    items
}

/// Names of the items the crate root defines itself (functions, types, constants, macros).
fn root_definitions(root: &str) -> Vec<&str> {
    const KEYWORDS: [&str; 8] = [
        "fn ",
        "struct ",
        "enum ",
        "const ",
        "static ",
        "type ",
        "trait ",
        "macro_rules! ",
    ];
    let mut names = Vec::new();
    for line in root.lines() {
        let line = line
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        let line = line.trim_start_matches("async ");
        for keyword in KEYWORDS {
            if let Some(rest) = line.strip_prefix(keyword) {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                if end > 0 {
                    names.push(&rest[..end]);
                }
            }
        }
    }
    names
}

/// A file's text up to its `#[cfg(test)]` unit-test module, which may use anything.
fn without_test_tail(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod ")
        .map_or(text, |at| text.get(..at).unwrap_or(text))
}

/// Every `name` in `crate::name` and in `use crate::{name, ..}` groups.
fn crate_paths(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    for (at, _) in text.match_indices("crate::") {
        if text[..at].ends_with(|c: char| is_ident(c)) {
            continue; // `certkit_crate::` and the like
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            for part in group.split(',') {
                let name = part.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        } else {
            let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
            names.push(&rest[..end]);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in edges {
            graph.entry(to.to_string()).or_default();
            graph
                .entry(from.to_string())
                .or_default()
                .insert(to.to_string());
        }
        graph
    }

    #[test]
    fn layers_have_no_cycle_and_a_circle_is_named() {
        let layers = graph(&[("operation", "problem"), ("validation", "problem")]);
        assert_eq!(find_cycle(&layers), None);
        let circle = graph(&[
            ("operation", "validation"),
            ("validation", "problem"),
            ("problem", "operation"),
        ]);
        let cycle = find_cycle(&circle).expect("a cycle");
        assert_eq!(cycle.first(), cycle.last());
        assert_eq!(cycle.len(), 4);
    }

    #[test]
    fn reads_crate_paths_and_groups() {
        let text = "use crate::{pem::Label, error::Error};\nfn f() { crate::key::match_(); }\n\
                    use certkit_crate::x;\n#[cfg(test)]\nmod tests { use crate::chain; }\n";
        assert_eq!(
            crate_paths(without_test_tail(text)),
            ["pem", "error", "key"]
        );
    }
}
