//! The app's wasm in two modules, split by what runs at start-up (issue 14: the first load).
//!
//! Trunk builds one module with its function names (index.html: `data-keep-debug`, no
//! wasm-opt). Binaryen's `wasm-split` then:
//! 1. instruments a copy, which `tests/split/profile.mjs` runs in Chromium along the first
//!    visit the bench times (the app starts, the Issue End Cert form is opened): the profile
//!    says which functions ran;
//! 2. splits the module: those functions stay in `certkit-web_bg.wasm`, the page's first load;
//!    the rest go to `certkit-web_deferred.wasm`, which `web/assets/deferred.js` fetches once
//!    the page is idle (or at once, synchronously, if one of its functions is called first).
//!
//! Both are then optimised for size as before (`wasm-opt -Oz --converge`, debug names and
//! tool sections stripped), and wasm-bindgen's glue is patched to import `deferred.js`.
//!
//! The profile is made on every build, from the module being split, so it never goes stale.
//! A function the profile missed is still correct: it is loaded on its first call.
//!
//! `wasm-split` comes from Debian's binaryen (version 108; npm's binaryen has no wasm-split).
//! Two of its gaps are bridged here, in text disassembled and reassembled by npm's binaryen
//! (the version that optimises every build):
//! - it cannot read `table.fill`, which wasm-bindgen's externref shims use to clear one slot:
//!   that is rewritten as the equivalent `table.set` ([`without_table_fill`]);
//! - it exports the externref table under wasm-bindgen's name but points the export at the
//!   function table ([`with_externref_export`]).

use std::path::Path;

use crate::bench::{FORM_SELECTOR, NAV_SELECTOR};
use crate::tools::{
    copy, copy_dir, create_dir, ensure_debian, ensure_test_node_modules, read, remove_dir, root,
    run, target_dir, tools_bin_dir, write, CHROMIUM, WASM_SPLIT,
};

/// The module Trunk writes, which becomes the first-load part.
const WASM: &str = "certkit-web_bg.wasm";
/// The deferred part (its name is also in `web/assets/deferred.js`).
const DEFERRED: &str = "certkit-web_deferred.wasm";
/// wasm-bindgen's glue.
const GLUE: &str = "certkit-web.js";

/// The wasm features of the app's build (Rust's wasm32 defaults), for every Binaryen tool.
const FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The wasm-opt passes of the app's build (as index.html had them for Trunk's wasm-opt).
const WASM_OPT: [&str; 5] = [
    "-Oz",
    "--converge",
    "--strip-debug",
    "--strip-producers",
    "--strip-target-features",
];

/// Splits the app Trunk built in `dist` (see the module docs).
pub fn split(dist: &Path) -> Result<(), String> {
    ensure_debian(&[WASM_SPLIT, CHROMIUM])?;
    ensure_test_node_modules()?;
    let work = target_dir().join("app-split");
    remove_dir(&work)?;
    create_dir(&work)?;
    let path = |name: &str| work.join(name).to_string_lossy().into_owned();

    let module = path("app.wasm");
    binaryen_text(&dist.join(WASM), Path::new(&module), without_table_fill)?;

    let instrumented = path("instrumented.wasm");
    wasm_split(&["--instrument", "-g", &module, "-o", &instrumented])?;
    binaryen_text(
        Path::new(&instrumented),
        Path::new(&instrumented),
        with_externref_export,
    )?;
    let profile_dist = work.join("profile-dist");
    copy_dir(dist, &profile_dist)?;
    copy(Path::new(&instrumented), &profile_dist.join(WASM))?;
    let profile = path("start-up.profile");
    let script = root().join("tests").join("split").join("profile.mjs");
    run(
        "node",
        &[
            &script.to_string_lossy(),
            &profile_dist.to_string_lossy(),
            &profile,
            NAV_SELECTOR,
            FORM_SELECTOR,
        ],
    )?;

    let (primary, deferred) = (path("primary.wasm"), path("deferred.wasm"));
    wasm_split(&[
        "--split",
        "-g",
        "--profile",
        &profile,
        // The exports the deferred module imports (function table, globals, functions) get
        // names no wasm-bindgen export can have; deferred.js reads `%table`.
        "--export-prefix=%",
        "--placeholder-namespace=placeholder",
        "--import-namespace=primary",
        "-o1",
        &primary,
        "-o2",
        &deferred,
        &module,
    ])?;
    // The primary's exports to the deferred module are named after the functions (80 kB of
    // names each way): short names instead.
    let mut renamed = Vec::new();
    binaryen_text(Path::new(&primary), Path::new(&primary), |wat| {
        let (wat, names) = with_short_export_names(&with_externref_export(wat)?);
        renamed = names;
        Ok(wat)
    })?;
    let mut slots = String::new();
    binaryen_text(Path::new(&deferred), Path::new(&deferred), |wat| {
        slots = deferred_slots(wat);
        with_imports_renamed(wat, &renamed)
    })?;
    write(&work.join("deferred-slots.tsv"), &slots)?;
    wasm_opt(&primary, &dist.join(WASM))?;
    wasm_opt(&deferred, &dist.join(DEFERRED))?;

    let glue = dist.join(GLUE);
    write(&glue, &with_deferred_module(&read(&glue)?)?)
}

