import { runFullCases } from "./full-run.js";

self.onmessage = async (event) => {
  self.postMessage({
    inWorker: typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope,
    results: await runFullCases(event.data.entry, new URL(event.data.expected, self.location.origin).href, event.data.feed),
  });
};
