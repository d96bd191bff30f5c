//! The project's commands: `cargo xtask test`, `cargo xtask serve`, `cargo xtask e2e`,
//! `cargo xtask npm`, `cargo xtask bench`, `cargo xtask install`, `cargo xtask fuzz`. Each installs what a fresh
//! machine lacks before using it.

mod tools;

use std::process::ExitCode;

mod app;
mod app_split;
mod bench;
mod e2e;
mod fuzz;
mod harness;
mod install;
mod module_cycles;
mod npm;
mod precompress;
mod serve;
mod sizes;
mod test;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("", &[][..]),
    };
    let result = match command {
        "test" => test::run(rest),
        "serve" => serve::run(rest),
        "e2e" => e2e::run(),
        "fuzz" => fuzz::run(rest),
        "bench" => bench::run(rest),
        "npm" => npm::run_command(rest),
        "install" => install::run(rest),
        // The size check alone, on the last builds (`cargo xtask npm`, `trunk build`).
        "sizes" => sizes::check(&npm::crate_dir().join("pkg"), &tools::root().join("dist")),
        // The module-cycle check alone (`cargo xtask test` runs it first).
        "module-cycles" => module_cycles::check(&tools::root()),
        _ => {
            eprintln!(
                "usage: cargo xtask <test|serve|e2e|bench|npm|install|fuzz|sizes|module-cycles>"
            );
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
