//! `cargo xtask fuzz [--secs N] [--runs R] [TARGET...]`: runs the cargo-fuzz targets of `fuzz/`
//! one after the other (nightly, at the lowest priority), each for N seconds (default 300) or
//! until it has made R executions, whichever comes first, from the
//! committed seeds in `fuzz/seeds/TARGET` plus the corpus it grew before (`fuzz/corpus/`,
//! not committed). Prints each target's executions and whether it crashed; a crash's input is
//! in `fuzz/artifacts/TARGET/` and becomes a regression test in the crate it broke. Not part of
//! `cargo xtask test`.

use std::process::Command;

use crate::tools::{create_dir, ensure_fuzz_tools, root};

/// Every target of `fuzz/Cargo.toml`.
pub const TARGETS: [&str; 5] = ["pem", "inspect", "chain", "responses", "proxy_route"];

pub fn run(args: &[String]) -> Result<(), String> {
    let mut seconds: u64 = 300;
    let mut runs: Option<u64> = None;
    let mut targets: Vec<&str> = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--secs" => {
                seconds = rest
                    .next()
                    .and_then(|value| value.parse().ok())
                    .filter(|value| *value > 0)
                    .ok_or("--secs needs a positive number of seconds")?;
            }
            "--runs" => {
                runs = Some(
                    rest.next()
                        .and_then(|value| value.parse().ok())
                        .filter(|value| *value > 0)
                        .ok_or("--runs needs a positive number of executions")?,
                );
            }
            name => match TARGETS.iter().find(|target| **target == name) {
                Some(target) => targets.push(target),
                None => {
                    return Err(format!(
                        "unknown fuzz target {name:?}: use {}",
                        TARGETS.join(", ")
                    ))
                }
            },
        }
    }
    if targets.is_empty() {
        targets = TARGETS.to_vec();
    }
    ensure_fuzz_tools()?;
    let fuzz = root().join("fuzz");
    let mut report = Vec::new();
    let mut crashed = Vec::new();
    for target in targets {
        let corpus = fuzz.join("corpus").join(target);
        let seeds = fuzz.join("seeds").join(target);
        create_dir(&corpus)?;
        create_dir(&seeds)?;
        let logs = root().join(".scratch").join("logs");
        create_dir(&logs)?;
        let log = logs.join(format!("fuzz-{target}.log"));
        let log_file = std::fs::File::create(&log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let stderr = log_file
            .try_clone()
            .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
        eprintln!(
            "+ nice -n 19 cargo +nightly fuzz run {target} --sanitizer none ({seconds} s; log {})",
            log.display()
        );
        let started = std::time::Instant::now();
        let status = Command::new("nice")
            .args(["-n", "19", "cargo", "+nightly", "fuzz", "run", target])
            // No AddressSanitizer: every crate fuzzed forbids unsafe code, so what a run can
            // find is a panic or a broken assertion, and ASan slows every execution.
            .args(["--sanitizer", "none"])
            .arg(&corpus)
            .arg(&seeds)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-print_final_stats=1",
                "-timeout=20",
                "-rss_limit_mb=4096",
            ])
            .args(runs.map(|runs| format!("-runs={runs}")))
            .current_dir(&fuzz)
            .stdout(log_file)
            .stderr(stderr)
            .status()
            .map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        let executions = text
            .lines()
            .filter_map(|line| line.strip_prefix("stat::number_of_executed_units:"))
            .filter_map(|value| value.trim().parse::<u64>().ok())
            .next_back();
        let line = format!(
            "{target}: {} executions in {} s, {}",
            executions.map_or("unknown".to_string(), |n| n.to_string()),
            started.elapsed().as_secs(),
            if status.success() {
                "no crash".to_string()
            } else {
                format!("CRASHED ({status}; input in fuzz/artifacts/{target}/)")
            }
        );
        eprintln!("{line}");
        if !status.success() {
            crashed.push(target);
        }
        report.push(line);
    }
    eprintln!("\nfuzzing:\n  {}", report.join("\n  "));
    if crashed.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "fuzz targets that crashed (or failed to build; see their logs): {}",
            crashed.join(", ")
        ))
    }
}
