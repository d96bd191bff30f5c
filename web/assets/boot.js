// Loads the app. A file rather than Trunk's injected inline script, so the page runs under the
// proxy's CSP (script-src 'self' 'wasm-unsafe-eval'). Names are fixed: Trunk.toml sets
// filehash = false.
import init from './certkit-web.js';

init({ module_or_path: new URL('./certkit-web_bg.wasm', import.meta.url) });
