// Signatures over encoded and reserved characters through the npm client and Node's fetch
// (undici, WHATWG URL parsing) to the sandbox: what the package signs must arrive byte for byte,
// or the gateway answers 401. Then values a server answered (a certificateNo, a caTag) that
// would change a signed path are refused before anything is sent.
//
// The wire paths and signatures below are the OpenSSL vectors of
// crates/core/tests/vectors/generate.sh (signature-v2.txt), copied here: the package must build
// exactly those.
import test from 'node:test';
import assert from 'node:assert/strict';
import { buildRequest, createClient, isNcpCertkitError } from 'ncp-certkit';
import { SANDBOX, demo, recordingFetch, unique } from './helpers.mjs';

assert.ok(SANDBOX, 'run through `cargo xtask test` (sandbox URL in the environment)');
const { main, caTags } = await demo();

const CM_KEYS = { accessKey: 'mainAccessKey0000002', secretKey: 'another secret with spaces & symbols !?' };
const PCA_KEYS = { accessKey: 'AKIAEXAMPLE0NCP00001', secretKey: 'sEcReT/Example+Key=0123456789abcdefABCDEF' };
const VECTORS = [
  ['deleteCertificate', { certificateNo: 1234567, certificateName: "a/b+c'd e" }, CM_KEYS, 1754637093000,
    '/api/v2/certificate/deleteCertificate/1234567?certificateName=a%2Fb%2Bc%27d%20e',
    'R03vGt1mZamAOtFSfiEuy8Si5hZw3oAaW2ReMQ/8QH8='],
  ['listCloudCertificates', { page: 1, pageSize: 20, certificateName: "a/b+c'd e" }, CM_KEYS, 1754637093000,
    '/api/v2/certificate/getCertificates?page=1&pageSize=20&certificateName=a%2Fb%2Bc%27d%20e',
    'xuuzQLdfMnpCSMTPoaHoHOd7v+jZlwY00qg8Zzj9N0E='],
  ['getCa', { caTag: "o'brien+ca:1" }, PCA_KEYS, 1723101003000,
    "/api/v1/ca/o'brien+ca:1",
    'qfHLwFJnzpNOYzy1SzwF2ouFHJgLF7SW0VDgT+qURWI='],
  ['revokeEndCert', { caTag: '4b0bbe37-eeea93b8', serialNo: '00:ab:cd:ef:01' }, PCA_KEYS, 1723101003000,
    '/api/v1/ca/4b0bbe37-eeea93b8/cert/00:ab:cd:ef:01/revoke',
    'veTQ6NLKqo1/KWu5w0ATn5u4cMtn+dKfBdToHGjxYJo='],
];

test('buildRequest produces the openssl vectors for encoded query values, a reserved caTag and a colon serial', () => {
  for (const [operation, input, keys, timestampMs, path, signature] of VECTORS) {
    const r = buildRequest(operation, input, { baseUrl: 'https://sandbox', ...keys, timestampMs });
    assert.equal(r.pathAndQuery, path, operation);
    assert.equal(r.url, `https://sandbox${path}`, operation);
    assert.equal(r.headers['x-ncp-apigw-signature-v2'], signature, operation);
  }
});

/** A client whose fetch records each URL and fails the test on a 401 (the path was changed). */
function strictClient() {
  const { f, calls } = recordingFetch();
  const client = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const send = async (operation, input) => {
    const result = await client.call(operation, input);
    assert.notEqual(result.status, 401, `${operation} ${JSON.stringify(input)}: signature refused: ${JSON.stringify(result.error)}`);
    return result;
  };
  return { send, calls };
}

test("a certificateName with '/', '+', \"'\" and a space is listed and deleted by exactly that name", async () => {
  const { send, calls } = strictClient();
  const name = `a/b+c'd e ${unique()}`;
  const decoy = name.replace('+', ' '); // '+' read as a space, as form decoding would
  for (const certificateName of [name, decoy]) {
    const made = await send('requestCertificateIssuance', { certificateName, commonName: 'encoded.example.com', validationMethod: 'D' });
    assert.equal(made.data?.returnCode, '0', JSON.stringify(made.error));
  }
  const listed = await send('listCloudCertificates', { page: 1, pageSize: 20, certificateName: name });
  assert.ok(calls.at(-1).url.endsWith(`certificateName=${encodeURIComponent(name).replaceAll("'", '%27')}`), calls.at(-1).url);
  assert.equal(listed.data.totalCount, 1, JSON.stringify(listed.data));
  const [found] = listed.data.sslCertificateList;
  assert.equal(found.certificateName, name);

  const wrong = await send('deleteCertificate', { certificateNo: found.certificateNo, certificateName: decoy });
  assert.equal(wrong.error?.code, '1004', JSON.stringify(wrong));
  const deleted = await send('deleteCertificate', { certificateNo: found.certificateNo, certificateName: name });
  assert.equal(deleted.data?.returnCode, '0', JSON.stringify(deleted.error));
  assert.equal((await send('listCloudCertificates', { certificateName: name })).data.totalCount, 0);
  assert.equal((await send('listCloudCertificates', { certificateName: decoy })).data.totalCount, 1, 'the decoy stays');
});

