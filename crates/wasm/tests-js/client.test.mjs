// createClient against the offline sandbox (certkit-sandbox, started by `cargo xtask test`):
// the three seed operations (every other one: lifecycle.test.mjs), the clock-skew retry (a second sandbox whose clock is 10 minutes
// ahead), the 403 answered to sub-account keys, and errors raised before sending.
import test from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { createClient, isNcpCertkitError } from 'ncp-certkit';

const SANDBOX = process.env.CERTKIT_SANDBOX_URL;
const SKEWED = process.env.CERTKIT_SKEWED_SANDBOX_URL;
const SKEW_MS = Number(process.env.CERTKIT_SKEW_SECONDS) * 1000;
assert.ok(SANDBOX && SKEWED && SKEW_MS > 0, 'run through `cargo xtask test` (sandbox URLs in the environment)');

const demo = async (base) => (await fetch(`${base}/demo/credentials`)).json();
const { main, sub, caTags } = await demo(SANDBOX);

/** A fetch that records what was sent, then uses the real one. */
function recordingFetch() {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    return fetch(url, init);
  };
  return { f, calls };
}

test('issueEndCert issues a real certificate from the sandbox', async () => {
  const { f, calls } = recordingFetch();
  const client = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const result = await client.issueEndCert({
    caTag: caTags.issuing,
    keyType: 'EC256',
    period: '30',
    x509Parameters: { commonName: 'npm.example.test', altName: 'npm.example.test,www.npm.example.test', ip: '192.0.2.7' },
  });
  assert.equal(result.ok, true, JSON.stringify(result.error));
  assert.equal(result.status, 200);
  assert.equal(result.retried, false);
  assert.ok(Math.abs(result.clockSkewMs) < 300000);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].url, `${SANDBOX}/api/v1/ca/${caTags.issuing}/cert`);
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.headers['x-ncp-iam-access-key'], main.accessKey);
  assert.ok(!JSON.stringify(calls[0].init).includes(main.secretKey), 'the secret key is never sent');

  // Checked with Node's OpenSSL-backed X509Certificate, independently of the package.
  const cert = new X509Certificate(result.data.certificate);
  assert.match(cert.subject, /CN=npm\.example\.test/);
  assert.match(cert.subjectAltName, /DNS:www\.npm\.example\.test/);
  assert.match(cert.subjectAltName, /IP Address:192\.0\.2\.7/);
  assert.equal(cert.serialNumber.replace(/^0+/, ''), result.data.serialNo.replaceAll(':', '').replace(/^0+/, ''));
  const key = createPrivateKey(result.data.privateKey);
  assert.equal(key.asymmetricKeyType, 'ec');
  assert.ok(cert.checkPrivateKey(key), 'the private key belongs to the certificate');
  assert.ok(result.data.caChain.length >= 1);
  assert.ok(cert.checkIssued(new X509Certificate(result.data.caChain[0])), 'caChain starts with the issuer');
});

test('activateSubCa activates a pending CA with an externally signed certificate', async () => {
  const created = await (await fetch(`${SANDBOX}/demo/pending-ca`, { method: 'POST' })).json();
  const caTag = created.data.caTag;
  const client = createClient({ baseUrl: SANDBOX, ...main });
  const csr = await client.getSubCsr({ caTag });
  assert.equal(csr.ok, true, JSON.stringify(csr.error));
  const signed = await (await fetch(`${SANDBOX}/demo/external-ca/sign`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ csrPem: csr.data.csrPem }),
  })).json();
  // Broken line breaks, as users paste them (a JSON-escaped one-liner with literal "\n", and
  // CRLF): the sandbox (like NCP) wants them normalised.
  const result = await client.activateSubCa({
    caTag,
    certPem: signed.certPem.trim().replace(/\n/g, '\\n'),
    caChainPem: signed.caChainPem.replace(/\n/g, '\r\n'),
  });
  assert.ok(!signed.certPem.includes('\\n'), 'the fixture itself has real line breaks');
  assert.equal(result.ok, true, JSON.stringify(result.error));
  assert.equal(result.data.caInfo.caTag, caTag);
  // The spec's example answers PENDING; Get CA shows ACTIVE within seconds (lifecycle.test.mjs).
  assert.match(result.data.caInfo.status, /^(PENDING|ACTIVE)$/);
  assert.match(result.data.caCertInfo.certPem, /BEGIN CERTIFICATE/);
  const again = await client.activateSubCa({ caTag, certPem: signed.certPem, caChainPem: signed.caChainPem });
  assert.equal(again.ok, false);
  assert.equal(again.error.kind, 'caNotActive');
  assert.equal(again.error.code, 'INVALID_CA_STATUS');
});

