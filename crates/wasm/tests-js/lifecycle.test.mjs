// Every operation through createClient against a standalone certkit-sandbox (started by
// `cargo xtask test`), walking the lifecycle in the order a user would, and checking each
// answer against the documented shape (../shared/ncp-operations.md, section given per step).
// Certificates are checked with Node's OpenSSL-backed X509Certificate, CRLs with the openssl
// CLI, CSRs are made by `openssl req`: independently of the package.
import test from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate, createHmac, createPrivateKey } from 'node:crypto';
import { createClient, isNcpCertkitError } from 'ncp-certkit';
import {
  SANDBOX, completeDcv, demo, eventually, makeCsr, normalSerial, readZip, recordingFetch, unique,
  verifiedCrlSerials,
} from './helpers.mjs';

assert.ok(SANDBOX, 'run through `cargo xtask test` (sandbox URL in the environment)');
const { main, caTags } = await demo();
const client = createClient({ baseUrl: SANDBOX, ...main });

/** The answer's data, after asserting success. */
function ok(result, what) {
  assert.equal(result.ok, true, `${what}: ${JSON.stringify(result.error)}`);
  assert.equal(result.status, 200, what);
  return result.data;
}

const isPem = (label) => new RegExp(`^-----BEGIN ${label}-----\\n[\\s\\S]+\\n-----END ${label}-----\\s*$`);
const CERT = isPem('CERTIFICATE');
const pemBlocks = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** PS1: the documented caInfo fields and types. */
function assertCaInfo(caInfo, caTag) {
  assert.equal(caInfo.caTag, caTag);
  assert.match(caInfo.caType, /^PRIVATE_(ROOT|SUB)$/);
  assert.match(caInfo.status, /^(ACTIVE|DEACTIVATED|DESTROYING|PENDING)$/);
  assert.equal(typeof caInfo.alias, 'string');
  assert.match(caInfo.caId, /^\d+$/);
  assert.equal(typeof caInfo.rgstDate, 'number');
  assert.ok(Array.isArray(caInfo.urlInfo.crl));
}

// ---- Private CA ------------------------------------------------------------------------------

test('getCaList (P1): caInfoList[].caInfo with the seeded CAs, paging fields', async () => {
  const data = ok(await client.getCaList({ pageNo: 1 }), 'getCaList');
  assert.equal(data.currentPageNo, 1);
  assert.ok(data.totalPageNo >= 1);
  assert.ok(data.totalCnt >= 2, `totalCnt ${data.totalCnt}`);
  assert.ok(data.caInfoList.length >= 1);
  for (const item of data.caInfoList) assertCaInfo(item.caInfo, item.caInfo.caTag);
  // No input at all is page 1 (pageNo is sent as 1).
  const again = ok(await client.getCaList(), 'getCaList()');
  assert.deepEqual(again.caInfoList.map((i) => i.caInfo.caTag), data.caInfoList.map((i) => i.caInfo.caTag));
  const all = [];
  for (let page = 1; page <= data.totalPageNo; page += 1) {
    all.push(...ok(await client.getCaList({ pageNo: page }), `page ${page}`).caInfoList.map((i) => i.caInfo.caTag));
  }
  assert.ok(all.includes(caTags.root) && all.includes(caTags.issuing), all.join(', '));
});

test('getCa (P2): caInfo and caCertInfo of the issuing CA', async () => {
  const data = ok(await client.getCa({ caTag: caTags.issuing }), 'getCa');
  assertCaInfo(data.caInfo, caTags.issuing);
  assert.equal(data.caInfo.status, 'ACTIVE');
  const cert = new X509Certificate(data.caCertInfo.certPem);
  assert.ok(cert.ca);
  assert.equal(normalSerial(data.caCertInfo.serialNo), normalSerial(cert.serialNumber));
  assert.equal(typeof data.caCertInfo.notAfterDate, 'number');
  const missing = await client.getCa({ caTag: '0000000000-0000000000' });
  assert.equal(missing.ok, false);
  assert.equal(missing.error.kind, 'caNotFound');
});

