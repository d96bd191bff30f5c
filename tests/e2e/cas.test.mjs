// Issue 13, point 1 in Chromium against the proxy with the sandbox: the CAs page lists the
// account's CAs (Get CA List, a page at a time) with status badges, type, alias, CN, days to
// expiry and signing count; a CA opens at #/cas/{caTag} with its certificate card, its chain
// (each link checked) and its CRL read in the page; Back returns to the list; a failed call
// shows core's classified failure and a retry; screenshots at 1280 and 375 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  demoData,
  goTo,
  launch,
  openApp,
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

const row = (tag) => `tr.ca-row[data-ca-tag="${tag}"]`;

/** The list's row of CA `tag`, as the user reads it. */
async function readRow(page, tag) {
  return page.locator(row(tag)).evaluate((tr) => ({
    status: tr.querySelector('.ca-status')?.dataset.status,
    badge: tr.querySelector('.ca-status')?.className,
    type: tr.children[2]?.textContent.trim(),
    cn: tr.querySelector('td.cn')?.textContent.trim(),
    days: tr.querySelector('td.expires [data-days]')?.dataset.days,
    expires: tr.querySelector('td.expires')?.textContent.trim(),
    signed: tr.querySelector('td.signed')?.textContent.trim(),
  }));
}

test('CAs: the list shows the sandbox CAs with badges, a CA opens with its certificate, chain and CRL, and Back returns', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  const demo = await demoData(page);
  await goTo(page, 'Cas');
  assert.equal(new URL(page.url()).hash, '#/cas');
  // Labels say the API field each column shows (once Get CA List answered).
  await page.waitForSelector('table.cas-table thead th');
  const headers = await page.locator('table.cas-table thead th').allTextContents();
  assert.deepEqual(headers, [
    'Status (status)',
    'Alias (alias)',
    'Type (caType)',
    'Common name (commonName)',
    'Expires in (notAfterDate)',
    'Certificates signed (signingCount)',
  ]);
  await page.waitForSelector(row(demo.caTags.root));
  const root = await readRow(page, demo.caTags.root);
  assert.equal(root.status, 'ACTIVE');
  assert.match(root.badge, /\bok\b/);
  assert.equal(root.type, 'Root CA');
  assert.ok(root.cn.length > 1, 'the root has a CN');
  assert.ok(Number(root.days) > 30, `the root expires in ${root.days} days`);
  assert.match(root.signed, /^\d+$/);
  const issuing = await readRow(page, demo.caTags.issuing);
  assert.equal(issuing.status, 'ACTIVE');
  assert.equal(issuing.type, 'Sub CA');
  if (demo.caTags.pending) {
    const pending = await readRow(page, demo.caTags.pending);
    assert.equal(pending.status, 'PENDING');
    assert.match(pending.badge, /\bpending\b/);
    assert.equal(pending.expires, 'no certificate yet');
  }
  assert.match(await page.textContent('#cas-position'), /^Page 1 of \d+ \(currentPageNo \/ totalPageNo\)$/);
  assert.equal(await page.locator('#cas-previous').isDisabled(), true);
  await screenshot(page, 'cas-list-1280-light');

  // Open the issuing CA with the keyboard: its link, then Enter.
  await page.focus(`${row(demo.caTags.issuing)} a.ca-open`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#ca-cert');
  assert.equal(new URL(page.url()).hash, `#/cas/${demo.caTags.issuing}`);
  assert.equal(await page.textContent('#ca-tag'), demo.caTags.issuing);
  assert.equal(await page.getAttribute('.ca-head .ca-status', 'data-status'), 'ACTIVE');
  // The certificate card is the CA's.
  assert.equal(await page.getAttribute('#ca-cert', 'data-cn'), issuing.cn);
  assert.match(await page.textContent('#ca-cert'), /CA: true/);
  // The chain: the issuing CA then the root, each link checked.
  assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
  const links = await page.locator('.chain-link [data-link]').evaluateAll((els) => els.map((e) => e.dataset.link));
  assert.deepEqual(links, ['ok', 'ok']);
  const titles = await page.locator('.chain-link .chain-title').allTextContents();
  // The CA's own chain starts with that CA, not a leaf.
  assert.match(titles[0], new RegExp(`^1 · Intermediate · CN=${issuing.cn}$`));
  assert.match(titles[1], new RegExp(`^2 · Root · CN=${root.cn}$`));
  // The CRL, read in the page.
  assert.match(await page.textContent('#crl-this-update'), /^\d{4}-\d\d-\d\dT/);
  assert.match(await page.textContent('#crl-next-update'), /^\d{4}-\d\d-\d\dT/);
  const revoked = Number(await page.textContent('#crl-revoked-count'));
  assert.equal(await page.locator('table.crl-revoked tbody tr').count(), revoked);
  if (revoked === 0) await page.waitForSelector('#crl-none-revoked');
  assert.equal(await page.locator('#crl-other-issuer').count(), 0, 'the CRL is the CA\'s own');
  // Focus moved to the CA's title (the link pressed is gone).
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-title');
  await screenshot(page, 'ca-detail-1280-light');

  // Back shows the list again.
  await page.goBack();
  await page.waitForSelector(row(demo.caTags.root));
  assert.equal(new URL(page.url()).hash, '#/cas');
  // Forward and a reload on a CA's route show that CA.
  await page.goForward();
  await page.waitForSelector('#ca-cert');
  assert.equal(new URL(page.url()).hash, `#/cas/${demo.caTags.issuing}`);
  // The back link goes to the list.
  await page.click('#ca-back');
  await page.waitForSelector(row(demo.caTags.root));
  // A click on the root opens it; its chain is itself, self-signed.
  await page.click(`${row(demo.caTags.root)} a.ca-open`);
  await page.waitForSelector('#ca-cert');
  assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
  assert.equal(await page.locator('.chain-link').count(), 1);

  // Korean: every label translated.
  await page.click('button[lang="ko"]');
  assert.equal(await page.textContent('#ca-back'), '← 전체 CA 목록');
  assert.match(await page.textContent('#ca-crl-title'), /인증서 폐기 목록/);
  await page.click('button[lang="en"]');

  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.thirdParty, []);
  await context.close();
});

