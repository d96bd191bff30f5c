// Issue 13, point 5 in Chromium against the proxy with the sandbox: a Certificate Manager
// request followed from its result ("Follow validation"): the certificate found by name, each
// domain's DNS record to create (copied), List Dcv Statuses polled with its next check shown,
// stopped and resumed, the sandbox's "I created the record", until VALID_STATUS_SUCCESS; then
// the ZIP downloaded and its files listed in the page, and the certificate deleted behind its
// name typed. Also: the list's loading skeleton, empty state and classified failure, and
// screenshots at 1280 and 375 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  apiRequests,
  demoData,
  fill,
  goTo,
  launch,
  methodAndPath,
  openApp,
  recordApiRoutes,
  requestsContaining,
  screenshot,
  unexpectedConsoleErrors,
  useDemoKeys,
  x509Fixture,
  BASE,
} from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** What every test asserts of what left the page. */
function assertCleanRequests(record, secret) {
  assert.deepEqual(record.thirdParty, [], 'no third-party request');
  assert.deepEqual(requestsContaining(record, secret).map((r) => r.url), [], 'the secret key was sent');
  assert.ok(record.requests.length > 3, 'requests were recorded');
}

/** Requests a certificate named `name` for `cn` and `dns` and follows its validation. */
async function requestAndFollow(page, name, cn, dns) {
  await goTo(page, 'RequestIssuance');
  await fill(page, 'RequestIssuance-certificateName', name);
  await fill(page, 'RequestIssuance-commonName', cn);
  await fill(page, 'RequestIssuance-dnsName', dns);
  await page.click('#send');
  await page.waitForSelector('#request-sn');
  await page.click('#follow-validation');
  await page.waitForFunction(() => /^#\/certificates\/\d+$/.test(location.hash));
  await page.waitForSelector('#dcv-panel .dns-records tbody tr');
  return new URL(page.url()).hash.split('/').pop();
}

test('Certificate Manager: a request followed through DNS validation to validated, downloaded, then deleted behind its name', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  await goTo(page, 'Certificates');
  assert.equal(new URL(page.url()).hash, '#/certificates');
  await page.waitForSelector('table.certs-table, #certs-empty');

  const name = 'cm-flow-cert';
  const domains = ['cm.e2e.example.com', 'www.cm.e2e.example.com'];
  const no = await requestAndFollow(page, name, domains[0], domains[1]);
  assert.match(no, /^\d+$/);
  assert.equal(await page.textContent('#cert-title'), `Certificate · ${name}`);
  // Found by its name (List Cloud Certificates), then each domain's records.
  const cm = apiRequests(record).filter((r) => r.url.includes('/api/v2/certificate/'));
  assert.ok(cm.some((r) => new URL(r.url).pathname.endsWith('/getCertificates') && new URL(r.url).searchParams.get('certificateName') === name));
  const dcvDomains = cm
    .filter((r) => new URL(r.url).pathname.endsWith(`/getVerificationInfo/${no}`))
    .map((r) => new URL(r.url).searchParams.get('domainAddress'));
  assert.deepEqual(dcvDomains.slice(0, 2), domains);

  // Per domain: the record to create, its type and value as NCP says them, in progress.
  const headers = await page.locator('#dcv-panel table.dns-records thead th').allTextContents();
  assert.deepEqual(headers, ['Domain', 'Record name (txtName)', 'Type', 'Value', 'Status (validStatusCode)', 'Other fields']);
  for (const domain of domains) {
    const row = page.locator(`#dcv-panel tr[data-domain="${domain}"]`);
    assert.equal(await row.getAttribute('data-status'), 'VALID_STATUS_REG', domain);
    assert.match(await row.locator('.txt-name code').textContent(), /^_[0-9a-f]+\./, domain);
    // The sandbox sends only the documented fields: the value is said to be missing.
    assert.match(await row.locator('.record-value').textContent(), /Not in NCP's answer/);
  }
  // Copy works: the record's name is on the clipboard.
  const firstName = await page.locator(`#dcv-panel tr[data-domain="${domains[0]}"] .txt-name code`).textContent();
  await page.click(`#dcv-panel tr[data-domain="${domains[0]}"] .txt-name button`);
  await page.waitForFunction(() => document.querySelector('#dcv-panel .txt-name button')?.textContent.includes('✓'));
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), firstName);

  // Polling: the next check is shown, with a time and a countdown.
  await page.waitForSelector('#dcv-status[data-phase="waiting"]');
  assert.match(await page.textContent('#dcv-next-check'), /^Not validated yet\. Next check at .+ \(in \d+ s\)\.$/);
  await screenshot(page, 'cert-dcv-waiting-1280-light');
  // Stop, then resume: a check at once, then waiting again.
  await page.click('#dcv-stop');
  await page.waitForSelector('#dcv-status[data-phase="paused"]');
  assert.equal(await page.locator('#dcv-next-check').count(), 0);
  const checksBefore = dcvCount(record, no);
  await page.click('#dcv-check-now');
  await page.waitForSelector('#dcv-status[data-phase="waiting"]');
  assert.ok(dcvCount(record, no) > checksBefore, 'resuming checks at once');

  // Sandbox: "I created the record", one domain after the other.
  await page.click(`#dcv-panel .sandbox-mark-created[data-domain="${domains[0]}"]`);
  await page.waitForSelector(`#dcv-panel tr[data-domain="${domains[0]}"][data-status="VALID_STATUS_SUCCESS"]`);
  await page.waitForSelector('#dcv-status[data-phase="waiting"]');
  assert.equal(await page.getAttribute(`#dcv-panel tr[data-domain="${domains[1]}"]`, 'data-status'), 'VALID_STATUS_REG');
  await page.click(`#dcv-panel .sandbox-mark-created[data-domain="${domains[1]}"]`);
  await page.waitForSelector('#dcv-status[data-phase="validated"]');
  assert.match(await page.textContent('#dcv-status'), /Every domain is validated \(VALID_STATUS_SUCCESS\)/);
  assert.equal(await page.locator('#dcv-stop').count(), 0, 'nothing left to poll');
  // Issued: the certificate is read again, NORMAL, with its chain checked.
  await page.waitForSelector('#cert-summary .cert-status[data-status="1"]');
  await page.waitForSelector('#cert-chain #chain-verdict[data-ok="true"]');
  assert.equal(await page.getAttribute('#cert-leaf', 'data-cn'), domains[0]);
  await screenshot(page, 'cert-detail-validated-1280-light');

  // Download: the ZIP, its files listed in the page.
  await page.click('#cert-download-button');
  await page.waitForSelector('tr.zip-file');
  const files = await page.locator('tr.zip-file').evaluateAll((rows) => rows.map((tr) => tr.dataset.name));
  assert.deepEqual(files, ['certificate.pem', 'subCaCertificate.pem', 'rootCaCertificate.pem', 'chain.pem']);
  assert.match(await page.textContent('#cert-zip-count'), /^4 files/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`#cert-download button[data-file="certificate-${no}.zip"]`),
  ]);
  assert.equal(download.suggestedFilename(), `certificate-${no}.zip`);
  const exported = apiRequests(record).filter((r) => new URL(r.url).pathname.endsWith(`/exportCertificate/${no}`));
  assert.deepEqual(exported.map((r) => r.method), ['POST']);
  assert.equal(exported[0].body, '{}');
  await screenshot(page, 'cert-detail-downloaded-1280-light');

  // Delete: behind the certificate's name, typed.
  const sent = await recordApiRoutes(page);
  await page.click('#cert-action-delete');
  await page.waitForSelector('#cert-confirm[data-command="delete"]');
  await page.waitForFunction((id) => document.activeElement?.id === id, 'cert-confirm-input');
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), true);
  for (const wrong of ['cm-flow', 'CM-FLOW-CERT', no]) {
    await page.fill('#cert-confirm-input', wrong);
    assert.equal(await page.locator('#cert-confirm-button').isDisabled(), true, wrong);
  }
  await page.keyboard.press('Enter');
  await page.fill('#cert-confirm-input', name);
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), false);
  await screenshot(page, 'cert-confirm-delete-1280-light');
  assert.deepEqual(methodAndPath(sent), [], 'nothing is sent before the name is typed');
  await page.click('#cert-confirm-button');
  await page.waitForSelector('#cert-command-done[data-command="delete"]');
  assert.equal(new URL(page.url()).hash, '#/certificates');
  assert.deepEqual(methodAndPath(sent).slice(0, 1), [`DELETE /sandbox/api/v2/certificate/deleteCertificate/${no}`]);
  assert.equal(new URL(sent[0].url).searchParams.get('certificateName'), name);
  // Gone from every page of the list.
  for (let i = 0; i < 20; i++) {
    await page.waitForSelector('table.certs-table, #certs-empty');
    assert.equal(await page.locator(`tr.cert-row[data-certificate-no="${no}"]`).count(), 0, 'gone from the list');
    if ((await page.locator('#certs-next').count()) === 0 || (await page.locator('#certs-next').isDisabled())) break;
    const position = await page.textContent('#certs-position');
    await page.click('#certs-next');
    await page.waitForFunction((before) => document.querySelector('#certs-position')?.textContent !== before, position);
  }

  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  assertCleanRequests(record, demo.main.secretKey);
  await context.close();
});