/** State carried through the sub CA's lifecycle. */
const sub = {};

test('createCa (P3) mode 3: a sub CA to sign elsewhere stays PENDING without a certificate', async () => {
  sub.alias = `npm${unique()}`;
  const data = ok(await client.createCa({
    caType: 'PRIVATE_SUB', alias: sub.alias, memo: 'npm lifecycle', keyType: 'EC256', period: '365',
    x509Parameters: { commonName: 'npm lifecycle sub CA', organization: 'certkit', country: 'KR' },
  }), 'createCa');
  assertCaInfo(data.caInfo, data.caInfo.caTag);
  assert.equal(data.caInfo.caType, 'PRIVATE_SUB');
  assert.equal(data.caInfo.alias, sub.alias);
  assert.equal(data.caInfo.status, 'PENDING');
  assert.ok(data.caCertInfo === undefined || data.caCertInfo === null, JSON.stringify(data.caCertInfo));
  sub.caTag = data.caInfo.caTag;
});

test('getSubCsr (P4): data.csrPem is the pending CA\'s CSR', async () => {
  const data = ok(await client.getSubCsr({ caTag: sub.caTag }), 'getSubCsr');
  assert.match(data.csrPem, isPem('CERTIFICATE REQUEST'));
  sub.csrPem = data.csrPem;
});

test('signSubCsr (P5): the root signs the CSR; caChain is an array; the subject is the CSR\'s', async () => {
  const data = ok(await client.signSubCsr({ caTag: caTags.root, period: '30', csrPem: sub.csrPem }), 'signSubCsr');
  const cert = new X509Certificate(data.certificate);
  assert.ok(cert.ca, 'a CA certificate');
  assert.match(cert.subject, /CN=npm lifecycle sub CA/);
  assert.ok(Array.isArray(data.caChain) && data.caChain.length >= 1);
  const root = new X509Certificate(data.issuer);
  assert.ok(cert.checkIssued(root) && cert.verify(root.publicKey), 'signed by the root');
  assert.equal(normalSerial(data.serialNo), normalSerial(cert.serialNumber));
  assert.equal(typeof data.ocspResponder, 'string');
  sub.certPem = data.certificate;
  sub.caChainPem = data.caChain.join('\n');
});

test('activateSubCa: PENDING at first (as the spec\'s example), ACTIVE within seconds on getCa', async () => {
  const data = ok(await client.activateSubCa({ caTag: sub.caTag, certPem: sub.certPem, caChainPem: sub.caChainPem }), 'activateSubCa');
  assert.equal(data.caInfo.caTag, sub.caTag);
  assert.match(data.caInfo.status, /^(PENDING|ACTIVE)$/);
  assert.match(data.caCertInfo.certPem, CERT);
  const active = await eventually('the sub CA turns ACTIVE', async () => {
    const got = ok(await client.getCa({ caTag: sub.caTag }), 'getCa');
    return got.caInfo.status === 'ACTIVE' && got;
  });
  assert.equal(new X509Certificate(active.caCertInfo.certPem).fingerprint256, new X509Certificate(sub.certPem).fingerprint256);
});

test('getCaChain (P9): data is the PEM chain, the CA itself first', async () => {
  const chain = ok(await client.getCaChain({ caTag: sub.caTag }), 'getCaChain');
  assert.equal(typeof chain, 'string');
  const blocks = pemBlocks(chain);
  assert.ok(blocks.length >= 2, `${blocks.length} certificates`);
  const own = new X509Certificate(blocks[0]);
  assert.equal(own.fingerprint256, new X509Certificate(sub.certPem).fingerprint256);
  assert.ok(own.checkIssued(new X509Certificate(blocks[1])));
});

