// Issue 13, point 3 in Chromium against the proxy with the sandbox: a CA's certificates at
// #/cas/{caTag}/certs (Get End Cert List, each serial read with Get End Cert: CN, serial, days
// to expiry, revoked per the CA's CRL), a certificate at #/cas/{caTag}/certs/{serialNo} (card,
// chain, downloads) and Revoke End Cert behind the certificate's CN typed; afterwards the CRL,
// read again, lists the serial: in the page, and in the CRL the sandbox served as openssl reads
// it. Screenshots at 1280 and 375 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
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
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const certRow = (serial) => `tr.cert-row[data-serial="${serial}"]`;

/** Issues an end certificate from CA `caTag` on the app's Issue End Cert page; its serial and
 * the private key NCP sent back (which no request may carry afterwards). */
async function issueEndCert(page, caTag, commonName) {
  await goTo(page, 'IssueEndCert');
  await fill(page, 'IssueEndCert-caTag', caTag);
  await fill(page, 'IssueEndCert-x509Parameters-commonName', commonName);
  await fill(page, 'IssueEndCert-period', '20');
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/sandbox/api/v1/ca/${caTag}/cert`),
    page.click('#send'),
  ]);
  await page.waitForSelector('#issued-cert');
  const issued = (await answer.json()).data;
  const serial = (await page.textContent('#serial-no')).trim();
  assert.equal(serial, issued.serialNo);
  return { serial, privateKey: issued.privateKey };
}

/** Shows CA `caTag`'s certificates from its detail, then the page holding `serial` (the list is
 * oldest first: a new certificate is on the last page). */
async function findCertificate(page, caTag, serial) {
  await page.evaluate((route) => { location.hash = route; }, `#/cas/${caTag}`);
  await page.waitForSelector('#ca-certs-open');
  await page.click('#ca-certs-open');
  await page.waitForSelector('table.certs-table');
  assert.equal(new URL(page.url()).hash, `#/cas/${caTag}/certs`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'certs-title');
  if (await page.locator('#certs-last').count()) {
    await page.focus('#certs-last');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#certs-last', { state: 'detached' });
    await page.waitForSelector('table.certs-table');
    // The button pressed is gone with the page it was on: focus is on the pager's position.
    await page.waitForFunction(() => document.activeElement?.id === 'certs-position');
  }
  await page.waitForSelector(certRow(serial));
}

/** `openssl crl -text` of a CRL PEM, read as DER (an independent reading of what the sandbox
 * served). */
function opensslCrlText(pem) {
  const dir = mkdtempSync(join(tmpdir(), 'certkit-crl-'));
  writeFileSync(join(dir, 'crl.pem'), pem);
  execFileSync('openssl', ['crl', '-in', join(dir, 'crl.pem'), '-outform', 'DER', '-out', join(dir, 'crl.der')]);
  return execFileSync('openssl', ['crl', '-inform', 'DER', '-in', join(dir, 'crl.der'), '-noout', '-text'], { encoding: 'utf8' });
}

