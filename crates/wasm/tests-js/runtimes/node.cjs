// The matrix's entry for Node's CommonJS: the package as `require('ncp-certkit')` gives it.
'use strict';

const certkit = require('ncp-certkit');

(async () => {
  const { default: inputs } = await import('./inputs.mjs');
  const { runChecks } = await import('./checks.mjs');
  console.log(JSON.stringify(await runChecks(certkit, inputs)));
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
