// inspectPem, orderChain, verifyChain and keyMatchesCertificate on certkit-x509's fixtures
// (made by OpenSSL: crates/x509/tests/fixtures/make.sh), compared with Node's OpenSSL-backed
// X509Certificate and KeyObject, an implementation independent of the package.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import {
  inspectPem, orderChain, verifyChain, keyMatchesCertificate, isNcpCertkitError,
} from 'ncp-certkit';

const DIR = process.env.CERTKIT_X509_FIXTURES;
assert.ok(DIR && fs.existsSync(DIR), 'CERTKIT_X509_FIXTURES must name crates/x509/tests/fixtures');
const read = (name) => fs.readFileSync(path.join(DIR, name), 'utf8');
// Inside every fixture's validity (they use fixed dates between 2025 and 2027, expired.pem aside).
const NOW = Date.UTC(2026, 5, 1);
const DAY = 86400000;

const CERTS = [
  'root.pem', 'int-p384.pem', 'int-p521.pem', 'leaf-p256.pem', 'leaf-p521.pem', 'leaf-rsa2048.pem',
  'leaf-rsa4096.pem', 'ed25519.pem', 'expired.pem', 'leaf-p256-by-p521.pem',
];
const CURVES = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function sans(node) {
  if (!node.subjectAltName) return [];
  return node.subjectAltName.split(', ').map((entry) => {
    const [type, ...rest] = entry.split(':');
    let value = rest.join(':');
    // RFC 5952 form for IPv6, as the package prints it (OpenSSL prints every group).
    if (type === 'IP Address' && value.includes(':')) value = new URL(`http://[${value}]/`).hostname.slice(1, -1);
    return { DNS: 'dns', 'IP Address': 'ip', email: 'email', URI: 'uri' }[type] + ':' + value;
  }).sort();
}

