// Speed of the npm package in Node against JSON.parse of the same text, measured in the same run
// (a benchmark, not a test): on the generated 20,000-location feeds of benches/validate_feed.rs
// (crates/ocpi-feed-gen), each of validate, validateFeed and normalize is timed alternately with
// JSON.parse of the same text; the figure is the median of the ratios of neighbouring runs, which
// a machine busy with other work disturbs least. Target: validate at most 3x JSON.parse.
// Builds pkg/ first when it is missing.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROUNDS = 9;
const FEEDS = [
  { name: "2.2.1, 5% real-world deviations", args: ["--version", "2.2.1", "--deviations", "0.05"] },
  { name: "2.3.0, clean", args: ["--version", "2.3.0", "--deviations", "0"] },
];

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) {
    console.error(`failed: ${cmd} ${args.join(" ")}`);
    process.exit(1);
  }
}

if (!existsSync(join(repo, "pkg", "node.js"))) {
  run(process.execPath, [join(repo, "scripts", "build-npm.mjs")]);
}
const api = await import(pathToFileURL(join(repo, "pkg", "node.js")).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times `work` and `baseline` alternately; returns their median times (ms) and ratio. */
function compare(work, baseline) {
  work();
  baseline();
  const w = [];
  const b = [];
  for (let i = 0; i < ROUNDS; i++) {
    let start = performance.now();
    baseline();
    b.push(performance.now() - start);
    start = performance.now();
    work();
    w.push(performance.now() - start);
  }
  return { work: median(w), baseline: median(b), ratio: median(w.map((t, i) => t / b[i])) };
}

const rows = [];
for (const feed of FEEDS) {
  const dir = join(repo, "target", "npm-bench", feed.args[1]);
  run("cargo", ["run", "--quiet", "--release", "-p", "ocpi-feed-gen", "--", "--locations", "20000", "--seed", "7", ...feed.args, "--out-dir", dir]);
  const locations = readFileSync(join(dir, "locations.json"), "utf8");
  const tariffs = readFileSync(join(dir, "tariffs.json"), "utf8");
  const bytes = new TextEncoder().encode(locations);
  const parseBoth = () => [JSON.parse(locations), JSON.parse(tariffs)];
  const files = [
    { path: "locations.json", input: locations },
    { path: "tariffs.json", input: tariffs },
  ];
  const measured = [
    ["validate (string)", () => api.validate(locations, { path: "locations.json" }), () => JSON.parse(locations)],
    ["validate (Uint8Array)", () => api.validate(bytes, { path: "locations.json" }), () => JSON.parse(locations)],
    ["validateFeed (locations + tariffs)", () => api.validateFeed(files), parseBoth],
    ["normalize (locations + tariffs)", () => api.normalize(files), parseBoth],
  ];
  const mb = (locations.length + tariffs.length) / 1e6;
  console.log(`\n${feed.name}: locations.json ${(locations.length / 1e6).toFixed(1)} MB, tariffs.json ${(tariffs.length / 1e6).toFixed(2)} MB (${mb.toFixed(1)} MB)`);
  for (const [name, work, baseline] of measured) {
    const t = compare(work, baseline);
    const ratio = t.ratio;
    rows.push({ feed: feed.name, name, ratio });
    console.log(
      `  ${name.padEnd(36)} ${t.work.toFixed(0).padStart(6)} ms   JSON.parse ${t.baseline.toFixed(0).padStart(5)} ms   ${ratio.toFixed(2)}x`,
    );
  }
}
const worst = Math.max(...rows.filter((r) => r.name.startsWith("validate (")).map((r) => r.ratio));
console.log(`\nvalidate: at most ${worst.toFixed(2)}x JSON.parse of the same text (target: 3x)`);
