// Issue 18, points 4, 8 and 10 in Chromium against the proxy with the sandbox: History reopens
// the row clicked, survives a reload and exports; the page shows itself while the wasm loads
// and says so when it cannot; labels that say what they mean (validation method, examples,
// chain card titles), Inspect's "Copy as JSON" and key match.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE,
  SCREENSHOTS,
  apiRequests,
  demoData,
  fill,
  goTo,
  launch,
  openApp,
  requestsContaining,
  screenshot,
  unexpectedConsoleErrors,
  useDemoKeys,
  x509Fixture,
} from './helpers.mjs';


let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});


/** Issue End Cert for `commonName` with the sandbox's issuing CA; waits for the answer. */
async function issue(page, demo, commonName) {
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
  await fill(page, 'IssueEndCert-x509Parameters-commonName', commonName);
  await page.selectOption('#IssueEndCert-keyType', 'EC256');
  const answered = page.waitForResponse((r) => r.url().includes(`/ca/${demo.caTags.issuing}/cert`));
  await page.click('#send');
  await answered;
  await page.waitForFunction((cn) => document.querySelector('#issued-cert')?.dataset.cn === cn, commonName);
  return (await page.locator('#serial-no').textContent()).trim();
}

/** The History rows as {name, caTag, serial, outcome}. */
async function historyRows(page) {
  return page.locator('table.history tbody tr').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('td.name')?.textContent.trim(),
      caTag: row.querySelector('td.ca-tag')?.textContent.trim(),
      serial: row.querySelector('td.serial')?.textContent.trim(),
      outcome: row.querySelector('td.outcome')?.textContent.trim(),
    })),
  );
}

/**
 * Whether the element is focused and inside the viewport, once a smooth scroll (the page
 * scrolls smoothly unless reduced motion is asked for) has had time to settle.
 */
async function focusedAndInView(page, selector) {
  const state = (sel) => {
    const el = document.querySelector(sel);
    if (!el) return 'missing';
    const box = el.getBoundingClientRect();
    const inView = box.top >= 0 && box.top < window.innerHeight;
    return document.activeElement === el && inView ? 'yes' : `focused=${document.activeElement === el} top=${box.top}`;
  };
  // Polled from here: the page's CSP forbids the string evaluation waitForFunction would need.
  let last = '';
  for (let i = 0; i < 50 && last !== 'yes'; i++) {
    if (i > 0) await page.waitForTimeout(100);
    last = await page.evaluate(state, selector);
  }
  return last;
}

