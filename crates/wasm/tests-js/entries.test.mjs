// The package as installed from its tarball: `require` and `import` give the same API, the
// manifest routes each environment, the CLI and licence ship, and the TypeScript declarations
// (generated from the Rust types) type-check a consumer with no `any` in the public surface.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as esm from 'ncp-certkit';

const require = createRequire(import.meta.url);
const PROJECT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PKG = path.join(PROJECT, 'node_modules', 'ncp-certkit');

function node(args) {
  const r = spawnSync(process.execPath, args, { cwd: PROJECT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

test('require and import expose the same functions and compute the same results', () => {
  const cjsNames = JSON.parse(node(['-e', "console.log(JSON.stringify(Object.keys(require('ncp-certkit')).sort()))"]));
  const esmNames = JSON.parse(node([
    '--input-type=module', '-e',
    "import * as c from 'ncp-certkit'; console.log(JSON.stringify(Object.keys(c).filter((k) => k !== 'default').sort()))",
  ]));
  assert.deepEqual(esmNames, cjsNames);
  assert.ok(cjsNames.includes('createClient') && cjsNames.includes('inspectPem'), cjsNames.join(','));
  const sts = 'GET /cluster/kubeconfig\n1668407407855\naccess';
  const fromRequire = node(['-e', `console.log(require('ncp-certkit').sign('secret', ${JSON.stringify(sts)}))`]);
  const fromImport = node(['--input-type=module', '-e', `import { sign } from 'ncp-certkit'; console.log(sign('secret', ${JSON.stringify(sts)}))`]);
  assert.equal(fromRequire, 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=');
  assert.equal(fromImport, fromRequire);
  // In one process, import and require share one instance of the module.
  assert.equal(require('ncp-certkit').createClient, esm.createClient);
});

test('the manifest: exports map, types, bin, files, licence', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.equal(manifest.name, 'ncp-certkit');
  assert.equal(manifest.version, '0.1.0');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  const root = manifest.exports['.'];
  const nodeBuild = {
    import: { types: './index.d.mts', default: './index.mjs' },
    require: { types: './index.d.ts', default: './node/ncp_certkit.js' },
  };
  // Deno and Bun run the Node build; workerd imports the wasm as a module; bundlers get the
  // browser build (which loads its wasm), also the fallback.
  assert.deepEqual(Object.keys(root), ['workerd', 'deno', 'bun', 'node', 'browser', 'default']);
  for (const runtime of ['deno', 'bun', 'node']) assert.deepEqual(root[runtime], nodeBuild, runtime);
  assert.deepEqual(root.workerd, { types: './index.d.mts', default: './workerd.mjs' });
  assert.deepEqual(root.browser, { types: './index.d.mts', default: './browser.mjs' });
  assert.deepEqual(root.default, root.browser);
  assert.deepEqual(manifest.exports['./init'], { types: './init.d.mts', default: './init.mjs' });
  assert.equal(manifest.exports['./ncp_certkit.wasm'], './web/ncp_certkit_bg.wasm');
  assert.equal(manifest.types, './index.d.ts');
  assert.deepEqual(manifest.bin, { 'ncp-certkit': 'bin/ncp-certkit.js' });
  for (const file of [
    'index.mjs', 'index.d.ts', 'index.d.mts', 'browser.mjs', 'workerd.mjs', 'init.mjs', 'init.d.mts',
    'node/ncp_certkit.js', 'node/ncp_certkit_bg.wasm',
    'node/ncp_certkit.d.ts', 'web/ncp_certkit.js', 'web/ncp_certkit_bg.wasm', 'bin/ncp-certkit.js',
    'README.md', 'LICENSE-MIT', 'LICENSE-APACHE',
  ]) {
    assert.ok(fs.existsSync(path.join(PKG, file)), `${file} is in the package`);
  }
  assert.ok(fs.existsSync(path.join(PROJECT, 'node_modules', '.bin', 'ncp-certkit')), 'npm linked the bin');
  const readme = fs.readFileSync(path.join(PKG, 'README.md'), 'utf8');
  for (const name of [
    'stringToSign', 'sign(', 'signRequest(', 'new Signer(', 'validate(', 'buildRequest(', 'toCurl(', 'parseResponse(', 'inspectPem(',
    'orderChain(', 'verifyChain(', 'keyMatchesCertificate(', 'createClient(', 'isNcpCertkitError',
  ]) {
    assert.ok(readme.includes(name), `README shows ${name}`);
  }
});

test('the declarations have no `any`', () => {
  assert.ok(!fs.existsSync(path.join(PKG, 'web', 'ncp_certkit.d.ts')), 'one set of declarations (node/) for every entry');
  for (const file of ['node/ncp_certkit.d.ts', 'index.d.ts', 'index.d.mts', 'init.d.mts']) {
    const text = fs.readFileSync(path.join(PKG, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    const anys = text.split('\n').filter((line) => /\bany\b/.test(line));
    assert.deepEqual(anys, [], `${file} uses any`);
  }
});

// A CommonJS consumer (consumer.ts: this project has no "type": "module") and an ES module one
// (consumer.mts, which also uses ncp-certkit/init), strict, under each moduleResolution that
// TypeScript users pick.
for (const resolution of ['node16', 'nodenext', 'bundler']) {
  test(`TypeScript consumers compile under moduleResolution ${resolution}`, () => {
    const tsc = path.join(PROJECT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', path.join(PROJECT, 'test', 'types', `tsconfig.${resolution}.json`)], {
      cwd: PROJECT, encoding: 'utf8',
    });
    assert.equal(r.status, 0, `tsc failed:\n${r.stdout}${r.stderr}`);
  });
}
