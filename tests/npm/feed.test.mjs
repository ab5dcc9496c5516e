// The feed client of the full entry in Node (its fetch), against the project's own open-data
// server (`ocpi-open-data serve`) on a free port: every page read, in order, with progress events,
// the same report as the CLI's `fetch --format json`, and cancellation through an AbortSignal.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { once } from "node:events";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createInterface } from "node:readline";
import { fetchFeed, pages, OcpiError } from "ocpi-open-data/full";

const cli = join(process.env.OCPI_REPO, "target", "debug", "ocpi-open-data");
const fixtures = process.env.OCPI_FIXTURES;
const files = ["real-world-samples/ocpi_2_2_locations-zepto.json", "ocpi-spec-examples/2.2.1/tariff_4_complex.json"];
let server;
let versionsUrl;

before(async () => {
  server = spawn(cli, ["serve", "--addr", "127.0.0.1:0", "--page-limit", "3", "--format", "json", ...files], { cwd: fixtures, stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(createInterface({ input: server.stdout }), "line");
  versionsUrl = JSON.parse(line).versions_url;
});

after(() => server.kill());

test("fetchFeed reads every page of a feed and reports as the CLI's fetch", async () => {
  const events = [];
  const { report, items } = await fetchFeed(versionsUrl, { onProgress: (e) => events.push(e) });
  const cliFetch = spawnSync(cli, ["fetch", "--format", "json", versionsUrl], { encoding: "utf8" });
  assert.ok(cliFetch.status === 0 || cliFetch.status === 1, cliFetch.stderr);
  assert.deepEqual(report, JSON.parse(cliFetch.stdout));
  assert.equal(report.pages, 4);
  assert.equal(report.items, 10);
  assert.equal(items.length, 10);
  assert.deepEqual(items.map((i) => i.page), [0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
  assert.ok(items.every((i) => i.object.id === i.json.id && Array.isArray(i.diagnostics)));
  const types = events.map((e) => e.type);
  assert.equal(types[0], "discovered");
  assert.equal(types.filter((t) => t === "page").length, 4);
  const progress = events.filter((e) => e.type === "progress");
  assert.ok(progress.length >= 4);
  assert.deepEqual(progress.map((p) => p.pages), [...progress.map((p) => p.pages)].sort((a, b) => a - b));
  assert.equal(progress.at(-1).items, 10);
  const pageEvents = events.filter((e) => e.type === "page");
  assert.deepEqual(pageEvents.map((p) => p.objects.length), [3, 3, 3, 1]);
});

test("module, limit and dateFrom reach the server", async () => {
  const tariffs = await fetchFeed(versionsUrl, { module: "tariffs" });
  assert.equal(tariffs.report.module, "tariffs");
  assert.deepEqual(tariffs.items.map((i) => i.object.id), ["14"]);
  const bigger = await fetchFeed(versionsUrl, { limit: 2 });
  assert.equal(bigger.report.pages, 5);
  const later = await fetchFeed(versionsUrl, { dateFrom: new Date("2100-01-01T00:00:00Z") });
  assert.equal(later.items.length, 0);
});

test("pages() yields each page with its objects, and leaving the loop stops the fetch", async () => {
  const seen = [];
  for await (const page of pages(versionsUrl)) {
    seen.push(page.objects.map((o) => o.object.id));
  }
  assert.equal(seen.length, 4);
  assert.equal(seen.flat().length, 10);
  let first;
  for await (const page of pages(versionsUrl)) {
    first = page;
    break;
  }
  assert.equal(first.index, 0);
});

test("an AbortSignal stops the fetch and keeps what was read", async () => {
  const controller = new AbortController();
  const { report, items } = await fetchFeed(versionsUrl, {
    signal: controller.signal,
    onProgress: (e) => {
      if (e.type === "page") controller.abort();
    },
  });
  assert.ok(report.pages < 4, `${report.pages} pages after abort`);
  assert.equal(items.length, 3);
  const aborted = await fetchFeed(versionsUrl, { signal: AbortSignal.abort() });
  assert.equal(aborted.items.length, 0);
  const collected = [];
  const second = new AbortController();
  for await (const page of pages(versionsUrl, { signal: second.signal })) {
    collected.push(page);
    second.abort();
  }
  assert.equal(collected.length, 1);
});

test("token opens a protected feed; without it the report says unauthorized", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ocpi-npm-feed-"));
  writeFileSync(join(dir, "tokens.txt"), "secret-token-123\n");
  const protectedServer = spawn(cli, ["serve", "--addr", "127.0.0.1:0", "--format", "json", "--token-file", join(dir, "tokens.txt"), files[0]], {
    cwd: fixtures,
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const [line] = await once(createInterface({ input: protectedServer.stdout }), "line");
    const url = JSON.parse(line).versions_url;
    const refused = await fetchFeed(url);
    assert.equal(refused.items.length, 0);
    assert.equal(refused.report.failed_pages[0].error.code, "unauthorized");
    const opened = await fetchFeed(url, { token: "secret-token-123" });
    assert.equal(opened.items.length, 10);
    assert.deepEqual(opened.report.failed_pages, []);
  } finally {
    protectedServer.kill();
  }
});

test("bad options reject with an OcpiError", async () => {
  await assert.rejects(fetchFeed(versionsUrl, { module: "sessions" }), (e) => e instanceof OcpiError && e.code === "invalid-options");
  await assert.rejects(fetchFeed(42), (e) => e instanceof OcpiError && e.code === "invalid-input");
  await assert.rejects(fetchFeed(versionsUrl, { signal: {} }), (e) => e instanceof OcpiError && e.code === "invalid-options");
});
