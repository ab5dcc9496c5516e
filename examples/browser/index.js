// Validates a dropped file on the page itself. In an application, import from "ocpi-open-data";
// here the package built by `npm run build` (pkg/) is used.
import { init, validate, OcpiError } from "../../pkg/index.js";
import { onFiles, renderReport } from "./render.js";

const report = document.getElementById("report");
const ready = init();

onFiles(document.getElementById("drop"), document.getElementById("file"), async (file) => {
  await ready;
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    renderReport(report, validate(bytes, { path: file.name }));
  } catch (error) {
    // Only a call that cannot run throws (an input above maxBytes, ...); problems in the data
    // are in the report.
    report.textContent = error instanceof OcpiError ? `${error.code}: ${error.message}` : String(error);
  }
});
