// A tiny page that uses the package through Vite, as a browser app would.
import { inspectPem, sign, stringToSign } from 'ncp-certkit';
import pem from './leaf.pem?raw';

const out = document.getElementById('out');
try {
  const signature = sign('secret', stringToSign('GET', '/cluster/kubeconfig', 1668407407855, 'access'));
  const { items } = inspectPem(pem, { now: Date.UTC(2026, 5, 1) });
  const [certificate] = items;
  out.textContent = JSON.stringify({
    signature,
    kind: certificate.kind,
    subject: certificate.subject,
    sha256: certificate.fingerprints.sha256,
    publicKey: certificate.publicKey,
  }, null, 2);
} catch (e) {
  out.textContent = `error: ${e && e.message}`;
}
document.body.dataset.ready = 'true';
