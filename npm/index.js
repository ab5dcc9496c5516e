// The entry for browsers, Web Workers and bundlers: call `await init()` once, then the functions.
// `init()` fetches the .wasm file next to this module (new URL(..., import.meta.url), which Vite,
// webpack and esbuild follow).
export * from "./api.js";
