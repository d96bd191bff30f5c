// validate, buildRequest, toCurl and parseResponse through the installed package, loaded with
// `import` (ES module). Signatures are recomputed with node:crypto, independently of the
// package; expected envelopes and classifications follow ncp-api.md sections 2 and 3.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  buildRequest, isDestructive, isNcpCertkitError, parseResponse, toCurl, validate, warnings, clockSkewMs,
  isSkewRejected, maxClockSkewMs, maxClockCorrectionMs, sign, stringToSign, keyMatchesCertificate,
} from 'ncp-certkit';

const T = 1723101003000;
const keys = { accessKey: 'AKEXAMPLE0001', secretKey: 'secret/key+example' };
const hmac = (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');
const codes = (problems) => problems.map((p) => `${p.field}:${p.code}`);
const CERT_PEM = `-----BEGIN CERTIFICATE-----
MIIBszCCAVmgAwIBAgIUXj4c3Y3oVKF1rGx4Q8nYJ6TgIxQwCgYIKoZIzj0EAwIw
-----END CERTIFICATE-----
`;

function throwsCertkit(fn, code, check = () => true) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught, 'expected a throw');
  assert.ok(caught instanceof Error, 'thrown value is an Error');
  assert.ok(isNcpCertkitError(caught));
  assert.equal(caught.name, 'NcpCertkitError');
  assert.equal(caught.code, code, caught.message);
  assert.ok(Array.isArray(caught.problems));
  assert.ok(check(caught), caught.message);
  return caught;
}

test('validate: valid inputs of each operation have no problems', () => {
  assert.deepEqual(validate('issueEndCert', { caTag: 'ca-1', x509Parameters: { commonName: 'name000' } }), []);
  assert.deepEqual(validate('issueEndCert', {
    caTag: 'ca-1', keyType: 'EC256', period: 'MAX',
    x509Parameters: { commonName: 'svc', altName: 'a.example.com,ops@example.com', ip: '10.0.0.1,::1', country: 'KR' },
  }), []);
  assert.deepEqual(validate('activateSubCa', { caTag: 'ca-2', certPem: CERT_PEM, caChainPem: CERT_PEM }), []);
  assert.deepEqual(validate('requestCertificateIssuance', {
    certificateName: 'web', commonName: 'example.com', dnsName: ['*.example.com', 'www.example.com'], validationMethod: 'D',
  }), []);
});

test('validate: Issue End Cert problems name the field and rule', () => {
  const problems = validate('issueEndCert', {
    caTag: '', keyType: 'RSA1024', period: '0',
    x509Parameters: { commonName: 'x'.repeat(65), country: 'Korea', ip: '300.1.1.1' },
  });
  const found = codes(problems);
  for (const expected of [
    'caTag:required', 'keyType:invalid_key_type', 'period:invalid_period',
    'x509Parameters.commonName:too_long', 'x509Parameters.country:invalid_country',
  ]) {
    assert.ok(found.includes(expected), `${expected} missing from ${found.join(', ')}`);
  }
  assert.ok(found.some((f) => f.startsWith('x509Parameters.ip') && f.endsWith(':invalid_ip')), found.join(', '));
  for (const p of problems) {
    assert.equal(typeof p.message, 'string');
    assert.ok(p.message.length > 10, p.message);
  }
  assert.deepEqual(codes(validate('issueEndCert', { caTag: 'ca-1', x509Parameters: {} })), ['x509Parameters.commonName:required']);
});

test('validate: Activate Sub CA problems', () => {
  const found = codes(validate('activateSubCa', { caTag: 'ca-2', certPem: 'hello', caChainPem: '' }));
  assert.ok(found.includes('certPem:invalid_pem'), found.join(', '));
  assert.ok(found.includes('caChainPem:required'), found.join(', '));
  const key = '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n';
  const withKey = codes(validate('activateSubCa', { caTag: 'ca-2', certPem: CERT_PEM + key, caChainPem: CERT_PEM }));
  assert.ok(withKey.includes('certPem:contains_private_key'), withKey.join(', '));
});

test('validate: Request Certificate Issuance problems', () => {
  const found = codes(validate('requestCertificateIssuance', {
    certificateName: '', commonName: 'not a domain', dnsName: ['ok.example.com', 'bad domain'], validationMethod: 'X',
  }));
  for (const expected of [
    'certificateName:required', 'commonName:invalid_domain', 'dnsName[1]:invalid_domain',
    'validationMethod:invalid_validation_method',
  ]) {
    assert.ok(found.includes(expected), `${expected} missing from ${found.join(', ')}`);
  }
  assert.ok(!found.some((f) => f.startsWith('dnsName[0]')), found.join(', '));
});

