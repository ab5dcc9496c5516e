// End-to-end tests of the charging map and the validator page in headless Chromium
// (playwright-core driving Debian's /usr/bin/chromium; no browser download).
//
// The app is built by scripts/build-app.mjs, the demo data by `ocpi-feed-gen demo` and the CLI
// by cargo when they are missing. The map and the validator are served by the real
// `ocpi-open-data serve --static target/app-dist <demo data>` on a free port, and the map reads
// the demo feed from `/ocpi/versions` of its own origin (all three versions). A small static
// file server serves the app and script payload files for the XSS test; paging (Link,
// X-Total-Count) and errors are exercised with recorded HTTP responses (page.route).
// Screenshots go to target/screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import os from "node:os";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = path.join(root, "target", "app-dist");
const DEMO = path.join(root, "target", "demo-data");
const SHOTS = path.join(root, "target", "screenshots");
const XSS_DIR = path.join(root, "target", "e2e-xss");
const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css",
  ".wasm": "application/wasm", ".json": "application/json", ".geojson": "application/geo+json", ".png": "image/png" };

function serveStatic() {
  const mounts = [["/demo/", DEMO], ["/xss/", XSS_DIR], ["/", DIST]];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    for (const [prefix, dir] of mounts) {
      if (!url.pathname.startsWith(prefix)) continue;
      const rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
      const file = path.join(dir, rel);
      if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) break;
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      fs.createReadStream(file).pipe(res);
      return;
    }
    res.writeHead(404).end("not found");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed`);
}

/** A document whose every shown string is a script or HTML payload. */
function xssFeed() {
  const p = (f) => `<img src=x onerror="window.__xss='${f}'"><script>window.__xss='${f}'</script>`;
  const location = {
    country_code: "NL", party_id: "XSS", id: "XSS-1", publish: true,
    name: p("name"), address: p("address"), city: p("city"), postal_code: p("postal"), country: "NLD",
    coordinates: { latitude: "52.370000", longitude: "4.890000" }, time_zone: "Europe/Amsterdam",
    operator: { name: p("operator"), website: "javascript:window.__xss='website'" },
    directions: [{ language: "en", text: p("directions") }],
    facilities: [p("facility")],
    evses: [{
      uid: p("uid"), evse_id: p("evse_id"), status: "AVAILABLE", physical_reference: p("ref"), floor_level: p("floor"),
      capabilities: ["CREDIT_CARD_PAYABLE"],
      connectors: [{ id: "1", standard: p("standard"), format: "CABLE", power_type: "DC", max_voltage: 500,
        max_amperage: 125, max_electric_power: 50000, tariff_ids: ["XSS-T"], last_updated: "2025-01-01T00:00:00Z" }],
      last_updated: "2025-01-01T00:00:00Z",
    }],
    last_updated: "2025-01-01T00:00:00Z",
  };
  const tariff = {
    country_code: "NL", party_id: "XSS", id: "XSS-T", currency: "EUR", type: "AD_HOC_PAYMENT",
    tariff_alt_text: [{ language: "en", text: p("alt_text") }],
    tariff_alt_url: "javascript:window.__xss='alt_url'",
    elements: [{ price_components: [{ type: "ENERGY", price: 0.5, vat: 21, step_size: 1 }] }],
    last_updated: "2025-01-01T00:00:00Z",
  };
  return { location, tariff };
}

let server, base, browser, manifest, api, serveProcess;

/** The CLI binary: the release build when there is one, else a debug build. */
function cliBinary() {
  const release = path.join(root, "target", "release", "ocpi-open-data");
  if (fs.existsSync(release)) return release;
  const debug = path.join(root, "target", "debug", "ocpi-open-data");
  if (!fs.existsSync(debug)) sh("cargo", ["build", "--locked", "--bin", "ocpi-open-data"]);
  return debug;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts `ocpi-open-data serve` on the demo data and the built app; resolves to its origin. */
async function startServe() {
  const { demoFeeds } = await import("../../scripts/start.mjs");
  const port = await freePort();
  serveProcess = spawn(cliBinary(), ["serve", "--addr", `127.0.0.1:${port}`, "--static", DIST, ...demoFeeds(DEMO)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 60_000);
    serveProcess.stdout.on("data", (d) => {
      out += d;
      if (out.includes("serving http://")) { clearTimeout(timer); resolve(); }
    });
    serveProcess.stderr.on("data", (d) => { out += d; });
    serveProcess.on("exit", (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}):\n${out}`)); });
  });
  return `http://127.0.0.1:${port}`;
}

