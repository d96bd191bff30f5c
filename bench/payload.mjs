// Benchmark 3: payload. The app's first load (every .html, .js, .wasm and .css file of the
// release build in --dist but the deferred wasm module, which the page fetches once it is idle:
// see xtask/src/app_split.rs; it is reported beside the first load, with the two together)
// raw, gzip (level 9) and brotli (quality 11), and the npm package's
// wasm raw and gzip, compressed with Node's zlib. Where the bytes go: section sizes of each
// shipped wasm, and code bytes per crate from the unstripped cargo output when given.
//
// Beside them, what a JS author would install instead: each anchor's bundle as esbuild
// `--bundle --minify` makes it for a browser, gzip level 9, and ncp-certkit's own package
// bundled the same way (its JS glue) plus its wasm.
//
// usage: node payload.mjs --out RESULT.json [--dist DIR] [--pkg DIR]
//        [--app-names WASM] [--pkg-names WASM]
// A missing --dist or --pkg (or an empty folder) is reported as not measured, with the reason.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
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
const DEFERRED = /_deferred\.wasm$/;
if (!opts.dist || !existsSync(join(opts.dist, 'index.html'))) {
  result.app = { notMeasured: `no app build: ${opts.dist ?? '(no --dist)'}/index.html is missing` };
} else {
  const files = filesUnder(opts.dist).filter((f) => FIRST_LOAD.test(f));
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const withDeferred = { raw: 0, gzip: 0, brotli: 0 };
  const perFile = files.map((path) => {
    const s = sizes(readFileSync(path));
    const deferred = DEFERRED.test(path);
    for (const k of Object.keys(total)) {
      if (!deferred) total[k] += s[k];
      withDeferred[k] += s[k];
    }
    return { file: relative(opts.dist, path), deferred, ...s };
  });
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  result.app = {
    files: perFile,
    total,
    withDeferred,
    // The names are the whole app's (the cargo output, before the split): given once.
    wasm: wasm.map((f) => ({
      file: relative(opts.dist, f),
      ...breakdown(readFileSync(f), DEFERRED.test(f) ? undefined : opts['app-names']),
    })),
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

// What each anchor is bundled for: the part of it a user of ours would need (parsing and
// chain-building certificates; HMAC-SHA256 and Base64 for crypto-js), imported from the
// package's public entry points as its README shows.
const ANCHORS = {
  '@peculiar/x509': "import 'reflect-metadata'; export { X509Certificate, X509ChainBuilder, PemConverter } from '@peculiar/x509';",
  'node-forge': "export { default } from 'node-forge';",
  jsrsasign: "export { default } from 'jsrsasign';",
  'crypto-js (HMAC-SHA256 + Base64)':
    "export { default as hmacSha256 } from 'crypto-js/hmac-sha256.js'; export { default as base64 } from 'crypto-js/enc-base64.js';",
};

async function bundle(contents) {
  const out = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].contents;
}

result.anchors = {};
for (const [name, entry] of Object.entries(ANCHORS)) {
  try {
    const bytes = await bundle(entry);
    result.anchors[name] = { entry, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  } catch (e) {
    result.anchors[name] = { entry, notMeasured: `esbuild failed: ${e.message.split('\n')[0]}` };
  }
}
if (result.npm?.wasm?.length) {
  // Our package as a bundler sees it: its JS entry (wasm-bindgen's glue) bundled the same way,
  // plus the wasm it fetches. The entry is the package's `browser`/`module` field.
  try {
    const manifest = JSON.parse(readFileSync(join(opts.pkg, 'package.json'), 'utf8'));
    const entry = join(opts.pkg, manifest.browser ?? manifest.module ?? manifest.main);
    const js = await bundle(`export * from ${JSON.stringify(entry)};`);
    const jsGzip = gzipSync(js, { level: 9 }).length;
    // The wasm a browser fetches is web/'s (node/'s is read from disk by Node).
    const wasmGzip = (result.npm.wasm.find((w) => w.file.startsWith('web/')) ?? result.npm.wasm[0]).gzip;
    result.npm.bundle = { entry: relative(opts.pkg, entry), jsGzip, wasmGzip, gzip: jsGzip + wasmGzip };
  } catch (e) {
    result.npm.bundle = { notMeasured: `esbuild failed: ${e.message.split('\n')[0]}` };
  }
}

writeResult(opts.out, result);