test('validate: an impossible input shape is one invalid_json problem; an unknown operation throws', () => {
  const problems = validate('issueEndCert', { caTag: 'ca', x509Parameters: 'commonName' });
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'invalid_json');
  assert.equal(validate('requestCertificateIssuance', 42)[0].code, 'invalid_json');
  throwsCertkit(() => validate('issueCert', {}), 'unknown_operation', (e) => e.problems[0].code === 'unknown_operation');
});

test('buildRequest: Issue End Cert on the public site, header by header', () => {
  const input = { caTag: '3f8a1b2c-7d4e5f60', x509Parameters: { commonName: 'name000' } };
  const r = buildRequest('issueEndCert', input, { site: 'public', ...keys, timestampMs: T });
  const path = '/api/v1/ca/3f8a1b2c-7d4e5f60/cert';
  assert.equal(r.method, 'POST');
  assert.equal(r.url, `https://pca.apigw.ntruss.com${path}`);
  assert.equal(r.pathAndQuery, path);
  assert.deepEqual(Object.keys(r.headers), [
    'x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2', 'Content-Type',
  ]);
  assert.equal(r.headers['x-ncp-apigw-timestamp'], String(T));
  assert.equal(r.headers['x-ncp-iam-access-key'], keys.accessKey);
  assert.equal(r.headers['x-ncp-apigw-signature-v2'], hmac(keys.secretKey, `POST ${path}\n${T}\n${keys.accessKey}`));
  assert.equal(r.headers['Content-Type'], 'application/json');
  assert.equal(r.body, '{"x509Parameters":{"commonName":"name000"}}');
  assert.ok(!JSON.stringify(r).includes(keys.secretKey), 'the secret key is not in the request');
});

test('buildRequest: Request Certificate Issuance adds accept; the gov site has a different Private CA host', () => {
  const r = buildRequest('requestCertificateIssuance', {
    certificateName: 'web', commonName: 'example.com', dnsName: ['www.example.com'], validationMethod: 'D',
  }, { ...keys, timestampMs: T });
  const path = '/api/v2/certificate/requestCertificateIssuance';
  assert.equal(r.url, `https://certificatemanager.apigw.ntruss.com${path}`);
  assert.deepEqual(Object.keys(r.headers), [
    'x-ncp-apigw-timestamp', 'x-ncp-iam-access-key', 'x-ncp-apigw-signature-v2', 'Content-Type', 'accept',
  ]);
  assert.equal(r.headers.accept, 'application/json');
  assert.equal(r.headers['x-ncp-apigw-signature-v2'], hmac(keys.secretKey, `POST ${path}\n${T}\n${keys.accessKey}`));
  assert.deepEqual(JSON.parse(r.body), {
    certificateName: 'web', commonName: 'example.com', dnsName: ['www.example.com'], validationMethod: 'D',
  });
  const gov = buildRequest('activateSubCa', { caTag: 'ca-2', certPem: CERT_PEM, caChainPem: CERT_PEM }, { site: 'gov', ...keys, timestampMs: T });
  assert.equal(gov.url, 'https://privateca.apigw.gov-ntruss.com/api/v1/ca/ca-2/activate');
  assert.deepEqual(Object.keys(JSON.parse(gov.body)), ['certPem', 'caChainPem']);
});

test('buildRequest: baseUrl changes the URL, not what is signed', () => {
  const input = { caTag: 'ca-1', x509Parameters: { commonName: 'name000' } };
  const direct = buildRequest('issueEndCert', input, { ...keys, timestampMs: T });
  const viaSandbox = buildRequest('issueEndCert', input, { ...keys, timestampMs: T, baseUrl: 'http://127.0.0.1:9/sandbox/' });
  assert.equal(viaSandbox.url, 'http://127.0.0.1:9/sandbox/api/v1/ca/ca-1/cert');
  assert.deepEqual(viaSandbox.headers, direct.headers);
});

test('buildRequest: baseUrl is https:, or http: to loopback only (a signed request is a bearer token)', () => {
  const input = { caTag: 'ca-1', x509Parameters: { commonName: 'name000' } };
  for (const ok of ['https://proxy.example/ncp/public/private-ca', 'http://localhost:8080/sandbox', 'http://127.0.0.1:9', 'http://[::1]:9', '/ncp/public/private-ca']) {
    assert.ok(buildRequest('issueEndCert', input, { ...keys, timestampMs: T, baseUrl: ok }).url.endsWith('/api/v1/ca/ca-1/cert'), ok);
  }
  for (const bad of ['http://192.168.0.10:8080', 'http://proxy.example', 'http://localhost.evil.example', 'http://127.0.0.1@evil.example', 'ftp://x.example', '//evil.example']) {
    assert.throws(() => buildRequest('issueEndCert', input, { ...keys, timestampMs: T, baseUrl: bad }), (e) => {
      assert.equal(e.code, 'invalid_argument', bad);
      assert.match(e.message, /^baseUrl /, bad);
      return true;
    }, bad);
  }
  const plain = (() => { try { buildRequest('issueEndCert', input, { ...keys, baseUrl: 'http://192.168.0.10' }); } catch (e) { return e; } })();
  assert.match(plain.message, /https:.*any body.*until it expires/);
});

