// Package hygiene (issue 17), on the packed tarball that ships: publint finds nothing to
// report, and Are the Types Wrong? (attw) finds the declarations right for every resolution
// (node10, node16 CommonJS and ESM, bundler). Both outputs are printed.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const PROJECT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const TARBALL = process.env.CERTKIT_NPM_TARBALL;
assert.ok(TARBALL, 'run through `cargo xtask npm test` (CERTKIT_NPM_TARBALL names the packed package)');

function tool(name, args) {
  const r = spawnSync(path.join(PROJECT, 'node_modules', '.bin', name), args, {
    cwd: PROJECT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const output = `${r.stdout}${r.stderr}`;
  console.log(`$ ${name} ${args.join(' ')}\n${output}`);
  return { status: r.status, output };
}

test('publint: nothing to report on the tarball', () => {
  const { status, output } = tool('publint', ['run', TARBALL, '--strict', '--level', 'suggestion']);
  assert.equal(status, 0, output);
  assert.match(output, /All good!/);
});

test('attw: the types are right for require, import and bundlers', () => {
  // `.` strictly (every resolution); the wasm file is no module (its type is the bundler
  // loader's: a URL, bytes or a WebAssembly.Module); `./init` is an ES module for browsers
  // and bundlers, so `require` of it is out of scope (the esm-only profile).
  const root = tool('attw', [TARBALL, '--no-definitely-typed', '--format', 'table-flipped', '--no-emoji',
    '--entrypoints', '.']);
  assert.equal(root.status, 0, root.output);
  assert.match(root.output, /No problems found/);
  const init = tool('attw', [TARBALL, '--no-definitely-typed', '--format', 'table-flipped', '--no-emoji',
    '--entrypoints', './init', '--profile', 'esm-only']);
  // (Its report lists the ignored resolutions' findings, so only the exit status and the
  // two resolutions in scope are checked.)
  assert.equal(init.status, 0, init.output);
  assert.match(init.output, /"ncp-certkit\/init" │ OK \(ESM\) +│ OK /);
});
