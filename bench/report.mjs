// Writes BENCHMARKS.json (everything measured, machine-readable) and BENCHMARKS.md (the tables,
// each figure with its ratio to its anchor and its budget verdict) from the result files of one
// `cargo xtask bench` run. A section without a result says "not measured" and why.
//
// The hand-written reading between the `<!-- reading -->` markers of an existing BENCHMARKS.md
// is kept, with the date of the run it was written for, so regenerating never loses it and
// never passes it off as a reading of newer numbers.
//
// usage: node report.mjs --results DIR --md BENCHMARKS.md --json BENCHMARKS.json

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { args } from './lib.mjs';

const opts = args();
const read = (name) => {
  const path = join(opts.results, `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
};

const meta = read('meta') ?? {};
const notMeasured = meta.notMeasured ?? {};
const results = {
  sign: read('sign'),
  inspect: read('inspect'),
  payload: read('payload'),
  page: read('page'),
  proxy: read('proxy'),
  hardening: read('hardening'),
};

// Issue 14's budgets where it set one (sign vs node ≥ 1x, its stretch 2x; app first load
// ≤ 200 kB gzip and ≤ 170 kB on the wire; form interactive ≤ 250 ms), issue 8's otherwise.
const BUDGETS = {
  signVsNode: 1,
  signVsCryptoJs: 20,
  inspectVsPeculiar: 10,
  inspectVsNode: 1,
  appFirstLoadGzip: 200_000,
  appOnTheWire: 170_000,
  formInteractiveMs: 250,
  npmWasmGzip: 120_000,
  proxyThroughput: 0.9,
  proxyAddedP99Ms: 1,
};

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  ...(meta.versions ?? {}),
};

// --- formatting ---
const fmtTime = (ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(0)} ns`;
const fmtRatio = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}x`;
const fmtKB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const fmtMs = (v) => (v == null ? 'not recorded' : `${v.toFixed(0)} ms`);
const verdict = (ok) => (ok ? 'met' : '**missed**');
const lines = [];
const say = (...l) => lines.push(...l);
const budgetRows = [];
const budget = (what, target, actual, ok) => budgetRows.push({ what, target, actual, met: ok });
const missing = (section) =>
  `Not measured: ${notMeasured[section] ?? 'no result (the step did not run; see the bench output)'}.`;

say(
  '# Benchmarks',
  '',
  `Written by \`cargo xtask bench\` (issue 8) on ${meta.date ?? new Date().toISOString()}` +
    `${meta.commit ? `, at commit \`${meta.commit}\`` : ''}. All figures come from one run on one ` +
    'machine, each implementation next to its anchor, so that machine noise mostly cancels out. ' +
    'Budgets are targets, not assertions: the bench fails only when implementations disagree on ' +
    'an answer. The machine-readable twin of this page is `BENCHMARKS.json`.',
  '',
  '| machine | |',
  '|---|---|',
  ...Object.entries(machine).map(([k, v]) => `| ${k} | ${v} |`),
  ...(meta.totalSeconds
    ? [`| bench wall time | ${Math.round(meta.totalSeconds)} s: ${Object.entries(meta.phases ?? {})
      .map(([name, secs]) => `${name} ${secs} s`).join('; ')} |`]
    : []),
  ...(meta.quick ? ['| mode | **--quick**: 3 short samples, 5 page loads, 2-s proxy runs; a harness check, not a result |'] : []),
  '',
);

// 1. Signing
say('## 1. Signing a request (Node 20)', '');
if (results.sign) {
  const s = results.sign;
  const t = s.timings;
  const ours = t['ncp-certkit'].nsPerOp;
  say(
    `String to sign plus Base64 HMAC-SHA256 of ${s.input}. ncp-certkit is its \`Signer\`, keyed ` +
      'once per key pair (its HMAC pads hashed once), then `signer.sign(method, path, ts)` per ' +
      'request; createHmac has no keyed-once form, so its row is what a Node caller pays per ' +
      'request; crypto-js is timed both ways, and its one-call form is the budget\'s anchor. ' +
      `All gave the same signature ` +
      `(\`${s.agreed}\`) and NCP's public vector before timing. Median of ${s.repeats} samples ` +
      `of ~${s.sampleMs} ms each, after a warm-up; ratio = the anchor's time / ncp-certkit's ` +
      '(above 1: ncp-certkit is faster).',
    '',
    '| implementation | time per signature | ncp-certkit speed-up |',
    '|---|---|---|',
    ...Object.entries(t).map(([name, v]) =>
      `| ${name} | ${fmtTime(v.nsPerOp)} | ${name === 'ncp-certkit' ? '(itself)' : fmtRatio(v.nsPerOp / ours)} |`),
    '',
  );
  if (s.parts) {
    say(`ncp-certkit's calls timed apart: ${Object.entries(s.parts)
      .map(([name, v]) => `\`${name}\` ${fmtTime(v.nsPerOp)}`).join(', ')}.`, '');
  }
  const vsNode = t['node:crypto createHmac'].nsPerOp / ours;
  const vsCjs = t['crypto-js HmacSHA256'].nsPerOp / ours;
  budget('sign vs node:crypto', `>= ${BUDGETS.signVsNode}x`, fmtRatio(vsNode), vsNode >= BUDGETS.signVsNode);
  budget('sign vs crypto-js', `>= ${BUDGETS.signVsCryptoJs}x`, fmtRatio(vsCjs), vsCjs >= BUDGETS.signVsCryptoJs);
} else {
  say(missing('sign'), '');
}

// 2. Inspecting
say('## 2. Inspecting PEMs (Node 20)', '');
if (results.inspect) {
  const r = results.inspect;
  say(
    'From PEM text to subject, issuer, validity, SANs, serial and SHA-256 fingerprint of every ' +
      'certificate. The three answers, normalised to one shape, agreed on each input before ' +
      `timing. Median of ${r.repeats} samples of ~${r.sampleMs} ms each; ratio = the anchor's ` +
      "time / ncp-certkit's. ncp-certkit's `inspectPem` also computes everything else it " +
      'returns (SHA-1, key details, extensions, CA and self-signed flags); the anchors do only ' +
      'the listed fields.',
    '',
    '| input | implementation | time per inspection | ncp-certkit speed-up |',
    '|---|---|---|---|',
  );
  const partsNotes = [];
  for (const [input, v] of Object.entries(r.inputs)) {
    const ours = v.timings['ncp-certkit'].nsPerOp;
    for (const [name, t] of Object.entries(v.timings)) {
      say(`| ${input} (${v.certificates} cert, ${v.bytes} B) | ${name} | ${fmtTime(t.nsPerOp)} | ` +
        `${name === 'ncp-certkit' ? '(itself)' : fmtRatio(t.nsPerOp / ours)} |`);
    }
    if (v.perCertificate) {
      partsNotes.push(`ncp-certkit on each certificate of the ${input} alone: ${Object.entries(v.perCertificate)
        .map(([name, t]) => `${name} ${fmtTime(t.nsPerOp)}`).join('; ')}.`);
    }
    const vsPec = v.timings['@peculiar/x509'].nsPerOp / ours;
    const vsNode = v.timings['node:crypto X509Certificate'].nsPerOp / ours;
    budget(`inspect ${input} vs @peculiar/x509`, `>= ${BUDGETS.inspectVsPeculiar}x`, fmtRatio(vsPec), vsPec >= BUDGETS.inspectVsPeculiar);
    budget(`inspect ${input} vs node:crypto`, `>= ${BUDGETS.inspectVsNode}x`, fmtRatio(vsNode), vsNode >= BUDGETS.inspectVsNode);
  }
  say('', ...partsNotes.flatMap((note) => [note, '']));
} else {
  say(missing('inspect'), '');
}