test('CA certificates: issue one, find it in its CA\'s list, open it, revoke it with its CN typed; the CRL then lists its serial', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  const tag = demo.caTags.issuing;
  const commonName = `revoke-${Date.now()}.e2e.example`;
  const { serial, privateKey } = await issueEndCert(page, tag, commonName);

  // Every CRL the page reads of this CA, as the sandbox served it.
  const crls = [];
  page.on('response', async (response) => {
    if (new URL(response.url()).pathname === `/sandbox/api/v1/ca/${tag}/crl`) {
      crls.push((await response.json()).data);
    }
  });

  await findCertificate(page, tag, serial);
  const headers = await page.locator('table.certs-table thead th').allTextContents();
  assert.deepEqual(headers, [
    'Common name (commonName)',
    'Serial number (serialNo)',
    'Expires in (notAfterDate)',
    'Revoked (CRL revocationDate)',
  ]);
  const row = page.locator(certRow(serial));
  await row.locator('td.cn code').waitFor();
  assert.equal((await row.locator('td.cn').textContent()).trim(), commonName);
  // The serial as certkit-x509 writes serials, the not-after countdown of a 20-day period
  // (under the 30-day threshold: a warning), and the CRL's word.
  assert.equal((await row.locator('td.serial').textContent()).trim(), serial.toUpperCase());
  const days = Number(await row.locator('td.expires [data-days]').getAttribute('data-days'));
  assert.ok(days === 19 || days === 20, `expires in ${days} days`);
  assert.match(await row.locator('td.expires .validity-badge').getAttribute('class'), /\bwarn\b/);
  await page.waitForSelector(`${certRow(serial)}[data-revoked="false"]`);
  assert.match(await page.textContent('#certs-crl-as-of'), /^Revocation as the CA's CRL says it, issued \d{4}-\d\d-\d\dT/);
  assert.match(await page.textContent('#certs-position'), /^Page \d+ of \d+ \(currentPageNo \/ totalPageNo\)$/);
  await screenshot(page, 'ca-certs-list-1280-light');

  // Open it with the keyboard.
  await row.locator('a.cert-open').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#cert-summary');
  assert.equal(decodeURIComponent(new URL(page.url()).hash), `#/cas/${tag}/certs/${serial}`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cert-title');
  assert.equal(await page.textContent('#cert-title'), `Certificate · ${commonName}`);
  assert.equal((await page.textContent('#cert-cn')).trim(), commonName);
  assert.equal(await page.getAttribute('#end-cert', 'data-cn'), commonName);
  assert.match(await page.textContent('#end-cert'), /CA: false/);
  assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
  assert.equal(await page.getAttribute('#cert-revocation [data-revoked]', 'data-revoked'), 'false');
  const files = await page.locator('#cert-downloads button.download').evaluateAll((b) => b.map((x) => x.dataset.file));
  assert.deepEqual(files, [`${commonName}.crt`, 'chain.pem', 'fullchain.pem', `${commonName}.der`]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`#cert-downloads button[data-file="${commonName}.crt"]`),
  ]);
  assert.equal(download.suggestedFilename(), `${commonName}.crt`);
  // Revoke End Cert documents no reason: none is offered, and the page says why.
  assert.match(await page.textContent('#cert-revoke-no-reason'), /takes no reason/);
  assert.equal(await page.locator('#cert-revoke-card select').count(), 0);
  await screenshot(page, 'ca-cert-detail-1280-light');

  const revokes = [];
  page.on('request', (r) => {
    if (r.url().includes('/revoke')) revokes.push({ method: r.method(), path: decodeURIComponent(new URL(r.url()).pathname), body: r.postData() ?? '' });
  });
  // Nothing leaves before the CN is typed; Keep closes the question.
  await page.click('#cert-revoke');
  await page.waitForSelector('#cert-confirm');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cert-confirm-input');
  assert.match(await page.textContent('#cert-confirm-warning'), /cannot be undone/);
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), true);
  await page.fill('#cert-confirm-input', commonName.slice(0, -1));
  await page.press('#cert-confirm-input', 'Enter');
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), true);
  await page.click('#cert-keep');
  assert.equal(await page.locator('#cert-confirm').count(), 0);
  await page.click('#cert-revoke');
  await page.fill('#cert-confirm-input', commonName);
  assert.equal(await page.locator('#cert-confirm-button').isDisabled(), false);
  await screenshot(page, 'ca-cert-revoke-confirm-1280-light');
  assert.deepEqual(revokes, []);
  // The first Revoke End Cert is refused (NCP's envelope with a failure code): core's
  // classified failure shows, the confirmation given stays, and Try again sends it.
  const revokePath = `/sandbox/api/v1/ca/${tag}/cert/${serial}/revoke`;
  let refused = false;
  await page.route((url) => decodeURIComponent(url.pathname) === revokePath, async (route) => {
    if (refused) return route.fallback();
    refused = true;
    return route.fulfill({
      status: 400,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'INVALID_CA_STATUS', msg: 'The CA is not active.', data: null }),
    });
  });
  await page.press('#cert-confirm-input', 'Enter');
  await page.waitForSelector('#cert-revoke-card .helper-error');
  assert.notEqual(await page.getAttribute('#cert-revoke-card .helper-error', 'data-outcome'), 'refused');
  assert.match(await page.textContent('#cert-revoke-card .helper-error'), /The revocation failed \(Revoke End Cert\)/);
  assert.equal(await page.getAttribute('#cert-revocation [data-revoked]', 'data-revoked'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cert-revoke-retry');
  await screenshot(page, 'ca-cert-revoke-failed-1280-light');
  const crlsBefore = crls.length;
  // NCP does not say how soon a revocation reaches the CRL (P8's doc gap): the first CRL read
  // after it is answered with the one from before, and the page says it does not list it yet.
  const staleCrl = crls[crlsBefore - 1];
  let staleServed = false;
  await page.route((url) => url.pathname === `/sandbox/api/v1/ca/${tag}/crl`, async (route) => {
    if (staleServed) return route.fallback();
    staleServed = true;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: staleCrl }),
    });
  });
  await page.keyboard.press('Enter');
  await page.waitForSelector('#cert-revoke-done[data-listed="false"]:not(:has(progress))');
  assert.match(await page.textContent('#cert-revoke-done'), /NCP revoked it, but the CRL read just now does not list it yet/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'cert-revoke-done');
  assert.equal(await page.getAttribute('#cert-revocation [data-revoked]', 'data-revoked'), 'false');
  await screenshot(page, 'ca-cert-revoked-not-listed-1280-light');
  await page.click('#cert-crl-reload');

  // The CRL read again lists it, with its revocation date.
  await page.waitForSelector('#cert-revoke-done[data-listed="true"]');
  assert.match(await page.textContent('#cert-revoke-done'), /^✓ Revoked: the CA's CRL now lists this serial, revoked \d{4}-\d\d-\d\dT[\d:]+Z\.$/);
  assert.equal(await page.getAttribute('#cert-revocation [data-revoked]', 'data-revoked'), 'true');
  assert.match(await page.textContent('#cert-revocation'), /^revoked \d{4}-\d\d-\d\dT/);
  assert.deepEqual(revokes, [
    { method: 'POST', path: revokePath, body: '' },
    { method: 'POST', path: revokePath, body: '' },
  ]);
  await screenshot(page, 'ca-cert-revoked-1280-light');

  // The CRL the sandbox served after the revocation, read by openssl: it lists the serial.
  for (let waited = 0; crls.length <= crlsBefore; waited += 50) {
    assert.ok(waited < 5000, 'the CRL was read again');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const text = opensslCrlText(crls[crls.length - 1]);
  const listed = [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]);
  assert.ok(listed.includes(serial.replaceAll(':', '').toUpperCase()), `openssl lists ${listed.join(', ')}`);
  // and the one read before did not.
  const before = opensslCrlText(crls[crlsBefore - 1]);
  assert.ok(!before.includes(`Serial Number: ${serial.replaceAll(':', '').toUpperCase()}`));

  // Back in the list, its row says revoked; on the CA's detail, its CRL table lists it.
  await page.click('#cert-back');
  await page.waitForSelector(`${certRow(serial)}[data-revoked="true"]`);
  await page.click('#certs-back');
  await page.waitForSelector('table.crl-revoked');
  const revokedSerials = await page.locator('table.crl-revoked td.serial').allTextContents();
  assert.ok(revokedSerials.map((s) => s.trim()).includes(serial.toUpperCase()));
  // Reopened later (the list of CAs in between), it offers no second revocation.
  await goTo(page, 'Cas');
  await page.evaluate((route) => { location.hash = route; }, `#/cas/${tag}/certs/${serial}`);
  await page.waitForSelector('#cert-revoked-already');
  assert.equal(await page.locator('#cert-revoke').count(), 0);

  // Korean.
  await page.click('button[lang="ko"]');
  assert.match(await page.textContent('#cert-revoke-title'), /^폐기 \(Revoke End Cert\)$/);
  assert.match(await page.textContent('#cert-back'), /의 인증서$/);
  await page.click('button[lang="en"]');

  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.thirdParty, []);
  assert.deepEqual(requestsContaining(record, demo.main.secretKey), []);
  // The private key NCP sent with the issued certificate left in no request either.
  const keyLine = privateKey.split('\n').find((l) => l.length > 40 && !l.startsWith('-----'));
  assert.ok(keyLine, 'the answer had a private key');
  assert.deepEqual(requestsContaining(record, keyLine), []);
  await context.close();
});

