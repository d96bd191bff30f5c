// The matrix's page for the bundlers that copy the `.wasm` themselves (webpack 5, Rollup with
// its asset plugin, Vite): the package's browser entry, loaded with a top-level await.
import * as certkit from 'ncp-certkit';
import { logChecks } from './page-checks.mjs';

await logChecks(certkit);
