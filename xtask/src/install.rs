//! `cargo xtask install [debian|tools]`: installs what the other commands need and nothing
//! else (each install only when missing). `cargo xtask test` runs both parts in the
//! background at its start, so that downloads and tool builds overlap its own builds.

use crate::tools::{
    ensure_app_tools, ensure_cargo_deny, ensure_debian, ensure_npm_test_tools,
    ensure_test_node_modules, Present, CHROMIUM, KOREAN_FONT, WASM_SPLIT,
};

/// The Debian packages the commands use: the suites check certificates, CRLs and ZIP downloads
/// with independent tools (openssl, unzip), Python's stdlib hmac recomputes the signature
/// vectors, and the browser tests drive Chromium and show Korean text.
pub const DEBIAN: [(Present, &str); 6] = [
    (Present::Program("openssl"), "openssl"),
    (Present::Program("unzip"), "unzip"),
    (Present::Program("python3"), "python3"),
    CHROMIUM,
    KOREAN_FONT,
    WASM_SPLIT,
];

pub fn run(args: &[String]) -> Result<(), String> {
    let part = args.first().map(String::as_str);
    if matches!(part, None | Some("debian")) {
        ensure_debian(&DEBIAN)?;
    }
    if matches!(part, None | Some("tools")) {
        // The wasm target, wasm-bindgen-cli, wasm-opt (npm binaryen), Trunk; playwright-core;
        // the npm suite's runtimes and bundlers; cargo-deny.
        ensure_app_tools()?;
        ensure_test_node_modules()?;
        ensure_npm_test_tools()?;
        ensure_cargo_deny()?;
    }
    match part {
        None | Some("debian" | "tools") => Ok(()),
        Some(other) => Err(format!(
            "unknown `cargo xtask install {other}`: use `cargo xtask install [debian|tools]`"
        )),
    }
}
