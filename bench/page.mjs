// Benchmark 4: page. Time from navigation to an interactive Issue End Cert form, in headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core) on loopback, over N cold loads:
// each load gets a new browser context (empty cache, no storage). One untimed load first warms
// the browser process and the server, not the page's cache.
//
// "Interactive" = the form's field (--form-selector) is in the DOM, has a layout box, is not
// hidden and not disabled (nor inside a disabled fieldset). An init script checks that on every
// DOM mutation and records `performance.now()` (milliseconds since navigation start, the page's
// own clock) the first time it holds. When the landing page is not the form, --nav-selector is
// clicked first, as a user would (the click waits until the link is actionable).
//
// When a nav selector is given, the time the app's navigation became clickable (the app has
// started) and the time the click reached the page (the driver's own work in between: it checks
// that the link is visible, stable and not covered, then sends the mouse events) are recorded
// too.
//
// --floor-url: a page with only the link and the field (bench/floor/), loaded alternately with
// the app so that both see the machine in the same state: what the browser, the proxy and the
// driver take by themselves, against which the app's own share is read.
//
// usage: node page.mjs --url URL --form-selector CSS [--nav-selector CSS] [--loads 20]
//        [--floor-url URL] [--screenshot PNG] --out RESULT.json

import { chromium } from 'playwright-core';
import { args, median, writeResult } from './lib.mjs';

const opts = args();
const LOADS = Number(opts.loads ?? 20);
const FORM = opts['form-selector'];
const NAV = opts['nav-selector'] || null;
const FLOOR = opts['floor-url'] || null;

/** The medians of a series of loads (the app's, and the floor's). */
function summary(samples, url) {
  return {
    url,
    medianMs: median(samples.map((s) => s.inPageMs)),
    medianNavMs: NAV ? median(samples.map((s) => s.navMs)) : null,
    medianClickMs: NAV ? median(samples.map((s) => s.clickMs)) : null,
    samplesMs: samples.map((s) => Math.round(s.inPageMs * 10) / 10),
  };
}

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

function watchForInteractive({ form, nav }) {
  const ready = (selector) => {
    const el = document.querySelector(selector);
    if (!el || el.disabled || el.closest('fieldset:disabled')) return false;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const check = () => {
    if (nav && window.__benchNavMs === undefined && ready(nav)) {
      window.__benchNavMs = performance.now();
    }
    if (window.__benchInteractiveMs === undefined && ready(form)) {
      window.__benchInteractiveMs = performance.now();
    }
  };
  addEventListener('pointerdown', () => {
    if (window.__benchClickMs === undefined) window.__benchClickMs = performance.now();
  }, true);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  addEventListener('load', check);
  // Style sheets arriving change layout without a DOM mutation: poll too, finely.
  const timer = setInterval(() => {
    check();
    if (window.__benchInteractiveMs !== undefined) clearInterval(timer);
  }, 5);
}

async function load(browser, url, measureTransfer = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  const responses = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('response', (r) => responses.push({ url: r.url(), status: r.status(), response: r }));
  await page.addInitScript(watchForInteractive, { form: FORM, nav: NAV });
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  if (NAV) await page.locator(NAV).first().click({ timeout: 30_000 });
  const handle = await page.waitForFunction(() => window.__benchInteractiveMs, null, { timeout: 30_000 });
  const inPageMs = await handle.jsonValue();
  const wallMs = performance.now() - started;
  const [navMs, clickMs] = NAV
    ? await page.evaluate(() => [window.__benchNavMs, window.__benchClickMs])
    : [null, null];
  if (opts.screenshot) await page.screenshot({ path: opts.screenshot });
  if (measureTransfer) {
    // Bytes as sent over the wire (after the proxy's own compression), per response.
    for (const r of responses) {
      await r.response.finished();
      const sizes = await r.response.request().sizes();
      r.bodyBytes = sizes.responseBodySize;
      r.encoding = (await r.response.allHeaders())['content-encoding'] ?? 'identity';
    }
  }
  for (const r of responses) delete r.response;
  await context.close();
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  return { inPageMs, navMs, clickMs, wallMs, responses };
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const warm = await load(browser, opts.url, true);
  const bad = warm.responses.filter((r) => r.status >= 400);
  if (bad.length) throw new Error(`failed requests: ${JSON.stringify(bad)}`);
  const samples = [];
  const floorSamples = [];
  if (FLOOR) await load(browser, FLOOR);
  for (let i = 0; i < LOADS; i++) {
    samples.push(await load(browser, opts.url));
    if (FLOOR) floorSamples.push(await load(browser, FLOOR));
  }
  const inPage = samples.map((s) => s.inPageMs);
  writeResult(opts.out, {
    ...summary(samples, opts.url),
    formSelector: FORM,
    navSelector: NAV,
    loads: LOADS,
    browser: `Chromium ${browser.version()}`,
    minMs: Math.min(...inPage),
    maxMs: Math.max(...inPage),
    medianWallMs: median(samples.map((s) => s.wallMs)),
    floor: FLOOR ? summary(floorSamples, FLOOR) : null,
    requests: warm.responses.map((r) => `${r.status} ${new URL(r.url).pathname}`),
    transferred: warm.responses.map((r) => ({
      path: new URL(r.url).pathname,
      encoding: r.encoding,
      bodyBytes: r.bodyBytes,
    })),
  });
} finally {
  await browser.close();
}
