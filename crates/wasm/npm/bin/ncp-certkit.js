#!/usr/bin/env node
// The `ncp-certkit` command: inspect PEM files, and call every NCP Private CA and Certificate
// Manager operation with requests signed locally. All rules (validation, signing, the
// destructive operations, classification, fallbacks) are the package's; this file only reads
// arguments and files, asks for confirmation, and prints.
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
  'show-access-key': { type: 'boolean' },
  yes: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const text = { type: 'string' };
const X509_OPTIONS = {
  'common-name': text,
  'alt-name': text,
  ip: text,
  organization: text,
  'organization-unit': text,
  locality: text,
  'state-province': text,
  'street-address': text,
  country: text,
};
const X509_USAGE = '[--alt-name NAMES] [--ip ADDRESSES] [--organization O] [--organization-unit OU] [--locality L] [--state-province ST] [--street-address S] [--country CC]';

function x509Parameters(v) {
  return {
    commonName: v['common-name'],
    altName: v['alt-name'],
    ip: v.ip,
    organization: v.organization,
    organizationUnit: v['organization-unit'],
    locality: v.locality,
    stateProvince: v['state-province'],
    streetAddress: v['street-address'],
    country: v.country,
  };
}

/** A file option's text, or undefined when the option is absent (validation then says "required"). */
const fileText = (v, flag) => (v[flag] === undefined ? undefined : readText(v[flag], `--${flag}`));

/** How an answer is shown: JSON (default), PEM text, files under a prefix, or a ZIP file. */
const SHOW = { json: 'json', pem: 'pem', issued: 'issued', zip: 'zip' };

/**
 * Every operation command: `group name`, the package's operation, usage, what it does, its
 * options, how flags become the input, how the answer is shown, and for destructive
 * commands (core's list, plus `ca update --status DESTROYING`) what would happen.
 */