/** Pages through the list (Next) until certificate `no`'s row shows. */
async function showRow(page, no) {
  const row = `tr.cert-row[data-certificate-no="${no}"]`;
  for (let i = 0; i < 20; i++) {
    await page.waitForSelector('table.certs-table');
    if (await page.locator(row).count()) return;
    const position = await page.textContent('#certs-position');
    assert.equal(await page.locator('#certs-next').isDisabled(), false, `${no} is on no page`);
    await page.click('#certs-next');
    await page.waitForFunction((before) => document.querySelector('#certs-position')?.textContent !== before, position);
  }
  assert.fail(`${no} not found`);
}

/** How many List Dcv Statuses requests certificate `no` got so far. */
function dcvCount(record, no) {
  return apiRequests(record).filter((r) => new URL(r.url).pathname.endsWith(`/getVerificationInfo/${no}`)).length;
}

test('Certificate Manager: reissue from a CSR, then revoke with the order and reason, behind the name typed', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  const name = 'cm-revoke-cert';
  const no = await requestAndFollow(page, name, 'revoke.cm.example.com', '');
  await page.click('#dcv-panel .sandbox-mark-created[data-domain="revoke.cm.example.com"]');
  await page.waitForSelector('#dcv-status[data-phase="validated"]');
  await page.waitForSelector('#cert-summary .cert-status[data-status="1"]');

  // Reissue: the CSR is checked by certkit-core before anything leaves.
  await page.click('#cert-action-reissue');
  await page.waitForSelector('#cert-reissue');
  await page.waitForFunction((id) => document.activeElement?.id === id, 'cert-reissue-csr');
  assert.equal(await page.locator('#cert-reissue-send').isDisabled(), true);
  await page.fill('#cert-reissue-csr', 'not a CSR');
  await page.waitForSelector('#cert-reissue .field-error[data-field="csr"]');
  assert.equal(await page.locator('#cert-reissue-send').isDisabled(), true);
  const sent = await recordApiRoutes(page);
  await page.fill('#cert-reissue-csr', x509Fixture('request.csr.pem'));
  await page.click('#cert-reissue-send');
  await page.waitForSelector('#cert-command-done[data-command="reissue"]');
  const reissue = sent.find((r) => r.url.endsWith(`/api/v2/certificate/${no}/reissue`));
  assert.ok(reissue, methodAndPath(sent).join('\n'));
  const body = JSON.parse(reissue.body);
  assert.equal(body.certificateName, name);
  assert.equal(body.commonName, 'revoke.cm.example.com');
  assert.equal(body.validationMethod, 'D');
  assert.match(body.csr, /^-----BEGIN CERTIFICATE REQUEST-----\n/);

  // Revoke: no documented field gives the order; the sandbox's demo route tells it.
  const { orderId } = await (await page.request.get(`${BASE}/sandbox/demo/dcv/${no}`)).json();
  await page.waitForSelector('#cert-summary');
  await page.click('#cert-action-revoke');
  await page.waitForSelector('#cert-confirm[data-command="revoke"]');
  await page.waitForFunction((id) => document.activeElement?.id === id, 'cert-revoke-order-id');
  await page.fill('#cert-confirm-input', name);
  // orderId is required (C7): said at the field, and nothing can be sent.
  assert.match(await page.textContent('#cert-confirm .field-error[data-field="orderId"]'), /orderId/);
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), true);
  await page.fill('#cert-revoke-order-id', orderId);
  await page.selectOption('#cert-revoke-type', 'cessationOfOperation');
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), false);
  await screenshot(page, 'cert-confirm-revoke-1280-light');
  await page.click('#cert-confirm-button');
  await page.waitForSelector('#cert-command-done[data-command="revoke"]');
  const revoke = sent.find((r) => new URL(r.url).pathname.endsWith('/api/v2/certificate/revoke'));
  assert.deepEqual(JSON.parse(revoke.body), { orderId, certificateNo: Number(no), revokeType: 'cessationOfOperation' });
  // Read again: REQUEST_REVOKE, or REVOKE once the sandbox's delay has passed.
  await page.waitForSelector('#cert-summary .cert-status[data-status="-7"], #cert-summary .cert-status[data-status="-5"]');

  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  assertCleanRequests(record, demo.main.secretKey);
  await context.close();
});

