// The app's wasm comes in two modules (xtask/src/app_split.rs): `certkit-web_bg.wasm` holds
// what runs until the first form is usable; `certkit-web_deferred.wasm` holds the rest. The
// build patches wasm-bindgen's glue to import this file: the glue hands the first module the
// `placeholder` imports below, and calls `preloadDeferred` once the app has started.
//
// Each function of the deferred module has a slot in the first module's function table. Until
// the deferred module is instantiated, the slot holds a placeholder import (its name is the
// slot's index). Instantiating the deferred module writes its functions into those slots, so
// later calls go straight to them.
//
// Normally the page fetches and compiles the deferred module as soon as it is idle, off the
// main thread, before anyone needs it. Should a placeholder run first (a click in the first
// moments), it loads the module there and then, synchronously: a short pause beats a
// call that cannot be answered.

const DEFERRED_URL = new URL('./certkit-web_deferred.wasm', import.meta.url);

let deferred = null;

// The performance mark says when the deferred module became usable (the tests wait for it),
// and what loaded it: `preload`, or the table slot whose call could not wait (the build's
// `target/app-split/deferred-slots.tsv` names the function in each slot).
function instantiate(module, primary, loadedBy) {
  if (deferred) return;
  deferred = new WebAssembly.Instance(module, { primary });
  performance.mark('ncp-certkit:deferred-module', { detail: { loadedBy } });
}

// A synchronous fetch of the deferred module's bytes. XMLHttpRequest on the main thread
// cannot return an ArrayBuffer synchronously; the x-user-defined charset maps each byte to
// one character (U+F780 + byte for 0x80-0xFF), so the low byte of each code unit is the byte.
function fetchNow() {
  const request = new XMLHttpRequest();
  request.open('GET', DEFERRED_URL, false);
  request.overrideMimeType('text/plain; charset=x-user-defined');
  request.send();
  if (request.status !== 200) {
    throw new Error(`could not load ${DEFERRED_URL.pathname}: HTTP ${request.status}`);
  }
  const text = request.responseText;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i) & 0xff;
  return bytes;
}

/** The first module's `placeholder` imports; `primary()` returns its exports once created. */
export function deferredImports(primary) {
  return new Proxy(
    {},
    {
      get: (_, name) => (...args) => {
        const exports = primary();
        if (!deferred) instantiate(new WebAssembly.Module(fetchNow()), exports, `slot ${name}`);
        return exports['%table'].get(Number(name))(...args);
      },
    },
  );
}

/** Fetches and instantiates the deferred module when the page is idle. */
export function preloadDeferred(primary) {
  const load = () =>
    WebAssembly.compileStreaming(fetch(DEFERRED_URL))
      .then((module) => instantiate(module, primary(), 'preload'))
      // Not fatal here: a placeholder retries synchronously, and reports a failure there.
      .catch((error) => console.warn(`ncp-certkit: deferred module not preloaded: ${error}`));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 1000 });
  else setTimeout(load, 0);
}