const COMMANDS = [
  {
    name: 'ca list', operation: 'getCaList', usage: '[--page-no N]',
    summary: 'list CAs (one page, from 1)',
    options: { 'page-no': text },
    input: (v) => ({ pageNo: v['page-no'] }),
  },
  {
    name: 'ca get', operation: 'getCa', usage: '--ca-tag TAG',
    summary: 'show a CA and its certificate',
    options: { 'ca-tag': text },
    input: (v) => ({ caTag: v['ca-tag'] }),
  },
  {
    name: 'ca create', operation: 'createCa',
    usage: `--ca-type PRIVATE_ROOT|PRIVATE_SUB [--issuer-tag PARENT_TAG] --alias ALIAS [--memo TEXT] --key-type RSA2048|RSA4096|EC256|EC521 --period DAYS|MAX --common-name CN ${X509_USAGE}`,
    summary: 'create a root CA, a sub CA signed by a platform CA (--issuer-tag), or a sub CA to sign elsewhere (stays PENDING until `ca activate`)',
    options: { 'ca-type': text, 'issuer-tag': text, alias: text, memo: text, 'key-type': text, period: text, ...X509_OPTIONS },
    input: (v) => ({
      caType: v['ca-type'], issuerTag: v['issuer-tag'], alias: v.alias, memo: v.memo,
      keyType: v['key-type'], period: v.period, x509Parameters: x509Parameters(v),
    }),
  },
  {
    name: 'ca csr', operation: 'getSubCsr', usage: '--ca-tag TAG [--out FILE]',
    summary: 'print the CSR of a sub CA to sign elsewhere',
    options: { 'ca-tag': text, out: text },
    input: (v) => ({ caTag: v['ca-tag'] }),
    show: SHOW.pem, pem: (data) => data.csrPem,
  },
  {
    name: 'ca sign-csr', operation: 'signSubCsr', usage: '--ca-tag SIGNING_TAG --csr FILE --period DAYS [--out PREFIX]',
    summary: "sign a sub CA's CSR with a platform CA (writes PREFIX.crt.pem and PREFIX.chain.pem with --out)",
    options: { 'ca-tag': text, csr: text, period: text, out: text },
    input: (v) => ({ caTag: v['ca-tag'], csrPem: fileText(v, 'csr'), period: v.period }),
    show: SHOW.issued,
  },
  {
    name: 'ca activate', operation: 'activateSubCa', aliases: ['activate-sub-ca'], usage: '--ca-tag TAG --cert FILE --ca-chain FILE',
    summary: 'activate a PENDING sub CA with its signed certificate and the signer\'s chain',
    options: { 'ca-tag': text, cert: text, 'ca-chain': text },
    input: (v) => ({ caTag: v['ca-tag'], certPem: fileText(v, 'cert'), caChainPem: fileText(v, 'ca-chain') }),
  },
  {
    name: 'ca chain', operation: 'getCaChain', usage: '--ca-tag TAG [--out FILE]',
    summary: "print the CA's certificate chain (PEM)",
    options: { 'ca-tag': text, out: text },
    input: (v) => ({ caTag: v['ca-tag'] }),
    show: SHOW.pem, pem: (data) => data,
  },
  {
    name: 'ca crl', operation: 'getCaCrl', usage: '--ca-tag TAG [--out FILE]',
    summary: "print the CA's CRL (PEM)",
    options: { 'ca-tag': text, out: text },
    input: (v) => ({ caTag: v['ca-tag'] }),
    show: SHOW.pem, pem: (data) => data,
  },
  {
    name: 'ca update', operation: 'updateCa', usage: '--ca-tag TAG --status ACTIVE|DEACTIVATED|DESTROYING [--yes]',
    summary: 'enable or disable a CA, or schedule its deletion (DESTROYING needs --yes)',
    options: { 'ca-tag': text, status: text },
    input: (v) => ({ caTag: v['ca-tag'], status: v.status }),
    consequence: (input) => (input.status === 'DESTROYING'
      ? `schedule CA ${input.caTag} for deletion: after 72 hours it is deleted with its sub CAs and its private key is destroyed`
      : undefined),
  },
  {
    name: 'ca delete', operation: 'deleteCa', usage: '--ca-tag TAG --yes',
    summary: 'delete a CA in DESTROYING at once, with its sub CAs',
    options: { 'ca-tag': text },
    input: (v) => ({ caTag: v['ca-tag'] }),
    consequence: (input) => `delete CA ${input.caTag} and its sub CAs now; their private keys are destroyed for good`,
  },
  {
    name: 'cert issue', operation: 'issueEndCert', aliases: ['issue-end-cert'],
    usage: `--ca-tag TAG --common-name CN [--key-type RSA2048|RSA4096|EC256|EC521] [--period DAYS|MAX] ${X509_USAGE} --out PREFIX | --print-private-key`,
    summary: 'issue an end-entity certificate and its key (writes PREFIX.key.pem, mode 600, PREFIX.crt.pem and PREFIX.chain.pem with --out; prints the key only with --print-private-key)',
    options: { 'ca-tag': text, 'key-type': text, period: text, ...X509_OPTIONS, out: text, 'print-private-key': { type: 'boolean' } },
    input: (v) => ({ caTag: v['ca-tag'], keyType: v['key-type'], period: v.period, x509Parameters: x509Parameters(v) }),
    show: SHOW.issued,
  },
  {
    name: 'cert sign', operation: 'signEndCsr', usage: '--ca-tag TAG --csr FILE [--out PREFIX]',
    summary: 'have a CA sign your own CSR; the private key never leaves you (writes PREFIX.crt.pem and PREFIX.chain.pem with --out)',
    options: { 'ca-tag': text, csr: text, out: text },
    input: (v) => ({ caTag: v['ca-tag'], csrPem: fileText(v, 'csr') }),
    show: SHOW.issued,
  },
  {
    name: 'cert list', operation: 'getEndCertList', usage: '--ca-tag TAG [--page-no N]',
    summary: "list a CA's end certificates (serial numbers)",
    options: { 'ca-tag': text, 'page-no': text },
    input: (v) => ({ caTag: v['ca-tag'], pageNo: v['page-no'] }),
  },
  {
    name: 'cert get', operation: 'getEndCert', usage: '--ca-tag TAG --serial-no SERIAL',
    summary: 'show an end certificate (serial as colon-separated hex)',
    options: { 'ca-tag': text, 'serial-no': text },
    input: (v) => ({ caTag: v['ca-tag'], serialNo: v['serial-no'] }),
  },
  {
    name: 'cert revoke', operation: 'revokeEndCert', usage: '--ca-tag TAG --serial-no SERIAL --yes',
    summary: "revoke an end certificate (it goes on the CA's CRL)",
    options: { 'ca-tag': text, 'serial-no': text },
    input: (v) => ({ caTag: v['ca-tag'], serialNo: v['serial-no'] }),
    consequence: (input) => `revoke certificate ${input.serialNo} of CA ${input.caTag} for good: it goes on the CA's CRL and cannot be reinstated`,
  },
  {
    name: 'cm request', operation: 'requestCertificateIssuance', aliases: ['request-certificate'],
    usage: '--certificate-name NAME --common-name DOMAIN [--dns-name DOMAIN]... [--validation-method D]',
    summary: 'request a public certificate (then `cm list --certificate-name` finds its number)',
    options: { 'certificate-name': text, 'common-name': text, 'dns-name': { type: 'string', multiple: true }, 'validation-method': text },
    input: (v) => ({
      certificateName: v['certificate-name'], commonName: v['common-name'],
      dnsName: v['dns-name'] ?? [], validationMethod: v['validation-method'] ?? 'D',
    }),
  },
  {
    name: 'cm list', operation: 'listCloudCertificates', usage: '[--certificate-name NAME] [--page N] [--page-size N]',
    summary: 'list certificates, optionally those with one name',
    options: { 'certificate-name': text, page: text, 'page-size': text },
    input: (v) => ({ certificateName: v['certificate-name'], page: v.page, pageSize: v['page-size'] }),
  },
  {
    name: 'cm dcv', operation: 'listDcvStatuses', usage: '--certificate-no N --domain-address DOMAIN',
    summary: 'show the DNS validation records of one domain of a certificate',
    options: { 'certificate-no': text, 'domain-address': text },
    input: (v) => ({ certificateNo: v['certificate-no'], domainAddress: v['domain-address'] }),
  },
  {
    name: 'cm delete', operation: 'deleteCertificate', usage: '--certificate-no N --certificate-name NAME --yes',
    summary: 'delete a certificate (number and name must match)',
    options: { 'certificate-no': text, 'certificate-name': text },
    input: (v) => ({ certificateNo: v['certificate-no'], certificateName: v['certificate-name'] }),
    consequence: (input) => `delete certificate ${input.certificateNo} (${input.certificateName}) from Certificate Manager for good`,
  },
  {
    name: 'cm reissue', operation: 'reissueCertificate',
    usage: '--certificate-no N --csr FILE --certificate-name NAME --common-name DOMAIN [--dns-name DOMAIN]... [--validation-method D]',
    summary: 'reissue an Advanced DV/OV certificate with a new CSR',
    options: {
      'certificate-no': text, csr: text, 'certificate-name': text, 'common-name': text,
      'dns-name': { type: 'string', multiple: true }, 'validation-method': text,
    },
    input: (v) => ({
      certificateNo: v['certificate-no'], csr: fileText(v, 'csr'), certificateName: v['certificate-name'],
      commonName: v['common-name'], dnsName: v['dns-name'] ?? [], validationMethod: v['validation-method'] ?? 'D',
    }),
  },
  {
    name: 'cm download', operation: 'downloadCertificate', usage: '--certificate-no N --out FILE.zip',
    summary: 'download the certificate and its chain as a ZIP of PEM files',
    options: { 'certificate-no': text, out: text },
    input: (v) => ({ certificateNo: v['certificate-no'] }),
    show: SHOW.zip,
  },
  {
    name: 'cm chain', operation: 'getCertificateChain', usage: '--certificate-no N',
    summary: 'show the certificate, its intermediates and root (PEM fields)',
    options: { 'certificate-no': text },
    input: (v) => ({ certificateNo: v['certificate-no'] }),
  },
  {
    name: 'cm revoke', operation: 'revokeCertificate',
    usage: '--order-id ID --certificate-no N|0 --revoke-type affiliationChanged|superseded|cessationOfOperation|unspecified --yes',
    summary: 'revoke an Advanced certificate (0: every certificate of the order)',
    options: { 'order-id': text, 'certificate-no': text, 'revoke-type': text },
    input: (v) => ({ orderId: v['order-id'], certificateNo: v['certificate-no'], revokeType: v['revoke-type'] }),
    consequence: (input) => (String(input.certificateNo) === '0'
      ? `revoke every certificate of order ${input.orderId} for good`
      : `revoke certificate ${input.certificateNo} of order ${input.orderId} for good`),
  },
];

