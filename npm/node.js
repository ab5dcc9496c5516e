// The entry for Node: the WebAssembly module is instantiated synchronously on import, from the
// .wasm file next to this module, so the functions work at once (`init()` resolves at once).
import { readFileSync } from "node:fs";
import { initSync } from "./api.js";

initSync(readFileSync(new URL("./ocpi_open_data_bg.wasm", import.meta.url)));

export * from "./api.js";