test('signEndCsr (P13): my own CSR signed; subject and SANs kept; the key never left', async () => {
  const csr = makeCsr('csr.npm.example.test', ['csr.npm.example.test', 'www.csr.npm.example.test']);
  const data = ok(await client.signEndCsr({ caTag: sub.caTag, csrPem: csr.csrPem }), 'signEndCsr');
  const cert = new X509Certificate(data.certificate);
  assert.match(cert.subject, /CN=csr\.npm\.example\.test/);
  assert.match(cert.subjectAltName, /DNS:www\.csr\.npm\.example\.test/);
  assert.ok(cert.checkPrivateKey(createPrivateKey(csr.keyPem)), 'the certificate is for my key');
  assert.ok(cert.checkIssued(new X509Certificate(sub.certPem)), 'issued by the new sub CA');
  assert.ok(Array.isArray(data.caChain) && data.caChain.length >= 1);
  assert.equal(data.privateKey, undefined);
  sub.serialNo = data.serialNo;
  sub.endCertPem = data.certificate;
  // A one-line paste with literal \n is repaired before signing, and the repair reported.
  const pasted = csr.csrPem.trim().replace(/\n/g, '\\n');
  const repaired = ok(await client.signEndCsr({ caTag: sub.caTag, csrPem: pasted }), 'signEndCsr (pasted)');
  assert.match(new X509Certificate(repaired.certificate).subject, /CN=csr\.npm\.example\.test/);
});

test('issueEndCert on the new sub CA', async () => {
  const data = ok(await client.issueEndCert({ caTag: sub.caTag, keyType: 'EC256', period: '7', x509Parameters: { commonName: 'issued.npm.example.test' } }), 'issueEndCert');
  assert.ok(new X509Certificate(data.certificate).checkPrivateKey(createPrivateKey(data.privateKey)));
  sub.issuedSerial = data.serialNo;
});

test('getEndCertList (P6): serial numbers with paging fields', async () => {
  const data = ok(await client.getEndCertList({ caTag: sub.caTag }), 'getEndCertList');
  assert.ok(data.totalCnt >= 3, `totalCnt ${data.totalCnt}`);
  assert.equal(data.currentPageNo, 1);
  assert.ok(data.totalPageNo >= 1);
  for (const serial of data.listCerts) assert.match(serial, /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*$/);
  const listed = data.listCerts.map(normalSerial);
  assert.ok(listed.includes(normalSerial(sub.serialNo)) && listed.includes(normalSerial(sub.issuedSerial)), listed.join(', '));
  ok(await client.getEndCertList({ caTag: sub.caTag, pageNo: 1 }), 'getEndCertList pageNo 1');
});

test('getEndCert (P7): the certificate by its colon-separated serial', async () => {
  const data = ok(await client.getEndCert({ caTag: sub.caTag, serialNo: sub.serialNo }), 'getEndCert');
  assert.equal(normalSerial(data.serialNo), normalSerial(sub.serialNo));
  assert.equal(data.commonName, 'csr.npm.example.test');
  assert.equal(new X509Certificate(data.certPem).fingerprint256, new X509Certificate(sub.endCertPem).fingerprint256);
  assert.equal(typeof data.notAfterDate, 'number');
  assert.ok(data.notAfterDate > data.notBeforeDate);
  assert.ok(data.caChain.length >= 1);
});

test('revokeEndCert (P8) and getCaCrl (P10): the serial is in a CRL that openssl verifies', async () => {
  const before = verifiedCrlSerials(ok(await client.getCaCrl({ caTag: sub.caTag }), 'getCaCrl'), sub.certPem);
  assert.ok(!before.includes(normalSerial(sub.serialNo)));
  const revoked = await client.revokeEndCert({ caTag: sub.caTag, serialNo: sub.serialNo });
  assert.equal(ok(revoked, 'revokeEndCert'), null);
  const crl = ok(await client.getCaCrl({ caTag: sub.caTag }), 'getCaCrl');
  assert.match(crl, isPem('X509 CRL'));
  const serials = verifiedCrlSerials(crl, sub.certPem);
  assert.ok(serials.includes(normalSerial(sub.serialNo)), `${serials.join(', ')} lacks ${sub.serialNo}`);
  assert.ok(!serials.includes(normalSerial(sub.issuedSerial)), 'only the revoked one');
});

