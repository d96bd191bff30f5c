// The runtime matrix (issue 17): the packed package, as installed in this scratch project, in
// every runtime and bundler that JS tooling uses: Node (ESM and CommonJS), Deno, Bun, workerd,
// and bundles from webpack 5, esbuild, Rollup and Vite loaded in Chromium. Each runs the same
// checks (runtimes/checks.mjs: NCP's public signing vector, buildRequest + parseResponse of an
// Issue End Cert, inspectPem of an openssl certificate, verifyChain, createClient against the
// sandbox) and the answers are compared here with independent ones: the public vector,
// node:crypto's HMAC and X509Certificate (OpenSSL), the documented contract fixtures, and
// `openssl verify`'s verdicts on certkit-x509's chains. A table of every runtime's result is
// printed at the end.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate, createHmac, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  PROJECT, bundle, closeBrowser, loadPage, readmeConfigFile, runScript, runWorker, versionOf,
} from './runtimes/run.mjs';

const SANDBOX = process.env.CERTKIT_SANDBOX_URL;
const FIXTURES = process.env.CERTKIT_X509_FIXTURES;
const CONTRACT = path.join(process.env.CERTKIT_CORE_DIR ?? '', 'tests', 'fixtures', 'contract');
assert.ok(SANDBOX && FIXTURES, 'run through `cargo xtask npm test` (sandbox and fixtures in the environment)');
const HERE = path.join(PROJECT, 'test', 'runtimes');
const OUT = path.join(PROJECT, 'matrix-dist');
const read = (file) => fs.readFileSync(file, 'utf8');
const contractExample = (name) => JSON.stringify(JSON.parse(read(path.join(CONTRACT, `${name}.json`))).example);

// The checks' inputs, a module every runtime can import (workerd and the pages cannot read files).
const inputs = {
  leafPem: read(path.join(FIXTURES, 'leaf-p256.pem')),
  // openssl verify accepts chain-ordered.pem and rejects chain-broken-signature.pem's
  // certificate 1 for its signature (certkit-x509's differential fixtures).
  goodChainPem: read(path.join(FIXTURES, 'chain-ordered.pem')),
  brokenChainPem: read(path.join(FIXTURES, 'chain-broken-signature.pem')),
  // leaf-p256's key without its public point (openssl ec -no_public, then pkcs8 -topk8).
  sec1KeyWithoutPointPem: read(path.join(FIXTURES, 'leaf-p256.sec1-nopub.pem')),
  pkcs8KeyWithoutPointPem: read(path.join(FIXTURES, 'leaf-p256.pkcs8-nopub.pem')),
  otherLeafPem: read(path.join(FIXTURES, 'leaf-p521.pem')),
  issueEndCertBody: contractExample('issueEndCert'),
  privateCaErrorBody: contractExample('private-ca-error'),
  now: Date.UTC(2026, 5, 1), // inside every fixture's validity
  sandbox: SANDBOX,
  commonName: 'matrix.example.test',
};
fs.writeFileSync(path.join(HERE, 'inputs.mjs'), `export default ${JSON.stringify(inputs, null, 2)};\n`);

// What each check must give, from independent sources.
const leaf = new X509Certificate(inputs.leafPem);
const issueEndCertExample = JSON.parse(inputs.issueEndCertBody);
const privateCaError = JSON.parse(inputs.privateCaErrorBody);
function sameKey(keyPem, certPem) {
  // As JWK: OpenSSL keeps a key's point form (compressed) in its SPKI, not in x and y.
  const jwk = (key) => JSON.stringify(key.export({ format: 'jwk' }));
  return jwk(createPublicKey(createPrivateKey(keyPem))) === jwk(new X509Certificate(certPem).publicKey);
}
const EXPECTED = {
  // NAVER Cloud's public vector (ncp-api.md, from ncp-iam-authenticator's tests).
  sign: 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=',
  signRequest: {
    'x-ncp-apigw-timestamp': '1668407407855',
    'x-ncp-iam-access-key': 'access',
    'x-ncp-apigw-signature-v2': 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=',
  },
  buildRequest: {
    method: 'POST',
    url: 'https://pca.apigw.ntruss.com/api/v1/ca/my-ca/cert',
    signature: createHmac('sha256', 'secret')
      .update('POST /api/v1/ca/my-ca/cert\n1668407407855\naccess').digest('base64'),
    body: { x509Parameters: { commonName: 'api.example.com' } },
  },
  parseResponse: { ok: true, serialNo: issueEndCertExample.data.serialNo, failedOk: false, code: privateCaError.code },
  inspectPem: { kind: 'certificate', subject: leaf.subject.split('\n').reverse().join(','), sha256: leaf.fingerprint256 },
  verifyChain: { good: true, broken: false, firstBrokenCode: 'signatureInvalid' },
  // node:crypto (OpenSSL) derives each key's public half and compares it with the certificate's.
  keyMatchesCertificate: {
    sec1: sameKey(inputs.sec1KeyWithoutPointPem, inputs.leafPem),
    pkcs8: sameKey(inputs.pkcs8KeyWithoutPointPem, inputs.leafPem),
    other: sameKey(inputs.pkcs8KeyWithoutPointPem, inputs.otherLeafPem),
  },
};

