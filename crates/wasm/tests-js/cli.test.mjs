// The `ncp-certkit` command as npm installed it (node_modules/.bin): inspect on the x509
// fixtures; the seed commands and every ca, cert and cm subcommand against the sandbox;
// destructive commands refused without --yes (the sandbox's state proves nothing was sent);
// --dry-run; input errors naming the flag, the field and the rule.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import {
  completeDcv, makeCsr, normalSerial, readZip, tempDir, unique, verifiedCrlSerials,
} from './helpers.mjs';

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
  const dir = tempDir('certkit-cli-');
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

test('issue-end-cert prints the issued key only with --print-private-key', async () => {
  const args = ['issue-end-cert', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'cli.example.test', '--alt-name', 'cli.example.test', '--key-type', 'EC256', '--period', '7'];
  const refused = await cli(args, keys(main));
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /--out PREFIX.*--print-private-key.*Nothing was sent/);
  assert.equal(refused.stdout, '');
  const r = await cli([...args, '--print-private-key'], keys(main));
  assert.equal(r.code, 0, r.stderr);
  const data = JSON.parse(r.stdout);
  const cert = new X509Certificate(data.certificate);
  assert.match(cert.subject, /CN=cli\.example\.test/);
  assert.match(data.privateKey, /PRIVATE KEY/);
});

test('every --out file is checked before anything is sent', async () => {
  const dir = tempDir('certkit-cli-');
  const prefix = path.join(dir, 'taken');
  fs.writeFileSync(`${prefix}.chain.pem`, 'already here');
  // Nothing listens on port 9: had the request been sent, the exit code would be 3 (network).
  const taken = await cli(['issue-end-cert', '--base-url', 'http://127.0.0.1:9', '--ca-tag', 'ca-1',
    '--common-name', 'x.example.test', '--out', prefix], keys(main));
  assert.equal(taken.code, 2, taken.stderr);
  assert.match(taken.stderr, /taken\.chain\.pem already exists.*Nothing was sent/);
  assert.ok(!fs.existsSync(`${prefix}.key.pem`), 'no file was written');
  const readOnly = path.join(dir, 'ro');
  fs.mkdirSync(readOnly, { mode: 0o500 });
  if (process.getuid?.() !== 0) {
    const denied = await cli(['ca', 'chain', '--base-url', 'http://127.0.0.1:9', '--ca-tag', 'ca-1',
      '--out', path.join(readOnly, 'chain.pem')], keys(main));
    assert.equal(denied.code, 2, denied.stderr);
    assert.match(denied.stderr, /not writable.*Nothing was sent/);
  }
  const plain = await cli(['ca', 'list', '--base-url', 'http://192.0.2.7:8080'], keys(main));
  assert.equal(plain.code, 2, plain.stderr);
  assert.match(plain.stderr, /baseUrl .*https:.*any body/);
});

test('issue-end-cert --out writes the key (owner-only), certificate and chain', async () => {
  const dir = tempDir('certkit-cli-');
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
  // A second run must not overwrite: it stops before sending, and prints no key.
  const again = await cli(args, keys(main));
  assert.equal(again.code, 2);
  assert.match(again.stderr, /svc\.key\.pem already exists.*Nothing was sent/);
  assert.equal(again.stdout, '');
  // --json with --out writes the files and prints where the key went, not the key.
  const jsonPrefix = path.join(dir, 'json');
  const json = await cli([...args.slice(0, -1), jsonPrefix, '--json'], keys(main));
  assert.equal(json.code, 0, json.stderr);
  const printed = JSON.parse(json.stdout);
  assert.equal(printed.privateKey, `(written to ${jsonPrefix}.key.pem)`);
  assert.match(fs.readFileSync(`${jsonPrefix}.key.pem`, 'utf8'), /PRIVATE KEY/);
  assert.ok(!json.stdout.includes('PRIVATE KEY'));
});