test('CA certificates: a CA without certificates says how to issue one; a failed list shows core\'s classified failure and Try again reads it', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  const tag = demo.caTags.root;
  // The gateway refuses the first Get End Cert List (as NCP does with a bad signature); the
  // retry is held a moment, so the skeleton shows; then the answer is an empty list (a CA
  // that issued nothing yet).
  let calls = 0;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((url) => url.pathname === `/sandbox/api/v1/ca/${tag}/cert`, async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    calls += 1;
    if (calls === 1) {
      return route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } }),
      });
    }
    await held;
    return route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: { totalCnt: 0, listCerts: [], totalPageNo: 1, currentPageNo: 1 } }),
    });
  });
  await page.evaluate((route) => { location.hash = route; }, `#/cas/${tag}/certs`);
  await page.waitForSelector('.ca-certs .helper-error[data-outcome="authFailed"]');
  assert.match(await page.textContent('.ca-certs .helper-error'), /Could not read the certificates \(Get End Cert List\)/);
  await page.click('#certs-retry');
  await page.waitForSelector('#certs-loading[aria-busy="true"]');
  assert.match(await page.textContent('#certs-loading'), /Reading the certificates/);
  await screenshot(page, 'ca-certs-loading-1280-light');
  release();
  await page.waitForSelector('#certs-empty');
  assert.equal(calls, 2);
  assert.match(await page.textContent('#certs-empty'), /issued no end certificate yet.*Issue End Cert page/s);
  await screenshot(page, 'ca-certs-empty-1280-light');
  // Its link opens Issue End Cert with this CA's tag filled in.
  await page.click('#certs-issue');
  await page.waitForSelector('#IssueEndCert-caTag');
  assert.equal(new URL(page.url()).hash, '#/issue-end-cert');
  assert.equal(await page.inputValue('#IssueEndCert-caTag'), tag);

  // A serial the CA never issued: Get End Cert's failure, classified, with a retry.
  await page.evaluate((route) => { location.hash = route; }, `#/cas/${demo.caTags.issuing}/certs/00:11:22`);
  await page.waitForSelector('.end-cert .helper-error');
  assert.notEqual(await page.getAttribute('.end-cert .helper-error', 'data-outcome'), 'refused');
  assert.equal(await page.locator('#cert-retry').count(), 1);

  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.thirdParty, []);
  assert.deepEqual(requestsContaining(record, demo.main.secretKey), []);
  await context.close();
});

