// `npm start`: installs what it needs, builds the app, generates the demo data set and serves
// both with the native `ocpi-open-data serve` on one port.
//
//   npm start [-- --port 8080] [-- --locations 5000]
//
// Steps: npm ci (when node_modules is missing), the wasm32 target and wasm-bindgen-cli of the
// version in Cargo.lock, the app (scripts/build-app.mjs), the demo data
// (`ocpi-feed-gen demo`, placed on the Natural Earth land the map draws), the CLI, then
// `ocpi-open-data serve --addr 127.0.0.1:PORT --static target/app-dist <demo feeds>`: one port
// serves the app, and the demo data of all three OCPI versions at /ocpi/versions (each file in
// its detected version), which the map reads by default.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const port = Number(arg("port", process.env.PORT ?? "8080"));
const locations = arg("locations", "5000");
const DEMO = path.join(root, "target", "demo-data");

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", cwd: root });
  if (r.status !== 0) {
    console.error(`npm start: ${cmd} ${args.join(" ")} failed (exit ${r.status ?? r.signal})`);
    process.exit(r.status || 1);
  }
}

/** The OCPI files of the demo (everything but the manifest). */
export function demoFeeds(dir = DEMO) {
  const out = [];
  for (const version of fs.readdirSync(dir).sort()) {
    const vdir = path.join(dir, version);
    if (!fs.statSync(vdir).isDirectory()) continue;
    for (const op of fs.readdirSync(vdir).sort()) {
      for (const f of ["locations.json", "tariffs.json"]) {
        const p = path.join(vdir, op, f);
        if (fs.existsSync(p)) out.push(p);
      }
    }
  }
  return out;
}

async function main() {
  if (!fs.existsSync(path.join(root, "node_modules", ".package-lock.json"))) {
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  }
  const { buildApp, pageSizes } = await import("./build-app.mjs");
  const dist = buildApp();
  run("cargo", ["run", "--release", "--locked", "-p", "ocpi-feed-gen", "--", "demo",
    "--locations", locations, "--land", path.join(dist, "basemap", "land-50m.geojson"), "--out-dir", DEMO]);
  run("cargo", ["build", "--release", "--locked", "--bin", "ocpi-open-data"]);
  const cli = path.join(root, "target", "release", "ocpi-open-data");
  for (const [page, s] of Object.entries(pageSizes(dist))) {
    console.log(`  ${page}: ${(s.total / 1024).toFixed(1)} KiB gzipped`);
  }
  const addr = `127.0.0.1:${port}`;
  const server = spawn(cli, ["serve", "--addr", addr, "--static", dist, ...demoFeeds()], {
    stdio: ["ignore", "inherit", "inherit"],
    cwd: root,
  });
  console.log(`\nCharging map:   http://${addr}/`);
  console.log(`Validator page: http://${addr}/validator.html`);
  console.log(`OCPI feed:      http://${addr}/ocpi/versions\n(Ctrl-C to stop)`);
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`npm start: ${e.message}`);
    process.exit(1);
  });
}
