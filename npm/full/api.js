// The functions of the full build (entry `ocpi-open-data/full`): appended to api.js by
// scripts/build-npm.mjs, so `exported` and `wasm` are those of api.js.

export const afir = exported("afir", wasm.afir);
export const uk = exported("uk", wasm.uk);
export const price = exported("price", wasm.price);
export const explainTariff = exported("explainTariff", wasm.explainTariff);
export const explainTariffParts = exported("explainTariffParts", wasm.explainTariffParts);

const newTotp = exported("Totp", (config) => new wasm.Totp(config));
const totpTokens = exported("tokens", (inner, unixMs) => inner.tokens(unixMs));
const totpVerify = exported("verify", (inner, token, unixMs) => inner.verify(token, unixMs));

/**
 * OCPI 2.3.0 TOTP tokens of one configuration. The secret stays in WebAssembly memory: no
 * property or method gives it back.
 */
export class Totp {
  #inner;

  constructor(config) {
    this.#inner = newTotp(config);
  }

  /** The previous, current and next token at `unixMs` (default now). */
  tokens(unixMs = Date.now()) {
    return totpTokens(this.#inner, unixMs);
  }

  /** Whether `token` is the previous, current or next token at `unixMs` (default now). */
  verify(token, unixMs = Date.now()) {
    if (typeof token !== "string") {
      throw new OcpiError("invalid-input", `the token must be a string, not ${token === null ? "null" : typeof token}`);
    }
    return totpVerify(this.#inner, token, unixMs);
  }

  /** Frees the WebAssembly memory now instead of when the object is collected. */
  free() {
    this.#inner.free();
  }

  toJSON() {
    return {};
  }
}

export const fetchFeed = exported("fetchFeed", wasm.fetchFeed);

/**
 * The pages of a feed as they arrive, for `for await (const page of pages(url, options))`. Leaving
 * the loop early (or aborting `options.signal`) stops the fetch. The iterator's return value is
 * what `fetchFeed` resolves to.
 */
export async function* pages(url, options = {}) {
  const { signal, onProgress, ...rest } = options ?? {};
  const controller = new AbortController();
  const forward = () => controller.abort(signal.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener("abort", forward, { once: true });
  const queue = [];
  let wake = () => {};
  let finished = false;
  let failure;
  let result;
  const running = fetchFeed(url, {
    ...rest,
    signal: controller.signal,
    onProgress(event) {
      onProgress?.(event);
      if (event.type === "page") {
        queue.push(event);
        wake();
      }
    },
  }).then(
    (value) => {
      result = value;
    },
    (error) => {
      failure = error;
    },
  ).finally(() => {
    finished = true;
    wake();
  });
  try {
    for (;;) {
      if (queue.length > 0) {
        yield queue.shift();
      } else if (finished) {
        break;
      } else {
        await new Promise((resolve) => {
          wake = resolve;
        });
      }
    }
    await running;
    if (failure !== undefined) throw failure;
    return result;
  } finally {
    controller.abort();
    signal?.removeEventListener("abort", forward);
  }
}
