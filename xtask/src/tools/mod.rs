//! What the commands share: paths, running commands, installing the tools a fresh machine
//! lacks, file helpers.

mod fs;
mod install;
mod paths;
mod process;
mod size_build;

pub use self::fs::{copy, copy_dir, create_dir, read, remove_dir, remove_file, write};
pub use self::install::{
    ensure_app_tools, ensure_cargo_deny, ensure_debian, ensure_fuzz_tools, ensure_npm_test_tools,
    ensure_rust_target, ensure_test_node_modules, ensure_wasm_target, ensure_wasm_tools, npm_ci,
    Present, CHROMIUM, KOREAN_FONT, WASM_SPLIT,
};
pub use self::paths::{profile_dir, root, target_dir, tools_bin_dir};
pub use self::process::{
    build_debug_binaries, check_status, debug_binary, free_address, output, path_with, run, run_in,
    run_with_path, shell_command, Background, Server,
};
pub use self::size_build::{size_build_command, size_build_line};