const GROUPS = {
  ca: 'Private CA: certificate authorities',
  cert: 'Private CA: end-entity certificates',
  cm: 'Certificate Manager: public certificates',
};

function commandHelp(command) {
  const aliases = command.aliases ? ` (also: ${command.aliases.join(', ')})` : '';
  return `  ncp-certkit ${command.name} ${command.usage}\n      ${command.summary}${aliases}`;
}

const COMMON_HELP = `COMMON options (every ca, cert and cm command):
  --site public|gov|fin   NCP site (default public; Certificate Manager is public only)
  --base-url URL          send to this base URL instead (the sandbox, or a proxy route);
                          https: only, except http: to localhost, 127.0.0.0/8 or [::1]
  --dry-run               validate, sign and print the request as a curl command (access key
                          masked); send nothing. Needs no --yes.
  --show-access-key       with --dry-run: print the access key in full (a runnable command)
  --yes                   confirm a destructive command: cert revoke, ca delete, cm delete,
                          cm revoke, and ca update --status DESTROYING. Without it they
                          print what would happen, send nothing and exit 2.
  --json                  print JSON only (PEM answers too; for inspect: the full inspection)`;

const HELP = `ncp-certkit ${version}: NAVER Cloud Platform certificate tools

Usage:
  ncp-certkit inspect FILE... [--json]
  ncp-certkit GROUP COMMAND [options] [COMMON]     (ncp-certkit GROUP --help for one group)

${Object.entries(GROUPS).map(([group, title]) => `${title} (${group}):\n${COMMANDS.filter((c) => c.name.startsWith(`${group} `)).map(commandHelp).join('\n')}`).join('\n\n')}

${COMMON_HELP}

Input is checked before anything is sent: a problem prints the flag, the field and the rule,
and exits 2. Warnings (advice beyond NCP's documented rules) and PEM repairs print to stderr
and do not stop the command.

Keys come from the environment: NCLOUD_ACCESS_KEY and NCLOUD_SECRET_KEY. The secret key only
signs requests locally; it is never sent or printed.

Exit codes: 0 success, 1 the API answered with an error, 2 bad usage, invalid input or an
unconfirmed destructive command, 3 network error.`;