// 3. Payload
say('## 3. Payload', '');
const p = results.payload;
if (p?.app && !p.app.notMeasured) {
  say(
    "The app's first load: every .html, .js, .wasm and .css file of the bench's own release " +
      "build in `.scratch/bench/dist` but the deferred wasm module (the functions that did not " +
      'run while the app started and opened the Issue End Cert form, fetched once the page is ' +
      "idle: xtask/src/app_split.rs), compressed here with Node's zlib (gzip level 9, brotli " +
      'quality 11). kB = 1000 bytes. ' +
      'The bench builds the app as `cargo xtask serve` does (`trunk build --release`), into ' +
      'its own dist.',
    '',
    '| file | raw | gzip | brotli |',
    '|---|---|---|---|',
    ...p.app.files.filter((f) => !f.deferred)
      .map((f) => `| ${f.file} | ${fmtKB(f.raw)} | ${fmtKB(f.gzip)} | ${fmtKB(f.brotli)} |`),
    `| **first load** | **${fmtKB(p.app.total.raw)}** | **${fmtKB(p.app.total.gzip)}** | **${fmtKB(p.app.total.brotli)}** |`,
    ...p.app.files.filter((f) => f.deferred)
      .map((f) => `| ${f.file} (deferred: fetched once the page is idle) | ${fmtKB(f.raw)} | ${fmtKB(f.gzip)} | ${fmtKB(f.brotli)} |`),
    ...(p.app.withDeferred
      ? [`| first load and deferred module | ${fmtKB(p.app.withDeferred.raw)} | ${fmtKB(p.app.withDeferred.gzip)} | ${fmtKB(p.app.withDeferred.brotli)} |`]
      : []),
    '',
  );
  budget('app first load, gzip', `<= ${fmtKB(BUDGETS.appFirstLoadGzip)}`, fmtKB(p.app.total.gzip), p.app.total.gzip <= BUDGETS.appFirstLoadGzip);
} else {
  say(`App first load. Not measured: ${notMeasured.app ?? p?.app?.notMeasured ?? 'no result (see the bench output)'}.`, '');
}
if (p?.npm && !p.npm.notMeasured) {
  say(
    'The npm package `ncp-certkit`, its wasm as installed from the packed tarball:',
    '',
    '| file | raw | gzip |',
    '|---|---|---|',
    ...p.npm.wasm.map((w) => `| ${w.file} | ${fmtKB(w.raw)} | ${fmtKB(w.gzip)} |`),
    '',
  );
  // The budget is the browser build's: bundles ship it to pages. The Node build is compiled
  // for speed (issue 14's "two builds for two jobs") and installed, never downloaded by a page.
  for (const w of p.npm.wasm.filter((w) => w.file.startsWith('web/'))) {
    budget(`npm ${w.file}, gzip`, `<= ${fmtKB(BUDGETS.npmWasmGzip)}`, fmtKB(w.gzip), w.gzip <= BUDGETS.npmWasmGzip);
  }
  say('The `node/` build is compiled for speed (opt-level 3, wasm-opt -O3): Node installs it and no ' +
    'page downloads it, so the size budget is the `web/` build\'s, which bundles ship.', '');
} else {
  say(`npm package. Not measured: ${notMeasured.npm ?? p?.npm?.notMeasured ?? 'no result (see the bench output)'}.`, '');
}
if (p?.anchors) {
  const ours = p.npm?.bundle && !p.npm.bundle.notMeasured ? p.npm.bundle : null;
  const peculiar = p.anchors['@peculiar/x509'];
  say(
    'What a JS author would install instead, bundled for a browser with esbuild `--bundle --minify` ' +
      '(the bench\'s exact versions), gzip level 9. ncp-certkit is its JS entry bundled the same ' +
      "way plus the wasm that entry fetches.",
    '',
    '| package | what is bundled | gzip | ncp-certkit as a multiple of it |',
    '|---|---|---|---|',
    ...(ours
      ? [`| **ncp-certkit** | \`${ours.entry}\` (${fmtKB(ours.jsGzip)}) + its wasm (${fmtKB(ours.wasmGzip)}) | **${fmtKB(ours.gzip)}** | 1x |`]
      : [`| ncp-certkit | not measured: ${p.npm?.bundle?.notMeasured ?? 'no npm package build'} | | |`]),
    ...Object.entries(p.anchors).map(([name, a]) =>
      a.notMeasured
        ? `| ${name} | not measured: ${a.notMeasured} | | |`
        : `| ${name} | \`${a.entry}\` | ${fmtKB(a.gzip)} | ${ours ? fmtRatio(ours.gzip / a.gzip) : ''} |`),
    '',
  );
  if (ours && peculiar && !peculiar.notMeasured) {
    say(`The npm package's web wasm is ${fmtRatio(ours.wasmGzip / peculiar.gzip)} the weight of @peculiar/x509's bundle ` +
      `(${fmtKB(ours.wasmGzip)} against ${fmtKB(peculiar.gzip)}, gzip).`, '');
  }
}
const breakdowns = [
  ...(p?.app?.wasm ?? []).map((w) => ({ label: `app ${w.file}`, ...w })),
  ...(p?.npm?.wasm ?? []).map((w) => ({ label: `npm ${w.file}`, ...w })),
];
if (breakdowns.length) {
  say('Where the wasm bytes go: sections of each shipped module (raw bytes), and, from the ' +
    "unstripped cargo output, each crate's share of the code (before wasm-bindgen and wasm-opt, " +
    'so shares, not shipped bytes).', '');
  for (const b of breakdowns) {
    const top = b.sections.filter((s) => s.bytes >= 1000).map((s) => `${s.name} ${fmtKB(s.bytes)}`);
    say(`- ${b.label}: ${top.join(', ')}`);
    // The app's names come from the cargo output of the whole app, before the split: shown
    // once, under the first-load module.
    if (b.codeByCrate && !/_deferred\.wasm$/.test(b.file)) {
      const whole = b.label.startsWith('app ') ? ' (the whole app, both modules)' : '';
      say(`  - code by crate${whole}: ${b.codeByCrate.crates.slice(0, 10)
        .map((c) => `${c.crate} ${(c.share * 100).toFixed(0)}%`).join(', ')}`);
    }
  }
  say('');
}

