//! `wasm-bindgen`, exactly as wasm-bindgen-cli's own `src/bin/wasm-bindgen.rs` runs it (minus
//! its logger), built against this directory's Cargo.lock.

use std::{env, process};

fn main() {
    if let Err(err) = wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(env::args_os()) {
        eprintln!("error: {err:?}");
        process::exit(1);
    }
}
