// Signature v2 through the installed package, loaded with `require` (CommonJS).
// Vectors: NAVER Cloud's public ones (ncp-api.md, from ncp-iam-authenticator's tests), and
// certkit-core's file computed by OpenSSL (crates/core/tests/vectors/generate.sh).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { createHmac } = require('node:crypto');
const certkit = require('ncp-certkit');

test('the public vectors sign byte for byte', () => {
  const vectors = [
    ['GET', '/cluster/kubeconfig', 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0='],
    [
      'GET',
      '/iam/krs-v1/user?clusterUuid=D11328F1-ECA9-4F1B-BA22-921F61D9C5FF',
      'emeahfW4CmzsxIQ5ip0cd9yqERXJ+ZJsRfQpGNmKdXk=',
    ],
  ];
  for (const [method, pathAndQuery, signature] of vectors) {
    const sts = certkit.stringToSign(method, pathAndQuery, 1668407407855, 'access');
    assert.equal(sts, `${method} ${pathAndQuery}\n1668407407855\naccess`);
    assert.equal(certkit.sign('secret', sts), signature);
  }
});

/** certkit-core's signature vectors (OpenSSL-computed, plus NAVER Cloud's public ones), one
 * record a block of `key: value` lines. */
function signatureVectors() {
  const file = path.join(process.env.CERTKIT_CORE_DIR, 'tests', 'vectors', 'signature-v2.txt');
  const records = fs
    .readFileSync(file, 'utf8')
    .split(/\n\s*\n/)
    .map((block) => Object.fromEntries(
      block.split('\n').filter((l) => /^[a-z_]+: /.test(l)).map((l) => {
        const i = l.indexOf(': ');
        return [l.slice(0, i), l.slice(i + 2)];
      }),
    ))
    .filter((r) => r.signature);
  return { file, records };
}

test('every OpenSSL vector of certkit-core signs byte for byte', () => {
  const { file, records } = signatureVectors();
  assert.ok(records.length >= 3, `expected several vectors in ${file}, found ${records.length}`);
  for (const r of records) {
    const sts = certkit.stringToSign(r.method, r.path, Number(r.timestamp), r.access_key);
    assert.equal(certkit.sign(r.secret_key, sts), r.signature, r.name);
  }
});

test('signRequest gives the three headers of every vector in one call', () => {
  // The public vectors (NAVER Cloud's) and certkit-core's OpenSSL-computed file, as above.
  const { records } = signatureVectors();
  assert.ok(records.some((r) => r.signature === 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0='));
  for (const r of records) {
    const headers = certkit.signRequest(r.method, r.path, Number(r.timestamp), r.access_key, r.secret_key);
    // Exactly the three headers, as fetch takes them (own enumerable string properties).
    assert.deepEqual(headers, {
      'x-ncp-apigw-timestamp': r.timestamp,
      'x-ncp-iam-access-key': r.access_key,
      'x-ncp-apigw-signature-v2': r.signature,
    }, r.name);
    assert.deepEqual(Object.fromEntries(new Headers(headers)), headers, r.name);
  }
});

test('signRequest signs what createHmac signs, for a lower-case method too', () => {
  // node:crypto (OpenSSL) as the independent HMAC; the gateway signs the method upper-cased.
  const hmac = (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');
  for (const [method, pathAndQuery, ts, ak, sk] of [
    ['post', '/api/v1/ca/tag-01/cert', 1723101003000, 'AK0001', 's3cret/+='],
    ['GET', '/api/v2/certificate/getVerificationInfo/123?domainAddress=a%20b.example', 0, '', ''],
    ['DELETE', '/api/v1/ca/%ED%83%9C%EA%B7%B8', 2 ** 53 - 1, '액세스', '비밀키'],
    // Characters that need escaping on the way out of wasm come back unchanged.
    ['PUT', '/x', 1, 'a"b\\c\u0001\u001f}', 's'],
  ]) {
    const headers = certkit.signRequest(method, pathAndQuery, ts, ak, sk);
    const sts = `${method.toUpperCase()} ${pathAndQuery}\n${ts}\n${ak}`;
    assert.equal(headers['x-ncp-apigw-signature-v2'], hmac(sk, sts), `${method} ${pathAndQuery}`);
    assert.equal(headers['x-ncp-apigw-timestamp'], String(ts));
    assert.equal(headers['x-ncp-iam-access-key'], ak);
    assert.equal(headers['x-ncp-apigw-signature-v2'], certkit.sign(sk, certkit.stringToSign(method, pathAndQuery, ts, ak)));
  }
});

test('signRequest rejects arguments of the wrong type or a bad timestamp, naming them', () => {
  const args = ['GET', '/x', 1, 'access', 'secret'];
  for (const [index, bad, name] of [
    [0, 1, 'method'], [1, undefined, 'pathAndQuery'], [2, 1.5, 'timestampMs'], [2, -1, 'timestampMs'],
    [3, null, 'accessKey'], [4, 42, 'secretKey'],
  ]) {
    const call = args.slice();
    call[index] = bad;
    assert.throws(
      () => certkit.signRequest(...call),
      (e) => e instanceof Error && e.name === 'NcpCertkitError' && e.code === 'invalid_argument'
        && e.message.includes(name),
      `${name} = ${bad}`,
    );
  }
  // The module still works after a throw.
  assert.equal(certkit.signRequest('GET', '/cluster/kubeconfig', 1668407407855, 'access', 'secret')['x-ncp-apigw-signature-v2'],
    'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=');
});

test('stringToSign rejects a timestamp that is not whole milliseconds', () => {
  for (const bad of [1.5, -1, Number.NaN, 2 ** 60]) {
    assert.throws(
      () => certkit.stringToSign('GET', '/x', bad, 'access'),
      (e) => e instanceof Error && e.name === 'NcpCertkitError' && e.code === 'invalid_argument'
        && /timestampMs/.test(e.message) && Array.isArray(e.problems),
    );
  }
});

test('a Signer keyed once signs every vector as sign(stringToSign()) does, request after request', () => {
  const { records } = signatureVectors();
  assert.ok(records.some((r) => r.signature === 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0='));
  for (const r of records) {
    const signer = new certkit.Signer(r.access_key, r.secret_key);
    assert.equal(signer.accessKey, r.access_key);
    // Twice: the keyed state is copied per signature, never consumed.
    for (let round = 0; round < 2; round += 1) {
      assert.equal(signer.sign(r.method, r.path, Number(r.timestamp)), r.signature, r.name);
      assert.deepEqual(signer.signRequest(r.method, r.path, Number(r.timestamp)), {
        'x-ncp-apigw-timestamp': r.timestamp,
        'x-ncp-iam-access-key': r.access_key,
        'x-ncp-apigw-signature-v2': r.signature,
      }, r.name);
    }
    signer.free();
  }
});

test('a Signer signs what createHmac signs: lower-case methods, long keys, UTF-8, edge timestamps', () => {
  // node:crypto (OpenSSL) as the independent HMAC; the gateway signs the method upper-cased.
  const hmac = (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');
  for (const [method, pathAndQuery, ts, ak, sk] of [
    ['post', '/api/v1/ca/tag-01/cert', 1723101003000, 'AK0001', 's3cret/+='],
    ['GET', '/api/v2/certificate/getVerificationInfo/123?domainAddress=a%20b.example', 0, '', ''],
    ['Delete', '/api/v1/ca/%ED%83%9C%EA%B7%B8', 2 ** 53 - 1, '액세스', '비밀키'.repeat(30)],
    ['PUT', '/x'.repeat(100), 10, 'a"b\\c', 'k'.repeat(64)],
  ]) {
    const signer = new certkit.Signer(ak, sk);
    const sts = `${method.toUpperCase()} ${pathAndQuery}\n${ts}\n${ak}`;
    assert.equal(signer.sign(method, pathAndQuery, ts), hmac(sk, sts), `${method} ${pathAndQuery}`);
    signer.free();
  }
});

test("a Signer's JS fast path and the generated sign it falls back to give the same answers", () => {
  // The fast path takes ASCII requests that fit its 4096-byte buffer; the rest go through
  // the generated `sign`. Both are checked against node:crypto on each side of every edge.
  const hmac = (secret, text) => createHmac('sha256', secret).update(text, 'utf8').digest('base64');
  const signer = new certkit.Signer('AK0001', 's3cret');
  const cases = [
    ['GET', '', 0], ['', '/x', 1], ['get', '/cluster/kubeconfig', 2 ** 53 - 1],
    ['GET', '/태그', 1], ['GÉT', '/x', 1], ['GET', '/\u007f\u0080', 1], ['GET', '/\ud800', 1],
    ['POST', '/'.repeat(4092), 1], ['POST', '/'.repeat(4093), 1], ['POST', 'é'.repeat(5000), 1],
  ];
  for (const [method, pathAndQuery, ts] of cases) {
    const expected = hmac('s3cret', `${method.toUpperCase()} ${pathAndQuery}\n${ts}\nAK0001`);
    const what = `${method} ${pathAndQuery.slice(0, 20)} (${pathAndQuery.length} chars)`;
    assert.equal(signer.sign(method, pathAndQuery, ts), expected, what);
    // A longer request in between leaves nothing behind for a shorter one.
    assert.equal(signer.sign('GET', '/x', 5), hmac('s3cret', 'GET /x\n5\nAK0001'), `after ${what}`);
  }
  // A timestamp is converted as before: a numeric string reads as its number, a BigInt throws
  // JS's TypeError, and what the wasm side refuses throws its error.
  assert.equal(signer.sign('GET', '/x', '5'), signer.sign('GET', '/x', 5));
  assert.throws(() => signer.sign('GET', '/x', 5n), TypeError);
  for (const bad of [2 ** 53, Number.NaN, Infinity, '1.5', undefined]) {
    assert.throws(() => signer.sign('GET', '/x', bad),
      (e) => e.name === 'NcpCertkitError' && e.code === 'invalid_argument' && e.message.includes('timestampMs'), String(bad));
  }
  // A memory growth (a 16 MB string passed in) detaches the wasm memory's views; the fast
  // path renews its own.
  const before = signer.sign('GET', '/x', 5);
  certkit.sign('k', 'x'.repeat(16 * 1024 * 1024));
  assert.equal(signer.sign('GET', '/x', 5), before);
  // Its wasm entries are not part of the API: the wrapper took them off the class.
  assert.deepEqual([...Object.getOwnPropertyNames(certkit.Signer), ...Object.getOwnPropertyNames(certkit.Signer.prototype)]
    .filter((name) => /scratch/i.test(name)), []);
  // Freed, or called on another object, it throws what the generated method throws.
  signer.free();
  const thrown = (call) => { try { call(); } catch (e) { return `${e.name}: ${e.message}`; } return 'no throw'; };
  assert.equal(thrown(() => signer.sign('GET', '/x', 5)), thrown(() => signer.signRequest('GET', '/x', 5)));
  assert.equal(thrown(() => certkit.Signer.prototype.sign.call({}, 'GET', '/x', 5)),
    thrown(() => certkit.Signer.prototype.signRequest.call({}, 'GET', '/x', 5)));
  assert.notEqual(thrown(() => signer.sign('GET', '/x', 5)), 'no throw');
});

test('a Signer rejects arguments of the wrong type, naming them, and keeps working', () => {
  assert.throws(() => new certkit.Signer('access', 42),
    (e) => e.name === 'NcpCertkitError' && e.code === 'invalid_argument' && e.message.includes('secretKey'));
  assert.throws(() => new certkit.Signer(undefined, 'secret'),
    (e) => e.name === 'NcpCertkitError' && e.code === 'invalid_argument' && e.message.includes('accessKey'));
  const signer = new certkit.Signer('access', 'secret');
  for (const [call, name] of [
    [() => signer.sign(1, '/x', 1), 'method'], [() => signer.sign('GET', null, 1), 'pathAndQuery'],
    [() => signer.sign('GET', '/x', 1.5), 'timestampMs'], [() => signer.signRequest('GET', '/x', -1), 'timestampMs'],
  ]) {
    assert.throws(call, (e) => e.name === 'NcpCertkitError' && e.code === 'invalid_argument' && e.message.includes(name), name);
  }
  assert.equal(signer.sign('GET', '/cluster/kubeconfig', 1668407407855), 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=');
  // The secret is neither a property nor in what the object prints.
  assert.ok(!JSON.stringify(Object.entries(signer)).includes('secret'));
  assert.ok(!require('node:util').inspect(signer, { showHidden: true }).includes('secret'));
  signer.free();
});

test('require() gives every function of the API', () => {
  for (const name of [
    'stringToSign', 'sign', 'signRequest', 'Signer', 'validate', 'buildRequest', 'toCurl', 'parseResponse', 'inspectPem',
    'orderChain', 'verifyChain', 'keyMatchesCertificate', 'createClient', 'isNcpCertkitError',
    'clockSkewMs', 'isSkewRejected', 'maxClockSkewMs',
  ]) {
    assert.equal(typeof certkit[name], 'function', name);
  }
});