// 4. Page
/** The floor's paragraph: the same loads of a page with only the link and the field. */
function pageFloor(g) {
  if (!g.floor) {
    return ['The floor page (bench/floor/) was not measured in this run: the figure above has nothing to be read against.', ''];
  }
  const f = g.floor;
  return [
    `The floor, loaded alternately with the app through a second instance of the same release proxy: ` +
      'bench/floor/, a page whose module script adds only the link, and whose click adds only the field ' +
      `(no stylesheet, no wasm). Its form interactive: median ${fmtMs(f.medianMs)}, link clickable ` +
      `${fmtMs(f.medianNavMs)}, click reached the page ${fmtMs(f.medianClickMs)}. That is what Chromium, the ` +
      `proxy and the driver take by themselves; the app's own share of its median is ` +
      `${(g.medianMs - f.medianMs).toFixed(0)} ms.`,
    '',
  ];
}

say('## 4. Page: navigation to an interactive Issue End Cert form', '');
if (results.page) {
  const g = results.page;
  say(
    `${g.browser}, headless, on loopback through the release proxy (serving the bench's app build, ` +
      `compressed), ${g.loads} cold loads, each in a new browser context (empty cache), after ` +
      'one untimed load that warms the browser process. Interactive = ' +
      `\`${g.formSelector}\` visible and enabled` +
      `${g.navSelector ? ` after clicking \`${g.navSelector}\`` : ''}; time read from the ` +
      "page's own clock (performance.now(), zero at navigation start).",
    '',
    '| form interactive: median | min | max | median as seen from the test driver |' +
      `${g.medianNavMs != null ? ' app started (navigation clickable): median | click reached the page: median |' : ''}`,
    `|---|---|---|---|${g.medianNavMs != null ? '---|---|' : ''}`,
    `| ${g.medianMs.toFixed(0)} ms | ${g.minMs.toFixed(0)} ms | ${g.maxMs.toFixed(0)} ms | ${g.medianWallMs.toFixed(0)} ms |` +
      `${g.medianNavMs != null ? ` ${g.medianNavMs.toFixed(0)} ms | ${fmtMs(g.medianClickMs)} |` : ''}`,
    '',
    ...pageFloor(g),
    `Requests of a cold load: ${g.requests.join(', ')}.` +
      (g.transferred
        ? ` Bodies as the proxy sent them (its own compression): ${g.transferred
          .map((t) => `${t.path} ${fmtKB(t.bodyBytes)} ${t.encoding}`).join(', ')}; ` +
          `${fmtKB(g.transferred.reduce((sum, t) => sum + t.bodyBytes, 0))} in all.`
        : ''),
    '',
  );
  budget('form interactive, cold load, median', `<= ${BUDGETS.formInteractiveMs} ms`, `${g.medianMs.toFixed(0)} ms`,
    g.medianMs <= BUDGETS.formInteractiveMs);
  if (g.transferred) {
    // The deferred module is fetched once the page is idle: not part of the first load.
    const wire = g.transferred.filter((t) => !/_deferred\.wasm$/.test(t.path))
      .reduce((sum, t) => sum + t.bodyBytes, 0);
    budget('app first load, on the wire from the proxy', `<= ${fmtKB(BUDGETS.appOnTheWire)}`, fmtKB(wire), wire <= BUDGETS.appOnTheWire);
  }
} else {
  say(missing('page'), '');
}

// 5. Proxy
say('## 5. Proxy: signed Issue End Cert through the proxy vs straight to the sandbox', '');
if (results.proxy) {
  const x = results.proxy;
  say(
    `\`${x.request}\`, replayed by ${x.tool} for ${x.seconds} s per run, ${x.repeats} runs per ` +
      'cell (direct and proxy alternating), median run reported. "direct" goes straight to a ' +
      'standalone `certkit-sandbox`; "proxy" goes through `certkit-proxy`\'s forwarding route ' +
      '`/ncp/public/private-ca/...` (its HTTP client, header allowlist and limits) to that same ' +
      'sandbox, named as the upstream with the test-only `--test-upstream-override` (these ' +
      'machines cannot reach NCP) and `--no-sandbox`. The proxy runs with `--rate-limit 0` (its ' +
      'per-client rate limit, 20 req/s by default, off), `--max-concurrent 100000` so that ' +
      'its limits do not shape the load, and `--upstream-timeout 120` (30 s by default) for the ' +
      "sandbox's RSA-4096 key generation in the soak (`xtask/src/bench.rs`). " +
      'Both servers log one line per ' +
      'request to a file, as by default. ' +
      `The load generator and the servers share the machine's ${machine.cores} cores. ` +
      'Every response was checked to be 2xx.',
    '',
    '| connections | direct req/s | proxy req/s | throughput ratio | direct p50 / p99 | proxy p50 / p99 | added p99 |',
    '|---|---|---|---|---|---|---|',
  );
  for (const c of x.cells) {
    const ratio = c.proxy.rps / c.direct.rps;
    const added = c.proxy.p99Ms - c.direct.p99Ms;
    say(`| ${c.connections} | ${c.direct.rps.toFixed(0)} | ${c.proxy.rps.toFixed(0)} | ${fmtRatio(ratio)} | ` +
      `${c.direct.p50Ms.toFixed(2)} / ${c.direct.p99Ms.toFixed(2)} ms | ${c.proxy.p50Ms.toFixed(2)} / ` +
      `${c.proxy.p99Ms.toFixed(2)} ms | ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms |`);
    budget(`proxy throughput, ${c.connections} conn`, `>= ${BUDGETS.proxyThroughput}x direct`, fmtRatio(ratio), ratio >= BUDGETS.proxyThroughput);
    budget(`proxy added p99, ${c.connections} conn`, `<= ${BUDGETS.proxyAddedP99Ms} ms`, `${added.toFixed(2)} ms`, added <= BUDGETS.proxyAddedP99Ms);
  }
  const withNginx = x.reference?.cells.every((c) => c.nginx);
  if (withNginx) {
    say(
      '',
      `The anchor: ${x.nginx?.version ?? 'nginx'} (Debian) as a reverse proxy of the same route to the ` +
        `same sandbox (\`xtask/src/bench.rs\` writes its configuration: one worker per core, kept-alive ` +
        'upstream connections, no access log, where certkit-proxy logs one line per request), on ' +
        `\`${x.reference.request}\`: a cheap signed request (signature check and a small JSON answer), ` +
        "where a proxy's own cost shows. Runs rotate between direct, certkit-proxy and nginx. " +
        '"Added p99" is each proxy\'s p99 minus direct\'s in the same cell.',
      '',
      '| connections | direct req/s | certkit-proxy req/s | nginx req/s | certkit-proxy / nginx | direct p99 | certkit-proxy p99 (added) | nginx p99 (added) |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const c of x.reference.cells) {
      const ratio = c.proxy.rps / c.nginx.rps;
      const addedProxy = c.proxy.p99Ms - c.direct.p99Ms;
      const addedNginx = c.nginx.p99Ms - c.direct.p99Ms;
      const signed = (ms) => `${ms >= 0 ? '+' : ''}${ms.toFixed(2)} ms`;
      say(`| ${c.connections} | ${c.direct.rps.toFixed(0)} | ${c.proxy.rps.toFixed(0)} | ${c.nginx.rps.toFixed(0)} | ` +
        `${fmtRatio(ratio)} | ${c.direct.p99Ms.toFixed(2)} ms | ${c.proxy.p99Ms.toFixed(2)} ms (${signed(addedProxy)}) | ` +
        `${c.nginx.p99Ms.toFixed(2)} ms (${signed(addedNginx)}) |`);
      // Issue 14 sets the budget at 64 connections; 1 and 256 are shown beside it.
      if (c.connections === 64) {
        budget('proxy vs nginx throughput, GET, 64 conn', '>= 1x nginx', fmtRatio(ratio), ratio >= 1);
        budget('proxy vs nginx added p99, GET, 64 conn', `<= nginx's (${signed(addedNginx)})`,
          signed(addedProxy), addedProxy <= addedNginx);
      }
    }
  } else if (x.reference) {
    say(
      '',
      `For reference (no budget): \`${x.reference.request}\`, a cheap signed request (signature ` +
        'check and a small JSON answer, no key generation, no RSA signature), where the ' +
        "proxy's own cost is a larger share of each request.",
      '',
      '| connections | direct req/s | proxy req/s | throughput ratio | direct p50 / p99 | proxy p50 / p99 | added p99 |',
      '|---|---|---|---|---|---|---|',
    );
    for (const c of x.reference.cells) {
      const added = c.proxy.p99Ms - c.direct.p99Ms;
      say(`| ${c.connections} | ${c.direct.rps.toFixed(0)} | ${c.proxy.rps.toFixed(0)} | ` +
        `${fmtRatio(c.proxy.rps / c.direct.rps)} | ${c.direct.p50Ms.toFixed(2)} / ${c.direct.p99Ms.toFixed(2)} ms | ` +
        `${c.proxy.p50Ms.toFixed(2)} / ${c.proxy.p99Ms.toFixed(2)} ms | ${added >= 0 ? '+' : ''}${added.toFixed(2)} ms |`);
    }
  }
  const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
  say(
    '',
    `Peak RSS (VmHWM) after the runs: proxy ${mib(x.rss.after.proxy.vmHwmKiB)} ` +
      `(${mib(x.rss.before.proxy.vmHwmKiB)} before the load, i.e. after serving the page benchmark's ` +
      `loads), standalone sandbox ` +
      `${mib(x.rss.after.sandbox.vmHwmKiB)} (${mib(x.rss.before.sandbox.vmHwmKiB)} before).`,
    '',
  );
} else {
  say(missing('proxy'), '');
}

