// The `ncp-certkit` command as npm installed it (node_modules/.bin): inspect on the x509
// fixtures, and the three operations against the sandbox, including --dry-run and errors.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';

const PROJECT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = path.join(PROJECT, 'node_modules', '.bin', 'ncp-certkit');
const FIXTURES = process.env.CERTKIT_X509_FIXTURES;
const SANDBOX = process.env.CERTKIT_SANDBOX_URL;
const { main, sub, caTags } = await (await fetch(`${SANDBOX}/demo/credentials`)).json();
const fixture = (name) => path.join(FIXTURES, name);

/** Runs the command; resolves to {code, stdout, stderr}. */
function cli(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, {
      cwd: PROJECT,
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
const keys = (k) => ({ NCLOUD_ACCESS_KEY: k.accessKey, NCLOUD_SECRET_KEY: k.secretKey });

test('inspect prints a readable summary of each file', async () => {
  const r = await cli(['inspect', fixture('leaf-rsa2048.pem'), fixture('leaf-p256.key.pem')]);
  assert.equal(r.code, 0, r.stderr);
  const cert = new X509Certificate(fs.readFileSync(fixture('leaf-rsa2048.pem')));
  assert.match(r.stdout, /leaf-rsa2048\.pem:/);
  assert.match(r.stdout, /\[1\] certificate/);
  assert.ok(r.stdout.includes(cert.fingerprint256), r.stdout);
  assert.match(r.stdout, /public key\s+RSA 2048 bits/);
  assert.match(r.stdout, /alt names\s+.*dns:www\.example\.test/);
  assert.match(r.stdout, /days remaining|expired/);
  assert.match(r.stdout, /leaf-p256\.key\.pem:\n\s+\[1\] private key/);
  assert.match(r.stdout, /algorithm\s+EC P-256/);
  assert.match(r.stdout, /container\s+PKCS#8/);
});

test('inspect --json prints the full inspection; a DER file is read too', async () => {
  const r = await cli(['inspect', '--json', fixture('chain-ordered.pem'), fixture('leaf-rsa2048.der')]);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.length, 2);
  assert.equal(out[0].items.length, 3);
  assert.ok(out[0].items.every((i) => i.kind === 'certificate'));
  assert.equal(out[1].items[0].fingerprints.sha256, new X509Certificate(fs.readFileSync(fixture('leaf-rsa2048.der'))).fingerprint256);
});

test('inspect reports unreadable files with exit code 1, and usage errors with 2', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certkit-cli-'));
  const junk = path.join(dir, 'junk.pem');
  fs.writeFileSync(junk, 'not a certificate');
  const bad = await cli(['inspect', junk]);
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /cannot read it/);
  assert.equal((await cli(['inspect'])).code, 2);
  const missing = await cli(['inspect', path.join(dir, 'nope.pem')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /ENOENT/);
  const unknown = await cli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command/);
});

test('issue-end-cert against the sandbox prints the issued certificate', async () => {
  const r = await cli(['issue-end-cert', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'cli.example.test', '--alt-name', 'cli.example.test', '--key-type', 'EC256', '--period', '7'], keys(main));
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  const cert = new X509Certificate(data.certificate);
  assert.match(cert.subject, /CN=cli\.example\.test/);
  assert.match(data.privateKey, /PRIVATE KEY/);
});

test('issue-end-cert --out writes the key (owner-only), certificate and chain', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certkit-cli-'));
  const prefix = path.join(dir, 'svc');
  const args = ['issue-end-cert', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'out.example.test', '--out', prefix];
  const r = await cli(args, keys(main));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^serial number [0-9A-F:]+\n$/);
  const cert = new X509Certificate(fs.readFileSync(`${prefix}.crt.pem`));
  assert.match(cert.subject, /CN=out\.example\.test/);
  assert.ok(cert.checkPrivateKey(createPrivateKey(fs.readFileSync(`${prefix}.key.pem`))));
  assert.equal(fs.statSync(`${prefix}.key.pem`).mode & 0o777, 0o600);
  assert.ok(cert.checkIssued(new X509Certificate(fs.readFileSync(`${prefix}.chain.pem`))));
  // A second run must not overwrite: it fails, but still prints the new answer.
  const again = await cli(args, keys(main));
  assert.equal(again.code, 2);
  assert.match(again.stderr, /EEXIST/);
  assert.match(JSON.parse(again.stdout).privateKey, /PRIVATE KEY/);
});

