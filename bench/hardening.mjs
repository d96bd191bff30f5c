// Benchmark 6: the proxy and the sandbox under sustained load (issue 15).
//
// Load: wrk with 500 connections for 60 s through the proxy's forwarding route on a cheap
// signed GET (`GET /api/v1/ca/{issuing caTag}`: signature check and a small JSON answer),
// reporting requests, errors (target 0), p99, and the proxy's RSS (VmRSS) before the load and
// after 30 s idle (target: back within 10 % of before); then the same load once more, whose
// idle reading tells a plateau from a leak.
//
// Soak: 10,000 Issue End Certs through the proxy, key types mixed (EC256, EC521 and RSA2048
// in turn, and RSA4096 for every 100th: it takes a second or more each), 8 at a time, each
// signed right before it is sent; the error count (target 0), latency per key type, and the RSS
// of both processes.
//
// Requests are signed with Node's crypto, as in proxy.mjs.
//
// usage: node hardening.mjs --proxy URL --sandbox URL --proxy-pid PID --sandbox-pid PID
//        [--connections 500] [--seconds 60] [--issuances 10000] [--parallel 8] --work DIR
//        --out RESULT.json

import { spawnSync } from 'node:child_process';
import { createHmac, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { args, writeResult } from './lib.mjs';

const opts = args();
const CONNECTIONS = Number(opts.connections ?? 500);
const SECONDS = Number(opts.seconds ?? 60);
const ISSUANCES = Number(opts.issuances ?? 10000);
const PARALLEL = Number(opts.parallel ?? 8);
const ROUTE = `${opts.proxy}/ncp/public/private-ca`;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  // RssFile is the binary's own pages the run touched; RssAnon is what the process allocated.
  return { vmRssKiB: kb('VmRSS'), vmHwmKiB: kb('VmHWM'), rssAnonKiB: kb('RssAnon'), rssFileKiB: kb('RssFile') };
}

const demo = await (await fetch(`${opts.sandbox}/demo/credentials`)).json();
const creds = { accessKey: demo.main.accessKey, secretKey: demo.main.secretKey, caTag: demo.caTags.issuing };

function signedHeaders(method, path) {
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', creds.secretKey)
    .update(`${method} ${path}\n${timestamp}\n${creds.accessKey}`)
    .digest('base64');
  return {
    'content-type': 'application/json',
    'x-ncp-apigw-timestamp': timestamp,
    'x-ncp-iam-access-key': creds.accessKey,
    'x-ncp-apigw-signature-v2': signature,
  };
}

// ---- load ------------------------------------------------------------------------------------

