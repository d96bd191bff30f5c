// Benchmark 2: inspecting PEMs. ncp-certkit `inspectPem` vs @peculiar/x509 vs Node's
// `crypto.X509Certificate`, on a leaf and on a 3-certificate chain. Each implementation starts
// from the PEM text and extracts, per certificate: subject, issuer, validity, SANs, serial and
// SHA-256 fingerprint. Their answers are normalised to one shape and must agree before timing.
//
// usage: node inspect.mjs --leaf LEAF.pem --chain CHAIN.pem --out RESULT.json

import 'reflect-metadata'; // @peculiar/x509's dependency injection needs it loaded first
import { X509Certificate as NodeX509 } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as peculiar from '@peculiar/x509';
import * as ncp from 'ncp-certkit';
import { args, assertSame, timeAll, writeResult, REPEATS, SAMPLE_MS } from './lib.mjs';

const { leaf, chain, out } = args();

// --- the three implementations, each returning its own native shapes ---

// Async: ncp-certkit verifies signatures with WebCrypto (a lone certificate or a chain needs
// none for inspection, so its promise is settled by the first call).
async function viaNcp(pem) {
  return (await ncp.inspectPem(pem, {}))
    .items.filter((item) => item.kind === 'certificate')
    .map((c) => ({
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      sans: c.subjectAltNames,
      serial: c.serialNumber,
      sha256: c.fingerprints.sha256,
    }));
}

async function viaPeculiar(pem) {
  const outList = [];
  for (const der of peculiar.PemConverter.decode(pem)) {
    const c = new peculiar.X509Certificate(der);
    const san = c.getExtension(peculiar.SubjectAlternativeNameExtension);
    outList.push({
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      sans: san ? san.names.toJSON() : [],
      serial: c.serialNumber,
      sha256: new Uint8Array(await c.getThumbprint('SHA-256')),
    });
  }
  return outList;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
function viaNode(pem) {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => {
    const c = new NodeX509(block);
    return {
      subject: c.subject,
      issuer: c.issuer,
      notBefore: c.validFrom,
      notAfter: c.validTo,
      sans: c.subjectAltName ?? '',
      serial: c.serialNumber,
      sha256: c.fingerprint256,
    };
  });
}

// --- normalisation to one comparable shape (outside the timed code) ---

// Distinguished names: a sorted list of `TYPE=value` (formats differ in order and separator).
const ATTR = { E: 'EMAILADDRESS', '1.2.840.113549.1.9.1': 'EMAILADDRESS', S: 'ST' };
function dnParts(text, separator) {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      const type = part.slice(0, eq).trim().toUpperCase();
      return `${ATTR[type] ?? type}=${dnValue(part.slice(eq + 1))}`;
    })
    .sort();
}
// RFC 4514 escapes, and `#hex` (a DER string value, as RFC 4514 writes unknown types).
function dnValue(raw) {
  if (/^#([0-9a-fA-F]{2})+$/.test(raw)) {
    const der = Buffer.from(raw.slice(1), 'hex');
    const long = der[1] & 0x80 ? der[1] & 0x7f : 0;
    return der.subarray(2 + long).toString('utf8');
  }
  return raw.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, c) => (c.length === 2 ? String.fromCharCode(parseInt(c, 16)) : c));
}
// IP addresses in one canonical form (IPv6 compressed, lower case), whatever each tool prints.
const canonicalIp = (ip) => (ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip);
const rfc4514 = (dn) => dnParts(dn, /(?<!\\)[,+]/);
const hex = (s) => s.replace(/[^0-9a-fA-F]/g, '').toUpperCase().replace(/^0+(?=.)/, '');
const epoch = (v) => Math.floor(new Date(v).getTime() / 1000);
const sanList = (pairs) =>
  pairs.map(([t, v]) => `${t.toLowerCase()}:${t.toLowerCase() === 'ip' ? canonicalIp(v) : v}`).sort();
const NODE_SAN = { DNS: 'dns', 'IP Address': 'ip', email: 'email', URI: 'uri' };
const PECULIAR_SAN = { dns: 'dns', ip: 'ip', email: 'email', url: 'uri' };

const normalise = {
  'ncp-certkit': (list) =>
    list.map((c) => ({
      subject: rfc4514(c.subject),
      issuer: rfc4514(c.issuer),
      validity: [epoch(c.notBefore), epoch(c.notAfter)],
      sans: sanList(c.sans.map((s) => [s.type, s.value])),
      serial: hex(c.serial),
      sha256: hex(c.sha256),
    })),
  '@peculiar/x509': (list) =>
    list.map((c) => ({
      subject: rfc4514(c.subject),
      issuer: rfc4514(c.issuer),
      validity: [epoch(c.notBefore), epoch(c.notAfter)],
      sans: sanList(c.sans.map((s) => [PECULIAR_SAN[s.type] ?? s.type, s.value])),
      serial: hex(c.serial),
      sha256: hex(Buffer.from(c.sha256).toString('hex')),
    })),
  'node:crypto X509Certificate': (list) =>
    list.map((c) => ({
      subject: dnParts(c.subject, '\n'),
      issuer: dnParts(c.issuer, '\n'),
      validity: [epoch(c.notBefore), epoch(c.notAfter)],
      sans: sanList(
        c.sans
          .split(/,\s*(?=(?:DNS|IP Address|email|URI):)/)
          .filter(Boolean)
          .map((entry) => {
            const colon = entry.indexOf(':');
            const type = entry.slice(0, colon);
            return [NODE_SAN[type] ?? type, entry.slice(colon + 1)];
          }),
      ),
      serial: hex(c.serial),
      sha256: hex(c.sha256),
    })),
};

const impls = {
  'ncp-certkit': viaNcp,
  '@peculiar/x509': viaPeculiar,
  'node:crypto X509Certificate': viaNode,
};

const inputs = { leaf: readFileSync(leaf, 'utf8'), chain: readFileSync(chain, 'utf8') };
const result = { repeats: REPEATS, sampleMs: SAMPLE_MS, inputs: {} };

for (const [inputName, pem] of Object.entries(inputs)) {
  const answers = {};
  for (const [name, fn] of Object.entries(impls)) answers[name] = normalise[name](await fn(pem));
  assertSame(`the ${inputName} PEM`, answers);
  const certificates = answers['ncp-certkit'].length;
  if (certificates === 0) {
    console.error(`no certificate found in the ${inputName} PEM`);
    process.exit(1);
  }
  const timings = await timeAll(
    Object.entries(impls).map(([name, fn]) => ({ name, fn: () => fn(pem) })),
  );
  // Where ncp-certkit's time goes on a chain: each certificate inspected alone (diagnostic).
  const blocks = pem.match(PEM_BLOCK) ?? [];
  const perCertificate =
    blocks.length > 1
      ? await timeAll(
          await Promise.all(
            blocks.map(async (block, i) => ({
              name: `#${i + 1} ${(await ncp.inspectPem(block, {})).items[0].subject}`,
              fn: () => ncp.inspectPem(block, {}),
            })),
          ),
        )
      : undefined;
  result.inputs[inputName] = {
    certificates,
    bytes: Buffer.byteLength(pem),
    agreed: answers['ncp-certkit'],
    timings,
    perCertificate,
  };
}

writeResult(out, result);
