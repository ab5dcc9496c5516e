// Hands each dropped file to a Web Worker (validate-worker.js) and shows its report.
import { onFiles, renderReport } from "./render.js";

const report = document.getElementById("report");
const worker = new Worker(new URL("./validate-worker.js", import.meta.url), { type: "module" });
worker.onmessage = ({ data }) => {
  if (data.report) renderReport(report, data.report);
  else report.textContent = `${data.code}: ${data.message}`;
};

onFiles(document.getElementById("drop"), document.getElementById("file"), async (file) => {
  report.textContent = `validating ${file.name}…`;
  const buffer = await file.arrayBuffer();
  // The bytes are transferred, not copied.
  worker.postMessage({ name: file.name, buffer }, [buffer]);
});