test('--dry-run prints the signed request as curl, access key masked; --show-access-key makes it runnable', async () => {
  const masked = await cli(['issue-end-cert', '--dry-run', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'dry.example.test'], keys(main));
  assert.equal(masked.code, 0, masked.stderr);
  assert.match(masked.stdout, new RegExp(`^curl --location --request POST '${SANDBOX}/api/v1/ca/${caTags.issuing}/cert'`));
  assert.match(masked.stdout, new RegExp(`x-ncp-iam-access-key: ${main.accessKey.slice(0, 4)}`));
  assert.ok(!masked.stdout.includes(main.accessKey), 'the access key is masked');
  assert.ok(!masked.stdout.includes(main.secretKey), 'the secret key is not printed');
  assert.match(masked.stdout, /x-ncp-apigw-signature-v2: /);
  const r = await cli(['issue-end-cert', '--dry-run', '--show-access-key', '--base-url', SANDBOX, '--ca-tag', caTags.issuing,
    '--common-name', 'dry.example.test'], keys(main));
  assert.equal(r.code, 0, r.stderr);
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

test('ca csr, then activate-sub-ca (the seed alias of ca activate) reads the PEM files', async () => {
  const created = await (await fetch(`${SANDBOX}/demo/pending-ca`, { method: 'POST' })).json();
  const caTag = created.data.caTag;
  const csr = await cli(['ca', 'csr', '--base-url', SANDBOX, '--ca-tag', caTag], keys(main));
  assert.equal(csr.code, 0, csr.stderr);
  assert.match(csr.stdout, /^-----BEGIN CERTIFICATE REQUEST-----\n[\s\S]+-----END CERTIFICATE REQUEST-----\n$/);
  const signed = await (await fetch(`${SANDBOX}/demo/external-ca/sign`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ csrPem: csr.stdout }),
  })).json();
  const dir = tempDir('certkit-cli-');
  fs.writeFileSync(path.join(dir, 'sub.pem'), signed.certPem);
  fs.writeFileSync(path.join(dir, 'root.pem'), signed.caChainPem);
  const r = await cli(['activate-sub-ca', '--base-url', SANDBOX, '--ca-tag', caTag,
    '--cert', path.join(dir, 'sub.pem'), '--ca-chain', path.join(dir, 'root.pem')], keys(main));
  assert.equal(r.code, 0, r.stderr);
  assert.match(JSON.parse(r.stdout).caInfo.status, /^(PENDING|ACTIVE)$/);
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
  const offline = await cli(['issue-end-cert', '--base-url', 'http://127.0.0.1:9', '--ca-tag', 'c', '--common-name', 'n', '--print-private-key'], keys(main));
  assert.equal(offline.code, 3);
  assert.match(offline.stderr, /127\.0\.0\.1:9/);
});

// ---- every subcommand -------------------------------------------------------------------------

/** Runs a command against the sandbox with the main key; asserts exit 0; returns stdout. */
async function ok(args) {
  const r = await cli([...args, '--base-url', SANDBOX], keys(main));
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const okJson = async (args) => JSON.parse(await ok(args));
const write = (dir, name, text) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

test('--help lists every command; a group lists its own; unknown subcommands exit 2', async () => {
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  for (const name of ['ca list', 'ca get', 'ca create', 'ca csr', 'ca sign-csr', 'ca activate', 'ca chain', 'ca crl',
    'ca update', 'ca delete', 'cert issue', 'cert sign', 'cert list', 'cert get', 'cert revoke', 'cm request', 'cm list',
    'cm dcv', 'cm delete', 'cm reissue', 'cm download', 'cm chain', 'cm revoke']) {
    assert.ok(help.stdout.includes(`ncp-certkit ${name} `), `--help lacks ${name}`);
  }
  for (const text of ['--yes', '--dry-run', 'issue-end-cert', 'activate-sub-ca', 'request-certificate']) {
    assert.ok(help.stdout.includes(text), `--help lacks ${text}`);
  }
  const group = await cli(['cm', '--help']);
  assert.equal(group.code, 0);
  assert.match(group.stdout, /ncp-certkit cm download --certificate-no N --out FILE\.zip/);
  assert.ok(!group.stdout.includes('ncp-certkit ca list'));
  assert.equal((await cli(['ca'])).code, 2);
  const unknown = await cli(['cert', 'frob'], keys(main));
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "cert frob": use issue, sign, list, get, revoke/);
  const one = await cli(['cert', 'revoke', '--help']);
  assert.equal(one.code, 0);
  assert.match(one.stdout, /cert revoke --ca-tag TAG --serial-no SERIAL --yes/);
});

