// Benchmark 5: proxy. A signed Issue End Cert (keyType EC256: cheap key generation, so the
// proxy's own overhead is visible) through the proxy's forwarding route
// (`<proxy>/ncp/public/private-ca`, upstream overridden to the standalone sandbox) vs straight
// to that standalone sandbox, with wrk (Debian) at several connection counts, each
// run a fixed duration, repeated; the median run per cell is reported. Then the peak RSS
// (VmHWM) of both processes.
//
// The request is signed with Node's crypto (the sign benchmark shows it agrees with
// ncp-certkit byte for byte), right before each run: a signature is valid for 5 minutes and
// the sandbox does not reject replays, so one signed request is replayed for the whole run.
// Before timing, one request to each target must issue a certificate (HTTP 200, SUCCESS, an
// EC P-256 leaf with the requested common name); during timing every response must be 2xx.
//
// The anchor (issue 14): Debian's nginx as a reverse proxy for the same route to the same
// sandbox, beside certkit-proxy and direct on the cheap signed GET at each connection count.
//
// usage: node proxy.mjs --direct URL --via-proxy URL --proxy-pid PID --sandbox-pid PID
//        [--via-nginx URL]
//        [--connections 1,64,256] [--seconds 5] [--repeats 3] --work DIR --out RESULT.json

import { spawnSync } from 'node:child_process';
import { createHmac, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { args, assertSame, median, writeResult } from './lib.mjs';

const opts = args();
const CONNECTIONS = (opts.connections ?? '1,64,256').split(',').map(Number);
const SECONDS = Number(opts.seconds ?? 5);
const REPEATS = Number(opts.repeats ?? 3);
const COMMON_NAME = 'bench.certkit.example';
const BODY = JSON.stringify({ keyType: 'EC256', x509Parameters: { commonName: COMMON_NAME } });
const targets = { direct: opts.direct, proxy: opts['via-proxy'] };
if (opts['via-nginx']) targets.nginx = opts['via-nginx'];

async function credentials(base) {
  const response = await fetch(`${base}/demo/credentials`);
  if (!response.ok) throw new Error(`${base}/demo/credentials answered ${response.status}`);
  const body = await response.json();
  return { accessKey: body.main.accessKey, secretKey: body.main.secretKey, caTag: body.caTags.issuing };
}

// The two requests: the benchmark's Issue End Cert, and a cheap signed read of the issuing CA
// (`GET /api/v1/ca/{caTag}`: signature check and a small JSON answer, no key generation and no
// RSA signature), as a reference where the proxy's own overhead is a larger share.
const SCENARIOS = {
  issueEndCert: { method: 'POST', path: (tag) => `/api/v1/ca/${tag}/cert`, body: BODY },
  getCa: { method: 'GET', path: (tag) => `/api/v1/ca/${tag}`, body: null },
};

function signed(base, creds, scenario = SCENARIOS.issueEndCert) {
  const path = scenario.path(creds.caTag);
  const timestamp = String(Date.now());
  const signature = createHmac('sha256', creds.secretKey)
    .update(`${scenario.method} ${path}\n${timestamp}\n${creds.accessKey}`)
    .digest('base64');
  return {
    method: scenario.method,
    body: scenario.body,
    url: `${base}${path}`,
    headers: {
      'content-type': 'application/json',
      'x-ncp-apigw-timestamp': timestamp,
      'x-ncp-iam-access-key': creds.accessKey,
      'x-ncp-apigw-signature-v2': signature,
    },
  };
}

async function issueOnce(base, creds) {
  const request = signed(base, creds);
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: BODY });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    return { status: response.status, body: text.slice(0, 200) };
  }
  const cert = body?.data?.certificate ? new X509Certificate(body.data.certificate) : null;
  return {
    status: response.status,
    code: body.code,
    commonName: cert ? /CN=([^\n]*)/.exec(cert.subject)?.[1] : null,
    keyType: cert ? `${cert.publicKey.asymmetricKeyType} ${cert.publicKey.asymmetricKeyDetails?.namedCurve}` : null,
  };
}

const luaString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

// wrk's own Lua hooks: the request, then a summary as one JSON line on stdout.
function wrkScript(request) {
  const headers = Object.entries(request.headers)
    .map(([k, v]) => `wrk.headers[${luaString(k)}] = ${luaString(v)}`)
    .join('\n');
  return `wrk.method = "${request.method}"
${request.body === null ? '' : `wrk.body = ${luaString(request.body)}`}
${headers}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
`;
}