test('buildRequest: timestampMs defaults to now', () => {
  const before = Date.now();
  const r = buildRequest('issueEndCert', { caTag: 'ca-1', x509Parameters: { commonName: 'n' } }, keys);
  const after = Date.now();
  const t = Number(r.headers['x-ncp-apigw-timestamp']);
  assert.ok(t >= before && t <= after, `${t} not in [${before}, ${after}]`);
});

test('buildRequest: errors are NcpCertkitError objects with code and problems', () => {
  const input = { caTag: '', x509Parameters: { commonName: '' } };
  const e = throwsCertkit(() => buildRequest('issueEndCert', input, { ...keys, timestampMs: T }), 'invalid_input');
  assert.deepEqual(e.problems, validate('issueEndCert', input));
  assert.deepEqual(codes(e.problems), ['caTag:required', 'x509Parameters.commonName:required']);
  throwsCertkit(() => buildRequest('requestCertificateIssuance', {
    certificateName: 'web', commonName: 'example.com', validationMethod: 'D',
  }, { site: 'fin', ...keys, timestampMs: T }), 'not_offered', (err) => /fin|public/i.test(err.message));
  throwsCertkit(() => buildRequest('issueEndCert', { caTag: 'c', x509Parameters: { commonName: 'n' } }, { site: 'mars', ...keys }), 'invalid_argument', (err) => /site/.test(err.message));
  throwsCertkit(() => buildRequest('issueEndCert', { caTag: 'c', x509Parameters: { commonName: 'n' } }, { secretKey: 's' }), 'invalid_argument', (err) => /accessKey/.test(err.message));
  throwsCertkit(() => buildRequest('issueEndCert', { caTag: 'c', x509Parameters: { commonName: 'n' } }, { ...keys, timestampMs: 1.5 }), 'invalid_argument');
});

test('options of the wrong shape throw invalid_argument naming the options, the field and what it got', () => {
  const input = { caTag: 'c', x509Parameters: { commonName: 'n' } };
  const names = (fn, pattern) => throwsCertkit(fn, 'invalid_argument', (e) => pattern.test(e.message));
  names(() => buildRequest('issueEndCert', input, 42), /^buildRequest options must be an object, got number$/);
  names(() => buildRequest('issueEndCert', input, { ...keys, accessKey: 7 }), /^buildRequest options: accessKey must be a string, got number$/);
  names(() => buildRequest('issueEndCert', input, { accessKey: 'a' }), /^buildRequest options: secretKey is required/);
  names(() => buildRequest('issueEndCert', input, { ...keys, site: true }), /^buildRequest options: site must be a string, got boolean$/);
  names(() => buildRequest('issueEndCert', input, { ...keys, timestampMs: '1' }), /^buildRequest options: timestampMs must be a number, got string$/);
  // Numbers in messages are written as JS writes them.
  names(() => buildRequest('issueEndCert', input, { ...keys, timestampMs: 1.5 }), /timestampMs must be a whole number .*, got 1\.5$/);
  names(() => buildRequest('issueEndCert', input, { ...keys, timestampMs: -Infinity }), /, got -Infinity$/);
  // null and undefined are absent; a function among the options (createClient's fetch) is left alone.
  assert.ok(buildRequest('issueEndCert', input, { ...keys, site: null, baseUrl: undefined, timestampMs: T, fetch: () => {} }).url);
  const r = buildRequest('issueEndCert', input, { ...keys, timestampMs: T });
  names(() => toCurl({ ...r, headers: { ...r.headers, 'x-n': 1 } }), /^toCurl request: headers\.x-n must be a string, got number$/);
  names(() => toCurl({ ...r, headers: 'x' }), /^toCurl request: headers must be an object of strings, got string$/);
  names(() => toCurl({ ...r, pathAndQuery: undefined }), /^toCurl request: pathAndQuery is required/);
  names(() => toCurl(r, { maskAccessKey: 'yes' }), /^toCurl options: maskAccessKey must be a boolean, got string$/);
  names(() => parseResponse('getCa', 200, '{}', { clockSkewMs: '5' }), /^parseResponse options: clockSkewMs must be a number, got string$/);
  assert.equal(parseResponse('getCa', 200, '{}', null).ok, false);
});

