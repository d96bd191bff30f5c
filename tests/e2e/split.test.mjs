// The app's wasm comes in two modules (xtask/src/app_split.rs, web/assets/deferred.js): what
// runs at start-up, and the rest, fetched once the page is idle. These tests check that the
// start-up part suffices to open the first form, that the rest arrives by itself, and that a
// call into the rest before it has arrived is answered (loaded synchronously), not lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, goTo, launch } from './helpers.mjs';

const DEFERRED = /\/certkit-web_deferred\.wasm$/;
// A chain made by openssl (certkit-x509's fixtures): leaf, intermediate, root.
const CHAIN = readFileSync(new URL('../../crates/x509/tests/fixtures/chain-ordered.pem', import.meta.url), 'utf8');

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

/** The deferred module's requests of a page: `fetch` (the idle preload) or `xhr` (a call came first). */
function deferredLoads(page) {
  const loads = [];
  page.on('request', (request) => {
    if (DEFERRED.test(new URL(request.url()).pathname)) loads.push(request.resourceType());
  });
  return loads;
}

/** What loaded the deferred module, as deferred.js's performance mark says: `preload` or a slot. */
function loadedBy(page) {
  return page.evaluate(() => performance.getEntriesByName('ncp-certkit:deferred-module')[0]?.detail?.loadedBy);
}

test('the deferred module is preloaded once the page is idle, and the first form opens without it', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const loads = deferredLoads(page);
  // Hold the preload back: the Issue End Cert form must open on the start-up module alone.
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(DEFERRED, async (route) => {
    if (route.request().resourceType() === 'fetch') await held;
    await route.fallback();
  });
  await page.goto(BASE + '/');
  await page.click('nav [data-page="IssueEndCert"]');
  await page.waitForSelector('#IssueEndCert-x509Parameters-commonName');
  // A synchronous load here means the start-up profile missed a function this path runs.
  assert.ok(
    !loads.includes('xhr'),
    `the first form loaded the deferred module synchronously, by a call into ${await loadedBy(page)} ` +
      '(target/app-split/deferred-slots.tsv names the function in each slot)',
  );
  release();
  await page.waitForFunction(() => performance.getEntriesByName('ncp-certkit:deferred-module').length > 0);
  assert.equal(await loadedBy(page), 'preload');
  // Inspection did not run at start-up, so it is in the deferred module: the preload serves it.
  await goTo(page, 'Inspect');
  await page.fill('#inspect-input', CHAIN);
  await page.waitForSelector('.cert-card');
  assert.equal(await page.locator('.items .cert-card').count(), 3);
  assert.deepEqual(loads, ['fetch'], 'one load, the preload');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a call into the deferred module before its preload arrives loads it synchronously', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const consoleErrors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  const loads = deferredLoads(page);
  // The preload never arrives.
  await page.route(DEFERRED, async (route) => {
    if (route.request().resourceType() === 'fetch') await route.abort();
    else await route.fallback();
  });
  await page.goto(BASE + '/');
  await page.waitForSelector('#main h1');
  await goTo(page, 'Inspect');
  await page.fill('#inspect-input', CHAIN);
  await page.waitForSelector('.cert-card');
  assert.equal(await page.locator('.items .cert-card').count(), 3);
  assert.match(await page.locator('.chain-links li').first().textContent(), /CN=p256\.example\.test/);
  assert.equal(loads.filter((kind) => kind === 'xhr').length, 1, `loaded once, synchronously: ${loads}`);
  assert.equal(await page.evaluate(() => performance.getEntriesByName('ncp-certkit:deferred-module').length), 1);
  assert.match(await loadedBy(page), /^slot \d+$/);
  assert.deepEqual(errors, []);
  // The aborted preload logs its failed fetch; nothing else may log an error.
  assert.deepEqual(consoleErrors.filter((text) => !/Failed to load resource/.test(text)), []);
  await context.close();
});
