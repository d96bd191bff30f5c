// After Send (issue 18): the outcome in view and focused, nothing stale, URLs that Back and a
// reload follow, the site and key in view, errors named for what they are, and focus that
// survives re-renders. Chromium against the proxy with the offline sandbox.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE,
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
} from './helpers.mjs';

let browser;
const records = [];
const secrets = new Set();

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

async function open(options) {
  const opened = await openApp(browser, options);
  records.push(opened.record);
  const demo = await demoData(opened.page);
  secrets.add(demo.main.secretKey);
  return { ...opened, demo };
}


const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Whether element `selector` is wholly inside the viewport (after any smooth scroll). */
async function waitInViewport(page, selector) {
  await page.waitForFunction((sel) => {
    const box = document.querySelector(sel)?.getBoundingClientRect();
    return box && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  }, selector);
}

async function fillIssue(page, demo, commonName) {
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
  await fill(page, 'IssueEndCert-x509Parameters-commonName', commonName);
}

for (const width of [1280, 375]) {
  test(`after Send the outcome is in view and focused, with CN, serial and the main files (${width} px)`, async () => {
    const { page, record, context, demo } = await open({ width, height: 800 });
    await useDemoKeys(page);
    await fillIssue(page, demo, `outcome-${width}.example`);
    // Scroll to the top first: the answer must come into view by itself.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.click('#send');
    await page.waitForSelector('#IssueEndCert-outcome.ok');
    await waitInViewport(page, '#IssueEndCert-outcome');
    assert.equal(await focusedId(page), 'IssueEndCert-outcome');
    const line = await page.locator('#IssueEndCert-outcome').textContent();
    assert.match(line, new RegExp(`✓ Issued CN=outcome-${width}\\.example · Serial number ([0-9A-F]{2}:)+[0-9A-F]{2}`));
    const files = await page.locator('#IssueEndCert-outcome button.download').evaluateAll((b) => b.map((x) => x.dataset.file));
    assert.deepEqual(files, [`outcome-${width}.example.crt`, `outcome-${width}.example.key`, 'fullchain.pem']);
    // "Request as sent" is collapsed now that there is an answer; the issuer shows once (in
    // the chain, which holds it), not again on a card of its own.
    assert.equal(await page.getAttribute('#preview-sent', 'open'), null);
    assert.equal(await page.locator('.results .cert-card', { hasText: '(issuer)' }).count(), 0);
    // The summary's link brings the details into view.
    await page.click('#IssueEndCert-outcome .details-link');
    await waitInViewport(page, '#issue-results-title');
    await screenshot(page, `after-send-outcome-${width}`);
    // Enter in a field sends too, and the failure lands in view the same way.
    await fill(page, 'IssueEndCert-caTag', '1111111111-2222222222');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.press('#IssueEndCert-x509Parameters-commonName', 'Enter');
    await page.waitForSelector('#IssueEndCert-outcome.failed');
    await waitInViewport(page, '#IssueEndCert-outcome');
    assert.equal(await focusedId(page), 'IssueEndCert-outcome');
    assert.match(await page.locator('#IssueEndCert-outcome').textContent(), /✗ CA not found · NCP error code NOT_EXIST_CASTORE.*What to do:/s);
    assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
    await context.close();
  });
}