test('answers hold no null: an absent value is an absent key, read as undefined as the declarations say', () => {
  // Every documented success (the contracts' examples, from the vendor's docs), parsed as its
  // operation; and a failure without a vendor code.
  const dir = path.join(process.env.CERTKIT_CORE_DIR ?? '', 'tests', 'fixtures', 'contract');
  const nulls = (value, at, out) => {
    if (value === null) out.push(at);
    else if (typeof value === 'object' && !(value instanceof Uint8Array)) {
      for (const [key, inner] of Object.entries(value)) nulls(inner, `${at}.${key}`, out);
    }
    return out;
  };
  let parsed = 0;
  for (const file of fs.readdirSync(dir).filter((f) => /^[a-z][A-Za-z]+\.json$/.test(f))) {
    const contract = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    // Download Certificate's success is a ZIP, not JSON (its bytes have a test of their own).
    if (!contract.operation || contract.example == null || contract.operation === 'downloadCertificate') continue;
    const body = typeof contract.example === 'string' ? contract.example : JSON.stringify(contract.example);
    const r = parseResponse(contract.operation, contract.httpStatus ?? 200, body);
    assert.equal(r.ok, true, `${file}: ${JSON.stringify(r.error)}`);
    const found = nulls(r, 'result', []);
    const noData = ['revokeEndCert', 'deleteCa'].includes(contract.operation);
    assert.deepEqual(found, noData ? ['result.data'] : [], file);
    parsed += 1;
  }
  assert.ok(parsed >= 20, `${parsed} contracts parsed`);
  const failure = parseResponse('getCa', 500, '');
  assert.equal(failure.ok, false);
  assert.ok(!('code' in failure.error), JSON.stringify(failure.error));
  assert.equal(failure.error.code, undefined);
});

test('toCurl prints a runnable command; masked on request', () => {
  const r = buildRequest('issueEndCert', { caTag: 'ca-1', x509Parameters: { commonName: "it's" } }, { ...keys, timestampMs: T });
  const curl = toCurl(r);
  assert.ok(curl.startsWith(`curl --location --request POST '${r.url}'`), curl);
  for (const [name, value] of Object.entries(r.headers)) {
    assert.ok(curl.includes(`--header '${name}: ${value}'`), `${name} missing in ${curl}`);
  }
  assert.ok(curl.includes(`--data '{"x509Parameters":{"commonName":"it'\\''s"}}'`), curl);
  const masked = toCurl(JSON.parse(JSON.stringify(r)), { maskAccessKey: true });
  assert.ok(!masked.includes(keys.accessKey));
  assert.ok(masked.includes('AKEX****'));
  assert.ok(!curl.includes(keys.secretKey));
});

// Every failure kind of core's classification, from the envelopes in ncp-api.md section 3.
const gw = (code, message = 'm') => JSON.stringify({ error: { errorCode: code, message } });
const FAILURES = [
  ['issueEndCert', 400, gw('100'), 'badRequest', '100'],
  ['issueEndCert', 401, gw('200', 'Authentication Failed'), 'authFailed', '200'],
  ['issueEndCert', 401, JSON.stringify({ error: { errorCode: 200, message: 'Authentication Failed' } }), 'authFailed', '200'],
  ['issueEndCert', 401, gw('210'), 'permissionDenied', '210'],
  ['requestCertificateIssuance', 403, gw('230'), 'forbidden', '230'],
  ['requestCertificateIssuance', 403, '', 'subAccountForbidden', undefined],
  ['issueEndCert', 404, gw('300', 'Not Found Exception'), 'notFound', '300'],
  ['issueEndCert', 429, gw('400'), 'throttled', '400'],
  ['issueEndCert', 429, gw('420'), 'throttled', '420'],
  ['issueEndCert', 413, gw('430'), 'tooLarge', '430'],
  ['issueEndCert', 504, gw('510'), 'timeout', '510'],
  ['issueEndCert', 503, gw('500'), 'serverError', '500'],
  ['issueEndCert', 500, gw('900'), 'serverError', '900'],
  ['issueEndCert', 400, JSON.stringify({ code: 'INVALID_CA_STATUS', msg: 'not active', data: null }), 'caNotActive', 'INVALID_CA_STATUS'],
  ['activateSubCa', 400, JSON.stringify({ code: 'NOT_EXIST_CASTORE', msg: 'no ca', data: null }), 'caNotFound', 'NOT_EXIST_CASTORE'],
  ['issueEndCert', 400, JSON.stringify({ code: 'EXCEED_COMMON_NAME', msg: 'too long', data: null }), 'invalidInput', 'EXCEED_COMMON_NAME'],
  ['requestCertificateIssuance', 200, JSON.stringify({ returnCode: '2201', returnMessage: 'Invalid DNS SANs input format' }), 'invalidInput', '2201'],
  ['requestCertificateIssuance', 400, JSON.stringify({ returnCode: '2100', returnMessage: 'required' }), 'invalidInput', '2100'],
  ['requestCertificateIssuance', 200, JSON.stringify({ returnCode: '1000', returnMessage: 'failed' }), 'serviceError', '1000'],
  ['issueEndCert', 502, '<html><body>Bad Gateway</body></html>', 'notJson', undefined],
  ['issueEndCert', 200, JSON.stringify({ hello: 'world' }), 'unexpectedResponse', undefined],
  // The project's proxy refusing by itself (crates/proxy/src/error.rs): no errorCode.
  ['issueEndCert', 504, JSON.stringify({ error: { code: 'upstreamTimeout', message: 'NCP did not answer' } }), 'proxyRefused', 'upstreamTimeout'],
];

