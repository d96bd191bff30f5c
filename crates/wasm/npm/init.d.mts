// `ncp-certkit/init`: the API of the main entry, plus the two loaders of the browser build.
export * from './index.mjs';

/** Where the `.wasm` comes from: its URL, a `fetch` response, its bytes, or a compiled module. */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Fetches (or takes) and instantiates the `.wasm`; call once before any other function. */
export function init(input?: { module_or_path: InitInput | Promise<InitInput> }): Promise<unknown>;

/** Instantiates the `.wasm` from its bytes or a compiled module, synchronously. */
export function initSync(input: { module: BufferSource | WebAssembly.Module }): unknown;
