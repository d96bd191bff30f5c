//! The environment of the size-optimised wasm builds: the app's (cargo under Trunk) and the npm
//! package's `web/`. The package's `node/` build, compiled for speed, does without it.

use std::process::Command;

use super::paths::root;
use super::process::shell_command;

/// Cargo's and rustc's settings for the size-optimised wasm builds, as environment variables,
/// so that they reach cargo under Trunk too:
/// - the standard library is compiled with the crates (`build-std`, from the rust-src
///   component that [`super::ensure_wasm_target`] installs), at the profile's `opt-level = "z"`
///   and with core's smaller algorithms (`optimize_for_size`), instead of the prebuilt one
///   (compiled for speed);
/// - a panic is a bare trap (`panic=immediate-abort`). With `panic = "abort"` it was a trap
///   too, after formatting a message for a standard error that wasm32-unknown-unknown does not
///   have: neither front end installs a panic hook. That formatting code was in every module;
/// - panics carry no file, line and column (`-Zlocation-detail=none`): with an immediate abort
///   nothing ever reads them, and their file paths were data in the modules.
///
/// Measured with `cargo xtask sizes` (gzip -9): the first two together took the npm `web/` wasm
/// from 276,983 to 254,573 B and the app's first load from 587,057 to 546,769 B; the third took
/// the npm `web/` wasm from 196,509 to 195,895 B (the app's modules moved by a few bytes). All
/// are unstable cargo and rustc flags, which the pinned stable compiler accepts with
/// `RUSTC_BOOTSTRAP=1`; they change how the code is compiled, not the language the crates are
/// written in. (Seen with these settings: symbols are mangled v0-style, which
/// `bench/wasm-sections.mjs` also reads.)
pub const SIZE_BUILD_ENV: [(&str, &str); 4] = [
    ("RUSTC_BOOTSTRAP", "1"),
    ("CARGO_UNSTABLE_BUILD_STD", "std panic_abort"),
    ("CARGO_UNSTABLE_BUILD_STD_FEATURES", "optimize_for_size"),
    (
        "RUSTFLAGS",
        "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none",
    ),
];

/// `program args...` in the workspace root, with [`SIZE_BUILD_ENV`] set.
pub fn size_build_command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args).current_dir(root()).envs(SIZE_BUILD_ENV);
    command
}

/// [`size_build_command`] as a line for `sh -c` (through `env`).
pub fn size_build_line(program: &str, args: &[&str]) -> String {
    let settings: Vec<String> = SIZE_BUILD_ENV
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    let mut words: Vec<&str> = settings.iter().map(String::as_str).collect();
    words.push(program);
    words.extend_from_slice(args);
    shell_command("env", &words)
}