before(async () => {
  if (!fs.existsSync("/usr/bin/chromium")) {
    throw new Error("Chromium is missing: apt-get update && apt-get install -y chromium");
  }
  if (!fs.existsSync(path.join(DIST, "pkg", "www_bg.wasm"))) sh(process.execPath, ["scripts/build-app.mjs"]);
  if (!fs.existsSync(path.join(DEMO, "manifest.json"))) {
    sh("cargo", ["run", "--release", "-p", "ocpi-feed-gen", "--", "demo", "--land",
      path.join(DIST, "basemap", "land-50m.geojson"), "--out-dir", DEMO]);
  }
  manifest = JSON.parse(fs.readFileSync(path.join(DEMO, "manifest.json"), "utf8"));
  fs.mkdirSync(XSS_DIR, { recursive: true });
  const { location, tariff } = xssFeed();
  fs.writeFileSync(path.join(XSS_DIR, "locations.json"), JSON.stringify([location], null, 1));
  fs.writeFileSync(path.join(XSS_DIR, "tariffs.json"), JSON.stringify([tariff], null, 1));
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic();
  base = `http://127.0.0.1:${server.address().port}`;
  api = await startServe();
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  serveProcess?.kill("SIGTERM");
});

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("dialog", (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return page;
}

/** Map URL on the real server: the map reads `/ocpi/versions` of its own origin. */
function demoMapUrl(extra = "") {
  return `${api}/index.html?tiles=none${extra}`;
}

async function shownCount(page) {
  const text = await page.locator(".filters .count").textContent();
  const m = text.match(/^(\d+) of (\d+) locations$/);
  assert.ok(m, `count text: ${text}`);
  return { shown: Number(m[1]), total: Number(m[2]) };
}

async function waitLoaded(page, total) {
  await page.waitForFunction((n) => {
    const el = document.querySelector(".filters .count");
    return el && el.textContent === `${n} of ${n} locations`;
  }, total, { timeout: 120_000 });
}

function publicInCity(city) {
  let n = 0;
  for (const o of manifest.operators) {
    const doc = JSON.parse(fs.readFileSync(path.join(DEMO, o.locations_file), "utf8"));
    const items = Array.isArray(doc) ? doc : doc.data ?? doc.content;
    n += items.filter((l) => l.publish !== false && String(l.city).toLowerCase() === city.toLowerCase()).length;
  }
  return n;
}

const zoomOf = (page) => Number(new URL(page.url()).searchParams.get("at")?.split(",")[2]);

describe("validator page", () => {
  test("finds a known error at its line, shows it in the source, makes no request", async () => {
    const page = await newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${api}/validator.html`);
    await page.locator("#paste").waitFor();
    const loaded = requests.length;
    assert.ok(requests.every((u) => u.startsWith(api)), `only own assets: ${requests}`);
    const doc = [
      "[{",
      '  "country_code": "NL", "party_id": "ABC", "id": "L1", "publish": true,',
      '  "address": "Kerkstraat 1", "city": "Utrecht", "country": "NLD",',
      '  "coordinates": {',
      '    "latitude": "52,0907",',
      '    "longitude": "5.121400"',
      "  },",
      '  "time_zone": "Europe/Amsterdam",',
      '  "evses": [{"uid": "1", "status": "AVAILABLE", "connectors": [{"id": "1",',
      '    "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",',
      '    "max_voltage": 230, "max_amperage": 32, "tariff_ids": [], "last_updated": "2025-01-01T00:00:00Z"}],',
      '    "last_updated": "2025-01-01T00:00:00Z"}]',
      "}]",
    ].join("\n");
    await page.locator("#paste").fill(doc);
    await page.getByRole("button", { name: "Validate pasted text" }).click();
    await page.locator(".file-summary").waitFor();
    assert.match(await page.locator(".file-summary").textContent(), /pasted\.json: location, OCPI 2\.2\.1/);
    // A latitude with a decimal comma: an error at its value, line 5 column 17.
    const invalid = page.locator('.diag[data-code="coordinate-invalid"]');
    await invalid.waitFor();
    assert.equal(await invalid.getAttribute("data-line"), "5");
    assert.match(await invalid.locator(".place").textContent(), /^pasted\.json:5:17$/);
    assert.match(await invalid.locator(".sev").textContent(), /error/);
    // And the missing last_updated at the object (line 1).
    assert.equal(await page.locator('.diag[data-code="field-missing"]').getAttribute("data-line"), "1");
    await invalid.click();
    await page.locator(".src-line.hl").waitFor();
    assert.equal(await page.locator(".src-line.hl").getAttribute("data-line"), "5");
    assert.equal(await page.locator(".src-line.hl mark").textContent(), '"52,0907"');
    assert.match(await page.locator("#src-h").textContent(), /pasted\.json, line 5, column 17/);
    assert.ok(await page.locator(".src-line.hl").isVisible());
    // Filter by text narrows the list.
    await page.locator("#diag-text").fill("last_updated");
    await page.waitForFunction(() => document.querySelectorAll(".diag").length === 1);
    assert.match(await page.locator(".diag .msg").textContent(), /last_updated/);
    await page.locator("#diag-text").fill("");
    // Tabs.
    await page.getByRole("tab", { name: "Normalized data" }).click();
    assert.match(await page.locator(".normalized").textContent(), /"locations"/);
    await page.getByRole("tab", { name: "Diagnostics" }).click();
    await page.screenshot({ path: path.join(SHOTS, "validator.png"), fullPage: true });
    // The AFIR view of the location read: its requirement list, with statuses and reasons.
    await page.getByRole("tab", { name: "AFIR" }).click();
    assert.match(await page.locator(".regulation-summary").textContent(), /AFIR: 1 published locations of 1 read/);
    const afir = page.locator('.regulation-locations details[data-regulation="AFIR"]');
    await afir.locator("summary").click();
    assert.ok(await afir.locator(".req").count() > 3);
    assert.match(await afir.locator(".requirements").textContent(), /✓ pass|✕ fail|✕ missing/);
    await page.screenshot({ path: path.join(SHOTS, "validator-afir.png"), fullPage: true });
    await page.getByRole("tab", { name: "UK" }).click();
    assert.match(await page.locator(".regulation-summary").textContent(), /UK PCPR: 1 published locations/);
    assert.equal(requests.length, loaded, `no request after load, got ${requests.slice(loaded)}`);
    await page.context().close();
  });

  test("reads picked files, reports the version detected from the shape, downloads a JSON report", async () => {
    const page = await newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${api}/validator.html`);
    await page.locator("#file-pick").waitFor({ state: "attached" });
    const loaded = requests.length;
    const sample = path.resolve(root, "..", "shared", "fixtures", "real-world-samples", "ocpi_2_2_locations-zepto.json");
    await page.locator("#file-pick").setInputFiles(sample);
    await page.locator(".file-summary").waitFor();
    const summary = await page.locator(".file-summary").textContent();
    assert.match(summary, /ocpi_2_2_locations-zepto\.json: location, OCPI 2\.2\.1/);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download report (JSON)" }).click();
    const file = await (await download).path();
    const report = JSON.parse(fs.readFileSync(file, "utf8"));
    assert.equal(report.files[0].path, "ocpi_2_2_locations-zepto.json");
    assert.equal(report.files[0].version, "2.2.1");
    assert.ok(report.files[0].diagnostics.some((d) => d.code === "field-other-version" && d.line > 0));
    const external = requests.slice(loaded).filter((u) => !u.startsWith("blob:"));
    assert.deepEqual(external, [], "no network request");
    await page.context().close();
  });

  test("script and HTML in every field stay text", async () => {
    const page = await newPage();
    await page.goto(`${api}/validator.html`);
    const { location, tariff } = xssFeed();
    await page.locator("#paste").fill(JSON.stringify([location], null, 1));
    await page.getByRole("button", { name: "Validate pasted text" }).click();
    await page.locator(".diag").first().waitFor();
    await page.getByRole("tab", { name: "Normalized data" }).click();
    assert.match(await page.locator(".normalized").textContent(), /<script>window.__xss='name'<\/script>/);
    await page.locator("#paste").fill(JSON.stringify([tariff], null, 1));
    await page.getByRole("button", { name: "Validate pasted text" }).click();
    await page.getByRole("tab", { name: "Diagnostics" }).click();
    await page.locator("#sev-info").check();
    await page.locator(".diag").first().click();
    await page.locator(".src-line").first().waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await page.locator("main img, main script").count(), 0);
    await page.context().close();
  });
});

