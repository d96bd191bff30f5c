// The ncp-certkit app in Chromium against the proxy with the offline sandbox: each operation
// filled in as a user would, refusals, guidance for auth failures, Korean, screenshots, and
// that the secret key never leaves the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE,
  SKEWED_SANDBOX,
  SKEW_SECONDS,
  apiRequests,
  demoData,
  fill,
  goTo,
  launch,
  methodAndPath,
  openApp,
  recordApiRoutes,
  requestsContaining,
  routeSandboxTo,
  screenshot,
  unexpectedConsoleErrors,
  useDemoKeys,
} from './helpers.mjs';

let browser;
/** Every page's record, to check at the end that no secret ever left a page. */
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
  return opened;
}

async function rememberSecrets(page) {
  const demo = await demoData(page);
  secrets.add(demo.main.secretKey);
  secrets.add(demo.sub.secretKey);
  return demo;
}


async function pickIssuingCa(page, demo) {
  await page.click('[data-action="list-cas"]');
  await page.click(`button.ca-choice[data-ca-tag="${demo.caTags.issuing}"]`);
  assert.equal(await page.inputValue('#IssueEndCert-caTag'), demo.caTags.issuing);
}

async function issue(page, demo, commonName, { typeTag = false } = {}) {
  await goTo(page, 'IssueEndCert');
  if (typeTag) {
    // The picker still accepts typing (listing CAs needs working keys).
    await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
  } else {
    await pickIssuingCa(page, demo);
  }
  await fill(page, 'IssueEndCert-x509Parameters-commonName', commonName);
  await fill(page, 'IssueEndCert-x509Parameters-altName', `${commonName},ops@example.com`);
  await fill(page, 'IssueEndCert-x509Parameters-ip', '10.0.0.5');
  await fill(page, 'IssueEndCert-x509Parameters-country', 'KR');
  await fill(page, 'IssueEndCert-period', '90');
  await page.selectOption('#IssueEndCert-keyType', 'EC256');
  await page.click('#send');
  await page.waitForSelector('.http-status[data-status]');
}

test('the app loads under the proxy CSP with no console errors and no third-party request', async () => {
  const { page, record, context } = await open();
  assert.equal(await page.locator('#main h1').textContent(), 'Connection');
  // The CSP is the proxy's, on the page the browser loaded.
  const response = await page.request.get(BASE + '/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  for (const name of ['IssueEndCert', 'ActivateSubCa', 'RequestIssuance', 'Inspect', 'History', 'Connection']) {
    await goTo(page, name);
  }
  assert.deepEqual(record.consoleErrors, []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.thirdParty, []);
  await context.close();
});