test('parseResponse classifies every failure kind', () => {
  const seen = new Set();
  for (const [operation, status, body, kind, code] of FAILURES) {
    const r = parseResponse(operation, status, body);
    const label = `${operation} ${status} ${body}`;
    assert.equal(r.ok, false, label);
    assert.equal(r.error.kind, kind, label);
    assert.equal(r.error.code ?? undefined, code, label);
    assert.equal(typeof r.error.message, 'string');
    assert.ok(r.error.hint.length > 20, `${label}: hint "${r.error.hint}"`);
    assert.equal(r.data, undefined);
    seen.add(kind);
  }
  assert.equal(seen.size, 17, `kinds covered: ${[...seen].join(', ')}`);
  assert.match(parseResponse('requestCertificateIssuance', 403, '').error.hint, /main account/);
  assert.match(parseResponse('issueEndCert', 504, FAILURES.at(-1)[2]).error.hint, /network/);
});

test('parseResponse reads success bodies of the three operations', () => {
  const issued = parseResponse('issueEndCert', 200, JSON.stringify({
    code: 'SUCCESS', msg: 'Success',
    data: { privateKey: 'KEY', certificate: 'CERT', serialNo: '0A:0B', caChain: ['C1', 'C2'], ocspResponder: '', issuer: 'ISS' },
  }));
  assert.equal(issued.ok, true);
  assert.equal(issued.error, undefined);
  assert.equal(issued.data.privateKey, 'KEY');
  assert.equal(issued.data.serialNo, '0A:0B');
  assert.deepEqual(issued.data.caChain, ['C1', 'C2']);
  const oneChain = parseResponse('issueEndCert', 200, JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: { caChain: 'C1' } }));
  assert.deepEqual(oneChain.data.caChain, ['C1']);
  const activated = parseResponse('activateSubCa', 200, JSON.stringify({
    code: 'SUCCESS', msg: 'Success', data: { caInfo: { caTag: 'ca-2', status: 'ACTIVE' }, caCertInfo: { contry: 'KR', commonName: 'Sub' } },
  }));
  assert.equal(activated.ok, true);
  assert.equal(activated.data.caInfo.status, 'ACTIVE');
  assert.equal(activated.data.caCertInfo.country, 'KR');
  const requested = parseResponse('requestCertificateIssuance', 200, JSON.stringify({
    returnCode: '0', returnMessage: 'Success', certificateName: 'web', commonName: 'example.com', dnsName: 'a.example.com,b.example.com', validationMethod: 'D', requestSn: 'abc',
  }));
  assert.equal(requested.ok, true);
  assert.deepEqual(requested.data.dnsName, ['a.example.com', 'b.example.com']);
  assert.equal(requested.data.requestSn, 'abc');
});

test('clock skew helpers and the authFailed hint', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  assert.equal(clockSkewMs('Thu, 01 Jan 2026 12:10:00 GMT', now), 600000);
  assert.equal(clockSkewMs('yesterday', now), undefined);
  // A response without a Date header: headers.get('date') is null.
  assert.equal(clockSkewMs(null, now), undefined);
  assert.equal(clockSkewMs(undefined, now), undefined);
  assert.equal(maxClockSkewMs(), 300000);
  assert.equal(maxClockCorrectionMs(), 3600000);
  assert.equal(isSkewRejected(300000), true);
  assert.equal(isSkewRejected(-300000), true);
  assert.equal(isSkewRejected(299999), false);
  const body = gw('200', 'Authentication Failed');
  const skewed = parseResponse('issueEndCert', 401, body, { clockSkewMs: 600000 });
  assert.match(skewed.error.hint, /10 min/);
  const fine = parseResponse('issueEndCert', 401, body, { clockSkewMs: 2000 });
  assert.match(fine.error.hint, /clock is fine/);
});

test('arguments of the wrong type throw invalid_argument and leave the module working', async () => {
  // An async function rejects instead of throwing.
  await assert.rejects(keyMatchesCertificate({}, 'x'),
    (e) => isNcpCertkitError(e) && e.code === 'invalid_argument' && /keyPem/.test(e.message));
  throwsCertkit(() => sign(42, 'text'), 'invalid_argument', (e) => /secretKey must be a string, got number/.test(e.message));
  throwsCertkit(() => stringToSign('GET', undefined, 1, 'a'), 'invalid_argument', (e) => /pathAndQuery/.test(e.message));
  throwsCertkit(() => parseResponse('issueEndCert', 'abc', ''), 'invalid_argument', (e) => /status/.test(e.message));
  throwsCertkit(() => parseResponse('issueEndCert', 200, null), 'invalid_argument', (e) => /body must be a string, a Uint8Array or an ArrayBuffer/.test(e.message));
  throwsCertkit(() => validate(7, {}), 'invalid_argument', (e) => /operation/.test(e.message));
  throwsCertkit(() => clockSkewMs(0, 0), 'invalid_argument');
  assert.equal(sign('secret', stringToSign('GET', '/cluster/kubeconfig', 1668407407855, 'access')),
    'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=');
});

