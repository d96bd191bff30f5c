// The matrix's entry for Node (ESM), Deno and Bun: the package as each resolves
// `import 'ncp-certkit'`; prints the checks' results as JSON.
import * as certkit from 'ncp-certkit';
import inputs from './inputs.mjs';
import { runChecks } from './checks.mjs';

console.log(JSON.stringify(await runChecks(certkit, inputs)));
