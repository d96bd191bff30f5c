// The clock-skew retry of createClient, both ways and at its edges, with an injected fetch and
// a frozen Date.now (whole seconds, the resolution of the Date header), so that every skew is
// exact. The gateway refuses a timestamp 5 minutes or more off its clock (ncp-api.md; the
// sandbox's `now.abs_diff(ts) >= 300000`): the client re-signs once with the 401's Date when,
// and only when, the 401 came with a Date that far off.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createClient, maxClockSkewMs } from 'ncp-certkit';

const LOCAL = Date.UTC(2025, 7, 8, 3, 4, 5); // a whole second
const KEYS = { accessKey: 'AKEXAMPLE0001', secretKey: 'secret/key+example' };
const PATH = '/api/v1/ca?pageNo=1';
const AUTH_FAILED = { error: { errorCode: '200', message: 'Authentication Failed' } };
const CA_LIST = { code: 'SUCCESS', msg: 'Success', data: { totalCnt: 0, totalPageNo: 1, currentPageNo: 1, caInfoList: [] } };

/**
 * A gateway whose clock is `offsetMs` from LOCAL: answers each call with the next of
 * `answers` (`[status, body, withDate]`) and records the signed timestamps.
 */
function gateway(offsetMs, answers) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, timestamp: Number(init.headers['x-ncp-apigw-timestamp']), signature: init.headers['x-ncp-apigw-signature-v2'] });
    const [status, body, withDate = true] = answers[Math.min(calls.length, answers.length) - 1];
    const headers = { 'content-type': 'application/json' };
    if (withDate) headers.date = new Date(LOCAL + offsetMs).toUTCString();
    return new Response(JSON.stringify(body), { status, headers });
  };
  return { f, calls };
}

/** Runs `body` with Date.now frozen at LOCAL. */
async function atLocalTime(body) {
  const realNow = Date.now;
  Date.now = () => LOCAL;
  try {
    return await body();
  } finally {
    Date.now = realNow;
  }
}

const signature = (timestamp) => createHmac('sha256', KEYS.secretKey)
  .update(`GET ${PATH}\n${timestamp}\n${KEYS.accessKey}`, 'utf8').digest('base64');

/** One getCaList through a client on `gw`; returns the result and the client. */
const call = (gw) => atLocalTime(async () => {
  const client = createClient({ baseUrl: 'https://gateway.test', ...KEYS, fetch: gw.f });
  const result = await client.getCaList();
  return { result, client };
});

test('the limit is the documented 5 minutes', () => {
  assert.equal(maxClockSkewMs(), 300000);
});

for (const [what, offset] of [['10 minutes behind', -600000], ['10 minutes ahead', 600000]]) {
  test(`a server ${what}: the 401 is re-signed once at the server's time, and the correction kept`, async () => {
    const gw = gateway(offset, [[401, AUTH_FAILED], [200, CA_LIST]]);
    const { result, client } = await call(gw);
    assert.equal(result.ok, true, JSON.stringify(result.error));
    assert.equal(result.retried, true);
    assert.equal(result.clockSkewMs, offset);
    assert.deepEqual(gw.calls.map((c) => c.timestamp), [LOCAL, LOCAL + offset]);
    assert.equal(gw.calls[1].signature, signature(LOCAL + offset), 'the retry is signed anew');
    assert.equal(client.clockCorrectionMs, offset);
  });
}

test('a 401 without a Date header is not retried (nothing says the clock is at fault)', async () => {
  const gw = gateway(600000, [[401, AUTH_FAILED, false], [200, CA_LIST]]);
  const { result, client } = await call(gw);
  assert.equal(gw.calls.length, 1);
  assert.equal(result.ok, false);
  assert.equal(result.status, 401);
  assert.equal(result.error.kind, 'authFailed');
  assert.equal(result.retried, false);
  assert.equal(result.clockSkewMs ?? null, null);
  assert.equal(client.clockCorrectionMs, 0);
});