for (const name of CERTS) {
  test(`inspectPem: ${name} matches OpenSSL field by field`, async () => {
    const pem = read(name);
    const node = new X509Certificate(pem);
    const { items, repairs } = await inspectPem(pem, { now: NOW });
    assert.equal(items.length, 1);
    assert.deepEqual(repairs, []);
    const c = items[0];
    assert.equal(c.kind, 'certificate');
    // RFC 4514 lists the most specific attribute first; OpenSSL lists in encoding order.
    assert.equal(c.subject, node.subject.split('\n').reverse().join(','));
    assert.equal(c.issuer, node.issuer.split('\n').reverse().join(','));
    assert.equal(c.serialNumber.replaceAll(':', '').replace(/^0+/, ''), node.serialNumber.replace(/^0+/, ''));
    assert.match(c.serialNumber, /^[0-9A-F]{2}(:[0-9A-F]{2})*$/);
    assert.equal(Date.parse(c.notBefore), Date.parse(node.validFrom));
    assert.equal(Date.parse(c.notAfter), Date.parse(node.validTo));
    assert.match(c.notAfter, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const expectedDays = (Date.parse(node.validTo) - NOW) / DAY;
    assert.ok(Math.abs(c.daysRemaining - expectedDays) <= 1, `daysRemaining ${c.daysRemaining} vs ${expectedDays}`);
    assert.deepEqual(c.subjectAltNames.map((s) => `${s.type}:${s.value}`).sort(), sans(node));
    assert.equal(c.fingerprints.sha256, node.fingerprint256);
    assert.equal(c.fingerprints.sha1, node.fingerprint);
    assert.equal(c.isCa, node.ca);
    // selfSigned reads names and key identifiers, not the signature (verifyChain checks that),
    // as OpenSSL's X509_check_issued does; every self-issued fixture here is a root.
    assert.equal(c.selfSigned, node.checkIssued(node));
    const key = node.publicKey;
    if (key.asymmetricKeyType === 'rsa') {
      assert.deepEqual([c.publicKey.algorithm, c.publicKey.bits], ['RSA', key.asymmetricKeyDetails.modulusLength]);
    } else if (key.asymmetricKeyType === 'ec') {
      assert.deepEqual([c.publicKey.algorithm, c.publicKey.curve], ['EC', CURVES[key.asymmetricKeyDetails.namedCurve]]);
    } else {
      assert.equal(key.asymmetricKeyType, 'ed25519');
      assert.equal(c.publicKey.algorithm, 'Ed25519');
    }
    assert.equal(typeof c.signatureAlgorithm, 'string');
    assert.ok(Array.isArray(c.extensions));
  });
}

test("inspectPem: its JSON is what the app's Inspect page copies (\"Copy as JSON\")", async () => {
  // leaf-p256.inspection.json is the app's serialisation of the same inspection at NOW
  // (web/src/pem.rs copy_as_json_is_the_npm_inspect_pem_shape compares it too): the two agree.
  const copied = JSON.parse(read('leaf-p256.inspection.json'));
  assert.deepEqual(JSON.parse(JSON.stringify(await inspectPem(read('leaf-p256.pem'), { now: NOW }))), copied);
});

test('inspectPem: expired.pem has negative daysRemaining', async () => {
  const [c] = (await inspectPem(read('expired.pem'), { now: NOW })).items;
  assert.ok(c.daysRemaining < 0, String(c.daysRemaining));
});

test('inspectPem: private keys in every container, checked against Node', async () => {
  const cases = [
    ['leaf-p256.key.pem'], ['leaf-p521.key.pem'], ['leaf-rsa2048.key.pem'], ['leaf-rsa4096.key.pem'],
    ['ed25519.key.pem'], ['leaf-p256.sec1.pem'], ['leaf-rsa2048.pkcs1.pem'],
  ];
  for (const [name] of cases) {
    const pem = read(name);
    const items = (await inspectPem(pem)).items.filter((i) => i.kind === 'privateKey');
    assert.equal(items.length, 1, name);
    const k = items[0];
    const node = createPrivateKey(pem);
    const label = pem.match(/-----BEGIN ([A-Z ]+)-----/)[1];
    assert.equal(k.container, { 'PRIVATE KEY': 'PKCS#8', 'RSA PRIVATE KEY': 'PKCS#1', 'EC PRIVATE KEY': 'SEC1' }[label], name);
    if (node.asymmetricKeyType === 'rsa') {
      assert.deepEqual([k.algorithm, k.bits], ['RSA', node.asymmetricKeyDetails.modulusLength], name);
    } else if (node.asymmetricKeyType === 'ec') {
      assert.deepEqual([k.algorithm, k.curve], ['EC', CURVES[node.asymmetricKeyDetails.namedCurve]], name);
    } else {
      assert.equal(k.algorithm, 'Ed25519', name);
    }
  }
});

test('inspectPem: a bundle with broken line breaks is repaired and the repairs listed', async () => {
  const pem = read('leaf-p256.pem') + read('leaf-p256.key.pem');
  const escaped = pem.trimEnd().replaceAll('\n', '\\n'); // as copied out of a JSON response
  const { items, repairs } = await inspectPem(escaped, { now: NOW });
  assert.deepEqual(items.map((i) => i.kind), ['certificate', 'privateKey']);
  assert.ok(repairs.some((r) => r.code === 'unescapedNewlines'), JSON.stringify(repairs));
  for (const r of repairs) assert.equal(typeof r.message, 'string');
  const der = fs.readFileSync(path.join(DIR, 'leaf-rsa2048.der'));
  const fromDer = await inspectPem(der, { now: NOW });
  assert.equal(fromDer.items[0].fingerprints.sha256, new X509Certificate(der).fingerprint256);
});

test('inspectPem: unreadable input throws NcpCertkitError with a code', async () => {
  for (const [input, code] of [['no pem here', 'invalid_pem'], ['', 'invalid_pem'], [42, 'invalid_argument']]) {
    await assert.rejects(inspectPem(input), (e) => isNcpCertkitError(e) && e.code === code && e.message.length > 5);
  }
  await assert.rejects(keyMatchesCertificate(read('leaf-rsa2048.encrypted.pem'), read('leaf-rsa2048.pem')),
    (e) => isNcpCertkitError(e) && e.code === 'encrypted_key');
  // Options: `now` must be a number; null options and a null `now` mean "now".
  await assert.rejects(inspectPem(read('leaf-p256.pem'), { now: '2024-01-01' }),
    (e) => e.code === 'invalid_argument' && e.message === 'inspectPem options: now must be a number, got string');
  await assert.rejects(verifyChain(read('leaf-p256.pem'), 5),
    (e) => e.code === 'invalid_argument' && e.message === 'verifyChain options must be an object, got number');
  assert.equal((await inspectPem(read('leaf-p256.pem'), null)).items.length, 1);
  assert.equal((await inspectPem(read('leaf-p256.pem'), { now: null })).items.length, 1);
});

test('orderChain puts the leaf first', async () => {
  const subject = (pem) => new X509Certificate(pem).subject.split('\n').reverse().join(',');
  const expected = read('chain-ordered.pem').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g).map(subject);
  const shuffled = read('chain-shuffled.pem').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g).map(subject);
  assert.notDeepEqual(shuffled, expected, 'the fixture is shuffled');
  const ordered = await orderChain(read('chain-shuffled.pem'));
  assert.deepEqual(ordered.certificates.map((c) => c.subject), expected);
  assert.equal(ordered.complete, true);
  const partial = await orderChain(read('chain-missing-intermediate.pem'));
  assert.equal(partial.complete, false);
  assert.ok(partial.missing.length > 0);
});

