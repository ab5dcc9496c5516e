// The functions of the package, shared by the entry for browsers and bundlers (index.js) and the
// entry for Node (node.js). Each export runs its Rust function (src/wasm/) and turns what it
// throws into an OcpiError.
import * as wasm from "./ocpi_open_data.js";

/** Thrown when a call cannot run; what is wrong in the data is in the returned report. */
export class OcpiError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = "OcpiError";
    this.code = code;
  }
}

let ready = false;
let broken = false;

/**
 * Instantiates the WebAssembly module from `source` (a URL, a Response, bytes or a
 * WebAssembly.Module); by default from the .wasm file next to this module. Calling it again
 * returns at once.
 */
export async function init(source) {
  if (ready) return;
  await wasm.default(source === undefined ? undefined : { module_or_path: source });
  ready = true;
}

/** Like `init`, synchronously, from the bytes of the .wasm file or a compiled WebAssembly.Module. */
export function initSync(source) {
  if (ready) return;
  if (source === undefined) {
    throw new OcpiError("not-initialized", "initSync needs the bytes of the .wasm file or a WebAssembly.Module");
  }
  wasm.initSync({ module: source });
  ready = true;
}

/** Turns what a Rust function threw into an OcpiError. */
function asOcpiError(error) {
  if (error instanceof OcpiError) return error;
  if (error instanceof Error && error.name === "OcpiError" && typeof error.code === "string") {
    return new OcpiError(error.code, error.message);
  }
  if (error instanceof WebAssembly.RuntimeError) {
    // A trap (out of memory, or a bug) leaves the instance's stack and heap behind: start a
    // fresh instance so that the next call works.
    try {
      wasm.__wbg_reset_state();
    } catch {
      broken = true;
    }
    return new OcpiError(
      "internal-error",
      `internal error in the WebAssembly module (${error.message}); please report it with the input`,
      { cause: error },
    );
  }
  return error;
}

/** Wraps a function of the WebAssembly module: checks that it is ready, converts errors. */
function exported(name, run) {
  return function (...args) {
    if (broken) {
      throw new OcpiError("internal-error", "the WebAssembly module could not be restarted after an internal error; reload the page");
    }
    if (!ready) {
      throw new OcpiError("not-initialized", `call \`await init()\` once before ${name}()`);
    }
    let result;
    try {
      result = run(...args);
    } catch (error) {
      throw asOcpiError(error);
    }
    if (result !== null && typeof result === "object" && typeof result.then === "function") {
      return result.then(undefined, (error) => {
        throw asOcpiError(error);
      });
    }
    return result;
  };
}

// One line per function of src/wasm/ (their types are in index.d.ts).
export const validate = exported("validate", wasm.validate);
export const validateFeed = exported("validateFeed", wasm.validateFeed);
export const normalize = exported("normalize", wasm.normalize);
