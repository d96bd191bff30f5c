// Issue 13, point 4 in Chromium against the proxy with the sandbox: "Issue with my own key"
// (Sign End Csr). The page makes the key with WebCrypto (EC P-256 and RSA 2048 here), builds
// and signs the CSR (certkit-x509), and only the CSR leaves; the key downloads as PKCS#8 PEM,
// plain or encrypted with a passphrase. openssl is the judge: the CSR verifies, the encrypted
// key opens with its passphrase (and not with another), and the key's public half is the
// certificate's. No request from the page carries the private key in any encoding, nor the
// secret key. A CSR made by `openssl req -new` and pasted is signed too. Screenshots at 1280
// and 375 px, light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

const CSR_FIELD = '#IssueOwnKey-csrPem';

/** openssl with `args` in `dir`: its stdout, or it throws with its stderr. */
const openssl = (dir, args, input) => execFileSync('openssl', args, { cwd: dir, input, encoding: 'utf8' });

/** The DER of a PEM block. */
function pemDer(pem) {
  const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Buffer.from(body, 'base64');
}

/** Every encoding of `der` a careless page could send it in. */
function encodings(der) {
  const base64 = der.toString('base64');
  return {
    base64,
    base64url: der.toString('base64url'),
    hex: der.toString('hex'),
    HEX: der.toString('hex').toUpperCase(),
    // The PEM's own lines (64 columns), each long enough to identify the key.
    ...Object.fromEntries(base64.match(/.{1,64}/g).filter((l) => l.length >= 40).map((line, i) => [`pem line ${i + 1}`, line])),
  };
}

/** Records every request body as bytes (the helpers keep them as text). */
function recordBodies(page) {
  const bodies = [];
  page.on('request', (r) => {
    const buffer = r.postDataBuffer();
    if (buffer) bodies.push({ url: r.url(), buffer });
  });
  return bodies;
}

/** Asserts no request carries the key `der`, in any encoding or as raw bytes. */
function assertKeyNeverSent(record, bodies, der, what) {
  for (const [name, text] of Object.entries(encodings(der))) {
    assert.deepEqual(requestsContaining(record, text).map((r) => r.url), [], `${what} as ${name} left the page`);
  }
  // The key's secret part alone (the last 32 bytes of an EC PKCS#8 hold none of it; the
  // middle third of the DER is inside the private value for both EC and RSA).
  const middle = der.subarray(Math.floor(der.length / 3), Math.floor((2 * der.length) / 3));
  for (const { url, buffer } of bodies) {
    assert.equal(buffer.indexOf(der), -1, `${what} (raw DER) in the body of ${url}`);
    assert.equal(buffer.indexOf(middle), -1, `part of ${what} (raw DER) in the body of ${url}`);
  }
}

/** Saves the download a click on `selector` starts; returns its path. */
async function download(page, selector, dir) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