test('updateCa (P11): DEACTIVATED refuses to issue; ACTIVE again; DESTROYING', async () => {
  const off = ok(await client.updateCa({ caTag: sub.caTag, status: 'DEACTIVATED' }), 'DEACTIVATED');
  assertCaInfo(off.caInfo, sub.caTag);
  assert.equal(off.caInfo.status, 'DEACTIVATED');
  const refused = await client.issueEndCert({ caTag: sub.caTag, x509Parameters: { commonName: 'no.npm.example.test' } });
  assert.equal(refused.ok, false);
  assert.equal(refused.error.kind, 'caNotActive');
  assert.equal(ok(await client.updateCa({ caTag: sub.caTag, status: 'ACTIVE' }), 'ACTIVE').caInfo.status, 'ACTIVE');
  const destroying = ok(await client.updateCa({ caTag: sub.caTag, status: 'DESTROYING' }), 'DESTROYING');
  assert.equal(destroying.caInfo.status, 'DESTROYING');
  assert.ok(destroying.caInfo.destroyDate > Date.now(), `destroyDate ${destroying.caInfo.destroyDate}`);
});

test('deleteCa (P12): data null; the CA is gone', async () => {
  assert.equal(ok(await client.deleteCa({ caTag: sub.caTag }), 'deleteCa'), null);
  const gone = await client.getCa({ caTag: sub.caTag });
  assert.equal(gone.ok, false);
  assert.equal(gone.error.kind, 'caNotFound');
});

test('createCa modes 1 and 2: a root and a sub signed by it on the platform, both ACTIVE; deleting the root takes the sub', async () => {
  const root = ok(await client.createCa({
    caType: 'PRIVATE_ROOT', alias: `root${unique()}`, keyType: 'EC256', period: 'MAX',
    x509Parameters: { commonName: 'npm lifecycle root' },
  }), 'createCa root');
  assert.equal(root.caInfo.caType, 'PRIVATE_ROOT');
  assert.equal(root.caInfo.status, 'ACTIVE');
  const rootCert = new X509Certificate(root.caCertInfo.certPem);
  assert.ok(rootCert.ca && rootCert.checkIssued(rootCert), 'self-signed CA');
  const child = ok(await client.createCa({
    caType: 'PRIVATE_SUB', issuerTag: root.caInfo.caTag, alias: `kid${unique()}`, keyType: 'EC256', period: '30',
    x509Parameters: { commonName: 'npm lifecycle platform sub' },
  }), 'createCa sub');
  assert.equal(child.caInfo.status, 'ACTIVE');
  assert.ok(new X509Certificate(child.caCertInfo.certPem).checkIssued(rootCert), 'signed by the new root');
  ok(await client.updateCa({ caTag: root.caInfo.caTag, status: 'DESTROYING' }), 'root DESTROYING');
  assert.equal(ok(await client.deleteCa({ caTag: root.caInfo.caTag }), 'deleteCa root'), null);
  assert.equal((await client.getCa({ caTag: child.caInfo.caTag })).error?.kind, 'caNotFound', 'the sub CA went with its root');
});

// ---- Certificate Manager ---------------------------------------------------------------------

const cm = {};

test('requestCertificateIssuance, then listCloudCertificates (C1) finds its certificateNo by name', async () => {
  cm.name = `npm-${unique()}`;
  cm.commonName = 'npm-cm.example.com';
  const requested = ok(await client.requestCertificateIssuance({
    certificateName: cm.name, commonName: cm.commonName, dnsName: ['www.npm-cm.example.com'], validationMethod: 'D',
  }), 'requestCertificateIssuance');
  assert.equal(requested.returnCode, '0');
  cm.requestSn = requested.requestSn;
  const list = ok(await client.listCloudCertificates({ certificateName: cm.name }), 'listCloudCertificates');
  assert.equal(list.returnCode, '0');
  assert.equal(list.totalCount, 1);
  assert.equal(list.sslCertificateList.length, 1);
  const [item] = list.sslCertificateList;
  assert.match(item.certificateNo, /^\d+$/);
  assert.equal(item.certificateName, cm.name);
  assert.equal(item.commonName, cm.commonName);
  assert.deepEqual(item.dnsName, ['www.npm-cm.example.com']);
  assert.equal(item.statusCode, '0');
  cm.certificateNo = item.certificateNo;
  const paged = ok(await client.listCloudCertificates({ page: 1, pageSize: 1 }), 'listCloudCertificates paged');
  assert.equal(paged.sslCertificateList.length, 1);
  assert.ok(paged.totalCount >= 1);
});