test('--dry-run prints a curl command that the sandbox accepts', async () => {
  const r = await cli(['issue-end-cert', '--dry-run', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'dry.example.test'], keys(main));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^curl --location --request POST '${SANDBOX}/api/v1/ca/${caTags.issuing}/cert'`));
  assert.ok(!r.stdout.includes(main.secretKey), 'the secret key is not printed');
  // Send it the way a user would paste it into a shell.
  const sent = await new Promise((resolve) => {
    const sh = spawn('sh', ['-c', `${r.stdout.trim()} --silent --show-error`]);
    let out = '';
    sh.stdout.on('data', (d) => { out += d; });
    sh.on('close', (code) => resolve({ code, out }));
  });
  assert.equal(sent.code, 0);
  assert.equal(JSON.parse(sent.out).code, 'SUCCESS');
});

test('activate-sub-ca reads the PEM files', async () => {
  const created = await (await fetch(`${SANDBOX}/demo/pending-ca`, { method: 'POST' })).json();
  const caTag = created.data.caTag;
  // The CSR through the CLI's own package: sign a GET like the sandbox expects.
  const { sign, stringToSign } = await import('ncp-certkit');
  const t = Date.now();
  const csrPath = `/api/v1/ca/${caTag}/sub/csr`;
  const csr = await (await fetch(`${SANDBOX}${csrPath}`, {
    headers: {
      'x-ncp-apigw-timestamp': String(t), 'x-ncp-iam-access-key': main.accessKey,
      'x-ncp-apigw-signature-v2': sign(main.secretKey, stringToSign('GET', csrPath, t, main.accessKey)),
    },
  })).json();
  const signed = await (await fetch(`${SANDBOX}/demo/external-ca/sign`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ csrPem: csr.data.csr }),
  })).json();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'certkit-cli-'));
  fs.writeFileSync(path.join(dir, 'sub.pem'), signed.certPem);
  fs.writeFileSync(path.join(dir, 'root.pem'), signed.caChainPem);
  const r = await cli(['activate-sub-ca', '--base-url', SANDBOX, '--ca-tag', caTag,
    '--cert', path.join(dir, 'sub.pem'), '--ca-chain', path.join(dir, 'root.pem')], keys(main));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).caInfo.status, 'ACTIVE');
});

test('request-certificate: main key succeeds; a sub-account key gets the 403 explained, exit 1', async () => {
  const args = ['request-certificate', '--base-url', SANDBOX, '--certificate-name', 'cli',
    '--common-name', 'example.com', '--dns-name', 'www.example.com', '--dns-name', '*.example.com'];
  const ok = await cli(args, keys(main));
  assert.equal(ok.code, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout).dnsName, ['www.example.com', '*.example.com']);
  const forbidden = await cli(args, keys(sub));
  assert.equal(forbidden.code, 1);
  assert.match(forbidden.stderr, /subAccountForbidden/);
  assert.match(forbidden.stderr, /hint: .*main account/);
});

test('invalid flags and missing keys: exit 2 with the flag named, nothing sent', async () => {
  const invalid = await cli(['issue-end-cert', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'x'.repeat(65), '--country', 'Korea'], keys(main));
  assert.equal(invalid.code, 2);
  assert.match(invalid.stderr, /--common-name \(x509Parameters\.commonName\): .*\[too_long\]/);
  assert.match(invalid.stderr, /--country \(x509Parameters\.country\): .*\[invalid_country\]/);
  const noKeys = await cli(['issue-end-cert', '--ca-tag', 'c', '--common-name', 'n']);
  assert.equal(noKeys.code, 2);
  assert.match(noKeys.stderr, /NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY/);
  const finSite = await cli(['request-certificate', '--site', 'fin', '--certificate-name', 'c', '--common-name', 'example.com'], keys(main));
  assert.equal(finSite.code, 2);
  assert.match(finSite.stderr, /fin/);
  const unknownFlag = await cli(['issue-end-cert', '--colour', 'red'], keys(main));
  assert.equal(unknownFlag.code, 2);
  const offline = await cli(['issue-end-cert', '--base-url', 'http://127.0.0.1:9', '--ca-tag', 'c', '--common-name', 'n'], keys(main));
  assert.equal(offline.code, 3);
  assert.match(offline.stderr, /127\.0\.0\.1:9/);
});
