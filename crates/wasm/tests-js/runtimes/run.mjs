// Runs a JS file in each runtime and bundler of the matrix and returns what it printed: stdout
// for Node, Deno and Bun, the response body for workerd, console.log for a bundle loaded in
// Chromium. Shared by the matrix (runtimes.test.mjs) and the README's snippets (readme.test.mjs).
// Every tool comes from the scratch project's node_modules (xtask/npm/npm-test, `npm ci`).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

export const PROJECT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const BIN = path.join(PROJECT, 'node_modules', '.bin');
const PKG = path.join(PROJECT, 'node_modules', 'ncp-certkit');
const require = createRequire(path.join(PROJECT, 'package.json'));

/** A tool's installed version (from its package.json), to name it in the output. */
export const versionOf = (name) => require(`${name}/package.json`).version;

/** `program args…` in `cwd`; resolves to its stdout, rejects with its stderr on failure. */
export function exec(program, args, { cwd = PROJECT, env = {}, timeoutMs = 120000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${program} ${args.join(' ')}: exit ${code ?? signal}\n${stderr}${stdout}`));
    });
  });
}

/** Deno's permissions for a script that reads the package's `.wasm` and calls the sandbox. */
export const DENO_FLAGS = ['--allow-read', '--allow-net'];

/** Runs a script file in `node`, `deno` or `bun`; resolves to its stdout. */
export function runScript(runtime, file) {
  const env = { DENO_DIR: path.join(PROJECT, '.deno'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  switch (runtime) {
    case 'node': return exec(process.execPath, [file], { env });
    case 'deno': return exec(path.join(BIN, 'deno'), ['run', ...DENO_FLAGS, file], { env });
    case 'bun': return exec(path.join(BIN, 'bun'), [file], { env });
    default: throw new Error(`no script runtime ${runtime}`);
  }
}

/** A loopback port that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The modules of the package's `workerd` entry, as workerd's config lists them: the entry
 * (named `ncp-certkit`, the specifier the worker imports) and every file it imports
 * relatively, found by following its `from './…'` / `import './…'` lines.
 */
export function packageWorkerdModules() {
  const manifest = JSON.parse(fs.readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  const entry = manifest.exports['.'].workerd.default;
  const modules = [];
  const seen = new Set();
  const visit = (relative, name) => {
    const file = path.join(PKG, relative);
    if (seen.has(file)) return;
    seen.add(file);
    const wasm = file.endsWith('.wasm');
    modules.push({ name, file, kind: wasm ? 'wasm' : 'esModule' });
    if (wasm) return;
    const source = fs.readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.posix.join(path.posix.dirname(relative), specifier);
      visit(target, target);
    }
  };
  visit(path.posix.normalize(entry), 'ncp-certkit');
  return modules;
}

/**
 * Serves `main` (a worker module file) and `extra` modules (`{name, file}`: its relative
 * imports) with the package's workerd modules in workerd, fetches `/` once, stops workerd;
 * resolves to the response's body. The sandbox is on loopback, which workerd's default
 * `internet` service refuses, so the config allows local and private addresses.
 */
export async function runWorker(main, extra = []) {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(PROJECT, '.workerd-'));
  const modules = [
    { name: path.basename(main), file: main, kind: 'esModule' },
    ...extra.map((m) => ({ ...m, kind: 'esModule' })),
    ...packageWorkerdModules(),
  ];
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const worker :Workerd.Worker = (
  modules = [
${modules.map((m) => `    (name = ${JSON.stringify(m.name)}, ${m.kind} = embed ${JSON.stringify(path.relative(dir, m.file))}),`).join('\n')}
  ],
  compatibilityDate = "2026-11-01",
);
`;
  const configFile = path.join(dir, 'config.capnp');
  // (capnp reads an absolute embed path from its import roots, not the file system root.)
  fs.writeFileSync(configFile, config);
  // The binary itself (the package's `main` names it): its bin/ script is a Node wrapper,
  // and killing that would leave workerd running.
  const workerd = require('workerd').default;
  const child = spawn(workerd, ['serve', configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => { child.on('close', resolve); });
  try {
    const until = Date.now() + 60000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`workerd exited (${child.exitCode}):\n${log}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(60000) });
        const body = await response.text();
        if (response.status !== 200) throw new Error(`workerd answered ${response.status}: ${body}\n${log}`);
        return body;
      } catch (e) {
        if (!(e.cause && e.cause.code === 'ECONNREFUSED') || Date.now() > until) throw new Error(`${e.message}\n${log}`);
        await new Promise((resolve) => { setTimeout(resolve, 200); });
      }
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The bundlers of the matrix, each building `entry` into `outDir` as `main.js` + index.html. */
export const BUNDLERS = ['webpack', 'esbuild', 'rollup', 'vite'];

/**
 * Bundles `entry` for the browser into `outDir` with `bundler`; `options.rollupConfig` and
 * `options.viteConfig` are config files to start from (the README's), `options.wasmLoader`
 * esbuild's loader for `.wasm` (`file` by default). Resolves to the page's file name.
 */
export async function bundle(bundler, entry, outDir, options = {}) {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const html = '<!doctype html><meta charset="utf-8"><title>ncp-certkit</title><script type="module" src="./main.js"></script>\n';
  switch (bundler) {
    case 'webpack': {
      const { default: webpack } = await import('webpack');
      // Nothing configured but the entry and the output: webpack 5 emits the `.wasm` that
      // `new URL(…, import.meta.url)` names, and supports top-level await.
      const stats = await new Promise((resolve, reject) => {
        webpack({ mode: 'production', entry, output: { path: outDir, filename: 'main.js' } })
          .run((err, result) => (err ? reject(err) : resolve(result)));
      });
      if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
      break;
    }
    case 'esbuild': {
      const esbuild = await import('esbuild');
      // The README's esbuild command: --bundle --format=esm --loader:.wasm=file.
      await esbuild.build({
        entryPoints: [entry], bundle: true, format: 'esm', outfile: path.join(outDir, 'main.js'),
        loader: { '.wasm': options.wasmLoader ?? 'file' }, logLevel: 'error',
      });
      break;
    }
    case 'rollup': {
      const { rollup } = await import('rollup');
      const config = options.rollupConfig ? (await import(options.rollupConfig)).default : {};
      const build = await rollup({ ...config, input: entry, onwarn: () => {} });
      await build.write({ ...(config.output ?? {}), dir: outDir, entryFileNames: 'main.js', format: 'es' });
      await build.close();
      break;
    }
    case 'vite': {
      const { build } = await import('vite');
      const root = path.dirname(entry);
      const page = `${path.basename(entry)}.html`;
      fs.writeFileSync(path.join(root, page), html.replace('./main.js', `./${path.basename(entry)}`));
      await build({
        configFile: options.viteConfig ?? false, root, logLevel: 'warn',
        build: { outDir, emptyOutDir: true, rollupOptions: { input: path.join(root, page) } },
      });
      return page;
    }
    default: throw new Error(`no bundler ${bundler}`);
  }
  fs.writeFileSync(path.join(outDir, 'index.html'), html);
  return 'index.html';
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

/** Serves `dir`, and forwards `/sandbox/…` to `sandbox` (so pages reach it without CORS). */
function serve(dir, sandbox) {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.url.startsWith('/sandbox/')) {
        const chunks = [];
        for await (const chunk of req) chunks.push(chunk);
        const headers = { ...req.headers };
        // This server is the page's own origin, as the app's proxy is: the sandbox (which
        // refuses other sites' Origins) sees the request as the proxy would pass it, with the
        // browser's Sec-Fetch-Site: same-origin.
        delete headers.host;
        delete headers.origin;
        const upstream = await fetch(`${sandbox}${req.url.slice('/sandbox'.length)}`, {
          method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined,
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
        return;
      }
      if (req.url === '/favicon.ico') {
        // Chromium asks for it; a 404 would be logged as a console error.
        res.writeHead(204);
        res.end();
        return;
      }
      const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
        res.writeHead(404);
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      res.end(fs.readFileSync(file));
    } catch (e) {
      res.writeHead(502);
      res.end(String(e));
    }
  });
  return new Promise((resolve) => { server.listen(0, '127.0.0.1', () => resolve(server)); });
}

let browser;

/** Debian's Chromium through playwright-core, started once per test file. */
async function chromium() {
  if (!browser) {
    const { chromium: launcher } = await import('playwright-core');
    browser = await launcher.launch({
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  }
  return browser;
}

/** Stops the Chromium of [`loadPage`], if one was started. */
export async function closeBrowser() {
  if (browser) await browser.close();
  browser = undefined;
}

/**
 * Loads `page` of the bundle in `dir` in Chromium (with `/sandbox/…` forwarded to `sandbox`)
 * and resolves to its first console.log line; rejects with the page's errors, if any come
 * first, or after 60 s.
 */
export async function loadPage(dir, page, sandbox) {
  const server = await serve(dir, sandbox);
  const tab = await (await chromium()).newPage();
  let timer;
  try {
    const logged = new Promise((resolve, reject) => {
      tab.on('console', (m) => {
        if (m.type() === 'log') resolve(m.text());
        else if (m.type() === 'error') reject(new Error(`console error: ${m.text()}`));
      });
      tab.on('pageerror', (e) => reject(new Error(`page error: ${e.message}`)));
      timer = setTimeout(() => reject(new Error('the page logged nothing within 60 s')), 60000);
    });
    await tab.goto(`http://127.0.0.1:${server.address().port}/${page}`);
    return await logged;
  } finally {
    clearTimeout(timer);
    await tab.close();
    server.close();
  }
}

/** The README's section on runtimes (from `## Runtimes and bundlers` to the next `## `). */
export function readmeRuntimeSection() {
  const readme = fs.readFileSync(path.join(PKG, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Runtimes and bundlers\n');
  if (start < 0) throw new Error('the README has no "## Runtimes and bundlers" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/**
 * The JS snippets of that section: each fence's info string is `js` and what it is for (a
 * runtime or bundler of [`runSnippet`], or a config file name such as `rollup.config.mjs`).
 */
export function readmeSnippets() {
  // Fences may be indented (inside a list item): their lines lose that indent.
  return [...readmeRuntimeSection().matchAll(/^( *)```(js|ts|mjs|cjs|javascript)\b([^\n]*)\n([\s\S]*?)^ *```$/gm)]
    .map(([, indent, language, info, code]) => ({
      language,
      uses: info.trim().split(/\s+/).filter(Boolean),
      code: code.split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n'),
    }));
}

/** The README's config file `name` (e.g. `rollup.config.mjs`), written into `dir`; its path. */
export function readmeConfigFile(name, dir) {
  const found = readmeSnippets().filter((s) => s.uses.includes(name));
  if (found.length !== 1) throw new Error(`the README shows ${found.length} ${name} snippets, not one`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, found[0].code);
  return file;
}
