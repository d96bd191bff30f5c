// Shared set-up for the browser end-to-end suite: Debian's Chromium driven by playwright-core,
// against the proxy (with the sandbox) that `cargo xtask test` started at CERTKIT_URL.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.CERTKIT_URL ?? 'http://127.0.0.1:8080';
/** A standalone sandbox whose clock runs ahead (started by xtask with --clock-offset). */
export const SKEWED_SANDBOX = process.env.CERTKIT_SKEWED_SANDBOX ?? '';
export const SKEW_SECONDS = Number(process.env.CERTKIT_SKEW_SECONDS ?? '600');
/** DEV ONLY (unset in `cargo xtask test`): serve /sandbox from a standalone sandbox. */
const SANDBOX_OVERRIDE = process.env.CERTKIT_DEV_SANDBOX ?? '';

const here = dirname(fileURLToPath(import.meta.url));
export const SCREENSHOTS = join(here, '..', 'artifacts', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh page on the app, recording console errors, page errors and every request the page
 * sends (URL, headers, body), so tests can assert what left the page.
 */
export async function openApp(browser, { width = 1280, height = 900, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme,
    permissions: ['clipboard-read', 'clipboard-write'],
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const record = { consoleErrors: [], pageErrors: [], requests: [], thirdParty: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') record.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => record.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== new URL(BASE).origin && !url.protocol.startsWith('blob') && !url.protocol.startsWith('data')) {
      record.thirdParty.push(req.url());
    }
    record.requests.push({
      url: req.url(),
      method: req.method(),
      headers: req.headers(),
      body: req.postData() ?? '',
    });
  });
  if (SANDBOX_OVERRIDE) await routeSandboxTo(page, SANDBOX_OVERRIDE);
  await page.goto(BASE + '/');
  await page.waitForSelector('#main h1');
  return { context, page, record };
}

/** Requests to the APIs (sandbox or NCP routes), not the app's own files. */
export function apiRequests(record) {
  return record.requests.filter((r) => /\/(sandbox|ncp)\//.test(new URL(r.url).pathname));
}

/**
 * Records every API request (sandbox or NCP routes) with `page.route`, from now on. The handler
 * runs before a request may go on to the network, so whatever reached a server is in the list;
 * each is then handed on unchanged (to routes installed earlier, else to the network).
 *
 * To assert that something did not happen, install this before the action, then do something
 * that sends a request of its own and wait for its result: a request the action had started
 * would be recorded before it.
 */
export async function recordApiRoutes(page) {
  const recorded = [];
  await page.route((url) => /\/(sandbox|ncp)\//.test(url.pathname), async (route) => {
    const request = route.request();
    recorded.push({ method: request.method(), url: request.url(), body: request.postData() ?? '' });
    await route.fallback();
  });
  return recorded;
}

/** `METHOD /path` of recorded requests, for readable assertions. */
export function methodAndPath(requests) {
  return requests.map((r) => `${r.method} ${new URL(r.url).pathname}`);
}

/**
 * Console errors other than the browser's own "Failed to load resource" line for an HTTP
 * error status the test provoked on purpose (401, 403, ...). CSP violations and panics are
 * never excused.
 */
export function unexpectedConsoleErrors(record, { allowHttpErrors = false } = {}) {
  return record.consoleErrors.filter(
    (text) => !(allowHttpErrors && /Failed to load resource: the server responded with a status of (4|5)\d\d/.test(text)),
  );
}

/** Types into a field and leaves it, as a user does. */
export async function fill(page, id, value) {
  await page.fill(`#${id}`, value);
  await page.locator(`#${id}`).blur();
}

export async function goTo(page, pageName) {
  await page.click(`nav [data-page="${pageName}"]`);
  await page.waitForSelector('#main h1');
}

/** Site: Sandbox, then the sandbox's demo keys, as a user does on the Connection page. */
export async function useDemoKeys(page) {
  await goTo(page, 'Connection');
  await page.check('#site-sandbox');
  await page.click('#use-demo-keys');
  await page.waitForFunction(() => document.querySelector('#access-key')?.value.length > 0);
}

/** The sandbox's demo data (keys and seeded CA tags), read the way a user's tool would. */
export async function demoData(page) {
  const response = await page.request.get(
    SANDBOX_OVERRIDE ? SANDBOX_OVERRIDE + '/demo/credentials' : BASE + '/sandbox/demo/credentials',
  );
  return response.json();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Asserts no request the page sent carries `secret` in its URL, headers or body. */
export function requestsContaining(record, secret) {
  return record.requests.filter(
    (r) => r.url.includes(secret) || r.body.includes(secret) || Object.values(r.headers).some((v) => v.includes(secret)),
  );
}

/**
 * Sends the page's /sandbox requests to another sandbox (the one with the skewed clock). The
 * browser still sees same-origin answers, with that sandbox's Date header.
 */
export async function routeSandboxTo(page, sandboxUrl) {
  await page.route(`${BASE}/sandbox/**`, async (route) => {
    const original = new URL(route.request().url());
    const target = sandboxUrl + original.pathname.replace(/^\/sandbox/, '') + original.search;
    const response = await route.fetch({ url: target });
    await route.fulfill({ response });
  });
}

const X509_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'crates', 'x509', 'tests', 'fixtures');

/** The text of `name` in certkit-x509's fixtures (certificates, keys and CRLs made by openssl). */
export function x509Fixture(name) {
  return readFileSync(join(X509_FIXTURES, name), 'utf8');
}
