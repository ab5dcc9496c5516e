// Benchmark (not a test): time to the first clustered render of 100,000 locations and the frame
// time of a pan, for the app's Rust/WASM clustering and for JS supercluster (npm) on the same
// points, in the same run, drawn through the same Leaflet code.
//
//   npm run bench:map [-- --points 100000 --runs 3]
//
// Points: deterministic, around 60 European and UK cities weighted by size (Gaussian jitter a
// few km wide), a quarter "available". Needs the app built (scripts/build-app.mjs).
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(root, "target", "app-dist");
const OUT = path.join(root, "target", "bench-map");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg("points", 100_000);
const RUNS = arg("runs", 3);

const CITIES = [
  [51.507, -0.128, 10], [53.481, -2.243, 4], [52.486, -1.89, 4], [55.864, -4.252, 3], [53.35, -6.26, 3],
  [52.52, 13.405, 8], [53.551, 9.994, 5], [48.135, 11.582, 5], [50.938, 6.96, 4], [50.111, 8.682, 4],
  [48.776, 9.183, 3], [51.228, 6.774, 3], [51.34, 12.373, 2], [52.376, 9.732, 2], [49.452, 11.077, 2],
  [52.368, 4.904, 5], [51.924, 4.478, 3], [52.071, 4.301, 3], [52.091, 5.121, 3], [51.442, 5.47, 2],
  [50.85, 4.352, 3], [51.219, 4.403, 2], [51.054, 3.717, 2], [49.612, 6.132, 1], [48.857, 2.352, 9],
  [45.764, 4.836, 3], [43.297, 5.37, 3], [43.605, 1.444, 2], [47.218, -1.554, 2], [44.838, -0.579, 2],
  [50.629, 3.057, 2], [47.377, 8.542, 2], [46.204, 6.143, 2], [48.208, 16.374, 4], [47.071, 15.44, 1],
  [41.903, 12.496, 5], [45.464, 9.19, 5], [45.07, 7.687, 2], [40.852, 14.268, 2], [44.495, 11.343, 2],
  [40.417, -3.704, 5], [41.387, 2.169, 4], [39.47, -0.376, 2], [37.389, -5.985, 2], [38.722, -9.139, 3],
  [41.158, -8.629, 2], [55.676, 12.568, 3], [59.329, 18.069, 3], [57.709, 11.975, 2], [59.914, 10.752, 3],
  [60.17, 24.938, 2], [52.23, 21.012, 3], [50.065, 19.945, 2], [50.076, 14.438, 2], [47.498, 19.04, 2],
  [53.801, -1.549, 3], [51.455, -2.588, 2], [54.978, -1.618, 2], [63.43, 10.395, 1], [60.391, 5.322, 2],
];

/** mulberry32: small, deterministic. */
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makePoints(n) {
  const r = rng(2026);
  const total = CITIES.reduce((a, c) => a + c[2], 0);
  const out = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) {
    let pick = r() * total;
    let c = CITIES[0];
    for (const city of CITIES) { pick -= city[2]; if (pick <= 0) { c = city; break; } }
    const radiusKm = 2 + c[2] * 1.5;
    const g = () => (r() + r() + r() - 1.5) * radiusKm;
    const lat = c[0] + g() / 111.32;
    const lon = c[1] + g() / (111.32 * Math.cos((lat * Math.PI) / 180));
    out[i * 3] = lon;
    out[i * 3 + 1] = lat;
    out[i * 3 + 2] = r() < 0.25 ? 1 : 0;
  }
  return out;
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm",
  ".geojson": "application/json", ".png": "image/png", ".bin": "application/octet-stream" };

function serve(points) {
  const mounts = [["/bench/", path.join(root, "scripts", "bench-map")], ["/nm/", path.join(root, "node_modules")], ["/", DIST]];
  return new Promise((resolve) => {
    const server = http.createServer((req, res) => {
      const url = new URL(req.url, "http://x");
      if (url.pathname === "/bench/points.bin") {
        res.writeHead(200, { "content-type": TYPES[".bin"] });
        return res.end(Buffer.from(points.buffer));
      }
      for (const [prefix, dir] of mounts) {
        if (!url.pathname.startsWith(prefix)) continue;
        const file = path.join(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
        if (file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
          res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
          return fs.createReadStream(file).pipe(res);
        }
      }
      res.writeHead(404).end();
    });
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

function shimUrl() {
  const snippets = path.join(DIST, "pkg", "snippets");
  for (const f of fs.readdirSync(snippets, { recursive: true })) {
    if (String(f).endsWith("leaflet-shim.js")) return `/pkg/snippets/${String(f).split(path.sep).join("/")}`;
  }
  throw new Error("the app is not built: run node scripts/build-app.mjs");
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!fs.existsSync(path.join(DIST, "pkg", "www_bg.wasm"))) throw new Error("the app is not built: run node scripts/build-app.mjs");
  const points = makePoints(N);
  const server = await serve(points);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
    args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"] });
  const results = { rust: [], js: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const impl of ["rust", "js"]) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${base}/bench/bench.html?impl=${impl}&shim=${encodeURIComponent(shimUrl())}`);
        await page.waitForFunction(() => window.__bench, null, { timeout: 300_000 });
        results[impl].push(await page.evaluate(() => window.__bench));
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const sum = (impl) => ({
    firstRender: median(results[impl].map((r) => r.firstRender)),
    panEurope: median(results[impl].map((r) => r.panEurope.median)),
    panEuropeP95: median(results[impl].map((r) => r.panEurope.p95)),
    panCity: median(results[impl].map((r) => r.panCity.median)),
    panCityP95: median(results[impl].map((r) => r.panCity.p95)),
    markers: results[impl][0].markers,
  });
  const rust = sum("rust");
  const js = sum("js");
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify({ points: N, runs: RUNS, rust, js, raw: results }, null, 2));
  const row = (name, key) => `| ${name} | ${rust[key].toFixed(1)} ms | ${js[key].toFixed(1)} ms | ${(rust[key] / js[key]).toFixed(2)}x |`;
  console.log(`\n${N} points, median of ${RUNS} runs (Chromium, same page, same Leaflet drawing)\n`);
  console.log("| | Rust/WASM (this app) | JS supercluster | ratio |\n|---|---|---|---|");
  console.log(row("start to first clustered render", "firstRender"));
  console.log(row("pan frame, Europe at zoom 5 (median)", "panEurope"));
  console.log(row("pan frame, Europe at zoom 5 (p95)", "panEuropeP95"));
  console.log(row("pan frame, a city at zoom 11 (median)", "panCity"));
  console.log(row("pan frame, a city at zoom 11 (p95)", "panCityP95"));
}

main().catch((e) => {
  console.error(`bench-map: ${e.message}`);
  process.exit(1);
});