test('History: Reopen restores exactly the row clicked, and rows tell them apart', async () => {
  const { page, record, context } = await openApp(browser);
  const demo = await demoData(page);
  await useDemoKeys(page);
  const oldSerial = await issue(page, demo, 'old.history.example');
  const newSerial = await issue(page, demo, 'new.history.example');
  assert.notEqual(oldSerial, newSerial);
  await goTo(page, 'History');
  assert.deepEqual(await historyRows(page), [
    { name: 'new.history.example', caTag: demo.caTags.issuing, serial: newSerial, outcome: 'Success' },
    { name: 'old.history.example', caTag: demo.caTags.issuing, serial: oldSerial, outcome: 'Success' },
  ]);
  // The older row: its values, not the latest, and shown where the user looks.
  await page.locator('table.history tbody tr').nth(1).locator('button.reopen').click();
  await page.waitForSelector('#reopened');
  assert.equal(await page.textContent('#reopened-name'), 'old.history.example');
  assert.equal(await page.textContent('#reopened-serial'), oldSerial);
  assert.equal(await focusedAndInView(page, '#reopened'), 'yes');
  // The live result (the newer certificate and its key) is still there, below.
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'new.history.example');
  await page.click('#load-reopened');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'old.history.example');
  // And the newer row reopens the newer entry.
  await goTo(page, 'History');
  await page.locator('table.history tbody tr').nth(0).locator('button.reopen').click();
  await page.waitForFunction(() => document.querySelector('#reopened-name')?.textContent === 'new.history.example');
  assert.equal(await page.textContent('#reopened-serial'), newSerial);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('History survives a reload of the tab, without private keys or the secret, and clears', async () => {
  const { page, record, context } = await openApp(browser);
  const demo = await demoData(page);
  await useDemoKeys(page);
  const firstSerial = await issue(page, demo, 'before.reload.example');
  const stored = await page.evaluate(() => sessionStorage.getItem('certkit.history'));
  assert.ok(stored?.includes('before.reload.example'), 'history is in sessionStorage');
  assert.ok(!stored.includes('PRIVATE KEY-----'), 'no private key in storage');
  assert.ok(!stored.includes(demo.main.secretKey), 'no secret key in storage');

  await page.reload();
  await page.waitForSelector('#main h1');
  await goTo(page, 'History');
  assert.deepEqual((await historyRows(page)).map((r) => r.name), ['before.reload.example']);

  // After a reload request ids start again: a new request shares the restored one's id, and
  // each row still reopens its own entry.
  await useDemoKeys(page);
  await issue(page, demo, 'after.reload.example');
  await goTo(page, 'History');
  assert.deepEqual((await historyRows(page)).map((r) => r.name), ['after.reload.example', 'before.reload.example']);
  await page.locator('table.history tbody tr').nth(1).locator('button.reopen').click();
  await page.waitForSelector('#reopened');
  assert.equal(await page.textContent('#reopened-name'), 'before.reload.example');
  assert.equal(await page.textContent('#reopened-serial'), firstSerial);
  assert.equal(await page.locator('#reopened .key-card').count(), 0);

  // Clearing empties the page and the storage, and a reload brings nothing back.
  await goTo(page, 'History');
  await page.click('#clear-history');
  await page.waitForSelector('#history-empty');
  assert.equal(await page.evaluate(() => sessionStorage.getItem('certkit.history')), null);
  await page.reload();
  await page.waitForSelector('#main h1');
  await goTo(page, 'History');
  await page.waitForSelector('#history-empty');
  assert.deepEqual(requestsContaining(record, demo.main.secretKey).map((r) => r.url), []);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('History exports as a JSON download, without private keys', async () => {
  const { page, record, context } = await openApp(browser);
  const demo = await demoData(page);
  await useDemoKeys(page);
  const serial = await issue(page, demo, 'export.history.example');
  await goTo(page, 'History');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-history')]);
  assert.equal(download.suggestedFilename(), 'ncp-certkit-history.json');
  const text = readFileSync(await download.path(), 'utf8');
  assert.ok(!text.includes('PRIVATE KEY-----'), 'no private key in the export');
  assert.ok(!text.includes(demo.main.secretKey), 'no secret key in the export');
  const entries = JSON.parse(text);
  assert.equal(entries.length, 1);
  assert.equal(entries[0].op, 'issueEndCert');
  assert.equal(entries[0].site, 'sandbox');
  assert.equal(entries[0].form['x509Parameters.commonName'], 'export.history.example');
  assert.equal(entries[0].completed.response.status, 200);
  assert.equal(JSON.parse(entries[0].completed.response.body).data.serialNo, serial);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('Cold load: the header and a loading line show before the wasm runs, and a failure says so', async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  // Hold the wasm until the page has been read, then fail it.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let wasmRequests = 0;
  await page.route('**/certkit-web_bg.wasm', async (route) => {
    wasmRequests += 1;
    await held;
    await route.abort();
  });
  await page.goto(BASE + '/', { waitUntil: 'domcontentloaded' });
  assert.equal(await page.textContent('#boot .app-name'), 'ncp-certkit');
  assert.match(await page.textContent('#boot-status'), /Loading the app…/);
  assert.match(await page.textContent('#boot-status'), /앱을 불러오는 중/);
  assert.equal(await page.locator('#main h1').count(), 0, 'the app has not run');
  await screenshot(page, 'cold-load-375');
  release();
  await page.waitForSelector('#boot-status.error');
  const failure = await page.textContent('#boot-status');
  assert.match(failure, /The app could not load/);
  assert.match(failure, /앱을 불러오지 못했습니다/);
  assert.equal(await page.getAttribute('#boot-status', 'role'), 'alert');
  assert.ok(wasmRequests >= 1);
  await screenshot(page, 'cold-load-failed-375');
  // Only the aborted request itself is logged: no CSP violation, no uncaught error.
  assert.deepEqual(consoleErrors.filter((t) => !/Failed to load resource: net::ERR_FAILED/.test(t)), []);
  await context.close();
});

test('Cold load: the wasm and glue are preloaded, and the app replaces the placeholder', async () => {
  const { page, record, context } = await openApp(browser);
  assert.equal(await page.locator('#boot').count(), 0, 'the placeholder is gone');
  assert.equal(await page.locator('header.site-header').count(), 1, 'one header, the app\'s');
  assert.equal(await page.locator('link[rel="modulepreload"][href="/certkit-web.js"]').count(), 1);
  assert.equal(await page.locator('link[rel="preload"][as="fetch"][href="/certkit-web_bg.wasm"]').count(), 1);
  // The preload is the fetch the glue uses: the wasm is downloaded once.
  const wasm = record.requests.filter((r) => new URL(r.url).pathname === '/certkit-web_bg.wasm');
  assert.equal(wasm.length, 1, 'the preloaded wasm is reused');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('Labels: validation method, example placeholders, chain card titles', async () => {
  const { page, record, context } = await openApp(browser);
  const demo = await demoData(page);
  await useDemoKeys(page);
  // Examples read as examples, in both languages.
  await goTo(page, 'IssueEndCert');
  assert.equal(await page.getAttribute('#IssueEndCert-period', 'placeholder'), 'e.g. 365');
  assert.equal(await page.getAttribute('#IssueEndCert-x509Parameters-country', 'placeholder'), 'e.g. KR');
  assert.equal(await page.getAttribute('#IssueEndCert-x509Parameters-locality', 'placeholder'), 'e.g. Seoul');
  await page.click('.lang-switch button[lang="ko"]');
  assert.equal(await page.getAttribute('#IssueEndCert-period', 'placeholder'), '예: 365');
  await page.click('.lang-switch button[lang="en"]');

  // The chain, leaf to root, each card named.
  await issue(page, demo, 'labels.example');
  const titles = await page.locator('.chain-links .chain-title').allTextContents();
  assert.ok(titles.length >= 2, titles.join(' | '));
  assert.equal(titles[0], '1 · Leaf · CN=labels.example');
  assert.match(titles.at(-1), new RegExp(`^${titles.length} · Root · CN=.+`));
  for (const [i, title] of titles.slice(1, -1).entries()) {
    assert.match(title, new RegExp(`^${i + 2} · Intermediate · CN=.+`));
  }

  // The validation method by name; the wire value stays D.
  await goTo(page, 'RequestIssuance');
  const option = page.locator('#RequestIssuance-validationMethod option[value="D"]');
  assert.equal(await option.textContent(), 'DNS validation (CNAME record)');
  assert.ok(!(await page.locator('#RequestIssuance-validationMethod').textContent()).match(/^D$/m));
  await fill(page, 'RequestIssuance-certificateName', 'labels-cert');
  await fill(page, 'RequestIssuance-commonName', 'labels.example.com');
  await page.click('#send');
  await page.waitForSelector('#validation-method');
  assert.equal(await page.textContent('#validation-method'), 'DNS validation (CNAME record)');
  assert.equal(await page.getAttribute('#validation-method', 'data-value'), 'D');
  const sent = apiRequests(record).find((r) => r.url.includes('requestCertificateIssuance'));
  assert.equal(JSON.parse(sent.body).validationMethod, 'D');
  await page.click('.lang-switch button[lang="ko"]');
  assert.equal(await page.textContent('#validation-method'), 'DNS 검증 (CNAME 레코드)');
  await page.click('.lang-switch button[lang="en"]');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

/** Drops what depends on the time of inspection (the fixture's JSON was made at 2026-06-01). */
function timeless(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => (['daysRemaining', 'expired', 'notYetValid'].includes(key) ? undefined : v)));
}

test('Inspect: cards titled by role, Copy as JSON is the npm inspectPem shape, a pasted key is matched', async () => {
  const { page, record, context } = await openApp(browser);
  await goTo(page, 'Inspect');
  // One certificate: Copy as JSON equals inspectPem's JSON (crates/x509/tests/fixtures/
  // leaf-p256.inspection.json, which the npm suite checks against the package itself).
  await page.fill('#inspect-input', x509Fixture('leaf-p256.pem'));
  await page.waitForSelector('.cert-card');
  await page.getByRole('button', { name: /Copy as JSON/ }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('button')].some((b) => b.textContent.startsWith('Copy as JSON ✓')));
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.deepEqual(timeless(copied), timeless(JSON.parse(x509Fixture('leaf-p256.inspection.json'))));

  // A leaf, its CA and the leaf's key: titles by role, the key belongs to the leaf only.
  await page.fill('#inspect-input', x509Fixture('leaf-p256.pem') + x509Fixture('int-p384.pem') + x509Fixture('leaf-p256.key.pem'));
  await page.waitForFunction(() => document.querySelectorAll('.items .cert-card').length === 2);
  const titles = await page.locator('.items .cert-card h3').allTextContents();
  assert.match(titles[0], /^1 · Leaf · CN=/);
  assert.match(titles[1], /^2 · Intermediate · CN=.*P-384/);
  const matches = await page.locator('.items .cert-card .key-match').evaluateAll((els) => els.map((e) => e.dataset.match));
  assert.deepEqual(matches, ['true', 'false']);
  assert.match(await page.textContent('.items .cert-card .key-match'), /Matches the pasted private key/);
  assert.match(await page.textContent('.key-item .key-match'), /Belongs to certificate 1$/);
  await screenshot(page, 'inspect-key-match-1280');
  // Keys that do not carry their public point (openssl ec -no_public; Java writes EC keys so):
  // the app has no curve arithmetic, so the browser's WebCrypto derives the point. P-256 as
  // PKCS#8 and P-384 as SEC1, each against the leaf and its CA.
  for (const [key, expected] of [['leaf-p256.pkcs8-nopub.pem', ['true', 'false']], ['int-p384.sec1-nopub.pem', ['false', 'true']]]) {
    await page.fill('#inspect-input', x509Fixture('leaf-p256.pem') + x509Fixture('int-p384.pem') + x509Fixture(key));
    await page.waitForFunction(() => document.querySelectorAll('.items .cert-card .key-match').length === 2);
    const derived = await page.locator('.items .cert-card .key-match').evaluateAll((els) => els.map((e) => e.dataset.match));
    assert.deepEqual(derived, expected, key);
  }
  // Without the key, no verdict is shown.
  await page.fill('#inspect-input', x509Fixture('leaf-p256.pem') + x509Fixture('int-p384.pem'));
  await page.waitForFunction(() => document.querySelectorAll('.items .key-match').length === 0);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

for (const [width, colorScheme] of [[375, 'light'], [375, 'dark'], [1280, 'dark']]) {
  test(`screenshots of History, Inspect and the nav at ${width} px (${colorScheme})`, async () => {
    const { page, record, context } = await openApp(browser, { width, height: 900, colorScheme });
    const tag = `${width}${colorScheme === 'dark' ? '-dark' : ''}`;
    const demo = await demoData(page);
    await useDemoKeys(page);
    await issue(page, demo, `shot18-${width}.example`);
    await goTo(page, 'History');
    await screenshot(page, `history-18-${tag}`);
    await page.locator('table.history button.reopen').first().click();
    await page.waitForSelector('#reopened');
    // The viewport only: what the user sees right after Reopen.
    await page.screenshot({ path: join(SCREENSHOTS, `reopened-18-${tag}.png`) });
    await goTo(page, 'Inspect');
    await page.fill('#inspect-input', x509Fixture('leaf-p256.pem') + x509Fixture('int-p384.pem') + x509Fixture('leaf-p256.key.pem'));
    await page.waitForSelector('.cert-card');
    await screenshot(page, `inspect-18-${tag}`);
    // The nav's current item is scrolled into view at any width.
    const visible = await page.evaluate(() => {
      const nav = document.querySelector('.main-nav').getBoundingClientRect();
      const item = document.querySelector('.main-nav [aria-current="page"]').getBoundingClientRect();
      return item.left >= nav.left - 1 && item.right <= nav.right + 1;
    });
    assert.ok(visible, 'the current nav item is in view');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `page wider than the viewport by ${overflow}px`);
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    await context.close();
  });
}