fn wasm_split(args: &[&str]) -> Result<(), String> {
    let mut all: Vec<&str> = FEATURES.to_vec();
    all.extend(args);
    run("/usr/bin/wasm-split", &all)
}

fn wasm_opt(from: &str, to: &Path) -> Result<(), String> {
    let to = to.to_string_lossy();
    let mut args: Vec<&str> = FEATURES.to_vec();
    args.extend(WASM_OPT);
    args.extend([from, "-o", &to]);
    binaryen("wasm-opt", &args)
}

/// npm binaryen's `name` (the version that reads current wasm-bindgen output).
fn binaryen(name: &str, args: &[&str]) -> Result<(), String> {
    run(&tools_bin_dir().join(name).to_string_lossy(), args)
}

/// Disassembles `from`, edits the text with `edit`, and assembles it into `to`, names kept.
fn binaryen_text(
    from: &Path,
    to: &Path,
    edit: impl FnOnce(&str) -> Result<String, String>,
) -> Result<(), String> {
    let wat = to.with_extension("wat");
    let (from, wat_arg) = (from.to_string_lossy(), wat.to_string_lossy());
    binaryen("wasm-dis", &[&from, "-o", &wat_arg])?;
    write(&wat, &edit(&read(&wat)?)?)?;
    let mut args: Vec<&str> = FEATURES.to_vec();
    let to = to.to_string_lossy();
    args.extend(["-g", &wat_arg, "-o", &to]);
    binaryen("wasm-as", &args)
}

/// `(table.fill $t I (ref.null noextern) (i32.const 1))`, which clears one slot, as
/// `(table.set $t I (ref.null noextern))`. Any other `table.fill` is an error: this rewrite
/// knows only wasm-bindgen's.
fn without_table_fill(wat: &str) -> Result<String, String> {
    let lines: Vec<&str> = wat.lines().collect();
    let mut out = String::with_capacity(wat.len());
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        let Some(table) = line.trim_start().strip_prefix("(table.fill ") else {
            out.push_str(line);
            out.push('\n');
            i += 1;
            continue;
        };
        let [index, null, count, close] = [1, 2, 3, 4].map(|k| lines.get(i + k).map(|l| l.trim()));
        let (Some(index), Some("(ref.null noextern)"), Some("(i32.const 1)"), Some(")")) =
            (index, null, count, close)
        else {
            return Err(format!(
                "wasm-split cannot read table.fill, and the one at line {} is not wasm-bindgen's \
                 one-slot clear that xtask rewrites: see xtask/src/app_split.rs",
                i + 1
            ));
        };
        let indent = line.strip_suffix(line.trim_start()).unwrap_or_default();
        out.push_str(&format!(
            "{indent}(table.set {table}\n{indent} {index}\n{indent} (ref.null noextern)\n{indent})\n"
        ));
        i += 5;
    }
    Ok(out)
}

