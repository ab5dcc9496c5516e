import { evalIsBlocked, runCases } from "./run.js";

self.onmessage = async (event) => {
  self.postMessage({
    inWorker: typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope,
    evalBlocked: evalIsBlocked(),
    results: await runCases(event.data.entry, new URL(event.data.expected, self.location.origin).href),
  });
};
