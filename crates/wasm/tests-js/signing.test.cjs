// Signature v2 through the installed package, loaded with `require` (CommonJS).
// Vectors: NAVER Cloud's public ones (ncp-api.md, from ncp-iam-authenticator's tests), and
// certkit-core's file computed by OpenSSL (crates/core/tests/vectors/generate.sh).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
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

test('every OpenSSL vector of certkit-core signs byte for byte', () => {
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
  assert.ok(records.length >= 3, `expected several vectors in ${file}, found ${records.length}`);
  for (const r of records) {
    const sts = certkit.stringToSign(r.method, r.path, Number(r.timestamp), r.access_key);
    assert.equal(certkit.sign(r.secret_key, sts), r.signature, r.name);
  }
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

test('require() gives every function of the API', () => {
  for (const name of [
    'stringToSign', 'sign', 'validate', 'buildRequest', 'toCurl', 'parseResponse', 'inspectPem',
    'orderChain', 'verifyChain', 'keyMatchesCertificate', 'createClient', 'isNcpCertkitError',
    'clockSkewMs', 'isSkewRejected', 'maxClockSkewMs',
  ]) {
    assert.equal(typeof certkit[name], 'function', name);
  }
});
