// The browser pages' half of the matrix: the checks against the sandbox, reached through the
// page's own server (`/sandbox/…`, so no CORS), logged as JSON for the test to read.
import inputs from './inputs.mjs';
import { runChecks } from './checks.mjs';

export async function logChecks(certkit) {
  const results = await runChecks(certkit, { ...inputs, sandbox: `${window.location.origin}/sandbox` });
  console.log(JSON.stringify(results));
}