test('ca: list, get, create, csr, sign-csr, activate, chain, crl, update, delete', async () => {
  const list = await okJson(['ca', 'list', '--page-no', '1']);
  assert.ok(list.caInfoList.some((i) => i.caInfo.caTag === caTags.root), JSON.stringify(list).slice(0, 200));
  assert.equal((await okJson(['ca', 'get', '--ca-tag', caTags.root])).caInfo.caType, 'PRIVATE_ROOT');

  const created = await okJson(['ca', 'create', '--ca-type', 'PRIVATE_SUB', '--alias', `cli${unique()}`,
    '--key-type', 'EC256', '--period', '365', '--common-name', 'cli sub CA', '--organization', 'certkit']);
  assert.equal(created.caInfo.status, 'PENDING');
  const caTag = created.caInfo.caTag;
  const dir = tempDir('certkit-cli-');
  const csrFile = path.join(dir, 'sub.csr');
  assert.match(await ok(['ca', 'csr', '--ca-tag', caTag, '--out', csrFile]), /^$/);
  assert.match(fs.readFileSync(csrFile, 'utf8'), /BEGIN CERTIFICATE REQUEST/);

  const prefix = path.join(dir, 'sub');
  assert.match(await ok(['ca', 'sign-csr', '--ca-tag', caTags.root, '--csr', csrFile, '--period', '30', '--out', prefix]),
    /^serial number [0-9A-Fa-f:]+\n$/);
  const subCert = new X509Certificate(fs.readFileSync(`${prefix}.crt.pem`));
  assert.ok(subCert.ca);
  assert.match(subCert.subject, /CN=cli sub CA/);
  assert.ok(!fs.existsSync(`${prefix}.key.pem`), 'no key: the sub CA keeps its own');

  const activated = await okJson(['ca', 'activate', '--ca-tag', caTag, '--cert', `${prefix}.crt.pem`, '--ca-chain', `${prefix}.chain.pem`]);
  assert.equal(activated.caInfo.caTag, caTag);
  for (let i = 0; (await okJson(['ca', 'get', '--ca-tag', caTag])).caInfo.status !== 'ACTIVE'; i += 1) {
    assert.ok(i < 60, 'the sub CA turns ACTIVE');
    await new Promise((resolve) => { setTimeout(resolve, 500); });
  }
  const chain = await ok(['ca', 'chain', '--ca-tag', caTag]);
  assert.equal(new X509Certificate(chain).fingerprint256, subCert.fingerprint256, 'the CA itself first');
  const crl = await ok(['ca', 'crl', '--ca-tag', caTag]);
  assert.deepEqual(verifiedCrlSerials(crl, subCert.toString()), []);
  // --json: the PEM as a JSON string (a CRL made afresh: its thisUpdate may differ).
  const crlJson = await okJson(['ca', 'crl', '--ca-tag', caTag, '--json']);
  assert.equal(typeof crlJson, 'string');
  assert.deepEqual(verifiedCrlSerials(crlJson, subCert.toString()), []);

  assert.equal((await okJson(['ca', 'update', '--ca-tag', caTag, '--status', 'DEACTIVATED'])).caInfo.status, 'DEACTIVATED');
  // Scheduling deletion is destructive: refused without --yes, and the status stays.
  const refused = await cli(['ca', 'update', '--base-url', SANDBOX, '--ca-tag', caTag, '--status', 'DESTROYING'], keys(main));
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /ca update would schedule CA .* for deletion/);
  assert.match(refused.stderr, /Nothing was sent.*--yes/);
  assert.equal((await okJson(['ca', 'get', '--ca-tag', caTag])).caInfo.status, 'DEACTIVATED');
  assert.equal((await okJson(['ca', 'update', '--ca-tag', caTag, '--status', 'DESTROYING', '--yes'])).caInfo.status, 'DESTROYING');

  const notDeleted = await cli(['ca', 'delete', '--base-url', SANDBOX, '--ca-tag', caTag], keys(main));
  assert.equal(notDeleted.code, 2);
  assert.match(notDeleted.stderr, /ca delete would delete CA/);
  assert.equal((await okJson(['ca', 'get', '--ca-tag', caTag])).caInfo.status, 'DESTROYING', 'still there');
  assert.equal(await ok(['ca', 'delete', '--ca-tag', caTag, '--yes']), 'null\n');
  const gone = await cli(['ca', 'get', '--base-url', SANDBOX, '--ca-tag', caTag], keys(main));
  assert.equal(gone.code, 1);
  assert.match(gone.stderr, /caNotFound/);
});

