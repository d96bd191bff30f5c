// Entry for Cloudflare Workers and workerd (the `workerd` condition), which forbid compiling
// WebAssembly from bytes at run time: the `.wasm` is imported as a module, which wrangler and
// workerd's config hand over already compiled, and instantiated synchronously.
import { initSync } from './web/ncp_certkit.js';
import module from './web/ncp_certkit_bg.wasm';

initSync({ module });

export * from './web/ncp_certkit.js';
