// Type-checked (tsc --strict) against the installed package's declarations by
// entries.test.mjs. The @ts-expect-error lines fail the check if a type were `any`.
import {
  buildRequest, createClient, inspectPem, isNcpCertkitError, keyMatchesCertificate, orderChain,
  parseResponse, sign, signRequest, Signer, stringToSign, toCurl, validate, verifyChain, warnings,
  type ChainReport, type ClientResult, type ClientResultOf, type Inspection, type OrderedChain, type NcpRequest, type OperationInputs,
  type OperationKind, type OperationResponses, type ParsedResponse, type PemRepairCode, type Problem,
  type SignatureHeaders,
} from 'ncp-certkit';

const operation: OperationKind = 'issueEndCert';
const signature: string = sign('secret', stringToSign('GET', '/x', 1, 'access'));
const signed: SignatureHeaders = signRequest('GET', '/x', 1, 'access', 'secret');
const signedValue: string = signed['x-ncp-apigw-signature-v2'];
const fetchHeaders: HeadersInit = signRequest('GET', '/x', 1, 'access', 'secret');
const signer = new Signer('access', 'secret');
const signerValue: string = signer.sign('GET', '/x', 1);
const signerHeaders: SignatureHeaders = signer.signRequest('GET', '/x', 1);
signer.free();
const problems: Problem[] = validate(operation, { caTag: 'ca', x509Parameters: { commonName: 'n' } });
const request: NcpRequest = buildRequest('requestCertificateIssuance', {
  certificateName: 'web', commonName: 'example.com', dnsName: ['www.example.com'], validationMethod: 'D',
}, { site: 'public', accessKey: 'a', secretKey: 's', timestampMs: 1 });
const headerValue: string | undefined = request.headers['x-ncp-apigw-timestamp'];
const curl: string = toCurl(request, { maskAccessKey: true });

const parsed: ParsedResponse = parseResponse('issueEndCert', 200, '{}');
if (parsed.ok) {
  const data = parsed.data;
  void data;
} else {
  const kind: string = parsed.error.kind;
  const hint: string = parsed.error.hint;
  void kind; void hint;
}

// Inspection and chain checks are async: signatures are verified with WebCrypto.
async function inspect(): Promise<void> {
  const inspection: Inspection = await inspectPem('-----BEGIN CERTIFICATE-----', { now: Date.now() });
  for (const item of inspection.items) {
    if (item.kind === 'certificate') {
      const days: number = item.daysRemaining;
      const sha256: string = item.fingerprints.sha256;
      void days; void sha256;
    }
  }
  const ordered: OrderedChain = await orderChain('x');
  const report: ChainReport = await verifyChain('x', {});
  void ordered; void report;
}
void inspect;
const matches: Promise<boolean> = keyMatchesCertificate('k', 'c');

async function send(): Promise<void> {
  const client = createClient({ accessKey: 'a', secretKey: 's', baseUrl: 'http://127.0.0.1:9' });
  const result: ClientResult = await client.issueEndCert({ caTag: 'ca', x509Parameters: { commonName: 'n' } });
  const status: number = result.status;
  const retried: boolean = result.retried;
  void status; void retried;
}

try {
  validate('issueEndCert', {} as never);
} catch (e) {
  if (isNcpCertkitError(e)) {
    const code: string = e.code;
    const fields: string[] = e.problems.map((p) => p.field);
    void code; void fields;
  }
}

// @ts-expect-error: not an operation name
validate('issueCert', {});
// @ts-expect-error: the timestamp is a number
stringToSign('GET', '/x', '1', 'access');
// @ts-expect-error: accessKey is required
buildRequest('issueEndCert', { caTag: 'c', x509Parameters: { commonName: 'n' } }, { secretKey: 's' });
// @ts-expect-error: not a site
createClient({ site: 'mars', accessKey: 'a', secretKey: 's' });
// @ts-expect-error: sign returns a string
const notNumber: number = sign('s', 't');
// @ts-expect-error: signRequest needs the secret key
signRequest('GET', '/x', 1, 'access');
// @ts-expect-error: a Signer's sign takes no secret key (it was given to the constructor)
new Signer('access', 'secret').sign('GET', '/x', 1, 'secret');
// @ts-expect-error: no such header in the result
const notAHeader: string = signed['x-ncp-apigw-signature-v1'];

