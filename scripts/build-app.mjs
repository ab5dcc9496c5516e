// Builds the charging map and validator page (www/) into target/app-dist:
// wasm32 target, wasm-bindgen-cli of the version in Cargo.lock, cargo build with the
// app-release profile, wasm-bindgen --target web, wasm-opt (npm binaryen), Leaflet and the
// Natural Earth basemap (npm world-atlas → GeoJSON with topojson-client), static files.
// Prints the gzipped size of what each page loads.
//
//   node scripts/build-app.mjs [--dev]     (--dev: debug build, no wasm-opt)
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dev = process.argv.includes("--dev");
export const DIST = path.join(root, "target", "app-dist");

function run(cmd, args, opts = {}) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
  }
}

function output(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The version of a package in Cargo.lock. */
export function lockVersion(name) {
  const lock = fs.readFileSync(path.join(root, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`name = "${name}"\\nversion = "([^"]+)"`));
  if (!m) throw new Error(`${name} is not in Cargo.lock`);
  return m[1];
}

/** wasm-bindgen of the version in Cargo.lock: on PATH if it matches, else installed under target/tools. */
export function wasmBindgen() {
  const want = lockVersion("wasm-bindgen");
  const onPath = output("wasm-bindgen", ["--version"]);
  if (onPath && onPath.endsWith(` ${want}`)) return "wasm-bindgen";
  const rootDir = path.join(root, "target", "tools", `wasm-bindgen-${want}`);
  const bin = path.join(rootDir, "bin", "wasm-bindgen");
  const have = fs.existsSync(bin) ? output(bin, ["--version"]) : null;
  if (!have || !have.endsWith(` ${want}`)) {
    const args = ["install", "wasm-bindgen-cli", "--version", want, "--root", rootDir];
    // The CLI's own lock file can name a dependency version the registry no longer serves;
    // then resolve afresh.
    try {
      run("cargo", [...args, "--locked"]);
    } catch {
      run("cargo", args);
    }
  }
  return bin;
}

export function ensureWasmTarget() {
  const installed = output("rustup", ["target", "list", "--installed"]) ?? "";
  if (!installed.split("\n").includes("wasm32-unknown-unknown")) {
    run("rustup", ["target", "add", "wasm32-unknown-unknown"]);
  }
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.cpSync(from, to, { recursive: true });
}

/** Rounds coordinates to `digits` decimals (the outlines are drawn at country scale). */
function roundCoords(value, digits) {
  const f = 10 ** digits;
  if (Array.isArray(value)) {
    if (value.length >= 2 && typeof value[0] === "number") return value.map((x) => Math.round(x * f) / f);
    return value.map((v) => roundCoords(v, digits));
  }
  return value;
}

function roundGeometry(g, digits) {
  if (!g) return g;
  if (g.type === "FeatureCollection") return { ...g, features: g.features.map((f) => roundGeometry(f, digits)) };
  if (g.type === "Feature") return { ...g, geometry: roundGeometry(g.geometry, digits) };
  if (g.type === "GeometryCollection") return { ...g, geometries: g.geometries.map((x) => roundGeometry(x, digits)) };
  return { ...g, coordinates: roundCoords(g.coordinates, digits) };
}

/** Natural Earth land and country borders (npm world-atlas) as GeoJSON, at 1:110m and 1:50m. */
export function buildBasemap(outDir) {
  const topo = require("topojson-client");
  const atlas = path.dirname(require.resolve("world-atlas/package.json"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const [scale, digits] of [["110m", 2], ["50m", 3]]) {
    const land = JSON.parse(fs.readFileSync(path.join(atlas, `land-${scale}.json`), "utf8"));
    const countries = JSON.parse(fs.readFileSync(path.join(atlas, `countries-${scale}.json`), "utf8"));
    const landGeo = roundGeometry(topo.feature(land, land.objects.land), digits);
    const borders = roundGeometry(topo.mesh(countries, countries.objects.countries, (a, b) => a !== b), digits);
    fs.writeFileSync(path.join(outDir, `land-${scale}.geojson`), JSON.stringify(landGeo));
    fs.writeFileSync(path.join(outDir, `borders-${scale}.geojson`), JSON.stringify(borders));
  }
}

function gz(file) {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** Gzipped bytes of what each page loads at start (the 1:50m basemap loads only from zoom 5). */
export function pageSizes(dist = DIST) {
  const common = ["boot.js", "styles.css", "pkg/www.js", "pkg/www_bg.wasm"];
  const snippets = [];
  const snipDir = path.join(dist, "pkg", "snippets");
  if (fs.existsSync(snipDir)) {
    for (const f of fs.readdirSync(snipDir, { recursive: true })) {
      if (String(f).endsWith(".js")) snippets.push(path.join("pkg", "snippets", String(f)));
    }
  }
  const pages = {
    "index.html (map)": ["index.html", ...common, ...snippets, "leaflet/leaflet.js", "leaflet/leaflet.css",
      "basemap/land-110m.geojson", "basemap/borders-110m.geojson"],
    "validator.html": ["validator.html", ...common, ...snippets],
  };
  const out = {};
  for (const [page, files] of Object.entries(pages)) {
    const sizes = Object.fromEntries(files.map((f) => [f, gz(path.join(dist, f))]));
    out[page] = { total: Object.values(sizes).reduce((a, b) => a + b, 0), files: sizes };
  }
  out["basemap 1:50m (from zoom 5)"] = {
    total: gz(path.join(dist, "basemap/land-50m.geojson")) + gz(path.join(dist, "basemap/borders-50m.geojson")),
  };
  return out;
}

export function buildApp({ dev: isDev = false } = {}) {
  ensureWasmTarget();
  const bindgen = wasmBindgen();
  const profile = isDev ? "dev" : "app-release";
  run("cargo", ["build", "-p", "www", "--lib", "--target", "wasm32-unknown-unknown", "--profile", profile, "--locked"]);
  const wasmIn = path.join(root, "target", "wasm32-unknown-unknown", isDev ? "debug" : profile, "www.wasm");
  fs.rmSync(DIST, { recursive: true, force: true });
  const pkg = path.join(DIST, "pkg");
  run(bindgen, ["--target", "web", "--no-typescript", "--out-dir", pkg, wasmIn]);
  if (!isDev) {
    const wasmOpt = path.join(path.dirname(require.resolve("binaryen/package.json")), "bin", "wasm-opt");
    const wasm = path.join(pkg, "www_bg.wasm");
    run(process.execPath, [wasmOpt, "-Oz", "--enable-bulk-memory", "--enable-nontrapping-float-to-int",
      "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue", "--enable-mutable-globals",
      wasm, "-o", wasm]);
  }
  for (const f of fs.readdirSync(path.join(root, "www", "static"))) {
    copy(path.join(root, "www", "static", f), path.join(DIST, f));
  }
  const leaflet = path.join(path.dirname(require.resolve("leaflet/package.json")), "dist");
  copy(path.join(leaflet, "leaflet.js"), path.join(DIST, "leaflet", "leaflet.js"));
  copy(path.join(leaflet, "leaflet.css"), path.join(DIST, "leaflet", "leaflet.css"));
  copy(path.join(leaflet, "images"), path.join(DIST, "leaflet", "images"));
  buildBasemap(path.join(DIST, "basemap"));
  return DIST;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const dist = buildApp({ dev });
    console.log(`\nbuilt ${path.relative(root, dist)}`);
    for (const [page, s] of Object.entries(pageSizes(dist))) {
      console.log(`  ${page}: ${(s.total / 1024).toFixed(1)} KiB gzipped`);
    }
  } catch (e) {
    console.error(`build-app: ${e.message}`);
    process.exit(1);
  }
}
