// `ncp-certkit/init`: the browser build without automatic loading, for bundlers that do not copy
// the `.wasm` referenced by `new URL(…, import.meta.url)` (esbuild) and for code that loads the
// bytes itself. Call `await init(urlOrResponse)` or `initSync({ module: bytes })` once, first.
export * from './web/ncp_certkit.js';
export { default as init } from './web/ncp_certkit.js';
