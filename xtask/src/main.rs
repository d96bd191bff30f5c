//! The project's commands: `cargo xtask test`, `cargo xtask serve`, `cargo xtask e2e`,
//! `cargo xtask npm`, `cargo xtask bench`, `cargo xtask install`. Each installs what a fresh
//! machine lacks before using it.

mod tools;

use std::process::ExitCode;

mod app;
mod bench;
mod e2e;
mod harness;
mod install;
mod npm;
mod serve;
mod test;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test::run(&args[1..]),
        Some("serve") => serve::run(&args[1..]),
        Some("e2e") => e2e::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("npm") => npm::run_command(&args[1..]),
        Some("install") => install::run(&args[1..]),
        _ => {
            eprintln!("usage: cargo xtask <test|serve|e2e|bench|npm|install>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
