// Type-checked (tsc --strict) against the installed package's declarations by
// entries.test.mjs. The @ts-expect-error lines fail the check if a type were `any`.
import {
  buildRequest, createClient, inspectPem, isNcpCertkitError, keyMatchesCertificate, orderChain,
  parseResponse, sign, stringToSign, toCurl, validate, verifyChain,
  type ClientResult, type Inspection, type NcpRequest, type OperationKind, type ParsedResponse,
  type Problem,
} from 'ncp-certkit';

const operation: OperationKind = 'issueEndCert';
const signature: string = sign('secret', stringToSign('GET', '/x', 1, 'access'));
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

const inspection: Inspection = inspectPem('-----BEGIN CERTIFICATE-----', { now: Date.now() });
for (const item of inspection.items) {
  if (item.kind === 'certificate') {
    const days: number = item.daysRemaining;
    const sha256: string = item.fingerprints.sha256;
    void days; void sha256;
  }
}
const matches: boolean = keyMatchesCertificate('k', 'c');
void orderChain('x'); void verifyChain('x', {});

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

void signature; void problems; void headerValue; void curl; void matches; void send; void notNumber;
