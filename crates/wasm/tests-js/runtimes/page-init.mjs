// The matrix's page for esbuild, which does not copy assets referenced by
// `new URL(…, import.meta.url)`: the explicit initialiser, given the URL that esbuild's `file`
// loader emits for the `.wasm`.
import * as certkit from 'ncp-certkit/init';
import wasmUrl from 'ncp-certkit/ncp_certkit.wasm';
import { logChecks } from './page-checks.mjs';

await certkit.init({ module_or_path: wasmUrl });
await logChecks(certkit);