test('verifyChain accepts the good chain and flags a broken signature', async () => {
  const good = await verifyChain(read('chain-ordered.pem'), { now: NOW });
  const bad = await verifyChain(read('chain-broken-signature.pem'), { now: NOW });
  assert.notDeepEqual(good, bad);
  assert.equal(good.ok, true, JSON.stringify(good));
  assert.deepEqual(good.problems, []);
  assert.equal(bad.ok, false, JSON.stringify(bad));
  assert.ok(bad.problems.length > 0);
  assert.deepEqual(good.problemDetails, []);
  assert.equal(bad.problemDetails[0].code, 'signatureInvalid');
  assert.equal(bad.problemDetails[0].certificate, 1);
  assert.deepEqual(bad.problems, bad.problemDetails.map((p) => p.message));
});

// Chains of the differential corpus (fixtures/chains, each beside `openssl verify`'s output):
// the rule each breaks comes out as a stable code on the certificate OpenSSL names.
test('verifyChain names the rule and the certificate, as openssl verify does', async () => {
  const CHAINS_AT = 1795000000 * 1000; // make.sh's -attime
  const cases = [
    ['bad-pathlen-exceeded', 'pathLenExceeded', 3],
    ['bad-ca-without-keycertsign', 'issuerWithoutKeyCertSign', 2],
    ['bad-issuer-ca-false', 'issuerNotCa', 2],
    ['bad-unknown-critical-extension-leaf', 'unhandledCriticalExtension', 1],
    ['bad-name-constraints-dns', 'nameConstraintsViolation', 1],
    ['bad-not-yet-valid', 'notYetValid', 1],
    ['bad-missing-root', 'rootMissing', 2],
    ['stricter-unsupported-algorithm', 'unsupportedAlgorithm', 1],
  ];
  for (const [name, code, certificate] of cases) {
    const openssl = read(`chains/${name}.openssl-verify.txt`);
    const report = await verifyChain(read(`chains/${name}.pem`), { now: CHAINS_AT });
    assert.equal(report.ok, false, name);
    assert.ok(report.problemDetails.some((p) => p.code === code && p.certificate === certificate),
      `${name}: ${JSON.stringify(report.problemDetails)}\nopenssl: ${openssl}`);
  }
  const good = await verifyChain(read('chains/good-twins-by-key-id.pem'), { now: CHAINS_AT });
  assert.equal(good.ok, true, JSON.stringify(good.problems));
  assert.deepEqual(good.links.map((l) => l.position), [0, 2, 3]);
});

test('keyMatchesCertificate', async () => {
  assert.equal(await keyMatchesCertificate(read('leaf-p256.key.pem'), read('leaf-p256.pem')), true);
  assert.equal(await keyMatchesCertificate(read('leaf-rsa2048.key.pem'), read('leaf-rsa2048.pem')), true);
  assert.equal(await keyMatchesCertificate(read('other-rsa2048.key.pem'), read('leaf-rsa2048.pem')), false);
  assert.equal(await keyMatchesCertificate(read('leaf-p256.key.pem'), read('leaf-p521.pem')), false);
});

// The package has no curve arithmetic: a point the key carries is compared as encoded
// (compressed against uncompressed by x and the parity of y), and a key without its point has
// it derived by WebCrypto. Each answer is checked against node:crypto (OpenSSL) deriving the
// key's public half itself.
test('keyMatchesCertificate: EC keys without their point or with it compressed', async () => {
  const sameKey = (keyPem, certPem) => {
    // As JWK: OpenSSL keeps a key's point form (compressed) in its SPKI, not in x and y.
    const jwk = (key) => JSON.stringify(key.export({ format: 'jwk' }));
    return jwk(createPublicKey(createPrivateKey(keyPem))) === jwk(new X509Certificate(certPem).publicKey);
  };
  const cases = [
    ['leaf-p256.sec1-nopub.pem', 'leaf-p256.pem'],
    ['leaf-p256.pkcs8-nopub.pem', 'leaf-p256.pem'],
    ['int-p384.sec1-nopub.pem', 'int-p384.pem'],
    ['leaf-p256.sec1-compressed.pem', 'leaf-p256.pem'],
    ['leaf-p256.sec1-nopub.pem', 'leaf-p521.pem'],
    ['int-p384.sec1-nopub.pem', 'int-p521.pem'],
    ['leaf-p256.sec1-compressed.pem', 'leaf-p521.pem'],
  ];
  for (const [key, cert] of cases) {
    const expected = sameKey(read(key), read(cert));
    assert.equal(await keyMatchesCertificate(read(key), read(cert)), expected, `${key} / ${cert}`);
  }
  // The first four belong to their certificates: the comparison above is not all false.
  assert.deepEqual(cases.map(([key, cert]) => sameKey(read(key), read(cert))), [true, true, true, true, false, false, false]);
});