test('a colon serial goes raw in the path and finds the certificate', async () => {
  const { send, calls } = strictClient();
  const issued = await send('issueEndCert', { caTag: caTags.issuing, x509Parameters: { commonName: 'colon.example.test' } });
  const serial = issued.data.serialNo;
  assert.match(serial, /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i);
  const got = await send('getEndCert', { caTag: caTags.issuing, serialNo: serial });
  assert.ok(calls.at(-1).url.endsWith(`/cert/${serial}`), calls.at(-1).url);
  assert.equal(got.ok, true, JSON.stringify(got.error));
  assert.equal(got.data.serialNo, serial);
});

test("caTags with ' + : ! $ & ( ) * , ; = [ ] reach the gateway as signed (not found, never 401)", async () => {
  const { send, calls } = strictClient();
  for (const caTag of ["o'brien+ca:1", 'a!$&()*,;=b', 'x[1]', '~._-', 'a..b']) {
    const result = await send('getCa', { caTag });
    assert.equal(result.error?.kind, 'caNotFound', `${caTag}: ${JSON.stringify(result)}`);
    assert.equal(calls.at(-1).url, `${SANDBOX}/api/v1/ca/${caTag}`);
  }
  // Chromium's fetch sends ^ and | in a path as %5E and %7C, so they are refused up front.
  for (const caTag of ['a^b', 'a|b']) {
    const refused = await send('getCa', { caTag }).catch((e) => e);
    assert.ok(isNcpCertkitError(refused), String(refused));
    assert.equal(refused.problems[0].code, 'invalid_ca_tag');
  }
});

// ---- values a server answered, put into the next signed path ------------------------------------

/** A fetch that answers `body` as JSON (status 200, with a Date) and counts the calls. */
function answering(body) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', date: new Date().toUTCString() } });
  };
  return { f, calls };
}

test('a hostile certificateNo from a list answer is refused before it goes into a signed path', async () => {
  const hostile = ['../x', '1?x=y', '1/../2', '1#x', ' 1', '1%2F2'];
  const { f, calls } = answering({
    returnCode: '0', returnMessage: 'Success', totalCount: hostile.length,
    sslCertificateList: hostile.map((certificateNo) => ({ certificateNo, certificateName: 'n', statusCode: '1' })),
  });
  const client = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const list = await client.listCloudCertificates({ certificateName: 'n' });
  assert.equal(list.ok, true, JSON.stringify(list.error));
  assert.deepEqual(list.data.sslCertificateList.map((c) => c.certificateNo), hostile);
  for (const { certificateNo } of list.data.sslCertificateList) {
    for (const [operation, input] of [
      ['deleteCertificate', { certificateNo, certificateName: 'n' }],
      ['getCertificateChain', { certificateNo }],
      ['listDcvStatuses', { certificateNo, domainAddress: 'example.com' }],
    ]) {
      const refused = await client.call(operation, input).catch((e) => e);
      assert.ok(isNcpCertkitError(refused), `${operation} ${certificateNo}: ${JSON.stringify(refused)}`);
      assert.equal(refused.code, 'invalid_input');
      assert.deepEqual(refused.problems.map((p) => `${p.field}:${p.code}`), ['certificateNo:invalid_certificate_no']);
    }
  }
  assert.equal(calls.length, 1, 'only the list was sent');
});

test('a hostile caTag from a CA list answer is refused before it goes into a signed path', async () => {
  const hostile = ['../x', '..', 'a/b', '1?x=y', 'a#b', 'a%2Fb', 'a\\b', 'a b'];
  const { f, calls } = answering({
    code: 'SUCCESS', msg: 'Success',
    data: { totalCnt: hostile.length, currentPageNo: 1, totalPageNo: 1, caInfoList: hostile.map((caTag) => ({ caInfo: { caTag, status: 'ACTIVE' } })) },
  });
  const client = createClient({ baseUrl: SANDBOX, ...main, fetch: f });
  const list = await client.getCaList();
  assert.equal(list.ok, true, JSON.stringify(list.error));
  const tags = list.data.caInfoList.map((item) => item.caInfo.caTag);
  assert.deepEqual(tags, hostile);
  for (const caTag of tags) {
    for (const operation of ['getCa', 'getCaChain', 'deleteCa']) {
      const refused = await client.call(operation, { caTag }).catch((e) => e);
      assert.ok(isNcpCertkitError(refused), `${operation} ${caTag}: ${JSON.stringify(refused)}`);
      assert.deepEqual(refused.problems.map((p) => `${p.field}:${p.code}`), ['caTag:invalid_ca_tag']);
    }
  }
  assert.equal(calls.length, 1, 'only the list was sent');
});
