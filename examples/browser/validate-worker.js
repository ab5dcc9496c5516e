// A module Web Worker that validates the files the page sends it. In an application, import from
// "ocpi-open-data"; here the package built by `npm run build` (pkg/) is used.
import { init, validate } from "../../pkg/index.js";

const ready = init();

self.onmessage = async ({ data }) => {
  await ready;
  try {
    self.postMessage({ report: validate(new Uint8Array(data.buffer), { path: data.name }) });
  } catch (error) {
    self.postMessage({ code: error.code ?? "error", message: error.message });
  }
};