const luaString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function load() {
  const path = `/api/v1/ca/${creds.caTag}`;
  const headers = signedHeaders('GET', path);
  const script = join(opts.work, 'wrk-hardening.lua');
  writeFileSync(script, `wrk.method = "GET"
${Object.entries(headers).map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`).join('\n')}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
`);
  const run = spawnSync('wrk', ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--timeout', '10s', '-s', script, `${ROUTE}${path}`],
    { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (run.status !== 0 || !line) throw new Error(`wrk failed (${run.status}): ${run.stderr || run.stdout}`);
  const r = JSON.parse(line.slice('BENCH_JSON '.length));
  return {
    request: `GET /api/v1/ca/{issuing caTag} (signed) via ${ROUTE}`,
    connections: CONNECTIONS,
    seconds: SECONDS,
    requests: r.requests,
    rps: r.requests / (r.durationUs / 1e6),
    p50Ms: r.p50Us / 1000,
    p99Ms: r.p99Us / 1000,
    maxMs: r.maxUs / 1000,
    errors: {
      connect: r.connectErrors, read: r.readErrors, write: r.writeErrors,
      non2xx: r.statusErrors, timeouts: r.timeouts,
      total: r.connectErrors + r.readErrors + r.writeErrors + r.statusErrors + r.timeouts,
    },
  };
}

// A few requests first, so that "before" is the proxy warmed up, not freshly started.
for (let i = 0; i < 50; i++) {
  const path = `/api/v1/ca/${creds.caTag}`;
  const response = await fetch(`${ROUTE}${path}`, { headers: signedHeaders('GET', path) });
  if (response.status !== 200) throw new Error(`warm-up GET answered ${response.status}: ${await response.text()}`);
}
await sleep(2000);
const loadBefore = rss(opts['proxy-pid']);
// Idle connections are closed by the proxy's header timeout (20 s by default) and its idle
// upstream connections by the pool's timer (15 s); wait past both.
const IDLE_MS = 30000;
const loadResult = load();
await sleep(IDLE_MS);
const loadAfter = rss(opts['proxy-pid']);
// The same load again: if the proxy leaked, the second idle reading would climb above the first.
const againResult = load();
await sleep(IDLE_MS);
const loadAgain = rss(opts['proxy-pid']);
loadResult.again = { requests: againResult.requests, p99Ms: againResult.p99Ms, errors: againResult.errors };
loadResult.rss = {
  before: loadBefore,
  after: loadAfter,
  afterAgain: loadAgain,
  ratio: loadAfter.vmRssKiB / loadBefore.vmRssKiB,
  againRatio: loadAgain.vmRssKiB / loadAfter.vmRssKiB,
};

// ---- soak ------------------------------------------------------------------------------------

function keyTypeFor(i) {
  if (i % 100 === 99) return 'RSA4096';
  return ['EC256', 'EC521', 'RSA2048'][i % 3];
}

const soakBefore = { proxy: rss(opts['proxy-pid']), sandbox: rss(opts['sandbox-pid']) };
const byKeyType = {};
const latencyByKeyType = {};
const errorSamples = [];
let errors = 0;
let next = 0;
const started = Date.now();
async function worker() {
  for (;;) {
    const i = next++;
    if (i >= ISSUANCES) return;
    const keyType = keyTypeFor(i);
    const path = `/api/v1/ca/${creds.caTag}/cert`;
    const body = JSON.stringify({ keyType, x509Parameters: { commonName: `soak-${i}.certkit.example` } });
    let ok = false;
    let why = '';
    const sent = performance.now();
    try {
      const response = await fetch(`${ROUTE}${path}`, { method: 'POST', headers: signedHeaders('POST', path), body });
      const text = await response.text();
      if (response.status === 200) {
        const parsed = JSON.parse(text);
        const cert = new X509Certificate(parsed.data.certificate);
        ok = parsed.code === 'SUCCESS' && cert.subject.includes(`soak-${i}.certkit.example`)
          && parsed.data.privateKey.includes('PRIVATE KEY');
        if (!ok) why = `unexpected answer: ${text.slice(0, 120)}`;
      } else {
        why = `HTTP ${response.status}: ${text.slice(0, 120)}`;
      }
    } catch (e) {
      why = String(e);
    }
    byKeyType[keyType] = (byKeyType[keyType] ?? 0) + 1;
    (latencyByKeyType[keyType] ??= []).push(performance.now() - sent);
    if (!ok) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(`${keyType} #${i}: ${why}`);
    }
  }
}
await Promise.all(Array.from({ length: PARALLEL }, worker));
const soakSeconds = (Date.now() - started) / 1000;
await sleep(2000);
const soakResult = {
  issuances: ISSUANCES,
  parallel: PARALLEL,
  byKeyType,
  latencyMsByKeyType: Object.fromEntries(Object.entries(latencyByKeyType).map(([type, times]) => {
    const sorted = times.sort((a, b) => a - b);
    const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return [type, { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] }];
  })),
  errors,
  errorSamples,
  seconds: soakSeconds,
  rss: { before: soakBefore, after: { proxy: rss(opts['proxy-pid']), sandbox: rss(opts['sandbox-pid']) } },
};

writeResult(opts.out, { load: loadResult, soak: soakResult });
console.log(JSON.stringify({ load: loadResult, soak: soakResult }, null, 2));
if (loadResult.errors.total > 0 || againResult.errors.total > 0 || errors > 0) process.exitCode = 1;