test('cert: issue, sign, list, get, and revoke (refused without --yes, the CRL unchanged; then done)', async () => {
  const issued = await okJson(['cert', 'issue', '--ca-tag', caTags.issuing, '--common-name', 'cert-cli.example.test', '--key-type', 'EC256', '--print-private-key']);
  assert.match(issued.privateKey, /PRIVATE KEY/);
  const csr = makeCsr('sign-cli.example.test', ['sign-cli.example.test']);
  const dir = tempDir('certkit-cli-');
  const prefix = path.join(dir, 'mine');
  const printed = await ok(['cert', 'sign', '--ca-tag', caTags.issuing, '--csr', csr.csrFile, '--out', prefix]);
  const serialNo = printed.match(/^serial number ([0-9A-Fa-f:]+)$/m)[1];
  const cert = new X509Certificate(fs.readFileSync(`${prefix}.crt.pem`));
  assert.ok(cert.checkPrivateKey(createPrivateKey(csr.keyPem)));
  assert.match(cert.subjectAltName, /DNS:sign-cli\.example\.test/);

  const list = await okJson(['cert', 'list', '--ca-tag', caTags.issuing]);
  const all = [...list.listCerts];
  for (let page = 2; page <= list.totalPageNo; page += 1) {
    all.push(...(await okJson(['cert', 'list', '--ca-tag', caTags.issuing, '--page-no', String(page)])).listCerts);
  }
  assert.ok(all.map(normalSerial).includes(normalSerial(serialNo)));
  const got = await okJson(['cert', 'get', '--ca-tag', caTags.issuing, '--serial-no', serialNo]);
  assert.equal(new X509Certificate(got.certPem).fingerprint256, cert.fingerprint256);

  const issuer = (await okJson(['ca', 'get', '--ca-tag', caTags.issuing])).caCertInfo.certPem;
  const revokeArgs = ['cert', 'revoke', '--base-url', SANDBOX, '--ca-tag', caTags.issuing, '--serial-no', serialNo];
  const refused = await cli(revokeArgs, keys(main));
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, new RegExp(`cert revoke would revoke certificate ${serialNo} of CA ${caTags.issuing}`));
  assert.equal(refused.stdout, '');
  assert.ok(!verifiedCrlSerials(await ok(['ca', 'crl', '--ca-tag', caTags.issuing]), issuer).includes(normalSerial(serialNo)),
    'nothing was sent: the serial is not on the CRL');
  // --dry-run needs no confirmation and sends nothing either.
  const dry = await cli([...revokeArgs, '--dry-run'], keys(main));
  assert.equal(dry.code, 0, dry.stderr);
  assert.match(dry.stdout, new RegExp(`^curl --location --request POST '${SANDBOX}/api/v1/ca/${caTags.issuing}/cert/${serialNo}/revoke'`));
  assert.ok(!dry.stdout.includes('--data'), 'Revoke End Cert has no body');
  assert.ok(!verifiedCrlSerials(await ok(['ca', 'crl', '--ca-tag', caTags.issuing]), issuer).includes(normalSerial(serialNo)));

  const done = await cli([...revokeArgs, '--yes'], keys(main));
  assert.equal(done.code, 0, done.stderr);
  assert.ok(verifiedCrlSerials(await ok(['ca', 'crl', '--ca-tag', caTags.issuing]), issuer).includes(normalSerial(serialNo)));
});

