// The start-up profile that splits the app's wasm (run by `cargo xtask`'s app build, see
// xtask/src/app_split.rs). DIR is the app's dist with its wasm instrumented by Binaryen's
// `wasm-split --instrument`. This script serves DIR on loopback, opens it in Chromium, does
// what a visitor does first (the app starts, the Issue End Cert link is clicked, its form is
// shown), then asks the module which functions ran and writes that profile to OUT. Those
// functions stay in the wasm the page loads first; every other one moves to the deferred
// module, which the page fetches once it is idle.
//
// usage: node profile.mjs DIR OUT NAV_SELECTOR FORM_SELECTOR (the bench's, xtask/src/bench.rs)

import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { launch } from '../e2e/helpers.mjs';

const [dir, out, nav, form] = process.argv.slice(2);
if (!dir || !out || !nav || !form) {
  console.error('usage: node profile.mjs DIR OUT NAV_SELECTOR FORM_SELECTOR');
  process.exit(2);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

const server = createServer(async (request, response) => {
  const path = new URL(request.url, 'http://x').pathname;
  const file = normalize(join(dir, path === '/' ? 'index.html' : path));
  try {
    const body = await readFile(file);
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(body);
  } catch {
    response.writeHead(404).end();
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

const browser = await launch();
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  // The bench's "form interactive" path.
  await page.locator(nav).first().click({ timeout: 60_000 });
  await page.locator(form).waitFor({ timeout: 60_000 });
  if (errors.length) throw new Error(`the instrumented app failed: ${errors.join('; ')}`);
  const profile = await page.evaluate(async () => {
    // wasm-bindgen's init returns the instance's exports once the app has started.
    const wasm = await (await import('/certkit-web.js')).default();
    // One timestamp (u32) per function and a u64 module hash: 1 MiB is ample.
    const size = 1 << 20;
    const ptr = wasm.__wbindgen_malloc(size, 8);
    const written = wasm.__write_profile(ptr, size);
    return Array.from(new Uint8Array(wasm.memory.buffer, ptr, written));
  });
  await writeFile(out, Buffer.from(profile));
  console.log(`profile: ${profile.length} bytes to ${out}`);
} finally {
  await browser.close();
  server.close();
}