// ---- every operation -----------------------------------------------------------------------------

const CSR_PEM = `-----BEGIN CERTIFICATE REQUEST-----
MIHIMHACAQAwDjEMMAoGA1UEAwwDY3NyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcD
-----END CERTIFICATE REQUEST-----
`;
const SERIAL = '5D:8A:0C:11';

// Method, path with query, and body of each operation, written out from ncp-operations.md
// (P1-P13, C1-C7 and the seed specs), not from the package's own table.
const OPERATIONS = [
  ['getCaList', {}, 'GET', '/api/v1/ca?pageNo=1', undefined],
  ['getCaList', { pageNo: 3 }, 'GET', '/api/v1/ca?pageNo=3', undefined],
  ['getCa', { caTag: 'ca-1' }, 'GET', '/api/v1/ca/ca-1', undefined],
  ['createCa', {
    caType: 'PRIVATE_SUB', issuerTag: 'parent-1', alias: 'CA002', keyType: 'RSA2048', period: 'MAX',
    x509Parameters: { commonName: 'Sub CA', country: 'KR' },
  }, 'POST', '/api/v1/ca?caType=PRIVATE_SUB&issuerTag=parent-1',
  { alias: 'CA002', keyType: 'RSA2048', period: 'MAX', x509Parameters: { commonName: 'Sub CA', country: 'KR' } }],
  ['getSubCsr', { caTag: 'ca-1' }, 'GET', '/api/v1/ca/ca-1/sub/csr', undefined],
  ['signSubCsr', { caTag: 'ca-1', period: '10', csrPem: CSR_PEM }, 'POST', '/api/v1/ca/ca-1/sub/sign', { period: '10', csrPem: CSR_PEM }],
  ['activateSubCa', { caTag: 'ca-1', certPem: CERT_PEM, caChainPem: CERT_PEM }, 'POST', '/api/v1/ca/ca-1/activate', { certPem: CERT_PEM, caChainPem: CERT_PEM }],
  ['issueEndCert', { caTag: 'ca-1', x509Parameters: { commonName: 'n' } }, 'POST', '/api/v1/ca/ca-1/cert', { x509Parameters: { commonName: 'n' } }],
  ['signEndCsr', { caTag: 'ca-1', csrPem: CSR_PEM }, 'POST', '/api/v1/ca/ca-1/cert/sign', { csrPem: CSR_PEM }],
  ['getEndCertList', { caTag: 'ca-1' }, 'GET', '/api/v1/ca/ca-1/cert', undefined],
  ['getEndCertList', { caTag: 'ca-1', pageNo: '2' }, 'GET', '/api/v1/ca/ca-1/cert?pageNo=2', undefined],
  // P7: colons raw in the path, signed as sent.
  ['getEndCert', { caTag: 'ca-1', serialNo: SERIAL }, 'GET', `/api/v1/ca/ca-1/cert/${SERIAL}`, undefined],
  // P8: no body.
  ['revokeEndCert', { caTag: 'ca-1', serialNo: SERIAL }, 'POST', `/api/v1/ca/ca-1/cert/${SERIAL}/revoke`, undefined],
  ['getCaChain', { caTag: 'ca-1' }, 'GET', '/api/v1/ca/ca-1/chain', undefined],
  ['getCaCrl', { caTag: 'ca-1' }, 'GET', '/api/v1/ca/ca-1/crl', undefined],
  ['updateCa', { caTag: 'ca-1', status: 'DESTROYING' }, 'PUT', '/api/v1/ca/ca-1', { status: 'DESTROYING' }],
  ['deleteCa', { caTag: 'ca-1' }, 'DELETE', '/api/v1/ca/ca-1', undefined],
  ['requestCertificateIssuance', { certificateName: 'web', commonName: 'example.com', validationMethod: 'D' }, 'POST',
    '/api/v2/certificate/requestCertificateIssuance', { certificateName: 'web', commonName: 'example.com', validationMethod: 'D' }],
  // A name in a query is percent-encoded once.
  ['listCloudCertificates', { page: 1, pageSize: 20, certificateName: 'my cert/1' }, 'GET',
    '/api/v2/certificate/getCertificates?page=1&pageSize=20&certificateName=my%20cert%2F1', undefined],
  ['listCertificates', {}, 'GET', '/api/v2/certificate/certificates', undefined],
  ['listDcvStatuses', { certificateNo: 123, domainAddress: 'example.com' }, 'GET',
    '/api/v2/certificate/getVerificationInfo/123?domainAddress=example.com', undefined],
  ['deleteCertificate', { certificateNo: '123', certificateName: 'web' }, 'DELETE',
    '/api/v2/certificate/deleteCertificate/123?certificateName=web', undefined],
  ['reissueCertificate', { certificateNo: 123, csr: CSR_PEM, certificateName: 'web', commonName: 'example.com', validationMethod: 'D' }, 'POST',
    '/api/v2/certificate/123/reissue', { csr: CSR_PEM, certificateName: 'web', commonName: 'example.com', validationMethod: 'D' }],
  // C5: POST with at least {}.
  ['downloadCertificate', { certificateNo: 123 }, 'POST', '/api/v2/certificate/exportCertificate/123', {}],
  ['getCertificateChain', { certificateNo: 123 }, 'GET', '/api/v2/certificate/exportCertificate/123/chain', undefined],
  // C7: certificateNo is a JSON number in the body.
  ['revokeCertificate', { orderId: '1', certificateNo: '1', revokeType: 'superseded' }, 'POST', '/api/v2/certificate/revoke',
    { orderId: '1', certificateNo: 1, revokeType: 'superseded' }],
];