// Every operation: typed inputs (path and query parameters included) and typed answers.
async function lifecycle(): Promise<void> {
  const client = createClient({ accessKey: 'a', secretKey: 's', baseUrl: 'http://127.0.0.1:9' });
  const list = await client.getCaList();
  if (list.ok) {
    const tags: (string | undefined)[] = (list.data.caInfoList ?? []).map((item) => item.caInfo?.caTag);
    const pages: number | undefined = list.data.totalPageNo;
    void tags; void pages;
  }
  const created = await client.createCa({
    caType: 'PRIVATE_SUB', issuerTag: 'root', alias: 'abc', keyType: 'EC256', period: 'MAX', x509Parameters: { commonName: 'x' },
  });
  if (created.ok) {
    const status: string | undefined = created.data.caInfo?.status;
    void status;
  }
  const csr = await client.getSubCsr({ caTag: 't' });
  if (csr.ok) {
    const signed = await client.signSubCsr({ caTag: 'root', period: '30', csrPem: csr.data.csrPem ?? '' });
    if (signed.ok) {
      const chain: string[] = signed.data.caChain ?? [];
      await client.activateSubCa({ caTag: 't', certPem: signed.data.certificate ?? '', caChainPem: chain.join('\n') });
    }
  }
  const mine = await client.signEndCsr({ caTag: 't', csrPem: '-----BEGIN CERTIFICATE REQUEST-----' });
  const serials = await client.getEndCertList({ caTag: 't', pageNo: 2 });
  if (serials.ok && mine.ok) {
    const first: string | undefined = serials.data.listCerts?.[0];
    const got = await client.getEndCert({ caTag: 't', serialNo: mine.data.serialNo ?? '' });
    if (got.ok) {
      const pem: string | undefined = got.data.certPem;
      void pem;
    }
    void first;
  }
  const revoked = await client.revokeEndCert({ caTag: 't', serialNo: '5D:8A' });
  if (revoked.ok) {
    const nothing: null = revoked.data;
    void nothing;
  }
  const crl = await client.getCaCrl({ caTag: 't' });
  const chain = await client.getCaChain({ caTag: 't' });
  if (crl.ok && chain.ok) {
    const text: string = crl.data + chain.data;
    void text;
  }
  await client.updateCa({ caTag: 't', status: 'DESTROYING' });
  await client.deleteCa({ caTag: 't' });

  const certs = await client.listCloudCertificates({ certificateName: 'web', page: 1, pageSize: 20 });
  const fellBack: boolean = certs.usedFallback;
  if (certs.ok) {
    const numbers: (string | undefined)[] = (certs.data.sslCertificateList ?? []).map((c) => c.certificateNo);
    void numbers;
  }
  await client.listCertificates();
  const dcv = await client.listDcvStatuses({ certificateNo: 12, domainAddress: 'example.com' });
  if (dcv.ok) {
    const state: string | undefined = dcv.data.dnsVerificationList?.[0]?.validStatusCode;
    void state;
  }
  const zip = await client.downloadCertificate({ certificateNo: '12' });
  if (zip.ok) {
    const bytes: Uint8Array = zip.data.zip;
    void bytes;
  }
  const cmChain = await client.getCertificateChain({ certificateNo: 12 });
  if (cmChain.ok) {
    const intermediates: string[] | undefined = cmChain.data.subCaCertificate;
    void intermediates;
  }
  await client.reissueCertificate({ certificateNo: 12, csr: 'x', certificateName: 'web', commonName: 'example.com', validationMethod: 'D' });
  await client.revokeCertificate({ orderId: '1', certificateNo: 0, revokeType: 'superseded' });
  await client.deleteCertificate({ certificateNo: 12, certificateName: 'web' });
  const any: ClientResult = await client.call('getCa', { caTag: 't' });
  void fellBack; void any;

  // @ts-expect-error: domainAddress is required
  await client.listDcvStatuses({ certificateNo: 1 });
  // @ts-expect-error: not a CA status
  await client.updateCa({ caTag: 't', status: 'PAUSED' });
  // @ts-expect-error: serialNo is required
  await client.revokeEndCert({ caTag: 't' });
  // @ts-expect-error: not a revocation reason
  await client.revokeCertificate({ orderId: '1', certificateNo: 0, revokeType: 'stolen' });
  // @ts-expect-error: not an operation name
  await client.call('getEverything', {});
}

const typedResult = (r: ClientResultOf<'getCaList'>): number | undefined => (r.ok ? r.data.totalCnt : undefined);
// @ts-expect-error: a CA list has no zip
const noZip = (r: ClientResultOf<'getCaList'>): unknown => r.ok && r.data.zip;
const inputs: OperationInputs['listDcvStatuses'] = { certificateNo: '1', domainAddress: 'example.com' };
const responses: OperationResponses['downloadCertificate'] | undefined = undefined;
const built: NcpRequest = buildRequest('getEndCert', { caTag: 't', serialNo: '5D:8A' }, { accessKey: 'a', secretKey: 's' });
const repairs: PemRepairCode[] = built.repairs.map((r) => r.code);
const advice: Problem[] = [...built.warnings, ...warnings('requestCertificateIssuance', {
  certificateName: 'web', commonName: 'example.com', dnsName: [], validationMethod: 'D',
})];
const zipParsed: ParsedResponse = parseResponse('downloadCertificate', 200, new Uint8Array([0x50, 0x4b]));
void lifecycle; void typedResult; void noZip; void inputs; void responses; void repairs; void advice; void zipParsed;

void signature; void problems; void headerValue; void curl; void matches; void send; void notNumber;
void signedValue; void fetchHeaders; void signerValue; void signerHeaders; void notAHeader;