test('an answer other than 401 is not retried, however far off its Date', async () => {
  for (const [status, body] of [[200, CA_LIST], [400, { code: 'INVALID_REQUEST', msg: 'bad', data: null }], [403, {}], [500, { error: { errorCode: '900', message: 'x' } }]]) {
    for (const offset of [3600000, -3600000]) {
      const gw = gateway(offset, [[status, body], [200, CA_LIST]]);
      const { result, client } = await call(gw);
      assert.equal(gw.calls.length, 1, `${status} ${offset}`);
      assert.equal(result.status, status);
      assert.equal(result.retried, false);
      assert.equal(result.clockSkewMs, offset, 'still measured and reported');
      assert.equal(client.clockCorrectionMs, 0, 'and not applied');
    }
  }
});

test('exactly 5 minutes off is refused by the gateway, so the 401 is retried; 1 s less is not', async () => {
  for (const offset of [300000, -300000]) {
    const gw = gateway(offset, [[401, AUTH_FAILED], [200, CA_LIST]]);
    const { result } = await call(gw);
    assert.equal(gw.calls.length, 2, `${offset}: retried`);
    assert.equal(result.retried, true);
    assert.equal(gw.calls[1].timestamp, LOCAL + offset);
  }
  for (const offset of [299000, -299000]) {
    // Inside the limit the clock was accepted: a 401 means the keys, and re-signing cannot help.
    const gw = gateway(offset, [[401, AUTH_FAILED], [200, CA_LIST]]);
    const { result, client } = await call(gw);
    assert.equal(gw.calls.length, 1, `${offset}: not retried`);
    assert.equal(result.retried, false);
    assert.equal(result.error.kind, 'authFailed');
    assert.equal(result.clockSkewMs, offset);
    assert.equal(client.clockCorrectionMs, 0);
  }
});

test('a second 401 after the retry is not retried again; the next call starts corrected', async () => {
  const gw = gateway(-600000, [[401, AUTH_FAILED], [401, AUTH_FAILED], [200, CA_LIST]]);
  await atLocalTime(async () => {
    const client = createClient({ baseUrl: 'https://gateway.test', ...KEYS, fetch: gw.f });
    const first = await client.getCaList();
    assert.equal(gw.calls.length, 2, 'one retry only');
    assert.equal(first.ok, false);
    assert.equal(first.retried, true);
    assert.equal(first.error.kind, 'authFailed');
    // Signed at the server's time, the clock is no longer the reason: the hint says so.
    assert.match(first.error.hint, /clock is fine|access key/);
    const next = await client.getCaList();
    assert.equal(next.ok, true);
    assert.equal(next.retried, false);
    assert.equal(gw.calls[2].timestamp, LOCAL - 600000, 'signed with the kept correction');
  });
});

test('a correction of at most 1 hour is applied; further off, nothing is re-signed and the hint says why', async () => {
  for (const offset of [3600000, -3600000]) {
    const gw = gateway(offset, [[401, AUTH_FAILED], [200, CA_LIST]]);
    const { result, client } = await call(gw);
    assert.equal(gw.calls.length, 2, `${offset}: retried at the limit`);
    assert.equal(result.ok, true);
    assert.equal(result.retried, true);
    assert.equal(client.clockCorrectionMs, offset);
  }
  for (const offset of [3601000, -3601000, 86400000]) {
    const gw = gateway(offset, [[401, AUTH_FAILED], [200, CA_LIST]]);
    const { result, client } = await call(gw);
    assert.equal(gw.calls.length, 1, `${offset}: one signature only, at the local time`);
    assert.equal(gw.calls[0].timestamp, LOCAL);
    assert.equal(result.ok, false);
    assert.equal(result.retried, false);
    assert.equal(result.error.kind, 'authFailed');
    assert.equal(result.clockSkewMs, offset, 'the skew is still reported');
    assert.match(result.error.hint, /more than the 1 hour/);
    assert.match(result.error.hint, /nothing was re-signed/);
    assert.equal(client.clockCorrectionMs, 0);
  }
});