for (const algorithm of ['EC P-256', 'RSA 2048']) {
  test(`Own key (${algorithm}): made in the page, the CSR signed and sent, the certificate matches the downloaded key, plain and encrypted`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'own-key-'));
    const { context, page, record } = await openApp(browser);
    const bodies = recordBodies(page);
    await useDemoKeys(page);
    const demo = await demoData(page);
    await goTo(page, 'IssueOwnKey');
    assert.equal(new URL(page.url()).hash, '#/issue-own-key');
    assert.equal(await page.textContent('#main h1'), 'Issue with my own key');
    // Labels name the API fields, as on Issue End Cert.
    assert.equal(
      (await page.textContent('label[for="IssueOwnKey-x509Parameters-commonName"]')).trim(),
      'Common name (commonName)required',
    );
    assert.match(await page.textContent('label[for="IssueOwnKey-csrPem"]'), /^Certificate signing request \(csrPem\)/);
    // Nothing yet: the CSR's place says what to do.
    await page.waitForSelector('#own-key-csr-empty');

    // Generate without a common name: Issue End Cert's rule stops it, on the field.
    await page.click('#own-key-make');
    await page.waitForSelector('#own-key-refused');
    assert.match(await page.textContent('[data-field="x509Parameters.commonName"]'), /commonName is required/);
    assert.equal(await page.locator('#own-key-card').count(), 0);

    const cn = algorithm.startsWith('EC') ? 'own-ec.internal.example' : 'own-rsa.internal.example';
    await fill(page, 'IssueOwnKey-caTag', demo.caTags.issuing);
    await fill(page, 'IssueOwnKey-x509Parameters-commonName', cn);
    await fill(page, 'IssueOwnKey-x509Parameters-altName', `${cn},www.${cn}`);
    await fill(page, 'IssueOwnKey-x509Parameters-ip', '10.0.0.7');
    await fill(page, 'IssueOwnKey-x509Parameters-organization', 'Example Corp');
    await fill(page, 'IssueOwnKey-x509Parameters-country', 'KR');
    await page.selectOption('#own-key-algorithm', algorithm);
    await page.click('#own-key-make');
    await page.waitForSelector('#own-key-card');
    assert.equal(await page.getAttribute('#own-key-card', 'data-algorithm'), algorithm);
    // Focus moved to the new key.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'own-key-card');
    const keyPem = (await page.textContent('#own-key-card pre.key')).trim();
    assert.match(keyPem, /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PRIVATE KEY-----$/);
    const keyDer = pemDer(keyPem);

    // The CSR: in the form, read back by the page, and verified by openssl.
    const csr = await page.inputValue(CSR_FIELD);
    assert.match(csr, /^-----BEGIN CERTIFICATE REQUEST-----/);
    writeFileSync(join(dir, 'req.pem'), csr);
    const verify = spawnSync('openssl', ['req', '-in', 'req.pem', '-verify', '-noout'], { cwd: dir, encoding: 'utf8' });
    assert.match(verify.stderr + verify.stdout, /verify OK/);
    const text = openssl(dir, ['req', '-in', 'req.pem', '-noout', '-text', '-nameopt', 'RFC2253']);
    assert.match(text, new RegExp(`Subject: CN=${cn.replace(/\./g, '\\.')},O=Example Corp,C=KR`));
    assert.match(text, new RegExp(`DNS:${cn.replace(/\./g, '\\.')}, DNS:www\\.${cn.replace(/\./g, '\\.')}, IP Address:10\\.0\\.0\\.7`));
    assert.match(text, algorithm.startsWith('EC') ? /ecdsa-with-SHA256/ : /sha256WithRSAEncryption/);
    assert.equal(await page.getAttribute('#own-key-csr-signature', 'data-status'), 'ok');
    assert.equal(await page.textContent('#own-key-csr-subject'), `CN=${cn},O=Example Corp,C=KR`);
    assert.match(await page.textContent('#own-key-csr-key'), algorithm.startsWith('EC') ? /^EC 256 bit P-256$/ : /^RSA 2048 bit$/);

    // The key, downloaded plain: the PEM shown.
    const plainPath = await download(page, `#own-key-card button.download[data-file="${cn}.key"]`, dir);
    assert.equal(readFileSync(plainPath, 'utf8').trim(), keyPem);

    // Encrypted: a short passphrase warns but does not block; Enter encrypts (and sends
    // nothing).
    await page.fill('#own-key-passphrase', 'short');
    await page.waitForSelector('#own-key-passphrase-short');
    const passphrase = 'correct horse battery staple 배터리';
    await page.fill('#own-key-passphrase', passphrase);
    assert.equal(await page.locator('#own-key-passphrase-short').count(), 0);
    await page.press('#own-key-passphrase', 'Enter');
    await page.waitForSelector('#own-key-encrypted-download button.download', { timeout: 60_000 });
    const encryptedPath = await download(page, '#own-key-encrypted-download button.download', dir);
    const encrypted = readFileSync(encryptedPath, 'utf8');
    assert.match(encrypted, /^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const parsed = openssl(dir, ['asn1parse', '-in', encryptedPath]);
    for (const name of ['PBES2', 'PBKDF2', 'hmacWithSHA256', 'aes-256-cbc']) assert.match(parsed, new RegExp(name));
    // OWASP's iteration count (600000 = 0x927C0).
    assert.match(parsed, /INTEGER\s+:0927C0/);
    const opened = openssl(dir, ['pkey', '-in', encryptedPath, '-passin', `pass:${passphrase}`]);
    assert.equal(opened.trim(), openssl(dir, ['pkey', '-in', plainPath]).trim());
    const wrong = spawnSync('openssl', ['pkey', '-in', encryptedPath, '-passin', 'pass:not the passphrase', '-noout'], { cwd: dir });
    assert.notEqual(wrong.status, 0, 'a wrong passphrase opened the key');
    await screenshot(page, `own-key-generated-${algorithm.startsWith('EC') ? 'ec' : 'rsa'}-1280-light`);

    // Send: Sign End Csr with the CSR only.
    assert.equal(
      record.requests.filter((r) => /\/cert\/sign$/.test(new URL(r.url).pathname)).length,
      0,
      'Enter in the passphrase sent nothing',
    );
    await page.click('#send');
    await page.waitForSelector('#issued-cert');
    const sign = record.requests.filter((r) => new URL(r.url).pathname === `/sandbox/api/v1/ca/${demo.caTags.issuing}/cert/sign`);
    assert.equal(sign.length, 1);
    assert.deepEqual(Object.keys(JSON.parse(sign[0].body)), ['csrPem']);
    assert.match(await page.locator('#issued-cert .subject').textContent(), new RegExp(`CN=${cn.replace(/\./g, '\\.')}`));
    assert.equal(await page.getAttribute('#key-match', 'data-match'), 'true');
    assert.equal(await page.getAttribute('#chain-verdict', 'data-ok'), 'true');
    assert.match(await page.textContent('#serial-no'), /^([0-9A-F]{2}:)+[0-9A-F]{2}$/);
    assert.match(await page.textContent('#IssueOwnKey-outcome'), /CN=/);

    // openssl: the certificate's public key is the downloaded key's, plain and encrypted.
    const certPath = await download(page, `.downloads button[data-file="${cn}.crt"]`, dir);
    const certKey = openssl(dir, ['x509', '-in', certPath, '-pubkey', '-noout']);
    assert.equal(openssl(dir, ['pkey', '-in', plainPath, '-pubout']), certKey);
    assert.equal(openssl(dir, ['pkey', '-in', encryptedPath, '-passin', `pass:${passphrase}`, '-pubout']), certKey);
    await screenshot(page, `own-key-result-${algorithm.startsWith('EC') ? 'ec' : 'rsa'}-1280-light`);

    // The key never left the page, in any encoding; nor the secret key.
    assertKeyNeverSent(record, bodies, keyDer, 'the private key');
    assert.deepEqual(requestsContaining(record, demo.main.secretKey), []);
    assert.deepEqual(requestsContaining(record, passphrase), []);
    // Nor does a reload keep it (sessionStorage holds the forms, never the key).
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    assert.ok(!stored.includes('PRIVATE KEY') && !stored.includes(keyDer.toString('base64').slice(0, 40)), 'the key is in sessionStorage');

    // Wiping removes it from the page; the certificate stays.
    await page.click('#own-wipe-key');
    assert.equal(await page.locator('#own-key-card').count(), 0);
    await page.waitForSelector('#key-absent');
    assert.equal(await page.locator('#issued-cert').count(), 1);

    assert.deepEqual(unexpectedConsoleErrors(record), []);
    assert.deepEqual(record.pageErrors, []);
    assert.deepEqual(record.thirdParty, []);
    await context.close();
  });
}

