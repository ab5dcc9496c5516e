// The package in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): the
// cases of cases.mjs on a page and in a Web Worker, both under the strict Content-Security-Policy
// `script-src 'self' 'wasm-unsafe-eval'`, served by a small static server from the package
// installed from its tarball; and the examples in examples/browser.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { cases } from "./cases.mjs";
import { fullCases } from "./full-cases.mjs";
import { serve } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = process.env.OCPI_REPO;
const fixtures = process.env.OCPI_FIXTURES;
const installed = join(here, "node_modules", "ocpi-open-data");
const { chromium } = await import(pathToFileURL(join(repo, "node_modules", "playwright-core", "index.mjs")).href);

const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'";
/** The page's entry of the package: what the exports map gives browsers. */
const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
const entry = `/node_modules/ocpi-open-data/${manifest.exports["."].browser.replace(/^\.\//, "")}`;

let server;
let browser;

before(async () => {
  server = await serve(
    {
      "/": here,
      "/examples/": join(repo, "examples"),
      // The examples import the package from ../../pkg/, as in the repository after a build.
      "/pkg/": installed,
      "/fixtures/": fixtures,
    },
    // Every response carries the strict policy (documents and worker scripts take theirs from
    // their own response), unless a page asks for one without 'wasm-unsafe-eval'.
    (url) => (url.searchParams.get("csp") === "no-wasm" ? "script-src 'self'" : STRICT_CSP),
  );
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path`, checks the CSP header it was served with, and returns `window.testResults`. */
async function open(path, expectedCsp = STRICT_CSP) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  const response = await page.goto(`${server.url}${path}`);
  assert.equal(response.headers()["content-security-policy"], expectedCsp);
  const results = await page.evaluate(() => window.testResults);
  await page.close();
  return { results, problems };
}

const query = `entry=${encodeURIComponent(entry)}&expected=/expected.json`;

async function runAll(t, outcome) {
  assert.equal(outcome.results.results.length, cases.length + 1, "a case did not run");
  for (const result of outcome.results.results) {
    await t.test(result.name, () => {
      if (!result.ok) throw new Error(result.error);
    });
  }
  assert.deepEqual(outcome.problems, []);
}

test("Chromium: every case on a page under a strict CSP", async (t) => {
  const outcome = await open(`/browser/page.html?${query}`);
  assert.equal(outcome.results.evalBlocked, true, "the CSP is not enforced: eval ran");
  await runAll(t, outcome);
});

test("Chromium: every case in a module Web Worker under a strict CSP", async (t) => {
  const outcome = await open(`/browser/worker.html?${query}`);
  assert.equal(outcome.results.inWorker, true);
  assert.equal(outcome.results.evalBlocked, true, "the CSP is not enforced in the worker: eval ran");
  await runAll(t, outcome);
});

test("Chromium: without 'wasm-unsafe-eval' init() rejects (so the policy above is what allows it)", async () => {
  const { results } = await open(`/browser/init-only.html?${query}&csp=no-wasm`, "script-src 'self'");
  assert.equal(results.instantiated, false);
  assert.match(results.error, /CompileError|Content Security Policy|wasm-unsafe-eval/i);
  const allowed = await open(`/browser/init-only.html?${query}`);
  assert.deepEqual(allowed.results, { instantiated: true, items: 0 });
});

/** `ocpi-open-data serve` on a free port: 10 locations in pages of 3, and a tariff. */
async function feedServer() {
  const cli = join(repo, "target", "debug", "ocpi-open-data");
  const files = ["real-world-samples/ocpi_2_2_locations-zepto.json", "ocpi-spec-examples/2.2.1/tariff_4_complex.json"];
  const child = spawn(cli, ["serve", "--addr", "127.0.0.1:0", "--page-limit", "3", "--format", "json", ...files], {
    cwd: fixtures,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  return { child, url: JSON.parse(line).versions_url };
}

for (const [where, worker] of [["on a page", "0"], ["in a module Web Worker", "1"]]) {
  test(`Chromium: the full entry ${where} (views, pricing, TOTP, the feed client) under a strict CSP`, async (t) => {
    const feed = await feedServer();
    try {
      const fullEntry = `/node_modules/ocpi-open-data/${manifest.exports["./full"].browser.replace(/^\.\//, "")}`;
      const outcome = await open(
        `/browser/full.html?entry=${encodeURIComponent(fullEntry)}&expected=/expected.json&feed=${encodeURIComponent(feed.url)}&worker=${worker}`,
      );
      assert.equal(outcome.results.inWorker, worker === "1");
      assert.equal(outcome.results.results.length, fullCases.length, "a case did not run");
      for (const result of outcome.results.results) {
        await t.test(result.name, () => {
          if (!result.ok) throw new Error(result.error);
        });
      }
      assert.deepEqual(outcome.problems, []);
    } finally {
      feed.child.kill();
    }
  });
}

/** Chooses a fixture in an example page's file input and returns the rendered report. */
async function exampleReport(path, fixture) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(`${server.url}${path}`);
  await page.setInputFiles("#file", join(fixtures, fixture));
  await page.waitForSelector("#report .summary");
  const summary = await page.textContent("#report .summary");
  const items = await page.$$eval("#report li", (lis) => lis.map((li) => [li.className, li.textContent]));
  await page.close();
  assert.deepEqual(problems, []);
  return { summary, items };
}

for (const [name, path] of [
  ["the example page", "/examples/browser/index.html"],
  ["the example page with a Web Worker", "/examples/browser/worker.html"],
]) {
  test(`Chromium: ${name} validates a chosen file`, async () => {
    const fixture = "real-world-samples/ocpi_2_2_locations-zepto.json";
    const expected = JSON.parse(readFileSync(join(here, "expected.json"), "utf8")).documents.find((d) => d.path === fixture).report;
    const { summary, items } = await exampleReport(path, fixture);
    const errors = expected.diagnostics.filter((d) => d.severity === "error").length;
    assert.match(summary, new RegExp(`^ocpi_2_2_locations-zepto\\.json: location, OCPI 2\\.2\\.1 — 10 items read, ${expected.items_ok} without errors; ${errors} errors`));
    assert.equal(items.length, expected.diagnostics.length);
    const first = expected.diagnostics[0];
    assert.deepEqual(items[0], [first.severity, `${first.severity}[${first.code}] line ${first.line}, column ${first.column} at ${first.pointer || "/"}: ${first.message} (${first.spec})`]);
  });
}