test('Certificate Manager: the list\'s skeleton, classified failure with retry, empty state, and a certificate that is gone', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  // The first list read fails as NCP's gateway does with a bad signature; the retry is held a
  // moment (the skeleton shows), then answered with an empty list.
  let calls = 0;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const listRoute = (url) => /\/sandbox\/api\/v2\/certificate\/getCertificates$/.test(url.pathname);
  await page.route(listRoute, async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } }),
      });
      return;
    }
    await held;
    await route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ returnCode: '0', returnMessage: 'Success', totalCount: 0, sslCertificateList: [] }),
    });
  });
  await goTo(page, 'Certificates');
  await page.waitForSelector('.helper-error[data-outcome="authFailed"]');
  assert.match(await page.textContent('.helper-error'), /Could not read the certificates/);
  await page.click('#certs-retry');
  await page.waitForSelector('#certs-loading[aria-busy="true"]');
  await screenshot(page, 'certs-loading-1280-light');
  release();
  await page.waitForSelector('#certs-empty');
  assert.match(await page.textContent('#certs-empty'), /Request one with Request Certificate Issuance/);
  await screenshot(page, 'certs-empty-1280-light');
  await page.click('#certs-request');
  await page.waitForSelector('#RequestIssuance-title, #main h1');
  assert.equal(new URL(page.url()).hash, '#/request-certificate-issuance');
  await page.unroute(listRoute);

  // A number no certificate has: said, not a blank page.
  await page.evaluate(() => { location.hash = '#/certificates/99999999'; });
  await page.waitForSelector('#cert-not-listed');
  assert.match(await page.textContent('#cert-not-listed'), /99999999/);

  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  assert.deepEqual(record.pageErrors, []);
  assertCleanRequests(record, demo.main.secretKey);
  await context.close();
});

