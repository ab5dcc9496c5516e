#!/usr/bin/env node
// Validates OCPI files with the npm package and prints what is wrong, like the CLI's text output
// in short. Usage (after `npm run build`): node examples/node/validate.mjs FILE...
// In an application, import from "ocpi-open-data"; Node needs no init() call.
import { readFileSync } from "node:fs";
import { validateFeed } from "../../pkg/node.js";

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error("usage: node examples/node/validate.mjs FILE...");
  process.exit(2);
}
// Several files are one feed: ids must be unique across them, tariff references must resolve.
const { files, summary } = validateFeed(paths.map((path) => ({ path, input: readFileSync(path) })));
for (const file of files) {
  for (const d of file.diagnostics) {
    console.log(`${file.path}:${d.line}:${d.column}: ${d.severity}[${d.code}] ${d.message}`);
  }
  console.log(`${file.path}: ${file.kind ?? "unrecognised document"}${file.version ? `, OCPI ${file.version}` : ""}, ${file.items} items, ${file.items_ok} without errors`);
}
console.log(`${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`);
process.exit(summary.errors > 0 ? 1 : 0);
