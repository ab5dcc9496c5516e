// End-to-end tests of the charging map and the validator page in headless Chromium
// (playwright-core driving Debian's /usr/bin/chromium; no browser download).
//
// The app is built by scripts/build-app.mjs and the demo data by `ocpi-feed-gen demo` when they
// are missing. A small static file server (files only, no OCPI logic) serves target/app-dist at
// `/` and the demo files at `/demo/`; the map reads the operators' files as feeds given in the
// URL. Paging (Link, X-Total-Count) and errors are exercised with recorded HTTP responses
// (page.route). Screenshots go to target/screenshots/.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
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

let server, base, browser, manifest;

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
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function newPage(viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on("dialog", (d) => { throw new Error(`a dialog opened: ${d.message()}`); });
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return page;
}

/** Map URL that loads every demo operator's files as feeds. */
function demoMapUrl(extra = "") {
  const feeds = manifest.operators.flatMap((o) => [o.locations_file, o.tariffs_file])
    .map((f) => `feed=${encodeURIComponent(`/demo/${f}`)}`).join("&");
  return `${base}/index.html?${feeds}&tiles=none${extra}`;
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
    await page.goto(`${base}/validator.html`);
    await page.locator("#paste").waitFor();
    const loaded = requests.length;
    assert.ok(requests.every((u) => u.startsWith(base)), `only own assets: ${requests}`);
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
    await page.getByRole("tab", { name: "AFIR" }).click();
    assert.match(await page.locator(".regulation-na").textContent(), /not available in this build/);
    await page.getByRole("tab", { name: "Diagnostics" }).click();
    await page.screenshot({ path: path.join(SHOTS, "validator.png"), fullPage: true });
    assert.equal(requests.length, loaded, `no request after load, got ${requests.slice(loaded)}`);
    await page.context().close();
  });

  test("reads picked files, reports the version detected from the shape, downloads a JSON report", async () => {
    const page = await newPage();
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${base}/validator.html`);
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
    await page.goto(`${base}/validator.html`);
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
    assert.match(await page.locator(".estimate-result").textContent(), /not available in this build|tariff must be known/);
    assert.match(await page.locator(".badges").textContent(), /AFIR/);
    assert.match(page.url(), /loc=/);
    await page.screenshot({ path: path.join(SHOTS, "map-panel.png") });
    await page.keyboard.press("Escape");
    await page.locator(".panel").waitFor({ state: "detached" });
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
    const pages = [items.slice(0, 20), items.slice(20, 40), items.slice(40)];
    const env = (data) => JSON.stringify({ data, status_code: 1000, timestamp: "2026-01-15T00:00:00Z" });
    let failOnce = true;
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
      const n = Number(url.searchParams.get("page") ?? "0");
      if (n === 1 && failOnce) {
        failOnce = false;
        return route.fulfill({ status: 503, body: "busy" });
      }
      const headers = { "X-Total-Count": String(items.length), "X-Limit": "20" };
      if (n + 1 < pages.length) headers.Link = `<${url.origin}/mock/2.2.1/locations?page=${n + 1}>; rel="next"`;
      return json(env(pages[n]), headers);
    });
    await page.goto(`${base}/index.html?feed=${encodeURIComponent(`${base}/mock/versions`)}&tiles=none&refresh=5`);
    await page.locator(".feed-error").waitFor({ timeout: 30_000 });
    assert.match(await page.locator(".feed-error").textContent(), /HTTP 503/);
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
    await validator.goto(`${base}/validator.html`);
    await validator.locator("#paste").waitFor();
    await validator.screenshot({ path: path.join(SHOTS, "validator-phone.png") });
    await page.context().close();
    await validator.context().close();
  });
});