test('CAs: without keys the list says so; a failed call shows core\'s classified failure, and Try again reads it', async () => {
  const { context, page, record } = await openApp(browser);
  await goTo(page, 'Cas');
  await page.waitForSelector('.helper-error[data-outcome="refused"]');
  assert.match(await page.textContent('.helper-error'), /Could not read the CAs/);
  assert.equal(await page.locator('#cas-retry').count(), 1);

  // The gateway refuses the next Get CA List once (as NCP does with a bad signature); the
  // retry is held a moment, so the skeleton shows.
  let calls = 0;
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route((url) => /\/sandbox\/api\/v1\/ca$/.test(url.pathname), async (route) => {
    calls += 1;
    if (calls === 1) {
      await route.fulfill({
        status: 401,
        contentType: 'application/json',
        body: JSON.stringify({ error: { errorCode: '200', message: 'Authentication Failed', details: 'Invalid authentication information.' } }),
      });
      return;
    }
    if (calls === 2) await held;
    await route.fallback();
  });
  await useDemoKeys(page);
  const demo = await demoData(page);
  await goTo(page, 'Cas');
  await page.waitForSelector('.helper-error[data-outcome="authFailed"]');
  assert.match(await page.textContent('.helper-error'), /What to do/);
  await screenshot(page, 'cas-failed-1280-light');
  await page.click('#cas-retry');
  await page.waitForSelector('#cas-loading[aria-busy="true"]');
  assert.match(await page.textContent('#cas-loading'), /Reading the CAs/);
  await screenshot(page, 'cas-loading-1280-light');
  release();
  await page.waitForSelector(row(demo.caTags.issuing));
  assert.equal(calls, 2);

  // A CRL with a revoked certificate (the x509 fixture, answered for the issuing CA): its
  // serial, date and reason, and a next update already past.
  await page.route(`**/sandbox/api/v1/ca/${demo.caTags.issuing}/crl`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: x509Fixture('int.crl.pem') }),
    }),
  );
  await page.click(`${row(demo.caTags.issuing)} a.ca-open`);
  await page.waitForSelector('table.crl-revoked');
  const revoked = await page.locator('table.crl-revoked tbody tr').evaluateAll((rows) =>
    rows.map((tr) => [...tr.children].map((td) => td.textContent.trim())),
  );
  assert.deepEqual(revoked, [['0D:EA:D0', '2026-11-23T11:19:59Z', 'keyCompromise']]);
  assert.match(await page.textContent('#crl-next-update'), /^2026-02-01T00:00:00Z past: this CRL is out of date$/);
  // The fixture was issued by another CA: the page says so.
  await page.waitForSelector('#crl-other-issuer');
  await screenshot(page, 'ca-detail-crl-revoked-1280-light');
  await page.click('#ca-back');
  await page.waitForSelector(row(demo.caTags.issuing));

  // A CA that does not exist: Get CA's failure, classified, with a retry.
  await page.evaluate(() => { location.hash = '#/cas/0000000000-0000000000'; });
  await page.waitForSelector('.ca-detail .helper-error');
  assert.notEqual(await page.getAttribute('.ca-detail .helper-error', 'data-outcome'), 'refused');
  assert.equal(await page.locator('#ca-retry').count(), 1);

  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});

test('CAs: screenshots at 1280 and 375 px, light and dark; nothing overflows at 375 px', async () => {
  for (const [width, colorScheme] of [[375, 'light'], [375, 'dark'], [1280, 'dark']]) {
    const { context, page, record } = await openApp(browser, { width, colorScheme });
    await useDemoKeys(page);
    const demo = await demoData(page);
    await goTo(page, 'Cas');
    await page.waitForSelector(row(demo.caTags.issuing));
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (width === 375) assert.ok((await overflow()) <= 0, 'the list fits 375 px');
    await screenshot(page, `cas-list-${width}-${colorScheme}`);
    await page.click(`${row(demo.caTags.issuing)} a.ca-open`);
    await page.waitForSelector('#ca-crl');
    if (width === 375) assert.ok((await overflow()) <= 0, 'the detail fits 375 px');
    await screenshot(page, `ca-detail-${width}-${colorScheme}`);
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    await context.close();
  }
});