test('cm: request, list, dcv, chain, download, reissue, revoke, delete (destructive ones need --yes)', async () => {
  const name = `cli-${unique()}`;
  const commonName = 'cm-cli.example.com';
  const requested = await okJson(['cm', 'request', '--certificate-name', name, '--common-name', commonName, '--dns-name', 'www.cm-cli.example.com']);
  assert.match(requested.requestSn, /\w+/);
  const list = await okJson(['cm', 'list', '--certificate-name', name]);
  assert.equal(list.sslCertificateList.length, 1);
  const certificateNo = list.sslCertificateList[0].certificateNo;
  const dcv = await okJson(['cm', 'dcv', '--certificate-no', certificateNo, '--domain-address', commonName]);
  assert.equal(dcv.dnsVerificationList[0].validStatusCode, 'VALID_STATUS_REG');
  const { orderId } = await completeDcv(certificateNo);
  assert.equal((await okJson(['cm', 'dcv', '--certificate-no', certificateNo, '--domain-address', commonName])).dnsVerificationList[0].validStatusCode, 'VALID_STATUS_SUCCESS');

  const chain = await okJson(['cm', 'chain', '--certificate-no', certificateNo]);
  assert.equal(chain.subjectCommonName, commonName);
  const dir = tempDir('certkit-cli-');
  const zipFile = path.join(dir, 'cert.zip');
  const noOut = await cli(['cm', 'download', '--base-url', SANDBOX, '--certificate-no', certificateNo], keys(main));
  assert.equal(noOut.code, 2);
  assert.match(noOut.stderr, /--out FILE\.zip/);
  assert.match(await ok(['cm', 'download', '--certificate-no', certificateNo, '--out', zipFile]), /^wrote .*cert\.zip \(\d+ bytes\)\n$/);
  const zip = fs.readFileSync(zipFile);
  assert.equal(zip.subarray(0, 2).toString('latin1'), 'PK');
  const wanted = new X509Certificate(chain.certificate).fingerprint256;
  assert.ok([...readZip(zip).values()].some((b) => b.includes('BEGIN CERTIFICATE')
    && new X509Certificate(b.toString('utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)[0]).fingerprint256 === wanted));
  const again = await cli(['cm', 'download', '--base-url', SANDBOX, '--certificate-no', certificateNo, '--out', zipFile], keys(main));
  assert.equal(again.code, 2, 'never overwrites');
  assert.match(again.stderr, /cert\.zip already exists.*Nothing was sent/);

  const csr = makeCsr(commonName, [commonName]);
  assert.equal((await okJson(['cm', 'reissue', '--certificate-no', certificateNo, '--csr', csr.csrFile,
    '--certificate-name', name, '--common-name', commonName])).returnCode, '0');

  const revokeArgs = ['cm', 'revoke', '--base-url', SANDBOX, '--order-id', orderId, '--certificate-no', certificateNo, '--revoke-type', 'superseded'];
  const refused = await cli(revokeArgs, keys(main));
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /cm revoke would revoke certificate/);
  assert.equal((await okJson(['cm', 'list', '--certificate-name', name])).sslCertificateList[0].statusCode, '1', 'not revoked');
  const revoked = await cli([...revokeArgs, '--yes'], keys(main));
  assert.equal(revoked.code, 0, revoked.stderr);
  assert.equal(JSON.parse(revoked.stdout).totalRows, 1);

  const deleteArgs = ['cm', 'delete', '--base-url', SANDBOX, '--certificate-no', certificateNo, '--certificate-name', name];
  const kept = await cli(deleteArgs, keys(main));
  assert.equal(kept.code, 2);
  assert.match(kept.stderr, new RegExp(`cm delete would delete certificate ${certificateNo} \\(${name}\\)`));
  assert.equal((await okJson(['cm', 'list', '--certificate-name', name])).sslCertificateList.length, 1, 'still there');
  const wrongName = await cli(['cm', 'delete', '--base-url', SANDBOX, '--certificate-no', certificateNo, '--certificate-name', `${name}x`, '--yes'], keys(main));
  assert.equal(wrongName.code, 1);
  assert.match(wrongName.stderr, /1004/);
  assert.equal((await cli([...deleteArgs, '--yes'], keys(main))).code, 0);
  assert.equal((await okJson(['cm', 'list', '--certificate-name', name])).sslCertificateList.length, 0);
});

test('bad input: exit 2 naming the flag, the field and the rule, before anything is sent', async () => {
  // An unreachable base URL: had anything been sent, the exit code would be 3 (network).
  const offline = ['--base-url', 'http://127.0.0.1:9'];
  const cases = [
    [['cm', 'dcv', '--certificate-no', '5'], /--domain-address \(domainAddress\): .*\[required\]/],
    [['cert', 'get', '--ca-tag', caTags.issuing, '--serial-no', '5D:ZZ:01'], /--serial-no \(serialNo\): .*\[invalid_serial_no\]/],
    [['cert', 'revoke', '--ca-tag', caTags.issuing, '--serial-no', 'not-a-serial', '--yes'], /--serial-no \(serialNo\): .*\[invalid_serial_no\]/],
    [['ca', 'update', '--ca-tag', caTags.issuing, '--status', 'PAUSED'], /--status \(status\): .*ACTIVE.*\[invalid_status\]/],
    [['ca', 'create', '--ca-type', 'PRIVATE_ROOT', '--alias', 'ab', '--key-type', 'EC256', '--period', '30', '--common-name', 'x'], /--alias \(alias\): .*3.*15.*\[invalid_alias\]/],
    [['cm', 'delete', '--certificate-no', '12', '--yes'], /--certificate-name \(certificateName\): .*\[required\]/],
    [['cm', 'revoke', '--order-id', '1', '--certificate-no', '1', '--revoke-type', 'stolen', '--yes'], /--revoke-type \(revokeType\): .*\[invalid_revoke_type\]/],
    [['ca', 'create', '--ca-type', 'PRIVATE_MIDDLE', '--alias', 'okalias', '--key-type', 'EC256', '--period', '30', '--common-name', 'x'], /--ca-type \(caType\): .*\[invalid_ca_type\]/],
  ];
  for (const [args, expected] of cases) {
    const r = await cli([...args, ...offline], keys(main));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /the input is invalid; nothing was sent/);
    assert.match(r.stderr, expected, args.join(' '));
  }
  const badCsr = await cli(['cert', 'sign', '--ca-tag', caTags.issuing, '--csr', path.join(FIXTURES, 'leaf-rsa2048.pem'), ...offline], keys(main));
  assert.equal(badCsr.code, 2);
  assert.match(badCsr.stderr, /--csr \(csrPem\): .*\[invalid_csr\]/);
});

test('warnings and PEM repairs print to stderr and do not block', async () => {
  const long = `${'a'.repeat(30)}.${'b'.repeat(30)}.example.com`;
  const r = await cli(['cm', 'request', '--dry-run', '--base-url', SANDBOX, '--certificate-name', 'w', '--common-name', long], keys(main));
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^warning: --common-name \(commonName\): .*64.*\[\w+\]$/m);
  assert.match(r.stdout, /^curl /);
  const csr = makeCsr('crlf.example.test');
  const dir = tempDir('certkit-cli-');
  const file = write(dir, 'crlf.csr', csr.csrPem.replace(/\n/g, '\r\n'));
  const signed = await cli(['cert', 'sign', '--base-url', SANDBOX, '--ca-tag', caTags.issuing, '--csr', file], keys(main));
  assert.equal(signed.code, 0, signed.stderr);
  assert.match(signed.stderr, /^repaired --csr \(csrPem\): .*CRLF/m);
  assert.match(new X509Certificate(JSON.parse(signed.stdout).certificate).subject, /CN=crlf\.example\.test/);
});
