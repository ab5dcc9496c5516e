import { runFullCases } from "./full-run.js";

const params = new URLSearchParams(location.search);
window.testResults = (async () => {
  if (params.get("worker") === "1") {
    return new Promise((resolve, reject) => {
      const worker = new Worker(new URL("./full-worker.js", import.meta.url), { type: "module" });
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
      worker.postMessage({ entry: params.get("entry"), expected: params.get("expected"), feed: params.get("feed") });
    });
  }
  return { inWorker: false, results: await runFullCases(params.get("entry"), params.get("expected"), params.get("feed")) };
})();