test('buildRequest: every operation\'s method, path, query and body as documented, signed as sent', () => {
  const covered = new Set();
  for (const [operation, input, method, path, body] of OPERATIONS) {
    const label = `${operation} ${JSON.stringify(input)}`;
    assert.deepEqual(validate(operation, input), [], label);
    const r = buildRequest(operation, input, { ...keys, timestampMs: T });
    assert.equal(r.method, method, label);
    assert.equal(r.pathAndQuery, path, label);
    const host = path.startsWith('/api/v1/') ? 'https://pca.apigw.ntruss.com' : 'https://certificatemanager.apigw.ntruss.com';
    assert.equal(r.url, `${host}${path}`, label);
    assert.equal(r.headers['x-ncp-apigw-signature-v2'], hmac(keys.secretKey, `${method} ${path}\n${T}\n${keys.accessKey}`), label);
    assert.equal(r.headers['Content-Type'], 'application/json', label);
    if (path.startsWith('/api/v2/')) {
      assert.match(r.headers.accept, operation === 'downloadCertificate' ? /application\/zip/ : /^application\/json$/, label);
    } else {
      assert.equal(r.headers.accept, undefined, label);
    }
    assert.deepEqual(r.body === undefined ? undefined : JSON.parse(r.body), body, label);
    assert.deepEqual(r.repairs, [], label);
    assert.deepEqual(r.warnings, [], label);
    covered.add(operation);
  }
  assert.equal(covered.size, 24, 'every operation');
});