function runWrk(name, base, creds, connections, scenario) {
  const request = signed(base, creds, scenario);
  const script = join(opts.work, `wrk-${name}.lua`);
  writeFileSync(script, wrkScript(request));
  const threads = Math.min(2, connections);
  const run = spawnSync('wrk', [
    `-t${threads}`, `-c${connections}`, `-d${SECONDS}s`, '--timeout', '10s', '-s', script, request.url,
  ], { encoding: 'utf8' });
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (run.status !== 0 || !line) {
    throw new Error(`wrk failed (${run.status}): ${run.stderr || run.stdout}`);
  }
  const r = JSON.parse(line.slice('BENCH_JSON '.length));
  const errors = r.connectErrors + r.readErrors + r.writeErrors + r.statusErrors + r.timeouts;
  if (errors > 0) {
    throw new Error(`${name} at ${connections} connections: ${r.statusErrors} non-2xx responses, ` +
      `${r.connectErrors + r.readErrors + r.writeErrors} socket errors, ${r.timeouts} timeouts ` +
      `(rate limit or concurrency cap still on?)`);
  }
  return { rps: r.requests / (r.durationUs / 1e6), p50Ms: r.p50Us / 1000, p99Ms: r.p99Us / 1000, requests: r.requests };
}

function peakRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { vmHwmKiB: kb('VmHWM'), vmRssKiB: kb('VmRSS') };
}

// Both targets reach the same standalone sandbox (the proxy forwards to it), so its demo
// keys and CA tags serve both; the proxy's /ncp route forwards only /api/ paths.
const sandboxCreds = await credentials(targets.direct);
const creds = Object.fromEntries(Object.keys(targets).map((name) => [name, sandboxCreds]));

const checks = {};
for (const name of ['direct', 'proxy']) checks[name] = await issueOnce(targets[name], creds[name]);
const expected = { status: 200, code: 'SUCCESS', commonName: COMMON_NAME, keyType: 'ec prime256v1' };
assertSame('one Issue End Cert', { expected, ...checks });

const rssBefore = { proxy: peakRss(opts['proxy-pid']), sandbox: peakRss(opts['sandbox-pid']) };
// The reference request must succeed on both targets too.
for (const [name, base] of Object.entries(targets)) {
  const request = signed(base, creds[name], SCENARIOS.getCa);
  const response = await fetch(request.url, { headers: request.headers });
  if (response.status !== 200) throw new Error(`GET CA via ${name} answered ${response.status}`);
}

function measure(scenario, connections, names = ['direct', 'proxy']) {
  const runs = Object.fromEntries(names.map((name) => [name, []]));
  for (let r = 0; r < REPEATS; r++) {
    // Rotate which goes first, so that drift on the shared machine hits each alike.
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) runs[name].push(runWrk(name, targets[name], creds[name], connections, scenario));
  }
  const summarise = (list) => ({
    rps: median(list.map((x) => x.rps)),
    p50Ms: median(list.map((x) => x.p50Ms)),
    p99Ms: median(list.map((x) => x.p99Ms)),
    runs: list,
  });
  return { connections, ...Object.fromEntries(names.map((name) => [name, summarise(runs[name])])) };
}

const cells = CONNECTIONS.map((connections) => measure(SCENARIOS.issueEndCert, connections));
// The cheap signed GET, where the proxy's own cost shows: beside nginx at every connection
// count when it runs, else at 64 connections for reference.
const reference = {
  request: `GET /api/v1/ca/{issuing caTag} (signed)`,
  cells: targets.nginx
    ? CONNECTIONS.map((connections) => measure(SCENARIOS.getCa, connections, ['direct', 'proxy', 'nginx']))
    : [measure(SCENARIOS.getCa, 64)],
};

writeResult(opts.out, {
  request: `POST /api/v1/ca/{issuing caTag}/cert ${BODY}`,
  tool: (spawnSync('wrk', ['-v'], { encoding: 'utf8' }).stdout ?? '').split(' Copyright')[0].trim() || 'wrk',
  seconds: SECONDS,
  repeats: REPEATS,
  cells,
  reference,
  nginx: targets.nginx
    ? { version: (spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr ?? '').replace('nginx version: ', '').trim() }
    : null,
  rss: {
    before: rssBefore,
    after: { proxy: peakRss(opts['proxy-pid']), sandbox: peakRss(opts['sandbox-pid']) },
  },
});
