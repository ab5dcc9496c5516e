// The TypeScript declarations of the installed package: a consumer type-checks, a wrong use does
// not, and the package's real outputs for every test document satisfy the declared types.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { normalize, validate, validateFeed } from "ocpi-open-data";

const here = dirname(fileURLToPath(import.meta.url));
const tsc = join(process.env.OCPI_REPO, "node_modules", "typescript", "bin", "tsc");
const data = JSON.parse(readFileSync(join(here, "expected.json"), "utf8"));

/** Type-checks `files` with the settings of tsconfig.json; returns tsc's status and output. */
function typeCheck(name, files) {
  const config = join(here, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", files }));
  const result = spawnSync(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: here, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test("a consumer that uses every export type-checks", () => {
  const { status, output } = typeCheck("consumer", ["consumer.ts"]);
  assert.equal(status, 0, output);
});

test("a wrong use fails to type-check: the types are not any", () => {
  const { status, output } = typeCheck("negative", ["negative.ts"]);
  assert.notEqual(status, 0);
  assert.equal(
    output.trim(),
    "negative.ts(5,7): error TS2322: Type 'number' is not assignable to type 'string'.",
  );
});

/** A TypeScript module that declares each output with the type the declarations give it. */
function outputsModule(outputs) {
  const lines = ['import type { FileReport, FeedReport, Feed } from "ocpi-open-data";'];
  outputs.forEach(([type, value], i) => lines.push(`export const output${i}: ${type} = ${JSON.stringify(value)};`));
  return `${lines.join("\n")}\n`;
}

function realOutputs() {
  const outputs = [];
  for (const doc of data.documents) {
    outputs.push(["FileReport", validate(doc.text, { path: doc.path })]);
    outputs.push(["Feed", normalize(doc.text, { path: doc.path })]);
  }
  for (const m of data.made) {
    outputs.push(["FileReport", validate(m.text, { path: m.path, ...m.options })]);
    outputs.push(["Feed", normalize(m.text, { path: m.path, ...m.options })]);
  }
  const files = data.feed.files.map((f) => ({ path: f.path, input: f.text }));
  outputs.push(["FeedReport", validateFeed(files)]);
  outputs.push(["Feed", normalize(files)]);
  return outputs;
}

test("the package's outputs for every test document have the declared types", () => {
  const outputs = realOutputs();
  assert.ok(outputs.length > 250, `${outputs.length} outputs`);
  writeFileSync(join(here, "outputs.ts"), outputsModule(outputs));
  const { status, output } = typeCheck("outputs", ["outputs.ts"]);
  assert.equal(status, 0, output.slice(0, 4000));
});

test("the full entry's outputs for the test inputs have the declared types", async () => {
  const full = await import("ocpi-open-data/full");
  const { views, price, totp } = data.full;
  const files = (list) => list.map((f) => ({ path: f.path, input: f.text }));
  const options = { asOf: "2025-06-01", tariffs: files(views.tariffs) };
  const outputs = [
    ["RegulationReport", full.afir(files(views.locations), options)],
    ["RegulationReport", full.uk(files(views.locations), options)],
    ["SessionPrice | PriceErrorDocument", full.price({ tariff: price.complexTariff, session: price.session })],
    ["SessionPrice | PriceErrorDocument", full.price({ tariff: price.cdrTariff, cdr: price.cdr })],
    ["SessionPrice | PriceErrorDocument", full.price({ tariff: price.session, session: price.session })],
    ["Explanation", full.explainTariffParts(price.complexTariff)],
    ["TotpTokens", new full.Totp(totp.config).tokens(totp.at[0].at)],
  ];
  const lines = ['import type { RegulationReport, SessionPrice, PriceErrorDocument, Explanation, TotpTokens } from "ocpi-open-data/full";'];
  outputs.forEach(([type, value], i) => lines.push(`export const output${i}: ${type} = ${JSON.stringify(value)};`));
  writeFileSync(join(here, "outputs-full.ts"), `${lines.join("\n")}\n`);
  const { status, output } = typeCheck("outputs-full", ["outputs-full.ts"]);
  assert.equal(status, 0, output.slice(0, 4000));
});

test("an output that differs from the declarations fails to type-check", () => {
  const report = validate(data.feed.files[3].text, { path: data.feed.files[3].path });
  report.diagnostics[0].code = "no-such-code";
  const feed = normalize(data.feed.files[0].text);
  feed.locations[0].evses[0].connectors[0].max_power = 22000;
  writeFileSync(join(here, "outputs-altered.ts"), outputsModule([["FileReport", report], ["Feed", feed]]));
  const { status, output } = typeCheck("altered", ["outputs-altered.ts"]);
  assert.notEqual(status, 0);
  assert.match(output, /outputs-altered\.ts\(2,[0-9]+\): error TS2322: Type '"no-such-code"' is not assignable to type 'DiagnosticCode'/);
  assert.match(output, /outputs-altered\.ts\(3,[0-9]+\): error TS2353: Object literal may only specify known properties, and '"?max_power"?' does not exist in type 'Connector'/);
});