test('reduced motion: the outcome is brought into view without smooth scrolling', async () => {
  const { page, context, demo } = await open({ width: 1280, height: 700 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await useDemoKeys(page);
  await fillIssue(page, demo, 'still.example');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.click('#send');
  await page.waitForSelector('#IssueEndCert-outcome.ok');
  // No animation to wait for: in view as soon as it is focused.
  await page.waitForFunction(() => document.activeElement?.id === 'IssueEndCert-outcome');
  const box = await page.evaluate(() => document.querySelector('#IssueEndCert-outcome').getBoundingClientRect().toJSON());
  assert.ok(box.top >= 0 && box.bottom <= 700, JSON.stringify(box));
  await context.close();
});

test('nothing stale: a failure hides the old success, a site change clears the old answer', async () => {
  const { page, record, context, demo } = await open();
  await useDemoKeys(page);
  // Request Certificate Issuance succeeds, and its DNS records are read.
  await goTo(page, 'RequestIssuance');
  await fill(page, 'RequestIssuance-certificateName', 'stale-cert');
  await fill(page, 'RequestIssuance-commonName', 'stale.example.com');
  await page.click('#send');
  await page.waitForSelector('#request-sn');
  await page.click('#load-dns');
  await page.waitForSelector('.dns-records tbody tr');
  // A second request that fails: the first one's result and records are gone.
  await fill(page, 'RequestIssuance-commonName', 'bad..example');
  await page.click('#send');
  await page.waitForSelector('#send-refused');
  assert.equal(await focusedId(page), 'send-refused', 'a refused Send focuses the summary');
  // The summary's item takes focus to its field.
  await page.click('#send-refused a');
  assert.equal(await focusedId(page), 'RequestIssuance-commonName');
  // Still shown: nothing was sent, so the answer received before is still the current one.
  assert.ok(await page.locator('#request-sn').isVisible());
  await fill(page, 'RequestIssuance-commonName', 'stale.example.com');
  await page.route('**/sandbox/api/v2/certificate/requestCertificateIssuance', (route) =>
    route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ returnCode: '400', returnMessage: 'Bad request for e2e' }) }),
  );
  await page.click('#send');
  await page.waitForSelector('#RequestIssuance-outcome.failed');
  assert.equal(await page.locator('#request-sn').count(), 0, 'the old success is not under the new failure');
  assert.equal(await page.locator('.dns-records').count(), 0, 'nor its DNS records');
  await page.unroute('**/sandbox/api/v2/certificate/requestCertificateIssuance');
  // Success again, then the site changes to Gov: nothing of the sandbox answer stays.
  await page.click('#send');
  await page.waitForSelector('#request-sn');
  await goTo(page, 'Connection');
  await page.check('#site-gov');
  await goTo(page, 'RequestIssuance');
  assert.ok(await page.locator('#not-offered').isVisible());
  assert.equal(await page.locator('#request-sn').count(), 0);
  assert.equal(await page.locator('.http-status').count(), 0);
  assert.equal(await page.locator('#RequestIssuance-outcome').textContent(), '');
  assert.equal(await page.locator('#preview-sent').count(), 0);
  assert.ok(await page.locator('#send').isDisabled());
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('a received private key outlives the next request, labelled earlier, until it is wiped', async () => {
  const { page, record, context, demo } = await open();
  await useDemoKeys(page);
  await fillIssue(page, demo, 'kept.example');
  await page.click('#send');
  await page.waitForSelector('#key-match');
  await fill(page, 'IssueEndCert-caTag', '1111111111-2222222222');
  await page.click('#send');
  await page.waitForSelector('#IssueEndCert-outcome.failed');
  assert.equal(await page.locator('#issued-cert').count(), 0);
  assert.ok(await page.locator('#earlier-result').isVisible());
  assert.match(await page.locator('#earlier-result h2').first().textContent(), /Earlier result, kept for its private key/);
  assert.equal(await page.getAttribute('#earlier-key-match', 'data-match'), 'true');
  await page.click('#earlier-wipe-key');
  assert.equal(await page.locator('#earlier-result').count(), 0);
  assert.ok(!(await page.locator('#main').textContent()).includes('PRIVATE KEY-----'));
  // Wiped from a current result: the certificate stays, the key goes.
  await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
  await page.click('#send');
  await page.waitForSelector('#key-match');
  await page.click('#wipe-key');
  assert.ok(await page.locator('#issued-cert').isVisible());
  assert.ok(await page.locator('#key-absent').isVisible());
  assert.equal(await page.locator('.key-card').count(), 0);
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('URLs: each page has a hash route; Back, Forward and a reload follow it, with the tab\'s forms', async () => {
  const { page, record, context } = await open();
  assert.equal(new URL(page.url()).hash, '#/connection');
  await goTo(page, 'IssueEndCert');
  assert.equal(new URL(page.url()).hash, '#/issue-end-cert');
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'kept.across.reload');
  await goTo(page, 'Inspect');
  assert.equal(new URL(page.url()).hash, '#/inspect');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Issue End Cert');
  assert.equal(new URL(page.url()).hash, '#/issue-end-cert');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Inspect a PEM bundle');
  // A reload stays on the page, and the form keeps what was typed in this tab.
  await page.goBack();
  await page.waitForFunction(() => location.hash === '#/issue-end-cert');
  await page.reload();
  await page.waitForSelector('#main h1');
  assert.equal(await page.locator('#main h1').textContent(), 'Issue End Cert');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'kept.across.reload');
  // A link straight to a page opens it.
  await page.goto(BASE + '/#/request-certificate-issuance');
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Request Certificate Issuance');
  // A nav link clicked with Ctrl opens its page in a new tab, and this tab stays where it is.
  const [tab] = await Promise.all([
    context.waitForEvent('page'),
    page.click('nav [data-page="Inspect"]', { modifiers: ['Control'] }),
  ]);
  await tab.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Inspect a PEM bundle');
  assert.equal(new URL(tab.url()).hash, '#/inspect');
  assert.equal(new URL(page.url()).hash, '#/request-certificate-issuance');
  assert.equal(await page.locator('#main h1').textContent(), 'Request Certificate Issuance');
  // The first page's route replaces the bare URL: Back from it leaves the app.
  const fresh = await context.newPage();
  await fresh.goto(BASE + '/');
  await fresh.waitForSelector('#main h1');
  await fresh.waitForFunction(() => location.hash === '#/connection');
  await fresh.goBack();
  assert.equal(fresh.url(), 'about:blank');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('context: the header chip shows the site and key, the nav marks what a site lacks, demo keys lead on', async () => {
  const { page, record, context, demo } = await open();
  const chip = page.locator('#context-chip');
  assert.equal((await chip.textContent()).trim(), 'Sandbox · no keys');
  await goTo(page, 'Inspect');
  await goTo(page, 'Connection');
  await page.check('#site-sandbox');
  await page.click('#use-demo-keys');
  // Focus goes to the next step once the keys are in (not to <body>).
  await page.waitForFunction(() => document.activeElement?.id === 'connection-next');
  assert.equal((await chip.textContent()).trim(), `Sandbox · ${demo.main.accessKey.slice(0, 4)}…`);
  assert.ok(!(await chip.textContent()).includes(demo.main.secretKey));
  // The secret key's input is masked without being a password field, so password managers
  // do not offer to capture it; "remember" says what sessionStorage really does.
  const secretInput = await page.evaluate(() => {
    const input = document.querySelector('#secret-key');
    return { type: input.type, autocomplete: input.autocomplete, lp: input.dataset.lpignore, mask: getComputedStyle(input).webkitTextSecurity };
  });
  assert.deepEqual(secretInput, { type: 'text', autocomplete: 'off', lp: 'true', mask: 'disc' });
  assert.match(await page.locator('label[for="remember"]').textContent(), /may restore it with the session/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Issue End Cert');
  // The preview says what a signed request is worth to whoever holds it.
  await page.fill('#IssueEndCert-caTag', demo.caTags.issuing);
  await page.fill('#IssueEndCert-x509Parameters-commonName', 'bearer.example');
  assert.match(await page.locator('#preview-live .curl-row').textContent(), /whoever holds it can send any body to this path/);
  // The chip links to Connection.
  await chip.click();
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Connection');
  // Gov lacks Certificate Manager: marked in the nav, Send off there.
  await page.check('#site-gov');
  assert.match((await chip.textContent()).trim(), /^Gov · /);
  assert.match(await page.locator('nav [data-page="RequestIssuance"]').textContent(), /not on this site/);
  assert.doesNotMatch(await page.locator('nav [data-page="IssueEndCert"]').textContent(), /not on this site/);
  // The nav is grouped by service.
  const groups = await page.locator('.nav-group ul').evaluateAll((lists) => lists.map((l) => l.getAttribute('aria-label')));
  assert.deepEqual(groups, [null, 'Private CA', 'Certificate Manager', 'Tools']);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('auth errors: "NCP error code 200", no re-sign when the clocks agree, the CA list shows the same failure', async () => {
  const { page, record, context, demo } = await open();
  await useDemoKeys(page);
  await page.fill('#secret-key', 'wrong-secret-after-send');
  secrets.add('wrong-secret-after-send');
  await fillIssue(page, demo, 'auth.example');
  await page.click('#send');
  await page.waitForSelector('#IssueEndCert-outcome.failed');
  const title = await page.locator('.failure-title').textContent();
  assert.match(title, /Authentication failed · NCP error code 200/);
  assert.match(await page.locator('#IssueEndCert-outcome').textContent(), /NCP error code 200/);
  assert.match(await page.locator('#clock-offset').textContent(), /clocks agree/);
  assert.equal(await page.locator('#resign').count(), 0, 're-signing cannot help when the clocks agree');
  // List CAs with the same keys: the same classified failure, not a raw HTTP line.
  await page.click('[data-action="list-cas"]');
  await page.waitForSelector('.ca-list-status .helper-error');
  assert.equal(await page.getAttribute('.ca-list-status .helper-error', 'data-outcome'), 'authFailed');
  const helper = await page.locator('.ca-list-status .helper-error').textContent();
  assert.match(helper, /Authentication failed · NCP error code 200/);
  assert.doesNotMatch(helper, /HTTP 401: \{/, 'no raw body');
  // Focus stayed on the List CAs button through the re-render.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.action), 'list-cas');
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('Inspect: the "repaired" notice belongs to the text it repaired', async () => {
  const { page, record, context, demo } = await open();
  await useDemoKeys(page);
  await fillIssue(page, demo, 'repair.example');
  await page.click('#send');
  await page.waitForSelector('#issued-cert');
  const body = JSON.parse(await page.locator('.panel.response details.raw pre').textContent());
  // Clean: LF line ends, a newline after the END line.
  const clean = body.data.certificate.trim() + '\n';
  const escaped = clean.trim().split('\n').join('\\n');
  await goTo(page, 'Inspect');
  // Copied out of JSON: "\n" where line breaks should be, which the page repairs.
  await page.fill('#inspect-input', escaped);
  await page.waitForSelector('.pem-input .repaired');
  await page.fill('#inspect-input', clean);
  await page.waitForSelector('.items .cert-card');
  assert.equal(await page.locator('.repaired').count(), 0, 'a clean PEM shows no repair');
  await page.fill('#inspect-input', escaped);
  await page.waitForSelector('.pem-input .repaired');
  await page.fill('#inspect-input', 'garbage');
  await page.waitForSelector('#inspect-error');
  assert.equal(await page.locator('.repaired').count(), 0, 'garbage shows no repair');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

/** Presses Tab until element `id` has focus; fails if it is not reachable in `limit` presses. */
async function tabTo(page, id, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`#${id} is not reachable with Tab`);
}

test('keyboard only: demo keys, the next step, a certificate issued, the outcome and its details', async () => {
  const { page, record, context, demo } = await open();
  await tabTo(page, 'use-demo-keys');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'connection-next');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#main h1')?.textContent === 'Issue End Cert');
  await tabTo(page, 'IssueEndCert-caTag');
  await page.keyboard.type(demo.caTags.issuing);
  await tabTo(page, 'IssueEndCert-x509Parameters-commonName');
  await page.keyboard.type('keyboard.example');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'IssueEndCert-outcome');
  // The outcome takes focus as the send ends; its line (files included) shows once WebCrypto
  // has checked the signatures that order the full chain, a moment later (outcome_summary.rs).
  await page.waitForSelector('#IssueEndCert-outcome [data-file]');
  // From the outcome, Tab reaches its files, then its details link.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.file), 'keyboard.example.crt');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.match(await page.evaluate(() => document.activeElement?.className), /details-link/);
  await page.keyboard.press('Enter');
  await waitInViewport(page, '#issue-results-title');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'keyboard.example');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('the secret key appears in no request the browser sent (after-send suite)', () => {
  assert.ok(secrets.size >= 2);
  let checked = 0;
  for (const record of records) {
    checked += apiRequests(record).length;
    for (const secret of secrets) {
      assert.deepEqual(requestsContaining(record, secret).map((r) => r.url), []);
    }
  }
  assert.ok(checked > 10, `only ${checked} API requests were recorded`);
});
