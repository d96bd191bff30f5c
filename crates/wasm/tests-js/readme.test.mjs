// The README's "Runtimes and bundlers" section runs as written (issue 17): every JS block is
// taken from the installed package's README and run where its fence says (Node, Deno, Bun,
// workerd, or bundled by webpack, Vite, Rollup or esbuild and loaded in Chromium), with the
// config files the README shows; each must print the signature of NCP's public vector. So the
// docs cannot drift from the package.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  PROJECT, bundle, closeBrowser, loadPage, readmeConfigFile, readmeSnippets, runScript, runWorker,
} from './runtimes/run.mjs';

// NAVER Cloud's public vector (ncp-api.md, from ncp-iam-authenticator's tests).
const SIGNATURE = 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=';
const DIR = path.join(PROJECT, 'test', 'readme-snippets');
fs.rmSync(DIR, { recursive: true, force: true });
fs.mkdirSync(DIR, { recursive: true });
const OUT = path.join(PROJECT, 'readme-dist');
after(closeBrowser);

const CONFIG_FILES = ['rollup.config.mjs', 'vite.config.js'];
const write = (name, code) => {
  const file = path.join(DIR, name);
  fs.writeFileSync(file, code);
  return file;
};
const inPage = (bundler, options = {}) => async (code, name) => {
  const out = path.join(OUT, name);
  const page = await bundle(bundler, write(`${name}.mjs`, code), out, options);
  return loadPage(out, page, process.env.CERTKIT_SANDBOX_URL);
};
/** How to run a block, by the word its fence gives after `js`. */
const RUNNERS = {
  node: (code, name) => runScript('node', write(`${name}.mjs`, code)),
  'node-cjs': (code, name) => runScript('node', write(`${name}.cjs`, code)),
  deno: (code, name) => runScript('deno', write(`${name}.mjs`, code)),
  bun: (code, name) => runScript('bun', write(`${name}.mjs`, code)),
  workerd: (code, name) => runWorker(write(`${name}.mjs`, code)),
  webpack: inPage('webpack'),
  vite: inPage('vite', { viteConfig: readmeConfigFile('vite.config.js', DIR) }),
  rollup: inPage('rollup', { rollupConfig: readmeConfigFile('rollup.config.mjs', DIR) }),
  esbuild: inPage('esbuild', { wasmLoader: 'file' }),
  'esbuild-binary': inPage('esbuild', { wasmLoader: 'binary' }),
};

const snippets = readmeSnippets();

test('every block of the section says where it runs, and every runtime has one', () => {
  assert.ok(snippets.length >= 8, `found ${snippets.length} blocks`);
  for (const { uses, code } of snippets) {
    assert.ok(uses.length > 0, `a block without a runtime:\n${code}`);
    for (const use of uses) assert.ok(use in RUNNERS || CONFIG_FILES.includes(use), `unknown runtime "${use}"`);
  }
  const shown = new Set(snippets.flatMap((s) => s.uses));
  for (const runtime of [...Object.keys(RUNNERS), ...CONFIG_FILES]) assert.ok(shown.has(runtime), `no block for ${runtime}`);
});

for (const [index, { uses, code }] of snippets.entries()) {
  for (const use of uses.filter((u) => u in RUNNERS)) {
    test(`README block ${index + 1} runs in ${use}`, async () => {
      const output = await RUNNERS[use](code, `block-${index + 1}-${use}`);
      assert.equal(output.trim(), SIGNATURE);
    });
  }
}
