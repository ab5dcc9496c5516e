const params = new URLSearchParams(location.search);
window.testResults = new Promise((resolve, reject) => {
  const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  worker.onmessage = (event) => resolve(event.data);
  worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
  worker.postMessage({ entry: params.get("entry"), expected: params.get("expected") });
});
