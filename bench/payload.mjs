// Benchmark 3: payload. The app's first load (every .html, .js, .wasm and .css file of the
// release build in --dist) raw, gzip (level 9) and brotli (quality 11), and the npm package's
// wasm raw and gzip, compressed with Node's zlib. Where the bytes go: section sizes of each
// shipped wasm, and code bytes per crate from the unstripped cargo output when given.
//
// usage: node payload.mjs --out RESULT.json [--dist DIR] [--pkg DIR]
//        [--app-names WASM] [--pkg-names WASM]
// A missing --dist or --pkg (or an empty folder) is reported as not measured, with the reason.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { args, writeResult } from './lib.mjs';
import { codeByCrate, parseWasm } from './wasm-sections.mjs';

const opts = args();

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

function filesUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

function breakdown(shippedWasm, namesWasm) {
  const result = { sections: parseWasm(shippedWasm).sections };
  if (namesWasm && existsSync(namesWasm)) {
    const perCrate = codeByCrate(readFileSync(namesWasm));
    if (perCrate) {
      result.codeByCrate = {
        source: `${namesWasm} (cargo output before wasm-bindgen and wasm-opt; shares, not shipped bytes)`,
        crates: perCrate.slice(0, 15),
      };
    }
  }
  return result;
}

const result = {};

const FIRST_LOAD = /\.(html|js|mjs|wasm|css)$/;
if (!opts.dist || !existsSync(join(opts.dist, 'index.html'))) {
  result.app = { notMeasured: `no app build: ${opts.dist ?? '(no --dist)'}/index.html is missing` };
} else {
  const files = filesUnder(opts.dist).filter((f) => FIRST_LOAD.test(f));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const perFile = files.map((path) => {
    const s = sizes(readFileSync(path));
    for (const k of Object.keys(total)) total[k] += s[k];
    return { file: relative(opts.dist, path), ...s };
  });
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  result.app = {
    files: perFile,
    total,
    wasm: wasm.map((f) => ({ file: relative(opts.dist, f), ...breakdown(readFileSync(f), opts['app-names']) })),
  };
}

if (!opts.pkg || !existsSync(opts.pkg)) {
  result.npm = { notMeasured: `no npm package build: ${opts.pkg ?? '(no --pkg)'} is missing` };
} else {
  const wasm = filesUnder(opts.pkg).filter((f) => f.endsWith('.wasm'));
  if (wasm.length === 0) {
    result.npm = { notMeasured: `no .wasm file under ${opts.pkg}` };
  } else {
    result.npm = {
      wasm: wasm.map((f) => {
        const bytes = readFileSync(f);
        const { raw, gzip } = sizes(bytes);
        return {
          file: relative(opts.pkg, f),
          raw,
          gzip,
          modified: statSync(f).mtime.toISOString(),
          ...breakdown(bytes, opts['pkg-names']),
        };
      }),
    };
  }
}

writeResult(opts.out, result);
