// The checks that every runtime of the matrix (runtimes.test.mjs) runs on the package it
// loaded: plain ES module code with no Node API, so that Node, Deno, Bun, workerd and the
// browser bundles run it as it is. It only computes; the Node test compares each result with
// an independent answer (NCP's public vector, node:crypto's HMAC and X509Certificate, the
// contract fixture, openssl's verdict on the chains).

/** Runs every check; each result is `{ value }` or `{ error }`, so one failure hides no other. */
export async function runChecks(certkit, inputs) {
  // The web build (browsers, workerd) exports its loader `initSync`; the Node build does not.
  const results = { build: typeof certkit.initSync === 'function' ? 'web' : 'node' };
  const attempt = async (name, check) => {
    try {
      results[name] = { value: await check() };
    } catch (e) {
      results[name] = { error: String((e && e.stack) || e) };
    }
  };
  await attempt('sign', () => certkit.sign(
    'secret', certkit.stringToSign('GET', '/cluster/kubeconfig', 1668407407855, 'access'),
  ));
  await attempt('signRequest', () => certkit.signRequest(
    'GET', '/cluster/kubeconfig', 1668407407855, 'access', 'secret',
  ));
  await attempt('Signer', () => {
    const signer = new certkit.Signer('access', 'secret');
    try {
      // Its JS fast path (ASCII) and the generated `sign` it falls back to (non-ASCII, or
      // longer than its buffer) agree with sign(stringToSign()) in this runtime too.
      const agree = ['/cluster/kubeconfig', '/태그', '/x'.repeat(3000)].every((p) => signer.sign('get', p, 7)
        === certkit.sign('secret', certkit.stringToSign('get', p, 7, 'access')));
      return [signer.sign('GET', '/cluster/kubeconfig', 1668407407855), signer.signRequest('GET', '/cluster/kubeconfig', 1668407407855), agree];
    } finally {
      signer.free();
    }
  });
  await attempt('buildRequest', () => {
    const request = certkit.buildRequest(
      'issueEndCert',
      { caTag: 'my-ca', x509Parameters: { commonName: 'api.example.com' } },
      { accessKey: 'access', secretKey: 'secret', timestampMs: 1668407407855 },
    );
    return {
      method: request.method,
      url: request.url,
      signature: request.headers['x-ncp-apigw-signature-v2'],
      body: request.body,
    };
  });
  await attempt('parseResponse', () => {
    const ok = certkit.parseResponse('issueEndCert', 200, inputs.issueEndCertBody);
    const failed = certkit.parseResponse('issueEndCert', 400, inputs.privateCaErrorBody);
    return { ok: ok.ok, serialNo: ok.data && ok.data.serialNo, failedOk: failed.ok, code: failed.error && failed.error.code };
  });
  await attempt('inspectPem', async () => {
    const [certificate] = (await certkit.inspectPem(inputs.leafPem, { now: inputs.now })).items;
    return { kind: certificate.kind, subject: certificate.subject, sha256: certificate.fingerprints.sha256 };
  });
  // Through the runtime's own WebCrypto (crypto.subtle), which verifies the signatures.
  await attempt('verifyChain', async () => {
    const good = await certkit.verifyChain(inputs.goodChainPem, { now: inputs.now });
    const broken = await certkit.verifyChain(inputs.brokenChainPem, { now: inputs.now });
    return {
      good: good.ok,
      broken: broken.ok,
      brokenCodes: broken.problemDetails.map((p) => p.code),
    };
  });
  // An EC key without its public point: the runtime's WebCrypto derives it.
  await attempt('keyMatchesCertificate', async () => ({
    sec1: await certkit.keyMatchesCertificate(inputs.sec1KeyWithoutPointPem, inputs.leafPem),
    pkcs8: await certkit.keyMatchesCertificate(inputs.pkcs8KeyWithoutPointPem, inputs.leafPem),
    other: await certkit.keyMatchesCertificate(inputs.pkcs8KeyWithoutPointPem, inputs.otherLeafPem),
  }));
  if (inputs.sandbox) {
    await attempt('createClient', async () => {
      const { main, caTags } = await (await fetch(`${inputs.sandbox}/demo/credentials`)).json();
      const client = certkit.createClient({ baseUrl: inputs.sandbox, ...main });
      const issued = await client.issueEndCert({
        caTag: caTags.issuing, x509Parameters: { commonName: inputs.commonName },
      });
      return { ok: issued.ok, status: issued.status, certificate: issued.data && issued.data.certificate };
    });
  }
  return results;
}