test('Certificate Manager: screenshots at 1280 and 375 px, light and dark; nothing overflows at 375 px', async () => {
  for (const [width, colorScheme] of [[375, 'light'], [375, 'dark'], [1280, 'dark']]) {
    const { context, page, record } = await openApp(browser, { width, colorScheme });
    await useDemoKeys(page);
    const demo = await demoData(page);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const no = await requestAndFollow(page, `cm-shot-${width}-${colorScheme}`, 'shot.cm.example.com', 'www.shot.cm.example.com');
    await page.waitForSelector('#dcv-status[data-phase="waiting"]');
    if (width === 375) assert.ok((await overflow()) <= 0, 'the validation fits 375 px');
    await screenshot(page, `cert-dcv-waiting-${width}-${colorScheme}`);
    await page.click('#cert-action-delete');
    await page.waitForSelector('#cert-confirm');
    if (width === 375) assert.ok((await overflow()) <= 0, 'the confirmation fits 375 px');
    await screenshot(page, `cert-confirm-delete-${width}-${colorScheme}`);
    await page.click('#cert-keep');
    await page.click('#cert-back');
    await showRow(page, no);
    if (width === 375) assert.ok((await overflow()) <= 0, 'the list fits 375 px');
    await screenshot(page, `certs-list-${width}-${colorScheme}`);
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    assertCleanRequests(record, demo.main.secretKey);
    await context.close();
  }
});
