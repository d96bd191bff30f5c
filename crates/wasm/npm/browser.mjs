// Entry for browsers through a bundler (Vite, webpack, Rollup, esbuild): the `--target web`
// build. The WebAssembly module is fetched from next to this file (the bundler copies it) and
// instantiated before any export is used, so the API is the same as in Node.
import init from './web/ncp_certkit.js';

await init();

export * from './web/ncp_certkit.js';