test('Issue End Cert: the typed common name is on the certificate card, the key matches, the chain verifies', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  await issue(page, demo, 'api.e2e.example');
  assert.equal(await page.getAttribute('.http-status', 'data-status'), '200');
  assert.equal(await page.getAttribute('[data-outcome]', 'data-outcome'), 'success');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'api.e2e.example');
  // The picker listed the CAs with Get CA List as documented (GET /api/v1/ca?pageNo=1).
  const listing = apiRequests(record).filter((r) => new URL(r.url).pathname.endsWith('/api/v1/ca'));
  assert.deepEqual(listing.map((r) => `${r.method} ${new URL(r.url).search}`), ['GET ?pageNo=1']);
  assert.match(await page.locator('#issued-cert .subject').textContent(), /CN=api\.e2e\.example/);
  assert.match(await page.locator('#issued-cert').textContent(), /DNS: api\.e2e\.example/);
  assert.match(await page.locator('#issued-cert').textContent(), /IP: 10\.0\.0\.5/);
  assert.equal(await page.getAttribute('#key-match', 'data-match'), 'true');
  assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
  assert.match(await page.locator('#serial-no').textContent(), /^([0-9A-F]{2}:)+[0-9A-F]{2}$/);
  const files = await page.locator('button.download').evaluateAll((b) => b.map((x) => x.dataset.file));
  assert.deepEqual(files, [
    // The outcome line under Send: what a server needs.
    'api.e2e.example.crt',
    'api.e2e.example.key',
    'fullchain.pem',
    // The key card, then every file.
    'api.e2e.example.key',
    'api.e2e.example.crt',
    'api.e2e.example.key',
    'chain.pem',
    'fullchain.pem',
    'api.e2e.example.der',
  ]);
  // A download really produces the file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('.downloads button[data-file="fullchain.pem"]'),
  ]);
  assert.equal(download.suggestedFilename(), 'fullchain.pem');
  // The request as sent: signed upstream path, masked access key, string to sign.
  const sent = await page.locator('#preview-sent').textContent();
  assert.match(sent, /POST/);
  assert.match(sent, new RegExp(`/sandbox/api/v1/ca/${demo.caTags.issuing}/cert`));
  assert.match(sent, new RegExp(`POST /api/v1/ca/${demo.caTags.issuing}/cert\\n\\d{13}\\n${demo.main.accessKey}`));
  // Copy as curl: the real command, which holds the signature but never the secret. The
  // request as sent is collapsed once the answer is there.
  assert.equal(await page.getAttribute('#preview-sent', 'open'), null);
  await page.click('#preview-sent summary');
  await page.locator('#preview-sent button', { hasText: 'Copy as curl' }).click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(curl, /^curl --location --request POST '/);
  assert.match(curl, /x-ncp-apigw-signature-v2: /);
  assert.ok(!curl.includes(demo.main.secretKey));
  // Switching pages loses nothing: the result is still there.
  await goTo(page, 'Inspect');
  await goTo(page, 'IssueEndCert');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'api.e2e.example');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'api.e2e.example');
  // The validity badge follows the user's warning threshold (the certificate has 90 days).
  const badge = page.locator('#issued-cert .validity-badge');
  assert.equal(await badge.getAttribute('data-validity'), 'ok');
  await page.fill('#warn-days', '120');
  assert.equal(await badge.getAttribute('data-validity'), 'warn');
  // History keeps the request, never the key, and reopens it beside the live result: the key
  // just received and the typed values stay.
  await page.fill('#IssueEndCert-x509Parameters-commonName', 'typed.after.example');
  await goTo(page, 'History');
  assert.equal(await page.locator('table.history tbody tr').count(), 1);
  await page.click('table.history button.reopen');
  assert.equal(await page.locator('#main h1').textContent(), 'Issue End Cert');
  await page.waitForSelector('#reopened');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'typed.after.example');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'api.e2e.example');
  assert.equal(await page.locator('.key-card').count(), 1, 'the received private key is still on screen');
  assert.equal(await page.locator('#reopened .key-card').count(), 0, 'the reopened entry has no private key');
  assert.ok(!(await page.locator('#reopened').textContent()).includes('BEGIN PRIVATE KEY'));
  await page.click('#load-reopened');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'api.e2e.example');
  assert.equal(await page.locator('.key-card').count(), 1);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('bad input shows the inline error and no request leaves the page', async () => {
  const { page, record, context } = await open();
  await rememberSecrets(page);
  await useDemoKeys(page);
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', 'bad/tag');
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'x'.repeat(65));
  await fill(page, 'IssueEndCert-x509Parameters-country', 'Korea');
  await fill(page, 'IssueEndCert-period', '5000');
  const cnError = page.locator('.field-error[data-field="x509Parameters.commonName"]');
  assert.match(await cnError.textContent(), /64/);
  assert.equal(await page.getAttribute('#IssueEndCert-x509Parameters-commonName', 'aria-invalid'), 'true');
  assert.ok(await page.locator('.field-error[data-field="x509Parameters.country"]').isVisible());
  assert.ok(await page.locator('.field-error[data-field="period"]').isVisible());
  assert.ok(await page.locator('.field-error[data-field="caTag"]').isVisible());
  const sent = await recordApiRoutes(page);
  await page.click('#send');
  await page.waitForSelector('#send-refused');
  const reasons = await page.locator('#send-refused li').allTextContents();
  assert.ok(reasons.some((r) => r.startsWith('Common name (commonName)')), reasons.join('\n'));
  assert.equal(reasons.length, 4, reasons.join('\n'));
  // The typed values are kept.
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-country'), 'Korea');
  await screenshot(page, 'issue-invalid-1280');
  // Then a request of the page's own (Get CA List), waited for: the refused send, had it
  // started one, would be recorded before it.
  await page.click('[data-action="list-cas"]');
  await page.waitForSelector('button.ca-choice');
  assert.deepEqual(methodAndPath(sent), ['GET /sandbox/api/v1/ca'], 'no request may leave while the form is invalid');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('an operation the site does not offer is explained and not attempted', async () => {
  const { page, record, context } = await open();
  await goTo(page, 'Connection');
  await page.check('#site-gov');
  await page.fill('#access-key', 'GOVACCESSKEY');
  await page.fill('#secret-key', 'gov-secret-not-sent');
  secrets.add('gov-secret-not-sent');
  await goTo(page, 'RequestIssuance');
  assert.ok(await page.locator('#not-offered').isVisible());
  await fill(page, 'RequestIssuance-certificateName', 'gov-cert');
  await fill(page, 'RequestIssuance-commonName', 'www.example.com');
  // Send is off and says why; Enter in a field sends nothing either.
  assert.ok(await page.locator('#send').isDisabled());
  assert.equal(await page.getAttribute('#send', 'aria-describedby'), 'not-offered');
  assert.match(await page.locator('nav [data-page="RequestIssuance"]').textContent(), /not on this site/);
  await page.press('#RequestIssuance-commonName', 'Enter');
  assert.equal(apiRequests(record).length, 0);
  // Public offers Private CA: the request goes through the proxy's route for that site and
  // signs the upstream path.
  await goTo(page, 'Connection');
  await page.check('#site-public');
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', '1234567890-1234567890');
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'public.example');
  const live = await page.locator('#preview-live').textContent();
  assert.match(live, new RegExp(`${BASE}/ncp/public/private-ca/api/v1/ca/1234567890-1234567890/cert`));
  assert.match(live, /POST \/api\/v1\/ca\/1234567890-1234567890\/cert\n\d{13}\nGOVACCESSKEY/);
  assert.equal(apiRequests(record).length, 0, 'a preview sends nothing');
  await context.close();
});