/// The export of wasm-bindgen's externref table pointed back at that table.
fn with_externref_export(wat: &str) -> Result<String, String> {
    const EXPORT: &str = " (export \"__wbindgen_externrefs\" (table ";
    const RIGHT: &str = " (export \"__wbindgen_externrefs\" (table $__wbindgen_externrefs))";
    if !wat.contains(" (table $__wbindgen_externrefs ") {
        return Err("the module has no table named $__wbindgen_externrefs".into());
    }
    let mut found = false;
    let out: Vec<&str> = wat
        .lines()
        .map(|line| {
            if line.starts_with(EXPORT) {
                found = true;
                RIGHT
            } else {
                line
            }
        })
        .collect();
    if !found {
        return Err("the module does not export __wbindgen_externrefs".into());
    }
    Ok(out.join("\n") + "\n")
}

/// The `%`-prefixed exports wasm-split made for the deferred module, renamed `%0`, `%1`, ...
/// Returns the text and the (old, new) names.
fn with_short_export_names(wat: &str) -> (String, Vec<(String, String)>) {
    let mut renamed = Vec::new();
    let out = with_names_replaced(wat, " (export \"%", |name| {
        let short = renamed.len().to_string();
        renamed.push((name.to_string(), short.clone()));
        Ok(short)
    });
    // Renaming exports cannot fail.
    (out.unwrap_or_default(), renamed)
}

/// The deferred module's imports from the primary under the names [`with_short_export_names`]
/// gave them; every `%` import must have one.
fn with_imports_renamed(wat: &str, renamed: &[(String, String)]) -> Result<String, String> {
    let names: std::collections::HashMap<&str, &str> = renamed
        .iter()
        .map(|(old, new)| (old.as_str(), new.as_str()))
        .collect();
    with_names_replaced(wat, " (import \"primary\" \"%", |name| {
        names
            .get(name)
            .map(|short| short.to_string())
            .ok_or_else(|| {
                format!("the deferred module imports %{name}, which the primary does not export")
            })
    })
}

/// `wat` with the `%name` that follows `prefix` on a line replaced by `%` and what `rename`
/// gives for it; `%table` is kept (deferred.js reads it).
fn with_names_replaced(
    wat: &str,
    prefix: &str,
    mut rename: impl FnMut(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = String::with_capacity(wat.len());
    for line in wat.lines() {
        let name = line
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once('"'))
            .map(|(name, _)| name)
            .filter(|name| *name != "table");
        match name {
            Some(name) => {
                let short = rename(name)?;
                out.push_str(&line.replacen(&format!("\"%{name}\""), &format!("\"%{short}\""), 1));
            }
            None => out.push_str(line),
        }
        out.push('\n');
    }
    Ok(out)
}

/// Which of the deferred module's functions fills which slot of the first module's table,
/// one `slot<TAB>function` line each, read off its element segments. The page's performance
/// mark names the slot whose call loaded the deferred module (deferred.js); this file, kept
/// beside the build's other intermediates, names the function: the one the profile missed.
fn deferred_slots(wat: &str) -> String {
    let mut out = String::new();
    for line in wat.lines() {
        let segment = line
            .strip_prefix(" (elem ")
            .and_then(|rest| rest.split_once("(i32.const "))
            .and_then(|(_, rest)| rest.split_once(") func "));
        let Some((first, functions)) = segment else {
            continue;
        };
        let Ok(first) = first.parse::<usize>() else {
            continue;
        };
        let mut rest = functions.trim_start();
        let mut slot = first;
        // `$name` or `$"a name with spaces"`, up to the segment's closing parenthesis.
        while let Some(after) = rest.strip_prefix('$') {
            let (name, tail) = match after.strip_prefix('"') {
                Some(quoted) => quoted.split_once('"').unwrap_or((quoted, "")),
                None => after
                    .find([' ', ')'])
                    .and_then(|end| after.split_at_checked(end))
                    .unwrap_or((after, "")),
            };
            out.push_str(&format!("{slot}\t{name}\n"));
            slot += 1;
            rest = tail.trim_start();
        }
    }
    out
}

