#!/usr/bin/env node
// The `ncp-certkit` command: inspect PEM files, and call the three NCP certificate operations
// with requests signed locally. All rules (validation, signing, classification) are the
// package's; this file only reads arguments and files and prints.
'use strict';

const fs = require('node:fs');
const { parseArgs } = require('node:util');
const certkit = require('../node/ncp_certkit.js');
const { version } = require('../package.json');

/** Exit codes, also listed in --help. */
const EXIT = { ok: 0, failed: 1, usage: 2, network: 3 };

const COMMON = {
  site: { type: 'string' },
  'base-url': { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const HELP = `ncp-certkit ${version}: NAVER Cloud Platform certificate tools

Usage:
  ncp-certkit inspect FILE... [--json]
  ncp-certkit issue-end-cert --ca-tag TAG --common-name CN [--key-type RSA2048|RSA4096|EC256|EC521]
        [--period DAYS|MAX] [--alt-name NAMES] [--ip ADDRESSES] [--organization O]
        [--organization-unit OU] [--locality L] [--state-province ST] [--street-address S]
        [--country CC] [--out PREFIX] [COMMON]
  ncp-certkit activate-sub-ca --ca-tag TAG --cert FILE --ca-chain FILE [COMMON]
  ncp-certkit request-certificate --certificate-name NAME --common-name DOMAIN
        [--dns-name DOMAIN]... [--validation-method D] [COMMON]

COMMON options:
  --site public|gov|fin   NCP site (default public)
  --base-url URL          send to this base URL instead (the sandbox, or a proxy route)
  --dry-run               print the signed request as a curl command; send nothing
  --json                  print JSON only (for inspect: the full inspection)

issue-end-cert --out PREFIX writes PREFIX.key.pem (mode 600), PREFIX.crt.pem and
PREFIX.chain.pem instead of printing the JSON answer (which holds the private key).

Keys come from the environment: NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY. The secret key only
signs requests locally; it is never sent.

Exit codes: 0 success, 1 the API answered with an error, 2 bad usage or invalid input,
3 network error.`;

class UsageError extends Error {}

function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'inspect':
      return inspect(rest);
    case 'issue-end-cert':
      return callOperation('issueEndCert', rest, {
        'ca-tag': { type: 'string' },
        'common-name': { type: 'string' },
        'key-type': { type: 'string' },
        period: { type: 'string' },
        'alt-name': { type: 'string' },
        ip: { type: 'string' },
        organization: { type: 'string' },
        'organization-unit': { type: 'string' },
        locality: { type: 'string' },
        'state-province': { type: 'string' },
        'street-address': { type: 'string' },
        country: { type: 'string' },
        out: { type: 'string' },
      }, (v) => ({
        caTag: v['ca-tag'],
        keyType: v['key-type'],
        period: v.period,
        x509Parameters: {
          commonName: v['common-name'],
          altName: v['alt-name'],
          ip: v.ip,
          organization: v.organization,
          organizationUnit: v['organization-unit'],
          locality: v.locality,
          stateProvince: v['state-province'],
          streetAddress: v['street-address'],
          country: v.country,
        },
      }));
    case 'activate-sub-ca':
      return callOperation('activateSubCa', rest, {
        'ca-tag': { type: 'string' },
        cert: { type: 'string' },
        'ca-chain': { type: 'string' },
      }, (v) => ({
        caTag: v['ca-tag'],
        certPem: v.cert === undefined ? undefined : readText(v.cert, '--cert'),
        caChainPem: v['ca-chain'] === undefined ? undefined : readText(v['ca-chain'], '--ca-chain'),
      }));
    case 'request-certificate':
      return callOperation('requestCertificateIssuance', rest, {
        'certificate-name': { type: 'string' },
        'common-name': { type: 'string' },
        'dns-name': { type: 'string', multiple: true },
        'validation-method': { type: 'string' },
      }, (v) => ({
        certificateName: v['certificate-name'],
        commonName: v['common-name'],
        dnsName: v['dns-name'] ?? [],
        validationMethod: v['validation-method'] ?? 'D',
      }));
    case '--version':
    case '-V':
      console.log(version);
      return EXIT.ok;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    default:
      throw new UsageError(`unknown command "${command}": use inspect, issue-end-cert, activate-sub-ca or request-certificate (see --help)`);
  }
}