test('a wrong secret shows the auth guidance; with the right key the re-send works', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  await page.fill('#secret-key', 'wrong-secret-for-e2e');
  secrets.add('wrong-secret-for-e2e');
  await issue(page, demo, 'wrong-secret.example', { typeTag: true });
  assert.equal(await page.getAttribute('.http-status', 'data-status'), '401');
  assert.equal(await page.getAttribute('[data-outcome]', 'data-outcome'), 'authFailed');
  const guidance = await page.locator('#guidance').textContent();
  assert.match(guidance, /access key and secret key/);
  // Same clock: the page says so, pointing at the keys.
  const skew = Number(await page.getAttribute('#clock-offset', 'data-skew-ms'));
  assert.ok(Math.abs(skew) < 60_000, `skew ${skew}`);
  assert.match(await page.locator('#clock-offset').textContent(), /clocks agree/);
  await screenshot(page, 'issue-auth-failed-1280');
  // Fix the key and send again: the form kept every value.
  await goTo(page, 'Connection');
  await page.fill('#secret-key', demo.main.secretKey);
  await goTo(page, 'IssueEndCert');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'wrong-secret.example');
  await page.click('#send');
  await page.waitForSelector('.http-status[data-status="200"]');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'wrong-secret.example');
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('a skewed sandbox clock shows the measured offset and the one-click re-sign works', { skip: !SKEWED_SANDBOX && 'CERTKIT_SKEWED_SANDBOX not set' }, async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await routeSandboxTo(page, SKEWED_SANDBOX);
  const skewedDemo = await (await page.request.get(SKEWED_SANDBOX + '/demo/credentials')).json();
  await useDemoKeys(page);
  await issue(page, skewedDemo, 'skew.example', { typeTag: true });
  assert.equal(await page.getAttribute('.http-status', 'data-status'), '401');
  assert.equal(await page.getAttribute('[data-outcome]', 'data-outcome'), 'authFailed');
  const skew = Number(await page.getAttribute('#clock-offset', 'data-skew-ms'));
  assert.ok(Math.abs(skew - SKEW_SECONDS * 1000) < 5_000, `measured ${skew} ms, sandbox is ${SKEW_SECONDS} s ahead`);
  assert.match(await page.locator('#clock-offset').textContent(), /behind the server/);
  await screenshot(page, 'issue-clock-skew-1280');
  await page.click('#resign');
  await page.waitForSelector('.http-status[data-status="200"]');
  assert.equal(await page.getAttribute('#issued-cert', 'data-cn'), 'skew.example');
  // The correction is shown where the keys are, and can be undone.
  await goTo(page, 'Connection');
  assert.match(await page.locator('#main').textContent(), /clock correction/);
  assert.ok(demo.main.secretKey);
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('keys stay in memory; "remember for this tab" uses sessionStorage, never localStorage', async () => {
  const { page, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  // The tab keeps its forms (and history) in sessionStorage; keys only with "remember".
  const storage = () => page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage) }));
  let stored = await storage();
  assert.equal(stored.local, '{}');
  assert.ok(!stored.session.includes(demo.main.accessKey) && !stored.session.includes(demo.main.secretKey), stored.session);
  await page.check('#remember');
  stored = await storage();
  assert.ok(stored.session.includes(demo.main.accessKey), stored.session);
  assert.equal(stored.local, '{}');
  // A reload in the same tab restores them.
  await page.reload();
  await page.waitForSelector('#main h1');
  assert.equal(await page.inputValue('#access-key'), demo.main.accessKey);
  assert.equal(await page.inputValue('#secret-key'), demo.main.secretKey);
  await page.uncheck('#remember');
  stored = await storage();
  assert.ok(!stored.session.includes(demo.main.accessKey) && !stored.session.includes(demo.main.secretKey), stored.session);
  assert.equal(stored.local, '{}');
  await context.close();
});