test('Own key: a CSR made by openssl req -new, pasted, is read in the page and signed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'own-csr-'));
  openssl(dir, [
    'req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-nodes',
    '-keyout', 'key.pem', '-out', 'req.pem',
    '-subj', '/CN=pasted.internal.example/O=Paste Inc',
    '-addext', 'subjectAltName=DNS:pasted.internal.example,IP:192.0.2.9',
  ]);
  const csr = readFileSync(join(dir, 'req.pem'), 'utf8');
  const keyDer = pemDer(readFileSync(join(dir, 'key.pem'), 'utf8'));
  const { context, page, record } = await openApp(browser);
  const bodies = recordBodies(page);
  await useDemoKeys(page);
  const demo = await demoData(page);
  await goTo(page, 'IssueOwnKey');
  await page.check('#own-key-paste');
  // Only the CSR is asked for: no generator.
  assert.equal(await page.locator('#own-key-make').count(), 0);
  await fill(page, 'IssueOwnKey-caTag', demo.caTags.issuing);
  await fill(page, 'IssueOwnKey-csrPem', csr);
  await page.waitForSelector('#own-key-csr');
  // RFC 4514 writes the last RDN first: openssl's -subj put CN first.
  assert.equal(await page.textContent('#own-key-csr-subject'), 'O=Paste Inc,CN=pasted.internal.example');
  assert.deepEqual(await page.locator('#own-key-csr-sans li').allTextContents(), ['DNS: pasted.internal.example', 'IP: 192.0.2.9']);
  assert.equal(await page.textContent('#own-key-csr-key'), 'EC 384 bit P-384');
  assert.equal(await page.getAttribute('#own-key-csr-signature', 'data-status'), 'ok');
  // A CA that does not exist: NCP's failure, classified by core, and the CSR stays.
  await fill(page, 'IssueOwnKey-caTag', '0000000000-0000000000');
  await page.click('#send');
  await page.waitForSelector('#IssueOwnKey-outcome.failed');
  assert.match(await page.textContent('#IssueOwnKey-outcome'), /What to do/);
  assert.equal(await page.inputValue(CSR_FIELD), csr);
  await screenshot(page, 'own-key-failed-1280-light');
  await fill(page, 'IssueOwnKey-caTag', demo.caTags.issuing);
  await page.click('#send');
  await page.waitForSelector('#issued-cert');
  assert.match(await page.locator('#issued-cert .subject').textContent(), /CN=pasted\.internal\.example/);
  // The key is the user's: none on the page, and the certificate is for the CSR's key.
  await page.waitForSelector('#key-absent');
  const certPath = join(dir, 'cert.pem');
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('.downloads button[data-file="pasted.internal.example.crt"]')]);
  await file.saveAs(certPath);
  assert.equal(
    openssl(dir, ['x509', '-in', certPath, '-pubkey', '-noout']),
    openssl(dir, ['pkey', '-in', 'key.pem', '-pubout']),
  );
  assertKeyNeverSent(record, bodies, keyDer, 'the private key');
  assert.deepEqual(requestsContaining(record, demo.main.secretKey), []);
  await screenshot(page, 'own-key-pasted-1280-light');

  // A CSR whose signature is broken: the page says NCP will refuse it (before sending).
  // The DER's last byte is the signature's (its s value): flip a bit there and re-encode, so
  // that the change never falls in base64's unused padding bits.
  const der = Buffer.from(csr.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
  der[der.length - 1] ^= 0x01;
  const broken = `-----BEGIN CERTIFICATE REQUEST-----\n${der.toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
  await fill(page, 'IssueOwnKey-csrPem', broken);
  await page.waitForSelector('#own-key-csr-signature[data-status="bad"]');

  assert.deepEqual(unexpectedConsoleErrors(record, { allowHttpErrors: true }), []);
  assert.deepEqual(record.pageErrors, []);
  assert.deepEqual(record.thirdParty, []);
  await context.close();
});

test('Own key: screenshots at 1280 and 375 px, light and dark; nothing overflows at 375 px; Korean', async () => {
  for (const [width, colorScheme] of [[375, 'light'], [375, 'dark'], [1280, 'dark']]) {
    const { context, page, record } = await openApp(browser, { width, colorScheme });
    await useDemoKeys(page);
    const demo = await demoData(page);
    await goTo(page, 'IssueOwnKey');
    await fill(page, 'IssueOwnKey-caTag', demo.caTags.issuing);
    await fill(page, 'IssueOwnKey-x509Parameters-commonName', 'shot.internal.example');
    await page.click('#own-key-make');
    await page.waitForSelector('#own-key-card');
    await page.click('#send');
    await page.waitForSelector('#issued-cert');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (width === 375) assert.ok((await overflow()) <= 0, 'the page fits 375 px');
    await screenshot(page, `own-key-${width}-${colorScheme}`);
    if (width === 375 && colorScheme === 'light') {
      await page.click('button[lang="ko"]');
      assert.equal(await page.textContent('#main h1'), '내 키로 발급');
      assert.match(await page.textContent('#own-key-make'), /새 키와 CSR 생성/);
      await screenshot(page, 'own-key-375-light-ko');
    }
    assert.deepEqual(unexpectedConsoleErrors(record), []);
    assert.deepEqual(record.thirdParty, []);
    await context.close();
  }
});

test('Own key: while WebCrypto works the page shows progress, and Generate does not start twice', async () => {
  const { context, page, record } = await openApp(browser);
  // Hold generateKey until the test lets it go, so the in-between state can be looked at.
  await page.evaluate(() => {
    const original = crypto.subtle.generateKey.bind(crypto.subtle);
    window.__calls = 0;
    window.__held = new Promise((resolve) => { window.__release = resolve; });
    crypto.subtle.generateKey = async (...args) => {
      window.__calls += 1;
      await window.__held;
      return original(...args);
    };
  });
  await goTo(page, 'IssueOwnKey');
  await fill(page, 'IssueOwnKey-x509Parameters-commonName', 'slow.internal.example');
  await page.selectOption('#own-key-algorithm', 'RSA 3072');
  await page.click('#own-key-make');
  await page.waitForSelector('#own-key-status progress');
  assert.match(await page.textContent('#own-key-status'), /Generating the key and signing the CSR/);
  assert.equal(await page.getAttribute('#own-key-make', 'aria-disabled'), 'true');
  // aria-disabled keeps focus on the button; a second press (Playwright will not click an
  // aria-disabled button, a user can) starts nothing.
  await page.focus('#own-key-make');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'own-key-make');
  assert.equal(await page.evaluate(() => window.__calls), 1);
  await screenshot(page, 'own-key-working-1280-light');
  await page.evaluate(() => window.__release());
  await page.waitForSelector('#own-key-card[data-algorithm="RSA 3072"]');
  assert.equal(await page.locator('#own-key-status progress').count(), 0);
  assert.match(await page.textContent('#own-key-csr-key'), /^RSA 3072 bit$/);
  assert.deepEqual(unexpectedConsoleErrors(record), []);
  await context.close();
});