class UsageError extends Error {}

function main(argv) {
  const [first, ...rest] = argv;
  if (first === 'inspect') return inspect(rest);
  if (first === '--version' || first === '-V') {
    console.log(version);
    return EXIT.ok;
  }
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    console.log(HELP);
    return first === undefined ? EXIT.usage : EXIT.ok;
  }
  const alias = COMMANDS.find((c) => c.aliases?.includes(first));
  if (alias) return callOperation(alias, rest);
  if (GROUPS[first]) {
    const [name, ...args] = rest;
    const inGroup = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
    if (name === undefined || name === '--help' || name === '-h') {
      console.log(`${GROUPS[first]}:\n${inGroup.map(commandHelp).join('\n')}\n\n${COMMON_HELP}`);
      return name === undefined ? EXIT.usage : EXIT.ok;
    }
    const command = inGroup.find((c) => c.name === `${first} ${name}`);
    if (!command) {
      throw new UsageError(`unknown command "${first} ${name}": use ${inGroup.map((c) => c.name.split(' ')[1]).join(', ')} (see ncp-certkit ${first} --help)`);
    }
    return callOperation(command, args);
  }
  throw new UsageError(`unknown command "${first}": use inspect, ${Object.keys(GROUPS).join(', ')} (or issue-end-cert, activate-sub-ca, request-certificate; see --help)`);
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