/** Each check's verdict on `results`: 'ok' or what was wrong. */
function verdicts(results, build) {
  const verdict = {};
  const judge = (name, check) => {
    const result = results[name];
    if (!result) verdict[name] = 'missing';
    else if (result.error) verdict[name] = `threw: ${result.error.split('\n')[0]}`;
    else {
      try {
        check(result.value);
        verdict[name] = 'ok';
      } catch (e) {
        verdict[name] = e.message.split('\n').slice(0, 6).join(' ');
      }
    }
  };
  verdict.build = results.build === build ? 'ok' : `loaded the ${results.build} build, not the ${build} one`;
  judge('sign', (v) => assert.equal(v, EXPECTED.sign));
  judge('signRequest', (v) => assert.deepEqual(v, EXPECTED.signRequest));
  judge('Signer', (v) => assert.deepEqual(v, [EXPECTED.sign, EXPECTED.signRequest, true]));
  judge('buildRequest', (v) => {
    assert.deepEqual({ ...v, body: JSON.parse(v.body) }, EXPECTED.buildRequest);
  });
  judge('parseResponse', (v) => assert.deepEqual(v, EXPECTED.parseResponse));
  judge('inspectPem', (v) => assert.deepEqual(v, EXPECTED.inspectPem));
  judge('verifyChain', (v) => assert.deepEqual(
    { good: v.good, broken: v.broken, firstBrokenCode: v.brokenCodes[0] }, EXPECTED.verifyChain,
  ));
  judge('keyMatchesCertificate', (v) => assert.deepEqual(v, EXPECTED.keyMatchesCertificate));
  judge('createClient', (v) => {
    assert.equal(v.ok, true, JSON.stringify(v));
    assert.equal(v.status, 200);
    // The issued certificate, read by OpenSSL (node:crypto), not by the package.
    assert.match(new X509Certificate(v.certificate).subject, new RegExp(`CN=${inputs.commonName.replaceAll('.', '\\.')}`));
  });
  return verdict;
}

const entry = (name) => path.join(HERE, name);
const page = (bundler, file, options) => async () => {
  const out = path.join(OUT, bundler);
  const html = await bundle(bundler, entry(file), out, options);
  return loadPage(out, html, SANDBOX);
};
const worker = () => runWorker(entry('worker.mjs'), ['inputs.mjs', 'checks.mjs'].map((name) => ({ name, file: entry(name) })));

const RUNTIMES = [
  [`Node ${process.versions.node} (ESM)`, 'node', () => runScript('node', entry('node-esm.mjs'))],
  [`Node ${process.versions.node} (CommonJS)`, 'node', () => runScript('node', entry('node.cjs'))],
  [`Deno ${versionOf('deno')}`, 'node', () => runScript('deno', entry('node-esm.mjs'))],
  [`Bun ${versionOf('bun')}`, 'node', () => runScript('bun', entry('node-esm.mjs'))],
  [`workerd ${versionOf('workerd')}`, 'web', worker],
  [`webpack ${versionOf('webpack')} bundle in Chromium`, 'web', page('webpack', 'page.mjs')],
  [`esbuild ${versionOf('esbuild')} bundle in Chromium (ncp-certkit/init)`, 'web', page('esbuild', 'page-init.mjs')],
  [`Rollup ${versionOf('rollup')} bundle in Chromium`, 'web', page('rollup', 'page.mjs', {
    rollupConfig: readmeConfigFile('rollup.config.mjs', HERE),
  })],
  [`Vite ${versionOf('vite')} bundle in Chromium`, 'web', page('vite', 'page.mjs')],
];

const table = [];
after(async () => {
  await closeBrowser();
  const names = ['build', 'sign', 'signRequest', 'Signer', 'buildRequest', 'parseResponse', 'inspectPem', 'verifyChain', 'keyMatchesCertificate', 'createClient'];
  const width = Math.max(...table.map(([name]) => name.length));
  console.log(`\nruntime matrix${' '.repeat(width - 13)} ${names.join(' ')}`);
  for (const [name, verdict] of table) {
    const cells = names.map((n) => (verdict[n] === 'ok' ? 'ok' : 'FAIL').padEnd(n.length));
    console.log(`${name.padEnd(width)}  ${cells.join(' ')}`);
  }
});

for (const [name, build, run] of RUNTIMES) {
  test(`runtime matrix: ${name}`, async () => {
    let output;
    try {
      output = await run();
    } catch (e) {
      table.push([name, { build: e.message }]);
      throw e;
    }
    const results = JSON.parse(output.trim().split('\n').pop());
    const verdict = verdicts(results, build);
    table.push([name, verdict]);
    const failed = Object.entries(verdict).filter(([, v]) => v !== 'ok');
    assert.deepEqual(failed, [], `${name}:\n${failed.map(([check, v]) => `  ${check}: ${v}`).join('\n')}`);
  });
}
