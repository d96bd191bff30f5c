//! Where things are: the workspace, cargo's output, the npm-installed tools.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::process::output;

/// The workspace root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map_or_else(|| manifest_dir.join(".."), Path::to_path_buf)
}

/// Cargo's target directory (`cargo metadata`: it honours `CARGO_TARGET_DIR` and
/// `build.target-dir`), or `target/` under the root when cargo cannot say.
pub fn target_dir() -> PathBuf {
    static TARGET_DIR: OnceLock<PathBuf> = OnceLock::new();
    TARGET_DIR
        .get_or_init(|| {
            output("cargo", &["metadata", "--format-version", "1", "--no-deps"])
                .and_then(|metadata| target_directory_of(&metadata))
                .unwrap_or_else(|| root().join("target"))
        })
        .clone()
}

/// `target_directory` of `cargo metadata`'s answer.
fn target_directory_of(metadata: &str) -> Option<PathBuf> {
    let metadata: serde_json::Value = serde_json::from_str(metadata).ok()?;
    metadata
        .get("target_directory")?
        .as_str()
        .map(PathBuf::from)
}

/// Where cargo puts a build for `target` (a triple, or `None` for the host) in `profile`.
pub fn profile_dir(target: Option<&str>, profile: &str) -> PathBuf {
    // Cargo names the dev profile's folder `debug`.
    let folder = if profile == "dev" { "debug" } else { profile };
    match target {
        Some(triple) => target_dir().join(triple).join(folder),
        None => target_dir().join(folder),
    }
}

/// The scratch folder for npm-installed tools (`.scratch/tools`, gitignored).
pub fn tools_dir() -> PathBuf {
    root().join(".scratch").join("tools")
}

/// `node_modules/.bin` of [`tools_dir`]: put first on PATH so its tools win over Debian's.
pub fn tools_bin_dir() -> PathBuf {
    tools_dir().join("node_modules").join(".bin")
}

/// The version of package `name` recorded in Cargo.lock, if any.
pub fn lock_version(name: &str) -> Option<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).ok()?;
    let needle = format!("name = \"{name}\"\nversion = \"");
    let start = lock.find(&needle)? + needle.len();
    lock[start..].split('"').next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_target_directory_of_cargo_metadata() {
        let metadata = r#"{"packages":[],"target_directory":"/w/t \"x\"","version":1}"#;
        assert_eq!(
            target_directory_of(metadata),
            Some(PathBuf::from("/w/t \"x\""))
        );
        assert_eq!(target_directory_of(r#"{"version":1}"#), None);
        assert_eq!(target_directory_of("not json"), None);
    }

    #[test]
    fn finds_this_workspace_and_its_lock_file() {
        assert!(root().join("Cargo.lock").is_file());
        assert!(lock_version("wasm-bindgen").is_some_and(|v| v.starts_with("0.")));
        assert_eq!(lock_version("no-such-package-here"), None);
    }
}