function parse(args, options, allowPositionals) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new UsageError(e.message);
  }
}

function readText(file, what) {
  return readFile(file, what).toString('utf8');
}

/** The file's bytes (PEM or DER). */
function readFile(file, what) {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`${what}: cannot read ${file}: ${e.code ?? e.message}`);
  }
}

// ---- inspect --------------------------------------------------------------------------------

function inspect(args) {
  const { values, positionals } = parse(args, { json: COMMON.json, help: COMMON.help }, true);
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('inspect: name at least one PEM file');
  const results = [];
  let status = EXIT.ok;
  for (const file of positionals) {
    const bytes = readFile(file, 'inspect');
    try {
      results.push({ file, ...certkit.inspectPem(new Uint8Array(bytes)) });
    } catch (e) {
      if (!certkit.isNcpCertkitError(e)) throw e;
      results.push({ file, error: { code: e.code, message: e.message } });
      status = EXIT.failed;
    }
  }
  if (values.json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    console.log(results.map(formatInspection).join('\n\n'));
  }
  return status;
}

function formatInspection(result) {
  const lines = [`${result.file}:`];
  if (result.error) {
    lines.push(`  cannot read it: ${result.error.message}`);
    return lines.join('\n');
  }
  result.items.forEach((item, i) => {
    lines.push(`  [${i + 1}] ${describeItem(item)}`);
    for (const [label, value] of itemFields(item)) {
      lines.push(`      ${label.padEnd(20)} ${value}`);
    }
  });
  for (const repair of result.repairs ?? []) {
    lines.push(`  repaired: ${typeof repair === 'string' ? repair : repair.message ?? JSON.stringify(repair)}`);
  }
  return lines.join('\n');
}

function describeItem(item) {
  switch (item.kind) {
    case 'certificate':
      return `certificate${item.isCa ? ' (CA)' : ''}${item.selfSigned ? ', self-signed' : ''}`;
    case 'privateKey':
      return 'private key';
    default:
      return item.kind;
  }
}

function keyText(key) {
  if (!key) return undefined;
  // A curve says its size; RSA needs the bits.
  return [key.algorithm, key.curve ?? (key.bits ? `${key.bits} bits` : undefined)].filter(Boolean).join(' ');
}

function itemFields(item) {
  const fields = [];
  const add = (label, value) => {
    if (value !== undefined && value !== null && value !== '') fields.push([label, value]);
  };
  if (item.kind === 'certificate') {
    add('subject', item.subject);
    add('issuer', item.issuer);
    add('serial number', item.serialNumber);
    add('not before', item.notBefore);
    const days = item.daysRemaining;
    add('not after', `${item.notAfter}${typeof days === 'number' ? (days < 0 ? ` (expired ${-days} days ago)` : ` (${days} days remaining)`) : ''}`);
    add('alt names', (item.subjectAltNames ?? []).map((san) => `${san.type}:${san.value}`).join(', '));
    add('public key', keyText(item.publicKey));
    add('signature algorithm', item.signatureAlgorithm);
    add('SHA-256 fingerprint', item.fingerprints?.sha256);
    add('SHA-1 fingerprint', item.fingerprints?.sha1);
  } else if (item.kind === 'privateKey') {
    add('algorithm', keyText(item));
    add('container', item.container);
  } else {
    for (const [key, value] of Object.entries(item)) {
      if (key !== 'kind' && (typeof value === 'string' || typeof value === 'number')) add(key, value);
    }
  }
  return fields;
}