test('requestCertificateIssuance works with the main key and reports the 403 for a sub-account key', async () => {
  const input = { certificateName: 'npm-test', commonName: 'example.com', dnsName: ['*.example.com'], validationMethod: 'D' };
  const ok = await createClient({ baseUrl: SANDBOX, ...main }).requestCertificateIssuance(input);
  assert.equal(ok.ok, true, JSON.stringify(ok.error));
  assert.match(ok.data.requestSn, /^[0-9a-f]{32}$/);
  assert.deepEqual(ok.data.dnsName, ['*.example.com']);

  const forbidden = await createClient({ baseUrl: SANDBOX, ...sub }).requestCertificateIssuance(input);
  assert.equal(forbidden.ok, false);
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.error.kind, 'subAccountForbidden');
  assert.match(forbidden.error.hint, /main account/);
  assert.equal(forbidden.retried, false);

  const badDomain = await createClient({ baseUrl: SANDBOX, ...main }).requestCertificateIssuance({ ...input, dnsName: ['a..example.com'] }).catch((e) => e);
  // Core validation catches it before sending.
  assert.ok(isNcpCertkitError(badDomain));
  assert.equal(badDomain.code, 'invalid_input');
  assert.equal(badDomain.problems[0].field, 'dnsName[0]');
});

test('a clock 10 minutes off: the 401 is retried once with the server time, and remembered', async () => {
  const { f, calls } = recordingFetch();
  const skewed = await demo(SKEWED);
  const client = createClient({ baseUrl: SKEWED, ...skewed.main, fetch: f });
  assert.equal(client.clockCorrectionMs, 0);
  const result = await client.issueEndCert({ caTag: skewed.caTags.issuing, x509Parameters: { commonName: 'skew.example.test' } });
  assert.equal(result.ok, true, JSON.stringify(result.error));
  assert.equal(result.retried, true);
  assert.equal(calls.length, 2, 'one refused attempt, one retry');
  const [first, second] = calls.map((c) => Number(c.init.headers['x-ncp-apigw-timestamp']));
  // The retry is signed with the server's clock: about SKEW_MS later than the first attempt.
  assert.ok(Math.abs(second - first - SKEW_MS) < 60000, `timestamps ${first} then ${second}`);
  assert.ok(Math.abs(result.clockSkewMs - SKEW_MS) < 60000, `measured skew ${result.clockSkewMs}`);
  assert.ok(Math.abs(client.clockCorrectionMs - SKEW_MS) < 60000);

  const next = await client.issueEndCert({ caTag: skewed.caTags.issuing, x509Parameters: { commonName: 'skew2.example.test' } });
  assert.equal(next.ok, true);
  assert.equal(next.retried, false, 'the correction is kept for later calls');
  assert.equal(calls.length, 3);
});

test('a wrong secret key fails once the clock is corrected, with a hint about the keys', async () => {
  const skewed = await demo(SKEWED);
  const { f, calls } = recordingFetch();
  const client = createClient({ baseUrl: SKEWED, accessKey: skewed.main.accessKey, secretKey: 'wrong-secret', fetch: f });
  const result = await client.issueEndCert({ caTag: skewed.caTags.issuing, x509Parameters: { commonName: 'x.example.test' } });
  assert.equal(result.ok, false);
  assert.equal(result.status, 401);
  assert.equal(result.error.kind, 'authFailed');
  assert.equal(result.retried, true);
  assert.equal(calls.length, 2, 'retried once only');
  assert.match(result.error.hint, /clock is fine|access key/);

  const plain = await createClient({ baseUrl: SANDBOX, accessKey: main.accessKey, secretKey: 'wrong' })
    .issueEndCert({ caTag: caTags.issuing, x509Parameters: { commonName: 'x.example.test' } });
  assert.equal(plain.error.kind, 'authFailed');
  assert.equal(plain.retried, false);
});

test('invalid input and unreachable hosts reject with NcpCertkitError; nothing is sent for bad input', async () => {
  const { f, calls } = recordingFetch();
  const client = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const bad = await client.issueEndCert({ caTag: caTags.issuing, x509Parameters: { commonName: '' } }).catch((e) => e);
  assert.ok(bad instanceof Error);
  assert.equal(bad.code, 'invalid_input');
  assert.deepEqual(bad.problems.map((p) => p.field), ['x509Parameters.commonName']);
  assert.equal(calls.length, 0);

  const offline = await createClient({ baseUrl: 'http://127.0.0.1:9', ...main })
    .issueEndCert({ caTag: caTags.issuing, x509Parameters: { commonName: 'n.example.test' } })
    .catch((e) => e);
  assert.ok(isNcpCertkitError(offline), String(offline));
  assert.equal(offline.code, 'network');
  assert.match(offline.message, /127\.0\.0\.1:9/);

  const notFound = await createClient({ baseUrl: SANDBOX, ...main })
    .issueEndCert({ caTag: '0000000000-0000000000', x509Parameters: { commonName: 'n.example.test' } });
  assert.equal(notFound.error.kind, 'caNotFound');

  assert.throws(() => createClient({ ...main, fetch: 42 }), (e) => e.code === 'invalid_argument' && /fetch/.test(e.message));
});