test('CA certificates: screenshots at 1280 and 375 px, light and dark; nothing overflows at 375 px', async () => {
  for (const [width, colorScheme] of [[375, 'light'], [375, 'dark'], [1280, 'dark']]) {
    const { context, page, record } = await openApp(browser, { width, colorScheme });
    await useDemoKeys(page);
    const demo = await demoData(page);
    const tag = demo.caTags.issuing;
    const { serial } = await issueEndCert(page, tag, `shot-${width}-${colorScheme}.e2e.example`);
    await findCertificate(page, tag, serial);
    await page.waitForSelector(`${certRow(serial)} td.cn code`);
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (width === 375) assert.ok((await overflow()) <= 0, 'the list fits 375 px');
    await screenshot(page, `ca-certs-list-${width}-${colorScheme}`);
    await page.click(`${certRow(serial)} a.cert-open`);
    await page.waitForSelector('#cert-downloads');
    await page.click('#cert-revoke');
    if (width === 375) assert.ok((await overflow()) <= 0, 'the certificate fits 375 px');
    await screenshot(page, `ca-cert-detail-${width}-${colorScheme}`);
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    assert.deepEqual(record.thirdParty, []);
    assert.deepEqual(requestsContaining(record, demo.main.secretKey), []);
    await context.close();
  }
});