async function inspect(args) {
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
      results.push({ file, ...(await certkit.inspectPem(new Uint8Array(bytes))) });
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

// ---- the operations ---------------------------------------------------------------------------

async function callOperation(command, args) {
  const { values } = parse(args, { ...command.options, ...COMMON }, false);
  if (values.help) {
    console.log(`${commandHelp(command)}\n\n${COMMON_HELP}`);
    return EXIT.ok;
  }
  if (command.show === SHOW.zip && values.out === undefined && !values['dry-run']) {
    throw new UsageError(`${command.name}: name the ZIP file to write with --out FILE.zip`);
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
  const input = command.input(values);
  const options = { site: values.site, baseUrl: values['base-url'], accessKey, secretKey };
  // Validates (throws invalid_input with every problem) and signs; nothing is sent yet.
  const request = certkit.buildRequest(command.operation, input, options);
  for (const warning of request.warnings) {
    console.error(`warning: ${where(warning.field)}: ${warning.message} [${warning.code}]`);
  }
  for (const repair of request.repairs) {
    console.error(`repaired ${where(repair.field)}: ${repair.message}`);
  }
  if (values['dry-run']) {
    console.log(certkit.toCurl(request, { maskAccessKey: !values['show-access-key'] }));
    return EXIT.ok;
  }
  if (command.operation === 'issueEndCert' && values.out === undefined && !values['print-private-key']) {
    throw new UsageError(`${command.name}: the answer holds the new private key; write it to files with --out PREFIX (the key file gets mode 600), or print it with --print-private-key. Nothing was sent.`);
  }
  // Every file is checked before anything is sent: a certificate issued into a path that
  // cannot be written would leave its key nowhere.
  checkOutputs(outputFiles(command, values));
  // Whether it is destructive is the package's rule; the command only words the consequence.
  if (certkit.isDestructive(command.operation, input) && !values.yes) {
    const consequence = command.consequence?.(input) ?? 'destroy something that cannot be undone';
    console.error(`ncp-certkit: ${command.name} would ${consequence}.`);
    console.error('Nothing was sent. Run it again with --yes to do it (or --dry-run to see the request).');
    return EXIT.usage;
  }
  const client = certkit.createClient(options);
  const result = await client.call(command.operation, input);
  if (result.retried) {
    console.error(`note: the server's clock is ${Math.round(result.clockSkewMs / 1000)} s away from this computer's; the request was re-signed with the server's time.`);
  }
  if (result.usedFallback) {
    console.error('note: the gateway does not know the newer request; the answer comes from the older documented one.');
  }
  if (result.ok) {
    show(command, values, result.data);
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

/** The files a command will write with its --out, in writing order. */
function outputFiles(command, values) {
  if (values.out === undefined) return [];
  if (command.show === SHOW.issued) {
    const files = [`${values.out}.crt.pem`, `${values.out}.chain.pem`];
    return command.operation === 'issueEndCert' ? [`${values.out}.key.pem`, ...files] : files;
  }
  return command.show === SHOW.pem || command.show === SHOW.zip ? [values.out] : [];
}

/** Refuses (exit 2, nothing sent) when an output file exists or its directory is not writable. */
function checkOutputs(files) {
  const path = require('node:path');
  for (const file of files) {
    if (fs.existsSync(file)) {
      throw new UsageError(`--out: ${file} already exists and is never overwritten; choose another --out. Nothing was sent.`);
    }
    const dir = path.dirname(path.resolve(file));
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      throw new UsageError(`--out: cannot write ${file}: its directory ${dir} is not writable (${e.code ?? e.message}). Nothing was sent.`);
    }
  }
}

/** The answer for printing: a private key only with --print-private-key, else where it went. */
function printable(data, values, keyFile) {
  if (!data || typeof data.privateKey !== 'string' || values['print-private-key']) return data;
  return { ...data, privateKey: keyFile ? `(written to ${keyFile})` : '(not printed: use --out PREFIX or --print-private-key)' };
}

/** Prints or writes an answer the way the command shows it. */
function show(command, values, data) {
  if (values.json && command.show === SHOW.issued && values.out !== undefined) {
    writeIssued(values.out, data, values);
    console.log(JSON.stringify(printable(data, values, `${values.out}.key.pem`), null, 2));
    return;
  }
  switch (values.json ? SHOW.json : command.show) {
    case SHOW.pem: {
      const pem = command.pem(data);
      if (values.out !== undefined) {
        writeNew(values.out, pem.endsWith('\n') ? pem : `${pem}\n`, 0o644, data);
      } else {
        process.stdout.write(pem.endsWith('\n') ? pem : `${pem}\n`);
      }
      return;
    }
    case SHOW.issued:
      if (values.out !== undefined) {
        writeIssued(values.out, data, values);
        return;
      }
      break;
    case SHOW.zip:
      writeNew(values.out, data.zip, 0o644, undefined);
      console.log(`wrote ${values.out} (${data.zip.length} bytes)`);
      return;
    default:
  }
  console.log(JSON.stringify(printable(data, values), (key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value), 2));
}

/** The command-line flag for an input field, e.g. `x509Parameters.commonName` -> `--common-name`. */
function flagFor(field) {
  const name = field.replace(/\[\d+\]$/, '').split('.').pop();
  const special = { certPem: 'cert', caChainPem: 'ca-chain', csrPem: 'csr' };
  return `--${special[name] ?? name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `--flag (field)` for a problem or repair. */
function where(field) {
  return field ? `${flagFor(field)} (${field})` : '(input)';
}

/**
 * Writes a new file (never overwriting one; the paths were checked before sending). When it
 * cannot, the answer is printed instead (`fallback`), without its private key unless
 * --print-private-key: a terminal or a CI log is no place for one. `keyFile` says where the
 * key was saved, if it was.
 */
function writeNew(file, content, mode, fallback, values = {}, keyFile = undefined) {
  try {
    fs.writeFileSync(file, content, { mode, flag: 'wx' });
  } catch (e) {
    let printed = '';
    if (fallback !== undefined) {
      console.log(JSON.stringify(printable(fallback, values, keyFile), null, 2));
      printed = ' (the answer is printed above';
      if (typeof fallback.privateKey === 'string' && !values['print-private-key']) {
        printed += keyFile
          ? `; the private key is in ${keyFile})`
          : `; its private key is not printed and could not be saved: revoke serial ${fallback.serialNo} and issue again)`;
      } else {
        printed += ')';
      }
    }
    throw new UsageError(`--out: cannot write ${file}: ${e.code ?? e.message}${printed}`);
  }
}

/** Saves an issued or signed certificate: the key (if any) first, readable by its owner only. */
function writeIssued(prefix, data, values) {
  const chain = Array.isArray(data.caChain) ? data.caChain.join('\n') : String(data.caChain ?? '');
  const files = [
    data.privateKey ? [`${prefix}.key.pem`, data.privateKey, 0o600] : undefined,
    [`${prefix}.crt.pem`, data.certificate, 0o644],
    [`${prefix}.chain.pem`, chain, 0o644],
  ].filter(Boolean);
  let keyFile;
  for (const [file, text, mode] of files) {
    writeNew(file, text.endsWith('\n') ? text : `${text}\n`, mode, data, values, keyFile);
    if (mode === 0o600) keyFile = file;
    console.error(`wrote ${file}`);
  }
  if (!values.json) console.log(`serial number ${data.serialNo}`);
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
        console.error(`  ${where(problem.field)}: ${problem.message} [${problem.code}]`);
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