test('buildRequest reports PEM repairs and warnings; toCurl reads such a request back', () => {
  const r = buildRequest('signEndCsr', { caTag: 'ca-1', csrPem: CSR_PEM.replace(/\n/g, '\r\n') }, { ...keys, timestampMs: T });
  assert.deepEqual(r.repairs.map((x) => `${x.field}:${x.code}`), ['csrPem:crlf']);
  assert.equal(JSON.parse(r.body).csrPem, CSR_PEM, 'sent as NCP documents it');
  const long = `${'a'.repeat(30)}.${'b'.repeat(30)}.example.com`;
  const input = { certificateName: 'w', commonName: long, validationMethod: 'D' };
  const w = buildRequest('requestCertificateIssuance', input, { ...keys, timestampMs: T });
  assert.deepEqual(w.warnings.map((p) => `${p.field}:${p.severity}`), ['commonName:warning']);
  assert.deepEqual(warnings('requestCertificateIssuance', input), w.warnings);
  assert.deepEqual(validate('requestCertificateIssuance', input), [], 'a warning does not block');
  assert.deepEqual(warnings('getCa', { caTag: 'ca-1' }), []);
  assert.match(toCurl(w), /--data '\{"certificateName":"w"/);
  assert.ok(!toCurl(buildRequest('getCa', { caTag: 'ca-1' }, { ...keys, timestampMs: T })).includes('--data'), 'a GET has no body');
});

test('validate: the documented rules of the lifecycle operations name field and rule', () => {
  const cases = [
    ['listDcvStatuses', { certificateNo: 1 }, 'domainAddress:required'],
    ['getEndCert', { caTag: 'ca-1', serialNo: '5D:8A:ZZ' }, 'serialNo:invalid_serial_no'],
    ['updateCa', { caTag: 'ca-1', status: 'PAUSED' }, 'status:invalid_status'],
    ['createCa', { caType: 'PRIVATE_ROOT', alias: 'ab', keyType: 'EC256', period: '30', x509Parameters: { commonName: 'x' } }, 'alias:invalid_alias'],
    ['createCa', { caType: 'ROOT', alias: 'abc', keyType: 'EC256', period: '30', x509Parameters: { commonName: 'x' } }, 'caType:invalid_ca_type'],
    ['deleteCertificate', { certificateNo: 7 }, 'certificateName:required'],
    ['getCertificateChain', { certificateNo: '12a' }, 'certificateNo:invalid_certificate_no'],
    ['revokeCertificate', { orderId: '1', certificateNo: 0, revokeType: 'stolen' }, 'revokeType:invalid_revoke_type'],
    ['signSubCsr', { caTag: 'ca-1', csrPem: CSR_PEM }, 'period:required'],
    ['signEndCsr', { caTag: 'ca-1', csrPem: CERT_PEM }, 'csrPem:invalid_csr'],
  ];
  for (const [operation, input, expected] of cases) {
    const found = codes(validate(operation, input));
    assert.ok(found.includes(expected), `${operation}: ${expected} missing from ${found.join(', ')}`);
    throwsCertkit(() => buildRequest(operation, input, { ...keys, timestampMs: T }), 'invalid_input',
      (e) => e.problems.some((p) => `${p.field}:${p.code}` === expected) && e.message.includes(expected.split(':')[0]));
  }
});

test('parseResponse: the lifecycle answers, a ZIP as bytes, data null for Revoke End Cert and Delete CA', () => {
  const caInfo = { caTag: 'ca-1', status: 'ACTIVE', caType: 'PRIVATE_ROOT', caId: 7 };
  const list = parseResponse('getCaList', 200, JSON.stringify({
    code: 'SUCCESS', msg: 'Success', data: { totalCnt: 1, caInfoList: [{ caInfo, caCertInfo: null }], totalPageNo: 1, currentPageNo: 1 },
  }));
  assert.equal(list.data.caInfoList[0].caInfo.caTag, 'ca-1');
  assert.equal(list.data.caInfoList[0].caInfo.caId, '7');
  assert.equal(parseResponse('getCaChain', 200, JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: CERT_PEM })).data, CERT_PEM);
  for (const operation of ['revokeEndCert', 'deleteCa']) {
    const done = parseResponse(operation, 200, '{"code":"SUCCESS","msg":"Success","data":null}');
    assert.equal(done.ok, true, operation);
    assert.equal(done.data, null, operation);
  }
  assert.equal(parseResponse('getSubCsr', 200, JSON.stringify({ code: 'SUCCESS', msg: 'Success', data: { csrPem: CSR_PEM } })).data.csrPem, CSR_PEM);
  const dcv = parseResponse('listDcvStatuses', 200, JSON.stringify({
    returnCode: 0, returnMessage: 'Success', totalRows: 1, dnsVerificationCount: 1,
    dnsVerificationList: [{ validSn: 1, requestSn: 'r', validStatusCode: 'VALID_STATUS_REG', txtName: '_x.example.com', txtValue: 'v' }],
  }));
  assert.equal(dcv.data.returnCode, '0');
  assert.equal(dcv.data.dnsVerificationList[0].txtName, '_x.example.com');
  assert.equal(dcv.data.dnsVerificationList[0].other.txtValue, 'v', 'undocumented fields are kept');
  // A ZIP (local file header magic) as bytes and as an ArrayBuffer.
  const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00, 0xff, 0x80]);
  for (const body of [zip, zip.buffer]) {
    const r = parseResponse('downloadCertificate', 200, body);
    assert.equal(r.ok, true);
    assert.ok(r.data.zip instanceof Uint8Array);
    assert.deepEqual([...r.data.zip], [...zip], 'byte for byte, invalid UTF-8 included');
  }
  const failed = parseResponse('downloadCertificate', 200, new TextEncoder().encode('{"returnCode":"2200","returnMessage":"No certificate was found."}'));
  assert.equal(failed.ok, false);
  assert.equal(failed.error.code, '2200');
});

test('isDestructive: revocations, deletions and scheduling deletion, from the input', () => {
  assert.equal(isDestructive('revokeEndCert', { caTag: 't', serialNo: '0a' }), true);
  assert.equal(isDestructive('deleteCa', { caTag: 't' }), true);
  assert.equal(isDestructive('deleteCertificate', { certificateNo: 1, certificateName: 'n' }), true);
  assert.equal(isDestructive('revokeCertificate', { orderId: '1', certificateNo: 0, revokeType: 'superseded' }), true);
  assert.equal(isDestructive('updateCa', { caTag: 't', status: 'DESTROYING' }), true);
  assert.equal(isDestructive('updateCa', { caTag: 't', status: 'DEACTIVATED' }), false);
  assert.equal(isDestructive('getCa', { caTag: 't' }), false);
  assert.equal(isDestructive('issueEndCert', { caTag: 't', x509Parameters: { commonName: 'a' } }), false);
});
