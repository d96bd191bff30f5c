// Benchmark 1: signing a short NCP request (API Gateway signature v2), Node 20.
// ncp-certkit's `Signer` (keyed once per key pair, then `signer.sign(method, path, ts)` per
// request: what a tool signing many requests uses) vs Node's `crypto.createHmac` vs crypto-js
// `HmacSHA256` (what NCP's own JS SDK uses). Each builds the string to sign and returns the
// Base64 signature; all must give the same answer (and the public vector) before timing.
// createHmac has no keyed-once form (an Hmac object signs once), so its per-request cost is
// what a Node caller pays; crypto-js has one (`HMAC.create(key)` then `reset()`), timed as an
// extra row beside its one-call form, which stays the budget's anchor.
// The package's other forms are timed apart, as a diagnostic: `sign(stringToSign())`,
// `signRequest(...)` and the signer's `signRequest` (which also returns the headers object).
//
// usage: node sign.mjs --out RESULT.json

import { createHmac } from 'node:crypto';
import CryptoJS from 'crypto-js';
import * as ncp from 'ncp-certkit';
import { args, assertSame, timeAll, writeResult, REPEATS, SAMPLE_MS } from './lib.mjs';

const { out } = args();

// A request of the kind the product signs: Issue End Cert on a CA tag, NCP-shaped keys.
const METHOD = 'POST';
const PATH = '/api/v1/ca/ABCDEF12-34567890/cert';
const TIMESTAMP_MS = 1_768_000_000_000;
const ACCESS_KEY = 'ncp_iam_BPAMKR1AbCdEfGh234';
const SECRET_KEY = 'ncp_iam_BPKMKRaBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

// The public vector of ncp-api.md section 1 (NAVER Cloud's ncp-iam-authenticator tests).
const VECTOR = {
  method: 'GET',
  path: '/cluster/kubeconfig',
  timestampMs: 1668407407855,
  accessKey: 'access',
  secretKey: 'secret',
  signature: 'LTJli9+OKT2KvUXxiKslMfu5FIOmDN83avehOvgUFp0=',
};

// The package may take the timestamp as a number or, for u64, as a BigInt: accept either.
let tsArg = (ms) => ms;
try {
  ncp.stringToSign('GET', '/', 1, 'a');
} catch {
  tsArg = (ms) => BigInt(ms);
}

// One signer per key pair, kept as a caller keeps it.
let keyed = { ak: null, sk: null, signer: null };
const signerFor = (ak, sk) => {
  if (keyed.ak !== ak || keyed.sk !== sk) {
    keyed.signer?.free();
    keyed = { ak, sk, signer: new ncp.Signer(ak, sk) };
  }
  return keyed.signer;
};
let keyedCjs = { sk: null, hmac: null };
const cryptoJsFor = (sk) => {
  if (keyedCjs.sk !== sk) keyedCjs = { sk, hmac: CryptoJS.algo.HMAC.create(CryptoJS.algo.SHA256, sk) };
  return keyedCjs.hmac;
};

const impls = {
  'ncp-certkit': (m, p, t, ak, sk) => signerFor(ak, sk).sign(m, p, tsArg(t)),
  'node:crypto createHmac': (m, p, t, ak, sk) =>
    createHmac('sha256', sk).update(`${m} ${p}\n${t}\n${ak}`).digest('base64'),
  'crypto-js HmacSHA256': (m, p, t, ak, sk) =>
    CryptoJS.HmacSHA256(`${m} ${p}\n${t}\n${ak}`, sk).toString(CryptoJS.enc.Base64),
  'crypto-js HMAC keyed once': (m, p, t, ak, sk) => {
    const hmac = cryptoJsFor(sk);
    hmac.reset();
    return hmac.finalize(`${m} ${p}\n${t}\n${ak}`).toString(CryptoJS.enc.Base64);
  },
};

// Same answer first: the public vector, then the benchmark's own input.
const vectorAnswers = {};
const inputAnswers = {};
for (const [name, fn] of Object.entries(impls)) {
  vectorAnswers[name] = fn(VECTOR.method, VECTOR.path, VECTOR.timestampMs, VECTOR.accessKey, VECTOR.secretKey);
  inputAnswers[name] = fn(METHOD, PATH, TIMESTAMP_MS, ACCESS_KEY, SECRET_KEY);
}
assertSame('the public vector', { expected: VECTOR.signature, ...vectorAnswers });
assertSame('the benchmark input', inputAnswers);

const timings = await timeAll(
  Object.entries(impls).map(([name, fn]) => ({
    name,
    fn: () => fn(METHOD, PATH, TIMESTAMP_MS, ACCESS_KEY, SECRET_KEY),
  })),
);

// Where ncp-certkit's time goes (diagnostic, no ratio): the other forms, and the calls apart.
const sts = ncp.stringToSign(METHOD, PATH, tsArg(TIMESTAMP_MS), ACCESS_KEY);
const signer = new ncp.Signer(ACCESS_KEY, SECRET_KEY);
assertSame('the other forms', {
  'Signer.sign()': inputAnswers['ncp-certkit'],
  'sign(stringToSign())': ncp.sign(SECRET_KEY, sts),
  signRequest: ncp.signRequest(METHOD, PATH, tsArg(TIMESTAMP_MS), ACCESS_KEY, SECRET_KEY)['x-ncp-apigw-signature-v2'],
  'Signer.signRequest()': signer.signRequest(METHOD, PATH, tsArg(TIMESTAMP_MS))['x-ncp-apigw-signature-v2'],
});
const parts = await timeAll([
  { name: 'sign(stringToSign())', fn: () => ncp.sign(SECRET_KEY, ncp.stringToSign(METHOD, PATH, tsArg(TIMESTAMP_MS), ACCESS_KEY)) },
  { name: 'signRequest()', fn: () => ncp.signRequest(METHOD, PATH, tsArg(TIMESTAMP_MS), ACCESS_KEY, SECRET_KEY) },
  { name: 'Signer.signRequest()', fn: () => signer.signRequest(METHOD, PATH, tsArg(TIMESTAMP_MS)) },
  { name: 'new Signer() + free()', fn: () => new ncp.Signer(ACCESS_KEY, SECRET_KEY).free() },
  { name: 'stringToSign()', fn: () => ncp.stringToSign(METHOD, PATH, tsArg(TIMESTAMP_MS), ACCESS_KEY) },
  { name: 'sign()', fn: () => ncp.sign(SECRET_KEY, sts) },
]);

writeResult(out, {
  parts,
  input: `${METHOD} ${PATH}, 13-digit timestamp, ${ACCESS_KEY.length}-char access key, ${SECRET_KEY.length}-char secret key`,
  agreed: inputAnswers['ncp-certkit'],
  repeats: REPEATS,
  sampleMs: SAMPLE_MS,
  timings,
});