// 6. Hardening
say('## 6. Load and soak (issue 15)', '');
if (results.hardening) {
  const { load: l, soak: k } = results.hardening;
  const mib = (kib) => `${(kib / 1024).toFixed(1)} MiB`;
  say(
    `Load: ${l.request}, wrk with ${l.connections} connections for ${l.seconds} s: ` +
      `${l.requests} requests (${l.rps.toFixed(0)}/s), p50 ${l.p50Ms.toFixed(2)} ms, p99 ` +
      `${l.p99Ms.toFixed(2)} ms, ${l.errors.total} errors (connect ${l.errors.connect}, read ` +
      `${l.errors.read}, write ${l.errors.write}, non-2xx ${l.errors.non2xx}, timeouts ${l.errors.timeouts}). ` +
      `Proxy RSS ${mib(l.rss.before.vmRssKiB)} before (of which allocated ${mib(l.rss.before.rssAnonKiB)}), ` +
      `${mib(l.rss.after.vmRssKiB)} after 30 s idle (allocated ${mib(l.rss.after.rssAnonKiB)}; ` +
      `${(100 * (l.rss.ratio - 1)).toFixed(1)} %), peak ${mib(l.rss.after.vmHwmKiB)}. ` +
      `The same load again (${l.again.requests} requests, p99 ${l.again.p99Ms.toFixed(2)} ms, ` +
      `${l.again.errors.total} errors) left ${mib(l.rss.afterAgain.vmRssKiB)} ` +
      `(${(100 * (l.rss.againRatio - 1)).toFixed(1)} % against the first idle reading: ` +
      `${l.rss.againRatio <= 1.1 ? 'a plateau, not a leak' : 'still growing'}).`,
    '',
    `Soak: ${k.issuances} Issue End Certs through the proxy, ${k.parallel} at a time, key types ` +
      `${Object.entries(k.byKeyType).map(([t, n]) => `${t} ${n}`).join(', ')}: ${k.errors} errors in ` +
      `${k.seconds.toFixed(0)} s. RSS proxy ${mib(k.rss.before.proxy.vmRssKiB)} -> ${mib(k.rss.after.proxy.vmRssKiB)}, ` +
      `sandbox ${mib(k.rss.before.sandbox.vmRssKiB)} -> ${mib(k.rss.after.sandbox.vmRssKiB)} ` +
      '(the sandbox keeps every issued certificate in memory).',
    '',
    '| key type | issuances | p50 | p99 | max |',
    '|---|---|---|---|---|',
    ...Object.entries(k.latencyMsByKeyType).map(([type, t]) =>
      `| ${type} | ${k.byKeyType[type]} | ${t.p50.toFixed(0)} ms | ${t.p99.toFixed(0)} ms | ${t.max.toFixed(0)} ms |`),
    '',
  );
  budget('load errors (500 conn, 60 s, twice)', '0', String(l.errors.total + l.again.errors.total),
    l.errors.total + l.again.errors.total === 0);
  budget('proxy RSS after load', '<= 110 % of before', `${(100 * l.rss.ratio).toFixed(0)} %`, l.rss.ratio <= 1.1);
  budget('soak errors (10,000 issuances)', '0', String(k.errors), k.errors === 0);
} else {
  say(missing('hardening'), '');
}

// Budgets
say('## Budgets', '', '| budget | target | this run | verdict |', '|---|---|---|---|');
for (const b of budgetRows) say(`| ${b.what} | ${b.target} | ${b.actual} | ${verdict(b.met)} |`);
for (const [section, why] of Object.entries(notMeasured)) say(`| ${section} | | not measured | ${why} |`);
say('');

// The hand-written reading, kept across runs.
const START = '<!-- reading -->';
const END = '<!-- /reading -->';
let reading = `${START}\n## Reading\n\n(No reading written yet for this run.)\n${END}`;
if (existsSync(opts.md)) {
  const old = readFileSync(opts.md, 'utf8');
  const a = old.indexOf(START);
  const b = old.indexOf(END);
  if (a >= 0 && b > a) reading = old.slice(a, b + END.length);
}
say(reading, '');

writeFileSync(opts.md, lines.join('\n'));
writeFileSync(opts.json, JSON.stringify({ machine, meta, budgets: BUDGETS, budgetResults: budgetRows, results }, null, 2) + '\n');
console.log(`wrote ${opts.md} and ${opts.json}`);