test('CAs: a CA taken through deactivate, activate, scheduled deletion (cancelled, then again) and delete, the destructive steps behind its alias typed', async () => {
  const { context, page, record } = await openApp(browser);
  await useDemoKeys(page);
  // A CA of this test's own: the sandbox helper signs a pending sub CA, and Activate Sub CA
  // makes it ACTIVE.
  await goTo(page, 'ActivateSubCa');
  await page.click('#sandbox-sign');
  await page.waitForSelector('#check-verifies');
  const tag = await page.inputValue('#ActivateSubCa-caTag');
  await page.click('#send');
  await page.waitForSelector('#activated-cert');
  await page.evaluate((route) => { location.hash = route; }, `#/cas/${tag}`);
  await page.waitForSelector('#ca-actions');
  const status = () => page.getAttribute('.ca-head .ca-status', 'data-status');
  // Activate answers PENDING (the spec's example); Get CA shows ACTIVE once it settles: a
  // PENDING CA offers no status action, and Reload reads it again.
  for (let attempt = 0; (await status()) !== 'ACTIVE'; attempt += 1) {
    assert.ok(attempt < 20, 'the activated CA never reached ACTIVE');
    await page.waitForSelector('#ca-actions-none');
    await page.waitForTimeout(250);
    await page.click('#ca-reload');
    await page.waitForSelector('#ca-actions');
  }
  const alias = (await page.textContent('#ca-alias')).trim();
  assert.ok(alias.length > 0, 'the CA has an alias');
  const sent = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === `/sandbox/api/v1/ca/${tag}` && r.method() !== 'GET') sent.push(`${r.method()} ${r.postData() ?? ''}`);
  });
  const done = async (command, expected) => {
    await page.waitForSelector(`#ca-command-done[data-command="${command}"]`);
    await page.waitForFunction((want) => document.querySelector('.ca-head .ca-status')?.dataset.status === want, expected);
  };

  // Deactivate and activate: no question asked.
  await page.click('#ca-action-deactivate');
  await done('deactivate', 'DEACTIVATED');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-command-done');
  await page.click('#ca-action-activate');
  await done('activate', 'ACTIVE');

  // Schedule deletion: the 72 hours and the sub CAs are said; nothing leaves before the alias.
  await page.click('#ca-action-schedule-deletion');
  await page.waitForSelector('#ca-confirm');
  assert.match(await page.textContent('#ca-confirm-warning'), /72-hour wait.*every sub CA under it/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ca-confirm-input');
  assert.equal(await page.locator('#ca-confirm-button').isDisabled(), true);
  await page.fill('#ca-confirm-input', alias.slice(0, -1));
  assert.equal(await page.locator('#ca-confirm-button').isDisabled(), true);
  await page.press('#ca-confirm-input', 'Enter');
  // Keep the CA: the question closes, nothing was sent.
  await page.click('#ca-keep');
  assert.equal(await page.locator('#ca-confirm').count(), 0);
  assert.deepEqual(sent, ['PUT {"status":"DEACTIVATED"}', 'PUT {"status":"ACTIVE"}']);
  await page.click('#ca-action-schedule-deletion');
  await page.fill('#ca-confirm-input', alias);
  await screenshot(page, 'ca-confirm-schedule-deletion-1280-light');
  await page.press('#ca-confirm-input', 'Enter');
  await done('schedule-deletion', 'DESTROYING');
  await page.waitForSelector('#ca-destroy-date');
  await page.click('#ca-action-cancel-deletion');
  await done('cancel-deletion', 'ACTIVE');

  // Again, then delete now: the CA leaves the list.
  await page.click('#ca-action-schedule-deletion');
  await page.fill('#ca-confirm-input', alias);
  await page.click('#ca-confirm-button');
  await done('schedule-deletion', 'DESTROYING');
  await page.click('#ca-action-delete');
  assert.match(await page.textContent('#ca-confirm-warning'), /now, with every sub CA under it/);
  await page.fill('#ca-confirm-input', alias);
  await screenshot(page, 'ca-confirm-delete-1280-light');
  await page.click('#ca-confirm-button');
  await page.waitForSelector('#cas-title');
  await page.waitForSelector('#ca-command-done[data-command="delete"]');
  assert.equal(new URL(page.url()).hash, '#/cas');
  await page.waitForSelector('tr.ca-row');
  assert.equal(await page.locator(row(tag)).count(), 0, 'the deleted CA is not listed');
  assert.deepEqual(sent, [
    'PUT {"status":"DEACTIVATED"}',
    'PUT {"status":"ACTIVE"}',
    'PUT {"status":"DESTROYING"}',
    'PUT {"status":"ACTIVE"}',
    'PUT {"status":"DESTROYING"}',
    'DELETE ',
  ]);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  assert.deepEqual(record.pageErrors, []);
  await context.close();
});