describe("map page", () => {
  test("shows every public demo location and filters change what is shown", async () => {
    const page = await newPage();
    await page.goto(demoMapUrl());
    await waitLoaded(page, manifest.public_locations);
    const { total } = await shownCount(page);
    assert.equal(total, manifest.public_locations);
    await page.locator(".mk").first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SHOTS, "map-europe.png") });

    await page.locator("#cur-dc").check();
    const dc = (await shownCount(page)).shown;
    assert.ok(dc > 0 && dc < total, `DC ${dc} of ${total}`);
    assert.match(page.url(), /current=dc/);
    await page.locator("#plug-chademo").check();
    const chademo = (await shownCount(page)).shown;
    assert.ok(chademo > 0 && chademo < dc, `CHAdeMO ${chademo} < DC ${dc}`);
    await page.locator("#available-now").check();
    const chademoFree = (await shownCount(page)).shown;
    assert.ok(chademoFree < chademo, `available ${chademoFree} < ${chademo}`);
    await page.getByRole("button", { name: "Clear filters" }).click();
    assert.equal((await shownCount(page)).shown, total);

    const utrecht = publicInCity("Utrecht");
    await page.locator("#search").fill("utrecht");
    await page.waitForFunction((n) => document.querySelector(".filters .count").textContent.startsWith(`${n} of`), utrecht);
    assert.equal((await shownCount(page)).shown, utrecht);
    await page.locator("#search").fill("");

    // The view lives in the URL: reloading it restores the filter.
    await page.locator("#accessible").check();
    const accessible = (await shownCount(page)).shown;
    assert.ok(accessible > 0 && accessible < total);
    await page.goto(page.url());
    await page.waitForFunction((n) => /^\d+ of (\d+)/.exec(document.querySelector(".filters .count")?.textContent ?? "")?.[1] == n, total, { timeout: 120_000 });
    assert.equal(await page.locator("#accessible").isChecked(), true);
    assert.equal((await shownCount(page)).shown, accessible);
    await page.context().close();
  });

  test("a cluster click zooms in to its extent", async () => {
    const page = await newPage();
    await page.goto(demoMapUrl("&at=50.5,8.0,4"));
    await waitLoaded(page, manifest.public_locations);
    await page.locator(".mk-cluster").first().waitFor();
    const before = zoomOf(page);
    const sizes = await page.locator(".mk-cluster .mk-main").allTextContents();
    const biggest = sizes.map(Number).indexOf(Math.max(...sizes.map(Number)));
    await page.locator(".mk-cluster").nth(biggest).click();
    await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get("at")?.split(",")[2]) > z, before);
    assert.ok(zoomOf(page) > before);
    await page.context().close();
  });

  test("the list of locations in view works by keyboard and opens the panel", async () => {
    const page = await newPage();
    await page.goto(demoMapUrl("&at=52.3676,4.9041,12"));
    await waitLoaded(page, manifest.public_locations);
    const first = page.locator(".loc-item").first();
    await first.waitFor();
    const listed = await page.locator(".loc-item").count();
    assert.ok(listed > 1);
    await first.focus();
    await page.keyboard.press("ArrowDown");
    const focused = await page.evaluate(() => document.activeElement?.dataset.entry);
    assert.equal(focused, await page.locator(".loc-item").nth(1).getAttribute("data-entry"));
    await page.keyboard.press("Enter");
    await page.locator(".panel").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "panel-h");
    assert.match(await page.locator(".panel").textContent(), /Charge points \(\d+\)/);
    assert.match(await page.locator(".estimate").textContent(), /Price estimate/);
    assert.match(await page.locator(".badges").textContent(), /AFIR/);
    assert.match(page.url(), /loc=/);
    await page.screenshot({ path: path.join(SHOTS, "map-panel.png") });
    await page.keyboard.press("Escape");
    await page.locator(".panel").waitFor({ state: "detached" });
    await page.context().close();
  });

  test("the panel prices a session as `ocpi-open-data price` does and shows the AFIR and UK badges", async () => {
    // A published location with a time zone whose connectors name a tariff of its operator.
    // Preferably one whose tariffs change with the time of day, so that the start time counts.
    let pick;
    const timed = (t) => (t.elements ?? []).some((e) => e.restrictions?.start_time);
    for (const wantTimed of [true, false]) for (const o of manifest.operators.filter((o) => o.tariffs_file)) {
      if (pick) break;
      const items = (f) => { const d = JSON.parse(fs.readFileSync(path.join(DEMO, f), "utf8")); return Array.isArray(d) ? d : d.data ?? d.content; };
      const tariffs = items(o.tariffs_file);
      for (const l of items(o.locations_file)) {
        if (l.publish === false || !/^[A-Z][a-z]+\/[A-Za-z_]+$/.test(l.time_zone ?? "") || !l.country_code) continue;
        const ids = (l.evses ?? []).flatMap((e) => (e.connectors ?? []).flatMap((c) => c.tariff_ids ?? (c.tariff_id ? [c.tariff_id] : [])));
        if (ids.length && ids.every((id) => tariffs.some((t) => t.id === id && t.currency))
          && (!wantTimed || tariffs.some((t) => ids.includes(t.id) && timed(t)))) { pick = { l, tariffs }; break; }
      }
    }
    assert.ok(pick, "a demo location with a tariff");
    const { l, tariffs } = pick;
    const page = await newPage();
    await page.goto(demoMapUrl(`&loc=${encodeURIComponent(`${l.country_code}*${l.party_id}*${l.id}`)}`));
    await waitLoaded(page, manifest.public_locations);
    await page.locator(".panel .estimate").waitFor({ timeout: 120_000 });
    await page.locator("#est-start").fill("2026-01-13T10:00");
    await page.locator("#est-kwh").fill("30");
    await page.waitForTimeout(500);
    assert.equal(await page.locator("#est-start").inputValue(), "2026-01-13T10:00", "the session set stays set");
    const zone = (await page.locator('label[for="est-start"]').textContent()).match(/\((.+)\)/)[1];
    const kw = Number((await page.locator(".estimate .hint").first().textContent()).match(/at ([\d.]+) kW/)[1]);
    const tariffId = (await page.locator("#tariff-h").textContent()).match(/\(([^()]+)\)$/)[1];
    const shown = await page.locator(".estimate-total").textContent();
    // The same session priced by the CLI on the same tariff.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ocpi-e2e-"));
    fs.writeFileSync(path.join(tmp, "tariffs.json"), JSON.stringify(tariffs.filter((t) => t.id === tariffId)));
    const secs = Math.ceil((30 / kw) * 3600);
    const end = new Date(Date.UTC(2026, 0, 13, 10, 0, 0) + secs * 1000).toISOString().slice(0, 19);
    fs.writeFileSync(path.join(tmp, "session.json"), JSON.stringify({
      start_date_time: "2026-01-13T10:00:00", end_date_time: end, timezone: zone, energy_kwh: 30, max_power_kw: kw }));
    const cli = spawnSync(cliBinary(), ["price", "--tariff", path.join(tmp, "tariffs.json"), "--session",
      path.join(tmp, "session.json"), "--timezone", zone, "--format", "json"], { encoding: "utf8" });
    assert.ok(cli.status === 0, cli.stderr + cli.stdout);
    const priced = JSON.parse(cli.stdout);
    const total = Number(priced.total.after_tax ?? priced.total.before_tax);
    const shownAmount = Number(shown.match(/\d+\.\d+/)?.[0]);
    assert.ok(total > 0, `a real price: ${cli.stdout}`);
    assert.ok(Math.abs(shownAmount - total) < 0.00005, `panel ${shown} = CLI ${total}`);
    // The ad hoc prices in the AFIR order, and the badges that open into the requirement list.
    assert.match(await page.locator(".tariff .ad-hoc").textContent(), /per kWh|per minute|per session/);
    const afir = page.locator('.panel details[data-regulation="AFIR"]');
    assert.match(await afir.locator("summary").textContent(), /^AFIR: /);
    await afir.locator("summary").click();
    assert.ok(await afir.locator(".req").count() > 3);
    assert.match(await afir.locator(".req-reason").first().textContent(), /\w/);
    assert.match(await page.locator('.panel details[data-regulation="UK PCPR"] summary').textContent(), /^UK PCPR: /);
    await page.screenshot({ path: path.join(SHOTS, "map-panel-badges.png") });
    await page.locator(".panel").screenshot({ path: path.join(SHOTS, "panel-badges-expanded.png") });
    await page.locator(".panel .tariff").scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, "map-panel-estimate.png") });
    fs.rmSync(tmp, { recursive: true, force: true });
    await page.context().close();
  });

  test("data from the feed stays text in markers, list and panel", async () => {
    const page = await newPage();
    await page.goto(`${base}/index.html?feed=/xss/locations.json&feed=/xss/tariffs.json&tiles=none&at=52.37,4.89,14`);
    await page.waitForFunction(() => document.querySelector(".filters .count")?.textContent === "1 of 1 locations", null, { timeout: 30_000 });
    await page.locator(".loc-item").first().click();
    await page.locator(".panel").waitFor();
    const panel = await page.locator(".panel").textContent();
    for (const f of ["name", "address", "city", "operator", "directions", "alt_text", "evse_id"]) {
      assert.ok(panel.includes(`<script>window.__xss='${f}'</script>`), `${f} shown as text`);
    }
    assert.equal(await page.locator(".panel img, .panel script, .location-list img").count(), 0);
    assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    await page.context().close();
  });

  test("paging with Link and X-Total-Count, an error with retry that keeps what loaded", async () => {
    const page = await newPage();
    const op = manifest.operators.find((o) => o.shape === "envelope" && o.version === "2.2.1");
    const items = JSON.parse(fs.readFileSync(path.join(DEMO, op.locations_file), "utf8")).data;
    const pages = [];
    for (let i = 0; i < items.length; i += 20) pages.push(items.slice(i, i + 20));
    const env = (data) => JSON.stringify({ data, status_code: 1000, timestamp: "2026-01-15T00:00:00Z" });
    let failOnce = true;
    let busyOnce = true;
    const refreshes = [];
    // What changed since the last sync: the first 20 locations, every EVSE now out of order.
    const changed = pages[0].map((l) => ({ ...l, evses: (l.evses ?? []).map((e) => ({ ...e, status: "OUTOFORDER" })) }));
    await page.route("**/mock/**", (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.has("date_from")) {
        refreshes.push(url.searchParams.get("date_from"));
        return route.fulfill({ status: 200, contentType: "application/json", body: env(changed),
          headers: { "X-Total-Count": String(changed.length) } });
      }
      const json = (body, headers = {}) => route.fulfill({ status: 200, contentType: "application/json", headers, body });
      if (url.pathname.endsWith("/versions")) return json(env([{ version: "2.2.1", url: `${url.origin}/mock/2.2.1` }]));
      if (url.pathname.endsWith("/2.2.1")) {
        return json(JSON.stringify({ data: { version: "2.2.1", endpoints: [
          { identifier: "locations", role: "SENDER", url: `${url.origin}/mock/2.2.1/locations` },
          { identifier: "tariffs", role: "SENDER", url: `${url.origin}/mock/2.2.1/tariffs` }] }, status_code: 1000 }));
      }
      if (url.pathname.endsWith("/tariffs")) return json(env([]), { "X-Total-Count": "0" });
      const n = Number(url.searchParams.get("offset") ?? "0") / 20;
      if (n === 1 && failOnce) {
        // Not worth retrying by itself: the page fails, what loaded is kept, the user retries.
        failOnce = false;
        return route.fulfill({ status: 404, body: "gone" });
      }
      if (n === 2 && busyOnce) {
        // Worth retrying: the client asks again after a backoff.
        busyOnce = false;
        return route.fulfill({ status: 503, body: "busy" });
      }
      const headers = { "X-Total-Count": String(items.length), "X-Limit": "20" };
      if (n + 1 < pages.length) headers.Link = `<${url.origin}/mock/2.2.1/locations?offset=${(n + 1) * 20}&limit=20>; rel="next"`;
      return json(env(pages[n]), headers);
    });
    await page.goto(`${base}/index.html?feed=${encodeURIComponent(`${base}/mock/versions`)}&tiles=none&refresh=5`);
    await page.locator(".feed-error").waitFor({ timeout: 30_000 });
    assert.match(await page.locator(".feed-error").textContent(), /HTTP 404/);
    assert.match(await page.locator(".feed-progress").textContent(), /page 1, 20 of \d+ items/);
    const publicOf = (list) => list.filter((l) => l.publish !== false).length;
    await page.waitForFunction((n) => document.querySelector(".filters .count")?.textContent.endsWith(`of ${n} locations`), publicOf(pages[0]));
    await page.screenshot({ path: path.join(SHOTS, "map-feed-error.png") });
    await page.getByRole("button", { name: "Retry" }).click();
    await page.waitForFunction((n) => document.querySelector(".filters .count")?.textContent.endsWith(`of ${n} locations`), publicOf(items), { timeout: 30_000 });
    assert.equal(await page.locator(".feed-error").count(), 0);
    // Availability refreshes through date_from: the changed locations are no longer available.
    await page.locator("#available-now").check();
    const availableBefore = (await shownCount(page)).shown;
    await page.waitForFunction((n) => Number(document.querySelector(".filters .count")?.textContent.split(" ")[0]) < n,
      availableBefore, { timeout: 30_000 });
    assert.ok(refreshes.length >= 1);
    assert.match(refreshes[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal((await shownCount(page)).total, publicOf(items), "replaced, not added");
    await page.context().close();
  });

  test("phone width", async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(demoMapUrl("&at=48.8566,2.3522,11"));
    await waitLoaded(page, manifest.public_locations);
    await page.locator(".mk").first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, "map-phone.png") });
    await page.getByRole("button", { name: "Show list" }).click();
    await page.locator(".loc-item").first().click();
    await page.locator(".panel").waitFor();
    await page.screenshot({ path: path.join(SHOTS, "map-phone-panel.png") });
    const validator = await newPage({ width: 390, height: 844 });
    await validator.goto(`${api}/validator.html`);
    await validator.locator("#paste").waitFor();
    await validator.screenshot({ path: path.join(SHOTS, "validator-phone.png") });
    await page.context().close();
    await validator.context().close();
  });
});