// A runtime without WebCrypto (a browser page that is not https or localhost): what needs it
// rejects with `unsupported` and says what to do; what does not still answers.
test('without WebCrypto: unsupported where a signature or a derived point is needed, answers elsewhere', async () => {
  const crypto = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
  try {
    const unsupported = (pattern) => (e) => isNcpCertkitError(e) && e.code === 'unsupported' && pattern.test(e.message);
    await assert.rejects(verifyChain(read('chain-ordered.pem'), { now: 1795000000 * 1000 }), unsupported(/WebCrypto.*https or from localhost/));
    await assert.rejects(keyMatchesCertificate(read('leaf-p256.pkcs8-nopub.pem'), read('leaf-p256.pem')),
      unsupported(/does not carry its public point.*openssl ec/));
    assert.equal(await keyMatchesCertificate(read('leaf-p256.key.pem'), read('leaf-p256.pem')), true);
    assert.equal((await inspectPem(read('leaf-p256.pem'))).items.length, 1);
  } finally {
    Object.defineProperty(globalThis, 'crypto', crypto);
  }
  assert.equal(await keyMatchesCertificate(read('leaf-p256.pkcs8-nopub.pem'), read('leaf-p256.pem')), true);
});

// Signatures are verified by the platform's WebCrypto (src/platform.rs). Every chain of the
// differential corpus against `openssl verify`'s own verdict (written by make.sh beside it):
// never more lenient, and the good chains pass.
test('verifyChain through WebCrypto: never more lenient than openssl verify on the chain corpus', async () => {
  const CHAINS_AT = 1795000000 * 1000; // make.sh's -attime
  const names = fs.readdirSync(path.join(DIR, 'chains')).filter((f) => f.endsWith('.pem'));
  assert.ok(names.length > 30, names.join(' '));
  for (const file of names) {
    const opensslOk = /^target\.pem: OK$/m.test(read(`chains/${file.replace(/\.pem$/, '.openssl-verify.txt')}`));
    const report = await verifyChain(read(`chains/${file}`), { now: CHAINS_AT });
    if (!opensslOk) assert.equal(report.ok, false, `${file}: openssl refuses it, we accept it`);
    if (file.startsWith('good-')) assert.equal(report.ok, true, `${file}: ${JSON.stringify(report.problems)}`);
  }
});

test('verifyChain through WebCrypto: the broken signature, a leaf signed by a leaf, a missing intermediate', async () => {
  const broken = await verifyChain(read('chain-broken-signature.pem'), { now: NOW });
  assert.equal(broken.problemDetails[0].code, 'signatureInvalid');
  const leafByLeaf = await verifyChain(read('leaf-by-leaf.pem'), { now: NOW });
  assert.equal(leafByLeaf.ok, false, JSON.stringify(leafByLeaf));
  const missing = await verifyChain(read('chain-missing-intermediate.pem'), { now: NOW });
  assert.equal(missing.ok, false, JSON.stringify(missing));
  // The same chains with every signature intact and in place verify: the failures above come
  // from the chains, not from WebCrypto failing.
  assert.equal((await verifyChain(read('chain-ordered.pem'), { now: NOW })).ok, true);
  assert.equal((await verifyChain(read('chain-p521.pem'), { now: NOW })).ok, true);
});

test("inspectPem: a CSR's self-signature is checked through WebCrypto", async () => {
  const pem = read('request.csr.pem');
  const [csr] = (await inspectPem(pem)).items;
  assert.equal(csr.kind, 'certificateRequest');
  assert.equal(csr.signature, 'valid');
  // One bit of the signature's last byte flipped (the DER's last byte is the signature's).
  const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 1] ^= 1;
  const [tampered] = (await inspectPem(new Uint8Array(der))).items;
  assert.equal(tampered.signature, 'invalid');
});