/// wasm-bindgen's glue with the deferred module wired in (see `web/assets/deferred.js`): the
/// first module gets its placeholder imports, and the deferred one is preloaded once the app
/// has started.
fn with_deferred_module(glue: &str) -> Result<String, String> {
    const IMPORTS: &str = "\"./certkit-web_bg.js\": import0,\n";
    const START: &str = "    wasm.__wbindgen_start();\n";
    for anchor in [IMPORTS, START] {
        if glue.matches(anchor).count() != 1 {
            return Err(format!(
                "wasm-bindgen's glue ({GLUE}) changed: `{}` is not there once",
                anchor.trim()
            ));
        }
    }
    Ok(format!(
        "import {{ deferredImports, preloadDeferred }} from './deferred.js';\n{}",
        glue.replace(
            IMPORTS,
            &format!("{IMPORTS}        placeholder: deferredImports(() => wasm),\n"),
        )
        .replace(START, &format!("{START}    preloadDeferred(() => wasm);\n"))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slot_table_fill_becomes_table_set() {
        let wat = "  (call $f)\n  (table.fill $t\n   (local.get $3)\n   (ref.null noextern)\n   (i32.const 1)\n  )\n  (nop)\n";
        assert_eq!(
            without_table_fill(wat).unwrap(),
            "  (call $f)\n  (table.set $t\n   (local.get $3)\n   (ref.null noextern)\n  )\n  (nop)\n"
        );
    }

    #[test]
    fn other_table_fills_are_refused() {
        let wat =
            "  (table.fill $t\n   (local.get $3)\n   (ref.null noextern)\n   (local.get $4)\n  )\n";
        assert!(without_table_fill(wat).unwrap_err().contains("line 1"));
    }

    #[test]
    fn the_externref_export_points_at_the_externref_table() {
        let wat = " (table $0 3 3 funcref)\n (table $__wbindgen_externrefs 128 externref)\n (export \"__wbindgen_externrefs\" (table $0))\n";
        let fixed = with_externref_export(wat).unwrap();
        assert!(
            fixed.contains(" (export \"__wbindgen_externrefs\" (table $__wbindgen_externrefs))\n")
        );
        assert!(!fixed.contains("(table $0))"));
        assert!(with_externref_export(" (table $0 3 3 funcref)\n").is_err());
    }

    #[test]
    fn exports_to_the_deferred_module_get_short_names_on_both_sides() {
        let primary = " (export \"memory\" (memory $0))\n (export \"%table\" (table $0))\n (export \"%<a\\20b>::f\" (func $f))\n (export \"%g\" (func $g))\n";
        let (primary, renamed) = with_short_export_names(primary);
        assert_eq!(
            primary,
            " (export \"memory\" (memory $0))\n (export \"%table\" (table $0))\n (export \"%0\" (func $f))\n (export \"%1\" (func $g))\n"
        );
        let deferred = " (import \"primary\" \"%table\" (table $t 3 funcref))\n (import \"primary\" \"%g\" (func $x))\n (import \"primary\" \"%<a\\20b>::f\" (func $y (param i32)))\n";
        assert_eq!(
            with_imports_renamed(deferred, &renamed).unwrap(),
            " (import \"primary\" \"%table\" (table $t 3 funcref))\n (import \"primary\" \"%1\" (func $x))\n (import \"primary\" \"%0\" (func $y (param i32)))\n"
        );
        assert!(
            with_imports_renamed(" (import \"primary\" \"%h\" (func $h))\n", &renamed).is_err()
        );
    }

    #[test]
    fn deferred_slots_name_each_slot_of_each_element_segment() {
        let wat = [
            " (elem $0 (table $0) (i32.const 4) func $a $\"<u8 as Display>::fmt\")",
            " (export \"x\" (func $a))",
            " (elem $1 (table $0) (i32.const 9) func $b)",
        ]
        .join("\n");
        assert_eq!(
            deferred_slots(&wat),
            "4\ta\n5\t<u8 as Display>::fmt\n9\tb\n"
        );
    }

    #[test]
    fn the_glue_imports_the_deferred_loader() {
        let glue = "function f() {\n    return {\n        \"./certkit-web_bg.js\": import0,\n    };\n}\nfunction g() {\n    wasm.__wbindgen_start();\n    return wasm;\n}\n";
        let patched = with_deferred_module(glue).unwrap();
        assert!(patched
            .starts_with("import { deferredImports, preloadDeferred } from './deferred.js';\n"));
        assert!(patched.contains("import0,\n        placeholder: deferredImports(() => wasm),\n"));
        assert!(patched.contains("__wbindgen_start();\n    preloadDeferred(() => wasm);\n"));
        assert!(with_deferred_module("wasm.__wbindgen_start();\n").is_err());
    }
}
