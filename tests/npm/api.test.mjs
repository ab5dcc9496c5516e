// The package in Node, installed from its packed tarball into a scratch project (see
// scripts/test-npm.mjs): every case of cases.mjs, the exports map and the packed files.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as api from "ocpi-open-data";
import { cases } from "./cases.mjs";

const data = JSON.parse(readFileSync(new URL("./expected.json", import.meta.url), "utf8"));
const installed = dirname(fileURLToPath(import.meta.resolve("ocpi-open-data/package.json")));

for (const c of cases) {
  test(c.name, () => c.run({ api, data }));
}

test("the package exports exactly the documented functions and class", () => {
  assert.deepEqual(Object.keys(api).sort(), ["OcpiError", "init", "initSync", "normalize", "validate", "validateFeed"]);
});

test("the exports map resolves the Node entry and hides the internals", async () => {
  assert.equal(fileURLToPath(import.meta.resolve("ocpi-open-data")), join(installed, "node.js"));
  assert.ok(import.meta.resolve("ocpi-open-data/ocpi_open_data_bg.wasm").endsWith("/ocpi_open_data_bg.wasm"));
  assert.equal(createRequire(import.meta.url)("ocpi-open-data/package.json").name, "ocpi-open-data");
  for (const internal of ["ocpi-open-data/api.js", "ocpi-open-data/ocpi_open_data.js", "ocpi-open-data/node.js"]) {
    await assert.rejects(import(internal), { code: "ERR_PACKAGE_PATH_NOT_EXPORTED" }, internal);
  }
});

test("the packed package holds only what users need", () => {
  assert.deepEqual(readdirSync(installed).sort(), [
    "LICENSE",
    "README.md",
    "api.js",
    "full",
    "index.d.ts",
    "index.js",
    "node.js",
    "ocpi_open_data.js",
    "ocpi_open_data_bg.wasm",
    "package.json",
  ]);
  const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(manifest.type, "module");
  assert.equal(manifest.exports["."].types, "./index.d.ts");
  assert.equal(manifest.exports["."].browser, "./index.js");
  assert.match(manifest.version, /^\d+\.\d+\.\d+/);
  assert.match(readFileSync(join(installed, "LICENSE"), "utf8"), /GNU AFFERO GENERAL PUBLIC LICENSE/);
});

/** Runs `code` as an ES module in a fresh Node process in the scratch project. */
function freshNode(code) {
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
    cwd: dirname(fileURLToPath(import.meta.url)),
    encoding: "utf8",
  });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test("the browser entry needs init(), which accepts the bytes of the .wasm file", () => {
  const out = freshNode(`
    import { readFileSync } from "node:fs";
    const dir = new URL("${pathToFileURL(`${installed}/`).href}");
    const api = await import(new URL("index.js", dir));
    let before;
    try { api.validate("[]"); } catch (e) { before = [e.name, e.code, e instanceof api.OcpiError]; }
    await api.init(readFileSync(new URL("ocpi_open_data_bg.wasm", dir)));
    console.log(JSON.stringify({ before, items: api.validate("[1]").items }));
  `);
  assert.deepEqual(out.before, ["OcpiError", "not-initialized", true]);
  assert.equal(out.items, 0);
});

test("the Node entry works at once, without init()", () => {
  const out = freshNode(`
    import { validate } from "ocpi-open-data";
    console.log(JSON.stringify(validate('{"data": [], "status_code": 1000, "timestamp": "2024-01-01T00:00:00Z"}')));
  `);
  assert.equal(out.path, "<input>");
  assert.equal(out.items, 0);
});

test("the Node example prints the diagnostics of the files it is given", () => {
  const repo = process.env.OCPI_REPO;
  const fixtures = process.env.OCPI_FIXTURES;
  const result = spawnSync(
    process.execPath,
    [
      join(repo, "examples/node/validate.mjs"),
      join(fixtures, "ocpi-spec-examples/2.2.1/location_example.json"),
      join(fixtures, "ocpi-spec-examples/2.2.1/tariff_4_complex.json"),
    ],
    { encoding: "utf8" },
  );
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stdout, /location_example\.json:30:22: error\[tariff-reference-unresolved\]/);
  assert.match(result.stdout, /location_example\.json: location, OCPI 2\.2\.1, 1 items, 0 without errors/);
  assert.match(result.stdout, /^3 errors, 0 warnings, 6 infos$/m);
});