test('listCertificates (C1b): the older list has the certificate too', async () => {
  const list = ok(await client.listCertificates(), 'listCertificates');
  assert.ok(list.sslCertificateList.some((c) => c.certificateNo === cm.certificateNo && c.certificateName === cm.name));
});

test('listDcvStatuses (C2): VALID_STATUS_REG, then VALID_STATUS_SUCCESS after the DNS record', async () => {
  const input = { certificateNo: cm.certificateNo, domainAddress: cm.commonName };
  const before = ok(await client.listDcvStatuses(input), 'listDcvStatuses');
  assert.equal(before.returnCode, '0');
  assert.equal(before.dnsVerificationList.length, 1);
  assert.equal(before.dnsVerificationCount, 1);
  const [record] = before.dnsVerificationList;
  assert.equal(record.requestSn, cm.requestSn);
  assert.equal(record.validStatusCode, 'VALID_STATUS_REG');
  assert.ok(record.validSn.length > 0);
  assert.match(record.txtName, /npm-cm\.example\.com$/);
  const other = ok(await client.listDcvStatuses({ ...input, domainAddress: 'elsewhere.example.com' }), 'other domain');
  assert.equal(other.dnsVerificationList.length, 0);

  cm.orderId = (await completeDcv(cm.certificateNo)).orderId;
  assert.ok(cm.orderId, 'the sandbox tells the orderId');
  const after = ok(await client.listDcvStatuses(input), 'listDcvStatuses after');
  assert.equal(after.dnsVerificationList[0].validStatusCode, 'VALID_STATUS_SUCCESS');
  const issued = ok(await client.listCloudCertificates({ certificateName: cm.name }), 'list after DCV');
  assert.equal(issued.sslCertificateList[0].statusCode, '1');
});

test('getCertificateChain (C6): certificate, intermediates and root as separate fields', async () => {
  const data = ok(await client.getCertificateChain({ certificateNo: cm.certificateNo }), 'getCertificateChain');
  assert.equal(data.returnCode, '0');
  assert.equal(data.subjectCommonName, cm.commonName);
  const cert = new X509Certificate(data.certificate);
  assert.match(cert.subject, new RegExp(`CN=${cm.commonName.replaceAll('.', '\\.')}`));
  assert.ok(data.subCaCertificate.length >= 1);
  assert.ok(cert.checkIssued(new X509Certificate(data.subCaCertificate[0])));
  cm.certificate = data.certificate;
});

test('downloadCertificate (C5): the ZIP\'s bytes as a Uint8Array holding the certificate', async () => {
  const { f, calls } = recordingFetch();
  const result = await createClient({ baseUrl: SANDBOX, ...main, fetch: f }).downloadCertificate({ certificateNo: cm.certificateNo });
  const data = ok(result, 'downloadCertificate');
  assert.ok(data.zip instanceof Uint8Array, String(data.zip?.constructor?.name));
  assert.equal(Buffer.from(data.zip.subarray(0, 2)).toString('latin1'), 'PK');
  assert.equal(calls[0].init.method, 'POST');
  assert.equal(calls[0].init.body, '{}', 'the body may not be omitted (C5)');
  const files = readZip(data.zip);
  const pems = [...files.values()].map((b) => b.toString('utf8')).filter((t) => CERT.test(t.trim() + '\n') || t.includes('BEGIN CERTIFICATE'));
  const wanted = new X509Certificate(cm.certificate).fingerprint256;
  assert.ok(pems.some((t) => pemBlocks(t).some((b) => new X509Certificate(b).fingerprint256 === wanted)), [...files.keys()].join(', '));
  assert.equal(result.usedFallback, false);
});