// ---- the three operations -------------------------------------------------------------------

async function callOperation(operation, args, options, toInput) {
  const { values } = parse(args, { ...options, ...COMMON }, false);
  if (values.help) {
    console.log(HELP);
    return EXIT.ok;
  }
  const accessKey = process.env.NCLOUD_ACCESS_KEY;
  const secretKey = process.env.NCLOUD_SECRET_KEY;
  const missing = [
    accessKey ? undefined : 'NCLOUD_ACCESS_KEY',
    secretKey ? undefined : 'NCLOUD_SECRET_KEY',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`set ${missing.join(' and ')} in the environment (the API key pair from the NCP console)`);
  }
  const input = toInput(values);
  const site = values.site;
  const baseUrl = values['base-url'];
  if (values['dry-run']) {
    const request = certkit.buildRequest(operation, input, { site, baseUrl, accessKey, secretKey });
    console.log(certkit.toCurl(request));
    return EXIT.ok;
  }
  const client = certkit.createClient({ site, baseUrl, accessKey, secretKey });
  const result = await client[operation](input);
  if (result.retried) {
    console.error(`note: the server's clock is ${Math.round(result.clockSkewMs / 1000)} s away from this computer's; the request was re-signed with the server's time.`);
  }
  if (result.ok) {
    if (values.out !== undefined) {
      writeIssued(values.out, result.data);
    } else {
      console.log(JSON.stringify(result.data, null, 2));
    }
    return EXIT.ok;
  }
  if (values.json) {
    console.log(JSON.stringify(result.error, null, 2));
  }
  const { kind, code, message, hint } = result.error;
  console.error(`error: ${kind}${code ? ` (${code})` : ''}: ${message}`);
  console.error(`hint: ${hint}`);
  return EXIT.failed;
}

/** The command-line flag for an input field, e.g. `x509Parameters.commonName` -> `--common-name`. */
function flagFor(field) {
  const name = field.replace(/\[\d+\]$/, '').split('.').pop();
  const special = { certPem: 'cert', caChainPem: 'ca-chain' };
  return `--${special[name] ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Saves an issued certificate: the key readable by its owner only, never overwriting a file. */
function writeIssued(prefix, data) {
  const files = [
    [`${prefix}.key.pem`, data.privateKey, 0o600],
    [`${prefix}.crt.pem`, data.certificate, 0o644],
    [`${prefix}.chain.pem`, data.caChain.join('\n'), 0o644],
  ];
  for (const [file, text, mode] of files) {
    try {
      fs.writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`, { mode, flag: 'wx' });
    } catch (e) {
      // The answer holds the only copy of the private key: never lose it.
      console.log(JSON.stringify(data, null, 2));
      throw new UsageError(`--out: cannot write ${file}: ${e.code ?? e.message} (the full answer is printed above)`);
    }
    console.error(`wrote ${file}`);
  }
  console.log(`serial number ${data.serialNo}`);
}

function report(e) {
  if (e instanceof UsageError) {
    console.error(`ncp-certkit: ${e.message}`);
    return EXIT.usage;
  }
  if (certkit.isNcpCertkitError(e)) {
    if (e.code === 'invalid_input' && e.problems.length > 0) {
      console.error('ncp-certkit: the input is invalid; nothing was sent:');
      for (const problem of e.problems) {
        const where = problem.field ? `${flagFor(problem.field)} (${problem.field})` : '(input)';
        console.error(`  ${where}: ${problem.message} [${problem.code}]`);
      }
      return EXIT.usage;
    }
    console.error(`ncp-certkit: ${e.message}`);
    return e.code === 'network' ? EXIT.network : EXIT.usage;
  }
  console.error(`ncp-certkit: unexpected error: ${e && e.stack ? e.stack : e}`);
  return EXIT.failed;
}

Promise.resolve()
  .then(() => main(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.exitCode = report(e);
  });