test('a request in flight shows progress and elapsed time, and can be cancelled', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/sandbox/api/v1/ca/*/cert', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  // How the held request ends: aborted by the page, or answered.
  const isIssue = (request) => /\/sandbox\/api\/v1\/ca\/[^/]+\/cert$/.test(new URL(request.url()).pathname);
  const fate = new Promise((resolve) => {
    page.on('requestfailed', (request) => {
      if (isIssue(request)) resolve(`failed (${request.failure()?.errorText})`);
    });
    page.on('requestfinished', (request) => {
      if (isIssue(request)) resolve('answered');
    });
  });
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'slow.example');
  // Keyboard: Enter in a field sends the form.
  await page.press('#IssueEndCert-x509Parameters-commonName', 'Enter');
  await page.waitForSelector('.sending progress');
  await page.waitForFunction(() => /Elapsed 0\.[3-9]|Elapsed [1-9]/.test(document.querySelector('.elapsed')?.textContent ?? ''));
  assert.ok(await page.locator('#send').isDisabled());
  await page.click('#cancel');
  await page.waitForSelector('#cancelled');
  release();
  // Settles either way once released: aborted, or answered by the sandbox.
  assert.match(await fate, /^failed \(net::ERR_ABORTED\)$/, 'Cancel aborts the request in the browser');
  // So no answer can reach the page.
  assert.equal(await page.locator('.http-status').count(), 0, 'a cancelled answer is not shown');
  assert.equal(await page.inputValue('#IssueEndCert-x509Parameters-commonName'), 'slow.example');
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('gateway failures are classified with what to do: throttled, path not found, unknown CA', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', '0000000000-0000000000');
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'classify.example');
  await page.click('#send');
  await page.waitForSelector('[data-outcome="caNotFound"]');
  assert.match(await page.locator('#guidance').textContent(), /caTag/);
  // The gateway's own answers, as NCP sends them (ncp-api.md section 3).
  for (const [status, code, outcome, advice] of [
    [429, '420', 'throttled', /wait a minute/],
    [404, '300', 'notFound', /\/api\/v1/],
  ]) {
    await page.route('**/sandbox/api/v1/ca/*/cert', (route) =>
      route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { errorCode: code, message: 'gateway' } }) }),
    );
    await fill(page, 'IssueEndCert-caTag', demo.caTags.issuing);
    await page.click('#send');
    await page.waitForSelector(`[data-outcome="${outcome}"]`);
    assert.equal(await page.getAttribute('.http-status', 'data-status'), String(status));
    assert.match(await page.locator('#guidance').textContent(), advice);
    await page.unroute('**/sandbox/api/v1/ca/*/cert');
  }
  await screenshot(page, 'issue-not-found-1280');
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('keyboard: skip link, visible focus, page switch, every control labelled', async () => {
  const { page, record, context } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  const box = await page.locator('.skip-link').boundingBox();
  assert.ok(box && box.x >= 0, 'the focused skip link is on screen');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  // Tab past CAs to the Issue End Cert page button and open it with the keyboard.
  await page.focus('nav [data-page="Connection"]');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.page), 'Cas');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.page), 'IssueEndCert');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'keyboard focus is visible');
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#main h1').textContent(), 'Issue End Cert');
  // Every form control has a label.
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('#main input:not([type=file]), #main select, #main textarea')]
      .filter((el) => !el.labels?.length && !el.getAttribute('aria-label'))
      .map((el) => el.id),
  );
  assert.deepEqual(unlabelled, []);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('Activate Sub CA end to end: sandbox CSR signed, checks shown, CA activated and listed ACTIVE', async () => {
  const { page, record, context } = await open();
  await rememberSecrets(page);
  await useDemoKeys(page);
  await goTo(page, 'ActivateSubCa');
  // A certificate that is not PEM: inline error, and nothing is sent.
  await fill(page, 'ActivateSubCa-caTag', '1234567890-1234567890');
  await fill(page, 'ActivateSubCa-certPem', 'not a certificate');
  assert.ok(await page.locator('.field-error[data-field="certPem"]').isVisible());
  const sent = await recordApiRoutes(page);
  await page.click('#send');
  await page.waitForSelector('#send-refused');
  // Then the page's own requests (the sandbox helper), waited for: the refused send, had it
  // started one, would be recorded before them.
  await page.click('#sandbox-sign');
  await page.waitForFunction(() => document.querySelector('#ActivateSubCa-certPem')?.value.includes('BEGIN CERTIFICATE'));
  // (The helper creates a pending CA first when the sandbox has none, so its list varies.)
  const lines = methodAndPath(sent);
  assert.equal(lines[0], 'GET /sandbox/demo/credentials', `the helper's requests come first: ${lines}`);
  assert.deepEqual(lines.filter((line) => line.endsWith('/activate')), [], 'no request may leave with a non-PEM certPem');
  assert.deepEqual(sent.filter((r) => r.body.includes('not a certificate')), [], 'the non-PEM value never left the page');
  const tag = await page.inputValue('#ActivateSubCa-caTag');
  assert.match(tag, /\S/);
  assert.equal(await page.getAttribute('#check-is-ca', 'data-ok'), 'true');
  assert.equal(await page.getAttribute('#check-verifies', 'data-ok'), 'true');
  // Drop the chain as a file (CRLF line ends): it lands in the field, repaired.
  const chainPem = await page.inputValue('#ActivateSubCa-caChainPem');
  const dropped = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'chain.pem', { type: 'application/x-pem-file' }));
    return transfer;
  }, chainPem.replace(/\n/g, '\r\n'));
  await page.fill('#ActivateSubCa-caChainPem', '');
  await page.locator('.pem-input').nth(1).dispatchEvent('drop', { dataTransfer: dropped });
  await page.waitForFunction(() => document.querySelector('#ActivateSubCa-caChainPem')?.value.includes('BEGIN CERTIFICATE'));
  assert.equal(await page.inputValue('#ActivateSubCa-caChainPem'), chainPem);
  // Paste the certificate as one JSON-escaped line: the page repairs it and says so.
  const cert = await page.inputValue('#ActivateSubCa-certPem');
  await page.fill('#ActivateSubCa-certPem', cert.trim().split('\n').join('\\n'));
  await page.waitForSelector('.repaired');
  assert.equal((await page.inputValue('#ActivateSubCa-certPem')).trim(), cert.trim());
  assert.equal(await page.getAttribute('#check-verifies', 'data-ok'), 'true');
  await page.click('#send');
  await page.waitForSelector('.http-status[data-status]');
  assert.equal(await page.getAttribute('.http-status', 'data-status'), '200');
  // Activate answers PENDING (the spec's example); Get CA List shows ACTIVE once it settles.
  assert.equal(await page.locator('#ca-status').textContent(), 'PENDING');
  assert.match(await page.locator('#ca-info').textContent(), new RegExp(tag));
  assert.ok(await page.locator('#activated-cert').isVisible());
  const listed = `button.ca-choice[data-ca-tag="${tag}"]`;
  for (let attempt = 0; ; attempt++) {
    await page.click('[data-action="list-cas"]');
    await page.waitForSelector(listed);
    if ((await page.getAttribute(listed, 'data-status')) === 'ACTIVE') break;
    assert.ok(attempt < 20, 'the activated CA never reached ACTIVE in Get CA List');
    await page.waitForTimeout(500);
  }
  // Activating the same CA again: the CA list says it is ACTIVE, so Send asks first; sent
  // anyway, the refusal's advice names the status it has and the one it needs.
  await page.click('#send');
  await page.waitForSelector('#send-confirm');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'send-confirm');
  assert.match(await page.locator('#send-confirm').textContent(), new RegExp(`${tag}\\) is ACTIVE; Activate Sub CA needs a PENDING CA`));
  await page.click('#send-anyway');
  await page.waitForSelector('[data-outcome="caNotActive"]');
  const guidance = await page.locator('#guidance').textContent();
  assert.match(guidance, new RegExp(`This CA \\(${tag}\\) is ACTIVE; Activate Sub CA needs a PENDING CA`));
  assert.doesNotMatch(guidance, /activate it/);
  assert.match(await page.locator('.failure-title').textContent(), /CA status does not allow this · NCP error code INVALID_CA_STATUS/);
  assert.match(await page.locator('#ActivateSubCa-outcome').textContent(), /is ACTIVE; Activate Sub CA needs a PENDING CA/);
  assert.equal(await page.locator('#activated-cert').count(), 0, 'the earlier success is not shown under the new failure');
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('Request Certificate Issuance: requestSn and the DNS record to create; sub-account 403 explained', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  await goTo(page, 'RequestIssuance');
  await fill(page, 'RequestIssuance-certificateName', 'e2e-cert');
  await fill(page, 'RequestIssuance-commonName', '*.e2e.example.com');
  // A bad domain among the entries: the inline error names the entry and nothing is sent.
  await fill(page, 'RequestIssuance-dnsName', 'e2e.example.com, bad domain!');
  const dnsError = page.locator('.field-error[data-field="dnsName"]');
  assert.ok(await dnsError.isVisible());
  assert.match(await dnsError.textContent(), /entry 2/);
  const sent = await recordApiRoutes(page);
  await page.click('#send');
  await page.waitForSelector('#send-refused');
  await fill(page, 'RequestIssuance-dnsName', 'e2e.example.com, www.e2e.example.com');
  await page.click('#send');
  await page.waitForSelector('.http-status[data-status]');
  assert.equal(await page.getAttribute('.http-status', 'data-status'), '200');
  // The corrected send is the first and only request since the refused one: a request the
  // refused click had started would be recorded before it.
  assert.deepEqual(methodAndPath(sent), ['POST /sandbox/api/v2/certificate/requestCertificateIssuance'], 'no request may leave with a bad domain');
  assert.ok(!sent[0].body.includes('bad domain'), sent[0].body);
  assert.match(sent[0].body, /www\.e2e\.example\.com/);
  const sn = await page.locator('#request-sn').textContent();
  assert.match(sn, /^[0-9a-f]{32}$/);
  await page.click('#load-dns');
  await page.waitForSelector('.dns-records tbody tr');
  // The documented calls: the certificate's number by its name, then each domain's records.
  const certificateNo = await page.locator('#certificate-no').textContent();
  assert.match(certificateNo, /^\d+$/);
  const cm = apiRequests(record).filter((r) => r.url.includes('/api/v2/certificate/') && r.method === 'GET');
  assert.ok(cm.some((r) => new URL(r.url).pathname.endsWith('/getCertificates') && new URL(r.url).searchParams.get('certificateName') === 'e2e-cert'),
    cm.map((r) => r.url).join('\n'));
  const dcv = cm.filter((r) => new URL(r.url).pathname.endsWith(`/getVerificationInfo/${certificateNo}`));
  const domains = ['*.e2e.example.com', 'e2e.example.com', 'www.e2e.example.com'];
  assert.deepEqual(dcv.map((r) => new URL(r.url).searchParams.get('domainAddress')), domains);
  assert.ok(dcv.every((r) => r.headers.accept === 'application/json'), 'Certificate Manager gets Accept');
  // Per domain: the record name and status as NCP returns them.
  for (const domain of domains) {
    const row = page.locator(`.dns-records tbody tr[data-domain="${domain}"]`);
    assert.equal(await row.count(), 1, domain);
    assert.match(await row.locator('.txt-name code').textContent(), /^_[0-9a-f]+\./, domain);
    assert.equal(await row.getAttribute('data-status'), 'VALID_STATUS_REG', domain);
    assert.match(await row.locator('.valid-status').textContent(), /validation in progress/);
  }
  // Sandbox only: "I created the record" for one domain; the records are read again.
  await page.click('.sandbox-mark-created[data-domain="e2e.example.com"]');
  await page.waitForSelector('.dns-records tbody tr[data-domain="e2e.example.com"][data-status="VALID_STATUS_SUCCESS"]');
  assert.equal(await page.getAttribute('.dns-records tbody tr[data-domain="www.e2e.example.com"]', 'data-status'), 'VALID_STATUS_REG');
  assert.equal(await page.locator('.sandbox-mark-created[data-domain="e2e.example.com"]').count(), 0);
  // The sub account's key: Certificate Manager v2 answers 403 with an empty body.
  await goTo(page, 'Connection');
  await page.fill('#access-key', demo.sub.accessKey);
  await page.fill('#secret-key', demo.sub.secretKey);
  await goTo(page, 'RequestIssuance');
  await page.click('#send');
  await page.waitForSelector('[data-outcome="subAccountForbidden"]');
  assert.match(await page.locator('#guidance').textContent(), /main account/);
  // The earlier requestSn was another key's: the answer shown is this request's.
  assert.equal(await page.locator('#request-sn').count(), 0, 'no answer of the other key stays');
  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  await context.close();
});

test('Korean: every label and the validation messages switch', async () => {
  const { page, record, context } = await open();
  await page.click('.lang-switch button[lang="ko"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');
  assert.equal(await page.locator('#main h1').textContent(), '연결');
  await goTo(page, 'IssueEndCert');
  // Named apart from Certificate Manager's "공인 인증서 발급 요청".
  assert.equal(await page.locator('#main h1').textContent(), '엔드 인증서 발급');
  assert.match(await page.locator('label[for="IssueEndCert-x509Parameters-commonName"]').textContent(), /일반 이름 \(commonName\)/);
  await fill(page, 'IssueEndCert-x509Parameters-commonName', 'x'.repeat(65));
  assert.match(await page.locator('.field-error[data-field="x509Parameters.commonName"]').textContent(), /깁니다/);
  await page.click('#send');
  await page.waitForSelector('#send-refused');
  assert.match(await page.locator('#send-refused').textContent(), /보내지 않았습니다/);
  await screenshot(page, 'issue-korean-1280');
  await page.click('.lang-switch button[lang="en"]');
  assert.equal(await page.locator('#main h1').textContent(), 'Issue End Cert');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

test('Inspect PEM shows the same cards for a pasted bundle, in any order', async () => {
  const { page, record, context } = await open();
  const demo = await rememberSecrets(page);
  await useDemoKeys(page);
  await issue(page, demo, 'inspect.example');
  const body = JSON.parse(await page.locator('details.raw pre').textContent());
  assert.ok(!JSON.stringify(body).includes('PRIVATE KEY-----'), 'the raw body on screen hides the key');
  const caChain = Array.isArray(body.data.caChain) ? body.data.caChain.join('\n') : body.data.caChain;
  // Root first, leaf last, with Windows line ends: the page repairs and orders it.
  const blocks = (body.data.certificate + '\n' + caChain).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  assert.ok(blocks.length >= 2, `${blocks.length} certificates`);
  const shuffled = [...blocks].reverse().join('\r\n');
  await goTo(page, 'Inspect');
  await page.fill('#inspect-input', shuffled);
  await page.waitForSelector('.cert-card');
  assert.equal(await page.locator('.items .cert-card').count(), blocks.length);
  assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
  const first = await page.locator('.chain-links li').first().textContent();
  assert.match(first, /CN=inspect\.example/, 'the chain starts at the leaf');
  await screenshot(page, 'inspect-1280');
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});

for (const [width, colorScheme] of [[1280, 'light'], [375, 'light'], [1280, 'dark'], [375, 'dark']]) {
  test(`screenshots of every page at ${width} px (${colorScheme})`, async () => {
    const { page, record, context } = await open({ width, height: 900, colorScheme });
    const tag = `${width}${colorScheme === 'dark' ? '-dark' : ''}`;
    const overflows = [];
    const shot = async (name) => {
      await screenshot(page, `${name}-${tag}`);
      // Nothing may overflow sideways at this width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) overflows.push(`${name}: ${overflow}px`);
    };
    const demo = await rememberSecrets(page);
    await useDemoKeys(page);
    await shot('connection');
    await issue(page, demo, `shot-${width}.example`);
    await page.waitForSelector('#issued-cert');
    await shot('issue-end-cert');
    await goTo(page, 'ActivateSubCa');
    await page.click('#sandbox-sign');
    await page.waitForSelector('#check-verifies');
    await page.click('#send');
    await page.waitForSelector('#activated-cert');
    await shot('activate-sub-ca');
    await goTo(page, 'RequestIssuance');
    await fill(page, 'RequestIssuance-certificateName', 'shot-cert');
    await fill(page, 'RequestIssuance-commonName', 'shot.example.com');
    await page.click('#send');
    await page.waitForSelector('#request-sn');
    await page.click('#load-dns');
    await page.waitForSelector('.dns-records tbody tr');
    await shot('request-issuance');
    await goTo(page, 'History');
    await shot('history');
    await goTo(page, 'Inspect');
    await page.fill('#inspect-input', '');
    await shot('inspect-empty');
    assert.deepEqual(overflows, [], `pages wider than the ${width}px viewport`);
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    await context.close();
  });
}

test('the secret key appears in no request the browser sent', () => {
  assert.ok(secrets.size >= 3, 'the suite used several secrets');
  let checked = 0;
  for (const record of records) {
    checked += record.requests.length;
    for (const secret of secrets) {
      assert.deepEqual(requestsContaining(record, secret).map((r) => r.url), [], `secret sent`);
    }
  }
  assert.ok(checked > 20, `only ${checked} requests were recorded`);
});

test('no page of the whole suite made a third-party request', () => {
  assert.ok(records.length > 5, `only ${records.length} pages were recorded`);
  for (const record of records) {
    assert.deepEqual(record.thirdParty, []);
  }
});