test('reissueCertificate (C4): a new CSR for the same certificate', async () => {
  const csr = makeCsr(cm.commonName, [cm.commonName, 'www.npm-cm.example.com']);
  const data = ok(await client.reissueCertificate({
    certificateNo: cm.certificateNo, csr: csr.csrPem, certificateName: cm.name, commonName: cm.commonName,
    dnsName: ['www.npm-cm.example.com'], validationMethod: 'D',
  }), 'reissueCertificate');
  assert.equal(data.returnCode, '0');
});

test('revokeCertificate (C7): totalRows counts it; the certificate goes to REQUEST_REVOKE or REVOKE', async () => {
  const data = ok(await client.revokeCertificate({ orderId: cm.orderId, certificateNo: Number(cm.certificateNo), revokeType: 'superseded' }), 'revokeCertificate');
  assert.equal(data.returnCode, '0');
  assert.equal(data.totalRows, 1);
  const list = ok(await client.listCloudCertificates({ certificateName: cm.name }), 'list after revoke');
  assert.match(list.sslCertificateList[0].statusCode, /^-(7|5)$/);
});

test('deleteCertificate (C3): a wrong name is 1004; the right one deletes', async () => {
  const wrong = await client.deleteCertificate({ certificateNo: cm.certificateNo, certificateName: `${cm.name}-not` });
  assert.equal(wrong.ok, false);
  assert.equal(wrong.error.code, '1004');
  const data = ok(await client.deleteCertificate({ certificateNo: cm.certificateNo, certificateName: cm.name }), 'deleteCertificate');
  assert.equal(data.returnCode, '0');
  const list = ok(await client.listCloudCertificates({ certificateName: cm.name }), 'list after delete');
  assert.equal(list.sslCertificateList.length, 0);
});

// ---- fallbacks, call(), and input refused before sending ----------------------------------------

/** A gateway that does not know a path or method: NCP's 404 envelope (G, errorCode 300). */
const gatewayNotFound = () => new Response(JSON.stringify({ error: { errorCode: '300', message: 'Not Found Exception' } }), {
  status: 404, headers: { 'content-type': 'application/json', date: new Date().toUTCString() },
});

test('listCloudCertificates falls back to listCertificates on a 404, re-signed, filtered by name here', async () => {
  const name = `fb-${unique()}`;
  for (const cn of ['fb1.example.com', 'fb2.example.com']) {
    ok(await client.requestCertificateIssuance({ certificateName: name, commonName: cn, validationMethod: 'D' }), 'request');
  }
  ok(await client.requestCertificateIssuance({ certificateName: `${name}-other`, commonName: 'fb3.example.com', validationMethod: 'D' }), 'request');
  const { f, calls } = recordingFetch((url) => (url.includes('/getCertificates') ? gatewayNotFound() : undefined));
  const result = await createClient({ baseUrl: SANDBOX, ...main, fetch: f }).listCloudCertificates({ certificateName: name });
  const data = ok(result, 'listCloudCertificates (fallback)');
  assert.equal(result.usedFallback, true);
  assert.deepEqual(calls.map((c) => new URL(c.url).pathname), ['/api/v2/certificate/getCertificates', '/api/v2/certificate/certificates']);
  const [first, second] = calls.map((c) => c.init.headers['x-ncp-apigw-signature-v2']);
  assert.notEqual(first, second, 're-signed for the other path');
  assert.deepEqual(data.sslCertificateList.map((c) => c.commonName).sort(), ['fb1.example.com', 'fb2.example.com']);
  assert.equal(data.totalCount, 2);
});

