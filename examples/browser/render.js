// Shows a validation report as a list. Everything from the data is set as text, never as HTML.

/** Renders `report` (the result of validate) into `target`. */
export function renderReport(target, report) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const d of report.diagnostics) counts[d.severity] += 1;
  const summary = document.createElement("p");
  summary.className = "summary";
  summary.textContent =
    `${report.path}: ${report.kind ?? "unrecognised document"}` +
    (report.version ? `, OCPI ${report.version}` : "") +
    ` — ${report.items} items read, ${report.items_ok} without errors; ` +
    `${counts.error} errors, ${counts.warning} warnings, ${counts.info} infos`;
  const list = document.createElement("ol");
  for (const d of report.diagnostics) {
    const item = document.createElement("li");
    item.className = d.severity;
    item.textContent = `${d.severity}[${d.code}] line ${d.line}, column ${d.column} at ${d.pointer || "/"}: ${d.message} (${d.spec})`;
    list.append(item);
  }
  target.replaceChildren(summary, list);
}

/** Calls `onFile` with each file dropped on `zone` or chosen with `input`. */
export function onFiles(zone, input, onFile) {
  zone.addEventListener("dragover", (event) => event.preventDefault());
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    for (const file of event.dataTransfer.files) onFile(file);
  });
  input.addEventListener("change", () => {
    for (const file of input.files) onFile(file);
  });
}
