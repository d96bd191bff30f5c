// Shared by the suites that talk to the sandbox: the sandbox's demo routes, CSRs made by the
// openssl CLI (Node's crypto cannot make CSRs), openssl checks of CRLs, and a small ZIP reader
// (stored and deflated entries, via node:zlib) for Download Certificate's archive.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { inflateRawSync } from 'node:zlib';

export const SANDBOX = process.env.CERTKIT_SANDBOX_URL;

/** The sandbox's demo keys and seeded CA tags (`GET /demo/credentials`). */
export async function demo(base = SANDBOX) {
  return (await fetch(`${base}/demo/credentials`)).json();
}

/**
 * "I created the DNS record" for every domain of a Certificate Manager certificate
 * (`POST /demo/dcv/{certificateNo}`, sandbox only); the answer carries the `orderId` that
 * Revoke Certificate needs and no documented field gives.
 */
export async function completeDcv(certificateNo, base = SANDBOX) {
  const response = await fetch(`${base}/demo/dcv/${certificateNo}`, { method: 'POST' });
  const body = await response.text();
  assert.equal(response.status, 200, `POST /demo/dcv/${certificateNo}: ${response.status} ${body}`);
  return JSON.parse(body);
}

/** Scratch folders of this test process, removed when it exits. */
const scratch = new Set();
process.on('exit', () => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'certkit-npm-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.add(dir);
  return dir;
}

/** Runs openssl; returns stdout (throws with stderr on failure). */
export function openssl(args, options = {}) {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

/**
 * A P-256 key and a CSR for `commonName` with `dnsNames` as SANs, made by `openssl req`.
 * Returns `{csrPem, keyPem, csrFile, keyFile}`.
 */
export function makeCsr(commonName, dnsNames = []) {
  const dir = tempDir();
  const keyFile = path.join(dir, 'key.pem');
  const csrFile = path.join(dir, 'csr.pem');
  const args = ['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${commonName}`];
  if (dnsNames.length > 0) args.push('-addext', `subjectAltName=${dnsNames.map((n) => `DNS:${n}`).join(',')}`);
  openssl(args);
  return { csrPem: fs.readFileSync(csrFile, 'utf8'), keyPem: fs.readFileSync(keyFile, 'utf8'), csrFile, keyFile };
}

/**
 * Verifies a PEM CRL against its CA's certificate with `openssl crl` and returns the revoked
 * serial numbers (upper-case hex without colons or leading zeros).
 */
export function verifiedCrlSerials(crlPem, caCertPem) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'crl.pem'), crlPem);
  fs.writeFileSync(path.join(dir, 'ca.pem'), caCertPem);
  const out = execFileSync('openssl', ['crl', '-in', path.join(dir, 'crl.pem'), '-CAfile', path.join(dir, 'ca.pem'), '-noout', '-text'], {
    encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'],
  });
  // openssl prints "verify OK" on stderr; a failed verification exits non-zero (execFileSync throws).
  return [...out.matchAll(/Serial Number: ([0-9A-Fa-f]+)/g)].map((m) => normalSerial(m[1]));
}

/** A serial number as upper-case hex without colons or leading zeros. */
export function normalSerial(serial) {
  return serial.replaceAll(':', '').toUpperCase().replace(/^0+/, '');
}

/** The files of a ZIP archive: `Map(name -> Buffer)`, read from its central directory. */
export function readZip(bytes) {
  const buf = Buffer.from(bytes);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'no end-of-central-directory record');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const files = new Map();
  for (let i = 0; i < count; i += 1) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory entry signature');
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    assert.equal(buf.readUInt32LE(local), 0x04034b50, `local header of ${name}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    assert.ok(method === 0 || method === 8, `${name}: compression method ${method}`);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Waits until `check()` resolves truthy (polling), or fails after `ms`. */
export async function eventually(what, check, ms = 30000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    assert.ok(Date.now() < until, `${what}: not within ${ms / 1000} s`);
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }
}

/** A fetch that records what was sent, then uses the real one. */
export function recordingFetch(replace = () => undefined) {
  const calls = [];
  const f = async (url, init) => {
    calls.push({ url, init });
    return (await replace(url, init)) ?? fetch(url, init);
  };
  return { f, calls };
}

/** A unique suffix for names, so that reruns against one sandbox do not collide. */
export const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
