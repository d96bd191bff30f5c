// The browser entry through a bundler: Vite builds a tiny page that calls sign and inspectPem;
// headless Chromium (Debian's, driven by playwright-core) loads it; the page's results are
// checked against the public vector and Node's OpenSSL view of the same certificate.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { build } from 'vite';
import { chromium } from 'playwright-core';

const HERE = path.dirname(new URL(import.meta.url).pathname);
const PAGE = path.join(HERE, 'vite-page');
const DIST = path.join(HERE, '..', 'vite-dist');
const LEAF = path.join(process.env.CERTKIT_X509_FIXTURES, 'leaf-p256.pem');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

function serve(dir) {
  const server = http.createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const file = path.join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      const index = path.join(dir, 'index.html');
      if (req.url === '/' && fs.existsSync(index)) {
        res.writeHead(200, { 'content-type': TYPES['.html'] });
        res.end(fs.readFileSync(index));
        return;
      }
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('a Vite build calling sign and inspectPem works in Chromium', async () => {
  fs.copyFileSync(LEAF, path.join(PAGE, 'leaf.pem'));
  await build({ root: PAGE, logLevel: 'warn', build: { outDir: DIST, emptyOutDir: true } });
  const assets = fs.readdirSync(path.join(DIST, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), `the wasm module is emitted: ${assets.join(', ')}`);

  const server = await serve(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    const text = await page.textContent('#out');
    await page.screenshot({ path: path.join(DIST, '..', 'vite-page.png') });
    assert.deepEqual(errors, []);
    assert.ok(!text.startsWith('error'), text);
    const result = JSON.parse(text);
    assert.equal(result.signature, 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=');
    const cert = new X509Certificate(fs.readFileSync(LEAF));
    assert.equal(result.kind, 'certificate');
    assert.equal(result.subject, cert.subject.split('\n').reverse().join(','));
    assert.equal(result.sha256, cert.fingerprint256);
    assert.deepEqual(result.publicKey.curve, 'P-256');
  } finally {
    await browser.close();
    server.close();
  }
});