test('downloadCertificate falls back from POST to GET when the gateway does not know the POST', async () => {
  const name = `dl-${unique()}`;
  ok(await client.requestCertificateIssuance({ certificateName: name, commonName: 'dl.example.com', validationMethod: 'D' }), 'request');
  const [item] = ok(await client.listCloudCertificates({ certificateName: name }), 'list').sslCertificateList;
  await completeDcv(item.certificateNo);
  const { f, calls } = recordingFetch((url, init) => (init.method === 'POST' ? gatewayNotFound() : undefined));
  const result = await createClient({ baseUrl: SANDBOX, ...main, fetch: f }).downloadCertificate({ certificateNo: item.certificateNo });
  assert.deepEqual(calls.map((c) => c.init.method), ['POST', 'GET']);
  assert.equal(calls[1].init.body, undefined, 'the older GET has no body');
  // The method is signed: the GET carries a signature of "GET path" (recomputed here with
  // node:crypto), not the POST's.
  const path = `/api/v2/certificate/exportCertificate/${item.certificateNo}`;
  const h = calls[1].init.headers;
  const expected = createHmac('sha256', main.secretKey)
    .update(`GET ${path}\n${h['x-ncp-apigw-timestamp']}\n${main.accessKey}`).digest('base64');
  assert.equal(h['x-ncp-apigw-signature-v2'], expected);
  assert.equal(result.usedFallback, true);
  // The standalone sandbox serves only the newest form (POST) unless configured otherwise
  // (ncp-operations.md C5: off is faithful), so what comes back is its answer to the GET.
  if (result.ok) {
    assert.equal(Buffer.from(result.data.zip.subarray(0, 2)).toString('latin1'), 'PK');
  } else {
    assert.equal(result.status, 404);
    assert.equal(result.error.kind, 'notFound');
  }
});

test('call(operation, input) is the same as the method; an unknown operation rejects', async () => {
  const data = ok(await client.call('getCa', { caTag: caTags.root }), 'call getCa');
  assert.equal(data.caInfo.caTag, caTags.root);
  const unknown = await client.call('getEverything', {}).catch((e) => e);
  assert.ok(isNcpCertkitError(unknown));
  assert.equal(unknown.code, 'unknown_operation');
});

test('bad input rejects with the field and the rule; nothing is sent', async () => {
  const { f, calls } = recordingFetch();
  const strict = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const cases = [
    ['listDcvStatuses', { certificateNo: 1 }, 'domainAddress', 'required'],
    ['getEndCert', { caTag: caTags.issuing, serialNo: '5D:8A:ZZ' }, 'serialNo', 'invalid_serial_no'],
    ['revokeEndCert', { caTag: caTags.issuing, serialNo: '5d8a/..' }, 'serialNo', 'invalid_serial_no'],
    ['updateCa', { caTag: caTags.issuing, status: 'PAUSED' }, 'status', 'invalid_status'],
    ['createCa', { caType: 'PRIVATE_ROOT', alias: 'ab', keyType: 'EC256', period: '30', x509Parameters: { commonName: 'x' } }, 'alias', 'invalid_alias'],
    ['deleteCertificate', { certificateNo: 'twelve', certificateName: 'n' }, 'certificateNo', 'invalid_certificate_no'],
    ['revokeCertificate', { orderId: '1', certificateNo: 1, revokeType: 'stolen' }, 'revokeType', 'invalid_revoke_type'],
    ['signEndCsr', { caTag: caTags.issuing, csrPem: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n' }, 'csrPem', 'invalid_csr'],
  ];
  for (const [operation, input, field, code] of cases) {
    const e = await strict.call(operation, input).then(() => assert.fail(`${operation} was sent`), (err) => err);
    assert.ok(isNcpCertkitError(e), `${operation}: ${e}`);
    assert.equal(e.code, 'invalid_input');
    assert.ok(e.problems.some((p) => p.field === field && p.code === code), `${operation}: ${JSON.stringify(e.problems)}`);
    assert.match(e.message, new RegExp(field));
  }
  assert.equal(calls.length, 0, 'nothing was sent');
});
