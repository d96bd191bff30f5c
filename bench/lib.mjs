// Shared helpers for the benchmark scripts run by `cargo xtask bench` (issue 8).
//
// Timing method for micro-benchmarks: each implementation is run for 3 x SAMPLE_MS, calibrated
// so that one sample runs for about SAMPLE_MS, warmed up, then sampled REPEATS times, the
// implementations interleaved round-robin so that machine noise (2 shared cores) hits them
// alike. The figure reported is the median time per operation over the samples.

import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export const REPEATS = Number(process.env.BENCH_REPEATS ?? 7);
export const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 150);

/** Exit code of a script whose implementations disagree: the one failure that fails the bench. */
export const EXIT_DISAGREE = 3;

/** Median of a list of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// A sink the timed functions' results flow into, so that no engine can drop the work.
let sink = 0;
function consume(value) {
  sink = (sink + (typeof value === 'string' ? value.length : value ? 1 : 0)) | 0;
}
export function sinkValue() {
  return sink;
}

async function runBatch(fn, iterations, isAsync) {
  const start = performance.now();
  if (isAsync) {
    for (let i = 0; i < iterations; i++) consume(await fn());
  } else {
    for (let i = 0; i < iterations; i++) consume(fn());
  }
  return performance.now() - start;
}

/**
 * Times each named implementation. `impls` is `[{name, fn}]`; `fn` may return a promise
 * (then it is awaited, as its users would). Returns `{name: {nsPerOp, samplesNs, iterations}}`.
 */
export async function timeAll(impls) {
  const plans = [];
  for (const { name, fn } of impls) {
    const isAsync = fn() instanceof Promise;
    // Warm up before calibrating. V8 compiles wasm lazily, on a function's first call, and
    // tiers hot functions up over the next few hundred ms: ncp-certkit's first inspection took
    // about 20 ms, and a calibration timed from it made samples of 8 calls (1 ms, not
    // SAMPLE_MS), which then measured compilation pauses rather than the code.
    const warm = performance.now() + 3 * SAMPLE_MS;
    while (performance.now() < warm) await runBatch(fn, 1, isAsync);
    // Calibrate: double the batch until it takes a tenth of a sample, then scale up.
    let iterations = 1;
    let elapsed = await runBatch(fn, iterations, isAsync);
    while (elapsed < SAMPLE_MS / 10) {
      iterations *= 2;
      elapsed = await runBatch(fn, iterations, isAsync);
    }
    iterations = Math.max(1, Math.round((iterations * SAMPLE_MS) / elapsed));
    await runBatch(fn, iterations, isAsync); // warm-up sample, not counted
    plans.push({ name, fn, isAsync, iterations, samples: [] });
  }
  for (let r = 0; r < REPEATS; r++) {
    for (const plan of plans) {
      const ms = await runBatch(plan.fn, plan.iterations, plan.isAsync);
      plan.samples.push((ms * 1e6) / plan.iterations);
    }
  }
  const out = {};
  for (const plan of plans) {
    out[plan.name] = {
      nsPerOp: median(plan.samples),
      samplesNs: plan.samples.map((v) => Math.round(v * 10) / 10),
      iterations: plan.iterations,
    };
  }
  return out;
}

/** Fails the script (exit 3) when two implementations disagree on the same input. */
export function assertSame(what, answers) {
  const entries = Object.entries(answers);
  const [refName, ref] = entries[0];
  const refJson = JSON.stringify(ref);
  for (const [name, value] of entries.slice(1)) {
    const json = JSON.stringify(value);
    if (json !== refJson) {
      console.error(`DISAGREEMENT on ${what}:\n  ${refName}: ${refJson}\n  ${name}: ${json}`);
      process.exit(EXIT_DISAGREE);
    }
  }
}

/** Reads `--name value` pairs from argv. */
export function args() {
  const out = {};
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) {
    out[argv[i].replace(/^--/, '')] = argv[i + 1];
  }
  return out;
}

/** Writes a result file as pretty JSON. */
export function writeResult(path, value) {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}
